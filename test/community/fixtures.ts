import * as E from 'fp-ts/lib/Either.js'
import {
  createEngine,
  createMemoryStore,
  StreetId,
  type CommandId,
  type DomainError,
  type Handled,
  type Instant,
  type Mechanism,
  type Tagged,
} from '../../src/core/index.js'
import { community, registryStream } from '../../src/community/index.js'

export const STREET = 's-street'
export const CLERK = 'p-clerk'

/** When a street's fixture starts: its first command is a minute later. */
export const START = '2024-04-24T08:00:00+08:00'

const HOUR = 3_600_000

/** An instant (milliseconds) written in China Standard Time, `…+08:00`. */
const beijing = (millis: number): string =>
  `${new Date(millis + 8 * HOUR).toISOString().slice(0, 19)}+08:00`

/**
 * A mechanism on a street's registry stream (the registry, or one that extends it) run through
 * the engine, with a helper that sends commands as JSON.
 *
 * The stream runs forward (`earlier-than-last-event`), so the helper keeps a clock: `send` dates
 * each command a minute after the last one sent, from `start`; `sendAt` dates a command at a
 * chosen instant and moves the clock on to it, so that later `send`s come after it.
 */
export const createStreetEngine = <
  C extends Tagged & { readonly commandId: CommandId; readonly at: Instant },
  Ev extends Tagged,
  S,
>(
  decider: Mechanism<C, Ev, S>,
  start: string = START,
) => {
  const store = createMemoryStore<Ev>()
  const engine = createEngine({ decider, store, clock: 'none' })
  let n = 0
  let clock = Date.parse(start)
  const sendAt = (
    at: string,
    actor: string,
    type: string,
    payload: Record<string, unknown> = {},
  ): Promise<E.Either<DomainError, Handled<Ev, S>>> => {
    n += 1
    const millis = Date.parse(at)
    if (millis > clock) clock = millis
    return engine.handle({
      type,
      commandId: `cmd-${n}`,
      at,
      actor,
      street: STREET,
      ...payload,
    })
  }
  const send = (actor: string, type: string, payload: Record<string, unknown> = {}) =>
    sendAt(beijing(clock + 60_000), actor, type, payload)
  const must = async (actor: string, type: string, payload: Record<string, unknown> = {}) => {
    const result = await send(actor, type, payload)
    if (E.isLeft(result)) throw new Error(`${type} was refused: ${result.left.message}`)
    return result.right
  }
  const mustAt = async (
    at: string,
    actor: string,
    type: string,
    payload: Record<string, unknown> = {},
  ) => {
    const result = await sendAt(at, actor, type, payload)
    if (E.isLeft(result)) throw new Error(`${type} was refused: ${result.left.message}`)
    return result.right
  }
  const state = async (): Promise<S> =>
    (await engine.load(registryStream(StreetId.make(STREET)))).state
  return { store, engine, send, must, sendAt, mustAt, state }
}

/** The registry alone, run through the engine, from `start` ({@link START} by default). */
export const createRegistry = (start?: string) => createStreetEngine(community, start)

export type Registry = ReturnType<typeof createRegistry>

/** What {@link seedStreet} needs of an engine helper. */
interface Sends {
  readonly must: (
    actor: string,
    type: string,
    payload?: Record<string, unknown>,
  ) => Promise<unknown>
}

export const place = (level: string, id: string) => ({ level, id })
export const org = (id: string) => ({ level: 'organisation', id })

/**
 * A small street: East and West communities, grids, a compound with an entrance, a street
 * committee with a secretary, an East community committee, and a few residents.
 */
export const seedStreet = (start?: string): Promise<Registry> =>
  seedStreetInto(createRegistry(start))

/** Seeds the small street of {@link seedStreet} through any engine on the registry stream. */
export const seedStreetInto = async <R extends Sends>(r: R): Promise<R> => {
  await r.must(CLERK, 'openRegistry', {
    name: 'S Street',
    registrar: CLERK,
    registrarName: 'Clerk Liang',
    assignment: 'as-clerk',
  })
  await r.must(CLERK, 'registerCommunity', {
    community: 'c-east',
    name: 'East',
    settlement: 'community',
  })
  await r.must(CLERK, 'registerCommunity', {
    community: 'c-west',
    name: 'West',
    settlement: 'village',
  })
  await r.must(CLERK, 'registerGrid', { grid: 'g-east', community: 'c-east', name: 'East grid' })
  await r.must(CLERK, 'registerGrid', { grid: 'g-west', community: 'c-west', name: 'West grid' })
  await r.must(CLERK, 'registerCompound', {
    compound: 'k-east',
    grid: 'g-east',
    name: 'East compound',
  })
  await r.must(CLERK, 'registerEntrance', {
    entrance: 'e-east',
    compound: 'k-east',
    name: 'Entrance A',
  })
  for (const [person, name, home] of [
    ['p-zhou', 'Zhou Min', place('community', 'c-east')],
    ['p-chen', 'Chen Li', place('community', 'c-west')],
    ['p-east-clerk', 'Clerk Huang', place('community', 'c-east')],
  ] as const) {
    await r.must(CLERK, 'registerPerson', {
      person,
      name,
      household: { status: 'registered' },
      home,
    })
  }
  await r.must(CLERK, 'registerPerson', {
    person: 'p-wang',
    name: 'Wang Jun',
    household: { status: 'migrant', origin: 'Honghu, Hubei' },
    home: place('entrance', 'e-east'),
  })
  await r.must(CLERK, 'appointRole', {
    assignment: 'as-east-clerk',
    person: 'p-east-clerk',
    role: 'registrar',
    scope: place('community', 'c-east'),
  })
  await r.must(CLERK, 'registerOrganisation', {
    organisation: {
      kind: 'party-committee',
      id: 'o-street',
      name: 'Street Working Committee',
      seat: place('street', STREET),
      parent: null,
    },
  })
  await r.must(CLERK, 'appointRole', {
    assignment: 'as-zhou-street',
    person: 'p-zhou',
    role: 'secretary',
    scope: org('o-street'),
  })
  await r.must('p-zhou', 'registerOrganisation', {
    organisation: {
      kind: 'party-committee',
      id: 'o-east',
      name: 'East Community Committee',
      seat: place('community', 'c-east'),
      parent: 'o-street',
    },
  })
  return r
}

/** The error of a refused command (fails the test if it was accepted). */
export const refusal = <A>(result: E.Either<DomainError, A>): DomainError => {
  if (E.isRight(result)) throw new Error('expected the command to be refused, but it was accepted')
  return result.left
}

/** Registers a purchased social organisation `o-so` in East and its party branch `o-so-b` under `o-east`. */
export const registerSocialOrganisationWithBranch = async (r: Sends): Promise<void> => {
  await r.must(CLERK, 'registerOrganisation', {
    organisation: {
      kind: 'social-organisation',
      id: 'o-so',
      name: 'Fusion',
      seat: place('community', 'c-east'),
      origin: 'purchased',
    },
  })
  await r.must('p-zhou', 'registerOrganisation', {
    organisation: {
      kind: 'party-branch',
      id: 'o-so-b',
      name: 'Branch o-so-b',
      seat: place('community', 'c-east'),
      parent: 'o-east',
      branch: { kind: 'social-organisation', host: 'o-so' },
    },
  })
}
