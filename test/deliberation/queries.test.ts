import { describe, expect, it } from 'vitest'
import { DemandId, instant, lookup, MatterId, MotionId } from '../../src/core/index.js'
import {
  demandOutcome,
  emptyHall,
  matterTimeline,
  oneOneSix,
  overdueTasks,
  participation,
  speakingTurns,
  voteTallies,
  waitingDemands,
} from '../../src/deliberation/index.js'
import { CHAIR, charter, seedJCommunity, type StreetEngine } from './fixtures.js'

// The queries (queries.ts) over a hall the engine has run: a matter's timeline, participation,
// speaking turns and tallies, overdue tasks, waiting demands, what became of a demand, and "116".

// ---------------------------------------------------------------------------------------------
// Helpers

/** The six representatives of J community's hall, one per participant kind. */
const SIX = ['p-chair', 'p-rc', 'r-1', 'p-ld', 'p-prop', 'p-police'] as const

const motionOf = async (r: StreetEngine, id: string) =>
  lookup((await r.hall()).motions, MotionId.make(id))

const PACT = {
  kind: 'pact',
  duties: [
    { party: 'property-company', duty: 'Builds four sorting stations' },
    { party: 'resident', duty: 'Sort household waste before 8 pm' },
  ],
}

const submit = (
  r: StreetEngine,
  demand: string,
  resident: string,
  actor = resident,
  channel = 'online',
  at?: string,
) =>
  r.must(
    actor,
    'submitDemand',
    { demand, resident, channel, text: `Demand ${demand} of ${resident}` },
    at,
  )

const schedule = (r: StreetEngine, meeting = 'mt-1') =>
  r.must(CHAIR, 'scheduleMeeting', { meeting, scheduledFor: '2024-05-15T15:00:00+08:00' })

const open = (
  r: StreetEngine,
  present: ReadonlyArray<string> = SIX,
  meeting = 'mt-1',
  actor = CHAIR,
) => r.must(actor, 'openMeeting', { meeting, present })

/** J community with matter m-1 (demands d-1 of r-1 and d-2 of r-3) on the agenda of mt-1. */
const withAgenda = async (hallCharter = charter()) => {
  const r = await seedJCommunity(hallCharter)
  await submit(r, 'd-1', 'r-1')
  await submit(r, 'd-2', 'r-3')
  await r.must(CHAIR, 'aggregateDemands', {
    matter: 'm-1',
    title: 'Garbage sorting',
    demands: ['d-1', 'd-2'],
  })
  await schedule(r)
  await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-1' })
  return r
}

/** {@link withAgenda}, with mt-1 open and every representative present. */
const inSession = async (hallCharter = charter(), present: ReadonlyArray<string> = SIX) => {
  const r = await withAgenda(hallCharter)
  await open(r, present)
  return r
}

const move = (
  r: StreetEngine,
  motion = 'mo-1',
  mover = 'p-rc',
  extra: Record<string, unknown> = {},
  matter = 'm-1',
  meeting = 'mt-1',
) => r.must(mover, 'moveMotion', { meeting, motion, matter, text: `Words of ${motion}`, ...extra })

const second = (r: StreetEngine, motion = 'mo-1', by = 'p-ld') =>
  r.must(by, 'secondMotion', { motion })

/** {@link inSession}, with mo-1 on m-1 moved by p-rc and seconded by p-ld. */
const seconded = async (hallCharter = charter(), present: ReadonlyArray<string> = SIX) => {
  const r = await inSession(hallCharter, present)
  await move(r)
  await second(r)
  return r
}

/** The chair opens the vote, each voter votes, and the chair closes it. */
const vote = async (r: StreetEngine, motion: string, choices: Readonly<Record<string, string>>) => {
  await r.must(CHAIR, 'openVoting', { motion })
  for (const [person, choice] of Object.entries(choices))
    await r.must(person, 'castVote', { motion, choice })
  return r.must(CHAIR, 'closeVoting', { motion })
}

const ALL_YES = { 'p-chair': 'yes', 'p-rc': 'yes', 'r-1': 'yes' }

