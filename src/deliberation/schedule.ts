/**
 * Recurring hall schedules (议事制度的时间安排, seed 004): "三三三" (the third Wednesday of the
 * month at 15:00, a tea talk), "三五五" (collect demands on the first Friday, deliberate on the
 * second), and any weekly or monthly rule a hall states. {@link nextOccurrences} is a pure
 * function: the instants come from its arguments, never from a clock. The chair states a hall's
 * schedules (`setSchedule`).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { castDraft } from 'immer'
import * as t from 'io-ts'
import {
  discriminatedUnion,
  stamp,
  instant,
  instantToMillis,
  integer,
  list,
  oneOf,
  struct,
  type Instant,
} from '../core/index.js'
import { Name } from '../community/index.js'
import { chairOnly } from './residency.js'
import type { HallEvents, HallHandler, HallReducer } from './state.js'

/** The days of the week, Monday first (ISO 8601). @category State */
export const Weekday = oneOf(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  'Weekday',
)
/** A day of the week. @category State */
export type Weekday = t.TypeOf<typeof Weekday>

/** The brand of {@link TimeOfDay}. @category State */
export interface TimeOfDayBrand {
  readonly TimeOfDay: unique symbol
}

/** A time of day `HH:MM`, 00:00 to 23:59. @category State */
export const TimeOfDay = t.brand(
  t.string,
  (s): s is t.Branded<string, TimeOfDayBrand> => /^([01]\d|2[0-3]):[0-5]\d$/.test(s),
  'TimeOfDay',
)
/** A time of day `HH:MM`. @category State */
export type TimeOfDay = t.TypeOf<typeof TimeOfDay>

/** The brand of {@link UtcOffset}. @category State */
export interface UtcOffsetBrand {
  readonly UtcOffset: unique symbol
}

/** A UTC offset `±HH:MM`, e.g. `+08:00` (China Standard Time). @category State */
export const UtcOffset = t.brand(
  t.string,
  (s): s is t.Branded<string, UtcOffsetBrand> => /^[+-](0\d|1[0-4]):[0-5]\d$/.test(s),
  'UtcOffset',
)
/** A UTC offset `±HH:MM`. @category State */
export type UtcOffset = t.TypeOf<typeof UtcOffset>

/**
 * What a recurring slot is for: collecting demands, deliberating, a tea talk, visits.
 *
 * @category State
 */
export const SlotPurpose = oneOf(
  ['collect', 'deliberate', 'tea-talk', 'visit', 'coordinate', 'evaluate'],
  'SlotPurpose',
)
/** What a recurring slot is for. @category State */
export type SlotPurpose = t.TypeOf<typeof SlotPurpose>

/**
 * One recurring slot: every week on a weekday, or every month on the `week`-th such weekday
 * (`week` 3 and Wednesday: the third Wednesday, which is how "每月第三周的星期三" is read).
 * A month without a fifth such weekday has no fifth-week slot.
 *
 * @category State
 */
export const Recurrence = discriminatedUnion('Recurrence', 'kind', [
  struct('weekly recurrence', {
    kind: t.literal('weekly'),
    weekday: Weekday,
    time: TimeOfDay,
    purpose: SlotPurpose,
  }),
  struct('monthly recurrence', {
    kind: t.literal('monthly'),
    week: integer(1, 5),
    weekday: Weekday,
    time: TimeOfDay,
    purpose: SlotPurpose,
  }),
])
/** One recurring slot. @category State */
export type Recurrence = t.TypeOf<typeof Recurrence>

/** A hall's named schedule: its slots, read in one time zone. @category State */
export const Schedule = struct('Schedule', {
  name: Name,
  zone: UtcOffset,
  slots: list(Recurrence, 12),
})
/** A hall's named schedule. @category State */
export type Schedule = t.TypeOf<typeof Schedule>

/** One occurrence of a schedule's slot. @category Queries */
export interface Occurrence {
  readonly at: Instant
  readonly purpose: SlotPurpose
  readonly slot: number
}

const weekdayIndex: Readonly<Record<Weekday, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

const offsetMinutes = (zone: string): number => {
  const sign = zone.startsWith('-') ? -1 : 1
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)))
}

/** A UTC calendar date; `Date.UTC` alone would read years 0–99 as 1900–1999. */
const utcDate = (year: number, monthIndex: number, day: number): Date => {
  const d = new Date(0)
  d.setUTCFullYear(year, monthIndex, day)
  return d
}

/** The ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
const isoWeekday = (year: number, month: number, day: number): number => {
  const d = utcDate(year, month - 1, day).getUTCDay()
  return d === 0 ? 7 : d
}

const daysIn = (year: number, month: number): number => utcDate(year, month, 0).getUTCDate()

/** Local dates (in the schedule's zone) of a slot in one month. */
const datesOfSlot = (slot: Recurrence, year: number, month: number): ReadonlyArray<number> => {
  const first = isoWeekday(year, month, 1)
  const firstDay = 1 + ((weekdayIndex[slot.weekday] - first + 7) % 7)
  if (slot.kind === 'monthly') {
    const day = firstDay + (slot.week - 1) * 7
    return day <= daysIn(year, month) ? [day] : []
  }
  const days: number[] = []
  for (let day = firstDay; day <= daysIn(year, month); day += 7) days.push(day)
  return days
}

