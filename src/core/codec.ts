/**
 * Codec building blocks: the io-ts combinators every mechanism uses to declare its entities,
 * commands and events once, and the boundary decoder that turns unknown JSON into typed values or
 * into a {@link DecodeError} naming the path of each bad field.
 *
 * Why not plain `t.type` / `t.union`: the library must be impossible to corrupt with bad input, so
 * objects here reject unknown keys (including an own `__proto__` key from `JSON.parse`) instead of
 * silently keeping them, always return fresh objects and arrays (the caller's input is never frozen
 * or retained), and unions are dispatched on their tag so that an error names one path, not every
 * member of the union.
 *
 * Input may fight back: a getter or a proxy trap can throw, an array can grow while it is read, and
 * a proxy's `length` can be anything. The combinators read the input inside guards: what cannot
 * be read is refused at its own path (`actual` is `"unreadable: <what it threw>"`), `is` answers
 * false, and a list reads its `length` once, so it never holds more than its cap.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { appendAll, attempt, hasOwn, isLength, isPlainRecord } from './reading.js'

/** The most unknown keys one object reports. */
const MAX_UNKNOWN_KEYS = 20

/** Flattens an intersection into one object type, for readable hovers and docs. @category Codecs */
export type Simplify<T> = { [K in keyof T]: T[K] } & {}

/**
 * The decoded type of a {@link struct}: required keys, then optional keys, all read-only.
 *
 * @category Codecs
 */
export type StructOf<R extends t.Props, O extends t.Props> = Simplify<
  { readonly [K in keyof R]: t.TypeOf<R[K]> } & { readonly [K in keyof O]?: t.TypeOf<O[K]> }
>

/** The encoded (JSON) type of a {@link struct}. @category Codecs */
export type StructOutputOf<R extends t.Props, O extends t.Props> = Simplify<
  { readonly [K in keyof R]: t.OutputOf<R[K]> } & { readonly [K in keyof O]?: t.OutputOf<O[K]> }
>

/**
 * The codec a {@link struct} returns; it keeps its props so other structs can extend them.
 *
 * @category Codecs
 */
export class StructType<R extends t.Props, O extends t.Props> extends t.Type<
  StructOf<R, O>,
  StructOutputOf<R, O>
> {
  /** Discriminates this codec kind. */
  readonly _tag = 'StructType' as const
  /**
   * @param name - the codec's name, shown as `expected` in decode errors
   * @param required - keys that must be present
   * @param optional - keys that may be absent (never `undefined`)
   */
  constructor(
    name: string,
    readonly required: R,
    readonly optional: O,
  ) {
    const requiredKeys = Object.keys(required)
    const optionalKeys = Object.keys(optional)
    const codecOf = (key: string): t.Mixed | undefined =>
      hasOwn(required, key) ? required[key] : hasOwn(optional, key) ? optional[key] : undefined
    super(
      name,
      (u): u is StructOf<R, O> => {
        try {
          if (!isPlainRecord(u)) return false
          return Object.keys(u).every((key) => {
            const codec = codecOf(key)
            return codec !== undefined && codec.is(u[key])
          })
            ? requiredKeys.every((key) => hasOwn(u, key))
            : false
        } catch {
          return false // input that cannot be read is not a value of this type
        }
      },
      (u, c) => {
        // Every read of `u` is guarded: what cannot be read is refused at its own path.
        const keys = attempt(() => (isPlainRecord(u) ? Object.keys(u) : undefined))
        if (E.isLeft(keys)) return t.failure(keys.left, c)
        if (keys.right === undefined) return t.failure(u, c)
        const record = u as Readonly<Record<string, unknown>>
        const errors: t.ValidationError[] = []
        const out: Record<string, unknown> = {}
        let unknownKeys = 0
        for (const key of keys.right) {
          if (codecOf(key) !== undefined) continue
          // A flood of unknown keys is one mistake: name the first few, not a million.
          if (++unknownKeys > MAX_UNKNOWN_KEYS) break
          const value = E.getOrElseW((shown: string) => shown)(attempt(() => record[key]))
          errors.push({ value, context: t.appendContext(c, key, unknownKey, value) })
        }
        const refuse = (key: string, codec: t.Mixed, shown: string): void => {
          errors.push({ value: shown, context: t.appendContext(c, key, codec, shown) })
        }
        const decodeKey = (key: string, codec: t.Mixed): void => {
          const value = attempt(() => record[key])
          if (E.isLeft(value)) {
            refuse(key, codec, value.left)
            return
          }
          const result = codec.validate(value.right, t.appendContext(c, key, codec, value.right))
          if (E.isLeft(result)) appendAll(errors, result.left)
          else out[key] = result.right
        }
        for (const key of requiredKeys) decodeKey(key, required[key] as t.Mixed)
        for (const key of optionalKeys) {
          const codec = optional[key] as t.Mixed
          const present = attempt(() => hasOwn(record, key))
          if (E.isLeft(present)) refuse(key, codec, present.left)
          else if (present.right) decodeKey(key, codec)
        }
        // The shape of `out` is exactly what the props describe: every required key was decoded by
        // its codec and every optional key present was decoded by its own.
        return errors.length > 0 ? t.failures(errors) : t.success(out as StructOf<R, O>)
      },
      (a) => {
        const out: Record<string, unknown> = {}
        const value = a as Readonly<Record<string, unknown>>
        for (const key of [...requiredKeys, ...optionalKeys]) {
          const codec = codecOf(key)
          if (codec !== undefined && hasOwn(value, key)) out[key] = codec.encode(value[key])
        }
        return out as StructOutputOf<R, O>
      },
    )
  }
}

