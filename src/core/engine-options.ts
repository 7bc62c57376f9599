/**
 * What an engine is made with (引擎选项): the mechanism, the store, the app's clock and the
 * limits, each checked when the engine is made ({@link InvalidEngineOptions}).
 *
 * @module
 */
import type { Mechanism, StreamStates, Tagged } from './decider.js'
import { renderActual, type DecodeIssue } from './errors.js'
import { escapeInvisible } from './escape.js'
import type { Store } from './store.js'

/**
 * The app's clock: a function giving milliseconds since the epoch, now (the platform's clock, as
 * the app reads it). The library reads no clock of its own; the engine asks this one only to
 * refuse commands dated in the future.
 *
 * @category Engine
 */
export type Clock = () => number

/**
 * What {@link EngineOptions.clock} takes when the engine must not judge commands' dates against
 * a clock: imports of a historical log, replays, tests with fixed dates. Say it explicitly, so
 * that a live engine without a clock is a choice that shows in the code, never an omission.
 *
 * @category Engine
 */
export type NoClock = 'none'

/**
 * The default {@link EngineOptions.futureTolerance}: none. Why not a few minutes of skew: on a
 * stream that runs forward, any caller may date commands up to the tolerance ahead and so refuse
 * every honestly dated command for that long, renewably (a resident resubmitting every few
 * minutes holds a hall's chair off for good). An app whose devices' clocks differ should date
 * commands with its own clock where it calls the engine, not widen the tolerance.
 *
 * @category Engine
 */
export const DEFAULT_FUTURE_TOLERANCE = 0

/** What {@link createEngine} takes. @category Engine */
export interface EngineOptions<
  C extends Tagged,
  E extends Tagged,
  S,
  X,
  Streams extends StreamStates = Readonly<Record<string, S>>,
> {
  /** The mechanism to run (one, or a root made with `combine`). */
  readonly decider: Mechanism<C, E, S, X, Streams>
  /** Where events are kept; an in-memory store when omitted. */
  readonly store?: Store<E>
  /**
   * The app's clock, or `'none'`. With a clock, a command dated after its now (plus
   * {@link EngineOptions.futureTolerance}, none by default) is refused (`future-dated`) before the
   * store is touched: one command dated `9999-12-31` would otherwise be a stream's last event
   * forever, and every stream that runs forward (a hall, a case, a street's registry or
   * integration) would refuse every honestly dated command after it. `'none'` turns the check
   * off, for imports, replays and tests whose commands carry their own historical dates.
   *
   * @example
   * ```ts
   * import { createEngine, community } from 'governance-kit'
   * const live = createEngine({ decider: community, clock: Date.now }) // the app's clock
   * const importer = createEngine({ decider: community, clock: 'none' })
   * ```
   */
  readonly clock: Clock | NoClock
  /**
   * How far past the clock's now a command may be dated, in milliseconds. Default
   * {@link DEFAULT_FUTURE_TOLERANCE}, none: a tolerance lets a caller hold every stream that runs
   * forward for that long (see there).
   */
  readonly futureTolerance?: number
  /**
   * How many times to decide again after a {@link VersionConflict} (another writer moved the
   * stream on between read and append). Default 0: the conflict is returned to the caller.
   */
  readonly retriesOnConflict?: number
  /**
   * How many streams the engine keeps folded in memory (least recently used first out); a stream
   * that falls out is read again from the store when next needed. A positive whole number;
   * default 10,000.
   */
  readonly cachedStreams?: number
  /**
   * Whether to fold what the store returns without checking each event against the mechanism's
   * event codec. Default `false`: every event read is checked, and a stream holding one the
   * codec refuses is a {@link CorruptStream} (`npm run bench` measures the check's cost on
   * replay). Set it only for a store nobody else can write to. Versions are checked either way.
   */
  readonly trustStore?: boolean
}

/**
 * Thrown by {@link createEngine} for options it cannot run with; names each bad option.
 *
 * @category Engine
 */
export class InvalidEngineOptions extends TypeError {
  /** One issue per bad option, with its path (`$.cachedStreams`). */
  readonly issues: ReadonlyArray<DecodeIssue>
  constructor(issues: ReadonlyArray<DecodeIssue>) {
    super(
      `createEngine: ${issues.map((i) => `${i.path}: expected ${i.expected}, got ${i.actual}`).join('; ')}`,
    )
    this.name = 'InvalidEngineOptions'
    this.issues = issues
  }
}

/** The most {@link EngineOptions.retriesOnConflict} an engine takes. @category Engine */
export const MAX_RETRIES = 100

const isWhole = (n: unknown, min: number): boolean =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= min

/** Every option checked (internal), so that a typo or a NaN fails at once instead of changing behaviour. */
export const checkOptions = (options: unknown): void => {
  const issues: DecodeIssue[] = []
  const bad = (key: string, expected: string, actual: unknown): void => {
    // An option's name is the caller's text too: escaped like every path.
    issues.push({ path: `$.${escapeInvisible(key)}`, expected, actual: renderActual(actual) })
  }
  if (typeof options !== 'object' || options === null) {
    throw new InvalidEngineOptions([
      { path: '$', expected: 'engine options', actual: renderActual(options) },
    ])
  }
  const o = options as Readonly<Record<string, unknown>>
  const known = new Set([
    'decider',
    'store',
    'clock',
    'futureTolerance',
    'retriesOnConflict',
    'cachedStreams',
    'trustStore',
  ])
  for (const key of Object.keys(o)) if (!known.has(key)) bad(key, 'no such option', o[key])
  const decider = o['decider']
  if (
    typeof decider !== 'object' ||
    decider === null ||
    typeof (decider as Partial<Mechanism<Tagged, Tagged, unknown, unknown>>).decide !== 'function'
  )
    bad('decider', 'a mechanism (defineMechanism or combine)', decider)
  const store = o['store']
  if (
    store !== undefined &&
    (typeof store !== 'object' ||
      store === null ||
      !['readStream', 'append', 'subscribe'].every(
        (f) => typeof (store as Record<string, unknown>)[f] === 'function',
      ))
  )
    bad('store', 'a Store (readStream, append, subscribe)', store)
  const clock = o['clock']
  if (typeof clock !== 'function' && clock !== 'none')
    bad(
      'clock',
      "the app's clock (a function giving milliseconds since the epoch) or 'none'",
      clock,
    )
  const tolerance = o['futureTolerance']
  if (tolerance !== undefined && !isWhole(tolerance, 0))
    bad('futureTolerance', 'milliseconds (a whole number, 0 or more)', tolerance)
  const retries = o['retriesOnConflict']
  if (retries !== undefined && !(isWhole(retries, 0) && (retries as number) <= MAX_RETRIES))
    bad('retriesOnConflict', `a whole number from 0 to ${MAX_RETRIES}`, retries)
  const cached = o['cachedStreams']
  if (cached !== undefined && !isWhole(cached, 1))
    bad('cachedStreams', 'a whole number, 1 or more', cached)
  const trust = o['trustStore']
  if (trust !== undefined && typeof trust !== 'boolean') bad('trustStore', 'a boolean', trust)
  if (issues.length > 0) throw new InvalidEngineOptions(issues)
}
