/**
 * Domain errors: every way a command can be refused, as data.
 *
 * Errors are a discriminated union on `code`. The codes are stable (apps may switch on them and
 * store them); the `message` is English prose for people and may be reworded.
 *
 * Every builder here escapes its `message` (and a decode issue's `path`, `expected` and `actual`):
 * control characters, bidi controls, zero-width characters, line separators and lone surrogates
 * from the input are written as visible `\u{XXXX}` text, so a message is one line and a logged
 * error cannot be visually spoofed (U+202E becomes `\u{202E}`). The other fields (`id`, `actor`,
 * `stream`, …) hold the values as given, for programs to use.
 *
 * @module
 */
import { ESCAPE_LENGTH, escapeInvisible } from './escape.js'

/**
 * One reason a value failed to decode: where (`path`), what was wanted and what was found.
 *
 * @category Errors
 */
export interface DecodeIssue {
  /**
   * JSON path of the bad field, from the root of the input: `$`, `$.payload.name`, `$.parties[1]`.
   * A key holding invisible characters shows them escaped: `$["a\u{202E}b"]`.
   */
  readonly path: string
  /** What the field should have been, e.g. `CommunityId`, `"registered" | "migrant"`, `no such key`. */
  readonly expected: string
  /**
   * A short rendering of what was there instead (truncated for long values, invisible characters
   * escaped; see {@link renderActual}).
   */
  readonly actual: string
}

/**
 * The input is not a well-formed command (wrong types, missing fields, unknown keys or type).
 *
 * @category Errors
 */
export interface DecodeError {
  readonly code: 'DecodeError'
  readonly message: string
  readonly issues: ReadonlyArray<DecodeIssue>
}

/**
 * A lifecycle was asked to move along an edge its transition table does not have.
 *
 * @category Errors
 */
export interface IllegalTransition {
  readonly code: 'IllegalTransition'
  readonly message: string
  /** The machine's id, e.g. `organisation`, `case`. */
  readonly machine: string
  /** The state the entity was in. */
  readonly state: string
  /** The command (or transition trigger) that has no edge from `state`. */
  readonly command: string
}

/**
 * The actor does not hold a role that the command requires in the command's scope.
 *
 * @category Errors
 */
export interface Forbidden {
  readonly code: 'Forbidden'
  readonly message: string
  readonly actor: string
  readonly command: string
  /**
   * Roles any one of which, held over the named scope or over any scope above it, would have
   * allowed the command: `registrar@grid:g1` is met by a registrar of g1's community or street.
   */
  readonly missingRole: ReadonlyArray<string>
}

/** A referenced entity does not exist. @category Errors */
export interface NotFound {
  readonly code: 'NotFound'
  readonly message: string
  /** The entity kind, e.g. `community`, `person`. */
  readonly entity: string
  readonly id: string
}

/** An entity with this id exists already. @category Errors */
export interface AlreadyExists {
  readonly code: 'AlreadyExists'
  readonly message: string
  readonly entity: string
  readonly id: string
}

/** Optimistic concurrency: the stream moved on since it was read. @category Errors */
export interface VersionConflict {
  readonly code: 'VersionConflict'
  readonly message: string
  readonly stream: string
  readonly expectedVersion: number
  readonly actualVersion: number
}

/**
 * A named domain rule refused the command (e.g. `grid-inside-community`, `quorum`).
 *
 * @category Errors
 */
export interface RuleViolation {
  readonly code: 'RuleViolation'
  readonly message: string
  /**
   * Stable kebab-case name of the rule (or of the transition-table guard that refused the move),
   * documented beside the mechanism that owns it.
   */
  readonly rule: string
}

/**
 * The store returned something the engine cannot trust: an event its codec refuses, a reducer that
 * fails on it, or versions out of sequence. Nothing was appended after it.
 *
 * Unlike the other errors this is not about the command: the command may be fine, but the stream
 * it targets cannot be folded into a state the engine would stand behind, so the engine refuses to
 * decide on it at all. Retrying will not help; the stream needs repair (or the codec a migration).
 *
 * @category Errors
 */
