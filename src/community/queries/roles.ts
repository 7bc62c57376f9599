/**
 * Who holds which post where (任职): the posts a person holds, the holders over a scope, whether a
 * person holds a role over a scope or one above it, who leads an organisation, and concurrent
 * posts 兼任.
 *
 * @module
 */
import {
  lookup,
  lookupAll,
  type AssignmentId,
  type OrganisationId,
  type PersonId,
} from '../../core/index.js'
import type { Assignment, PartyRef, RoleKind, ScopeRef } from '../codecs/index.js'
import { scopeKey, type RegistryState } from '../state.js'
import { heldInOrder } from './order.js'
import { organisationAncestors } from './organisations.js'
import { placeChain, sameScope } from './places.js'

/**
 * Every scope whose role-holders have authority over `scope`, nearest first: for a place, the
 * place and those above it; for an organisation, the organisation, its party ancestors, then
 * its seat and the places above it.
 *
 * @category Queries
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

/**
 * The roles a person holds now.
 *
 * @category Queries
 */
export const rolesOf = (state: RegistryState, person: PersonId): ReadonlyArray<Assignment> =>
  assignmentsOf(state, lookup(state.heldPosts, person))

/**
 * Every post held now over exactly `scope`, whatever the role.
 *
 * @category Queries
 */
export const postsOver = (state: RegistryState, scope: ScopeRef): ReadonlyArray<Assignment> =>
  assignmentsOf(state, lookup(state.postHolders, scopeKey(scope)))

/**
 * Who holds `role` over exactly `scope` now.
 *
 * @category Queries
 */
export const holdersOf = (
  state: RegistryState,
  role: RoleKind,
  scope: ScopeRef,
): ReadonlyArray<Assignment> => postsOver(state, scope).filter((a) => a.role === role)

/**
 * Whether `person` holds `role` over `scope` or over a scope above it (a street registrar
 * covers every community of the street; a committee secretary covers its branches).
 *
 * @category Queries
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
 *
 * @category Queries
 */
export const leadingRoles: ReadonlySet<RoleKind> = new Set<RoleKind>([
  'secretary',
  'deputy-secretary',
  'director',
  'first-secretary',
  'group-leader',
])

/**
 * Whether `person` leads the organisation (or one above it) through one of {@link leadingRoles}.
 *
 * @category Queries
 */
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
 *
 * @category Queries
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

/**
 * Whether `person` acts for a party: the person themselves, or one who leads the organisation.
 *
 * @category Queries
 */
export const actsFor = (state: RegistryState, person: PersonId, party: PartyRef): boolean =>
  party.kind === 'person' ? party.person === person : leads(state, person, party.organisation)

/**
 * A person who leads more than one organisation at once (concurrent posts 兼任).
 *
 * @category Queries
 */
export interface ConcurrentPost {
  readonly person: PersonId
  readonly personName: string
  /** The leading posts held, one per organisation. */
  readonly posts: ReadonlyArray<{ readonly role: RoleKind; readonly organisation: OrganisationId }>
}

/**
 * Persons who lead two or more organisations at once (兼任), e.g. a social organisation's branch
 * secretary who also heads the migrant branch: the links between organisations.
 *
 * @category Queries
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

/**
 * Persons with their current roles, for "who holds which role where".
 *
 * @category Queries
 */
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
