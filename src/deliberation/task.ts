/**
 * Interest coordination 利益协调, the third stage: the chair breaks a decided matter into tasks
 * with an owner — a person, or an organisation such as the property company 物业 — and a due
 * date; only the owner (or a leader of the owning organisation) accepts, reports progress,
 * finishes or objects; a coordination meeting of party, government and residents 党政群共商共治
 * settles the objections (a task upheld, reassigned or withdrawn).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { castDraft } from 'immer'
import {
  alreadyExists,
  draftOf,
  forbidden,
  found,
  insert,
  lookup,
  refuseBy,
  refuseWhen,
  stamp,
  type DomainError,
  type Instant,
  type OfType,
  type PersonId,
  type TaskId,
} from '../core/index.js'
import { actsFor, hasParty, partyNotFound, type RegistryState } from '../community/index.js'
import type {
  DeliberationCommand,
  DeliberationEvent,
  ObjectionSettlement,
  Task,
  TaskOwner,
  TaskStatus,
} from './codecs/index.js'
import { matterMachine, taskMachine } from './machine.js'
import { chairOnly } from './residency.js'
import { deliberationRules } from './rules.js'
import {
  moveMatter,
  type HallContext,
  type HallEvents,
  type HallHandler,
  type HallReducer,
  type HallState,
} from './state.js'

// Who answers for a task, and how objections are settled

/** The check that a task's owner is a person or organisation of the registry. */
const ownerExists = (registry: RegistryState, owner: TaskOwner): E.Either<DomainError, void> =>
  refuseWhen(!hasParty(registry, owner), () => partyNotFound(owner))

/** The check that the actor answers for the task: its owner, or a leader of the owning organisation. */
const ownerOnly = (
  c: DeliberationCommand,
  task: Task,
  registry: RegistryState,
): E.Either<DomainError, void> =>
  refuseWhen(!actsFor(registry, c.actor, task.owner), () =>
    forbidden(c.actor, c.type, [
      task.owner.kind === 'person'
        ? `owner ${task.owner.person} of task ${task.id}`
        : `a leader of ${task.owner.organisation}, owner of task ${task.id}`,
    ]),
  )

/** The commands of a task's owner. */
type OwnerCommand = 'acceptTask' | 'reportProgress' | 'finishTask' | 'objectToTask'

/** What every event of a task's owner records: when, who, the task and its state after. */
interface OwnerStep {
  readonly at: Instant
  readonly actor: PersonId
  readonly task: TaskId
  readonly status: TaskStatus
}

/**
 * A step of a task's owner: the task, the owner's authority, the command's own rule (an
 * objection's), the move through the task table, and the event it records.
 */
const ownerStep = (
  c: OfType<DeliberationCommand, OwnerCommand>,
  s: HallState,
  x: HallContext,
  record: (step: OwnerStep) => DeliberationEvent,
  rule: (task: Task) => E.Either<DomainError, void> = () => E.right(undefined),
): E.Either<DomainError, HallEvents> =>
  pipe(
    found(lookup(s.tasks, c.task), 'task', c.task),
    E.tap((task) => ownerOnly(c, task, x.registry)),
    E.tap(rule),
    E.flatMap((task) => taskMachine.next(task.status, c.type)),
    E.map((status) => [record({ ...stamp(c), task: c.task, status })]),
  )

/** Whether a task's matter is in coordination, when objections are raised (`matter-not-coordinating`). */
export const inCoordination = (s: HallState, task: Task): boolean =>
  lookup(s.matters, task.matter)?.status === 'coordinating'

/** The task-table trigger of each settlement of an objection. */
const settlementTrigger = {
  upheld: 'upholdTask',
  reassigned: 'reassignTask',
  withdrawn: 'withdrawTask',
} as const

/**
 * The settlements of a coordination meeting, in order: each names an unsettled task of the matter
 * (`task-of-matter`), a new owner of the registry when it reassigns, and an objected task (the
 * task table); the tasks' states after them.
 */
const settle = (
  c: OfType<DeliberationCommand, 'holdCoordination'>,
  s: HallState,
  x: HallContext,
): E.Either<DomainError, ReadonlyArray<{ readonly task: TaskId; readonly status: TaskStatus }>> => {
  const moves: Array<{ task: TaskId; status: TaskStatus }> = []
  for (const settlement of c.settlements) {
    const next = pipe(
      found(lookup(s.tasks, settlement.task), 'task', settlement.task),
      E.tap((task) =>
        refuseBy(
          deliberationRules.taskOfMatter,
          task.matter !== c.matter || moves.some((m) => m.task === task.id),
          () => `Task ${task.id} is not an unsettled task of ${c.matter}`,
        ),
      ),
      E.tap(() => newOwnerExists(x.registry, settlement)),
      E.flatMap((task) =>
        pipe(
          taskMachine.next(task.status, settlementTrigger[settlement.outcome]),
          E.map((status) => ({ task: task.id, status })),
        ),
      ),
    )
    if (E.isLeft(next)) return next
    moves.push(next.right)
  }
  return E.right(moves)
}

/** The new owner of a reassigned task is a person or organisation of the registry. */
const newOwnerExists = (
  registry: RegistryState,
  settlement: ObjectionSettlement,
): E.Either<DomainError, void> =>
  settlement.outcome === 'reassigned' ? ownerExists(registry, settlement.owner) : E.right(undefined)

