import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  CommunityId,
  CompoundId,
  EntranceId,
  GridId,
  lookup,
  OrganisationId,
  PersonId,
  StreetId,
  type DomainError,
  type Handled,
} from '../../src/core/index.js'
import type { PlaceRef } from '../../src/community/index.js'
import {
  coverage,
  empowerment,
  organisationLinks,
  responsibilityCards,
  type EmbeddingEvent,
  type EmbeddingState,
} from '../../src/embedding/index.js'
import { CLERK, place, refusal, seedEmbedding, STREET, type Embedding } from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const person = (id: string) => PersonId.make(id)
const organisation = (id: string) => OrganisationId.make(id)

const typesOf = (handled: Handled<EmbeddingEvent, EmbeddingState>) =>
  handled.events.map((e) => e.event.type)

const candidateOf = (s: EmbeddingState, id: string) => lookup(s.candidates, person(id))
const organisationIn = (s: EmbeddingState, id: string) =>
  lookup(s.registry.organisations, organisation(id))

/** A start for a street seeded before a development that begins in March 2023. */
const EARLY_2023 = '2023-01-02T08:00:00+08:00'

/**
 * Commands sent at a chosen instant (the fixture's `send` dates each a minute after the last);
 * the fixture's clock moves on to it, so that later `send`s are dated after it.
 */
const sendAt = (
  r: Embedding,
  at: string,
  actor: string,
  type: string,
  payload: Record<string, unknown> = {},
) => r.sendAt(at, actor, type, payload)
const mustAt = (
  r: Embedding,
  at: string,
  actor: string,
  type: string,
  payload: Record<string, unknown> = {},
) => r.mustAt(at, actor, type, payload)

/** A refusal that stored nothing: the error, after checking the store did not grow. */
const refusedWithoutTrace = async (
  r: Embedding,
  sending: () => Promise<E.Either<DomainError, unknown>>,
): Promise<DomainError> => {
  const before = r.store.readAll().length
  const error = refusal(await sending())
  expect(r.store.readAll()).toHaveLength(before)
  return error
}

/**
 * A member of East comes forward (an in-service member 在职党员): `secretary`, secretary of
 * `organisation` (or above), records them as come forward and contacts them.
 */
const comeForward = async (
  r: Embedding,
  member: string,
  organisationId = 'o-grid-east',
  secretary = 'p-li',
) => {
  await r.must(secretary, 'discoverMember', {
    person: member,
    organisation: organisationId,
    found: 'came-forward',
    homeOrganisation: 'District Tax Bureau Branch',
  })
  return r.must(secretary, 'contactMember', { member })
}

/**
 * A member of East comes forward to `organisation` (recorded and contacted by `secretary`), then
 * reports to it themselves.
 */
const reportIn = async (
  r: Embedding,
  member: string,
  organisationId = 'o-grid-east',
  secretary = 'p-li',
) => {
  await comeForward(r, member, organisationId, secretary)
  return r.must(member, 'reportToCommunity', {
    member,
    community: 'c-east',
    organisation: organisationId,
  })
}

const sanitation = (overrides: Record<string, unknown> = {}) => ({
  kind: 'responsibility-area',
  area: 'Sanitation',
  place: place('grid', 'g-east'),
  phone: '020-8888 1234',
  duty: 'Keeps the lanes of East grid clean',
  ...overrides,
})

const pioneerPost = {
  kind: 'pioneer-post',
  post: 'Gate pioneer post',
  place: place('entrance', 'e-east'),
}

const assign = (r: Embedding, duty: string, member: string, spec: object, actor = 'p-li') =>
  r.must(actor, 'assignDuty', { duty, member, spec })

/** Registers the purchased social organisation `o-so` in East (by the street's registrar). */
const registerSocialOrganisation = (r: Embedding) =>
  r.must(CLERK, 'registerOrganisation', {
    organisation: {
      kind: 'social-organisation',
      id: 'o-so',
      name: 'Fusion Social Work Centre',
      seat: place('community', 'c-east'),
      origin: 'purchased',
    },
  })

