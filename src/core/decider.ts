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
import type { Draft } from 'immer'
import type * as t from 'io-ts'
import type { DomainError } from './errors.js'
import { CommandId, kindOfStream, PersonId, type StreamId } from './ids.js'
import { Instant } from './time.js'
import type { Simplify, StructType } from './codec.js'
import { tagged } from './union.js'
import { creatorsOf, type CommandCreators } from './creators.js'
import { foldWith, freezeNew } from './fold.js'

/** Anything with a string `type` tag: the shape of commands and events. @category Deciders */
export interface Tagged {
  readonly type: string
}

/**
 * The decider pattern: `decide` validates a command and emits facts; `evolve` is the reducer.
 * `X` is read-only context from other streams (see {@link Mechanism.loadContext}); `void` when
 * the decider needs none.
 *
 * @category Deciders
 */
export interface Decider<C, E, S, X = void> {
  /** The state of a stream that has no events. */
  readonly initialState: S
  /** Validates, authorises and emits events; never throws for domain outcomes. */
  readonly decide: (command: C, state: S, context: X) => Either<DomainError, ReadonlyArray<E>>
  /** The reducer: pure, total, never refuses an event. */
  readonly evolve: (state: S, event: E) => S
}

/** A reducer written as an immer recipe: mutate the draft for one event. @category Deciders */
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
 *
 * @category Deciders
 */
