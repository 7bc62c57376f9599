import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  AssignmentId,
  CommunityId,
  CompoundId,
  DutyId,
  EntranceId,
  GridId,
  lookup,
  OrganisationId,
  PersonId,
  StreetId,
  type DomainError,
  type Handled,
} from '../../src/core/index.js'
import { holdsRole, type PlaceRef } from '../../src/community/index.js'
import {
  candidatesInDevelopment,
  commendationsOf,
  coverage,
  empowerment,
  householdsLed,
  organisationLinks,
  responsibilityCards,
  type EmbeddingEvent,
  type EmbeddingState,
} from '../../src/embedding/index.js'
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

/**
 * `p-li`, secretary of the East grid branch, on record as a member of it: recorded and contacted
 * by East's secretary `p-east-sec` (nobody records themselves), then reported.
 */
const secretaryOnRecord = async () => {
  const r = await seedEmbedding()
  await reportIn(r, 'p-li', 'o-grid-east', 'p-east-sec')
  return r
}

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
   * a member who came forward to it and reported (`p-m2`) and an activist (`p-h2`).
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
    await reportIn(r, 'p-m2', 'o-temp', 'p-m3')
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

  /** The permanent branch a temporary one may become. */
  const jBranch = {
    kind: 'party-branch',
    id: 'o-j-branch',
    name: 'J Community Branch',
    seat: place('community', 'c-east'),
    parent: 'o-east',
    branch: { kind: 'community' },
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
      into: jBranch,
      membersTo: 'o-j-branch',
      reason: 'The branch stays after the epidemic',
    })
    expect(memberOf(await r.state(), 'p-m1')?.organisation).toBe('o-j-branch')
  })

  it('members go only where the converter answers for them: its secretary, or one above', async () => {
    const r = await temporaryBranch()
    // A branch of the street committee in East, which East's secretary does not answer for.
    await r.must('p-zhou', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: 'o-street-east',
        name: 'Street Branch in East',
        seat: place('community', 'c-east'),
        parent: 'o-street',
        branch: { kind: 'community' },
      },
      among: 'the residents of East',
    })
    const convert = (actor: string) =>
      r.send(actor, 'convertBranch', {
        branch: 'o-temp',
        into: jBranch,
        membersTo: 'o-street-east',
        reason: 'Epidemic over',
      })
    // East's secretary may register the new branch and dissolve the old, but not send its
    // people to a branch they do not answer for.
    const error = await refusedWithoutTrace(r, () => convert('p-east-sec'))
    expect(error).toMatchObject({
      code: 'Forbidden',
      actor: 'p-east-sec',
      command: 'convertBranch',
      missingRole: ['secretary@organisation:o-street-east'],
    })
    const before = await r.state()
    expect(organisationIn(before, 'o-temp')?.status).toBe('active')
    expect(organisationIn(before, 'o-j-branch')).toBeUndefined()
    expect(memberOf(before, 'p-m1')?.organisation).toBe('o-temp')
    // The street committee's secretary answers for both.
    expect(E.isRight(await convert('p-zhou'))).toBe(true)
    const after = await r.state()
    expect(organisationIn(after, 'o-temp')?.status).toBe('dissolved')
    expect(memberOf(after, 'p-m1')).toMatchObject({
      organisation: 'o-street-east',
      status: 'discovered',
    })
    expect(memberOf(after, 'p-m2')).toMatchObject({
      organisation: 'o-street-east',
      status: 'reported',
    })
    expect(candidateOf(after, 'p-h2')).toMatchObject({
      organisation: 'o-street-east',
      stage: 'activist',
    })
  })

  it('where members go is checked after the conversion: not the dissolved branch, not nowhere', async () => {
    const r = await temporaryBranch()
    const convert = (membersTo: string) =>
      r.send('p-east-sec', 'convertBranch', {
        branch: 'o-temp',
        into: jBranch,
        membersTo,
        reason: 'Epidemic over',
      })
    expect(await refusedWithoutTrace(r, () => convert('o-temp'))).toMatchObject({
      code: 'RuleViolation',
      rule: 'party-organisation',
    })
    expect(await refusedWithoutTrace(r, () => convert('o-nowhere'))).toMatchObject({
      code: 'NotFound',
      entity: 'organisation',
      id: 'o-nowhere',
    })
    const s = await r.state()
    expect(organisationIn(s, 'o-temp')?.status).toBe('active')
    expect(organisationIn(s, 'o-j-branch')).toBeUndefined()
    expect(memberOf(s, 'p-m2')?.organisation).toBe('o-temp')
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

  it('authority comes first: someone without it learns nothing of the members', async () => {
    const r = await seedEmbedding()
    await discover(r, 'p-m1')
    // A member of the branch, and the branch's own secretary, may not dissolve it.
    for (const actor of ['p-m2', 'p-li'])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, 'dissolveOrganisation', { organisation: 'o-grid-east', reason: 'Merged' }),
        ),
      ).toMatchObject({
        code: 'Forbidden',
        actor,
        command: 'dissolveOrganisation',
        missingRole: ['secretary@organisation:o-east'],
      })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-east-sec', 'dissolveOrganisation', { organisation: 'o-nowhere', reason: 'x' }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'organisation', id: 'o-nowhere' })
    expect(organisationIn(await r.state(), 'o-grid-east')?.status).toBe('active')
  })

  it('the registry’s own rules come first too: a branch with a group under it is refused for that', async () => {
    const r = await seedEmbedding()
    await discover(r, 'p-m1')
    await r.must('p-li', 'foundBranch', {
      organisation: {
        kind: 'party-group',
        id: 'o-group',
        name: 'Entrance A Group',
        seat: place('entrance', 'e-east'),
        parent: 'o-grid-east',
      },
      among: 'the members living at Entrance A',
    })
    expect(await refusedWithoutTrace(r, () => dissolveGridBranch(r))).toMatchObject({
      code: 'RuleViolation',
      rule: 'no-active-sub-organisations',
    })
    await r.must('p-li', 'dissolveOrganisation', { organisation: 'o-group', reason: 'Merged' })
    // With the group gone, the members are what still holds the branch.
    expect(await refusedWithoutTrace(r, () => dissolveGridBranch(r))).toMatchObject({
      code: 'RuleViolation',
      rule: 'members-enrolled',
    })
    expect(organisationIn(await r.state(), 'o-grid-east')?.status).toBe('active')
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

  it('an in-service member comes forward, is contacted, then reports', async () => {
    const r = await seedEmbedding()
    const recorded = await r.must('p-li', 'discoverMember', {
      person: 'p-m3',
      organisation: 'o-grid-east',
      found: 'came-forward',
      homeOrganisation: 'District Tax Bureau Branch',
    })
    expect(typesOf(recorded)).toEqual(['memberDiscovered'])
    expect(memberOf(await r.state(), 'p-m3')).toMatchObject({
      status: 'discovered',
      found: 'came-forward',
      homeOrganisation: 'District Tax Bureau Branch',
      organisation: 'o-grid-east',
      community: null,
      reportedAt: null,
    })
    await r.must('p-li', 'contactMember', { member: 'p-m3' })
    expect(memberOf(await r.state(), 'p-m3')?.status).toBe('contacted')
    expect(empowerment(await r.state()).membersReported).toBe(0)
    const reported = await r.must('p-m3', 'reportToCommunity', {
      member: 'p-m3',
      community: 'c-east',
      organisation: 'o-grid-east',
    })
    expect(typesOf(reported)).toEqual(['memberReported'])
    const s = await r.state()
    expect(memberOf(s, 'p-m3')).toMatchObject({
      status: 'reported',
      found: 'came-forward',
      homeOrganisation: 'District Tax Bureau Branch',
      organisation: 'o-grid-east',
      community: 'c-east',
      reportedAt: reported.events[0]?.event.at,
    })
    expect(memberOf(s, 'p-m3')?.steps.map((st) => [st.to, st.on])).toEqual([
      ['discovered', 'memberDiscovered'],
      ['contacted', 'memberContacted'],
      ['reported', 'memberReported'],
    ])
    expect(empowerment(s).membersReported).toBe(1)
  })

  it('a report may correct where the relationship is registered', async () => {
    const r = await seedEmbedding()
    await comeForward(r, 'p-m3')
    await r.must('p-m3', 'reportToCommunity', {
      member: 'p-m3',
      community: 'c-east',
      organisation: 'o-grid-east',
      homeOrganisation: 'District Education Bureau Branch',
    })
    expect(memberOf(await r.state(), 'p-m3')).toMatchObject({
      status: 'reported',
      found: 'came-forward',
      homeOrganisation: 'District Education Bureau Branch',
    })
  })

  it('a person with no record cannot report: every member is recorded by a secretary first', async () => {
    const r = await seedEmbedding()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-m3', 'reportToCommunity', {
        member: 'p-m3',
        community: 'c-east',
        organisation: 'o-grid-east',
        homeOrganisation: 'District Tax Bureau Branch',
      }),
    )
    expect(error).toMatchObject({
      code: 'IllegalTransition',
      machine: 'member',
      state: 'unrecorded',
      command: 'reportToCommunity',
    })
    const s = await r.state()
    expect(memberOf(s, 'p-m3')).toBeUndefined()
    expect(empowerment(s).membersReported).toBe(0)
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
    // Refused for the place, not the record: once recorded, the West branch is still refused.
    await comeForward(r, 'p-m1')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-m1', 'reportToCommunity', {
          member: 'p-m1',
          community: 'c-east',
          organisation: 'o-grid-west',
        }),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'report-to-community' })
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('contacted')
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

