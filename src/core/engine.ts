/**
 * The engine (工作流引擎): runs a mechanism over a store.
 *
 * `handle(input)` = decode → load the stream → load context → decide → append with the expected
 * version → evolve. Bad input is refused before the store is touched; a command id seen before on
 * its stream returns the events it produced then, without deciding again.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { decodeWith, toDecodeIssues } from './codec.js'
import { fingerprint } from './hash.js'
import type { Fold, Mechanism, ReadState, StreamState, Tagged } from './decider.js'
import {
  corruptStream,
  describeError,
  renderActual,
  ruleViolation,
  type CorruptStream,
  type DecodeIssue,
  type DomainError,
  type VersionConflict,
} from './errors.js'
import type { CommandId, StreamId } from './ids.js'
import { instantToMillis, type Instant } from './time.js'
import { createMemoryStore, type AppendRequest, type Store, type StoredEvent } from './store.js'
import { escapeInvisible } from './escape.js'

/** What the engine remembers of a command id on a stream: enough to answer a repeat. */
interface CommandRecord {
  readonly fingerprint: string
  readonly type: string
  /** The versions of its first and last event. */
  readonly first: number
  readonly last: number
}

/**
 * The app's clock: milliseconds since the epoch, now (`Date.now` is one). The library reads no
 * clock of its own; the engine asks this one only to refuse commands dated in the future.
 */
export type Clock = () => number

/**
 * What {@link EngineOptions.clock} takes when the engine must not judge commands' dates against
 * a clock: imports of a historical log, replays, tests with fixed dates. Say it explicitly, so
 * that a live engine without a clock is a choice that shows in the code, never an omission.
 */
export type NoClock = 'none'

/**
 * The default {@link EngineOptions.futureTolerance}: none. Why not a few minutes of skew: on a
 * stream that runs forward, any caller may date commands up to the tolerance ahead and so refuse
 * every honestly dated command for that long, renewably (a resident resubmitting every few
 * minutes holds a hall's chair off for good). An app whose devices' clocks differ should date
 * commands with its own clock where it calls the engine, not widen the tolerance.
 */
export const DEFAULT_FUTURE_TOLERANCE = 0

