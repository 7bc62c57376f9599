/**
 * The council's rules (management integration, `src/integration/council.ts`), over the pure
 * decider: constituting a council 共治议事会 on a deliberation hall, and its written charter.
 */
import { describe, expect, it } from 'vitest'
import { CouncilId, lookup, valuesOf } from '../../src/core/index.js'
import { councilOfHall } from '../../src/integration/index.js'
import {
  CLERK,
  councilCharter,
  EAST_CLERK,
  forbiddenTo,
  HALL,
  hallId,
  place,
  rule,
  seeded,
  SO_HEAD,
  type Street,
} from './spec-fixtures.js'

const COUNCIL = 'cn-east'
const BRANCH = 'o-council-b'
const ARTICLES = [
  'Art. 1: migrant and local residents sit in equal numbers',
  'Art. 2: the council meets monthly and hears every member in turn',
]

/** The constituteCouncil payload for h-council and the council branch, with overrides. */
const councilPayload = (overrides: Record<string, unknown> = {}) => ({
  council: COUNCIL,
  name: 'East Co-governance Council 共治议事会',
  hall: HALL,
  branch: BRANCH,
  articles: ARTICLES,
  ...overrides,
})

const constitute = (r: Street, actor = EAST_CLERK, overrides: Record<string, unknown> = {}) =>
  r.when(actor, 'constituteCouncil', councilPayload(overrides))

/** The fixture street with the council constituted on h-council by the East registrar. */
const constituted = () => {
  const r = seeded()
  r.must(EAST_CLERK, 'constituteCouncil', councilPayload())
  return r
}

const councilOf = (r: Street, id = COUNCIL) => lookup(r.state.councils, CouncilId.make(id))

const resident = (person: string) => ({ person, kind: 'resident', organisation: null })

/** The chair appoints these residents of East together. */
const appoint = (r: Street, ...people: ReadonlyArray<string>) =>
  r.must(SO_HEAD, 'appointRepresentatives', { representatives: people.map(resident) })

/** Opens a second hall at East (commands to it name their hall). */
const openOtherHall = (r: Street, hall: string, chair: string) =>
  r.must(EAST_CLERK, 'openHall', {
    hall,
    name: `Hall ${hall}`,
    place: place('community', 'c-east'),
    charter: councilCharter(),
    chair,
  })

