/**
 * People (人员): the codecs of a person known to the registry — resident 居民, cadre, party
 * member, mediator, volunteer — with their household registration 户籍, and of the commands and
 * events that register a person and change their household registration.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  Instant,
  PersonId,
  command,
  discriminatedUnion,
  event,
  list,
  orNull,
  struct,
} from '../../core/index.js'
import { Name } from './names.js'
import { PlaceRef, inStreet } from './places.js'
import { Move } from './residency.js'

/**
 * Household registration 户籍: a registered resident 户籍居民, or a migrant 外来/来穗人员 with
 * the place they come from (e.g. `Honghu, Hubei` 湖北洪湖).
 *
 * @category State
 */
export const Household = discriminatedUnion('Household', 'status', [
  struct('registered household', { status: t.literal('registered') }),
  struct('migrant household', { status: t.literal('migrant'), origin: Name }),
])
/**
 * Household registration 户籍: registered, or migrant with origin.
 *
 * @category State
 */
export type Household = t.TypeOf<typeof Household>

/**
 * One change of a person's household registration (e.g. a migrant settling 落户), kept forever.
 *
 * @category State
 */
export const HouseholdChange = struct('HouseholdChange', {
  from: Household,
  to: Household,
  at: Instant,
})
/**
 * One change of a person's household registration.
 *
 * @category State
 */
export type HouseholdChange = t.TypeOf<typeof HouseholdChange>

/**
 * A person known to the registry: resident 居民, cadre, party member, mediator, volunteer.
 *
 * @category State
 */
export const Person = struct('Person', {
  id: PersonId,
  name: Name,
  household: Household,
  householdChanges: list(HouseholdChange),
  /** Where the person lives in the street; null for a person who does not (e.g. a district cadre). */
  home: orNull(PlaceRef),
  languages: list(Name, 20),
  moves: list(Move),
  registeredAt: Instant,
})
/**
 * A person known to the registry.
 *
 * @category State
 */
export type Person = t.TypeOf<typeof Person>

/**
 * Registers a person, with their household registration and, for residents, their home.
 *
 * @category Commands
 */
export const RegisterPerson = command(
  'registerPerson',
  { ...inStreet, person: PersonId, name: Name, household: Household, home: orNull(PlaceRef) },
  { languages: list(Name, 20) },
)
/**
 * Records a change of a person's household registration; the earlier one stays in their history.
 *
 * @category Commands
 */
export const ChangeHousehold = command('changeHousehold', {
  ...inStreet,
  person: PersonId,
  household: Household,
})

/**
 * A person was registered.
 *
 * @category Events
 */
export const PersonRegistered = event('personRegistered', {
  person: PersonId,
  name: Name,
  household: Household,
  home: orNull(PlaceRef),
  languages: list(Name, 20),
})
/**
 * A person's household registration changed.
 *
 * @category Events
 */
export const HouseholdChanged = event('householdChanged', {
  person: PersonId,
  from: Household,
  to: Household,
})
