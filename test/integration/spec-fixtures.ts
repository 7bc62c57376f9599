/**
 * Fixtures for integration's specs over the pure decider (no engine, no store, no clock): the
 * street of `fixtures.ts` (`seedIntegration`), built by deciding its commands one after another
 * with the test kit — the registry (with embedding) on the street's stream, the halls on theirs,
 * and the street's integration — and the points the specs decide integration commands from, with
 * the context the engine would load (the street's registry and embedding records, and the hall a
 * council command names).
 *
 * Commands are dated as `fixtures.ts` dates them: each a minute after the one before, from
 * 2024-06-01 08:01, unless a command gives its own `at`; so a spec's dates are the old tests'.
 */
import { HallId, PersonId, StreetId } from '../../src/core/index.js'
import { embedding, emptyEmbedding, type EmbeddingState } from '../../src/embedding/index.js'
import { deliberation, emptyHall, type HallState } from '../../src/deliberation/index.js'
import {
  integration,
  emptyIntegration,
  type IntegrationCommand,
  type IntegrationContext,
  type IntegrationEvent,
  type IntegrationState,
} from '../../src/integration/index.js'
import { specFor, type Given, type Then, type When } from '../../src/testing/index.js'
import {
  CLERK,
  org,
  place,
  socialOrganisationWithBranch,
  STREET,
  streetSeed,
  type SeedStep,
} from '../community/spec-fixtures.js'

export { CLERK, org, place, STREET, type SeedStep }

/** The council's hall. */
export const HALL = 'h-council'
/** Head of the Fusion social organisation `o-so`: secretary of its branch and of the council branch. */
export const SO_HEAD = 'p-so-head'
/** Director of the social-work centre `o-swc`, the points bank's operator. */
export const SWC = 'p-swc'
/** The East community's registrar. */
export const EAST_CLERK = 'p-east-clerk'

/** Migrant residents of East (from Honghu): `p-wang` (entrance), `m-1` … `m-4`, family `f-1`. */
export const MIGRANTS = ['p-wang', 'm-1', 'm-2', 'm-3', 'm-4'] as const
/** Registered (local) residents of East. */
export const LOCALS = ['l-1', 'l-2', 'l-3', 'l-4'] as const

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

/** The shape of a refusal by a named rule (for `toMatchObject` and `thenRefused`). */
export const rule = (name: string) => ({ code: 'RuleViolation', rule: name })

/** The shape of a Forbidden, with the roles that would do when given. */
export const forbiddenTo = (actor: string, command: string, missingRole?: ReadonlyArray<string>) =>
  missingRole === undefined
    ? { code: 'Forbidden', actor, command }
    : { code: 'Forbidden', actor, command, missingRole }

export const spec = specFor(integration)
const streetSpec = specFor(embedding)
const hallSpec = specFor(deliberation)

/** The time of the `k`th command, as `fixtures.ts` gives it. */
const timeOf = (k: number) => {
  const day = String(1 + Math.floor(k / 600)).padStart(2, '0')
  const hour = String(8 + Math.floor((k % 600) / 60)).padStart(2, '0')
  const minute = String(k % 60).padStart(2, '0')
  return `2024-06-${day}T${hour}:${minute}:00+08:00`
}

type Point = Given<IntegrationCommand, IntegrationEvent, IntegrationState>
type Decided = When<IntegrationCommand, IntegrationEvent, IntegrationState>
export type Accepted = Then<IntegrationCommand, IntegrationEvent, IntegrationState>

const isHallCommand = (type: string) => deliberation.commandTypes.includes(type as never)
const isIntegrationCommand = (type: string) => integration.commandTypes.includes(type as never)

/**
 * The streams of a street (and of any other street a spec opens), folded by the pure deciders:
 * registries with embedding, halls, integrations. `must` decides a command of any of the three
 * mechanisms and keeps its events; `when` decides an integration command from here, with the
 * context the engine would load, and keeps nothing (a spec goes on from its `then`).
 */
export class Street {
  private n: number
  private readonly registries: Map<string, EmbeddingState>
  private readonly halls: Map<string, HallState>
  private readonly integrations: Map<string, IntegrationState>

