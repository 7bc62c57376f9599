/**
 * Read-side selectors over the registry (查询), as pure functions of a `RegistryState`: where a
 * place or organisation stands, the trees of places and of party organisations, and who holds
 * which role where.
 *
 * @module
 */
export * from './places.js'
export * from './organisations.js'
export * from './roles.js'
export * from './trees.js'
