import { describe, expect, it } from 'vitest'
import type { RegistryState } from '../../src/community/index.js'
import { disputeRules } from '../../src/dispute/index.js'
import {
  after,
  aLeaderOf,
  appoint,
  AREA,
  areaWith,
  assignedAt,
  BETWEEN_ORGANISATIONS,
  BETWEEN_RESIDENTS,
  by,
  caseAt,
  caseOf,
  command,
  COMMUNITY_D,
  COMMUNITY_OFFICE,
  depart,
  endRole,
  filing,
  forbiddenTo,
  GRID_D,
  GRID_OFFICE,
  GW,
  inPerson,
  jointCase,
  K,
  like,
  NO_LIMITS,
  onRegistry,
  org,
  organisation,
  OWNER_VS_COMMITTEE,
  OWNER_VS_COMPANY,
  person,
  Q_PROPERTY,
  registryAfter,
  SEAL,
  unfiled,
  withRegistry,
  type Point,
  type Stage,
} from './spec-fixtures.js'

// Who may act on a case (authority.ts), and impartially, each read from the street's registry
// as it is when the act is done: a party (a person in person, an organisation through one who
// leads it now), the mediators of the case (while a post they were assigned under lasts), the
// office of a level (for a case between two communities, either community's), and nobody
// speaking for two sides.

