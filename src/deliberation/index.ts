/**
 * Four-stage deliberation (协商议事): the 365 hall from demand to evaluation.
 *
 * @module
 */
export * from './codecs/index.js'
export * from './machine.js'
export * from './rules.js'
export {
  MAX_OCCURRENCES,
  Recurrence,
  Schedule,
  SlotPurpose,
  TimeOfDay,
  UtcOffset,
  Weekday,
  nextOccurrences,
  sanSanSan,
  sanWuWu,
  type Occurrence,
  type TimeOfDayBrand,
  type UtcOffsetBrand,
} from './schedule.js'
export { emptyHall, type HallState } from './state.js'
export {
  actingRepresentatives,
  actsAsChair,
  chairActs,
  chairSince,
  leftStreetSince,
  livesAtHall,
  livesInStreetOfHall,
  representativeActs,
  streetOfHall,
} from './residency.js'
export { balanceExcess, rosterBalance } from './hall.js'
export { carries, tallyOf } from './motion.js'
/** @category Mechanism */
export {
  applyDeliberationEvent,
  decideDeliberation,
  deliberation,
  hallStream,
} from './mechanism.js'
export * from './queries.js'
export {
  dueInHall,
  type DueDemand,
  type DueEvaluation,
  type DueMatter,
  type DueMeeting,
  type DueSlot,
  type DueTask,
  type HallDueItem,
} from './due.js'
export { allowedInHall, deliberationPermissions } from './permissions.js'
