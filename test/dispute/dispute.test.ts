import * as E from 'fp-ts/lib/Either.js'
import { produce } from 'immer'
import { describe, expect, it } from 'vitest'
import {
  AssignmentId,
  PersonId,
  StreetId,
  type DomainError,
  type Handled,
} from '../../src/core/index.js'
import { community, registryStream } from '../../src/community/index.js'
import {
  caseMachine,
  caseTimeline,
  dispute,
  judicialConfirmationStatus,
  ladder,
  ladderReport,
  MAX_CASE_MEDIATORS,
  MEDIATOR_POSTS_MAX,
  type Case,
} from '../../src/dispute/index.js'
import { CLERK, person, place, refusal, seedArea, STREET, type StreetEngine } from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const K = 'k-1'
const GRID_D = place('grid', 'g-d')
const COMMUNITY_D = place('community', 'c-d')
/** Time limits, which the office of the level sets. */
const LIMITS = { grid: 7, community: 15 }
/** No time limits: what a party filing its own case gives. */
const NO_LIMITS = { grid: null, community: null }
const OWNER_VS_OWNER = { kind: 'owner-vs-owner' }
const BETWEEN_RESIDENTS = { kind: 'residents-of-two-communities' }
const OTHER = { kind: 'other', description: 'A dispute of another kind' }
const organisation = (id: string) => ({ kind: 'organisation', organisation: id })

/** The committee whose seal a mediator's signature carries (People's Mediation Law art. 29). */
const SEAL = 'D community people’s mediation committee'

/** The grid worker of g-d: the office of the grid level, and the mediator it assigns. */
const GW = 'p-gw-d'
const GRID_OFFICE = ['mediator@grid:g-d', 'registrar@grid:g-d', 'grid-worker@grid:g-d']
const COMMUNITY_OFFICE = ['mediator@community:c-d', 'registrar@community:c-d']
const STREET_OFFICE = [`mediator@street:${STREET}`, `registrar@street:${STREET}`]
const assignedAt = (level: string, id = K) => [`a mediator assigned to ${id} at the ${level} level`]

/** The payload of filing k-1 (owner vs owner, p-d1 against p-d2, arisen in g-d) by its office. */
const filing = (over: Record<string, unknown> = {}) => ({
  case: K,
  kind: OWNER_VS_OWNER,
  parties: [person('p-d1'), person('p-d2')],
  arose: GRID_D,
  summary: 'Water leaks from the flat above',
  limits: LIMITS,
  ...over,
})

const caseOf = async (r: StreetEngine, id = K): Promise<Case> => {
  const c = (await r.caseOf(id)).case
  if (c === null) throw new Error(`case ${id} was never filed`)
  return c
}
const statusOf = async (r: StreetEngine, id = K) => (await caseOf(r, id)).status

const eventsOf = (handled: Handled<{ readonly type: string }, unknown>) =>
  handled.events.map((e) => e.event)

/** A refusal that stored nothing: the error, after checking the store did not grow. */
const refusedWithoutTrace = async (
  r: StreetEngine,
  sending: () => Promise<E.Either<DomainError, unknown>>,
): Promise<DomainError> => {
  const before = r.store.readAll().length
  const error = refusal(await sending())
  expect(r.store.readAll()).toHaveLength(before)
  return error
}

const rule = (name: string) => ({ code: 'RuleViolation', rule: name })
const illegal = (state: string, command: string) => ({
  code: 'IllegalTransition',
  machine: 'case',
  state,
  command,
})
const forbiddenTo = (actor: string, command: string, missingRole: ReadonlyArray<string>) => ({
  code: 'Forbidden',
  actor,
  command,
  missingRole,
})
const inPerson = (index: number, who: string) => [`party ${index} (${who}) in person`]
const aLeaderOf = (index: number, org: string) => [`a leader of party ${index} (${org})`]

type Stage =
  | 'filed'
  | 'accepted'
  | 'in-mediation'
  | 'drafting'
  | 'agreed'
  | 'fulfilled'
  | 'breached'
  | 'failed'
  | 'escalated'
  | 'declined'
  | 'referred-out'
  | 'withdrawn'

type Step = readonly [actor: string, type: string, payload: Record<string, unknown>]

/** The stage each stage is reached from, and the commands that reach it. */
const route: Record<Stage, readonly [Stage | null, ReadonlyArray<Step>]> = {
  filed: [
    null,
    [
      [GW, 'fileCase', filing()],
      [GW, 'assignMediator', { mediator: GW }],
    ],
  ],
  accepted: [
    'filed',
    [
      ['p-d1', 'giveConsent', { party: 0 }],
      ['p-d2', 'giveConsent', { party: 1 }],
    ],
  ],
  'in-mediation': [
    'accepted',
    [[GW, 'holdSession', { attended: ['p-d1', 'p-d2'], outcome: 'Both sides heard' }]],
  ],
  drafting: ['in-mediation', [[GW, 'draftAgreement', { terms: ['p-d1 repairs the pipe'] }]]],
  agreed: [
    'drafting',
    [
      ['p-d1', 'signAgreement', { party: 0 }],
      ['p-d2', 'signAgreement', { party: 1 }],
      [GW, 'countersignAgreement', { committee: SEAL }],
    ],
  ],
  fulfilled: ['agreed', [[GW, 'recordFulfilment', { note: 'Pipe repaired' }]]],
  breached: ['agreed', [[GW, 'recordBreach', { note: 'Pipe never repaired' }]]],
  failed: ['in-mediation', [[GW, 'recordFailure', { reason: 'No common ground' }]]],
  escalated: ['accepted', [['p-d1', 'escalateCase', { reason: 'Needs the community' }]]],
  declined: ['filed', [['p-d2', 'refuseMediation', { party: 1, reason: 'Will go to court' }]]],
  'referred-out': [
    'filed',
    [['p-d1', 'referOut', { to: 'District court', reason: 'Damages claim' }]],
  ],
  withdrawn: ['filed', [['p-d1', 'withdrawCase', { party: 0, reason: 'Settled privately' }]]],
}

/**
 * Walks case `id` — filed in g-d by its grid worker p-gw-d with the limits 7 and 15 days, p-d1
 * against p-d2, p-gw-d assigned on filing — to `stage`, every command at `at` when given.
 */
const walk = async (r: StreetEngine, stage: Stage, id = K, at?: string): Promise<void> => {
  const [before, steps] = route[stage]
  if (before !== null) await walk(r, before, id, at)
  for (const [actor, type, payload] of steps)
    await r.must(actor, type, { ...payload, case: id }, at)
}

/** The D–Q area with k-1 at `stage`. */
const caseAt = async (stage: Stage) => {
  const r = await seedArea()
  await walk(r, stage)
  return r
}

/** Escalates `id` (accepted or failed) to the community: p-d1 asks, p-med-d accepts and mediates. */
const toCommunity = async (r: StreetEngine, id = K, at?: string) => {
  await r.must('p-d1', 'escalateCase', { case: id, reason: 'Needs the community' }, at)
  await r.must('p-med-d', 'acceptEscalation', { case: id }, at)
  await r.must('p-med-d', 'assignMediator', { case: id, mediator: 'p-med-d' }, at)
}

/** Escalates `id` to the street: p-d1 asks, p-med-s accepts, the legal-aid p-legal mediates. */
const toStreet = async (r: StreetEngine, id = K, at?: string) => {
  await r.must('p-d1', 'escalateCase', { case: id, reason: 'Needs the street' }, at)
  await r.must('p-med-s', 'acceptEscalation', { case: id }, at)
  await r.must('p-med-s', 'assignMediator', { case: id, mediator: 'p-legal' }, at)
}

const appoint = (r: StreetEngine, assignment: string, who: string, role: string, scope: object) =>
  r.must(CLERK, 'appointRole', { assignment, person: who, role, scope })
const ofOrganisation = (id: string) => ({ level: 'organisation', id })

/** Q Property, seated in c-q and led by p-q1. */
const registerQProperty = async (r: StreetEngine) => {
  await r.must(CLERK, 'registerOrganisation', {
    organisation: {
      kind: 'property-company',
      id: 'o-qprop',
      name: 'Q Property',
      seat: place('community', 'c-q'),
    },
  })
  await appoint(r, 'as-qprop', 'p-q1', 'director', ofOrganisation('o-qprop'))
}

/** A volunteer mediation team cultivated in c-d, with p-vol (of g-d) as its mediator. */
const registerVolunteerTeam = async (r: StreetEngine) => {
  await r.must(CLERK, 'registerPerson', {
    person: 'p-vol',
    name: 'Volunteer mediator',
    household: { status: 'registered' },
    home: GRID_D,
  })
  await r.must(CLERK, 'registerOrganisation', {
    organisation: {
      kind: 'social-organisation',
      id: 'o-team',
      name: 'D volunteer mediation team',
      seat: COMMUNITY_D,
      origin: 'cultivated',
    },
  })
  await appoint(r, 'as-vol', 'p-vol', 'mediator', ofOrganisation('o-team'))
}

/** The cross-community case k-j, p-d1 (c-d) against p-q1 (c-q), filed by p-d1 and consented. */
const jointCase = async (arose: object = COMMUNITY_D) => {
  const r = await seedArea()
  await r.must(
    'p-d1',
    'fileCase',
    filing({
      case: 'k-j',
      kind: BETWEEN_RESIDENTS,
      parties: [person('p-d1'), person('p-q1')],
      arose,
      limits: NO_LIMITS,
    }),
  )
  await r.must('p-d1', 'giveConsent', { case: 'k-j', party: 0 })
  await r.must('p-q1', 'giveConsent', { case: 'k-j', party: 1 })
  return r
}

// ---------------------------------------------------------------------------------------------

