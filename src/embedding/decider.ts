/**
 * The embedding decider (嵌入机制): organisation embedding 组织嵌入 and member embedding 党员嵌入,
 * decided on the street registry's own stream.
 *
 * It takes every registry command too, and decides it with the registry's decider, so that the
 * branches it founds are the registry's organisations (one party tree) and its rules hold
 * atomically with the registry's: a branch with members cannot be dissolved, and a member who
 * leaves the street is transferred out with the departure.
 *
 * Rules (the `rule` of each {@link RuleViolation}), beside the registry's and the lifecycle
 * tables' (an illegal move is an `IllegalTransition` naming the member's state):
 * - `earlier-than-last-event`: a command is dated before the stream's last event, registry or
 *   embedding (the registry's rule, checked once for every command on the stream, with the
 *   `lastAt` the registry state keeps for embedding's events too).
 * - `party-organisation`: members, first secretaries and candidates belong to an active party
 *   organisation (committee, branch or group).
 * - `not-a-resident`: a member found, or reporting, does not live in the street (or community).
 * - `outside-organisation`: a member is recorded by an organisation that does not work where
 *   they live.
 * - `own-record`: a secretary acts on their own member or candidate record.
 * - `report-to-community`: the organisation reported to is not one of that community (neither
 *   place contains the other).
 * - `already-a-member` / `already-a-candidate`: a person is developed while a member, or
 *   recorded as a member while being developed.
 * - `duty-place`: a duty's place, or a household led, lies outside the member's community.
 * - `household-self`: a member is given their own household to lead.
 * - `household-already-led`: a household is already led by a member (one member, one household).
 * - `probation-year-served`: a probationary member is confirmed before a calendar year has
 *   passed, counted in the calendar zone ({@link addYears}).
 * - `member-or-activist`: a commendation goes to someone who is neither an enrolled member nor
 *   a candidate being developed.
 * - `commendation-year`: a commendation is for a year other than the current or the last, the
 *   year being read in the calendar zone ({@link CALENDAR_ZONE}, 北京时间), whatever offset the
 *   command's instant is written in.
 * - `temporary-branch-only`: a conversion is asked of a branch that is not temporary.
 * - `members-need-an-organisation`: a temporary branch with members is converted without
 *   naming the organisation they move to.
 * - `members-enrolled`: an organisation is dissolved while members or candidates belong to it
 *   (transfer them first, or convert a temporary branch).
 * - `organisation-active`: funds are allotted to a dissolved organisation.
 *
 * Authority: founding a branch, sending a first secretary and converting a branch need what the
 * registry's own commands need (the secretary of the parent organisation, or of one above it such
 * as the street party committee; a registrar for non-party bodies). Everything about a member or
 * candidate needs the secretary of their organisation (or of one above it), never themselves; a
 * member is recorded by a secretary before they report, and reports to a community themselves;
 * funds come from the secretary above the organisation or the street's registrar. A member who
 * is transferred out or lapses loses their duties and their posts over party organisations.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { castDraft, type Draft } from 'immer'
import {
  addYears,
  alreadyExists,
  calendarDate,
  checkAll,
  decideAfter,
  decideInOrder,
  defineMechanism,
  draftOf,
  forbidden,
  inZone,
  insert,
  isBefore,
  lookup,
  notFound,
  refuseWhen,
  remove,
  ruleViolation,
  valuesOf,
  type DomainError,
  type Instant,
  type Mechanism,
  type OrganisationId,
  type PersonId,
} from '../core/index.js'
import {
  CommunityCommand,
  CommunityEvent,
  applyCommunityEvent,
  authorise,
  community,
  communityOf,
  decideCommunity,
  endPosts,
  isPartyOrganisation,
  isWithin,
  livesWithin,
  overlaps,
  registryStream,
  rolesOf,
  runsForward,
  type Organisation,
  type PlaceRef,
  type RegistryState,
  type RoleRequirement,
} from '../community/index.js'
import {
  EmbeddingCommand,
  EmbeddingEvent,
  type DevelopmentStage,
  type DutySpec,
  type EmbeddingOwnCommand,
  type EmbeddingOwnEvent,
  type Member,
  type MemberStatus,
} from './codecs.js'
import {
  developmentMachine,
  dutyMachine,
  enrolledStates,
  memberMachine,
  onRecordStates,
} from './machine.js'
import { candidateStageOf, memberStatusOf } from './queries.js'
import { emptyEmbedding, type EmbeddingState } from './state.js'

type Own<T extends EmbeddingOwnCommand['type']> = Extract<EmbeddingOwnCommand, { readonly type: T }>
type Decision = E.Either<DomainError, ReadonlyArray<EmbeddingEvent>>

const registryCommandTypes: ReadonlySet<string> = new Set(CommunityCommand.tags)
const registryEventTypes: ReadonlySet<string> = new Set(CommunityEvent.tags)

/** Whether a command is one of the registry's (decided by the registry's decider). */
const isRegistryCommand = (c: EmbeddingCommand): c is CommunityCommand =>
  registryCommandTypes.has(c.type)

/** Whether an event is one of the registry's (folded by the registry's reducer). */
const isRegistryEvent = (e: EmbeddingEvent): e is CommunityEvent => registryEventTypes.has(e.type)

const secretaryOf = (organisation: OrganisationId): RoleRequirement => ({
  role: 'secretary',
  scope: { level: 'organisation', id: organisation },
})

