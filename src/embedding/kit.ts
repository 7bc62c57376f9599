/**
 * The embedding kit (嵌入机制的工具): the mechanism's typed handler and reducer, and what more
 * than one field file uses — who answers for an organisation (its secretary), the active party
 * organisation a person is recorded by, nobody deciding on their own record, the people who
 * belong to an organisation, a member's duties ending and a member leaving the street's
 * organisations. Written once here; each field file keeps the checks only it uses.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import {
  draftOf,
  found,
  lookup,
  refuseBy,
  valuesOf,
  stamp,
  type DomainError,
  type Handler,
  type Instant,
  type OrganisationId,
  type PersonId,
  type Reducer,
} from '../core/index.js'
import {
  authorise,
  endPosts,
  isPartyOrganisation,
  isWithin,
  rolesOf,
  type Organisation,
  type PlaceRef,
  type RegistryState,
  type RoleRequirement,
} from '../community/index.js'
import type { EmbeddingCommand, EmbeddingEvent, Member, MemberStatus } from './codecs/index.js'
import { memberMachine, onRecordStates } from './machine.js'
import { isInDevelopment } from './queries/index.js'
import { embeddingRules } from './rules.js'
import type { EmbeddingState } from './state.js'

// ---------------------------------------------------------------------------------------------
// The typed kit

/**
 * The handler of one command type of embedding (its own or the registry's); embedding reads no
 * context, its stream being the registry's.
 */
export type EmbeddingHandler<K extends EmbeddingCommand['type']> = Handler<
  EmbeddingCommand,
  K,
  EmbeddingState,
  undefined,
  EmbeddingEvent
>

/** The recipe of one event type of embedding (its own or the registry's). */
export type EmbeddingReducer<K extends EmbeddingEvent['type']> = Reducer<
  EmbeddingState,
  EmbeddingEvent,
  K
>

/** What an event takes from the command that causes it (see `stamp`). */
export interface Envelope {
  readonly at: Instant
  readonly actor: PersonId
}

// ---------------------------------------------------------------------------------------------
// Checks

/** The secretary of an organisation (or, as `authorise` reads scopes, of one above it). */
export const secretaryOf = (organisation: OrganisationId): RoleRequirement => ({
  role: 'secretary',
  scope: { level: 'organisation', id: organisation },
})

/**
 * Whether `person` answers for `organisation`: its secretary, or the secretary of one above it
 * (what {@link bySecretaryOf} requires, read as a yes or no for the permission table).
 */
export const answersFor = (
  s: EmbeddingState,
  person: PersonId,
  organisation: OrganisationId,
): boolean => E.isRight(authorise(s.registry, person, 'answersFor', [secretaryOf(organisation)]))

/** The command `c` is sent by the secretary of `organisation` (or of one above it). */
export const bySecretaryOf = (
  s: EmbeddingState,
  c: EmbeddingCommand,
  organisation: OrganisationId,
): E.Either<DomainError, void> =>
  authorise(s.registry, c.actor, c.type, [secretaryOf(organisation)])

/** The organisation, if it exists and is an active party organisation; a refusal otherwise. */
export const activePartyOrganisation = (
  registry: RegistryState,
  id: OrganisationId,
): E.Either<DomainError, Organisation> =>
  pipe(
    found(lookup(registry.organisations, id), 'organisation', id),
    E.tap((o) =>
      refuseBy(
        embeddingRules.partyOrganisation,
        !(isPartyOrganisation(o) && o.status === 'active'),
        () => `${o.name} is not an active party organisation`,
      ),
    ),
  )

/** Whether `actor` would be deciding on their own record, the record of `person` (`own-record`). */
export const isOwnRecord = (actor: PersonId, person: PersonId): boolean => actor === person

/**
 * Nobody decides on their own record: a secretary does not develop, commend, task, grade or
 * remove themselves (as nobody appoints themselves in the registry).
 */
export const notOwnRecord = (c: EmbeddingCommand, person: PersonId): E.Either<DomainError, void> =>
  refuseBy(
    embeddingRules.ownRecord,
    isOwnRecord(c.actor, person),
    () => `${c.actor} cannot ${c.type} on their own record`,
  )

