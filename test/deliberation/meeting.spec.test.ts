import { describe, expect, it } from 'vitest'
import { deliberationRules as rules } from '../../src/deliberation/index.js'
import {
  ALL_YES,
  alreadyExists,
  CHAIR,
  charter,
  illegal,
  inSession,
  matterOf,
  meetingOf,
  motionOf,
  move,
  notFound,
  open,
  schedule,
  second,
  seconded,
  seedJCommunity,
  SIX,
  speak,
  statusOf,
  submit,
  typesOf,
  vote,
  votes,
  withAgenda,
} from './spec-fixtures.js'

// Meetings (meeting.ts): a meeting is scheduled, opens only with a quorum of the representatives
// who act, and adjourns, returning what it did not decide to the agenda; on the floor, turns are
// equal (against the one-voice rule 一言堂) and limited by the charter the meeting opened with.

describe('stage 2, meetings: scheduled → open (only with quorum) → adjourned', () => {
  it('a meeting without quorum cannot open', () => {
    const s = withAgenda()
    s.when(CHAIR, 'openMeeting', { meeting: 'mt-1', present: ['p-chair', 'p-rc'] }).thenRefused(
      rules.quorum,
    )
    expect(meetingOf(s, 'mt-1')?.status).toBe('scheduled')
    expect(statusOf(s, 'm-1')).toBe('on-agenda')
  })

  it('only representatives make the quorum, each once', () => {
    const s = withAgenda()
    for (const present of [
      ['p-chair', 'p-rc', 'r-2', 'r-3', 'p-vol', 'p-red'],
      ['p-chair', 'p-rc', 'p-chair', 'p-rc'],
    ])
      s.when(CHAIR, 'openMeeting', { meeting: 'mt-1', present }).thenRefused(rules.quorum)
  })

  it('with the quorum (half of six) it opens: the agenda moves to deliberation and the charter freezes', () => {
    let s = withAgenda()
    s = open(s, ['p-chair', 'r-2', 'p-rc', 'r-1', 'r-1'])
    expect(typesOf(s.events)).toEqual(['meetingOpened'])
    expect(meetingOf(s, 'mt-1')).toMatchObject({
      status: 'open',
      present: ['p-chair', 'r-2', 'p-rc', 'r-1'],
      eligible: ['p-chair', 'p-rc', 'r-1'],
      charter: charter(),
      adjournedAt: null,
    })
    expect(meetingOf(s, 'mt-1')?.openedAt).not.toBeNull()
    expect(statusOf(s, 'm-1')).toBe('deliberating')
  })

  it('a two-thirds quorum needs four of six', () => {
    let s = withAgenda(charter({ quorum: { numerator: 2, denominator: 3 } }))
    s.when(CHAIR, 'openMeeting', {
      meeting: 'mt-1',
      present: ['p-chair', 'p-rc', 'r-1'],
    }).thenRefused(rules.quorum)
    s = open(s, ['p-chair', 'p-rc', 'r-1', 'p-ld'])
    expect(meetingOf(s, 'mt-1')?.status).toBe('open')
  })

  it('an open meeting does not open again, nor is it cancelled; a cancelled one does not open', () => {
    let s = inSession()
    s.when(CHAIR, 'openMeeting', { meeting: 'mt-1', present: SIX }).thenRefused(
      illegal('meeting', 'open', 'openMeeting'),
    )
    s.when(CHAIR, 'cancelMeeting', { meeting: 'mt-1', reason: 'Rain' }).thenRefused(
      illegal('meeting', 'open', 'cancelMeeting'),
    )
    s = schedule(s, 'mt-2')
    s = s.does(CHAIR, 'cancelMeeting', { meeting: 'mt-2', reason: 'Rain' })
    expect(meetingOf(s, 'mt-2')?.status).toBe('cancelled')
    s.when(CHAIR, 'openMeeting', { meeting: 'mt-2', present: SIX }).thenRefused(
      illegal('meeting', 'cancelled', 'openMeeting'),
    )
  })

  it('a meeting id is scheduled once; an unknown meeting is not found', () => {
    const s = withAgenda()
    s.when(CHAIR, 'scheduleMeeting', {
      meeting: 'mt-1',
      scheduledFor: '2024-05-22T15:00:00+08:00',
    }).thenRefused(alreadyExists('meeting', 'mt-1'))
    for (const type of ['openMeeting', 'adjournMeeting'])
      s.when(CHAIR, type, {
        meeting: 'mt-9',
        ...(type === 'openMeeting' ? { present: SIX } : {}),
      }).thenRefused(notFound('meeting', 'mt-9'))
  })

  it('adjourning returns the matters it did not decide to the agenda; decided ones stay decided', () => {
    let s = seedJCommunity()
    s = submit(s, 'd-1', 'r-1')
    s = submit(s, 'd-2', 'r-3')
    s = s.does(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Garbage', demands: ['d-1'] })
    s = s.does(CHAIR, 'aggregateDemands', { matter: 'm-2', title: 'Parking', demands: ['d-2'] })
    s = schedule(s)
    s = s.does(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-1' })
    s = s.does(CHAIR, 'putOnAgenda', { matter: 'm-2', meeting: 'mt-1' })
    s = open(s)
    s = move(s)
    s = second(s)
    s = vote(s, 'mo-1', ALL_YES)
    s = s.does(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    expect(s.events[0]).toMatchObject({
      type: 'meetingAdjourned',
      matters: [{ matter: 'm-2', status: 'on-agenda' }],
    })
    expect(statusOf(s, 'm-1')).toBe('decided')
    expect(matterOf(s, 'm-2')).toMatchObject({ status: 'on-agenda' })
    expect(matterOf(s, 'm-2')?.steps.map((s) => [s.on, s.to])).toEqual([
      ['demandsAggregated', 'collected'],
      ['matterPutOnAgenda', 'on-agenda'],
      ['meetingOpened', 'deliberating'],
      ['meetingAdjourned', 'on-agenda'],
    ])
    expect(meetingOf(s, 'mt-1')).toMatchObject({ status: 'adjourned' })
    expect(meetingOf(s, 'mt-1')?.adjournedAt).not.toBeNull()
  })

  it('a meeting is not adjourned while a vote is open (vote-in-progress)', () => {
    let s = seconded()
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    s.when(CHAIR, 'adjournMeeting', { meeting: 'mt-1' }).thenRefused(rules.voteInProgress)
  })

  it('an adjourned meeting takes no more motions (meeting-not-open) and does not adjourn again', () => {
    let s = seconded()
    s = s.does(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    s.when('r-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-2',
      matter: 'm-1',
      text: 'Late',
    }).thenRefused(rules.meetingNotOpen)
    for (const [actor, type] of [
      ['p-police', 'requestFloor'],
      [CHAIR, 'openVoting'],
    ] as const)
      s.when(actor, type, { motion: 'mo-1' }).thenRefused(rules.meetingNotOpen)
    s.when(CHAIR, 'adjournMeeting', { meeting: 'mt-1' }).thenRefused(
      illegal('meeting', 'adjourned', 'adjournMeeting'),
    )
  })

  it('a matter returned to the agenda goes on the next meeting’s agenda, and is deliberated there', () => {
    let s = inSession()
    s = s.does(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    s = schedule(s, 'mt-2')
    s = s.does(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    expect(matterOf(s, 'm-1')).toMatchObject({ status: 'on-agenda', meeting: 'mt-2' })
    s = open(s, SIX, 'mt-2')
    expect(statusOf(s, 'm-1')).toBe('deliberating')
    s = move(s, 'mo-1', 'p-rc', {}, 'm-1', 'mt-2')
    expect(motionOf(s, 'mo-1')?.meeting).toBe('mt-2')
  })

  it('a matter on a cancelled meeting’s agenda goes on another meeting’s agenda', () => {
    let s = withAgenda()
    s = s.does(CHAIR, 'cancelMeeting', { meeting: 'mt-1', reason: 'The hall is flooded' })
    s = schedule(s, 'mt-2')
    s = s.does(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    expect(meetingOf(s, 'mt-2')?.agenda).toEqual(['m-1'])
    expect(matterOf(s, 'm-1')?.meeting).toBe('mt-2')
  })

  it('a meeting deliberates only the matters still on its agenda', () => {
    let s = withAgenda()
    s = schedule(s, 'mt-2')
    s = s.does(CHAIR, 'cancelMeeting', { meeting: 'mt-1', reason: 'Moved' })
    s = s.does(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    s = schedule(s, 'mt-3')
    s = open(s, SIX, 'mt-3')
    expect(s.events[0]).toMatchObject({ type: 'meetingOpened', matters: [] })
    expect(statusOf(s, 'm-1')).toBe('on-agenda')
    s.when('p-rc', 'moveMotion', {
      meeting: 'mt-3',
      motion: 'mo-1',
      matter: 'm-1',
      text: 'x',
    }).thenRefused(rules.notOnAgenda)
  })

  it('everyone present is a person the registry knows', () => {
    const s = withAgenda()
    s.when(CHAIR, 'openMeeting', { meeting: 'mt-1', present: [...SIX, 'p-ghost'] }).thenRefused(
      notFound('person', 'p-ghost'),
    )
  })
})

describe('equal turns: against one-voice rule 一言堂', () => {
  it('the floor goes to one who asked; asking twice while waiting is refused (floor-requested)', () => {
    let s = seconded()
    s.when(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' }).thenRefused(
      rules.floorRequested,
    )
    s = s.does('r-1', 'requestFloor', { motion: 'mo-1' })
    s.when('r-1', 'requestFloor', { motion: 'mo-1' }).thenRefused(rules.floorRequested)
  })

  it('a turn is recorded with the charter’s minutes and who was waiting', () => {
    let s = seconded()
    for (const p of ['r-1', 'p-ld', 'p-prop']) s = s.does(p, 'requestFloor', { motion: 'mo-1' })
    s = s.does(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    const motion = motionOf(s, 'mo-1')
    expect(motion?.requests).toEqual(['r-1', 'p-prop'])
    expect(motion?.turns).toMatchObject([
      { speaker: 'p-ld', minutes: 3, waiting: ['r-1', 'p-prop'] },
    ])
  })

  it('nobody speaks twice on a motion while someone who asked has not spoken once', () => {
    let s = seconded()
    s = speak(s, 'p-ld')
    s = s.does('r-1', 'requestFloor', { motion: 'mo-1' })
    s = s.does('p-ld', 'requestFloor', { motion: 'mo-1' })
    s.when(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' }).thenRefused(rules.equalTurns)
    s = s.does(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' })
    s = s.does(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    expect(motionOf(s, 'mo-1')?.turns.map((t) => t.speaker)).toEqual(['p-ld', 'r-1', 'p-ld'])
  })

  it('one who has spoken may speak again when everyone waiting has spoken once', () => {
    let s = seconded()
    s = speak(s, 'p-ld')
    s = speak(s, 'r-1')
    s = s.does('r-1', 'requestFloor', { motion: 'mo-1' })
    s = s.does('p-ld', 'requestFloor', { motion: 'mo-1' })
    s = s.does(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    expect(motionOf(s, 'mo-1')?.turns).toHaveLength(3)
  })

  it('no turn beyond the charter’s turns per motion (turn-limit)', () => {
    let s = seconded()
    s = speak(s, 'p-ld')
    s = speak(s, 'p-ld')
    s.when('p-ld', 'requestFloor', { motion: 'mo-1' }).thenRefused(rules.turnLimit)
    expect(motionOf(s, 'mo-1')?.requests).toEqual([])
  })

  it('the turn limit counts turns on one motion', () => {
    let s = seconded()
    s = move(s, 'mo-2', 'r-1', { amends: 'mo-1' })
    s = second(s, 'mo-2', 'p-chair')
    s = speak(s, 'p-ld')
    s = speak(s, 'p-ld')
    s = speak(s, 'p-ld', 'mo-2')
    expect(motionOf(s, 'mo-2')?.turns.map((t) => t.speaker)).toEqual(['p-ld'])
  })

  it('the charter a meeting opened with holds even if amended during it', () => {
    let s = seconded()
    s = s.does(CHAIR, 'amendCharter', {
      charter: charter({ turnsPerMotion: 1, minutesPerTurn: 10, threshold: 'two-thirds' }),
    })
    s = speak(s, 'p-ld')
    s = speak(s, 'p-ld')
    expect(motionOf(s, 'mo-1')?.turns.map((t) => t.minutes)).toEqual([3, 3])
    // Three to two carries a simple majority, not two thirds.
    s = vote(s, 'mo-1', votes(3, 2, 1))
    expect(motionOf(s, 'mo-1')?.status).toBe('adopted')
    expect(meetingOf(s, 'mt-1')?.charter).toEqual(charter())
  })

  it('a meeting opened after the amendment runs under the amended charter', () => {
    let s = seedJCommunity()
    s = s.does(CHAIR, 'amendCharter', {
      charter: charter({ turnsPerMotion: 1, minutesPerTurn: 10 }),
    })
    s = submit(s, 'd-1', 'r-1')
    s = s.does(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Lights', demands: ['d-1'] })
    s = schedule(s)
    s = s.does(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-1' })
    s = open(s)
    s = move(s)
    s = second(s)
    s = speak(s, 'p-ld')
    expect(motionOf(s, 'mo-1')?.turns[0]?.minutes).toBe(10)
    s.when('p-ld', 'requestFloor', { motion: 'mo-1' }).thenRefused(rules.turnLimit)
  })
})
