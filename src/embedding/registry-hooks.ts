/**
 * What embedding adds to the registry's commands (登记簿命令的扩展): embedding decides on the
 * registry's own stream, so it takes every registry command, decides it with the registry's
 * decider, and appends the registry's events; three of them do more, so that embedding's rules
 * hold atomically with the registry's:
 *
 * - `dissolveOrganisation` of an organisation that members or candidates belong to is refused
 *   (`members-enrolled`);
 * - `recordDeparture` of a member transfers them out (ending their duties), stops a candidate's
 *   development, and ends the leading of a household whose head leaves;
 * - `moveResident` of an enrolled member to another community ends their duties there and asks
 *   them to report 报到 again (`memberLeftCommunity`); a led household that moves out of its
 *   member's community is no longer led.
 *
 * Every registry event is folded by the registry's reducer into `state.registry`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import { lookup, refuseBy, stamp, type Decision, type PersonId } from '../core/index.js'
import {
  CommunityCommand,
  CommunityEvent,
  applyCommunityEvent,
  decideCommunity,
  type PlaceRef,
} from '../community/index.js'
import type { EmbeddingCommand, EmbeddingEvent } from './codecs/index.js'
import {
  afterEndingADuty,
  endAllDuties,
  inMemberCommunity,
  leaveEvents,
  peopleOf,
  stepMember,
  type EmbeddingHandler,
  type EmbeddingReducer,
} from './kit.js'
import { memberMachine } from './machine.js'
import { candidateStageOf, isInDevelopment } from './queries/index.js'
import { embeddingRules } from './rules.js'
import type { EmbeddingState } from './state.js'

const registryCommandTypes: ReadonlySet<string> = new Set(CommunityCommand.tags)
const registryEventTypes: ReadonlySet<string> = new Set(CommunityEvent.tags)

/** Whether a command is one of the registry's (decided by the registry's decider). */
export const isRegistryCommand = (c: EmbeddingCommand): c is CommunityCommand =>
  registryCommandTypes.has(c.type)

/** Whether an event is one of the registry's (folded by the registry's reducer). */
export const isRegistryEvent = (e: EmbeddingEvent): e is CommunityEvent =>
  registryEventTypes.has(e.type)

/** A table giving every type of `types` the same entry. */
const everyType = <T extends string, V>(
  types: ReadonlyArray<T>,
  entry: V,
): { readonly [K in T]: V } =>
  // Built from the codec's own tags, so every type has its entry and no other key is there.
  Object.fromEntries(types.map((type) => [type, entry])) as { readonly [K in T]: V }

// ---------------------------------------------------------------------------------------------
// What a departure or a move changes for embedding

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
  const next = afterEndingADuty(leader.status, leader.duties.length)
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
): Decision<EmbeddingEvent> => {
  const household = householdLeftEvents(c, s, c.person, c.to)
  const member = lookup(s.members, c.person)
  if (
    member === undefined ||
    !memberMachine.can(member.status, 'moveResident') ||
    inMemberCommunity(s, member, c.to)
  )
    return E.right(household)
  const ended = endAllDuties(c, member, 'the member moved to another community')
  return pipe(
    memberMachine.next(ended.status, 'moveResident'),
    E.map((status): ReadonlyArray<EmbeddingEvent> => [
      ...household,
      ...ended.events,
      {
        type: 'memberLeftCommunity',
        ...stamp(c),
        person: member.person,
        status,
        community: member.community,
      },
    ]),
  )
}

/**
 * Whoever leaves the street leaves its organisations: a member is transferred out with the
 * departure, and a candidate's development stops; a household they headed is no longer led.
 */
const departureEvents = (
  c: Extract<CommunityCommand, { readonly type: 'recordDeparture' }>,
  s: EmbeddingState,
): ReadonlyArray<EmbeddingEvent> => {
  const extra: EmbeddingEvent[] = [...householdLeftEvents(c, s, c.person, null)]
  const member = lookup(s.members, c.person)
  if (member !== undefined && memberMachine.can(member.status, 'transferMemberOut')) {
    const leaving = leaveEvents(c, s, member, 'transferMemberOut', c.destination, false)
    if (E.isRight(leaving)) extra.push(...leaving.right)
  }
  if (isInDevelopment(candidateStageOf(s, c.person)))
    extra.push({
      type: 'candidateDropped',
      ...stamp(c),
      person: c.person,
      stage: 'dropped',
      reason: `left the street for ${c.destination}`,
    })
  return extra
}

// ---------------------------------------------------------------------------------------------
// Handlers

/** A registry command, decided by the registry's decider on the registry the state holds. */
const byTheRegistry = (c: CommunityCommand, s: EmbeddingState): Decision<EmbeddingEvent> =>
  decideCommunity(c, s.registry)

const dissolveOrganisation: EmbeddingHandler<'dissolveOrganisation'> = (c, s) =>
  pipe(
    byTheRegistry(c, s),
    // Checked after the registry's own rules and authority, so a stranger learns nothing.
    E.tap(() => {
      const count = peopleOf(s, c.organisation).length
      return refuseBy(
        embeddingRules.membersEnrolled,
        count > 0,
        () =>
          `${count} member(s) or candidate(s) still belong to ${c.organisation}; transfer them first`,
      )
    }),
  )

const moveResident: EmbeddingHandler<'moveResident'> = (c, s) =>
  pipe(
    byTheRegistry(c, s),
    E.flatMap((events) =>
      pipe(
        movedEvents(c, s),
        E.map((more) => [...events, ...more]),
      ),
    ),
  )

const recordDeparture: EmbeddingHandler<'recordDeparture'> = (c, s) =>
  pipe(
    byTheRegistry(c, s),
    E.map((events) => [...events, ...departureEvents(c, s)]),
  )

/** Every registry command: decided by the registry, three of them with what embedding adds. */
export const registryHandlers = {
  ...everyType(CommunityCommand.tags, byTheRegistry),
  dissolveOrganisation,
  moveResident,
  recordDeparture,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/** A registry event, folded by the registry's reducer into the registry the state holds. */
const intoTheRegistry = (draft: Draft<EmbeddingState>, e: CommunityEvent): void => {
  applyCommunityEvent(draft.registry, e)
}

const memberLeftCommunity: EmbeddingReducer<'memberLeftCommunity'> = (draft, e) => {
  const member = stepMember(draft, e)
  if (member === undefined) return
  member.community = null
  member.reportedAt = null
}

/** Every registry event, and the event a move adds to them. */
export const registryReducers = {
  ...everyType(CommunityEvent.tags, intoTheRegistry),
  memberLeftCommunity,
}
