/**
 * Places and actors (地方与主体): the street registry every mechanism builds on — its codecs,
 * lifecycles, rules, state and queries, the one authorisation check, and the mechanism
 * `community`. The field files between them (places, people, residency, organisations, roles)
 * hold the handlers and reducers, and stay inside the folder but for `endPosts`.
 *
 * @module
 */
export * from './codecs/index.js'
export { emptyRegistry, scopeKey, type RegistryState } from './state.js'
export * from './rules.js'
export * from './machine.js'
export * from './queries/index.js'
export { authorise, type RoleRequirement } from './authorisation.js'
export { endPosts } from './roles.js'
/** @category Mechanism */
export {
  applyCommunityEvent,
  community,
  decideCommunity,
  loadRegistryContext,
  registryStream,
  runsForward,
  type RegistryContext,
} from './mechanism.js'
export * from './narrate.js'
export { allowedInRegistry, communityPermissions } from './permissions.js'
