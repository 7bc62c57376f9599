import { describe, expect, it } from 'vitest'
import {
  CouncilId,
  HallId,
  lookup,
  MatterId,
  MotionId,
  valuesOf,
  type Handled,
} from '../../src/core/index.js'
import { councilComposition, councilOfHall } from '../../src/integration/index.js'
import {
  CLERK,
  councilCharter,
  EAST_CLERK,
  HALL,
  LOCALS,
  MIGRANTS,
  place,
  seedIntegration,
  SO_HEAD,
  type IntegrationStreet,
  forbiddenTo,
  refusedWithoutTrace,
  rule,
} from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const COUNCIL = 'cn-east'
const BRANCH = 'o-council-b'
const ARTICLES = [
  'Art. 1: migrant and local residents sit in equal numbers',
  'Art. 2: the council meets monthly and hears every member in turn',
]

const typesOf = (handled: Handled<{ readonly type: string }, unknown>) =>
  handled.events.map((e) => e.event.type)

/** The constituteCouncil payload for h-council and the council branch, with overrides. */
const councilPayload = (overrides: Record<string, unknown> = {}) => ({
  council: COUNCIL,
  name: 'East Co-governance Council 共治议事会',
  hall: HALL,
  branch: BRANCH,
  articles: ARTICLES,
  ...overrides,
})

const constitute = (
  r: IntegrationStreet,
  actor = EAST_CLERK,
  overrides: Record<string, unknown> = {},
) => r.send(actor, 'constituteCouncil', councilPayload(overrides))

/** The fixture street with the council constituted on h-council by the East registrar. */
const constituted = async () => {
  const r = await seedIntegration()
  await r.must(EAST_CLERK, 'constituteCouncil', councilPayload())
  return r
}

const councilOf = async (r: IntegrationStreet, id = COUNCIL) =>
  lookup((await r.state()).councils, CouncilId.make(id))

/** The council's composition, read from the engine's streams. */
const composition = async (r: IntegrationStreet) => {
  const council = await councilOf(r)
  if (council === undefined) throw new Error('the council is not constituted')
  return councilComposition(council, await r.hall(), (await r.street()).registry)
}

const resident = (person: string) => ({ person, kind: 'resident', organisation: null })

/** The chair appoints these residents of East together. */
const appoint = (r: IntegrationStreet, ...people: ReadonlyArray<string>) =>
  r.send(SO_HEAD, 'appointRepresentatives', { representatives: people.map(resident) })

const roster = async (r: IntegrationStreet) =>
  valuesOf((await r.hall()).representatives)
    .map((rep) => rep.person as string)
    .sort()

/** Opens a second hall at East (commands to it name their hall). */
const openOtherHall = (r: IntegrationStreet, hall: string, chair: string) =>
  r.must(EAST_CLERK, 'openHall', {
    hall,
    name: `Hall ${hall}`,
    place: place('community', 'c-east'),
    charter: councilCharter(),
    chair,
  })

// ---------------------------------------------------------------------------------------------
// Constitution

