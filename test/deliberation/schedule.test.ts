import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { instant, instantToMillis } from '../../src/core/index.js'
import {
  MAX_OCCURRENCES,
  nextOccurrences,
  sanSanSan,
  sanWuWu,
  Schedule,
  type Occurrence,
  type Weekday,
} from '../../src/deliberation/index.js'

/** A schedule written as data, checked by its codec. */
const schedule = (raw: unknown): Schedule => {
  const decoded = Schedule.decode(raw)
  if (E.isLeft(decoded)) throw new Error(`not a schedule: ${JSON.stringify(raw)}`)
  return decoded.right
}

const ats = (os: ReadonlyArray<Occurrence>): ReadonlyArray<string> => os.map((o) => o.at)

const WEEKDAYS: ReadonlyArray<Weekday> = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]

// ---------------------------------------------------------------------------------------------
// A calendar of our own (proleptic Gregorian), to judge the occurrences by

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const daysIn = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

/** The ISO weekday (1 Monday … 7 Sunday) of a date, by Sakamoto's method. */
const isoWeekday = (y: number, m: number, d: number): number => {
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
  const yy = m < 3 ? y - 1 : y
  const sunday0 =
    (yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + (t[m - 1] ?? 0) + d) %
    7
  return sunday0 === 0 ? 7 : sunday0
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

const offsetMinutes = (zone: string): number =>
  (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)))

/** The local date (in `zone`) of an instant. */
const localDate = (ms: number, zone: string): { y: number; m: number; d: number } => {
  const local = new Date(ms + offsetMinutes(zone) * 60_000)
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() }
}

/** An instant written in `zone` (years 1900 on, where `Date` writes years plainly). */
const writeIn = (ms: number, zone: string, millis: boolean): string =>
  new Date(ms + offsetMinutes(zone) * 60_000).toISOString().slice(0, millis ? 23 : 19) + zone

const WRITTEN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}):00([+-]\d{2}:\d{2})$/

/**
 * The first `count` occurrences after `after`, found by walking the calendar day by day from
 * the local date of `after`: the oracle `nextOccurrences` must agree with.
 */
const walk = (s: Schedule, after: number, count: number): ReadonlyArray<Occurrence> => {
  if (count <= 0 || s.slots.length === 0) return []
  let { y, m, d } = localDate(after, s.zone)
  const found: Array<Occurrence & { readonly ms: number }> = []
  // Every slot comes back within five months (a fifth week at least every four).
  for (let day = 0; day < 31 * (5 * count + 2); day++) {
    const weekday = WEEKDAYS[isoWeekday(y, m, d) - 1]
    s.slots.forEach((slot, index) => {
      if (slot.weekday !== weekday) return
      if (slot.kind === 'monthly' && Math.ceil(d / 7) !== slot.week) return
      const at = `${pad(y, 4)}-${pad(m)}-${pad(d)}T${slot.time}:00${s.zone}`
      const ms = Date.parse(at)
      if (ms > after) found.push({ at: instant(at), purpose: slot.purpose, slot: index, ms })
    })
    d += 1
    if (d > daysIn(y, m)) {
      d = 1
      m += 1
      if (m > 12) {
        m = 1
        y += 1
      }
    }
  }
  return found
    .sort((a, b) => a.ms - b.ms || a.slot - b.slot)
    .slice(0, count)
    .map(({ at, purpose, slot }) => ({ at, purpose, slot }))
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const zone = fc
  .tuple(
    fc.constantFrom('+', '-'),
    fc.integer({ min: 0, max: 14 }),
    fc.integer({ min: 0, max: 59 }),
  )
  .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`)
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${pad(h)}:${pad(m)}`)
const purpose = fc.constantFrom(
  'collect',
  'deliberate',
  'tea-talk',
  'visit',
  'coordinate',
  'evaluate',
)
const slot = fc.oneof(
  fc.record({ kind: fc.constant('weekly'), weekday: fc.constantFrom(...WEEKDAYS), time, purpose }),
  fc.record({
    kind: fc.constant('monthly'),
    // The fifth week, which many months lack, as often as the others.
    week: fc.integer({ min: 1, max: 5 }),
    weekday: fc.constantFrom(...WEEKDAYS),
    time,
    purpose,
  }),
)
/**
 * A schedule of one to four slots; now and then with a weekly slot on the same weekday and time
 * as another (before or after it), so that two occurrences share an instant.
 */
