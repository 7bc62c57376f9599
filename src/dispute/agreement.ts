/**
 * The mediation agreement 调解协议 (人民调解法 arts. 28–33): drafted by an assigned mediator; in
 * effect when every party has signed it and a mediator has signed it with the seal of the people's
 * mediation committee 人民调解委员会 (arts. 29–30), whichever comes last; the parties' joint
 * application for judicial confirmation 司法确认 within 30 days of its effect (art. 33); and its
 * fulfilment or breach.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { refuseBy, stamp, withinDays, type Instant } from '../core/index.js'
import { byParty } from './authority.js'
import type { Case, DisputeEvent } from './codecs.js'
import {
  applyToCase,
  CONFIRMATION_DAYS,
  legalMove,
  moveCase,
  movesCase,
  nextStatus,
  onFiledCase,
  partiesAwaiting,
  partyName,
  type DisputeHandler,
} from './kit.js'
import { byAssignedMediator } from './mediation.js'
import { disputeRules } from './rules.js'

// ---------------------------------------------------------------------------------------------
// Rules used here

/**
 * `signed-and-sealed`: whether the agreement takes effect with this act — a party's signature, or
 * the mediator's signature and seal: once every party has signed and the mediator has signed and
 * sealed it, whichever comes last.
 */
const signedAndSealed = (kase: Case, act: 'party signs' | 'mediator seals'): boolean =>
  (kase.agreement?.signatures.length ?? 0) + (act === 'party signs' ? 1 : 0) ===
    kase.parties.length &&
  (act === 'mediator seals' || (kase.agreement?.mediatorSignature ?? null) !== null)

/**
 * `within-30-days`: whether `at` is in the window for judicial confirmation (art. 33), counted as
 * the law counts days (Civil Procedure Law art. 85, Civil Code arts. 201/203; see `withinDays`).
 *
 * @category Checks
 */
export const within30Days = (from: Instant | null, at: Instant): boolean =>
  from !== null && withinDays(from, CONFIRMATION_DAYS, at)

/**
 * Whether the agreement still awaits the mediator's signature and seal (`already-countersigned`).
 *
 * @category Checks
 */
export const awaitsSeal = (kase: Case): boolean =>
  (kase.agreement?.mediatorSignature ?? null) === null

/**
 * Whether the joint request for judicial confirmation stands: every party has applied.
 *
 * @category Checks
 */
export const confirmationRequested = (kase: Case): boolean =>
  (kase.agreement?.confirmationRequestedAt ?? null) !== null

// ---------------------------------------------------------------------------------------------
// Handlers

const draftAgreement: DisputeHandler<'draftAgreement'> = onFiledCase((c, kase, registry) =>
  pipe(
    byAssignedMediator(c, kase, registry),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'agreementDrafted', ...stamp(c), status, terms: c.terms },
    ]),
  ),
)

const signAgreement: DisputeHandler<'signAgreement'> = onFiledCase((c, kase, registry) =>
  pipe(
    byParty(c, kase, registry),
    E.tap(() =>
      refuseBy(
        disputeRules.alreadySigned,
        (kase.agreement?.signatures ?? []).some((sig) => sig.party === c.party),
        () => `Party ${c.party} has signed already`,
      ),
    ),
    E.flatMap(() =>
      nextStatus(kase, c.type, {
        [disputeRules.signedAndSealed.id]: signedAndSealed(kase, 'party signs'),
      }),
    ),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'agreementSigned', ...stamp(c), status, party: c.party },
    ]),
  ),
)

const countersignAgreement: DisputeHandler<'countersignAgreement'> = onFiledCase(
  (c, kase, registry) =>
    pipe(
      byAssignedMediator(c, kase, registry),
      E.tap(() => legalMove(kase, c.type)),
      E.tap(() =>
        refuseBy(
          disputeRules.alreadyCountersigned,
          !awaitsSeal(kase),
          () => 'The mediator has signed and sealed the agreement already',
        ),
      ),
      E.flatMap(() =>
        nextStatus(kase, c.type, {
          [disputeRules.signedAndSealed.id]: signedAndSealed(kase, 'mediator seals'),
        }),
      ),
      E.map((status): ReadonlyArray<DisputeEvent> => [
        { type: 'agreementCountersigned', ...stamp(c), status, committee: c.committee },
      ]),
    ),
)

/**
 * A party's application for judicial confirmation. The application is joint (art. 33): each
 * party applies for itself within the window, and the request stands — a second event,
 * `judicialConfirmationRequested` — with the last party's application.
 */