const unknownKey = new t.Type<never, never, unknown>(
  'no such key',
  (_u): _u is never => false,
  (u, c) => t.failure(u, c),
  () => {
    throw new Error('unreachable: no value has an unknown key')
  },
)

/**
 * An object codec that rejects unknown keys and always returns a fresh object.
 *
 * @param name - shown as `expected` in decode errors
 * @param required - the keys that must be present
 * @param optional - the keys that may be absent
 * @example
 * ```ts
 * import * as t from 'io-ts'
 * import { struct, decodeWith } from 'governance-kit/codec'
 * const Point = struct('Point', { x: t.number }, { label: t.string })
 * decodeWith(Point, { x: 1, y: 2 }) // Left: `$.y: expected no such key`
 * ```
 *
 * @category Codecs
 */
export const struct = <R extends t.Props, O extends t.Props = Record<never, never>>(
  name: string,
  required: R,
  optional?: O,
): StructType<R, O> => new StructType(name, required, optional ?? ({} as O))

/**
 * An array codec that copies its input and refuses more than `max` items.
 *
 * The cap holds whatever the input does: `length` is read once and the items are read up to it,
 * so an array whose getters push more items (or a proxy whose `length` changes between reads)
 * cannot make the output longer than `max`, nor the loop endless. A `length` no real array can
 * have (a proxy's `NaN`, `-1`, `"3"`) is refused at the list's path, and an item that cannot be
 * read (a getter that throws) at its index. Holes in a sparse array are items too (`undefined`).
 *
 * @param item - the codec of each element
 * @param max - the most elements accepted (bad input must not be able to exhaust memory)
 *
 * @category Codecs
 */
export const list = <C extends t.Mixed>(
  item: C,
  max = 10_000,
): t.Type<ReadonlyArray<t.TypeOf<C>>, ReadonlyArray<t.OutputOf<C>>> =>
  new t.Type(
    `Array<${item.name}> (at most ${max})`,
    (u): u is ReadonlyArray<t.TypeOf<C>> => {
      try {
        if (!Array.isArray(u)) return false
        const length: unknown = (u as { readonly length: unknown }).length
        if (!isLength(length) || length > max) return false
        // Like decode: `length` read once, and holes are items (`every` would skip them).
        for (let i = 0; i < length; i++)
          if (!item.is((u as ReadonlyArray<unknown>)[i])) return false
        return true
      } catch {
        return false // input that cannot be read is not a value of this type
      }
    },
    (u, c) => {
      // Read once: the loop below must not follow a `length` that grows (or lies) as it goes.
      const length = attempt((): unknown =>
        Array.isArray(u) ? (u as { readonly length: unknown }).length : undefined,
      )
      if (E.isLeft(length)) return t.failure(length.left, c)
      if (!isLength(length.right) || length.right > max) return t.failure(u, c)
      const count = length.right
      const items = u as ReadonlyArray<unknown>
      const errors: t.ValidationError[] = []
      const out: Array<t.TypeOf<C>> = []
      // An index loop, not forEach: a sparse array's holes must be decoded (as undefined), not skipped.
      // At most `count` (<= max) pushes, whatever the items' getters do to the input.
      for (let i = 0; i < count; i++) {
        const read = attempt((): unknown => items[i])
        const x: unknown = E.isLeft(read) ? read.left : read.right
        if (E.isLeft(read)) {
          errors.push({ value: x, context: t.appendContext(c, String(i), item, x) })
          continue
        }
        const r: t.Validation<t.TypeOf<C>> = item.validate(
          x,
          t.appendContext(c, String(i), item, x),
        )
        if (E.isLeft(r)) appendAll(errors, r.left)
        else out.push(r.right)
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out)
    },
    (a) => a.map((x) => item.encode(x) as t.OutputOf<C>),
  )