/** The organisation, if it exists and is an active party organisation; a refusal otherwise. */
const activePartyOrganisation = (
  registry: RegistryState,
  id: OrganisationId,
): E.Either<DomainError, Organisation> => {
  const o = lookup(registry.organisations, id)
  if (o === undefined) return E.left(notFound('organisation', id))
  return isPartyOrganisation(o) && o.status === 'active'
    ? E.right(o)
    : E.left(ruleViolation('party-organisation', `${o.name} is not an active party organisation`))
}

const personExists = (registry: RegistryState, person: PersonId) => () =>
  refuseWhen(lookup(registry.persons, person) === undefined, () => notFound('person', person))

/** A person being developed is not yet a member: they cannot be found or report as one. */
const notACandidate = (s: EmbeddingState, person: PersonId, name: string) => () =>
  refuseWhen(developmentMachine.can(candidateStageOf(s, person), 'dropCandidate'), () =>
    ruleViolation('already-a-candidate', `${name} is being developed as a member`),
  )

/**
 * Nobody decides on their own record: a secretary does not develop, commend, task, grade or
 * remove themselves (as nobody appoints themselves in the registry).
 */
const notOwnRecord = (c: EmbeddingCommand, person: PersonId) => () =>
  refuseWhen(c.actor === person, () =>
    ruleViolation('own-record', `${c.actor} cannot ${c.type} on their own record`),
  )

/** The member on record, or NotFound. */
const memberOf = (s: EmbeddingState, person: PersonId): E.Either<DomainError, Member> => {
  const member = lookup(s.members, person)
  return member === undefined ? E.left(notFound('member', person)) : E.right(member)
}

/** The envelope every event of a command carries. */
const stamp = (c: EmbeddingCommand) => ({ at: c.at, actor: c.actor })

/**
 * The `dutyEnded` events that end all of a member's duties, one after another through the
 * member table (a member with a duty goes back to reported when the last one ends), and the
 * member's state after them.
 */
const endAllDuties = (
  c: EmbeddingCommand,
  member: Member,
  reason: string,
): { readonly events: ReadonlyArray<EmbeddingEvent>; readonly status: MemberStatus } => {
  let status = member.status
  const events: EmbeddingEvent[] = []
  member.duties.forEach((duty, i) => {
    const next = memberMachine.next(status, 'endDuty', {
      'other-duties-remain': member.duties.length - i > 1,
    })
    // Every state that holds duties has an endDuty edge; keep the state if a table ever lacks it.
    if (E.isRight(next)) status = next.right
    events.push({ type: 'dutyEnded', ...stamp(c), person: member.person, status, duty, reason })
  })
  return { events, status }
}

/**
 * The events that take a member out of the street's organisations (transfer or lapse): their
 * duties end first and, when `endingPosts` (a departure ends them in the registry already), their
 * posts over party organisations, so that a former member keeps no party authority.
 */
const leaveEvents = (
  c: EmbeddingCommand,
  s: EmbeddingState,
  member: Member,
  on: 'transferMemberOut' | 'lapseMember',
  detail: string,
  endingPosts: boolean,
): E.Either<DomainError, ReadonlyArray<EmbeddingEvent>> => {
  const ended = endAllDuties(c, member, detail)
  const posts = endingPosts
    ? rolesOf(s.registry, member.person).filter((a) => {
        if (a.scope.level !== 'organisation') return false
        const o = lookup(s.registry.organisations, a.scope.id)
        return o !== undefined && isPartyOrganisation(o)
      })
    : []
  return E.map((status: MemberStatus): ReadonlyArray<EmbeddingEvent> => [
    ...ended.events,
    ...endPosts(c, posts, `the member left the street's party organisations (${detail})`),
    on === 'transferMemberOut'
      ? {
          type: 'memberTransferredOut',
          ...stamp(c),
          person: member.person,
          status,
          destination: detail,
        }
      : { type: 'memberLapsed', ...stamp(c), person: member.person, status, reason: detail },
  ])(memberMachine.next(ended.status, on))
}

// ---------------------------------------------------------------------------------------------
// Registry commands, with what embedding adds to them

/** Members and candidates whose organisation is `organisation` and who are still on record. */
const peopleOf = (s: EmbeddingState, organisation: OrganisationId) => ({
  members: valuesOf(s.members).filter(
    (m) => m.organisation === organisation && onRecordStates.has(m.status),
  ),
  candidates: valuesOf(s.candidates).filter(
    (k) => k.organisation === organisation && !developmentMachine.final.includes(k.stage),
  ),
})

