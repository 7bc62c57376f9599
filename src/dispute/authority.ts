/**
 * Who may act on a case (权限), and impartially (公正): the three rows of the docs' Authority
 * table, each read from the street's registry as it is when the act is done, and the one rule
 * every act passes.
 *
 * - **A party 当事人** acts for itself: a person in person, an organisation through one who leads
 *   it now (`actsFor`). A party that is a person stays one when they leave the street.
 * - **The mediators 调解员 of the case**: those assigned at its current level, while a post they
 *   were assigned under lasts (a post ended, by `endRole` or by leaving the street, ends the
 *   assignment for good: a new post needs a new assignment).
 * - **The office of a level 调解组织**: a mediator or registrar over exactly its place (a grid
 *   worker too at a grid; a post higher up is another level's office), and for a case between two
 *   communities at the community level, either community's (their joint office).
 * - **Impartiality** at every act: one who speaks for two parties acts for neither
 *   (`two-parties`), and a mediator speaks for no party (`mediator-is-party`).
 *
 * Written once here: filing, consent, referral and withdrawal (the case), assignment, sessions,
 * the agreement and its confirmation (mediation), and escalation (the ladder) all ask it.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  forbidden,
  found,
  lookup,
  refuseBy,
  refuseWhen,
  type AssignmentId,
  type DomainError,
  type Forbidden,
  type PersonId,
} from '../core/index.js'
import {
  actsFor,
  authorise,
  communityOf,
  holdersOf,
  rolesOf,
  sameScope,
  type Assignment,
  type PlaceRef,
  type RegistryState,
  type RoleKind,
  type ScopeRef,
} from '../community/index.js'
import type { Case, Level, Party } from './codecs.js'
import { partyName } from './kit.js'
import { disputeRules } from './rules.js'

// ---------------------------------------------------------------------------------------------
// The office of a level

/**
 * The places whose office handles a case at `level`: the grid or community where it arose, the
 * street; at the community level, a case between two communities is both communities' (their
 * joint office).
 *
 * @category Checks
 */
export const placesOfLevel = (
  registry: RegistryState,
  c: Pick<Case, 'arose' | 'communities' | 'street'>,
  level: Level,
): ReadonlyArray<PlaceRef> => {
  if (level === 'street') return [{ level: 'street', id: c.street }]
  if (level === 'grid') return c.arose.level === 'grid' ? [{ level: 'grid', id: c.arose.id }] : []
  if (c.communities.length > 0) return c.communities.map((id) => ({ level: 'community', id }))
  const home = c.arose.level === 'community' ? c.arose.id : communityOf(registry, c.arose)
  return home === null ? [] : [{ level: 'community', id: home }]
}

/** The roles of a level's office: mediators and registrars (and a grid's grid workers). */
const officeRoles = (level: Level): ReadonlyArray<RoleKind> =>
  level === 'grid' ? ['mediator', 'registrar', 'grid-worker'] : ['mediator', 'registrar']

/** What identifies an act for the checks of this file: who does it, and which command it is. */
interface Act {
  readonly actor: PersonId
  readonly type: string
}

/**
 * The check that the actor is the office of a level: a mediator or registrar over exactly one of
 * its places (a grid worker too at a grid). A post at a higher level is that level's office, not
 * this one's: the ladder keeps its levels apart.
 *
 * @category Checks
 */
export const byOffice = (
  act: Act,
  registry: RegistryState,
  places: ReadonlyArray<PlaceRef>,
  level: Level,
): E.Either<Forbidden, void> =>
  authorise(
    registry,
    act.actor,
    act.type,
    places.flatMap((scope) => officeRoles(level).map((role) => ({ role, scope, exact: true }))),
  )

/**
 * The check that the actor is the office of the case's current level (see {@link byOffice}).
 *
 * @category Checks
 */
export const byOfficeOfCase = (
  act: Act,
  kase: Case,
  registry: RegistryState,
): E.Either<Forbidden, void> =>
  byOffice(act, registry, placesOfLevel(registry, kase, kase.level), kase.level)

// ---------------------------------------------------------------------------------------------
// The mediators of the case

