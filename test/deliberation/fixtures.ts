import * as E from 'fp-ts/lib/Either.js'
import {
  combine,
  createEngine,
  createMemoryStore,
  HallId,
  StreetId,
  type DomainError,
  type Handled,
} from '../../src/core/index.js'
import { community, registryStream } from '../../src/community/index.js'
import { deliberation, hallStream } from '../../src/deliberation/index.js'

export const STREET = 'n-street'
export const CLERK = 'p-clerk'
export const HALL = 'h-365'
export const CHAIR = 'p-chair'

/** The registry and the halls of a street, run by one engine over one store. */
const street = combine('street', { community, deliberation })
type Street = typeof street
type Event = Parameters<Street['evolve']>[1]
type State = Street['initialState']

/** A charter with a quorum of half, a simple majority, 3 minutes a turn, 2 turns a motion. */
export const charter = (overrides: Record<string, unknown> = {}) => ({
  quorum: { numerator: 1, denominator: 2 },
  threshold: 'simple-majority',
  minutesPerTurn: 3,
  turnsPerMotion: 2,
  balance: null,
  passMark: 4,
  ...overrides,
})

/**
 * J community (seed 002) as an engine: registry commands and hall commands are sent as JSON;
 * hall commands get `street` and `hall` filled in. `at` is a new minute for each command unless
 * given.
 */
export const createStreet = () => {
  const store = createMemoryStore<Event>()
  const engine = createEngine({ decider: street, store, clock: 'none' })
  let n = 0
  const send = (
    actor: string,
    type: string,
    payload: Record<string, unknown> = {},
    at?: string,
  ): Promise<E.Either<DomainError, Handled<Event, State>>> => {
    n += 1
    const minute = String(n % 60).padStart(2, '0')
    const hour = String(8 + (Math.floor(n / 60) % 14)).padStart(2, '0')
    const day = String(1 + Math.floor(n / 840)).padStart(2, '0')
    const isHall = deliberation.commandTypes.includes(type as never)
    return engine.handle({
      type,
      commandId: `cmd-${n}`,
      at: at ?? `2024-05-${day}T${hour}:${minute}:00+08:00`,
      actor,
      street: STREET,
      ...(isHall ? { hall: HALL } : {}),
      ...payload,
    })
  }
  const must = async (
    actor: string,
    type: string,
    payload: Record<string, unknown> = {},
    at?: string,
  ) => {
    const result = await send(actor, type, payload, at)
    if (E.isLeft(result)) throw new Error(`${type} was refused: ${result.left.message}`)
    return result.right
  }
  /** The hall's state. */
  const hall = async () => (await engine.load(hallStream(HallId.make(HALL)))).state
  /** The registry's state. */
  const registry = async () => (await engine.load(registryStream(StreetId.make(STREET)))).state
  return { store, engine, send, must, hall, registry }
}

export type StreetEngine = ReturnType<typeof createStreet>

export const place = (level: string, id: string) => ({ level, id })
export const org = (id: string) => ({ level: 'organisation', id })

/** The error of a refused command (fails the test if it was accepted). */
export const refusal = <A>(result: E.Either<DomainError, A>): DomainError => {
  if (E.isRight(result)) throw new Error('expected the command to be refused, but it was accepted')
  return result.left
}

/**
 * J community: one compound with three building entrances (e-1, e-2, e-3); a building head per
 * entrance (p-head-1..3); residents r-1..r-6 (two per building; r-2, r-4, r-6 migrant); the chair
 * p-chair; the property company o-property led by p-prop; the LD social organisation o-ld led
 * by p-ld; the residents' committee o-rc led by p-rc; the community party committee o-party
 * (secretary p-chair); a party group o-group-1 in e-1 led by p-group; the red owners' committee
 * o-red with p-red; a volunteer leader p-vol; and the hall h-365 at the community, open, with
 * six representatives (one per kind: p-chair party, p-rc residents' committee, r-1 resident,
 * p-ld social organisation, p-prop property company, p-police other social force) and
 * supervisor p-red.
 */
