/**
 * Member embedding 党员嵌入: a party member's lifecycle on the street — recorded by a local
 * organisation (found hidden 隐形 or pocket 口袋, or come forward), contacted, reporting to their
 * residential community 报到 — their duties (responsibility areas 责任区, pioneer posts 党员先锋岗,
 * households led 一人带一户), and their transfer out or lapse.
 *
 * Everything about a member needs the secretary of their organisation (or of one above it),
 * never themselves; a member is recorded by a secretary before they report, and reports to a
 * community themselves. A member who is transferred out or lapses loses their duties and their
 * posts over party organisations.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { castDraft } from 'immer'
import {
  alreadyExists,
  checkAll,
  draftOf,
  forbidden,
  found,
  insert,
  lookup,
  notFound,
  refuseBy,
  refuseWhen,
  remove,
  stamp,
  type DomainError,
  type OfType,
  type PersonId,
} from '../core/index.js'
import {
  communityOf,
  livesWithin,
  overlaps,
  type Organisation,
  type PlaceRef,
} from '../community/index.js'
import type { DutySpec, EmbeddingCommand, EmbeddingEvent, Member } from './codecs/index.js'
import {
  activePartyOrganisation,
  afterEndingADuty,
  bySecretaryOf,
  inMemberCommunity,
  leaveEvents,
  memberOf,
  newMember,
  notOwnRecord,
  stepMember,
  type EmbeddingHandler,
  type EmbeddingReducer,
} from './kit.js'
import { dutyMachine, memberMachine } from './machine.js'
import { candidateStageOf, isInDevelopment, memberStatusOf } from './queries/index.js'
import { embeddingRules } from './rules.js'
import type { EmbeddingState } from './state.js'

// ---------------------------------------------------------------------------------------------
// Rules used here

/** A person being developed is not yet a member: they cannot be found or report as one. */
const notACandidate = (
  s: EmbeddingState,
  person: PersonId,
  name: string,
): E.Either<DomainError, void> =>
  refuseBy(
    embeddingRules.alreadyACandidate,
    isInDevelopment(candidateStageOf(s, person)),
    () => `${name} is being developed as a member`,
  )

/**
 * Whether a home lies where an organisation works (one place contains the other): where it may
 * find members (`not-a-resident` for no home, `outside-organisation` for one elsewhere).
 */