describe('member embedding: organisations record members where they work (outside-organisation)', () => {
  const westGridBranch = async (r: Embedding) =>
    r.must('p-zhou', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: 'o-grid-west',
        name: 'West Grid Branch',
        seat: place('grid', 'g-west'),
        parent: 'o-street',
        branch: { kind: 'grid' },
      },
      among: 'the residents of West grid',
      secretary: { person: 'p-chen', assignment: 'as-chen-west' },
    })
  const record = (r: Embedding, actor: string, who: string, organisationId: string) =>
    r.send(actor, 'discoverMember', {
      person: who,
      organisation: organisationId,
      found: 'hidden',
      homeOrganisation: null,
    })

  it('a West branch cannot claim an East resident, nor an East branch a West one', async () => {
    const r = await seedEmbedding()
    await westGridBranch(r)
    for (const [actor, who, by] of [
      ['p-chen', 'p-m1', 'o-grid-west'],
      ['p-li', 'p-w1', 'o-grid-east'],
      // Not even the street committee's secretary, who answers for both branches.
      ['p-zhou', 'p-m1', 'o-grid-west'],
    ] as const)
      expect(await refusedWithoutTrace(r, () => record(r, actor, who, by))).toMatchObject({
        code: 'RuleViolation',
        rule: 'outside-organisation',
      })
    const s = await r.state()
    expect(memberOf(s, 'p-m1')).toBeUndefined()
    expect(memberOf(s, 'p-w1')).toBeUndefined()
    await r.must('p-chen', 'discoverMember', {
      person: 'p-w1',
      organisation: 'o-grid-west',
      found: 'came-forward',
      homeOrganisation: null,
    })
    expect(memberOf(await r.state(), 'p-w1')).toMatchObject({
      status: 'discovered',
      organisation: 'o-grid-west',
    })
  })

  it('a home and a seat that overlap either way will do', async () => {
    const r = await seedEmbedding()
    // The street committee works in the whole street.
    expect(E.isRight(await record(r, 'p-zhou', 'p-w1', 'o-street'))).toBe(true)
    // A resident registered at the community lives around the grid branch's grid.
    expect(E.isRight(await record(r, 'p-li', 'p-east-sec', 'o-grid-east'))).toBe(true)
    // A resident of an entrance lives inside the grid.
    expect(E.isRight(await record(r, 'p-li', 'p-m3', 'o-grid-east'))).toBe(true)
    const s = await r.state()
    expect(memberOf(s, 'p-w1')).toMatchObject({ status: 'discovered', organisation: 'o-street' })
    expect(memberOf(s, 'p-east-sec')?.organisation).toBe('o-grid-east')
    expect(memberOf(s, 'p-m3')?.organisation).toBe('o-grid-east')
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

describe('member embedding: moving inside the street', () => {
  it('a member who moves to another community leaves their duties and must report there again', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-clean', 'p-m1', sanitation())
    const moved = await r.must(CLERK, 'moveResident', {
      person: 'p-m1',
      to: place('grid', 'g-west'),
    })
    expect(typesOf(moved)).toEqual(['residentMoved', 'dutyEnded', 'memberLeftCommunity'])
    const s = await r.state()
    expect(memberOf(s, 'p-m1')).toMatchObject({
      status: 'contacted',
      community: null,
      reportedAt: null,
      duties: [],
    })
    expect(responsibilityCards(s)).toEqual([])
    // East no longer counts them; they report to West's organisation (the street committee here).
    await r.must('p-m1', 'reportToCommunity', {
      member: 'p-m1',
      community: 'c-west',
      organisation: 'o-street',
    })
    expect(memberOf(await r.state(), 'p-m1')).toMatchObject({
      status: 'reported',
      community: 'c-west',
      organisation: 'o-street',
    })
  })

  it('a member who moves within their community keeps everything', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-clean', 'p-m1', sanitation())
    const moved = await r.must(CLERK, 'moveResident', {
      person: 'p-m1',
      to: place('entrance', 'e-east'),
    })
    expect(typesOf(moved)).toEqual(['residentMoved'])
    expect(memberOf(await r.state(), 'p-m1')).toMatchObject({
      status: 'assigned',
      community: 'c-east',
      duties: ['d-clean'],
    })
  })

  it('a household that moves out of its member’s community, or leaves the street, is no longer led', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    await assign(r, 'd-lead-1', 'p-m1', households('p-h1'))
    await assign(r, 'd-lead-2', 'p-m1', households('p-h2'))
    const moved = await r.must(CLERK, 'moveResident', {
      person: 'p-h1',
      to: place('grid', 'g-west'),
    })
    expect(typesOf(moved)).toEqual(['residentMoved', 'dutyEnded'])
    expect(householdsLed(await r.state())).toEqual([{ member: 'p-m1', households: ['p-h2'] }])
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('assigned')
    const departed = await r.must(CLERK, 'recordDeparture', {
      person: 'p-h2',
      destination: 'Shenzhen',
    })
    expect(typesOf(departed)).toEqual(['residentDeparted', 'dutyEnded'])
    const s = await r.state()
    expect(householdsLed(s)).toEqual([])
    // The last duty ended before any act: the member is reported again, free to take new ones.
    expect(memberOf(s, 'p-m1')).toMatchObject({ status: 'reported', duties: [] })
    await assign(r, 'd-lead-3', 'p-m1', households('p-m2'))
  })
})

