/**
 * What a store returns, checked before the engine folds it (internal: `core/index.ts` does not
 * re-export this module): stored events read once into a copy and checked against their codec,
 * versions in sequence, the answer to an append, and a fold that names the event a reducer fails
 * on. Each failure is a {@link CorruptStream}.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { toDecodeIssues } from './decode.js'
import type { Fold, Tagged } from './decider.js'
import { corruptStream, renderActual, type CorruptStream, type VersionConflict } from './errors.js'
import type { CommandId, StreamId } from './ids.js'
import type { AppendRequest, Store, StoredEvent } from './store.js'

/** Whether a store's answer is an fp-ts Either at all. */
export const isEither = (u: unknown): u is E.Either<unknown, unknown> =>
  typeof u === 'object' &&
  u !== null &&
  (((u as { _tag?: unknown })._tag === 'Left' && 'left' in u) ||
    ((u as { _tag?: unknown })._tag === 'Right' && 'right' in u))

/** Whether a store's refusal of an append is the one it may give, a version conflict. */
export const isVersionConflict = (u: unknown): u is VersionConflict =>
  typeof u === 'object' && u !== null && (u as Partial<VersionConflict>).code === 'VersionConflict'

/**
 * A copy of JSON-like data that reads every property once: arrays (to the length read once) and
 * plain objects are copied, anything else is kept as it is (and a codec's `is` then refuses it).
 * Why not the codec's `decode`, which copies too: io-ts builds a context for every field it
 * decodes, and a cold load checking with `decode` ran at half the speed of one checking with `is`
 * on this copy (`npm run bench`).
 */
export const copyOnce = (value: unknown): unknown => {
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

/** One stored event checked and copied (see `readChecked`). */
export const checkStored = <E>(
  stream: StreamId,
  expected: number,
  raw: unknown,
  codec: Pick<t.Type<unknown, unknown>, 'is' | 'decode'> | undefined,
  types: ReadonlySet<string> | undefined,
  checkEvents: boolean,
): E.Either<CorruptStream, StoredEvent<E>> => {
  if (typeof raw !== 'object' || raw === null)
    return E.left(corruptStream(stream, expected, `not a stored event: ${renderActual(raw)}`))
  const s = raw as Readonly<Record<keyof StoredEvent<E>, unknown>>
  const { version, stream: of, position, commandId, commandType, commandFingerprint } = s
  const event = s.event
  if (version !== expected)
    return E.left(
      corruptStream(stream, expected, `expected version ${expected}, got ${renderActual(version)}`),
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
export const checkAppended = <E>(
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
export const foldChecked = <S2, E2 extends Tagged>(
  stream: StreamId,
  fold: Pick<Fold<E2, S2>, 'evolveAll'>,
  state: S2,
  version: number,
  stored: ReadonlyArray<StoredEvent<unknown>>,
  keep: (e: Tagged) => e is E2,
): E.Either<CorruptStream, S2> => {
  const events: E2[] = []
  for (const s of stored) {
    const e = s.event as Tagged
    if (keep(e)) events.push(e)
  }
  try {
    return E.right(fold.evolveAll(state, events))
  } catch {
    // Find the event the reducer fails on, one at a time (the cost is paid only here).
    let current = state
    for (const s of stored) {
      const e = s.event as Tagged
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

/**
 * Reads a stream after `afterVersion` (up to version `upTo`) and checks the store's answer:
 * every event of that stream, versions exactly `afterVersion + 1, + 2, …`, the envelope's fields
 * present and, unless `checkEvents` is false (a trusted store), each event one the codec accepts. What is kept is
 * a copy made while checking (each field read once, each event as its codec decodes it), so a
 * store whose getters answer differently the second time cannot fold what was not checked.
 * `codec` undefined: the events are not checked (a fold without a codec). `types`: only events
 * of these types are checked and kept whole; the others stand as `{ type }`, for a fold that
 * skips them anyway.
 */
export const readChecked = async <E>(
  store: Pick<Store<E>, 'readStream'>,
  checkEvents: boolean,
  stream: StreamId,
  afterVersion: number,
  codec: Pick<t.Type<unknown, unknown>, 'is' | 'decode'> | undefined,
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
    const checked = checkStored<E>(stream, expected, read[i], codec, types, checkEvents)
    if (E.isLeft(checked)) return checked
    events.push(checked.right)
  }
  return E.right(events)
}
