/**
 * Mediation 调解 (the People's Mediation Law 人民调解法 as the public reference): the mediators
 * 调解员 the office of the case's level assigns, under the posts that qualify them there; the
 * sessions they hold, by the joint office 联合调解 for a case between two communities; the
 * mediation agreement 调解协议 they draft, which takes effect when every party has signed it and a
 * mediator has signed it with the seal of the people's mediation committee 人民调解委员会
 * (art. 28–30); the parties' joint application for judicial confirmation 司法确认 within 30 days
 * (art. 33); and the failure of mediation, or the agreement's fulfilment or breach.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  checkAll,
  forbidden,
  found,
  lookup,
  notFound,
  refuseBy,
  refuseWhen,
  stamp,
  withinDays,
  type CommunityId,
  type DomainError,
  type Instant,
  type PersonId,
} from '../core/index.js'
import type { PlaceRef, RegistryState } from '../community/index.js'
import {
  assignedMediatorOf,
  byOffice,
  byParty,
  impartial,
  impartialOnCase,
  mediatesCase,
  mediatesCaseAt,
  mediatingPosts,
  placesOfLevel,
} from './authority.js'
import { MAX_CASE_MEDIATORS, MEDIATOR_POSTS_MAX, type Case, type DisputeEvent } from './codecs.js'
import {
  applyToCase,
  legalMove,
  moveCase,
  movesCase,
  nextStatus,
  onFiledCase,
  partiesAwaiting,
  partyName,
  type DisputeHandler,
} from './kit.js'
import { disputeRules } from './rules.js'

// ---------------------------------------------------------------------------------------------
// Rules used here

/** Whether `person` mediates at a place now (see {@link mediatingPosts}). */
const mediatesAt = (registry: RegistryState, person: PersonId, place: PlaceRef): boolean =>
  mediatingPosts(registry, person, place).length > 0

/**
 * The check that the actor is a mediator of the case now, and speaks for no party now
 * (`mediator-is-party`, see {@link impartial}).
 */
const byAssignedMediator = (
  act: { readonly actor: PersonId; readonly type: string },
  kase: Case,
  registry: RegistryState,
): E.Either<DomainError, void> =>
  pipe(
    refuseWhen(!mediatesCase(registry, kase, act.actor), () =>
      forbidden(act.actor, act.type, [assignedMediatorOf(kase)]),
    ),
    E.flatMap(() => impartialOnCase(registry, kase, act.actor, 'mediator')),
  )

/**
 * Whether two different assigned mediators come one from each of the case's two communities (a
 * mediator who has come to speak for a party staffs nothing: see {@link impartial}).
 */
const jointlyStaffed = (registry: RegistryState, kase: Case): boolean => {
  const [a, b] = kase.communities
  if (a === undefined || b === undefined) return false
  const of = (id: CommunityId) =>
    kase.mediators.filter(
      (m) =>
        mediatesCaseAt(registry, kase, m, { level: 'community', id }) &&
        E.isRight(impartial(registry, kase.parties, m, 'mediator')),
    )
  return of(a).some((m) => of(b).some((n) => n !== m))
}

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
 */
const within30Days = (from: Instant | null, at: Instant): boolean =>
  from !== null && withinDays(from, 30, at)

// ---------------------------------------------------------------------------------------------
// Handlers

