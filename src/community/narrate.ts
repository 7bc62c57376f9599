/**
 * Narration (叙述): plain-language lines for the registry's events, for timelines and logs that people read.
 *
 * @module
 */
import { lookup, type AssignmentId, type OfType, type PersonId } from '../core/index.js'
import type {
  Assignment,
  CommunityEvent,
  Household,
  OrganisationSpec,
  PlaceRef,
  ScopeRef,
} from './codecs/index.js'
import { scopeName } from './queries/index.js'
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

/** The names a line looks up, in the state after the event. */
interface Names {
  /** The event's actor. */
  readonly who: string
  readonly person: (id: PersonId) => string
  readonly place: (p: PlaceRef | null) => string
  readonly scope: (scope: ScopeRef) => string
  readonly assignment: (id: AssignmentId) => Assignment | undefined
}

/** One line per event type of the registry. */
const lines: {
  readonly [K in CommunityEvent['type']]: (e: OfType<CommunityEvent, K>, names: Names) => string
} = {
  registryOpened: (e, { who }) =>
    `${who} opened the registry of ${e.name}, with ${e.registrarName} as registrar`,
  communityRegistered: (e, { who }) => `${who} registered ${e.settlement} ${e.name}`,
  gridRegistered: (e, { who, place }) =>
    `${who} registered grid ${e.name} in ${place({ level: 'community', id: e.community })}`,
  compoundRegistered: (e, { who, place }) =>
    `${who} registered compound ${e.name} in ${place({ level: 'grid', id: e.grid })}`,
  entranceRegistered: (e, { who, place }) =>
    `${who} registered entrance ${e.name} in ${place({ level: 'compound', id: e.compound })}`,
  personRegistered: (e, { who, place }) =>
    `${who} registered ${e.name} (${household(e.household)})${e.home === null ? '' : `, living in ${place(e.home)}`}`,
  residentMoved: (e, { who, person, place }) =>
    `${who} recorded ${person(e.person)} moving from ${place(e.from)} to ${place(e.to)}`,
  residentDeparted: (e, { who, person, place }) =>
    `${who} recorded ${person(e.person)} leaving ${place(e.from)} for ${e.destination}`,
  placeRenamed: (e, { who }) => `${who} renamed ${e.place.level} ${e.from} to ${e.to}`,
  householdChanged: (e, { who, person }) =>
    `${who} recorded ${person(e.person)}'s household registration changing from ${household(e.from)} to ${household(e.to)}`,
  organisationRenamed: (e, { who }) => `${who} renamed ${e.from} to ${e.to}`,
  organisationRegistered: (e, { who, place, scope }) => {
    const o = e.organisation
    const parent =
      'parent' in o && o.parent !== null
        ? `, under ${scope({ level: 'organisation', id: o.parent })}`
        : ''
    return `${who} registered ${o.name} (${organisationKind(o)} at ${place(o.seat)}${parent})`
  },
  organisationDissolved: (e, { who, scope }) =>
    `${who} dissolved ${scope({ level: 'organisation', id: e.organisation })}: ${e.reason}`,
  roleAssigned: (e, { who, person, scope }) =>
    `${who} appointed ${person(e.person)} ${e.role} of ${scope(e.scope)}`,
  roleEnded: (e, { who, person, scope, assignment }) => {
    const a = assignment(e.assignment)
    return a === undefined
      ? `${who} ended assignment ${e.assignment}: ${e.reason}`
      : `${who} ended ${person(a.person)}'s post as ${a.role} of ${scope(a.scope)}: ${e.reason}`
  },
}

/**
 * One sentence saying what a registry event recorded, with names looked up in `state` (use the
 * state after the event, so that the names it introduced are known).
 *
 * @example
 * ```ts
 * // @check types-only
 * import { replay, community } from 'governance-kit'
 * import { narrateCommunityEvent, type CommunityEvent } from 'governance-kit/community'
 * declare const events: ReadonlyArray<CommunityEvent> // the registry's events, e.g. from store.readStream(...)
 * const state = replay(community, events)
 * events.map((e) => narrateCommunityEvent(state, e))
 * ```
 *
 * @category Narration
 */
export const narrateCommunityEvent = (state: RegistryState, e: CommunityEvent): string => {
  const person = (id: PersonId): string => lookup(state.persons, id)?.name ?? id
  const names: Names = {
    who: person(e.actor),
    person,
    place: (p) => (p === null ? 'nowhere' : scopeName(state, p)),
    scope: (scope) => scopeName(state, scope),
    assignment: (id) => lookup(state.assignments, id),
  }
  // The table pairs each type with its line; indexing by the union loses the pairing.
  const line = lines[e.type] as (e: CommunityEvent, names: Names) => string
  return line(e, names)
}
