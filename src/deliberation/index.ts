/**
 * Four-stage deliberation (协商议事): the 365 hall from demand to evaluation.
 *
 * @module
 */
export * from './codecs.js'
export * from './machine.js'
export * from './schedule.js'
export * from './state.js'
export * from './residency.js'
export * from './decider.js'
export * from './queries.js'
