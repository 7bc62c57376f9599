/**
 * The codec kit (编解码), `governance-kit/codec`: the io-ts building blocks every mechanism's
 * types are declared with — structs that refuse unknown keys, bounded text, tagged unions that
 * report the bad field's path — with the branded ids and the instants they use, and the decoder
 * that turns a failure into {@link DecodeIssue}s.
 *
 * @module
 */
export * from './core/codec.js'
export * from './core/union.js'
export * from './core/decode.js'
export * from './core/ids.js'
export * from './core/time.js'
/** @category Errors */
export type { DecodeIssue } from './core/errors.js'
