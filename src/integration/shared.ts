/**
 * What the integration vehicles' deciders share: the context they decide with, the shape of a
 * decision, and the checks every vehicle makes (the place, the registrar over it, party
 * membership). Internal to the mechanism: the public surface is its `index.ts`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  decideAfter,
  lookup,
  notFound,
  refuseWhen,
  ruleViolation,
  type Check,
  type DomainError,
  type PersonId,
} from '../core/index.js'
import {
  authorise,
  hasPlace,
  livesWithin,
  type PlaceRef,
  type RegistryState,
} from '../community/index.js'
import { enrolledStates, memberStatusOf, type EmbeddingState } from '../embedding/index.js'
import type { HallState } from '../deliberation/index.js'
import type { IntegrationCommand, IntegrationEvent, Residency, VehiclePlace } from './codecs.js'

/**
 * What the integration decider reads of other streams: the street's registry with its embedding
 * records (who lives where, who is migrant, who is a party member where), and — for a command on
 * a council — the council's deliberation hall.
 */
export interface IntegrationContext {
  /** The street registry's stream folded with `embedding` (the registry is `embedding.registry`). */
  readonly embedding: EmbeddingState
  /** The hall a council command names; null for other commands, or when the hall has no events. */
  readonly hall: HallState | null
}

/** The command of type `T`. */
export type Cmd<T extends IntegrationCommand['type']> = Extract<
  IntegrationCommand,
  { readonly type: T }
>
/** The event of type `T`. */
export type Evt<T extends IntegrationEvent['type']> = Extract<
  IntegrationEvent,
  { readonly type: T }
>
/** What a decision returns. */
export type Decision = E.Either<DomainError, ReadonlyArray<IntegrationEvent>>

/** Checks, then the events: {@link decideAfter} typed for this mechanism's events. */
export const decideWith: (checks: ReadonlyArray<Check>, events: () => Decision) => Decision =
  decideAfter

/** The fields every event copies from its command. */
export const stamp = (c: IntegrationCommand) => ({ at: c.at, actor: c.actor })

/** The entry, or a NotFound naming it. */
export const found = <T>(
  value: T | undefined,
  entity: string,
  id: string,
): E.Either<DomainError, T> => (value === undefined ? E.left(notFound(entity, id)) : E.right(value))

/** The check that a vehicle's place is a place of the street's registry. */
export const placeKnown =
  (registry: RegistryState, place: VehiclePlace): Check =>
  () =>
    refuseWhen(!hasPlace(registry, place), () => notFound(place.level, place.id))

/** The check that the actor is a registrar over `place` (or over a place above it). */
export const registrarOver =
  (registry: RegistryState, c: IntegrationCommand, place: PlaceRef): Check =>
  () =>
    authorise(registry, c.actor, c.type, [{ role: 'registrar', scope: place }])

/** The check that the registry knows `person`. */
export const personKnown =
  (registry: RegistryState, person: PersonId): Check =>
  () =>
    refuseWhen(lookup(registry.persons, person) === undefined, () => notFound('person', person))

/**
 * Whether `person` lives in the command's street now (住在本街道), as the registry has it: the one
 * residency every residency-bound actor of integration acts by — station staff, a team's leader,
 * a volunteer whose service is recorded, a learner who enrols or attends a class. One who has left
 * the street (`recordDeparture`) acts no more in these roles.
 */
export const livesInStreet = (
  registry: RegistryState,
  c: IntegrationCommand,
  person: PersonId,
): boolean => livesWithin(registry, person, streetOf(c))

/** The check that `person` lives at `place` or inside it (rule `not-a-resident`). */
export const residentOf =
  (registry: RegistryState, person: PersonId, place: PlaceRef, rule = 'not-a-resident'): Check =>
  () =>
    refuseWhen(!livesWithin(registry, person, place), () =>
      ruleViolation(rule, `${person} does not live in ${place.level} ${place.id}`),
    )

/**
 * Whether `person` is a party member embedded in the street now: one who has reported to the
 * community 报到 (reported, assigned or active in the embedding mechanism). Integration builds on
 * embedding: a member still hidden, or transferred out, leads nothing here.
 */
export const isEmbeddedMember = (embedding: EmbeddingState, person: PersonId): boolean =>
  enrolledStates.has(memberStatusOf(embedding, person))

/** A person's household registration now (null for a person the registry does not know). */
export const residencyOf = (registry: RegistryState, person: PersonId): Residency | null =>
  lookup(registry.persons, person)?.household.status ?? null

/** The street a command names, as a place. */
export const streetOf = (c: IntegrationCommand): PlaceRef => ({ level: 'street', id: c.street })

/** The first item listed twice, if any. */
export const firstRepeat = <T>(items: ReadonlyArray<T>): T | undefined => {
  const seen = new Set<T>()
  for (const item of items) {
    if (seen.has(item)) return item
    seen.add(item)
  }
  return undefined
}
