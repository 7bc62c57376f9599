import { describe, expect, it } from 'vitest'
import { deliberationRules as rules } from '../../src/deliberation/index.js'
import {
  ALL_YES,
  assign,
  byPerson,
  CHAIR,
  decided,
  evaluate,
  evaluating,
  finish,
  forbiddenTo,
  HALL,
  illegal,
  matterOf,
  move,
  open,
  reopened,
  schedule,
  second,
  SIX,
  statusOf,
  supervising,
  taskOf,
  vote,
  withTasks,
} from './spec-fixtures.js'

// Supervision 督 and evaluation 评 (evaluation.ts): supervisors report on tasks they do not own;
// residents evaluate the matter, and below the pass mark it reopens — through to a matter closed.

describe('stage 4, supervision 督: supervisors report on tasks they do not own', () => {
  it('a supervisor files a report on a task', () => {
    let s = supervising()
    s = s.does('p-red', 'fileSupervisionReport', {
      task: 't-1',
      finding: 'Four stations built and clean',
    })
    expect(taskOf(s, 't-1')?.reports).toEqual([
      {
        supervisor: 'p-red',
        finding: 'Four stations built and clean',
        at: s.events[0]?.at,
      },
    ])
  })

  it.each([CHAIR, 'p-rc', 'r-3'])('%s, not a supervisor, files no report', (actor) => {
    const s = supervising()
    s.when(actor, 'fileSupervisionReport', { task: 't-1', finding: 'Fine' }).thenRefused(
      forbiddenTo(actor, 'fileSupervisionReport', [`supervisor of ${HALL}`]),
    )
  })

  it('a supervisor cannot report on a task they own (supervises-own-task)', () => {
    let s = decided()
    s = assign(s, 't-1', byPerson('p-red'))
    s = s.does(CHAIR, 'beginSupervision', { matter: 'm-1' })
    s.when('p-red', 'fileSupervisionReport', { task: 't-1', finding: 'All good' }).thenRefused(
      rules.supervisesOwnTask,
    )
  })

  it('a supervisor cannot report on a task of an organisation they lead (supervises-own-task)', () => {
    let s = withTasks()
    s = s.does(CHAIR, 'beginSupervision', { matter: 'm-1' })
    s = s.does(CHAIR, 'appointSupervisor', { person: 'p-prop', body: 'Property oversight' })
    s.when('p-prop', 'fileSupervisionReport', { task: 't-1', finding: 'All good' }).thenRefused(
      rules.supervisesOwnTask,
    )
    s = s.does('p-prop', 'fileSupervisionReport', { task: 't-2', finding: 'Late' })
    expect(taskOf(s, 't-2')?.reports.map((x) => x.supervisor)).toEqual(['p-prop'])
  })

  it('reports are filed while the matter is under supervision or evaluation (not-under-supervision)', () => {
    let s = withTasks()
    const report = (finding: string) =>
      s.when('p-red', 'fileSupervisionReport', { task: 't-2', finding })
    report('Too early').thenRefused(rules.notUnderSupervision)
    s = finish(s, 't-1', 'p-prop')
    s = finish(s, 't-2', 'r-1')
    s = s.does(CHAIR, 'beginSupervision', { matter: 'm-1' })
    s = s.does('p-red', 'fileSupervisionReport', { task: 't-2', finding: 'Done' })
    s = s.does(CHAIR, 'openEvaluation', { matter: 'm-1' })
    s = s.does('p-red', 'fileSupervisionReport', { task: 't-2', finding: 'Still fine' })
    s = evaluate(s, { 'r-2': 5 })
    s = s.does(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    report('Too late').thenRefused(rules.notUnderSupervision)
    expect(taskOf(s, 't-2')?.reports.map((x) => x.finding)).toEqual(['Done', 'Still fine'])
  })

  it('supervision needs something to supervise: not every task withdrawn (tasks-settled)', () => {
    let s = decided()
    s = assign(s, 't-1', byPerson('r-1'))
    s = s.does('r-1', 'objectToTask', { task: 't-1', reason: 'Not needed' })
    s = s.does(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [{ outcome: 'withdrawn', task: 't-1' }],
    })
    s.when(CHAIR, 'beginSupervision', { matter: 'm-1' }).thenRefused(rules.tasksSettled)
  })

  it('supervision begins from coordination only', () => {
    const s = decided()
    s.when(CHAIR, 'beginSupervision', { matter: 'm-1' }).thenRefused(
      illegal('matter', 'decided', 'beginSupervision'),
    )
  })
})