const decideRegistryCommand = (c: CommunityCommand, s: EmbeddingState): Decision => {
  const decided = decideCommunity(c, s.registry)
  if (E.isLeft(decided)) return decided
  if (c.type === 'dissolveOrganisation') {
    // Checked after the registry's own rules and authority, so a stranger learns nothing.
    const people = peopleOf(s, c.organisation)
    const count = people.members.length + people.candidates.length
    return count === 0
      ? decided
      : E.left(
          ruleViolation(
            'members-enrolled',
            `${count} member(s) or candidate(s) still belong to ${c.organisation}; transfer them first`,
          ),
        )
  }
  if (c.type === 'moveResident') return E.map(appendTo(decided.right))(movedEvents(c, s))
  if (c.type !== 'recordDeparture') return decided
  // Whoever leaves the street leaves its organisations: a member is transferred out with the
  // departure, and a candidate's development stops.
  const extra: EmbeddingEvent[] = [...householdLeftEvents(c, s, c.person, null)]
  const member = lookup(s.members, c.person)
  if (member !== undefined && memberMachine.can(member.status, 'transferMemberOut')) {
    const leaving = leaveEvents(c, s, member, 'transferMemberOut', c.destination, false)
    if (E.isRight(leaving)) extra.push(...leaving.right)
  }
  const stage = candidateStageOf(s, c.person)
  if (developmentMachine.can(stage, 'dropCandidate'))
    extra.push({
      type: 'candidateDropped',
      ...stamp(c),
      person: c.person,
      stage: 'dropped',
      reason: `left the street for ${c.destination}`,
    })
  return E.right([...decided.right, ...extra])
}

const appendTo =
  (first: ReadonlyArray<EmbeddingEvent>) =>
  (rest: ReadonlyArray<EmbeddingEvent>): ReadonlyArray<EmbeddingEvent> => [...first, ...rest]

/**
 * When the head of a household led by a member moves out of that member's community, or out of
 * the street (`to` null), the duty of leading it ends: a member leads households where they live.
 */
const householdLeftEvents = (
  c: CommunityCommand,
  s: EmbeddingState,
  person: PersonId,
  to: PlaceRef | null,
): ReadonlyArray<EmbeddingEvent> => {
  const dutyId = lookup(s.householdLeads, person)
  const duty = dutyId === undefined ? undefined : lookup(s.duties, dutyId)
  const leader = duty === undefined ? undefined : lookup(s.members, duty.member)
  if (duty === undefined || leader === undefined) return []
  if (to !== null && inMemberCommunity(s, leader, to)) return []
  const next = memberMachine.next(leader.status, 'endDuty', {
    'other-duties-remain': leader.duties.length > 1,
  })
  return E.isLeft(next)
    ? []
    : [
        {
          type: 'dutyEnded',
          ...stamp(c),
          person: leader.person,
          status: next.right,
          duty: duty.id,
          reason: `the household of ${person} moved away`,
        },
      ]
}

/**
 * What a move inside the street changes for embedding: a led household that leaves its
 * member's community ends that duty; an enrolled member who moves to another community leaves
 * their duties there and is `contacted` again, to report 报到 to their new community.
 */
const movedEvents = (
  c: Extract<CommunityCommand, { readonly type: 'moveResident' }>,
  s: EmbeddingState,
): E.Either<DomainError, ReadonlyArray<EmbeddingEvent>> => {
  const household = householdLeftEvents(c, s, c.person, c.to)
  const member = lookup(s.members, c.person)
  if (
    member === undefined ||
    !memberMachine.can(member.status, 'moveResident') ||
    inMemberCommunity(s, member, c.to)
  )
    return E.right(household)
  const ended = endAllDuties(c, member, 'the member moved to another community')
  return E.map((status: MemberStatus): ReadonlyArray<EmbeddingEvent> => [
    ...household,
    ...ended.events,
    {
      type: 'memberLeftCommunity',
      ...stamp(c),
      person: member.person,
      status,
      community: member.community,
    },
  ])(memberMachine.next(ended.status, 'moveResident'))
}

// ---------------------------------------------------------------------------------------------
// Organisation embedding

/** The registry command an embedding command asks of the registry, with the same envelope. */
const asRegistry = (c: EmbeddingOwnCommand) => ({
  commandId: c.commandId,
  at: c.at,
  actor: c.actor,
  street: c.street,
})

/**
 * Decides registry commands in turn on behalf of the embedding command `c`. A refusal for want
 * of a role names `c`, the command the actor sent, rather than the registry command inside it.
 */
const decideInRegistry = (
  c: EmbeddingOwnCommand,
  s: EmbeddingState,
  steps: ReadonlyArray<CommunityCommand>,
): E.Either<
  DomainError,
  { readonly events: ReadonlyArray<CommunityEvent>; readonly state: RegistryState }
> => {
  const decided = decideInOrder(community, s.registry, steps, undefined)
  if (E.isRight(decided)) return decided
  const error = decided.left
  return E.left(
    error.code === 'Forbidden' ? forbidden(error.actor, c.type, error.missingRole) : error,
  )
}

const foundBranch = (c: Own<'foundBranch'>, s: EmbeddingState): Decision => {
  const steps: CommunityCommand[] = [
    { type: 'registerOrganisation', ...asRegistry(c), organisation: c.organisation },
  ]
  if (c.secretary !== undefined)
    steps.push({
      type: 'appointRole',
      ...asRegistry(c),
      assignment: c.secretary.assignment,
      person: c.secretary.person,
      role: 'secretary',
      scope: { level: 'organisation', id: c.organisation.id },
    })
  return E.map(({ events }: { readonly events: ReadonlyArray<CommunityEvent> }) => [
    ...events,
    {
      type: 'branchFounded' as const,
      ...stamp(c),
      organisation: c.organisation.id,
      among: c.among,
    },
  ])(decideInRegistry(c, s, steps))
}