/** What {@link createEngine} takes. */
export interface EngineOptions<C extends Tagged, E extends Tagged, S, X> {
  /** The mechanism to run (one, or a root made with `combine`). */
  readonly decider: Mechanism<C, E, S, X>
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
   * const live = createEngine({ decider: community, clock: Date.now })
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

/** The outcome of a handled command. */
export interface Handled<E, S> {
  /** The stream the command was decided on. */
  readonly stream: StreamId
  /** The events the command produced (the earlier ones, when it is a duplicate). */
  readonly events: ReadonlyArray<StoredEvent<E>>
  /** The stream's state after the command (for a duplicate: its state now). */
  readonly state: S
  /** The stream's version after the command (for a duplicate: its version now). */
  readonly version: number
  /** True when the command id had been handled before and nothing new was appended. */
  readonly duplicate: boolean
}

/** A running engine. */
export interface Engine<C extends Tagged, E extends Tagged, S> {
  /**
   * Decodes `input` into a command and runs it. Resolves to `Left` with a {@link DomainError}
   * (and nothing stored) or `Right` with the new events and state; a stream (or a context stream)
   * whose stored content cannot be trusted is `Left` with a {@link CorruptStream}. Never throws;
   * rejects only on a store failure or a programmer error (such as `decide` producing an invalid
   * event).
   */
  readonly handle: (input: unknown) => Promise<E.Either<DomainError, Handled<E, S>>>
  /**
   * `handle` for a command that is already typed. It is decoded all the same: the codec still
   * guards the store, and the decoded copy (not the caller's object) is what gets kept.
   */
  readonly handleCommand: (command: C) => Promise<E.Either<DomainError, Handled<E, S>>>
  /**
   * The current state and version of a stream. Rejects with a {@link CorruptStreamError} when
   * the stored stream cannot be trusted.
   */
  readonly load: (stream: StreamId) => Promise<StreamState<S>>
  /** The store the engine writes to. */
  readonly store: Store<E>
}

/** Thrown by {@link createEngine} for options it cannot run with; names each bad option. */
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

/**
 * What {@link Engine.load} rejects with when the store's content cannot be trusted; `handle`
 * resolves to the same {@link CorruptStream} as a `Left` instead.
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

/** The most {@link EngineOptions.retriesOnConflict} an engine takes. */
export const MAX_RETRIES = 100

/** Whether a store's answer is an fp-ts Either at all. */
const isEither = (u: unknown): u is E.Either<unknown, unknown> =>
  typeof u === 'object' &&
  u !== null &&
  (((u as { _tag?: unknown })._tag === 'Left' && 'left' in u) ||
    ((u as { _tag?: unknown })._tag === 'Right' && 'right' in u))

/** Whether a store's refusal of an append is the one it may give, a version conflict. */
const isVersionConflict = (u: unknown): u is VersionConflict =>
  typeof u === 'object' && u !== null && (u as Partial<VersionConflict>).code === 'VersionConflict'

const isWhole = (n: unknown, min: number): boolean =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= min

/** Every option checked, so that a typo or a NaN fails at once instead of changing behaviour. */
const checkOptions = (options: unknown): void => {
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
    bad('clock', "the app's clock (e.g. Date.now) or 'none'", clock)
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

/**
 * A copy of JSON-like data that reads every property once: arrays (to the length read once) and
 * plain objects are copied, anything else is kept as it is (and a codec's `is` then refuses it).
 * Why not the codec's `decode`, which copies too: io-ts builds a context for every field it
 * decodes, and a cold load checking with `decode` ran at half the speed of one checking with `is`
 * on this copy (`npm run bench`).
 */
const copyOnce = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    const length = value.length
    const out: unknown[] = new Array<unknown>(length)
    for (let i = 0; i < length; i++) out[i] = copyOnce(value[i])
    return out
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const copied = copyOnce((value as Record<string, unknown>)[key])
    // An own `__proto__` key stays a key (assignment would set the prototype), and the codec
    // refuses it as an unknown key.
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: copied,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    else out[key] = copied
  }
  return out
}

/** A fold that can check what it folds: mechanisms carry their event codec. */
const codecOfFold = <E2 extends Tagged, S2>(
  fold: Fold<E2, S2> & { readonly eventCodec?: t.Type<E2, unknown> },
): t.Type<E2, unknown> | undefined => fold.eventCodec

/** Keeps every event (the engine's own mechanism folds its whole stream). */
const everyEvent = <E2 extends Tagged>(_event: Tagged): _event is E2 => true

/**
 * Creates an engine over a store. The engine is given the app's clock, or `'none'` said
 * explicitly (see {@link EngineOptions.clock}); every option is checked
 * ({@link InvalidEngineOptions}).
 *
 * @example
 * ```ts
 * import { createEngine, createMemoryStore, community, type CommunityEvent } from 'governance-kit'
 * const engine = createEngine({
 *   decider: community,
 *   store: createMemoryStore<CommunityEvent>(),
 *   clock: Date.now, // commands dated after now are refused
 * })
 * const result = await engine.handle({
 *   type: 'openRegistry',
 *   commandId: 'cmd-1',
 *   at: '2024-04-24T09:00:00+08:00',
 *   actor: 'p-clerk',
 *   street: 's-street',
 *   name: 'S Street',
 *   registrar: 'p-clerk',
 *   registrarName: 'Clerk Li',
 *   assignment: 'as-clerk',
 * })
 * ```
 */
export const createEngine = <
  C extends Tagged & { readonly commandId: CommandId; readonly at: Instant },
  E extends Tagged,
  S,
  X,
