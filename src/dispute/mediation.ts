/**
 * Mediation 调解 (the People's Mediation Law 人民调解法 as the public reference): the mediators
 * 调解员 the office of the case's level assigns, under the posts that qualify them there; the
 * sessions they hold, by the joint office 联合调解 for a case between two communities; the
 * failure of mediation. The agreement they draft, its signatures and seal, judicial confirmation
 * and the agreement's fulfilment or breach are in `agreement.ts`.
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
  type CommunityId,
  type DomainError,
  type PersonId,
} from '../core/index.js'
import type { PlaceRef, RegistryState } from '../community/index.js'
import {
  assignedMediatorOf,
  byOffice,
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
  moveCase,
  movesCase,
  nextStatus,
  onFiledCase,
  type DisputeHandler,
} from './kit.js'
import { assigningStates } from './machine.js'
import { disputeRules } from './rules.js'

// ---------------------------------------------------------------------------------------------
// Rules used here

/** Whether `person` mediates at a place now (see {@link mediatingPosts}). */
const mediatesAt = (registry: RegistryState, person: PersonId, place: PlaceRef): boolean =>
  mediatingPosts(registry, person, place).length > 0

/**
 * The check that the actor is a mediator of the case now, and speaks for no party now
 * (`mediator-is-party`, see {@link impartial}).
 *
 * @category Checks
 */
export const byAssignedMediator = (
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
 * `joint-mediators`: whether the office of the case's level may sit — always, but for the joint
 * office of two communities at the community level, which sits with two different assigned
 * mediators, one from each community.
 *
 * @category Checks
 */
export const officeMaySit = (registry: RegistryState, kase: Case): boolean =>
  !(kase.level === 'community' && kase.communities.length === 2) || jointlyStaffed(registry, kase)

/**
 * The check that `mediator` may be assigned to the case now, whoever assigns: a person of the
 * registry, a mediator of one of the level's `places` (`mediator-level`), not assigned already
 * under a post that lasts (`already-assigned`), and speaking for no party (`mediator-is-party`).
 *
 * @category Checks
 */
export const assignableMediator = (
  registry: RegistryState,
  kase: Case,
  mediator: PersonId,
  places: ReadonlyArray<PlaceRef> = placesOfLevel(registry, kase, kase.level),
): E.Either<DomainError, void> =>
  pipe(
    found(lookup(registry.persons, mediator), 'person', mediator),
    E.flatMap(() =>
      refuseBy(
        disputeRules.mediatorLevel,
        !places.some((p) => mediatesAt(registry, mediator, p)),
        () => `${mediator} is not a mediator of the ${kase.level} level of case ${kase.id}`,
      ),
    ),
    // An assignment whose posts have all ended may be made again, under the posts held now.
    E.tap(() =>
      refuseBy(
        disputeRules.alreadyAssigned,
        mediatesCase(registry, kase, mediator),
        () => `${mediator} is already assigned`,
      ),
    ),
    // A mediator is not one of the sides: not a party, nor a leader or mediator of one.
    E.tap(() => impartial(registry, kase.parties, mediator, 'mediator')),
  )

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
        !assigningStates.has(kase.status),
        () => `Case ${kase.id} is ${kase.status}`,
      ),
    ),
    E.tap(() => assignableMediator(registry, kase, c.mediator, places)),
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
        !officeMaySit(registry, kase),
        () => 'The joint office mediates with a mediator from each community',
      ),
    ),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'sessionHeld', ...stamp(c), status, attended: c.attended, outcome: c.outcome },
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
 * The handlers of mediation's commands: the assignment, sessions and failure.
 *
 * @category Mechanism
 */
export const mediationHandlers = {
  assignMediator,
  holdSession,
  recordFailure,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/**
 * The reducers of mediation's events (the agreement's are in `agreement.ts`).
 *
 * @category Mechanism
 */
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
  mediationFailed: movesCase<'mediationFailed'>((e) => e.reason),
}