const socialOrganisationBranch = (secretary?: string) => ({
  organisation: {
    kind: 'party-branch',
    id: 'o-so-b',
    name: 'Fusion Branch',
    seat: place('community', 'c-east'),
    parent: 'o-east',
    branch: { kind: 'social-organisation', host: 'o-so' },
  },
  among: 'the social workers of Fusion',
  ...(secretary === undefined
    ? {}
    : { secretary: { person: secretary, assignment: `as-${secretary}-so-b` } }),
})

// ---------------------------------------------------------------------------------------------
// Organisation embedding

describe('organisation embedding 组织嵌入: founding branches where people are', () => {
  it.each([
    ['an owners’ committee', { kind: 'owners-committee', partyLed: true }],
    ['a party committee', { kind: 'party-committee', parent: 'o-street' }],
    ['a residents’ committee', { kind: 'residents-committee' }],
  ])('founding %s is not a branch: a DecodeError at $.organisation.kind', async (_what, kind) => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-zhou', 'foundBranch', {
        organisation: {
          id: 'o-x',
          name: 'Not a branch',
          seat: place('community', 'c-east'),
          ...kind,
        },
        among: 'nobody',
      }),
    )
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError')
      expect(error.issues.map((i) => i.path)).toEqual(['$.organisation.kind'])
  })
})

describe('organisation empowerment 组织赋能: funds and first secretaries', () => {
  it('only first secretaries still in post are counted; the posting stays on record', async () => {
    const r = await seedEmbedding()
    await r.must('p-east-sec', 'sendFirstSecretary', {
      organisation: 'o-grid-east',
      person: 'p-chen',
      assignment: 'as-chen-first',
      sentBy: 'District Tax Bureau',
    })
    await r.must('p-east-sec', 'endRole', { assignment: 'as-chen-first', reason: 'Posting over' })
    const s = await r.state()
    expect(empowerment(s).firstSecretaries).toEqual([])
    expect(s.firstSecretaries).toMatchObject([
      { organisation: 'o-grid-east', person: 'p-chen', assignment: 'as-chen-first' },
    ])
  })

  it('members reported count by the community they reported to and, below it, where they live', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1') // lives in East grid
    await reportIn(r, 'p-m3') // lives at Entrance A, in East compound of East grid
    await comeForward(r, 'p-m2') // recorded and contacted, not reported
    const reported = async (within?: PlaceRef) =>
      empowerment(await r.state(), within).membersReported
    const street: PlaceRef = { level: 'street', id: StreetId.make(STREET) }
    const east: PlaceRef = { level: 'community', id: CommunityId.make('c-east') }
    const west: PlaceRef = { level: 'community', id: CommunityId.make('c-west') }
    const grid: PlaceRef = { level: 'grid', id: GridId.make('g-east') }
    const compound: PlaceRef = { level: 'compound', id: CompoundId.make('k-east') }
    const entrance: PlaceRef = { level: 'entrance', id: EntranceId.make('e-east') }
    expect([
      await reported(),
      await reported(street),
      await reported(east),
      await reported(west),
      await reported(grid),
      await reported(compound),
      await reported(entrance),
    ]).toEqual([2, 2, 2, 0, 2, 1, 1])
    await r.must('p-li', 'transferMemberOut', { member: 'p-m3', destination: 'Wuhan' })
    expect([await reported(), await reported(east), await reported(entrance)]).toEqual([1, 1, 0])
  })
})

