import { describe, expect, it } from 'vitest'
import { caseTimeline, disputeRules, judicialConfirmationStatus } from '../../src/dispute/index.js'
import {
  after,
  assignedAt,
  by,
  caseAt,
  caseOf,
  CLERK,
  command,
  forbiddenTo,
  GW,
  illegal,
  inPerson,
  K,
  like,
  person,
  SEAL,
  toCommunity,
  type Point,
  type Stage,
} from './spec-fixtures.js'

// The mediation agreement (agreement.ts): drafted by an assigned mediator; in effect when every
// party has signed it and a mediator has signed it with the committee's seal, whichever comes
// last; the parties' joint application for judicial confirmation within 30 days of its effect;
// its fulfilment or breach.

describe('the agreement: drafted, signed by the parties, signed and sealed by the mediator', () => {
  it('the assigned mediator drafts the agreement’s terms: in-mediation → drafting', () => {
    const point = caseAt('in-mediation')
    point
      .when(by('p-d1').draftAgreement({ case: K, terms: ['Mine'] }))
      .thenRefused(forbiddenTo('p-d1', 'draftAgreement', assignedAt('grid')))
    const drafted = point
      .when(
        by(GW, '2024-04-04T10:00:00+08:00').draftAgreement({
          case: K,
          terms: ['p-d1 repairs the pipe', 'p-d2 repaints the ceiling'],
        }),
      )
      .then(like([{ type: 'agreementDrafted', status: 'drafting' }]))
    expect(caseOf(drafted)).toMatchObject({
      status: 'drafting',
      agreement: {
        terms: ['p-d1 repairs the pipe', 'p-d2 repaints the ceiling'],
        draftedBy: GW,
        draftedAt: '2024-04-04T10:00:00+08:00',
        signatures: [],
        mediatorSignature: null,
        effectiveAt: null,
        applications: [],
        confirmationRequestedAt: null,
      },
    })
  })

  it('an agreement takes effect when every party has signed and the mediator has signed it with the committee’s seal (signed-and-sealed, art. 29/30): the mediator last', () => {
    const first = caseAt('drafting')
      .when(by('p-d2', '2024-04-05T10:00:00+08:00').signAgreement({ case: K, party: 1 }))
      .then(like([{ type: 'agreementSigned', status: 'drafting', party: 1 }]))
    expect(caseOf(first).agreement?.effectiveAt).toBeNull()
    const last = first
      .when(by('p-d1', '2024-04-06T10:00:00+08:00').signAgreement({ case: K, party: 0 }))
      // Every party has signed, but the mediator has not: the agreement is not in effect yet.
      .then(like([{ type: 'agreementSigned', status: 'drafting', party: 0 }]))
    expect(caseOf(last)).toMatchObject({
      status: 'drafting',
      agreement: { effectiveAt: null, mediatorSignature: null },
    })
    const sealed = last
      .when(by(GW, '2024-04-07T10:00:00+08:00').countersignAgreement({ case: K, committee: SEAL }))
      .then([
        {
          type: 'agreementCountersigned',
          at: '2024-04-07T10:00:00+08:00',
          actor: GW,
          status: 'agreed',
          committee: SEAL,
        },
      ])
    expect(caseOf(sealed)).toMatchObject({
      status: 'agreed',
      agreement: {
        signatures: [
          { party: 1, by: 'p-d2', at: '2024-04-05T10:00:00+08:00' },
          { party: 0, by: 'p-d1', at: '2024-04-06T10:00:00+08:00' },
        ],
        mediatorSignature: { by: GW, at: '2024-04-07T10:00:00+08:00', committee: SEAL },
        effectiveAt: '2024-04-07T10:00:00+08:00',
      },
    })
  })

  it('an agreement takes effect when every party has signed and the mediator has signed it with the committee’s seal (signed-and-sealed, art. 29/30): the last party last', () => {
    const sealed = caseAt('drafting')
      .when(by(GW, '2024-04-05T10:00:00+08:00').countersignAgreement({ case: K, committee: SEAL }))
      .then(like([{ type: 'agreementCountersigned', status: 'drafting', committee: SEAL }]))
    const one = sealed
      .when(by('p-d1', '2024-04-06T10:00:00+08:00').signAgreement({ case: K, party: 0 }))
      .then()
    expect(caseOf(one)).toMatchObject({ status: 'drafting', agreement: { effectiveAt: null } })
    const last = one
      .when(by('p-d2', '2024-04-07T10:00:00+08:00').signAgreement({ case: K, party: 1 }))
      .then(like([{ type: 'agreementSigned', status: 'agreed', party: 1 }]))
    expect(caseOf(last)).toMatchObject({
      status: 'agreed',
      agreement: {
        mediatorSignature: { by: GW, at: '2024-04-05T10:00:00+08:00', committee: SEAL },
        effectiveAt: '2024-04-07T10:00:00+08:00',
      },
    })
  })

  it('only a mediator assigned at the case’s level signs and seals the agreement, once (already-countersigned)', () => {
    const drafting = caseAt('drafting')
    for (const actor of ['p-d1', 'p-gw-q', 'p-med-d', CLERK])
      drafting
        .when(by(actor).countersignAgreement({ case: K, committee: SEAL }))
        .thenRefused(forbiddenTo(actor, 'countersignAgreement', assignedAt('grid')))
    drafting
      .when(by(GW).countersignAgreement({ case: K, committee: SEAL }))
      .then()
      .when(by(GW).countersignAgreement({ case: K, committee: 'Another committee' }))
      .thenRefused(disputeRules.alreadyCountersigned)
  })

  it('the mediator signs and seals only a drafted agreement', () => {
    for (const stage of ['accepted', 'in-mediation', 'agreed', 'failed'] as const)
      caseAt(stage)
        .when(by(GW).countersignAgreement({ case: K, committee: SEAL }))
        .thenRefused(illegal(stage, 'countersignAgreement'))
  })

  it('a signature and seal of the level below do not go up with the case', () => {
    const failed = after(
      caseAt('drafting'),
      by(GW).countersignAgreement({ case: K, committee: SEAL }),
      by(GW).recordFailure({ case: K, reason: 'Terms rejected' }),
    )
    const signed = after(
      toCommunity(failed),
      by('p-med-d').holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' }),
      by('p-med-d').draftAgreement({ case: K, terms: ['New terms'] }),
      by('p-d1').signAgreement({ case: K, party: 0 }),
      by('p-d2').signAgreement({ case: K, party: 1 }),
    )
    expect(caseOf(signed)).toMatchObject({
      status: 'drafting',
      agreement: { mediatorSignature: null, effectiveAt: null },
    })
  })

  it('a party signs for itself only, and once (already-signed)', () => {
    const drafting = caseAt('drafting')
    for (const actor of ['p-d2', GW])
      drafting
        .when(by(actor).signAgreement({ case: K, party: 0 }))
        .thenRefused(forbiddenTo(actor, 'signAgreement', inPerson(0, 'p-d1')))
    drafting
      .when(by('p-d1').signAgreement({ case: K, party: 0 }))
      .then()
      .when(by('p-d1').signAgreement({ case: K, party: 0 }))
      .thenRefused(disputeRules.alreadySigned)
  })
})

