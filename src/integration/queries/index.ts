/**
 * The read side of integration, by vehicle: pure selectors over a street's integration (and, where
 * they need it, its registry or a council's hall). The "five ones" 五个一工程, the reading across
 * every vehicle, is `five-ones.ts`.
 *
 * @module
 */
export { councilComposition, councilOfHall, type CouncilComposition } from './council.js'
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
export { serviceHours, type VolunteerHours } from './teams.js'
export {
  balances,
  ledgerTotals,
  statement,
  type AccountBalance,
  type LedgerTotals,
  type StatementLine,
} from './bank.js'