export const livesWhereItWorks = (
  s: EmbeddingState,
  home: PlaceRef | null,
  organisation: Organisation,
): boolean => home !== null && overlaps(s.registry, home, organisation.seat)

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
        refuseBy(
          embeddingRules.dutyPlace,
          !inMemberCommunity(s, member, place),
          () => `${place.level} ${place.id} is outside the member's community`,
        ),
    )
  }
  return checkAll(
    ...spec.households.map(
      (household, i) => () =>
        pipe(
          found(lookup(s.registry.persons, household), 'person', household),
          E.tap(() =>
            refuseBy(
              embeddingRules.householdSelf,
              household === member.person,
              () => 'A member does not lead their own household',
            ),
          ),
          E.tap((person) =>
            refuseBy(
              embeddingRules.dutyPlace,
              person.home === null || !inMemberCommunity(s, member, person.home),
              () => `${person.name} does not live in the member's community`,
            ),
          ),
          E.tap((person) =>
            refuseBy(
              embeddingRules.householdAlreadyLed,
              // Led already, or named twice in this duty.
              lookup(s.householdLeads, household) !== undefined ||
                spec.households.indexOf(household) < i,
              () => `${person.name}'s household is already led`,
            ),
          ),
        ),
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// Handlers

const discoverMember: EmbeddingHandler<'discoverMember'> = (c, s) =>
  pipe(
    found(lookup(s.registry.persons, c.person), 'person', c.person),
    E.bindTo('person'),
    E.bindW('organisation', () => activePartyOrganisation(s.registry, c.organisation)),
    E.tap(() => bySecretaryOf(s, c, c.organisation)),
    E.tap(() => notOwnRecord(c, c.person)),
    E.tap(({ person }) =>
      refuseBy(
        embeddingRules.notAResident,
        person.home === null,
        () => `${person.name} does not live in the street`,
      ),
    ),
    // An organisation finds members where it works, not in another community's grids.
    E.tap(({ person, organisation }) =>
      refuseBy(
        embeddingRules.outsideOrganisation,
        person.home !== null && !livesWhereItWorks(s, person.home, organisation),
        () => `${person.name} does not live where ${c.organisation} works`,
      ),
    ),
    E.tap(({ person }) => notACandidate(s, c.person, person.name)),
    E.flatMap(() => memberMachine.next(memberStatusOf(s, c.person), c.type)),
    E.map((status): ReadonlyArray<EmbeddingEvent> => [
      {
        type: 'memberDiscovered',
        ...stamp(c),
        person: c.person,
        status,
        organisation: c.organisation,
        found: c.found,
        homeOrganisation: c.homeOrganisation,
      },
    ]),
  )

const contactMember: EmbeddingHandler<'contactMember'> = (c, s) =>
  pipe(
    memberOf(s, c.member),
    E.tap((member) => bySecretaryOf(s, c, member.organisation)),
    E.tap(() => notOwnRecord(c, c.member)),
    E.flatMap((member) => memberMachine.next(member.status, c.type)),
    E.map((status): ReadonlyArray<EmbeddingEvent> => [
      { type: 'memberContacted', ...stamp(c), person: c.member, status },
    ]),
  )

const reportToCommunity: EmbeddingHandler<'reportToCommunity'> = (c, s) => {
  const place = { level: 'community', id: c.community } as const
  return pipe(
    found(lookup(s.registry.persons, c.member), 'person', c.member),
    E.tap(() => found(lookup(s.registry.communities, c.community), 'community', c.community)),
    // Reporting 报到 is the member's own act: nobody reports on a member's behalf.
    E.tap(() =>
      refuseWhen(c.actor !== c.member, () =>
        forbidden(c.actor, c.type, [`member ${c.member} in person`]),
      ),
    ),
    E.tap(() =>
      pipe(
        activePartyOrganisation(s.registry, c.organisation),
        E.flatMap((o) =>
          refuseBy(
            embeddingRules.reportToCommunity,
            !overlaps(s.registry, o.seat, place),
            () => `${o.name} is not an organisation of ${c.community}`,
          ),
        ),
      ),
    ),
    E.tap((person) =>
      refuseBy(
        embeddingRules.notAResident,
        !livesWithin(s.registry, c.member, place),
        () => `${person.name} does not live in ${c.community}`,
      ),
    ),
    E.tap((person) => notACandidate(s, c.member, person.name)),
    E.flatMap(() => memberMachine.next(memberStatusOf(s, c.member), c.type)),
    E.map((status): ReadonlyArray<EmbeddingEvent> => [
      {
        type: 'memberReported',
        ...stamp(c),
        person: c.member,
        status,
        community: c.community,
        organisation: c.organisation,
        homeOrganisation:
          c.homeOrganisation ?? lookup(s.members, c.member)?.homeOrganisation ?? null,
      },
    ]),
  )
}

const assignDuty: EmbeddingHandler<'assignDuty'> = (c, s) =>
  pipe(
    memberOf(s, c.member),
    E.bindTo('member'),
    E.tap(({ member }) => bySecretaryOf(s, c, member.organisation)),
    E.tap(() => notOwnRecord(c, c.member)),
    E.tap(() =>
      refuseWhen(lookup(s.duties, c.duty) !== undefined, () => alreadyExists('duty', c.duty)),
    ),
    E.bindW('status', ({ member }) => memberMachine.next(member.status, c.type)),
    E.tap(({ member }) => checkDutySpec(s, member, c.spec)),
    E.map(({ member, status }): ReadonlyArray<EmbeddingEvent> => [
      {
        type: 'dutyAssigned',
        ...stamp(c),
        person: c.member,
        status,
        duty: c.duty,
        organisation: member.organisation,
        spec: c.spec,
      },
    ]),
  )

const endDuty: EmbeddingHandler<'endDuty'> = (c, s) =>
  pipe(
    found(lookup(s.duties, c.duty), 'duty', c.duty),
    E.bindTo('duty'),
    E.bindW('member', ({ duty }) => memberOf(s, duty.member)),
    E.tap(({ member }) => bySecretaryOf(s, c, member.organisation)),
    E.tap(({ member }) => notOwnRecord(c, member.person)),
    E.tap(({ duty }) => dutyMachine.next(duty.status, c.type)),
    E.flatMap(({ member }) =>
      pipe(
        afterEndingADuty(member.status, member.duties.length),
        E.map((status): ReadonlyArray<EmbeddingEvent> => [
          {
            type: 'dutyEnded',
            ...stamp(c),
            person: member.person,
            status,
            duty: c.duty,
            reason: c.reason,
          },
        ]),
      ),
    ),
  )

/** A member leaves the street's organisations: transferred out, or lapsed. */
const leave = (
  c: OfType<EmbeddingCommand, 'transferMemberOut' | 'lapseMember'>,
  s: EmbeddingState,
  detail: string,
) =>
  pipe(
    memberOf(s, c.member),
    E.tap((member) => bySecretaryOf(s, c, member.organisation)),
    E.tap(() => notOwnRecord(c, c.member)),
    E.tap((member) => memberMachine.next(member.status, c.type)),
    E.flatMap((member) => leaveEvents(c, s, member, c.type, detail, true)),
  )

const transferMemberOut: EmbeddingHandler<'transferMemberOut'> = (c, s) =>
  leave(c, s, c.destination)

const lapseMember: EmbeddingHandler<'lapseMember'> = (c, s) => leave(c, s, c.reason)

/** The handlers of member embedding. */
export const memberHandlers = {
  discoverMember,
  contactMember,
  reportToCommunity,
  assignDuty,
  endDuty,
  transferMemberOut,
  lapseMember,
}

// ---------------------------------------------------------------------------------------------
// Reducers

const memberDiscovered: EmbeddingReducer<'memberDiscovered'> = (draft, e) => {
  insert(
    draft.members,
    e.person,
    newMember(e.person, e.organisation, { found: e.found, homeOrganisation: e.homeOrganisation }),
  )
  stepMember(draft, e)
}

const memberContacted: EmbeddingReducer<'memberContacted'> = (draft, e) => {
  stepMember(draft, e)
}

const memberReported: EmbeddingReducer<'memberReported'> = (draft, e) => {
  const member = stepMember(draft, e)
  if (member === undefined) return
  member.organisation = e.organisation
  member.community = e.community
  member.homeOrganisation = e.homeOrganisation
  member.reportedAt = e.at
}

const dutyAssigned: EmbeddingReducer<'dutyAssigned'> = (draft, e) => {
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
  stepMember(draft, e)?.duties.push(e.duty)
}

const dutyEnded: EmbeddingReducer<'dutyEnded'> = (draft, e) => {
  const duty = draftOf(draft.duties, e.duty)
  if (duty !== undefined) {
    duty.status = 'ended'
    duty.until = e.at
    if (duty.spec.kind === 'households')
      for (const household of duty.spec.households) remove(draft.householdLeads, household)
  }
  const member = stepMember(draft, e)
  const at = member?.duties.indexOf(e.duty) ?? -1
  if (member !== undefined && at >= 0) member.duties.splice(at, 1)
}

const memberTransferredOut: EmbeddingReducer<'memberTransferredOut'> = (draft, e) => {
  stepMember(draft, e)
}

const memberLapsed: EmbeddingReducer<'memberLapsed'> = (draft, e) => {
  stepMember(draft, e)
}

/** The reducers of member embedding. */
export const memberReducers = {
  memberDiscovered,
  memberContacted,
  memberReported,
  dutyAssigned,
  dutyEnded,
  memberTransferredOut,
  memberLapsed,
}