describe('impartiality at every act, by the registry as it is now (two-parties, mediator-is-party)', () => {
  /** k-o: p-d1 against the owners' committee o-owners (led by p-owner), filed in g-d by its grid worker, who mediates it. */
  const O = 'k-o'
  const committeeRoute: ReadonlyArray<readonly [Stage, unknown]> = [
    [
      'filed',
      by(GW).fileCase(
        filing({
          case: O,
          kind: OWNER_VS_COMMITTEE,
          parties: [person('p-d1'), organisation('o-owners')],
        }),
      ),
    ],
    ['filed', by(GW).assignMediator({ case: O, mediator: GW })],
    ['accepted', by('p-d1').giveConsent({ case: O, party: 0 })],
    ['accepted', by('p-owner').giveConsent({ case: O, party: 1 })],
    [
      'in-mediation',
      by(GW).holdSession({ case: O, attended: ['p-d1', 'p-owner'], outcome: 'Heard' }),
    ],
    ['drafting', by(GW).draftAgreement({ case: O, terms: ['The committee waives the late fee'] })],
    ['agreed', by('p-d1').signAgreement({ case: O, party: 0 })],
    ['agreed', by('p-owner').signAgreement({ case: O, party: 1 })],
    ['agreed', by(GW).countersignAgreement({ case: O, committee: SEAL })],
  ]
  const stages: ReadonlyArray<Stage> = ['filed', 'accepted', 'in-mediation', 'drafting', 'agreed']
  const committeeCaseAt = (stage: Stage): Point =>
    after(
      unfiled(),
      ...committeeRoute
        .filter(([at]) => stages.indexOf(at) <= stages.indexOf(stage))
        .map(([, c]) => c),
    )
  /**
   * After filing, the committee is elected anew: the registrar ends p-owner's post as its director
   * and makes `who` its director.
   */
  const director = (who: string): RegistryState =>
    areaWith(
      endRole('as-owner', 'New committee elected'),
      appoint(`as-${who}-owners`, who, 'director', org('o-owners')),
    )

  it('one voice does not act for both sides (two-parties): an owner made director of the committee he disputes with consents, signs and applies for neither', () => {
    const registry = director('p-d1')
    const filed = withRegistry(committeeCaseAt('filed'), registry)
    for (const party of [0, 1])
      filed.when(by('p-d1').giveConsent({ case: O, party })).thenRefused(disputeRules.twoParties)
    // Once he stands down and p-owner is director again, each speaks for its own side.
    const again = registryAfter(
      registry,
      endRole('as-p-d1-owners', 'Stood down'),
      appoint('as-owner-again', 'p-owner', 'director', org('o-owners')),
    )
    const accepted = after(
      withRegistry(filed, again),
      by('p-owner').giveConsent({ case: O, party: 1 }),
      by('p-d1').giveConsent({ case: O, party: 0 }),
    )
    expect(caseOf(accepted).status).toBe('accepted')
  })

  it('one voice does not make the joint application for both sides (two-parties): judicialConfirmationRequested is not emitted', () => {
    const agreed = withRegistry(committeeCaseAt('agreed'), director('p-d1'))
    for (const party of [0, 1])
      agreed
        .when(by('p-d1').requestJudicialConfirmation({ case: O, party }))
        .thenRefused(disputeRules.twoParties)
    expect(caseOf(agreed).agreement?.applications).toEqual([])
  })

  it.each([
    ['refuses mediation', 'filed', 'refuseMediation', { reason: 'Court' }, true],
    ['withdraws the case', 'filed', 'withdrawCase', { reason: 'Settled' }, true],
    ['refers the case out', 'filed', 'referOut', { to: 'Court', reason: 'x' }, false],
    ['asks for escalation', 'accepted', 'requestEscalation', { reason: 'Up' }, true],
    ['escalates', 'accepted', 'escalateCase', { reason: 'Up' }, false],
    ['signs', 'drafting', 'signAgreement', {}, true],
    ['applies for judicial confirmation', 'agreed', 'requestJudicialConfirmation', {}, true],
  ] as const)(
    'one voice for two sides %s for neither (two-parties)',
    (_, stage, type, payload, forAParty) => {
      const point = withRegistry(committeeCaseAt(stage), director('p-d1'))
      for (const party of forAParty ? [0, 1] : [null])
        point
          .when(
            command('p-d1', type, { case: O, ...payload, ...(party === null ? {} : { party }) }),
          )
          .thenRefused(disputeRules.twoParties)
      expect(caseOf(point).status).toBe(stage)
    },
  )

  /** Ways a mediator comes to speak for party 1 after the assignment: leading it, or mediating inside it. */
  const sidings = [
    ['made director of the committee', 'director'],
    ['made mediator inside the committee', 'mediator'],
  ] as const

  it.each(
    sidings.flatMap(([how, role]) =>
      (
        [
          ['holds no session', 'accepted', 'holdSession', { attended: ['p-d1'], outcome: 'x' }],
          ['drafts no agreement', 'in-mediation', 'draftAgreement', { terms: ['x'] }],
          ['records no failure', 'in-mediation', 'recordFailure', { reason: 'x' }],
          ['does not sign and seal', 'drafting', 'countersignAgreement', { committee: SEAL }],
          ['records no fulfilment', 'agreed', 'recordFulfilment', { note: 'x' }],
          ['records no breach', 'agreed', 'recordBreach', { note: 'x' }],
          ['does not escalate', 'accepted', 'escalateCase', { reason: 'x' }],
          ['does not refer out', 'in-mediation', 'referOut', { to: 'Court', reason: 'x' }],
        ] as const
      ).map(([what, stage, type, payload]) => [how, role, what, stage, type, payload] as const),
    ),
  )('a mediator %s (%s) %s (mediator-is-party)', (_how, role, _what, stage, type, payload) => {
    const reached = committeeCaseAt(stage)
    const point =
      stage === 'accepted' && type === 'escalateCase'
        ? reached.when(by('p-d1').requestEscalation({ case: O, party: 0, reason: 'Up' })).then()
        : reached
    const sided = areaWith(
      ...(role === 'director' ? [endRole('as-owner', 'New committee')] : []),
      appoint('as-gw-owners', GW, role, org('o-owners')),
    )
    const act = command(GW, type, { case: O, ...payload })
    withRegistry(point, sided).when(act).thenRefused(disputeRules.mediatorIsParty)
    // Once the post in the committee ends, the mediator is impartial again.
    const ended = registryAfter(sided, endRole('as-gw-owners', 'Conflict of interest'))
    withRegistry(point, ended).when(act).then()
  })

  it('a mediator made director of a party acts for it in nothing while mediating the case (mediator-is-party): the consent, signature and seal that made the agreement are refused', () => {
    // The review's case: the mediator, now the committee's director, consents and signs for it,
    // then signs and seals as mediator.
    const registry = director(GW)
    const consented = withRegistry(committeeCaseAt('filed'), registry)
      .when(by('p-d1').giveConsent({ case: O, party: 0 }))
      .then()
    consented
      .when(by(GW).giveConsent({ case: O, party: 1 }))
      .thenRefused(disputeRules.mediatorIsParty)
    expect(caseOf(consented).status).toBe('filed')
    // Relieved of the case's mediation (the grid-worker post ends), he speaks for the committee.
    const relieved = registryAfter(registry, endRole('as-gw-d', 'Now the committee’s director'))
    const accepted = withRegistry(consented, relieved)
      .when(by(GW).giveConsent({ case: O, party: 1 }))
      .then()
    expect(caseOf(accepted).status).toBe('accepted')
    accepted
      .when(by(GW).holdSession({ case: O, attended: ['p-d1'], outcome: 'x' }))
      .thenRefused(forbiddenTo(GW, 'holdSession', assignedAt('grid', O)))
  })

  it('a mediator of the joint office who comes to speak for a party staffs it no more (joint-mediators)', () => {
    const registry = areaWith(...Q_PROPERTY())
    const staffed = after(
      unfiled(registry),
      by('p-prop').fileCase(
        filing({
          case: 'k-j',
          kind: BETWEEN_ORGANISATIONS,
          parties: [organisation('o-prop'), organisation('o-qprop')],
          arose: COMMUNITY_D,
          limits: NO_LIMITS,
        }),
      ),
      by('p-prop').giveConsent({ case: 'k-j', party: 0 }),
      by('p-q1').giveConsent({ case: 'k-j', party: 1 }),
      by('p-med-d').assignMediator({ case: 'k-j', mediator: 'p-med-d' }),
      by('p-med-d').assignMediator({ case: 'k-j', mediator: 'p-med-q' }),
    )
    withRegistry(
      staffed,
      registryAfter(registry, appoint('as-med-q-qprop', 'p-med-q', 'mediator', org('o-qprop'))),
    )
      .when(by('p-med-d').holdSession({ case: 'k-j', attended: ['p-prop'], outcome: 'x' }))
      .thenRefused(disputeRules.jointMediators)
  })
})