describe('fulfilment and breach of an agreement in effect', () => {
  it('the assigned mediator records fulfilment: agreed → fulfilled, and the case is closed', () => {
    const agreed = caseAt('agreed')
    agreed
      .when(by('p-d1').recordFulfilment({ case: K, note: 'Done' }))
      .thenRefused(forbiddenTo('p-d1', 'recordFulfilment', assignedAt('grid')))
    const fulfilled = agreed
      .when(
        by(GW, '2024-04-20T10:00:00+08:00').recordFulfilment({ case: K, note: 'Pipe repaired' }),
      )
      .then(like([{ type: 'agreementFulfilled', status: 'fulfilled', note: 'Pipe repaired' }]))
    expect(caseOf(fulfilled)).toMatchObject({
      status: 'fulfilled',
      closedAt: '2024-04-20T10:00:00+08:00',
      closedLevel: 'grid',
    })
  })

  it('the assigned mediator records a breach: agreed → breached, which may then go to court', () => {
    const agreed = caseAt('agreed')
    agreed
      .when(by('p-d2').recordBreach({ case: K, note: 'No' }))
      .thenRefused(forbiddenTo('p-d2', 'recordBreach', assignedAt('grid')))
    const breached = agreed
      .when(
        by(GW, '2024-04-20T10:00:00+08:00').recordBreach({ case: K, note: 'Pipe never repaired' }),
      )
      .then(like([{ type: 'agreementBreached', status: 'breached', note: 'Pipe never repaired' }]))
    expect(caseOf(breached)).toMatchObject({
      status: 'breached',
      closedAt: '2024-04-20T10:00:00+08:00',
      closedLevel: 'grid',
    })
    const referred = breached
      .when(
        by('p-d2', '2024-04-25T10:00:00+08:00').referOut({
          case: K,
          to: 'District court',
          reason: 'Enforce the agreement',
        }),
      )
      .then()
    expect(caseOf(referred)).toMatchObject({
      status: 'referred-out',
      closedAt: '2024-04-20T10:00:00+08:00',
      closedLevel: 'grid',
    })
  })
})

