/**
 * Who acts in a hall now (在任): the hall's roles that are bound to living somewhere, each read
 * from the registry context with one predicate, so that a role ends with its residency in every
 * command at once, never by a check copied into each.
 *
 * - The chair 主持人/召集人 acts only while their residency in the street has been unbroken since
 *   they became chair (at the hall's opening, or by the handover that named them): a chair who has
 *   left it (`recordDeparture` in the registry, which ends every post the person holds there)
 *   keeps the name in the hall's record but acts no more — not even after coming back
 *   (`moveResident`), until a registrar hands the chair over (to them again, or to another). The
 *   chair is the hall's one post, named by the registry's authority, and ends with the residency
 *   it was given under, as a registry post does.
 * - A representative of kind `resident` 居民代表 acts only while living at the hall's place: one
 *   who has moved away or left the street keeps the seat until removed, but no longer moves,
 *   seconds, asks for the floor, votes, takes the hotline or counts for quorum and balance. One who
 *   comes back to live there acts again: the seat was given for living at the place, which is
 *   theirs again, and it stayed on the roster of a chair who may remove it at any time.
 *   Representatives of the other kinds speak for their organisation or force, not for where they
 *   live, and act while they sit.
 * - Demands and evaluations come from residents of the hall's place at the time (see
 *   {@link livesAtHall}).
 *
 * The checks every field file runs on who acts ({@link chairOnly}, {@link stillActs}) are here
 * too, each carrying its rule (`chair-in-street`, `not-a-resident`) once.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  forbidden,
  isBefore,
  lookup,
  refuseBy,
  valuesOf,
  type Forbidden,
  type Instant,
  type PersonId,
  type RuleViolation,
} from '../core/index.js'
import { livesWithin, type PlaceRef, type RegistryState } from '../community/index.js'
import type { Hall, Representative } from './codecs/index.js'
import { deliberationRules } from './rules.js'
import type { HallAct, HallContext, HallState } from './state.js'

/** The street a hall was opened in, as a place. @category Checks */
export const streetOfHall = (hall: Pick<Hall, 'street'>): PlaceRef => ({
  level: 'street',
  id: hall.street,
})

/**
 * Whether `person` lives at the hall's place now (住在议事厅所在地), as the registry has it: the
 * residency a resident representative, a demand's resident and an evaluator need.
 *
 * @category Checks
 */
export const livesAtHall = (
  registry: RegistryState,
  hall: Pick<Hall, 'place'>,
  person: PersonId,
): boolean => livesWithin(registry, person, hall.place)

/**
 * Whether `person` lives in the street the hall was opened in now: the residency a person needs
 * to be named chair, at the opening (`openHall`) or by a handover (`handOverChair`). To act as
 * chair afterwards they need more: see {@link chairActs}.
 *
 * @category Checks
 */
export const livesInStreetOfHall = (
  registry: RegistryState,
  hall: Pick<Hall, 'street'>,
  person: PersonId,
): boolean => livesWithin(registry, person, streetOfHall(hall))

/**
 * Whether the registry records `person` leaving the street (`recordDeparture`) at `since` or
 * later: their residency in the street has been broken since then, whether or not they have come
 * back (`moveResident`). A departure at the very instant counts, so that a tie never keeps
 * authority.
 *
 * @category Checks
 */
export const leftStreetSince = (
  registry: RegistryState,
  person: PersonId,
  since: Instant,
): boolean =>
  (lookup(registry.persons, person)?.moves ?? []).some(
    // A departure is the one move that leaves the street: it has no home to go to.
    (move) => move.to === null && !isBefore(move.at, since),
  )

/**
 * When the hall's chair now became chair: the handover that named them (the last one), or else
 * the hall's opening. Null for a hall not opened.
 *
 * @category Checks
 */
export const chairSince = (state: Pick<HallState, 'hall' | 'handovers'>): Instant | null => {
  const hall = state.hall
  if (hall === null) return null
  const last = state.handovers[state.handovers.length - 1]
  // The reducer makes the last handover's `to` the chair; were it not, the opening is the
  // earlier (stricter) start.
  return last !== undefined && last.to === hall.chair ? last.at : hall.openedAt
}