/**
 * A string codec for one of a fixed set of values (a union of string literals).
 *
 * @example
 * ```ts
 * import { oneOf } from 'governance-kit/codec'
 * const Household = oneOf(['registered', 'migrant'])
 * ```
 *
 * @category Codecs
 */
export const oneOf = <const V extends readonly [string, ...string[]]>(
  values: V,
  name?: string,
): t.Type<V[number], V[number]> & { readonly values: V } => {
  const allowed = new Set<string>(values)
  const is = (u: unknown): u is V[number] => typeof u === 'string' && allowed.has(u)
  const codec = new t.Type<V[number], V[number], unknown>(
    name ?? values.map((v) => JSON.stringify(v)).join(' | '),
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  )
  return Object.assign(codec, { values })
}

/**
 * A trimmed, non-empty string of at most `max` characters with no control characters
 * (free text such as names, reasons and descriptions).
 *
 * @category Codecs
 */
export const text = (max: number, name = `text (1 to ${max} characters)`): t.Type<string> => {
  const is = (u: unknown): u is string =>
    typeof u === 'string' &&
    u.length > 0 &&
    u.length <= max &&
    u.trim() === u &&
    !forbiddenInText.test(u) &&
    visible.test(u)
  return new t.Type(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), t.identity)
}

/**
 * What free text may not hold: control characters (C0, DEL, C1, line breaks included), bidi
 * overrides and isolates (they can reorder what a reader sees), and lone surrogates (ill-formed
 * UTF-16 that databases such as PostgreSQL refuse).
 */
const forbiddenInText =
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u

/** At least one character that is not white space or an invisible format character. */
const visible = /[^\s\p{Cf}]/u

/**
 * An integer in `[min, max]`.
 *
 * Negative zero decodes to `0` (`JSON.stringify` writes it as `0`, so a state holding `-0` would
 * differ from its own JSON round trip), and `is(-0)` is false: `is` holds for exactly the values
 * decode returns, so an event carrying `-0` is not one the codec would produce.
 *
 * @category Codecs
 */
export const integer = (min: number, max: number): t.Type<number> => {
  const is = (u: unknown): u is number =>
    typeof u === 'number' && Number.isInteger(u) && !Object.is(u, -0) && u >= min && u <= max
  return new t.Type(
    `integer in [${min}, ${max}]`,
    is,
    (u, c) => {
      const n = Object.is(u, -0) ? 0 : u
      return is(n) ? t.success(n) : t.failure(u, c)
    },
    t.identity,
  )
}

/**
 * Codec of a finite number in `[min, max]`: no `NaN` or `±Infinity` (JSON writes them as
 * `null`), and `-0` decodes as `0` (JSON writes it as `0`), so a decoded value equals its own JSON
 * round trip, as with {@link integer}.
 *
 * @example
 * ```ts
 * import { finiteNumber } from 'governance-kit/codec'
 * finiteNumber(1, 5).is(4.5) // true
 * finiteNumber(1, 5).is(Number.NaN) // false
 * ```
 *
 * @category Codecs
 */
export const finiteNumber = (min: number, max: number): t.Type<number> => {
  const is = (u: unknown): u is number =>
    typeof u === 'number' && Number.isFinite(u) && !Object.is(u, -0) && u >= min && u <= max
  return new t.Type(
    `finite number in [${min}, ${max}]`,
    is,
    (u, c) => {
      const n = Object.is(u, -0) ? 0 : u
      return is(n) ? t.success(n) : t.failure(u, c)
    },
    t.identity,
  )
}

/**
 * A value of `codec`, or `null`. Adds no step to error paths (unlike `t.union`).
 *
 * @category Codecs
 */
export const orNull = <C extends t.Mixed>(
  codec: C,
): t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null> =>
  new t.Type(
    `${codec.name} | null`,
    (u): u is t.TypeOf<C> | null => u === null || codec.is(u),
    (u, c): t.Validation<t.TypeOf<C> | null> =>
      u === null ? t.success(null) : codec.validate(u, c),
    (a) => (a === null ? null : (codec.encode(a) as t.OutputOf<C>)),
  )
