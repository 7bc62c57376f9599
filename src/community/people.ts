/**
 * People (人员): registering a person known to the registry — resident 居民, cadre, party member,
 * mediator, volunteer — with their household registration 户籍 (registered 户籍居民, or migrant
 * 外来/来穗人员 with where they come from), and recording a change of it (a migrant settling 落户);
 * the earlier registration stays in the person's history. A person's record answers to the
 * registrar over their home, or over the street for one with no home in it.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { draftOf, found, insert, lookup, stamp, type NotFound } from '../core/index.js'
import { authorise, registrarOfHome } from './authorisation.js'
import type { Household, PlaceRef } from './codecs/index.js'
import { placeExists } from './places.js'
import {
  unregistered,
  type RegistryEvents,
  type RegistryHandler,
  type RegistryReducer,
  type RegistryState,
} from './state.js'

// The checks of people

/** A person's home, when they have one, is a place of the registry (NotFound otherwise). */
const homeExists = (state: RegistryState, home: PlaceRef | null): E.Either<NotFound, void> =>
  home === null ? E.right(undefined) : placeExists(state, home)

/** Whether two household registrations are the same (a change to the same one records nothing). */
const sameHousehold = (a: Household, b: Household): boolean =>
  JSON.stringify(a) === JSON.stringify(b)

// Handlers

const registerPerson: RegistryHandler<'registerPerson'> = (c, s) =>
  pipe(
    homeExists(s, c.home),
    E.tap(() => authorise(s, c.actor, c.type, registrarOfHome(s, c.home))),
    E.tap(() => unregistered(lookup(s.persons, c.person), 'person', c.person)),
    E.map((): RegistryEvents => [
      {
        type: 'personRegistered',
        ...stamp(c),
        person: c.person,
        name: c.name,
        household: c.household,
        home: c.home,
        languages: c.languages ?? [],
      },
    ]),
  )

const changeHousehold: RegistryHandler<'changeHousehold'> = (c, s) =>
  pipe(
    found(lookup(s.persons, c.person), 'person', c.person),
    E.tap((person) => authorise(s, c.actor, c.type, registrarOfHome(s, person.home))),
    E.map((person): RegistryEvents =>
      sameHousehold(person.household, c.household)
        ? []
        : [
            {
              type: 'householdChanged',
              ...stamp(c),
              person: c.person,
              from: person.household,
              to: c.household,
            },
          ],
    ),
  )

/**
 * The handlers of the commands about people.
 *
 * @category Mechanism
 */
export const peopleHandlers = { registerPerson, changeHousehold }

// Reducers

const personRegistered: RegistryReducer<'personRegistered'> = (draft, e) => {
  insert(draft.persons, e.person, {
    id: e.person,
    name: e.name,
    household: e.household,
    householdChanges: [],
    home: e.home,
    languages: [...e.languages],
    moves: [],
    registeredAt: e.at,
  })
}

const householdChanged: RegistryReducer<'householdChanged'> = (draft, e) => {
  const person = draftOf(draft.persons, e.person)
  if (person === undefined) return
  person.householdChanges.push({ from: e.from, to: e.to, at: e.at })
  person.household = e.to
}

/**
 * The reducers of the events about people.
 *
 * @category Mechanism
 */
export const peopleReducers = { personRegistered, householdChanged }
