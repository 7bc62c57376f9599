import * as E from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import {
  combine,
  createEngine,
  createMemoryStore,
  HallId,
  StreetId,
  type DomainError,
  type Handled,
} from '../../src/core/index.js'
import { registryStream } from '../../src/community/index.js'
import { embedding } from '../../src/embedding/index.js'
import { deliberation, hallStream } from '../../src/deliberation/index.js'
import { integration, integrationStream } from '../../src/integration/index.js'
import {
  CLERK,
  STREET,
  org,
  place,
  registerSocialOrganisationWithBranch,
  seedStreetInto,
} from '../community/fixtures.js'

export { CLERK, STREET, org, place, refusal } from '../community/fixtures.js'
import { refusal } from '../community/fixtures.js'

/** The council's hall. */
export const HALL = 'h-council'
/** Head of the Fusion social organisation `o-so`: secretary of its branch and of the council branch. */
export const SO_HEAD = 'p-so-head'
/** Director of the social-work centre `o-swc`, the points bank's operator. */
export const SWC = 'p-swc'
/** The East community's registrar. */
export const EAST_CLERK = 'p-east-clerk'

/** The registry (with embedding), the halls and integration of a street, on one engine and store. */
const streetMechanism = combine('street', { embedding, deliberation, integration })
type Street = typeof streetMechanism
type Event = Parameters<Street['evolve']>[1]
type State = Street['initialState']

/** A council's charter: half quorum, simple majority, balance within 1 seat, 8 seats. */
export const councilCharter = (overrides: Record<string, unknown> = {}) => ({
  quorum: { numerator: 1, denominator: 2 },
  threshold: 'simple-majority',
  minutesPerTurn: 3,
  turnsPerMotion: 2,
  balance: { tolerance: 1 },
  passMark: 4,
  seats: 8,
  council: true,
  ...overrides,
})

/**
 * A street run by one engine: commands are sent as JSON with `street` filled in; hall commands
 * get `hall` too. Each command is a minute after the last one, from 2024-06-01 08:01, unless `at`
 * is given.
 */
