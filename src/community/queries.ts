/**
 * Read-side selectors over the registry: where a place or organisation stands, the trees of
 * places and of party organisations, and who holds which role where.
 *
 * @module
 */
import {
  compareInstants,
  instantToMillis,
  lookup,
  lookupAll,
  notFound,
  type NotFound,
  valuesOf,
  type Collection,
  type AssignmentId,
  type CommunityId,
  type Instant,
  type OrganisationId,
  type PersonId,
} from '../core/index.js'
import type { Assignment, Organisation, PartyRef, PlaceRef, RoleKind, ScopeRef } from './codecs.js'
import { scopeKey, type RegistryState } from './state.js'

/** Entities in the order they were registered (ties by id), for listings people read. */
const inRegistrationOrder = <T extends { readonly registeredAt: Instant; readonly id: string }>(
  collection: Collection<string, T>,
): ReadonlyArray<T> =>
  [...valuesOf(collection)].sort(
    (a, b) =>
      compareInstants(a.registeredAt, b.registeredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )

/** The assignments held now (from the index), in the order they began (ties by id). */
const heldInOrder = (state: RegistryState): ReadonlyArray<Assignment> => {
  const held: Array<{ readonly a: Assignment; readonly ms: number }> = []
  for (const ids of valuesOf(state.heldPosts)) {
    for (const id of ids) {
      const a = lookup(state.assignments, id)
      if (a !== undefined) held.push({ a, ms: instantToMillis(a.since) })
    }
  }
  return held
    .sort((x, y) => x.ms - y.ms || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0))
    .map((x) => x.a)
}

/** The display name of a place, or undefined when the registry has no such place. */
export const placeName = (state: RegistryState, place: PlaceRef): string | undefined => {
  switch (place.level) {
    case 'street':
      return state.street?.id === place.id ? state.street.name : undefined
    case 'community':
      return lookup(state.communities, place.id)?.name
    case 'grid':
      return lookup(state.grids, place.id)?.name
    case 'compound':
      return lookup(state.compounds, place.id)?.name
    case 'entrance':
      return lookup(state.entrances, place.id)?.name
  }
}

/** Whether the registry has this place. */
export const hasPlace = (state: RegistryState, place: PlaceRef): boolean =>
  placeName(state, place) !== undefined

/** The place directly above `place` (null for the street, or for an unknown place). */
export const parentPlace = (state: RegistryState, place: PlaceRef): PlaceRef | null => {
  switch (place.level) {
    case 'street':
      return null
    case 'community':
      return state.street === null || lookup(state.communities, place.id) === undefined
        ? null
        : { level: 'street', id: state.street.id }
    case 'grid': {
      const grid = lookup(state.grids, place.id)
      return grid === undefined ? null : { level: 'community', id: grid.community }
    }
    case 'compound': {
      const compound = lookup(state.compounds, place.id)
      return compound === undefined ? null : { level: 'grid', id: compound.grid }
    }
    case 'entrance': {
      const entrance = lookup(state.entrances, place.id)
      return entrance === undefined ? null : { level: 'compound', id: entrance.compound }
    }
  }
}

/** `place` and every place above it, from `place` up to the street. */
export const placeChain = (state: RegistryState, place: PlaceRef): ReadonlyArray<PlaceRef> => {
  const chain: PlaceRef[] = []
  for (let p: PlaceRef | null = place; p !== null; p = parentPlace(state, p)) chain.push(p)
  return chain
}

/** The community 社区 that `place` is in (or is); null for the street or an unknown place. */
export const communityOf = (state: RegistryState, place: PlaceRef): CommunityId | null => {
  for (const p of placeChain(state, place)) if (p.level === 'community') return p.id
  return null
}

/** Whether `inner` is `outer` or lies inside it. */
export const isWithin = (state: RegistryState, inner: PlaceRef, outer: PlaceRef): boolean =>
  placeChain(state, inner).some((p) => sameScope(p, outer))

/**
 * Whether two places overlap: one is the other or lies inside it (a street-level branch and a
 * grid of the street overlap; two grids do not).
 */
