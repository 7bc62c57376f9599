/**
 * Supervision and evaluation 监督评估, the fourth stage: when a matter's tasks are settled the
 * chair moves it to supervision, and supervisors 监督员 (such as the red owners' committee
 * 红色业委会) report on tasks they neither own nor lead the owner of; when its tasks are done the
 * residents of the hall's place evaluate it, once each per round, and closing the round closes
 * the matter at the charter's pass mark or reopens it for another round.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  draftOf,
  forbidden,
  found,
  lookup,
  lookupAll,
  refuseBy,
  refuseWhen,
  stamp,
  type MatterId,
  type PersonId,
} from '../core/index.js'
import { actsFor } from '../community/index.js'
import type { Matter, Task } from './codecs/index.js'
import { matterMachine, taskMachine } from './machine.js'
import { chairOnly, livesAtHall } from './residency.js'
import { deliberationRules } from './rules.js'
import {
  moveMatter,
  type HallEvents,
  type HallHandler,
  type HallReducer,
  type HallState,
} from './state.js'

// A matter's tasks and its evaluation round

/** The matter a command names, or NotFound. */
const matterNamed = (s: HallState, matter: MatterId) =>
  found(lookup(s.matters, matter), 'matter', matter)

/** The tasks of a matter, in the order assigned. */
export const tasksOf = (s: HallState, matter: Matter): ReadonlyArray<Task> =>
  lookupAll(s.tasks, matter.tasks)

/** The guard `tasks-settled`: no objection pending, and something left to supervise. */
export const tasksSettled = (tasks: ReadonlyArray<Task>): boolean =>
  tasks.every((t) => t.status !== 'objected') && tasks.some((t) => t.status !== 'withdrawn')

/** The guard `tasks-done`: every task done or withdrawn, and at least one done. */
export const tasksDone = (tasks: ReadonlyArray<Task>): boolean =>
  tasks.some((t) => t.status === 'done') && tasks.every((t) => taskMachine.final.includes(t.status))

/** The evaluations of the matter's current round. */
export const roundOf = (matter: Matter): Matter['evaluations'] =>
  matter.evaluations.filter((e) => e.round === matter.reopened)

/** Whether `person` has evaluated a matter in its current round (`one-evaluation`). */
export const evaluatedThisRound = (matter: Matter, person: PersonId): boolean =>
  roundOf(matter).some((e) => e.resident === person)

/** Whether a task's matter is under supervision or evaluation (`not-under-supervision`). */
export const underSupervision = (s: HallState, task: Task): boolean => {
  const stage = lookup(s.matters, task.matter)?.status
  return stage === 'supervising' || stage === 'evaluating'
}

/** Whether `person` is a supervisor of the hall 监督员. */
export const supervises = (s: HallState, person: PersonId): boolean =>
  lookup(s.supervisors, person) !== undefined

// Handlers

const beginSupervision: HallHandler<'beginSupervision'> = (c, s, x) =>
  pipe(
    matterNamed(s, c.matter),
    E.tap(() => chairOnly(c, x)),
    E.flatMap((matter) =>
      matterMachine.next(matter.status, c.type, {
        [deliberationRules.tasksSettled.id]: tasksSettled(tasksOf(s, matter)),
      }),
    ),
    E.map((status): HallEvents => [
      { type: 'supervisionBegun', ...stamp(c), matter: c.matter, status },
    ]),
  )

const fileSupervisionReport: HallHandler<'fileSupervisionReport'> = (c, s, x) =>
  pipe(
    found(lookup(s.tasks, c.task), 'task', c.task),
    E.tap(() =>
      refuseWhen(!supervises(s, c.actor), () =>
        forbidden(c.actor, c.type, [`supervisor of ${x.hall.id}`]),
      ),
    ),
    E.tap((task) => {
      const stage = lookup(s.matters, task.matter)?.status
      return refuseBy(
        deliberationRules.notUnderSupervision,
        !underSupervision(s, task),
        () => `${task.matter} is ${stage ?? 'gone'}, not under supervision`,
      )
    }),
    E.tap((task) =>
      refuseBy(
        deliberationRules.supervisesOwnTask,
        actsFor(x.registry, c.actor, task.owner),
        () => `${c.actor} owns task ${task.id}, or leads its owner`,
      ),
    ),
    E.map((): HallEvents => [
      { type: 'supervisionReported', ...stamp(c), task: c.task, finding: c.finding },
    ]),
  )