/** Requests the floor and has the chair give it. */
const speak = async (r: StreetEngine, speaker: string, motion = 'mo-1') => {
  await r.must(speaker, 'requestFloor', { motion })
  return r.must(CHAIR, 'grantFloor', { motion, speaker })
}

/** m-1 decided: mo-1, a pact, adopted by three votes to none. */
const decided = async () => {
  const r = await inSession()
  await move(r, 'mo-1', 'p-rc', { outcome: PACT })
  await second(r)
  await vote(r, 'mo-1', ALL_YES)
  return r
}

const byPerson = (person: string) => ({ kind: 'person', person })
const byOrganisation = (organisation: string) => ({ kind: 'organisation', organisation })

const assign = (
  r: StreetEngine,
  task: string,
  owner: object,
  due = '2024-06-30T18:00:00+08:00',
  matter = 'm-1',
) => r.must(CHAIR, 'assignTask', { task, matter, owner, description: `Task ${task}`, due })

/** {@link decided}, with t-1 for the property company and t-2 for the resident r-1. */
const withTasks = async () => {
  const r = await decided()
  await assign(r, 't-1', byOrganisation('o-property'))
  await assign(r, 't-2', byPerson('r-1'))
  return r
}

const finish = async (r: StreetEngine, task: string, owner: string) => {
  await r.must(owner, 'acceptTask', { task })
  return r.must(owner, 'finishTask', { task })
}

/** {@link withTasks}, both tasks done and supervision begun. */
const supervising = async () => {
  const r = await withTasks()
  await finish(r, 't-1', 'p-prop')
  await finish(r, 't-2', 'r-1')
  await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
  return r
}

const evaluate = async (r: StreetEngine, scores: Readonly<Record<string, number>>) => {
  for (const [resident, score] of Object.entries(scores))
    await r.must(resident, 'evaluate', { matter: 'm-1', score })
}

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * A meeting on record: d-1 (r-1) and d-2 (r-3) make m-1; d-3 (r-2, migrant) waits. mt-1 opens
 * with four representatives and the migrant r-4 present. mo-1 (p-rc,
 * seconded by p-ld) is debated: r-1, p-ld, r-1. mo-2 amends it (r-1, seconded by p-chair), p-chair
 * speaks on it, and it fails on a tie; mo-1 is adopted by two to one with one abstention.
 */
const meetingOnRecord = async () => {
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
  await submit(r, 'd-3', 'r-2')
  await open(r, ['p-chair', 'p-rc', 'r-1', 'p-ld', 'r-4'])
  await r.must('p-rc', 'moveMotion', {
    meeting: 'mt-1',
    motion: 'mo-1',
    matter: 'm-1',
    text: 'Sort waste at four stations',
  })
  await second(r, 'mo-1', 'p-ld')
  await r.must('r-1', 'requestFloor', { motion: 'mo-1' })
  await r.must('p-ld', 'requestFloor', { motion: 'mo-1' })
  await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' })
  await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
  await speak(r, 'r-1')
  await r.must('r-1', 'moveMotion', {
    meeting: 'mt-1',
    motion: 'mo-2',
    matter: 'm-1',
    text: 'Sort waste at six stations',
    amends: 'mo-1',
  })
  await second(r, 'mo-2', 'p-chair')
  await speak(r, 'p-chair', 'mo-2')
  await vote(r, 'mo-2', { 'p-chair': 'yes', 'r-1': 'yes', 'p-rc': 'no', 'p-ld': 'no' })
  await vote(r, 'mo-1', { 'p-chair': 'yes', 'p-rc': 'yes', 'r-1': 'no', 'p-ld': 'abstain' })
  return r
}