describe('stage 4, evaluation 评: residents evaluate; below the pass mark the matter reopens', () => {
  it('evaluation opens when the tasks are done (tasks-done)', () => {
    let s = withTasks()
    s = finish(s, 't-2', 'r-1')
    s = s.does(CHAIR, 'beginSupervision', { matter: 'm-1' })
    s.when(CHAIR, 'openEvaluation', { matter: 'm-1' }).thenRefused(rules.tasksDone)
    s = finish(s, 't-1', 'p-prop')
    s = s.does(CHAIR, 'openEvaluation', { matter: 'm-1' })
    expect(statusOf(s, 'm-1')).toBe('evaluating')
  })

  it('withdrawn tasks do not hold evaluation back, but at least one task is done', () => {
    let s = decided()
    s = assign(s, 't-1', byPerson('r-1'))
    s = assign(s, 't-2', byPerson('r-3'))
    for (const [task, owner] of [
      ['t-1', 'r-1'],
      ['t-2', 'r-3'],
    ] as const)
      s = s.does(owner, 'objectToTask', { task, reason: 'No time' })
    s = s.does(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [
        { outcome: 'withdrawn', task: 't-1' },
        { outcome: 'upheld', task: 't-2' },
      ],
    })
    s = s.does(CHAIR, 'beginSupervision', { matter: 'm-1' })
    s.when(CHAIR, 'openEvaluation', { matter: 'm-1' }).thenRefused(rules.tasksDone)
    s = s.does('r-3', 'finishTask', { task: 't-2' })
    s = s.does(CHAIR, 'openEvaluation', { matter: 'm-1' })
    expect(statusOf(s, 'm-1')).toBe('evaluating')
  })

  it('only residents of the hall’s place evaluate', () => {
    const s = evaluating()
    for (const actor of ['p-prop', 'p-ld'])
      s.when(actor, 'evaluate', { matter: 'm-1', score: 5 }).thenRefused(
        forbiddenTo(actor, 'evaluate', ['resident of community:c-j']),
      )
  })

  it('a matter is evaluated while its evaluation is open only', () => {
    const s = supervising()
    s.when('r-2', 'evaluate', { matter: 'm-1', score: 5 }).thenRefused(
      illegal('matter', 'supervising', 'evaluate'),
    )
    s.when(CHAIR, 'closeEvaluation', { matter: 'm-1' }).thenRefused(
      illegal('matter', 'supervising', 'closeEvaluation'),
    )
  })

  it('one evaluation per resident per round (one-evaluation)', () => {
    let s = evaluating()
    s = evaluate(s, { 'r-2': 5 })
    s.when('r-2', 'evaluate', { matter: 'm-1', score: 1 }).thenRefused(rules.oneEvaluation)
    expect(matterOf(s, 'm-1')?.evaluations).toMatchObject([{ resident: 'r-2', score: 5, round: 0 }])
  })

  it('an evaluation with nobody’s score does not close (no-evaluations)', () => {
    const s = evaluating()
    s.when(CHAIR, 'closeEvaluation', { matter: 'm-1' }).thenRefused(rules.noEvaluations)
  })

  it('at the pass mark the matter closes, and closed is final', () => {
    let s = evaluating()
    s = evaluate(s, { 'r-2': 5, 'r-3': 3, 'r-4': 4 })
    s = s.does(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    expect(s.events[0]).toMatchObject({
      type: 'evaluationClosed',
      status: 'closed',
      average: 4,
      evaluations: 3,
    })
    expect(matterOf(s, 'm-1')).toMatchObject({ status: 'closed', reopened: 0 })
    s.when('r-5', 'evaluate', { matter: 'm-1', score: 1 }).thenRefused(
      illegal('matter', 'closed', 'evaluate'),
    )
    s.when(CHAIR, 'assignTask', {
      task: 't-3',
      matter: 'm-1',
      owner: byPerson('r-1'),
      description: 'More',
      due: '2024-06-30T18:00:00+08:00',
    }).thenRefused(illegal('matter', 'closed', 'assignTask'))
  })

  it('below the pass mark the matter reopens', () => {
    let s = evaluating()
    s = evaluate(s, { 'r-2': 5, 'r-3': 3, 'r-4': 3 })
    s = s.does(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    expect(s.events[0]).toMatchObject({
      status: 'reopened',
      evaluations: 3,
    })
    expect((s.events[0] as { average: number }).average).toBeCloseTo(11 / 3)
    expect(matterOf(s, 'm-1')).toMatchObject({ status: 'reopened', reopened: 1 })
  })

  it('a reopened matter goes back on the agenda, to be deliberated and decided again', () => {
    let s = reopened()
    s = schedule(s, 'mt-2')
    s = s.does(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    expect(statusOf(s, 'm-1')).toBe('on-agenda')
    s = open(s, SIX, 'mt-2')
    s = move(s, 'mo-2', 'r-1', {}, 'm-1', 'mt-2')
    s = second(s, 'mo-2', 'p-rc')
    s = vote(s, 'mo-2', ALL_YES)
    expect(matterOf(s, 'm-1')).toMatchObject({
      status: 'decided',
      resolution: { motion: 'mo-2', text: 'Words of mo-2' },
    })
  })

  it('a reopened matter goes back to coordination with a new task', () => {
    let s = reopened()
    s = assign(s, 't-3', byPerson('p-vol'))
    expect(statusOf(s, 'm-1')).toBe('coordinating')
    expect(matterOf(s, 'm-1')?.tasks).toEqual(['t-1', 't-2', 't-3'])
  })

  it('a new round after reopening: each resident evaluates once more, and only this round counts', () => {
    let s = reopened()
    s = assign(s, 't-3', byPerson('p-vol'))
    s = finish(s, 't-3', 'p-vol')
    s = s.does(CHAIR, 'beginSupervision', { matter: 'm-1' })
    s = s.does(CHAIR, 'openEvaluation', { matter: 'm-1' })
    s.when(CHAIR, 'closeEvaluation', { matter: 'm-1' }).thenRefused(rules.noEvaluations)
    s = evaluate(s, { 'r-2': 4 })
    s.when('r-2', 'evaluate', { matter: 'm-1', score: 5 }).thenRefused(rules.oneEvaluation)
    s = evaluate(s, { 'r-3': 5 })
    s = s.does(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    expect(s.events[0]).toMatchObject({
      status: 'closed',
      average: 4.5,
      evaluations: 2,
    })
    expect(matterOf(s, 'm-1')?.evaluations.map((e) => [e.resident, e.score, e.round])).toEqual([
      ['r-2', 2, 0],
      ['r-3', 3, 0],
      ['r-2', 4, 1],
      ['r-3', 5, 1],
    ])
    expect(matterOf(s, 'm-1')).toMatchObject({ status: 'closed', reopened: 1 })
  })
})

describe('the matter lifecycle: collected → … → closed, through a reopening', () => {
  it('keeps every step, with the event and the actor that moved it', () => {
    let s = reopened()
    s = assign(s, 't-3', byPerson('p-vol'))
    s = finish(s, 't-3', 'p-vol')
    s = s.does(CHAIR, 'beginSupervision', { matter: 'm-1' })
    s = s.does(CHAIR, 'openEvaluation', { matter: 'm-1' })
    s = evaluate(s, { 'r-5': 5 })
    s = s.does(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    const steps = matterOf(s, 'm-1')?.steps ?? []
    expect(steps.map((s) => [s.to, s.on, s.actor])).toEqual([
      ['collected', 'demandsAggregated', CHAIR],
      ['on-agenda', 'matterPutOnAgenda', CHAIR],
      ['deliberating', 'meetingOpened', CHAIR],
      ['decided', 'votingClosed', CHAIR],
      ['coordinating', 'taskAssigned', CHAIR],
      ['coordinating', 'taskAssigned', CHAIR],
      ['supervising', 'supervisionBegun', CHAIR],
      ['evaluating', 'evaluationOpened', CHAIR],
      ['reopened', 'evaluationClosed', CHAIR],
      ['coordinating', 'taskAssigned', CHAIR],
      ['supervising', 'supervisionBegun', CHAIR],
      ['evaluating', 'evaluationOpened', CHAIR],
      ['closed', 'evaluationClosed', CHAIR],
    ])
    const ats = steps.map((s) => s.at)
    expect([...ats].sort()).toEqual(ats)
  })
})
