/**
 * Who may do what on a case now (权限表): dispute's permission table, one row per command, made
 * of the authority paragraph (`authority.ts`: a party, the mediators of the case, the office of a
 * level, impartiality at every act) and the case's lifecycle (`caseMachine`, the ladder). Each
 * row's requirement asks the check its handler decides with; its targets are what the case's
 * state lets the command act on now: the case itself (`{}`), a party by its index in the case's
 * `parties`, or a mediator the office could assign.
 *
 * A command on a case acts on a case filed in the street of the registry given, whose record is
 * no later than the instant asked about (`earlier-than-last-step`); `fileCase` acts on the empty
 * stream.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  allowedBy,
  permissionsFor,
  valuesOf,
  type DomainError,
  type Instant,
  type PersonId,
} from '../core/index.js'
import {
  hasParty,
  type PlaceRef,
  type RegistryContext,
  type RegistryState,
} from '../community/index.js'
import { awaitsSeal, confirmationRequested, within30Days } from './agreement.js'
import {
  byEscalator,
  byOffice,
  byOfficeOfCase,
  byParty,
  byReferrer,
  placesOfLevel,
} from './authority.js'
import type { Case, DisputeCommand } from './codecs.js'
import { isRegistryOf, partiesAwaiting, runsForwardAt, type CaseTrigger } from './kit.js'
import { escalationAllowed, nextLevel } from './ladder.js'
import { assigningStates, caseMachine } from './machine.js'
import { assignableMediator, byAssignedMediator, officeMaySit } from './mediation.js'
import type { CaseState } from './state.js'

// ---------------------------------------------------------------------------------------------
// What a command acts on now

/** The case a command dated `at` acts on: filed in the registry's street, its record no later. */
const caseAt = (s: CaseState, registry: RegistryState, at: Instant): Case | null =>
  s.case !== null && isRegistryOf(registry, s.case.street) && runsForwardAt(s.case, at)
    ? s.case
    : null

/** The targets of a command on the case itself: the case, while `open` holds of it at `at`. */
const theCase =
  (open: (kase: Case, registry: RegistryState, at: Instant) => boolean) =>
  (s: CaseState, { registry }: RegistryContext, at: Instant): ReadonlyArray<object> => {
    const kase = caseAt(s, registry, at)
    return kase !== null && open(kase, registry, at) ? [{}] : []
  }

/** The targets of a command for a party: the parties `which` names at `at`, by index. */
const theParties =
  (which: (kase: Case, at: Instant) => ReadonlyArray<number>) =>
  (s: CaseState, { registry }: RegistryContext, at: Instant) => {
    const kase = caseAt(s, registry, at)
    return kase === null ? [] : which(kase, at).map((party) => ({ party }))
  }

/** Whether the case's table has an edge on `on` from the case's state (guards aside). */
const moves = (kase: Case, on: CaseTrigger): boolean => caseMachine.can(kase.status, on)

/** Every party of the case, while its table moves on `on`. */
const everyPartyWhile =
  (on: CaseTrigger) =>
  (kase: Case): ReadonlyArray<number> =>
    moves(kase, on) ? kase.parties.map((_, i) => i) : []

/** The parties still awaited (see {@link partiesAwaiting}) while the case's table moves on `on`. */
const awaitedWhile =
  (on: CaseTrigger, done: (kase: Case) => ReadonlyArray<{ readonly party: number }>) =>
  (kase: Case): ReadonlyArray<number> =>
    moves(kase, on) ? partiesAwaiting(kase.parties, done(kase)).map((p) => p.party) : []

/** Whether the case may go up the ladder now: its table moves on `escalateCase`, below the top. */
const mayClimb = (kase: Case): boolean =>
  moves(kase, 'escalateCase') && nextLevel(kase.level) !== null

// ---------------------------------------------------------------------------------------------
// Who may

/** One who acts on a case, and with which command: what the authority checks read. */
type Act = { readonly actor: PersonId; readonly type: DisputeCommand['type'] }

