/**
 * Embedding (嵌入机制): organisation embedding 组织嵌入 and member embedding 党员嵌入, on the
 * street registry's stream.
 *
 * @module
 */
export * from './codecs/index.js'
export * from './machine.js'
export * from './state.js'
export * from './rules.js'
export * from './queries/index.js'
export * from './mechanism.js'
export * from './narrate.js'
export * from './permissions.js'
export * from './due.js'
