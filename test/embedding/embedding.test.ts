import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  AssignmentId,
  candidatesInDevelopment,
  commendationsOf,
  CommunityId,
  coverage,
  DutyId,
  empowerment,
  holdsRole,
  householdsLed,
  lookup,
  OrganisationId,
  organisationLinks,
  PersonId,
  responsibilityCards,
  type DomainError,
  type EmbeddingEvent,
  type EmbeddingState,
  type Handled,
} from '../../src/index.js'
import { CLERK, org, place, refusal, seedEmbedding, STREET, type Embedding } from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const person = (id: string) => PersonId.make(id)
const organisation = (id: string) => OrganisationId.make(id)

const typesOf = (handled: Handled<EmbeddingEvent, EmbeddingState>) =>
  handled.events.map((e) => e.event.type)

const memberOf = (s: EmbeddingState, id: string) => lookup(s.members, person(id))
const candidateOf = (s: EmbeddingState, id: string) => lookup(s.candidates, person(id))
const organisationIn = (s: EmbeddingState, id: string) =>
  lookup(s.registry.organisations, organisation(id))

const isSecretary = (s: EmbeddingState, who: string, of: string) =>
  holdsRole(s.registry, person(who), 'secretary', {
    level: 'organisation',
    id: organisation(of),
  })

/** Commands sent at a chosen instant (the fixture's `send` picks `at` itself). */
let sentAt = 0
const sendAt = (
  r: Embedding,
  at: string,
  actor: string,
  type: string,
  payload: Record<string, unknown> = {},
) => {
  sentAt += 1
  return r.engine.handle({
    type,
    commandId: `cmd-at-${sentAt}`,
    at,
    actor,
    street: STREET,
    ...payload,
  })
}
const mustAt = async (
  r: Embedding,
  at: string,
  actor: string,
  type: string,
  payload: Record<string, unknown> = {},
) => {
  const result = await sendAt(r, at, actor, type, payload)
  if (E.isLeft(result)) throw new Error(`${type} was refused: ${result.left.message}`)
  return result.right
}

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

/** A member of East (an in-service member 在职党员) reports to `organisation` themselves. */
const reportIn = (r: Embedding, member: string, organisationId = 'o-grid-east') =>
  r.must(member, 'reportToCommunity', {
    member,
    community: 'c-east',
    organisation: organisationId,
    homeOrganisation: 'District Tax Bureau Branch',
  })

/** `p-li`, secretary of the East grid branch, finds a hidden member. */
const discover = (r: Embedding, member: string, organisationId = 'o-grid-east') =>
  r.must('p-li', 'discoverMember', {
    person: member,
    organisation: organisationId,
    found: 'hidden',
    homeOrganisation: 'Honghu County Committee',
  })

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

const households = (...heads: string[]) => ({ kind: 'households', households: heads })

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
  const kinds: ReadonlyArray<readonly [string, string, Record<string, unknown>, string]> = [
    [
      'a floating branch among migrants of one origin, under dual management',
      'p-zhou',
      {
        kind: 'party-branch',
        id: 'o-float',
        name: 'Honghu Floating Branch',
        seat: place('street', STREET),
        parent: 'o-street',
        branch: {
          kind: 'floating',
          homeOrganisation: 'Honghu County Committee',
          origin: 'Honghu, Hubei',
        },
      },
      '10,000 printing workers from Honghu',
    ],
    [
      'a grid branch',
      'p-zhou',
      {
        kind: 'party-branch',
        id: 'o-grid-west',
        name: 'West Grid Branch',
        seat: place('grid', 'g-west'),
        parent: 'o-street',
        branch: { kind: 'grid' },
      },
      'the residents of West grid',
    ],
    [
      'a council branch',
      'p-east-sec',
      {
        kind: 'party-branch',
        id: 'o-council',
        name: 'Compound Council Branch',
        seat: place('compound', 'k-east'),
        parent: 'o-east',
        branch: { kind: 'council' },
      },
      'the members of the compound council',
    ],
    [
      'a temporary branch',
      'p-east-sec',
      {
        kind: 'party-branch',
        id: 'o-temp',
        name: 'Anti-epidemic Branch',
        seat: place('community', 'c-east'),
        parent: 'o-east',
        branch: { kind: 'temporary', purpose: 'Anti-epidemic work' },
      },
      'the volunteers at the checkpoints',
    ],
    [
      'a party group at a building entrance',
      'p-li',
      {
        kind: 'party-group',
        id: 'o-group',
        name: 'Entrance A Group',
        seat: place('entrance', 'e-east'),
        parent: 'o-grid-east',
      },
      'the members living at Entrance A',
    ],
  ]

  it.each(kinds)('founds %s as an organisation of the registry', async (_kind, by, spec, among) => {
    const r = await seedEmbedding()
    const founded = await r.must(by, 'foundBranch', { organisation: spec, among })
    expect(typesOf(founded)).toEqual(['organisationRegistered', 'branchFounded'])
    const s = await r.state()
    expect(organisationIn(s, spec['id'] as string)).toMatchObject({ ...spec, status: 'active' })
    expect(lookup(s.foundings, organisation(spec['id'] as string))).toMatchObject({
      organisation: spec['id'],
      among,
    })
  })

  it('a floating branch keeps both its home organisation and its origin', async () => {
    const r = await seedEmbedding()
    const floating = kinds[0]
    if (floating === undefined) throw new Error('no floating case')
    await r.must('p-zhou', 'foundBranch', { organisation: floating[2], among: floating[3] })
    expect(organisationIn(await r.state(), 'o-float')).toMatchObject({
      branch: {
        kind: 'floating',
        homeOrganisation: 'Honghu County Committee',
        origin: 'Honghu, Hubei',
      },
    })
  })

  it('founds a branch inside a social organisation, hosted by it', async () => {
    const r = await seedEmbedding()
    await registerSocialOrganisation(r)
    const founded = await r.must('p-east-sec', 'foundBranch', socialOrganisationBranch())
    expect(typesOf(founded)).toEqual(['organisationRegistered', 'branchFounded'])
    expect(organisationIn(await r.state(), 'o-so-b')).toMatchObject({
      branch: { kind: 'social-organisation', host: 'o-so' },
      status: 'active',
    })
  })

  it('a branch inside something that is not a social organisation is refused by the registry’s rule', async () => {
    const r = await seedEmbedding()
    const spec = socialOrganisationBranch()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-east-sec', 'foundBranch', {
        ...spec,
        organisation: {
          ...spec.organisation,
          branch: { kind: 'social-organisation', host: 'o-east' },
        },
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'branch-host' })
  })

  it('the founding secretary is appointed with the branch', async () => {
    const r = await seedEmbedding()
    const founded = await r.must('p-east-sec', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: 'o-council',
        name: 'Compound Council Branch',
        seat: place('compound', 'k-east'),
        parent: 'o-east',
        branch: { kind: 'council' },
      },
      among: 'the compound council',
      secretary: { person: 'p-m1', assignment: 'as-m1-council' },
    })
    expect(typesOf(founded)).toEqual(['organisationRegistered', 'roleAssigned', 'branchFounded'])
    const s = await r.state()
    expect(isSecretary(s, 'p-m1', 'o-council')).toBe(true)
    // The seed founded the East grid branch the same way.
    expect(isSecretary(s, 'p-li', 'o-grid-east')).toBe(true)
  })

  it('someone who is not the parent’s secretary may not found a branch under it', async () => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'foundBranch', {
        organisation: {
          kind: 'party-branch',
          id: 'o-b2',
          name: 'Sibling Branch',
          seat: place('grid', 'g-east'),
          parent: 'o-east',
          branch: { kind: 'grid' },
        },
        among: 'the residents of East grid',
      }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      actor: 'p-li',
      missingRole: ['secretary@organisation:o-east'],
    })
    expect(organisationIn(await r.state(), 'o-b2')).toBeUndefined()
  })

  it('the street committee’s secretary, above the parent, may found under it', async () => {
    const r = await seedEmbedding()
    await r.must('p-zhou', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: 'o-b2',
        name: 'Second East Branch',
        seat: place('grid', 'g-east'),
        parent: 'o-east',
        branch: { kind: 'grid' },
      },
      among: 'the residents of East grid',
    })
    expect(organisationIn(await r.state(), 'o-b2')).toMatchObject({
      parent: 'o-east',
      status: 'active',
    })
  })

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

  it('if the founding secretary cannot be appointed, nothing is founded', async () => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-zhou', 'foundBranch', {
        organisation: {
          kind: 'party-branch',
          id: 'o-b2',
          name: 'Self-made Branch',
          seat: place('grid', 'g-east'),
          parent: 'o-east',
          branch: { kind: 'grid' },
        },
        among: 'the residents of East grid',
        secretary: { person: 'p-zhou', assignment: 'as-self' },
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'self-appointment' })
    const s = await r.state()
    expect(organisationIn(s, 'o-b2')).toBeUndefined()
    expect(lookup(s.foundings, organisation('o-b2'))).toBeUndefined()
    expect(lookup(s.registry.assignments, AssignmentId.make('as-self'))).toBeUndefined()
  })
})

