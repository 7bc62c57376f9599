/**
 * Embedding (嵌入机制): organisation embedding 组织嵌入 and member embedding 党员嵌入, on the
 * street registry's stream.
 *
 * @module
 */
export * from './codecs.js'
export * from './machine.js'
export * from './state.js'
export * from './queries.js'
export * from './decider.js'
export * from './narrate.js'