describe('constituting a council 共治议事会 on a deliberation hall', () => {
  it('a council is constituted on a hall whose chair is the council branch secretary', async () => {
    const r = await seedIntegration()
    const at = r.nextAt()
    const handled = await r.must(EAST_CLERK, 'constituteCouncil', councilPayload())
    expect(typesOf(handled)).toEqual(['councilConstituted'])
    expect(handled.events[0]?.event).toMatchObject({
      type: 'councilConstituted',
      actor: EAST_CLERK,
      council: COUNCIL,
      hall: HALL,
      branch: BRANCH,
      place: { level: 'community', id: 'c-east' },
    })
    expect(await councilOf(r)).toEqual({
      id: COUNCIL,
      name: 'East Co-governance Council 共治议事会',
      hall: HALL,
      place: { level: 'community', id: 'c-east' },
      branch: BRANCH,
      articles: ARTICLES,
      constitutedAt: at,
    })
    expect(councilOfHall(await r.state(), HallId.make(HALL))?.id).toBe(COUNCIL)
    expect(councilOfHall(await r.state(), HallId.make('h-other'))).toBeUndefined()
  })

  it('the council reuses its hall: the hall itself is not changed by constituting it', async () => {
    const r = await seedIntegration()
    const hallBefore = await r.hall()
    await r.must(EAST_CLERK, 'constituteCouncil', councilPayload())
    expect(await r.hall()).toEqual(hallBefore)
  })

  it('only a registrar over the hall’s place constitutes a council', async () => {
    const r = await seedIntegration()
    // the chair and branch secretary, the street committee's secretary: not registrars
    for (const actor of [SO_HEAD, 'p-zhou', 'l-1'])
      expect(await refusedWithoutTrace(r, () => constitute(r, actor))).toMatchObject({
        ...forbiddenTo(actor, 'constituteCouncil'),
        missingRole: ['registrar@community:c-east'],
      })
    // a registrar of another community
    await r.must(CLERK, 'appointRole', {
      assignment: 'as-west-clerk',
      person: 'p-chen',
      role: 'registrar',
      scope: place('community', 'c-west'),
    })
    expect(await refusedWithoutTrace(r, () => constitute(r, 'p-chen'))).toMatchObject(
      forbiddenTo('p-chen', 'constituteCouncil'),
    )
    expect((await r.state()).councils).toEqual({})
  })

  it('a street registrar (above the hall’s community) constitutes it too', async () => {
    const r = await seedIntegration()
    await r.must(CLERK, 'constituteCouncil', councilPayload())
    expect((await councilOf(r))?.branch).toBe(BRANCH)
  })

  it('a hall whose charter is not a council’s cannot carry a council (council-charter)', async () => {
    const r = await seedIntegration()
    // The same rules, balance and seats included, but not marked as a council's charter; and a
    // council's charter cannot be amended into such a one.
    const { council: _council, ...plain } = councilCharter()
    await r.must(EAST_CLERK, 'openHall', {
      hall: 'h-plain',
      name: 'Plain hall',
      place: place('community', 'c-east'),
      charter: plain,
      chair: SO_HEAD,
    })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(EAST_CLERK, 'constituteCouncil', councilPayload({ hall: 'h-plain' })),
      ),
    ).toMatchObject(rule('council-charter'))
  })

  it('a council’s charter is never without its balance rule or seats (council-charter)', async () => {
    const r = await constituted()
    const { seats: _seats, ...unseated } = councilCharter()
    for (const charter of [councilCharter({ balance: null }), unseated])
      expect(
        await refusedWithoutTrace(r, () => r.send(SO_HEAD, 'amendCharter', { charter })),
      ).toMatchObject(rule('council-charter'))
    // nor can the chair take the council mark away to switch the rule off
    const { council: _council, ...plain } = councilCharter({ balance: null })
    expect(
      await refusedWithoutTrace(r, () => r.send(SO_HEAD, 'amendCharter', { charter: plain })),
    ).toMatchObject(rule('council-charter'))
    // a council hall cannot be opened without them either
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(EAST_CLERK, 'openHall', {
          hall: 'h-other',
          name: 'Another council',
          place: place('community', 'c-east'),
          charter: councilCharter({ balance: null }),
          chair: SO_HEAD,
        }),
      ),
    ).toMatchObject(rule('council-charter'))
  })

  it('a branch that is not a council branch cannot carry a council (council-branch)', async () => {
    const r = await seedIntegration()
    // o-so-b is a social organisation's branch, led by the same secretary as the council branch;
    // o-east is a party committee; o-so is not a party organisation at all.
    for (const branch of ['o-so-b', 'o-east', 'o-so', 'o-jingchu'])
      expect(
        await refusedWithoutTrace(r, () => constitute(r, EAST_CLERK, { branch })),
      ).toMatchObject(rule('council-branch'))
    expect(
      await refusedWithoutTrace(r, () => constitute(r, EAST_CLERK, { branch: 'o-nowhere' })),
    ).toMatchObject({ code: 'NotFound', entity: 'organisation', id: 'o-nowhere' })
  })

  it('a dissolved council branch cannot carry a council (council-branch)', async () => {
    const r = await seedIntegration()
    await r.must('p-zhou', 'dissolveOrganisation', {
      organisation: BRANCH,
      reason: 'Merged into the community branch',
    })
    expect(await refusedWithoutTrace(r, () => constitute(r))).toMatchObject(rule('council-branch'))
  })

  it('the hall’s chair must be a secretary of the council branch (council-chair)', async () => {
    const r = await seedIntegration()
    await openOtherHall(r, 'h-2', 'l-1')
    expect(
      await refusedWithoutTrace(r, () => constitute(r, EAST_CLERK, { hall: 'h-2' })),
    ).toMatchObject(rule('council-chair'))
  })

  it('a chair whose secretary post has ended does not chair a council (council-chair)', async () => {
    const r = await seedIntegration()
    await r.must('p-zhou', 'endRole', { assignment: 'as-council-sec', reason: 'Term ended' })
    expect(await refusedWithoutTrace(r, () => constitute(r))).toMatchObject(rule('council-chair'))
  })

  it('a secretary above the branch (not of it) is not its secretary (council-chair)', async () => {
    const r = await seedIntegration()
    // p-zhou leads o-street, above o-east and the council branch: not the branch's own secretary
    await openOtherHall(r, 'h-2', 'p-zhou')
    expect(
      await refusedWithoutTrace(r, () => constitute(r, EAST_CLERK, { hall: 'h-2' })),
    ).toMatchObject(rule('council-chair'))
  })

  it('a written charter has at least one article (council-articles)', async () => {
    const r = await seedIntegration()
    expect(
      await refusedWithoutTrace(r, () => constitute(r, EAST_CLERK, { articles: [] })),
    ).toMatchObject(rule('council-articles'))
  })

  it('one council per hall (council-hall), under an id used once', async () => {
    const r = await constituted()
    expect(
      await refusedWithoutTrace(r, () => constitute(r, EAST_CLERK, { council: 'cn-second' })),
    ).toMatchObject(rule('council-hall'))
    expect(await refusedWithoutTrace(r, () => constitute(r))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'council',
      id: COUNCIL,
    })
    expect(valuesOf((await r.state()).councils)).toHaveLength(1)
  })

  it('one council per council branch (council-branch)', async () => {
    const r = await constituted()
    await openOtherHall(r, 'h-2', SO_HEAD)
    expect(
      await refusedWithoutTrace(r, () =>
        constitute(r, EAST_CLERK, { council: 'cn-second', hall: 'h-2' }),
      ),
    ).toMatchObject(rule('council-branch'))
  })

  it('an unknown hall is not found', async () => {
    const r = await seedIntegration()
    expect(
      await refusedWithoutTrace(r, () => constitute(r, EAST_CLERK, { hall: 'h-nowhere' })),
    ).toMatchObject({ code: 'NotFound', entity: 'hall', id: 'h-nowhere' })
  })

  it('a hall of another street is not found', async () => {
    const r = await seedIntegration()
    await r.must(CLERK, 'openRegistry', {
      street: 'm-street',
      name: 'M Street',
      registrar: CLERK,
      registrarName: 'Clerk Liang',
      assignment: 'as-m-clerk',
    })
    // CLERK is registrar of M Street, but h-council belongs to S Street.
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CLERK, 'constituteCouncil', { ...councilPayload(), street: 'm-street' }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'hall', id: HALL })
  })

  it('a street without a registry constitutes nothing', async () => {
    const r = await seedIntegration()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CLERK, 'constituteCouncil', { ...councilPayload(), street: 'x-street' }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'street registry' })
  })
})