describe('constituting a council 共治议事会 on a deliberation hall', () => {
  it('a council is constituted on a hall whose chair is the council branch secretary', () => {
    const r = seeded()
    const at = r.nextAt()
    const after = constitute(r).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['councilConstituted'])
      expect(events[0]).toMatchObject({
        type: 'councilConstituted',
        actor: EAST_CLERK,
        council: COUNCIL,
        hall: HALL,
        branch: BRANCH,
        place: { level: 'community', id: 'c-east' },
      })
    })
    expect(lookup(after.state.councils, CouncilId.make(COUNCIL))).toEqual({
      id: COUNCIL,
      name: 'East Co-governance Council 共治议事会',
      hall: HALL,
      place: { level: 'community', id: 'c-east' },
      branch: BRANCH,
      articles: ARTICLES,
      constitutedAt: at,
    })
    expect(councilOfHall(after.state, hallId(HALL))?.id).toBe(COUNCIL)
    expect(councilOfHall(after.state, hallId('h-other'))).toBeUndefined()
  })

  it('only a registrar over the hall’s place constitutes a council', () => {
    const r = seeded()
    // the chair and branch secretary, the street committee's secretary: not registrars
    for (const actor of [SO_HEAD, 'p-zhou', 'l-1'])
      constitute(r, actor).thenRefused({
        ...forbiddenTo(actor, 'constituteCouncil'),
        missingRole: ['registrar@community:c-east'],
      })
    // a registrar of another community
    r.must(CLERK, 'appointRole', {
      assignment: 'as-west-clerk',
      person: 'p-chen',
      role: 'registrar',
      scope: place('community', 'c-west'),
    })
    constitute(r, 'p-chen').thenRefused(forbiddenTo('p-chen', 'constituteCouncil'))
    expect(r.state.councils).toEqual({})
  })

  it('a street registrar (above the hall’s community) constitutes it too', () => {
    const r = seeded()
    r.must(CLERK, 'constituteCouncil', councilPayload())
    expect(councilOf(r)?.branch).toBe(BRANCH)
  })

  it('a hall whose charter is not a council’s cannot carry a council (council-charter)', () => {
    const r = seeded()
    // The same rules, balance and seats included, but not marked as a council's charter.
    const { council: _council, ...plain } = councilCharter()
    r.must(EAST_CLERK, 'openHall', {
      hall: 'h-plain',
      name: 'Plain hall',
      place: place('community', 'c-east'),
      charter: plain,
      chair: SO_HEAD,
    })
    constitute(r, EAST_CLERK, { hall: 'h-plain' }).thenRefused(rule('council-charter'))
  })

  it('a branch that is not a council branch cannot carry a council (council-branch)', () => {
    const r = seeded()
    // o-so-b is a social organisation's branch, led by the same secretary as the council branch;
    // o-east is a party committee; o-so is not a party organisation at all.
    for (const branch of ['o-so-b', 'o-east', 'o-so', 'o-jingchu'])
      constitute(r, EAST_CLERK, { branch }).thenRefused(rule('council-branch'))
    constitute(r, EAST_CLERK, { branch: 'o-nowhere' }).thenRefused({
      code: 'NotFound',
      entity: 'organisation',
      id: 'o-nowhere',
    })
  })

  it('a dissolved council branch cannot carry a council (council-branch)', () => {
    const r = seeded()
    r.must('p-zhou', 'dissolveOrganisation', {
      organisation: BRANCH,
      reason: 'Merged into the community branch',
    })
    constitute(r).thenRefused(rule('council-branch'))
  })

  it('the hall’s chair must be a secretary of the council branch (council-chair)', () => {
    const r = seeded()
    openOtherHall(r, 'h-2', 'l-1')
    constitute(r, EAST_CLERK, { hall: 'h-2' }).thenRefused(rule('council-chair'))
  })

  it('a chair whose secretary post has ended does not chair a council (council-chair)', () => {
    const r = seeded()
    r.must('p-zhou', 'endRole', { assignment: 'as-council-sec', reason: 'Term ended' })
    constitute(r).thenRefused(rule('council-chair'))
  })

  it('a secretary above the branch (not of it) is not its secretary (council-chair)', () => {
    const r = seeded()
    // p-zhou leads o-street, above o-east and the council branch: not the branch's own secretary
    openOtherHall(r, 'h-2', 'p-zhou')
    constitute(r, EAST_CLERK, { hall: 'h-2' }).thenRefused(rule('council-chair'))
  })

  it('a written charter has at least one article (council-articles)', () => {
    constitute(seeded(), EAST_CLERK, { articles: [] }).thenRefused(rule('council-articles'))
  })

  it('one council per hall (council-hall), under an id used once', () => {
    const r = constituted()
    constitute(r, EAST_CLERK, { council: 'cn-second' }).thenRefused(rule('council-hall'))
    constitute(r).thenRefused({ code: 'AlreadyExists', entity: 'council', id: COUNCIL })
    expect(valuesOf(r.state.councils)).toHaveLength(1)
  })

  it('one council per council branch (council-branch)', () => {
    const r = constituted()
    openOtherHall(r, 'h-2', SO_HEAD)
    constitute(r, EAST_CLERK, { council: 'cn-second', hall: 'h-2' }).thenRefused(
      rule('council-branch'),
    )
  })

  it('a council branch carries a council only on a hall where it sits (council-branch)', () => {
    const r = seeded()
    r.must(CLERK, 'openHall', {
      hall: 'h-west',
      name: 'West hall',
      place: place('community', 'c-west'),
      charter: councilCharter(),
      chair: SO_HEAD,
    })
    constitute(r, CLERK, { hall: 'h-west' }).thenRefused(rule('council-branch'))
  })

  it('a council is not constituted on a hall whose roster is out of balance (council-balance)', () => {
    const r = seeded()
    appoint(r, 'm-1', 'l-1')
    r.must(CLERK, 'changeHousehold', { person: 'm-1', household: { status: 'registered' } })
    // two locals, no migrant: more than one apart
    constitute(r).thenRefused(rule('council-balance'))
  })

  it('resident representatives who have left the street count no more for the council’s balance (council-balance)', () => {
    const r = seeded()
    appoint(r, 'm-1', 'm-2', 'l-1', 'l-2')
    for (const person of ['m-1', 'm-2'])
      r.must(CLERK, 'recordDeparture', { person, destination: 'Honghu, Hubei' })
    // Two seated migrants have left: two locals act, and no migrant.
    constitute(r).thenRefused(rule('council-balance'))
    // Their seats are freed (the hall's balance rule counts who acts, so removal is no worse),
    // and two migrants who live in East mend the roster.
    for (const person of ['m-1', 'm-2']) r.must(SO_HEAD, 'removeRepresentative', { person })
    appoint(r, 'm-3', 'm-4')
    constitute(r).then()
  })

  it('an unknown hall is not found', () => {
    constitute(seeded(), EAST_CLERK, { hall: 'h-nowhere' }).thenRefused({
      code: 'NotFound',
      entity: 'hall',
      id: 'h-nowhere',
    })
  })

  it('a hall of another street is not found', () => {
    const r = seeded()
    r.must(CLERK, 'openRegistry', {
      street: 'm-street',
      name: 'M Street',
      registrar: CLERK,
      registrarName: 'Clerk Liang',
      assignment: 'as-m-clerk',
    })
    // CLERK is registrar of M Street, but h-council belongs to S Street.
    r.when(CLERK, 'constituteCouncil', { ...councilPayload(), street: 'm-street' }).thenRefused({
      code: 'NotFound',
      entity: 'hall',
      id: HALL,
    })
  })

  it('a street without a registry constitutes nothing', () => {
    seeded()
      .when(CLERK, 'constituteCouncil', { ...councilPayload(), street: 'x-street' })
      .thenRefused({ code: 'NotFound', entity: 'street registry' })
  })
})