export const overlaps = (state: RegistryState, a: PlaceRef, b: PlaceRef): boolean =>
  isWithin(state, a, b) || isWithin(state, b, a)

/** Whether an organisation is of the party tree: a committee 党委, branch 党支部 or group 党小组. */
export const isPartyOrganisation = (o: Pick<Organisation, 'kind'>): boolean =>
  o.kind === 'party-committee' || o.kind === 'party-branch' || o.kind === 'party-group'

/** Whether `person` lives at `place` or inside it. */
export const livesWithin = (state: RegistryState, person: PersonId, place: PlaceRef): boolean => {
  const home = lookup(state.persons, person)?.home ?? null
  return home !== null && isWithin(state, home, place)
}

/** Whether `person` leads the organisation (or one above it) through one of {@link leadingRoles}. */
export const leads = (
  state: RegistryState,
  person: PersonId,
  organisation: OrganisationId,
): boolean =>
  // One pass over the person's posts and the scope chain, not one per leading role.
  holdsAnyOf(state, person, (role) => leadingRoles.has(role), {
    level: 'organisation',
    id: organisation,
  })

/**
 * Everyone who leads the organisation now, directly or from a party organisation above it: the
 * people {@link leads} is true for.
 */
export const leadersOf = (
  state: RegistryState,
  organisation: OrganisationId,
): ReadonlyArray<PersonId> => {
  const leaders = new Set<PersonId>()
  for (const scope of scopeChain(state, { level: 'organisation', id: organisation }))
    if (scope.level === 'organisation')
      for (const a of postsOver(state, scope)) if (leadingRoles.has(a.role)) leaders.add(a.person)
  return [...leaders]
}

/** Whether the registry has a party: the person, or the organisation (dissolved or not). */
export const hasParty = (state: RegistryState, party: PartyRef): boolean =>
  party.kind === 'person'
    ? lookup(state.persons, party.person) !== undefined
    : lookup(state.organisations, party.organisation) !== undefined

/** The NotFound of a party the registry does not have. */
export const partyNotFound = (party: PartyRef): NotFound =>
  party.kind === 'person'
    ? notFound('person', party.person)
    : notFound('organisation', party.organisation)

/** Whether two party references name the same person or the same organisation. */
export const sameParty = (a: PartyRef, b: PartyRef): boolean =>
  a.kind === 'person'
    ? b.kind === 'person' && a.person === b.person
    : b.kind === 'organisation' && a.organisation === b.organisation

/** Whether `person` acts for a party: the person themselves, or one who leads the organisation. */
export const actsFor = (state: RegistryState, person: PersonId, party: PartyRef): boolean =>
  party.kind === 'person' ? party.person === person : leads(state, person, party.organisation)

/** Whether two scopes name the same place or organisation. */
export const sameScope = (a: ScopeRef, b: ScopeRef): boolean => a.level === b.level && a.id === b.id

/** The organisation's party ancestors, nearest first (empty outside the party tree). */
export const organisationAncestors = (
  state: RegistryState,
  organisation: OrganisationId,
): ReadonlyArray<Organisation> => {
  const ancestors: Organisation[] = []
  const seen = new Set<OrganisationId>([organisation])
  let current = lookup(state.organisations, organisation)
  while (current !== undefined && 'parent' in current && current.parent !== null) {
    if (seen.has(current.parent)) break // the decider never lets a cycle in; stay total anyway
    seen.add(current.parent)
    current = lookup(state.organisations, current.parent)
    if (current !== undefined) ancestors.push(current)
  }
  return ancestors
}

/**
 * Every scope whose role-holders have authority over `scope`, nearest first: for a place, the
 * place and those above it; for an organisation, the organisation, its party ancestors, then
 * its seat and the places above it.
 */
