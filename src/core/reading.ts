/**
 * Reading hostile input (internal: `core/index.ts` does not re-export this module): the small
 * reads the codecs share, each safe against getters and proxies that throw or lie.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'

export const hasOwn = (o: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(o, key)

export const isPlainRecord = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const proto: unknown = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

/**
 * What reading hostile input threw, as short text. Even that is guarded: a thrown proxy or an
 * error whose `message` getter throws must not escape either.
 */
export const reasonOf = (error: unknown): string => {
  try {
    // `message` is typed string, but a thrower may have set it to anything.
    const message: unknown = error instanceof Error ? error.message : error
    return String(message).slice(0, 200)
  } catch {
    return 'an unreadable error'
  }
}

/**
 * Runs one read of the input (`Array.isArray`, `Object.keys`, a property): Right with its
 * result, or Left with the stand-in value an issue shows, `unreadable: <what it threw>`.
 */
export const attempt = <A>(read: () => A): E.Either<string, A> => {
  try {
    return E.right(read())
  } catch (error) {
    return E.left(`unreadable: ${reasonOf(error)}`)
  }
}

/** A value a real array could have as its `length` (a proxy's `length` can be anything). */
export const isLength = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0

/** Appends without spreading (a spread of a huge array overflows the call stack). */
export const appendAll = <T>(target: T[], items: ReadonlyArray<T>): void => {
  for (const item of items) target.push(item)
}