describe('queries: a matter’s timeline', () => {
  it('lists demands, steps, motions, turns and vote results, earliest first', async () => {
    const r = await meetingOnRecord()
    const timeline = matterTimeline(await r.hall(), MatterId.make('m-1'))
    expect(timeline.map((e) => [e.actor, e.what])).toEqual([
      ['r-1', 'demand d-1 from r-1 (online): Demand d-1 of r-1'],
      ['r-3', 'demand d-2 from r-3 (online): Demand d-2 of r-3'],
      [CHAIR, 'demandsAggregated → collected'],
      [CHAIR, 'matterPutOnAgenda → on-agenda'],
      [CHAIR, 'meetingOpened → deliberating'],
      ['p-rc', 'motion mo-1 moved: Sort waste at four stations'],
      ['r-1', 'spoke on mo-1 (3 min)'],
      ['p-ld', 'spoke on mo-1 (3 min)'],
      ['r-1', 'spoke on mo-1 (3 min)'],
      ['r-1', 'amendment of mo-1 mo-2 moved: Sort waste at six stations'],
      ['p-chair', 'spoke on mo-2 (3 min)'],
      [null, 'mo-2 rejected (2 yes, 2 no, 0 abstain)'],
      [CHAIR, 'votingClosed → decided'],
      [null, 'mo-1 adopted (2 yes, 1 no, 1 abstain)'],
    ])
    const ats = timeline.map((e) => e.at)
    expect([...ats].sort()).toEqual(ats)
    expect(timeline.at(-1)?.at).toBe((await motionOf(r, 'mo-1'))?.closedAt)
  })

  it('shows a motion’s words as moved, and as amended when its vote closed', async () => {
    const r = await seconded()
    await r.must('r-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-2',
      matter: 'm-1',
      text: 'Six stations',
      amends: 'mo-1',
    })
    await second(r, 'mo-2', 'p-chair')
    await vote(r, 'mo-2', ALL_YES)
    await vote(r, 'mo-1', ALL_YES)
    const whats = matterTimeline(await r.hall(), MatterId.make('m-1')).map((e) => e.what)
    expect(whats).toContain('motion mo-1 moved: Words of mo-1')
    expect(whats).toContain('mo-2 adopted (3 yes, 0 no, 0 abstain)')
    expect(whats.at(-1)).toBe('mo-1 adopted as amended: Six stations (3 yes, 0 no, 0 abstain)')
  })

  it('goes on through tasks, objections, coordination, supervision and evaluation', async () => {
    const r = await withTasks()
    await r.must('p-prop', 'objectToTask', { task: 't-1', reason: 'Budget' })
    await r.must(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [{ outcome: 'upheld', task: 't-1' }],
    })
    await r.must('p-prop', 'reportProgress', { task: 't-1', percent: 50, note: 'Two built' })
    await r.must('p-prop', 'finishTask', { task: 't-1' })
    await finish(r, 't-2', 'r-1')
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    await r.must('p-red', 'fileSupervisionReport', { task: 't-1', finding: 'Clean' })
    await r.must(CHAIR, 'openEvaluation', { matter: 'm-1' })
    await evaluate(r, { 'r-4': 4 })
    await r.must(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    const timeline = matterTimeline(await r.hall(), MatterId.make('m-1'))
    const decidedAt = timeline.findIndex((e) => e.what === 'votingClosed → decided')
    expect(timeline.slice(decidedAt + 2).map((e) => [e.actor, e.what])).toEqual([
      [CHAIR, 'taskAssigned → coordinating'],
      [CHAIR, 'taskAssigned → coordinating'],
      [null, 'task t-1 (o-property) objected: Budget'],
      [null, 'coordination meeting (party-committee, resident): t-1 upheld'],
      [null, 'task t-1 (o-property): 50% — Two built'],
      [null, 'task t-1 (o-property) done'],
      [null, 'task t-2 (r-1) done'],
      [CHAIR, 'supervisionBegun → supervising'],
      ['p-red', 'supervision of t-1: Clean'],
      [CHAIR, 'evaluationOpened → evaluating'],
      ['r-4', 'evaluated 4/5 (round 1)'],
      [CHAIR, 'evaluationClosed → closed'],
    ])
    const ats = timeline.map((e) => e.at)
    expect([...ats].sort()).toEqual(ats)
  })

  it('is empty for an unknown matter', async () => {
    const r = await meetingOnRecord()
    expect(matterTimeline(await r.hall(), MatterId.make('m-9'))).toEqual([])
  })
})

