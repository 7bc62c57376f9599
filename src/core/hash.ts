/**
 * Hashes: a fast string hash for bucketing, and a digest of commands that cannot be forced.
 *
 * @module
 */
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'

/**
 * 32-bit FNV-1a of a string's UTF-16 code units, from `seed` (the FNV offset basis by default).
 * For spreading keys over buckets only: it is trivial to make two strings collide, so it must
 * never decide whether two values are the same.
 */
export const fnv1a = (text: string, seed = 0x811c9dc5): number => {
  let hash = seed
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * The SHA-256 digest of a JSON value's text, as 64 hex digits: how the engine tells a repeated
 * command from a different command that reuses its id. Why a cryptographic digest: a caller who
 * can choose a command's text could otherwise craft a second command with the first one's
 * fingerprint (two 64-bit FNV-1a hashes collide for names differing in bits 14–15 of one
 * character, such as N, 䁎 and 聎), and have it answered "duplicate" and dropped.
 *
 * @example
 * ```ts
 * // @check none — internal: the engine's, exported by no entry point
 * import { fingerprint } from 'governance-kit'
 * fingerprint({ type: 'renamePlace', name: 'N' }) !== fingerprint({ type: 'renamePlace', name: '䁎' }) // true
 * ```
 */
export const fingerprint = (value: unknown): string =>
  bytesToHex(sha256(utf8ToBytes(JSON.stringify(value))))