// Handlers

const assignTask: HallHandler<'assignTask'> = (c, s, x) =>
  pipe(
    found(lookup(s.matters, c.matter), 'matter', c.matter),
    E.tap(() => chairOnly(c, x)),
    E.tap(() => ownerExists(x.registry, c.owner)),
    E.tap(() =>
      refuseWhen(lookup(s.tasks, c.task) !== undefined, () => alreadyExists('task', c.task)),
    ),
    E.flatMap((matter) => matterMachine.next(matter.status, c.type)),
    E.map((status): HallEvents => [
      {
        type: 'taskAssigned',
        ...stamp(c),
        matter: c.matter,
        status,
        task: c.task,
        owner: c.owner,
        description: c.description,
        due: c.due,
      },
    ]),
  )

const acceptTask: HallHandler<'acceptTask'> = (c, s, x) =>
  ownerStep(c, s, x, (step) => ({ type: 'taskAccepted', ...step }))

const reportProgress: HallHandler<'reportProgress'> = (c, s, x) =>
  ownerStep(c, s, x, (step) => ({
    type: 'progressReported',
    ...step,
    percent: c.percent,
    note: c.note,
  }))

const finishTask: HallHandler<'finishTask'> = (c, s, x) =>
  ownerStep(c, s, x, (step) => ({ type: 'taskFinished', ...step }))

/** An objection, raised while the matter is in coordination, which settles it. */
const objectToTask: HallHandler<'objectToTask'> = (c, s, x) =>
  ownerStep(
    c,
    s,
    x,
    (step) => ({ type: 'taskObjected', ...step, reason: c.reason }),
    (task) => {
      const stage = lookup(s.matters, task.matter)?.status
      return refuseBy(
        deliberationRules.matterNotCoordinating,
        !inCoordination(s, task),
        () =>
          `Objections are raised while ${task.matter} is in coordination (it is ${stage ?? 'gone'})`,
      )
    },
  )

const holdCoordination: HallHandler<'holdCoordination'> = (c, s, x) =>
  pipe(
    found(lookup(s.matters, c.matter), 'matter', c.matter),
    E.tap(() => chairOnly(c, x)),
    E.tap((matter) => matterMachine.next(matter.status, c.type)),
    E.tap(() =>
      refuseBy(
        deliberationRules.coordinationAttendance,
        !c.attendees.includes('party-committee') || !c.attendees.includes('resident'),
        () => 'A coordination meeting (党政群共商共治) has the party committee and residents at it',
      ),
    ),
    E.flatMap(() => settle(c, s, x)),
    E.map((tasks): HallEvents => [
      {
        type: 'coordinationHeld',
        ...stamp(c),
        matter: c.matter,
        attendees: c.attendees,
        settlements: c.settlements,
        tasks,
      },
    ]),
  )

/** The handlers of interest coordination. */
export const taskHandlers = {
  assignTask,
  acceptTask,
  reportProgress,
  finishTask,
  objectToTask,
  holdCoordination,
}

// Reducers

/** A new task, and its matter moves to coordination. */
const taskAssigned: HallReducer<'taskAssigned'> = (draft, e) => {
  insert(draft.tasks, e.task, {
    id: e.task,
    matter: e.matter,
    owner: castDraft(e.owner),
    description: e.description,
    due: e.due,
    status: taskMachine.initial,
    progress: [],
    objections: [],
    reports: [],
    doneAt: null,
  })
  moveMatter(draft, e, e)?.tasks.push(e.task)
}

const taskAccepted: HallReducer<'taskAccepted'> = (draft, e) => {
  const task = draftOf(draft.tasks, e.task)
  if (task === undefined) return
  task.status = e.status
}

const taskFinished: HallReducer<'taskFinished'> = (draft, e) => {
  const task = draftOf(draft.tasks, e.task)
  if (task === undefined) return
  task.status = e.status
  task.doneAt = e.at
}

const progressReported: HallReducer<'progressReported'> = (draft, e) => {
  const task = draftOf(draft.tasks, e.task)
  if (task === undefined) return
  task.status = e.status
  task.progress.push({ percent: e.percent, note: e.note, at: e.at })
}

const taskObjected: HallReducer<'taskObjected'> = (draft, e) => {
  const task = draftOf(draft.tasks, e.task)
  if (task === undefined) return
  task.status = e.status
  task.objections.push({ reason: e.reason, at: e.at })
}

/** The coordination is recorded on its matter; settled tasks move, reassigned ones change owner. */
const coordinationHeld: HallReducer<'coordinationHeld'> = (draft, e) => {
  draftOf(draft.matters, e.matter)?.coordinations.push({
    at: e.at,
    attendees: [...e.attendees],
    settlements: castDraft([...e.settlements]),
  })
  for (const move of e.tasks) {
    const task = draftOf(draft.tasks, move.task)
    if (task !== undefined) task.status = move.status
  }
  for (const settlement of e.settlements) {
    const task = draftOf(draft.tasks, settlement.task)
    if (task !== undefined && settlement.outcome === 'reassigned')
      task.owner = castDraft(settlement.owner)
  }
}

/** The reducers of interest coordination. */
export const taskReducers = {
  taskAssigned,
  taskAccepted,
  progressReported,
  taskFinished,
  taskObjected,
  coordinationHeld,
}
