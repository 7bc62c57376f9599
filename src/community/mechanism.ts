/**
 * The registry mechanism (地方与主体): one registry stream per street (`registry/<street>`),
 * holding the street's places, people and their residency, organisations and roles. Its `decide`
 * is the table of the field files' handlers (`places`, `people`, `residency`, `organisations`,
 * `roles`), its reducer the table of their reducers; the rules they refuse with are the catalogue
 * {@link communityRules}, beside `NotFound`, `Forbidden`, `AlreadyExists` and the lifecycle
 * tables' `IllegalTransition`s.
 *
 * Every command is checked in this order: the registry's record runs forward
 * (`earlier-than-last-event`, {@link runsForward}), and — for every command but `openRegistry` —
 * the street's registry is open (`NotFound`); then its handler decides.
 *
 * Authority (see `authorisation.ts`): opening a registry (`openRegistry`) needs no role: it is
 * how a street is first set up, and the app decides who may do it. Places and people answer to a
 * registrar over the place (over the street for a person with no home in it; a move, over both
 * ends). The party tree answers to itself: party organisations are founded, renamed and dissolved
 * by the secretary of the organisation above them, a root party committee by the street's
 * registrar, other organisations by a registrar over their seat; posts over an organisation are
 * given and ended as that organisation is registered, posts over a place by a registrar over it.
 *
 * A departure ends every post the person holds; a dissolution, every post held over the
 * organisation.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import {
  applyBy,
  decideBy,
  defineMechanism,
  handlersFor,
  isBefore,
  notFound,
  reducersFor,
  refuseBy,
  streamId,
  type DomainError,
  type Instant,
  type Mechanism,
  type NotFound,
  type ReadState,
  type StreetId,
} from '../core/index.js'
import { CommunityCommand, CommunityEvent } from './codecs/index.js'
import { organisationHandlers, organisationReducers } from './organisations.js'
import { peopleHandlers, peopleReducers } from './people.js'
import { placeHandlers, placeReducers } from './places.js'
import { residencyHandlers, residencyReducers } from './residency.js'
import { roleHandlers, roleReducers } from './roles.js'
import { communityRules } from './rules.js'
import { emptyRegistry, type RegistryState } from './state.js'

/**
 * The stream of a street's registry: `registry/<street>`.
 *
 * @category Streams
 */
export const registryStream = (street: StreetId) => streamId('registry', street)

/**
 * What a mechanism on streams of its own (a hall, a case) reads of its street: the registry.
 *
 * @category Mechanism
 */
export interface RegistryContext {
  readonly registry: RegistryState
}

/**
 * Loads the registry of a command's street as context, for a mechanism's `loadContext`: the
 * registry's events folded with `community` (events of mechanisms that extend it are skipped).
 *
 * @category Streams
 */
export const loadRegistryContext = async (
  c: { readonly street: StreetId },
  read: ReadState,
): Promise<RegistryContext> => ({
  registry: (await read(registryStream(c.street), community)).state,
})

/**
 * The rule `earlier-than-last-event`: a command on a street's registry stream is not dated
 * before the stream's last event (the same instant is not earlier). A registry's record runs
 * forward, like a hall's and a street's integration record: a post does not end before it
 * began, and a probationary year is not "served" by one command dated a year ahead followed by
 * commands dated today. Every command on the stream passes here first: the registry's own
 * ({@link decideCommunity}) and those of a mechanism on the registry's stream (embedding).
 *
 * @category Checks
 */
export const runsForward = (registry: RegistryState, at: Instant): E.Either<DomainError, void> =>
  refuseBy(
    communityRules.earlierThanLastEvent,
    registry.lastAt !== null && isBefore(at, registry.lastAt),
    () => `${at} is before the street registry's last event (${registry.lastAt ?? ''})`,
  )

/** Every command but `openRegistry` is decided on an opened registry (NotFound otherwise). */
const registryOpen = (c: CommunityCommand, s: RegistryState): E.Either<NotFound, void> =>
  c.type === 'openRegistry' || s.street !== null
    ? E.right(undefined)
    : E.left(notFound('street registry', c.street))

/** One handler per command type: a missing or extra one is a compile error. */
const handlers = handlersFor<CommunityCommand, RegistryState, undefined, CommunityEvent>()({
  ...placeHandlers,
  ...peopleHandlers,
  ...residencyHandlers,
  ...organisationHandlers,
  ...roleHandlers,
})

/** One reducer per event type: a missing or extra one is a compile error. */
const reducers = reducersFor<RegistryState, CommunityEvent>()({
  ...placeReducers,
  ...peopleReducers,
  ...residencyReducers,
  ...organisationReducers,
  ...roleReducers,
})

const decideInRegistry = decideBy(handlers)
const applyInRegistry = applyBy(reducers)

/**
 * Decides a registry command against the registry of its street.
 *
 * @category Mechanism
 */
export const decideCommunity = (
  c: CommunityCommand,
  s: RegistryState,
): E.Either<DomainError, ReadonlyArray<CommunityEvent>> =>
  pipe(
    runsForward(s, c.at),
    E.flatMap(() => registryOpen(c, s)),
    E.flatMap(() => decideInRegistry(c, s, undefined)),
  )

/**
 * The registry reducer as an immer recipe: one event at a time onto a draft.
 * It trusts its events (decide checked them) and never refuses one.
 *
 * @category Mechanism
 */
export const applyCommunityEvent = (draft: Draft<RegistryState>, e: CommunityEvent): void => {
  draft.lastAt = e.at
  applyInRegistry(draft, e)
}

/**
 * The places-and-actors mechanism (地方与主体): one registry stream per street.
 *
 * @example
 * ```ts
 * import { createEngine, community } from 'governance-kit'
 * // clock: the app's clock, a function giving milliseconds since the epoch
 * const engine = createEngine({ decider: community, clock: Date.now })
 * ```
 *
 * @category Mechanism
 */
export const community: Mechanism<
  CommunityCommand,
  CommunityEvent,
  RegistryState,
  void,
  { readonly registry: RegistryState }
> = defineMechanism({
  name: 'community',
  commands: CommunityCommand,
  events: CommunityEvent,
  initialState: emptyRegistry,
  streamKind: 'registry',
  streamOf: (c: CommunityCommand) => registryStream(c.street),
  decide: (c: CommunityCommand, s: RegistryState) => decideCommunity(c, s),
  apply: applyCommunityEvent,
})
