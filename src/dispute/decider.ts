/**
 * The dispute decider (矛盾纠纷化解): one stream per case (`case/<case>`), with the street
 * registry as context (who the parties are and where they live, who mediates at which level).
 *
 * Rules (the `rule` of each {@link RuleViolation}), beside the case table's `IllegalTransition`s
 * and guards (`every-party-consents`, `signed-and-sealed`, `within-30-days`):
 * - `two-parties`: a case has at least two distinct parties, and nobody speaks for two of them:
 *   at filing, and again at every act done for a party, by the registry as it is then (see
 *   `impartial`).
 * - `kind-parties`: the parties do not fit the kind (an owner and a property company, …), or an
 *   organisation party is dissolved.
 * - `limits-by-office`: a party filing its own case sets time limits (the office sets them).
 * - `mediator-is-party`: the mediator speaks for a party (is one, leads one, or mediates inside
 *   one): when assigned, and again at every act of an assigned mediator, by the registry as it is
 *   then.
 * - `already-requested`: a party applies for judicial confirmation after the joint request stands.
 * - `already-applied`: a party applies for judicial confirmation twice (the request stands when
 *   every party has applied: art. 33's joint application).
 * - `already-countersigned`: the mediator's signature and seal are given twice.
 * - `earlier-than-last-step`: a command is dated before the case's last event, whatever it was
 *   (the id is older than the rule: an assignment or an escalation request adds no step, and
 *   counts all the same).
 * - `too-many-posts`: the mediator would be assigned under more qualifying posts than an
 *   assignment records ({@link MEDIATOR_POSTS_MAX}).
 * - `two-communities`: a case between two communities has parties in exactly two communities.
 * - `already-consented` / `already-signed`: a party consents or signs twice.
 * - `mediator-level`: the mediator assigned is not a mediator of the case's level (a grid worker
 *   or mediator of the grid; a mediator of the community, or of an organisation in it such as a
 *   volunteer mediation team; a mediator of the street, or of an organisation there such as a
 *   purchased legal-aid office; for a case between two communities, of either community).
 * - `already-assigned`: the mediator is already assigned at this level, under a post they still
 *   hold (an assignment whose posts have all ended may be made again).
 * - `case-not-open`: a mediator is assigned to a case that is closed or awaiting acceptance.
 * - `joint-mediators`: a session of a case between two communities without two different
 *   mediators, one from each community.
 * - `escalation-needs-request`: a mediator escalates with no party's request and before the
 *   level's time limit has passed.
 * - `top-of-ladder`: a street-level case is escalated (it can only be referred out).
 *
 * Authority: a party acts for itself (a person in person, an organisation through one who leads
 * it): consent, refusal, signature, escalation request, application for judicial confirmation,
 * withdrawal. Every act is also impartial by the registry as it is when the act is done (see
 * `impartial`): one who speaks for two parties acts for neither, and a mediator of the case who
 * speaks for a party (a post taken after the assignment) acts neither as mediator nor for it. A
 * party that is a person stays one when they leave the street; an organisation acts through
 * whoever leads it now. The assigned mediators record sessions, draft the agreement,
 * sign and seal it, record failure, fulfilment and breach; an assignment lasts while a post it
 * was made under does (a post ended, by `endRole` or by leaving the street, ends it for good: a
 * new post needs a new assignment).
 * The office of a level — a mediator or registrar over exactly its place (a grid worker too at a
 * grid; a post higher up is another level's office) — files cases there, sets their time limits,
 * assigns mediators and accepts escalated cases. Mediators of a level are mediators of exactly its
 * place, or of an organisation seated there.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  daysHavePassed,
  withinDays,
  decideAfter,
  defineMechanism,
  forbidden,
  isBefore,
  lookup,
  notFound,
  refuseWhen,
  ruleViolation,
  streamId,
  type CaseId,
  type Check,
  type CommunityId,
  type DomainError,
  type AssignmentId,
  type Instant,
  type Mechanism,
  type PersonId,
} from '../core/index.js'
import {
  actsFor,
  authorise,
  communityOf,
  hasParty,
  hasPlace,
  partyNotFound,
  holdersOf,
  leadersOf,
  sameScope,
  loadRegistryContext,
  rolesOf,
  type Assignment,
  type PlaceRef,
  type RegistryContext,
  type RoleKind,
  type ScopeRef,
  type RegistryState,
} from '../community/index.js'
import {
  DisputeCommand,
  DisputeEvent,
  MEDIATOR_POSTS_MAX,
  type Case,
  type CaseKind,
  type CaseStatus,
  type Level,
  type Party,
} from './codecs.js'
import { caseMachine, closedStates, ladder } from './machine.js'

type Cmd<T extends DisputeCommand['type']> = Extract<DisputeCommand, { readonly type: T }>
type Decision = E.Either<DomainError, ReadonlyArray<DisputeEvent>>

/** Checks, then the events: {@link decideAfter} typed for this mechanism's events. */
const decideWith: (checks: ReadonlyArray<Check>, events: () => Decision) => Decision = decideAfter