describe('queries: participation, speaking turns and tallies', () => {
  it('counts attendance, turns, votes and demands by participant kind', async () => {
    const r = await meetingOnRecord()
    const counts = (attendances: number, turns: number, votes: number, demands: number) => ({
      attendances,
      turns,
      votes,
      demands,
    })
    expect(participation(await r.hall(), await r.registry()).byKind).toEqual({
      'party-committee': counts(1, 1, 2, 0),
      'residents-committee': counts(1, 0, 2, 0),
      resident: counts(1, 2, 2, 1),
      'social-organisation': counts(1, 1, 2, 0),
      'property-company': counts(0, 0, 0, 0),
      'other-social-force': counts(0, 0, 0, 0),
    })
  })

  it('counts them by household registration: registered or migrant', async () => {
    const r = await meetingOnRecord()
    expect(participation(await r.hall(), await r.registry()).byHousehold).toEqual({
      registered: { attendances: 4, turns: 4, votes: 8, demands: 2 },
      migrant: { attendances: 1, turns: 0, votes: 0, demands: 1 },
      unknown: { attendances: 0, turns: 0, votes: 0, demands: 0 },
    })
  })

  it('counts people a registry does not know as unknown, still by their kind', async () => {
    const r = await meetingOnRecord()
    const stranger = { ...(await r.registry()), persons: {} }
    const counts = participation(await r.hall(), stranger)
    expect(counts.byHousehold).toEqual({
      registered: { attendances: 0, turns: 0, votes: 0, demands: 0 },
      migrant: { attendances: 0, turns: 0, votes: 0, demands: 0 },
      unknown: { attendances: 5, turns: 4, votes: 8, demands: 3 },
    })
    expect(counts.byKind.resident).toEqual({ attendances: 1, turns: 2, votes: 2, demands: 1 })
  })

  it('lists speaking turns per person, most first, over every motion or one', async () => {
    const r = await meetingOnRecord()
    const s = await r.hall()
    expect(speakingTurns(s)).toEqual([
      { person: 'r-1', turns: 2, minutes: 6 },
      { person: 'p-chair', turns: 1, minutes: 3 },
      { person: 'p-ld', turns: 1, minutes: 3 },
    ])
    expect(speakingTurns(s, MotionId.make('mo-2'))).toEqual([
      { person: 'p-chair', turns: 1, minutes: 3 },
    ])
    expect(speakingTurns(s, MotionId.make('mo-9'))).toEqual([])
  })

  it('lists every closed vote’s tally in the order moved, with how many could vote', async () => {
    const r = await meetingOnRecord()
    expect(voteTallies(await r.hall())).toEqual([
      {
        motion: 'mo-1',
        text: 'Sort waste at four stations',
        status: 'adopted',
        tally: { yes: 2, no: 1, abstain: 1 },
        eligible: 4,
      },
      {
        motion: 'mo-2',
        text: 'Sort waste at six stations',
        status: 'rejected',
        tally: { yes: 2, no: 2, abstain: 0 },
        eligible: 4,
      },
    ])
  })

  it('leaves out votes not yet closed', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    await r.must('p-rc', 'castVote', { motion: 'mo-1', choice: 'yes' })
    expect(voteTallies(await r.hall())).toEqual([])
  })
})

