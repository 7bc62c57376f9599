/**
 * The integration mechanism (整合机制, seed 000 §三): one stream per street,
 * `integration/<street>`, holding the vehicles of the four integrations — councils (management),
 * one-stop stations (service), integration schools (resource), volunteer teams and points banks
 * (value) — with the street's registry and embedding records as context, and a council's
 * deliberation hall when a command names one.
 *
 * Each vehicle decides and folds its own commands and events in its field files (`council`,
 * `station`, `requests`, `arrangements`, `school`, `enrolment`, `teams`, `service-records`,
 * `bank`, `points`); this module gathers their tables and keeps what is common to every command:
 * it names its street and is decided against that street's registry only, and it is dated no
 * earlier than the stream's last event (`earlier-than-last-event`).
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
  refuseBy,
  refuseWhen,
  streamId,
  type DomainError,
  type Handler,
  type Handlers,
  type Mechanism,
  type ReadState,
  type Reducer,
  type Reducers,
  type StreetId,
} from '../core/index.js'
import { registryStream } from '../community/index.js'
import { embedding, type EmbeddingState } from '../embedding/index.js'
import { deliberation, hallStream, type HallState } from '../deliberation/index.js'
import { IntegrationCommand, IntegrationEvent } from './codecs/index.js'
import { integrationRules } from './rules.js'
import { emptyIntegration, runsForwardAt, type IntegrationState } from './state.js'
import { councilHandlers, councilReducers } from './council.js'
import { stationHandlers, stationReducers } from './station.js'
import { requestHandlers, requestReducers } from './requests.js'
import { arrangementHandlers, arrangementReducers } from './arrangements.js'
import { schoolHandlers, schoolReducers } from './school.js'
import { enrolmentHandlers, enrolmentReducers } from './enrolment.js'
import { teamHandlers, teamReducers } from './teams.js'
import { serviceRecordHandlers, serviceRecordReducers } from './service-records.js'
import { bankHandlers, bankReducers } from './bank.js'
import { pointsHandlers, pointsReducers } from './points.js'

/**
 * What the integration decider reads of other streams: the street's registry with its embedding
 * records (who lives where, who is migrant, who is a party member where), and — for a command on
 * a council — the council's deliberation hall.
 *
 * @category Mechanism
 */
export interface IntegrationContext {
  /** The street registry's stream folded with `embedding` (the registry is `embedding.registry`). */
  readonly embedding: EmbeddingState
  /** The hall a council command names; null for other commands, or when the hall has no events. */
  readonly hall: HallState | null
}

/**
 * The handler of integration's command `K`: the command, the street's integration, the context.
 *
 * @category Mechanism
 */
export type IntegrationHandler<K extends IntegrationCommand['type']> = Handler<
  IntegrationCommand,
  K,
  IntegrationState,
  IntegrationContext,
  IntegrationEvent
>

/**
 * The handlers of some of integration's commands: a field file's part of the table.
 *
 * @category Mechanism
 */
export type IntegrationHandlers<K extends IntegrationCommand['type']> = Pick<
  Handlers<IntegrationCommand, IntegrationState, IntegrationContext, IntegrationEvent>,
  K
>

/**
 * The recipe of integration's event `K`.
 *
 * @category Mechanism
 */
export type IntegrationReducer<K extends IntegrationEvent['type']> = Reducer<
  IntegrationState,
  IntegrationEvent,
  K
>

/**
 * The recipes of some of integration's events: a field file's part of the table.
 *
 * @category Mechanism
 */
export type IntegrationReducers<K extends IntegrationEvent['type']> = Pick<
  Reducers<IntegrationState, IntegrationEvent>,
  K
>

/**
 * The stream of a street's integration: `integration/<street>`.
 *
 * @category Streams
 */
export const integrationStream = (street: StreetId) => streamId('integration', street)

/**
 * Loads what an integration command is decided with: the street's registry stream folded with
 * `embedding` (registry and party members), and the hall of a council command.
 *
 * @category Mechanism
 */