export interface Evolve<S, E> {
  /** As a Redux reducer: every action, and `undefined` for the initial state. */
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
 *
 * @category Deciders
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
 *
 * @category Deciders
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

/** A stored stream folded to its state, at a version. @category Deciders */
export interface StreamState<S> {
  readonly state: S
  /** Number of events in the stream when it was read (0 for an empty stream). */
  readonly version: number
}

/**
 * Reads another stream's state while loading context (provided by the engine).
 *
 * @category Deciders
 */
export type ReadState = <E2 extends Tagged, S2>(
  stream: StreamId,
  fold: Fold<E2, S2>,
) => Promise<StreamState<S2>>

/**
 * The state of each kind of stream a mechanism decides on: `{ readonly hall: HallState }` for
 * deliberation; for a root made with `combine`, every part's kinds with that part's state.
 *
 * @category Deciders
 */
export type StreamStates = Readonly<Record<string, unknown>>

/**
 * A governance mechanism as a decider the engine can run: its codecs (the single source of its
 * types), the stream each command belongs to, and how to load context from other streams.
 *
 * @typeParam Streams - the state of each kind of stream it decides on (see {@link StreamStates}),
 *   which types what `engine.load` returns for a stream of that kind
 *
 * @category Mechanism
 */
export interface Mechanism<
  C extends Tagged,
  E extends Tagged,
  S,
  X = void,
  Streams extends StreamStates = Readonly<Record<string, S>>,
>
  extends Decider<C, E, S, X>, Fold<E, S> {
  /** A stable name, e.g. `community`. */
  readonly name: string
  /** Decodes unknown input into a command. */
  readonly commandCodec: t.Type<C, unknown>
  /** Decodes stored JSON into an event (for stores that keep events as JSON). */
  readonly eventCodec: t.Type<E, unknown>
  /** The command types this mechanism handles. */
  readonly commandTypes: ReadonlyArray<C['type']>
  /** The kinds of stream its commands are decided on (`['hall']`; a root: every part's). */
  readonly streamKinds: ReadonlyArray<string>
  /** The stream a command is decided on. */
  readonly streamOf: (command: C) => StreamId
  /**
   * The state of a stream with no events: {@link Fold.initialState}, or for a root made with
   * `combine`, the initial state of the part whose kind of stream it is.
   */
  readonly initialStateOf: (stream: StreamId) => S
  /** Phantom, for types only: the state of each kind of stream. Never present at runtime. */
  readonly '~streams'?: Streams
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

/** The fields every command carries: its id, its time and who issues it. @category Commands */
export const commandEnvelope = {
  /** Chosen by the caller; the same id twice applies the command once. */
  commandId: CommandId,
  /** When the command was issued (the library has no clock). */
  at: Instant,
  /** The person who issues it; authorisation checks this person's roles. */
  actor: PersonId,
} as const

/** The fields every event carries: when it happened and who caused it. @category Events */
export const eventEnvelope = { at: Instant, actor: PersonId } as const

/**
 * A declarer of {@link tagged} structs that all carry the same envelope fields.
 *
 * @category Commands
 */
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
 * import { CommunityId, text } from 'governance-kit/codec'
 * import { command } from 'governance-kit/decider'
 * const RenameCommunity = command('renameCommunity', { community: CommunityId, name: text(100) })
 * ```
 *
 * @category Commands
 */
export const command: EnvelopedDeclarer<typeof commandEnvelope> = withEnvelope(commandEnvelope)

/**
 * Declares an event codec: a {@link tagged} struct with `at` and `actor` added.
 *
 * @category Events
 */
export const event: EnvelopedDeclarer<typeof eventEnvelope> = withEnvelope(eventEnvelope)

/**
 * What {@link defineMechanism} needs; `evolve`, `evolveAll` and the type lists are derived.
 *
 * @category Mechanism
 */
export interface MechanismDefinition<C extends Tagged, E extends Tagged, S, X, K extends string> {
  /** A stable name, e.g. `community`. */
  readonly name: string
  /** The command codec: a `taggedUnion` (governance-kit/codec) of {@link command}s. */
  readonly commands: t.Type<C, unknown> & { readonly tags: ReadonlyArray<string> }
  /** The event codec: a `taggedUnion` (governance-kit/codec) of {@link event}s. */
  readonly events: t.Type<E, unknown> & { readonly tags: ReadonlyArray<string> }
  /** The state of a stream that has no events. */
  readonly initialState: S
  /** The kind of stream its commands are decided on: `hall` for `hall/<id>`. */
  readonly streamKind: K
  /** The stream a command is decided on (a pure function of the command), of that kind. */
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
 * import { defineMechanism, streamId } from 'governance-kit'
 * import { taggedUnion, text } from 'governance-kit/codec'
 * import { command, event } from 'governance-kit/decider'
 * const Commands = taggedUnion('NoteCommand', [command('writeNote', { note: text(200) })])
 * const Events = taggedUnion('NoteEvent', [event('noteWritten', { note: text(200) })])
 * const notes = defineMechanism({
 *   name: 'notes',
 *   commands: Commands,
 *   events: Events,
 *   initialState: { notes: [] as string[] },
 *   streamKind: 'notes',
 *   streamOf: (c) => streamId('notes', c.actor),
 *   decide: (c) => E.right([{ type: 'noteWritten', at: c.at, actor: c.actor, note: c.note }]),
 *   apply: (draft, e) => { draft.notes.push(e.note) },
 * })
 * ```
 *
 * @category Mechanism
 */
export const defineMechanism = <
  C extends Tagged,
  E extends Tagged,
  S,
  X = void,
  K extends string = string,
>(
  definition: MechanismDefinition<C, E, S, X, K>,
): Mechanism<C, E, S, X, { readonly [P in K]: S }> => {
  // Frozen like every state evolve returns: an empty stream's state is this very object.
  const initialState = freezeNew(definition.initialState)
  const types = new Set<string>(definition.events.tags)
  const evolveAll: EvolveAll<S, E> = foldWith(definition.apply, types, initialState)
  // The recipe as exported skips foreign actions too, for a caller (a Redux Toolkit default case)
  // that hands it every action: a foreign `at` must not become a stream's `lastAt`.
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
    streamKinds: [definition.streamKind],
    streamOf: (command) => {
      const stream = definition.streamOf(command)
      // The kind routes a combined root's streams to their part, so it must be the declared one.
      if (kindOfStream(stream) !== definition.streamKind)
        throw new Error(
          `${definition.name}: stream ${stream} is not of its kind "${definition.streamKind}"`,
        )
      return stream
    },
    initialStateOf: () => initialState,
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
 *
 * @category Deciders
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
 * // @check types-only
 * import { decideInOrder, community } from 'governance-kit'
 * import type { CommunityCommand, RegistryState } from 'governance-kit/community'
 * declare const registry: RegistryState
 * declare const registerOrganisation: CommunityCommand
 * declare const appointSecretary: CommunityCommand
 * decideInOrder(community, registry, [registerOrganisation, appointSecretary], undefined)
 * ```
 *
 * @category Deciders
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
