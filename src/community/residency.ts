/**
 * Residency (居住): where a person lives in the street over time. A resident moves from one home
 * to another, with the registrar over both ends of the move, and leaves the street with a
 * departure recorded by the registrar over their home; every move stays in the person's history,
 * and whoever leaves the street leaves its posts in the same decision. Moving to another street is
 * a departure here and a registration in that street's registry.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  draftOf,
  found,
  lookup,
  refuseBy,
  stamp,
  violation,
  type Forbidden,
  type PersonId,
  type RuleViolation,
} from '../core/index.js'
import { authorise, registrarOf, registrarOfHome } from './authorisation.js'
import type { Person, PlaceRef } from './codecs/index.js'
import { placeExists } from './places.js'
import { eachPlace, rolesOf, sameScope } from './queries/index.js'
import { endPosts, keepsStreetRegistrar } from './roles.js'
import { communityRules } from './rules.js'
import type { RegistryEvents, RegistryHandler, RegistryReducer, RegistryState } from './state.js'

// The rules of residency

/**
 * The rule `not-a-resident`: a departure is recorded for a person with a home in the street.
 *
 * @category Checks
 */
export const homeInStreet = (person: Person): E.Either<RuleViolation, PlaceRef> =>
  person.home === null
    ? E.left(violation(communityRules.notAResident, `${person.name} has no home in the street`))
    : E.right(person.home)

/** Whether `person`'s home is exactly `place` (a move there would go nowhere). */
const livesAt = (person: Person, place: PlaceRef): boolean =>
  person.home !== null && sameScope(person.home, place)

/**
 * Who may move `person` to `to`: a registrar over both ends of the move — where they go, and
 * their home (over the street, for a person with no home in it, as when they were registered).
 */
const moveAuthority = (
  state: RegistryState,
  actor: PersonId,
  person: Person,
  to: PlaceRef,
): E.Either<Forbidden, void> =>
  pipe(
    authorise(state, actor, 'moveResident', [registrarOf(to)]),
    E.flatMap(() => authorise(state, actor, 'moveResident', registrarOfHome(state, person.home))),
  )

/** Whether `actor` may move `person` to `to`: a registrar over both ends, and not their home. */
const isDestination =
  (state: RegistryState, actor: PersonId, person: Person) =>
  (to: PlaceRef): boolean =>
    !livesAt(person, to) && E.isRight(moveAuthority(state, actor, person, to))

/**
 * Whether `actor` may move `person` somewhere now: elsewhere in the street, over both ends.
 *
 * @category Checks
 */
export const mayMove = (state: RegistryState, actor: PersonId, person: Person): boolean => {
  // Who does not answer for the person's home moves them nowhere: asked first, before the places.
  if (E.isLeft(authorise(state, actor, 'moveResident', registrarOfHome(state, person.home))))
    return false
  const isDestinationOf = isDestination(state, actor, person)
  for (const to of eachPlace(state)) if (isDestinationOf(to)) return true
  return false
}

// Handlers

const moveResident: RegistryHandler<'moveResident'> = (c, s) =>
  pipe(
    found(lookup(s.persons, c.person), 'person', c.person),
    E.tap(() => placeExists(s, c.to)),
    E.tap((person) => moveAuthority(s, c.actor, person, c.to)),
    E.tap((person) =>
      refuseBy(
        communityRules.moveToSameHome,
        livesAt(person, c.to),
        () => `${person.name} already lives at ${c.to.level} ${c.to.id}`,
      ),
    ),
    E.map((person): RegistryEvents => [
      { type: 'residentMoved', ...stamp(c), person: c.person, from: person.home, to: c.to },
    ]),
  )

const recordDeparture: RegistryHandler<'recordDeparture'> = (c, s) =>
  pipe(
    found(lookup(s.persons, c.person), 'person', c.person),
    E.bindTo('person'),
    E.bindW('from', ({ person }) => homeInStreet(person)),
    E.tap(({ from }) => authorise(s, c.actor, c.type, [registrarOf(from)])),
    // Whoever leaves the street leaves its posts: a departed registrar must not keep authority.
    E.let('posts', () => rolesOf(s, c.person)),
    E.tap(({ posts }) => keepsStreetRegistrar(s, posts)),
    E.map(({ person, from, posts }): RegistryEvents => [
      { type: 'residentDeparted', ...stamp(c), person: c.person, from, destination: c.destination },
      ...endPosts(c, posts, `${person.name} left the street`),
    ]),
  )

/**
 * The handlers of the residency commands.
 *
 * @category Mechanism
 */
export const residencyHandlers = { moveResident, recordDeparture }

// Reducers

const residentMoved: RegistryReducer<'residentMoved'> = (draft, e) => {
  const person = draftOf(draft.persons, e.person)
  if (person === undefined) return
  person.moves.push({ from: e.from, to: e.to, at: e.at, destination: null })
  person.home = e.to
}

const residentDeparted: RegistryReducer<'residentDeparted'> = (draft, e) => {
  const person = draftOf(draft.persons, e.person)
  if (person === undefined) return
  person.moves.push({ from: e.from, to: null, at: e.at, destination: e.destination })
  person.home = null
}

/**
 * The reducers of the residency events.
 *
 * @category Mechanism
 */
export const residencyReducers = { residentMoved, residentDeparted }
