/**
 * Time without a clock: instants come from the commands (`at`), never from the machine.
 *
 * @module
 */
import * as t from 'io-ts'

/** The brand of {@link Instant}. */
export interface InstantBrand {
  readonly Instant: unique symbol
}

/**
 * An ISO-8601 instant with a time zone, e.g. `2024-04-24T09:30:00+08:00` or
 * `2024-04-24T01:30:00.000Z`. Kept as the caller wrote it; compare with {@link compareInstants}.
 */
export type Instant = t.Branded<string, InstantBrand>

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * ECMAScript defines `Date.parse` only for exactly three fraction digits; normalise first so that
 * every runtime reads the same instant (finer digits are dropped: time here is milliseconds).
 */
const parseMillis = (s: string): number =>
  Date.parse(s.replace(/\.(\d+)/, (_m, digits: string) => `.${digits.padEnd(3, '0').slice(0, 3)}`))

const isInstant = (s: string): s is Instant => {
  const m = INSTANT_PATTERN.exec(s)
  if (m === null) return false
  const [, y, mo, d, h, mi, sec] = m
  const month = Number(mo)
  const day = Number(d)
  const year = Number(y)
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(sec ?? '0') <= 59 &&
    Number.isFinite(parseMillis(s))
  )
}

/** Codec of {@link Instant}: rejects dates without a zone and impossible dates (Feb 30). */
export const Instant = t.brand(t.string, (s): s is Instant => isInstant(s), 'Instant')

/** Milliseconds since the epoch of an instant. */
export const instantToMillis = (instant: Instant): number => parseMillis(instant)

/** Negative, zero or positive as `a` is before, at or after `b`. */
export const compareInstants = (a: Instant, b: Instant): number =>
  instantToMillis(a) - instantToMillis(b)

/** Whether `a` is strictly before `b`. */
export const isBefore = (a: Instant, b: Instant): boolean => compareInstants(a, b) < 0

/** Whole days elapsed from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: Instant, to: Instant): number =>
  // `|| 0` turns -0 (less than a day backwards) into 0, which survives JSON.
  Math.trunc((instantToMillis(to) - instantToMillis(from)) / 86_400_000) || 0

/**
 * The same wall-clock time `years` calendar years later, in the same zone as written (a 29
 * February with no 29 February in the target year becomes 1 March): the date by which a period
 * counted in years, such as a probationary year 预备期, has passed.
 *
 * @example
 * ```ts
 * import { addYears, instant } from 'governance-kit'
 * addYears(instant('2024-02-29T10:00:00+08:00'), 1) // '2025-03-01T10:00:00+08:00'
 * ```
 */
export const addYears = (at: Instant, years: number): Instant => {
  const m = INSTANT_PATTERN.exec(at)
  const [, y, mo, d] = m ?? []
  if (
    m === null ||
    y === undefined ||
    mo === undefined ||
    d === undefined ||
    !Number.isInteger(years)
  )
    throw new TypeError(`addYears: ${JSON.stringify(at)} plus ${years} years`)
  const year = Number(y) + years
  if (year < 0 || year > 9999) throw new RangeError(`addYears: year ${year} is out of range`)
  const rest = at.slice(10)
  const candidate = `${String(year).padStart(4, '0')}-${mo}-${d}${rest}`
  return isInstant(candidate)
    ? candidate
    : (`${String(year).padStart(4, '0')}-03-01${rest}` as Instant)
}

/**
 * Makes an instant from a literal written in code. Throws on a malformed value (a programmer
 * error; decode input with {@link Instant} instead).
 */
export const instant = (raw: string): Instant => {
  if (!Instant.is(raw)) throw new TypeError(`${JSON.stringify(raw)} is not an ISO-8601 instant`)
  return raw
}
