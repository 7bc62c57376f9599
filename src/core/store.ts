/**
 * Event stores (事件存储): where the events a decider emits are kept, stream by stream.
 *
 * The engine needs three things of a store: read a stream, append to it only if it is still at
 * the version the caller read (optimistic concurrency), and tell subscribers what was appended.
 * {@link createMemoryStore} is the default; apps plug in their own database behind {@link Store}.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
// `Either` by name in the declarations below: their type parameter `E` shadows the namespace `E`,
// which the bundled .d.ts (rollup-plugin-dts) then drops.
import type { Either } from 'fp-ts/lib/Either.js'
import { versionConflict, type VersionConflict } from './errors.js'
import type { CommandId, StreamId } from './ids.js'

/**
 * An event as kept in a store, with where it stands and which command caused it.
 *
 * @category Store
 */
export interface StoredEvent<E> {
  /** The stream it belongs to. */
  readonly stream: StreamId
  /** Its place in the stream, from 1. */
  readonly version: number
  /** Its place in the whole store, from 1 (order of appends across streams). */
  readonly position: number
  /** The command that caused it (idempotency key). */
  readonly commandId: CommandId
  /** That command's type. */
  readonly commandType: string
  /** A fingerprint of the whole command, so that a reused command id can be told apart. */
  readonly commandFingerprint: string
  /** The event itself. */
  readonly event: E
}

/** What one append writes: the events of one command on one stream. @category Store */
export interface AppendRequest<E> {
  readonly stream: StreamId
  /** The version the caller read; the append fails if the stream has moved on. */
  readonly expectedVersion: number
  readonly commandId: CommandId
  readonly commandType: string
  readonly commandFingerprint: string
  readonly events: ReadonlyArray<E>
}

/** Called with the events of each successful append, in order. Must not throw. @category Store */
export type StoreListener<E> = (events: ReadonlyArray<StoredEvent<E>>) => void

/**
 * The store interface the engine runs on. Implementations must make `append` atomic: either all
 * events are written at `expectedVersion + 1 …` or none, and a stream that is not at
 * `expectedVersion` gives a {@link VersionConflict}.
 *
 * @category Store
 */
export interface Store<E> {
  /**
   * The events of a stream with a version greater than `afterVersion` (default 0: all), in
   * version order: exactly `afterVersion + 1, + 2, …`, each with this `stream`. The engine checks
   * this, and each event against its codec, and treats any other answer as a `CorruptStream`.
   */
  readonly readStream: (
    stream: StreamId,
    afterVersion?: number,
  ) => Promise<ReadonlyArray<StoredEvent<E>>>
  /** Appends one command's events if the stream is still at `expectedVersion`. */
  readonly append: (
    request: AppendRequest<E>,
  ) => Promise<Either<VersionConflict, ReadonlyArray<StoredEvent<E>>>>
  /** Listens to every successful append; returns the function that stops listening. */
  readonly subscribe: (listener: StoreListener<E>) => () => void
}

/**
 * The in-memory store, with a way to read everything (for tests, demos and projections).
 *
 * @category Store
 */
export interface MemoryStore<E> extends Store<E> {
  /** Every stored event in append order. */
  readonly readAll: () => ReadonlyArray<StoredEvent<E>>
  /** The ids of the streams that have events. */
  readonly streams: () => ReadonlyArray<StreamId>
}

/** Freezes a value and everything in it, even below an object that is already frozen. */
const deepFreeze = <T>(value: T, seen = new WeakSet()): T => {
  if (typeof value === 'object' && value !== null && !seen.has(value)) {
    seen.add(value)
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v, seen)
  }
  return value
}

/** Options of {@link createMemoryStore}. @category Store */
export interface MemoryStoreOptions {
  /**
   * Called when a listener throws. The append has happened and stands; by default the error is
   * re-raised outside the append (an unhandled rejection), so that it is not lost.
   */
  readonly onListenerError?: (error: unknown) => void
}

/**
 * A store that keeps events in memory: the default, and the reference for others. Stored events
 * are frozen, so a caller cannot change the history it reads.
 *
 * @example
 * ```ts
 * import { createMemoryStore, createEngine, community } from 'governance-kit'
 * import type { CommunityEvent } from 'governance-kit/community'
 * const store = createMemoryStore<CommunityEvent>()
 * const engine = createEngine({ decider: community, store, clock: 'none' })
 * store.subscribe((events) => { console.log(events.length, 'new events') })
 * ```
 *
 * @category Store
 */
export const createMemoryStore = <E = unknown>(
  options: MemoryStoreOptions = {},
): MemoryStore<E> => {
  const onListenerError =
    options.onListenerError ??
    ((error: unknown) => {
      void Promise.reject(error instanceof Error ? error : new Error(String(error)))
    })
  const streams = new Map<StreamId, Array<StoredEvent<E>>>()
  const all: Array<StoredEvent<E>> = []
  const listeners = new Set<StoreListener<E>>()

  const append: Store<E>['append'] = (request) => {
    const stream = streams.get(request.stream) ?? []
    if (stream.length !== request.expectedVersion) {
      return Promise.resolve(
        E.left(versionConflict(request.stream, request.expectedVersion, stream.length)),
      )
    }
    if (request.events.length === 0) return Promise.resolve(E.right([]))
    const stored = request.events.map((event, i): StoredEvent<E> =>
      deepFreeze({
        stream: request.stream,
        version: request.expectedVersion + i + 1,
        position: all.length + i + 1,
        commandId: request.commandId,
        commandType: request.commandType,
        commandFingerprint: request.commandFingerprint,
        event,
      }),
    )
    // Frozen, so that no listener or caller can change what the others are given.
    Object.freeze(stored)
    stream.push(...stored)
    all.push(...stored)
    streams.set(request.stream, stream)
    for (const listener of [...listeners]) {
      try {
        listener(stored)
      } catch (error) {
        // A listener's failure must not undo or block an append that has happened.
        onListenerError(error)
      }
    }
    return Promise.resolve(E.right(stored))
  }

  return {
    readStream: (stream, afterVersion = 0) =>
      Promise.resolve((streams.get(stream) ?? []).slice(Math.max(0, afterVersion))),
    append,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    readAll: () => [...all],
    streams: () => [...streams.keys()],
  }
}