export const scopeChain = (state: RegistryState, scope: ScopeRef): ReadonlyArray<ScopeRef> => {
  if (scope.level !== 'organisation') return placeChain(state, scope)
  const organisation = lookup(state.organisations, scope.id)
  if (organisation === undefined) return [scope]
  const ancestors = organisationAncestors(state, scope.id)
  const orgs: ScopeRef[] = [
    scope,
    ...ancestors.map((o): ScopeRef => ({ level: 'organisation', id: o.id })),
  ]
  return [...orgs, ...placeChain(state, organisation.seat)]
}

/** The assignments behind a list of ids (ids the index holds always resolve). */
const assignmentsOf = (
  state: RegistryState,
  ids: ReadonlyArray<AssignmentId> | undefined,
): ReadonlyArray<Assignment> => lookupAll(state.assignments, ids ?? [])

/** The roles a person holds now. */
export const rolesOf = (state: RegistryState, person: PersonId): ReadonlyArray<Assignment> =>
  assignmentsOf(state, lookup(state.heldPosts, person))

/** Every post held now over exactly `scope`, whatever the role. */
export const postsOver = (state: RegistryState, scope: ScopeRef): ReadonlyArray<Assignment> =>
  assignmentsOf(state, lookup(state.postHolders, scopeKey(scope)))

/** Who holds `role` over exactly `scope` now. */
export const holdersOf = (
  state: RegistryState,
  role: RoleKind,
  scope: ScopeRef,
): ReadonlyArray<Assignment> => postsOver(state, scope).filter((a) => a.role === role)

/**
 * Whether `person` holds `role` over `scope` or over a scope above it (a street registrar
 * covers every community of the street; a committee secretary covers its branches).
 */
export const holdsRole = (
  state: RegistryState,
  person: PersonId,
  role: RoleKind,
  scope: ScopeRef,
): boolean => holdsAnyOf(state, person, (r) => r === role, scope)

/** Whether `person` holds a role that `pick` accepts over `scope` or over a scope above it. */
const holdsAnyOf = (
  state: RegistryState,
  person: PersonId,
  pick: (role: RoleKind) => boolean,
  scope: ScopeRef,
): boolean => {
  const held = rolesOf(state, person).filter((a) => pick(a.role))
  if (held.length === 0) return false
  return scopeChain(state, scope).some((s) => held.some((a) => sameScope(a.scope, s)))
}

/**
 * The roles that lead an organisation: the posts that make 兼任 concurrent posts, and that
 * answer for what the organisation owns.
 */
export const leadingRoles: ReadonlySet<RoleKind> = new Set<RoleKind>([
  'secretary',
  'deputy-secretary',
  'director',
  'first-secretary',
  'group-leader',
])

/** A person who leads more than one organisation at once (concurrent posts 兼任). */
export interface ConcurrentPost {
  readonly person: PersonId
  readonly personName: string
  /** The leading posts held, one per organisation. */
  readonly posts: ReadonlyArray<{ readonly role: RoleKind; readonly organisation: OrganisationId }>
}

/**
 * Persons who lead two or more organisations at once (兼任), e.g. a social organisation's branch
 * secretary who also heads the migrant branch: the links between organisations.
 */
export const concurrentPosts = (state: RegistryState): ReadonlyArray<ConcurrentPost> => {
  const byPerson = new Map<PersonId, Array<{ role: RoleKind; organisation: OrganisationId }>>()
  for (const a of heldInOrder(state)) {
    if (!leadingRoles.has(a.role) || a.scope.level !== 'organisation') continue
    const posts = byPerson.get(a.person) ?? []
    posts.push({ role: a.role, organisation: a.scope.id })
    byPerson.set(a.person, posts)
  }
  return [...byPerson]
    .filter(([, posts]) => new Set(posts.map((p) => p.organisation)).size > 1)
    .map(([person, posts]) => ({
      person,
      personName: lookup(state.persons, person)?.name ?? person,
      posts,
    }))
}

/** A node of {@link placeTree}. */
export interface PlaceNode {
  readonly place: PlaceRef
  readonly name: string
  readonly children: ReadonlyArray<PlaceNode>
}

