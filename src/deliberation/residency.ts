/**
 * Who acts in a hall now (在任): the hall's roles that are bound to living somewhere, each read
 * from the registry context with one predicate, so that a role ends with its residency in every
 * command at once, never by a check copied into each.
 *
 * - The chair 主持人/召集人 acts only while living in the street: a chair who has left it
 *   (`recordDeparture` in the registry, which ends every post the person holds there) keeps the
 *   name in the hall's record until a registrar hands the chair over, but acts no more.
 * - A representative of kind `resident` 居民代表 acts only while living at the hall's place: one
 *   who has moved away or left the street keeps the seat until removed, but no longer moves,
 *   seconds, asks for the floor, votes, takes the hotline or counts for quorum and balance.
 *   Representatives of the other kinds speak for their organisation or force, not for where they
 *   live, and act while they sit.
 * - Demands and evaluations come from residents of the hall's place at the time (see
 *   {@link livesAtHall}).
 *
 * @module
 */
import { valuesOf, type PersonId } from '../core/index.js'
import { livesWithin, type PlaceRef, type RegistryState } from '../community/index.js'
import type { Hall, Representative } from './codecs.js'
import type { HallState } from './state.js'

/** The street a hall was opened in, as a place. */
export const streetOfHall = (hall: Pick<Hall, 'street'>): PlaceRef => ({
  level: 'street',
  id: hall.street,
})

/**
 * Whether `person` lives at the hall's place now (住在议事厅所在地), as the registry has it: the
 * residency a resident representative, a demand's resident, an evaluator and a chair handed the
 * hall need.
 */
export const livesAtHall = (
  registry: RegistryState,
  hall: Pick<Hall, 'place'>,
  person: PersonId,
): boolean => livesWithin(registry, person, hall.place)

/**
 * Whether the hall's chair 主持人 acts now: they live in the street the hall was opened in. A chair
 * who has left it (`recordDeparture`) acts no more until the chair is handed over.
 */
export const chairActs = (registry: RegistryState, hall: Pick<Hall, 'chair' | 'street'>): boolean =>
  livesWithin(registry, hall.chair, streetOfHall(hall))

/** Whether `person` acts as the hall's chair now: they are the chair, and {@link chairActs}. */
export const actsAsChair = (
  registry: RegistryState,
  hall: Pick<Hall, 'chair' | 'street'>,
  person: PersonId,
): boolean => person === hall.chair && chairActs(registry, hall)

/**
 * Whether a representative 议事代表 acts now: a `resident` representative while they live at the
 * hall's place (one who has moved away or left the street keeps the seat until removed, and acts
 * no more); a representative of any other kind while they sit.
 */
export const representativeActs = (
  registry: RegistryState,
  hall: Pick<Hall, 'place'>,
  representative: Pick<Representative, 'person' | 'kind'>,
): boolean =>
  representative.kind !== 'resident' || livesAtHall(registry, hall, representative.person)

/**
 * The representatives of a hall who act now ({@link representativeActs}): those who count for
 * quorum and for the balance of migrant and local seats. Empty for a hall not opened.
 *
 * @example
 * ```ts
 * import { actingRepresentatives, emptyHall, emptyRegistry } from 'governance-kit'
 * actingRepresentatives(emptyHall, emptyRegistry) // []
 * ```
 */
export const actingRepresentatives = (
  state: Pick<HallState, 'hall' | 'representatives'>,
  registry: RegistryState,
): ReadonlyArray<Representative> => {
  const hall = state.hall
  if (hall === null) return []
  return valuesOf(state.representatives).filter((r) => representativeActs(registry, hall, r))
}
