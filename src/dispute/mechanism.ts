/**
 * The dispute mechanism (矛盾纠纷化解): one stream per case (`case/<case>`), with the street's
 * registry as context — who the parties are and where they live, who leads an organisation party,
 * who mediates at which level. Its `decide` is the table of the field files' handlers (`case`,
 * `mediation`, `ladder`), its reducer the table of their reducers; the rules they refuse with
 * are the catalogue {@link disputeRules}, beside the case table's `IllegalTransition`s,
 * `Forbidden` (see `authority.ts`: a party, the mediators of the case, the office of a level) and
 * `NotFound`.
 *
 * Every command is checked in this order: the street's registry is there (`NotFound`); for every
 * command but `fileCase`, the case is filed in the command's street (`NotFound`) and its record
 * runs forward (`earlier-than-last-step`); then its handler decides.
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
  streamId,
  type CaseId,
  type DomainError,
  type Mechanism,
} from '../core/index.js'
import { loadRegistryContext, type RegistryContext } from '../community/index.js'
import { caseHandlers, caseReducers } from './case.js'
import { DisputeCommand, DisputeEvent } from './codecs.js'
import { isRegistryOf } from './kit.js'
import { ladderHandlers, ladderReducers } from './ladder.js'
import { agreementHandlers, agreementReducers } from './agreement.js'
import { mediationHandlers, mediationReducers } from './mediation.js'
import { emptyCase, type CaseState } from './state.js'

/** The stream of a case: `case/<case>`. @category Streams */
export const caseStream = (id: CaseId) => streamId('case', id)

/** One handler per command type: the case's, mediation's and the ladder's. */
const decideByType = decideBy(
  handlersFor<DisputeCommand, CaseState, RegistryContext, DisputeEvent>()({
    ...caseHandlers,
    ...mediationHandlers,
    ...agreementHandlers,
    ...ladderHandlers,
  }),
)

/** One recipe per event type: the case's, mediation's and the ladder's. */
const applyByType = applyBy(
  reducersFor<CaseState, DisputeEvent>()({
    ...caseReducers,
    ...mediationReducers,
    ...agreementReducers,
    ...ladderReducers,
  }),
)

/**
 * Decides a dispute command against its case, with the street's registry as context.
 *
 * @category Mechanism
 */
export const decideDispute = (
  cmd: DisputeCommand,
  s: CaseState,
  context: RegistryContext,
): E.Either<DomainError, ReadonlyArray<DisputeEvent>> =>
  pipe(
    refuseWhen(!isRegistryOf(context.registry, cmd.street), () =>
      notFound('street registry', cmd.street),
    ),
    E.flatMap(() => decideByType(cmd, s, context)),
  )

/**
 * The reducer of a case as an immer recipe; it trusts its events and never refuses one.
 *
 * @category Mechanism
 */
export const applyDisputeEvent = (draft: Draft<CaseState>, e: DisputeEvent): void => {
  applyByType(draft, e)
}

/**
 * Dispute coordination (矛盾纠纷化解): one stream per case, the registry as context.
 *
 * @example
 * ```ts
 * import { createEngine, combine, community, dispute } from 'governance-kit'
 * const engine = createEngine({ decider: combine('street', { community, dispute }), clock: Date.now })
 * ```
 *
 * @category Mechanism
 */
export const dispute: Mechanism<
  DisputeCommand,
  DisputeEvent,
  CaseState,
  RegistryContext,
  { readonly case: CaseState }
> = defineMechanism({
  name: 'dispute',
  commands: DisputeCommand,
  events: DisputeEvent,
  initialState: emptyCase,
  streamKind: 'case',
  streamOf: (c: DisputeCommand) => caseStream(c.case),
  decide: decideDispute,
  apply: applyDisputeEvent,
  loadContext: loadRegistryContext,
})