/** The tree of places: street ⊃ communities ⊃ grids ⊃ compounds ⊃ building entrances. */
export const placeTree = (state: RegistryState): PlaceNode | null => {
  if (state.street === null) return null
  // Group each level by its parent once, so the tree costs one pass per level.
  const gridsOf = groupBy(inRegistrationOrder(state.grids), (g) => g.community)
  const compoundsOf = groupBy(inRegistrationOrder(state.compounds), (k) => k.grid)
  const entrancesOf = groupBy(inRegistrationOrder(state.entrances), (e) => e.compound)
  return {
    place: { level: 'street', id: state.street.id },
    name: state.street.name,
    children: inRegistrationOrder(state.communities).map((c) => ({
      place: { level: 'community', id: c.id },
      name: c.name,
      children: (gridsOf.get(c.id) ?? []).map((g) => ({
        place: { level: 'grid', id: g.id },
        name: g.name,
        children: (compoundsOf.get(g.id) ?? []).map((k) => ({
          place: { level: 'compound', id: k.id },
          name: k.name,
          children: (entrancesOf.get(k.id) ?? []).map((e) => ({
            place: { level: 'entrance', id: e.id },
            name: e.name,
            children: [],
          })),
        })),
      })),
    })),
  }
}

/** Items grouped by a key, each group in the items' order. */
const groupBy = <T, K>(items: ReadonlyArray<T>, keyOf: (item: T) => K): ReadonlyMap<K, T[]> => {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  return groups
}

/** A node of {@link partyTree}. */
export interface OrganisationNode {
  readonly organisation: Organisation
  /** Persons holding leading posts in it now, e.g. its secretary. */
  readonly leaders: ReadonlyArray<{
    readonly role: RoleKind
    readonly person: PersonId
    readonly name: string
  }>
  readonly children: ReadonlyArray<OrganisationNode>
}

/**
 * The party-organisation tree: committees 党委 → branches 党支部 → party groups 党小组, with each
 * organisation's leaders. Dissolved organisations are left out unless `includeDissolved`.
 */
export const partyTree = (
  state: RegistryState,
  options: { readonly includeDissolved?: boolean } = {},
): ReadonlyArray<OrganisationNode> => {
  const party = inRegistrationOrder(state.organisations).filter(
    (o) => isPartyOrganisation(o) && (options.includeDissolved === true || o.status === 'active'),
  )
  const parentOf = (o: Organisation): OrganisationId | null => ('parent' in o ? o.parent : null)
  const ids = new Set(party.map((o) => o.id))
  const childrenOf = groupBy(party, parentOf)
  const leadersOf = groupBy(
    heldInOrder(state).filter((a) => leadingRoles.has(a.role) && a.scope.level === 'organisation'),
    (a) => a.scope.id,
  )
  const build = (o: Organisation): OrganisationNode => ({
    organisation: o,
    leaders: (leadersOf.get(o.id) ?? []).map((a) => ({
      role: a.role,
      person: a.person,
      name: lookup(state.persons, a.person)?.name ?? a.person,
    })),
    children: (childrenOf.get(o.id) ?? []).map(build),
  })
  return party
    .filter((o) => {
      const parent = parentOf(o)
      return parent === null || !ids.has(parent)
    })
    .map(build)
}

/** Persons with their current roles, for "who holds which role where". */
export const roleHolders = (
  state: RegistryState,
): ReadonlyArray<{
  readonly person: PersonId
  readonly name: string
  readonly roles: ReadonlyArray<Assignment>
}> => {
  const byPerson = new Map<PersonId, Assignment[]>()
  for (const a of heldInOrder(state)) {
    const roles = byPerson.get(a.person)
    if (roles === undefined) byPerson.set(a.person, [a])
    else roles.push(a)
  }
  return [...byPerson].map(([person, roles]) => ({
    person,
    name: lookup(state.persons, person)?.name ?? person,
    roles,
  }))
}

/** The display name of a scope (a place's or an organisation's name), or its id. */
export const scopeName = (state: RegistryState, scope: ScopeRef): string =>
  scope.level === 'organisation'
    ? (lookup(state.organisations, scope.id)?.name ?? scope.id)
    : (placeName(state, scope) ?? scope.id)