/**
 * Whether `person` may decide on the record of `subject` kept by `organisation`: its secretary
 * (or the secretary of one above it), and not `subject` themselves (`own-record`).
 */
export const decidesOn = (
  s: EmbeddingState,
  person: PersonId,
  organisation: OrganisationId | undefined,
  subject: PersonId | undefined,
): boolean =>
  organisation !== undefined &&
  subject !== undefined &&
  answersFor(s, person, organisation) &&
  !isOwnRecord(person, subject)

/** Whether `person` may decide on the record of the member `member`, kept by their organisation. */
export const decidesOnMember = (
  s: EmbeddingState,
  person: PersonId,
  member: PersonId | undefined,
): boolean =>
  decidesOn(
    s,
    person,
    member === undefined ? undefined : lookup(s.members, member)?.organisation,
    member,
  )

/** Whether `person` may decide on the record of the candidate `candidate`, kept by their branch. */
export const decidesOnCandidate = (
  s: EmbeddingState,
  person: PersonId,
  candidate: PersonId | undefined,
): boolean =>
  decidesOn(
    s,
    person,
    candidate === undefined ? undefined : lookup(s.candidates, candidate)?.organisation,
    candidate,
  )

/** The member on record, or NotFound. */
export const memberOf = (s: EmbeddingState, person: PersonId): E.Either<DomainError, Member> =>
  found(lookup(s.members, person), 'member', person)

/**
 * The people who belong to an organisation: its members still on record, then its candidates
 * still in development (the one count behind `members-enrolled` and a conversion's movers).
 */
export const peopleOf = (
  s: EmbeddingState,
  organisation: OrganisationId,
): ReadonlyArray<PersonId> => [
  ...valuesOf(s.members)
    .filter((m) => m.organisation === organisation && onRecordStates.has(m.status))
    .map((m) => m.person),
  ...valuesOf(s.candidates)
    .filter((k) => k.organisation === organisation && isInDevelopment(k.stage))
    .map((k) => k.person),
]

/** Whether `place` lies in the member's community (a member without one has no local duties). */
export const inMemberCommunity = (s: EmbeddingState, member: Member, place: PlaceRef): boolean =>
  member.community !== null &&
  isWithin(s.registry, place, { level: 'community', id: member.community })

// ---------------------------------------------------------------------------------------------
// A member's duties ending, and a member leaving

/**
 * A member's state after one of the `held` duties they hold ends: still assigned while others
 * remain (`other-duties-remain`), reported again after the last.
 */
export const afterEndingADuty = (status: MemberStatus, held: number) =>
  memberMachine.next(status, 'endDuty', { [embeddingRules.otherDutiesRemain.id]: held > 1 })

/**
 * The `dutyEnded` events that end all of a member's duties, one after another through the
 * member table (a member with a duty goes back to reported when the last one ends), and the
 * member's state after them.
 */
export const endAllDuties = (
  c: Envelope,
  member: Member,
  reason: string,
): { readonly events: ReadonlyArray<EmbeddingEvent>; readonly status: MemberStatus } => {
  let status = member.status
  const events: EmbeddingEvent[] = []
  member.duties.forEach((duty, i) => {
    const next = afterEndingADuty(status, member.duties.length - i)
    // Every state that holds duties has an endDuty edge; keep the state if a table ever lacks it.
    if (E.isRight(next)) status = next.right
    events.push({
      type: 'dutyEnded',
      ...stamp(c),
      person: member.person,
      status,
      duty,
      reason,
    })
  })
  return { events, status }
}

/**
 * The events that take a member out of the street's organisations (transfer or lapse): their
 * duties end first and, when `endingPosts` (a departure ends them in the registry already), their
 * posts over party organisations, so that a former member keeps no party authority.
 */
export const leaveEvents = (
  c: Envelope,
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
  return pipe(
    memberMachine.next(ended.status, on),
    E.map((status): ReadonlyArray<EmbeddingEvent> => [
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
        : {
            type: 'memberLapsed',
            ...stamp(c),
            person: member.person,
            status,
            reason: detail,
          },
    ]),
  )
}

// ---------------------------------------------------------------------------------------------
// Reducers' steps

/** Moves a member to the state an event records, and keeps the step. */
export const stepMember = (
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

/** A new member record, before its first step. */
export const newMember = (
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
