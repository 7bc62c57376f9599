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
// `Either` by name in the declarations below: their type parameter `E` shadows the namespace `E`,
// which the bundled .d.ts (rollup-plugin-dts) then drops.
import type { Either } from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { decodeWith } from './decode.js'
import { fingerprint } from './hash.js'
import type { Fold, ReadState, StreamState, StreamStates, Tagged } from './decider.js'
import {
  CorruptStreamError,
  renderActual,
  ruleViolation,
  type CorruptStream,
  type DomainError,
} from './errors.js'
import type { CommandId, StreamId } from './ids.js'
import { instantToMillis, type Instant } from './time.js'
import { createMemoryStore, type AppendRequest, type Store, type StoredEvent } from './store.js'
import { indexCommands, type CommandRecord } from './command-index.js'
import { checkOptions, DEFAULT_FUTURE_TOLERANCE, type EngineOptions } from './engine-options.js'
import { checkAppended, foldChecked, isEither, isVersionConflict, readChecked } from './stored.js'

/** The outcome of a handled command. @category Engine */
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

/**
 * A running engine.
 *
 * @typeParam Streams - the state of each kind of stream (see {@link StreamStates}): `load` of a
 *   `StreamId<'hall'>` resolves to a hall's state
 *
 * @category Engine
 */
export interface Engine<
  C extends Tagged,
  E extends Tagged,
  S,
  Streams extends StreamStates = Readonly<Record<string, S>>,
> {
  /**
   * Decodes `input` into a command and runs it. Resolves to `Left` with a {@link DomainError}
   * (and nothing stored) or `Right` with the new events and state; a stream (or a context stream)
   * whose stored content cannot be trusted is `Left` with a {@link CorruptStream}. Never throws;
   * rejects only on a store failure or a programmer error (such as `decide` producing an invalid
   * event).
   */
  readonly handle: (input: unknown) => Promise<Either<DomainError, Handled<E, S>>>
  /**
   * `handle` for a command that is already typed. It is decoded all the same: the codec still
   * guards the store, and the decoded copy (not the caller's object) is what gets kept.
   */
  readonly handleCommand: (command: C) => Promise<Either<DomainError, Handled<E, S>>>
  /**
   * The current state and version of a stream: for a stream id typed by its kind (`hallStream(h)`
   * is a `StreamId<'hall'>`), the state of that kind of stream. Rejects with a
   * {@link CorruptStreamError} when the stored stream cannot be trusted.
   */
  readonly load: <K extends string>(
    stream: StreamId<K>,
  ) => Promise<StreamState<K extends keyof Streams ? Streams[K] : S>>
  /** The store the engine writes to. */
  readonly store: Store<E>
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
 * import { createEngine, createMemoryStore, community } from 'governance-kit'
 * import type { CommunityEvent } from 'governance-kit/community'
 * const engine = createEngine({
 *   decider: community,
 *   store: createMemoryStore<CommunityEvent>(),
 *   clock: Date.now, // the app's clock (ms since the epoch): commands dated after now are refused
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
 *
 * @category Engine
 */
export const createEngine = <
  C extends Tagged & { readonly commandId: CommandId; readonly at: Instant },
  E extends Tagged,
  S,
  X,
  Streams extends StreamStates = Readonly<Record<string, S>>,
>(
  options: EngineOptions<C, E, S, X, Streams>,
): Engine<C, E, S, Streams> => {
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
  const contextCache = new WeakMap<object, Map<StreamId, StreamState<unknown>>>()
  // Each fold's event types as a set, made once per fold rather than on every context read.
  const foldTypes = new WeakMap<object, ReadonlySet<string>>()
  const typesOfFold = (fold: {
    readonly eventTypes: ReadonlyArray<string>
  }): ReadonlySet<string> => {
    const known = foldTypes.get(fold) ?? new Set<string>(fold.eventTypes)
    foldTypes.set(fold, known)
    return known
  }
  const queues = new Map<StreamId, Promise<unknown>>()

  const loadCached = async (stream: StreamId): Promise<E.Either<CorruptStream, Cached>> => {
    const cached = cache.get(stream) ?? {
      snapshot: { state: decider.initialStateOf(stream), version: 0 },
      commands: new Map<CommandId, CommandRecord>(),
    }
    const fresh = await readChecked(
      store,
      checkEvents,
      stream,
      cached.snapshot.version,
      decider.eventCodec,
    )
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
    const types = typesOfFold(fold)
    const fresh = await readChecked(
      store,
      checkEvents,
      stream,
      cached.version,
      codecOfFold(fold),
      types,
    )
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
      store,
      checkEvents,
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

  // A stream of kind K holds the state of the part that owns kind K (see `combine`), which is what
  // the typed signature says; the fold itself is the same for every stream.
  return { handle, handleCommand: handle, load: load as Engine<C, E, S, Streams>['load'], store }
}