const convertBranch = (c: Own<'convertBranch'>, s: EmbeddingState): Decision => {
  const branch = lookup(s.registry.organisations, c.branch)
  if (branch === undefined) return E.left(notFound('organisation', c.branch))
  if (branch.kind !== 'party-branch' || branch.branch.kind !== 'temporary')
    return E.left(
      ruleViolation('temporary-branch-only', `${branch.name} is not a temporary party branch`),
    )
  const people = peopleOf(s, c.branch)
  const movers = [...people.members.map((m) => m.person), ...people.candidates.map((k) => k.person)]
  const membersTo = c.membersTo
  const steps: CommunityCommand[] = [
    { type: 'registerOrganisation', ...asRegistry(c), organisation: c.into },
    { type: 'dissolveOrganisation', ...asRegistry(c), organisation: c.branch, reason: c.reason },
  ]
  return E.chainW(
    ({
      events,
      state,
    }: {
      readonly events: ReadonlyArray<CommunityEvent>
      readonly state: RegistryState
    }) =>
      E.map((): ReadonlyArray<EmbeddingEvent> => [
        ...events,
        ...(membersTo === null
          ? []
          : movers.map((person) => ({
              type: 'memberMoved' as const,
              ...stamp(c),
              person,
              from: c.branch,
              to: membersTo,
            }))),
        {
          type: 'branchConverted' as const,
          ...stamp(c),
          branch: c.branch,
          into: c.into.id,
          membersTo,
          reason: c.reason,
        },
      ])(
        // Checked after the new body is registered, so that the members may move into it (a
        // temporary branch made permanent).
        checkAll(
          () =>
            refuseWhen(movers.length > 0 && membersTo === null, () =>
              ruleViolation(
                'members-need-an-organisation',
                `${branch.name} has ${movers.length} member(s) or candidate(s); name the organisation they move to`,
              ),
            ),
          () =>
            membersTo === null
              ? E.right(undefined)
              : checkAll(
                  () => activePartyOrganisation(state, membersTo),
                  // Members go only where the converter answers for them.
                  () => authorise(state, c.actor, c.type, [secretaryOf(membersTo)]),
                ),
        ),
      ),
  )(decideInRegistry(c, s, steps))
}

const allotFunds = (c: Own<'allotFunds'>, s: EmbeddingState): Decision => {
  const o = lookup(s.registry.organisations, c.organisation)
  if (o === undefined) return E.left(notFound('organisation', c.organisation))
  const street = s.registry.street
  const anyOf: RoleRequirement[] = []
  if ('parent' in o && o.parent !== null) anyOf.push(secretaryOf(o.parent))
  if (street !== null) anyOf.push({ role: 'registrar', scope: { level: 'street', id: street.id } })
  return E.map((): ReadonlyArray<EmbeddingEvent> => [
    {
      type: 'fundsAllotted',
      ...stamp(c),
      organisation: c.organisation,
      amount: c.amount,
      purpose: c.purpose,
    },
  ])(
    checkAll(
      () => authorise(s.registry, c.actor, c.type, anyOf),
      () =>
        refuseWhen(o.status !== 'active', () =>
          ruleViolation('organisation-active', `${o.name} is ${o.status}`),
        ),
    ),
  )
}

const sendFirstSecretary = (c: Own<'sendFirstSecretary'>, s: EmbeddingState): Decision =>
  E.chainW(() =>
    E.map(({ events }: { readonly events: ReadonlyArray<CommunityEvent> }) => [
      ...events,
      {
        type: 'firstSecretarySent' as const,
        ...stamp(c),
        organisation: c.organisation,
        person: c.person,
        assignment: c.assignment,
        sentBy: c.sentBy,
      },
    ])(
      decideInRegistry(c, s, [
        {
          type: 'appointRole',
          ...asRegistry(c),
          assignment: c.assignment,
          person: c.person,
          role: 'first-secretary',
          scope: { level: 'organisation', id: c.organisation },
        },
      ]),
    ),
  )(activePartyOrganisation(s.registry, c.organisation))

// ---------------------------------------------------------------------------------------------
// Member embedding

const discoverMember = (c: Own<'discoverMember'>, s: EmbeddingState): Decision => {
  const person = lookup(s.registry.persons, c.person)
  if (person === undefined) return E.left(notFound('person', c.person))
  return E.chainW(() =>
    E.map((status: MemberStatus): ReadonlyArray<EmbeddingEvent> => [
      {
        type: 'memberDiscovered',
        ...stamp(c),
        person: c.person,
        status,
        organisation: c.organisation,
        found: c.found,
        homeOrganisation: c.homeOrganisation,
      },
    ])(memberMachine.next(memberStatusOf(s, c.person), c.type)),
  )(
    checkAll(
      () => activePartyOrganisation(s.registry, c.organisation),
      () => authorise(s.registry, c.actor, c.type, [secretaryOf(c.organisation)]),
      notOwnRecord(c, c.person),
      () =>
        refuseWhen(person.home === null, () =>
          ruleViolation('not-a-resident', `${person.name} does not live in the street`),
        ),
      () => {
        // An organisation finds members where it works, not in another community's grids.
        const seat = lookup(s.registry.organisations, c.organisation)?.seat
        return refuseWhen(
          person.home !== null && seat !== undefined && !overlaps(s.registry, person.home, seat),
          () =>
            ruleViolation(
              'outside-organisation',
              `${person.name} does not live where ${c.organisation} works`,
            ),
        )
      },
      notACandidate(s, c.person, person.name),
    ),
  )
}

