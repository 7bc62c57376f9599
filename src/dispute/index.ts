/**
 * Dispute coordination (矛盾纠纷化解): cases, mediation and the escalation ladder.
 *
 * @module
 */
export * from './codecs.js'
export * from './machine.js'
export * from './decider.js'
export * from './queries.js'
