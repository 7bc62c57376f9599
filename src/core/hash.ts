/**
 * A small, fast, non-cryptographic string hash (32-bit FNV-1a), for bucketing and fingerprints.
 *
 * @module
 */

/** 32-bit FNV-1a of a string's UTF-16 code units, from `seed` (the FNV offset basis by default). */
export const fnv1a = (text: string, seed = 0x811c9dc5): number => {
  let hash = seed
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * A 64-bit fingerprint of a JSON value, as 16 hex digits: two FNV-1a hashes of its JSON text.
 * Used to tell a repeated command from a different command that reuses its id.
 */
export const fingerprint = (value: unknown): string => {
  const json = JSON.stringify(value)
  return (
    fnv1a(json).toString(16).padStart(8, '0') +
    fnv1a(json, 0x01000193).toString(16).padStart(8, '0')
  )
}