/** The state of one case's stream: the case, once filed. */
export interface CaseState {
  readonly case: Case | null
}

/** A case stream before filing. */
export const emptyCase: CaseState = { case: null }

/** The stream of a case: `case/<case>`. */
export const caseStream = (id: CaseId) => streamId('case', id)

const stamp = (c: DisputeCommand) => ({ at: c.at, actor: c.actor })

/** The community a party belongs to: where a person lives, or where an organisation sits. */
const communityOfParty = (registry: RegistryState, party: Party): CommunityId | null => {
  const place =
    party.kind === 'person'
      ? (lookup(registry.persons, party.person)?.home ?? null)
      : (lookup(registry.organisations, party.organisation)?.seat ?? null)
  return place === null ? null : communityOf(registry, place)
}

/** Who speaks for a party: the person, or those who lead the organisation now (see `actsFor`). */
const speakersFor = (registry: RegistryState, party: Party): ReadonlyArray<PersonId> =>
  party.kind === 'person' ? [party.person] : leadersOf(registry, party.organisation)

const organisationKind = (registry: RegistryState, party: Party) =>
  party.kind === 'organisation'
    ? lookup(registry.organisations, party.organisation)?.kind
    : undefined

/** Whether the parties are what the case's kind says they are. */
const partiesFitKind = (
  registry: RegistryState,
  kind: CaseKind,
  parties: ReadonlyArray<Party>,
): boolean => {
  const persons = parties.filter((p) => p.kind === 'person').length
  const kinds = parties.map((p) => organisationKind(registry, p))
  switch (kind.kind) {
    case 'owner-vs-owner':
    case 'residents-of-two-communities':
      return persons === parties.length
    case 'owner-vs-owners-committee':
      return persons > 0 && kinds.includes('owners-committee')
    case 'owner-vs-property-company':
      return persons > 0 && kinds.includes('property-company')
    case 'organisations-of-two-communities':
      return persons === 0
    case 'other':
      return true
  }
}

const isBetweenCommunities = (c: Pick<Case, 'kind'>): boolean =>
  c.kind.kind === 'residents-of-two-communities' ||
  c.kind.kind === 'organisations-of-two-communities'

/**
 * The places whose office handles a case at `level`: the grid or community where it arose, the
 * street; at the community level, a case between two communities is both communities' (their
 * joint office).
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

/** Whether `person` holds `role` over exactly `place` (a post above it is another level's). */
const holdsAt = (registry: RegistryState, person: PersonId, role: RoleKind, place: ScopeRef) =>
  holdersOf(registry, role, place).some((a) => a.person === person)

/**
 * The check that the actor is the office of a level: a mediator or registrar over exactly one of
 * its places (a grid worker too at a grid). A post at a higher level is that level's office, not
 * this one's: the ladder keeps its levels apart.
 */
const officeOnly =
  (
    cmd: DisputeCommand,
    registry: RegistryState,
    places: ReadonlyArray<PlaceRef>,
    level: Level,
  ): Check =>
  () =>
    authorise(
      registry,
      cmd.actor,
      cmd.type,
      places.flatMap((scope) => officeRoles(level).map((role) => ({ role, scope, exact: true }))),
    )

/**
 * The posts through which `person` mediates at a place now: mediator of exactly that place (or its
 * grid worker), or mediator of an active organisation seated there (a volunteer mediation team, a
 * purchased legal-aid office).
 */