/**
 * Whether the hall's chair 主持人 acts now: they live in the street the hall was opened in, and
 * have not left it since they became chair ({@link chairSince}). A chair who has left it
 * (`recordDeparture`) acts no more, even once back, until the chair is handed over; the one rule
 * behind every chair-only command (`chair-in-street`). False for a hall not opened.
 *
 * @category Checks
 */
export const chairActs = (
  registry: RegistryState,
  state: Pick<HallState, 'hall' | 'handovers'>,
): boolean => {
  const hall = state.hall
  const since = chairSince(state)
  return (
    hall !== null &&
    since !== null &&
    livesInStreetOfHall(registry, hall, hall.chair) &&
    !leftStreetSince(registry, hall.chair, since)
  )
}

/**
 * Whether `person` acts as the hall's chair now: they are the chair, and {@link chairActs}.
 *
 * @category Checks
 */
export const actsAsChair = (
  registry: RegistryState,
  state: Pick<HallState, 'hall' | 'handovers'>,
  person: PersonId,
): boolean => state.hall?.chair === person && chairActs(registry, state)

/**
 * Whether a representative 议事代表 acts now: a `resident` representative while they live at the
 * hall's place (one who has moved away or left the street keeps the seat until removed, and acts
 * no more; one who comes back to live there acts again); a representative of any other kind
 * while they sit.
 *
 * @category Checks
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
 * import { emptyRegistry } from 'governance-kit/community'
 * import { actingRepresentatives, emptyHall } from 'governance-kit/deliberation'
 * actingRepresentatives(emptyHall, emptyRegistry) // []
 * ```
 *
 * @category Checks
 */
export const actingRepresentatives = (
  state: Pick<HallState, 'hall' | 'representatives'>,
  registry: RegistryState,
): ReadonlyArray<Representative> => {
  const hall = state.hall
  if (hall === null) return []
  return valuesOf(state.representatives).filter((r) => representativeActs(registry, hall, r))
}

/**
 * The people on the roster who act now ({@link actingRepresentatives}): what quorum and the
 * balance rule count.
 */
export const actingIds = (
  state: Pick<HallState, 'hall' | 'representatives'>,
  x: HallContext,
): ReadonlyArray<PersonId> => actingRepresentatives(state, x.registry).map((r) => r.person)

/** Whether `person` sits on the hall and acts now (see {@link representativeActs}). */
export const actsAsRepresentative = (
  state: Pick<HallState, 'representatives'>,
  x: HallContext,
  person: PersonId,
): boolean => {
  const seat = lookup(state.representatives, person)
  return seat !== undefined && representativeActs(x.registry, x.hall, seat)
}

/**
 * The check that the actor chairs the hall now: anyone else is `Forbidden`; the chair who has left
 * the street since becoming chair, back or not, is refused by `chair-in-street` (their authority
 * ended with their residency, and a registrar hands the chair over). {@link chairActs} alone
 * carries the rule.
 */
export const chairOnly = (c: HallAct, x: HallContext): E.Either<Forbidden | RuleViolation, void> =>
  c.actor !== x.hall.chair
    ? E.left(forbidden(c.actor, c.type, [`hall-chair of ${x.hall.id}`]))
    : refuseBy(
        deliberationRules.chairInStreet,
        !chairActs(x.registry, x),
        () =>
          `${c.actor}, the chair of ${x.hall.name}, ${
            livesInStreetOfHall(x.registry, x.hall, c.actor)
              ? 'has left the street since becoming chair'
              : 'no longer lives in the street'
          }: a registrar hands the chair over (handOverChair)`,
      )

/**
 * The check that the actor, if a representative, still acts (rule `not-a-resident`): a resident
 * representative who has moved away or left the street keeps the seat and acts no more.
 */
export const stillActs = (
  c: HallAct,
  state: Pick<HallState, 'representatives'>,
  x: HallContext,
): E.Either<RuleViolation, void> => {
  const seat = lookup(state.representatives, c.actor)
  return refuseBy(
    deliberationRules.notAResident,
    seat !== undefined && !representativeActs(x.registry, x.hall, seat),
    () =>
      `${c.actor}, a resident representative, no longer lives at ${x.hall.name} and acts no more`,
  )
}
