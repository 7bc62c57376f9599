/**
 * Places and actors (地方与主体): the street registry every mechanism builds on.
 *
 * @module
 */
export * from './codecs.js'
export * from './state.js'
export * from './machine.js'
export * from './queries.js'
export * from './authorisation.js'
export * from './decider.js'
export * from './narrate.js'
