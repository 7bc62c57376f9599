/**
 * Plain-language lines for the registry's events, for timelines and logs that people read.
 *
 * @module
 */
import { lookup, type PersonId } from '../core/index.js'
import type { CommunityEvent, Household, OrganisationSpec, PlaceRef } from './codecs.js'
import { scopeName } from './queries.js'
import type { RegistryState } from './state.js'

const household = (h: Household): string =>
  h.status === 'migrant' ? `migrant 外来 from ${h.origin}` : 'registered 户籍'

const organisationKind = (o: OrganisationSpec): string => {
  switch (o.kind) {
    case 'party-branch':
      return `${o.branch.kind} party branch`
    case 'owners-committee':
      return o.partyLed ? 'red owners’ committee 红色业委会' : 'owners’ committee 业委会'
    case 'social-organisation':
      return `${o.origin} social organisation`
    default:
      return o.kind.replace(/-/g, ' ')
  }
}

/**
 * One sentence saying what a registry event recorded, with names looked up in `state` (use the
 * state after the event, so that the names it introduced are known).
 *
 * @example
 * ```ts
 * import { narrateCommunityEvent, replay, community } from 'governance-kit'
 * // events: the registry's events, e.g. from store.readStream(...)
 * // const state = replay(community, events)
 * // events.map((e) => narrateCommunityEvent(state, e))
 * ```
 */
export const narrateCommunityEvent = (state: RegistryState, e: CommunityEvent): string => {
  const who = lookup(state.persons, e.actor)?.name ?? e.actor
  const person = (id: PersonId): string => lookup(state.persons, id)?.name ?? id
  const place = (p: PlaceRef | null): string => (p === null ? 'nowhere' : scopeName(state, p))
  switch (e.type) {
    case 'registryOpened':
      return `${who} opened the registry of ${e.name}, with ${e.registrarName} as registrar`
    case 'communityRegistered':
      return `${who} registered ${e.settlement} ${e.name}`
    case 'gridRegistered':
      return `${who} registered grid ${e.name} in ${place({ level: 'community', id: e.community })}`
    case 'compoundRegistered':
      return `${who} registered compound ${e.name} in ${place({ level: 'grid', id: e.grid })}`
    case 'entranceRegistered':
      return `${who} registered entrance ${e.name} in ${place({ level: 'compound', id: e.compound })}`
    case 'personRegistered':
      return `${who} registered ${e.name} (${household(e.household)})${e.home === null ? '' : `, living in ${place(e.home)}`}`
    case 'residentMoved':
      return `${who} recorded ${person(e.person)} moving from ${place(e.from)} to ${place(e.to)}`
    case 'residentDeparted':
      return `${who} recorded ${person(e.person)} leaving ${place(e.from)} for ${e.destination}`
    case 'placeRenamed':
      return `${who} renamed ${e.place.level} ${e.from} to ${e.to}`
    case 'householdChanged':
      return `${who} recorded ${person(e.person)}'s household registration changing from ${household(e.from)} to ${household(e.to)}`
    case 'organisationRenamed':
      return `${who} renamed ${e.from} to ${e.to}`
    case 'organisationRegistered': {
      const o = e.organisation
      const parent =
        'parent' in o && o.parent !== null
          ? `, under ${scopeName(state, { level: 'organisation', id: o.parent })}`
          : ''
      return `${who} registered ${o.name} (${organisationKind(o)} at ${place(o.seat)}${parent})`
    }
    case 'organisationDissolved':
      return `${who} dissolved ${scopeName(state, { level: 'organisation', id: e.organisation })}: ${e.reason}`
    case 'roleAssigned':
      return `${who} appointed ${person(e.person)} ${e.role} of ${scopeName(state, e.scope)}`
    case 'roleEnded': {
      const a = lookup(state.assignments, e.assignment)
      return a === undefined
        ? `${who} ended assignment ${e.assignment}: ${e.reason}`
        : `${who} ended ${person(a.person)}'s post as ${a.role} of ${scopeName(state, a.scope)}: ${e.reason}`
    }
  }
}
