import { describe, expect, it } from 'vitest'
import { CommunityId, OrganisationId, type Handled, type Instant } from '../../src/core/index.js'
import {
  depthOfEmbedding,
  type Depth,
  type EmbeddingEvent,
  type EmbeddingState,
} from '../../src/embedding/index.js'
import { CLERK, place, seedEmbedding, type Embedding } from './fixtures.js'

// The depth of embedding (seed 002: formal 形式嵌入 versus substantive 实质嵌入; seed 004: a hollow
// core 虚化, "many in form, few in substance" 形多实少), measured on contrasting communities.

const inCommunity = (id: string) => ({ community: CommunityId.make(id) })
const inOrganisation = (id: string) => ({ organisation: OrganisationId.make(id) })

/** The embedding of each member, by person. */
const embeddings = (depth: Depth) =>
  Object.fromEntries(depth.members.map((m) => [m.person, m.embedding]))

/** The instant of the (first) event a command produced. */
const atOf = (handled: Handled<EmbeddingEvent, EmbeddingState>): Instant => {
  const at = handled.events[0]?.event.at
  if (at === undefined) throw new Error('the command produced no event')
  return at
}

/**
 * A member comes forward (an in-service member 在职党员): `secretary` records and contacts them,
 * then they report to `community` and its organisation in person.
 */
const enrol = async (
  r: Embedding,
  member: string,
  community: string,
  organisation: string,
  secretary: string,
) => {
  await r.must(secretary, 'discoverMember', {
    person: member,
    organisation,
    found: 'came-forward',
    homeOrganisation: 'District Tax Bureau Branch',
  })
  await r.must(secretary, 'contactMember', { member })
  return r.must(member, 'reportToCommunity', { member, community, organisation })
}

/** East members report to the East grid branch, whose secretary is `p-li`. */
const enrolInEast = (r: Embedding, member: string) =>
  enrol(r, member, 'c-east', 'o-grid-east', 'p-li')
/** West members report to the West community branch, whose secretary is `p-chen`. */
const enrolInWest = (r: Embedding, member: string) => enrol(r, member, 'c-west', 'o-west', 'p-chen')

const act = (r: Embedding, secretary: string, member: string, kind: string, occasion: string) =>
  r.must(secretary, 'recordMemberAct', { member, act: kind, occasion })
const inWest = (r: Embedding, member: string, kind: string, occasion = 'West residents’ meeting') =>
  act(r, 'p-chen', member, kind, occasion)
const inEast = (r: Embedding, member: string, kind: string, occasion = 'East residents’ meeting') =>
  act(r, 'p-li', member, kind, occasion)

/**
 * The seeded street with a West party organisation: the community branch `o-west`, founded by
 * `p-zhou` (street party committee) with `p-chen` as its secretary, and West residents `p-w2`…
 * registered by the street's registrar beside `p-w1`.
 */
const streetWithWest = async (westResidents: ReadonlyArray<string> = []): Promise<Embedding> => {
  const r = await seedEmbedding()
  await r.must('p-zhou', 'foundBranch', {
    organisation: {
      kind: 'party-branch',
      id: 'o-west',
      name: 'West Community Branch',
      seat: place('community', 'c-west'),
      parent: 'o-street',
      branch: { kind: 'community' },
    },
    among: 'the residents of West',
    secretary: { person: 'p-chen', assignment: 'as-chen-west' },
  })
  for (const person of westResidents)
    await r.must(CLERK, 'registerPerson', {
      person,
      name: `West Resident ${person}`,
      household: { status: 'registered' },
      home: place('grid', 'g-west'),
    })
  return r
}

/**
 * East embeds in substance: `p-m1` keeps a responsibility area and speaks, `p-m2` leads two
 * households and chairs; `p-m3` only attends. West embeds in form only: its three members attend
 * every meeting and do nothing else (seed 002: "cadres only attend").
 */
