/**
 * What is due in a hall 待办 (`dueInHall`, issue 12): read from the hall's state at a given
 * instant, never from a clock.
 */
import { describe, expect, it } from 'vitest'
import { instant } from '../../src/core/index.js'
import { dueInHall, emptyHall, sanWuWu, type HallDueItem } from '../../src/deliberation/index.js'
import { CHAIR, seedJCommunity, type StreetEngine } from './fixtures.js'

// The few steps of a hall's work these rules need (see deliberation.test.ts for the stages).

const SIX = ['p-chair', 'p-rc', 'r-1', 'p-ld', 'p-prop', 'p-police'] as const
const MEETING_TIME = '2024-05-15T15:00:00+08:00'
const TASK_DUE = '2024-06-30T18:00:00+08:00'

const submit = (r: StreetEngine, demand: string, resident: string) =>
  r.must(resident, 'submitDemand', {
    demand,
    resident,
    channel: 'online',
    text: `Demand ${demand} of ${resident}`,
  })

const schedule = (r: StreetEngine, meeting = 'mt-1', scheduledFor = MEETING_TIME) =>
  r.must(CHAIR, 'scheduleMeeting', { meeting, scheduledFor })

/** J community with m-1 (d-1 of r-1, d-2 of r-3) decided at mt-1 by a pact adopted 3–0. */
const decided = async () => {
  const r = await seedJCommunity()
  await submit(r, 'd-1', 'r-1')
  await submit(r, 'd-2', 'r-3')
  await r.must(CHAIR, 'aggregateDemands', {
    matter: 'm-1',
    title: 'Garbage sorting',
    demands: ['d-1', 'd-2'],
  })
  await schedule(r)
  await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-1' })
  await r.must(CHAIR, 'openMeeting', { meeting: 'mt-1', present: SIX })
  await r.must('p-rc', 'moveMotion', {
    meeting: 'mt-1',
    motion: 'mo-1',
    matter: 'm-1',
    text: 'Sort the garbage',
    outcome: {
      kind: 'pact',
      duties: [
        { party: 'property-company', duty: 'Builds four sorting stations' },
        { party: 'resident', duty: 'Sort household waste before 8 pm' },
      ],
    },
  })
  await r.must('p-ld', 'secondMotion', { motion: 'mo-1' })
  await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
  for (const person of ['p-chair', 'p-rc', 'r-1'])
    await r.must(person, 'castVote', { motion: 'mo-1', choice: 'yes' })
  await r.must(CHAIR, 'closeVoting', { motion: 'mo-1' })
  return r
}

/** {@link decided}, with t-1 for the property company and t-2 for the resident r-1. */
const withTasks = async () => {
  const r = await decided()
  for (const [task, owner] of [
    ['t-1', { kind: 'organisation', organisation: 'o-property' }],
    ['t-2', { kind: 'person', person: 'r-1' }],
  ] as const)
    await r.must(CHAIR, 'assignTask', {
      task,
      matter: 'm-1',
      owner,
      description: `Task ${task}`,
      due: TASK_DUE,
    })
  return r
}

const finish = async (r: StreetEngine, task: string, owner: string) => {
  await r.must(owner, 'acceptTask', { task })
  await r.must(owner, 'finishTask', { task })
}

const dueAt = async (r: StreetEngine, at: string) => dueInHall(await r.hall(), instant(at))

const ofKind = <K extends HallDueItem['kind']>(
  items: ReadonlyArray<HallDueItem>,
  kind: K,
): ReadonlyArray<Extract<HallDueItem, { kind: K }>> =>
  items.filter((i): i is Extract<HallDueItem, { kind: K }> => i.kind === kind)