describe('filing: a case of a kind, between parties, where it arose', () => {
  it('a case is filed where it arose, at that level, with its parties, kind and time limits', async () => {
    const r = await seedArea()
    const handled = await r.must(GW, 'fileCase', filing(), '2024-04-01T09:00:00+08:00')
    expect(eventsOf(handled)).toEqual([
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
    expect(await caseOf(r)).toMatchObject({
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

  it('a case that arose in a community starts at the community level, where the grid office does not file', async () => {
    const r = await seedArea()
    const inCommunity = filing({ arose: COMMUNITY_D })
    expect(await refusedWithoutTrace(r, () => r.send(GW, 'fileCase', inCommunity))).toMatchObject(
      forbiddenTo(GW, 'fileCase', COMMUNITY_OFFICE),
    )
    await r.must('p-med-d', 'fileCase', inCommunity)
    expect(await caseOf(r)).toMatchObject({ level: 'community', status: 'filed', limits: LIMITS })
  })

  it.each([
    ['owner vs owner', OWNER_VS_OWNER, [person('p-d1'), person('p-d2')]],
    [
      'owner vs owners committee',
      { kind: 'owner-vs-owners-committee' },
      [person('p-d1'), organisation('o-owners')],
    ],
    [
      'owner vs property company',
      { kind: 'owner-vs-property-company' },
      [person('p-d1'), organisation('o-prop')],
    ],
    ['another dispute, described', OTHER, [person('p-d1'), person('p-q1')]],
  ])('%s: filed with persons and organisations as parties', async (_, kind, parties) => {
    const r = await seedArea()
    await r.must(GW, 'fileCase', filing({ kind, parties }))
    expect(await caseOf(r)).toMatchObject({ kind, parties, communities: [] })
  })

  it.each([
    ['residents of two communities', BETWEEN_RESIDENTS, [person('p-d1'), person('p-q1')]],
    [
      'organisations of two communities',
      { kind: 'organisations-of-two-communities' },
      [organisation('o-prop'), organisation('o-qprop')],
    ],
  ])('%s: the case names the two communities', async (_, kind, parties) => {
    const r = await seedArea()
    await registerQProperty(r)
    await r.must(GW, 'fileCase', filing({ kind, parties }))
    expect(await caseOf(r)).toMatchObject({ kind, parties, communities: ['c-d', 'c-q'] })
  })

  it.each([
    [
      'owner vs owner with an organisation',
      OWNER_VS_OWNER,
      [person('p-d1'), organisation('o-prop')],
    ],
    [
      'owner vs owners committee without the committee',
      { kind: 'owner-vs-owners-committee' },
      [person('p-d1'), organisation('o-prop')],
    ],
    [
      'owner vs property company without the company',
      { kind: 'owner-vs-property-company' },
      [person('p-d1'), person('p-d2')],
    ],
    [
      'owner vs property company without an owner',
      { kind: 'owner-vs-property-company' },
      [organisation('o-owners'), organisation('o-prop')],
    ],
    [
      'residents of two communities with an organisation',
      BETWEEN_RESIDENTS,
      [person('p-q1'), organisation('o-prop')],
    ],
    [
      'organisations of two communities with a person',
      { kind: 'organisations-of-two-communities' },
      [organisation('o-prop'), person('p-q1')],
    ],
  ])('the parties fit the kind (kind-parties): not %s', async (_, kind, parties) => {
    const r = await seedArea()
    expect(
      await refusedWithoutTrace(r, () => r.send(GW, 'fileCase', filing({ kind, parties }))),
    ).toMatchObject(rule('kind-parties'))
  })

  it('a dissolved organisation is no party (kind-parties)', async () => {
    const r = await seedArea()
    await r.must(CLERK, 'dissolveOrganisation', { organisation: 'o-owners', reason: 'Term over' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(
          GW,
          'fileCase',
          filing({
            kind: { kind: 'owner-vs-owners-committee' },
            parties: [person('p-d1'), organisation('o-owners')],
          }),
        ),
      ),
    ).toMatchObject(rule('kind-parties'))
  })

  it('a party files, an organisation through one who leads it, or the office of the level', async () => {
    const r = await seedArea()
    await r.must('p-d2', 'fileCase', filing({ case: 'k-a', limits: NO_LIMITS }))
    await r.must(
      'p-prop',
      'fileCase',
      filing({
        case: 'k-b',
        kind: { kind: 'owner-vs-property-company' },
        parties: [person('p-d1'), organisation('o-prop')],
        limits: NO_LIMITS,
      }),
    )
    await r.must(GW, 'fileCase', filing({ case: 'k-c' }))
    for (const id of ['k-a', 'k-b', 'k-c']) expect(await statusOf(r, id)).toBe('filed')
  })

  it.each([
    ['a resident of another grid', 'p-q1'],
    ['the grid worker of another grid', 'p-gw-q'],
    ['a mediator of another community', 'p-med-q'],
    ['the community’s mediator (another level’s office)', 'p-med-d'],
    ['the street’s registrar (another level’s office)', CLERK],
    ['a leader of an organisation that is not a party', 'p-owner'],
  ])('%s does not file a case in g-d', async (_, actor) => {
    const r = await seedArea()
    expect(await refusedWithoutTrace(r, () => r.send(actor, 'fileCase', filing()))).toMatchObject(
      forbiddenTo(actor, 'fileCase', GRID_OFFICE),
    )
  })

  it.each([
    ['a person', 'p-d1', [person('p-d1'), person('p-d2')]],
    ['an organisation’s leader', 'p-prop', [person('p-d1'), organisation('o-prop')]],
  ])(
    'time limits are the office’s to set (limits-by-office): not %s filing its own case',
    async (_, actor, parties) => {
      const r = await seedArea()
      for (const limits of [LIMITS, { grid: null, community: 15 }, { grid: 3, community: null }])
        expect(
          await refusedWithoutTrace(r, () =>
            r.send(actor, 'fileCase', filing({ kind: OTHER, parties, limits })),
          ),
        ).toMatchObject(rule('limits-by-office'))
      await r.must(actor, 'fileCase', filing({ kind: OTHER, parties, limits: NO_LIMITS }))
      expect((await caseOf(r)).limits).toEqual(NO_LIMITS)
    },
  )

  it.each([
    ['one party', [person('p-d1')]],
    ['the same person twice', [person('p-d1'), person('p-d2'), person('p-d1')]],
    ['the same organisation twice', [organisation('o-prop'), organisation('o-prop')]],
    ['a person against the company they lead', [person('p-prop'), organisation('o-prop')]],
  ])('a case has two distinct sides (two-parties): not %s', async (_, parties) => {
    const r = await seedArea()
    expect(
      await refusedWithoutTrace(r, () => r.send(GW, 'fileCase', filing({ kind: OTHER, parties }))),
    ).toMatchObject(rule('two-parties'))
  })

  it('parties and the place it arose exist', async () => {
    const r = await seedArea()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'fileCase', filing({ parties: [person('p-d1'), person('p-nobody')] })),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'person', id: 'p-nobody' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(
          GW,
          'fileCase',
          filing({ kind: OTHER, parties: [person('p-d1'), organisation('o-nowhere')] }),
        ),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'organisation', id: 'o-nowhere' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'fileCase', filing({ arose: place('grid', 'g-nowhere') })),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'grid', id: 'g-nowhere' })
  })

  it('a case does not arise in a community the registry does not have', async () => {
    const r = await seedArea()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(
          'p-d1',
          'fileCase',
          filing({ arose: place('community', 'c-nowhere'), limits: NO_LIMITS }),
        ),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'community', id: 'c-nowhere' })
  })

  it.each([
    ['both parties in c-d', BETWEEN_RESIDENTS, [person('p-d1'), person('p-d2')]],
    ['a party with no home', BETWEEN_RESIDENTS, [person('p-d1'), person('p-med-s')]],
    [
      'an organisation seated at the street',
      { kind: 'organisations-of-two-communities' },
      [organisation('o-prop'), organisation('o-legal')],
    ],
  ])(
    'a case between two communities has parties in exactly two (two-communities): not %s',
    async (_, kind, parties) => {
      const r = await seedArea()
      expect(
        await refusedWithoutTrace(r, () => r.send(GW, 'fileCase', filing({ kind, parties }))),
      ).toMatchObject(rule('two-communities'))
    },
  )

  it('three parties in two communities make a case between two communities', async () => {
    const r = await seedArea()
    await r.must(
      GW,
      'fileCase',
      filing({
        kind: BETWEEN_RESIDENTS,
        parties: [person('p-d1'), person('p-q1'), person('p-d2')],
      }),
    )
    expect((await caseOf(r)).communities).toEqual(['c-d', 'c-q'])
  })

  it('a case is filed once', async () => {
    const r = await caseAt('filed')
    expect(await refusedWithoutTrace(r, () => r.send(GW, 'fileCase', filing()))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'case',
      id: K,
    })
  })

  it('a case that was never filed decides nothing', async () => {
    const r = await seedArea()
    expect(
      await refusedWithoutTrace(r, () => r.send('p-d1', 'giveConsent', { case: K, party: 0 })),
    ).toMatchObject({ code: 'NotFound', entity: 'case', id: `${K} of ${STREET}` })
  })

  it('a case answers only to its own street’s registry', async () => {
    const r = await caseAt('filed')
    const other = (type: string, payload: Record<string, unknown>, n: number) =>
      r.engine.handle({
        type,
        commandId: `cmd-other-street-${n}`,
        at: '2024-05-02T09:00:00+08:00',
        actor: CLERK,
        street: 'm-street',
        ...payload,
      })
    expect(
      await refusedWithoutTrace(r, () =>
        other('withdrawCase', { case: K, party: 0, reason: 'x' }, 1),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'street registry', id: 'm-street' })
    const opened = await other(
      'openRegistry',
      { name: 'M Street', registrar: CLERK, registrarName: 'Clerk', assignment: 'as-m-clerk' },
      2,
    )
    expect(E.isRight(opened)).toBe(true)
    expect(
      await refusedWithoutTrace(r, () => other('assignMediator', { case: K, mediator: CLERK }, 3)),
    ).toMatchObject({ code: 'NotFound', entity: 'case', id: `${K} of m-street` })
  })

  it('a case’s record runs forward (earlier-than-last-step)', async () => {
    const r = await seedArea()
    await walk(r, 'filed', K, '2024-04-01T09:00:00+08:00')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-d1', 'giveConsent', { case: K, party: 0 }, '2024-04-01T08:59:00+08:00'),
      ),
    ).toMatchObject(rule('earlier-than-last-step'))
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 }, '2024-04-01T09:00:00+08:00')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-d2', 'giveConsent', { case: K, party: 1 }, '2024-04-01T00:59:00Z'),
      ),
    ).toMatchObject(rule('earlier-than-last-step'))
  })
  it('a case’s record runs forward from its last event, a step or not (earlier-than-last-step): an assignment dates the case', async () => {
    const r = await seedArea()
    const at = (hm: string) => `2024-03-01T${hm}:00+08:00`
    await r.must(GW, 'fileCase', filing(), at('09:00'))
    await r.must(GW, 'assignMediator', { case: K, mediator: GW }, at('12:00'))
    expect((await caseOf(r)).lastAt).toBe(at('12:00'))
    for (const [actor, type, payload] of [
      ['p-d1', 'giveConsent', { party: 0 }],
      ['p-d2', 'giveConsent', { party: 1 }],
      [GW, 'assignMediator', { mediator: 'p-gw-q' }],
    ] as const)
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, type, { case: K, ...payload }, at('11:59')),
        ),
      ).toMatchObject(rule('earlier-than-last-step'))
    // The same instant is not earlier.
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 }, at('12:00'))
    await r.must('p-d2', 'giveConsent', { case: K, party: 1 }, at('12:10'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' }, at('12:05')),
      ),
    ).toMatchObject(rule('earlier-than-last-step'))
  })

  it('a case’s record runs forward from its last event, a step or not (earlier-than-last-step): an escalation request dates the case', async () => {
    const r = await seedArea()
    await walk(r, 'accepted', K, '2024-03-01T09:00:00+08:00')
    await r.must(
      'p-d2',
      'requestEscalation',
      { case: K, party: 1, reason: 'Too big for the grid' },
      '2024-03-01T14:00:00+08:00',
    )
    expect((await caseOf(r)).lastAt).toBe('2024-03-01T14:00:00+08:00')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(
          GW,
          'escalateCase',
          { case: K, reason: 'Asked to' },
          // 13:59 in Beijing, written in UTC.
          '2024-03-01T05:59:00Z',
        ),
      ),
    ).toMatchObject(rule('earlier-than-last-step'))
    await r.must(GW, 'escalateCase', { case: K, reason: 'Asked to' }, '2024-03-01T06:00:00Z')
  })
})

describe('nobody speaks for two sides', () => {
  it('a party organisation’s leader from above it is not also a party against it (two-parties)', async () => {
    const r = await seedArea()
    await r.must(CLERK, 'registerOrganisation', {
      organisation: {
        kind: 'party-committee',
        id: 'o-root',
        name: 'Area working committee',
        seat: place('street', STREET),
        parent: null,
      },
    })
    await r.must(CLERK, 'appointRole', {
      assignment: 'as-root',
      person: 'p-d2',
      role: 'secretary',
      scope: { level: 'organisation', id: 'o-root' },
    })
    await r.must('p-d2', 'registerOrganisation', {
      organisation: {
        kind: 'party-branch',
        id: 'o-branch-d',
        name: 'D branch',
        seat: place('community', 'c-d'),
        parent: 'o-root',
        branch: { kind: 'community' },
      },
    })
    // p-d2 leads the branch from the committee above it, so acts for it: no dispute with itself.
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-d2', 'fileCase', {
        case: 'k-self',
        kind: { kind: 'other', description: 'A quarrel with oneself' },
        parties: [person('p-d2'), { kind: 'organisation', organisation: 'o-branch-d' }],
        arose: place('grid', 'g-d'),
        summary: 'x',
        limits: { grid: null, community: null },
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'two-parties' })
  })
})

describe('impartiality at every act, by the registry as it is now (two-parties, mediator-is-party)', () => {
  /** k-o: p-d1 against the owners' committee o-owners (led by p-owner), filed in g-d by its grid worker, who mediates it. */
  const O = 'k-o'
  const committeeRoute: ReadonlyArray<readonly [Stage, Step]> = [
    [
      'filed',
      [
        GW,
        'fileCase',
        filing({
          case: O,
          kind: { kind: 'owner-vs-owners-committee' },
          parties: [person('p-d1'), organisation('o-owners')],
        }),
      ],
    ],
    ['filed', [GW, 'assignMediator', { mediator: GW }]],
    ['accepted', ['p-d1', 'giveConsent', { party: 0 }]],
    ['accepted', ['p-owner', 'giveConsent', { party: 1 }]],
    ['in-mediation', [GW, 'holdSession', { attended: ['p-d1', 'p-owner'], outcome: 'Heard' }]],
    ['drafting', [GW, 'draftAgreement', { terms: ['The committee waives the late fee'] }]],
    ['agreed', ['p-d1', 'signAgreement', { party: 0 }]],
    ['agreed', ['p-owner', 'signAgreement', { party: 1 }]],
    ['agreed', [GW, 'countersignAgreement', { committee: SEAL }]],
  ]
  const stages: ReadonlyArray<Stage> = ['filed', 'accepted', 'in-mediation', 'drafting', 'agreed']
  const committeeCaseAt = async (stage: Stage): Promise<StreetEngine> => {
    const r = await seedArea()
    for (const [at, [actor, type, payload]] of committeeRoute)
      if (stages.indexOf(at) <= stages.indexOf(stage))
        await r.must(actor, type, { ...payload, case: O })
    return r
  }
  /**
   * After filing, the committee is elected anew: the registrar ends p-owner's post as its director
   * and makes `who` its director.
   */
  const director = async (r: StreetEngine, who: string) => {
    await r.must(CLERK, 'endRole', { assignment: 'as-owner', reason: 'New committee elected' })
    await appoint(r, `as-${who}-owners`, who, 'director', ofOrganisation('o-owners'))
  }
  const statusOfO = async (r: StreetEngine) => (await caseOf(r, O)).status

  it('one voice does not act for both sides (two-parties): an owner made director of the committee he disputes with consents, signs and applies for neither', async () => {
    const r = await committeeCaseAt('filed')
    await director(r, 'p-d1')
    for (const party of [0, 1])
      expect(
        await refusedWithoutTrace(r, () => r.send('p-d1', 'giveConsent', { case: O, party })),
      ).toMatchObject(rule('two-parties'))
    // Once he stands down and p-owner is director again, each speaks for its own side.
    await r.must(CLERK, 'endRole', { assignment: 'as-p-d1-owners', reason: 'Stood down' })
    await appoint(r, 'as-owner-again', 'p-owner', 'director', ofOrganisation('o-owners'))
    await r.must('p-owner', 'giveConsent', { case: O, party: 1 })
    await r.must('p-d1', 'giveConsent', { case: O, party: 0 })
    expect(await statusOfO(r)).toBe('accepted')
  })

  it('one voice does not make the joint application for both sides (two-parties): judicialConfirmationRequested is not emitted', async () => {
    const r = await committeeCaseAt('agreed')
    await director(r, 'p-d1')
    for (const party of [0, 1])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send('p-d1', 'requestJudicialConfirmation', { case: O, party }),
        ),
      ).toMatchObject(rule('two-parties'))
    expect((await caseOf(r, O)).agreement?.applications).toEqual([])
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
    async (_, stage, type, payload, forAParty) => {
      const r = await committeeCaseAt(stage)
      await director(r, 'p-d1')
      for (const party of forAParty ? [0, 1] : [null])
        expect(
          await refusedWithoutTrace(r, () =>
            r.send('p-d1', type, { case: O, ...payload, ...(party === null ? {} : { party }) }),
          ),
        ).toMatchObject(rule('two-parties'))
      expect(await statusOfO(r)).toBe(stage === 'agreed' ? 'agreed' : stage)
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
  )(
    'a mediator %s (%s) %s (mediator-is-party)',
    async (_how, role, _what, stage, type, payload) => {
      const r = await committeeCaseAt(stage)
      if (stage === 'accepted' && type === 'escalateCase')
        await r.must('p-d1', 'requestEscalation', { case: O, party: 0, reason: 'Up' })
      if (role === 'director')
        await r.must(CLERK, 'endRole', { assignment: 'as-owner', reason: 'New committee' })
      await appoint(r, 'as-gw-owners', GW, role, ofOrganisation('o-owners'))
      expect(
        await refusedWithoutTrace(r, () => r.send(GW, type, { case: O, ...payload })),
      ).toMatchObject(rule('mediator-is-party'))
      // Once the post in the committee ends, the mediator is impartial again.
      await r.must(CLERK, 'endRole', { assignment: 'as-gw-owners', reason: 'Conflict of interest' })
      expect(E.isRight(await r.send(GW, type, { case: O, ...payload }))).toBe(true)
    },
  )

  it('a mediator made director of a party acts for it in nothing while mediating the case (mediator-is-party): the consent, signature and seal that made the agreement are refused', async () => {
    // The review's case: the mediator, now the committee's director, consents and signs for it,
    // then signs and seals as mediator.
    const r = await committeeCaseAt('filed')
    await director(r, GW)
    await r.must('p-d1', 'giveConsent', { case: O, party: 0 })
    expect(
      await refusedWithoutTrace(r, () => r.send(GW, 'giveConsent', { case: O, party: 1 })),
    ).toMatchObject(rule('mediator-is-party'))
    expect(await statusOfO(r)).toBe('filed')
    // Relieved of the case's mediation (the grid-worker post ends), he speaks for the committee.
    await r.must(CLERK, 'endRole', {
      assignment: 'as-gw-d',
      reason: 'Now the committee’s director',
    })
    await r.must(GW, 'giveConsent', { case: O, party: 1 })
    expect(await statusOfO(r)).toBe('accepted')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'holdSession', { case: O, attended: ['p-d1'], outcome: 'x' }),
      ),
    ).toMatchObject(forbiddenTo(GW, 'holdSession', assignedAt('grid', O)))
  })

  it('a mediator of the joint office who comes to speak for a party staffs it no more (joint-mediators)', async () => {
    const r = await seedArea()
    await registerQProperty(r)
    await r.must(
      'p-prop',
      'fileCase',
      filing({
        case: 'k-j',
        kind: { kind: 'organisations-of-two-communities' },
        parties: [organisation('o-prop'), organisation('o-qprop')],
        arose: COMMUNITY_D,
        limits: NO_LIMITS,
      }),
    )
    await r.must('p-prop', 'giveConsent', { case: 'k-j', party: 0 })
    await r.must('p-q1', 'giveConsent', { case: 'k-j', party: 1 })
    await r.must('p-med-d', 'assignMediator', { case: 'k-j', mediator: 'p-med-d' })
    await r.must('p-med-d', 'assignMediator', { case: 'k-j', mediator: 'p-med-q' })
    await appoint(r, 'as-med-q-qprop', 'p-med-q', 'mediator', ofOrganisation('o-qprop'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-med-d', 'holdSession', { case: 'k-j', attended: ['p-prop'], outcome: 'x' }),
      ),
    ).toMatchObject(rule('joint-mediators'))
  })
})

