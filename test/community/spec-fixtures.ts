/**
 * Fixtures for the registry's specs over the pure decider (no engine, no store, no clock): the
 * same small street as `fixtures.ts` seeds through the engine, built by deciding its commands one
 * after another with the test kit, and typed command creators that fill in the street.
 */
import type { Mechanism, Tagged } from '../../src/core/index.js'
import { community } from '../../src/community/index.js'
import {
  commandsFor,
  specFor,
  type Given,
  type SpecCommandFields,
  type SpecCommands,
} from '../../src/testing/index.js'

export const STREET = 's-street'
export const CLERK = 'p-clerk'

/** When the specs happen: every command of a spec is dated at this instant unless it says so. */
export const AT = '2024-04-24T09:00:00+08:00'

export const place = <L extends string>(level: L, id: string) => ({ level, id })
export const org = (id: string) => ({ level: 'organisation' as const, id })

/**
 * A command of a seed: who sends it, its type, its fields (the envelope is filled in), and when
 * (by default, a minute after the step before it).
 */
export type SeedStep = readonly [
  actor: string,
  type: string,
  fields: Record<string, unknown>,
  at?: string,
]

/** When a seed starts: its first step is a minute later (as `START` of `fixtures.ts`). */
export const SEED_START = '2024-04-24T08:00:00+08:00'

/** The commands of the small street of `fixtures.ts` (`seedStreet`), in order. */
export const streetSeed: ReadonlyArray<SeedStep> = [
  [
    CLERK,
    'openRegistry',
    { name: 'S Street', registrar: CLERK, registrarName: 'Clerk Liang', assignment: 'as-clerk' },
  ],
  [CLERK, 'registerCommunity', { community: 'c-east', name: 'East', settlement: 'community' }],
  [CLERK, 'registerCommunity', { community: 'c-west', name: 'West', settlement: 'village' }],
  [CLERK, 'registerGrid', { grid: 'g-east', community: 'c-east', name: 'East grid' }],
  [CLERK, 'registerGrid', { grid: 'g-west', community: 'c-west', name: 'West grid' }],
  [CLERK, 'registerCompound', { compound: 'k-east', grid: 'g-east', name: 'East compound' }],
  [CLERK, 'registerEntrance', { entrance: 'e-east', compound: 'k-east', name: 'Entrance A' }],
  ...(
    [
      ['p-zhou', 'Zhou Min', place('community', 'c-east')],
      ['p-chen', 'Chen Li', place('community', 'c-west')],
      ['p-east-clerk', 'Clerk Huang', place('community', 'c-east')],
    ] as const
  ).map(([person, name, home]): SeedStep => [
    CLERK,
    'registerPerson',
    { person, name, household: { status: 'registered' }, home },
  ]),
  [
    CLERK,
    'registerPerson',
    {
      person: 'p-wang',
      name: 'Wang Jun',
      household: { status: 'migrant', origin: 'Honghu, Hubei' },
      home: place('entrance', 'e-east'),
    },
  ],
  [
    CLERK,
    'appointRole',
    {
      assignment: 'as-east-clerk',
      person: 'p-east-clerk',
      role: 'registrar',
      scope: place('community', 'c-east'),
    },
  ],
  [
    CLERK,
    'registerOrganisation',
    {
      organisation: {
        kind: 'party-committee',
        id: 'o-street',
        name: 'Street Working Committee',
        seat: place('street', STREET),
        parent: null,
      },
    },
  ],
  [
    CLERK,
    'appointRole',
    { assignment: 'as-zhou-street', person: 'p-zhou', role: 'secretary', scope: org('o-street') },
  ],
  [
    'p-zhou',
    'registerOrganisation',
    {
      organisation: {
        kind: 'party-committee',
        id: 'o-east',
        name: 'East Community Committee',
        seat: place('community', 'c-east'),
        parent: 'o-street',
      },
    },
  ],
]