describe('what is due in a hall (dueInHall)', () => {
  it('an empty hall has nothing due, and neither has an open hall with no business', async () => {
    expect(dueInHall(emptyHall, instant('2024-05-20T09:00:00+08:00'))).toEqual([])
    const r = await seedJCommunity()
    expect(await dueAt(r, '2024-05-20T09:00:00+08:00')).toEqual([])
  })

  it('a scheduled meeting is due until opened, and overdue after its time', async () => {
    const r = await seedJCommunity()
    await schedule(r)
    expect(await dueAt(r, '2024-05-10T09:00:00+08:00')).toEqual([
      { kind: 'meeting', meeting: 'mt-1', scheduledFor: MEETING_TIME, agenda: [], overdue: false },
    ])
    // At its very time it is due, not yet overdue; after it, overdue.
    expect(ofKind(await dueAt(r, MEETING_TIME), 'meeting')[0]?.overdue).toBe(false)
    expect(ofKind(await dueAt(r, '2024-05-15T15:01:00+08:00'), 'meeting')[0]?.overdue).toBe(true)
    await r.must(CHAIR, 'openMeeting', { meeting: 'mt-1', present: SIX })
    expect(ofKind(await dueAt(r, '2024-05-16T09:00:00+08:00'), 'meeting')).toEqual([])
  })

  it('a cancelled meeting is not due', async () => {
    const r = await seedJCommunity()
    await schedule(r)
    await r.must(CHAIR, 'cancelMeeting', { meeting: 'mt-1', reason: 'Typhoon warning' })
    expect(await dueAt(r, '2024-05-10T09:00:00+08:00')).toEqual([])
  })

  it('an unfinished task is listed with its owner and due date, and a finished one is not', async () => {
    const r = await withTasks()
    await finish(r, 't-1', 'p-prop')
    const before = ofKind(await dueAt(r, '2024-06-01T09:00:00+08:00'), 'task')
    expect(before).toEqual([
      {
        kind: 'task',
        task: 't-2',
        matter: 'm-1',
        owner: { kind: 'person', person: 'r-1' },
        description: 'Task t-2',
        status: 'assigned',
        dueBy: TASK_DUE,
        overdue: false,
      },
    ])
    const after = ofKind(await dueAt(r, '2024-07-01T09:00:00+08:00'), 'task')
    expect(after.map((t) => [t.task, t.overdue])).toEqual([['t-2', true]])
    await finish(r, 't-2', 'r-1')
    expect(ofKind(await dueAt(r, '2024-07-01T09:00:00+08:00'), 'task')).toEqual([])
  })

  it('an open evaluation round is listed, with the evaluations made in it', async () => {
    const r = await withTasks()
    await finish(r, 't-1', 'p-prop')
    await finish(r, 't-2', 'r-1')
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    // Under supervision, the matter waits for the chair to open the evaluation.
    expect(ofKind(await dueAt(r, '2024-07-01T09:00:00+08:00'), 'matter')).toMatchObject([
      { matter: 'm-1', status: 'supervising', next: ['openEvaluation'] },
    ])
    await r.must(CHAIR, 'openEvaluation', { matter: 'm-1' })
    await r.must('r-2', 'evaluate', { matter: 'm-1', score: 5 })
    const due = await dueAt(r, '2024-07-01T09:00:00+08:00')
    expect(due).toEqual([
      {
        kind: 'evaluation',
        matter: 'm-1',
        title: 'Garbage sorting',
        round: 0,
        evaluations: 1,
        openedAt: expect.any(String) as unknown,
      },
    ])
    await r.must(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    expect(await dueAt(r, '2024-07-01T09:00:00+08:00')).toEqual([])
  })

  it('a demand waits until it is aggregated, and its matter then waits for an agenda', async () => {
    const r = await seedJCommunity()
    await submit(r, 'd-1', 'r-1')
    expect(await dueAt(r, '2024-05-10T09:00:00+08:00')).toMatchObject([
      { kind: 'demand', demand: 'd-1', resident: 'r-1' },
    ])
    // Not before it was submitted.
    expect(await dueAt(r, '2024-04-30T09:00:00+08:00')).toEqual([])
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Lifts', demands: ['d-1'] })
    expect(await dueAt(r, '2024-05-10T09:00:00+08:00')).toMatchObject([
      { kind: 'matter', matter: 'm-1', status: 'collected', next: ['putOnAgenda'] },
    ])
  })

  it('the next slot of each of the hall’s schedules after the instant is due', async () => {
    const r = await seedJCommunity()
    await r.must(CHAIR, 'setSchedule', { schedule: sanWuWu() })
    expect(await dueAt(r, '2024-05-01T00:00:00+08:00')).toEqual([
      {
        kind: 'scheduled',
        at: '2024-05-03T09:00:00+08:00',
        purpose: 'collect',
        schedule: '三五五 co-governance deliberation',
      },
    ])
    expect(await dueAt(r, '2024-05-03T09:00:00+08:00')).toMatchObject([
      { kind: 'scheduled', at: '2024-05-10T09:00:00+08:00', purpose: 'deliberate' },
    ])
  })

  it('what has a time comes first, earliest first; what has none follows', async () => {
    const r = await withTasks()
    await schedule(r, 'mt-2', '2024-07-10T15:00:00+08:00')
    await r.must(CHAIR, 'setSchedule', { schedule: sanWuWu() })
    await submit(r, 'd-3', 'r-5')
    const due = await dueAt(r, '2024-06-01T09:00:00+08:00')
    expect(due.map((i) => i.kind)).toEqual(['scheduled', 'task', 'task', 'meeting', 'demand'])
    expect(ofKind(due, 'task').map((t) => t.task)).toEqual(['t-1', 't-2'])
  })
})