/** The most occurrences {@link nextOccurrences} returns at once. @category Queries */
export const MAX_OCCURRENCES = 1000

/**
 * The next `count` occurrences of a schedule strictly after `after` (at most
 * {@link MAX_OCCURRENCES}, and fewer near the end of year 9999), earliest first, as instants
 * written in the schedule's zone.
 *
 * @example
 * ```ts
 * import { instant } from 'governance-kit'
 * import { nextOccurrences, sanWuWu } from 'governance-kit/deliberation'
 * nextOccurrences(sanWuWu(), instant('2024-05-01T00:00:00+08:00'), 2).map((o) => o.at)
 * // ['2024-05-03T09:00:00+08:00', '2024-05-10T09:00:00+08:00']
 * ```
 *
 * @category Queries
 */
export const nextOccurrences = (
  schedule: Schedule,
  after: Instant,
  count: number,
): ReadonlyArray<Occurrence> => {
  const wanted = Math.min(Math.floor(count), MAX_OCCURRENCES)
  if (!(wanted > 0) || schedule.slots.length === 0) return []
  const offset = offsetMinutes(schedule.zone)
  const afterMs = instantToMillis(after)
  const local = new Date(afterMs + offset * 60_000)
  let year = local.getUTCFullYear()
  let month = local.getUTCMonth() + 1
  const found: Occurrence[] = []
  // Every slot but a fifth-week one recurs monthly, and a month with a fifth such weekday comes
  // at least every four months, so 2 + wanted * 4 months hold `wanted` occurrences of any slot.
  for (let m = 0; m < 2 + wanted * 4 && year <= 9999; m++) {
    const month_ = month
    schedule.slots.forEach((slot, index) => {
      for (const day of datesOfSlot(slot, year, month_)) {
        const at = instant(
          `${pad(year, 4)}-${pad(month_)}-${pad(day)}T${slot.time}:00${schedule.zone}`,
        )
        if (instantToMillis(at) > afterMs) found.push({ at, purpose: slot.purpose, slot: index })
      }
    })
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return found
    .sort((a, b) => instantToMillis(a.at) - instantToMillis(b.at) || a.slot - b.slot)
    .slice(0, wanted)
}

/** A zone written in code (a programmer error when malformed, like `instant`). */
const zoneOf = (zone: string): UtcOffset => {
  if (!UtcOffset.is(zone)) throw new TypeError(`${JSON.stringify(zone)} is not a UTC offset`)
  return zone
}

/**
 * "三三三" (seed 004, J village): the resident team visits every week, and a tea talk 茶话会 is
 * held on the third Wednesday of each month at 15:00.
 *
 * @category State
 */
export const sanSanSan = (zone = '+08:00', visitDay: Weekday = 'monday'): Schedule => ({
  name: '三三三 tea talk',
  zone: zoneOf(zone),
  slots: [
    { kind: 'weekly', weekday: visitDay, time: '09:00' as TimeOfDay, purpose: 'visit' },
    {
      kind: 'monthly',
      week: 3,
      weekday: 'wednesday',
      time: '15:00' as TimeOfDay,
      purpose: 'tea-talk',
    },
  ],
})

/**
 * "三五五" (seed 004, H community): demands are collected on the first Friday of each month and
 * deliberated on the morning of the second Friday.
 *
 * @category State
 */
export const sanWuWu = (zone = '+08:00'): Schedule => ({
  name: '三五五 co-governance deliberation',
  zone: zoneOf(zone),
  slots: [
    { kind: 'monthly', week: 1, weekday: 'friday', time: '09:00' as TimeOfDay, purpose: 'collect' },
    {
      kind: 'monthly',
      week: 2,
      weekday: 'friday',
      time: '09:00' as TimeOfDay,
      purpose: 'deliberate',
    },
  ],
})

// Handlers

/** States a recurring schedule of the hall (the chair does), replacing one of the same name. */
const setSchedule: HallHandler<'setSchedule'> = (c, _s, x) =>
  pipe(
    chairOnly(c, x),
    E.map((): HallEvents => [{ type: 'scheduleSet', ...stamp(c), schedule: c.schedule }]),
  )

/** The handlers of schedules. */
export const scheduleHandlers = { setSchedule }

// Reducers

const scheduleSet: HallReducer<'scheduleSet'> = (draft, e) => {
  const at = draft.schedules.findIndex((sc) => sc.name === e.schedule.name)
  if (at >= 0) draft.schedules.splice(at, 1)
  draft.schedules.push(castDraft(e.schedule))
}

/** The reducers of schedules. */
export const scheduleReducers = { scheduleSet }