>(
  options: EngineOptions<C, E, S, X>,
): Engine<C, E, S> => {
  checkOptions(options)
  const { decider } = options
  const store: Store<E> = options.store ?? createMemoryStore<E>()
  const retries = options.retriesOnConflict ?? 0
  const capacity = options.cachedStreams ?? 10_000
  const clock = options.clock
  const tolerance = options.futureTolerance ?? DEFAULT_FUTURE_TOLERANCE
  const checkEvents = options.trustStore !== true
  /** A stream's folded state, with what each command id on it produced (as versions only). */
  interface Cached {
    readonly snapshot: StreamState<S>
    readonly commands: Map<CommandId, CommandRecord>
  }
  const cache = new Map<StreamId, Cached>()
  // Least recently used first: touching a stream moves it to the end of the map's order.
  const touch = <K, V>(map: Map<K, V>, key: K, value: V): void => {
    map.delete(key)
    map.set(key, value)
    if (map.size > capacity) {
      const oldest = map.keys().next()
      if (oldest.done !== true) map.delete(oldest.value)
    }
  }
  const indexCommands = (
    commands: Map<CommandId, CommandRecord>,
    stored: ReadonlyArray<StoredEvent<E>>,
  ): void => {
    for (const s of stored) {
      const known = commands.get(s.commandId)
      commands.set(
        s.commandId,
        known === undefined
          ? {
              fingerprint: s.commandFingerprint,
              type: s.commandType,
              first: s.version,
              last: s.version,
            }
          : { ...known, last: Math.max(known.last, s.version) },
      )
    }
  }
  const contextCache = new WeakMap<object, Map<StreamId, StreamState<unknown>>>()
  const queues = new Map<StreamId, Promise<unknown>>()

  /**
   * Reads a stream after `afterVersion` (up to version `upTo`) and checks the store's answer:
   * every event of that stream, versions exactly `afterVersion + 1, + 2, …`, the envelope's fields
   * present and, unless the store is trusted, each event one the codec accepts. What is kept is
   * a copy made while checking (each field read once, each event as its codec decodes it), so a
   * store whose getters answer differently the second time cannot fold what was not checked.
   * `codec` undefined: the events are not checked (a fold without a codec). `types`: only events
   * of these types are checked and kept whole; the others stand as `{ type }`, for a fold that
   * skips them anyway.
   */
  const readChecked = async <E2 extends Tagged>(
    stream: StreamId,
    afterVersion: number,
    codec: t.Type<E2, unknown> | undefined,
    types?: ReadonlySet<string>,
    upTo = Number.POSITIVE_INFINITY,
  ): Promise<E.Either<CorruptStream, ReadonlyArray<StoredEvent<E>>>> => {
    const read: unknown = await store.readStream(stream, afterVersion)
    if (!Array.isArray(read))
      return E.left(
        corruptStream(stream, afterVersion + 1, `the store answered ${renderActual(read)}`),
      )
    const count = Math.min(read.length, upTo - afterVersion)
    const events: Array<StoredEvent<E>> = []
    for (let i = 0; i < count; i++) {
      const expected = afterVersion + i + 1
      const checked = checkStored(stream, expected, read[i], codec, types)
      if (E.isLeft(checked)) return checked
      events.push(checked.right)
    }
    return E.right(events)
  }

  /** One stored event checked and copied (see `readChecked`). */
  const checkStored = <E2 extends Tagged>(
    stream: StreamId,
    expected: number,
    raw: unknown,
    codec: t.Type<E2, unknown> | undefined,
    types: ReadonlySet<string> | undefined,
  ): E.Either<CorruptStream, StoredEvent<E>> => {
    if (typeof raw !== 'object' || raw === null)
      return E.left(corruptStream(stream, expected, `not a stored event: ${renderActual(raw)}`))
    const s = raw as Readonly<Record<keyof StoredEvent<E>, unknown>>
    const { version, stream: of, position, commandId, commandType, commandFingerprint } = s
    const event = s.event
    if (version !== expected)
      return E.left(
        corruptStream(
          stream,
          expected,
          `expected version ${expected}, got ${renderActual(version)}`,
        ),
      )
    if (of !== stream)
      return E.left(
        corruptStream(stream, expected, `the event belongs to stream ${renderActual(of)}`),
      )
    if (
      typeof commandId !== 'string' ||
      typeof commandType !== 'string' ||
      typeof commandFingerprint !== 'string'
    )
      return E.left(corruptStream(stream, expected, 'the command that caused it is not recorded'))
    const type: unknown =
      typeof event === 'object' && event !== null ? (event as Partial<Tagged>).type : undefined
    if (typeof type !== 'string')
      return E.left(corruptStream(stream, expected, `not an event: ${renderActual(event)}`))
    let kept: unknown = event
    if (checkEvents && codec !== undefined) {
      if (types !== undefined && !types.has(type)) kept = { type }
      else {
        // Checked on a copy, and the copy kept: what was checked is what is folded.
        kept = copyOnce(event)
        if (!codec.is(kept)) {
          const decoded = codec.decode(kept)
          return E.left(
            corruptStream(
              stream,
              expected,
              `its "${type}" event is refused by the event codec`,
              E.isLeft(decoded) ? toDecodeIssues(decoded.left) : [],
            ),
          )
        }
      }
    }
    return E.right({
      stream,
      version: expected,
      position: typeof position === 'number' ? position : 0,
      commandId: commandId as CommandId,
      commandType,
      commandFingerprint,
      event: kept as E,
    })
  }

  /**
   * Checks a store's answer to an append of `events` at `expectedVersion`: exactly one stored
   * event per event sent, at the next versions, on this stream, for this command. What the engine
   * keeps are its own events (already checked against the codec), with the store's positions.
   */
  const checkAppended = (
    request: AppendRequest<E>,
    answer: unknown,
  ): E.Either<CorruptStream, ReadonlyArray<StoredEvent<E>>> => {
    const wrong = (why: string): E.Either<CorruptStream, never> =>
      E.left(
        corruptStream(
          request.stream,
          request.expectedVersion + 1,
          `the store's answer to an append ${why}`,
        ),
      )
    if (!Array.isArray(answer)) return wrong(`is ${renderActual(answer)}`)
    if (answer.length !== request.events.length)
      return wrong(`holds ${answer.length} events, not the ${request.events.length} appended`)
    const stored: Array<StoredEvent<E>> = []
    for (let i = 0; i < request.events.length; i++) {
      const expected = request.expectedVersion + i + 1
      const raw: unknown = answer[i]
      if (typeof raw !== 'object' || raw === null) return wrong(`holds ${renderActual(raw)}`)
      const { version, stream, commandId, position } = raw as Readonly<Record<string, unknown>>
      if (version !== expected || stream !== request.stream || commandId !== request.commandId)
        return wrong(`puts event ${i + 1} at ${renderActual({ stream, version, commandId })}`)
      const event = request.events[i]
      if (event === undefined) return wrong('lost an event')
      stored.push({
        stream: request.stream,
        version: expected,
        position: typeof position === 'number' ? position : 0,
        commandId: request.commandId,
        commandType: request.commandType,
        commandFingerprint: request.commandFingerprint,
        event,
      })
    }
    return E.right(stored)
  }

  /**
   * Folds stored events onto a state. A reducer that throws (a corrupt event the codec could not
   * see) is a {@link CorruptStream} at the version that made it throw, not an untyped error.
   */
  const foldChecked = <S2, E2 extends Tagged>(
    stream: StreamId,
    fold: Pick<Fold<E2, S2>, 'evolveAll'>,
    state: S2,
    version: number,
    stored: ReadonlyArray<StoredEvent<E>>,
    keep: (e: Tagged) => e is E2,
  ): E.Either<CorruptStream, S2> => {
    const events: E2[] = []
    for (const s of stored) {
      const e: Tagged = s.event
      if (keep(e)) events.push(e)
    }
    try {
      return E.right(fold.evolveAll(state, events))
    } catch {
      // Find the event the reducer fails on, one at a time (the cost is paid only here).
      let current = state
      for (const s of stored) {
        const e: Tagged = s.event
        if (!keep(e)) continue
        try {
          current = fold.evolveAll(current, [e])
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error)
          return E.left(corruptStream(stream, s.version, `the reducer failed on it: ${why}`))
        }
      }
      return E.left(corruptStream(stream, version + 1, 'the reducer failed on the batch'))
    }
  }

  const loadCached = async (stream: StreamId): Promise<E.Either<CorruptStream, Cached>> => {
    const cached = cache.get(stream) ?? {
      snapshot: { state: decider.initialState, version: 0 },
      commands: new Map<CommandId, CommandRecord>(),
    }
    const fresh = await readChecked(stream, cached.snapshot.version, decider.eventCodec)
    if (E.isLeft(fresh)) return fresh
    if (fresh.right.length === 0) {
      touch(cache, stream, cached)
      return E.right(cached)
    }
    const folded = foldChecked(
      stream,
      decider,
      cached.snapshot.state,
      cached.snapshot.version,
      fresh.right,
      everyEvent<E>,
    )
    if (E.isLeft(folded)) return folded
    // The index is shared with the cached entry, so it is written only once the fold stood.
    indexCommands(cached.commands, fresh.right)
    const next: Cached = {
      snapshot: {
        state: folded.right,
        version: cached.snapshot.version + fresh.right.length,
      },
      commands: cached.commands,
    }
    remember(stream, next)
    return E.right(next)
  }

  const remember = (stream: StreamId, next: Cached): void => {
    const current = cache.get(stream)
    if (current === undefined || current.snapshot.version <= next.snapshot.version)
      touch(cache, stream, next)
  }

  const load = async (stream: StreamId): Promise<StreamState<S>> => {
    const loaded = await loadCached(stream)
    if (E.isLeft(loaded)) throw new CorruptStreamError(loaded.left)
    return loaded.right.snapshot
  }

  const readState: ReadState = async <E2 extends Tagged, S2>(
    stream: StreamId,
    fold: Fold<E2, S2>,
  ): Promise<StreamState<S2>> => {
    const byStream = contextCache.get(fold) ?? new Map<StreamId, StreamState<unknown>>()
    contextCache.set(fold, byStream)
    // Each fold's cache only ever holds states that fold produced.
    const cached = (byStream.get(stream) as StreamState<S2> | undefined) ?? {
      state: fold.initialState,
      version: 0,
    }
    const types = new Set<string>(fold.eventTypes)
    const fresh = await readChecked(stream, cached.version, codecOfFold(fold), types)
    if (E.isLeft(fresh)) throw new CorruptStreamError(fresh.left)
    if (fresh.right.length === 0) return cached
    const folded = foldChecked(
      stream,
      fold,
      cached.state,
      cached.version,
      fresh.right,
      (e: Tagged): e is E2 => types.has(e.type),
    )
    if (E.isLeft(folded)) throw new CorruptStreamError(folded.left)
    const next: StreamState<S2> = {
      state: folded.right,
      version: cached.version + fresh.right.length,
    }
    touch(byStream, stream, next)
    return next
  }

  /** The answer to a command id seen before: its earlier events, or `command-id-reused`. */
  const answerSeen = async (
    stream: StreamId,
    cached: Cached,
    record: CommandRecord,
    command: C,
    commandFingerprint: string,
  ): Promise<E.Either<DomainError, Handled<E, S>>> => {
    if (record.fingerprint !== commandFingerprint) {
      return E.left(
        ruleViolation(
          'command-id-reused',
          `Command id "${command.commandId}" was used before for another command (${record.type})`,
        ),
      )
    }
    // The index keeps versions only; the events themselves are read back from the store.
    // Only the command's own events are read back and checked, not the rest of the stream.
    const read = await readChecked(
      stream,
      record.first - 1,
      decider.eventCodec,
      undefined,
      record.last,
    )
    if (E.isLeft(read)) return read
    const events = read.right.filter(
      (s) => s.version <= record.last && s.commandId === command.commandId,
    )
    return E.right({
      stream,
      events,
      state: cached.snapshot.state,
      version: cached.snapshot.version,
      duplicate: true,
    })
  }

  const attempt = async (
    command: C,
    stream: StreamId,
    commandFingerprint: string,
    triesLeft: number,
  ): Promise<E.Either<DomainError, Handled<E, S>>> => {
    const loaded = await loadCached(stream)
    if (E.isLeft(loaded)) return loaded
    const cached = loaded.right
    const snapshot = cached.snapshot
    const earlier = cached.commands.get(command.commandId)
    if (earlier !== undefined)
      return answerSeen(stream, cached, earlier, command, commandFingerprint)
    const context = await decider.loadContext(command, readState)
    const decided = decider.decide(command, snapshot.state, context)
    if (E.isLeft(decided)) return decided
    const events = decided.right
    if (events.length === 0) {
      return E.right({
        stream,
        events: [],
        state: snapshot.state,
        version: snapshot.version,
        duplicate: false,
      })
    }
    const invalid = events.find((e): boolean => !decider.eventCodec.is(e))
    if (invalid !== undefined)
      throw new Error(`${decider.name}: decide produced an invalid "${invalid.type}" event`)
    const request: AppendRequest<E> = {
      stream,
      expectedVersion: snapshot.version,
      commandId: command.commandId,
      commandType: command.type,
      commandFingerprint,
      events,
    }
    const appended: unknown = await store.append(request)
    if (!isEither(appended))
      throw new TypeError(`store.append answered ${renderActual(appended)}, not an Either`)
    if (E.isLeft(appended)) {
      if (!isVersionConflict(appended.left))
        throw new TypeError(
          `store.append refused with ${renderActual(appended.left)}, not a VersionConflict`,
        )
      if (triesLeft > 0) return attempt(command, stream, commandFingerprint, triesLeft - 1)
      // The writer that won may have been this very command, sent twice through two engines:
      // then the answer is its events, not a conflict.
      const reloaded = await loadCached(stream)
      if (E.isLeft(reloaded)) return reloaded
      const applied = reloaded.right.commands.get(command.commandId)
      return applied === undefined
        ? E.left(appended.left)
        : answerSeen(stream, reloaded.right, applied, command, commandFingerprint)
    }
    const answer = checkAppended(request, appended.right)
    if (E.isLeft(answer)) {
      // The store may have written something it did not report: read the stream afresh next time.
      cache.delete(stream)
      return answer
    }
    const stored = answer.right
    indexCommands(cached.commands, stored)
    const next: Cached = {
      snapshot: {
        state: decider.evolveAll(snapshot.state, events),
        version: stored[stored.length - 1]?.version ?? snapshot.version,
      },
      commands: cached.commands,
    }
    remember(stream, next)
    return E.right({
      stream,
      events: stored,
      state: next.snapshot.state,
      version: next.snapshot.version,
      duplicate: false,
    })
  }

  // Commands on one stream run one after another inside an engine, so an engine never races
  // itself; two engines over one store still can, and optimistic concurrency settles that.
  const serialised = <T>(stream: StreamId, run: () => Promise<T>): Promise<T> => {
    const previous = queues.get(stream) ?? Promise.resolve()
    const result = previous.then(run, run)
    const tail = result.then(
      () => undefined,
      () => undefined,
    )
    queues.set(stream, tail)
    void tail.then(() => {
      if (queues.get(stream) === tail) queues.delete(stream)
    })
    return result
  }

  /** A command dated after the app's now (plus the tolerance): `future-dated`. */
  const datedInTheFuture = (command: C): DomainError | undefined => {
    if (clock === 'none') return undefined
    const now: unknown = clock()
    // A clock that answers anything but a time would switch the check off without a word.
    if (typeof now !== 'number' || !Number.isFinite(now))
      throw new TypeError(
        `createEngine: clock() returned ${renderActual(now)}, not milliseconds since the epoch`,
      )
    if (instantToMillis(command.at) <= now + tolerance) return undefined
    return ruleViolation(
      'future-dated',
      `${command.at} is after the clock's now (${new Date(now).toISOString()}) by more than ${tolerance} ms`,
    )
  }

  const run = async (command: C): Promise<E.Either<DomainError, Handled<E, S>>> => {
    const future = datedInTheFuture(command)
    if (future !== undefined) return E.left(future)
    const stream = decider.streamOf(command)
    // Decoded commands have their keys in codec order, so equal commands give equal fingerprints.
    const print = fingerprint(command)
    try {
      return await serialised(stream, () => attempt(command, stream, print, retries))
    } catch (error) {
      // A context stream that cannot be trusted is thrown out of `loadContext` (which returns no
      // Either) and becomes the command's answer here.
      if (error instanceof CorruptStreamError) return E.left(error.error)
      throw error
    }
  }

  // async, so that nothing can escape as a synchronous throw: every failure is in the promise.
  const handle = async (input: unknown): Promise<E.Either<DomainError, Handled<E, S>>> => {
    const decoded = decodeWith(decider.commandCodec, input)
    return E.isLeft(decoded) ? decoded : run(decoded.right)
  }

  return { handle, handleCommand: handle, load, store }
}