describe('organisation embedding: converting a temporary branch (J community)', () => {
  /**
   * East's anti-epidemic branch `o-temp` (secretary `p-m3`) with a member found by it (`p-m1`),
   * a member who reported to it (`p-m2`) and an activist (`p-h2`); `p-east-sec` is also made a
   * registrar of East, so that they may register a non-party body there.
   */
  const temporaryBranch = async () => {
    const r = await seedEmbedding()
    await r.must('p-east-sec', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: 'o-temp',
        name: 'Anti-epidemic Branch',
        seat: place('community', 'c-east'),
        parent: 'o-east',
        branch: { kind: 'temporary', purpose: 'Anti-epidemic work in J community' },
      },
      among: 'the volunteers at the checkpoints',
      secretary: { person: 'p-m3', assignment: 'as-m3-temp' },
    })
    await r.must('p-east-sec', 'discoverMember', {
      person: 'p-m1',
      organisation: 'o-temp',
      found: 'pocket',
      homeOrganisation: 'Honghu County Committee',
    })
    await reportIn(r, 'p-m2', 'o-temp')
    await r.must('p-m3', 'recogniseActivist', { person: 'p-h2', organisation: 'o-temp' })
    return r
  }

  const redOwnersCommittee = {
    kind: 'owners-committee',
    id: 'o-red-owners',
    name: 'Red Owners’ Committee',
    seat: place('compound', 'k-east'),
    partyLed: true,
  }

  const appointEastRegistrar = (r: Embedding, who: string) =>
    r.must(CLERK, 'appointRole', {
      assignment: `as-${who}-registrar`,
      person: who,
      role: 'registrar',
      scope: place('community', 'c-east'),
    })

  it('turns the anti-epidemic branch into a red owners’ committee, moving its people', async () => {
    const r = await temporaryBranch()
    await appointEastRegistrar(r, 'p-east-sec')
    const converted = await r.must('p-east-sec', 'convertBranch', {
      branch: 'o-temp',
      into: redOwnersCommittee,
      membersTo: 'o-grid-east',
      reason: 'The epidemic is over; its members lead the owners’ committee',
    })
    const types = typesOf(converted)
    expect(types.slice(0, 3)).toEqual([
      'organisationRegistered',
      'organisationDissolved',
      'roleEnded',
    ])
    expect(types.at(-1)).toBe('branchConverted')
    const moved = converted.events.flatMap((e) =>
      e.event.type === 'memberMoved' ? [[e.event.person, e.event.from, e.event.to]] : [],
    )
    expect(moved.sort()).toEqual([
      ['p-h2', 'o-temp', 'o-grid-east'],
      ['p-m1', 'o-temp', 'o-grid-east'],
      ['p-m2', 'o-temp', 'o-grid-east'],
    ])
    const s = await r.state()
    expect(organisationIn(s, 'o-temp')?.status).toBe('dissolved')
    expect(organisationIn(s, 'o-red-owners')).toMatchObject({
      kind: 'owners-committee',
      partyLed: true,
      status: 'active',
    })
    expect(memberOf(s, 'p-m1')).toMatchObject({ organisation: 'o-grid-east', status: 'discovered' })
    expect(memberOf(s, 'p-m2')).toMatchObject({ organisation: 'o-grid-east', status: 'reported' })
    expect(candidateOf(s, 'p-h2')).toMatchObject({ organisation: 'o-grid-east', stage: 'activist' })
    expect(isSecretary(s, 'p-m3', 'o-temp')).toBe(false)
    expect(s.conversions).toEqual([
      {
        branch: 'o-temp',
        into: 'o-red-owners',
        membersTo: 'o-grid-east',
        reason: 'The epidemic is over; its members lead the owners’ committee',
        at: converted.events[0]?.event.at,
      },
    ])
  })

  it('the moved members now answer to the secretary of their new organisation', async () => {
    const r = await temporaryBranch()
    await appointEastRegistrar(r, 'p-east-sec')
    await r.must('p-east-sec', 'convertBranch', {
      branch: 'o-temp',
      into: redOwnersCommittee,
      membersTo: 'o-grid-east',
      reason: 'Epidemic over',
    })
    await r.must('p-li', 'contactMember', { member: 'p-m1' })
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('contacted')
  })

  it('a branch that is not temporary cannot be converted', async () => {
    const r = await temporaryBranch()
    await appointEastRegistrar(r, 'p-east-sec')
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-east-sec', 'convertBranch', {
        branch: 'o-grid-east',
        into: redOwnersCommittee,
        membersTo: null,
        reason: 'Why not',
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'temporary-branch-only' })
    expect(organisationIn(await r.state(), 'o-grid-east')?.status).toBe('active')
  })

  it('a temporary branch with members must say where they go', async () => {
    const r = await temporaryBranch()
    await appointEastRegistrar(r, 'p-east-sec')
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-east-sec', 'convertBranch', {
        branch: 'o-temp',
        into: redOwnersCommittee,
        membersTo: null,
        reason: 'Epidemic over',
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'members-need-an-organisation' })
    const s = await r.state()
    expect(organisationIn(s, 'o-temp')?.status).toBe('active')
    expect(organisationIn(s, 'o-red-owners')).toBeUndefined()
  })

  it('a temporary branch with nobody in it converts without naming anywhere', async () => {
    const r = await seedEmbedding()
    await appointEastRegistrar(r, 'p-east-sec')
    await r.must('p-east-sec', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: 'o-temp',
        name: 'Anti-epidemic Branch',
        seat: place('community', 'c-east'),
        parent: 'o-east',
        branch: { kind: 'temporary', purpose: 'Anti-epidemic work' },
      },
      among: 'checkpoint volunteers',
    })
    const converted = await r.must('p-east-sec', 'convertBranch', {
      branch: 'o-temp',
      into: redOwnersCommittee,
      membersTo: null,
      reason: 'Epidemic over',
    })
    expect(typesOf(converted)).toEqual([
      'organisationRegistered',
      'organisationDissolved',
      'branchConverted',
    ])
  })

  it('members cannot be moved to a body that is not a party organisation', async () => {
    const r = await temporaryBranch()
    await appointEastRegistrar(r, 'p-east-sec')
    await registerSocialOrganisation(r)
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-east-sec', 'convertBranch', {
        branch: 'o-temp',
        into: redOwnersCommittee,
        membersTo: 'o-so',
        reason: 'Epidemic over',
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'party-organisation' })
  })

  it('converting into a non-party body needs a registrar over its seat, as registering one does', async () => {
    const r = await temporaryBranch()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-east-sec', 'convertBranch', {
        branch: 'o-temp',
        into: redOwnersCommittee,
        membersTo: 'o-grid-east',
        reason: 'Epidemic over',
      }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      actor: 'p-east-sec',
      missingRole: ['registrar@compound:k-east'],
    })
    const s = await r.state()
    expect(organisationIn(s, 'o-temp')?.status).toBe('active')
    expect(memberOf(s, 'p-m1')?.organisation).toBe('o-temp')
  })

  it('a registrar who is not the parent’s secretary cannot dissolve the branch by converting it', async () => {
    const r = await temporaryBranch()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-east-clerk', 'convertBranch', {
        branch: 'o-temp',
        into: redOwnersCommittee,
        membersTo: 'o-grid-east',
        reason: 'Epidemic over',
      }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      missingRole: ['secretary@organisation:o-east'],
    })
  })

  it('members may move into the permanent branch the temporary one becomes', async () => {
    const r = await temporaryBranch()
    await r.must('p-east-sec', 'convertBranch', {
      branch: 'o-temp',
      into: {
        kind: 'party-branch',
        id: 'o-j-branch',
        name: 'J Community Branch',
        seat: place('community', 'c-east'),
        parent: 'o-east',
        branch: { kind: 'community' },
      },
      membersTo: 'o-j-branch',
      reason: 'The branch stays after the epidemic',
    })
    expect(memberOf(await r.state(), 'p-m1')?.organisation).toBe('o-j-branch')
  })
})