const mediatingPosts = (
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

/** Whether `person` mediates at a place now (see {@link mediatingPosts}). */
const mediatesAt = (registry: RegistryState, person: PersonId, place: PlaceRef): boolean =>
  mediatingPosts(registry, person, place).length > 0

/** A party as a rule's message names it: its index and its id. */
const partyName = (parties: ReadonlyArray<Party>, index: number): string => {
  const p = parties[index]
  return p === undefined
    ? `party ${index}`
    : `party ${index} (${p.kind === 'person' ? p.person : p.organisation})`
}

/**
 * Whether `person` sides with a party: acts for it (is the person, or leads the organisation),
 * or mediates inside an organisation party.
 */
const sidesWith = (registry: RegistryState, person: PersonId, party: Party): boolean =>
  actsFor(registry, person, party) ||
  (party.kind === 'organisation' &&
    holdsAt(registry, person, 'mediator', { level: 'organisation', id: party.organisation }))

/** In what capacity someone acts on a case: for one of its parties (by index), or as mediator. */
type Capacity = { readonly party: number } | 'mediator'

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
 */
const impartial = (
  registry: RegistryState,
  parties: ReadonlyArray<Party>,
  person: PersonId,
  capacity: Capacity,
): E.Either<DomainError, void> => {
  if (capacity === 'mediator') {
    const sided = parties.findIndex((p) => sidesWith(registry, person, p))
    return refuseWhen(sided >= 0, () =>
      ruleViolation(
        'mediator-is-party',
        `${person} mediates, and speaks for ${partyName(parties, sided)}`,
      ),
    )
  }
  const other = parties.findIndex((p, i) => i !== capacity.party && actsFor(registry, person, p))
  return refuseWhen(other >= 0, () =>
    ruleViolation(
      'two-parties',
      `${person} speaks for ${partyName(parties, capacity.party)} and for ${partyName(parties, other)}`,
    ),
  )
}

const partyAt = (c: Case, index: number): E.Either<DomainError, Party> => {
  const party = c.parties[index]
  return party === undefined ? E.left(notFound('party', String(index))) : E.right(party)
}

/**
 * Whether `person` mediates the case at `place` now: assigned at the case's level, and still
 * holding there a post they were assigned under. A post that ended ends the assignment with it,
 * for good: leaving the street and coming back, or a new post, needs a new assignment.
 */
const mediatesCaseAt = (
  registry: RegistryState,
  c: Case,
  person: PersonId,
  place: PlaceRef,
): boolean => {
  const under = new Set<AssignmentId>(
    c.mediatorPosts.find((m) => m.mediator === person)?.posts ?? [],
  )
  return mediatingPosts(registry, person, place).some((a) => under.has(a.id))
}

/** Whether `person` is a mediator of the case now, at one of its level's places. */
const mediatesCase = (registry: RegistryState, c: Case, person: PersonId): boolean =>
  placesOfLevel(registry, c, c.level).some((p) => mediatesCaseAt(registry, c, person, p))

/**
 * {@link impartial} for an act on case `c` by `person` in `capacity`. One who is a mediator of
 * the case now answers as a mediator whatever the act: a mediator who has come to speak for a
 * party (a post taken after the assignment) acts for it no more than they mediate, until one of
 * the two posts ends.
 */
const impartialOnCase = (
  registry: RegistryState,
  c: Case,
  person: PersonId,
  capacity: Capacity,
): E.Either<DomainError, void> =>
  E.chain(() =>
    capacity !== 'mediator' && mediatesCase(registry, c, person)
      ? impartial(registry, c.parties, person, 'mediator')
      : E.right(undefined),
  )(impartial(registry, c.parties, person, capacity))

/**
 * The check that the actor acts for party `index` (in person, or as one who leads the
 * organisation), and impartially (see {@link impartialOnCase}).
 */
const forParty =
  (cmd: DisputeCommand, c: Case, registry: RegistryState, party: Party, index: number): Check =>
  () =>
    E.chainW(() => impartialOnCase(registry, c, cmd.actor, { party: index }))(
      refuseWhen(!actsFor(registry, cmd.actor, party), () =>
        forbidden(cmd.actor, cmd.type, [
          party.kind === 'person'
            ? `party ${index} (${party.person}) in person`
            : `a leader of party ${index} (${party.organisation})`,
        ]),
      ),
    )

/**
 * The check that the case's table has an edge on `on` from its state (guards aside), so that a
 * move it lacks is an `IllegalTransition` before any rule of the move is judged.
 */
const legal =
  (c: Case, on: Parameters<typeof caseMachine.next>[1]): Check =>
  () =>
    caseMachine.can(c.status, on) ? E.right(undefined) : caseMachine.next(c.status, on)

/**
 * The check that the actor is a mediator of the case now, and speaks for no party now
 * (`mediator-is-party`, see {@link impartial}).
 */
const assignedMediator =
  (cmd: DisputeCommand, c: Case, registry: RegistryState): Check =>
  () =>
    E.chainW(() => impartialOnCase(registry, c, cmd.actor, 'mediator'))(
      refuseWhen(!mediatesCase(registry, c, cmd.actor), () =>
        forbidden(cmd.actor, cmd.type, [`a mediator assigned to ${c.id} at the ${c.level} level`]),
      ),
    )

/**
 * The capacity in which the actor acts on a case where a party or a mediator may act (escalation,
 * referral): for the first party they speak for, else as a mediator of the case, else none.
 */
const capacityOf = (registry: RegistryState, c: Case, person: PersonId): Capacity | null => {
  const party = c.parties.findIndex((p) => actsFor(registry, person, p))
  if (party >= 0) return { party }
  return mediatesCase(registry, c, person) ? 'mediator' : null
}

const next = (c: Case, on: Parameters<typeof caseMachine.next>[1], guards = {}) =>
  caseMachine.next(c.status, on, guards)

// ---------------------------------------------------------------------------------------------

const fileCase = (cmd: Cmd<'fileCase'>, s: CaseState, registry: RegistryState): Decision => {
  if (s.case !== null) return E.left(alreadyExists('case', cmd.case))
  const keys = cmd.parties.map((p) =>
    p.kind === 'person' ? `p:${p.person}` : `o:${p.organisation}`,
  )
  const between = isBetweenCommunities(cmd)
  const communities = between
    ? [...new Set(cmd.parties.map((p) => communityOfParty(registry, p)))]
    : []
  const level: Level = cmd.arose.level
  // The office that may file is the one that will handle the case: for a case between two
  // communities, either community's.
  const draft = {
    arose: cmd.arose,
    communities: communities.filter((x): x is CommunityId => x !== null),
    street: cmd.street,
  }
  return decideWith(
    [
      () =>
        refuseWhen(new Set(keys).size < 2 || keys.length !== new Set(keys).size, () =>
          ruleViolation('two-parties', 'A case has at least two distinct parties'),
        ),
      ...cmd.parties.map(
        (p): Check =>
          () =>
            refuseWhen(!hasParty(registry, p), () => partyNotFound(p)),
      ),
      // Nobody speaks for two sides: a person against the company they lead is no dispute.
      ...cmd.parties.flatMap((p, i) =>
        speakersFor(registry, p).map(
          (voice): Check =>
            () =>
              impartial(registry, cmd.parties, voice, { party: i }),
        ),
      ),
      ...cmd.parties.map(
        (p): Check =>
          () =>
            refuseWhen(
              p.kind === 'organisation' &&
                lookup(registry.organisations, p.organisation)?.status === 'dissolved',
              () =>
                ruleViolation(
                  'kind-parties',
                  `${p.kind === 'organisation' ? p.organisation : ''} is dissolved`,
                ),
            ),
      ),
      () =>
        refuseWhen(!partiesFitKind(registry, cmd.kind, cmd.parties), () =>
          ruleViolation('kind-parties', `The parties do not fit a ${cmd.kind.kind} case`),
        ),
      () =>
        refuseWhen(!hasPlace(registry, cmd.arose), () => notFound(cmd.arose.level, cmd.arose.id)),
      () =>
        refuseWhen(between && (communities.length !== 2 || communities.includes(null)), () =>
          ruleViolation(
            'two-communities',
            'A case between two communities has parties in exactly two communities',
          ),
        ),
      () =>
        cmd.parties.some((p) => actsFor(registry, cmd.actor, p))
          ? E.right(undefined)
          : officeOnly(cmd, registry, placesOfLevel(registry, draft, level), level)(),
      // Time limits are the office's to set: a party filing its own case sets none.
      () =>
        refuseWhen(
          cmd.parties.some((p) => actsFor(registry, cmd.actor, p)) &&
            (cmd.limits.grid !== null || cmd.limits.community !== null),
          () =>
            ruleViolation(
              'limits-by-office',
              'Time limits are set by the office of the level, not by a party',
            ),
        ),
    ],
    () =>
      E.right([
        {
          type: 'caseFiled',
          ...stamp(cmd),
          case: cmd.case,
          street: cmd.street,
          kind: cmd.kind,
          parties: cmd.parties,
          arose: cmd.arose,
          communities: communities.filter((x): x is CommunityId => x !== null),
          summary: cmd.summary,
          limits: cmd.limits,
          level,
        },
      ]),
  )
}

const giveConsent = (cmd: Cmd<'giveConsent'>, c: Case, registry: RegistryState): Decision =>
  E.chainW((party: Party) =>
    decideWith(
      [
        forParty(cmd, c, registry, party, cmd.party),
        () =>
          refuseWhen(c.consents.includes(cmd.party), () =>
            ruleViolation('already-consented', `Party ${cmd.party} has consented already`),
          ),
      ],
      () =>
        E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
          { type: 'consentGiven', ...stamp(cmd), status, party: cmd.party },
        ])(
          next(c, 'giveConsent', {
            'every-party-consents': c.consents.length + 1 === c.parties.length,
          }),
        ),
    ),
  )(partyAt(c, cmd.party))

