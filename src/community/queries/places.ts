/**
 * Where things are (地方): a place's name and parent, the chain of places above it, whether one
 * place lies within another, and where a person lives.
 *
 * @module
 */
import { lookup, valuesOf, type CommunityId, type PersonId } from '../../core/index.js'
import type { PlaceRef, ScopeRef } from '../codecs/index.js'
import type { RegistryState } from '../state.js'

/**
 * The display name of a place, or undefined when the registry has no such place.
 *
 * @category Queries
 */
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

/**
 * Every place of the registry, one at a time: the street, then its communities, grids, compounds
 * and building entrances (none before the registry is opened). Each level is read only when the
 * search reaches it, so a search that stops at the street does not list the street's places.
 *
 * @category Queries
 */
export function* eachPlace(state: RegistryState): Generator<PlaceRef, void, undefined> {
  if (state.street === null) return
  yield { level: 'street', id: state.street.id }
  for (const c of valuesOf(state.communities)) yield { level: 'community', id: c.id }
  for (const g of valuesOf(state.grids)) yield { level: 'grid', id: g.id }
  for (const k of valuesOf(state.compounds)) yield { level: 'compound', id: k.id }
  for (const e of valuesOf(state.entrances)) yield { level: 'entrance', id: e.id }
}

/**
 * Every place of the registry, as a list (see {@link eachPlace}).
 *
 * @category Queries
 */
export const placesOf = (state: RegistryState): ReadonlyArray<PlaceRef> => [...eachPlace(state)]

/**
 * Whether the registry has this place.
 *
 * @category Queries
 */
export const hasPlace = (state: RegistryState, place: PlaceRef): boolean =>
  placeName(state, place) !== undefined

/**
 * The place directly above `place` (null for the street, or for an unknown place).
 *
 * @category Queries
 */
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

/**
 * `place` and every place above it, from `place` up to the street.
 *
 * @category Queries
 */
export const placeChain = (state: RegistryState, place: PlaceRef): ReadonlyArray<PlaceRef> => {
  const chain: PlaceRef[] = []
  for (let p: PlaceRef | null = place; p !== null; p = parentPlace(state, p)) chain.push(p)
  return chain
}

/**
 * The community 社区 that `place` is in (or is); null for the street or an unknown place.
 *
 * @category Queries
 */
export const communityOf = (state: RegistryState, place: PlaceRef): CommunityId | null => {
  for (const p of placeChain(state, place)) if (p.level === 'community') return p.id
  return null
}

/**
 * Whether `inner` is `outer` or lies inside it.
 *
 * @category Queries
 */
export const isWithin = (state: RegistryState, inner: PlaceRef, outer: PlaceRef): boolean =>
  placeChain(state, inner).some((p) => sameScope(p, outer))

/**
 * Whether two places overlap: one is the other or lies inside it (a street-level branch and a
 * grid of the street overlap; two grids do not).
 *
 * @category Queries
 */
export const overlaps = (state: RegistryState, a: PlaceRef, b: PlaceRef): boolean =>
  isWithin(state, a, b) || isWithin(state, b, a)

/**
 * Whether two scopes name the same place or organisation.
 *
 * @category Queries
 */
export const sameScope = (a: ScopeRef, b: ScopeRef): boolean => a.level === b.level && a.id === b.id

/**
 * Whether `person` lives at `place` or inside it.
 *
 * @category Queries
 */
export const livesWithin = (state: RegistryState, person: PersonId, place: PlaceRef): boolean => {
  const home = lookup(state.persons, person)?.home ?? null
  return home !== null && isWithin(state, home, place)
}

/**
 * The display name of a scope (a place's or an organisation's name), or its id.
 *
 * @category Queries
 */
export const scopeName = (state: RegistryState, scope: ScopeRef): string =>
  scope.level === 'organisation'
    ? (lookup(state.organisations, scope.id)?.name ?? scope.id)
    : (placeName(state, scope) ?? scope.id)
