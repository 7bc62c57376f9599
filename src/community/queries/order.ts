/**
 * The orders in which the registry's listings are read (登记顺序): entities in the order they were
 * registered, posts in the order they began, items grouped by a key. Shared by the query files,
 * not exported from the package.
 *
 * @module
 */
import {
  compareInstants,
  instantToMillis,
  lookup,
  valuesOf,
  type Collection,
  type Instant,
} from '../../core/index.js'
import type { Assignment } from '../codecs/index.js'
import type { RegistryState } from '../state.js'

/**
 * Entities in the order they were registered (ties by id), for listings people read.
 *
 * @category Queries
 */
export const inRegistrationOrder = <
  T extends { readonly registeredAt: Instant; readonly id: string },
>(
  collection: Collection<string, T>,
): ReadonlyArray<T> =>
  [...valuesOf(collection)].sort(
    (a, b) =>
      compareInstants(a.registeredAt, b.registeredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )

/**
 * The assignments held now (from the index), in the order they began (ties by id).
 *
 * @category Queries
 */
export const heldInOrder = (state: RegistryState): ReadonlyArray<Assignment> => {
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

/**
 * Items grouped by a key, each group in the items' order.
 *
 * @category Queries
 */
export const groupBy = <T, K>(
  items: ReadonlyArray<T>,
  keyOf: (item: T) => K,
): ReadonlyMap<K, T[]> => {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  return groups
}
