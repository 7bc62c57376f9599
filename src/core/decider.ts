/**
 * Deciders (决策器): the functional event-sourcing pattern every mechanism follows.
 *
 * `decide` checks a command against the state and emits events (facts); `evolve` folds an event
 * into the state and never refuses it. A {@link Mechanism} is a decider that also knows its
 * codecs, the stream each command belongs to, and the other streams it must read.
 *
 * @module
 */
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js'
import { Immer, isDraft, type Draft } from 'immer'
import * as t from 'io-ts'
import type { DomainError } from './errors.js'
import { CommandId, PersonId, type StreamId } from './ids.js'
import { Instant } from './time.js'
import { oneOf, tagged, type Simplify, type StructType } from './codec.js'

/** Anything with a string `type` tag: the shape of commands and events. */
export interface Tagged {
  readonly type: string
}

/**
 * The decider pattern: `decide` validates a command and emits facts; `evolve` is the reducer.
 * `X` is read-only context from other streams (see {@link Mechanism.loadContext}); `void` when
 * the decider needs none.
 */
export interface Decider<C, E, S, X = void> {
  /** The state of a stream that has no events. */
  readonly initialState: S
  /** Validates, authorises and emits events; never throws for domain outcomes. */
  readonly decide: (command: C, state: S, context: X) => Either<DomainError, ReadonlyArray<E>>
  /** The reducer: pure, total, never refuses an event. */
  readonly evolve: (state: S, event: E) => S
}

/** A reducer written as an immer recipe: mutate the draft for one event. */
export type Recipe<S, E> = (draft: Draft<S>, event: E) => void

/**
 * A mechanism's `evolve`, which is also a Redux reducer (`(state: S | undefined, action) => S`):
 *
 * - `undefined` gives the initial state;
 * - an action whose `type` is not one of the mechanism's event types (a foreign action, e.g.
 *   Redux's own init action or another slice's) gives back `state` itself (`===`), untouched;
 * - an action whose `type` is one of them is taken to be that event: the reducer does not decode
 *   it, so decode untrusted input with the mechanism's `eventCodec` first;
 * - given an immer draft (inside a Redux Toolkit case reducer, or any `produce`), it edits that
 *   draft and returns it, so the caller's producer finishes and freezes the state as usual.
 *
 * Outside a draft the state it returns is deep-frozen plain data, and the state it is given is
 * never changed.
 */
export interface Evolve<S, E> {
  /** As a Redux reducer: any action, and `undefined` for the initial state. */
  (state: S | undefined, action: Tagged): S
  /**
   * One of the mechanism's own events. The first signature accepts these too; this one names
   * them, for `Parameters<typeof m.evolve>[1]` and for type inference.
   */
  (state: S, event: E): S
}

/**
 * A mechanism's `evolveAll`: folds a batch of events in one immer `produce`, with the rules of
 * {@link Evolve} (`undefined` is the initial state, foreign events are skipped, and a batch of
 * none but foreign events, or of no events, gives back `state` itself).
 */
export interface EvolveAll<S, E> {
  /** Any events, and `undefined` for the initial state. */
  (state: S | undefined, events: ReadonlyArray<Tagged>): S
  /** The mechanism's own events (named for type inference; the first signature accepts them). */
  (state: S, events: ReadonlyArray<E>): S
}

/**
 * A fold over a stream: what the engine and {@link replay} need to turn events into state.
 * `evolveAll` folds many events in one immer `produce` (much cheaper than one each).
 */
export interface Fold<E extends Tagged, S> {
  /** The state of a stream that has no events. */
  readonly initialState: S
  /** Folds one event into the state. */
  readonly evolve: (state: S, event: E) => S
  /** Folds many events into the state in one immer `produce`. */
  readonly evolveAll: (state: S, events: ReadonlyArray<E>) => S
  /** The event types this fold understands; others in a stream are skipped. */
  readonly eventTypes: ReadonlyArray<E['type']>
}

/** A stored stream folded to its state, at a version. */
export interface StreamState<S> {
  readonly state: S
  /** Number of events in the stream when it was read (0 for an empty stream). */
  readonly version: number
}

/** Reads another stream's state while loading context (provided by the engine). */
export type ReadState = <E2 extends Tagged, S2>(
  stream: StreamId,
  fold: Fold<E2, S2>,
) => Promise<StreamState<S2>>

/**
 * A governance mechanism as a decider the engine can run: its codecs (the single source of its
 * types), the stream each command belongs to, and how to load context from other streams.
 */
