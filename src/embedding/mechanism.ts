/**
 * The embedding mechanism (嵌入机制): organisation embedding 组织嵌入 and member embedding 党员嵌入,
 * decided on the street registry's own stream, as tables: one handler per command type and one
 * recipe per event type, gathered from the field files (registry hooks, organisation, member,
 * absorption, depth).
 *
 * It takes every registry command too, and decides it with the registry's decider, so that the
 * branches it founds are the registry's organisations (one party tree) and its rules hold
 * atomically with the registry's: a branch with members cannot be dissolved, and a member who
 * leaves the street is transferred out with the departure. Its refusals name the rules of
 * {@link embeddingRules}; an illegal move is an `IllegalTransition` naming the machine and state.
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
  notFound,
  reducersFor,
  refuseWhen,
  type DomainError,
  type Mechanism,
} from '../core/index.js'
import { registryStream, runsForward } from '../community/index.js'
import { absorptionHandlers, absorptionReducers } from './absorption.js'
import { EmbeddingCommand, EmbeddingEvent } from './codecs/index.js'
import { depthHandlers, depthReducers } from './depth.js'
import { memberHandlers, memberReducers } from './member.js'
import { organisationHandlers, organisationReducers } from './organisation.js'
import {
  isRegistryCommand,
  isRegistryEvent,
  registryHandlers,
  registryReducers,
} from './registry-hooks.js'
import { emptyEmbedding, type EmbeddingState } from './state.js'

/** One handler per command type, the registry's and embedding's own. */
const decideByType = decideBy(
  handlersFor<EmbeddingCommand, EmbeddingState, undefined, EmbeddingEvent>()({
    ...registryHandlers,
    ...organisationHandlers,
    ...memberHandlers,
    ...absorptionHandlers,
    ...depthHandlers,
  }),
)

/** One recipe per event type, the registry's and embedding's own. */
const applyByType = applyBy(
  reducersFor<EmbeddingState, EmbeddingEvent>()({
    ...registryReducers,
    ...organisationReducers,
    ...memberReducers,
    ...absorptionReducers,
    ...depthReducers,
  }),
)

/**
 * Decides an embedding command (or a registry command) against a street's embedding state.
 *
 * @category Mechanism
 */
export const decideEmbedding = (
  c: EmbeddingCommand,
  s: EmbeddingState,
): E.Either<DomainError, ReadonlyArray<EmbeddingEvent>> =>
  pipe(
    // One stream, one record running forward: the registry's rule, for every command on it.
    runsForward(s.registry, c.at),
    // Embedding's own commands need the street's registry opened (the registry's say so too).
    E.tap(() =>
      refuseWhen(!isRegistryCommand(c) && s.registry.street === null, () =>
        notFound('street registry', c.street),
      ),
    ),
    E.flatMap(() => decideByType(c, s, undefined)),
  )

/**
 * The embedding reducer as an immer recipe: registry events go to the registry's reducer, the
 * mechanism's own to its own. It trusts its events and never refuses one.
 *
 * @category Mechanism
 */
export const applyEmbeddingEvent = (draft: Draft<EmbeddingState>, e: EmbeddingEvent): void => {
  // The stream's last event, embedding's too, so that the stream runs forward as a whole.
  if (!isRegistryEvent(e)) draft.registry.lastAt = e.at
  applyByType(draft, e)
}

/**
 * The embedding mechanism (嵌入机制): organisation embedding and member embedding on a street's
 * registry stream. It takes the registry's commands too, so one engine runs both.
 *
 * @example
 * ```ts
 * import { createEngine, embedding } from 'governance-kit'
 * // clock: the app's clock, a function giving milliseconds since the epoch
 * const engine = createEngine({ decider: embedding, clock: Date.now })
 * // engine.handle({ type: 'openRegistry', ... }), then engine.handle({ type: 'foundBranch', ... })
 * ```
 *
 * @category Mechanism
 */
export const embedding: Mechanism<
  EmbeddingCommand,
  EmbeddingEvent,
  EmbeddingState,
  void,
  { readonly registry: EmbeddingState }
> = defineMechanism({
  name: 'embedding',
  commands: EmbeddingCommand,
  events: EmbeddingEvent,
  initialState: emptyEmbedding,
  streamKind: 'registry',
  streamOf: (c: EmbeddingCommand) => registryStream(c.street),
  decide: (c: EmbeddingCommand, s: EmbeddingState) => decideEmbedding(c, s),
  apply: applyEmbeddingEvent,
})