const contactMember = (c: Own<'contactMember'>, s: EmbeddingState): Decision =>
  E.chainW((member: Member) =>
    E.chainW(() =>
      E.map((status: MemberStatus): ReadonlyArray<EmbeddingEvent> => [
        { type: 'memberContacted', ...stamp(c), person: c.member, status },
      ])(memberMachine.next(member.status, c.type)),
    )(
      checkAll(
        () => authorise(s.registry, c.actor, c.type, [secretaryOf(member.organisation)]),
        notOwnRecord(c, c.member),
      ),
    ),
  )(memberOf(s, c.member))

const reportToCommunity = (c: Own<'reportToCommunity'>, s: EmbeddingState): Decision => {
  const person = lookup(s.registry.persons, c.member)
  if (person === undefined) return E.left(notFound('person', c.member))
  const place = { level: 'community', id: c.community } as const
  if (lookup(s.registry.communities, c.community) === undefined)
    return E.left(notFound('community', c.community))
  const recorded = lookup(s.members, c.member)
  return E.chainW(() =>
    E.map((status: MemberStatus): ReadonlyArray<EmbeddingEvent> => [
      {
        type: 'memberReported',
        ...stamp(c),
        person: c.member,
        status,
        community: c.community,
        organisation: c.organisation,
        homeOrganisation: c.homeOrganisation ?? recorded?.homeOrganisation ?? null,
      },
    ])(memberMachine.next(recorded?.status ?? 'unrecorded', c.type)),
  )(
    checkAll(
      // Reporting 报到 is the member's own act: nobody reports on a member's behalf.
      () =>
        refuseWhen(c.actor !== c.member, () =>
          forbidden(c.actor, c.type, [`member ${c.member} in person`]),
        ),
      () =>
        E.chainW((o: Organisation) =>
          refuseWhen(!overlaps(s.registry, o.seat, place), () =>
            ruleViolation(
              'report-to-community',
              `${o.name} is not an organisation of ${c.community}`,
            ),
          ),
        )(activePartyOrganisation(s.registry, c.organisation)),
      () =>
        refuseWhen(!livesWithin(s.registry, c.member, place), () =>
          ruleViolation('not-a-resident', `${person.name} does not live in ${c.community}`),
        ),
      notACandidate(s, c.member, person.name),
    ),
  )
}

/** Whether `place` lies in the member's community (a member without one has no local duties). */
const inMemberCommunity = (
  s: EmbeddingState,
  member: Member,
  place: Parameters<typeof isWithin>[1],
) =>
  member.community !== null &&
  isWithin(s.registry, place, { level: 'community', id: member.community })

/** The rules a duty's content must meet. */
const checkDutySpec = (
  s: EmbeddingState,
  member: Member,
  spec: DutySpec,
): E.Either<DomainError, void> => {
  if (spec.kind !== 'households') {
    const place = spec.place
    return checkAll(
      () =>
        refuseWhen(communityOf(s.registry, place) === null && place.level !== 'street', () =>
          notFound(place.level, place.id),
        ),
      () =>
        refuseWhen(!inMemberCommunity(s, member, place), () =>
          ruleViolation(
            'duty-place',
            `${place.level} ${place.id} is outside the member's community`,
          ),
        ),
    )
  }
  const seen = new Set<PersonId>()
  return checkAll(
    ...spec.households.map((household) => () => {
      const person = lookup(s.registry.persons, household)
      if (person === undefined) return E.left(notFound('person', household))
      const ledBy = lookup(s.householdLeads, household)
      return checkAll(
        () =>
          refuseWhen(household === member.person, () =>
            ruleViolation('household-self', 'A member does not lead their own household'),
          ),
        () =>
          refuseWhen(person.home === null || !inMemberCommunity(s, member, person.home), () =>
            ruleViolation('duty-place', `${person.name} does not live in the member's community`),
          ),
        () =>
          refuseWhen(seen.has(household) || ledBy !== undefined, () =>
            ruleViolation('household-already-led', `${person.name}'s household is already led`),
          ),
        () => {
          seen.add(household)
          return E.right(undefined)
        },
      )
    }),
  )
}

const assignDuty = (c: Own<'assignDuty'>, s: EmbeddingState): Decision =>
  E.chainW((member: Member) =>
    decideAfter(
      [
        () => authorise(s.registry, c.actor, c.type, [secretaryOf(member.organisation)]),
        notOwnRecord(c, c.member),
        () =>
          refuseWhen(lookup(s.duties, c.duty) !== undefined, () => alreadyExists('duty', c.duty)),
        () => memberMachine.next(member.status, c.type),
        () => checkDutySpec(s, member, c.spec),
      ],
      () =>
        E.map((status: MemberStatus): ReadonlyArray<EmbeddingEvent> => [
          {
            type: 'dutyAssigned',
            ...stamp(c),
            person: c.member,
            status,
            duty: c.duty,
            organisation: member.organisation,
            spec: c.spec,
          },
        ])(memberMachine.next(member.status, c.type)),
    ),
  )(memberOf(s, c.member))

