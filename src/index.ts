/**
 * governance-kit: typed entities and pure state machines for party-building-led community
 * governance (党建引领基层治理).
 *
 * @packageDocumentation
 */
export * from './core/index.js'
export * from './community/index.js'
export * from './embedding/index.js'
export * from './deliberation/index.js'
export * from './dispute/index.js'
export * from './integration/index.js'
