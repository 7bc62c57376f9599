/**
 * Read-side selectors of embedding (嵌入机制的查询), by field: organisation embedding (coverage,
 * links by concurrent posts, empowerment), member embedding (members, responsibility cards,
 * households led), absorbing elites (development, commendations) and the depth of embedding.
 * Pure functions of the state.
 *
 * @module
 */
export * from './organisation.js'
export * from './member.js'
export * from './absorption.js'
export * from './depth.js'