const endDuty = (c: Own<'endDuty'>, s: EmbeddingState): Decision => {
  const duty = lookup(s.duties, c.duty)
  if (duty === undefined) return E.left(notFound('duty', c.duty))
  return E.chainW((member: Member) =>
    E.chainW(() =>
      E.map((status: MemberStatus): ReadonlyArray<EmbeddingEvent> => [
        {
          type: 'dutyEnded',
          ...stamp(c),
          person: member.person,
          status,
          duty: c.duty,
          reason: c.reason,
        },
      ])(
        memberMachine.next(member.status, c.type, {
          'other-duties-remain': member.duties.length > 1,
        }),
      ),
    )(
      checkAll(
        () => authorise(s.registry, c.actor, c.type, [secretaryOf(member.organisation)]),
        notOwnRecord(c, member.person),
        () => dutyMachine.next(duty.status, c.type),
      ),
    ),
  )(memberOf(s, duty.member))
}

const recordMemberAct = (c: Own<'recordMemberAct'>, s: EmbeddingState): Decision =>
  E.chainW((member: Member) =>
    E.chainW(() =>
      E.map((status: MemberStatus): ReadonlyArray<EmbeddingEvent> => [
        {
          type: 'memberActed',
          ...stamp(c),
          person: c.member,
          status,
          act: c.act,
          occasion: c.occasion,
        },
      ])(memberMachine.next(member.status, c.type, { 'substantive-act': c.act !== 'attended' })),
    )(
      checkAll(
        () => authorise(s.registry, c.actor, c.type, [secretaryOf(member.organisation)]),
        notOwnRecord(c, c.member),
      ),
    ),
  )(memberOf(s, c.member))

const leave =
  (on: 'transferMemberOut' | 'lapseMember') =>
  (c: Own<'transferMemberOut'> | Own<'lapseMember'>, s: EmbeddingState): Decision =>
    E.chainW((member: Member) =>
      E.chainW(() =>
        leaveEvents(
          c,
          s,
          member,
          on,
          c.type === 'transferMemberOut' ? c.destination : c.reason,
          true,
        ),
      )(
        checkAll(
          () => authorise(s.registry, c.actor, c.type, [secretaryOf(member.organisation)]),
          notOwnRecord(c, c.member),
          () => memberMachine.next(member.status, on),
        ),
      ),
    )(memberOf(s, c.member))

// ---------------------------------------------------------------------------------------------
// Absorbing elites 吸纳

const recogniseActivist = (c: Own<'recogniseActivist'>, s: EmbeddingState): Decision =>
  E.map((): ReadonlyArray<EmbeddingEvent> => [
    {
      type: 'activistRecognised',
      ...stamp(c),
      person: c.person,
      stage: 'activist',
      organisation: c.organisation,
    },
  ])(
    checkAll(
      personExists(s.registry, c.person),
      () => activePartyOrganisation(s.registry, c.organisation),
      () => authorise(s.registry, c.actor, c.type, [secretaryOf(c.organisation)]),
      notOwnRecord(c, c.person),
      () =>
        refuseWhen(lookup(s.members, c.person) !== undefined, () =>
          ruleViolation('already-a-member', `${c.person} is already on record as a party member`),
        ),
      () => developmentMachine.next(candidateStageOf(s, c.person), c.type),
    ),
  )

/** The date a candidate last entered `stage`. */
const enteredAt = (
  steps: ReadonlyArray<{ readonly to: string; readonly at: Instant }>,
  stage: string,
): Instant | undefined => {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]?.to === stage) return steps[i]?.at
  return undefined
}

/**
 * Whether a full calendar year has passed at `at` since the candidate was admitted: the same
 * wall-clock time a year later in the calendar zone (北京时间), whatever offset either instant
 * is written in.
 */
const probationYearServed = (
  steps: ReadonlyArray<{ readonly to: string; readonly at: Instant }>,
  at: Instant,
): boolean => {
  const admitted = enteredAt(steps, 'probationary')
  if (admitted === undefined) return false
  // A year past 9999 cannot be written as an instant, so it has not been served by any `at`.
  const { year } = calendarDate(admitted)
  if (year >= 9999) return false
  // Written in the calendar zone, the year after can always be written (it is at most 9999);
  // an admission before year 0 there (0000 written ahead of +08:00) is kept as written.
  return !isBefore(at, addYears(year < 0 ? admitted : inZone(admitted), 1))
}

const developmentStep = (
  c:
    | Own<'acceptApplication'>
    | Own<'admitProbationary'>
    | Own<'confirmFullMember'>
    | Own<'dropCandidate'>,
  s: EmbeddingState,
): Decision => {
  const candidate = lookup(s.candidates, c.person)
  if (candidate === undefined) return E.left(notFound('candidate', c.person))
  return E.chainW(() =>
    E.chainW((stage: typeof candidate.stage): Decision => {
      const base = { ...stamp(c), person: c.person, stage }
      switch (c.type) {
        case 'acceptApplication':
          return E.right([{ type: 'applicationAccepted', ...base }])
        case 'admitProbationary':
          return E.right([{ type: 'probationaryAdmitted', ...base }])
        case 'dropCandidate':
          return E.right([{ type: 'candidateDropped', ...base, reason: c.reason }])
        case 'confirmFullMember': {
          const home = lookup(s.registry.persons, c.person)?.home ?? null
          return E.map((status: MemberStatus): ReadonlyArray<EmbeddingEvent> => [
            {
              type: 'fullMemberConfirmed',
              ...base,
              organisation: candidate.organisation,
              status,
              community: home === null ? null : communityOf(s.registry, home),
            },
          ])(memberMachine.next(memberStatusOf(s, c.person), c.type))
        }
      }
    })(
      developmentMachine.next(candidate.stage, c.type, {
        'probation-year-served':
          c.type === 'confirmFullMember' && probationYearServed(candidate.steps, c.at),
      }),
    ),
  )(
    checkAll(
      () => authorise(s.registry, c.actor, c.type, [secretaryOf(candidate.organisation)]),
      notOwnRecord(c, c.person),
    ),
  )
}