export const seedJCommunity = async (hallCharter = charter()): Promise<StreetEngine> => {
  const r = createStreet()
  await r.must(CLERK, 'openRegistry', {
    name: 'N Street',
    registrar: CLERK,
    registrarName: 'Clerk',
    assignment: 'as-clerk',
  })
  await r.must(CLERK, 'registerCommunity', {
    community: 'c-j',
    name: 'J Community',
    settlement: 'community',
  })
  await r.must(CLERK, 'registerGrid', { grid: 'g-j', community: 'c-j', name: 'J grid' })
  await r.must(CLERK, 'registerCompound', { compound: 'k-j', grid: 'g-j', name: 'J compound' })
  for (const e of ['e-1', 'e-2', 'e-3'])
    await r.must(CLERK, 'registerEntrance', { entrance: e, compound: 'k-j', name: `Building ${e}` })
  const registered = { status: 'registered' }
  const migrant = { status: 'migrant', origin: 'Hebei' }
  const people: ReadonlyArray<readonly [string, string, object, object | null]> = [
    ['p-chair', 'Party Secretary Wu', registered, place('community', 'c-j')],
    ['p-rc', 'Director Sun', registered, place('community', 'c-j')],
    ['p-prop', 'Manager Zhao', registered, null],
    ['p-ld', 'Social Worker Lin', registered, null],
    ['p-police', 'Officer He', registered, null],
    ['p-red', 'Owner Qian', registered, place('entrance', 'e-2')],
    ['p-vol', 'Volunteer Feng', registered, place('entrance', 'e-3')],
    ['p-group', 'Group Leader Tao', registered, place('entrance', 'e-1')],
    ['p-head-1', 'Head One', registered, place('entrance', 'e-1')],
    ['p-head-2', 'Head Two', migrant, place('entrance', 'e-2')],
    ['p-head-3', 'Head Three', registered, place('entrance', 'e-3')],
    ['r-1', 'Resident One', registered, place('entrance', 'e-1')],
    ['r-2', 'Resident Two', migrant, place('entrance', 'e-1')],
    ['r-3', 'Resident Three', registered, place('entrance', 'e-2')],
    ['r-4', 'Resident Four', migrant, place('entrance', 'e-2')],
    ['r-5', 'Resident Five', registered, place('entrance', 'e-3')],
    ['r-6', 'Resident Six', migrant, place('entrance', 'e-3')],
  ]
  for (const [person, name, household, home] of people)
    await r.must(CLERK, 'registerPerson', { person, name, household, home })
  const organisation = async (spec: Record<string, unknown>, actor = CLERK) =>
    r.must(actor, 'registerOrganisation', { organisation: spec })
  await organisation({
    kind: 'party-committee',
    id: 'o-party',
    name: 'N Street Working Committee',
    seat: place('street', STREET),
    parent: null,
  })
  await r.must(CLERK, 'appointRole', {
    assignment: 'as-chair-party',
    person: 'p-chair',
    role: 'secretary',
    scope: org('o-party'),
  })
  await organisation(
    {
      kind: 'party-branch',
      id: 'o-j-branch',
      name: 'J Community Branch',
      seat: place('community', 'c-j'),
      parent: 'o-party',
      branch: { kind: 'community' },
    },
    'p-chair',
  )
  await organisation(
    {
      kind: 'party-group',
      id: 'o-group-1',
      name: 'Building 1 party group',
      seat: place('entrance', 'e-1'),
      parent: 'o-j-branch',
    },
    'p-chair',
  )
  await r.must('p-chair', 'appointRole', {
    assignment: 'as-group',
    person: 'p-group',
    role: 'group-leader',
    scope: org('o-group-1'),
  })
  await organisation({
    kind: 'property-company',
    id: 'o-property',
    name: 'J Property',
    seat: place('community', 'c-j'),
  })
  await r.must(CLERK, 'appointRole', {
    assignment: 'as-prop',
    person: 'p-prop',
    role: 'director',
    scope: org('o-property'),
  })
  await organisation({
    kind: 'social-organisation',
    id: 'o-ld',
    name: 'LD Social Work',
    seat: place('community', 'c-j'),
    origin: 'purchased',
  })
  await organisation({
    kind: 'residents-committee',
    id: 'o-rc',
    name: 'J Residents Committee',
    seat: place('community', 'c-j'),
  })
  await organisation({
    kind: 'owners-committee',
    id: 'o-red',
    name: 'Red Owners Committee',
    seat: place('compound', 'k-j'),
    partyLed: true,
  })
  for (const [i, entrance] of ['e-1', 'e-2', 'e-3'].entries())
    await r.must(CLERK, 'appointRole', {
      assignment: `as-head-${i + 1}`,
      person: `p-head-${i + 1}`,
      role: 'building-head',
      scope: place('entrance', entrance),
    })
  await r.must(CLERK, 'openHall', {
    name: 'J Community 365 Hall',
    place: place('community', 'c-j'),
    charter: hallCharter,
    chair: CHAIR,
  })
  for (const [person, kind, organisationId] of [
    ['p-chair', 'party-committee', 'o-party'],
    ['p-rc', 'residents-committee', 'o-rc'],
    ['r-1', 'resident', null],
    ['p-ld', 'social-organisation', 'o-ld'],
    ['p-prop', 'property-company', 'o-property'],
    ['p-police', 'other-social-force', null],
  ] as const)
    await r.must(CHAIR, 'appointRepresentative', { person, kind, organisation: organisationId })
  await r.must(CHAIR, 'appointSupervisor', { person: 'p-red', body: 'Red Owners Committee' })
  return r
}
