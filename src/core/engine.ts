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
}

/** The outcome of a handled command. */
export interface Handled<E, S> {
  /** The stream the command was decided on. */
  readonly stream: StreamId
  /** The events the command produced (the earlier ones, when it is a duplicate). */
  readonly events: ReadonlyArray<StoredEvent<E>>
  /** The stream's state after the command. */
  readonly state: S
  /** The stream's version after the command. */
  readonly version: number
  /** True when the command id had been handled before and nothing new was appended. */
  readonly duplicate: boolean
}

/** A running engine. */
export interface Engine<C extends Tagged, E extends Tagged, S> {
  /**
   * Decodes `input` into a command and runs it. Resolves to `Left` with a {@link DomainError}
   * (and nothing stored) or `Right` with the new events and state. Rejects only on a store
   * failure or a programmer error.
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
 * import { createEngine, createMemoryStore, community } from 'governance-kit'
 * const engine = createEngine({ decider: community, store: createMemoryStore() })
 * const result = await engine.handle({
 *   type: 'openRegistry',
 *   commandId: 'cmd-1',
 *   at: '2024-04-24T09:00:00+08:00',
 *   actor: 'p-clerk',
 *   street: 's-street',
 *   name: 'S Street',
 *   registrar: 'p-clerk',
 *   registrarName: 'Clerk Li',
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
  const snapshots = new Map<StreamId, StreamState<S>>()
  // Per stream: the events each command id produced. It only grows, so it is kept mutable
  // beside the immutable snapshots instead of being copied with them.
  const commandIndex = new Map<StreamId, Map<CommandId, Array<StoredEvent<E>>>>()
  const indexCommands = (stream: StreamId, stored: ReadonlyArray<StoredEvent<E>>): void => {
    const index = commandIndex.get(stream) ?? new Map<CommandId, Array<StoredEvent<E>>>()
    commandIndex.set(stream, index)
    for (const s of stored) {
      const list = index.get(s.commandId) ?? []
      if (!list.some((known) => known.version === s.version)) list.push(s)
      index.set(s.commandId, list)
    }
  }
  const contextCache = new WeakMap<object, Map<StreamId, StreamState<unknown>>>()
  const queues = new Map<StreamId, Promise<unknown>>()

  const load = async (stream: StreamId): Promise<StreamState<S>> => {
    const cached = snapshots.get(stream) ?? { state: decider.initialState, version: 0 }
    const fresh = await store.readStream(stream, cached.version)
    if (fresh.length === 0) return cached
    indexCommands(stream, fresh)
    const snapshot: StreamState<S> = {
      state: decider.evolveAll(
        cached.state,
        fresh.map((s) => s.event),
      ),
      version: fresh[fresh.length - 1]?.version ?? cached.version,
    }
    remember(stream, snapshot)
    return snapshot
  }

  const remember = (stream: StreamId, snapshot: StreamState<S>): void => {
    const current = snapshots.get(stream)
    if (current === undefined || current.version < snapshot.version) snapshots.set(stream, snapshot)
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
    const fresh = await store.readStream(stream, cached.version)
    if (fresh.length === 0) return cached
    const types = new Set<string>(fold.eventTypes)
    const events = fresh.map((s) => s.event).filter((e: Tagged): e is E2 & E => types.has(e.type))
    const next: StreamState<S2> = {
      state: fold.evolveAll(cached.state, events),
      version: fresh[fresh.length - 1]?.version ?? cached.version,
    }
    byStream.set(stream, next)
    return next
  }

  const attempt = async (
    command: C,
    stream: StreamId,
    commandFingerprint: string,
    triesLeft: number,
  ): Promise<E.Either<DomainError, Handled<E, S>>> => {
    const snapshot = await load(stream)
    const earlier = commandIndex.get(stream)?.get(command.commandId)
    if (earlier !== undefined) {
      const first = earlier[0]
      if (first?.commandFingerprint !== commandFingerprint) {
        return E.left(
          ruleViolation(
            'command-id-reused',
            `Command id "${command.commandId}" was used before for another command (${first?.commandType ?? '?'})`,
          ),
        )
      }
      return E.right({
        stream,
        events: [...earlier],
        state: snapshot.state,
        version: snapshot.version,
        duplicate: true,
      })
    }
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
      return triesLeft > 0 ? attempt(command, stream, commandFingerprint, triesLeft - 1) : appended
    }
    const stored = appended.right
    indexCommands(stream, stored)
    const next: StreamState<S> = {
      state: decider.evolveAll(snapshot.state, events),
      version: stored[stored.length - 1]?.version ?? snapshot.version,
    }
    remember(stream, next)
    return E.right({
      stream,
      events: stored,
      state: next.state,
      version: next.version,
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

  const handle = (input: unknown): Promise<E.Either<DomainError, Handled<E, S>>> => {
    const decoded = decodeWith(decider.commandCodec, input)
    return E.isLeft(decoded) ? Promise.resolve(decoded) : run(decoded.right)
  }

  return { handle, handleCommand: handle, load, store }
}