const refuseMediation = (cmd: Cmd<'refuseMediation'>, c: Case, registry: RegistryState): Decision =>
  E.chainW((party: Party) =>
    decideWith([forParty(cmd, c, registry, party, cmd.party)], () =>
      E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
        { type: 'mediationRefused', ...stamp(cmd), status, party: cmd.party, reason: cmd.reason },
      ])(next(c, 'refuseMediation')),
    ),
  )(partyAt(c, cmd.party))

const assignMediator = (cmd: Cmd<'assignMediator'>, c: Case, registry: RegistryState): Decision => {
  const places = placesOfLevel(registry, c, c.level)
  // The posts that qualify the mediator at the case's level now; the assignment lasts while one
  // of them does.
  const posts = places.flatMap((p) => mediatingPosts(registry, cmd.mediator, p).map((a) => a.id))
  return decideWith(
    [
      officeOnly(cmd, registry, places, c.level),
      () =>
        refuseWhen(!['filed', 'accepted', 'in-mediation'].includes(c.status), () =>
          ruleViolation('case-not-open', `Case ${c.id} is ${c.status}`),
        ),
      () =>
        refuseWhen(lookup(registry.persons, cmd.mediator) === undefined, () =>
          notFound('person', cmd.mediator),
        ),
      () =>
        refuseWhen(!places.some((p) => mediatesAt(registry, cmd.mediator, p)), () =>
          ruleViolation(
            'mediator-level',
            `${cmd.mediator} is not a mediator of the ${c.level} level of case ${c.id}`,
          ),
        ),
      // An assignment whose posts have all ended may be made again, under the posts held now.
      () =>
        refuseWhen(mediatesCase(registry, c, cmd.mediator), () =>
          ruleViolation('already-assigned', `${cmd.mediator} is already assigned`),
        ),
      // A mediator is not one of the sides: not a party, nor a leader or mediator of one.
      () => impartial(registry, c.parties, cmd.mediator, 'mediator'),
      // The registry sets no limit on one person's posts; an assignment records a bounded list.
      () =>
        refuseWhen(posts.length > MEDIATOR_POSTS_MAX, () =>
          ruleViolation(
            'too-many-posts',
            `${cmd.mediator} holds ${posts.length} posts that qualify at the ${c.level} level; an assignment records at most ${MEDIATOR_POSTS_MAX}`,
          ),
        ),
    ],
    () => E.right([{ type: 'mediatorAssigned', ...stamp(cmd), mediator: cmd.mediator, posts }]),
  )
}