describe('consent: mediation is voluntary, every party consents for itself', () => {
  it('the case is accepted when the last party consents: filed → filed → accepted', async () => {
    const r = await caseAt('filed')
    const first = await r.must('p-d2', 'giveConsent', { case: K, party: 1 })
    expect(eventsOf(first)).toMatchObject([{ type: 'consentGiven', status: 'filed', party: 1 }])
    expect(await caseOf(r)).toMatchObject({ status: 'filed', consents: [1] })
    const last = await r.must('p-d1', 'giveConsent', { case: K, party: 0 })
    expect(eventsOf(last)).toMatchObject([{ type: 'consentGiven', status: 'accepted', party: 0 }])
    expect(await caseOf(r)).toMatchObject({ status: 'accepted', consents: [1, 0] })
  })

  it('a party consents for itself only', async () => {
    const r = await caseAt('filed')
    for (const actor of ['p-d1', GW, CLERK])
      expect(
        await refusedWithoutTrace(r, () => r.send(actor, 'giveConsent', { case: K, party: 1 })),
      ).toMatchObject(forbiddenTo(actor, 'giveConsent', inPerson(1, 'p-d2')))
  })

  it('a party consents once (already-consented)', async () => {
    const r = await caseAt('filed')
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-d1', 'giveConsent', { case: K, party: 0 })),
    ).toMatchObject(rule('already-consented'))
  })

  it('a party that is not on the case does not exist', async () => {
    const r = await caseAt('filed')
    expect(
      await refusedWithoutTrace(r, () => r.send('p-d1', 'giveConsent', { case: K, party: 2 })),
    ).toMatchObject({ code: 'NotFound', entity: 'party', id: '2' })
  })

  it('any party refuses, for itself, and the case is closed as declined: filed → declined', async () => {
    const r = await caseAt('filed')
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-d1', 'refuseMediation', { case: K, party: 1, reason: 'x' }),
      ),
    ).toMatchObject(forbiddenTo('p-d1', 'refuseMediation', inPerson(1, 'p-d2')))
    const handled = await r.must(
      'p-d2',
      'refuseMediation',
      { case: K, party: 1, reason: 'Will go to court' },
      '2024-04-02T09:00:00+08:00',
    )
    expect(eventsOf(handled)).toMatchObject([
      { type: 'mediationRefused', status: 'declined', party: 1, reason: 'Will go to court' },
    ])
    expect(await caseOf(r)).toMatchObject({
      status: 'declined',
      closedAt: '2024-04-02T09:00:00+08:00',
      closedLevel: 'grid',
    })
  })

  it('a party refuses only before the case is accepted', async () => {
    const r = await caseAt('accepted')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-d2', 'refuseMediation', { case: K, party: 1, reason: 'Changed my mind' }),
      ),
    ).toMatchObject(illegal('accepted', 'refuseMediation'))
  })

  it('a case not yet accepted is referred out instead: filed → referred-out', async () => {
    const r = await caseAt('filed')
    const handled = await r.must('p-d2', 'referOut', {
      case: K,
      to: 'District court',
      reason: 'Wants a judgment',
    })
    expect(eventsOf(handled)).toMatchObject([{ type: 'caseReferredOut', status: 'referred-out' }])
    expect(await caseOf(r)).toMatchObject({ status: 'referred-out', closedLevel: 'grid' })
  })
})

describe('organisation parties act through one who leads them', () => {
  const companyCase = async () => {
    const r = await seedArea()
    await r.must(
      'p-prop',
      'fileCase',
      filing({
        kind: { kind: 'owner-vs-property-company' },
        parties: [person('p-d1'), organisation('o-prop')],
        limits: NO_LIMITS,
      }),
    )
    return r
  }

  it('the company’s director consents, signs and asks for judicial confirmation for it', async () => {
    const r = await companyCase()
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 })
    await r.must('p-prop', 'giveConsent', { case: K, party: 1 })
    await r.must(GW, 'assignMediator', { case: K, mediator: GW })
    await r.must(GW, 'holdSession', { case: K, attended: ['p-d1', 'p-prop'], outcome: 'Heard' })
    await r.must(GW, 'draftAgreement', { case: K, terms: ['The company fixes the lift'] })
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 })
    await r.must('p-prop', 'signAgreement', { case: K, party: 1 })
    await r.must(
      GW,
      'countersignAgreement',
      { case: K, committee: SEAL },
      '2024-04-01T10:00:00+08:00',
    )
    const c = await caseOf(r)
    expect(c.status).toBe('agreed')
    expect(c.agreement?.signatures.map((s) => [s.party, s.by])).toEqual([
      [0, 'p-d1'],
      [1, 'p-prop'],
    ])
    await r.must(
      'p-d1',
      'requestJudicialConfirmation',
      { case: K, party: 0 },
      '2024-04-02T09:00:00+08:00',
    )
    const confirmation = await r.must(
      'p-prop',
      'requestJudicialConfirmation',
      { case: K, party: 1 },
      '2024-04-02T10:00:00+08:00',
    )
    expect(eventsOf(confirmation)).toMatchObject([
      { type: 'judicialConfirmationApplied', actor: 'p-prop', party: 1 },
      { type: 'judicialConfirmationRequested', actor: 'p-prop', status: 'agreed' },
    ])
  })

  it('the director requests escalation, escalates and withdraws for the company', async () => {
    const r = await companyCase()
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 })
    await r.must('p-prop', 'giveConsent', { case: K, party: 1 })
    await r.must('p-prop', 'requestEscalation', { case: K, party: 1, reason: 'Too big for a grid' })
    expect((await caseOf(r)).escalationRequested).toBe(true)
    await r.must('p-prop', 'escalateCase', { case: K, reason: 'Too big for a grid' })
    expect(await caseOf(r)).toMatchObject({ status: 'escalated', level: 'community' })
    await r.must('p-prop', 'withdrawCase', { case: K, party: 1, reason: 'Settled' })
    expect(await statusOf(r)).toBe('withdrawn')
  })

  it.each([
    ['the other party', 'p-d1'],
    ['the leader of another organisation', 'p-owner'],
    ['the grid worker', GW],
  ])('%s does not act for the company', async (_, actor) => {
    const r = await companyCase()
    for (const [type, payload] of [
      ['giveConsent', { party: 1 }],
      ['refuseMediation', { party: 1, reason: 'No' }],
      ['requestEscalation', { party: 1, reason: 'Up' }],
      ['withdrawCase', { party: 1, reason: 'No' }],
    ] as const)
      expect(
        await refusedWithoutTrace(r, () => r.send(actor, type, { case: K, ...payload })),
      ).toMatchObject(forbiddenTo(actor, type, aLeaderOf(1, 'o-prop')))
  })

  it('the company’s director does not act for the owner', async () => {
    const r = await companyCase()
    expect(
      await refusedWithoutTrace(r, () => r.send('p-prop', 'giveConsent', { case: K, party: 0 })),
    ).toMatchObject(forbiddenTo('p-prop', 'giveConsent', inPerson(0, 'p-d1')))
  })
})

