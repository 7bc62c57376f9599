/**
 * Dispatch as data (分派表): a mechanism's `decide` is a table of handlers keyed by command type,
 * and its reducer a table of recipes keyed by event type (Redux Toolkit's case reducers). The
 * tables are exhaustive: a command or event type without its entry, or an entry for a type the
 * union does not have, is a compile error. No `switch` over `type` is written outside `core`.
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import type { Recipe, Tagged } from './decider.js'
import type { DomainError } from './errors.js'

/** The member of a tagged union `U` whose `type` is `K`. @category Dispatch */
export type OfType<U extends Tagged, K extends U['type']> = Extract<U, { readonly type: K }>

/** What a handler decides: the events, or the refusal. @category Dispatch */
export type Decision<E> = Either<DomainError, ReadonlyArray<E>>

/**
 * The handler of one command type: the command, the stream's state and the context.
 *
 * @category Dispatch
 */
export type Handler<C extends Tagged, K extends C['type'], S, X, E> = (
  command: OfType<C, K>,
  state: S,
  context: X,
) => Decision<E>

/** One handler per command type of `C`. @category Dispatch */
export type Handlers<C extends Tagged, S, X, E> = {
  readonly [K in C['type']]: Handler<C, K, S, X, E>
}

/** The recipe of one event type: mutate the draft for that event. @category Dispatch */
export type Reducer<S, E extends Tagged, K extends E['type']> = (
  draft: Draft<S>,
  event: OfType<E, K>,
) => void

/** One recipe per event type of `E`. @category Dispatch */
export type Reducers<S, E extends Tagged> = { readonly [K in E['type']]: Reducer<S, E, K> }

/**
 * `T` when it has no key beyond `Shape`'s; a key beyond them maps to `never` (a type error).
 *
 * @category Dispatch
 */
export type Exactly<Shape, T> = T & Readonly<Record<Exclude<keyof T, keyof Shape>, never>>

/**
 * The `decide` of a handler table. The table must hold exactly the command types of `C`; build
 * it from the field files' parts with a spread and check it with {@link handlersFor}.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decideBy } from 'governance-kit/decider'
 * type Cmd = { type: 'ring'; times: number } | { type: 'hush' }
 * const decide = decideBy<Cmd, null, void, string>({
 *   ring: (c) => E.right([`rang ${c.times}`]),
 *   hush: () => E.right([]),
 * })
 * decide({ type: 'ring', times: 2 }, null, undefined) // Right(['rang 2'])
 * ```
 *
 * @category Dispatch
 */
export const decideBy =
  <C extends Tagged, S, X, E>(handlers: Handlers<C, S, X, E>) =>
  (command: C, state: S, context: X): Decision<E> =>
    // The mapped type pairs each key with the handler of that member; indexing by a union key
    // loses the pairing, which the table's type guarantees.
    (handlers[command.type as C['type']] as Handler<C, C['type'], S, X, E>)(
      command as OfType<C, C['type']>,
      state,
      context,
    )

/**
 * The recipe of a reducer table: each event goes to the recipe of its type. The table must hold
 * exactly the event types of `E` ({@link reducersFor} checks a table built from parts).
 *
 * @category Dispatch
 */
export const applyBy =
  <S, E extends Tagged>(reducers: Reducers<S, E>): Recipe<S, E> =>
  (draft, event) => {
    ;(reducers[event.type as E['type']] as Reducer<S, E, E['type']>)(
      draft,
      event as OfType<E, E['type']>,
    )
  }

/**
 * Checks a handler table built from parts: every command type of `C` has its handler and no
 * other key is there (a spread is not checked for extra keys otherwise).
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import { handlersFor, type Handler } from 'governance-kit/decider'
 * type Cmd = { type: 'ring'; times: number } | { type: 'hush' }
 * type BellHandler<K extends Cmd['type']> = Handler<Cmd, K, null, void, string>
 * const ringing: { ring: BellHandler<'ring'> } = { ring: (c) => E.right([`rang ${c.times}`]) }
 * const quiet: { hush: BellHandler<'hush'> } = { hush: () => E.right([]) }
 * // The parts of two field files; a missing or extra key is a type error.
 * const handlers = handlersFor<Cmd, null, void, string>()({ ...ringing, ...quiet })
 * ```
 *
 * @category Dispatch
 */
export const handlersFor =
  <C extends Tagged, S, X, E>() =>
  <T extends Handlers<C, S, X, E>>(table: Exactly<Handlers<C, S, X, E>, T>): Handlers<C, S, X, E> =>
    table

/**
 * Checks a reducer table built from parts, as {@link handlersFor} does for handlers.
 *
 * @category Dispatch
 */
export const reducersFor =
  <S, E extends Tagged>() =>
  <T extends Reducers<S, E>>(table: Exactly<Reducers<S, E>, T>): Reducers<S, E> =>
    table
