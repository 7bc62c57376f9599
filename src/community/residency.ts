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
  type RuleViolation,
} from '../core/index.js'
import { authorise, registrarOf, registrarOfHome } from './authorisation.js'
import type { Person, PlaceRef } from './codecs/index.js'
import { placeExists } from './places.js'
import { rolesOf, sameScope } from './queries/index.js'
import { endPosts, keepsStreetRegistrar } from './roles.js'
import { communityRules } from './rules.js'
import type { RegistryEvents, RegistryHandler, RegistryReducer } from './state.js'

// The rules of residency

/** The rule `not-a-resident`: a departure is recorded for a person with a home in the street. */
const homeInStreet = (person: Person): E.Either<RuleViolation, PlaceRef> =>
  person.home === null
    ? E.left(violation(communityRules.notAResident, `${person.name} has no home in the street`))
    : E.right(person.home)

// Handlers

const moveResident: RegistryHandler<'moveResident'> = (c, s) =>
  pipe(
    found(lookup(s.persons, c.person), 'person', c.person),
    E.tap(() => placeExists(s, c.to)),
    // The registrar must cover both ends of the move.
    E.tap(() => authorise(s, c.actor, c.type, [registrarOf(c.to)])),
    // A person with no home answers to the street, as when they were registered.
    E.tap((person) => authorise(s, c.actor, c.type, registrarOfHome(s, person.home))),
    E.tap((person) =>
      refuseBy(
        communityRules.moveToSameHome,
        person.home !== null && sameScope(person.home, c.to),
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

/** The handlers of the residency commands. */
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

/** The reducers of the residency events. */
export const residencyReducers = { residentMoved, residentDeparted }
