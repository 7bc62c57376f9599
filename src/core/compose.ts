/**
 * Composing mechanisms (组合): `combine` makes one root mechanism of several, the product of
 * their deciders, routing each command, event and codec check to the part that declares its type.
 *
 * @module
 */
import * as t from 'io-ts'
import { oneOf } from './codec.js'
import { creatorsOf } from './creators.js'
import type { Evolve, EvolveAll, Mechanism, Recipe, Tagged } from './decider.js'
import { foldWith, freezeNew } from './fold.js'

type AnyMechanism = Mechanism<Tagged, Tagged, unknown, unknown>
/** What {@link combine} accepts: mechanisms by key (checked structurally, typed by inference). */
export type Mechanisms = Readonly<
  Record<
    string,
    {
      readonly name: string
      readonly commandTypes: ReadonlyArray<string>
      readonly eventTypes: ReadonlyArray<string>
    }
  >
>
/** The command type of a mechanism. */
export type CommandOf<M> = M extends Mechanism<infer C, infer _E, infer _S, infer _X> ? C : never
/** The event type of a mechanism. */
export type EventOf<M> = M extends Mechanism<infer _C, infer E, infer _S, infer _X> ? E : never
/** The stream state type of a mechanism. */
export type StateOfMechanism<M> =
  M extends Mechanism<infer _C, infer _E, infer S, infer _X> ? S : never
/** The context type of a mechanism. */
export type ContextOf<M> = M extends Mechanism<infer _C, infer _E, infer _S, infer X> ? X : never

/** The state of a {@link combine}d mechanism: each part's state under its key. */
export type CombinedState<Ms extends Mechanisms> = {
  readonly [K in keyof Ms]: StateOfMechanism<Ms[K]>
}

/** The mechanism {@link combine} returns. */
export type Combined<Ms extends Mechanisms> = Mechanism<
  CommandOf<Ms[keyof Ms]>,
  EventOf<Ms[keyof Ms]>,
  CombinedState<Ms>,
  ContextOf<Ms[keyof Ms]>
>

/**
 * Composes mechanisms into one root mechanism (the product of deciders): a command goes to the
 * part that declares its type, an event to the part that declares its type, and the state holds
 * each part's state under its key. Command and event types must be unique across the parts.
 * The root's `evolve`, `evolveAll` and `apply` skip an event that no part declares (so the root
 * is a Redux reducer too, see {@link Evolve}); its `decide`, `streamOf` and `loadContext` throw
 * on a command type that no part declares, since commands are decoded first.
 *
 * @example
 * ```ts
 * import { combine, community } from 'governance-kit'
 * const root = combine('city', { community })
 * root.commandTypes.includes('registerGrid') // true
 * ```
 */
export const combine = <Ms extends Mechanisms>(name: string, parts: Ms): Combined<Ms> => {
  const entries = Object.entries(parts) as unknown as ReadonlyArray<readonly [string, AnyMechanism]>
  const byCommand = new Map<string, readonly [string, AnyMechanism]>()
  const byEvent = new Map<string, readonly [string, AnyMechanism]>()
  for (const entry of entries) {
    const m = entry[1]
    for (const type of m.commandTypes) {
      if (byCommand.has(type)) throw new Error(`combine ${name}: command "${type}" in two parts`)
      byCommand.set(type, entry)
    }
    for (const type of m.eventTypes) {
      if (byEvent.has(type)) throw new Error(`combine ${name}: event "${type}" in two parts`)
      byEvent.set(type, entry)
    }
  }
  const ownerOf = (c: Tagged): readonly [string, AnyMechanism] => {
    const owner = byCommand.get(c.type)
    // Commands reach here decoded, so an unknown command type is a programmer error.
    if (owner === undefined) throw new Error(`combine ${name}: no part handles "${c.type}"`)
    return owner
  }
  const initialState: Record<string, unknown> = {}
  for (const [key, m] of entries) initialState[key] = m.initialState

  const commandCodec = routedCodec(`${name} command`, byCommand, (m) => m.commandCodec)
  const eventCodec = routedCodec(`${name} event`, byEvent, (m) => m.eventCodec)

  type State = Record<string, unknown>
  const apply: Recipe<State, Tagged> = (draft, e) => {
    const owner = byEvent.get(e.type)
    // A foreign event (no part declares its type) changes nothing, as in every reducer.
    if (owner === undefined) return
    const [key, m] = owner
    const part: unknown = draft[key]
    if (typeof part === 'object' && part !== null) m.apply(part, e)
    else draft[key] = m.evolve(part, e)
  }
  const frozenInitial = freezeNew(initialState)
  const evolveAll: EvolveAll<State, Tagged> = foldWith(
    apply,
    new Set(byEvent.keys()),
    frozenInitial,
  )
  const evolve: Evolve<State, Tagged> = (state: State | undefined, e: Tagged): State =>
    evolveAll(state, [e])
  const combined: Mechanism<Tagged, Tagged, State, unknown> = {
    name,
    commandCodec,
    eventCodec,
    commandTypes: [...byCommand.keys()],
    eventTypes: [...byEvent.keys()],
    initialState: frozenInitial,
    streamOf: (c) => ownerOf(c)[1].streamOf(c),
    decide: (c, state, context) => {
      const [key, m] = ownerOf(c)
      return m.decide(c, state[key], context)
    },
    apply,
    evolve,
    evolveAll,
    loadContext: (c, read) => ownerOf(c)[1].loadContext(c, read),
    create: creatorsOf<Tagged>([...byCommand.keys()]),
  }
  // The routing above keeps each part's commands, events and state together, which is exactly
  // what the mapped types of Combined describe.
  return combined as unknown as Combined<Ms>
}

/**
 * A codec over several parts' codecs that dispatches on `type`: an unknown type is reported at
 * `$.type` naming every known one, a known type is decoded by its owner's codec alone.
 */
const routedCodec = (
  name: string,
  owners: ReadonlyMap<string, readonly [string, AnyMechanism]>,
  codecOf: (m: AnyMechanism) => t.Type<Tagged, unknown>,
): t.Type<Tagged, unknown> => {
  const ownerOf = (u: unknown): AnyMechanism | undefined => {
    const type = typeof u === 'object' && u !== null ? (u as Partial<Tagged>).type : undefined
    return typeof type === 'string' ? owners.get(type)?.[1] : undefined
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