describe('organisation links by concurrent posts 兼任', () => {
  it('a secretary of two organisations links them, once', async () => {
    const r = await seedEmbedding()
    await registerSocialOrganisation(r)
    await r.must('p-east-sec', 'foundBranch', socialOrganisationBranch('p-li'))
    expect(organisationLinks(await r.state())).toEqual([
      {
        person: 'p-li',
        personName: 'Li Na',
        between: [
          { organisation: 'o-grid-east', name: 'East Grid Branch', roles: ['secretary'] },
          { organisation: 'o-so-b', name: 'Fusion Branch', roles: ['secretary'] },
        ],
      },
    ])
  })

  it('two posts in one organisation link nothing', async () => {
    const r = await seedEmbedding()
    await r.must('p-east-sec', 'sendFirstSecretary', {
      organisation: 'o-grid-east',
      person: 'p-li',
      assignment: 'as-li-first',
      sentBy: 'District Tax Bureau',
    })
    expect(organisationLinks(await r.state())).toEqual([])
  })

  it('two posts in one organisation and one in another are still one link', async () => {
    const r = await seedEmbedding()
    await r.must('p-east-sec', 'sendFirstSecretary', {
      organisation: 'o-grid-east',
      person: 'p-li',
      assignment: 'as-li-first',
      sentBy: 'District Tax Bureau',
    })
    await registerSocialOrganisation(r)
    await r.must('p-east-sec', 'foundBranch', socialOrganisationBranch('p-li'))
    const links = organisationLinks(await r.state())
    expect(links).toHaveLength(1)
    expect(links[0]?.between[0].roles).toEqual(['secretary', 'first-secretary'])
  })
})

describe('organisation coverage 组织覆盖', () => {
  it('counts grids with a branch of their own and lists those without', async () => {
    const r = await seedEmbedding()
    const grids = coverage(await r.state()).grids
    expect(grids).toMatchObject({ total: 2, covered: 1, ratio: 0.5 })
    expect(grids.lines.map((l) => [l.name, l.coveredBy])).toEqual([
      ['East grid', ['o-grid-east']],
      ['West grid', []],
    ])
    expect(grids.uncovered.map((l) => l.name)).toEqual(['West grid'])
  })

  it('a dissolved grid branch covers nothing', async () => {
    const r = await seedEmbedding()
    await r.must('p-east-sec', 'dissolveOrganisation', {
      organisation: 'o-grid-east',
      reason: 'Merged',
    })
    expect(coverage(await r.state()).grids).toMatchObject({ total: 2, covered: 0, ratio: 0 })
  })

  it('a building entrance is covered by a party group at the entrance or at its compound', async () => {
    const r = await seedEmbedding()
    expect(coverage(await r.state()).buildings).toMatchObject({
      total: 1,
      covered: 0,
      ratio: 0,
      uncovered: [{ name: 'East compound, Entrance A', coveredBy: [] }],
    })
    await r.must('p-li', 'foundBranch', {
      organisation: {
        kind: 'party-group',
        id: 'o-compound-group',
        name: 'Compound Group',
        seat: place('compound', 'k-east'),
        parent: 'o-grid-east',
      },
      among: 'the members of East compound',
    })
    const compoundCovered = coverage(await r.state()).buildings
    expect(compoundCovered).toMatchObject({ total: 1, covered: 1, ratio: 1, uncovered: [] })
    await r.must('p-li', 'foundBranch', {
      organisation: {
        kind: 'party-group',
        id: 'o-entrance-group',
        name: 'Entrance Group',
        seat: place('entrance', 'e-east'),
        parent: 'o-grid-east',
      },
      among: 'the members of Entrance A',
    })
    expect(coverage(await r.state()).buildings.lines[0]?.coveredBy).toEqual([
      'o-entrance-group',
      'o-compound-group',
    ])
  })

  it('a social organisation is covered by a branch it hosts', async () => {
    const r = await seedEmbedding()
    expect(coverage(await r.state()).socialOrganisations).toMatchObject({
      total: 0,
      covered: 0,
      ratio: null,
    })
    await registerSocialOrganisation(r)
    expect(coverage(await r.state()).socialOrganisations).toMatchObject({
      total: 1,
      covered: 0,
      ratio: 0,
      uncovered: [{ organisation: 'o-so', name: 'Fusion Social Work Centre', coveredBy: [] }],
    })
    await r.must('p-east-sec', 'foundBranch', socialOrganisationBranch())
    expect(coverage(await r.state()).socialOrganisations).toMatchObject({
      total: 1,
      covered: 1,
      ratio: 1,
      uncovered: [],
      lines: [{ organisation: 'o-so', coveredBy: ['o-so-b'] }],
    })
  })

  it('within a place with nothing to cover, every ratio is null', async () => {
    const r = await seedEmbedding()
    const west = coverage(await r.state(), {
      level: 'community',
      id: CommunityId.make('c-west'),
    })
    expect(west.grids).toMatchObject({ total: 1, covered: 0, ratio: 0 })
    expect(west.buildings).toMatchObject({ total: 0, ratio: null, uncovered: [] })
    expect(west.socialOrganisations).toMatchObject({ total: 0, ratio: null })
  })
})