describe('organisation embedding: dissolving a branch with people in it', () => {
  const dissolveGridBranch = (r: Embedding) =>
    r.send('p-east-sec', 'dissolveOrganisation', { organisation: 'o-grid-east', reason: 'Merged' })

  it('a branch with members is not dissolved; once they are transferred out, it is', async () => {
    const r = await seedEmbedding()
    await discover(r, 'p-m1')
    const error = await refusedWithoutTrace(r, () => dissolveGridBranch(r))
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'members-enrolled' })
    expect(organisationIn(await r.state(), 'o-grid-east')?.status).toBe('active')
    await r.must('p-li', 'transferMemberOut', { member: 'p-m1', destination: 'Honghu, Hubei' })
    expect(E.isRight(await dissolveGridBranch(r))).toBe(true)
    expect(organisationIn(await r.state(), 'o-grid-east')?.status).toBe('dissolved')
  })

  it('a branch developing a candidate is not dissolved until the candidate is dropped', async () => {
    const r = await seedEmbedding()
    await r.must('p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' })
    expect(refusal(await dissolveGridBranch(r))).toMatchObject({
      code: 'RuleViolation',
      rule: 'members-enrolled',
    })
    await r.must('p-li', 'dropCandidate', { person: 'p-h2', reason: 'Moved away' })
    expect(E.isRight(await dissolveGridBranch(r))).toBe(true)
  })
})