describe('member embedding: leaving ends the member’s posts over party organisations', () => {
  it('a secretary who lapses loses the party post, and with it the authority; other posts stay', async () => {
    const r = await secretaryOnRecord()
    await registerSocialOrganisation(r)
    await r.must(CLERK, 'appointRole', {
      assignment: 'as-li-director',
      person: 'p-li',
      role: 'director',
      scope: org('o-so'),
    })
    await discover(r, 'p-m1')
    expect(organisationLinks(await r.state())).toEqual([
      {
        person: 'p-li',
        personName: 'Li Na',
        between: [
          { organisation: 'o-grid-east', name: 'East Grid Branch', roles: ['secretary'] },
          { organisation: 'o-so', name: 'Fusion Social Work Centre', roles: ['director'] },
        ],
      },
    ])
    const lapsed = await r.must('p-east-sec', 'lapseMember', {
      member: 'p-li',
      reason: 'Left the party',
    })
    expect(typesOf(lapsed)).toEqual(['roleEnded', 'memberLapsed'])
    expect(lapsed.events[0]?.event).toMatchObject({ type: 'roleEnded', assignment: 'as-li-grid' })
    const s = await r.state()
    expect(memberOf(s, 'p-li')?.status).toBe('lapsed')
    expect(isSecretary(s, 'p-li', 'o-grid-east')).toBe(false)
    expect(
      holdsRole(s.registry, person('p-li'), 'director', {
        level: 'organisation',
        id: organisation('o-so'),
      }),
    ).toBe(true)
    expect(organisationLinks(s)).toEqual([])
    // The former secretary no longer acts for the branch.
    expect(
      await refusedWithoutTrace(r, () => r.send('p-li', 'contactMember', { member: 'p-m1' })),
    ).toMatchObject({
      code: 'Forbidden',
      actor: 'p-li',
      missingRole: ['secretary@organisation:o-grid-east'],
    })
    expect(memberOf(await r.state(), 'p-m1')?.status).toBe('discovered')
  })

  it('a transfer out ends the duties first, then every post over a party organisation', async () => {
    const r = await secretaryOnRecord()
    await r.must('p-zhou', 'sendFirstSecretary', {
      organisation: 'o-east',
      person: 'p-li',
      assignment: 'as-li-first',
      sentBy: 'District Tax Bureau',
    })
    await assign(r, 'd-li', 'p-li', sanitation(), 'p-east-sec')
    const transferred = await r.must('p-east-sec', 'transferMemberOut', {
      member: 'p-li',
      destination: 'Wuhan',
    })
    expect(
      transferred.events.map((e) => [
        e.event.type,
        'assignment' in e.event ? e.event.assignment : 'status' in e.event ? e.event.status : null,
      ]),
    ).toEqual([
      ['dutyEnded', 'reported'],
      ['roleEnded', 'as-li-grid'],
      ['roleEnded', 'as-li-first'],
      ['memberTransferredOut', 'transferred-out'],
    ])
    const s = await r.state()
    expect(memberOf(s, 'p-li')).toMatchObject({ status: 'transferred-out', duties: [] })
    expect(isSecretary(s, 'p-li', 'o-grid-east')).toBe(false)
    expect(
      holdsRole(s.registry, person('p-li'), 'first-secretary', {
        level: 'organisation',
        id: organisation('o-east'),
      }),
    ).toBe(false)
    expect(empowerment(s).firstSecretaries).toEqual([])
    // The branch's post is free for a successor.
    await r.must('p-east-sec', 'appointRole', {
      assignment: 'as-m1-grid',
      person: 'p-m1',
      role: 'secretary',
      scope: org('o-grid-east'),
    })
    expect(isSecretary(await r.state(), 'p-m1', 'o-grid-east')).toBe(true)
  })

  it('a departure ends the posts once, in the registry, and transfers the member out', async () => {
    const r = await secretaryOnRecord()
    const departed = await r.must(CLERK, 'recordDeparture', {
      person: 'p-li',
      destination: 'Shenzhen',
    })
    expect(typesOf(departed)).toEqual(['residentDeparted', 'roleEnded', 'memberTransferredOut'])
    expect(departed.events[1]?.event).toMatchObject({ type: 'roleEnded', assignment: 'as-li-grid' })
    const s = await r.state()
    expect(memberOf(s, 'p-li')?.status).toBe('transferred-out')
    expect(isSecretary(s, 'p-li', 'o-grid-east')).toBe(false)
  })
})

