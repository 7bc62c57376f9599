import * as fc from 'fast-check'
import { produce } from 'immer'
import { describe, expect, it } from 'vitest'
import {
  draftOf,
  emptyCollection,
  fingerprint,
  fnv1a,
  has,
  insert,
  lookup,
  sizeOf,
  valuesOf,
  type Collection,
} from '../../src/core/index.js'

interface Person {
  readonly name: string
  readonly moves: number
}
type People = Collection<string, Person>

/** A collection holding `keys`, each with its own name, built in one recipe. */
const collectionOf = (keys: ReadonlyArray<string>): People =>
  produce(emptyCollection<string, Person>(), (draft) => {
    for (const key of keys) insert(draft, key, { name: `name of ${key}`, moves: 0 })
  })

/** The bucket of a key: FNV-1a folded to one byte (as collection.ts does). */
const bucketOf = (key: string): number => {
  const h = fnv1a(key)
  return (h ^ (h >>> 8) ^ (h >>> 16) ^ (h >>> 24)) & 0xff
}

/** A key that lands in the same bucket as `other`. */
const sameBucketAs = (other: string): string => {
  const bucket = bucketOf(other)
  for (let i = 0; ; i++) {
    const key = `k${i}`
    if (bucketOf(key) === bucket) return key
  }
}

describe('fnv1a and fingerprint', () => {
  it('fnv1a gives the published 32-bit FNV-1a values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5)
    expect(fnv1a('a')).toBe(0xe40c292c)
    expect(fnv1a('foobar')).toBe(0xbf9cf968)
  })

  it('fnv1a is an unsigned 32-bit integer, and the seed changes it', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const h = fnv1a(s)
        expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true)
      }),
    )
    expect(fnv1a('a', 1)).not.toBe(fnv1a('a'))
  })

  it('fingerprint is a SHA-256 digest: 64 hex digits, equal for equal JSON, different for different values', () => {
    expect(fingerprint({ a: 1 })).toMatch(/^[0-9a-f]{64}$/)
    // The published SHA-256 of the JSON text '"abc"'.
    expect(fingerprint('abc')).toBe(
      '6cc43f858fbb763301637b5af970e2a46b46f461f27e5a0f41e009c59b827b25',
    )
    expect(fingerprint({ a: 1, b: [1, 2] })).toBe(fingerprint({ a: 1, b: [1, 2] }))
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }))
    expect(fingerprint(['x'])).not.toBe(fingerprint('x'))
  })

  it('a command fingerprint cannot be forced: names differing in bits 14–15 of one character differ', () => {
    // These collide under the earlier 64-bit FNV-1a fingerprint (two 32-bit FNV-1a hashes).
    const prints = ['N', '䁎', '聎'].map((name) => fingerprint({ type: 'renamePlace', name }))
    expect(new Set(prints).size).toBe(3)
  })

  it('fingerprint depends on key order (the engine fingerprints decoded, codec-ordered copies)', () => {
    expect(fingerprint({ a: 1, b: 2 })).not.toBe(fingerprint({ b: 2, a: 1 }))
  })
})