describe('organisation empowerment 组织赋能: funds and first secretaries', () => {
  it('the secretary above a branch allots it funds', async () => {
    const r = await seedEmbedding()
    const allotted = await r.must('p-east-sec', 'allotFunds', {
      organisation: 'o-grid-east',
      amount: 50_000,
      purpose: 'An activity room for the grid',
    })
    expect(typesOf(allotted)).toEqual(['fundsAllotted'])
    const s = await r.state()
    expect(s.grants).toMatchObject([
      { organisation: 'o-grid-east', amount: 50_000, purpose: 'An activity room for the grid' },
    ])
    expect(empowerment(s).fundsByOrganisation).toEqual([
      { organisation: 'o-grid-east', name: 'East Grid Branch', amount: 50_000 },
    ])
  })

  it('the street’s registrar allots funds, even to the root committee', async () => {
    const r = await seedEmbedding()
    await r.must(CLERK, 'allotFunds', {
      organisation: 'o-grid-east',
      amount: 1_000,
      purpose: 'Banners',
    })
    await r.must(CLERK, 'allotFunds', { organisation: 'o-street', amount: 2_000, purpose: 'Study' })
    expect(empowerment(await r.state()).funds).toBe(3_000)
  })

  it('a branch’s own secretary cannot allot it funds', async () => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'allotFunds', { organisation: 'o-grid-east', amount: 100, purpose: 'Tea' }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      actor: 'p-li',
      missingRole: ['secretary@organisation:o-east', `registrar@street:${STREET}`],
    })
  })

  it('a community registrar is not the street’s registrar', async () => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-east-clerk', 'allotFunds', { organisation: 'o-east', amount: 100, purpose: 'Tea' }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      missingRole: ['secretary@organisation:o-street', `registrar@street:${STREET}`],
    })
  })

  it('no funds go to a dissolved organisation', async () => {
    const r = await seedEmbedding()
    await r.must('p-east-sec', 'dissolveOrganisation', {
      organisation: 'o-grid-east',
      reason: 'Merged',
    })
    const error = await refusedWithoutTrace(r, () =>
      r.send(CLERK, 'allotFunds', { organisation: 'o-grid-east', amount: 100, purpose: 'Tea' }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'organisation-active' })
    expect((await r.state()).grants).toEqual([])
  })

  it('a unit above sends a first secretary to a branch', async () => {
    const r = await seedEmbedding()
    const sent = await r.must('p-east-sec', 'sendFirstSecretary', {
      organisation: 'o-grid-east',
      person: 'p-chen',
      assignment: 'as-chen-first',
      sentBy: 'District Tax Bureau',
    })
    expect(typesOf(sent)).toEqual(['roleAssigned', 'firstSecretarySent'])
    expect(sent.events[0]?.event).toMatchObject({
      type: 'roleAssigned',
      person: 'p-chen',
      role: 'first-secretary',
      scope: org('o-grid-east'),
    })
    const s = await r.state()
    expect(
      holdsRole(s.registry, person('p-chen'), 'first-secretary', {
        level: 'organisation',
        id: organisation('o-grid-east'),
      }),
    ).toBe(true)
    expect(empowerment(s).firstSecretaries).toMatchObject([
      { organisation: 'o-grid-east', person: 'p-chen', sentBy: 'District Tax Bureau' },
    ])
  })

  it('a first secretary goes only to an active party organisation', async () => {
    const r = await seedEmbedding()
    await registerSocialOrganisation(r)
    const send = (to: string) =>
      r.send('p-zhou', 'sendFirstSecretary', {
        organisation: to,
        person: 'p-chen',
        assignment: 'as-chen-first',
        sentBy: 'District Tax Bureau',
      })
    expect(await refusedWithoutTrace(r, () => send('o-so'))).toMatchObject({
      code: 'RuleViolation',
      rule: 'party-organisation',
    })
    await r.must('p-east-sec', 'dissolveOrganisation', {
      organisation: 'o-grid-east',
      reason: 'Merged',
    })
    expect(await refusedWithoutTrace(r, () => send('o-grid-east'))).toMatchObject({
      code: 'RuleViolation',
      rule: 'party-organisation',
    })
    expect((await r.state()).firstSecretaries).toEqual([])
  })

  it('a branch’s own secretary cannot send it a first secretary', async () => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'sendFirstSecretary', {
        organisation: 'o-grid-east',
        person: 'p-chen',
        assignment: 'as-chen-first',
        sentBy: 'District Tax Bureau',
      }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      missingRole: ['secretary@organisation:o-east'],
    })
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