export interface Mechanism<C extends Tagged, E extends Tagged, S, X = void>
  extends Decider<C, E, S, X>, Fold<E, S> {
  /** A stable name, e.g. `community`. */
  readonly name: string
  /** Decodes unknown input into a command. */
  readonly commandCodec: t.Type<C, unknown>
  /** Decodes stored JSON into an event (for stores that keep events as JSON). */
  readonly eventCodec: t.Type<E, unknown>
  /** The command types this mechanism handles. */
  readonly commandTypes: ReadonlyArray<C['type']>
  /** The stream a command is decided on. */
  readonly streamOf: (command: C) => StreamId
  /** Reads what `decide` needs from other streams (e.g. the registry's roles). */
  readonly loadContext: (command: C, read: ReadState) => Promise<X>
  /**
   * The reducer as an immer recipe, from which `evolve` and `evolveAll` are derived. Like them it
   * leaves the draft untouched for an action of a type not in {@link Mechanism.eventTypes}.
   */
  readonly apply: Recipe<S, E>
  /**
   * The reducer, usable as a Redux reducer: `undefined` gives the initial state, and an event of
   * a type not in {@link Mechanism.eventTypes} gives back the same state (see {@link Evolve}).
   */
  readonly evolve: Evolve<S, E>
  /** Folds a batch of events in one immer `produce`, skipping foreign ones (see {@link EvolveAll}). */
  readonly evolveAll: EvolveAll<S, E>
  /**
   * Typed command creators, one per command type (Redux Toolkit's `slice.actions`): a TypeScript
   * app builds a command with autocompletion and type errors, and hands it to `engine.handle`,
   * which decodes it all the same.
   *
   * @example
   * ```ts
   * import { community } from 'governance-kit'
   * community.create.registerGrid({
   *   commandId: 'cmd-7', at: '2024-04-24T09:00:00+08:00', actor: 'p-clerk',
   *   street: 's-street', grid: 'g-1', community: 'c-east', name: 'East grid 1',
   * })
   * ```
   */
  readonly create: CommandCreators<C>
}

/**
 * A value as JSON gives it: branded ids and instants as the plain strings (or numbers) they are,
 * literal unions kept, objects and lists mapped through. What a caller writes to build a command.
 */
export type Unbranded<T> =
  T extends t.Brand<unknown>
    ? T extends string
      ? string
      : T extends number
        ? number
        : T
    : T extends ReadonlyArray<infer I>
      ? ReadonlyArray<Unbranded<I>>
      : T extends object
        ? { readonly [K in keyof T]: Unbranded<T[K]> }
        : T

/** The fields of the command of type `K` in `C`, as a caller writes them (its `type` aside). */
export type CommandFields<C extends Tagged, K extends C['type']> = Unbranded<
  Omit<Extract<C, { readonly type: K }>, 'type'>
>

/** One creator per command type of `C`: its fields in, the command (as JSON) out. */
export type CommandCreators<C extends Tagged> = {
  readonly [K in C['type']]: (
    fields: CommandFields<C, K>,
  ) => { readonly type: K } & CommandFields<C, K>
}

/** The creators of the command types `types`. */
const creatorsOf = <C extends Tagged>(types: ReadonlyArray<C['type']>): CommandCreators<C> => {
  const creators: Record<string, (fields: object) => Tagged> = {}
  for (const type of types) creators[type] = (fields) => ({ type, ...fields })
  return Object.freeze(creators) as unknown as CommandCreators<C>
}

/** The fields every command carries: its id, its time and who issues it. */
export const commandEnvelope = {
  /** Chosen by the caller; the same id twice applies the command once. */
  commandId: CommandId,
  /** When the command was issued (the library has no clock). */
  at: Instant,
  /** The person who issues it; authorisation checks this person's roles. */
  actor: PersonId,
} as const

/** The fields every event carries: when it happened and who caused it. */
export const eventEnvelope = { at: Instant, actor: PersonId } as const

/** A declarer of {@link tagged} structs that all carry the same envelope fields. */
export type EnvelopedDeclarer<Env extends t.Props> = <
  const T extends string,
  R extends t.Props,
  O extends t.Props = Record<never, never>,
>(
  tag: T,
  required: R,
  optional?: O,
) => StructType<Simplify<{ readonly type: t.LiteralC<T> } & Env & R>, O>

/** Makes a declarer of tagged structs that carry `envelope`'s fields before their own. */
const withEnvelope =
  <Env extends t.Props>(envelope: Env): EnvelopedDeclarer<Env> =>
  (tag, required, optional) =>
    tagged(tag, { ...envelope, ...required }, optional)