describe('mediators: the office of the level assigns a mediator of exactly that level', () => {
  it('at the grid, its office assigns its grid worker, once the case is filed', async () => {
    const r = await seedArea()
    await r.must('p-d1', 'fileCase', filing({ limits: NO_LIMITS }))
    const handled = await r.must(GW, 'assignMediator', { case: K, mediator: GW })
    expect(eventsOf(handled)).toMatchObject([{ type: 'mediatorAssigned', mediator: GW }])
    expect(await caseOf(r)).toMatchObject({ status: 'filed', mediators: [GW] })
  })

  it.each([
    ['a party', 'p-d1'],
    ['the grid worker of another grid', 'p-gw-q'],
    ['the community’s mediator', 'p-med-d'],
    ['the street’s registrar', CLERK],
    ['the legal-aid mediator', 'p-legal'],
  ])('only the office of the level assigns mediators: not %s', async (_, actor) => {
    const r = await caseAt('accepted')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(actor, 'assignMediator', { case: K, mediator: 'p-gw-q' }),
      ),
    ).toMatchObject(forbiddenTo(actor, 'assignMediator', GRID_OFFICE))
  })

  it.each([
    ['the grid worker of another grid', 'p-gw-q'],
    ['the community’s mediator', 'p-med-d'],
    ['the street’s mediator', 'p-med-s'],
    ['the legal-aid mediator', 'p-legal'],
    ['a resident', 'p-q1'],
  ])('mediator-level at the grid: not %s', async (_, mediator) => {
    const r = await caseAt('accepted')
    expect(
      await refusedWithoutTrace(r, () => r.send(GW, 'assignMediator', { case: K, mediator })),
    ).toMatchObject(rule('mediator-level'))
  })

  it('mediator-level at the community: its mediator or volunteer team, no other level’s', async () => {
    const r = await caseAt('accepted')
    await registerVolunteerTeam(r)
    await r.must('p-d1', 'escalateCase', { case: K, reason: 'Needs the community' })
    await r.must('p-med-d', 'acceptEscalation', { case: K })
    for (const mediator of [GW, 'p-legal', 'p-med-q', 'p-med-s'])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send('p-med-d', 'assignMediator', { case: K, mediator }),
        ),
      ).toMatchObject(rule('mediator-level'))
    await r.must('p-med-d', 'assignMediator', { case: K, mediator: 'p-med-d' })
    await r.must('p-med-d', 'assignMediator', { case: K, mediator: 'p-vol' })
    expect(await caseOf(r)).toMatchObject({ level: 'community', mediators: ['p-med-d', 'p-vol'] })
  })

  it('mediator-level at the street: its mediator or the purchased legal-aid office, no other level’s', async () => {
    const r = await caseAt('accepted')
    await toCommunity(r)
    await r.must('p-d2', 'escalateCase', { case: K, reason: 'Needs the street' })
    await r.must('p-med-s', 'acceptEscalation', { case: K })
    for (const mediator of ['p-med-d', GW])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send('p-med-s', 'assignMediator', { case: K, mediator }),
        ),
      ).toMatchObject(rule('mediator-level'))
    await r.must('p-med-s', 'assignMediator', { case: K, mediator: 'p-legal' })
    await r.must(CLERK, 'assignMediator', { case: K, mediator: 'p-med-s' })
    expect(await caseOf(r)).toMatchObject({ level: 'street', mediators: ['p-legal', 'p-med-s'] })
  })

  it('a mediator of many teams is assigned under every post that qualifies (too-many-posts): the grid worker of twenty mediation teams', async () => {
    const r = await seedArea()
    const teams = Array.from({ length: 20 }, (_, i) => `o-team-${i}`)
    for (const team of teams) {
      await r.must(CLERK, 'registerOrganisation', {
        organisation: {
          kind: 'social-organisation',
          id: team,
          name: `Mediation team ${team}`,
          seat: GRID_D,
          origin: 'cultivated',
        },
      })
      await appoint(r, `as-gw-${team}`, GW, 'mediator', ofOrganisation(team))
    }
    await walk(r, 'accepted')
    const posts = ['as-gw-d', ...teams.map((team) => `as-gw-${team}`)]
    expect((await caseOf(r)).mediatorPosts).toEqual([{ mediator: GW, posts }])
    // The assignment lasts while one of them does.
    await r.must(CLERK, 'endRole', { assignment: 'as-gw-d', reason: 'Term over' })
    await r.must(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' })
  })

  it('an assignment under more qualifying posts than it records is refused (too-many-posts), before an event its codec would reject', async () => {
    const r = await seedArea()
    await r.must(GW, 'fileCase', filing())
    const loaded = await r.engine.load(registryStream(StreetId.make(STREET)))
    // The grid worker of g-d is made mediator of as many teams seated in g-d as an assignment
    // records: with the grid-worker post, one post too many (folded straight into the registry).
    const at = '2024-03-01T20:00:00+08:00'
    const events = Array.from({ length: MEDIATOR_POSTS_MAX }, (_, i) => [
      {
        type: 'organisationRegistered',
        at,
        actor: CLERK,
        organisation: {
          kind: 'social-organisation',
          id: `o-team-${i}`,
          name: `Team ${i}`,
          seat: GRID_D,
          origin: 'cultivated',
        },
      },
      {
        type: 'roleAssigned',
        at,
        actor: CLERK,
        assignment: `as-team-${i}`,
        person: GW,
        role: 'mediator',
        scope: ofOrganisation(`o-team-${i}`),
      },
    ]).flat()
    const decoded = events.map((e) => {
      const result = community.eventCodec.decode(e)
      if (E.isLeft(result)) throw new Error(`not a registry event: ${JSON.stringify(e)}`)
      return result.right
    })
    const registry = community.evolveAll(loaded.state.community, decoded)
    const assign = dispute.commandCodec.decode({
      type: 'assignMediator',
      commandId: 'cmd-posts',
      at,
      actor: GW,
      street: STREET,
      case: K,
      mediator: GW,
    })
    if (E.isLeft(assign)) throw new Error('not a dispute command')
    const decided = dispute.decide(assign.right, await r.caseOf(K), { registry })
    expect(E.isLeft(decided) ? decided.left : decided.right).toMatchObject(rule('too-many-posts'))
  })

  it('a case holds at most ten mediators at a level (too-many-mediators), never a state its codec refuses', async () => {
    const r = await seedArea()
    await r.must(GW, 'fileCase', filing())
    const filed = await r.caseOf(K)
    const loaded = await r.engine.load(registryStream(StreetId.make(STREET)))
    const withOthers = (n: number) =>
      produce(filed, (draft) => {
        if (draft.case === null) return
        draft.case.mediators = Array.from({ length: n }, (_, i) => PersonId.make(`p-m${i}`))
        draft.case.mediatorPosts = draft.case.mediators.map((mediator) => ({
          mediator,
          posts: [AssignmentId.make(`as-m-${mediator}`)],
        }))
      })
    const assign = dispute.commandCodec.decode({
      type: 'assignMediator',
      commandId: 'cmd-eleventh',
      at: '2024-03-01T20:00:00+08:00',
      actor: GW,
      street: STREET,
      case: K,
      mediator: GW,
    })
    if (E.isLeft(assign)) throw new Error('not a dispute command')
    const context = { registry: loaded.state.community }
    const eleventh = dispute.decide(assign.right, withOthers(MAX_CASE_MEDIATORS), context)
    expect(E.isLeft(eleventh) ? eleventh.left : eleventh.right).toMatchObject(
      rule('too-many-mediators'),
    )
    const tenth = dispute.decide(assign.right, withOthers(MAX_CASE_MEDIATORS - 1), context)
    expect(E.isRight(tenth)).toBe(true)
  })

  it('a mediator is assigned once at a level (already-assigned), and exists', async () => {
    const r = await caseAt('accepted')
    expect(
      await refusedWithoutTrace(r, () => r.send(GW, 'assignMediator', { case: K, mediator: GW })),
    ).toMatchObject(rule('already-assigned'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'assignMediator', { case: K, mediator: 'p-nobody' }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'person', id: 'p-nobody' })
  })

  it('a mediator is not one of the sides (mediator-is-party): not a party', async () => {
    const r = await seedArea()
    await r.must(
      'p-d1',
      'fileCase',
      filing({ parties: [person('p-d1'), person(GW)], limits: NO_LIMITS }),
    )
    expect(
      await refusedWithoutTrace(r, () => r.send(GW, 'assignMediator', { case: K, mediator: GW })),
    ).toMatchObject(rule('mediator-is-party'))
  })

  it('a mediator is not one of the sides (mediator-is-party): not a leader of a party', async () => {
    const r = await seedArea()
    await r.must(CLERK, 'registerOrganisation', {
      organisation: {
        kind: 'other-social-force',
        id: 'o-club',
        name: 'D anglers club',
        seat: COMMUNITY_D,
        description: 'A club',
      },
    })
    await appoint(r, 'as-club', GW, 'director', ofOrganisation('o-club'))
    await r.must(
      'p-d1',
      'fileCase',
      filing({ kind: OTHER, parties: [person('p-d1'), organisation('o-club')], limits: NO_LIMITS }),
    )
    expect(
      await refusedWithoutTrace(r, () => r.send(GW, 'assignMediator', { case: K, mediator: GW })),
    ).toMatchObject(rule('mediator-is-party'))
  })

  it('a mediator is not one of the sides (mediator-is-party): not a mediator inside a party', async () => {
    const r = await seedArea()
    await registerVolunteerTeam(r)
    await r.must(
      'p-d1',
      'fileCase',
      filing({
        kind: OTHER,
        parties: [person('p-d1'), organisation('o-team')],
        arose: COMMUNITY_D,
        limits: NO_LIMITS,
      }),
    )
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-med-d', 'assignMediator', { case: K, mediator: 'p-vol' }),
      ),
    ).toMatchObject(rule('mediator-is-party'))
    await r.must('p-med-d', 'assignMediator', { case: K, mediator: 'p-med-d' })
  })

  it.each(['drafting', 'agreed', 'failed', 'fulfilled', 'declined', 'withdrawn'] as const)(
    'no mediator is assigned to a case that is %s (case-not-open)',
    async (stage) => {
      const r = await caseAt(stage)
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(GW, 'assignMediator', { case: K, mediator: 'p-gw-q' }),
        ),
      ).toMatchObject(rule('case-not-open'))
    },
  )

  it('no mediator is assigned to an escalated case before the next level accepts it (case-not-open)', async () => {
    const r = await caseAt('escalated')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-med-d', 'assignMediator', { case: K, mediator: 'p-med-d' }),
      ),
    ).toMatchObject(rule('case-not-open'))
  })

  it('a mediator whose post has ended no longer mediates the case', async () => {
    const r = await caseAt('accepted')
    await r.must(CLERK, 'endRole', { assignment: 'as-gw-d', reason: 'Retired' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' }),
      ),
    ).toMatchObject(forbiddenTo(GW, 'holdSession', assignedAt('grid')))
  })

  it('a mediator whose post has ended does not refer the case out', async () => {
    const r = await caseAt('accepted')
    await r.must(CLERK, 'endRole', { assignment: 'as-gw-d', reason: 'Retired' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'referOut', { case: K, to: 'District court', reason: 'x' }),
      ),
    ).toMatchObject(forbiddenTo(GW, 'referOut', GRID_OFFICE))
  })

  it('a mediator whose post has ended does not escalate the case, even past the limit', async () => {
    const r = await seedArea()
    await walk(r, 'accepted', K, '2024-04-01T09:00:00+08:00')
    await r.must(CLERK, 'endRole', { assignment: 'as-gw-d', reason: 'Retired' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'escalateCase', { case: K, reason: 'Overdue' }, '2024-05-01T09:00:00+08:00'),
      ),
    ).toMatchObject({ code: 'Forbidden', actor: GW, command: 'escalateCase' })
  })
})

describe('residency: authority ends with the post, and a party stays a party', () => {
  const depart = (r: StreetEngine, who: string) =>
    r.must(CLERK, 'recordDeparture', { person: who, destination: 'Kunshan' })

  it('a mediator who has left the street (their posts end with it) holds no session, escalates not, signs not and refers not out', async () => {
    const r = await seedArea()
    await walk(r, 'accepted', 'k-a', '2024-04-01T09:00:00+08:00')
    await walk(r, 'drafting', 'k-b', '2024-04-01T09:00:00+08:00')
    await depart(r, GW)
    const late = '2024-05-01T09:00:00+08:00'
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'holdSession', { case: 'k-a', attended: ['p-d1'], outcome: 'Heard' }, late),
      ),
    ).toMatchObject(forbiddenTo(GW, 'holdSession', assignedAt('grid', 'k-a')))
    // Even past the grid's seven days, which would let a mediator escalate unasked.
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'escalateCase', { case: 'k-a', reason: 'Overdue' }, late),
      ),
    ).toMatchObject(
      forbiddenTo(GW, 'escalateCase', ['a party to k-a', ...assignedAt('grid', 'k-a')]),
    )
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'countersignAgreement', { case: 'k-b', committee: SEAL }, late),
      ),
    ).toMatchObject(forbiddenTo(GW, 'countersignAgreement', assignedAt('grid', 'k-b')))
    for (const id of ['k-a', 'k-b'])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(GW, 'referOut', { case: id, to: 'District court', reason: 'x' }, late),
        ),
      ).toMatchObject(forbiddenTo(GW, 'referOut', GRID_OFFICE))
  })

  it('a mediator of the joint office who has left the street no longer staffs it (joint-mediators)', async () => {
    const r = await jointCase()
    await r.must('p-med-d', 'assignMediator', { case: 'k-j', mediator: 'p-med-d' })
    await r.must('p-med-q', 'assignMediator', { case: 'k-j', mediator: 'p-med-q' })
    await depart(r, 'p-med-q')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-med-d', 'holdSession', { case: 'k-j', attended: ['p-d1'], outcome: 'Heard' }),
      ),
    ).toMatchObject(rule('joint-mediators'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-med-d', 'assignMediator', { case: 'k-j', mediator: 'p-med-q' }),
      ),
    ).toMatchObject(rule('mediator-level'))
  })

  it('a case’s assignment ends with the post it was made under: a mediator who left the street and came back acts on the case only when assigned again', async () => {
    const r = await caseAt('accepted')
    await depart(r, GW)
    await r.must(CLERK, 'moveResident', { person: GW, to: GRID_D })
    await appoint(r, 'as-gw-d-again', GW, 'grid-worker', GRID_D)
    // A new post is not the old assignment revived.
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' }),
      ),
    ).toMatchObject(forbiddenTo(GW, 'holdSession', assignedAt('grid')))
    // The office assigns them again, under the post they hold now.
    const handled = await r.must(GW, 'assignMediator', { case: K, mediator: GW })
    expect(eventsOf(handled)).toMatchObject([
      { type: 'mediatorAssigned', mediator: GW, posts: ['as-gw-d-again'] },
    ])
    await r.must(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' })
    expect(await caseOf(r)).toMatchObject({
      status: 'in-mediation',
      mediators: [GW],
      mediatorPosts: [{ mediator: GW, posts: ['as-gw-d-again'] }],
    })
  })

  it('a case’s assignment ends with the post it was made under: a post ended and another given needs a new assignment', async () => {
    const r = await caseAt('accepted')
    await r.must(CLERK, 'endRole', { assignment: 'as-gw-d', reason: 'Term over' })
    await appoint(r, 'as-gw-d-2', GW, 'grid-worker', GRID_D)
    const session = (e: StreetEngine) =>
      e.send(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' })
    expect(await refusedWithoutTrace(r, () => session(r))).toMatchObject(
      forbiddenTo(GW, 'holdSession', assignedAt('grid')),
    )
    await r.must(GW, 'assignMediator', { case: K, mediator: GW })
    expect(E.isRight(await session(r))).toBe(true)
    // Assigned while holding two posts at the level, a mediator keeps the case when one ends.
    const both = await seedArea()
    await appoint(both, 'as-gw-d-med', GW, 'mediator', GRID_D)
    await walk(both, 'accepted')
    expect((await caseOf(both)).mediatorPosts).toEqual([
      { mediator: GW, posts: ['as-gw-d', 'as-gw-d-med'] },
    ])
    await both.must(CLERK, 'endRole', { assignment: 'as-gw-d', reason: 'Term over' })
    expect(E.isRight(await session(both))).toBe(true)
  })

  it('a party who has left the street is still a party: it consents, attends, signs and applies for judicial confirmation', async () => {
    const r = await caseAt('filed')
    await depart(r, 'p-d2')
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 })
    await r.must('p-d2', 'giveConsent', { case: K, party: 1 })
    await r.must(GW, 'holdSession', { case: K, attended: ['p-d1', 'p-d2'], outcome: 'Heard' })
    await r.must(GW, 'draftAgreement', { case: K, terms: ['p-d1 repairs the pipe'] })
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 })
    await r.must('p-d2', 'signAgreement', { case: K, party: 1 })
    await r.must(GW, 'countersignAgreement', { case: K, committee: SEAL })
    await r.must('p-d2', 'requestJudicialConfirmation', { case: K, party: 1 })
    await r.must('p-d1', 'requestJudicialConfirmation', { case: K, party: 0 })
    const c = await caseOf(r)
    expect(c.status).toBe('agreed')
    expect(c.agreement?.confirmationRequestedAt).not.toBeNull()
  })

  it('a party who has left the street still escalates, refers out or withdraws its case', async () => {
    const r = await seedArea()
    for (const id of ['k-a', 'k-b', 'k-c']) await walk(r, 'accepted', id)
    await depart(r, 'p-d2')
    await r.must('p-d2', 'escalateCase', { case: 'k-a', reason: 'Needs the community' })
    await r.must('p-d2', 'referOut', { case: 'k-b', to: 'District court', reason: 'x' })
    await r.must('p-d2', 'withdrawCase', { case: 'k-c', party: 1, reason: 'Moved away' })
    expect([await statusOf(r, 'k-a'), await statusOf(r, 'k-b'), await statusOf(r, 'k-c')]).toEqual([
      'escalated',
      'referred-out',
      'withdrawn',
    ])
  })

  it('one who led an organisation party and left the street no longer speaks for it; whoever leads it now does', async () => {
    const r = await seedArea()
    await r.must(
      GW,
      'fileCase',
      filing({
        kind: { kind: 'owner-vs-owners-committee' },
        parties: [person('p-d1'), organisation('o-owners')],
      }),
    )
    await depart(r, 'p-owner')
    expect(
      await refusedWithoutTrace(r, () => r.send('p-owner', 'giveConsent', { case: K, party: 1 })),
    ).toMatchObject(forbiddenTo('p-owner', 'giveConsent', aLeaderOf(1, 'o-owners')))
    await appoint(r, 'as-owner-2', 'p-d2', 'director', ofOrganisation('o-owners'))
    await r.must('p-d2', 'giveConsent', { case: K, party: 1 })
    expect((await caseOf(r)).consents).toEqual([1])
  })
})