describe('organisation parties act through one who leads them', () => {
  const companyCase = (): Point =>
    unfiled()
      .when(
        by('p-prop').fileCase(
          filing({
            kind: OWNER_VS_COMPANY,
            parties: [person('p-d1'), organisation('o-prop')],
            limits: NO_LIMITS,
          }),
        ),
      )
      .then()

  it('the company’s director consents, signs and asks for judicial confirmation for it', () => {
    const agreed = after(
      companyCase(),
      by('p-d1').giveConsent({ case: K, party: 0 }),
      by('p-prop').giveConsent({ case: K, party: 1 }),
      by(GW).assignMediator({ case: K, mediator: GW }),
      by(GW).holdSession({ case: K, attended: ['p-d1', 'p-prop'], outcome: 'Heard' }),
      by(GW).draftAgreement({ case: K, terms: ['The company fixes the lift'] }),
      by('p-d1').signAgreement({ case: K, party: 0 }),
      by('p-prop').signAgreement({ case: K, party: 1 }),
      by(GW, '2024-04-01T10:00:00+08:00').countersignAgreement({ case: K, committee: SEAL }),
    )
    const c = caseOf(agreed)
    expect(c.status).toBe('agreed')
    expect(c.agreement?.signatures.map((s) => [s.party, s.by])).toEqual([
      [0, 'p-d1'],
      [1, 'p-prop'],
    ])
    agreed
      .when(
        by('p-d1', '2024-04-02T09:00:00+08:00').requestJudicialConfirmation({ case: K, party: 0 }),
      )
      .then()
      .when(
        by('p-prop', '2024-04-02T10:00:00+08:00').requestJudicialConfirmation({
          case: K,
          party: 1,
        }),
      )
      .then(
        like([
          { type: 'judicialConfirmationApplied', actor: 'p-prop', party: 1 },
          { type: 'judicialConfirmationRequested', actor: 'p-prop', status: 'agreed' },
        ]),
      )
  })

  it('the director requests escalation, escalates and withdraws for the company', () => {
    const requested = after(
      companyCase(),
      by('p-d1').giveConsent({ case: K, party: 0 }),
      by('p-prop').giveConsent({ case: K, party: 1 }),
      by('p-prop').requestEscalation({ case: K, party: 1, reason: 'Too big for a grid' }),
    )
    expect(caseOf(requested).escalationRequested).toBe(true)
    const escalated = requested
      .when(by('p-prop').escalateCase({ case: K, reason: 'Too big for a grid' }))
      .then()
    expect(caseOf(escalated)).toMatchObject({ status: 'escalated', level: 'community' })
    const withdrawn = escalated
      .when(by('p-prop').withdrawCase({ case: K, party: 1, reason: 'Settled' }))
      .then()
    expect(caseOf(withdrawn).status).toBe('withdrawn')
  })

  it.each([
    ['the other party', 'p-d1'],
    ['the leader of another organisation', 'p-owner'],
    ['the grid worker', GW],
  ])('%s does not act for the company', (_, actor) => {
    const filed = companyCase()
    for (const [type, payload] of [
      ['giveConsent', { party: 1 }],
      ['refuseMediation', { party: 1, reason: 'No' }],
      ['requestEscalation', { party: 1, reason: 'Up' }],
      ['withdrawCase', { party: 1, reason: 'No' }],
    ] as const)
      filed
        .when(command(actor, type, { case: K, ...payload }))
        .thenRefused(forbiddenTo(actor, type, aLeaderOf(1, 'o-prop')))
  })

  it('the company’s director does not act for the owner', () => {
    companyCase()
      .when(by('p-prop').giveConsent({ case: K, party: 0 }))
      .thenRefused(forbiddenTo('p-prop', 'giveConsent', inPerson(0, 'p-d1')))
  })
})