describe('judicial confirmation 司法确认: applied for jointly, within 30 days of the agreement taking effect', () => {
  /**
   * k-1 agreed: p-d1 signed on 20 March, p-d2 on 25 March, and the mediator signed and sealed it
   * (the last) on 1 April at 10:00 (+08:00).
   */
  const agreedOn = (sealedAt: string): Point =>
    after(
      caseAt('drafting'),
      by('p-d1', '2024-03-20T10:00:00+08:00').signAgreement({ case: K, party: 0 }),
      by('p-d2', '2024-03-25T10:00:00+08:00').signAgreement({ case: K, party: 1 }),
      by(GW, sealedAt).countersignAgreement({ case: K, committee: SEAL }),
    )
  const agreedOnFirstApril = () => agreedOn('2024-04-01T10:00:00+08:00')
  /** Party `party`'s application, by `actor`, at `at`. */
  const request = (at: string, actor = 'p-d1', party = 0) =>
    by(actor, at).requestJudicialConfirmation({ case: K, party })

  it('judicial confirmation is applied for jointly (joint application, art. 33): each party’s application is recorded, and the request stands when the last party applies', () => {
    const first = agreedOnFirstApril()
      .when(request('2024-04-02T10:00:00+08:00', 'p-d2', 1))
      .then([
        {
          type: 'judicialConfirmationApplied',
          at: '2024-04-02T10:00:00+08:00',
          actor: 'p-d2',
          status: 'agreed',
          party: 1,
        },
      ])
    // One party alone is no request: the case shows who has applied and who has not.
    expect(caseOf(first)).toMatchObject({
      status: 'agreed',
      agreement: {
        applications: [{ party: 1, by: 'p-d2', at: '2024-04-02T10:00:00+08:00' }],
        confirmationRequestedAt: null,
      },
    })
    expect(judicialConfirmationStatus(caseOf(first))).toEqual({
      effectiveAt: '2024-04-01T10:00:00+08:00',
      applied: [{ party: 1, by: 'p-d2', at: '2024-04-02T10:00:00+08:00' }],
      awaiting: [{ party: 0, ref: person('p-d1') }],
      requestedAt: null,
    })
    // The other party is not told it was asked for already: its application completes the request.
    const last = first.when(request('2024-04-03T10:00:00+08:00')).then([
      {
        type: 'judicialConfirmationApplied',
        at: '2024-04-03T10:00:00+08:00',
        actor: 'p-d1',
        status: 'agreed',
        party: 0,
      },
      {
        type: 'judicialConfirmationRequested',
        at: '2024-04-03T10:00:00+08:00',
        actor: 'p-d1',
        status: 'agreed',
      },
    ])
    expect(caseOf(last)).toMatchObject({
      status: 'agreed',
      agreement: {
        applications: [
          { party: 1, by: 'p-d2', at: '2024-04-02T10:00:00+08:00' },
          { party: 0, by: 'p-d1', at: '2024-04-03T10:00:00+08:00' },
        ],
        confirmationRequestedAt: '2024-04-03T10:00:00+08:00',
      },
    })
    expect(judicialConfirmationStatus(caseOf(last))).toMatchObject({
      awaiting: [],
      requestedAt: '2024-04-03T10:00:00+08:00',
    })
  })

  it('until every party has applied, the timeline shows who has applied and who has not (joint application)', () => {
    const first = agreedOnFirstApril()
      .when(request('2024-04-02T10:00:00+08:00', 'p-d2', 1))
      .then()
    expect(caseTimeline(caseOf(first)).slice(-2)).toEqual([
      {
        at: '2024-04-01T10:00:00+08:00',
        level: 'grid',
        what: `agreementCountersigned → agreed (signed with the seal of ${SEAL})`,
      },
      {
        at: '2024-04-02T10:00:00+08:00',
        level: 'grid',
        what: 'judicialConfirmationApplied → agreed (party 1 (p-d2) applied; awaiting party 0 (p-d1))',
      },
    ])
    const last = first.when(request('2024-04-03T10:00:00+08:00')).then()
    expect(caseTimeline(caseOf(last)).slice(-2)).toEqual([
      {
        at: '2024-04-03T10:00:00+08:00',
        level: 'grid',
        what: 'judicialConfirmationApplied → agreed (party 0 (p-d1) applied; every party has applied)',
      },
      {
        at: '2024-04-03T10:00:00+08:00',
        level: 'grid',
        what: 'judicialConfirmationRequested → agreed (jointly by party 0 (p-d1), party 1 (p-d2))',
      },
    ])
  })

  it('a party applies for judicial confirmation once (already-applied)', () => {
    const first = agreedOnFirstApril()
      .when(request('2024-04-02T10:00:00+08:00', 'p-d2', 1))
      .then()
    first
      .when(request('2024-04-03T10:00:00+08:00', 'p-d2', 1))
      .thenRefused(disputeRules.alreadyApplied)
    expect(caseOf(first).agreement?.confirmationRequestedAt).toBeNull()
  })

  it('once the joint request stands, it is not asked for again (already-requested)', () => {
    const requested = after(
      agreedOnFirstApril(),
      request('2024-04-02T10:00:00+08:00', 'p-d2', 1),
      request('2024-04-03T10:00:00+08:00', 'p-d1', 0),
    )
    for (const [actor, party] of [
      ['p-d1', 0],
      ['p-d2', 1],
    ] as const)
      requested
        .when(request('2024-04-04T10:00:00+08:00', actor, party))
        .thenRefused(disputeRules.alreadyRequested)
  })

  it('an application exactly 30 days after the agreement took effect is within the window', () => {
    const requested = agreedOnFirstApril()
      .when(request('2024-04-02T10:00:00+08:00', 'p-d2', 1))
      .then()
      .when(request('2024-05-01T10:00:00+08:00'))
      .then(
        like([
          { type: 'judicialConfirmationApplied', status: 'agreed', party: 0 },
          { type: 'judicialConfirmationRequested', status: 'agreed' },
        ]),
      )
    expect(caseOf(requested)).toMatchObject({
      status: 'agreed',
      agreement: { confirmationRequestedAt: '2024-05-01T10:00:00+08:00' },
    })
  })

  it('an application after 24:00 of the 30th day is refused (within-30-days), and the joint request does not stand', () => {
    const first = agreedOnFirstApril()
      .when(request('2024-04-02T10:00:00+08:00', 'p-d2', 1))
      .then()
    // In effect on 1 April: the window's 30 days are 2 April to 1 May, and 1 May ends at 24:00.
    first.when(request('2024-05-02T00:00:00+08:00')).thenRefused(disputeRules.withinThirtyDays)
    expect(caseOf(first).agreement?.confirmationRequestedAt).toBeNull()
    expect(judicialConfirmationStatus(caseOf(first))?.awaiting).toEqual([
      { party: 0, ref: person('p-d1') },
    ])
  })

  it('the 30-day window counts from when the agreement took effect: the mediator’s signature, when it comes after the parties’ (within-30-days)', () => {
    // The parties signed on 20 and 25 March: 30 days from the last party's signature have passed
    // on 25 April, but not 30 days from the mediator's on 1 April.
    const requested = after(
      agreedOnFirstApril(),
      request('2024-04-30T10:00:00+08:00'),
      request('2024-05-01T10:00:00+08:00', 'p-d2', 1),
    )
    expect(caseOf(requested).agreement?.confirmationRequestedAt).toBe('2024-05-01T10:00:00+08:00')
  })

  it('the window’s days are Beijing’s, whatever zone the command is written in', () => {
    const agreed = agreedOnFirstApril()
    // 24:00 of 1 May in Beijing is 16:00 on 1 May in UTC.
    agreed.when(request('2024-05-01T16:00:00Z')).thenRefused(disputeRules.withinThirtyDays)
    agreed.when(request('2024-05-01T15:59:00Z')).then()
  })

  it('the 30-day window counts days as the law does (within-30-days; Civil Procedure Law art. 85, Civil Code arts. 201/203): the day of effect is not counted, and the 30th day ends at 24:00', () => {
    // In effect on 1 April at 10:00: 1 May at 15:00 is 30 days and 5 hours later, on the 30th day.
    const requested = after(
      agreedOnFirstApril(),
      request('2024-05-01T15:00:00+08:00', 'p-d2', 1),
      request('2024-05-01T23:59:59.999+08:00'),
    )
    expect(caseOf(requested)).toMatchObject({
      agreement: {
        applications: [
          { party: 1, at: '2024-05-01T15:00:00+08:00' },
          { party: 0, at: '2024-05-01T23:59:59.999+08:00' },
        ],
        confirmationRequestedAt: '2024-05-01T23:59:59.999+08:00',
      },
    })
    // In effect just before midnight, the day of effect still does not count: it ends on 1 May too.
    const late = agreedOn('2024-04-01T23:59:00+08:00')
    late.when(request('2024-05-02T00:00:00+08:00')).thenRefused(disputeRules.withinThirtyDays)
    late.when(request('2024-05-01T23:59:00+08:00')).then()
  })

  it('a party applies for itself only', () => {
    for (const actor of ['p-d2', GW])
      agreedOnFirstApril()
        .when(request('2024-04-02T10:00:00+08:00', actor, 0))
        .thenRefused(forbiddenTo(actor, 'requestJudicialConfirmation', inPerson(0, 'p-d1')))
  })

  it('there is nothing to confirm before every party has signed', () => {
    caseAt('drafting')
      .when(by('p-d1').signAgreement({ case: K, party: 0 }))
      .then()
      .when(request('2024-03-02T10:00:00+08:00'))
      .thenRefused(illegal('drafting', 'requestJudicialConfirmation'))
  })

  it('there is nothing to confirm before the mediator has signed and sealed the agreement (signed-and-sealed)', () => {
    const signed = after(
      caseAt('drafting'),
      by('p-d1').signAgreement({ case: K, party: 0 }),
      by('p-d2').signAgreement({ case: K, party: 1 }),
    )
    signed
      .when(request('2024-03-02T10:00:00+08:00'))
      .thenRefused(illegal('drafting', 'requestJudicialConfirmation'))
    expect(judicialConfirmationStatus(caseOf(signed))).toBeNull()
  })
})