describe('mediation: sessions, agreement, signatures, failure, fulfilment, breach', () => {
  it('the assigned mediator records sessions, who attended and the outcome: accepted → in-mediation → in-mediation', async () => {
    const r = await caseAt('accepted')
    const first = await r.must(
      GW,
      'holdSession',
      { case: K, attended: ['p-d1', 'p-d2'], outcome: 'Both sides heard' },
      '2024-04-03T19:00:00+08:00',
    )
    expect(eventsOf(first)).toMatchObject([
      {
        type: 'sessionHeld',
        status: 'in-mediation',
        attended: ['p-d1', 'p-d2'],
        outcome: 'Both sides heard',
      },
    ])
    await r.must(
      GW,
      'holdSession',
      { case: K, attended: ['p-d1'], outcome: 'p-d2 absent' },
      '2024-04-10T19:00:00+08:00',
    )
    const c = await caseOf(r)
    expect(c.status).toBe('in-mediation')
    expect(c.sessions).toEqual([
      {
        at: '2024-04-03T19:00:00+08:00',
        level: 'grid',
        mediators: [GW],
        attended: ['p-d1', 'p-d2'],
        outcome: 'Both sides heard',
      },
      {
        at: '2024-04-10T19:00:00+08:00',
        level: 'grid',
        mediators: [GW],
        attended: ['p-d1'],
        outcome: 'p-d2 absent',
      },
    ])
  })

  it.each([
    ['a party', 'p-d1'],
    ['a mediator who is not assigned', 'p-gw-q'],
    ['the office of the street', 'p-med-s'],
  ])('only an assigned mediator records a session: not %s', async (_, actor) => {
    const r = await caseAt('accepted')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(actor, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' }),
      ),
    ).toMatchObject(forbiddenTo(actor, 'holdSession', assignedAt('grid')))
  })

  it('those who attended a session exist', async () => {
    const r = await caseAt('accepted')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'holdSession', { case: K, attended: ['p-d1', 'p-nobody'], outcome: 'Heard' }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'person', id: 'p-nobody' })
  })

  it('no session before every party has consented', async () => {
    const r = await caseAt('filed')
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' }),
      ),
    ).toMatchObject(illegal('filed', 'holdSession'))
  })

  it('the assigned mediator drafts the agreement’s terms: in-mediation → drafting', async () => {
    const r = await caseAt('in-mediation')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-d1', 'draftAgreement', { case: K, terms: ['Mine'] }),
      ),
    ).toMatchObject(forbiddenTo('p-d1', 'draftAgreement', assignedAt('grid')))
    const handled = await r.must(
      GW,
      'draftAgreement',
      { case: K, terms: ['p-d1 repairs the pipe', 'p-d2 repaints the ceiling'] },
      '2024-04-04T10:00:00+08:00',
    )
    expect(eventsOf(handled)).toMatchObject([{ type: 'agreementDrafted', status: 'drafting' }])
    expect(await caseOf(r)).toMatchObject({
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

  it('an agreement takes effect when every party has signed and the mediator has signed it with the committee’s seal (signed-and-sealed, art. 29/30): the mediator last', async () => {
    const r = await caseAt('drafting')
    const first = await r.must(
      'p-d2',
      'signAgreement',
      { case: K, party: 1 },
      '2024-04-05T10:00:00+08:00',
    )
    expect(eventsOf(first)).toMatchObject([
      { type: 'agreementSigned', status: 'drafting', party: 1 },
    ])
    expect((await caseOf(r)).agreement?.effectiveAt).toBeNull()
    const last = await r.must(
      'p-d1',
      'signAgreement',
      { case: K, party: 0 },
      '2024-04-06T10:00:00+08:00',
    )
    // Every party has signed, but the mediator has not: the agreement is not in effect yet.
    expect(eventsOf(last)).toMatchObject([
      { type: 'agreementSigned', status: 'drafting', party: 0 },
    ])
    expect(await caseOf(r)).toMatchObject({
      status: 'drafting',
      agreement: { effectiveAt: null, mediatorSignature: null },
    })
    const sealed = await r.must(
      GW,
      'countersignAgreement',
      { case: K, committee: SEAL },
      '2024-04-07T10:00:00+08:00',
    )
    expect(eventsOf(sealed)).toEqual([
      {
        type: 'agreementCountersigned',
        at: '2024-04-07T10:00:00+08:00',
        actor: GW,
        status: 'agreed',
        committee: SEAL,
      },
    ])
    expect(await caseOf(r)).toMatchObject({
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

  it('an agreement takes effect when every party has signed and the mediator has signed it with the committee’s seal (signed-and-sealed, art. 29/30): the last party last', async () => {
    const r = await caseAt('drafting')
    const sealed = await r.must(
      GW,
      'countersignAgreement',
      { case: K, committee: SEAL },
      '2024-04-05T10:00:00+08:00',
    )
    expect(eventsOf(sealed)).toMatchObject([
      { type: 'agreementCountersigned', status: 'drafting', committee: SEAL },
    ])
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 }, '2024-04-06T10:00:00+08:00')
    expect(await caseOf(r)).toMatchObject({ status: 'drafting', agreement: { effectiveAt: null } })
    const last = await r.must(
      'p-d2',
      'signAgreement',
      { case: K, party: 1 },
      '2024-04-07T10:00:00+08:00',
    )
    expect(eventsOf(last)).toMatchObject([{ type: 'agreementSigned', status: 'agreed', party: 1 }])
    expect(await caseOf(r)).toMatchObject({
      status: 'agreed',
      agreement: {
        mediatorSignature: { by: GW, at: '2024-04-05T10:00:00+08:00', committee: SEAL },
        effectiveAt: '2024-04-07T10:00:00+08:00',
      },
    })
  })

  it('only a mediator assigned at the case’s level signs and seals the agreement, once (already-countersigned)', async () => {
    const r = await caseAt('drafting')
    for (const actor of ['p-d1', 'p-gw-q', 'p-med-d', CLERK])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, 'countersignAgreement', { case: K, committee: SEAL }),
        ),
      ).toMatchObject(forbiddenTo(actor, 'countersignAgreement', assignedAt('grid')))
    await r.must(GW, 'countersignAgreement', { case: K, committee: SEAL })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'countersignAgreement', { case: K, committee: 'Another committee' }),
      ),
    ).toMatchObject(rule('already-countersigned'))
  })

  it('the mediator signs and seals only a drafted agreement', async () => {
    for (const stage of ['accepted', 'in-mediation', 'agreed', 'failed'] as const) {
      const r = await caseAt(stage)
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(GW, 'countersignAgreement', { case: K, committee: SEAL }),
        ),
      ).toMatchObject(illegal(stage, 'countersignAgreement'))
    }
  })

  it('a signature and seal of the level below do not go up with the case', async () => {
    const r = await caseAt('drafting')
    await r.must(GW, 'countersignAgreement', { case: K, committee: SEAL })
    await r.must(GW, 'recordFailure', { case: K, reason: 'Terms rejected' })
    await toCommunity(r)
    await r.must('p-med-d', 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' })
    await r.must('p-med-d', 'draftAgreement', { case: K, terms: ['New terms'] })
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 })
    await r.must('p-d2', 'signAgreement', { case: K, party: 1 })
    expect(await caseOf(r)).toMatchObject({
      status: 'drafting',
      agreement: { mediatorSignature: null, effectiveAt: null },
    })
  })

  it('a party signs for itself only, and once (already-signed)', async () => {
    const r = await caseAt('drafting')
    for (const actor of ['p-d2', GW])
      expect(
        await refusedWithoutTrace(r, () => r.send(actor, 'signAgreement', { case: K, party: 0 })),
      ).toMatchObject(forbiddenTo(actor, 'signAgreement', inPerson(0, 'p-d1')))
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-d1', 'signAgreement', { case: K, party: 0 })),
    ).toMatchObject(rule('already-signed'))
  })

  it.each(['in-mediation', 'drafting'] as const)(
    'the assigned mediator records that mediation failed: %s → failed',
    async (stage) => {
      const r = await caseAt(stage)
      expect(
        await refusedWithoutTrace(r, () =>
          r.send('p-d1', 'recordFailure', { case: K, reason: 'No' }),
        ),
      ).toMatchObject(forbiddenTo('p-d1', 'recordFailure', assignedAt('grid')))
      const handled = await r.must(GW, 'recordFailure', { case: K, reason: 'No common ground' })
      expect(eventsOf(handled)).toMatchObject([
        { type: 'mediationFailed', status: 'failed', reason: 'No common ground' },
      ])
      expect(await caseOf(r)).toMatchObject({ status: 'failed', closedAt: null })
    },
  )

  it('the assigned mediator records fulfilment: agreed → fulfilled, and the case is closed', async () => {
    const r = await caseAt('agreed')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-d1', 'recordFulfilment', { case: K, note: 'Done' }),
      ),
    ).toMatchObject(forbiddenTo('p-d1', 'recordFulfilment', assignedAt('grid')))
    const handled = await r.must(
      GW,
      'recordFulfilment',
      { case: K, note: 'Pipe repaired' },
      '2024-04-20T10:00:00+08:00',
    )
    expect(eventsOf(handled)).toMatchObject([
      { type: 'agreementFulfilled', status: 'fulfilled', note: 'Pipe repaired' },
    ])
    expect(await caseOf(r)).toMatchObject({
      status: 'fulfilled',
      closedAt: '2024-04-20T10:00:00+08:00',
      closedLevel: 'grid',
    })
  })

  it('the assigned mediator records a breach: agreed → breached, which may then go to court', async () => {
    const r = await caseAt('agreed')
    expect(
      await refusedWithoutTrace(r, () => r.send('p-d2', 'recordBreach', { case: K, note: 'No' })),
    ).toMatchObject(forbiddenTo('p-d2', 'recordBreach', assignedAt('grid')))
    const handled = await r.must(
      GW,
      'recordBreach',
      { case: K, note: 'Pipe never repaired' },
      '2024-04-20T10:00:00+08:00',
    )
    expect(eventsOf(handled)).toMatchObject([
      { type: 'agreementBreached', status: 'breached', note: 'Pipe never repaired' },
    ])
    expect(await caseOf(r)).toMatchObject({
      status: 'breached',
      closedAt: '2024-04-20T10:00:00+08:00',
      closedLevel: 'grid',
    })
    await r.must(
      'p-d2',
      'referOut',
      { case: K, to: 'District court', reason: 'Enforce the agreement' },
      '2024-04-25T10:00:00+08:00',
    )
    expect(await caseOf(r)).toMatchObject({
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
  const agreedOnFirstApril = async () => {
    const r = await caseAt('drafting')
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 }, '2024-03-20T10:00:00+08:00')
    await r.must('p-d2', 'signAgreement', { case: K, party: 1 }, '2024-03-25T10:00:00+08:00')
    await r.must(
      GW,
      'countersignAgreement',
      { case: K, committee: SEAL },
      '2024-04-01T10:00:00+08:00',
    )
    return r
  }
  const request = (r: StreetEngine, at: string, actor = 'p-d1', party = 0) =>
    r.send(actor, 'requestJudicialConfirmation', { case: K, party }, at)

  it('judicial confirmation is applied for jointly (joint application, art. 33): each party’s application is recorded, and the request stands when the last party applies', async () => {
    const r = await agreedOnFirstApril()
    const first = await r.must(
      'p-d2',
      'requestJudicialConfirmation',
      { case: K, party: 1 },
      '2024-04-02T10:00:00+08:00',
    )
    expect(eventsOf(first)).toEqual([
      {
        type: 'judicialConfirmationApplied',
        at: '2024-04-02T10:00:00+08:00',
        actor: 'p-d2',
        status: 'agreed',
        party: 1,
      },
    ])
    // One party alone is no request: the case shows who has applied and who has not.
    expect(await caseOf(r)).toMatchObject({
      status: 'agreed',
      agreement: {
        applications: [{ party: 1, by: 'p-d2', at: '2024-04-02T10:00:00+08:00' }],
        confirmationRequestedAt: null,
      },
    })
    expect(judicialConfirmationStatus(await caseOf(r))).toEqual({
      effectiveAt: '2024-04-01T10:00:00+08:00',
      applied: [{ party: 1, by: 'p-d2', at: '2024-04-02T10:00:00+08:00' }],
      awaiting: [{ party: 0, ref: person('p-d1') }],
      requestedAt: null,
    })
    // The other party is not told it was asked for already: its application completes the request.
    const last = await r.must(
      'p-d1',
      'requestJudicialConfirmation',
      { case: K, party: 0 },
      '2024-04-03T10:00:00+08:00',
    )
    expect(eventsOf(last)).toEqual([
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
    expect(await caseOf(r)).toMatchObject({
      status: 'agreed',
      agreement: {
        applications: [
          { party: 1, by: 'p-d2', at: '2024-04-02T10:00:00+08:00' },
          { party: 0, by: 'p-d1', at: '2024-04-03T10:00:00+08:00' },
        ],
        confirmationRequestedAt: '2024-04-03T10:00:00+08:00',
      },
    })
    expect(judicialConfirmationStatus(await caseOf(r))).toMatchObject({
      awaiting: [],
      requestedAt: '2024-04-03T10:00:00+08:00',
    })
  })

  it('until every party has applied, the timeline shows who has applied and who has not (joint application)', async () => {
    const r = await agreedOnFirstApril()
    await request(r, '2024-04-02T10:00:00+08:00', 'p-d2', 1)
    expect(caseTimeline(await caseOf(r)).slice(-2)).toEqual([
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
    await request(r, '2024-04-03T10:00:00+08:00')
    expect(caseTimeline(await caseOf(r)).slice(-2)).toEqual([
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

  it('a party applies for judicial confirmation once (already-applied)', async () => {
    const r = await agreedOnFirstApril()
    await r.must(
      'p-d2',
      'requestJudicialConfirmation',
      { case: K, party: 1 },
      '2024-04-02T10:00:00+08:00',
    )
    expect(
      await refusedWithoutTrace(r, () => request(r, '2024-04-03T10:00:00+08:00', 'p-d2', 1)),
    ).toMatchObject(rule('already-applied'))
    expect((await caseOf(r)).agreement?.confirmationRequestedAt).toBeNull()
  })

  it('once the joint request stands, it is not asked for again (already-requested)', async () => {
    const r = await agreedOnFirstApril()
    await r.must(
      'p-d2',
      'requestJudicialConfirmation',
      { case: K, party: 1 },
      '2024-04-02T10:00:00+08:00',
    )
    await r.must(
      'p-d1',
      'requestJudicialConfirmation',
      { case: K, party: 0 },
      '2024-04-03T10:00:00+08:00',
    )
    for (const [actor, party] of [
      ['p-d1', 0],
      ['p-d2', 1],
    ] as const)
      expect(
        await refusedWithoutTrace(r, () => request(r, '2024-04-04T10:00:00+08:00', actor, party)),
      ).toMatchObject(rule('already-requested'))
  })

  it('an application exactly 30 days after the agreement took effect is within the window', async () => {
    const r = await agreedOnFirstApril()
    await r.must(
      'p-d2',
      'requestJudicialConfirmation',
      { case: K, party: 1 },
      '2024-04-02T10:00:00+08:00',
    )
    const handled = await request(r, '2024-05-01T10:00:00+08:00')
    expect(E.isRight(handled)).toBe(true)
    if (E.isRight(handled))
      expect(eventsOf(handled.right)).toMatchObject([
        { type: 'judicialConfirmationApplied', status: 'agreed', party: 0 },
        { type: 'judicialConfirmationRequested', status: 'agreed' },
      ])
    expect(await caseOf(r)).toMatchObject({
      status: 'agreed',
      agreement: { confirmationRequestedAt: '2024-05-01T10:00:00+08:00' },
    })
  })

  it('an application after 24:00 of the 30th day is refused (within-30-days), and the joint request does not stand', async () => {
    const r = await agreedOnFirstApril()
    await r.must(
      'p-d2',
      'requestJudicialConfirmation',
      { case: K, party: 1 },
      '2024-04-02T10:00:00+08:00',
    )
    // In effect on 1 April: the window's 30 days are 2 April to 1 May, and 1 May ends at 24:00.
    expect(
      await refusedWithoutTrace(r, () => request(r, '2024-05-02T00:00:00+08:00')),
    ).toMatchObject(rule('within-30-days'))
    expect((await caseOf(r)).agreement?.confirmationRequestedAt).toBeNull()
    expect(judicialConfirmationStatus(await caseOf(r))?.awaiting).toEqual([
      { party: 0, ref: person('p-d1') },
    ])
  })

  it('the 30-day window counts from when the agreement took effect: the mediator’s signature, when it comes after the parties’ (within-30-days)', async () => {
    // The parties signed on 20 and 25 March: 30 days from the last party's signature have passed
    // on 25 April, but not 30 days from the mediator's on 1 April.
    const r = await agreedOnFirstApril()
    expect(E.isRight(await request(r, '2024-04-30T10:00:00+08:00'))).toBe(true)
    expect(E.isRight(await request(r, '2024-05-01T10:00:00+08:00', 'p-d2', 1))).toBe(true)
    expect((await caseOf(r)).agreement?.confirmationRequestedAt).toBe('2024-05-01T10:00:00+08:00')
  })

  it('the window’s days are Beijing’s, whatever zone the command is written in', async () => {
    const r = await agreedOnFirstApril()
    // 24:00 of 1 May in Beijing is 16:00 on 1 May in UTC.
    expect(await refusedWithoutTrace(r, () => request(r, '2024-05-01T16:00:00Z'))).toMatchObject(
      rule('within-30-days'),
    )
    expect(E.isRight(await request(r, '2024-05-01T15:59:00Z'))).toBe(true)
  })

  it('the 30-day window counts days as the law does (within-30-days; Civil Procedure Law art. 85, Civil Code arts. 201/203): the day of effect is not counted, and the 30th day ends at 24:00', async () => {
    // In effect on 1 April at 10:00: 1 May at 15:00 is 30 days and 5 hours later, on the 30th day.
    const r = await agreedOnFirstApril()
    expect(E.isRight(await request(r, '2024-05-01T15:00:00+08:00', 'p-d2', 1))).toBe(true)
    expect(E.isRight(await request(r, '2024-05-01T23:59:59.999+08:00'))).toBe(true)
    expect(await caseOf(r)).toMatchObject({
      agreement: {
        applications: [
          { party: 1, at: '2024-05-01T15:00:00+08:00' },
          { party: 0, at: '2024-05-01T23:59:59.999+08:00' },
        ],
        confirmationRequestedAt: '2024-05-01T23:59:59.999+08:00',
      },
    })
    // In effect just before midnight, the day of effect still does not count: it ends on 1 May too.
    const late = await caseAt('drafting')
    await late.must('p-d1', 'signAgreement', { case: K, party: 0 }, '2024-03-20T10:00:00+08:00')
    await late.must('p-d2', 'signAgreement', { case: K, party: 1 }, '2024-03-25T10:00:00+08:00')
    await late.must(
      GW,
      'countersignAgreement',
      { case: K, committee: SEAL },
      '2024-04-01T23:59:00+08:00',
    )
    expect(
      await refusedWithoutTrace(late, () => request(late, '2024-05-02T00:00:00+08:00')),
    ).toMatchObject(rule('within-30-days'))
    expect(E.isRight(await request(late, '2024-05-01T23:59:00+08:00'))).toBe(true)
  })

  it('a party applies for itself only', async () => {
    const r = await agreedOnFirstApril()
    for (const actor of ['p-d2', GW])
      expect(
        await refusedWithoutTrace(r, () => request(r, '2024-04-02T10:00:00+08:00', actor, 0)),
      ).toMatchObject(forbiddenTo(actor, 'requestJudicialConfirmation', inPerson(0, 'p-d1')))
  })

  it('there is nothing to confirm before every party has signed', async () => {
    const r = await caseAt('drafting')
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 })
    expect(
      await refusedWithoutTrace(r, () => request(r, '2024-03-02T10:00:00+08:00')),
    ).toMatchObject(illegal('drafting', 'requestJudicialConfirmation'))
  })

  it('there is nothing to confirm before the mediator has signed and sealed the agreement (signed-and-sealed)', async () => {
    const r = await caseAt('drafting')
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 })
    await r.must('p-d2', 'signAgreement', { case: K, party: 1 })
    expect(
      await refusedWithoutTrace(r, () => request(r, '2024-03-02T10:00:00+08:00')),
    ).toMatchObject(illegal('drafting', 'requestJudicialConfirmation'))
    expect(judicialConfirmationStatus(await caseOf(r))).toBeNull()
  })
})

describe('the ladder 小事不出网格、大事不出社区、难事不出街道: up one level at a time, with a reason', () => {
  it('grid → community → street, each escalation accepted by the next level’s office', async () => {
    const r = await seedArea()
    await walk(r, 'accepted', K, '2024-04-01T09:00:00+08:00')
    const up = await r.must(
      'p-d1',
      'escalateCase',
      { case: K, reason: 'Needs the community' },
      '2024-04-02T09:00:00+08:00',
    )
    expect(eventsOf(up)).toEqual([
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
    expect(await caseOf(r)).toMatchObject({
      status: 'escalated',
      level: 'community',
      levelSince: '2024-04-02T09:00:00+08:00',
    })
    const accepted = await r.must(
      'p-med-d',
      'acceptEscalation',
      { case: K },
      '2024-04-02T10:00:00+08:00',
    )
    expect(eventsOf(accepted)).toMatchObject([{ type: 'escalationAccepted', status: 'accepted' }])
    expect(await caseOf(r)).toMatchObject({
      status: 'accepted',
      level: 'community',
      levelSince: '2024-04-02T10:00:00+08:00',
    })
    const again = await r.must(
      'p-d2',
      'escalateCase',
      { case: K, reason: 'Needs the street' },
      '2024-04-03T09:00:00+08:00',
    )
    expect(eventsOf(again)).toMatchObject([{ from: 'community', to: 'street' }])
    await r.must('p-med-s', 'acceptEscalation', { case: K }, '2024-04-03T10:00:00+08:00')
    const c = await caseOf(r)
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

  it('a street-level case goes no higher (top-of-ladder): it can only be referred out', async () => {
    const r = await caseAt('accepted')
    await toCommunity(r)
    await toStreet(r)
    for (const actor of ['p-d1', 'p-legal'])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, 'escalateCase', { case: K, reason: 'Higher' }),
        ),
      ).toMatchObject(rule('top-of-ladder'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-d1', 'requestEscalation', { case: K, party: 0, reason: 'Higher' }),
      ),
    ).toMatchObject(rule('top-of-ladder'))
    await r.must('p-legal', 'referOut', { case: K, to: 'District court', reason: 'Unresolved' })
    expect(await caseOf(r)).toMatchObject({ status: 'referred-out', closedLevel: 'street' })
  })

  it('a failed mediation is escalated: failed → escalated', async () => {
    const r = await caseAt('failed')
    const handled = await r.must('p-d2', 'escalateCase', { case: K, reason: 'Mediation failed' })
    expect(eventsOf(handled)).toMatchObject([
      { type: 'caseEscalated', status: 'escalated', from: 'grid', to: 'community' },
    ])
  })

  it('a draft of the level below does not go up with the case', async () => {
    const r = await caseAt('drafting')
    await r.must(GW, 'recordFailure', { case: K, reason: 'Terms rejected' })
    expect((await caseOf(r)).agreement?.terms).toEqual(['p-d1 repairs the pipe'])
    await r.must('p-d1', 'escalateCase', { case: K, reason: 'Needs the community' })
    expect((await caseOf(r)).agreement).toBeNull()
  })

  it('a party escalates at once, before any time limit', async () => {
    const r = await seedArea()
    await walk(r, 'accepted', K, '2024-04-01T09:00:00+08:00')
    await r.must(
      'p-d2',
      'escalateCase',
      { case: K, reason: 'Wants the community' },
      '2024-04-01T09:05:00+08:00',
    )
    expect(await caseOf(r)).toMatchObject({ status: 'escalated', level: 'community' })
  })

  it('only a party or an assigned mediator escalates', async () => {
    const r = await caseAt('accepted')
    for (const actor of ['p-med-d', 'p-q1', CLERK])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, 'escalateCase', { case: K, reason: 'Up' }),
        ),
      ).toMatchObject(
        forbiddenTo(actor, 'escalateCase', [`a party to ${K}`, ...assignedAt('grid')]),
      )
  })

  it('a case is escalated only once it is accepted', async () => {
    const r = await caseAt('filed')
    expect(
      await refusedWithoutTrace(r, () => r.send('p-d1', 'escalateCase', { case: K, reason: 'Up' })),
    ).toMatchObject(illegal('filed', 'escalateCase'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-d1', 'requestEscalation', { case: K, party: 0, reason: 'Up' }),
      ),
    ).toMatchObject(illegal('filed', 'escalateCase'))
  })

  it('the mediator escalates without a request only once the level’s time limit has passed (escalation-needs-request)', async () => {
    const r = await seedArea()
    await walk(r, 'accepted', K, '2024-04-01T09:00:00+08:00')
    const escalate = (at: string) => r.send(GW, 'escalateCase', { case: K, reason: 'Overdue' }, at)
    expect(await refusedWithoutTrace(r, () => escalate('2024-04-08T08:59:00+08:00'))).toMatchObject(
      rule('escalation-needs-request'),
    )
    // Seven days from 1 April are 2 to 8 April: the limit has passed at 24:00 of 8 April.
    expect(await refusedWithoutTrace(r, () => escalate('2024-04-08T23:59:00+08:00'))).toMatchObject(
      rule('escalation-needs-request'),
    )
    expect(E.isRight(await escalate('2024-04-09T00:00:00+08:00'))).toBe(true)
    expect(await caseOf(r)).toMatchObject({ status: 'escalated', level: 'community' })
  })

  it('at the next level the limit counts from when its office accepted the case', async () => {
    const r = await seedArea()
    await walk(r, 'accepted', K, '2024-04-01T09:00:00+08:00')
    await r.must('p-d1', 'escalateCase', { case: K, reason: 'Up' }, '2024-04-08T09:00:00+08:00')
    await r.must('p-med-d', 'acceptEscalation', { case: K }, '2024-04-08T10:00:00+08:00')
    await r.must(
      'p-med-d',
      'assignMediator',
      { case: K, mediator: 'p-med-d' },
      '2024-04-08T10:00:00+08:00',
    )
    const escalate = (at: string) =>
      r.send('p-med-d', 'escalateCase', { case: K, reason: 'Overdue' }, at)
    expect(await refusedWithoutTrace(r, () => escalate('2024-04-23T09:59:00+08:00'))).toMatchObject(
      rule('escalation-needs-request'),
    )
    // Fifteen days from 8 April are 9 to 23 April: the limit has passed at 24:00 of 23 April.
    expect(await refusedWithoutTrace(r, () => escalate('2024-04-23T23:59:00+08:00'))).toMatchObject(
      rule('escalation-needs-request'),
    )
    expect(E.isRight(await escalate('2024-04-24T00:00:00+08:00'))).toBe(true)
    expect((await caseOf(r)).level).toBe('street')
  })

  it('a time limit counts days as the law does (escalation-needs-request): the day the office took the case is not counted, and the limit has passed from 24:00 of its last day', async () => {
    // Filed just after midnight on 1 April: seven times 24 hours later is 8 April at 00:15, but
    // the seven days are 2 to 8 April, and 8 April ends at 24:00.
    const r = await seedArea()
    await walk(r, 'accepted', K, '2024-04-01T00:15:00+08:00')
    const escalate = (at: string) => r.send(GW, 'escalateCase', { case: K, reason: 'Overdue' }, at)
    expect(await refusedWithoutTrace(r, () => escalate('2024-04-08T00:15:00+08:00'))).toMatchObject(
      rule('escalation-needs-request'),
    )
    // Written in UTC, 24:00 of 8 April in Beijing is 16:00 on 8 April.
    expect(await refusedWithoutTrace(r, () => escalate('2024-04-08T15:59:00Z'))).toMatchObject(
      rule('escalation-needs-request'),
    )
    expect(E.isRight(await escalate('2024-04-08T16:00:00Z'))).toBe(true)
  })

  it('with no time limit, the mediator escalates only on a party’s request', async () => {
    const r = await seedArea()
    const at = '2024-04-01T09:00:00+08:00'
    await r.must('p-d1', 'fileCase', filing({ limits: NO_LIMITS }), at)
    await r.must(GW, 'assignMediator', { case: K, mediator: GW }, at)
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 }, at)
    await r.must('p-d2', 'giveConsent', { case: K, party: 1 }, at)
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'escalateCase', { case: K, reason: 'Overdue' }, '2025-04-01T09:00:00+08:00'),
      ),
    ).toMatchObject(rule('escalation-needs-request'))
  })

  it('on a party’s request the mediator escalates at once, and the request is answered', async () => {
    const r = await seedArea()
    await walk(r, 'accepted', K, '2024-04-01T09:00:00+08:00')
    const requested = await r.must(
      'p-d2',
      'requestEscalation',
      { case: K, party: 1, reason: 'Wants the community' },
      '2024-04-01T10:00:00+08:00',
    )
    expect(eventsOf(requested)).toEqual([
      {
        type: 'escalationRequested',
        at: '2024-04-01T10:00:00+08:00',
        actor: 'p-d2',
        party: 1,
        reason: 'Wants the community',
      },
    ])
    expect(await caseOf(r)).toMatchObject({ status: 'accepted', escalationRequested: true })
    await r.must(GW, 'escalateCase', { case: K, reason: 'As asked' }, '2024-04-01T11:00:00+08:00')
    expect(await caseOf(r)).toMatchObject({ level: 'community', escalationRequested: false })
  })

  it('a party requests escalation for itself only', async () => {
    const r = await caseAt('accepted')
    for (const actor of ['p-d1', GW])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, 'requestEscalation', { case: K, party: 1, reason: 'Up' }),
        ),
      ).toMatchObject(forbiddenTo(actor, 'requestEscalation', inPerson(1, 'p-d2')))
  })

  it('the mediators of a level are let go on escalation: the next level assigns its own', async () => {
    const r = await caseAt('in-mediation')
    await r.must('p-d1', 'escalateCase', { case: K, reason: 'Needs the community' })
    expect((await caseOf(r)).mediators).toEqual([])
    await r.must('p-med-d', 'acceptEscalation', { case: K })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' }),
      ),
    ).toMatchObject(forbiddenTo(GW, 'holdSession', assignedAt('community')))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'escalateCase', { case: K, reason: 'Up' }, '2024-12-01T09:00:00+08:00'),
      ),
    ).toMatchObject(
      forbiddenTo(GW, 'escalateCase', [`a party to ${K}`, ...assignedAt('community')]),
    )
    await r.must('p-med-d', 'assignMediator', { case: K, mediator: 'p-med-d' })
    await r.must('p-med-d', 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Heard' })
    expect((await caseOf(r)).sessions.map((s) => [s.level, s.mediators])).toEqual([
      ['grid', [GW]],
      ['community', ['p-med-d']],
    ])
  })

  it('only the office of the next level accepts an escalated case: escalated → accepted', async () => {
    const r = await caseAt('escalated')
    for (const actor of [GW, 'p-d1', 'p-med-q', 'p-legal', CLERK])
      expect(
        await refusedWithoutTrace(r, () => r.send(actor, 'acceptEscalation', { case: K })),
      ).toMatchObject(forbiddenTo(actor, 'acceptEscalation', COMMUNITY_OFFICE))
    await r.must('p-med-d', 'acceptEscalation', { case: K })
    expect(await caseOf(r)).toMatchObject({ status: 'accepted', level: 'community' })
    await r.must('p-med-d', 'assignMediator', { case: K, mediator: 'p-med-d' })
    await r.must('p-d1', 'escalateCase', { case: K, reason: 'Needs the street' })
    for (const actor of ['p-med-d', 'p-legal'])
      expect(
        await refusedWithoutTrace(r, () => r.send(actor, 'acceptEscalation', { case: K })),
      ).toMatchObject(forbiddenTo(actor, 'acceptEscalation', STREET_OFFICE))
    await r.must(CLERK, 'acceptEscalation', { case: K })
    expect(await caseOf(r)).toMatchObject({ status: 'accepted', level: 'street' })
  })

  it('the ladder has three levels, and every state of the table is reachable', () => {
    expect(ladder).toEqual(['grid', 'community', 'street'])
    expect([...caseMachine.reachable()].sort()).toEqual([...caseMachine.states].sort())
  })
})