/**
 * The posts through which `person` mediates at a place now: mediator of exactly that place (or its
 * grid worker), or mediator of an active organisation seated there (a volunteer mediation team, a
 * purchased legal-aid office).
 *
 * @category Checks
 */
export const mediatingPosts = (
  registry: RegistryState,
  person: PersonId,
  place: PlaceRef,
): ReadonlyArray<Assignment> =>
  rolesOf(registry, person).filter((a) => {
    if (a.role === 'mediator' && sameScope(a.scope, place)) return true
    if (a.role === 'grid-worker') return place.level === 'grid' && sameScope(a.scope, place)
    if (a.role !== 'mediator' || a.scope.level !== 'organisation') return false
    const o = lookup(registry.organisations, a.scope.id)
    return o !== undefined && o.status === 'active' && sameScope(o.seat, place)
  })

/**
 * Whether `person` mediates the case at `place` now: assigned at the case's level, and still
 * holding there a post they were assigned under. A post that ended ends the assignment with it,
 * for good: leaving the street and coming back, or a new post, needs a new assignment.
 *
 * @category Checks
 */
export const mediatesCaseAt = (
  registry: RegistryState,
  kase: Case,
  person: PersonId,
  place: PlaceRef,
): boolean => {
  const under = new Set<AssignmentId>(
    kase.mediatorPosts.find((m) => m.mediator === person)?.posts ?? [],
  )
  return mediatingPosts(registry, person, place).some((a) => under.has(a.id))
}

/**
 * The mediators of the case as a `Forbidden` names them: those assigned at its current level.
 *
 * @category Checks
 */
export const assignedMediatorOf = (kase: Case): string =>
  `a mediator assigned to ${kase.id} at the ${kase.level} level`

/**
 * Whether `person` is a mediator of the case now, at one of its level's places.
 *
 * @category Checks
 */
export const mediatesCase = (registry: RegistryState, kase: Case, person: PersonId): boolean =>
  placesOfLevel(registry, kase, kase.level).some((p) => mediatesCaseAt(registry, kase, person, p))

// ---------------------------------------------------------------------------------------------
// Impartiality

/** Whether `person` holds `role` over exactly `place` (a post above it is another level's). */
const holdsAt = (registry: RegistryState, person: PersonId, role: RoleKind, place: ScopeRef) =>
  holdersOf(registry, role, place).some((a) => a.person === person)

/**
 * Whether `person` sides with a party: acts for it (is the person, or leads the organisation),
 * or mediates inside an organisation party.
 */
const sidesWith = (registry: RegistryState, person: PersonId, party: Party): boolean =>
  actsFor(registry, person, party) ||
  (party.kind === 'organisation' &&
    holdsAt(registry, person, 'mediator', { level: 'organisation', id: party.organisation }))

/**
 * In what capacity someone acts on a case: for one of its parties (by index), or as mediator.
 *
 * @category Checks
 */
export type Capacity = { readonly party: number } | 'mediator'

/**
 * Impartiality, the one rule every act on a case passes, judged by the registry as it is now —
 * not as it was at filing or at the assignment, for posts begin and end in between (an owner is
 * elected director of the owners' committee he disputes with; a mediator takes a post in a party
 * organisation):
 * - whoever acts for party `index` speaks for no other party of the case (`two-parties`: the
 *   consent, signature or application of one voice for two sides is nobody's joint act);
 * - a mediator speaks for no party: is none, leads none, mediates inside none
 *   (`mediator-is-party`).
 *
 * Every act checks it: filing (for every party's voices), consent and refusal, signature,
 * application for judicial confirmation, escalation and its request, referral and withdrawal for
 * a party; the assignment, and every act of an assigned mediator. See {@link impartialOnCase}.
 *
 * @category Checks
 */