// ---------------------------------------------------------------------------------------------
// The written charter

describe('the written charter 成文章程', () => {
  const AMENDED = [...ARTICLES, 'Art. 3: minutes are posted at the entrance within a week']

  it('the branch secretary amends the written charter', async () => {
    const r = await constituted()
    const handled = await r.must(SO_HEAD, 'amendArticles', { council: COUNCIL, articles: AMENDED })
    expect(typesOf(handled)).toEqual(['articlesAmended'])
    expect((await councilOf(r))?.articles).toEqual(AMENDED)
  })

  it('a secretary above the council branch amends it too', async () => {
    const r = await constituted()
    await r.must('p-zhou', 'amendArticles', { council: COUNCIL, articles: AMENDED })
    expect((await councilOf(r))?.articles).toEqual(AMENDED)
  })

  it('nobody else amends it: not the registrar, a representative, or a secretary of another branch', async () => {
    const r = await constituted()
    await r.must(SO_HEAD, 'appointRepresentative', resident('l-1'))
    for (const actor of [EAST_CLERK, CLERK, 'l-1'])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, 'amendArticles', { council: COUNCIL, articles: AMENDED }),
        ),
      ).toMatchObject({
        ...forbiddenTo(actor, 'amendArticles'),
        missingRole: [`secretary@organisation:${BRANCH}`],
      })
    // Once p-so-head's council post ends, their o-so-b post (a sibling branch) does not help.
    await r.must('p-zhou', 'endRole', { assignment: 'as-council-sec', reason: 'Term ended' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(SO_HEAD, 'amendArticles', { council: COUNCIL, articles: AMENDED }),
      ),
    ).toMatchObject(forbiddenTo(SO_HEAD, 'amendArticles'))
    expect((await councilOf(r))?.articles).toEqual(ARTICLES)
  })

  it('an amended charter keeps at least one article (council-articles)', async () => {
    const r = await constituted()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(SO_HEAD, 'amendArticles', { council: COUNCIL, articles: [] }),
      ),
    ).toMatchObject(rule('council-articles'))
  })

  it('an unknown council is not found', async () => {
    const r = await constituted()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(SO_HEAD, 'amendArticles', { council: 'cn-nowhere', articles: AMENDED }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'council', id: 'cn-nowhere' })
  })
})