describe('the joint office: a case between two communities, staffed by both', () => {
  it('the joint office holds a session only with a mediator from each community (joint-mediators)', async () => {
    const r = await jointCase()
    expect(await caseOf(r, 'k-j')).toMatchObject({
      level: 'community',
      communities: ['c-d', 'c-q'],
    })
    await r.must('p-med-d', 'assignMediator', { case: 'k-j', mediator: 'p-med-d' })
    const session = () =>
      r.send('p-med-d', 'holdSession', {
        case: 'k-j',
        attended: ['p-d1', 'p-q1'],
        outcome: 'Both sides heard',
      })
    expect(await refusedWithoutTrace(r, session)).toMatchObject(rule('joint-mediators'))
    await r.must('p-med-q', 'assignMediator', { case: 'k-j', mediator: 'p-med-q' })
    expect(E.isRight(await session())).toBe(true)
    expect((await caseOf(r, 'k-j')).sessions[0]?.mediators).toEqual(['p-med-d', 'p-med-q'])
  })

  it('one mediator of both communities does not stand for both sides (joint-mediators)', async () => {
    const r = await jointCase()
    await appoint(r, 'as-med-d-q', 'p-med-d', 'mediator', place('community', 'c-q'))
    await r.must('p-med-d', 'assignMediator', { case: 'k-j', mediator: 'p-med-d' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-med-d', 'holdSession', { case: 'k-j', attended: ['p-d1'], outcome: 'Heard' }),
      ),
    ).toMatchObject(rule('joint-mediators'))
    await r.must('p-med-q', 'assignMediator', { case: 'k-j', mediator: 'p-med-q' })
    await r.must('p-med-d', 'holdSession', { case: 'k-j', attended: ['p-d1'], outcome: 'Heard' })
    expect(await statusOf(r, 'k-j')).toBe('in-mediation')
  })

  it('either community’s office accepts an escalated case, and assigns mediators of either', async () => {
    const r = await jointCase(GRID_D)
    expect(await caseOf(r, 'k-j')).toMatchObject({ level: 'grid', communities: ['c-d', 'c-q'] })
    await r.must('p-q1', 'escalateCase', { case: 'k-j', reason: 'Across the boundary' })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-gw-q', 'acceptEscalation', { case: 'k-j' })),
    ).toMatchObject(
      forbiddenTo('p-gw-q', 'acceptEscalation', [
        ...COMMUNITY_OFFICE,
        'mediator@community:c-q',
        'registrar@community:c-q',
      ]),
    )
    await r.must('p-med-q', 'acceptEscalation', { case: 'k-j' })
    await r.must('p-med-q', 'assignMediator', { case: 'k-j', mediator: 'p-med-d' })
    await r.must('p-med-q', 'assignMediator', { case: 'k-j', mediator: 'p-med-q' })
    await r.must('p-med-d', 'holdSession', { case: 'k-j', attended: ['p-d1'], outcome: 'Heard' })
    expect(await statusOf(r, 'k-j')).toBe('in-mediation')
  })

  it('at the grid a case between two communities is its grid’s alone', async () => {
    const r = await jointCase(GRID_D)
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(GW, 'assignMediator', { case: 'k-j', mediator: 'p-gw-q' }),
      ),
    ).toMatchObject(rule('mediator-level'))
    await r.must(GW, 'assignMediator', { case: 'k-j', mediator: GW })
    await r.must(GW, 'holdSession', { case: 'k-j', attended: ['p-d1', 'p-q1'], outcome: 'Heard' })
    expect(await statusOf(r, 'k-j')).toBe('in-mediation')
  })

  it('either community of the joint office files a case between them', async () => {
    const r = await seedArea()
    const handled = await r.send(
      'p-med-q',
      'fileCase',
      filing({
        case: 'k-j',
        kind: BETWEEN_RESIDENTS,
        parties: [person('p-d1'), person('p-q1')],
        arose: COMMUNITY_D,
      }),
    )
    expect(E.isRight(handled)).toBe(true)
  })
})