const openEvaluation: HallHandler<'openEvaluation'> = (c, s, x) =>
  pipe(
    matterNamed(s, c.matter),
    E.tap(() => chairOnly(c, x)),
    E.flatMap((matter) =>
      matterMachine.next(matter.status, c.type, {
        [deliberationRules.tasksDone.id]: tasksDone(tasksOf(s, matter)),
      }),
    ),
    E.map((status): HallEvents => [
      { type: 'evaluationOpened', ...stamp(c), matter: c.matter, status },
    ]),
  )

const evaluate: HallHandler<'evaluate'> = (c, s, x) =>
  pipe(
    matterNamed(s, c.matter),
    E.tap(() =>
      refuseWhen(!livesAtHall(x.registry, x.hall, c.actor), () =>
        forbidden(c.actor, c.type, [`resident of ${x.hall.place.level}:${x.hall.place.id}`]),
      ),
    ),
    E.tap((matter) => matterMachine.next(matter.status, c.type)),
    E.tap((matter) =>
      refuseBy(
        deliberationRules.oneEvaluation,
        evaluatedThisRound(matter, c.actor),
        () => `${c.actor} has evaluated this round`,
      ),
    ),
    E.map((): HallEvents => [
      { type: 'evaluationSubmitted', ...stamp(c), matter: c.matter, score: c.score },
    ]),
  )

/** Closes the round: at or above the pass mark the matter closes, below it the matter reopens. */
const closeEvaluation: HallHandler<'closeEvaluation'> = (c, s, x) =>
  pipe(
    matterNamed(s, c.matter),
    E.flatMap((matter) => {
      const round = roundOf(matter)
      const average =
        round.length === 0 ? 0 : round.reduce((sum, e) => sum + e.score, 0) / round.length
      return pipe(
        chairOnly(c, x),
        E.tap(() =>
          refuseBy(
            deliberationRules.noEvaluations,
            matter.status === 'evaluating' && round.length === 0,
            () => 'No resident has evaluated this round',
          ),
        ),
        E.flatMap(() =>
          matterMachine.next(matter.status, c.type, {
            [deliberationRules.passMarkMet.id]: average >= x.hall.charter.passMark,
          }),
        ),
        E.map((status): HallEvents => [
          {
            type: 'evaluationClosed',
            ...stamp(c),
            matter: c.matter,
            status,
            average,
            evaluations: round.length,
          },
        ]),
      )
    }),
  )

/** The handlers of supervision and evaluation. */
export const evaluationHandlers = {
  beginSupervision,
  fileSupervisionReport,
  openEvaluation,
  evaluate,
  closeEvaluation,
}

// Reducers

/** A matter moved by its stage's event (supervision begun, evaluation opened). */
const matterMoved: HallReducer<'supervisionBegun' | 'evaluationOpened'> = (draft, e) => {
  moveMatter(draft, e, e)
}

const supervisionReported: HallReducer<'supervisionReported'> = (draft, e) => {
  draftOf(draft.tasks, e.task)?.reports.push({
    supervisor: e.actor,
    finding: e.finding,
    at: e.at,
  })
}

const evaluationSubmitted: HallReducer<'evaluationSubmitted'> = (draft, e) => {
  const matter = draftOf(draft.matters, e.matter)
  matter?.evaluations.push({
    resident: e.actor,
    score: e.score,
    at: e.at,
    round: matter.reopened,
  })
}

const evaluationClosed: HallReducer<'evaluationClosed'> = (draft, e) => {
  const matter = moveMatter(draft, e, e)
  if (matter !== undefined && e.status === 'reopened') matter.reopened += 1
}

/** The reducers of supervision and evaluation. */
export const evaluationReducers = {
  supervisionBegun: matterMoved,
  supervisionReported,
  evaluationOpened: matterMoved,
  evaluationSubmitted,
  evaluationClosed,
}
