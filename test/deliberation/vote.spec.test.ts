import { describe, expect, it } from 'vitest'
import { deliberationRules as rules } from '../../src/deliberation/index.js'
import {
  ALL_YES,
  CHAIR,
  charter,
  illegal,
  inSession,
  matterOf,
  motionOf,
  move,
  open,
  PACT,
  schedule,
  second,
  seconded,
  SIX,
  statusOf,
  vote,
  votes,
} from './spec-fixtures.js'

// Voting (vote.ts): once everyone who asked has had the floor the chair opens the vote; each
// eligible representative votes once; the charter's threshold decides, and a tie fails.

describe('voting: one vote per eligible representative, the charter’s threshold, ties fail', () => {
  it('a vote is cast only while the vote is open', () => {
    const s = seconded()
    s.when('p-rc', 'castVote', { motion: 'mo-1', choice: 'yes' }).thenRefused(
      illegal('motion', 'seconded', 'castVote'),
    )
  })

  it('one vote per representative (one-vote)', () => {
    let s = seconded()
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    s = s.does('p-rc', 'castVote', { motion: 'mo-1', choice: 'yes' })
    s.when('p-rc', 'castVote', { motion: 'mo-1', choice: 'no' }).thenRefused(rules.oneVote)
    expect(motionOf(s, 'mo-1')?.votes).toEqual([{ person: 'p-rc', choice: 'yes' }])
  })

  it('an adopted main motion decides its matter: a resolution or pact with named duties', () => {
    let s = inSession()
    s = move(s, 'mo-1', 'p-rc', { outcome: PACT })
    s = second(s)
    s = vote(s, 'mo-1', votes(3, 2, 1))
    expect(s.events[0]).toMatchObject({
      type: 'votingClosed',
      tally: { yes: 3, no: 2, abstain: 1 },
      status: 'adopted',
      decided: { matter: 'm-1', status: 'decided' },
    })
    expect(motionOf(s, 'mo-1')).toMatchObject({
      status: 'adopted',
      tally: { yes: 3, no: 2, abstain: 1 },
      closedAt: s.events[0]?.at,
    })
    expect(matterOf(s, 'm-1')).toMatchObject({
      status: 'decided',
      resolution: {
        motion: 'mo-1',
        text: 'Words of mo-1',
        outcome: PACT,
        at: s.events[0]?.at,
      },
    })
  })

  it.each([
    ['simple-majority', 'a tie fails', [2, 2, 2], 'rejected'],
    ['simple-majority', 'one more yes than no carries', [3, 2, 1], 'adopted'],
    ['simple-majority', 'abstentions are not votes cast', [1, 0, 5], 'adopted'],
    ['simple-majority', 'everyone abstaining fails', [0, 0, 6], 'rejected'],
    ['simple-majority', 'no vote at all fails', [0, 0, 0], 'rejected'],
    ['two-thirds', 'two thirds means at least twice as many yes as no', [4, 2, 0], 'adopted'],
    ['two-thirds', 'less than twice as many yes as no fails', [3, 2, 1], 'rejected'],
    ['two-thirds', 'a tie fails', [1, 1, 4], 'rejected'],
    ['two-thirds', 'abstentions are not votes cast', [2, 1, 3], 'adopted'],
    ['two-thirds', 'everyone abstaining fails', [0, 0, 6], 'rejected'],
  ] as const)('%s: %s', (threshold, _rule, [yes, no, abstain], status) => {
    let s = seconded(charter({ threshold }))
    s = vote(s, 'mo-1', votes(yes, no, abstain))
    expect(motionOf(s, 'mo-1')).toMatchObject({ status, tally: { yes, no, abstain } })
    expect(statusOf(s, 'm-1')).toBe(status === 'adopted' ? 'decided' : 'deliberating')
  })

  it('one main motion at a time on a matter (one-main-motion); another may follow once it is voted', () => {
    let s = seconded()
    const rival = () =>
      s.when('r-1', 'moveMotion', { meeting: 'mt-1', motion: 'mo-2', matter: 'm-1', text: 'B' })
    rival().thenRefused(rules.oneMainMotion)
    s = vote(s, 'mo-1', votes(1, 2, 0))
    expect(motionOf(s, 'mo-1')?.status).toBe('rejected')
    s = move(s, 'mo-2', 'r-1')
    s = second(s, 'mo-2', 'p-rc')
    s = vote(s, 'mo-2', ALL_YES)
    expect(matterOf(s, 'm-1')?.resolution?.motion).toBe('mo-2')
    s = s.does(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
  })

  // Adjourning postpones what is pending, so one-main-motion does not see it at the next meeting.
  it('a motion left pending by an adjourned meeting does not block its matter at the next one', () => {
    let s = seconded()
    s = s.does(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    expect(motionOf(s, 'mo-1')?.status).toBe('postponed')
    s = schedule(s, 'mt-2')
    s = s.does(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    s = open(s, SIX, 'mt-2')
    s = move(s, 'mo-2', 'r-1', {}, 'm-1', 'mt-2')
    expect(motionOf(s, 'mo-2')?.status).toBe('moved')
  })

  it('a vote opens only when everyone who asked for the floor has had it (floor-waiting)', () => {
    let s = seconded()
    s = s.does('r-1', 'requestFloor', { motion: 'mo-1' })
    s.when(CHAIR, 'openVoting', { motion: 'mo-1' }).thenRefused(rules.floorWaiting)
    s = s.does(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' })
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    expect(motionOf(s, 'mo-1')?.status).toBe('voting')
  })
})