export const loadIntegrationContext = async (
  c: IntegrationCommand,
  read: ReadState,
): Promise<IntegrationContext> => {
  const street = (await read(registryStream(c.street), embedding)).state
  const hall =
    c.type === 'constituteCouncil' ? (await read(hallStream(c.hall), deliberation)).state : null
  return { embedding: street, hall: hall?.hall === null ? null : hall }
}

/** Every command's handler, by type: the vehicles' parts, checked to cover every command once. */
const handlers = handlersFor<
  IntegrationCommand,
  IntegrationState,
  IntegrationContext,
  IntegrationEvent
>()({
  ...councilHandlers,
  ...stationHandlers,
  ...requestHandlers,
  ...arrangementHandlers,
  ...schoolHandlers,
  ...enrolmentHandlers,
  ...teamHandlers,
  ...serviceRecordHandlers,
  ...bankHandlers,
  ...pointsHandlers,
})

/** Every event's recipe, by type: the vehicles' parts, checked to cover every event once. */
const reducers = reducersFor<IntegrationState, IntegrationEvent>()({
  ...councilReducers,
  ...stationReducers,
  ...requestReducers,
  ...arrangementReducers,
  ...schoolReducers,
  ...enrolmentReducers,
  ...teamReducers,
  ...serviceRecordReducers,
  ...bankReducers,
  ...pointsReducers,
})

const decideByType = decideBy(handlers)
const applyByType = applyBy(reducers)

/** That the context is the registry of the command's street (else a NotFound naming it). */
const ofItsStreet = (c: IntegrationCommand, x: IntegrationContext): E.Either<DomainError, void> => {
  const registry = x.embedding.registry
  return refuseWhen(registry.street === null || registry.street.id !== c.street, () =>
    notFound('street registry', c.street),
  )
}

/** The rule `earlier-than-last-event`: a street's integration record runs forward. */
const runsForward = (c: IntegrationCommand, s: IntegrationState): E.Either<DomainError, void> =>
  refuseBy(
    integrationRules.runsForward,
    !runsForwardAt(s, c.at),
    () => `${c.at} is before the street's last integration event (${s.lastAt ?? ''})`,
  )

/**
 * Decides an integration command against the street's integration, with its context.
 *
 * @category Mechanism
 */
export const decideIntegration = (
  c: IntegrationCommand,
  s: IntegrationState,
  x: IntegrationContext,
): E.Either<DomainError, ReadonlyArray<IntegrationEvent>> =>
  pipe(
    ofItsStreet(c, x),
    E.flatMap(() => runsForward(c, s)),
    E.flatMap(() => decideByType(c, s, x)),
  )

/**
 * The reducer of a street's integration as an immer recipe; it never refuses an event.
 *
 * @category Mechanism
 */
export const applyIntegrationEvent = (
  draft: Draft<IntegrationState>,
  e: IntegrationEvent,
): void => {
  draft.lastAt = e.at
  applyByType(draft, e)
}

/**
 * Integration (整合机制): management, service, resource and value integration on one stream per
 * street, with the registry, embedding and a council's hall as context. Run it beside the
 * mechanisms whose streams it reads.
 *
 * @example
 * ```ts
 * import { createEngine, combine, embedding, deliberation, integration } from 'governance-kit'
 * const engine = createEngine({
 *   decider: combine('street', { embedding, deliberation, integration }),
 *   clock: Date.now, // the app's clock: milliseconds since the epoch
 * })
 * ```
 *
 * @category Mechanism
 */
export const integration: Mechanism<
  IntegrationCommand,
  IntegrationEvent,
  IntegrationState,
  IntegrationContext,
  { readonly integration: IntegrationState }
> = defineMechanism({
  name: 'integration',
  commands: IntegrationCommand,
  events: IntegrationEvent,
  initialState: emptyIntegration,
  streamKind: 'integration',
  streamOf: (c: IntegrationCommand) => integrationStream(c.street),
  decide: decideIntegration,
  apply: applyIntegrationEvent,
  loadContext: loadIntegrationContext,
})
