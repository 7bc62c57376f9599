/**
 * Integration (整合机制, seed 000 §三): management, service, resource and value integration — the
 * co-governance council, the one-stop station, the integration school, volunteer teams and the
 * points bank — on one stream per street, with the "five ones" 五个一工程 read across them.
 *
 * @module
 */
export * from './codecs/index.js'
export * from './machine.js'
export * from './state.js'
export * from './rules.js'
/** @category Mechanism */
export {
  applyIntegrationEvent,
  decideIntegration,
  integration,
  integrationStream,
  loadIntegrationContext,
  type IntegrationContext,
} from './mechanism.js'
export * from './queries/index.js'
export * from './five-ones.js'
export { allowedInIntegration, integrationPermissions } from './permissions.js'