/** The requirement of a check on the case: whoever `check` lets through, as its handler asks. */
const passing =
  (
    type: DisputeCommand['type'],
    check: (act: Act, kase: Case, registry: RegistryState) => E.Either<DomainError, unknown>,
  ) =>
  (person: PersonId, _target: object, s: CaseState, { registry }: RegistryContext): boolean =>
    s.case !== null && E.isRight(check({ actor: person, type }, s.case, registry))

/** The requirement of an act for a party: one who acts for it, impartially ({@link byParty}). */
const forTheParty =
  (type: DisputeCommand['type']) =>
  (
    person: PersonId,
    target: { readonly party?: number },
    s: CaseState,
    { registry }: RegistryContext,
  ): boolean =>
    s.case !== null &&
    target.party !== undefined &&
    E.isRight(byParty({ actor: person, type, party: target.party }, s.case, registry))

/**
 * Whether `person` may file some case now: as a party to it (every person of the registry may be
 * one, and one who leads an organisation is one), or as the office of a grid or a community.
 */
const mayFile = (registry: RegistryState, person: PersonId): boolean => {
  const act = { actor: person, type: 'fileCase' }
  const grids = valuesOf(registry.grids).map((g): PlaceRef => ({ level: 'grid', id: g.id }))
  const communities = valuesOf(registry.communities).map((c): PlaceRef => ({
    level: 'community',
    id: c.id,
  }))
  return (
    hasParty(registry, { kind: 'person', person }) ||
    E.isRight(byOffice(act, registry, grids, 'grid')) ||
    E.isRight(byOffice(act, registry, communities, 'community'))
  )
}

// ---------------------------------------------------------------------------------------------
// The table

/**
 * Dispute's permission table 权限表: for each command, who may issue it (the docs' authority
 * table), what it may act on now by the case's lifecycle and preconditions, and whether a person
 * may issue it on a target — asking the same checks as the handlers (`byParty`, the office of the
 * level, `byAssignedMediator`, impartiality). Every act is impartial: whoever acts for a party
 * speaks for no other, and a mediator for none.
 *
 * @category Permissions
 */
