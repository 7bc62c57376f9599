/**
 * Places and actors (地方与主体): the codecs of the registry's entities, commands and events, one
 * file per field (places, people, residency, organisations, roles). Every type of the registry is
 * derived from these codecs (`t.TypeOf`), never written twice.
 *
 * @module
 */
import type * as t from 'io-ts'
import { taggedUnion } from '../../core/index.js'
import {
  DissolveOrganisation,
  OrganisationDissolved,
  OrganisationRegistered,
  OrganisationRenamed,
  RegisterOrganisation,
  RenameOrganisation,
} from './organisations.js'
import { ChangeHousehold, HouseholdChanged, PersonRegistered, RegisterPerson } from './people.js'
import {
  CommunityRegistered,
  CompoundRegistered,
  EntranceRegistered,
  GridRegistered,
  OpenRegistry,
  PlaceRenamed,
  RegisterCommunity,
  RegisterCompound,
  RegisterEntrance,
  RegisterGrid,
  RegistryOpened,
  RenamePlace,
} from './places.js'
import { MoveResident, RecordDeparture, ResidentDeparted, ResidentMoved } from './residency.js'
import { AppointRole, EndRole, RoleAssigned, RoleEnded } from './roles.js'

export { Description, Name } from './names.js'
export {
  Community,
  Compound,
  Entrance,
  Grid,
  OpenRegistry,
  PlaceLevel,
  PlaceRef,
  RegisterCommunity,
  RegisterCompound,
  RegisterEntrance,
  RegisterGrid,
  RenamePlace,
  ScopeRef,
  Settlement,
  Street,
} from './places.js'
export { ChangeHousehold, Household, HouseholdChange, Person, RegisterPerson } from './people.js'
export { Move, MoveResident, RecordDeparture } from './residency.js'
export {
  BranchSetting,
  DissolveOrganisation,
  OrganisationSpec,
  OrganisationStatus,
  PartyRef,
  RegisterOrganisation,
  RenameOrganisation,
  type Organisation,
  type OrganisationKind,
} from './organisations.js'
export { AppointRole, Assignment, EndRole, RoleKind } from './roles.js'

/**
 * The codecs of the registry's commands, in order: a mechanism that extends the registry on its
 * stream (embedding) builds its command union from these and its own.
 *
 * @category Commands
 */
export const communityCommands = [
  OpenRegistry,
  RegisterCommunity,
  RegisterGrid,
  RegisterCompound,
  RegisterEntrance,
  RegisterPerson,
  MoveResident,
  RecordDeparture,
  RenamePlace,
  ChangeHousehold,
  RegisterOrganisation,
  RenameOrganisation,
  DissolveOrganisation,
  AppointRole,
  EndRole,
] as const

/**
 * Every command of the registry (places and actors).
 *
 * @category Commands
 */
export const CommunityCommand = taggedUnion('CommunityCommand', communityCommands)
/**
 * Every command of the registry (places and actors).
 *
 * @category Commands
 */
export type CommunityCommand = t.TypeOf<typeof CommunityCommand>

/**
 * The codecs of the registry's events, in order (see {@link communityCommands}).
 *
 * @category Events
 */
export const communityEvents = [
  RegistryOpened,
  CommunityRegistered,
  GridRegistered,
  CompoundRegistered,
  EntranceRegistered,
  PersonRegistered,
  ResidentMoved,
  ResidentDeparted,
  PlaceRenamed,
  HouseholdChanged,
  OrganisationRenamed,
  OrganisationRegistered,
  OrganisationDissolved,
  RoleAssigned,
  RoleEnded,
] as const

/**
 * Every event of the registry (places and actors).
 *
 * @category Events
 */
export const CommunityEvent = taggedUnion('CommunityEvent', communityEvents)
/**
 * Every event of the registry (places and actors).
 *
 * @category Events
 */
export type CommunityEvent = t.TypeOf<typeof CommunityEvent>