const contrastingStreet = async () => {
  const r = await streetWithWest(['p-w2', 'p-w3'])
  for (const member of ['p-m1', 'p-m2', 'p-m3']) await enrolInEast(r, member)
  await r.must('p-li', 'assignDuty', {
    duty: 'd-sanitation',
    member: 'p-m1',
    spec: {
      kind: 'responsibility-area',
      area: 'Sanitation',
      place: place('grid', 'g-east'),
      phone: '020-8888 1234',
      duty: 'Keeps the lanes of East grid clean',
    },
  })
  await r.must('p-li', 'assignDuty', {
    duty: 'd-households',
    member: 'p-m2',
    spec: { kind: 'households', households: ['p-h1', 'p-h2'] },
  })
  await inEast(r, 'p-m1', 'spoke')
  await inEast(r, 'p-m2', 'chaired')
  await inEast(r, 'p-m3', 'attended')
  for (const member of ['p-w1', 'p-w2', 'p-w3']) {
    await enrolInWest(r, member)
    await inWest(r, member, 'attended', 'West residents’ meeting, March')
    await inWest(r, member, 'attended', 'West residents’ meeting, April')
  }
  return r
}

describe('the depth of embedding: formal 形式 versus substantive 实质', () => {
  it('East, whose members hold duties and speak and chair, is substantively embedded', async () => {
    const r = await contrastingStreet()
    const east = depthOfEmbedding(await r.state(), inCommunity('c-east'))
    expect(east).toMatchObject({
      enrolled: 3,
      substantive: 2,
      formal: 1,
      dormant: 0,
      verdict: 'substantive',
    })
    expect(east.substantiveShare).toBeCloseTo(2 / 3)
    expect(embeddings(east)).toEqual({
      'p-m1': 'substantive',
      'p-m2': 'substantive',
      'p-m3': 'formal',
    })
    expect(east.members.find((m) => m.person === 'p-m1')).toMatchObject({
      name: 'Member One',
      duties: 1,
      substantiveActs: 1,
      attendances: 0,
    })
    expect(east.members.find((m) => m.person === 'p-m3')).toMatchObject({
      duties: 0,
      substantiveActs: 0,
      attendances: 1,
    })
  })

  it('West, whose members only attend (形式嵌入, "cadres only attend"), is hollow 虚化', async () => {
    const r = await contrastingStreet()
    const state = await r.state()
    const west = depthOfEmbedding(state, inCommunity('c-west'))
    expect(west).toMatchObject({
      enrolled: 3,
      substantive: 0,
      formal: 3,
      dormant: 0,
      substantiveShare: 0,
      verdict: 'hollow',
    })
    for (const m of west.members)
      expect(m).toMatchObject({
        embedding: 'formal',
        duties: 0,
        substantiveActs: 0,
        attendances: 2,
      })
    // Measured by organisation, the two branches tell the same story.
    expect(depthOfEmbedding(state, inOrganisation('o-west')).verdict).toBe('hollow')
    expect(depthOfEmbedding(state, inOrganisation('o-grid-east')).verdict).toBe('substantive')
  })

  it('a member who does nothing at all is dormant, and a community of such members is hollow too', async () => {
    const r = await streetWithWest(['p-w2'])
    await enrolInWest(r, 'p-w1')
    await enrolInWest(r, 'p-w2')
    const west = depthOfEmbedding(await r.state(), inCommunity('c-west'))
    expect(west).toMatchObject({ enrolled: 2, substantive: 0, formal: 0, dormant: 2 })
    expect(west.verdict).toBe('hollow')
  })

  it('one substantive member in four is "many in form, few in substance" 形多实少', async () => {
    const r = await streetWithWest(['p-w2', 'p-w3', 'p-w4'])
    for (const member of ['p-w1', 'p-w2', 'p-w3', 'p-w4']) await enrolInWest(r, member)
    await inWest(r, 'p-w1', 'spoke')
    await inWest(r, 'p-w2', 'attended')
    await inWest(r, 'p-w3', 'attended')
    const west = depthOfEmbedding(await r.state(), inCommunity('c-west'))
    expect(west).toMatchObject({
      enrolled: 4,
      substantive: 1,
      formal: 2,
      dormant: 1,
      substantiveShare: 0.25,
      verdict: 'formal',
    })
    expect(embeddings(west)).toEqual({
      'p-w1': 'substantive',
      'p-w2': 'formal',
      'p-w3': 'formal',
      'p-w4': 'dormant',
    })
  })

  it('half the members substantive is already substantive, not formal', async () => {
    const r = await streetWithWest(['p-w2'])
    await enrolInWest(r, 'p-w1')
    await enrolInWest(r, 'p-w2')
    await inWest(r, 'p-w1', 'served', 'Visited the elderly of West grid')
    await inWest(r, 'p-w2', 'attended')
    const west = depthOfEmbedding(await r.state(), inCommunity('c-west'))
    expect(west.substantiveShare).toBe(0.5)
    expect(west.verdict).toBe('substantive')
  })

  it('a community with no enrolled members is empty', async () => {
    const r = await streetWithWest()
    // Recorded and contacted, but not yet reported: not enrolled.
    await r.must('p-chen', 'discoverMember', {
      person: 'p-w1',
      organisation: 'o-west',
      found: 'pocket',
      homeOrganisation: 'Honghu County Committee',
    })
    await r.must('p-chen', 'contactMember', { member: 'p-w1' })
    const west = depthOfEmbedding(await r.state(), inCommunity('c-west'))
    expect(west).toEqual({
      enrolled: 0,
      substantive: 0,
      formal: 0,
      dormant: 0,
      substantiveShare: null,
      verdict: 'empty',
      members: [],
    })
  })

  it('members who left are no longer counted: a community whose members all left is empty again', async () => {
    const r = await streetWithWest()
    await enrolInWest(r, 'p-w1')
    await inWest(r, 'p-w1', 'chaired')
    expect(depthOfEmbedding(await r.state(), inCommunity('c-west')).verdict).toBe('substantive')
    await r.must('p-chen', 'transferMemberOut', { member: 'p-w1', destination: 'Wuhan' })
    expect(depthOfEmbedding(await r.state(), inCommunity('c-west'))).toMatchObject({
      enrolled: 0,
      verdict: 'empty',
    })
  })

  it('the `since` option leaves out older acts, but a duty held now still counts', async () => {
    const r = await contrastingStreet()
    // p-w1 of West spoke once, long before; since then, West has only attended.
    const spoke = atOf(await inWest(r, 'p-w1', 'spoke', 'West residents’ meeting, January'))
    const since = atOf(await inWest(r, 'p-w1', 'attended', 'West residents’ meeting, May'))
    expect(spoke < since).toBe(true)
    const state = await r.state()

    const always = depthOfEmbedding(state, inCommunity('c-west'))
    expect(always.members.find((m) => m.person === 'p-w1')).toMatchObject({
      embedding: 'substantive',
      substantiveActs: 1,
      attendances: 3,
    })
    expect(always.verdict).toBe('formal')

    // An act at `since` itself is counted; the speech before it is not.
    const lately = depthOfEmbedding(state, inCommunity('c-west'), { since })
    expect(lately.members.find((m) => m.person === 'p-w1')).toMatchObject({
      embedding: 'formal',
      substantiveActs: 0,
      attendances: 1,
    })
    expect(lately).toMatchObject({ substantive: 0, formal: 1, dormant: 2, verdict: 'hollow' })

    // In East, nobody acted since; the members holding duties stay substantive, p-m3 is dormant.
    const east = depthOfEmbedding(state, inCommunity('c-east'), { since })
    expect(embeddings(east)).toEqual({
      'p-m1': 'substantive',
      'p-m2': 'substantive',
      'p-m3': 'dormant',
    })
    expect(east.members.find((m) => m.person === 'p-m1')).toMatchObject({
      duties: 1,
      substantiveActs: 0,
      attendances: 0,
    })
  })
})