describe('the written charter 成文章程', () => {
  const AMENDED = [...ARTICLES, 'Art. 3: minutes are posted at the entrance within a week']
  const amend = (r: Street, actor: string, articles: ReadonlyArray<string> = AMENDED) =>
    r.when(actor, 'amendArticles', { council: COUNCIL, articles })

  it('the branch secretary amends the written charter', () => {
    const after = amend(constituted(), SO_HEAD).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['articlesAmended'])
    })
    expect(lookup(after.state.councils, CouncilId.make(COUNCIL))?.articles).toEqual(AMENDED)
  })

  it('a secretary above the council branch amends it too', () => {
    const after = amend(constituted(), 'p-zhou').then()
    expect(lookup(after.state.councils, CouncilId.make(COUNCIL))?.articles).toEqual(AMENDED)
  })

  it('nobody else amends it: not the registrar, a representative, or a secretary of another branch', () => {
    const r = constituted()
    r.must(SO_HEAD, 'appointRepresentative', resident('l-1'))
    for (const actor of [EAST_CLERK, CLERK, 'l-1'])
      amend(r, actor).thenRefused({
        ...forbiddenTo(actor, 'amendArticles'),
        missingRole: [`secretary@organisation:${BRANCH}`],
      })
    // Once p-so-head's council post ends, their o-so-b post (a sibling branch) does not help.
    r.must('p-zhou', 'endRole', { assignment: 'as-council-sec', reason: 'Term ended' })
    amend(r, SO_HEAD).thenRefused(forbiddenTo(SO_HEAD, 'amendArticles'))
    expect(councilOf(r)?.articles).toEqual(ARTICLES)
  })

  it('an amended charter keeps at least one article (council-articles)', () => {
    amend(constituted(), SO_HEAD, []).thenRefused(rule('council-articles'))
  })

  it('an unknown council is not found', () => {
    constituted()
      .when(SO_HEAD, 'amendArticles', { council: 'cn-nowhere', articles: AMENDED })
      .thenRefused({ code: 'NotFound', entity: 'council', id: 'cn-nowhere' })
  })
})
