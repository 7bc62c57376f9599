/**
 * Time without a clock: instants come from the commands (`at`), never from the machine.
 *
 * Calendar facts (a year, a date) are read in one zone, {@link CALENDAR_ZONE} (北京时间), with
 * {@link calendarDate} and {@link addYears}, never from an instant's text as written; elapsed
 * time ({@link daysBetween}, {@link compareInstants}) needs no zone.
 *
 * @module
 */
import * as t from 'io-ts'

/** The brand of {@link Instant}. @category Time */
export interface InstantBrand {
  readonly Instant: unique symbol
}

/**
 * An ISO-8601 instant with a time zone, e.g. `2024-04-24T09:30:00+08:00` or
 * `2024-04-24T01:30:00.000Z`. Kept as the caller wrote it; compare with {@link compareInstants}.
 *
 * @category Time
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

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const isInstant = (s: string): s is Instant => {
  const m = INSTANT_PATTERN.exec(s)
  if (m === null) return false
  const [, y, mo, d, h, mi, sec] = m
  const month = Number(mo)
  const day = Number(d)
  const daysInMonth =
    month === 2 ? (isLeapYear(Number(y)) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
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

/**
 * Codec of {@link Instant}: rejects dates without a zone and impossible dates (Feb 30).
 *
 * @category Time
 */
export const Instant = t.brand(t.string, (s): s is Instant => isInstant(s), 'Instant')

/** Milliseconds since the epoch of an instant. @category Time */
export const instantToMillis = (instant: Instant): number => parseMillis(instant)

/** Negative, zero or positive as `a` is before, at or after `b`. @category Time */
export const compareInstants = (a: Instant, b: Instant): number =>
  instantToMillis(a) - instantToMillis(b)

/** Whether `a` is strictly before `b`. @category Time */
export const isBefore = (a: Instant, b: Instant): boolean => compareInstants(a, b) < 0

/**
 * Whole days elapsed from `from` to `to` (negative when `to` is earlier): elapsed periods of
 * 24 hours, not calendar dates crossed, so the count is the same in every time zone (an instant
 * written at `+08:00` and the same instant written at `Z` give the same answer). For a calendar
 * fact, such as the date a period ends on, use {@link calendarDate} or {@link addYears}.
 *
 * @category Time
 */
export const daysBetween = (from: Instant, to: Instant): number =>
  // `|| 0` turns -0 (less than a day backwards) into 0, which survives JSON.
  Math.trunc((instantToMillis(to) - instantToMillis(from)) / 86_400_000) || 0

/**
 * The library's calendar zone: China Standard Time 北京时间, UTC+08:00.
 *
 * An instant is one moment however it is written, but its calendar date (the year a
 * commendation is given in, the day a probationary year ends on) depends on the zone it is read
 * in: `2023-12-31T20:00:00-10:00` and `2024-01-01T06:00:00Z` are the same moment, in 2023 or in
 * 2024 as written. So calendar facts are read in this one zone, never from the text as written,
 * and the same instant gets the same answer whatever offset a command carries. China keeps a
 * single time zone for the whole country and no daylight saving time, so a fixed offset is the
 * zone, all year round, and no time-zone database is needed.
 *
 * @category Time
 */
export const CALENDAR_ZONE = '+08:00'

const ZONE_PATTERN = /^(?:Z|([+-])(\d{2}):(\d{2}))$/

/** Minutes east of UTC of a zone written `±HH:MM` or `Z`; throws on a malformed zone. */
const zoneMinutes = (zone: string): number => {
  const m = ZONE_PATTERN.exec(zone)
  if (m === null) throw new TypeError(`${JSON.stringify(zone)} is not a UTC offset ±HH:MM or Z`)
  const [, sign, h, mi] = m
  if (sign === undefined) return 0
  const hours = Number(h)
  const minutes = Number(mi)
  if (hours > 23 || minutes > 59)
    throw new TypeError(`${JSON.stringify(zone)} is not a UTC offset ±HH:MM or Z`)
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes)
}

/**
 * A date on the calendar: the year, the month (1–12) and the day of the month (1–31).
 *
 * @category Time
 */
export interface CalendarDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** The calendar date and the time of day (to the minute) of milliseconds, in a zone. */
const wallClock = (millis: number, zone: string) => {
  const local = new Date(millis + zoneMinutes(zone) * 60_000)
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  }
}