/**
 * Whether two different assigned mediators come one from each of the case's two communities (a
 * mediator who has come to speak for a party staffs nothing: see {@link impartial}).
 */
const jointlyStaffed = (registry: RegistryState, c: Case): boolean => {
  const [a, b] = c.communities
  if (a === undefined || b === undefined) return false
  const of = (id: CommunityId) =>
    c.mediators.filter(
      (m) =>
        mediatesCaseAt(registry, c, m, { level: 'community', id }) &&
        E.isRight(impartial(registry, c.parties, m, 'mediator')),
    )
  return of(a).some((m) => of(b).some((n) => n !== m))
}

const holdSession = (cmd: Cmd<'holdSession'>, c: Case, registry: RegistryState): Decision =>
  decideWith(
    [
      assignedMediator(cmd, c, registry),
      ...cmd.attended.map(
        (p): Check =>
          () =>
            refuseWhen(lookup(registry.persons, p) === undefined, () => notFound('person', p)),
      ),
      () =>
        refuseWhen(
          c.level === 'community' && c.communities.length === 2 && !jointlyStaffed(registry, c),
          () =>
            ruleViolation(
              'joint-mediators',
              'The joint office mediates with a mediator from each community',
            ),
        ),
    ],
    () =>
      E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
        {
          type: 'sessionHeld',
          ...stamp(cmd),
          status,
          attended: cmd.attended,
          outcome: cmd.outcome,
        },
      ])(next(c, 'holdSession')),
  )

const draftAgreement = (cmd: Cmd<'draftAgreement'>, c: Case, registry: RegistryState): Decision =>
  decideWith([assignedMediator(cmd, c, registry)], () =>
    E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
      { type: 'agreementDrafted', ...stamp(cmd), status, terms: cmd.terms },
    ])(next(c, 'draftAgreement')),
  )

const signAgreement = (cmd: Cmd<'signAgreement'>, c: Case, registry: RegistryState): Decision =>
  E.chainW((party: Party) => {
    const signed = c.agreement?.signatures ?? []
    return decideWith(
      [
        forParty(cmd, c, registry, party, cmd.party),
        () =>
          refuseWhen(
            signed.some((sig) => sig.party === cmd.party),
            () => ruleViolation('already-signed', `Party ${cmd.party} has signed already`),
          ),
      ],
      () =>
        E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
          { type: 'agreementSigned', ...stamp(cmd), status, party: cmd.party },
        ])(
          // The agreement takes effect when the last party signs after the mediator has.
          next(c, 'signAgreement', {
            'signed-and-sealed':
              signed.length + 1 === c.parties.length &&
              (c.agreement?.mediatorSignature ?? null) !== null,
          }),
        ),
    )
  })(partyAt(c, cmd.party))

const countersignAgreement = (
  cmd: Cmd<'countersignAgreement'>,
  c: Case,
  registry: RegistryState,
): Decision =>
  decideWith(
    [
      assignedMediator(cmd, c, registry),
      legal(c, 'countersignAgreement'),
      () =>
        refuseWhen((c.agreement?.mediatorSignature ?? null) !== null, () =>
          ruleViolation(
            'already-countersigned',
            'The mediator has signed and sealed the agreement already',
          ),
        ),
    ],
    () =>
      E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
        { type: 'agreementCountersigned', ...stamp(cmd), status, committee: cmd.committee },
      ])(
        // The agreement takes effect when the mediator signs after every party has.
        next(c, 'countersignAgreement', {
          'signed-and-sealed': (c.agreement?.signatures.length ?? 0) === c.parties.length,
        }),
      ),
  )

