/**
 * Fixtures for embedding's specs over the pure decider (no engine, no store, no clock): the
 * street of `fixtures.ts` (`seedEmbedding`), built by deciding its commands one after another
 * with the test kit, and the steps the specs take from it, as commands.
 */
import { lookup, OrganisationId, PersonId } from '../../src/core/index.js'
import { holdsRole } from '../../src/community/index.js'
import {
  embedding,
  type EmbeddingCommand,
  type EmbeddingEvent,
  type EmbeddingState,
} from '../../src/embedding/index.js'
import { specFor } from '../../src/testing/index.js'
import {
  AT,
  CLERK,
  eventsOf,
  org,
  place,
  STREET,
  streetSeed,
  type SeedStep,
} from '../community/spec-fixtures.js'

export { AT, CLERK, org, place, STREET, type SeedStep }

export const spec = specFor(embedding)

/** The residents, the East secretary and the East grid branch `seedEmbedding` adds. */
export const embeddingSeed: ReadonlyArray<SeedStep> = [
  ...(
    [
      ['p-east-sec', 'Secretary Ma', place('community', 'c-east')],
      ['p-li', 'Li Na', place('grid', 'g-east')],
      ['p-m1', 'Member One', place('grid', 'g-east')],
      ['p-m2', 'Member Two', place('grid', 'g-east')],
      ['p-m3', 'Member Three', place('entrance', 'e-east')],
      ['p-h1', 'Household One', place('entrance', 'e-east')],
      ['p-h2', 'Household Two', place('grid', 'g-east')],
      ['p-w1', 'West Resident', place('grid', 'g-west')],
    ] as const
  ).map(([person, name, home]): SeedStep => [
    CLERK,
    'registerPerson',
    { person, name, household: { status: 'migrant', origin: 'Honghu, Hubei' }, home },
  ]),
  [
    'p-zhou',
    'appointRole',
    { assignment: 'as-east-sec', person: 'p-east-sec', role: 'secretary', scope: org('o-east') },
  ],
  [
    'p-zhou',
    'foundBranch',
    {
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
    },
  ],
]

/**
 * The street of `seedEmbedding`, as the events its seed records: a minute a step from `start`
 * (as `seedEmbedding(start)` dates them).
 */
export const streetFrom = (start?: string): ReadonlyArray<EmbeddingEvent> =>
  eventsOf(embedding, [...streetSeed, ...embeddingSeed], [], start)

/** The street of `seedEmbedding`, seeded from the fixtures' start (the morning of {@link AT}). */
export const street = streetFrom()

/** A start for a street seeded before a development that begins in March 2023. */
export const EARLY_2023 = '2023-01-02T08:00:00+08:00'

/**
 * The events of the street after `steps` (each accepted, a minute after the one before unless it
 * gives its own date), from `history` (the street).
 */
export const after = (
  steps: ReadonlyArray<SeedStep>,
  history: ReadonlyArray<EmbeddingEvent> = street,
): ReadonlyArray<EmbeddingEvent> => eventsOf(embedding, steps, history)

let sent = 0

/** A command as JSON: `actor` sends `type` with `fields`, dated `at` ({@link AT} by default). */
export const send = (
  actor: string,
  type: EmbeddingCommand['type'],
  fields: Record<string, unknown> = {},
  at: string = AT,
) => {
  sent += 1
  return { type, commandId: `spec-${sent}`, at, actor, street: STREET, ...fields }
}

/** A step of a seed, sent as a command of a spec (dated {@link AT} unless the step says when). */
export const sendStep = ([actor, type, fields, at]: SeedStep) =>
  send(actor, type as EmbeddingCommand['type'], fields, at)

// Steps from the street, as commands of a seed

/** `secretary` (of `organisation` or above) records `member` as come forward, and contacts them. */
export const comeForward = (
  member: string,
  organisation = 'o-grid-east',
  secretary = 'p-li',
): ReadonlyArray<SeedStep> => [
  [
    secretary,
    'discoverMember',
    {
      person: member,
      organisation,
      found: 'came-forward',
      homeOrganisation: 'District Tax Bureau Branch',
    },
  ],
  [secretary, 'contactMember', { member }],
]

/** `member` comes forward to `organisation`, then reports to it themselves. */
export const reportIn = (
  member: string,
  organisation = 'o-grid-east',
  secretary = 'p-li',
): ReadonlyArray<SeedStep> => [
  ...comeForward(member, organisation, secretary),
  [member, 'reportToCommunity', { member, community: 'c-east', organisation }],
]

/** `p-li`, secretary of the East grid branch, finds a hidden member. */
export const discover = (member: string, organisation = 'o-grid-east'): SeedStep => [
  'p-li',
  'discoverMember',
  { person: member, organisation, found: 'hidden', homeOrganisation: 'Honghu County Committee' },
]

/** `actor` gives `member` the duty `duty` of `spec`. */
export const assign = (duty: string, member: string, spec: object, actor = 'p-li'): SeedStep => [
  actor,
  'assignDuty',
  { duty, member, spec },
]

export const sanitation = (overrides: Record<string, unknown> = {}) => ({
  kind: 'responsibility-area',
  area: 'Sanitation',
  place: place('grid', 'g-east'),
  phone: '020-8888 1234',
  duty: 'Keeps the lanes of East grid clean',
  ...overrides,
})

export const pioneerPost = {
  kind: 'pioneer-post',
  post: 'Gate pioneer post',
  place: place('entrance', 'e-east'),
}

export const households = (...heads: string[]) => ({ kind: 'households', households: heads })

/** The purchased social organisation `o-so` in East, registered by the street's registrar. */
export const registerSocialOrganisation: SeedStep = [
  CLERK,
  'registerOrganisation',
  {
    organisation: {
      kind: 'social-organisation',
      id: 'o-so',
      name: 'Fusion Social Work Centre',
      seat: place('community', 'c-east'),
      origin: 'purchased',
    },
  },
]

export const socialOrganisationBranch = (secretary?: string) => ({
  organisation: {
    kind: 'party-branch',
    id: 'o-so-b',
    name: 'Fusion Branch',
    seat: place('community', 'c-east'),
    parent: 'o-east',
    branch: { kind: 'social-organisation', host: 'o-so' },
  },
  among: 'the social workers of Fusion',
  ...(secretary === undefined
    ? {}
    : { secretary: { person: secretary, assignment: `as-${secretary}-so-b` } }),
})

// Read-backs

const person = (id: string) => PersonId.make(id)
const organisation = (id: string) => OrganisationId.make(id)

export const memberOf = (s: EmbeddingState, id: string) => lookup(s.members, person(id))
export const candidateOf = (s: EmbeddingState, id: string) => lookup(s.candidates, person(id))
export const organisationIn = (s: EmbeddingState, id: string) =>
  lookup(s.registry.organisations, organisation(id))

export const isSecretary = (s: EmbeddingState, who: string, of: string) =>
  holdsRole(s.registry, person(who), 'secretary', { level: 'organisation', id: organisation(of) })

/** The types of some events, in order. */
export const typesOf = (events: ReadonlyArray<EmbeddingEvent>) => events.map((e) => e.type)
