/**
 * The dispute kit (纠纷化解的工具): the mechanism's typed handler and reducer; the case a command
 * acts on — filed in the command's street, with a record that runs forward; a move in the case's
 * table and the step it leaves on the record; and a party as messages and the timeline name it.
 * Written once here for the field files (case, mediation, ladder); each keeps the checks only it
 * uses.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import {
  found,
  illegalTransition,
  isBefore,
  refuseBy,
  type Decision,
  type DomainError,
  type Handler,
  type IllegalTransition,
  type Instant,
  type OfType,
  type Reducer,
  type StreetId,
  type TriggerOf,
} from '../core/index.js'
import type { RegistryContext, RegistryState } from '../community/index.js'
import type {
  Case,
  CaseStatus,
  ConfirmationApplication,
  DisputeCommand,
  DisputeEvent,
  Party,
} from './codecs.js'
import { caseMachine, closedStates } from './machine.js'
import { disputeRules } from './rules.js'
import type { CaseState } from './state.js'

// ---------------------------------------------------------------------------------------------
// The typed kit

/**
 * The handler of one command type of dispute: the command, the case's stream, the registry.
 *
 * @category Mechanism
 */
export type DisputeHandler<K extends DisputeCommand['type']> = Handler<
  DisputeCommand,
  K,
  CaseState,
  RegistryContext,
  DisputeEvent
>

/** The recipe of one event type of dispute. @category Mechanism */
export type DisputeReducer<K extends DisputeEvent['type']> = Reducer<CaseState, DisputeEvent, K>

/** The command types that act on a filed case: every one but `fileCase`. @category Mechanism */
export type CaseCommandType = Exclude<DisputeCommand['type'], 'fileCase'>

/**
 * The event types that record something of a filed case: every one but `caseFiled`.
 *
 * @category Mechanism
 */
export type CaseEventType = Exclude<DisputeEvent['type'], 'caseFiled'>

// ---------------------------------------------------------------------------------------------
// The case a command acts on

/**
 * The case a command acts on. It answers to its own street's registry, never to one named by the
 * command (a case of another street is `NotFound`), and its record runs forward, every event of
 * it (an assignment or an escalation request adds no step): time limits and the 30-day window
 * are read from it. The rule keeps its first id, `earlier-than-last-step`.
 */
/**
 * Whether `registry` is the registry of `street`: a command answers to its own street's.
 *
 * @category Checks
 */
export const isRegistryOf = (registry: RegistryState, street: StreetId): boolean =>
  registry.street !== null && registry.street.id === street

/**
 * Whether a command dated `at` keeps the case's record running forward: no earlier than its last
 * event (`earlier-than-last-step`).
 *
 * @category Checks
 */
export const runsForwardAt = (kase: Case, at: Instant): boolean => !isBefore(at, kase.lastAt)

const filedCase = (s: CaseState, c: DisputeCommand): E.Either<DomainError, Case> =>
  pipe(
    found(
      s.case !== null && s.case.street === c.street ? s.case : undefined,
      'case',
      `${c.case} of ${c.street}`,
    ),
    E.tap((kase) =>
      refuseBy(
        disputeRules.earlierThanLastStep,
        !runsForwardAt(kase, c.at),
        () => `${c.at} is before the case's last event (${kase.lastAt})`,
      ),
    ),
  )

/**
 * The handler of a command on a filed case: `decide` gets the case (see {@link filedCase}) and
 * the street's registry.
 *
 * @category Mechanism
 */
export const onFiledCase =
  <K extends CaseCommandType>(
    decide: (
      c: OfType<DisputeCommand, K>,
      kase: Case,
      registry: RegistryState,
    ) => Decision<DisputeEvent>,
  ): DisputeHandler<K> =>
  (c, s, { registry }) =>
    pipe(
      filedCase(s, c),
      E.flatMap((kase) => decide(c, kase, registry)),
    )

/**
 * The recipe of an event of a filed case: `recipe` gets the case's draft. Every event dates the
 * case, a step or not: its record runs forward from here (`lastAt`). It trusts its events and
 * never refuses one.
 *
 * @category Mechanism
 */
