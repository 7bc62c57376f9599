export * from './codecs.js'
export * from './machine.js'
export * from './state.js'
export * from './decider.js'
export * from './queries.js'
export { councilComposition, councilOfHall, type CouncilComposition } from './council.js'
export { serviceHours, type VolunteerHours } from './teams.js'
export {
  balances,
  ledgerTotals,
  statement,
  type AccountBalance,
  type LedgerTotals,
  type StatementLine,
} from './bank.js'
export {
  accessGaps,
  arrangementsFor,
  requestsOf,
  type AccessGaps,
  type OpportunityGap,
  type OutcomeGap,
  type OutcomeTally,
} from './station.js'
export {
  byResidency,
  trainingHours,
  trainingHoursBy,
  type ClassTime,
  type GroupTraining,
  type PersonTraining,
  type TrainingFilter,
} from './school.js'