/**
 * A purchased social organisation `o-so` in East and its party branch `o-so-b` under `o-east`
 * (`registerSocialOrganisationWithBranch` of `fixtures.ts`).
 */
export const socialOrganisationWithBranch: ReadonlyArray<SeedStep> = [
  [
    CLERK,
    'registerOrganisation',
    {
      organisation: {
        kind: 'social-organisation',
        id: 'o-so',
        name: 'Fusion',
        seat: place('community', 'c-east'),
        origin: 'purchased',
      },
    },
  ],
  [
    'p-zhou',
    'registerOrganisation',
    {
      organisation: {
        kind: 'party-branch',
        id: 'o-so-b',
        name: 'Branch o-so-b',
        seat: place('community', 'c-east'),
        parent: 'o-east',
        branch: { kind: 'social-organisation', host: 'o-so' },
      },
    },
  ],
]

const MINUTE = 60_000

/** An instant (milliseconds) written in China Standard Time, `…+08:00`. */
const beijing = (millis: number): string =>
  `${new Date(millis + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`

/**
 * The events of deciding `steps` one after another after `history`, with `mechanism`'s pure
 * decider (a mechanism on the registry's stream: the registry, or one that extends it). As the
 * engine fixtures do, each step is dated a minute after the one before (the first, a minute after
 * `start` or after the history's last event, whichever is later), unless it gives its own date.
 * Each command must be accepted: the seed fails at the first one refused.
 */
export const eventsOf = <C extends Tagged, E extends Tagged, S>(
  mechanism: Mechanism<C, E, S>,
  steps: ReadonlyArray<SeedStep>,
  history: ReadonlyArray<E> = [],
  start: string = SEED_START,
): ReadonlyArray<E> => {
  const spec = specFor(mechanism)
  const events: E[] = [...history]
  const last = history.at(-1)
  let clock = Date.parse(start)
  if (last !== undefined && 'at' in last && typeof last.at === 'string')
    clock = Math.max(clock, Date.parse(last.at))
  let point: Given<C, E, S> = spec.given(history)
  for (const [i, [actor, type, fields, on]] of steps.entries()) {
    let at = on
    if (at === undefined) {
      clock += MINUTE
      at = beijing(clock)
    } else clock = Math.max(clock, Date.parse(at))
    const next = point
      .when({ type, commandId: `seed-${history.length + i}`, at, actor, street: STREET, ...fields })
      .then()
    events.push(...next.events)
    point = next
  }
  return events
}

/** The small street's registry, as the events its seed records (see {@link streetSeed}). */
export const street = eventsOf(community, streetSeed)

/** The commands of a mechanism on the street's registry stream: the street is filled in too. */
export type StreetCommands<C extends Tagged> = {
  readonly [K in keyof SpecCommands<C>]: (
    fields: Omit<SpecCommandFields<C, K & C['type']>, 'street'> & { readonly street?: string },
  ) => ReturnType<SpecCommands<C>[K]>
}

/**
 * Typed command creators for the street's specs (`commandsFor` with `street` filled in too):
 * dated {@link AT} and sent by the registrar {@link CLERK} unless a command says otherwise.
 */
export const streetCommandsFor = <C extends Tagged>(
  mechanism: Pick<Mechanism<C, Tagged, unknown, unknown>, 'create' | 'commandTypes'>,
  envelope: { readonly at: string; readonly actor: string } = { at: AT, actor: CLERK },
): StreetCommands<C> => {
  const inner = commandsFor(mechanism, envelope) as unknown as Readonly<
    Record<string, (fields: object) => object>
  >
  const creators: Record<string, (fields: object) => object> = {}
  for (const type of mechanism.commandTypes) {
    const create = inner[type]
    if (create !== undefined) creators[type] = (fields) => create({ street: STREET, ...fields })
  }
  return Object.freeze(creators) as unknown as StreetCommands<C>
}
