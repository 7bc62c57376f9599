/**
 * Plain-language lines for the embedding mechanism's events (and the registry's, on the same
 * stream), for timelines and logs that people read.
 *
 * @module
 */
import { lookup, type OrganisationId, type PersonId } from '../core/index.js'
import { CommunityEvent, narrateCommunityEvent } from '../community/index.js'
import type { DutySpec, EmbeddingEvent } from './codecs.js'
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

/**
 * One sentence saying what an event on a street's registry stream recorded, with names looked up
 * in `state` (use the state after the event).
 *
 * @example
 * ```ts
 * import { narrateEmbeddingEvent, replay, embedding } from 'governance-kit'
 * // const state = replay(embedding, events)
 * // events.map((e) => narrateEmbeddingEvent(state, e))
 * ```
 */
export const narrateEmbeddingEvent = (state: EmbeddingState, e: EmbeddingEvent): string => {
  if (CommunityEvent.is(e)) return narrateCommunityEvent(state.registry, e)
  const registry = state.registry
  const person = (id: PersonId): string => lookup(registry.persons, id)?.name ?? id
  const organisation = (id: OrganisationId): string =>
    lookup(registry.organisations, id)?.name ?? id
  const who = person(e.actor)
  switch (e.type) {
    case 'branchFounded':
      return `${who} founded ${organisation(e.organisation)} among ${e.among} (组织嵌入)`
    case 'branchConverted':
      return `${who} converted ${organisation(e.branch)} into ${organisation(e.into)}${e.membersTo === null ? '' : `; its members moved to ${organisation(e.membersTo)}`} (${e.reason})`
    case 'fundsAllotted':
      return `${who} allotted ¥${e.amount.toLocaleString('en')} to ${organisation(e.organisation)} for ${e.purpose} (组织赋能)`
    case 'firstSecretarySent':
      return `${e.sentBy} sent ${person(e.person)} as first secretary 第一书记 of ${organisation(e.organisation)}`
    case 'memberDiscovered':
      return `${who} found ${person(e.person)}, a ${e.found === 'hidden' ? 'hidden 隐形' : 'pocket 口袋'} party member${e.homeOrganisation === null ? '' : ` of ${e.homeOrganisation}`}`
    case 'memberContacted':
      return `${who} made contact with party member ${person(e.person)}`
    case 'memberReported':
      return `${person(e.person)} reported 报到 to ${lookup(registry.communities, e.community)?.name ?? e.community} and joined ${organisation(e.organisation)}`
    case 'memberMoved':
      return `${person(e.person)} moved from ${organisation(e.from)} to ${organisation(e.to)}`
    case 'dutyAssigned':
      return `${who} gave ${person(e.person)} ${dutyText(e.spec)}`
    case 'dutyEnded':
      return `${person(e.person)}'s duty ${e.duty} ended (${e.reason})`
    case 'memberActed':
      return `${person(e.person)} ${e.act} — ${e.occasion}`
    case 'memberTransferredOut':
      return `${person(e.person)}'s membership was transferred out to ${e.destination}`
    case 'memberLeftCommunity':
      return `${person(e.person)} moved away from ${e.community === null ? 'their community' : (lookup(registry.communities, e.community)?.name ?? e.community)} and must report 报到 again`
    case 'memberLapsed':
      return `${person(e.person)}'s membership lapsed (${e.reason})`
    case 'activistRecognised':
      return `${who} recognised ${person(e.person)} as an activist 积极分子 of ${organisation(e.organisation)}`
    case 'applicationAccepted':
      return `${who} accepted ${person(e.person)}'s application to join the party`
    case 'probationaryAdmitted':
      return `${who} admitted ${person(e.person)} as a probationary member 预备党员`
    case 'fullMemberConfirmed':
      return `${who} confirmed ${person(e.person)} as a full member 正式党员 of ${organisation(e.organisation)}`
    case 'candidateDropped':
      return `${person(e.person)}'s development stopped (${e.reason})`
    case 'commended':
      return `${who} commended ${person(e.person)} as “${e.title}” for ${e.year} 表彰: ${e.reason}`
  }
}