describe('closing a case: withdrawn, referred out', () => {
  it.each(['filed', 'accepted', 'in-mediation', 'drafting', 'failed', 'escalated'] as const)(
    'a party withdraws a case that is %s: → withdrawn, closed at its level',
    async (stage) => {
      const r = await caseAt(stage)
      const level = (await caseOf(r)).level
      const handled = await r.must(
        'p-d2',
        'withdrawCase',
        { case: K, party: 1, reason: 'Settled privately' },
        '2024-04-10T09:00:00+08:00',
      )
      expect(eventsOf(handled)).toMatchObject([
        { type: 'caseWithdrawn', status: 'withdrawn', party: 1, reason: 'Settled privately' },
      ])
      expect(await caseOf(r)).toMatchObject({
        status: 'withdrawn',
        closedAt: '2024-04-10T09:00:00+08:00',
        closedLevel: level,
      })
    },
  )

  it('a party withdraws for itself only', async () => {
    const r = await caseAt('accepted')
    for (const actor of ['p-d1', GW])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, 'withdrawCase', { case: K, party: 1, reason: 'x' }),
        ),
      ).toMatchObject(forbiddenTo(actor, 'withdrawCase', inPerson(1, 'p-d2')))
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
  ] as const)('a case that is %s is referred out (by %s): → referred-out', async (stage, actor) => {
    const r = await caseAt(stage)
    const handled = await r.must(actor, 'referOut', {
      case: K,
      to: 'District court',
      reason: 'Needs a judgment',
    })
    expect(eventsOf(handled)).toMatchObject([
      {
        type: 'caseReferredOut',
        status: 'referred-out',
        to: 'District court',
        reason: 'Needs a judgment',
      },
    ])
    const c = await caseOf(r)
    expect(c.status).toBe('referred-out')
    expect(c.steps.at(-1)?.note).toBe('District court: Needs a judgment')
  })

  it('a party, an assigned mediator or the office of the level refers a case out, nobody else', async () => {
    const r = await caseAt('accepted')
    for (const actor of ['p-q1', 'p-gw-q', 'p-legal', 'p-med-d', CLERK])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, 'referOut', { case: K, to: 'Court', reason: 'x' }),
        ),
      ).toMatchObject(forbiddenTo(actor, 'referOut', GRID_OFFICE))
  })
})