// ---------------------------------------------------------------------------------------------
// Member embedding

describe('member embedding: duties 党员责任', () => {
  it('a responsibility area is published as a card with name, phone and duty', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    const assigned = await assign(r, 'd-clean', 'p-m1', sanitation())
    expect(responsibilityCards(await r.state())).toEqual([
      {
        member: 'p-m1',
        name: 'Member One',
        area: 'Sanitation',
        place: 'East grid',
        phone: '020-8888 1234',
        duty: 'Keeps the lanes of East grid clean',
        since: assigned.events[0]?.event.at,
      },
    ])
    expect(
      responsibilityCards(await r.state(), { level: 'community', id: CommunityId.make('c-west') }),
    ).toEqual([])
  })

  it('a phone that is not a phone number is a DecodeError at $.spec.phone', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'assignDuty', {
        duty: 'd-clean',
        member: 'p-m1',
        spec: sanitation({ phone: 'call the office' }),
      }),
    )
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError')
      expect(error.issues.map((i) => i.path)).toEqual(['$.spec.phone'])
  })
})

// ---------------------------------------------------------------------------------------------
// Absorbing elites

describe('absorbing elites 吸纳: activist → applicant → probationary → full member', () => {
  const ADMITTED = '2024-05-01T10:00:00+08:00'

  /**
   * `p-h2` developed by the East grid branch up to probationary, admitted at {@link ADMITTED},
   * on a street seeded early in 2023 (the stream runs forward: its steps come after the seed).
   */
  const probationary = async () => {
    const r = await seedEmbedding(EARLY_2023)
    await mustAt(r, '2023-03-01T10:00:00+08:00', 'p-li', 'recogniseActivist', {
      person: 'p-h2',
      organisation: 'o-grid-east',
    })
    await mustAt(r, '2023-09-01T10:00:00+08:00', 'p-li', 'acceptApplication', { person: 'p-h2' })
    await mustAt(r, ADMITTED, 'p-li', 'admitProbationary', { person: 'p-h2' })
    return r
  }

  it('the probation year cannot be served in two minutes: after a confirmation dated a year ahead, present-day commands are refused (earlier-than-last-event)', async () => {
    const r = await probationary()
    // A confirmation dated a year after the admission is accepted as what it says ...
    await mustAt(r, '2025-05-01T10:00:00+08:00', 'p-li', 'confirmFullMember', { person: 'p-h2' })
    const before = await r.state()
    expect(before.registry.lastAt).toBe('2025-05-01T10:00:00+08:00')
    // ... and the stream stands at that date: commands dated two minutes after the admission
    // ("today") are refused, embedding's and the registry's alike, so the year was not served
    // in two minutes.
    const today = '2024-05-01T10:02:00+08:00'
    for (const [type, payload] of [
      ['assignDuty', { duty: 'd-h2', member: 'p-h2', spec: pioneerPost }],
      ['recordMemberAct', { member: 'p-h2', act: 'spoke', occasion: 'Grid meeting' }],
      ['recogniseActivist', { person: 'p-h1', organisation: 'o-grid-east' }],
      ['moveResident', { person: 'p-h2', to: place('entrance', 'e-east') }],
    ] as const)
      expect(
        await refusedWithoutTrace(r, () => sendAt(r, today, 'p-li', type, payload)),
      ).toMatchObject({ code: 'RuleViolation', rule: 'earlier-than-last-event' })
    expect(await r.state()).toEqual(before)
  })
})

