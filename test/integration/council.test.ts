/**
 * The council on the engine: the context a council command loads (its hall), and bad input
 * refused with the path of the bad field. The council's rules are specs over the pure deciders
 * (`council.spec.test.ts`, `council-roster.spec.test.ts`).
 */
import { describe, expect, it } from 'vitest'
import { CouncilId, lookup } from '../../src/core/index.js'
import {
  EAST_CLERK,
  HALL,
  seedIntegration,
  SO_HEAD,
  type IntegrationStreet,
  refusedWithoutTrace,
} from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

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

/** The fixture street with the council constituted on h-council by the East registrar. */
const constituted = async () => {
  const r = await seedIntegration()
  await r.must(EAST_CLERK, 'constituteCouncil', councilPayload())
  return r
}

const councilOf = async (r: IntegrationStreet, id = COUNCIL) =>
  lookup((await r.state()).councils, CouncilId.make(id))

// ---------------------------------------------------------------------------------------------
// Context: the hall a council command names is loaded, not changed (its rules are specs over the
// pure deciders: council.spec.test.ts and council-roster.spec.test.ts)

describe('constituting a council 共治议事会 on a deliberation hall', () => {
  it('the council reuses its hall: the hall itself is not changed by constituting it', async () => {
    const r = await seedIntegration()
    const hallBefore = await r.hall()
    await r.must(EAST_CLERK, 'constituteCouncil', councilPayload())
    expect(await r.hall()).toEqual(hallBefore)
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