describe('member embedding 党员嵌入: the lifecycle', () => {
  it('a hidden member is found, contacted, reports, takes a duty and becomes active', async () => {
    const r = await seedEmbedding()
    await discover(r, 'p-m1')
    expect(memberOf(await r.state(), 'p-m1')).toMatchObject({
      status: 'discovered',
      found: 'hidden',
      homeOrganisation: 'Honghu County Committee',
      organisation: 'o-grid-east',
      community: null,
    })
    await r.must('p-li', 'contactMember', { member: 'p-m1' })
    const reported = await r.must('p-m1', 'reportToCommunity', {
      member: 'p-m1',
      community: 'c-east',
      organisation: 'o-grid-east',
    })
    expect(memberOf(await r.state(), 'p-m1')).toMatchObject({
      status: 'reported',
      community: 'c-east',
      reportedAt: reported.events[0]?.event.at,
      // Where the relationship is registered stays what the discovery found.
      homeOrganisation: 'Honghu County Committee',
    })
    await assign(r, 'd-1', 'p-m1', sanitation())
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('assigned')
    await r.must('p-li', 'recordMemberAct', {
      member: 'p-m1',
      act: 'spoke',
      occasion: 'Grid residents’ meeting',
    })
    const s = await r.state()
    expect(memberOf(s, 'p-m1')?.status).toBe('active')
    expect(memberOf(s, 'p-m1')?.steps.map((st) => [st.to, st.on])).toEqual([
      ['discovered', 'memberDiscovered'],
      ['contacted', 'memberContacted'],
      ['reported', 'memberReported'],
      ['assigned', 'dutyAssigned'],
      ['active', 'memberActed'],
    ])
  })

  it('a discovered member cannot report before being contacted', async () => {
    const r = await seedEmbedding()
    await discover(r, 'p-m1')
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-m1', 'reportToCommunity', {
        member: 'p-m1',
        community: 'c-east',
        organisation: 'o-grid-east',
      }),
    )
    expect(error).toMatchObject({
      code: 'IllegalTransition',
      machine: 'member',
      state: 'discovered',
      command: 'reportToCommunity',
    })
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('discovered')
  })

  it('a member is contacted once', async () => {
    const r = await seedEmbedding()
    await discover(r, 'p-m1')
    await r.must('p-li', 'contactMember', { member: 'p-m1' })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-li', 'contactMember', { member: 'p-m1' })),
    ).toMatchObject({ code: 'IllegalTransition', machine: 'member', state: 'contacted' })
  })

  it('a member who has reported cannot be discovered again', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-li', 'discoverMember', {
          person: 'p-m1',
          organisation: 'o-grid-east',
          found: 'pocket',
          homeOrganisation: null,
        }),
      ),
    ).toMatchObject({
      code: 'IllegalTransition',
      machine: 'member',
      state: 'reported',
      command: 'discoverMember',
    })
  })

  it('a discovered member takes no duty before reporting', async () => {
    const r = await seedEmbedding()
    await discover(r, 'p-m1')
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'assignDuty', { duty: 'd-1', member: 'p-m1', spec: sanitation() }),
    )
    expect(error).toMatchObject({
      code: 'IllegalTransition',
      machine: 'member',
      state: 'discovered',
      command: 'assignDuty',
    })
    expect(lookup((await r.state()).duties, DutyId.make('d-1'))).toBeUndefined()
  })

  it('an in-service member comes forward and reports directly', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m3')
    expect(memberOf(await r.state(), 'p-m3')).toMatchObject({
      status: 'reported',
      found: null,
      homeOrganisation: 'District Tax Bureau Branch',
      organisation: 'o-grid-east',
      community: 'c-east',
    })
    expect(empowerment(await r.state()).membersReported).toBe(1)
  })

  it('a transferred-out member may report again', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await r.must('p-li', 'transferMemberOut', { member: 'p-m1', destination: 'Wuhan' })
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('transferred-out')
    await r.must('p-m1', 'reportToCommunity', {
      member: 'p-m1',
      community: 'c-east',
      organisation: 'o-east',
    })
    expect(memberOf(await r.state(), 'p-m1')).toMatchObject({
      status: 'reported',
      organisation: 'o-east',
      homeOrganisation: 'District Tax Bureau Branch',
    })
  })

  it('a lapsed member is done: no reporting, no transfer', async () => {
    const r = await seedEmbedding()
    await discover(r, 'p-m1')
    await r.must('p-li', 'lapseMember', { member: 'p-m1', reason: 'Stopped paying dues' })
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('lapsed')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-m1', 'reportToCommunity', {
          member: 'p-m1',
          community: 'c-east',
          organisation: 'o-grid-east',
        }),
      ),
    ).toMatchObject({ code: 'IllegalTransition', machine: 'member', state: 'lapsed' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-li', 'transferMemberOut', { member: 'p-m1', destination: 'Wuhan' }),
      ),
    ).toMatchObject({
      code: 'IllegalTransition',
      machine: 'member',
      state: 'lapsed',
      command: 'transferMemberOut',
    })
  })

  it('nobody reports on a member’s behalf, not even their secretary', async () => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'reportToCommunity', {
        member: 'p-m1',
        community: 'c-east',
        organisation: 'o-grid-east',
      }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      actor: 'p-li',
      command: 'reportToCommunity',
      missingRole: ['member p-m1 in person'],
    })
    expect(memberOf(await r.state(), 'p-m1')).toBeUndefined()
  })

  it('a member reports only to the community they live in', async () => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-w1', 'reportToCommunity', {
        member: 'p-w1',
        community: 'c-east',
        organisation: 'o-grid-east',
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'not-a-resident' })
  })

  it('a person who does not live in the street is not found among its residents', async () => {
    const r = await seedEmbedding()
    await r.must(CLERK, 'registerPerson', {
      person: 'p-cadre',
      name: 'District cadre',
      household: { status: 'registered' },
      home: null,
    })
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'discoverMember', {
        person: 'p-cadre',
        organisation: 'o-grid-east',
        found: 'pocket',
        homeOrganisation: null,
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'not-a-resident' })
  })

  it('a member reports to an organisation of that community', async () => {
    const r = await seedEmbedding()
    await r.must('p-zhou', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: 'o-grid-west',
        name: 'West Grid Branch',
        seat: place('grid', 'g-west'),
        parent: 'o-street',
        branch: { kind: 'grid' },
      },
      among: 'the residents of West grid',
    })
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-m1', 'reportToCommunity', {
        member: 'p-m1',
        community: 'c-east',
        organisation: 'o-grid-west',
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'report-to-community' })
    // The street committee contains the community, so reporting to it is reporting there.
    await r.must('p-m1', 'reportToCommunity', {
      member: 'p-m1',
      community: 'c-east',
      organisation: 'o-street',
    })
    expect(memberOf(await r.state(), 'p-m1')?.organisation).toBe('o-street')
  })

  it('members belong to an active party organisation', async () => {
    const r = await seedEmbedding()
    await registerSocialOrganisation(r)
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-m1', 'reportToCommunity', {
          member: 'p-m1',
          community: 'c-east',
          organisation: 'o-so',
        }),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'party-organisation' })
    await r.must('p-east-sec', 'dissolveOrganisation', {
      organisation: 'o-grid-east',
      reason: 'Merged',
    })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-east-sec', 'discoverMember', {
          person: 'p-m1',
          organisation: 'o-grid-east',
          found: 'hidden',
          homeOrganisation: null,
        }),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'party-organisation' })
  })

  it('only the secretary of the finding organisation (or above) records a member', async () => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-east-clerk', 'discoverMember', {
        person: 'p-m1',
        organisation: 'o-grid-east',
        found: 'hidden',
        homeOrganisation: null,
      }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      missingRole: ['secretary@organisation:o-grid-east'],
    })
    await r.must('p-zhou', 'discoverMember', {
      person: 'p-m1',
      organisation: 'o-grid-east',
      found: 'hidden',
      homeOrganisation: null,
    })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-m2', 'contactMember', { member: 'p-m1' })),
    ).toMatchObject({ code: 'Forbidden', missingRole: ['secretary@organisation:o-grid-east'] })
  })
})

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

  it('a pioneer post is a duty held at a place of the member’s community', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-post', 'p-m1', pioneerPost)
    const s = await r.state()
    expect(lookup(s.duties, DutyId.make('d-post'))).toMatchObject({
      member: 'p-m1',
      organisation: 'o-grid-east',
      spec: pioneerPost,
      status: 'held',
      until: null,
    })
    expect(memberOf(s, 'p-m1')?.duties).toEqual(['d-post'])
    expect(responsibilityCards(s)).toEqual([])
  })

  it('a member leads households of their community, one member to a household', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await reportIn(r, 'p-m2')
    await assign(r, 'd-households', 'p-m1', households('p-h1', 'p-h2'))
    expect(householdsLed(await r.state())).toEqual([
      { member: 'p-m1', households: ['p-h1', 'p-h2'] },
    ])
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'assignDuty', {
        duty: 'd-h1-again',
        member: 'p-m2',
        spec: households('p-h1'),
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'household-already-led' })
  })

  it('one list cannot name a household twice', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'assignDuty', {
        duty: 'd-households',
        member: 'p-m1',
        spec: households('p-h1', 'p-h1'),
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'household-already-led' })
    expect(householdsLed(await r.state())).toEqual([])
  })

  it('a member does not lead their own household', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'assignDuty', {
        duty: 'd-households',
        member: 'p-m1',
        spec: households('p-h1', 'p-m1'),
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'household-self' })
  })

  it('duties lie inside the member’s community', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    const refused = (duty: string, spec: object) =>
      refusedWithoutTrace(r, () => r.send('p-li', 'assignDuty', { duty, member: 'p-m1', spec }))
    expect(await refused('d-west', sanitation({ place: place('grid', 'g-west') }))).toMatchObject({
      code: 'RuleViolation',
      rule: 'duty-place',
    })
    expect(await refused('d-street', sanitation({ place: place('street', STREET) }))).toMatchObject(
      { code: 'RuleViolation', rule: 'duty-place' },
    )
    expect(await refused('d-west-household', households('p-w1'))).toMatchObject({
      code: 'RuleViolation',
      rule: 'duty-place',
    })
    expect(
      await refused('d-nowhere', sanitation({ place: place('grid', 'g-none') })),
    ).toMatchObject({ code: 'NotFound', entity: 'grid', id: 'g-none' })
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('reported')
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

  it('a duty id is given once', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-1', 'p-m1', sanitation())
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-li', 'assignDuty', { duty: 'd-1', member: 'p-m1', spec: pioneerPost }),
      ),
    ).toMatchObject({ code: 'AlreadyExists', entity: 'duty', id: 'd-1' })
  })

  it('only the secretary of the member’s organisation, or one above, gives and ends duties', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-m2', 'assignDuty', { duty: 'd-1', member: 'p-m1', spec: sanitation() }),
      ),
    ).toMatchObject({
      code: 'Forbidden',
      actor: 'p-m2',
      missingRole: ['secretary@organisation:o-grid-east'],
    })
    await assign(r, 'd-1', 'p-m1', sanitation(), 'p-east-sec')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-east-clerk', 'endDuty', { duty: 'd-1', reason: 'Done' }),
      ),
    ).toMatchObject({ code: 'Forbidden', missingRole: ['secretary@organisation:o-grid-east'] })
    await r.must('p-zhou', 'endDuty', { duty: 'd-1', reason: 'Done' })
    expect(lookup((await r.state()).duties, DutyId.make('d-1'))?.status).toBe('ended')
  })

  it('ending the last duty of an assigned member returns them to reported', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-1', 'p-m1', sanitation())
    await assign(r, 'd-2', 'p-m1', pioneerPost)
    await r.must('p-li', 'endDuty', { duty: 'd-1', reason: 'Area merged' })
    expect(memberOf(await r.state(), 'p-m1')).toMatchObject({ status: 'assigned', duties: ['d-2'] })
    await r.must('p-li', 'endDuty', { duty: 'd-2', reason: 'Post closed' })
    const s = await r.state()
    expect(memberOf(s, 'p-m1')).toMatchObject({ status: 'reported', duties: [] })
    expect(lookup(s.duties, DutyId.make('d-2'))).toMatchObject({ status: 'ended' })
    expect(lookup(s.duties, DutyId.make('d-2'))?.until).not.toBeNull()
  })

  it('an active member stays active when their last duty ends', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-1', 'p-m1', sanitation())
    await r.must('p-li', 'recordMemberAct', { member: 'p-m1', act: 'served', occasion: 'Cleanup' })
    await r.must('p-li', 'endDuty', { duty: 'd-1', reason: 'Area merged' })
    expect(memberOf(await r.state(), 'p-m1')).toMatchObject({ status: 'active', duties: [] })
  })

  it('a duty ends once', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-1', 'p-m1', sanitation())
    await r.must('p-li', 'endDuty', { duty: 'd-1', reason: 'Done' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-li', 'endDuty', { duty: 'd-1', reason: 'Again' }),
      ),
    ).toMatchObject({ code: 'IllegalTransition', machine: 'duty', state: 'ended' })
  })

  it('attending does not make an assigned member active; speaking does', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-1', 'p-m1', sanitation())
    await r.must('p-li', 'recordMemberAct', {
      member: 'p-m1',
      act: 'attended',
      occasion: 'Grid meeting',
    })
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('assigned')
    await r.must('p-li', 'recordMemberAct', { member: 'p-m1', act: 'spoke', occasion: 'Hearing' })
    const m = memberOf(await r.state(), 'p-m1')
    expect(m?.status).toBe('active')
    expect(m?.acts.map((a) => a.act)).toEqual(['attended', 'spoke'])
  })

  it('a transfer out ends every duty first and frees the households led', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await reportIn(r, 'p-m2')
    await assign(r, 'd-clean', 'p-m1', sanitation())
    await assign(r, 'd-households', 'p-m1', households('p-h1'))
    const transferred = await r.must('p-li', 'transferMemberOut', {
      member: 'p-m1',
      destination: 'Wuhan',
    })
    expect(
      transferred.events.map((e) => [e.event.type, 'status' in e.event ? e.event.status : null]),
    ).toEqual([
      ['dutyEnded', 'assigned'],
      ['dutyEnded', 'reported'],
      ['memberTransferredOut', 'transferred-out'],
    ])
    const s = await r.state()
    expect(memberOf(s, 'p-m1')).toMatchObject({ status: 'transferred-out', duties: [] })
    expect(lookup(s.duties, DutyId.make('d-clean'))?.status).toBe('ended')
    expect(responsibilityCards(s)).toEqual([])
    expect(householdsLed(s)).toEqual([])
    // The household is free for another member.
    await assign(r, 'd-households-2', 'p-m2', households('p-h1'))
  })

  it('a lapse ends every duty first too', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-clean', 'p-m1', sanitation())
    await r.must('p-li', 'recordMemberAct', { member: 'p-m1', act: 'chaired', occasion: 'Hearing' })
    const lapsed = await r.must('p-li', 'lapseMember', {
      member: 'p-m1',
      reason: 'Left the party',
    })
    expect(typesOf(lapsed)).toEqual(['dutyEnded', 'memberLapsed'])
    const s = await r.state()
    expect(memberOf(s, 'p-m1')).toMatchObject({ status: 'lapsed', duties: [] })
    expect(lookup(s.duties, DutyId.make('d-clean'))?.status).toBe('ended')
  })

  it('a member who leaves the street is transferred out with the departure', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-clean', 'p-m1', sanitation())
    const departed = await r.must(CLERK, 'recordDeparture', {
      person: 'p-m1',
      destination: 'Honghu, Hubei',
    })
    expect(typesOf(departed)).toEqual(['residentDeparted', 'dutyEnded', 'memberTransferredOut'])
    const s = await r.state()
    expect(memberOf(s, 'p-m1')).toMatchObject({ status: 'transferred-out', duties: [] })
    expect(lookup(s.registry.persons, person('p-m1'))?.home).toBeNull()
    expect(responsibilityCards(s)).toEqual([])
  })

  it('a candidate who leaves the street is dropped with the departure', async () => {
    const r = await seedEmbedding()
    await r.must('p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' })
    const departed = await r.must(CLERK, 'recordDeparture', {
      person: 'p-h2',
      destination: 'Shenzhen',
    })
    expect(typesOf(departed)).toEqual(['residentDeparted', 'candidateDropped'])
    expect(candidateOf(await r.state(), 'p-h2')?.stage).toBe('dropped')
    expect(candidatesInDevelopment(await r.state())).toEqual([])
  })

  it('a resident who is neither member nor candidate just leaves', async () => {
    const r = await seedEmbedding()
    const departed = await r.must(CLERK, 'recordDeparture', {
      person: 'p-h1',
      destination: 'Shenzhen',
    })
    expect(typesOf(departed)).toEqual(['residentDeparted'])
  })
})

