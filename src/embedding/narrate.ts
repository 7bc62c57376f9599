/**
 * Plain-language lines for the embedding mechanism's events (and the registry's, on the same
 * stream), for timelines and logs that people read.
 *
 * @module
 */
import {
  lookup,
  type CommunityId,
  type OfType,
  type OrganisationId,
  type PersonId,
} from '../core/index.js'
import { CommunityEvent, narrateCommunityEvent } from '../community/index.js'
import type { DutySpec, EmbeddingEvent, EmbeddingOwnEvent } from './codecs/index.js'
import type { EmbeddingState } from './state.js'

const dutyText = (spec: DutySpec): string => {
  switch (spec.kind) {
    case 'responsibility-area':
      return `the responsibility area “${spec.area}” 责任区 (${spec.duty}; phone ${spec.phone})`
    case 'pioneer-post':
      return `the pioneer post “${spec.post}” 党员先锋岗`
    case 'households':
      return `leading ${spec.households.length} household(s) 一人带一户`
  }
}

/** The names a line looks up, in the state after the event. */
interface Names {
  /** The event's actor. */
  readonly who: string
  readonly person: (id: PersonId) => string
  readonly organisation: (id: OrganisationId) => string
  readonly community: (id: CommunityId) => string
}

/** One line per own event type of embedding. */
const lines: {
  readonly [K in EmbeddingOwnEvent['type']]: (
    e: OfType<EmbeddingOwnEvent, K>,
    names: Names,
  ) => string
} = {
  branchFounded: (e, { who, organisation }) =>
    `${who} founded ${organisation(e.organisation)} among ${e.among} (组织嵌入)`,
  branchConverted: (e, { who, organisation }) =>
    `${who} converted ${organisation(e.branch)} into ${organisation(e.into)}${e.membersTo === null ? '' : `; its members moved to ${organisation(e.membersTo)}`} (${e.reason})`,
  fundsAllotted: (e, { who, organisation }) =>
    `${who} allotted ¥${e.amount.toLocaleString('en')} to ${organisation(e.organisation)} for ${e.purpose} (组织赋能)`,
  firstSecretarySent: (e, { person, organisation }) =>
    `${e.sentBy} sent ${person(e.person)} as first secretary 第一书记 of ${organisation(e.organisation)}`,
  memberDiscovered: (e, { who, person }) =>
    `${who} found ${person(e.person)}, a ${e.found === 'hidden' ? 'hidden 隐形' : 'pocket 口袋'} party member${e.homeOrganisation === null ? '' : ` of ${e.homeOrganisation}`}`,
  memberContacted: (e, { who, person }) =>
    `${who} made contact with party member ${person(e.person)}`,
  memberReported: (e, { person, organisation, community }) =>
    `${person(e.person)} reported 报到 to ${community(e.community)} and joined ${organisation(e.organisation)}`,
  memberMoved: (e, { person, organisation }) =>
    `${person(e.person)} moved from ${organisation(e.from)} to ${organisation(e.to)}`,
  dutyAssigned: (e, { who, person }) => `${who} gave ${person(e.person)} ${dutyText(e.spec)}`,
  dutyEnded: (e, { person }) => `${person(e.person)}'s duty ${e.duty} ended (${e.reason})`,
  memberActed: (e, { person }) => `${person(e.person)} ${e.act} — ${e.occasion}`,
  memberTransferredOut: (e, { person }) =>
    `${person(e.person)}'s membership was transferred out to ${e.destination}`,
  memberLeftCommunity: (e, { person, community }) =>
    `${person(e.person)} moved away from ${e.community === null ? 'their community' : community(e.community)} and must report 报到 again`,
  memberLapsed: (e, { person }) => `${person(e.person)}'s membership lapsed (${e.reason})`,
  activistRecognised: (e, { who, person, organisation }) =>
    `${who} recognised ${person(e.person)} as an activist 积极分子 of ${organisation(e.organisation)}`,
  applicationAccepted: (e, { who, person }) =>
    `${who} accepted ${person(e.person)}'s application to join the party`,
  probationaryAdmitted: (e, { who, person }) =>
    `${who} admitted ${person(e.person)} as a probationary member 预备党员`,
  fullMemberConfirmed: (e, { who, person, organisation }) =>
    `${who} confirmed ${person(e.person)} as a full member 正式党员 of ${organisation(e.organisation)}`,
  candidateDropped: (e, { person }) => `${person(e.person)}'s development stopped (${e.reason})`,
  commended: (e, { who, person }) =>
    `${who} commended ${person(e.person)} as “${e.title}” for ${e.year} 表彰: ${e.reason}`,
}

/**
 * One sentence saying what an event on a street's registry stream recorded, with names looked up
 * in `state` (use the state after the event).
 *
 * @example
 * ```ts
 * // @check types-only
 * import { replay, embedding } from 'governance-kit'
 * import { narrateEmbeddingEvent, type EmbeddingEvent } from 'governance-kit/embedding'
 * declare const events: ReadonlyArray<EmbeddingEvent> // the street's registry stream
 * const state = replay(embedding, events)
 * events.map((e) => narrateEmbeddingEvent(state, e))
 * ```
 *
 * @category Narration
 */
export const narrateEmbeddingEvent = (state: EmbeddingState, e: EmbeddingEvent): string => {
  if (CommunityEvent.is(e)) return narrateCommunityEvent(state.registry, e)
  const registry = state.registry
  const person = (id: PersonId): string => lookup(registry.persons, id)?.name ?? id
  const names: Names = {
    who: person(e.actor),
    person,
    organisation: (id) => lookup(registry.organisations, id)?.name ?? id,
    community: (id) => lookup(registry.communities, id)?.name ?? id,
  }
  // The table pairs each type with its line; indexing by the union loses the pairing.
  const line = lines[e.type] as (e: EmbeddingOwnEvent, names: Names) => string
  return line(e, names)
}