// ---------------------------------------------------------------------------------------------
// Seats and balance, decided by the hall

describe('the council’s seats (seats-full)', () => {
  it('appointments beyond the council’s seats are refused (seats-full)', async () => {
    const r = await constituted()
    // eight seats: four migrants and four locals, in balance
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: [...MIGRANTS.slice(1), ...LOCALS].map(resident),
    })
    expect(await roster(r)).toHaveLength(8)
    // a ninth would keep the balance (5 to 4) but has no seat
    expect(
      await refusedWithoutTrace(r, () => r.send(SO_HEAD, 'appointRepresentative', resident('f-1'))),
    ).toMatchObject(rule('seats-full'))
    expect(await refusedWithoutTrace(r, () => appoint(r, 'f-1', 't-gov'))).toMatchObject(
      rule('seats-full'),
    )
    // a removal frees a seat
    await r.must(SO_HEAD, 'removeRepresentative', { person: 'm-4' })
    await r.must(SO_HEAD, 'appointRepresentative', resident('f-1'))
    expect(await roster(r)).toContain('f-1')
  })

  it('a batch that would overflow the seats is refused whole', async () => {
    const r = await constituted()
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-1', 'm-2', 'm-3', 'l-1', 'l-2', 'l-3'].map(resident),
    })
    expect(
      await refusedWithoutTrace(r, () => appoint(r, 'm-4', 'l-4', 'f-1', 't-gov')),
    ).toMatchObject(rule('seats-full'))
    expect(await roster(r)).toHaveLength(6)
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-4', 'l-4'].map(resident),
    })
    expect(await roster(r)).toHaveLength(8)
  })

  it('the charter cannot cut seats below the sitting representatives', async () => {
    const r = await constituted()
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-1', 'm-2', 'm-3', 'l-1', 'l-2', 'l-3'].map(resident),
    })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(SO_HEAD, 'amendCharter', { charter: councilCharter({ seats: 5 }) }),
      ),
    ).toMatchObject(rule('seats-full'))
    expect((await r.hall()).hall?.charter.seats).toBe(8)
    // down to the sitting six is fine; then the council is full
    await r.must(SO_HEAD, 'amendCharter', { charter: councilCharter({ seats: 6 }) })
    expect((await composition(r)).vacancies).toBe(0)
    expect(await refusedWithoutTrace(r, () => appoint(r, 'm-4', 'l-4'))).toMatchObject(
      rule('seats-full'),
    )
  })
})