const scheduleArb = fc
  .record({
    zone,
    slots: fc.array(slot, { minLength: 1, maxLength: 4 }),
    echo: fc.constantFrom(null, null, 'before', 'after'),
  })
  .map(({ zone: z, slots, echo }) => {
    const first = slots[0]
    const twin =
      first === undefined
        ? []
        : [{ kind: 'weekly', weekday: first.weekday, time: first.time, purpose: 'visit' }]
    const all =
      echo === 'before' ? [...twin, ...slots] : echo === 'after' ? [...slots, ...twin] : slots
    return schedule({ name: 'Hall rota', zone: z, slots: all })
  })

/** An instant from 1900 to 2200, written in some zone, sometimes with milliseconds. */
const afterArb = fc
  .tuple(
    fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2200, 0, 1) }),
    fc.oneof(zone, fc.constant('+08:00')),
    fc.boolean(),
  )
  .map(([ms, z, millis]) => ({ ms, written: instant(writeIn(ms, z, millis)) }))

const countArb = fc.integer({ min: 0, max: 12 })

/** Checks what the brief of an occurrence list promises, for one schedule, instant and count. */
const checkOccurrences = (
  s: Schedule,
  after: number,
  count: number,
  os: ReadonlyArray<Occurrence>,
): void => {
  expect(os).toHaveLength(count)
  let previous: { readonly ms: number; readonly slot: number } | null = null
  for (const o of os) {
    const where = `${o.at} (slot ${o.slot})`
    const slotOf = s.slots[o.slot]
    if (slotOf === undefined) throw new Error(`${where}: no such slot`)
    const written = WRITTEN.exec(o.at)
    expect(written, where).not.toBeNull()
    const [, y = '', m = '', d = '', hhmm, z] = written ?? []
    // Written in the schedule's zone, at the slot's time, for the slot's purpose.
    expect(z, where).toBe(s.zone)
    expect(hhmm, where).toBe(slotOf.time)
    expect(o.purpose, where).toBe(slotOf.purpose)
    // On the slot's weekday, and for a monthly slot in its week of the month.
    expect(WEEKDAYS[isoWeekday(Number(y), Number(m), Number(d)) - 1], where).toBe(slotOf.weekday)
    if (slotOf.kind === 'monthly') expect(Math.ceil(Number(d) / 7), where).toBe(slotOf.week)
    // Strictly after `after`, sorted, and no occurrence twice.
    const ms = instantToMillis(o.at)
    expect(ms, where).toBeGreaterThan(after)
    if (previous !== null)
      expect(ms > previous.ms || (ms === previous.ms && o.slot > previous.slot), where).toBe(true)
    previous = { ms, slot: o.slot }
  }
}

// ---------------------------------------------------------------------------------------------