/**
 * Declares a command codec: a {@link tagged} struct with `commandId`, `at` and `actor` added.
 *
 * @example
 * ```ts
 * import { command, CommunityId, text } from 'governance-kit'
 * const RenameCommunity = command('renameCommunity', { community: CommunityId, name: text(100) })
 * ```
 */
export const command: EnvelopedDeclarer<typeof commandEnvelope> = withEnvelope(commandEnvelope)

/** Declares an event codec: a {@link tagged} struct with `at` and `actor` added. */
export const event: EnvelopedDeclarer<typeof eventEnvelope> = withEnvelope(eventEnvelope)

/**
 * The reducers' immer, with its auto-freeze off. Why: immer's deep freeze asks `Object.isFrozen`
 * of every child of every object a `produce` created, and V8 answers in time proportional to the
 * child's keys; a write into a collection creates its bucket index, whose 256 children hold
 * every entry, so each event cost time in proportion to the whole collection (measured: a street's
 * 10,000th request cost twice its first). {@link freezeNew} freezes the same objects, but stops at
 * those it froze before.
 */
const immer = new Immer({ autoFreeze: false })

/** The objects {@link freezeNew} has deep-frozen (a lookup that costs the same for any object). */
const deepFrozen = new WeakSet()

/**
 * Deep-freezes what a fold created: every object reachable from `value` that this function has
 * not frozen before (what it froze before is deep-frozen already, so the walk stops there). States
 * are frozen like immer's auto-freeze would, so callers cannot change them.
 */
const freezeNew = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || deepFrozen.has(value)) return value
  // Never an immer draft (a proxy of someone else's producer): freezing one breaks the producer.
  if (isDraft(value)) return value
  deepFrozen.add(value)
  Object.freeze(value)
  for (const child of Object.values(value)) freezeNew(child)
  return value
}

/**
 * Folds events in one `produce` per call, through an immer recipe, applying only the events whose
 * `type` is in `types` (one `Set` lookup each): the reducer every mechanism and {@link combine}
 * exports, with the rules of {@link EvolveAll}.
 *
 * A draft given as the state (a Redux Toolkit case reducer delegating to a mechanism) is edited in
 * place and returned. Producing on it instead would nest a `produce` inside the caller's, whose
 * result holds the caller's child drafts, and freezing those proxies throws (`'ownKeys' on
 * proxy`); folding on `current(draft)` and returning a new state would copy the draft and would
 * make immer refuse a case reducer that also edits its draft ("returned a new value *and*
 * modified its draft"). Edited in place, the caller's `produce` finishes and freezes the result.
 */
const foldWith =
  <S, E extends Tagged>(apply: Recipe<S, E>, types: ReadonlySet<string>, initialState: S) =>
  (state: S | undefined, events: ReadonlyArray<Tagged>): S => {
    const base = state === undefined ? initialState : state
    const known = (e: Tagged): e is E => types.has(e.type)
    // Nothing to apply (no events, or only foreign ones): the very same state.
    if (!events.some(known)) return base
    const applyAll = (draft: Draft<S>): void => {
      for (const e of events) if (known(e)) apply(draft, e)
    }
    if (isDraft(base)) {
      // isDraft proved it: the state is the caller's draft of an S.
      applyAll(base as Draft<S>)
      return base
    }
    return freezeNew(immer.produce(base, applyAll))
  }

/** What {@link defineMechanism} needs; `evolve`, `evolveAll` and the type lists are derived. */
export interface MechanismDefinition<C extends Tagged, E extends Tagged, S, X> {
  /** A stable name, e.g. `community`. */
  readonly name: string
  /** The command codec: a {@link taggedUnion} of {@link command}s. */
  readonly commands: t.Type<C, unknown> & { readonly tags: ReadonlyArray<string> }
  /** The event codec: a {@link taggedUnion} of {@link event}s. */
  readonly events: t.Type<E, unknown> & { readonly tags: ReadonlyArray<string> }
  /** The state of a stream that has no events. */
  readonly initialState: S
  /** The stream a command is decided on (a pure function of the command). */
  readonly streamOf: (command: C) => StreamId
  /** Validates, authorises and emits events. */
  readonly decide: (command: C, state: S, context: X) => Either<DomainError, ReadonlyArray<E>>
  /** The reducer as an immer recipe: mutate the draft for one event. */
  readonly apply: Recipe<S, E>
  /** Reads what `decide` needs from other streams; omit when `X` is `void`. */
  readonly loadContext?: (command: C, read: ReadState) => Promise<X>
}

