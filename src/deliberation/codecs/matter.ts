/**
 * The community matter 议题 as data: what a hall carries through the four stages, from the
 * demands it was aggregated from to its resolution, tasks, coordinations and evaluations, with
 * every step of its lifecycle.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  DemandId,
  Instant,
  MatterId,
  MeetingId,
  MotionId,
  PersonId,
  TaskId,
  integer,
  list,
  orNull,
  struct,
} from '../../core/index.js'
import { Name } from '../../community/index.js'
import { MatterStatus, Text } from './common.js'
import { ParticipantKind } from './hall.js'
import { Outcome } from './motion.js'
import { ObjectionSettlement } from './task.js'

/** One step of a matter's lifecycle, kept for its timeline. @category State */
export const MatterStep = struct('MatterStep', {
  to: MatterStatus,
  on: t.string,
  at: Instant,
  actor: PersonId,
})
/** One step of a matter's lifecycle. @category State */
export type MatterStep = t.TypeOf<typeof MatterStep>

/** A community matter 议题 carried through the four stages. @category State */
export const Matter = struct('Matter', {
  id: MatterId,
  title: Name,
  status: MatterStatus,
  /** The meeting whose agenda it is on (the latest). */
  meeting: orNull(MeetingId),
  demands: list(DemandId),
  resolution: orNull(
    struct('resolution', { motion: MotionId, text: Text, outcome: Outcome, at: Instant }),
  ),
  tasks: list(TaskId),
  coordinations: list(
    struct('coordination', {
      at: Instant,
      attendees: list(ParticipantKind, 6),
      settlements: list(ObjectionSettlement, 50),
    }),
  ),
  evaluations: list(
    struct('evaluation', {
      resident: PersonId,
      score: integer(1, 5),
      at: Instant,
      /** The evaluation round: 0, then one more each time the matter is reopened. */
      round: integer(0, 1000),
    }),
  ),
  /** How many times an evaluation has reopened it (the current evaluation round). */
  reopened: integer(0, 1000),
  steps: list(MatterStep),
})
/** A community matter. @category State */
export type Matter = t.TypeOf<typeof Matter>