describe('the council’s balance of migrant and local representatives (hall-balance)', () => {
  it('an appointment that would put migrants more than the tolerance ahead of locals is refused (hall-balance)', async () => {
    const r = await constituted()
    await r.must(SO_HEAD, 'appointRepresentative', resident('m-1'))
    expect(
      await refusedWithoutTrace(r, () => r.send(SO_HEAD, 'appointRepresentative', resident('m-2'))),
    ).toMatchObject(rule('hall-balance'))
    expect(await roster(r)).toEqual(['m-1'])
  })

  it('nor locals more than the tolerance ahead of migrants', async () => {
    const r = await constituted()
    await r.must(SO_HEAD, 'appointRepresentative', resident('l-1'))
    expect(
      await refusedWithoutTrace(r, () => r.send(SO_HEAD, 'appointRepresentative', resident('l-2'))),
    ).toMatchObject(rule('hall-balance'))
    // a party-committee seat for the chair counts as local too (registered household)
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(SO_HEAD, 'appointRepresentative', {
          person: SO_HEAD,
          kind: 'party-committee',
          organisation: BRANCH,
        }),
      ),
    ).toMatchObject(rule('hall-balance'))
  })

  it('balanced batch appointments are made', async () => {
    const r = await constituted()
    const handled = await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-1', 'm-2', 'm-3', 'l-1', 'l-2'].map(resident),
    })
    expect(typesOf(handled)).toHaveLength(5)
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: [
        resident('l-3'),
        { person: SO_HEAD, kind: 'party-committee', organisation: BRANCH },
        resident('m-4'),
      ],
    })
    expect(await composition(r)).toMatchObject({ migrant: 4, local: 4, balanced: true })
  })

  it('an unbalanced batch is refused whole', async () => {
    const r = await constituted()
    expect(
      await refusedWithoutTrace(r, () => appoint(r, 'm-1', 'm-2', 'l-1', 'm-3')),
    ).toMatchObject(rule('hall-balance'))
    expect(await roster(r)).toEqual([])
  })

  it('a removal that would tip the balance is refused', async () => {
    const r = await constituted()
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-1', 'm-2', 'l-1'].map(resident),
    })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(SO_HEAD, 'removeRepresentative', { person: 'l-1' }),
      ),
    ).toMatchObject(rule('hall-balance'))
    await r.must(SO_HEAD, 'removeRepresentative', { person: 'm-2' })
    expect(await roster(r)).toEqual(['l-1', 'm-1'])
  })

  it('a charter amendment that the roster would break is refused', async () => {
    const r = await constituted()
    await appoint(r, 'm-1', 'm-2', 'l-1')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(SO_HEAD, 'amendCharter', { charter: councilCharter({ balance: { tolerance: 0 } }) }),
      ),
    ).toMatchObject(rule('hall-balance'))
  })
})

// ---------------------------------------------------------------------------------------------
// Composition

describe('councilComposition: seats, balance and the chair', () => {
  it('a new council: eight vacant seats, in balance, chaired by the branch secretary', async () => {
    const r = await constituted()
    expect(await composition(r)).toEqual({
      council: await councilOf(r),
      seats: 8,
      representatives: 0,
      migrant: 0,
      local: 0,
      tolerance: 1,
      balanced: true,
      vacancies: 8,
      chair: SO_HEAD,
      chairIsBranchSecretary: true,
    })
  })

  it('counts migrant and local representatives through the registry', async () => {
    const r = await constituted()
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['p-wang', 'm-1', 'f-1', 'l-1', 'l-2'].map(resident),
    })
    expect(await composition(r)).toMatchObject({
      seats: 8,
      representatives: 5,
      migrant: 3,
      local: 2,
      tolerance: 1,
      balanced: true,
      vacancies: 3,
    })
  })

  it('chairIsBranchSecretary turns false when the chair’s secretary post ends (endRole)', async () => {
    const r = await constituted()
    await r.must('p-zhou', 'endRole', { assignment: 'as-council-sec', reason: 'Term ended' })
    expect(await composition(r)).toMatchObject({
      chair: SO_HEAD,
      chairIsBranchSecretary: false,
    })
    // a new secretary who is not the hall's chair does not make it true either
    await r.must('p-zhou', 'appointRole', {
      assignment: 'as-council-sec-2',
      person: 'l-1',
      role: 'secretary',
      scope: { level: 'organisation', id: BRANCH },
    })
    expect((await composition(r)).chairIsBranchSecretary).toBe(false)
  })

  it('a household change in the registry can tip a seated council out of balance; the query shows it', async () => {
    const r = await constituted()
    await appoint(r, 'm-1', 'm-2', 'l-1', 'l-2')
    // m-1 gains a local household registration 入户: three locals to one migrant
    await r.must(CLERK, 'changeHousehold', { person: 'm-1', household: { status: 'registered' } })
    expect(await composition(r)).toMatchObject({ migrant: 1, local: 3, balanced: false })
    // the hall refuses what would not bring it back within the tolerance, and takes what would
    expect(await refusedWithoutTrace(r, () => appoint(r, 'l-3'))).toMatchObject(
      rule('hall-balance'),
    )
    await r.must(SO_HEAD, 'appointRepresentative', resident('m-3'))
    expect(await composition(r)).toMatchObject({ migrant: 2, local: 3, balanced: true })
  })

  it('the council’s tolerance can be changed, and the query reads the new one', async () => {
    const r = await constituted()
    await appoint(r, 'm-1', 'l-1')
    await r.must(SO_HEAD, 'amendCharter', {
      charter: councilCharter({ balance: { tolerance: 0 } }),
    })
    expect(await composition(r)).toMatchObject({
      seats: 8,
      tolerance: 0,
      balanced: true,
      vacancies: 6,
      representatives: 2,
    })
  })
})

