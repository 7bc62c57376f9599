/**
 * The boundary decoder (边界解码): unknown input in, a typed value or a {@link DecodeError}
 * naming the JSON path of each bad field out.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { decodeError, renderActual, type DecodeError, type DecodeIssue } from './errors.js'
import { escapeInvisible } from './escape.js'
import { attempt, reasonOf } from './reading.js'

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** The most issues one {@link DecodeError} lists. */
const MAX_ISSUES = 100

/**
 * The JSON path of a context: `[i]` where the parent is an array, `.key` for an identifier key,
 * and `["key"]` for any other key (so `"a.b"` and `"0"` cannot be misread). Keys come from the
 * input, so invisible characters in them are escaped (`$["a\u{202E}b"]`, see `escapeInvisible`).
 */
const pathOf = (context: t.Context): string => {
  let path = '$'
  for (let i = 1; i < context.length; i++) {
    const entry = context[i]
    if (entry === undefined || entry.key === '') continue
    const parent: unknown = context[i - 1]?.actual
    // A revoked proxy throws even from Array.isArray.
    const inArray = E.getOrElse(() => false)(attempt(() => Array.isArray(parent)))
    path += inArray
      ? `[${entry.key}]`
      : IDENTIFIER.test(entry.key)
        ? `.${entry.key}`
        : `[${JSON.stringify(entry.key)}]`
  }
  return escapeInvisible(path)
}

/**
 * Turns io-ts validation errors into {@link DecodeIssue}s with JSON paths, one per path.
 *
 * @category Codecs
 */
export const toDecodeIssues = (errors: t.Errors): ReadonlyArray<DecodeIssue> => {
  const seen = new Set<string>()
  const issues: DecodeIssue[] = []
  for (const error of errors) {
    if (issues.length >= MAX_ISSUES) break
    const path = pathOf(error.context)
    if (seen.has(path)) continue
    seen.add(path)
    const last = error.context[error.context.length - 1]
    issues.push({
      path,
      expected: last?.type.name ?? 'unknown',
      actual: renderActual(error.value),
    })
  }
  return issues
}

/**
 * Decodes unknown input with a codec, returning the typed value or a {@link DecodeError}
 * whose issues name the JSON path of each bad field.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts'
 * import { struct, decodeWith } from 'governance-kit/codec'
 * const result = decodeWith(struct('Age', { years: t.number }), JSON.parse('{"years":"x"}'))
 * // Left({ code: 'DecodeError', issues: [{ path: '$.years', expected: 'number', actual: '"x"' }] })
 * ```
 *
 * @category Codecs
 */
export const decodeWith = <A, O>(codec: t.Type<A, O>, input: unknown): E.Either<DecodeError, A> => {
  try {
    return E.mapLeft((errors: t.Errors) => decodeError(toDecodeIssues(errors)))(codec.decode(input))
  } catch (error) {
    // The combinators refuse unreadable input at its own path. What still throws (a codec of
    // another library reading a getter or a proxy that throws) is bad input too: it is refused at
    // the root, never thrown back at the caller.
    return E.left(
      decodeError([
        { path: '$', expected: codec.name, actual: renderActual(`unreadable: ${reasonOf(error)}`) },
      ]),
    )
  }
}
