/**
 * Residency (居住): the codecs of where a person lives in the street over time — each move of
 * home, kept forever — and of the commands and events that move a resident and record a
 * departure.
 *
 * @module
 */
import type * as t from 'io-ts'
import { Instant, PersonId, command, event, orNull, struct } from '../../core/index.js'
import { Name } from './names.js'
import { PlaceRef, inStreet } from './places.js'

/**
 * One change of a person's home, kept forever (moving a resident keeps history).
 *
 * @category State
 */
export const Move = struct('Move', {
  from: orNull(PlaceRef),
  to: orNull(PlaceRef),
  at: Instant,
  /** Where the person went when they left the street (`to` is then null). */
  destination: orNull(Name),
})
/**
 * One change of a person's home.
 *
 * @category State
 */
export type Move = t.TypeOf<typeof Move>

/**
 * Moves a resident to another home in the street; the old home stays in their history.
 *
 * @category Commands
 */
export const MoveResident = command('moveResident', { ...inStreet, person: PersonId, to: PlaceRef })
/**
 * Records that a resident left the street, and for where; their record and history stay.
 *
 * @category Commands
 */
export const RecordDeparture = command('recordDeparture', {
  ...inStreet,
  person: PersonId,
  destination: Name,
})

/**
 * A resident moved to another home in the street.
 *
 * @category Events
 */
export const ResidentMoved = event('residentMoved', {
  person: PersonId,
  from: orNull(PlaceRef),
  to: PlaceRef,
})
/**
 * A resident left the street.
 *
 * @category Events
 */
export const ResidentDeparted = event('residentDeparted', {
  person: PersonId,
  from: orNull(PlaceRef),
  destination: Name,
})