// ---------------------------------------------------------------------------------------------
// Absorbing elites

describe('absorbing elites 吸纳: activist → applicant → probationary → full member', () => {
  const ADMITTED = '2024-05-01T10:00:00+08:00'

  /** `p-h2` developed by the East grid branch up to probationary, admitted at {@link ADMITTED}. */
  const probationary = async () => {
    const r = await seedEmbedding()
    await mustAt(r, '2023-03-01T10:00:00+08:00', 'p-li', 'recogniseActivist', {
      person: 'p-h2',
      organisation: 'o-grid-east',
    })
    await mustAt(r, '2023-09-01T10:00:00+08:00', 'p-li', 'acceptApplication', { person: 'p-h2' })
    await mustAt(r, ADMITTED, 'p-li', 'admitProbationary', { person: 'p-h2' })
    return r
  }

  it('each step is dated in the candidate’s record', async () => {
    const r = await probationary()
    const candidate = candidateOf(await r.state(), 'p-h2')
    expect(candidate?.stage).toBe('probationary')
    expect(candidate?.steps.map((st) => [st.to, st.at])).toEqual([
      ['activist', '2023-03-01T10:00:00+08:00'],
      ['applicant', '2023-09-01T10:00:00+08:00'],
      ['probationary', ADMITTED],
    ])
    expect(candidatesInDevelopment(await r.state())).toEqual([
      { person: 'p-h2', stage: 'probationary', organisation: 'o-grid-east', since: ADMITTED },
    ])
  })

  it('no step is skipped', async () => {
    const r = await seedEmbedding()
    await r.must('p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-li', 'admitProbationary', { person: 'p-h2' })),
    ).toMatchObject({
      code: 'IllegalTransition',
      machine: 'development',
      state: 'activist',
      command: 'admitProbationary',
    })
    await r.must('p-li', 'acceptApplication', { person: 'p-h2' })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-li', 'confirmFullMember', { person: 'p-h2' })),
    ).toMatchObject({
      code: 'IllegalTransition',
      machine: 'development',
      state: 'applicant',
      command: 'confirmFullMember',
    })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-li', 'acceptApplication', { person: 'p-h2' })),
    ).toMatchObject({ code: 'IllegalTransition', machine: 'development', state: 'applicant' })
    expect(candidateOf(await r.state(), 'p-h2')?.stage).toBe('applicant')
  })

  it('a person never recognised as an activist is not a candidate', async () => {
    const r = await seedEmbedding()
    expect(
      await refusedWithoutTrace(r, () => r.send('p-li', 'acceptApplication', { person: 'p-h2' })),
    ).toMatchObject({ code: 'NotFound', entity: 'candidate', id: 'p-h2' })
  })

  it('confirmation 364 days after admission is too early', async () => {
    const r = await probationary()
    const error = await refusedWithoutTrace(r, () =>
      sendAt(r, '2025-04-30T10:00:00+08:00', 'p-li', 'confirmFullMember', { person: 'p-h2' }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'probation-year-served' })
    const s = await r.state()
    expect(candidateOf(s, 'p-h2')?.stage).toBe('probationary')
    expect(memberOf(s, 'p-h2')).toBeUndefined()
  })

  it('one second short of the calendar year is still too early', async () => {
    const r = await probationary()
    expect(
      refusal(
        await sendAt(r, '2025-05-01T09:59:59+08:00', 'p-li', 'confirmFullMember', {
          person: 'p-h2',
        }),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'probation-year-served' })
  })

  it('exactly one calendar year later, the full member enters the member lifecycle as reported', async () => {
    const r = await probationary()
    const confirmedAt = '2025-05-01T10:00:00+08:00'
    const confirmed = await mustAt(r, confirmedAt, 'p-li', 'confirmFullMember', { person: 'p-h2' })
    expect(typesOf(confirmed)).toEqual(['fullMemberConfirmed'])
    const s = await r.state()
    expect(candidateOf(s, 'p-h2')?.stage).toBe('full')
    expect(memberOf(s, 'p-h2')).toMatchObject({
      status: 'reported',
      organisation: 'o-grid-east',
      community: 'c-east',
      reportedAt: confirmedAt,
      found: null,
    })
    expect(candidatesInDevelopment(s)).toEqual([])
    // As a member, they take duties like any other.
    await r.must('p-li', 'assignDuty', { duty: 'd-h2', member: 'p-h2', spec: pioneerPost })
    expect(memberOf(await r.state(), 'p-h2')?.status).toBe('assigned')
  })

  it('the same instant written in another zone counts the same', async () => {
    const r = await probationary()
    await mustAt(r, '2025-05-01T02:00:00Z', 'p-li', 'confirmFullMember', { person: 'p-h2' })
    expect(candidateOf(await r.state(), 'p-h2')?.stage).toBe('full')
  })

  it('a member is not developed again', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'recogniseActivist', { person: 'p-m1', organisation: 'o-grid-east' }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'already-a-member' })
    expect(candidateOf(await r.state(), 'p-m1')).toBeUndefined()
  })

  it('a candidate is not recorded as a found member', async () => {
    const r = await seedEmbedding()
    await r.must('p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' })
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-li', 'discoverMember', {
        person: 'p-h2',
        organisation: 'o-grid-east',
        found: 'hidden',
        homeOrganisation: null,
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'already-a-candidate' })
    expect(memberOf(await r.state(), 'p-h2')).toBeUndefined()
  })

  it('a candidate cannot report to the community as a party member', async () => {
    const r = await seedEmbedding()
    await r.must('p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' })
    const error = refusal(
      await r.send('p-h2', 'reportToCommunity', {
        member: 'p-h2',
        community: 'c-east',
        organisation: 'o-grid-east',
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'already-a-candidate' })
  })

  it('a candidate is dropped at any stage before full membership, and the record stays', async () => {
    const r = await probationary()
    const dropped = await r.must('p-li', 'dropCandidate', {
      person: 'p-h2',
      reason: 'Withdrew the application',
    })
    expect(typesOf(dropped)).toEqual(['candidateDropped'])
    const candidate = candidateOf(await r.state(), 'p-h2')
    expect(candidate?.stage).toBe('dropped')
    expect(candidate?.steps.map((st) => st.to)).toEqual([
      'activist',
      'applicant',
      'probationary',
      'dropped',
    ])
    expect(candidatesInDevelopment(await r.state())).toEqual([])
    expect(
      await refusedWithoutTrace(r, () =>
        sendAt(r, '2025-06-01T10:00:00+08:00', 'p-li', 'confirmFullMember', { person: 'p-h2' }),
      ),
    ).toMatchObject({ code: 'IllegalTransition', machine: 'development', state: 'dropped' })
  })

  it('a full member is no longer a candidate to drop', async () => {
    const r = await probationary()
    await mustAt(r, '2025-05-01T10:00:00+08:00', 'p-li', 'confirmFullMember', { person: 'p-h2' })
    expect(
      await refusedWithoutTrace(r, () =>
        sendAt(r, '2025-05-02T10:00:00+08:00', 'p-li', 'dropCandidate', {
          person: 'p-h2',
          reason: 'x',
        }),
      ),
    ).toMatchObject({ code: 'IllegalTransition', machine: 'development', state: 'full' })
  })

  it('only the secretary of the developing branch (or above) moves a candidate on', async () => {
    const r = await seedEmbedding()
    await r.must('p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-m1', 'acceptApplication', { person: 'p-h2' })),
    ).toMatchObject({ code: 'Forbidden', missingRole: ['secretary@organisation:o-grid-east'] })
    await r.must('p-east-sec', 'acceptApplication', { person: 'p-h2' })
    expect(candidateOf(await r.state(), 'p-h2')?.stage).toBe('applicant')
  })
})

