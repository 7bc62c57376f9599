/**
 * Collections: the way large entity maps are kept in state.
 *
 * Why not a plain record: an immutable update of a record copies every key of it, so one new
 * person in a street of 10,000 costs ~4–6 ms on these machines, and a command stream grows
 * quadratically. A collection splits the entries into 256 buckets by a hash of their key; an update
 * copies one bucket (a few dozen entries) and the small bucket index. It is still plain,
 * JSON-serialisable data, so snapshots can be stored and reloaded.
 *
 * Read it with {@link lookup}, {@link valuesOf} and {@link sizeOf}; write it only inside an immer
 * recipe with {@link insert}.
 *
 * @module
 */
import type { Draft } from 'immer'
import { fnv1a } from './hash.js'

/**
 * Entries of `V` keyed by `K`, split into buckets (see the module comment for why).
 *
 * @category Collection
 */
export type Collection<K extends string, V> = Readonly<
  Record<string, Readonly<Partial<Record<K, V>>>>
>

/** The collection with no entries. @category Collection */
export const emptyCollection = <K extends string, V>(): Collection<K, V> => ({})

/** The bucket of a key: its FNV-1a hash modulo 256, in hex. */
const bucketOf = (key: string): string => {
  // Fold all four bytes: the low byte alone depends only on each code unit's low byte, so keys
  // differing only in high bytes (Chinese ids) would all share a bucket.
  const h = fnv1a(key)
  return ((h ^ (h >>> 8) ^ (h >>> 16) ^ (h >>> 24)) & 0xff).toString(16).padStart(2, '0')
}

/** The entry under `key`, or undefined. @category Collection */
export const lookup = <K extends string, V>(collection: Collection<K, V>, key: K): V | undefined =>
  ownEntry(collection[bucketOf(key)], key)

/**
 * The bucket's own entry under `key`: ids such as `constructor` or `toString` are valid, and must
 * not find what every object inherits.
 */
const ownEntry = <T>(
  bucket: Readonly<Partial<Record<string, T>>> | undefined,
  key: string,
): T | undefined =>
  bucket !== undefined && Object.prototype.hasOwnProperty.call(bucket, key)
    ? bucket[key]
    : undefined

/**
 * The entries under `keys`, in their order; keys with no entry are skipped.
 *
 * @category Collection
 */
export const lookupAll = <K extends string, V>(
  collection: Collection<K, V>,
  keys: ReadonlyArray<K>,
): ReadonlyArray<V> => {
  const found: V[] = []
  for (const key of keys) {
    const value = lookup(collection, key)
    if (value !== undefined) found.push(value)
  }
  return found
}

/** Whether the collection has an entry under `key`. @category Collection */
export const has = <K extends string, V>(collection: Collection<K, V>, key: K): boolean =>
  lookup(collection, key) !== undefined

/** Every entry, in no particular order (sort where order matters). @category Collection */
export const valuesOf = <K extends string, V>(collection: Collection<K, V>): ReadonlyArray<V> => {
  const values: V[] = []
  for (const bucket of Object.values(collection)) {
    for (const value of Object.values(bucket) as ReadonlyArray<V | undefined>) {
      if (value !== undefined) values.push(value)
    }
  }
  return values
}

/** How many entries the collection has. @category Collection */
export const sizeOf = <K extends string, V>(collection: Collection<K, V>): number => {
  let size = 0
  for (const bucket of Object.values(collection)) size += Object.keys(bucket).length
  return size
}

/**
 * Puts `value` under `key` in a collection being drafted by immer (inside a recipe).
 *
 * @example
 * ```ts
 * import { produce } from 'immer'
 * import { emptyCollection, insert, lookup, type Collection } from 'governance-kit/collection'
 * const next = produce({ people: emptyCollection<string, { name: string }>() }, (draft) => {
 *   insert(draft.people, 'p-1', { name: 'Wang Jun' })
 * })
 * lookup(next.people, 'p-1') // { name: 'Wang Jun' }
 * ```
 *
 * @category Collection
 */
export const insert = <K extends string, V>(
  draft: Draft<Collection<K, V>>,
  key: K,
  value: Draft<V>,
): void => {
  // `__proto__` would set a bucket's prototype instead of adding an entry (ids cannot be it).
  if (key === '__proto__') throw new TypeError('"__proto__" cannot be a key of a collection')
  // Drafts of a collection are plain nested records underneath; the cast only drops the brand.
  const buckets = draft as unknown as Record<string, Record<string, Draft<V>> | undefined>
  const b = bucketOf(key)
  const bucket = buckets[b] ?? (buckets[b] = {})
  bucket[key] = value
}

/**
 * The drafted entry under `key`, to change it in place inside a recipe; undefined when absent.
 *
 * @category Collection
 */
export const draftOf = <K extends string, V>(
  draft: Draft<Collection<K, V>>,
  key: K,
): Draft<V> | undefined =>
  ownEntry(
    (draft as unknown as Record<string, Record<string, Draft<V>> | undefined>)[bucketOf(key)],
    key,
  )

/**
 * Removes the entry under `key` from a collection being drafted by immer (inside a recipe);
 * nothing happens when there is none. An emptied bucket is dropped, so that a collection that
 * had entries and lost them equals one that never had them.
 *
 * @category Collection
 */
export const remove = <K extends string, V>(draft: Draft<Collection<K, V>>, key: K): void => {
  const buckets = draft as unknown as Record<string, Record<string, Draft<V>> | undefined>
  const b = bucketOf(key)
  const bucket = buckets[b]
  if (bucket === undefined || !Object.prototype.hasOwnProperty.call(bucket, key)) return
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a collection is a keyed record by design
  delete bucket[key]
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- as above, one level up
  if (Object.keys(bucket).length === 0) delete buckets[b]
}
