import { describe, expect, it } from 'vitest'
import { deliberationRules as rules } from '../../src/deliberation/index.js'
import {
  ALL_YES,
  alreadyExists,
  CHAIR,
  decided,
  forbiddenTo,
  illegal,
  inSession,
  matterOf,
  meetingOf,
  motionOf,
  move,
  notFound,
  PACT,
  second,
  seconded,
  speak,
  statusOf,
  submit,
  vote,
} from './spec-fixtures.js'

// Motions (motion.ts): under rules of order a motion is moved by a representative present,
// seconded by another, debated and voted, or withdrawn, postponed or referred; an amendment changes
// a pending main motion's words before its vote.

describe('stage 2, motions 动议: moved → seconded → debated → voted', () => {
  it('a representative present moves a main motion about a matter on the agenda', () => {
    let s = inSession()
    s = move(s)
    expect(motionOf(s, 'mo-1')).toMatchObject({
      meeting: 'mt-1',
      matter: 'm-1',
      mover: 'p-rc',
      text: 'Words of mo-1',
      original: 'Words of mo-1',
      amends: null,
      outcome: { kind: 'resolution', duties: [] },
      status: 'moved',
      seconder: null,
      requests: [],
      turns: [],
      votes: [],
      tally: null,
      closedAt: null,
    })
    expect(meetingOf(s, 'mt-1')?.motions).toEqual(['mo-1'])
  })

  it('a motion is about a matter on the meeting’s agenda (not-on-agenda)', () => {
    let s = inSession()
    s = submit(s, 'd-3', 'r-5')
    s = s.does(CHAIR, 'aggregateDemands', { matter: 'm-2', title: 'Noise', demands: ['d-3'] })
    s.when('p-rc', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-1',
      matter: 'm-2',
      text: 'Quiet hours',
    }).thenRefused(rules.notOnAgenda)
  })

  it('a motion id is used once', () => {
    let s = inSession()
    s = move(s)
    s.when('r-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-1',
      matter: 'm-1',
      text: 'B',
    }).thenRefused(alreadyExists('motion', 'mo-1'))
  })

  it('a motion without a second cannot be debated, nor put to the vote', () => {
    let s = inSession()
    s = move(s)
    s.when('p-ld', 'requestFloor', { motion: 'mo-1' }).thenRefused(
      illegal('motion', 'moved', 'requestFloor'),
    )
    s.when(CHAIR, 'openVoting', { motion: 'mo-1' }).thenRefused(
      illegal('motion', 'moved', 'openVoting'),
    )
    s.when(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' }).thenRefused(
      rules.floorRequested,
    )
  })

  it('the mover does not second their own motion (second-by-another)', () => {
    let s = inSession()
    s = move(s)
    s.when('p-rc', 'secondMotion', { motion: 'mo-1' }).thenRefused(rules.secondByAnother)
  })

  it('a second opens the motion to debate; a seconded motion is not seconded again', () => {
    let s = seconded()
    expect(motionOf(s, 'mo-1')).toMatchObject({ status: 'seconded', seconder: 'p-ld' })
    s.when('r-1', 'secondMotion', { motion: 'mo-1' }).thenRefused(
      illegal('motion', 'seconded', 'secondMotion'),
    )
    s = speak(s, 'r-1')
    expect(motionOf(s, 'mo-1')?.status).toBe('debating')
  })

  it('a main motion is not moved on a matter already decided (matter-not-deliberating)', () => {
    const s = decided()
    s.when('r-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-2',
      matter: 'm-1',
      text: 'B',
    }).thenRefused(rules.matterNotDeliberating)
  })

  it('the mover withdraws their motion before the vote, and nobody else does', () => {
    let s = seconded()
    s.when(CHAIR, 'withdrawMotion', { motion: 'mo-1' }).thenRefused(
      forbiddenTo(CHAIR, 'withdrawMotion', ['mover of mo-1']),
    )
    s = s.does('p-rc', 'withdrawMotion', { motion: 'mo-1' })
    expect(motionOf(s, 'mo-1')?.status).toBe('withdrawn')
    expect(statusOf(s, 'm-1')).toBe('deliberating')
  })

  it('a motion under vote is not withdrawn', () => {
    let s = seconded()
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    s.when('p-rc', 'withdrawMotion', { motion: 'mo-1' }).thenRefused(
      illegal('motion', 'voting', 'withdrawMotion'),
    )
  })

  it('the chair postpones or refers a seconded motion', () => {
    let s = seconded()
    s = s.does(CHAIR, 'postponeMotion', { motion: 'mo-1' })
    s = move(s, 'mo-2', 'r-1')
    s = second(s, 'mo-2', 'p-chair')
    s = s.does(CHAIR, 'referMotion', { motion: 'mo-2', to: 'Property committee' })
    expect(s.events[0]).toMatchObject({
      type: 'motionReferred',
      motion: 'mo-2',
      status: 'referred',
      to: 'Property committee',
    })
    expect(motionOf(s, 'mo-1')?.status).toBe('postponed')
    expect(motionOf(s, 'mo-2')?.status).toBe('referred')
  })

  it('a motion not yet seconded is not postponed or referred', () => {
    let s = inSession()
    s = move(s)
    s.when(CHAIR, 'postponeMotion', { motion: 'mo-1' }).thenRefused(
      illegal('motion', 'moved', 'postponeMotion'),
    )
    s.when(CHAIR, 'referMotion', { motion: 'mo-1', to: 'Committee' }).thenRefused(
      illegal('motion', 'moved', 'referMotion'),
    )
  })

  it('an unknown motion is not found', () => {
    const s = inSession()
    s.when('p-ld', 'secondMotion', { motion: 'mo-9' }).thenRefused(notFound('motion', 'mo-9'))
  })
})