// ---------------------------------------------------------------------------------------------
// Bad input

describe('bad input is refused with the path of the bad field, and changes nothing', () => {
  it.each([
    ['constituteCouncil', { articles: 'Article one' }, '$.articles'],
    ['constituteCouncil', { articles: ['Article one', 42] }, '$.articles[1]'],
    ['constituteCouncil', { hall: 7 }, '$.hall'],
    ['constituteCouncil', { name: '' }, '$.name'],
  ] as const)('%s with %j names %s', async (type, overrides, path) => {
    const r = await seedIntegration()
    const error = await refusedWithoutTrace(r, () =>
      r.send(EAST_CLERK, type, councilPayload(overrides)),
    )
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toEqual([path])
  })

  it('amendArticles with articles that are not a list names $.articles', async () => {
    const r = await constituted()
    const error = await refusedWithoutTrace(r, () =>
      r.send(SO_HEAD, 'amendArticles', { council: COUNCIL, articles: { 1: 'Article one' } }),
    )
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError')
      expect(error.issues.map((i) => i.path)).toEqual(['$.articles'])
    expect((await councilOf(r))?.articles).toEqual(ARTICLES)
  })
})

// ---------------------------------------------------------------------------------------------
// The council deliberates as a hall

describe('the council deliberates as its hall does', () => {
  it('with a balanced roster the chair opens a meeting, and a motion is moved, seconded, voted and adopted', async () => {
    const r = await constituted()
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: [
        { person: SO_HEAD, kind: 'party-committee', organisation: BRANCH },
        ...['m-1', 'm-2', 'm-3', 'l-1', 'l-2'].map(resident),
      ],
    })
    expect((await composition(r)).balanced).toBe(true)
    await r.must('m-1', 'submitDemand', {
      demand: 'd-1',
      resident: 'm-1',
      channel: 'online',
      text: 'Night school places for migrant children',
    })
    await r.must(SO_HEAD, 'aggregateDemands', {
      matter: 'm-school',
      title: 'Night school places',
      demands: ['d-1'],
    })
    await r.must(SO_HEAD, 'scheduleMeeting', {
      meeting: 'mt-1',
      scheduledFor: '2024-06-15T15:00:00+08:00',
    })
    await r.must(SO_HEAD, 'putOnAgenda', { matter: 'm-school', meeting: 'mt-1' })
    await r.must(SO_HEAD, 'openMeeting', {
      meeting: 'mt-1',
      present: [SO_HEAD, 'm-1', 'm-2', 'l-1', 'l-2'],
    })
    await r.must('m-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-1',
      matter: 'm-school',
      text: 'Open twenty night-school places',
    })
    await r.must('l-1', 'secondMotion', { motion: 'mo-1' })
    await r.must(SO_HEAD, 'openVoting', { motion: 'mo-1' })
    for (const [person, choice] of [
      ['m-1', 'yes'],
      ['m-2', 'yes'],
      ['l-1', 'yes'],
      ['l-2', 'no'],
    ] as const)
      await r.must(person, 'castVote', { motion: 'mo-1', choice })
    const closed = await r.must(SO_HEAD, 'closeVoting', { motion: 'mo-1' })
    expect(closed.events[0]?.event).toMatchObject({
      type: 'votingClosed',
      tally: { yes: 3, no: 1, abstain: 0 },
      status: 'adopted',
    })
    const hall = await r.hall()
    expect(lookup(hall.motions, MotionId.make('mo-1'))?.status).toBe('adopted')
    expect(lookup(hall.matters, MatterId.make('m-school'))?.status).toBe('decided')
  })
})

// ---------------------------------------------------------------------------------------------
// After review: loosening, mending, places and dissolution

