/**
 * The core kernel: ids, time, errors, codecs, lifecycles, deciders, the store and the engine.
 *
 * @module
 */
export * from './errors.js'
export * from './ids.js'
export * from './time.js'
export * from './codec.js'
export * from './union.js'
export * from './decode.js'
export * from './checks.js'
export * from './rules.js'
export * from './dispatch.js'
export * from './permissions.js'
export * from './kit.js'
export * from './machine.js'
export * from './decider.js'
export * from './compose.js'
export type { CommandCreators, CommandFields, Unbranded } from './creators.js'
export * from './store.js'
export {
  DEFAULT_FUTURE_TOLERANCE,
  InvalidEngineOptions,
  MAX_RETRIES,
  type Clock,
  type EngineOptions,
  type NoClock,
} from './engine-options.js'
export * from './engine.js'
export * from './collection.js'
export * from './hash.js'
