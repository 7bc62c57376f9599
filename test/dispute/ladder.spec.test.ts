import { describe, expect, it } from 'vitest'
import { disputeRules } from '../../src/dispute/index.js'
import {
  after,
  assignedAt,
  by,
  caseAt,
  caseOf,
  CLERK,
  command,
  COMMUNITY_OFFICE,
  filing,
  forbiddenTo,
  GW,
  illegal,
  inPerson,
  K,
  like,
  NO_LIMITS,
  STREET_OFFICE,
  toCommunity,
  toStreet,
  unfiled,
  type Stage,
} from './spec-fixtures.js'

// The escalation ladder (ladder.ts) 小事不出网格、大事不出社区、难事不出街道: grid → community →
// street, one level at a time, never down, each time with a reason; a party escalates or asks
// for it, a mediator escalates on request or once the level's time limit has passed, and the
// next level's office accepts the case.

describe('the ladder 小事不出网格、大事不出社区、难事不出街道: up one level at a time, with a reason', () => {
  it('grid → community → street, each escalation accepted by the next level’s office', () => {
    const up = caseAt('accepted', { at: '2024-04-01T09:00:00+08:00' })
      .when(
        by('p-d1', '2024-04-02T09:00:00+08:00').escalateCase({
          case: K,
          reason: 'Needs the community',
        }),
      )
      .then([
        {
          type: 'caseEscalated',
          at: '2024-04-02T09:00:00+08:00',
          actor: 'p-d1',
          status: 'escalated',
          from: 'grid',
          to: 'community',
          reason: 'Needs the community',
        },
      ])
    expect(caseOf(up)).toMatchObject({
      status: 'escalated',
      level: 'community',
      levelSince: '2024-04-02T09:00:00+08:00',
    })
    const accepted = up
      .when(by('p-med-d', '2024-04-02T10:00:00+08:00').acceptEscalation({ case: K }))
      .then(like([{ type: 'escalationAccepted', status: 'accepted' }]))
    expect(caseOf(accepted)).toMatchObject({
      status: 'accepted',
      level: 'community',
      levelSince: '2024-04-02T10:00:00+08:00',
    })
    const atStreet = accepted
      .when(
        by('p-d2', '2024-04-03T09:00:00+08:00').escalateCase({
          case: K,
          reason: 'Needs the street',
        }),
      )
      .then(like([{ from: 'community', to: 'street' }]))
      .when(by('p-med-s', '2024-04-03T10:00:00+08:00').acceptEscalation({ case: K }))
      .then()
    const c = caseOf(atStreet)
    expect(c).toMatchObject({ status: 'accepted', level: 'street' })
    expect(c.steps.map((s) => [s.on, s.level])).toEqual([
      ['caseFiled', 'grid'],
      ['consentGiven', 'grid'],
      ['consentGiven', 'grid'],
      ['caseEscalated', 'grid'],
      ['escalationAccepted', 'community'],
      ['caseEscalated', 'community'],
      ['escalationAccepted', 'street'],
    ])
  })

  it('a street-level case goes no higher (top-of-ladder): it can only be referred out', () => {
    const atStreet = toStreet(toCommunity(caseAt('accepted')))
    for (const actor of ['p-d1', 'p-legal'])
      atStreet
        .when(by(actor).escalateCase({ case: K, reason: 'Higher' }))
        .thenRefused(disputeRules.topOfLadder)
    atStreet
      .when(by('p-d1').requestEscalation({ case: K, party: 0, reason: 'Higher' }))
      .thenRefused(disputeRules.topOfLadder)
    const referred = atStreet
      .when(by('p-legal').referOut({ case: K, to: 'District court', reason: 'Unresolved' }))
      .then()
    expect(caseOf(referred)).toMatchObject({ status: 'referred-out', closedLevel: 'street' })
  })

  it('a failed mediation is escalated: failed → escalated', () => {
    caseAt('failed')
      .when(by('p-d2').escalateCase({ case: K, reason: 'Mediation failed' }))
      .then(like([{ type: 'caseEscalated', status: 'escalated', from: 'grid', to: 'community' }]))
  })

  it('a draft of the level below does not go up with the case', () => {
    const failed = caseAt('drafting')
      .when(by(GW).recordFailure({ case: K, reason: 'Terms rejected' }))
      .then()
    expect(caseOf(failed).agreement?.terms).toEqual(['p-d1 repairs the pipe'])
    const up = failed
      .when(by('p-d1').escalateCase({ case: K, reason: 'Needs the community' }))
      .then()
    expect(caseOf(up).agreement).toBeNull()
  })

  it('a party escalates at once, before any time limit', () => {
    const up = caseAt('accepted', { at: '2024-04-01T09:00:00+08:00' })
      .when(
        by('p-d2', '2024-04-01T09:05:00+08:00').escalateCase({
          case: K,
          reason: 'Wants the community',
        }),
      )
      .then()
    expect(caseOf(up)).toMatchObject({ status: 'escalated', level: 'community' })
  })

  it('only a party or an assigned mediator escalates', () => {
    for (const actor of ['p-med-d', 'p-q1', CLERK])
      caseAt('accepted')
        .when(by(actor).escalateCase({ case: K, reason: 'Up' }))
        .thenRefused(forbiddenTo(actor, 'escalateCase', [`a party to ${K}`, ...assignedAt('grid')]))
  })

  it('a case is escalated only once it is accepted', () => {
    const filed = caseAt('filed')
    filed
      .when(by('p-d1').escalateCase({ case: K, reason: 'Up' }))
      .thenRefused(illegal('filed', 'escalateCase'))
    filed
      .when(by('p-d1').requestEscalation({ case: K, party: 0, reason: 'Up' }))
      .thenRefused(illegal('filed', 'escalateCase'))
  })

  it('the mediator escalates without a request only once the level’s time limit has passed (escalation-needs-request)', () => {
    const accepted = caseAt('accepted', { at: '2024-04-01T09:00:00+08:00' })
    const escalate = (at: string) => by(GW, at).escalateCase({ case: K, reason: 'Overdue' })
    accepted
      .when(escalate('2024-04-08T08:59:00+08:00'))
      .thenRefused(disputeRules.escalationNeedsRequest)
    // Seven days from 1 April are 2 to 8 April: the limit has passed at 24:00 of 8 April.
    accepted
      .when(escalate('2024-04-08T23:59:00+08:00'))
      .thenRefused(disputeRules.escalationNeedsRequest)
    const up = accepted.when(escalate('2024-04-09T00:00:00+08:00')).then()
    expect(caseOf(up)).toMatchObject({ status: 'escalated', level: 'community' })
  })

  it('at the next level the limit counts from when its office accepted the case', () => {
    const atCommunity = after(
      caseAt('accepted', { at: '2024-04-01T09:00:00+08:00' }),
      by('p-d1', '2024-04-08T09:00:00+08:00').escalateCase({ case: K, reason: 'Up' }),
      by('p-med-d', '2024-04-08T10:00:00+08:00').acceptEscalation({ case: K }),
      by('p-med-d', '2024-04-08T10:00:00+08:00').assignMediator({ case: K, mediator: 'p-med-d' }),
    )
    const escalate = (at: string) => by('p-med-d', at).escalateCase({ case: K, reason: 'Overdue' })
    atCommunity
      .when(escalate('2024-04-23T09:59:00+08:00'))
      .thenRefused(disputeRules.escalationNeedsRequest)
    // Fifteen days from 8 April are 9 to 23 April: the limit has passed at 24:00 of 23 April.
    atCommunity
      .when(escalate('2024-04-23T23:59:00+08:00'))
      .thenRefused(disputeRules.escalationNeedsRequest)
    const up = atCommunity.when(escalate('2024-04-24T00:00:00+08:00')).then()
    expect(caseOf(up).level).toBe('street')
  })

  it('a time limit counts days as the law does (escalation-needs-request): the day the office took the case is not counted, and the limit has passed from 24:00 of its last day', () => {
    // Filed just after midnight on 1 April: seven times 24 hours later is 8 April at 00:15, but
    // the seven days are 2 to 8 April, and 8 April ends at 24:00.
    const accepted = caseAt('accepted', { at: '2024-04-01T00:15:00+08:00' })
    const escalate = (at: string) => by(GW, at).escalateCase({ case: K, reason: 'Overdue' })
    accepted
      .when(escalate('2024-04-08T00:15:00+08:00'))
      .thenRefused(disputeRules.escalationNeedsRequest)
    // Written in UTC, 24:00 of 8 April in Beijing is 16:00 on 8 April.
    accepted.when(escalate('2024-04-08T15:59:00Z')).thenRefused(disputeRules.escalationNeedsRequest)
    accepted.when(escalate('2024-04-08T16:00:00Z')).then()
  })

  it('with no time limit, the mediator escalates only on a party’s request', () => {
    const at = '2024-04-01T09:00:00+08:00'
    after(
      unfiled(),
      by('p-d1', at).fileCase(filing({ limits: NO_LIMITS })),
      by(GW, at).assignMediator({ case: K, mediator: GW }),
      by('p-d1', at).giveConsent({ case: K, party: 0 }),
      by('p-d2', at).giveConsent({ case: K, party: 1 }),
    )
      .when(by(GW, '2025-04-01T09:00:00+08:00').escalateCase({ case: K, reason: 'Overdue' }))
      .thenRefused(disputeRules.escalationNeedsRequest)
  })

  it('on a party’s request the mediator escalates at once, and the request is answered', () => {
    const requested = caseAt('accepted', { at: '2024-04-01T09:00:00+08:00' })
      .when(
        by('p-d2', '2024-04-01T10:00:00+08:00').requestEscalation({
          case: K,
          party: 1,
          reason: 'Wants the community',
        }),
      )
      .then([
        {
          type: 'escalationRequested',
          at: '2024-04-01T10:00:00+08:00',
          actor: 'p-d2',
          party: 1,
          reason: 'Wants the community',
        },
      ])
    expect(caseOf(requested)).toMatchObject({ status: 'accepted', escalationRequested: true })
    const up = requested
      .when(by(GW, '2024-04-01T11:00:00+08:00').escalateCase({ case: K, reason: 'As asked' }))
      .then()
    expect(caseOf(up)).toMatchObject({ level: 'community', escalationRequested: false })
  })

  it('a party requests escalation for itself only', () => {
    for (const actor of ['p-d1', GW])
      caseAt('accepted')
        .when(by(actor).requestEscalation({ case: K, party: 1, reason: 'Up' }))
        .thenRefused(forbiddenTo(actor, 'requestEscalation', inPerson(1, 'p-d2')))
  })

  it('the mediators of a level are let go on escalation: the next level assigns its own', () => {
    const up = caseAt('in-mediation')
      .when(by('p-d1').escalateCase({ case: K, reason: 'Needs the community' }))
      .then()
    expect(caseOf(up).mediators).toEqual([])
    const accepted = up.when(by('p-med-d').acceptEscalation({ case: K })).then()
    accepted
      .when(by(GW).holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' }))
      .thenRefused(forbiddenTo(GW, 'holdSession', assignedAt('community')))
    accepted
      .when(by(GW, '2024-12-01T09:00:00+08:00').escalateCase({ case: K, reason: 'Up' }))
      .thenRefused(forbiddenTo(GW, 'escalateCase', [`a party to ${K}`, ...assignedAt('community')]))
    const held = after(
      accepted,
      by('p-med-d').assignMediator({ case: K, mediator: 'p-med-d' }),
      by('p-med-d').holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' }),
    )
    expect(caseOf(held).sessions.map((s) => [s.level, s.mediators])).toEqual([
      ['grid', [GW]],
      ['community', ['p-med-d']],
    ])
  })

  it('only the office of the next level accepts an escalated case: escalated → accepted', () => {
    const escalated = caseAt('escalated')
    for (const actor of [GW, 'p-d1', 'p-med-q', 'p-legal', CLERK])
      escalated
        .when(by(actor).acceptEscalation({ case: K }))
        .thenRefused(forbiddenTo(actor, 'acceptEscalation', COMMUNITY_OFFICE))
    const accepted = escalated.when(by('p-med-d').acceptEscalation({ case: K })).then()
    expect(caseOf(accepted)).toMatchObject({ status: 'accepted', level: 'community' })
    const again = after(
      accepted,
      by('p-med-d').assignMediator({ case: K, mediator: 'p-med-d' }),
      by('p-d1').escalateCase({ case: K, reason: 'Needs the street' }),
    )
    for (const actor of ['p-med-d', 'p-legal'])
      again
        .when(by(actor).acceptEscalation({ case: K }))
        .thenRefused(forbiddenTo(actor, 'acceptEscalation', STREET_OFFICE))
    const atStreet = again.when(by(CLERK).acceptEscalation({ case: K })).then()
    expect(caseOf(atStreet)).toMatchObject({ status: 'accepted', level: 'street' })
  })
})

describe('the case’s table: an escalation or acceptance it has no edge for is an IllegalTransition', () => {
  /** A command with no edge from `stage`; `trigger`: the edge the table is asked for. */
  const rows: ReadonlyArray<
    readonly [Stage, string, string, Record<string, unknown>, trigger: string]
  > = [
    ['filed', GW, 'acceptEscalation', {}, 'acceptEscalation'],
    ['accepted', GW, 'acceptEscalation', {}, 'acceptEscalation'],
    ['drafting', 'p-d1', 'escalateCase', { reason: 'x' }, 'escalateCase'],
    ['drafting', 'p-d1', 'requestEscalation', { party: 0, reason: 'x' }, 'escalateCase'],
    ['agreed', 'p-d1', 'escalateCase', { reason: 'x' }, 'escalateCase'],
    ['breached', 'p-d1', 'escalateCase', { reason: 'x' }, 'escalateCase'],
    ['escalated', 'p-d1', 'escalateCase', { reason: 'x' }, 'escalateCase'],
    ['escalated', 'p-d1', 'requestEscalation', { party: 0, reason: 'x' }, 'escalateCase'],
  ]

  it.each(rows)('%s: %s may not %s', (stage, actor, type, payload, trigger) => {
    caseAt(stage)
      .when(command(actor, type, { case: K, ...payload }))
      .thenRefused(illegal(stage, trigger))
  })

  it('an accepted escalation is not accepted again', () => {
    caseAt('escalated')
      .when(by('p-med-d').acceptEscalation({ case: K }))
      .then()
      .when(by('p-med-d').acceptEscalation({ case: K }))
      .thenRefused(illegal('accepted', 'acceptEscalation'))
  })
})
