/**
 * Composing mechanisms (组合): `combine` makes one root mechanism of several, a sum over streams:
 * each kind of stream is one part's, and each command, event and codec check goes to the part
 * that declares its type.
 *
 * @module
 */
import * as t from 'io-ts'
import { oneOf } from './codec.js'
import { creatorsOf } from './creators.js'
import type { EvolveAll, Mechanism, Recipe, StreamStates, Tagged } from './decider.js'
import { kindOfStream } from './ids.js'

type AnyMechanism = Mechanism<Tagged, Tagged, unknown, unknown, StreamStates>
/**
 * What {@link combine} accepts: mechanisms by key (checked structurally, typed by inference).
 *
 * @category Mechanism
 */
export type Mechanisms = Readonly<
  Record<
    string,
    {
      readonly name: string
      readonly commandTypes: ReadonlyArray<string>
      readonly eventTypes: ReadonlyArray<string>
      readonly streamKinds: ReadonlyArray<string>
    }
  >
>
/** The command type of a mechanism. @category Mechanism */
export type CommandOf<M> =
  M extends Mechanism<infer C, infer _E, infer _S, infer _X, infer _St> ? C : never
/** The event type of a mechanism. @category Mechanism */
export type EventOf<M> =
  M extends Mechanism<infer _C, infer E, infer _S, infer _X, infer _St> ? E : never
/** The stream state type of a mechanism. @category Mechanism */
export type StateOfMechanism<M> =
  M extends Mechanism<infer _C, infer _E, infer S, infer _X, infer _St> ? S : never
/** The context type of a mechanism. @category Mechanism */
export type ContextOf<M> =
  M extends Mechanism<infer _C, infer _E, infer _S, infer X, infer _St> ? X : never
/**
 * The state of each kind of stream of a mechanism (see {@link StreamStates}).
 *
 * @category Mechanism
 */
export type StreamsOf<M> =
  M extends Mechanism<infer _C, infer _E, infer _S, infer _X, infer St> ? St : never

/**
 * The state of a stream of a {@link combine}d root: the state of the part that owns it (a sum,
 * not a product: a hall's stream holds a hall's state, nothing of the registry's).
 *
 * @category Mechanism
 */
export type CombinedState<Ms extends Mechanisms> = StateOfMechanism<Ms[keyof Ms]>

/**
 * Every kind of stream of the parts, each with the state of the part that owns it.
 *
 * @category Mechanism
 */
export type CombinedStreams<Ms extends Mechanisms> = {
  readonly [P in { [K in keyof Ms]: keyof StreamsOf<Ms[K]> }[keyof Ms] & string]: {
    [K in keyof Ms]: P extends keyof StreamsOf<Ms[K]> ? StreamsOf<Ms[K]>[P] : never
  }[keyof Ms]
}

/** The mechanism {@link combine} returns. @category Mechanism */
export type Combined<Ms extends Mechanisms> = Mechanism<
  CommandOf<Ms[keyof Ms]>,
  EventOf<Ms[keyof Ms]>,
  CombinedState<Ms>,
  ContextOf<Ms[keyof Ms]>,
  CombinedStreams<Ms>
>

/**
 * Composes mechanisms into one root mechanism: a sum over streams. Each kind of stream belongs to
 * one part (`hall/…` to deliberation, `case/…` to dispute), and a stream's state is that part's
 * state alone, so an engine loading a hall's stream returns a hall's state (typed so by the
 * stream id: `hallStream(h)` is a `StreamId<'hall'>`). A command goes to the part that declares
 * its type, and is decided on its stream with that part's state; command types, event types and
 * kinds of stream must each be unique across the parts.
 *
 * The root folds a stream's events with the part that owns them: the part whose state it is
 * given (one the root handed out), else the part of the first event it declares. A stream's
 * events are one part's; an event of another part is foreign to that state and skipped, as are
 * events no part declares. Its `initialState` stands for a stream not known
 * yet, an empty object; the state of an empty stream of a known kind is
 * {@link Mechanism.initialStateOf}. For a Redux store over many streams, give each mechanism's
 * `evolve` its own key (Redux's `combineReducers`): each is a Redux reducer.
 *
 * @example
 * ```ts
 * import { combine, community, deliberation } from 'governance-kit'
 * const root = combine('street', { community, deliberation })
 * root.commandTypes.includes('openHall') // true
 * root.streamKinds // ['registry', 'hall']
 * ```
 *
 * @category Mechanism
 */
