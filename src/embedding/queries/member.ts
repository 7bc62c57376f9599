/**
 * Read-side selectors of member embedding 党员嵌入: a member's state, the members enrolled, and
 * their duties as residents see them (responsibility cards 责任区公示, households led 一人带一户).
 *
 * @module
 */
import {
  lookup,
  valuesOf,
  type Instant,
  type OrganisationId,
  type PersonId,
} from '../../core/index.js'
import { isWithin, placeName, type PlaceRef } from '../../community/index.js'
import type { Member, MemberStatus, Phone } from '../codecs/index.js'
import { enrolledStates } from '../machine.js'
import type { EmbeddingState } from '../state.js'

/**
 * A member's lifecycle state; `unrecorded` for a person the street has no member record of.
 *
 * @category Queries
 */
export const memberStatusOf = (state: EmbeddingState, person: PersonId): MemberStatus =>
  lookup(state.members, person)?.status ?? 'unrecorded'

/**
 * The members enrolled now (reported, assigned or active), optionally of one organisation.
 *
 * @category Queries
 */
export const enrolledMembers = (
  state: EmbeddingState,
  organisation?: OrganisationId,
): ReadonlyArray<Member> =>
  valuesOf(state.members)
    .filter(
      (m) =>
        enrolledStates.has(m.status) &&
        (organisation === undefined || m.organisation === organisation),
    )
    .sort((a, b) => a.person.localeCompare(b.person))

// ---------------------------------------------------------------------------------------------
// Duties shown to residents

/**
 * The card of a public responsibility area 责任区公示, as residents see it.
 *
 * @category Queries
 */
export interface ResponsibilityCard {
  readonly member: PersonId
  readonly name: string
  readonly area: string
  readonly place: string
  readonly phone: Phone
  readonly duty: string
  readonly since: Instant
}

/**
 * The published cards of the responsibility areas held now — name, phone and duty — of the
 * street or of the places within `within`.
 *
 * @category Queries
 */
export const responsibilityCards = (
  state: EmbeddingState,
  within?: PlaceRef,
): ReadonlyArray<ResponsibilityCard> => {
  const registry = state.registry
  const cards: ResponsibilityCard[] = []
  for (const d of valuesOf(state.duties)) {
    if (d.status !== 'held' || d.spec.kind !== 'responsibility-area') continue
    if (within !== undefined && !isWithin(registry, d.spec.place, within)) continue
    cards.push({
      member: d.member,
      name: lookup(registry.persons, d.member)?.name ?? d.member,
      area: d.spec.area,
      place: placeName(registry, d.spec.place) ?? d.spec.place.id,
      phone: d.spec.phone,
      duty: d.spec.duty,
      since: d.since,
    })
  }
  return cards.sort((a, b) => a.area.localeCompare(b.area) || a.name.localeCompare(b.name))
}

/**
 * The households each member leads now ("one member leads one household" 一人带一户).
 *
 * @category Queries
 */
export const householdsLed = (
  state: EmbeddingState,
): ReadonlyArray<{ readonly member: PersonId; readonly households: ReadonlyArray<PersonId> }> => {
  const byMember = new Map<PersonId, PersonId[]>()
  for (const d of valuesOf(state.duties)) {
    if (d.status !== 'held' || d.spec.kind !== 'households') continue
    const led = byMember.get(d.member) ?? []
    led.push(...d.spec.households)
    byMember.set(d.member, led)
  }
  return [...byMember]
    .map(([member, households]) => ({ member, households: [...households].sort() }))
    .sort((a, b) => a.member.localeCompare(b.member))
}
