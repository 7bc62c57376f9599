import { describe, expect, it } from 'vitest'
import { community } from '../../src/community/index.js'
import { disputeRules } from '../../src/dispute/index.js'
import {
  after,
  areaWith,
  BETWEEN_ORGANISATIONS,
  BETWEEN_RESIDENTS,
  by,
  caseAt,
  caseOf,
  CLERK,
  command,
  COMMUNITY_D,
  COMMUNITY_OFFICE,
  filing,
  forbiddenTo,
  GRID_D,
  GRID_OFFICE,
  GW,
  illegal,
  inPerson,
  K,
  like,
  LIMITS,
  NO_LIMITS,
  notFound,
  onRegistry,
  org,
  organisation,
  OTHER,
  OWNER_VS_COMMITTEE,
  OWNER_VS_COMPANY,
  OWNER_VS_OWNER,
  person,
  place,
  Q_PROPERTY,
  registerOrganisation,
  registryAfter,
  spec,
  STREET,
  unfiled,
  appoint,
  type Stage,
} from './spec-fixtures.js'

// The case (case.ts): its filing where it arose, its parties and who speaks for them, the
// parties' consent, its referral out and its withdrawal — and the record that runs forward.

describe('filing: a case of a kind, between parties, where it arose', () => {
  it('a case is filed where it arose, at that level, with its parties, kind and time limits', () => {
    const filed = unfiled()
      .when(by(GW, '2024-04-01T09:00:00+08:00').fileCase(filing()))
      .then([
        {
          type: 'caseFiled',
          at: '2024-04-01T09:00:00+08:00',
          actor: GW,
          case: K,
          street: STREET,
          kind: OWNER_VS_OWNER,
          parties: [person('p-d1'), person('p-d2')],
          arose: GRID_D,
          communities: [],
          summary: 'Water leaks from the flat above',
          limits: LIMITS,
          level: 'grid',
        },
      ])
    expect(caseOf(filed)).toMatchObject({
      status: 'filed',
      level: 'grid',
      levelSince: '2024-04-01T09:00:00+08:00',
      filedAt: '2024-04-01T09:00:00+08:00',
      limits: LIMITS,
      mediators: [],
      consents: [],
      sessions: [],
      agreement: null,
      closedAt: null,
      closedLevel: null,
      escalationRequested: false,
    })
  })

  it('a case that arose in a community starts at the community level, where the grid office does not file', () => {
    const inCommunity = filing({ arose: COMMUNITY_D })
    unfiled()
      .when(by(GW).fileCase(inCommunity))
      .thenRefused(forbiddenTo(GW, 'fileCase', COMMUNITY_OFFICE))
    const filed = unfiled().when(by('p-med-d').fileCase(inCommunity)).then()
    expect(caseOf(filed)).toMatchObject({ level: 'community', status: 'filed', limits: LIMITS })
  })

  it.each([
    ['owner vs owner', OWNER_VS_OWNER, [person('p-d1'), person('p-d2')]],
    ['owner vs owners committee', OWNER_VS_COMMITTEE, [person('p-d1'), organisation('o-owners')]],
    ['owner vs property company', OWNER_VS_COMPANY, [person('p-d1'), organisation('o-prop')]],
    ['another dispute, described', OTHER, [person('p-d1'), person('p-q1')]],
  ])('%s: filed with persons and organisations as parties', (_, kind, parties) => {
    const filed = unfiled()
      .when(by(GW).fileCase(filing({ kind, parties })))
      .then()
    expect(caseOf(filed)).toMatchObject({ kind, parties, communities: [] })
  })

  it.each([
    ['residents of two communities', BETWEEN_RESIDENTS, [person('p-d1'), person('p-q1')]],
    [
      'organisations of two communities',
      BETWEEN_ORGANISATIONS,
      [organisation('o-prop'), organisation('o-qprop')],
    ],
  ])('%s: the case names the two communities', (_, kind, parties) => {
    const filed = unfiled(areaWith(...Q_PROPERTY()))
      .when(by(GW).fileCase(filing({ kind, parties })))
      .then()
    expect(caseOf(filed)).toMatchObject({ kind, parties, communities: ['c-d', 'c-q'] })
  })

  it.each([
    [
      'owner vs owner with an organisation',
      OWNER_VS_OWNER,
      [person('p-d1'), organisation('o-prop')],
    ],
    [
      'owner vs owners committee without the committee',
      OWNER_VS_COMMITTEE,
      [person('p-d1'), organisation('o-prop')],
    ],
    [
      'owner vs property company without the company',
      OWNER_VS_COMPANY,
      [person('p-d1'), person('p-d2')],
    ],
    [
      'owner vs property company without an owner',
      OWNER_VS_COMPANY,
      [organisation('o-owners'), organisation('o-prop')],
    ],
    [
      'residents of two communities with an organisation',
      BETWEEN_RESIDENTS,
      [person('p-q1'), organisation('o-prop')],
    ],
    [
      'organisations of two communities with a person',
      BETWEEN_ORGANISATIONS,
      [organisation('o-prop'), person('p-q1')],
    ],
  ])('the parties fit the kind (kind-parties): not %s', (_, kind, parties) => {
    unfiled()
      .when(by(GW).fileCase(filing({ kind, parties })))
      .thenRefused(disputeRules.kindParties)
  })

  it('a dissolved organisation is no party (kind-parties)', () => {
    unfiled(
      areaWith(
        onRegistry('dissolveOrganisation', { organisation: 'o-owners', reason: 'Term over' }),
      ),
    )
      .when(
        by(GW).fileCase(
          filing({ kind: OWNER_VS_COMMITTEE, parties: [person('p-d1'), organisation('o-owners')] }),
        ),
      )
      .thenRefused(disputeRules.kindParties)
  })

  it('a party files, an organisation through one who leads it, or the office of the level', () => {
    const filings = [
      by('p-d2').fileCase(filing({ case: 'k-a', limits: NO_LIMITS })),
      by('p-prop').fileCase(
        filing({
          case: 'k-b',
          kind: OWNER_VS_COMPANY,
          parties: [person('p-d1'), organisation('o-prop')],
          limits: NO_LIMITS,
        }),
      ),
      by(GW).fileCase(filing({ case: 'k-c' })),
    ]
    // Each case is its own stream.
    for (const fileCase of filings)
      expect(caseOf(unfiled().when(fileCase).then()).status).toBe('filed')
  })

  it.each([
    ['a resident of another grid', 'p-q1'],
    ['the grid worker of another grid', 'p-gw-q'],
    ['a mediator of another community', 'p-med-q'],
    ['the community’s mediator (another level’s office)', 'p-med-d'],
    ['the street’s registrar (another level’s office)', CLERK],
    ['a leader of an organisation that is not a party', 'p-owner'],
  ])('%s does not file a case in g-d', (_, actor) => {
    unfiled()
      .when(by(actor).fileCase(filing()))
      .thenRefused(forbiddenTo(actor, 'fileCase', GRID_OFFICE))
  })

  it.each([
    ['a person', 'p-d1', [person('p-d1'), person('p-d2')]],
    ['an organisation’s leader', 'p-prop', [person('p-d1'), organisation('o-prop')]],
  ])(
    'time limits are the office’s to set (limits-by-office): not %s filing its own case',
    (_, actor, parties) => {
      for (const limits of [LIMITS, { grid: null, community: 15 }, { grid: 3, community: null }])
        unfiled()
          .when(by(actor).fileCase(filing({ kind: OTHER, parties, limits })))
          .thenRefused(disputeRules.limitsByOffice)
      const filed = unfiled()
        .when(by(actor).fileCase(filing({ kind: OTHER, parties, limits: NO_LIMITS })))
        .then()
      expect(caseOf(filed).limits).toEqual(NO_LIMITS)
    },
  )

  it.each([
    ['one party', [person('p-d1')]],
    ['the same person twice', [person('p-d1'), person('p-d2'), person('p-d1')]],
    ['the same organisation twice', [organisation('o-prop'), organisation('o-prop')]],
    ['a person against the company they lead', [person('p-prop'), organisation('o-prop')]],
  ])('a case has two distinct sides (two-parties): not %s', (_, parties) => {
    unfiled()
      .when(by(GW).fileCase(filing({ kind: OTHER, parties })))
      .thenRefused(disputeRules.twoParties)
  })

  it('parties and the place it arose exist', () => {
    unfiled()
      .when(by(GW).fileCase(filing({ parties: [person('p-d1'), person('p-nobody')] })))
      .thenRefused(notFound('person', 'p-nobody'))
    unfiled()
      .when(
        by(GW).fileCase(
          filing({ kind: OTHER, parties: [person('p-d1'), organisation('o-nowhere')] }),
        ),
      )
      .thenRefused(notFound('organisation', 'o-nowhere'))
    unfiled()
      .when(by(GW).fileCase(filing({ arose: place('grid', 'g-nowhere') })))
      .thenRefused(notFound('grid', 'g-nowhere'))
  })

  it('a case does not arise in a community the registry does not have', () => {
    unfiled()
      .when(
        by('p-d1').fileCase(filing({ arose: place('community', 'c-nowhere'), limits: NO_LIMITS })),
      )
      .thenRefused(notFound('community', 'c-nowhere'))
  })

  it.each([
    ['both parties in c-d', BETWEEN_RESIDENTS, [person('p-d1'), person('p-d2')]],
    ['a party with no home', BETWEEN_RESIDENTS, [person('p-d1'), person('p-med-s')]],
    [
      'an organisation seated at the street',
      BETWEEN_ORGANISATIONS,
      [organisation('o-prop'), organisation('o-legal')],
    ],
  ])(
    'a case between two communities has parties in exactly two (two-communities): not %s',
    (_, kind, parties) => {
      unfiled()
        .when(by(GW).fileCase(filing({ kind, parties })))
        .thenRefused(disputeRules.twoCommunities)
    },
  )

  it('three parties in two communities make a case between two communities', () => {
    const filed = unfiled()
      .when(
        by(GW).fileCase(
          filing({
            kind: BETWEEN_RESIDENTS,
            parties: [person('p-d1'), person('p-q1'), person('p-d2')],
          }),
        ),
      )
      .then()
    expect(caseOf(filed).communities).toEqual(['c-d', 'c-q'])
  })

  it('a case is filed once', () => {
    caseAt('filed')
      .when(by(GW).fileCase(filing()))
      .thenRefused({ code: 'AlreadyExists', entity: 'case', id: K })
  })

  it('a case that was never filed decides nothing', () => {
    unfiled()
      .when(by('p-d1').giveConsent({ case: K, party: 0 }))
      .thenRefused(notFound('case', `${K} of ${STREET}`))
  })

  it('a case is decided only with its street’s registry as context', () => {
    const filed = caseAt('filed')
    const withdraw = by('p-d1').withdrawCase({ case: K, party: 0, reason: 'x' })
    // No registry open at all, or the registry of another street.
    const otherStreet = registryAfter(
      community.initialState,
      onRegistry('openRegistry', {
        street: 'm-street',
        name: 'M Street',
        registrar: CLERK,
        registrarName: 'Clerk',
        assignment: 'as-m-clerk',
      }),
    )
    for (const registry of [community.initialState, otherStreet])
      spec
        .givenState(filed.state, { registry })
        .when(withdraw)
        .thenRefused(notFound('street registry', STREET))
    // A command of another street, with that street's registry, finds no case of its own.
    spec
      .givenState(filed.state, { registry: otherStreet })
      .when(command(CLERK, 'assignMediator', { street: 'm-street', case: K, mediator: CLERK }))
      .thenRefused(notFound('case', `${K} of m-street`))
  })

  it('a case’s record runs forward (earlier-than-last-step)', () => {
    const filed = caseAt('filed', { at: '2024-04-01T09:00:00+08:00' })
    filed
      .when(by('p-d1', '2024-04-01T08:59:00+08:00').giveConsent({ case: K, party: 0 }))
      .thenRefused(disputeRules.earlierThanLastStep)
    filed
      .when(by('p-d1', '2024-04-01T09:00:00+08:00').giveConsent({ case: K, party: 0 }))
      .then()
      .when(by('p-d2', '2024-04-01T00:59:00Z').giveConsent({ case: K, party: 1 }))
      .thenRefused(disputeRules.earlierThanLastStep)
  })

  it('a case’s record runs forward from its last event, a step or not (earlier-than-last-step): an assignment dates the case', () => {
    const at = (hm: string) => `2024-03-01T${hm}:00+08:00`
    const assigned = after(
      unfiled(),
      by(GW, at('09:00')).fileCase(filing()),
      by(GW, at('12:00')).assignMediator({ case: K, mediator: GW }),
    )
    expect(caseOf(assigned).lastAt).toBe(at('12:00'))
    for (const [actor, type, payload] of [
      ['p-d1', 'giveConsent', { party: 0 }],
      ['p-d2', 'giveConsent', { party: 1 }],
      [GW, 'assignMediator', { mediator: 'p-gw-q' }],
    ] as const)
      assigned
        .when(command(actor, type, { case: K, ...payload }, at('11:59')))
        .thenRefused(disputeRules.earlierThanLastStep)
    // The same instant is not earlier.
    after(
      assigned,
      by('p-d1', at('12:00')).giveConsent({ case: K, party: 0 }),
      by('p-d2', at('12:10')).giveConsent({ case: K, party: 1 }),
    )
      .when(by(GW, at('12:05')).holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' }))
      .thenRefused(disputeRules.earlierThanLastStep)
  })

  it('a case’s record runs forward from its last event, a step or not (earlier-than-last-step): an escalation request dates the case', () => {
    const requested = caseAt('accepted', { at: '2024-03-01T09:00:00+08:00' })
      .when(
        by('p-d2', '2024-03-01T14:00:00+08:00').requestEscalation({
          case: K,
          party: 1,
          reason: 'Too big for the grid',
        }),
      )
      .then()
    expect(caseOf(requested).lastAt).toBe('2024-03-01T14:00:00+08:00')
    // 13:59 in Beijing, written in UTC.
    requested
      .when(by(GW, '2024-03-01T05:59:00Z').escalateCase({ case: K, reason: 'Asked to' }))
      .thenRefused(disputeRules.earlierThanLastStep)
    requested
      .when(by(GW, '2024-03-01T06:00:00Z').escalateCase({ case: K, reason: 'Asked to' }))
      .then()
  })
})

describe('nobody speaks for two sides', () => {
  it('a party organisation’s leader from above it is not also a party against it (two-parties)', () => {
    const registry = areaWith(
      registerOrganisation({
        kind: 'party-committee',
        id: 'o-root',
        name: 'Area working committee',
        seat: place('street', STREET),
        parent: null,
      }),
      appoint('as-root', 'p-d2', 'secretary', org('o-root')),
      registerOrganisation(
        {
          kind: 'party-branch',
          id: 'o-branch-d',
          name: 'D branch',
          seat: place('community', 'c-d'),
          parent: 'o-root',
          branch: { kind: 'community' },
        },
        'p-d2',
      ),
    )
    // p-d2 leads the branch from the committee above it, so acts for it: no dispute with itself.
    unfiled(registry)
      .when(
        by('p-d2').fileCase({
          case: 'k-self',
          kind: { kind: 'other', description: 'A quarrel with oneself' },
          parties: [person('p-d2'), organisation('o-branch-d')],
          arose: place('grid', 'g-d'),
          summary: 'x',
          limits: { grid: null, community: null },
        }),
      )
      .thenRefused(disputeRules.twoParties)
  })
})

describe('consent: mediation is voluntary, every party consents for itself', () => {
  it('the case is accepted when the last party consents: filed → filed → accepted', () => {
    const first = caseAt('filed')
      .when(by('p-d2').giveConsent({ case: K, party: 1 }))
      .then(like([{ type: 'consentGiven', status: 'filed', party: 1 }]))
    expect(caseOf(first)).toMatchObject({ status: 'filed', consents: [1] })
    const last = first
      .when(by('p-d1').giveConsent({ case: K, party: 0 }))
      .then(like([{ type: 'consentGiven', status: 'accepted', party: 0 }]))
    expect(caseOf(last)).toMatchObject({ status: 'accepted', consents: [1, 0] })
  })

  it('a party consents for itself only', () => {
    for (const actor of ['p-d1', GW, CLERK])
      caseAt('filed')
        .when(by(actor).giveConsent({ case: K, party: 1 }))
        .thenRefused(forbiddenTo(actor, 'giveConsent', inPerson(1, 'p-d2')))
  })

  it('a party consents once (already-consented)', () => {
    caseAt('filed')
      .when(by('p-d1').giveConsent({ case: K, party: 0 }))
      .then()
      .when(by('p-d1').giveConsent({ case: K, party: 0 }))
      .thenRefused(disputeRules.alreadyConsented)
  })

  it('a party that is not on the case does not exist', () => {
    caseAt('filed')
      .when(by('p-d1').giveConsent({ case: K, party: 2 }))
      .thenRefused(notFound('party', '2'))
  })

  it('any party refuses, for itself, and the case is closed as declined: filed → declined', () => {
    const consented = caseAt('filed')
      .when(by('p-d1').giveConsent({ case: K, party: 0 }))
      .then()
    consented
      .when(by('p-d1').refuseMediation({ case: K, party: 1, reason: 'x' }))
      .thenRefused(forbiddenTo('p-d1', 'refuseMediation', inPerson(1, 'p-d2')))
    const declined = consented
      .when(
        by('p-d2', '2024-04-02T09:00:00+08:00').refuseMediation({
          case: K,
          party: 1,
          reason: 'Will go to court',
        }),
      )
      .then(
        like([
          { type: 'mediationRefused', status: 'declined', party: 1, reason: 'Will go to court' },
        ]),
      )
    expect(caseOf(declined)).toMatchObject({
      status: 'declined',
      closedAt: '2024-04-02T09:00:00+08:00',
      closedLevel: 'grid',
    })
  })

  it('a party refuses only before the case is accepted', () => {
    caseAt('accepted')
      .when(by('p-d2').refuseMediation({ case: K, party: 1, reason: 'Changed my mind' }))
      .thenRefused(illegal('accepted', 'refuseMediation'))
  })

  it('a case not yet accepted is referred out instead: filed → referred-out', () => {
    const referred = caseAt('filed')
      .when(by('p-d2').referOut({ case: K, to: 'District court', reason: 'Wants a judgment' }))
      .then(like([{ type: 'caseReferredOut', status: 'referred-out' }]))
    expect(caseOf(referred)).toMatchObject({ status: 'referred-out', closedLevel: 'grid' })
  })
})

describe('closing a case: withdrawn, referred out', () => {
  it.each(['filed', 'accepted', 'in-mediation', 'drafting', 'failed', 'escalated'] as const)(
    'a party withdraws a case that is %s: → withdrawn, closed at its level',
    (stage) => {
      const point = caseAt(stage)
      const level = caseOf(point).level
      const withdrawn = point
        .when(
          by('p-d2', '2024-04-10T09:00:00+08:00').withdrawCase({
            case: K,
            party: 1,
            reason: 'Settled privately',
          }),
        )
        .then(
          like([
            { type: 'caseWithdrawn', status: 'withdrawn', party: 1, reason: 'Settled privately' },
          ]),
        )
      expect(caseOf(withdrawn)).toMatchObject({
        status: 'withdrawn',
        closedAt: '2024-04-10T09:00:00+08:00',
        closedLevel: level,
      })
    },
  )

  it('a party withdraws for itself only', () => {
    for (const actor of ['p-d1', GW])
      caseAt('accepted')
        .when(by(actor).withdrawCase({ case: K, party: 1, reason: 'x' }))
        .thenRefused(forbiddenTo(actor, 'withdrawCase', inPerson(1, 'p-d2')))
  })

  it.each([
    ['filed', 'p-d1'],
    ['accepted', GW],
    ['in-mediation', 'p-d2'],
    ['drafting', 'p-d1'],
    ['agreed', 'p-d2'],
    ['failed', GW],
    ['escalated', 'p-med-d'],
    ['breached', 'p-d2'],
  ] as const)('a case that is %s is referred out (by %s): → referred-out', (stage, actor) => {
    const referred = caseAt(stage)
      .when(by(actor).referOut({ case: K, to: 'District court', reason: 'Needs a judgment' }))
      .then(
        like([
          {
            type: 'caseReferredOut',
            status: 'referred-out',
            to: 'District court',
            reason: 'Needs a judgment',
          },
        ]),
      )
    const c = caseOf(referred)
    expect(c.status).toBe('referred-out')
    expect(c.steps.at(-1)?.note).toBe('District court: Needs a judgment')
  })

  it('a party, an assigned mediator or the office of the level refers a case out, nobody else', () => {
    for (const actor of ['p-q1', 'p-gw-q', 'p-legal', 'p-med-d', CLERK])
      caseAt('accepted')
        .when(by(actor).referOut({ case: K, to: 'Court', reason: 'x' }))
        .thenRefused(forbiddenTo(actor, 'referOut', GRID_OFFICE))
  })
})

describe('the case’s table: a consent, refusal, referral or withdrawal it has no edge for is an IllegalTransition', () => {
  const rows: ReadonlyArray<readonly [Stage, string, string, Record<string, unknown>]> = [
    ['in-mediation', 'p-d1', 'refuseMediation', { party: 0, reason: 'x' }],
    ['agreed', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }],
    ['fulfilled', 'p-d1', 'referOut', { to: 'Court', reason: 'x' }],
    ['fulfilled', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }],
    ['breached', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }],
    ['declined', 'p-d1', 'giveConsent', { party: 0 }],
    ['declined', 'p-d1', 'refuseMediation', { party: 0, reason: 'x' }],
    ['declined', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }],
    ['declined', 'p-d1', 'referOut', { to: 'Court', reason: 'x' }],
    ['referred-out', 'p-d1', 'giveConsent', { party: 0 }],
    ['referred-out', 'p-d1', 'referOut', { to: 'Court', reason: 'x' }],
    ['referred-out', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }],
    ['withdrawn', 'p-d2', 'giveConsent', { party: 1 }],
    ['withdrawn', 'p-d1', 'referOut', { to: 'Court', reason: 'x' }],
    ['withdrawn', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }],
  ]

  it.each(rows)('%s: %s may not %s', (stage, actor, type, payload) => {
    caseAt(stage)
      .when(command(actor, type, { case: K, ...payload }))
      .thenRefused(illegal(stage, type))
  })
})
