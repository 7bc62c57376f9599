/**
 * The small pieces every mechanism's handlers share, written once here instead of copied per
 * mechanism: the envelope an event takes from its command, and an entity that must exist.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { notFound, type NotFound } from './errors.js'
import type { PersonId } from './ids.js'
import type { Instant } from './time.js'

/**
 * The envelope an event takes from the command that causes it: its time and its actor.
 *
 * @example
 * ```ts
 * import { instant, PersonId } from 'governance-kit'
 * import { stamp } from 'governance-kit/decider'
 * const command = {
 *   type: 'secondMotion', at: instant('2024-05-06T09:00:00+08:00'), actor: PersonId.make('r-1'),
 *   motion: 'mo-1',
 * }
 * const seconded = { type: 'motionSeconded', ...stamp(command), motion: command.motion }
 * ```
 *
 * @category Events
 */
export const stamp = (command: { readonly at: Instant; readonly actor: PersonId }) => ({
  at: command.at,
  actor: command.actor,
})

/**
 * The entity, or a {@link NotFound} naming its kind and id: the first step of most handlers,
 * written `pipe(found(lookup(hall.motions, c.motion), 'motion', c.motion), E.flatMap(…))`.
 *
 * @category Checks
 */
export const found = <T>(
  value: T | undefined,
  entity: string,
  id: string,
): E.Either<NotFound, T> => (value === undefined ? E.left(notFound(entity, id)) : E.right(value))
