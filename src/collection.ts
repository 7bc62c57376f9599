/**
 * The collection (集合), `governance-kit/collection`: the JSON-plain keyed collection every
 * state keeps its entities in, with its lookups and its draft-side writes.
 *
 * @module
 */
export * from './core/collection.js'
