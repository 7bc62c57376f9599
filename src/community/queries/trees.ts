/**
 * The registry as trees people read (树): the places of the street, and the party-organisation
 * tree with each organisation's leaders.
 *
 * @module
 */
import { lookup, type OrganisationId, type PersonId } from '../../core/index.js'
import type { Organisation, PlaceRef, RoleKind } from '../codecs/index.js'
import type { RegistryState } from '../state.js'
import { groupBy, heldInOrder, inRegistrationOrder } from './order.js'
import { isPartyOrganisation } from './organisations.js'
import { leadingRoles } from './roles.js'

/**
 * A node of {@link placeTree}.
 *
 * @category Queries
 */
export interface PlaceNode {
  readonly place: PlaceRef
  readonly name: string
  readonly children: ReadonlyArray<PlaceNode>
}

/**
 * The tree of places: street ⊃ communities ⊃ grids ⊃ compounds ⊃ building entrances.
 *
 * @category Queries
 */
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

/**
 * A node of {@link partyTree}.
 *
 * @category Queries
 */
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
 *
 * @category Queries
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