export interface CorruptStream {
  readonly code: 'CorruptStream'
  readonly message: string
  /** The stream whose content cannot be trusted. */
  readonly stream: string
  /** The version at which the stream stops being trustworthy. */
  readonly version: number
  /** What was wrong, e.g. decode issues or `expected version 2, got 3` (escaped, like `message`). */
  readonly reason: string
  /** The decode issues of the refused event, when its codec refused it; otherwise empty. */
  readonly issues: ReadonlyArray<DecodeIssue>
}

/**
 * Every way the library refuses a command (领域错误). Switch on `code`.
 *
 * @example
 * ```ts
 * import { describeError, type DomainError } from 'governance-kit'
 * const explain = (e: DomainError): string =>
 *   e.code === 'DecodeError' ? e.issues.map((i) => i.path).join(', ') : describeError(e)
 * ```
 *
 * @category Errors
 */
export type DomainError =
  | DecodeError
  | IllegalTransition
  | Forbidden
  | NotFound
  | AlreadyExists
  | VersionConflict
  | RuleViolation
  | CorruptStream

/** The stable codes of {@link DomainError}. @category Errors */
export type DomainErrorCode = DomainError['code']

const SHOWN = 60

/**
 * Cuts an escaped rendering to {@link SHOWN} characters, ending in `...`, without cutting an
 * escape `\u{XXXX}` or a surrogate pair in two (half a pair would be a lone surrogate).
 */
