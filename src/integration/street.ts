/**
 * The street 街道 every vehicle of integration answers to, as its registry tells it: the street a
 * command names; the checks every vehicle makes of the registry (a place of it, a registrar over
 * a place, a person it knows); the one residency every residency-bound actor acts by (住在本街道);
 * a person's household registration 户籍 now; and party membership embedded in the street (报到).
 * Internal to the mechanism: the public surface is its `index.ts`.
 *
 * @module
 */
import type * as E from 'fp-ts/lib/Either.js'
import {
  lookup,
  notFound,
  refuseWhen,
  violation,
  type DomainError,
  type Forbidden,
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
import type { IntegrationCommand, Residency, VehiclePlace } from './codecs/index.js'
import { integrationRules } from './rules.js'

/**
 * One who acts with a command of integration, on a street: what the authority checks read of a
 * command (its actor, its type for a refusal, its street), so that the permission table asks
 * them of a person before any command is written.
 *
 * @category Checks
 */
export type Act = Pick<IntegrationCommand, 'actor' | 'type' | 'street'>

/**
 * The street a command names, as a place.
 *
 * @category Checks
 */
export const streetOf = (c: Pick<IntegrationCommand, 'street'>): PlaceRef => ({
  level: 'street',
  id: c.street,
})

/**
 * That a vehicle's place is a place of the street's registry (else a NotFound naming it).
 *
 * @category Checks
 */
export const placeKnown = (
  registry: RegistryState,
  place: VehiclePlace,
): E.Either<DomainError, void> =>
  refuseWhen(!hasPlace(registry, place), () => notFound(place.level, place.id))

/**
 * That the actor is a registrar over `place` (or over a place above it).
 *
 * @category Checks
 */
export const registrarOver = (
  registry: RegistryState,
  c: Act,
  place: PlaceRef,
): E.Either<Forbidden, void> =>
  authorise(registry, c.actor, c.type, [{ role: 'registrar', scope: place }])

/**
 * That the registry knows `person` (else a NotFound naming them).
 *
 * @category Checks
 */
export const personKnown = (
  registry: RegistryState,
  person: PersonId,
): E.Either<DomainError, void> =>
  refuseWhen(lookup(registry.persons, person) === undefined, () => notFound('person', person))

/**
 * Whether `person` lives in the command's street now (住在本街道), as the registry has it: the one
 * residency every residency-bound actor of integration acts by — station staff, a team's leader,
 * a volunteer whose service is recorded, a learner who enrols or attends a class. One who has left
 * the street (`recordDeparture`) acts no more in these roles.
 *
 * @category Checks
 */
export const livesInStreet = (
  registry: RegistryState,
  c: Pick<IntegrationCommand, 'street'>,
  person: PersonId,
): boolean => livesWithin(registry, person, streetOf(c))

/**
 * That `person` lives in the command's street now (rule `not-a-resident`, {@link livesInStreet}).
 *
 * @category Checks
 */
export const residentOfStreet = (
  registry: RegistryState,
  c: Pick<IntegrationCommand, 'street'>,
  person: PersonId,
): E.Either<DomainError, void> =>
  refuseWhen(!livesInStreet(registry, c, person), () =>
    violation(
      integrationRules.livesInStreet,
      `${person} does not live in street ${streetOf(c).id}`,
    ),
  )

/**
 * A person's household registration now (null for a person the registry does not know).
 *
 * @category Checks
 */
export const residencyOf = (registry: RegistryState, person: PersonId): Residency | null =>
  lookup(registry.persons, person)?.household.status ?? null

/**
 * Whether `person` is a party member embedded in the street now: one who has reported to the
 * community 报到 (reported, assigned or active in the embedding mechanism). Integration builds on
 * embedding: a member still hidden, or transferred out, leads nothing here.
 *
 * @category Checks
 */
export const isEmbeddedMember = (embedding: EmbeddingState, person: PersonId): boolean =>
  enrolledStates.has(memberStatusOf(embedding, person))

/**
 * The first entry a command lists twice, if any: a department or a member of staff of a station,
 * a teacher of a course, an attendee of a class.
 *
 * @category Checks
 */
export const firstRepeat = <T>(items: ReadonlyArray<T>): T | undefined => {
  const seen = new Set<T>()
  for (const item of items) {
    if (seen.has(item)) return item
    seen.add(item)
  }
  return undefined
}