export const impartial = (
  registry: RegistryState,
  parties: ReadonlyArray<Party>,
  person: PersonId,
  capacity: Capacity,
): E.Either<DomainError, void> => {
  if (capacity === 'mediator') {
    const sided = parties.findIndex((p) => sidesWith(registry, person, p))
    return refuseBy(
      disputeRules.mediatorIsParty,
      sided >= 0,
      () => `${person} mediates, and speaks for ${partyName(parties, sided)}`,
    )
  }
  const other = parties.findIndex((p, i) => i !== capacity.party && actsFor(registry, person, p))
  return refuseBy(
    disputeRules.twoParties,
    other >= 0,
    () =>
      `${person} speaks for ${partyName(parties, capacity.party)} and for ${partyName(parties, other)}`,
  )
}

/**
 * {@link impartial} for an act on the case by `person` in `capacity`. One who is a mediator of
 * the case now answers as a mediator whatever the act: a mediator who has come to speak for a
 * party (a post taken after the assignment) acts for it no more than they mediate, until one of
 * the two posts ends.
 *
 * @category Checks
 */
export const impartialOnCase = (
  registry: RegistryState,
  kase: Case,
  person: PersonId,
  capacity: Capacity,
): E.Either<DomainError, void> =>
  pipe(
    impartial(registry, kase.parties, person, capacity),
    E.flatMap(() =>
      capacity !== 'mediator' && mediatesCase(registry, kase, person)
        ? impartial(registry, kase.parties, person, 'mediator')
        : E.right(undefined),
    ),
  )

// ---------------------------------------------------------------------------------------------
// Acting for a party, or in some capacity

/**
 * The party an act is done for (`NotFound` when the case has no such party), once the check has
 * passed that the actor acts for it — in person, or as one who leads the organisation — and
 * impartially (see {@link impartialOnCase}).
 *
 * @category Checks
 */
export const byParty = (
  act: Act & { readonly party: number },
  kase: Case,
  registry: RegistryState,
): E.Either<DomainError, Party> =>
  pipe(
    found(kase.parties[act.party], 'party', String(act.party)),
    E.tap((party) =>
      refuseWhen(!actsFor(registry, act.actor, party), () =>
        forbidden(act.actor, act.type, [
          party.kind === 'person'
            ? `party ${act.party} (${party.person}) in person`
            : `a leader of party ${act.party} (${party.organisation})`,
        ]),
      ),
    ),
    E.tap(() => impartialOnCase(registry, kase, act.actor, { party: act.party })),
  )

/**
 * The capacity in which the actor acts on a case where a party or a mediator may act (escalation,
 * referral): for the first party they speak for, else as a mediator of the case, else none.
 *
 * @category Checks
 */
export const capacityOf = (
  registry: RegistryState,
  kase: Case,
  person: PersonId,
): Capacity | null => {
  const party = kase.parties.findIndex((p) => actsFor(registry, person, p))
  if (party >= 0) return { party }
  return mediatesCase(registry, kase, person) ? 'mediator' : null
}

/**
 * The check that the actor may refer the case out: one who speaks for a party or a mediator of
 * the case, impartially (see {@link impartialOnCase}); anyone else only as the office of the
 * case's level.
 *
 * @category Checks
 */
export const byReferrer = (
  act: Act,
  kase: Case,
  registry: RegistryState,
): E.Either<DomainError, void> => {
  const capacity = capacityOf(registry, kase, act.actor)
  return capacity === null
    ? byOfficeOfCase(act, kase, registry)
    : impartialOnCase(registry, kase, act.actor, capacity)
}

/**
 * The check that the actor may escalate the case, and the capacity they escalate in: one who
 * speaks for a party, or else a mediator of the case, impartially (see {@link impartialOnCase}).
 * A mediator escalates only on a party's request or past the level's time limit
 * (`escalation-needs-request`, in `ladder.ts`).
 *
 * @category Checks
 */
export const byEscalator = (
  act: Act,
  kase: Case,
  registry: RegistryState,
): E.Either<DomainError, Capacity> => {
  const capacity = capacityOf(registry, kase, act.actor)
  return capacity === null
    ? E.left(forbidden(act.actor, act.type, [`a party to ${kase.id}`, assignedMediatorOf(kase)]))
    : pipe(
        impartialOnCase(registry, kase, act.actor, capacity),
        E.map(() => capacity),
      )
}
