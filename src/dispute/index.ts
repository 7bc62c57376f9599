/**
 * Dispute coordination (矛盾纠纷化解): cases, mediation and the escalation ladder.
 *
 * @module
 */
export * from './codecs.js'
export * from './machine.js'
export * from './rules.js'
export { emptyCase, type CaseState } from './state.js'
export { placesOfLevel } from './authority.js'
export { nextLevel } from './ladder.js'
/** @category Mechanism */
export { applyDisputeEvent, caseStream, decideDispute, dispute } from './mechanism.js'
export * from './queries.js'
export { allowedInCase, disputePermissions } from './permissions.js'