export const disputePermissions = permissionsFor<DisputeCommand, CaseState, RegistryContext>()({
  fileCase: {
    who: 'a party to the case (a person in person, an organisation through one who leads it), or the office of the level where it arose, which alone sets time limits',
    targets: (s, { registry }) => (s.case === null && registry.street !== null ? [{}] : []),
    may: (person, _target, _s, { registry }) => mayFile(registry, person),
  },
  giveConsent: {
    who: 'each party, for itself, once, while the case is filed',
    targets: theParties(awaitedWhile('giveConsent', (k) => k.consents.map((party) => ({ party })))),
    may: forTheParty('giveConsent'),
  },
  refuseMediation: {
    who: 'a party, for itself, while the case is filed',
    targets: theParties(everyPartyWhile('refuseMediation')),
    may: forTheParty('refuseMediation'),
  },
  assignMediator: {
    who: "the office of the case's level (a mediator or registrar over exactly its place; a grid worker at a grid), of a mediator of that level who speaks for no party, while the case is filed, accepted or in mediation",
    targets: (s, { registry }, at) => {
      const kase = caseAt(s, registry, at)
      if (kase === null || !assigningStates.has(kase.status)) return []
      const places = placesOfLevel(registry, kase, kase.level)
      return valuesOf(registry.persons)
        .filter((p) => E.isRight(assignableMediator(registry, kase, p.id, places)))
        .map((p) => ({ mediator: p.id }))
    },
    may: passing('assignMediator', byOfficeOfCase),
  },
  holdSession: {
    who: "a mediator assigned at the case's level (the joint office of two communities, with one from each)",
    targets: theCase(
      (kase, registry) => moves(kase, 'holdSession') && officeMaySit(registry, kase),
    ),
    may: passing('holdSession', byAssignedMediator),
  },
  draftAgreement: {
    who: "a mediator assigned at the case's level",
    targets: theCase((kase) => moves(kase, 'draftAgreement')),
    may: passing('draftAgreement', byAssignedMediator),
  },
  signAgreement: {
    who: 'each party, for itself, once',
    targets: theParties(awaitedWhile('signAgreement', (k) => k.agreement?.signatures ?? [])),
    may: forTheParty('signAgreement'),
  },
  countersignAgreement: {
    who: "a mediator assigned at the case's level, with the mediation committee's seal, once",
    targets: theCase((kase) => moves(kase, 'countersignAgreement') && awaitsSeal(kase)),
    may: passing('countersignAgreement', byAssignedMediator),
  },
  recordFailure: {
    who: "a mediator assigned at the case's level",
    targets: theCase((kase) => moves(kase, 'recordFailure')),
    may: passing('recordFailure', byAssignedMediator),
  },
  requestJudicialConfirmation: {
    who: 'each party, for itself, once, within 30 days of the agreement taking effect',
    targets: theParties((kase, at) =>
      !confirmationRequested(kase) && within30Days(kase.agreement?.effectiveAt ?? null, at)
        ? awaitedWhile('requestJudicialConfirmation', (k) => k.agreement?.applications ?? [])(kase)
        : [],
    ),
    may: forTheParty('requestJudicialConfirmation'),
  },
  recordFulfilment: {
    who: "a mediator assigned at the case's level",
    targets: theCase((kase) => moves(kase, 'recordFulfilment')),
    may: passing('recordFulfilment', byAssignedMediator),
  },
  recordBreach: {
    who: "a mediator assigned at the case's level",
    targets: theCase((kase) => moves(kase, 'recordBreach')),
    may: passing('recordBreach', byAssignedMediator),
  },
  requestEscalation: {
    who: 'a party, for itself, while the case may go up the ladder',
    targets: theParties((kase) => (mayClimb(kase) ? everyPartyWhile('escalateCase')(kase) : [])),
    may: forTheParty('requestEscalation'),
  },
  escalateCase: {
    who: "a party; or a mediator assigned at the case's level, on a party's request or once the level's time limit has passed",
    targets: theCase(mayClimb),
    may: (person, _target, { case: kase }, { registry }, at) =>
      kase !== null &&
      pipe(
        byEscalator({ actor: person, type: 'escalateCase' }, kase, registry),
        E.exists((capacity) => escalationAllowed(kase, capacity, at)),
      ),
  },
  acceptEscalation: {
    who: 'the office of the level the case was escalated to',
    targets: theCase((kase) => moves(kase, 'acceptEscalation')),
    may: passing('acceptEscalation', byOfficeOfCase),
  },
  referOut: {
    who: "a party, a mediator assigned at the case's level, or the office of its level",
    targets: theCase((kase) => moves(kase, 'referOut')),
    may: passing('referOut', byReferrer),
  },
  withdrawCase: {
    who: 'a party, for itself',
    targets: theParties(everyPartyWhile('withdrawCase')),
    may: forTheParty('withdrawCase'),
  },
})

/**
 * What a person may do on a case now (可办事项): every command of {@link disputePermissions}
 * with each target the person may issue it on, for the case's state, the street's registry and
 * the instant `at` (the app's clock, or the date the command will carry). A party sees its own
 * consent, signature or application (`{ party }`, its index in the case's `parties`); the office
 * of the level sees the mediators it could assign (`{ mediator }`); commands on the case itself
 * have the target `{}`. Nothing is decided.
 *
 * @example
 * ```ts
 * // @check types-only
 * import { instant, PersonId } from 'governance-kit'
 * import type { RegistryState } from 'governance-kit/community'
 * import { allowedInCase, type CaseState } from 'governance-kit/dispute'
 * // A case filed at grid g-d between p-d1 (party 0) and p-d2 (party 1), awaiting consents:
 * declare const state: CaseState
 * declare const registry: RegistryState // the street's registry
 * allowedInCase(state, { registry }, PersonId.make('p-d1'), instant('2024-03-01T10:00:00+08:00'))
 * // → [{ type: 'giveConsent', target: { party: 0 } },
 * //    { type: 'refuseMediation', target: { party: 0 } },
 * //    { type: 'referOut', target: {} },
 * //    { type: 'withdrawCase', target: { party: 0 } }]
 * ```
 *
 * @category Permissions
 */
export const allowedInCase = allowedBy(disputePermissions)
