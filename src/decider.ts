/**
 * The kit for writing a mechanism (决策器工具), `governance-kit/decider`: commands and events with
 * their envelope, dispatch tables, catalogues of rules, permission tables, lifecycles as
 * transition tables, the checks and refusals a handler is written with, and `combine`.
 *
 * @module
 */
export * from './core/decider.js'
export * from './core/dispatch.js'
export * from './core/rules.js'
export * from './core/permissions.js'
export * from './core/machine.js'
export * from './core/checks.js'
export * from './core/kit.js'
export * from './core/compose.js'
export * from './core/errors.js'
/** @category Commands */
export type { CommandCreators, CommandFields, Unbranded } from './core/creators.js'