const requestJudicialConfirmation: DisputeHandler<'requestJudicialConfirmation'> = onFiledCase(
  (c, kase, registry) => {
    const applied = kase.agreement?.applications ?? []
    return pipe(
      byParty(c, kase, registry),
      E.tap(() => legalMove(kase, c.type)),
      E.tap(() =>
        refuseBy(
          disputeRules.alreadyRequested,
          confirmationRequested(kase),
          () => 'Every party has applied: judicial confirmation has been requested already',
        ),
      ),
      E.tap(() =>
        refuseBy(
          disputeRules.alreadyApplied,
          applied.some((a) => a.party === c.party),
          () => `Party ${c.party} has applied for judicial confirmation already`,
        ),
      ),
      E.flatMap(() =>
        nextStatus(kase, c.type, {
          [disputeRules.withinThirtyDays.id]: within30Days(
            kase.agreement?.effectiveAt ?? null,
            c.at,
          ),
        }),
      ),
      E.map((status): ReadonlyArray<DisputeEvent> => [
        { type: 'judicialConfirmationApplied', ...stamp(c), status, party: c.party },
        ...(applied.length + 1 === kase.parties.length
          ? [{ type: 'judicialConfirmationRequested' as const, ...stamp(c), status }]
          : []),
      ]),
    )
  },
)

const recordFulfilment: DisputeHandler<'recordFulfilment'> = onFiledCase((c, kase, registry) =>
  pipe(
    byAssignedMediator(c, kase, registry),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'agreementFulfilled', ...stamp(c), status, note: c.note },
    ]),
  ),
)

const recordBreach: DisputeHandler<'recordBreach'> = onFiledCase((c, kase, registry) =>
  pipe(
    byAssignedMediator(c, kase, registry),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'agreementBreached', ...stamp(c), status, note: c.note },
    ]),
  ),
)

/**
 * The handlers of the agreement's commands: drafting, signatures and seal, judicial confirmation,
 * fulfilment and breach.
 *
 * @category Mechanism
 */
export const agreementHandlers = {
  draftAgreement,
  signAgreement,
  countersignAgreement,
  requestJudicialConfirmation,
  recordFulfilment,
  recordBreach,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/** The reducers of the agreement's events. @category Mechanism */
export const agreementReducers = {
  agreementDrafted: applyToCase<'agreementDrafted'>((c, e) => {
    c.agreement = {
      terms: [...e.terms],
      draftedBy: e.actor,
      draftedAt: e.at,
      signatures: [],
      mediatorSignature: null,
      effectiveAt: null,
      applications: [],
      confirmationRequestedAt: null,
    }
    moveCase(c, e, null)
  }),
  agreementSigned: applyToCase<'agreementSigned'>((c, e) => {
    c.agreement?.signatures.push({ party: e.party, by: e.actor, at: e.at })
    if (e.status === 'agreed' && c.agreement !== null) c.agreement.effectiveAt = e.at
    moveCase(c, e, null)
  }),
  agreementCountersigned: applyToCase<'agreementCountersigned'>((c, e) => {
    if (c.agreement !== null) {
      c.agreement.mediatorSignature = { by: e.actor, at: e.at, committee: e.committee }
      if (e.status === 'agreed') c.agreement.effectiveAt = e.at
    }
    moveCase(c, e, `signed with the seal of ${e.committee}`)
  }),
  judicialConfirmationApplied: applyToCase<'judicialConfirmationApplied'>((c, e) => {
    c.agreement?.applications.push({ party: e.party, by: e.actor, at: e.at })
    // The step says who has applied and who has not yet, as things stood then.
    const awaiting = partiesAwaiting(c.parties, c.agreement?.applications ?? []).map((p) =>
      partyName(c.parties, p.party),
    )
    moveCase(
      c,
      e,
      `${partyName(c.parties, e.party)} applied; ${
        awaiting.length === 0 ? 'every party has applied' : `awaiting ${awaiting.join(', ')}`
      }`,
    )
  }),
  judicialConfirmationRequested: applyToCase<'judicialConfirmationRequested'>((c, e) => {
    if (c.agreement !== null) c.agreement.confirmationRequestedAt = e.at
    moveCase(c, e, `jointly by ${c.parties.map((_, i) => partyName(c.parties, i)).join(', ')}`)
  }),
  agreementFulfilled: movesCase<'agreementFulfilled'>((e) => e.note),
  agreementBreached: movesCase<'agreementBreached'>((e) => e.note),
}
