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
import { decodeWith } from './codec.js'
import { fingerprint } from './hash.js'
import type { Fold, Mechanism, ReadState, StreamState, Tagged } from './decider.js'
import { ruleViolation, type DomainError } from './errors.js'
import type { CommandId, StreamId } from './ids.js'
import { createMemoryStore, type Store, type StoredEvent } from './store.js'

/** What the engine remembers of a command id on a stream: enough to answer a repeat. */
interface CommandRecord {
  readonly fingerprint: string
  readonly type: string
  /** The versions of its first and last event. */
  readonly first: number
  readonly last: number
}

/** What {@link createEngine} takes. */
export interface EngineOptions<C extends Tagged, E extends Tagged, S, X> {
  /** The mechanism to run (one, or a root made with `combine`). */
  readonly decider: Mechanism<C, E, S, X>
  /** Where events are kept; an in-memory store when omitted. */
  readonly store?: Store<E>
  /**
   * How many times to decide again after a {@link VersionConflict} (another writer moved the
   * stream on between read and append). Default 0: the conflict is returned to the caller.
   */
  readonly retriesOnConflict?: number
  /**
   * How many streams the engine keeps folded in memory (least recently used first out); a stream
   * that falls out is read again from the store when next needed. Default 10,000.
   */
  readonly cachedStreams?: number
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
   * (and nothing stored) or `Right` with the new events and state. Never throws; rejects only
   * on a store failure or a programmer error (such as `decide` producing an invalid event).
   */
  readonly handle: (input: unknown) => Promise<E.Either<DomainError, Handled<E, S>>>
  /**
   * `handle` for a command that is already typed. It is decoded all the same: the codec still
   * guards the store, and the decoded copy (not the caller's object) is what gets kept.
   */
  readonly handleCommand: (command: C) => Promise<E.Either<DomainError, Handled<E, S>>>
  /** The current state and version of a stream. */
  readonly load: (stream: StreamId) => Promise<StreamState<S>>
  /** The store the engine writes to. */
  readonly store: Store<E>
}

/**
 * Creates an engine over a store.
 *
 * @example
 * ```ts
 * import { createEngine, createMemoryStore, community, type CommunityEvent } from 'governance-kit'
 * const engine = createEngine({ decider: community, store: createMemoryStore<CommunityEvent>() })
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
  C extends Tagged & { readonly commandId: CommandId },
  E extends Tagged,
  S,
  X,
>(
  options: EngineOptions<C, E, S, X>,
): Engine<C, E, S> => {
  const { decider } = options
  const store: Store<E> = options.store ?? createMemoryStore<E>()
  const retries = options.retriesOnConflict ?? 0
  const capacity = Math.max(1, options.cachedStreams ?? 10_000)
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

  const loadCached = async (stream: StreamId): Promise<Cached> => {
    const cached = cache.get(stream) ?? {
      snapshot: { state: decider.initialState, version: 0 },
      commands: new Map<CommandId, CommandRecord>(),
    }
    const fresh = await store.readStream(stream, cached.snapshot.version)
    if (fresh.length === 0) {
      touch(cache, stream, cached)
      return cached
    }
    indexCommands(cached.commands, fresh)
    const next: Cached = {
      snapshot: {
        state: decider.evolveAll(
          cached.snapshot.state,
          fresh.map((s) => s.event),
        ),
        version: fresh[fresh.length - 1]?.version ?? cached.snapshot.version,
      },
      commands: cached.commands,
    }
    remember(stream, next)
    return next
  }

  const remember = (stream: StreamId, next: Cached): void => {
    const current = cache.get(stream)
    if (current === undefined || current.snapshot.version <= next.snapshot.version)
      touch(cache, stream, next)
  }

  const load = async (stream: StreamId): Promise<StreamState<S>> =>
    (await loadCached(stream)).snapshot

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
    const fresh = await store.readStream(stream, cached.version)
    if (fresh.length === 0) return cached
    const types = new Set<string>(fold.eventTypes)
    const events = fresh.map((s) => s.event).filter((e: Tagged): e is E2 & E => types.has(e.type))
    const next: StreamState<S2> = {
      state: fold.evolveAll(cached.state, events),
      version: fresh[fresh.length - 1]?.version ?? cached.version,
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
    const events = (await store.readStream(stream, record.first - 1)).filter(
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
    const cached = await loadCached(stream)
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
    const appended = await store.append({
      stream,
      expectedVersion: snapshot.version,
      commandId: command.commandId,
      commandType: command.type,
      commandFingerprint,
      events,
    })
    if (E.isLeft(appended)) {
      if (triesLeft > 0) return attempt(command, stream, commandFingerprint, triesLeft - 1)
      // The writer that won may have been this very command, sent twice through two engines:
      // then the answer is its events, not a conflict.
      const reloaded = await loadCached(stream)
      const applied = reloaded.commands.get(command.commandId)
      return applied === undefined
        ? appended
        : answerSeen(stream, reloaded, applied, command, commandFingerprint)
    }
    const stored = appended.right
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

  const run = (command: C): Promise<E.Either<DomainError, Handled<E, S>>> => {
    const stream = decider.streamOf(command)
    // Decoded commands have their keys in codec order, so equal commands give equal fingerprints.
    const print = fingerprint(command)
    return serialised(stream, () => attempt(command, stream, print, retries))
  }

  // async, so that nothing can escape as a synchronous throw: every failure is in the promise.
  const handle = async (input: unknown): Promise<E.Either<DomainError, Handled<E, S>>> => {
    const decoded = decodeWith(decider.commandCodec, input)
    return E.isLeft(decoded) ? decoded : run(decoded.right)
  }

  return { handle, handleCommand: handle, load, store }
}