describe('nobody acts on their own record (own-record)', () => {
  it('a secretary does not record or contact themselves; the secretary above does', async () => {
    const r = await seedEmbedding()
    const self = {
      person: 'p-li',
      organisation: 'o-grid-east',
      found: 'came-forward',
      homeOrganisation: null,
    }
    expect(
      await refusedWithoutTrace(r, () => r.send('p-li', 'discoverMember', self)),
    ).toMatchObject({ code: 'RuleViolation', rule: 'own-record' })
    expect(memberOf(await r.state(), 'p-li')).toBeUndefined()
    await r.must('p-east-sec', 'discoverMember', self)
    expect(
      await refusedWithoutTrace(r, () => r.send('p-li', 'contactMember', { member: 'p-li' })),
    ).toMatchObject({ code: 'RuleViolation', rule: 'own-record' })
    expect(memberOf(await r.state(), 'p-li')?.status).toBe('discovered')
    await r.must('p-east-sec', 'contactMember', { member: 'p-li' })
    // Reporting stays the member's own act.
    await r.must('p-li', 'reportToCommunity', {
      member: 'p-li',
      community: 'c-east',
      organisation: 'o-grid-east',
    })
    expect(memberOf(await r.state(), 'p-li')?.status).toBe('reported')
  })

  const onOwnRecord: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ['assignDuty', { duty: 'd-2', member: 'p-li', spec: pioneerPost }],
    ['endDuty', { duty: 'd-li', reason: 'Done' }],
    ['recordMemberAct', { member: 'p-li', act: 'spoke', occasion: 'Grid meeting' }],
    ['transferMemberOut', { member: 'p-li', destination: 'Wuhan' }],
    ['lapseMember', { member: 'p-li', reason: 'Tired' }],
    ['commend', { person: 'p-li', year: 2024, title: 'Excellent Party Member', reason: 'Self' }],
  ]

  it.each(onOwnRecord)(
    'a secretary cannot %s on their own record; the secretary above can',
    async (type, payload) => {
      const r = await secretaryOnRecord()
      await assign(r, 'd-li', 'p-li', sanitation(), 'p-east-sec')
      const error = await refusedWithoutTrace(r, () => r.send('p-li', type, payload))
      expect(error).toMatchObject({ code: 'RuleViolation', rule: 'own-record' })
      const s = await r.state()
      expect(memberOf(s, 'p-li')).toMatchObject({ status: 'assigned', duties: ['d-li'], acts: [] })
      expect(lookup(s.duties, DutyId.make('d-li'))?.status).toBe('held')
      expect(isSecretary(s, 'p-li', 'o-grid-east')).toBe(true)
      expect(s.commendations).toEqual([])
      expect(E.isRight(await r.send('p-east-sec', type, payload))).toBe(true)
    },
  )

  it('a secretary is not developed by themselves, at any step', async () => {
    // Seeded early in 2023, so that the development dated from March 2023 comes after the seed.
    const r = await seedEmbedding(EARLY_2023)
    const activist = { person: 'p-li', organisation: 'o-grid-east' }
    expect(
      await refusedWithoutTrace(r, () => r.send('p-li', 'recogniseActivist', activist)),
    ).toMatchObject({ code: 'RuleViolation', rule: 'own-record' })
    expect(candidateOf(await r.state(), 'p-li')).toBeUndefined()
    await mustAt(r, '2023-03-01T10:00:00+08:00', 'p-east-sec', 'recogniseActivist', activist)
    expect(
      await refusedWithoutTrace(r, () =>
        sendAt(r, '2023-03-02T10:00:00+08:00', 'p-li', 'commend', {
          person: 'p-li',
          year: 2023,
          title: 'Outstanding Activist',
          reason: 'Self',
        }),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'own-record' })
    const steps = [
      ['2023-09-01T10:00:00+08:00', 'acceptApplication'],
      ['2024-05-01T10:00:00+08:00', 'admitProbationary'],
      ['2025-05-01T10:00:00+08:00', 'confirmFullMember'],
    ] as const
    for (const [at, type] of steps) {
      const stage = candidateOf(await r.state(), 'p-li')?.stage
      for (const [own, payload] of [
        [type, { person: 'p-li' }],
        ['dropCandidate', { person: 'p-li', reason: 'Changed my mind' }],
      ] as const)
        expect(
          await refusedWithoutTrace(r, () => sendAt(r, at, 'p-li', own, payload)),
        ).toMatchObject({ code: 'RuleViolation', rule: 'own-record' })
      expect(candidateOf(await r.state(), 'p-li')?.stage).toBe(stage)
      await mustAt(r, at, 'p-east-sec', type, { person: 'p-li' })
    }
    const s = await r.state()
    expect(candidateOf(s, 'p-li')?.stage).toBe('full')
    expect(memberOf(s, 'p-li')?.status).toBe('reported')
    expect(s.commendations).toEqual([])
  })

  it('authority is checked first: a member without a post is simply not authorised', async () => {
    const r = await seedEmbedding()
    await reportIn(r, 'p-m1')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-m1', 'recordMemberAct', { member: 'p-m1', act: 'spoke', occasion: 'Hearing' }),
      ),
    ).toMatchObject({
      code: 'Forbidden',
      actor: 'p-m1',
      missingRole: ['secretary@organisation:o-grid-east'],
    })
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
      // Developed here, they never reported 报到: no report is dated, and none is counted.
      reportedAt: null,
      found: null,
      homeOrganisation: null,
    })
    expect(memberOf(s, 'p-h2')?.steps).toEqual([
      { to: 'reported', on: 'fullMemberConfirmed', at: confirmedAt },
    ])
    expect(empowerment(s).membersReported).toBe(0)
    expect(candidatesInDevelopment(s)).toEqual([])
    // As a member, they take duties like any other.
    await r.must('p-li', 'assignDuty', { duty: 'd-h2', member: 'p-h2', spec: pioneerPost })
    expect(memberOf(await r.state(), 'p-h2')?.status).toBe('assigned')
  })

  it('a probationary member admitted in 9999 is refused, not thrown at: no later year exists', async () => {
    const r = await seedEmbedding()
    await mustAt(r, '9999-01-01T10:00:00+08:00', 'p-li', 'recogniseActivist', {
      person: 'p-h2',
      organisation: 'o-grid-east',
    })
    await mustAt(r, '9999-02-01T10:00:00+08:00', 'p-li', 'acceptApplication', { person: 'p-h2' })
    await mustAt(r, '9999-03-01T10:00:00+08:00', 'p-li', 'admitProbationary', { person: 'p-h2' })
    for (const at of ['9999-03-01T10:00:00+08:00', '9999-12-31T23:59:59+08:00'])
      expect(
        await refusedWithoutTrace(r, () =>
          sendAt(r, at, 'p-li', 'confirmFullMember', { person: 'p-h2' }),
        ),
      ).toMatchObject({ code: 'RuleViolation', rule: 'probation-year-served' })
    const s = await r.state()
    expect(candidateOf(s, 'p-h2')?.stage).toBe('probationary')
    expect(memberOf(s, 'p-h2')).toBeUndefined()
  })

  it('admitted in 9998, a probationary member is confirmed in 9999 as usual', async () => {
    const r = await seedEmbedding()
    await mustAt(r, '9998-01-01T10:00:00+08:00', 'p-li', 'recogniseActivist', {
      person: 'p-h2',
      organisation: 'o-grid-east',
    })
    await mustAt(r, '9998-02-01T10:00:00+08:00', 'p-li', 'acceptApplication', { person: 'p-h2' })
    await mustAt(r, '9998-03-01T10:00:00+08:00', 'p-li', 'admitProbationary', { person: 'p-h2' })
    expect(
      refusal(
        await sendAt(r, '9999-02-28T10:00:00+08:00', 'p-li', 'confirmFullMember', {
          person: 'p-h2',
        }),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'probation-year-served' })
    await mustAt(r, '9999-03-01T10:00:00+08:00', 'p-li', 'confirmFullMember', { person: 'p-h2' })
    expect(memberOf(await r.state(), 'p-h2')?.status).toBe('reported')
  })

  it('the same instant written in another zone counts the same', async () => {
    const r = await probationary()
    await mustAt(r, '2025-05-01T02:00:00Z', 'p-li', 'confirmFullMember', { person: 'p-h2' })
    expect(candidateOf(await r.state(), 'p-h2')?.stage).toBe('full')
  })

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

  it('a probation year admitted at 23:30 UTC (the next day in Beijing) is served exactly a calendar year later in Beijing time (probation-year-served)', async () => {
    // Admitted at 2024-02-29T23:30Z, which is 07:30 on 1 March 2024 in Beijing: the year is
    // served at 07:30 on 1 March 2025 in Beijing, 2025-02-28T23:30Z (not on 1 March in UTC).
    const admitted = async () => {
      const r = await seedEmbedding(EARLY_2023)
      await mustAt(r, '2023-03-01T10:00:00+08:00', 'p-li', 'recogniseActivist', {
        person: 'p-h2',
        organisation: 'o-grid-east',
      })
      await mustAt(r, '2023-09-01T10:00:00+08:00', 'p-li', 'acceptApplication', {
        person: 'p-h2',
      })
      await mustAt(r, '2024-02-29T23:30:00Z', 'p-li', 'admitProbationary', { person: 'p-h2' })
      return r
    }
    for (const [short, served] of [
      ['2025-02-28T23:29:59Z', '2025-02-28T23:30:00Z'],
      ['2025-03-01T07:29:59+08:00', '2025-03-01T07:30:00+08:00'],
      ['2025-02-28T13:29:59-10:00', '2025-02-28T13:30:00-10:00'],
    ] as const) {
      const r = await admitted()
      expect(
        await refusedWithoutTrace(r, () =>
          sendAt(r, short, 'p-li', 'confirmFullMember', { person: 'p-h2' }),
        ),
      ).toMatchObject({ code: 'RuleViolation', rule: 'probation-year-served' })
      await mustAt(r, served, 'p-li', 'confirmFullMember', { person: 'p-h2' })
      expect(candidateOf(await r.state(), 'p-h2')?.stage).toBe('full')
    }
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

  it('the commendation year is read in Beijing time: the same instant written at -10:00 and at Z gets the same answer (commendation-year)', async () => {
    // One instant, 14:00 on 1 January 2025 in Beijing, written three ways: a commendation given
    // then is for 2024 or 2025, never for 2023, whatever the offset says.
    for (const at of [
      '2024-12-31T20:00:00-10:00',
      '2025-01-01T06:00:00Z',
      '2025-01-01T14:00:00+08:00',
    ]) {
      const r = await seedEmbedding()
      await reportIn(r, 'p-m1')
      const given = (year: number) =>
        sendAt(r, at, 'p-li', 'commend', {
          person: 'p-m1',
          year,
          title: 'Excellent Party Member',
          reason: 'Led the households of Entrance A through the flood',
        })
      expect(await refusedWithoutTrace(r, () => given(2023))).toMatchObject({
        code: 'RuleViolation',
        rule: 'commendation-year',
        message: 'A commendation given in 2025 is for 2024 or 2025',
      })
      expect(E.isRight(await given(2024))).toBe(true)
      expect(E.isRight(await given(2025))).toBe(true)
      expect(commendationsOf(await r.state(), 2025)).toHaveLength(1)
    }
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
