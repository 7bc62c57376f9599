/**
 * The registry's lifecycles and placement tables (生命周期与设置表), declared once as data: an
 * organisation's and a post's lifecycle, and which kinds of organisation and post may sit or be
 * held at which levels. The guards of the lifecycles are rules of {@link communityRules}.
 *
 * @module
 */
import { defineMachine } from '../core/index.js'
import type {
  BranchSetting,
  OrganisationKind,
  PlaceLevel,
  RoleKind,
  ScopeRef,
} from './codecs/index.js'
import { communityRules } from './rules.js'

/**
 * The lifecycle of an organisation: active until dissolved. (Founding and converting branches
 * belong to the embedding mechanism, which extends this registry.)
 *
 * @category Lifecycle
 */
export const organisationMachine = defineMachine({
  id: 'organisation',
  states: ['active', 'dissolved'],
  initial: 'active',
  final: ['dissolved'],
  transitions: [
    { from: 'active', on: 'renameOrganisation', to: 'active' },
    {
      from: 'active',
      on: 'dissolveOrganisation',
      to: 'dissolved',
      guard: communityRules.noActiveSubOrganisations.id,
    },
  ],
})

/**
 * The lifecycle of a role assignment: held until ended.
 *
 * @category Lifecycle
 */
export const assignmentMachine = defineMachine({
  id: 'assignment',
  states: ['held', 'ended'],
  initial: 'held',
  final: ['ended'],
  transitions: [{ from: 'held', on: 'endRole', to: 'ended' }],
})

/**
 * Each place level's parent level (the street has none).
 *
 * @category Rules
 */
export const parentLevel: Readonly<Record<PlaceLevel, PlaceLevel | null>> = {
  street: null,
  community: 'street',
  grid: 'community',
  compound: 'grid',
  entrance: 'compound',
}

/**
 * Which organisation kinds may be the parent of which (the party-organisation tree: committee
 * 党委 → branch 党支部 → party group 党小组). Kinds outside the party tree have no parent.
 *
 * @category Rules
 */
export const allowedParents: Readonly<Record<OrganisationKind, ReadonlyArray<OrganisationKind>>> = {
  'party-committee': ['party-committee'],
  'party-branch': ['party-committee'],
  'party-group': ['party-branch'],
  'residents-committee': [],
  'owners-committee': [],
  'property-company': [],
  'social-organisation': [],
  'other-social-force': [],
}

/**
 * The place levels where each organisation kind may sit.
 *
 * @category Rules
 */
export const allowedSeats: Readonly<Record<OrganisationKind, ReadonlyArray<PlaceLevel>>> = {
  'party-committee': ['street', 'community'],
  'party-branch': ['street', 'community', 'grid', 'compound'],
  'party-group': ['community', 'grid', 'compound', 'entrance'],
  'residents-committee': ['community'],
  'owners-committee': ['community', 'compound'],
  'property-company': ['community', 'grid', 'compound'],
  'social-organisation': ['street', 'community', 'grid', 'compound'],
  'other-social-force': ['street', 'community', 'grid', 'compound'],
}

/**
 * The scope levels where each role may be held.
 *
 * @category Rules
 */
export const allowedScopes: Readonly<Record<RoleKind, ReadonlyArray<ScopeRef['level']>>> = {
  registrar: ['street', 'community'],
  secretary: ['organisation'],
  'deputy-secretary': ['organisation'],
  'group-leader': ['organisation'],
  'first-secretary': ['organisation'],
  director: ['organisation'],
  'grid-worker': ['grid'],
  'building-head': ['compound', 'entrance'],
  representative: ['street', 'community', 'grid', 'compound', 'entrance', 'organisation'],
  'community-leader': ['community', 'grid', 'compound', 'entrance'],
  volunteer: ['street', 'community', 'grid', 'compound', 'entrance', 'organisation'],
  'hall-chair': ['street', 'community', 'compound', 'entrance', 'organisation'],
  mediator: ['street', 'community', 'grid', 'organisation'],
  supervisor: ['street', 'community', 'compound', 'organisation'],
  'social-worker': ['street', 'community', 'organisation'],
}

/**
 * The place levels where each kind of party branch may sit: a grid branch in a grid, a floating
 * branch where its members live (street, community or grid), and so on.
 *
 * @category Rules
 */
export const allowedBranchSeats: Readonly<
  Record<BranchSetting['kind'], ReadonlyArray<PlaceLevel>>
> = {
  community: ['community'],
  grid: ['grid'],
  council: ['community', 'compound'],
  temporary: ['street', 'community', 'grid', 'compound'],
  'social-organisation': ['street', 'community', 'grid', 'compound'],
  floating: ['street', 'community', 'grid'],
}

/**
 * Roles that at most one person holds at a time in one scope.
 *
 * @category Rules
 */
export const singleHolderRoles: ReadonlySet<RoleKind> = new Set<RoleKind>([
  'secretary',
  'first-secretary',
  'director',
  'group-leader',
])
