/**
 * What is waiting in a hall 待办 (issue 12): what is due or overdue at an instant, read from the
 * hall's state alone — tasks not finished, meetings scheduled and not opened, evaluation rounds
 * open, matters waiting for the chair's next step, demands waiting to be aggregated, and the next
 * slot of each of the hall's schedules. {@link dueInHall} is pure: `at` is given, never read from
 * a clock.
 *
 * @module
 */
import {
  compareInstants,
  isBefore,
  valuesOf,
  type DemandId,
  type Instant,
  type MatterId,
  type MeetingId,
  type PersonId,
  type TaskId,
  type TriggerOf,
} from '../core/index.js'
import type { Matter, MatterStatus, TaskOwner, TaskStatus } from './codecs/index.js'
import { matterMachine, meetingMachine, taskMachine } from './machine.js'
import { overdueTasks, waitingDemands } from './queries.js'
import { nextOccurrences, type SlotPurpose } from './schedule.js'
import type { HallState } from './state.js'

/**
 * A task of interest coordination 利益协调 not finished: neither done nor withdrawn (the task
 * table's final states). Every task has a due date; it is overdue once that date has passed
 * (as {@link overdueTasks} says).
 *
 * @category Queries
 */
export interface DueTask {
  readonly kind: 'task'
  readonly task: TaskId
  readonly matter: MatterId
  /** Who answers for it 责任方: a person, or an organisation such as the property company 物业. */
  readonly owner: TaskOwner
  readonly description: string
  /** Where it is: `assigned`, `accepted`, `in-progress`, or `objected` (waiting for coordination). */
  readonly status: TaskStatus
  readonly dueBy: Instant
  readonly overdue: boolean
}

/**
 * A meeting 议事会议 scheduled and not yet opened (nor cancelled): due at `scheduledFor`, overdue
 * once that time has passed and it has still not opened.
 *
 * @category Queries
 */
export interface DueMeeting {
  readonly kind: 'meeting'
  readonly meeting: MeetingId
  readonly scheduledFor: Instant
  /** The matters on its agenda 议程, in order. */
  readonly agenda: ReadonlyArray<MatterId>
  readonly overdue: boolean
}

/**
 * A residents' evaluation round 评议 open (supervision and evaluation 监督评估): the matter is
 * `evaluating`, waiting for residents to evaluate and for the chair to close the round. It has no
 * deadline in the state.
 *
 * @category Queries
 */
export interface DueEvaluation {
  readonly kind: 'evaluation'
  readonly matter: MatterId
  readonly title: string
  /** The round, from 0 (one more each time an evaluation reopened the matter). */
  readonly round: number
  /** How many residents have evaluated in this round so far. */
  readonly evaluations: number
  /** When the round was opened (the matter's step to `evaluating`); null if none is kept. */
  readonly openedAt: Instant | null
}

/**
 * A matter 议题 waiting for the chair's next step, as its state says: `collected` (to go on an
 * agenda), `decided` (to be broken into tasks), `reopened` (back on an agenda or to coordination)
 * or `supervising` (to open the evaluation once its tasks are done). `next` names the commands the
 * matter table has from that state; their guards are checked when a command is sent, not here.
 * A matter `on-agenda` waits for its meeting, `coordinating` for its tasks, `evaluating` for its
 * round: those are listed as meetings, tasks and evaluations. It has no deadline in the state.
 *
 * @category Queries
 */
export interface DueMatter {
  readonly kind: 'matter'
  readonly matter: MatterId
  readonly title: string
  readonly status: MatterStatus
  readonly next: ReadonlyArray<TriggerOf<typeof matterMachine>>
  /** When it reached that state; null if the state keeps no step for it. */
  readonly since: Instant | null
}

/**
 * A resident's demand 诉求 submitted (at or before `at`) and not yet aggregated into a matter
 * (as {@link waitingDemands} says, with no minimum wait). It has no deadline in the state.
 *
 * @category Queries
 */
export interface DueDemand {
  readonly kind: 'demand'
  readonly demand: DemandId
  readonly resident: PersonId
  readonly submittedAt: Instant
}

/**
 * The next slot of one of the hall's schedules 议事制度的时间安排 strictly after `at` (from
 * {@link nextOccurrences}): due at that instant.
 *
 * @category Queries
 */
export interface DueSlot {
  readonly kind: 'scheduled'
  readonly at: Instant
  readonly purpose: SlotPurpose
  /** The schedule's name, e.g. `三三三 tea talk`. */
  readonly schedule: string
}

/**
 * One thing due or waiting in a hall 待办事项, as {@link dueInHall} lists it; `kind` tells which.
 *
 * @category Queries
 */