  constructor(from?: Street) {
    this.n = from?.n ?? 0
    this.registries = new Map(from?.registries)
    this.halls = new Map(from?.halls)
    this.integrations = new Map(from?.integrations)
  }

  /** A copy that goes on on its own (the states are frozen, so they are shared). */
  fork(): Street {
    return new Street(this)
  }

  /** A command as JSON, as `fixtures.ts` sends it: street (and hall) filled in, dated. */
  command(actor: string, type: string, payload: Record<string, unknown> = {}, at?: string) {
    this.n += 1
    return {
      type,
      commandId: `cmd-${this.n}`,
      at: at ?? timeOf(this.n),
      actor,
      street: STREET,
      ...(isHallCommand(type) ? { hall: HALL } : {}),
      ...payload,
    }
  }

  /** The time of the next command (when a spec needs to name it). */
  nextAt(): string {
    return timeOf(this.n + 1)
  }

  /** The street's registry with its embedding records. */
  registry(street: string = STREET): EmbeddingState {
    return this.registries.get(street) ?? emptyEmbedding
  }

  /** A hall's state. */
  hall(hall: string = HALL): HallState {
    return this.halls.get(hall) ?? emptyHall
  }

  /** The street's integration. */
  get state(): IntegrationState {
    return this.integrations.get(STREET) ?? emptyIntegration
  }

  /** An integration's state. */
  integrationOf(street: string): IntegrationState {
    return this.integrations.get(street) ?? emptyIntegration
  }

  /** The context an integration command is decided with (as `loadIntegrationContext` loads it). */
  contextOf(c: { readonly type: string; readonly street: string; readonly hall?: unknown }) {
    const hall =
      c.type === 'constituteCouncil' && typeof c.hall === 'string' ? this.hall(c.hall) : null
    return {
      embedding: this.registry(c.street),
      hall: hall === null || hall.hall === null ? null : hall,
    } satisfies IntegrationContext
  }

  /** The point of the street's integration (or `street`'s), with the context of `hall`. */
  given(hall?: string, street: string = STREET): Point {
    return spec.givenState(
      this.integrationOf(street),
      this.contextOf({
        type: hall === undefined ? '' : 'constituteCouncil',
        street,
        ...(hall === undefined ? {} : { hall }),
      }),
    )
  }

  /** Decides an integration command (`actor` sends `type` with `payload`) from here. */
  when(actor: string, type: string, payload?: Record<string, unknown>, at?: string): Decided {
    return this.decide(this.command(actor, type, payload, at))
  }

  /** Decides an integration command, given as JSON, from here. */
  decide(c: { readonly type: string; readonly street: string; readonly hall?: unknown }): Decided {
    if (!isIntegrationCommand(c.type)) throw new Error(`${c.type} is not an integration command`)
    return spec.givenState(this.integrationOf(c.street), this.contextOf(c)).when(c)
  }

  /** Decides a hall command (`actor` sends `type` with `payload`) from here, as the hall would. */
  whenHall(actor: string, type: string, payload?: Record<string, unknown>, at?: string) {
    if (!isHallCommand(type)) throw new Error(`${type} is not a hall command`)
    const c = this.command(actor, type, payload, at)
    return hallSpec
      .givenState(this.hall(c.hall), { registry: this.registry(c.street).registry })
      .when(c)
  }

  /** Decides a command of the registry (with embedding) from here. */
  whenRegistry(actor: string, type: string, payload?: Record<string, unknown>, at?: string) {
    if (isHallCommand(type) || isIntegrationCommand(type))
      throw new Error(`${type} is not a registry command`)
    const c = this.command(actor, type, payload, at)
    return streetSpec.givenState(this.registry(c.street)).when(c)
  }

  /**
   * Decides a command of the registry, a hall or the integration, expects it accepted, and keeps
   * its events; returns the point after it (its events, the stream's state).
   */
  must(
    actor: string,
    type: string,
    payload?: Record<string, unknown>,
    at?: string,
  ): { readonly events: ReadonlyArray<{ readonly type: string; readonly at: string }> } {
    const c = this.command(actor, type, payload, at)
    if (isIntegrationCommand(type)) {
      const next = this.decide(c).then()
      this.integrations.set(c.street, next.state)
      return next
    }
    if (isHallCommand(type)) {
      const hall = c.hall as string
      const next = hallSpec
        .givenState(this.hall(hall), { registry: this.registry(c.street).registry })
        .when(c)
        .then()
      this.halls.set(hall, next.state)
      return next
    }
    const next = streetSpec.givenState(this.registry(c.street)).when(c).then()
    this.registries.set(c.street, next.state)
    return next
  }

