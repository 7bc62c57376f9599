/**
 * Interest coordination 利益协调 as data: a task, its owner, and how a coordination meeting
 * 党政群共商共治 settles an objection to it; the commands that assign, accept, report on, finish and
 * object to tasks and hold coordination, and their events.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  Instant,
  MatterId,
  PersonId,
  TaskId,
  command,
  discriminatedUnion,
  event,
  integer,
  list,
  orNull,
  struct,
} from '../../core/index.js'
import { Description, PartyRef } from '../../community/index.js'
import { TaskStatus, inHall, matterMove } from './common.js'
import { ParticipantKind } from './hall.js'

/** Who owns a task: a person or an organisation (e.g. the property company). @category State */
export const TaskOwner = PartyRef
/** Who owns a task. @category State */
export type TaskOwner = PartyRef

/** How a coordination meeting settles an objection to a task. @category State */
export const ObjectionSettlement = discriminatedUnion('ObjectionSettlement', 'outcome', [
  struct('upheld', { outcome: t.literal('upheld'), task: TaskId }),
  struct('reassigned', { outcome: t.literal('reassigned'), task: TaskId, owner: TaskOwner }),
  struct('withdrawn', { outcome: t.literal('withdrawn'), task: TaskId }),
])
/** How an objection to a task is settled. @category State */
export type ObjectionSettlement = t.TypeOf<typeof ObjectionSettlement>

/** A task a resolution is broken into. @category State */
export const Task = struct('Task', {
  id: TaskId,
  matter: MatterId,
  owner: TaskOwner,
  description: Description,
  due: Instant,
  status: TaskStatus,
  progress: list(struct('progress', { percent: integer(0, 100), note: Description, at: Instant })),
  objections: list(struct('objection', { reason: Description, at: Instant })),
  reports: list(struct('report', { supervisor: PersonId, finding: Description, at: Instant })),
  doneAt: orNull(Instant),
})
/** A task. @category State */
export type Task = t.TypeOf<typeof Task>

// Commands

/**
 * The chair breaks a decided matter into a task with an owner and a due date.
 *
 * @category Commands
 */
export const AssignTask = command('assignTask', {
  ...inHall,
  task: TaskId,
  matter: MatterId,
  owner: TaskOwner,
  description: Description,
  due: Instant,
})

/** A task's owner accepts it. @category Commands */
export const AcceptTask = command('acceptTask', { ...inHall, task: TaskId })

/** A task's owner reports progress. @category Commands */
export const ReportProgress = command('reportProgress', {
  ...inHall,
  task: TaskId,
  percent: integer(0, 100),
  note: Description,
})

/** A task's owner reports it finished. @category Commands */
export const FinishTask = command('finishTask', { ...inHall, task: TaskId })

/** A task's owner objects to it (a conflict of interest to settle). @category Commands */
export const ObjectToTask = command('objectToTask', {
  ...inHall,
  task: TaskId,
  reason: Description,
})

/**
 * A coordination meeting of party, government and residents 党政群共商共治 settles objections to
 * a matter's tasks; its outcome is recorded.
 *
 * @category Commands
 */
export const HoldCoordination = command('holdCoordination', {
  ...inHall,
  matter: MatterId,
  attendees: list(ParticipantKind, 6),
  settlements: list(ObjectionSettlement, 50),
})

// Events

/** A decided matter's task was assigned to its owner. */
export const TaskAssigned = event('taskAssigned', {
  ...matterMove,
  task: TaskId,
  owner: TaskOwner,
  description: Description,
  due: Instant,
})

/** A task's owner accepted it. */
export const TaskAccepted = event('taskAccepted', { task: TaskId, status: TaskStatus })

/** A task's owner reported progress. */
export const ProgressReported = event('progressReported', {
  task: TaskId,
  status: TaskStatus,
  percent: integer(0, 100),
  note: Description,
})

/** A task's owner reported it finished. */
export const TaskFinished = event('taskFinished', { task: TaskId, status: TaskStatus })

/** A task's owner objected to it. */
export const TaskObjected = event('taskObjected', {
  task: TaskId,
  status: TaskStatus,
  reason: Description,
})

/** A coordination meeting settled objections to tasks of a matter. */
export const CoordinationHeld = event('coordinationHeld', {
  matter: MatterId,
  attendees: list(ParticipantKind, 6),
  settlements: list(ObjectionSettlement, 50),
  /** Each settled task's state after the settlement. */
  tasks: list(struct('task move', { task: TaskId, status: TaskStatus }), 50),
})