describe('stage 2, amendments: a pending main motion is amended before its vote', () => {
  /** mo-1 (a pact) seconded; mo-2 amends it, moved by r-1 and seconded by p-chair. */
  const amended = () => {
    let s = inSession()
    s = move(s, 'mo-1', 'p-rc', { outcome: PACT })
    s = second(s)
    s = s.does('r-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-2',
      matter: 'm-1',
      text: 'Six sorting stations',
      amends: 'mo-1',
    })
    s = second(s, 'mo-2', 'p-chair')
    return s
  }

  it('an amendment keeps the duties of the motion it amends', () => {
    const s = amended()
    expect(motionOf(s, 'mo-2')).toMatchObject({ amends: 'mo-1', outcome: PACT })
  })

  it('a motion with an amendment pending is not put to the vote (no-pending-amendment)', () => {
    const s = amended()
    s.when(CHAIR, 'openVoting', { motion: 'mo-1' }).thenRefused(rules.noPendingAmendment)
  })

  it('an adopted amendment changes the motion’s words, and the matter is decided on those words', () => {
    let s = amended()
    s = vote(s, 'mo-2', ALL_YES)
    expect(s.events[0]).toMatchObject({
      type: 'votingClosed',
      status: 'adopted',
      decided: null,
    })
    expect(statusOf(s, 'm-1')).toBe('deliberating')
    expect(motionOf(s, 'mo-1')).toMatchObject({
      text: 'Six sorting stations',
      original: 'Words of mo-1',
    })
    s = vote(s, 'mo-1', ALL_YES)
    expect(matterOf(s, 'm-1')?.resolution).toMatchObject({
      motion: 'mo-1',
      text: 'Six sorting stations',
      outcome: PACT,
    })
  })

  it('a rejected amendment leaves the words as they were', () => {
    let s = amended()
    s = vote(s, 'mo-2', { 'p-chair': 'yes', 'p-rc': 'no', 'r-1': 'no' })
    expect(motionOf(s, 'mo-2')?.status).toBe('rejected')
    expect(motionOf(s, 'mo-1')?.text).toBe('Words of mo-1')
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    expect(motionOf(s, 'mo-1')?.status).toBe('voting')
  })

  it.each([
    ['an amendment', 'mo-2', 'm-1'],
    ['a main motion with an amendment pending', 'mo-1', 'm-1'],
    ['a motion that does not exist', 'mo-9', 'm-1'],
  ])('an amendment of %s is refused (amendment-target)', (_what, target, matter) => {
    const s = amended()
    s.when('p-ld', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-3',
      matter,
      text: 'Eight stations',
      amends: target,
    }).thenRefused(rules.amendmentTarget)
  })

  it('an amendment changes words, not duties (amendment-target)', () => {
    const s = seconded()
    s.when('r-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-2',
      matter: 'm-1',
      text: 'Other words',
      amends: 'mo-1',
      outcome: PACT,
    }).thenRefused(rules.amendmentTarget)
  })

  it('an amendment of a motion withdrawn meanwhile is not put to the vote (amendment-target)', () => {
    let s = amended()
    s = s.does('p-rc', 'withdrawMotion', { motion: 'mo-1' })
    s.when(CHAIR, 'openVoting', { motion: 'mo-2' }).thenRefused(rules.amendmentTarget)
  })

  it('a motion under vote, or decided, is not amended (amendment-target)', () => {
    let s = seconded()
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    const amend = () =>
      s.when('r-1', 'moveMotion', {
        meeting: 'mt-1',
        motion: 'mo-2',
        matter: 'm-1',
        text: 'Other words',
        amends: 'mo-1',
      })
    amend().thenRefused(rules.amendmentTarget)
    s = s.does(CHAIR, 'closeVoting', { motion: 'mo-1' })
    expect(motionOf(s, 'mo-1')?.status).toBe('rejected')
    amend().thenRefused(rules.amendmentTarget)
  })
})
