import { embedding } from '../../src/embedding/index.js'
import { CLERK, createStreetEngine, org, place, seedStreetInto } from '../community/fixtures.js'

export { CLERK, START, STREET, org, place, refusal } from '../community/fixtures.js'

/**
 * The embedding mechanism run through the engine on a street's registry stream, from `start`
 * (the registry fixtures' `START` by default).
 */
export const createEmbedding = (start?: string) => createStreetEngine(embedding, start)

export type Embedding = ReturnType<typeof createEmbedding>

/**
 * The small street of the registry fixtures, run through the embedding mechanism, plus:
 * - `p-east-sec`, secretary of the East community committee `o-east`;
 * - `o-grid-east`, a grid branch in `g-east` founded by `p-zhou` with `p-li` as its secretary;
 * - residents of East: `p-m1`, `p-m2` (grid), `p-m3` (entrance), `p-h1`, `p-h2` (households);
 * - `p-w1`, a resident of West.
 *
 * Seeded from `start` (a minute a command), so that a test can date what follows after it.
 */
export const seedEmbedding = async (start?: string): Promise<Embedding> => {
  const r = await seedStreetInto(createEmbedding(start))
  const residents = [
    ['p-east-sec', 'Secretary Ma', place('community', 'c-east')],
    ['p-li', 'Li Na', place('grid', 'g-east')],
    ['p-m1', 'Member One', place('grid', 'g-east')],
    ['p-m2', 'Member Two', place('grid', 'g-east')],
    ['p-m3', 'Member Three', place('entrance', 'e-east')],
    ['p-h1', 'Household One', place('entrance', 'e-east')],
    ['p-h2', 'Household Two', place('grid', 'g-east')],
    ['p-w1', 'West Resident', place('grid', 'g-west')],
  ] as const
  for (const [person, name, home] of residents)
    await r.must(CLERK, 'registerPerson', {
      person,
      name,
      household: { status: 'migrant', origin: 'Honghu, Hubei' },
      home,
    })
  await r.must('p-zhou', 'appointRole', {
    assignment: 'as-east-sec',
    person: 'p-east-sec',
    role: 'secretary',
    scope: org('o-east'),
  })
  await r.must('p-zhou', 'foundBranch', {
    organisation: {
      kind: 'party-branch',
      id: 'o-grid-east',
      name: 'East Grid Branch',
      seat: place('grid', 'g-east'),
      parent: 'o-east',
      branch: { kind: 'grid' },
    },
    among: 'the residents of East grid',
    secretary: { person: 'p-li', assignment: 'as-li-grid' },
  })
  return r
}