/**
 * Builds a {@link Mechanism} from its codecs, its `decide` and its reducer written as an immer
 * recipe; `evolve` (one event) and `evolveAll` (a batch in one `produce`) are derived from it.
 * Both are Redux reducers too: `undefined` gives the initial state, and an event whose type the
 * event codec does not list reaches no recipe and gives back the same state (see {@link Evolve}).
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import { defineMechanism, taggedUnion, command, event, streamId, text } from 'governance-kit'
 * const Commands = taggedUnion('NoteCommand', [command('writeNote', { note: text(200) })])
 * const Events = taggedUnion('NoteEvent', [event('noteWritten', { note: text(200) })])
 * const notes = defineMechanism({
 *   name: 'notes',
 *   commands: Commands,
 *   events: Events,
 *   initialState: { notes: [] as string[] },
 *   streamOf: (c) => streamId('notes', c.actor),
 *   decide: (c) => E.right([{ type: 'noteWritten', at: c.at, actor: c.actor, note: c.note }]),
 *   apply: (draft, e) => { draft.notes.push(e.note) },
 * })
 * ```
 */
export const defineMechanism = <C extends Tagged, E extends Tagged, S, X = void>(
  definition: MechanismDefinition<C, E, S, X>,
): Mechanism<C, E, S, X> => {
  // Frozen like every state evolve returns: an empty stream's state is this very object.
  const initialState = freezeNew(definition.initialState)
  const types = new Set<string>(definition.events.tags)
  const evolveAll: EvolveAll<S, E> = foldWith(definition.apply, types, initialState)
  // The recipe as exported skips foreign actions too, for a caller (a Redux Toolkit default case)
  // that hands it any action: a foreign `at` must not become a stream's `lastAt`.
  const apply: Recipe<S, E> = (draft, e) => {
    if (types.has((e as Tagged).type)) definition.apply(draft, e)
  }
  const evolve: Evolve<S, E> = (state: S | undefined, e: Tagged): S => evolveAll(state, [e])
  const noContext = (): Promise<X> => Promise.resolve(undefined as X)
  return {
    name: definition.name,
    commandCodec: definition.commands,
    eventCodec: definition.events,
    commandTypes: definition.commands.tags,
    eventTypes: definition.events.tags,
    initialState,
    streamOf: definition.streamOf,
    decide: definition.decide,
    apply,
    evolve,
    create: creatorsOf<C>(definition.commands.tags),
    evolveAll,
    loadContext: definition.loadContext ?? noContext,
  }
}

/**
 * Folds events into state from the decider's initial state: the same events always give the same
 * state. Uses the batch `evolveAll` when the decider has one.
 *
 * @example
 * ```ts
 * import { replay, community } from 'governance-kit'
 * const state = replay(community, []) // the empty registry
 * ```
 */
export const replay = <E, S>(
  decider: {
    readonly initialState: S
    readonly evolve: (state: S, event: E) => S
    readonly evolveAll?: (state: S, events: ReadonlyArray<E>) => S
  },
  events: ReadonlyArray<E>,
): S => foldOnto(decider, decider.initialState, events)

/** What folds events: `evolve`, and the batch `evolveAll` when there is one. */
type Folds<E, S> = {
  readonly evolve: (state: S, event: E) => S
  readonly evolveAll?: (state: S, events: ReadonlyArray<E>) => S
}

/** Folds events onto a state, in one batch when the decider has `evolveAll`. */
const foldOnto = <E, S>(decider: Folds<E, S>, state: S, events: ReadonlyArray<E>): S =>
  decider.evolveAll !== undefined
    ? decider.evolveAll(state, events)
    : events.reduce(decider.evolve, state)

/**
 * Decides several commands as one decision: each is decided on the state the earlier ones'
 * events produce, and the first refusal refuses them all. This is how a mechanism builds a
 * compound act out of another decider's commands (e.g. founding a branch and appointing its
 * secretary) while every rule of that decider still applies.
 *
 * @returns every event, in order, and the state after them
 * @example
 * ```ts
 * import { decideInOrder, community } from 'governance-kit'
 * // decideInOrder(community, registry, [registerOrganisation, appointSecretary], undefined)
 * ```
 */
export const decideInOrder = <C, E, S, X>(
  decider: Decider<C, E, S, X> & {
    readonly evolveAll?: (state: S, events: ReadonlyArray<E>) => S
  },
  state: S,
  commands: ReadonlyArray<C>,
  context: X,
): Either<DomainError, { readonly events: ReadonlyArray<E>; readonly state: S }> => {
  const events: E[] = []
  let current = state
  for (const c of commands) {
    const decided = decider.decide(c, current, context)
    if (isLeft(decided)) return decided
    for (const e of decided.right) events.push(e)
    current = foldOnto(decider, current, decided.right)
  }
  return right({ events, state: current })
}

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
