/**
 * Embedding (嵌入机制): the codecs of its entities, commands and events, by field (organisation
 * embedding 组织嵌入, member embedding 党员嵌入, absorbing elites 吸纳). Every type of the mechanism
 * is derived from these codecs, never written twice.
 *
 * The embedding mechanism extends the street registry on the registry's own stream, so its
 * command and event unions hold the registry's commands and events beside its own (see
 * `docs/architecture.md`, "Mechanisms that change the registry itself").
 *
 * @module
 */
import type * as t from 'io-ts'
import { taggedUnion } from '../../core/index.js'
import { communityCommands, communityEvents } from '../../community/index.js'
import { absorptionCommands, absorptionEvents } from './absorption.js'
import { memberEmbeddingCommands, memberEmbeddingEvents } from './member.js'
import { organisationEmbeddingCommands, organisationEmbeddingEvents } from './organisation.js'

export * from './organisation.js'
export * from './member.js'
export * from './absorption.js'

/**
 * The embedding mechanism's own command codecs, in order.
 *
 * @category Commands
 */
export const embeddingOwnCommands = [
  ...organisationEmbeddingCommands,
  ...memberEmbeddingCommands,
  ...absorptionCommands,
] as const

/**
 * The embedding mechanism's own commands.
 *
 * @category Commands
 */
export const EmbeddingOwnCommand = taggedUnion('EmbeddingOwnCommand', embeddingOwnCommands)
/**
 * The embedding mechanism's own commands.
 *
 * @category Commands
 */
export type EmbeddingOwnCommand = t.TypeOf<typeof EmbeddingOwnCommand>

/**
 * Every command the embedding mechanism takes: the registry's and its own.
 *
 * @category Commands
 */
export const EmbeddingCommand = taggedUnion('EmbeddingCommand', [
  ...communityCommands,
  ...embeddingOwnCommands,
])
/**
 * Every command the embedding mechanism takes.
 *
 * @category Commands
 */
export type EmbeddingCommand = t.TypeOf<typeof EmbeddingCommand>

/**
 * The embedding mechanism's own event codecs, in order.
 *
 * @category Events
 */
export const embeddingOwnEvents = [
  ...organisationEmbeddingEvents,
  ...memberEmbeddingEvents,
  ...absorptionEvents,
] as const

/**
 * The embedding mechanism's own events.
 *
 * @category Events
 */
export const EmbeddingOwnEvent = taggedUnion('EmbeddingOwnEvent', embeddingOwnEvents)
/**
 * The embedding mechanism's own events.
 *
 * @category Events
 */
export type EmbeddingOwnEvent = t.TypeOf<typeof EmbeddingOwnEvent>

/**
 * Every event on a street's registry stream that the embedding mechanism folds.
 *
 * @category Events
 */
export const EmbeddingEvent = taggedUnion('EmbeddingEvent', [
  ...communityEvents,
  ...embeddingOwnEvents,
])
/**
 * Every event the embedding mechanism folds.
 *
 * @category Events
 */
export type EmbeddingEvent = t.TypeOf<typeof EmbeddingEvent>