describe('nextOccurrences', () => {
  const may1 = instant('2024-05-01T00:00:00+08:00')

  it('三三三: the tea talk on the third Wednesday at 15:00 (+08:00), and weekly visits', () => {
    const os = nextOccurrences(sanSanSan(), may1, 12)
    expect(ats(os.filter((o) => o.purpose === 'tea-talk'))).toEqual([
      '2024-05-15T15:00:00+08:00',
      '2024-06-19T15:00:00+08:00',
    ])
    expect(ats(os.filter((o) => o.purpose === 'visit'))).toEqual([
      '2024-05-06T09:00:00+08:00',
      '2024-05-13T09:00:00+08:00',
      '2024-05-20T09:00:00+08:00',
      '2024-05-27T09:00:00+08:00',
      '2024-06-03T09:00:00+08:00',
      '2024-06-10T09:00:00+08:00',
      '2024-06-17T09:00:00+08:00',
      '2024-06-24T09:00:00+08:00',
      '2024-07-01T09:00:00+08:00',
      '2024-07-08T09:00:00+08:00',
    ])
    // The tea talk is the second slot; the visits come every seven days.
    expect(os.filter((o) => o.purpose === 'tea-talk').map((o) => o.slot)).toEqual([1, 1])
    expect(nextOccurrences(sanSanSan(), may1, 2)).toEqual([
      { at: '2024-05-06T09:00:00+08:00', purpose: 'visit', slot: 0 },
      { at: '2024-05-13T09:00:00+08:00', purpose: 'visit', slot: 0 },
    ])
  })

  it('two slots at one instant give two occurrences, in slot order', () => {
    const s = schedule({
      name: 'Wednesday tea',
      zone: '+08:00',
      slots: [
        { kind: 'weekly', weekday: 'wednesday', time: '15:00', purpose: 'visit' },
        { kind: 'monthly', week: 3, weekday: 'wednesday', time: '15:00', purpose: 'tea-talk' },
      ],
    })
    expect(nextOccurrences(s, instant('2024-05-14T00:00:00+08:00'), 3)).toEqual([
      { at: '2024-05-15T15:00:00+08:00', purpose: 'visit', slot: 0 },
      { at: '2024-05-15T15:00:00+08:00', purpose: 'tea-talk', slot: 1 },
      { at: '2024-05-22T15:00:00+08:00', purpose: 'visit', slot: 0 },
    ])
  })

  it('三三三 visits on another weekday', () => {
    const os = nextOccurrences(sanSanSan('+08:00', 'friday'), may1, 3)
    expect(ats(os)).toEqual([
      '2024-05-03T09:00:00+08:00',
      '2024-05-10T09:00:00+08:00',
      '2024-05-15T15:00:00+08:00',
    ])
  })

  it('三五五: collect on the first Friday, deliberate on the second', () => {
    expect(nextOccurrences(sanWuWu(), may1, 6)).toEqual([
      { at: '2024-05-03T09:00:00+08:00', purpose: 'collect', slot: 0 },
      { at: '2024-05-10T09:00:00+08:00', purpose: 'deliberate', slot: 1 },
      { at: '2024-06-07T09:00:00+08:00', purpose: 'collect', slot: 0 },
      { at: '2024-06-14T09:00:00+08:00', purpose: 'deliberate', slot: 1 },
      { at: '2024-07-05T09:00:00+08:00', purpose: 'collect', slot: 0 },
      { at: '2024-07-12T09:00:00+08:00', purpose: 'deliberate', slot: 1 },
    ])
  })

  it('a fifth-week slot skips the months without a fifth such weekday', () => {
    const fifthMonday = schedule({
      name: 'Month-end review',
      zone: '+08:00',
      slots: [{ kind: 'monthly', week: 5, weekday: 'monday', time: '19:30', purpose: 'evaluate' }],
    })
    // 2024: January, April, July, September and December have five Mondays.
    expect(ats(nextOccurrences(fifthMonday, instant('2024-01-01T00:00:00+08:00'), 6))).toEqual([
      '2024-01-29T19:30:00+08:00',
      '2024-04-29T19:30:00+08:00',
      '2024-07-29T19:30:00+08:00',
      '2024-09-30T19:30:00+08:00',
      '2024-12-30T19:30:00+08:00',
      '2025-03-31T19:30:00+08:00',
    ])
    // February has a fifth Thursday only in a leap year that starts it on a Thursday.
    const fifthThursday = schedule({
      name: 'Leap review',
      zone: '+00:00',
      slots: [
        { kind: 'monthly', week: 5, weekday: 'thursday', time: '10:00', purpose: 'evaluate' },
      ],
    })
    expect(ats(nextOccurrences(fifthThursday, instant('2024-01-31T12:00:00Z'), 2))).toEqual([
      '2024-02-29T10:00:00+00:00',
      '2024-05-30T10:00:00+00:00',
    ])
  })

  it('occurrences are strictly after the instant, whatever zone it is written in', () => {
    const at = (raw: string) => ats(nextOccurrences(sanWuWu(), instant(raw), 1))
    expect(at('2024-05-03T09:00:00+08:00')).toEqual(['2024-05-10T09:00:00+08:00'])
    expect(at('2024-05-03T01:00:00Z')).toEqual(['2024-05-10T09:00:00+08:00'])
    expect(at('2024-05-03T00:59:59.999Z')).toEqual(['2024-05-03T09:00:00+08:00'])
    // Late on 30 April in New York is already 1 May in Beijing.
    expect(at('2024-04-30T20:00:00-04:00')).toEqual(['2024-05-03T09:00:00+08:00'])
  })

  it("occurrences are sorted, `count` long and written in the schedule's zone", () => {
    const os = nextOccurrences(sanSanSan('-05:00'), may1, 9)
    expect(os).toHaveLength(9)
    expect(os.every((o) => o.at.endsWith('-05:00'))).toBe(true)
    const ms = os.map((o) => instantToMillis(o.at))
    expect([...ms].sort((a, b) => a - b)).toEqual(ms)
    expect(new Set(ms).size).toBe(ms.length)
    // 1 May 00:00 in Beijing is 30 April 11:00 in the schedule's zone.
    expect(os[0]?.at).toBe('2024-05-06T09:00:00-05:00')
  })

  it('count 0 (or less) gives []; so does a schedule without slots', () => {
    expect(nextOccurrences(sanSanSan(), may1, 0)).toEqual([])
    expect(nextOccurrences(sanSanSan(), may1, -3)).toEqual([])
    expect(
      nextOccurrences(schedule({ name: 'Empty', zone: '+08:00', slots: [] }), may1, 5),
    ).toEqual([])
  })

  it('at most MAX_OCCURRENCES at once; a fractional count rounds down; the calendar ends with 9999', () => {
    expect(nextOccurrences(sanSanSan(), may1, MAX_OCCURRENCES + 50)).toHaveLength(MAX_OCCURRENCES)
    expect(nextOccurrences(sanWuWu(), may1, 2.9)).toHaveLength(2)
    expect(nextOccurrences(sanWuWu(), may1, Number.NaN)).toEqual([])
    expect(ats(nextOccurrences(sanWuWu(), instant('9999-11-30T00:00:00+08:00'), 10))).toEqual([
      '9999-12-03T09:00:00+08:00',
      '9999-12-10T09:00:00+08:00',
    ])
  })

  it('a malformed zone written in code is a TypeError', () => {
    expect(() => sanSanSan('+25:00')).toThrow(TypeError)
    expect(() => sanSanSan('08:00')).toThrow(TypeError)
    expect(() => sanWuWu('+8:00')).toThrow(TypeError)
    expect(() => sanWuWu('Z')).toThrow(TypeError)
  })

  it('property: every occurrence is on its weekday and week, after the instant, sorted, unique', () => {
    fc.assert(
      fc.property(scheduleArb, afterArb, countArb, (s, after, count) => {
        const os = nextOccurrences(s, after.written, count)
        checkOccurrences(s, after.ms, count, os)
      }),
      { numRuns: 300 },
    )
  })

  it('property: the occurrences are exactly the first `count` a walk through the calendar finds', () => {
    fc.assert(
      fc.property(scheduleArb, afterArb, countArb, (s, after, count) => {
        expect(nextOccurrences(s, after.written, count)).toEqual(walk(s, after.ms, count))
      }),
      { numRuns: 200 },
    )
  })

  it('property: the same holds in the first century (years 0001–0099)', () => {
    // `Date.UTC` reads the years 0–99 as 1900–1999, so they need checking on their own.
    const earlyAfter = fc
      .tuple(
        fc.integer({ min: 1, max: 98 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
      )
      .map(([y, m, d]) => instant(`${pad(y, 4)}-${pad(m)}-${pad(d)}T12:00:00+00:00`))
    fc.assert(
      fc.property(scheduleArb, earlyAfter, fc.integer({ min: 1, max: 6 }), (s, after, count) => {
        const os = nextOccurrences(s, after, count)
        checkOccurrences(s, instantToMillis(after), count, os)
      }),
      { numRuns: 100 },
    )
  })
})