/**
 * Whether `at` is within 30 days of `from`, the window for judicial confirmation (People's
 * Mediation Law art. 33), counted as the law counts days (Civil Procedure Law art. 85, Civil Code
 * arts. 201/203): the day the agreement took effect is not counted, and the window ends at 24:00
 * of its 30th day, in the library's calendar zone (see `periods.ts`).
 */
const within30Days = (from: Instant | null, at: Instant): boolean =>
  from !== null && withinDays(from, 30, at)

const mediatorRecord = (
  cmd: Cmd<'recordFailure'> | Cmd<'recordFulfilment'> | Cmd<'recordBreach'>,
  c: Case,
  registry: RegistryState,
): Decision =>
  decideWith([assignedMediator(cmd, c, registry)], () =>
    E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => {
      switch (cmd.type) {
        case 'recordFailure':
          return [{ type: 'mediationFailed', ...stamp(cmd), status, reason: cmd.reason }]
        case 'recordFulfilment':
          return [{ type: 'agreementFulfilled', ...stamp(cmd), status, note: cmd.note }]
        case 'recordBreach':
          return [{ type: 'agreementBreached', ...stamp(cmd), status, note: cmd.note }]
      }
    })(next(c, cmd.type)),
  )

/**
 * A party's application for judicial confirmation. The application is joint (art. 33): each
 * party applies for itself within the window, and the request stands — a second event,
 * `judicialConfirmationRequested` — with the last party's application.
 */
const requestJudicialConfirmation = (
  cmd: Cmd<'requestJudicialConfirmation'>,
  c: Case,
  registry: RegistryState,
): Decision =>
  E.chainW((party: Party) => {
    const applied = c.agreement?.applications ?? []
    return decideWith(
      [
        forParty(cmd, c, registry, party, cmd.party),
        legal(c, 'requestJudicialConfirmation'),
        () =>
          refuseWhen((c.agreement?.confirmationRequestedAt ?? null) !== null, () =>
            ruleViolation(
              'already-requested',
              'Every party has applied: judicial confirmation has been requested already',
            ),
          ),
        () =>
          refuseWhen(
            applied.some((a) => a.party === cmd.party),
            () =>
              ruleViolation(
                'already-applied',
                `Party ${cmd.party} has applied for judicial confirmation already`,
              ),
          ),
      ],
      () =>
        E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
          { type: 'judicialConfirmationApplied', ...stamp(cmd), status, party: cmd.party },
          ...(applied.length + 1 === c.parties.length
            ? [{ type: 'judicialConfirmationRequested' as const, ...stamp(cmd), status }]
            : []),
        ])(
          next(c, 'requestJudicialConfirmation', {
            'within-30-days': within30Days(c.agreement?.effectiveAt ?? null, cmd.at),
          }),
        ),
    )
  })(partyAt(c, cmd.party))

const requestEscalation = (
  cmd: Cmd<'requestEscalation'>,
  c: Case,
  registry: RegistryState,
): Decision =>
  E.chainW((party: Party) =>
    decideWith(
      [
        forParty(cmd, c, registry, party, cmd.party),
        () => next(c, 'escalateCase'),
        () =>
          refuseWhen(c.level === 'street', () =>
            ruleViolation('top-of-ladder', 'A street-level case can only be referred out'),
          ),
      ],
      () =>
        E.right([
          { type: 'escalationRequested', ...stamp(cmd), party: cmd.party, reason: cmd.reason },
        ]),
    ),
  )(partyAt(c, cmd.party))

/** The level above `level` (null at the top). */
export const nextLevel = (level: Level): Level | null => {
  const i = ladder.indexOf(level)
  return ladder[i + 1] ?? null
}

/**
 * Whether the case has stayed at its level past the level's time limit by `at`: the limit's days
 * are counted as the law counts days, like the 30-day window — the day the level's office took the
 * case is not counted, and the limit has passed from 24:00 of its last day (see `periods.ts`).
 */
const pastTimeLimit = (c: Case, at: Instant): boolean => {
  const limit = c.level === 'street' ? null : c.limits[c.level]
  return limit !== null && daysHavePassed(c.levelSince, limit, at)
}

const escalateCase = (cmd: Cmd<'escalateCase'>, c: Case, registry: RegistryState): Decision => {
  const capacity = capacityOf(registry, c, cmd.actor)
  const byParty = capacity !== null && capacity !== 'mediator'
  const to = nextLevel(c.level)
  return decideWith(
    [
      () =>
        capacity === null
          ? E.left(
              forbidden(cmd.actor, cmd.type, [
                `a party to ${c.id}`,
                `a mediator assigned to ${c.id} at the ${c.level} level`,
              ]),
            )
          : impartialOnCase(registry, c, cmd.actor, capacity),
      () =>
        refuseWhen(to === null, () =>
          ruleViolation('top-of-ladder', 'A street-level case can only be referred out'),
        ),
      () =>
        refuseWhen(!byParty && !c.escalationRequested && !pastTimeLimit(c, cmd.at), () =>
          ruleViolation(
            'escalation-needs-request',
            `No party asked, and the ${c.level} level's time limit has not passed`,
          ),
        ),
    ],
    () =>
      E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
        {
          type: 'caseEscalated',
          ...stamp(cmd),
          status,
          from: c.level,
          to: to ?? c.level,
          reason: cmd.reason,
        },
      ])(next(c, 'escalateCase')),
  )
}