export const createIntegrationStreet = () => {
  const store = createMemoryStore<Event>()
  const engine = createEngine({ decider: streetMechanism, store, clock: 'none' })
  let n = 0
  const timeOf = (k: number) => {
    const day = String(1 + Math.floor(k / 600)).padStart(2, '0')
    const hour = String(8 + Math.floor((k % 600) / 60)).padStart(2, '0')
    const minute = String(k % 60).padStart(2, '0')
    return `2024-06-${day}T${hour}:${minute}:00+08:00`
  }
  const send = (
    actor: string,
    type: string,
    payload: Record<string, unknown> = {},
    at?: string,
  ): Promise<E.Either<DomainError, Handled<Event, State>>> => {
    n += 1
    const isHall = deliberation.commandTypes.includes(type as never)
    return engine.handle({
      type,
      commandId: `cmd-${n}`,
      at: at ?? timeOf(n),
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
  /** The street's integration state. */
  const state = async () => (await engine.load(integrationStream(StreetId.make(STREET)))).state
  /** The street's registry and embedding records. */
  const street = async () => (await engine.load(registryStream(StreetId.make(STREET)))).state
  /** The council hall's state. */
  const hall = async () => (await engine.load(hallStream(HallId.make(HALL)))).state
  /** The time of the next command (when a test needs to name it). */
  const nextAt = () => timeOf(n + 1)
  return { store, engine, send, must, state, street, hall, nextAt }
}

export type IntegrationStreet = ReturnType<typeof createIntegrationStreet>

/** Migrant residents of East (from Honghu): `p-wang` (entrance), `m-1` … `m-4`, family `f-1`. */
export const MIGRANTS = ['p-wang', 'm-1', 'm-2', 'm-3', 'm-4'] as const
/** Registered (local) residents of East. */
export const LOCALS = ['l-1', 'l-2', 'l-3', 'l-4'] as const

/**
 * The small street of the registry fixtures (East and West communities, street committee
 * `o-street` with secretary `p-zhou`, East committee `o-east`, East registrar `p-east-clerk`,
 * migrant `p-wang`), run with embedding, deliberation and integration, plus:
 * - migrants `m-1` … `m-4` and a family in need `f-1` (migrant), locals `l-1` … `l-4`, all in East,
 *   and `w-1`, a migrant of West;
 * - the Fusion social organisation `o-so` with its branch `o-so-b`, both led by `p-so-head`;
 * - the council branch `o-council-b` under `o-east`, secretary `p-so-head` (兼任);
 * - the Jingchu floating branch `o-jingchu` (migrant party branch) under `o-street`, at the street;
 * - the social-work centre `o-swc` (purchased social organisation) directed by `p-swc`;
 * - a barbershop `o-barber` (other social force) directed by `p-barber`, a living-service provider;
 * - `p-wang` a party member who has reported to `o-east` (embedded), `m-1` a member still only
 *   discovered (not embedded);
 * - teachers `t-gov` and `t-college` (registered, East);
 * - the council hall `h-council` at East, chaired by `p-so-head`, with {@link councilCharter} and
 *   no representatives yet.
 */
export const seedIntegration = async (): Promise<IntegrationStreet> => {
  const r = await seedStreetInto(createIntegrationStreet())
  const east = place('community', 'c-east')
  const migrant = { status: 'migrant', origin: 'Honghu, Hubei' }
  const registered = { status: 'registered' }
  for (const [person, name, household, home] of [
    ['m-1', 'Migrant One', migrant, place('grid', 'g-east')],
    ['m-2', 'Migrant Two', migrant, place('grid', 'g-east')],
    ['m-3', 'Migrant Three', migrant, place('grid', 'g-east')],
    ['m-4', 'Migrant Four', migrant, place('grid', 'g-east')],
    ['f-1', 'Family in Need', migrant, place('grid', 'g-east')],
    ['l-1', 'Local One', registered, east],
    ['l-2', 'Local Two', registered, east],
    ['l-3', 'Local Three', registered, east],
    ['l-4', 'Local Four', registered, east],
    ['w-1', 'West Migrant', migrant, place('grid', 'g-west')],
    [SO_HEAD, 'Head Lin', registered, east],
    [SWC, 'Director Xu', registered, east],
    ['p-barber', 'Barber Deng', registered, east],
    ['t-gov', 'Teacher Gao', registered, east],
    ['t-college', 'Teacher He', registered, east],
  ] as const)
    await r.must(CLERK, 'registerPerson', { person, name, household, home })

  await registerSocialOrganisationWithBranch(r)
  await r.must(CLERK, 'appointRole', {
    assignment: 'as-so-head',
    person: SO_HEAD,
    role: 'director',
    scope: org('o-so'),
  })
  await r.must('p-zhou', 'appointRole', {
    assignment: 'as-so-b-sec',
    person: SO_HEAD,
    role: 'secretary',
    scope: org('o-so-b'),
  })
  await r.must('p-zhou', 'registerOrganisation', {
    organisation: {
      kind: 'party-branch',
      id: 'o-council-b',
      name: 'Council Branch',
      seat: east,
      parent: 'o-east',
      branch: { kind: 'council' },
    },
  })
  await r.must('p-zhou', 'appointRole', {
    assignment: 'as-council-sec',
    person: SO_HEAD,
    role: 'secretary',
    scope: org('o-council-b'),
  })
  await r.must('p-zhou', 'registerOrganisation', {
    organisation: {
      kind: 'party-branch',
      id: 'o-jingchu',
      name: 'Jingchu Floating Branch',
      seat: place('street', STREET),
      parent: 'o-street',
      branch: { kind: 'floating', homeOrganisation: 'Honghu County Committee', origin: 'Honghu' },
    },
  })
  for (const [id, kind, extra, director, assignment] of [
    ['o-swc', 'social-organisation', { origin: 'purchased' }, SWC, 'as-swc'],
    ['o-barber', 'other-social-force', { description: 'Barbershop' }, 'p-barber', 'as-barber'],
  ] as const) {
    await r.must(CLERK, 'registerOrganisation', {
      organisation: { kind, id, name: id, seat: east, ...extra },
    })
    await r.must(CLERK, 'appointRole', {
      assignment,
      person: director,
      role: 'director',
      scope: org(id),
    })
  }
  // p-wang reports to the East committee (embedded); m-1 is only discovered.
  await r.must('p-zhou', 'discoverMember', {
    person: 'p-wang',
    organisation: 'o-east',
    found: 'pocket',
    homeOrganisation: 'Honghu County Committee',
  })
  await r.must('p-zhou', 'contactMember', { member: 'p-wang' })
  await r.must('p-wang', 'reportToCommunity', {
    member: 'p-wang',
    community: 'c-east',
    organisation: 'o-east',
  })
  await r.must('p-zhou', 'discoverMember', {
    person: 'm-1',
    organisation: 'o-east',
    found: 'hidden',
    homeOrganisation: 'Honghu County Committee',
  })
  await r.must(EAST_CLERK, 'openHall', {
    name: 'East Co-governance Council',
    place: east,
    charter: councilCharter(),
    chair: SO_HEAD,
  })
  return r
}

/** The shape of a refusal by a named rule (for `toMatchObject`). */
export const rule = (name: string) => ({ code: 'RuleViolation', rule: name })

/** The shape of a Forbidden (for `toMatchObject`), with the roles that would do when given. */
export const forbiddenTo = (actor: string, command: string, missingRole?: ReadonlyArray<string>) =>
  missingRole === undefined
    ? { code: 'Forbidden', actor, command }
    : { code: 'Forbidden', actor, command, missingRole }

/**
 * A refusal that changed nothing: no event stored, and the integration state and the council
 * hall as they were. Returns the error (fails the test if the command was accepted).
 */
export const refusedWithoutTrace = async (
  r: IntegrationStreet,
  sending: () => Promise<E.Either<DomainError, unknown>>,
): Promise<DomainError> => {
  const stored = r.store.readAll().length
  const before = await r.state()
  const hallBefore = await r.hall()
  const error = refusal(await sending())
  expect(r.store.readAll()).toHaveLength(stored)
  expect(await r.state()).toEqual(before)
  expect(await r.hall()).toEqual(hallBefore)
  return error
}