export const applyToCase =
  <K extends CaseEventType>(
    recipe: (c: Draft<Case>, e: OfType<DisputeEvent, K>) => void,
  ): DisputeReducer<K> =>
  (draft, e) => {
    const c = draft.case
    if (c === null) return
    const event: DisputeEvent = e
    c.lastAt = event.at
    recipe(c, e)
  }

// ---------------------------------------------------------------------------------------------
// Moves in the case's table

/** A trigger of the case's table (a command type that moves a case). @category Lifecycle */
export type CaseTrigger = TriggerOf<typeof caseMachine>

/**
 * The case's state after `on` by its table, with the guards the caller has evaluated.
 *
 * @category Lifecycle
 */
export const nextStatus = (
  kase: Case,
  on: CaseTrigger,
  guards: Parameters<typeof caseMachine.next>[2] = {},
) => caseMachine.next(kase.status, on, guards)

/**
 * The check that the case's table has an edge on `on` from its state (guards aside), so that a
 * move it lacks is an `IllegalTransition` before any rule of the move is judged.
 *
 * @category Lifecycle
 */
export const legalMove = (kase: Case, on: CaseTrigger): E.Either<IllegalTransition, void> =>
  caseMachine.can(kase.status, on)
    ? E.right(undefined)
    : E.left(illegalTransition(caseMachine.id, kase.status, on))

/**
 * Moves the case to the state an event records, keeps the step, and notes when it closed.
 *
 * @category Mechanism
 */
export const moveCase = (
  c: Draft<Case>,
  e: DisputeEvent & { readonly status: CaseStatus },
  note: string | null,
): void => {
  c.status = e.status
  c.steps.push({ to: e.status, on: e.type, at: e.at, actor: e.actor, level: c.level, note })
  if (closedStates.has(e.status) && c.closedAt === null) {
    c.closedAt = e.at
    c.closedLevel = c.level
  }
}

/**
 * The event types that move a case in its table (they carry the state it moves to).
 *
 * @category Mechanism
 */
export type MoveEventType = Extract<DisputeEvent, { readonly status: CaseStatus }>['type']

/**
 * The recipe of an event that only moves the case, with the note its step keeps.
 *
 * @category Mechanism
 */
export const movesCase = <K extends MoveEventType>(
  note: (e: OfType<DisputeEvent, K>) => string | null,
): DisputeReducer<K> =>
  applyToCase<K>((c, e) => {
    moveCase(c, e, note(e))
  })

// ---------------------------------------------------------------------------------------------
// Parties by name, and those still awaited

/**
 * Days the parties have to apply jointly for judicial confirmation 司法确认 (art. 33), counted from the agreement's effect.
 *
 * @category Checks
 */
export const CONFIRMATION_DAYS = 30

/**
 * The time limit 时限 of the case's current level, in days, or `null` where there is none (the
 * street, the top of the ladder, or a level whose office set no limit): what
 * `escalation-needs-request` and `dueInCase` both read.
 *
 * @category Checks
 */
export const timeLimitOf = (kase: Case): number | null =>
  kase.level === 'street' ? null : kase.limits[kase.level]

/**
 * A party as a rule's message and the timeline name it: its index and its id.
 *
 * @category Narration
 */
export const partyName = (parties: ReadonlyArray<Party>, index: number): string => {
  const p = parties[index]
  return p === undefined
    ? `party ${index}`
    : `party ${index} (${p.kind === 'person' ? p.person : p.organisation})`
}

/**
 * The parties that have not applied for judicial confirmation yet, in the case's order, by index
 * and reference (the timeline's line of each application, and `judicialConfirmationStatus`).
 *
 * @category Queries
 */
export const partiesAwaiting = (
  parties: ReadonlyArray<Party>,
  applications: ReadonlyArray<Pick<ConfirmationApplication, 'party'>>,
): ReadonlyArray<{ readonly party: number; readonly ref: Party }> => {
  const applied = applications.map((a) => a.party)
  return parties.flatMap((ref, party) => (applied.includes(party) ? [] : [{ party, ref }]))
}