const commend = (c: Own<'commend'>, s: EmbeddingState): Decision => {
  if (lookup(s.registry.persons, c.person) === undefined)
    return E.left(notFound('person', c.person))
  const member = lookup(s.members, c.person)
  const candidate = lookup(s.candidates, c.person)
  const organisation =
    member !== undefined && enrolledStates.has(member.status)
      ? member.organisation
      : candidate !== undefined && developmentMachine.can(candidate.stage, 'dropCandidate')
        ? candidate.organisation
        : null
  if (organisation === null)
    return E.left(
      ruleViolation(
        'member-or-activist',
        `${c.person} is neither an enrolled member nor an activist`,
      ),
    )
  // The year as the calendar zone reads the instant, not as its text is written.
  const year = calendarDate(c.at).year
  return E.map((): ReadonlyArray<EmbeddingEvent> => [
    {
      type: 'commended',
      ...stamp(c),
      person: c.person,
      year: c.year,
      title: c.title,
      reason: c.reason,
      organisation,
    },
  ])(
    checkAll(
      () => authorise(s.registry, c.actor, c.type, [secretaryOf(organisation)]),
      notOwnRecord(c, c.person),
      () =>
        refuseWhen(c.year !== year && c.year !== year - 1, () =>
          ruleViolation(
            'commendation-year',
            `A commendation given in ${year} is for ${year - 1} or ${year}`,
          ),
        ),
      () =>
        refuseWhen(
          s.commendations.some(
            (k) => k.person === c.person && k.year === c.year && k.title === c.title,
          ),
          () => alreadyExists('commendation', `${c.person} ${c.year} ${c.title}`),
        ),
    ),
  )
}

/** Decides an embedding command (or a registry command) against a street's embedding state. */
export const decideEmbedding = (
  c: EmbeddingCommand,
  s: EmbeddingState,
): E.Either<DomainError, ReadonlyArray<EmbeddingEvent>> => {
  // One stream, one record running forward: the registry's rule, for every command on it.
  const forward = runsForward(s.registry, c.at)
  if (E.isLeft(forward)) return forward
  if (isRegistryCommand(c)) return decideRegistryCommand(c, s)
  if (s.registry.street === null) return E.left(notFound('street registry', c.street))
  switch (c.type) {
    case 'foundBranch':
      return foundBranch(c, s)
    case 'convertBranch':
      return convertBranch(c, s)
    case 'allotFunds':
      return allotFunds(c, s)
    case 'sendFirstSecretary':
      return sendFirstSecretary(c, s)
    case 'discoverMember':
      return discoverMember(c, s)
    case 'contactMember':
      return contactMember(c, s)
    case 'reportToCommunity':
      return reportToCommunity(c, s)
    case 'assignDuty':
      return assignDuty(c, s)
    case 'endDuty':
      return endDuty(c, s)
    case 'recordMemberAct':
      return recordMemberAct(c, s)
    case 'transferMemberOut':
      return leave('transferMemberOut')(c, s)
    case 'lapseMember':
      return leave('lapseMember')(c, s)
    case 'recogniseActivist':
      return recogniseActivist(c, s)
    case 'acceptApplication':
    case 'admitProbationary':
    case 'confirmFullMember':
    case 'dropCandidate':
      return developmentStep(c, s)
    case 'commend':
      return commend(c, s)
  }
}

// ---------------------------------------------------------------------------------------------
// The reducer

/** Moves a member to the state an event records, and keeps the step. */
const step = (
  draft: Draft<EmbeddingState>,
  e: {
    readonly type: string
    readonly person: PersonId
    readonly status: MemberStatus
    readonly at: Instant
  },
) => {
  const member = draftOf(draft.members, e.person)
  if (member === undefined) return undefined
  member.status = e.status
  member.steps.push({ to: e.status, on: e.type, at: e.at })
  return member
}

/** Moves a candidate to the stage an event records, and keeps the step. */
const develop = (
  draft: Draft<EmbeddingState>,
  e: {
    readonly type: string
    readonly person: PersonId
    readonly stage: DevelopmentStage
    readonly at: Instant
  },
) => {
  const candidate = draftOf(draft.candidates, e.person)
  if (candidate === undefined) return
  candidate.stage = e.stage
  candidate.steps.push({ to: e.stage, on: e.type, at: e.at })
}

const newMember = (
  person: PersonId,
  organisation: OrganisationId,
  fields: Partial<Pick<Member, 'found' | 'homeOrganisation' | 'community' | 'reportedAt'>>,
): Draft<Member> => ({
  person,
  status: 'unrecorded',
  found: fields.found ?? null,
  homeOrganisation: fields.homeOrganisation ?? null,
  organisation,
  community: fields.community ?? null,
  reportedAt: fields.reportedAt ?? null,
  duties: [],
  acts: [],
  steps: [],
})