const acceptEscalation = (
  cmd: Cmd<'acceptEscalation'>,
  c: Case,
  registry: RegistryState,
): Decision =>
  decideWith([officeOnly(cmd, registry, placesOfLevel(registry, c, c.level), c.level)], () =>
    E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
      { type: 'escalationAccepted', ...stamp(cmd), status },
    ])(next(c, 'acceptEscalation')),
  )

const referOut = (cmd: Cmd<'referOut'>, c: Case, registry: RegistryState): Decision =>
  decideWith(
    [
      () => {
        // A party or a mediator of the case refers it out, impartially; else only the office.
        const capacity = capacityOf(registry, c, cmd.actor)
        return capacity === null
          ? officeOnly(cmd, registry, placesOfLevel(registry, c, c.level), c.level)()
          : impartialOnCase(registry, c, cmd.actor, capacity)
      },
    ],
    () =>
      E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
        { type: 'caseReferredOut', ...stamp(cmd), status, to: cmd.to, reason: cmd.reason },
      ])(next(c, 'referOut')),
  )

const withdrawCase = (cmd: Cmd<'withdrawCase'>, c: Case, registry: RegistryState): Decision =>
  E.chainW((party: Party) =>
    decideWith([forParty(cmd, c, registry, party, cmd.party)], () =>
      E.map((status: CaseStatus): ReadonlyArray<DisputeEvent> => [
        { type: 'caseWithdrawn', ...stamp(cmd), status, party: cmd.party, reason: cmd.reason },
      ])(next(c, 'withdrawCase')),
    ),
  )(partyAt(c, cmd.party))

/** Decides a dispute command against its case, with the street's registry as context. */
export const decideDispute = (
  cmd: DisputeCommand,
  s: CaseState,
  context: RegistryContext,
): E.Either<DomainError, ReadonlyArray<DisputeEvent>> => {
  const registry = context.registry
  if (registry.street === null || registry.street.id !== cmd.street)
    return E.left(notFound('street registry', cmd.street))
  if (cmd.type === 'fileCase') return fileCase(cmd, s, registry)
  const c = s.case
  // A case answers to its own street's registry, never to one named by the command.
  if (c === null || c.street !== cmd.street)
    return E.left(notFound('case', `${cmd.case} of ${cmd.street}`))
  // A case's record runs forward, every event of it (an assignment or an escalation request adds
  // no step): time limits and the 30-day window are read from it. The rule keeps its first id.
  if (isBefore(cmd.at, c.lastAt))
    return E.left(
      ruleViolation(
        'earlier-than-last-step',
        `${cmd.at} is before the case's last event (${c.lastAt})`,
      ),
    )
  switch (cmd.type) {
    case 'giveConsent':
      return giveConsent(cmd, c, registry)
    case 'refuseMediation':
      return refuseMediation(cmd, c, registry)
    case 'assignMediator':
      return assignMediator(cmd, c, registry)
    case 'holdSession':
      return holdSession(cmd, c, registry)
    case 'draftAgreement':
      return draftAgreement(cmd, c, registry)
    case 'signAgreement':
      return signAgreement(cmd, c, registry)
    case 'countersignAgreement':
      return countersignAgreement(cmd, c, registry)
    case 'recordFailure':
    case 'recordFulfilment':
    case 'recordBreach':
      return mediatorRecord(cmd, c, registry)
    case 'requestJudicialConfirmation':
      return requestJudicialConfirmation(cmd, c, registry)
    case 'requestEscalation':
      return requestEscalation(cmd, c, registry)
    case 'escalateCase':
      return escalateCase(cmd, c, registry)
    case 'acceptEscalation':
      return acceptEscalation(cmd, c, registry)
    case 'referOut':
      return referOut(cmd, c, registry)
    case 'withdrawCase':
      return withdrawCase(cmd, c, registry)
  }
}

// ---------------------------------------------------------------------------------------------
// The reducer

