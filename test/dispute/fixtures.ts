import * as E from 'fp-ts/lib/Either.js'
import {
  CaseId,
  combine,
  createEngine,
  createMemoryStore,
  type DomainError,
  type Handled,
} from '../../src/core/index.js'
import { community } from '../../src/community/index.js'
import { caseStream, dispute } from '../../src/dispute/index.js'

export const STREET = 'dq-area'
export const CLERK = 'p-clerk'

const street = combine('street', { community, dispute })
type Event = Parameters<typeof street.evolve>[1]
type State = typeof street.initialState

/**
 * The registry and the cases of a street on one engine; commands are sent as JSON with `street`
 * filled in, at a new minute each unless `at` is given.
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
    return engine.handle({
      type,
      commandId: `cmd-${n}`,
      at: at ?? `2024-03-01T${hour}:${minute}:00+08:00`,
      actor,
      street: STREET,
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
  /** A case's state (`case: null` before it is filed). */
  const caseOf = async (id: string) => (await engine.load(caseStream(CaseId.make(id)))).state
  return { store, engine, send, must, caseOf }
}

export type StreetEngine = ReturnType<typeof createStreet>

export const place = (level: string, id: string) => ({ level, id })
export const org = (id: string) => ({ level: 'organisation', id })
export const person = (id: string) => ({ kind: 'person', person: id })

/** The error of a refused command (fails the test if it was accepted). */
export const refusal = <A>(result: E.Either<DomainError, A>): DomainError => {
  if (E.isRight(result)) throw new Error('expected the command to be refused, but it was accepted')
  return result.left
}

/**
 * The D–Q linkage area (seed 001) as one registry: communities c-d (D town side) and c-q (Q town
 * side), grids g-d and g-q; residents p-d1, p-d2 (g-d) and p-q1 (g-q); grid workers p-gw-d and
 * p-gw-q; community mediators p-med-d and p-med-q; the street's mediator p-med-s; a purchased
 * legal-aid office o-legal with mediator p-legal; the property company o-prop in c-d led by
 * p-prop; the owners' committee o-owners in c-d led by p-owner.
 */
export const seedArea = async (): Promise<StreetEngine> => {
  const r = createStreet()
  await r.must(CLERK, 'openRegistry', {
    name: 'D–Q linkage area',
    registrar: CLERK,
    registrarName: 'Clerk',
    assignment: 'as-clerk',
  })
  for (const [id, name] of [
    ['c-d', 'D town side'],
    ['c-q', 'Q town side'],
  ] as const)
    await r.must(CLERK, 'registerCommunity', { community: id, name, settlement: 'community' })
  await r.must(CLERK, 'registerGrid', { grid: 'g-d', community: 'c-d', name: 'D grid' })
  await r.must(CLERK, 'registerGrid', { grid: 'g-q', community: 'c-q', name: 'Q grid' })
  const registered = { status: 'registered' }
  for (const [id, name, home] of [
    ['p-d1', 'D resident one', place('grid', 'g-d')],
    ['p-d2', 'D resident two', place('grid', 'g-d')],
    ['p-q1', 'Q resident one', place('grid', 'g-q')],
    ['p-gw-d', 'D grid worker', place('grid', 'g-d')],
    ['p-gw-q', 'Q grid worker', place('grid', 'g-q')],
    ['p-med-d', 'D mediator', place('community', 'c-d')],
    ['p-med-q', 'Q mediator', place('community', 'c-q')],
    ['p-med-s', 'Street mediator', null],
    ['p-legal', 'Legal aid lawyer', null],
    ['p-prop', 'Property manager', null],
    ['p-owner', 'Owners committee chair', place('grid', 'g-d')],
  ] as const)
    await r.must(CLERK, 'registerPerson', { person: id, name, household: registered, home })
  const appoint = (assignment: string, who: string, role: string, scope: object) =>
    r.must(CLERK, 'appointRole', { assignment, person: who, role, scope })
  await appoint('as-gw-d', 'p-gw-d', 'grid-worker', place('grid', 'g-d'))
  await appoint('as-gw-q', 'p-gw-q', 'grid-worker', place('grid', 'g-q'))
  await appoint('as-med-d', 'p-med-d', 'mediator', place('community', 'c-d'))
  await appoint('as-med-q', 'p-med-q', 'mediator', place('community', 'c-q'))
  await appoint('as-med-s', 'p-med-s', 'mediator', place('street', STREET))
  await r.must(CLERK, 'registerOrganisation', {
    organisation: {
      kind: 'social-organisation',
      id: 'o-legal',
      name: 'Legal aid office',
      seat: place('street', STREET),
      origin: 'purchased',
    },
  })
  await appoint('as-legal', 'p-legal', 'mediator', org('o-legal'))
  await r.must(CLERK, 'registerOrganisation', {
    organisation: {
      kind: 'property-company',
      id: 'o-prop',
      name: 'D Property',
      seat: place('community', 'c-d'),
    },
  })
  await appoint('as-prop', 'p-prop', 'director', org('o-prop'))
  await r.must(CLERK, 'registerOrganisation', {
    organisation: {
      kind: 'owners-committee',
      id: 'o-owners',
      name: 'D owners committee',
      seat: place('community', 'c-d'),
      partyLed: false,
    },
  })
  await appoint('as-owner', 'p-owner', 'director', org('o-owners'))
  return r
}

/** Files case `id` between `parties` where it arose; a party files with no time limits. */
export const fileCase = (
  r: StreetEngine,
  id: string,
  kind: object,
  parties: ReadonlyArray<object>,
  arose: object,
  actor: string,
  limits: object = { grid: null, community: null },
) => r.must(actor, 'fileCase', { case: id, kind, parties, arose, summary: 'A dispute', limits })