describe('a council stays about equal, can be mended, and sits where its branch does', () => {
  it('a council’s tolerance is at most a quarter of its seats: the chair cannot loosen it away (council-charter)', async () => {
    const r = await constituted()
    for (const balance of [{ tolerance: 3 }, { tolerance: 50 }])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(SO_HEAD, 'amendCharter', { charter: councilCharter({ balance }) }),
        ),
      ).toMatchObject(rule('council-charter'))
    // two of eight seats is a quarter: allowed
    await r.must(SO_HEAD, 'amendCharter', {
      charter: councilCharter({ balance: { tolerance: 2 } }),
    })
  })

  it('a full council tipped out of balance by household changes can be mended, and not made worse', async () => {
    const r = await constituted()
    await appoint(r, 'm-1', 'm-2', 'm-3', 'm-4', 'l-1', 'l-2', 'l-3', 'l-4')
    for (const person of ['m-1', 'm-2'])
      await r.must(CLERK, 'changeHousehold', { person, household: { status: 'registered' } })
    expect(await composition(r)).toMatchObject({ migrant: 2, local: 6, balanced: false })
    // removing a migrant widens the gap: refused
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(SO_HEAD, 'removeRepresentative', { person: 'm-3' }),
      ),
    ).toMatchObject(rule('hall-balance'))
    // removing locals narrows it, one step at a time, and migrants fill the seats
    await r.must(SO_HEAD, 'removeRepresentative', { person: 'l-1' })
    await r.must(SO_HEAD, 'removeRepresentative', { person: 'l-2' })
    await r.must(SO_HEAD, 'appointRepresentative', resident('f-1'))
    expect(await composition(r)).toMatchObject({ migrant: 3, local: 4, balanced: true })
  })

  it('a council is not constituted on a hall whose roster is out of balance (council-balance)', async () => {
    const r = await seedIntegration()
    await appoint(r, 'm-1', 'l-1')
    await r.must(CLERK, 'changeHousehold', { person: 'm-1', household: { status: 'registered' } })
    // two locals, no migrant: more than one apart
    expect(await refusedWithoutTrace(r, () => constitute(r))).toMatchObject(rule('council-balance'))
  })

  it('a council branch carries a council only on a hall where it sits (council-branch)', async () => {
    const r = await seedIntegration()
    await r.must(CLERK, 'openHall', {
      hall: 'h-west',
      name: 'West hall',
      place: place('community', 'c-west'),
      charter: councilCharter(),
      chair: SO_HEAD,
    })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CLERK, 'constituteCouncil', councilPayload({ hall: 'h-west' })),
      ),
    ).toMatchObject(rule('council-branch'))
  })
})

// ---------------------------------------------------------------------------------------------
// Residency: the council counts its hall's representatives as the hall does, who act now

describe('the council counts the representatives who act now, as its hall does', () => {
  const leave = (r: IntegrationStreet, person: string) =>
    r.must(CLERK, 'recordDeparture', { person, destination: 'Honghu, Hubei' })

  it('resident representatives who have left the street count no more for the council’s balance (council-balance)', async () => {
    const r = await seedIntegration()
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-1', 'm-2', 'l-1', 'l-2'].map(resident),
    })
    for (const person of ['m-1', 'm-2']) await leave(r, person)
    // Two seated migrants have left: two locals act, and no migrant.
    expect(await refusedWithoutTrace(r, () => constitute(r))).toMatchObject(rule('council-balance'))
    // Their seats are freed (the hall's balance rule counts who acts, so removal is no worse),
    // and two migrants who live in East mend the roster.
    for (const person of ['m-1', 'm-2']) await r.must(SO_HEAD, 'removeRepresentative', { person })
    await r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-3', 'm-4'].map(resident),
    })
    await r.must(EAST_CLERK, 'constituteCouncil', councilPayload())
  })

  it('councilComposition counts who acts, and as vacancies the seats nobody holds', async () => {
    const r = await constituted()
    await appoint(r, 'm-1', 'm-2', 'l-1', 'l-2')
    await leave(r, 'm-1')
    expect(await composition(r)).toMatchObject({
      seats: 8,
      representatives: 3,
      migrant: 1,
      local: 2,
      balanced: true,
      // m-1 still holds a seat until removed
      vacancies: 4,
    })
  })
})