// ---------------------------------------------------------------------------------------------
// Time runs forward on the street's stream

describe('the registry stream runs forward, embedding’s commands too (earlier-than-last-event)', () => {
  it('an embedding command dated before the last registry event is refused and stores nothing', async () => {
    const r = await seedEmbedding()
    const last = (await r.state()).registry.lastAt
    expect(last).not.toBeNull()
    expect(
      await refusedWithoutTrace(r, () =>
        sendAt(r, '2024-04-24T07:00:00+08:00', 'p-li', 'recogniseActivist', {
          person: 'p-h2',
          organisation: 'o-grid-east',
        }),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'earlier-than-last-event' })
    expect(candidateOf(await r.state(), 'p-h2')).toBeUndefined()
    // The same instant as the last event is not earlier.
    await mustAt(r, last ?? '', 'p-li', 'recogniseActivist', {
      person: 'p-h2',
      organisation: 'o-grid-east',
    })
  })

  it('a registry command dated before the last embedding event is refused: the stream keeps one lastAt', async () => {
    const r = await seedEmbedding()
    const recognised = await mustAt(r, '2024-05-01T09:00:00+08:00', 'p-li', 'recogniseActivist', {
      person: 'p-h2',
      organisation: 'o-grid-east',
    })
    expect(typesOf(recognised)).toEqual(['activistRecognised'])
    expect(recognised.state.registry.lastAt).toBe('2024-05-01T09:00:00+08:00')
    expect(
      await refusedWithoutTrace(r, () =>
        sendAt(r, '2024-04-30T09:00:00+08:00', CLERK, 'registerPerson', {
          person: 'p-new',
          name: 'Newcomer',
          household: { status: 'registered' },
          home: place('community', 'c-east'),
        }),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'earlier-than-last-event' })
    expect(lookup((await r.state()).registry.persons, person('p-new'))).toBeUndefined()
  })

  it('a compound act decides its registry steps at its own instant: founding a branch with its secretary', async () => {
    const r = await seedEmbedding()
    const founded = await mustAt(r, '2024-05-01T09:00:00+08:00', 'p-zhou', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: 'o-grid-west',
        name: 'West Grid Branch',
        seat: place('grid', 'g-west'),
        parent: 'o-street',
        branch: { kind: 'grid' },
      },
      among: 'the residents of West grid',
      secretary: { person: 'p-w1', assignment: 'as-w1-grid' },
    })
    expect(typesOf(founded)).toEqual(['organisationRegistered', 'roleAssigned', 'branchFounded'])
    expect(founded.state.registry.lastAt).toBe('2024-05-01T09:00:00+08:00')
  })
})

// ---------------------------------------------------------------------------------------------
// Bad input