/** Moves the case to the state an event records, keeps the step, and notes when it closed. */
const move = (
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

/** A party as a timeline names it: its index and its id. */
const partyLabel = (p: Party, index: number): string =>
  `party ${index} (${p.kind === 'person' ? p.person : p.organisation})`

/** The reducer of a case as an immer recipe; it trusts its events and never refuses one. */
export const applyDisputeEvent = (draft: Draft<CaseState>, e: DisputeEvent): void => {
  if (e.type === 'caseFiled') {
    draft.case = {
      id: e.case,
      street: e.street,
      kind: { ...e.kind },
      parties: e.parties.map((p) => ({ ...p })),
      arose: { ...e.arose },
      communities: [...e.communities],
      summary: e.summary,
      limits: { ...e.limits },
      status: caseMachine.initial,
      level: e.level,
      levelSince: e.at,
      mediators: [],
      mediatorPosts: [],
      consents: [],
      escalationRequested: false,
      sessions: [],
      agreement: null,
      filedAt: e.at,
      closedAt: null,
      closedLevel: null,
      steps: [
        {
          to: caseMachine.initial,
          on: e.type,
          at: e.at,
          actor: e.actor,
          level: e.level,
          note: null,
        },
      ],
      lastAt: e.at,
    }
    return
  }
  const c = draft.case
  if (c === null) return
  // Every event dates the case, a step or not: its record runs forward from here.
  c.lastAt = e.at
  switch (e.type) {
    case 'consentGiven':
      c.consents.push(e.party)
      move(c, e, null)
      return
    case 'mediationRefused':
      move(c, e, e.reason)
      return
    case 'mediatorAssigned': {
      // A mediator assigned again (their earlier posts ended) keeps their place in the list.
      const held = c.mediatorPosts.find((m) => m.mediator === e.mediator)
      if (held === undefined) {
        c.mediators.push(e.mediator)
        c.mediatorPosts.push({ mediator: e.mediator, posts: [...e.posts] })
      } else held.posts = [...e.posts]
      return
    }
    case 'sessionHeld':
      c.sessions.push({
        at: e.at,
        level: c.level,
        mediators: [...c.mediators],
        attended: [...e.attended],
        outcome: e.outcome,
      })
      move(c, e, e.outcome)
      return
    case 'agreementDrafted':
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
      move(c, e, null)
      return
    case 'agreementSigned':
      c.agreement?.signatures.push({ party: e.party, by: e.actor, at: e.at })
      if (e.status === 'agreed' && c.agreement !== null) c.agreement.effectiveAt = e.at
      move(c, e, null)
      return
    case 'mediationFailed':
      move(c, e, e.reason)
      return
    case 'agreementCountersigned':
      if (c.agreement !== null) {
        c.agreement.mediatorSignature = { by: e.actor, at: e.at, committee: e.committee }
        if (e.status === 'agreed') c.agreement.effectiveAt = e.at
      }
      move(c, e, `signed with the seal of ${e.committee}`)
      return
    case 'judicialConfirmationApplied': {
      c.agreement?.applications.push({ party: e.party, by: e.actor, at: e.at })
      // The step says who has applied and who has not yet, as things stood then.
      const applied = c.agreement?.applications.map((a) => a.party) ?? []
      const awaiting = c.parties.flatMap((p, i) => (applied.includes(i) ? [] : [partyLabel(p, i)]))
      const who = c.parties[e.party]
      move(
        c,
        e,
        `${who === undefined ? `party ${e.party}` : partyLabel(who, e.party)} applied; ${
          awaiting.length === 0 ? 'every party has applied' : `awaiting ${awaiting.join(', ')}`
        }`,
      )
      return
    }
    case 'judicialConfirmationRequested':
      if (c.agreement !== null) c.agreement.confirmationRequestedAt = e.at
      move(c, e, `jointly by ${c.parties.map((p, i) => partyLabel(p, i)).join(', ')}`)
      return
    case 'agreementFulfilled':
    case 'agreementBreached':
      move(c, e, e.note)
      return
    case 'escalationRequested':
      c.escalationRequested = true
      return
    case 'caseEscalated':
      move(c, e, e.reason)
      c.level = e.to
      c.levelSince = e.at
      // The next level's office assigns its own mediators; a request is answered.
      c.mediators = []
      c.mediatorPosts = []
      c.escalationRequested = false
      // A draft of the level below is not the new level's: its office starts afresh.
      c.agreement = null
      return
    case 'escalationAccepted':
      move(c, e, null)
      // The new level's time runs from when its office took the case.
      c.levelSince = e.at
      return
    case 'caseReferredOut':
      move(c, e, `${e.to}: ${e.reason}`)
      return
    case 'caseWithdrawn':
      move(c, e, e.reason)
      return
  }
}

/**
 * Dispute coordination (矛盾纠纷化解): one stream per case, the registry as context.
 *
 * @example
 * ```ts
 * import { createEngine, combine, community, dispute } from 'governance-kit'
 * const engine = createEngine({ decider: combine('street', { community, dispute }) })
 * ```
 */
export const dispute: Mechanism<DisputeCommand, DisputeEvent, CaseState, RegistryContext> =
  defineMechanism({
    name: 'dispute',
    commands: DisputeCommand,
    events: DisputeEvent,
    initialState: emptyCase,
    streamOf: (c: DisputeCommand) => caseStream(c.case),
    decide: decideDispute,
    apply: applyDisputeEvent,
    loadContext: loadRegistryContext,
  })