/** Milliseconds since the epoch of a wall-clock time (to the minute) in a zone. */
const wallClockMillis = (
  date: CalendarDate,
  hour: number,
  minute: number,
  zone: string,
): number => {
  const utc = new Date(0)
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  utc.setUTCFullYear(date.year, date.month - 1, date.day)
  utc.setUTCHours(hour, minute, 0, 0)
  return utc.getTime() - zoneMinutes(zone) * 60_000
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** Throws on a value that is not an instant (a programmer error: it was not decoded). */
const checked = (fn: string, at: Instant): RegExpExecArray => {
  const m = INSTANT_PATTERN.exec(at)
  if (m === null || !isInstant(at))
    throw new TypeError(`${fn}: ${JSON.stringify(at)} is not an instant`)
  return m
}

/**
 * The calendar date of an instant in `zone` (a UTC offset `±HH:MM` or `Z`; the library's
 * {@link CALENDAR_ZONE}, 北京时间, by default): the one place calendar facts are read from an
 * instant, so that the same moment has the same date however it was written.
 *
 * @example
 * ```ts
 * import { calendarDate, instant } from 'governance-kit/codec'
 * calendarDate(instant('2023-12-31T20:00:00-10:00')) // { year: 2024, month: 1, day: 1 }
 * calendarDate(instant('2024-01-01T06:00:00Z')) // { year: 2024, month: 1, day: 1 }
 * calendarDate(instant('2024-01-01T06:00:00Z'), '-10:00') // { year: 2023, month: 12, day: 31 }
 * ```
 *
 * @category Time
 */
export const calendarDate = (at: Instant, zone: string = CALENDAR_ZONE): CalendarDate => {
  checked('calendarDate', at)
  const { year, month, day } = wallClock(instantToMillis(at), zone)
  return { year, month, day }
}

/**
 * Writes `millis` as an instant in the zone `zone`, with the seconds text `seconds` (`:SS` and
 * a fraction, or nothing) of an instant at a whole minute's offset from it.
 */
const writeIn = (fn: string, millis: number, seconds: string, zone: string): Instant => {
  const w = wallClock(millis, zone)
  if (w.year < 0 || w.year > 9999) throw new RangeError(`${fn}: year ${w.year} is out of range`)
  const text = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}${seconds}${zone}`
  if (!isInstant(text)) throw new RangeError(`${fn}: ${text} is not an instant`)
  return text
}

/** The seconds and fraction text of an instant (`:SS.fff`, `:SS` or nothing), and its zone. */
const secondsAndZone = (m: RegExpExecArray, at: string): { seconds: string; zone: string } => {
  const zone = m[7] ?? 'Z'
  return { seconds: at.slice(16, at.length - zone.length), zone }
}

/**
 * The same instant written in `zone` (the library's {@link CALENDAR_ZONE}, 北京时间, by default),
 * e.g. to show it as local time. Throws a `RangeError` when its year there cannot be written
 * (past 9999).
 *
 * @example
 * ```ts
 * import { inZone, instant } from 'governance-kit/codec'
 * inZone(instant('2024-06-30T23:30:00Z')) // '2024-07-01T07:30:00+08:00'
 * ```
 *
 * @category Time
 */
export const inZone = (at: Instant, zone: string = CALENDAR_ZONE): Instant => {
  const m = checked('inZone', at)
  zoneMinutes(zone)
  return writeIn('inZone', instantToMillis(at), secondsAndZone(m, at).seconds, zone)
}

/**
 * The same wall-clock time `years` calendar years later, counted on the calendar of `zone` (the
 * library's {@link CALENDAR_ZONE}, 北京时间, by default) whatever offset `at` was written in, and
 * written back in the offset of `at`. A 29 February with no 29 February in the target year
 * becomes 1 March. It is the date by which a period counted in years, such as a probationary
 * year 预备期, has passed. Offsets are fixed (the calendar zone has no daylight saving), so the
 * zone decides only where 29 February falls: admitted at `2024-02-29T23:30:00Z`, which is 7:30
 * on 1 March in Beijing, the year is served at 7:30 on 1 March 2025 in Beijing,
 * `2025-02-28T23:30:00Z` (not on 1 March as written in UTC).
 *
 * Throws a `TypeError` on a fractional `years` and a `RangeError` on a year it cannot write
 * (before 0000 or past 9999), as programmer errors.
 *
 * @example
 * ```ts
 * import { addYears, instant } from 'governance-kit/codec'
 * addYears(instant('2024-02-29T10:00:00+08:00'), 1) // '2025-03-01T10:00:00+08:00'
 * addYears(instant('2024-02-29T23:30:00Z'), 1) // '2025-02-28T23:30:00Z' (1 March in Beijing)
 * ```
 *
 * @category Time
 */
export const addYears = (at: Instant, years: number, zone: string = CALENDAR_ZONE): Instant => {
  if (!Number.isInteger(years))
    throw new TypeError(`addYears: ${JSON.stringify(at)} plus ${years} years`)
  const m = checked('addYears', at)
  const local = wallClock(instantToMillis(at), zone)
  const year = local.year + years
  if (year < 0 || year > 9999) throw new RangeError(`addYears: year ${year} is out of range`)
  const leapDayLost = local.month === 2 && local.day === 29 && !isLeapYear(year)
  const date: CalendarDate = leapDayLost
    ? { year, month: 3, day: 1 }
    : { year, month: local.month, day: local.day }
  const written = secondsAndZone(m, at)
  return writeIn(
    'addYears',
    wallClockMillis(date, local.hour, local.minute, zone),
    written.seconds,
    written.zone,
  )
}

/**
 * The end of a period of `days` days that starts at `from`, counted as the law counts periods
 * (Civil Code 民法典 arts. 201 and 203, Civil Procedure Law 民事诉讼法 art. 85): the day the period
 * starts on is not counted, and the period ends at 24:00 of its last day, on the calendar of `zone`
 * (the library's {@link CALENDAR_ZONE}, 北京时间, by default). Returned in milliseconds since the
 * epoch: the first instant after the period. So 30 days from 1 April at 10:00 run from 2 April to
 * 1 May and end at `2024-05-02T00:00:00+08:00`. A last day that falls on a statutory holiday is
 * not moved to the next working day: the library has no official holiday calendar. Throws a
 * `TypeError` on a negative or fractional `days` (a programmer error).
 *
 * @example
 * ```ts
 * import { periodEnd, instant } from 'governance-kit/codec'
 * periodEnd(instant('2024-04-01T10:00:00+08:00'), 30) === Date.parse('2024-05-02T00:00:00+08:00') // true
 * periodEnd(instant('2024-03-31T18:00:00Z'), 30) // the same: 1 April, 02:00 in Beijing
 * ```
 *
 * @category Time
 */
export const periodEnd = (from: Instant, days: number, zone: string = CALENDAR_ZONE): number => {
  if (!Number.isInteger(days) || days < 0)
    throw new TypeError(`periodEnd: a period of ${days} days`)
  const { year, month, day } = calendarDate(from, zone)
  // 00:00 of the day after the last day; Date normalises a day past the month's end.
  const next = new Date(0)
  next.setUTCFullYear(year, month - 1, day + days + 1)
  return wallClockMillis(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
    0,
    0,
    zone,
  )
}

/**
 * Whether `at` falls within the period of `days` days that starts at `from` (see
 * {@link periodEnd}): not before `from`, and before 24:00 of the period's last day.
 *
 * @category Time
 */
export const withinDays = (from: Instant, days: number, at: Instant): boolean => {
  const t = instantToMillis(at)
  return t >= instantToMillis(from) && t < periodEnd(from, days)
}

/**
 * Whether the period of `days` days that starts at `from` has passed by `at`: `at` is 24:00 of
 * its last day or later (see {@link periodEnd}).
 *
 * @category Time
 */
export const daysHavePassed = (from: Instant, days: number, at: Instant): boolean =>
  instantToMillis(at) >= periodEnd(from, days)

/**
 * Makes an instant from a literal written in code. Throws on a malformed value (a programmer
 * error; decode input with {@link Instant} instead).
 *
 * @category Time
 */
export const instant = (raw: string): Instant => {
  if (!Instant.is(raw)) throw new TypeError(`${JSON.stringify(raw)} is not an ISO-8601 instant`)
  return raw
}