  /** Sends the steps of a seed, each accepted. */
  seed(steps: ReadonlyArray<SeedStep>): this {
    for (const [actor, type, fields, at] of steps) this.must(actor, type, fields, at)
    return this
  }
}

const east = place('community', 'c-east')
const migrant = { status: 'migrant', origin: 'Honghu, Hubei' }
const registered = { status: 'registered' }

/** The steps `seedIntegration` of `fixtures.ts` takes after the small street, in order. */
export const integrationSeed: ReadonlyArray<SeedStep> = [
  ...(
    [
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
    ] as const
  ).map(([person, name, household, home]): SeedStep => [
    CLERK,
    'registerPerson',
    { person, name, household, home },
  ]),
  ...socialOrganisationWithBranch,
  [
    CLERK,
    'appointRole',
    { assignment: 'as-so-head', person: SO_HEAD, role: 'director', scope: org('o-so') },
  ],
  [
    'p-zhou',
    'appointRole',
    { assignment: 'as-so-b-sec', person: SO_HEAD, role: 'secretary', scope: org('o-so-b') },
  ],
  [
    'p-zhou',
    'registerOrganisation',
    {
      organisation: {
        kind: 'party-branch',
        id: 'o-council-b',
        name: 'Council Branch',
        seat: east,
        parent: 'o-east',
        branch: { kind: 'council' },
      },
    },
  ],
  [
    'p-zhou',
    'appointRole',
    { assignment: 'as-council-sec', person: SO_HEAD, role: 'secretary', scope: org('o-council-b') },
  ],
  [
    'p-zhou',
    'registerOrganisation',
    {
      organisation: {
        kind: 'party-branch',
        id: 'o-jingchu',
        name: 'Jingchu Floating Branch',
        seat: place('street', STREET),
        parent: 'o-street',
        branch: { kind: 'floating', homeOrganisation: 'Honghu County Committee', origin: 'Honghu' },
      },
    },
  ],
  ...(
    [
      ['o-swc', 'social-organisation', { origin: 'purchased' }, SWC, 'as-swc'],
      ['o-barber', 'other-social-force', { description: 'Barbershop' }, 'p-barber', 'as-barber'],
    ] as const
  ).flatMap(([id, kind, extra, director, assignment]): ReadonlyArray<SeedStep> => [
    [CLERK, 'registerOrganisation', { organisation: { kind, id, name: id, seat: east, ...extra } }],
    [CLERK, 'appointRole', { assignment, person: director, role: 'director', scope: org(id) }],
  ]),
  [
    'p-zhou',
    'discoverMember',
    {
      person: 'p-wang',
      organisation: 'o-east',
      found: 'pocket',
      homeOrganisation: 'Honghu County Committee',
    },
  ],
  ['p-zhou', 'contactMember', { member: 'p-wang' }],
  [
    'p-wang',
    'reportToCommunity',
    { member: 'p-wang', community: 'c-east', organisation: 'o-east' },
  ],
  [
    'p-zhou',
    'discoverMember',
    {
      person: 'm-1',
      organisation: 'o-east',
      found: 'hidden',
      homeOrganisation: 'Honghu County Committee',
    },
  ],
  [
    EAST_CLERK,
    'openHall',
    { name: 'East Co-governance Council', place: east, charter: councilCharter(), chair: SO_HEAD },
  ],
]

const SEEDED = new Street().seed([...streetSeed, ...integrationSeed])

/**
 * The street of `seedIntegration` (see `fixtures.ts`), on its own copy: what a spec changes of it
 * is its own.
 */
export const seeded = (): Street => SEEDED.fork()

/** A person id (for `lookup`). */
export const personId = (id: string) => PersonId.make(id)
/** A hall id (for `lookup`). */
export const hallId = (id: string) => HallId.make(id)
/** A street id. */
export const streetId = (id: string) => StreetId.make(id)