describe('illegal transitions: IllegalTransition of the case machine, and nothing stored', () => {
  type Row = readonly [Stage, string, string, Record<string, unknown>, string]
  /** A command that has no edge from `stage` (`command`: the trigger the table is asked for). */
  const row = (
    stage: Stage,
    actor: string,
    type: string,
    payload: Record<string, unknown>,
    command = type,
  ): Row => [stage, actor, type, payload, command]
  const rows: ReadonlyArray<Row> = [
    row('filed', GW, 'draftAgreement', { terms: ['x'] }),
    row('filed', 'p-d1', 'signAgreement', { party: 0 }),
    row('filed', GW, 'countersignAgreement', { committee: 'x' }),
    row('filed', GW, 'recordFailure', { reason: 'x' }),
    row('filed', 'p-d1', 'requestJudicialConfirmation', { party: 0 }),
    row('filed', GW, 'recordFulfilment', { note: 'x' }),
    row('filed', GW, 'recordBreach', { note: 'x' }),
    row('filed', GW, 'acceptEscalation', {}),
    row('accepted', GW, 'draftAgreement', { terms: ['x'] }),
    row('accepted', 'p-d1', 'signAgreement', { party: 0 }),
    row('accepted', GW, 'recordFailure', { reason: 'x' }),
    row('accepted', GW, 'acceptEscalation', {}),
    row('in-mediation', 'p-d1', 'signAgreement', { party: 0 }),
    row('in-mediation', GW, 'countersignAgreement', { committee: 'x' }),
    row('in-mediation', 'p-d1', 'requestJudicialConfirmation', { party: 0 }),
    row('in-mediation', GW, 'recordBreach', { note: 'x' }),
    row('in-mediation', 'p-d1', 'refuseMediation', { party: 0, reason: 'x' }),
    row('drafting', GW, 'holdSession', { attended: [], outcome: 'x' }),
    row('drafting', GW, 'draftAgreement', { terms: ['x'] }),
    row('drafting', GW, 'recordFulfilment', { note: 'x' }),
    row('drafting', 'p-d1', 'escalateCase', { reason: 'x' }),
    row('drafting', 'p-d1', 'requestEscalation', { party: 0, reason: 'x' }, 'escalateCase'),
    row('agreed', GW, 'holdSession', { attended: [], outcome: 'x' }),
    row('agreed', GW, 'recordFailure', { reason: 'x' }),
    row('agreed', GW, 'countersignAgreement', { committee: 'x' }),
    row('agreed', 'p-d1', 'escalateCase', { reason: 'x' }),
    row('agreed', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }),
    row('fulfilled', GW, 'recordBreach', { note: 'x' }),
    row('fulfilled', GW, 'countersignAgreement', { committee: 'x' }),
    row('fulfilled', 'p-d1', 'requestJudicialConfirmation', { party: 0 }),
    row('fulfilled', 'p-d1', 'referOut', { to: 'Court', reason: 'x' }),
    row('fulfilled', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }),
    row('breached', GW, 'recordFulfilment', { note: 'x' }),
    row('breached', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }),
    row('breached', 'p-d1', 'escalateCase', { reason: 'x' }),
    row('failed', GW, 'holdSession', { attended: [], outcome: 'x' }),
    row('failed', GW, 'draftAgreement', { terms: ['x'] }),
    row('failed', GW, 'recordFailure', { reason: 'x' }),
    row('escalated', 'p-d1', 'escalateCase', { reason: 'x' }),
    row('escalated', 'p-d1', 'requestEscalation', { party: 0, reason: 'x' }, 'escalateCase'),
    row('escalated', 'p-d1', 'signAgreement', { party: 0 }),
    row('declined', 'p-d1', 'giveConsent', { party: 0 }),
    row('declined', 'p-d1', 'refuseMediation', { party: 0, reason: 'x' }),
    row('declined', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }),
    row('declined', 'p-d1', 'referOut', { to: 'Court', reason: 'x' }),
    row('referred-out', 'p-d1', 'giveConsent', { party: 0 }),
    row('referred-out', 'p-d1', 'referOut', { to: 'Court', reason: 'x' }),
    row('referred-out', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }),
    row('withdrawn', 'p-d2', 'giveConsent', { party: 1 }),
    row('withdrawn', 'p-d1', 'referOut', { to: 'Court', reason: 'x' }),
    row('withdrawn', 'p-d1', 'withdrawCase', { party: 0, reason: 'x' }),
  ]

  it.each(rows)('%s: %s may not %s', async (stage, actor, type, payload, command) => {
    const r = await caseAt(stage)
    const before = await caseOf(r)
    expect(
      await refusedWithoutTrace(r, () => r.send(actor, type, { case: K, ...payload })),
    ).toMatchObject(illegal(stage, command))
    expect(await caseOf(r)).toEqual(before)
  })

  it('an accepted escalation is not accepted again', async () => {
    const r = await caseAt('escalated')
    await r.must('p-med-d', 'acceptEscalation', { case: K })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-med-d', 'acceptEscalation', { case: K })),
    ).toMatchObject(illegal('accepted', 'acceptEscalation'))
  })
})

describe('queries: the ladder’s measures and a case’s timeline', () => {
  it('with no case closed there are no shares and no mean time', () => {
    expect(ladderReport([])).toEqual({
      openPerLevel: { grid: 0, community: 0, street: 0 },
      awaitingAcceptance: { grid: 0, community: 0, street: 0 },
      closedPerLevel: { grid: 0, community: 0, street: 0 },
      closedShare: { grid: null, community: null, street: null },
      meanDaysToClose: null,
      fulfilled: 0,
      breached: 0,
    })
  })

  it('open per level, escalations awaiting acceptance, the share closed at each level, mean days to close, fulfilled against breached', async () => {
    const r = await seedArea()
    const filedOn = '2024-04-01T09:00:00+08:00'
    // Open: one at the grid, one at the community; one escalation awaiting the community.
    await walk(r, 'accepted', 'k-open')
    await walk(r, 'accepted', 'k-com')
    await toCommunity(r, 'k-com')
    await walk(r, 'escalated', 'k-up')
    // Fulfilled at the grid 10 days (and 11 hours) after filing.
    await walk(r, 'agreed', 'k-ful', filedOn)
    await r.must(
      GW,
      'recordFulfilment',
      { case: 'k-ful', note: 'Done' },
      '2024-04-11T20:00:00+08:00',
    )
    // Declined at the grid on the day it was filed.
    await walk(r, 'declined', 'k-dec', filedOn)
    // Breached at the community 20 days after filing, then referred out.
    await walk(r, 'accepted', 'k-br', filedOn)
    await toCommunity(r, 'k-br', filedOn)
    const atK = (type: string, payload: Record<string, unknown>, actor = 'p-med-d') =>
      r.must(actor, type, { case: 'k-br', ...payload }, filedOn)
    await atK('holdSession', { attended: ['p-d1'], outcome: 'Heard' })
    await atK('draftAgreement', { terms: ['Repairs'] })
    await atK('signAgreement', { party: 0 }, 'p-d1')
    await atK('signAgreement', { party: 1 }, 'p-d2')
    await atK('countersignAgreement', { committee: SEAL })
    await r.must(
      'p-med-d',
      'recordBreach',
      { case: 'k-br', note: 'No repairs' },
      '2024-04-21T09:00:00+08:00',
    )
    await r.must(
      'p-d1',
      'referOut',
      { case: 'k-br', to: 'Court', reason: 'Enforce' },
      '2024-04-28T09:00:00+08:00',
    )
    // Referred out at the street 30 days after filing.
    await walk(r, 'accepted', 'k-st', filedOn)
    await toCommunity(r, 'k-st', filedOn)
    await toStreet(r, 'k-st', filedOn)
    await r.must(
      'p-legal',
      'referOut',
      { case: 'k-st', to: 'Court', reason: 'Unresolved' },
      '2024-05-01T09:00:00+08:00',
    )

    const ids = ['k-open', 'k-com', 'k-up', 'k-ful', 'k-dec', 'k-br', 'k-st']
    const cases = await Promise.all(ids.map((id) => caseOf(r, id)))
    const report = {
      openPerLevel: { grid: 1, community: 1, street: 0 },
      awaitingAcceptance: { grid: 0, community: 1, street: 0 },
      closedPerLevel: { grid: 2, community: 1, street: 1 },
      closedShare: { grid: 0.5, community: 0.25, street: 0.25 },
      meanDaysToClose: 15,
      fulfilled: 1,
      breached: 1,
    }
    expect(ladderReport(cases)).toEqual(report)
    // A case passed twice counts once.
    expect(ladderReport([...cases, ...cases])).toEqual(report)
  })

  it('a case’s timeline: every step with its level and note, sessions with mediators and who attended', async () => {
    const r = await seedArea()
    const day = (d: number) => `2024-04-${String(d).padStart(2, '0')}T09:00:00+08:00`
    await r.must(GW, 'fileCase', filing(), day(1))
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 }, day(2))
    await r.must('p-d2', 'giveConsent', { case: K, party: 1 }, day(3))
    await r.must(GW, 'assignMediator', { case: K, mediator: GW }, day(3))
    await r.must(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Both heard' }, day(4))
    await r.must(GW, 'recordFailure', { case: K, reason: 'No common ground' }, day(5))
    await r.must('p-d1', 'escalateCase', { case: K, reason: 'Needs the community' }, day(6))
    await r.must('p-med-d', 'acceptEscalation', { case: K }, day(7))
    await r.must('p-med-d', 'assignMediator', { case: K, mediator: 'p-med-d' }, day(7))
    await r.must(
      'p-med-d',
      'holdSession',
      { case: K, attended: ['p-d1', 'p-d2'], outcome: 'Repairs' },
      day(8),
    )
    await r.must('p-med-d', 'draftAgreement', { case: K, terms: ['Repairs'] }, day(9))
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 }, day(10))
    await r.must('p-d2', 'signAgreement', { case: K, party: 1 }, day(11))
    await r.must('p-med-d', 'countersignAgreement', { case: K, committee: SEAL }, day(11))
    await r.must('p-d1', 'requestJudicialConfirmation', { case: K, party: 0 }, day(12))
    await r.must('p-d2', 'requestJudicialConfirmation', { case: K, party: 1 }, day(12))
    await r.must('p-med-d', 'recordFulfilment', { case: K, note: 'Pipe repaired' }, day(13))
    expect(caseTimeline(await caseOf(r))).toEqual([
      { at: day(1), level: 'grid', what: 'caseFiled → filed' },
      { at: day(2), level: 'grid', what: 'consentGiven → filed' },
      { at: day(3), level: 'grid', what: 'consentGiven → accepted' },
      {
        at: day(4),
        level: 'grid',
        what: 'sessionHeld → in-mediation (Both heard) — mediators p-gw-d; attended p-d1',
      },
      { at: day(5), level: 'grid', what: 'mediationFailed → failed (No common ground)' },
      { at: day(6), level: 'grid', what: 'caseEscalated → escalated (Needs the community)' },
      { at: day(7), level: 'community', what: 'escalationAccepted → accepted' },
      {
        at: day(8),
        level: 'community',
        what: 'sessionHeld → in-mediation (Repairs) — mediators p-med-d; attended p-d1, p-d2',
      },
      { at: day(9), level: 'community', what: 'agreementDrafted → drafting' },
      { at: day(10), level: 'community', what: 'agreementSigned → drafting' },
      { at: day(11), level: 'community', what: 'agreementSigned → drafting' },
      {
        at: day(11),
        level: 'community',
        what: `agreementCountersigned → agreed (signed with the seal of ${SEAL})`,
      },
      {
        at: day(12),
        level: 'community',
        what: 'judicialConfirmationApplied → agreed (party 0 (p-d1) applied; awaiting party 1 (p-d2))',
      },
      {
        at: day(12),
        level: 'community',
        what: 'judicialConfirmationApplied → agreed (party 1 (p-d2) applied; every party has applied)',
      },
      {
        at: day(12),
        level: 'community',
        what: 'judicialConfirmationRequested → agreed (jointly by party 0 (p-d1), party 1 (p-d2))',
      },
      { at: day(13), level: 'community', what: 'agreementFulfilled → fulfilled (Pipe repaired)' },
    ])
  })

  it('a referral’s line names where the case went and why', async () => {
    const r = await seedArea()
    await walk(r, 'referred-out', K, '2024-04-01T09:00:00+08:00')
    expect(caseTimeline(await caseOf(r)).at(-1)).toEqual({
      at: '2024-04-01T09:00:00+08:00',
      level: 'grid',
      what: 'caseReferredOut → referred-out (District court: Damages claim)',
    })
  })
})

describe('bad input: a DecodeError naming the path, and nothing changes', () => {
  const badInput: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
    ['fileCase', filing({ case: 'k-2', kind: { kind: 'owner-vs-landlord' } }), '$.kind.kind'],
    ['fileCase', filing({ case: 'k-2', kind: { kind: 'other' } }), '$.kind.description'],
    [
      'fileCase',
      filing({ case: 'k-2', parties: [person('p-d1'), { kind: 'robot', person: 'p-d2' }] }),
      '$.parties[1].kind',
    ],
    [
      'fileCase',
      filing({ case: 'k-2', parties: [person('p-d1'), { kind: 'organisation' }] }),
      '$.parties[1].organisation',
    ],
    [
      'fileCase',
      filing({ case: 'k-2', parties: Array.from({ length: 21 }, (_, i) => person(`p-${i}`)) }),
      '$.parties',
    ],
    ['fileCase', filing({ case: 'k-2', arose: place('street', STREET) }), '$.arose.level'],
    ['fileCase', filing({ case: 'k-2', limits: { grid: 0, community: 15 } }), '$.limits.grid'],
    [
      'fileCase',
      filing({ case: 'k-2', limits: { grid: 7, community: 366 } }),
      '$.limits.community',
    ],
    ['fileCase', filing({ case: 'k-2', limits: { grid: 7 } }), '$.limits.community'],
    ['fileCase', filing({ case: 'k-2', summary: '' }), '$.summary'],
    ['giveConsent', { case: K, party: 20 }, '$.party'],
    ['giveConsent', { case: K, party: -1 }, '$.party'],
    ['giveConsent', { case: K, party: 0.5 }, '$.party'],
    ['refuseMediation', { case: K, party: 0 }, '$.reason'],
    ['assignMediator', { case: K, mediator: 42 }, '$.mediator'],
    ['holdSession', { case: K, attended: 'p-d1', outcome: 'x' }, '$.attended'],
    ['holdSession', { case: K, attended: ['p-d1'], outcome: '' }, '$.outcome'],
    ['draftAgreement', { case: K, terms: Array.from({ length: 31 }, () => 'x') }, '$.terms'],
    ['draftAgreement', { case: K, terms: ['x', ''] }, '$.terms[1]'],
    ['signAgreement', { case: K, party: null }, '$.party'],
    ['countersignAgreement', { case: K, committee: '' }, '$.committee'],
    ['countersignAgreement', { case: K }, '$.committee'],
    ['requestJudicialConfirmation', { case: K, party: 20 }, '$.party'],
    ['recordBreach', { case: K }, '$.note'],
    ['escalateCase', { case: K, reason: 'x', to: 'street' }, '$.to'],
    ['referOut', { case: K, to: '', reason: 'x' }, '$.to'],
    ['withdrawCase', { case: K, party: 'zero', reason: 'x' }, '$.party'],
    ['acceptEscalation', {}, '$.case'],
  ]

  it.each(badInput.map(([type, payload, path]) => [type, path, payload] as const))(
    '%s: a DecodeError at %s',
    async (type, path, payload) => {
      const r = await caseAt('in-mediation')
      const before = await caseOf(r)
      const error = await refusedWithoutTrace(r, () => r.send(GW, type, payload))
      expect(error.code).toBe('DecodeError')
      if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toEqual([path])
      expect(await caseOf(r)).toEqual(before)
      expect((await r.caseOf('k-2')).case).toBeNull()
    },
  )

  it('a command at a time that is not an instant is bad input', async () => {
    const r = await caseAt('in-mediation')
    const before = await caseOf(r)
    const error = await refusedWithoutTrace(r, () =>
      r.send(GW, 'recordFailure', { case: K, reason: 'x' }, '2024-04-31T09:00:00+08:00'),
    )
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toEqual(['$.at'])
    expect(await caseOf(r)).toEqual(before)
  })
})