/** The reducer of embedding's own events as an immer recipe. */
const applyOwnEvent = (draft: Draft<EmbeddingState>, e: EmbeddingOwnEvent): void => {
  switch (e.type) {
    case 'branchFounded':
      insert(draft.foundings, e.organisation, {
        organisation: e.organisation,
        among: e.among,
        at: e.at,
      })
      return
    case 'branchConverted':
      draft.conversions.push({
        branch: e.branch,
        into: e.into,
        membersTo: e.membersTo,
        reason: e.reason,
        at: e.at,
      })
      return
    case 'fundsAllotted':
      draft.grants.push({
        organisation: e.organisation,
        amount: e.amount,
        purpose: e.purpose,
        at: e.at,
      })
      return
    case 'firstSecretarySent':
      draft.firstSecretaries.push({
        organisation: e.organisation,
        person: e.person,
        assignment: e.assignment,
        sentBy: e.sentBy,
        at: e.at,
      })
      return
    case 'memberDiscovered':
      insert(
        draft.members,
        e.person,
        newMember(e.person, e.organisation, {
          found: e.found,
          homeOrganisation: e.homeOrganisation,
        }),
      )
      step(draft, e)
      return
    case 'memberContacted':
      step(draft, e)
      return
    case 'memberReported': {
      const member = step(draft, e)
      if (member === undefined) return
      member.organisation = e.organisation
      member.community = e.community
      member.homeOrganisation = e.homeOrganisation
      member.reportedAt = e.at
      return
    }
    case 'memberMoved': {
      const member = draftOf(draft.members, e.person)
      if (member?.organisation === e.from) member.organisation = e.to
      const candidate = draftOf(draft.candidates, e.person)
      if (candidate?.organisation === e.from) candidate.organisation = e.to
      return
    }
    case 'dutyAssigned': {
      insert(draft.duties, e.duty, {
        id: e.duty,
        member: e.person,
        organisation: e.organisation,
        spec: castDraft(e.spec),
        status: dutyMachine.initial,
        since: e.at,
        until: null,
      })
      if (e.spec.kind === 'households')
        for (const household of e.spec.households) insert(draft.householdLeads, household, e.duty)
      step(draft, e)?.duties.push(e.duty)
      return
    }
    case 'dutyEnded': {
      const duty = draftOf(draft.duties, e.duty)
      if (duty !== undefined) {
        duty.status = 'ended'
        duty.until = e.at
        if (duty.spec.kind === 'households')
          for (const household of duty.spec.households) remove(draft.householdLeads, household)
      }
      const member = step(draft, e)
      const at = member?.duties.indexOf(e.duty) ?? -1
      if (member !== undefined && at >= 0) member.duties.splice(at, 1)
      return
    }
    case 'memberActed':
      step(draft, e)?.acts.push({ act: e.act, occasion: e.occasion, at: e.at })
      return
    case 'memberTransferredOut':
    case 'memberLapsed':
      step(draft, e)
      return
    case 'memberLeftCommunity': {
      const member = step(draft, e)
      if (member === undefined) return
      member.community = null
      member.reportedAt = null
      return
    }
    case 'activistRecognised':
      insert(draft.candidates, e.person, {
        person: e.person,
        organisation: e.organisation,
        stage: 'unrecorded',
        steps: [],
      })
      develop(draft, e)
      return
    case 'applicationAccepted':
    case 'probationaryAdmitted':
    case 'candidateDropped':
      develop(draft, e)
      return
    case 'fullMemberConfirmed':
      develop(draft, e)
      insert(
        draft.members,
        e.person,
        newMember(e.person, e.organisation, { community: e.community }),
      )
      step(draft, e)
      return
    case 'commended':
      draft.commendations.push({
        person: e.person,
        year: e.year,
        title: e.title,
        reason: e.reason,
        organisation: e.organisation,
        at: e.at,
      })
      return
  }
}

/**
 * The embedding reducer as an immer recipe: registry events go to the registry's reducer, the
 * mechanism's own to its own. It trusts its events and never refuses one.
 */
export const applyEmbeddingEvent = (draft: Draft<EmbeddingState>, e: EmbeddingEvent): void => {
  if (isRegistryEvent(e)) applyCommunityEvent(draft.registry, e)
  else {
    // The stream's last event, embedding's too, so that the stream runs forward as a whole.
    draft.registry.lastAt = e.at
    applyOwnEvent(draft, e)
  }
}

/**
 * The embedding mechanism (嵌入机制): organisation embedding and member embedding on a street's
 * registry stream. It takes the registry's commands too, so one engine runs both.
 *
 * @example
 * ```ts
 * import { createEngine, embedding } from 'governance-kit'
 * const engine = createEngine({ decider: embedding, clock: Date.now })
 * // engine.handle({ type: 'openRegistry', ... }), then engine.handle({ type: 'foundBranch', ... })
 * ```
 */
export const embedding: Mechanism<EmbeddingCommand, EmbeddingEvent, EmbeddingState> =
  defineMechanism({
    name: 'embedding',
    commands: EmbeddingCommand,
    events: EmbeddingEvent,
    initialState: emptyEmbedding,
    streamOf: (c: EmbeddingCommand) => registryStream(c.street),
    decide: (c: EmbeddingCommand, s: EmbeddingState) => decideEmbedding(c, s),
    apply: applyEmbeddingEvent,
  })