describe('the mediators of the case: while a post they were assigned under lasts', () => {
  const retired = areaWith(endRole('as-gw-d', 'Retired'))

  it('a mediator whose post has ended no longer mediates the case', () => {
    withRegistry(caseAt('accepted'), retired)
      .when(by(GW).holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' }))
      .thenRefused(forbiddenTo(GW, 'holdSession', assignedAt('grid')))
  })

  it('a mediator whose post has ended does not refer the case out', () => {
    withRegistry(caseAt('accepted'), retired)
      .when(by(GW).referOut({ case: K, to: 'District court', reason: 'x' }))
      .thenRefused(forbiddenTo(GW, 'referOut', GRID_OFFICE))
  })

  it('a mediator whose post has ended does not escalate the case, even past the limit', () => {
    withRegistry(caseAt('accepted', { at: '2024-04-01T09:00:00+08:00' }), retired)
      .when(by(GW, '2024-05-01T09:00:00+08:00').escalateCase({ case: K, reason: 'Overdue' }))
      .thenRefused({ code: 'Forbidden', actor: GW, command: 'escalateCase' })
  })
})

describe('residency: authority ends with the post, and a party stays a party', () => {
  it('a mediator who has left the street (their posts end with it) holds no session, escalates not, signs not and refers not out', () => {
    const at = '2024-04-01T09:00:00+08:00'
    const gone = areaWith(depart(GW))
    const a = withRegistry(caseAt('accepted', { id: 'k-a', at }), gone)
    const b = withRegistry(caseAt('drafting', { id: 'k-b', at }), gone)
    const late = '2024-05-01T09:00:00+08:00'
    a.when(
      by(GW, late).holdSession({ case: 'k-a', attended: ['p-d1'], outcome: 'Heard' }),
    ).thenRefused(forbiddenTo(GW, 'holdSession', assignedAt('grid', 'k-a')))
    // Even past the grid's seven days, which would let a mediator escalate unasked.
    a.when(by(GW, late).escalateCase({ case: 'k-a', reason: 'Overdue' })).thenRefused(
      forbiddenTo(GW, 'escalateCase', ['a party to k-a', ...assignedAt('grid', 'k-a')]),
    )
    b.when(by(GW, late).countersignAgreement({ case: 'k-b', committee: SEAL })).thenRefused(
      forbiddenTo(GW, 'countersignAgreement', assignedAt('grid', 'k-b')),
    )
    for (const [point, id] of [
      [a, 'k-a'],
      [b, 'k-b'],
    ] as const)
      point
        .when(by(GW, late).referOut({ case: id, to: 'District court', reason: 'x' }))
        .thenRefused(forbiddenTo(GW, 'referOut', GRID_OFFICE))
  })

  it('a mediator of the joint office who has left the street no longer staffs it (joint-mediators)', () => {
    const staffed = after(
      jointCase(),
      by('p-med-d').assignMediator({ case: 'k-j', mediator: 'p-med-d' }),
      by('p-med-q').assignMediator({ case: 'k-j', mediator: 'p-med-q' }),
    )
    const gone = withRegistry(staffed, areaWith(depart('p-med-q')))
    gone
      .when(by('p-med-d').holdSession({ case: 'k-j', attended: ['p-d1'], outcome: 'Heard' }))
      .thenRefused(disputeRules.jointMediators)
    gone
      .when(by('p-med-d').assignMediator({ case: 'k-j', mediator: 'p-med-q' }))
      .thenRefused(disputeRules.mediatorLevel)
  })

  it('a case’s assignment ends with the post it was made under: a mediator who left the street and came back acts on the case only when assigned again', () => {
    const back = withRegistry(
      caseAt('accepted'),
      areaWith(
        depart(GW),
        onRegistry('moveResident', { person: GW, to: GRID_D }),
        appoint('as-gw-d-again', GW, 'grid-worker', GRID_D),
      ),
    )
    const session = by(GW).holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' })
    // A new post is not the old assignment revived.
    back.when(session).thenRefused(forbiddenTo(GW, 'holdSession', assignedAt('grid')))
    // The office assigns them again, under the post they hold now.
    const held = back
      .when(by(GW).assignMediator({ case: K, mediator: GW }))
      .then(like([{ type: 'mediatorAssigned', mediator: GW, posts: ['as-gw-d-again'] }]))
      .when(session)
      .then()
    expect(caseOf(held)).toMatchObject({
      status: 'in-mediation',
      mediators: [GW],
      mediatorPosts: [{ mediator: GW, posts: ['as-gw-d-again'] }],
    })
  })

  it('a case’s assignment ends with the post it was made under: a post ended and another given needs a new assignment', () => {
    const session = by(GW).holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' })
    const reposted = withRegistry(
      caseAt('accepted'),
      areaWith(endRole('as-gw-d', 'Term over'), appoint('as-gw-d-2', GW, 'grid-worker', GRID_D)),
    )
    reposted.when(session).thenRefused(forbiddenTo(GW, 'holdSession', assignedAt('grid')))
    reposted
      .when(by(GW).assignMediator({ case: K, mediator: GW }))
      .then()
      .when(session)
      .then()
    // Assigned while holding two posts at the level, a mediator keeps the case when one ends.
    const twoPosts = areaWith(appoint('as-gw-d-med', GW, 'mediator', GRID_D))
    const both = caseAt('accepted', { registry: twoPosts })
    expect(caseOf(both).mediatorPosts).toEqual([
      { mediator: GW, posts: ['as-gw-d', 'as-gw-d-med'] },
    ])
    withRegistry(both, registryAfter(twoPosts, endRole('as-gw-d', 'Term over')))
      .when(session)
      .then()
  })

  it('a party who has left the street is still a party: it consents, attends, signs and applies for judicial confirmation', () => {
    const requested = after(
      withRegistry(caseAt('filed'), areaWith(depart('p-d2'))),
      by('p-d1').giveConsent({ case: K, party: 0 }),
      by('p-d2').giveConsent({ case: K, party: 1 }),
      by(GW).holdSession({ case: K, attended: ['p-d1', 'p-d2'], outcome: 'Heard' }),
      by(GW).draftAgreement({ case: K, terms: ['p-d1 repairs the pipe'] }),
      by('p-d1').signAgreement({ case: K, party: 0 }),
      by('p-d2').signAgreement({ case: K, party: 1 }),
      by(GW).countersignAgreement({ case: K, committee: SEAL }),
      by('p-d2').requestJudicialConfirmation({ case: K, party: 1 }),
      by('p-d1').requestJudicialConfirmation({ case: K, party: 0 }),
    )
    const c = caseOf(requested)
    expect(c.status).toBe('agreed')
    expect(c.agreement?.confirmationRequestedAt).not.toBeNull()
  })

  it('a party who has left the street still escalates, refers out or withdraws its case', () => {
    const gone = areaWith(depart('p-d2'))
    const acted = [
      by('p-d2').escalateCase({ case: 'k-a', reason: 'Needs the community' }),
      by('p-d2').referOut({ case: 'k-b', to: 'District court', reason: 'x' }),
      by('p-d2').withdrawCase({ case: 'k-c', party: 1, reason: 'Moved away' }),
    ].map((act) =>
      withRegistry(caseAt('accepted', { id: act.case }), gone)
        .when(act)
        .then(),
    )
    expect(acted.map((point) => caseOf(point).status)).toEqual([
      'escalated',
      'referred-out',
      'withdrawn',
    ])
  })

  it('one who led an organisation party and left the street no longer speaks for it; whoever leads it now does', () => {
    const filed = unfiled()
      .when(
        by(GW).fileCase(
          filing({ kind: OWNER_VS_COMMITTEE, parties: [person('p-d1'), organisation('o-owners')] }),
        ),
      )
      .then()
    const left = areaWith(depart('p-owner'))
    withRegistry(filed, left)
      .when(by('p-owner').giveConsent({ case: K, party: 1 }))
      .thenRefused(forbiddenTo('p-owner', 'giveConsent', aLeaderOf(1, 'o-owners')))
    const consented = withRegistry(
      filed,
      registryAfter(left, appoint('as-owner-2', 'p-d2', 'director', org('o-owners'))),
    )
      .when(by('p-d2').giveConsent({ case: K, party: 1 }))
      .then()
    expect(caseOf(consented).consents).toEqual([1])
  })
})

describe('the office of a level: for a case between two communities, either community’s (the joint office)', () => {
  it('either community’s office accepts an escalated case, and assigns mediators of either', () => {
    const joint = jointCase(GRID_D)
    expect(caseOf(joint)).toMatchObject({ level: 'grid', communities: ['c-d', 'c-q'] })
    const escalated = joint
      .when(by('p-q1').escalateCase({ case: 'k-j', reason: 'Across the boundary' }))
      .then()
    escalated
      .when(by('p-gw-q').acceptEscalation({ case: 'k-j' }))
      .thenRefused(
        forbiddenTo('p-gw-q', 'acceptEscalation', [
          ...COMMUNITY_OFFICE,
          'mediator@community:c-q',
          'registrar@community:c-q',
        ]),
      )
    const held = after(
      escalated,
      by('p-med-q').acceptEscalation({ case: 'k-j' }),
      by('p-med-q').assignMediator({ case: 'k-j', mediator: 'p-med-d' }),
      by('p-med-q').assignMediator({ case: 'k-j', mediator: 'p-med-q' }),
      by('p-med-d').holdSession({ case: 'k-j', attended: ['p-d1'], outcome: 'Heard' }),
    )
    expect(caseOf(held).status).toBe('in-mediation')
  })

  it('either community of the joint office files a case between them', () => {
    unfiled(AREA)
      .when(
        by('p-med-q').fileCase(
          filing({
            case: 'k-j',
            kind: BETWEEN_RESIDENTS,
            parties: [person('p-d1'), person('p-q1')],
            arose: COMMUNITY_D,
          }),
        ),
      )
      .then()
  })
})