describe('the case’s table: an act on the agreement it has no edge for is an IllegalTransition', () => {
  const rows: ReadonlyArray<readonly [Stage, string, string, Record<string, unknown>]> = [
    ['filed', GW, 'draftAgreement', { terms: ['x'] }],
    ['filed', 'p-d1', 'signAgreement', { party: 0 }],
    ['filed', GW, 'countersignAgreement', { committee: 'x' }],
    ['filed', 'p-d1', 'requestJudicialConfirmation', { party: 0 }],
    ['filed', GW, 'recordFulfilment', { note: 'x' }],
    ['filed', GW, 'recordBreach', { note: 'x' }],
    ['accepted', GW, 'draftAgreement', { terms: ['x'] }],
    ['accepted', 'p-d1', 'signAgreement', { party: 0 }],
    ['in-mediation', 'p-d1', 'signAgreement', { party: 0 }],
    ['in-mediation', GW, 'countersignAgreement', { committee: 'x' }],
    ['in-mediation', 'p-d1', 'requestJudicialConfirmation', { party: 0 }],
    ['in-mediation', GW, 'recordBreach', { note: 'x' }],
    ['drafting', GW, 'draftAgreement', { terms: ['x'] }],
    ['drafting', GW, 'recordFulfilment', { note: 'x' }],
    ['agreed', GW, 'countersignAgreement', { committee: 'x' }],
    ['fulfilled', GW, 'recordBreach', { note: 'x' }],
    ['fulfilled', GW, 'countersignAgreement', { committee: 'x' }],
    ['fulfilled', 'p-d1', 'requestJudicialConfirmation', { party: 0 }],
    ['breached', GW, 'recordFulfilment', { note: 'x' }],
    ['failed', GW, 'draftAgreement', { terms: ['x'] }],
    ['escalated', 'p-d1', 'signAgreement', { party: 0 }],
  ]

  it.each(rows)('%s: %s may not %s', (stage, actor, type, payload) => {
    caseAt(stage)
      .when(command(actor, type, { case: K, ...payload }))
      .thenRefused(illegal(stage, type))
  })
})
