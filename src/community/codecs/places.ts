/**
 * Places (地方): the codecs of the street 街道 and the places nested in it — community 社区 or
 * village 村, grid 网格, compound 楼院, building entrance 楼门 — of the references to them, and of
 * the commands and events that open the registry and register and rename places.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  AssignmentId,
  CommunityId,
  CompoundId,
  EntranceId,
  GridId,
  Instant,
  OrganisationId,
  PersonId,
  StreetId,
  command,
  discriminatedUnion,
  event,
  oneOf,
  struct,
} from '../../core/index.js'
import { Name } from './names.js'

/**
 * The levels of places, from the largest: street 街道 ⊃ community 社区 ⊃ grid 网格 ⊃ compound 楼院 ⊃ building entrance 楼门.
 *
 * @category State
 */
export const PlaceLevel = oneOf(
  ['street', 'community', 'grid', 'compound', 'entrance'],
  'PlaceLevel',
)
/**
 * The levels of places, from the largest.
 *
 * @category State
 */
export type PlaceLevel = t.TypeOf<typeof PlaceLevel>

const ref = <const L extends string, C extends t.Mixed>(level: L, id: C) =>
  struct(`${level} ref`, { level: t.literal(level), id })

/**
 * A reference to a place of any level: `{ level: 'grid', id: 'g-1' }`. The level says which id
 * kind `id` is, so a grid id can never be read as a community id.
 *
 * @category State
 */
export const PlaceRef = discriminatedUnion('PlaceRef', 'level', [
  ref('street', StreetId),
  ref('community', CommunityId),
  ref('grid', GridId),
  ref('compound', CompoundId),
  ref('entrance', EntranceId),
])
/**
 * A reference to a place of any level.
 *
 * @category State
 */
export type PlaceRef = t.TypeOf<typeof PlaceRef>

/**
 * What a role is held over (its scope): a place of any level, or an organisation
 * (`{ level: 'organisation', id: 'o-branch' }`).
 *
 * @category State
 */
export const ScopeRef = discriminatedUnion('ScopeRef', 'level', [
  ref('street', StreetId),
  ref('community', CommunityId),
  ref('grid', GridId),
  ref('compound', CompoundId),
  ref('entrance', EntranceId),
  ref('organisation', OrganisationId),
])
/**
 * What a role is held over: a place or an organisation.
 *
 * @category State
 */
export type ScopeRef = t.TypeOf<typeof ScopeRef>

/**
 * Whether a community-level place is an urban community 社区 or a village 村.
 *
 * @category State
 */
export const Settlement = oneOf(['community', 'village'], 'Settlement')
/**
 * Whether a community-level place is an urban community 社区 or a village 村.
 *
 * @category State
 */
export type Settlement = t.TypeOf<typeof Settlement>

/**
 * A street or town 街道/镇: the root of a registry.
 *
 * @category State
 */
export const Street = struct('Street', { id: StreetId, name: Name, openedAt: Instant })
/**
 * A street or town 街道/镇.
 *
 * @category State
 */
export type Street = t.TypeOf<typeof Street>

/**
 * A community 社区 or village 村 of the street.
 *
 * @category State
 */
export const Community = struct('Community', {
  id: CommunityId,
  name: Name,
  settlement: Settlement,
  registeredAt: Instant,
})
/**
 * A community 社区 or village 村 of the street.
 *
 * @category State
 */
export type Community = t.TypeOf<typeof Community>

/**
 * A grid 网格: the unit of grid management inside a community.
 *
 * @category State
 */
export const Grid = struct('Grid', {
  id: GridId,
  name: Name,
  community: CommunityId,
  registeredAt: Instant,
})
/**
 * A grid 网格.
 *
 * @category State
 */
export type Grid = t.TypeOf<typeof Grid>

/**
 * A compound 楼院 (residential courtyard or estate) inside a grid.
 *
 * @category State
 */
export const Compound = struct('Compound', {
  id: CompoundId,
  name: Name,
  grid: GridId,
  registeredAt: Instant,
})
/**
 * A compound 楼院.
 *
 * @category State
 */
export type Compound = t.TypeOf<typeof Compound>

/**
 * A building entrance 楼门 inside a compound: the smallest level where residents deliberate.
 *
 * @category State
 */
export const Entrance = struct('Entrance', {
  id: EntranceId,
  name: Name,
  compound: CompoundId,
  registeredAt: Instant,
})
/**
 * A building entrance 楼门.
 *
 * @category State
 */
export type Entrance = t.TypeOf<typeof Entrance>

// ---------------------------------------------------------------------------------------------
// Commands

/**
 * The field every registry command carries: the street whose registry it is decided on.
 *
 * @category Commands
 */
export const inStreet = { street: StreetId }

/**
 * Opens the registry of a street and appoints its first registrar (the street office 街道办).
 *
 * @category Commands
 */
export const OpenRegistry = command('openRegistry', {
  ...inStreet,
  name: Name,
  registrar: PersonId,
  registrarName: Name,
  assignment: AssignmentId,
})
/**
 * Registers a community or village of the street.
 *
 * @category Commands
 */
export const RegisterCommunity = command('registerCommunity', {
  ...inStreet,
  community: CommunityId,
  name: Name,
  settlement: Settlement,
})
/**
 * Registers a grid inside a community.
 *
 * @category Commands
 */
export const RegisterGrid = command('registerGrid', {
  ...inStreet,
  grid: GridId,
  community: CommunityId,
  name: Name,
})
/**
 * Registers a compound inside a grid.
 *
 * @category Commands
 */
export const RegisterCompound = command('registerCompound', {
  ...inStreet,
  compound: CompoundId,
  grid: GridId,
  name: Name,
})
/**
 * Registers a building entrance inside a compound.
 *
 * @category Commands
 */
export const RegisterEntrance = command('registerEntrance', {
  ...inStreet,
  entrance: EntranceId,
  compound: CompoundId,
  name: Name,
})
/**
 * Renames a place of the street (any level, the street itself included).
 *
 * @category Commands
 */
export const RenamePlace = command('renamePlace', { ...inStreet, place: PlaceRef, name: Name })

// ---------------------------------------------------------------------------------------------
// Events

/**
 * The registry was opened, with its first registrar.
 *
 * @category Events
 */
export const RegistryOpened = event('registryOpened', {
  ...inStreet,
  name: Name,
  registrar: PersonId,
  registrarName: Name,
  assignment: AssignmentId,
})
/**
 * A community or village was registered.
 *
 * @category Events
 */
export const CommunityRegistered = event('communityRegistered', {
  community: CommunityId,
  name: Name,
  settlement: Settlement,
})
/**
 * A grid was registered.
 *
 * @category Events
 */
export const GridRegistered = event('gridRegistered', {
  grid: GridId,
  community: CommunityId,
  name: Name,
})
/**
 * A compound was registered.
 *
 * @category Events
 */
export const CompoundRegistered = event('compoundRegistered', {
  compound: CompoundId,
  grid: GridId,
  name: Name,
})
/**
 * A building entrance was registered.
 *
 * @category Events
 */
export const EntranceRegistered = event('entranceRegistered', {
  entrance: EntranceId,
  compound: CompoundId,
  name: Name,
})
/**
 * A place was renamed.
 *
 * @category Events
 */
export const PlaceRenamed = event('placeRenamed', { place: PlaceRef, from: Name, to: Name })
