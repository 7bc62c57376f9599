/**
 * governance-kit: typed entities and pure state machines for party-building-led community
 * governance (党建引领基层治理).
 *
 * The root holds the kernel an app runs mechanisms with — the engine and its store, the errors,
 * deciders and their composition, instants and the ids every mechanism shares — and each
 * mechanism twice: as the value an engine runs (`community`, `deliberation`, …) and as a
 * namespace of everything it exports (`Community`, `Deliberation`, …). Each namespace is also a
 * subpath (`governance-kit/deliberation`), and so are the codec kit (`governance-kit/codec`), the
 * kit for writing a mechanism (`governance-kit/decider`), the collection
 * (`governance-kit/collection`) and the test kit (`governance-kit/testing`): importing one
 * mechanism through its subpath pulls in no other.
 *
 * @packageDocumentation
 */

// The engine and its store
/** @category Engine */
export { createEngine, type Engine, type Handled } from './core/engine.js'
/** @category Engine */
export {
  DEFAULT_FUTURE_TOLERANCE,
  InvalidEngineOptions,
  MAX_RETRIES,
  type Clock,
  type EngineOptions,
  type NoClock,
} from './core/engine-options.js'
/** @category Store */
export {
  createMemoryStore,
  type AppendRequest,
  type MemoryStore,
  type MemoryStoreOptions,
  type Store,
  type StoredEvent,
  type StoreListener,
} from './core/store.js'

// How the library refuses
/** @category Errors */
export {
  CorruptStreamError,
  describeError,
  type AlreadyExists,
  type CorruptStream,
  type DecodeError,
  type DecodeIssue,
  type DomainError,
  type DomainErrorCode,
  type Forbidden,
  type IllegalTransition,
  type NotFound,
  type RuleViolation,
  type VersionConflict,
} from './core/errors.js'

// Deciders, mechanisms and their composition
/** @category Deciders */
export {
  decideInOrder,
  defineMechanism,
  replay,
  type Decider,
  type Evolve,
  type EvolveAll,
  type Fold,
  type Mechanism,
  type MechanismDefinition,
  type ReadState,
  type Recipe,
  type StreamState,
  type Tagged,
} from './core/decider.js'
/** @category Mechanism */
export { combine, type Combined, type Mechanisms } from './core/compose.js'
/** @category Commands */
export type { CommandCreators, CommandFields } from './core/creators.js'
/** @category Rules */
export type { Catalogue, Rule } from './core/rules.js'
/** @category Permissions */
export type { AllowedCommand } from './core/permissions.js'
/** @category Lifecycle */
export type { Machine } from './core/machine.js'

// Instants and the ids every mechanism shares
/** @category Time */
export { CALENDAR_ZONE, instant, type Instant } from './core/time.js'
/** @category Ids */
export { CommandId, PersonId, StreamId, streamId } from './core/ids.js'

// The mechanisms, as values an engine runs
/** @category Mechanism */
export { community } from './community/index.js'
/** @category Mechanism */
export { embedding } from './embedding/index.js'
/** @category Mechanism */
export { deliberation } from './deliberation/index.js'
/** @category Mechanism */
export { dispute } from './dispute/index.js'
/** @category Mechanism */
export { integration } from './integration/index.js'

// The mechanisms, as namespaces of all they export (also the subpaths governance-kit/<name>)
/** @category Mechanism */
export * as Community from './community/index.js'
/** @category Mechanism */
export * as Embedding from './embedding/index.js'
/** @category Mechanism */
export * as Deliberation from './deliberation/index.js'
/** @category Mechanism */
export * as Dispute from './dispute/index.js'
/** @category Mechanism */
export * as Integration from './integration/index.js'