describe('bad input is refused with a path and stores nothing', () => {
  const envelope = {
    commandId: 'cmd-bad',
    at: '2024-04-24T12:00:00+08:00',
    actor: 'p-li',
    street: STREET,
  }
  const cases: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
    [
      'an unknown key',
      {
        ...envelope,
        type: 'assignDuty',
        duty: 'd-1',
        member: 'p-m1',
        spec: pioneerPost,
        isAdmin: true,
      },
      '$.isAdmin',
    ],
    [
      'an unknown key inside a duty',
      {
        ...envelope,
        type: 'assignDuty',
        duty: 'd-1',
        member: 'p-m1',
        spec: { ...pioneerPost, phone: '12345' },
      },
      '$.spec.phone',
    ],
    [
      'an amount given as text',
      { ...envelope, type: 'allotFunds', organisation: 'o-grid-east', amount: '500', purpose: 'T' },
      '$.amount',
    ],
    [
      'a fractional amount',
      { ...envelope, type: 'allotFunds', organisation: 'o-grid-east', amount: 0.5, purpose: 'T' },
      '$.amount',
    ],
    [
      'a year as text',
      { ...envelope, type: 'commend', person: 'p-m1', year: '2024', title: 'T', reason: 'R' },
      '$.year',
    ],
    [
      'an unknown way of being found',
      {
        ...envelope,
        type: 'discoverMember',
        person: 'p-m1',
        organisation: 'o-grid-east',
        found: 'anonymous',
        homeOrganisation: null,
      },
      '$.found',
    ],
    [
      'an unknown kind of duty',
      { ...envelope, type: 'assignDuty', duty: 'd-1', member: 'p-m1', spec: { kind: 'boss' } },
      '$.spec.kind',
    ],
    [
      'a missing street',
      {
        type: 'discoverMember',
        commandId: 'cmd-bad',
        at: envelope.at,
        actor: 'p-li',
        person: 'p-m1',
        organisation: 'o-grid-east',
        found: 'hidden',
        homeOrganisation: null,
      },
      '$.street',
    ],
    [
      'a household list with a malformed id',
      {
        ...envelope,
        type: 'assignDuty',
        duty: 'd-1',
        member: 'p-m1',
        spec: { kind: 'households', households: ['p-h1', 'p h2; drop'] },
      },
      '$.spec.households[1]',
    ],
    [
      'a founding that is not a branch',
      {
        ...envelope,
        type: 'foundBranch',
        organisation: {
          kind: 'owners-committee',
          id: 'o-x',
          name: 'X',
          seat: place('compound', 'k-east'),
          partyLed: true,
        },
        among: 'owners',
      },
      '$.organisation.kind',
    ],
  ]

  it.each(cases)('%s', async (_what, input, path) => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    const before = JSON.stringify(r.store.readAll())
    const stateBefore = await r.state()
    const error = refusal(await r.engine.handle(input))
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toContain(path)
    expect(JSON.stringify(r.store.readAll())).toBe(before)
    expect(await r.state()).toBe(stateBefore)
  })

  it('an own __proto__ key from JSON.parse is refused and pollutes nothing', async () => {
    const r = await seedEmbedding()
    const before = r.store.readAll().length
    const input = JSON.parse(
      `{"type":"foundBranch","commandId":"x-1","at":"2024-04-24T12:00:00+08:00","actor":"p-zhou","street":"${STREET}",` +
        `"organisation":{"kind":"party-branch","id":"o-b2","name":"B","seat":{"level":"grid","id":"g-east"},"parent":"o-east","branch":{"kind":"grid","__proto__":{"polluted":true}}},` +
        `"among":"residents","__proto__":{"isAdmin":true}}`,
    ) as unknown
    const error = refusal(await r.engine.handle(input))
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError')
      expect(error.issues.map((i) => i.path).sort()).toEqual([
        '$.__proto__',
        '$.organisation.branch.__proto__',
      ])
    expect(r.store.readAll()).toHaveLength(before)
    expect(organisationIn(await r.state(), 'o-b2')).toBeUndefined()
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined()
  })

  it('a command of the embedding mechanism before the registry is opened finds no street', async () => {
    const r = await seedEmbedding()
    const error = refusal(
      await r.engine.handle({
        ...envelope,
        street: 's-other',
        type: 'allotFunds',
        organisation: 'o-grid-east',
        amount: 100,
        purpose: 'Tea',
      }),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'street registry', id: 's-other' })
  })
})