describe('Collection', () => {
  it('an empty collection has nothing', () => {
    const empty = emptyCollection<string, Person>()
    expect(sizeOf(empty)).toBe(0)
    expect(valuesOf(empty)).toEqual([])
    expect(lookup(empty, 'p1')).toBeUndefined()
    expect(has(empty, 'p1')).toBe(false)
  })

  it('finds what was inserted, and only that', () => {
    const people = collectionOf(['p1', 'p2', '居民-3'])
    expect(lookup(people, 'p1')).toEqual({ name: 'name of p1', moves: 0 })
    expect(lookup(people, '居民-3')).toEqual({ name: 'name of 居民-3', moves: 0 })
    expect(has(people, 'p2')).toBe(true)
    expect(has(people, 'p4')).toBe(false)
    expect(sizeOf(people)).toBe(3)
    expect(
      valuesOf(people)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['name of p1', 'name of p2', 'name of 居民-3'].sort())
  })

  it('inserting a key again replaces its entry', () => {
    const people = produce(collectionOf(['p1']), (draft) => {
      insert(draft, 'p1', { name: 'renamed', moves: 1 })
    })
    expect(sizeOf(people)).toBe(1)
    expect(lookup(people, 'p1')).toEqual({ name: 'renamed', moves: 1 })
  })

  it('draftOf changes an entry in place inside a recipe, and is undefined when absent', () => {
    const people = produce(collectionOf(['p1']), (draft) => {
      const p = draftOf(draft, 'p1')
      if (p !== undefined) p.moves += 1
      expect(draftOf(draft, 'p9')).toBeUndefined()
    })
    expect(lookup(people, 'p1')?.moves).toBe(1)
  })

  it('an insert copies one bucket: every other bucket is shared with the previous state', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `p${i}`)
    const before = collectionOf(keys)
    const after = produce(before, (draft) => {
      insert(draft, 'new-person', { name: 'new', moves: 0 })
    })
    const changed = Object.keys(after).filter((bucket) => after[bucket] !== before[bucket])
    expect(changed).toHaveLength(1)
    expect(sizeOf(after)).toBe(501)
    expect(sizeOf(before)).toBe(500)
  })

  it('is plain data: a JSON round trip gives an equal collection', () => {
    const people = collectionOf(['p1', 'p2', 'p3'])
    const reloaded = JSON.parse(JSON.stringify(people)) as People
    expect(reloaded).toEqual(people)
    expect(lookup(reloaded, 'p2')).toEqual(lookup(people, 'p2'))
  })

  it('property: it behaves as a map of its keys', () => {
    const arbKey = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/)
    fc.assert(
      fc.property(fc.array(fc.tuple(arbKey, fc.nat(5)), { maxLength: 60 }), (writes) => {
        const model = new Map<string, Person>()
        const people = produce(emptyCollection<string, Person>(), (draft) => {
          for (const [key, moves] of writes) {
            insert(draft, key, { name: key, moves })
            model.set(key, { name: key, moves })
          }
        })
        expect(sizeOf(people)).toBe(model.size)
        for (const [key, value] of model) expect(lookup(people, key)).toEqual(value)
        expect(valuesOf(people)).toHaveLength(model.size)
      }),
    )
  })

  // Regression guard (once went wrong like this): buckets are ordinary objects and the read is `bucket[key]`, so a key that
  // names an Object.prototype member finds the inherited value once its bucket exists.
  // `constructor`, `toString`, `valueOf` and `hasOwnProperty` are valid ids (ID_PATTERN), so e.g. a
  // person "toString" "exists" to decide (has → true), and a recipe doing `draftOf(draft.persons,
  // 'toString').home = …` writes onto the global Object.prototype.toString.
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])(
    'an inherited name (%s) is not an entry, even when its bucket exists',
    (key) => {
      const people = collectionOf([sameBucketAs(key)])
      expect(lookup(people, key)).toBeUndefined()
      expect(has(people, key)).toBe(false)
    },
  )

  it('draftOf gives no inherited member to write to', () => {
    produce(collectionOf([sameBucketAs('toString')]), (draft) => {
      expect(draftOf(draft, 'toString')).toBeUndefined()
    })
  })

  it('a key named like an inherited member can still be stored and read', () => {
    const people = collectionOf(['constructor', 'toString'])
    expect(lookup(people, 'constructor')).toEqual({ name: 'name of constructor', moves: 0 })
    expect(sizeOf(people)).toBe(2)
  })
})

describe('keys spread over the buckets', () => {
  it('Chinese ids that differ only in high bytes do not pile into one bucket', () => {
    // Every code unit's low byte is 0x00: only the high bytes tell these keys apart.
    const keys = Array.from(
      { length: 2000 },
      (_, i) =>
        String.fromCharCode(0x4e00 + (i % 80) * 0x100) +
        String.fromCharCode(0x4e00 + Math.floor(i / 80) * 0x100),
    )
    const buckets = new Set(keys.map(bucketOf))
    expect(buckets.size).toBeGreaterThan(100)
  })

  it('"__proto__" is refused as a key instead of changing a bucket’s prototype', () => {
    expect(() =>
      produce(emptyCollection<string, number>(), (draft) => {
        insert(draft, '__proto__', 1)
      }),
    ).toThrow(TypeError)
  })
})
