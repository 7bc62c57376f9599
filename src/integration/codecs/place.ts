/**
 * Where integration's vehicles sit (the street 街道 or one of its communities 社区), and household
 * registration 户籍 as a service sees it: the codecs every vehicle's codecs share.
 *
 * @module
 */
import * as t from 'io-ts'
import { CommunityId, StreetId, discriminatedUnion, oneOf, struct } from '../../core/index.js'

/**
 * Where a vehicle of integration sits: the street (S Street's station, school and teams are the
 * street's) or one of its communities.
 *
 * @category State
 */
export const VehiclePlace = discriminatedUnion('VehiclePlace', 'level', [
  struct('street vehicle', { level: t.literal('street'), id: StreetId }),
  struct('community vehicle', { level: t.literal('community'), id: CommunityId }),
])
/** Where a vehicle of integration sits. @category State */
export type VehiclePlace = t.TypeOf<typeof VehiclePlace>

/** Household registration as a service sees it: registered 户籍 or migrant 来穗/外来. @category State */
export const Residency = oneOf(['registered', 'migrant'], 'Residency')
/** Household registration as a service sees it. @category State */
export type Residency = t.TypeOf<typeof Residency>

/**
 * The field every integration command carries: the street whose stream it is decided on.
 *
 * @category Commands
 */
export const onStreet = { street: StreetId }