const clip = (shown: string): string => {
  if (shown.length <= SHOWN) return shown
  let end = SHOWN - 3
  const open = shown.lastIndexOf('\\u{', end - 1)
  if (open !== -1 && open > end - ESCAPE_LENGTH && shown.indexOf('}', open) >= end) end = open
  const last = shown.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${shown.slice(0, end)}...`
}

/**
 * A short rendering of any value, bounded in time as in length: it writes JSON as
 * `JSON.stringify` would, but stops as soon as it has more than it will show, so a huge or deeply
 * shared value cannot make an error slow to build. Values JSON cannot write show their type.
 * Invisible characters that JSON leaves raw (U+202E, U+2028, DEL, C1 controls, …) are escaped.
 */
const quote = (value: unknown): string => {
  let out = ''
  const full = (): boolean => out.length > SHOWN
  const write = (v: unknown): void => {
    if (full()) return
    if (typeof v === 'string') out += JSON.stringify(v.slice(0, SHOWN + 1))
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out += JSON.stringify(v)
    else if (Array.isArray(v)) {
      out += '['
      for (let i = 0; i < v.length && !full(); i++) {
        if (i > 0) out += ','
        write(v[i])
      }
      out += ']'
    } else if (typeof v === 'object') {
      out += '{'
      let first = true
      for (const key of Object.keys(v)) {
        if (full()) break
        if (!first) out += ','
        first = false
        out += `${JSON.stringify(key)}:`
        write((v as Record<string, unknown>)[key])
      }
      out += '}'
    } else out += v === undefined ? 'undefined' : `[${typeof v}]`
  }
  try {
    write(value)
  } catch {
    out = `[unreadable ${typeof value}]`
  }
  return clip(escapeInvisible(out))
}

/** A {@link DecodeIssue} with its text escaped, whoever built it. */
const escapeIssue = (issue: DecodeIssue): DecodeIssue => ({
  path: escapeInvisible(issue.path),
  expected: escapeInvisible(issue.expected),
  actual: escapeInvisible(issue.actual),
})

/**
 * Builds a {@link DecodeError} from its issues; the message lists the first few. The issues are
 * copied with their text escaped (escaping is idempotent, so issues from `renderActual` and
 * `toDecodeIssues` are unchanged).
 *
 * @category Errors
 */
export const decodeError = (given: ReadonlyArray<DecodeIssue>): DecodeError => {
  const issues = given.map(escapeIssue)
  const shown = issues
    .slice(0, 3)
    .map((i) => `${i.path}: expected ${i.expected}, got ${i.actual}`)
    .join('; ')
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
  return { code: 'DecodeError', message: `Invalid input: ${shown}${more}`, issues }
}

/**
 * Renders a value for a {@link DecodeIssue}'s `actual` field: JSON, at most 60 characters, with
 * invisible characters escaped as `\u{XXXX}` (U+202E becomes `\u{202E}`).
 *
 * @category Errors
 */
export const renderActual = quote

/** Builds an {@link IllegalTransition}. @category Errors */
export const illegalTransition = (
  machine: string,
  state: string,
  command: string,
): IllegalTransition => ({
  code: 'IllegalTransition',
  message: escapeInvisible(`${machine}: no transition on "${command}" from state "${state}"`),
  machine,
  state,
  command,
})

/** Builds a {@link Forbidden}. @category Errors */
export const forbidden = (
  actor: string,
  command: string,
  missingRole: ReadonlyArray<string>,
): Forbidden => ({
  code: 'Forbidden',
  message: escapeInvisible(`${actor} may not ${command}: needs ${missingRole.join(' or ')}`),
  actor,
  command,
  missingRole,
})

/** Builds a {@link NotFound}. @category Errors */
export const notFound = (entity: string, id: string): NotFound => ({
  code: 'NotFound',
  message: escapeInvisible(`No ${entity} with id "${id}"`),
  entity,
  id,
})

/** Builds an {@link AlreadyExists}. @category Errors */
export const alreadyExists = (entity: string, id: string): AlreadyExists => ({
  code: 'AlreadyExists',
  message: escapeInvisible(`A ${entity} with id "${id}" exists already`),
  entity,
  id,
})

/** Builds a {@link VersionConflict}. @category Errors */
export const versionConflict = (
  stream: string,
  expectedVersion: number,
  actualVersion: number,
): VersionConflict => ({
  code: 'VersionConflict',
  message: escapeInvisible(
    `Stream "${stream}" is at version ${actualVersion}, expected ${expectedVersion}`,
  ),
  stream,
  expectedVersion,
  actualVersion,
})

/**
 * Builds a {@link RuleViolation} for the named rule. The message may quote the input (a name, a
 * reason): its invisible characters are escaped here.
 *
 * @category Errors
 */
export const ruleViolation = (rule: string, message: string): RuleViolation => ({
  code: 'RuleViolation',
  message: escapeInvisible(message),
  rule,
})

/**
 * Builds a {@link CorruptStream}.
 *
 * @param stream - the stream whose content cannot be trusted
 * @param version - the version at which it stops being trustworthy
 * @param reason - what was wrong, e.g. `expected version 2, got 3` (escaped, like the message)
 * @param issues - the decode issues, when an event's codec refused it (escaped)
 *
 * @category Errors
 */
export const corruptStream = (
  stream: string,
  version: number,
  reason: string,
  issues: ReadonlyArray<DecodeIssue> = [],
): CorruptStream => ({
  code: 'CorruptStream',
  message: escapeInvisible(
    `Stream "${stream}" cannot be trusted from version ${version}: ${reason}`,
  ),
  stream,
  version,
  reason: escapeInvisible(reason),
  issues: issues.map(escapeIssue),
})

/**
 * A one-line, human-readable rendering of any {@link DomainError}. The message is escaped again,
 * so an error built by hand rather than by a builder is one line and cannot spoof a log either.
 *
 * @category Errors
 */
export const describeError = (error: DomainError): string =>
  escapeInvisible(`[${error.code}] ${error.message}`)

/**
 * What an engine's `load` rejects with when the store's content cannot be trusted; `handle`
 * resolves to the same {@link CorruptStream} as a `Left` instead.
 *
 * @category Errors
 */
export class CorruptStreamError extends Error {
  /** The typed error: stream, version and what was wrong. */
  readonly error: CorruptStream
  constructor(error: CorruptStream) {
    super(describeError(error))
    this.name = 'CorruptStreamError'
    this.error = error
  }
}
