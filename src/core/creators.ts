/**
 * Typed command creators (命令构造器): one per command type, derived from the codecs, so a
 * TypeScript app builds commands with autocompletion and type errors (Redux Toolkit's
 * `slice.actions`). Every mechanism carries them as `create`.
 *
 * @module
 */
import type * as t from 'io-ts'
import type { Tagged } from './decider.js'

/**
 * A value as JSON gives it: branded ids and instants as the plain strings (or numbers) they are,
 * literal unions kept, objects and lists mapped through. What a caller writes to build a command.
 *
 * @category Commands
 */
export type Unbranded<T> =
  T extends t.Brand<unknown>
    ? T extends string
      ? string
      : T extends number
        ? number
        : T
    : T extends ReadonlyArray<infer I>
      ? ReadonlyArray<Unbranded<I>>
      : T extends object
        ? { readonly [K in keyof T]: Unbranded<T[K]> }
        : T

/**
 * The fields of the command of type `K` in `C`, as a caller writes them (its `type` aside).
 *
 * @category Commands
 */
export type CommandFields<C extends Tagged, K extends C['type']> = Unbranded<
  Omit<Extract<C, { readonly type: K }>, 'type'>
>

/**
 * One creator per command type of `C`: its fields in, the command (as JSON) out.
 *
 * @category Commands
 */
export type CommandCreators<C extends Tagged> = {
  readonly [K in C['type']]: (
    fields: CommandFields<C, K>,
  ) => { readonly type: K } & CommandFields<C, K>
}

/** The creators of the command types `types` (internal: how mechanisms get their `create`). */
export const creatorsOf = <C extends Tagged>(
  types: ReadonlyArray<C['type']>,
): CommandCreators<C> => {
  const creators: Record<string, (fields: object) => Tagged> = {}
  for (const type of types) creators[type] = (fields) => ({ type, ...fields })
  return Object.freeze(creators) as unknown as CommandCreators<C>
}