export type HallDueItem = DueTask | DueMeeting | DueEvaluation | DueMatter | DueDemand | DueSlot

/** The matter states in which a matter waits for the chair, not for a meeting, task or round. */
const waitingStates: ReadonlyArray<MatterStatus> = [
  'collected',
  'decided',
  'reopened',
  'supervising',
]

/** When an item is due, if it is: a task's due date, a meeting's or a slot's time. */
const dueTime = (item: HallDueItem): Instant | null => {
  switch (item.kind) {
    case 'task':
      return item.dueBy
    case 'meeting':
      return item.scheduledFor
    case 'scheduled':
      return item.at
    case 'evaluation':
    case 'matter':
    case 'demand':
      return null
  }
}

/** When a matter reached the state it is in (its latest step to that state), if kept. */
const reached = (matter: Matter): Instant | null => {
  for (let i = matter.steps.length - 1; i >= 0; i--) {
    const step = matter.steps[i]
    if (step?.to === matter.status) return step.at
  }
  return null
}

const byId = <A extends { readonly id: string }>(a: A, b: A): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * What is due or waiting in a hall 待办 at the instant `at`, read from the hall's state alone (no
 * clock): tasks not finished (overdue past their due date), meetings scheduled and not opened
 * (overdue past their time), the next slot after `at` of each schedule, evaluation rounds open,
 * matters waiting for the chair's next step, and demands waiting to be aggregated. Items with a
 * time (a task's due date, a meeting's or a slot's time) come first, earliest first; the others
 * follow (evaluations, matters, demands, each in id order or, for demands, as submitted). The sort
 * is stable: items of the same time keep that order (tasks, meetings, slots). Empty for a hall not
 * opened.
 *
 * @example
 * ```ts
 * import { instant } from 'governance-kit'
 * import { dueInHall, emptyHall } from 'governance-kit/deliberation'
 * dueInHall(emptyHall, instant('2024-05-20T09:00:00+08:00')) // []
 * // a hall with meeting mt-1 scheduled for 2024-05-15 15:00 and not opened:
 * // [{ kind: 'meeting', meeting: 'mt-1', scheduledFor: '2024-05-15T15:00:00+08:00',
 * //    agenda: ['m-1'], overdue: true }, …]
 * ```
 *
 * @category Queries
 */
export const dueInHall = (state: HallState, at: Instant): ReadonlyArray<HallDueItem> => {
  if (state.hall === null) return []
  const overdue = new Set(overdueTasks(state, at).map((t) => t.id))
  const items: HallDueItem[] = []
  for (const task of [...valuesOf(state.tasks)].sort(byId))
    if (!taskMachine.final.includes(task.status))
      items.push({
        kind: 'task',
        task: task.id,
        matter: task.matter,
        owner: task.owner,
        description: task.description,
        status: task.status,
        dueBy: task.due,
        overdue: overdue.has(task.id),
      })
  for (const meeting of [...valuesOf(state.meetings)].sort(byId))
    if (meeting.status === meetingMachine.initial)
      items.push({
        kind: 'meeting',
        meeting: meeting.id,
        scheduledFor: meeting.scheduledFor,
        agenda: meeting.agenda,
        overdue: isBefore(meeting.scheduledFor, at),
      })
  for (const schedule of state.schedules)
    for (const slot of nextOccurrences(schedule, at, 1))
      items.push({ kind: 'scheduled', at: slot.at, purpose: slot.purpose, schedule: schedule.name })
  const matters = [...valuesOf(state.matters)].sort(byId)
  for (const matter of matters)
    if (matter.status === 'evaluating')
      items.push({
        kind: 'evaluation',
        matter: matter.id,
        title: matter.title,
        round: matter.reopened,
        evaluations: matter.evaluations.filter((e) => e.round === matter.reopened).length,
        openedAt: reached(matter),
      })
  for (const matter of matters)
    if (waitingStates.includes(matter.status))
      items.push({
        kind: 'matter',
        matter: matter.id,
        title: matter.title,
        status: matter.status,
        next: matterMachine.triggersFrom(matter.status),
        since: reached(matter),
      })
  for (const demand of waitingDemands(state, at, 0))
    items.push({
      kind: 'demand',
      demand: demand.id,
      resident: demand.resident,
      submittedAt: demand.submittedAt,
    })
  return items
    .map((item, index) => ({ item, index, time: dueTime(item) }))
    .sort((a, b) =>
      a.time === null
        ? b.time === null
          ? a.index - b.index
          : 1
        : b.time === null
          ? -1
          : compareInstants(a.time, b.time) || a.index - b.index,
    )
    .map(({ item }) => item)
}