export const combine = <Ms extends Mechanisms>(name: string, parts: Ms): Combined<Ms> => {
  const entries = Object.entries(parts) as unknown as ReadonlyArray<readonly [string, AnyMechanism]>
  const byCommand = new Map<string, AnyMechanism>()
  const byEvent = new Map<string, AnyMechanism>()
  const byKind = new Map<string, AnyMechanism>()
  const claim = (owners: Map<string, AnyMechanism>, what: string, key: string, m: AnyMechanism) => {
    if (owners.has(key)) throw new Error(`combine ${name}: ${what} "${key}" in two parts`)
    owners.set(key, m)
  }
  for (const [, m] of entries) {
    for (const type of m.commandTypes) claim(byCommand, 'command', type, m)
    for (const type of m.eventTypes) claim(byEvent, 'event', type, m)
    for (const kind of m.streamKinds) claim(byKind, 'stream kind', kind, m)
  }
  const ownerOf = (c: Tagged): AnyMechanism => {
    const owner = byCommand.get(c.type)
    // Commands reach here decoded, so an unknown command type is a programmer error.
    if (owner === undefined) throw new Error(`combine ${name}: no part handles "${c.type}"`)
    return owner
  }
  // A stream not known yet: frozen, so that no caller can write into it.
  const unknownStream: unknown = Object.freeze({})
  // The part each state this root handed out belongs to, so that an event of another part is
  // foreign to it (as to that part's own reducer) rather than folded into the wrong state.
  const ownerOfState = new WeakMap<object, AnyMechanism>()
  const owned = (owner: AnyMechanism, state: unknown): unknown => {
    if (typeof state === 'object' && state !== null) ownerOfState.set(state, owner)
    return state
  }
  const ownerOfEvents = (events: ReadonlyArray<Tagged>): AnyMechanism | undefined => {
    for (const e of events) {
      const owner = byEvent.get(e.type)
      if (owner !== undefined) return owner
    }
    return undefined
  }
  const ownerOfFold = (state: unknown, events: ReadonlyArray<Tagged>): AnyMechanism | undefined =>
    (typeof state === 'object' && state !== null ? ownerOfState.get(state) : undefined) ??
    ownerOfEvents(events)
  const baseFor = (owner: AnyMechanism, state: unknown): unknown =>
    state === undefined || state === unknownStream ? owner.initialState : state

  const commandCodec = routedCodec(`${name} command`, byCommand, (m) => m.commandCodec)
  const eventCodec = routedCodec(`${name} event`, byEvent, (m) => m.eventCodec)

  const evolveAll: EvolveAll<unknown, Tagged> = (state, events) => {
    const owner = ownerOfFold(state, events)
    // Nothing any part declares: the very same state (the reducers' rule for foreign actions).
    if (owner === undefined) return state === undefined ? unknownStream : state
    return owned(owner, owner.evolveAll(baseFor(owner, state), events))
  }
  const apply: Recipe<unknown, Tagged> = (draft, e) => {
    // A foreign event (no part declares its type) changes nothing, as in every reducer.
    byEvent.get(e.type)?.apply(draft, e)
  }
  const combined: Mechanism<Tagged, Tagged, unknown, unknown, StreamStates> = {
    name,
    commandCodec,
    eventCodec,
    commandTypes: [...byCommand.keys()],
    eventTypes: [...byEvent.keys()],
    streamKinds: [...byKind.keys()],
    initialState: unknownStream,
    initialStateOf: (stream) => {
      const owner = byKind.get(kindOfStream(stream))
      // Streams come from the parts' streamOf, or from an app naming one it keeps.
      if (owner === undefined)
        throw new Error(`combine ${name}: no part keeps streams of kind "${kindOfStream(stream)}"`)
      return owned(owner, owner.initialStateOf(stream))
    },
    streamOf: (c) => ownerOf(c).streamOf(c),
    decide: (c, state, context) => {
      const owner = ownerOf(c)
      return owner.decide(c, baseFor(owner, state), context)
    },
    apply,
    evolve: (state, e) => evolveAll(state, [e]),
    evolveAll,
    loadContext: (c, read) => ownerOf(c).loadContext(c, read),
    create: creatorsOf<Tagged>([...byCommand.keys()]),
  }
  // The routing above keeps each part's commands, events, streams and state together, which is
  // exactly what the mapped types of Combined describe.
  return combined as unknown as Combined<Ms>
}

/**
 * A codec over several parts' codecs that dispatches on `type`: an unknown type is reported at
 * `$.type` naming every known one, a known type is decoded by its owner's codec alone.
 */
const routedCodec = (
  name: string,
  owners: ReadonlyMap<string, AnyMechanism>,
  codecOf: (m: AnyMechanism) => t.Type<Tagged, unknown>,
): t.Type<Tagged, unknown> => {
  const ownerOf = (u: unknown): AnyMechanism | undefined => {
    const type = typeof u === 'object' && u !== null ? (u as Partial<Tagged>).type : undefined
    return typeof type === 'string' ? owners.get(type) : undefined
  }
  const tags = combinedTags([...owners.keys()])
  return new t.Type<Tagged, unknown, unknown>(
    name,
    (u): u is Tagged => {
      const owner = ownerOf(u)
      return owner !== undefined && codecOf(owner).is(u)
    },
    (u, c) => {
      const owner = ownerOf(u)
      if (owner !== undefined) return codecOf(owner).validate(u, c)
      const type = typeof u === 'object' && u !== null ? (u as Partial<Tagged>).type : undefined
      return t.failure(type, t.appendContext(c, 'type', tags, type))
    },
    (a) => {
      const owner = ownerOf(a)
      // Values to encode were decoded by this codec, so their type has an owner.
      if (owner === undefined) throw new Error(`${name}: no part handles "${a.type}"`)
      return codecOf(owner).encode(a)
    },
  )
}

const combinedTags = (tags: ReadonlyArray<string>): t.Mixed => {
  const [first, ...rest] = tags
  return oneOf([first ?? '(none)', ...rest])
}