// ---------------------------------------------------------------------------------------------
// Commendation

describe('commendation 表彰', () => {
  const commend = (r: Embedding, who: string, year: number, title = 'Excellent Party Member') =>
    r.send('p-li', 'commend', {
      person: who,
      year,
      title,
      reason: 'Led the households of Entrance A through the flood',
    })

  it('a member and an activist are commended, each with the reason', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await r.must('p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' })
    expect(E.isRight(await commend(r, 'p-m1', 2024))).toBe(true)
    expect(E.isRight(await commend(r, 'p-h2', 2024, 'Outstanding Activist'))).toBe(true)
    const s = await r.state()
    expect(commendationsOf(s, 2024)).toMatchObject([
      {
        person: 'p-m1',
        year: 2024,
        title: 'Excellent Party Member',
        reason: 'Led the households of Entrance A through the flood',
        organisation: 'o-grid-east',
      },
      { person: 'p-h2', title: 'Outstanding Activist', organisation: 'o-grid-east' },
    ])
    expect(commendationsOf(s, 2023)).toEqual([])
  })

  it('someone who is neither an enrolled member nor an activist is not commended', async () => {
    const r = await seedEmbedding()
    await discover(r, 'p-m1')
    await reportIn(r, 'p-m2')
    await r.must('p-li', 'transferMemberOut', { member: 'p-m2', destination: 'Wuhan' })
    for (const who of ['p-h1', 'p-m1', 'p-m2'])
      expect(await refusedWithoutTrace(r, () => commend(r, who, 2024))).toMatchObject({
        code: 'RuleViolation',
        rule: 'member-or-activist',
      })
    expect((await r.state()).commendations).toEqual([])
  })

  it('a commendation is for this year or the last', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    for (const year of [2022, 2025])
      expect(await refusedWithoutTrace(r, () => commend(r, 'p-m1', year))).toMatchObject({
        code: 'RuleViolation',
        rule: 'commendation-year',
      })
    expect(E.isRight(await commend(r, 'p-m1', 2023))).toBe(true)
    expect(commendationsOf(await r.state(), 2023)).toHaveLength(1)
  })

  it('the same title for the same person and year is given once', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await commend(r, 'p-m1', 2024)
    expect(await refusedWithoutTrace(r, () => commend(r, 'p-m1', 2024))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'commendation',
    })
    // Another title, or another year, is another commendation.
    expect(E.isRight(await commend(r, 'p-m1', 2024, 'Model Volunteer'))).toBe(true)
    expect(E.isRight(await commend(r, 'p-m1', 2023))).toBe(true)
    expect((await r.state()).commendations).toHaveLength(3)
  })

  it('only the secretary of their organisation (or above) commends', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-m2', 'commend', {
        person: 'p-m1',
        year: 2024,
        title: 'Excellent Party Member',
        reason: 'Friend',
      }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      missingRole: ['secretary@organisation:o-grid-east'],
    })
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