const assignMediator: DisputeHandler<'assignMediator'> = onFiledCase((c, kase, registry) => {
  const places = placesOfLevel(registry, kase, kase.level)
  // The posts that qualify the mediator at the case's level now; the assignment lasts while one
  // of them does.
  const posts = places.flatMap((p) => mediatingPosts(registry, c.mediator, p).map((a) => a.id))
  return pipe(
    byOffice(c, registry, places, kase.level),
    E.tap(() =>
      refuseBy(
        disputeRules.caseNotOpen,
        !['filed', 'accepted', 'in-mediation'].includes(kase.status),
        () => `Case ${kase.id} is ${kase.status}`,
      ),
    ),
    E.tap(() => found(lookup(registry.persons, c.mediator), 'person', c.mediator)),
    E.tap(() =>
      refuseBy(
        disputeRules.mediatorLevel,
        !places.some((p) => mediatesAt(registry, c.mediator, p)),
        () => `${c.mediator} is not a mediator of the ${kase.level} level of case ${kase.id}`,
      ),
    ),
    // An assignment whose posts have all ended may be made again, under the posts held now.
    E.tap(() =>
      refuseBy(
        disputeRules.alreadyAssigned,
        mediatesCase(registry, kase, c.mediator),
        () => `${c.mediator} is already assigned`,
      ),
    ),
    // A mediator is not one of the sides: not a party, nor a leader or mediator of one.
    E.tap(() => impartial(registry, kase.parties, c.mediator, 'mediator')),
    // A case records a bounded list of mediators: one more than it holds is refused, not stored.
    E.tap(() =>
      refuseBy(
        disputeRules.tooManyMediators,
        !kase.mediators.includes(c.mediator) && kase.mediators.length >= MAX_CASE_MEDIATORS,
        () =>
          `Case ${kase.id} has ${kase.mediators.length} mediators at the ${kase.level} level, the most it holds`,
      ),
    ),
    // The registry sets no limit on one person's posts; an assignment records a bounded list.
    E.tap(() =>
      refuseBy(
        disputeRules.tooManyPosts,
        posts.length > MEDIATOR_POSTS_MAX,
        () =>
          `${c.mediator} holds ${posts.length} posts that qualify at the ${kase.level} level; an assignment records at most ${MEDIATOR_POSTS_MAX}`,
      ),
    ),
    E.map((): ReadonlyArray<DisputeEvent> => [
      { type: 'mediatorAssigned', ...stamp(c), mediator: c.mediator, posts },
    ]),
  )
})

const holdSession: DisputeHandler<'holdSession'> = onFiledCase((c, kase, registry) =>
  pipe(
    byAssignedMediator(c, kase, registry),
    E.tap(() =>
      checkAll(
        ...c.attended.map(
          (p) => () =>
            refuseWhen(lookup(registry.persons, p) === undefined, () => notFound('person', p)),
        ),
      ),
    ),
    E.tap(() =>
      refuseBy(
        disputeRules.jointMediators,
        kase.level === 'community' &&
          kase.communities.length === 2 &&
          !jointlyStaffed(registry, kase),
        () => 'The joint office mediates with a mediator from each community',
      ),
    ),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'sessionHeld', ...stamp(c), status, attended: c.attended, outcome: c.outcome },
    ]),
  ),
)

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
          (kase.agreement?.mediatorSignature ?? null) !== null,
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

const recordFailure: DisputeHandler<'recordFailure'> = onFiledCase((c, kase, registry) =>
  pipe(
    byAssignedMediator(c, kase, registry),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'mediationFailed', ...stamp(c), status, reason: c.reason },
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
          (kase.agreement?.confirmationRequestedAt ?? null) !== null,
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
 * The handlers of mediation's commands: the assignment, sessions, the agreement and its
 * signatures and seal, judicial confirmation, failure, fulfilment and breach.
 */
export const mediationHandlers = {
  assignMediator,
  holdSession,
  draftAgreement,
  signAgreement,
  countersignAgreement,
  recordFailure,
  requestJudicialConfirmation,
  recordFulfilment,
  recordBreach,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/** The reducers of mediation's events. */
export const mediationReducers = {
  mediatorAssigned: applyToCase<'mediatorAssigned'>((c, e) => {
    // A mediator assigned again (their earlier posts ended) keeps their place in the list.
    const held = c.mediatorPosts.find((m) => m.mediator === e.mediator)
    if (held === undefined) {
      c.mediators.push(e.mediator)
      c.mediatorPosts.push({ mediator: e.mediator, posts: [...e.posts] })
    } else held.posts = [...e.posts]
  }),
  sessionHeld: applyToCase<'sessionHeld'>((c, e) => {
    c.sessions.push({
      at: e.at,
      level: c.level,
      mediators: [...c.mediators],
      attended: [...e.attended],
      outcome: e.outcome,
    })
    moveCase(c, e, e.outcome)
  }),
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
  mediationFailed: movesCase<'mediationFailed'>((e) => e.reason),
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