describe('queries: overdue tasks, waiting demands, what became of a demand, "116"', () => {
  it('lists tasks not done nor withdrawn whose due date has passed, earliest due first', async () => {
    const r = await decided()
    await assign(r, 't-1', byPerson('r-1'), '2024-06-01T18:00:00+08:00')
    await assign(r, 't-2', byPerson('r-3'), '2024-05-20T18:00:00+08:00')
    await assign(r, 't-3', byPerson('r-5'), '2024-07-01T18:00:00+08:00')
    await assign(r, 't-4', byPerson('p-vol'), '2024-05-25T18:00:00+08:00')
    await r.must('r-1', 'acceptTask', { task: 't-1' })
    await finish(r, 't-2', 'r-3')
    await r.must('p-vol', 'objectToTask', { task: 't-4', reason: 'Too soon' })
    const ids = async (asOf: string) => overdueTasks(await r.hall(), instant(asOf)).map((t) => t.id)
    expect(await ids('2024-05-10T00:00:00+08:00')).toEqual([])
    expect(await ids('2024-06-01T18:00:00+08:00')).toEqual(['t-4'])
    expect(await ids('2024-06-02T00:00:00+08:00')).toEqual(['t-4', 't-1'])
    await r.must(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [{ outcome: 'withdrawn', task: 't-4' }],
    })
    expect(await ids('2024-08-01T00:00:00+08:00')).toEqual(['t-1', 't-3'])
  })

  it('lists demands that have waited N days or more without a matter, oldest first (none from after the date asked about)', async () => {
    const r = await seedJCommunity()
    // Submitted as time runs (a hall's record runs forward); the hall keeps them in no order.
    await submit(r, 'd-4', 'r-4', 'r-4', 'online', '2024-06-10T10:00:00+08:00')
    await submit(r, 'd-1', 'r-1', 'r-1', 'online', '2024-06-20T10:00:00+08:00')
    await submit(r, 'd-5', 'r-5', 'r-5', 'online', '2024-06-25T10:00:00+08:00')
    await submit(r, 'd-2', 'r-2', 'r-2', 'online', '2024-07-01T10:00:00+08:00')
    await submit(r, 'd-3', 'r-3', 'r-3', 'online', '2024-07-01T10:01:00+08:00')
    await submit(r, 'd-6', 'r-6', 'r-6', 'online', '2024-07-08T10:30:00+08:00')
    await r.must(
      CHAIR,
      'aggregateDemands',
      { matter: 'm-1', title: 'Lights', demands: ['d-4'] },
      '2024-07-08T11:00:00+08:00',
    )
    const ids = async (days: number) =>
      waitingDemands(await r.hall(), instant('2024-07-08T10:00:00+08:00'), days).map((d) => d.id)
    expect(await ids(7)).toEqual(['d-1', 'd-5', 'd-2'])
    expect(await ids(14)).toEqual(['d-1'])
    expect(await ids(0)).toEqual(['d-1', 'd-5', 'd-2', 'd-3'])
  })

  it('tells a resident what became of their demand', async () => {
    const r = await withAgenda()
    await submit(r, 'd-3', 'r-5')
    const s0 = await r.hall()
    expect(demandOutcome(s0, DemandId.make('d-3'))).toEqual({
      demand: lookup(s0.demands, DemandId.make('d-3')),
      matter: null,
      resolution: null,
    })
    expect(demandOutcome(s0, DemandId.make('d-1'))).toMatchObject({
      demand: { id: 'd-1', resident: 'r-1' },
      matter: { id: 'm-1', title: 'Garbage sorting', status: 'on-agenda' },
      resolution: null,
    })
    expect(demandOutcome(s0, DemandId.make('d-9'))).toBeUndefined()
    await open(r)
    await move(r)
    await second(r)
    await vote(r, 'mo-1', ALL_YES)
    expect(demandOutcome(await r.hall(), DemandId.make('d-2'))).toMatchObject({
      matter: { id: 'm-1', status: 'decided' },
      resolution: 'Words of mo-1',
    })
  })

  it('"116": one hall, one rule set, and which of the six steps its matters have reached', async () => {
    const none = oneOneSix(emptyHall)
    expect([none.hall, none.charter]).toEqual([false, false])
    expect(none.steps.every((s) => !s.reached)).toBe(true)
    const r = await decided()
    const reached = (result: ReturnType<typeof oneOneSix>) => result.steps.map((s) => s.reached)
    const now = oneOneSix(await r.hall())
    expect([now.hall, now.charter]).toEqual([true, true])
    expect(now.steps.map((s) => s.step)).toEqual([
      'collect demands 收集需求',
      'set the topic 确定议题',
      'deliberate 协商议事',
      'decide 形成决议',
      'carry out 组织实施',
      'supervise and evaluate 监督评议',
    ])
    expect(reached(now)).toEqual([true, true, true, true, false, false])
    const carried = await withTasks()
    expect(reached(oneOneSix(await carried.hall()))).toEqual([true, true, true, true, true, false])
    const later = await supervising()
    expect(reached(oneOneSix(await later.hall()))).toEqual([true, true, true, true, true, true])
  })
})
