/**
 * The registry's state: one street's places, persons, organisations and role assignments.
 *
 * One registry per street keeps each stream small (a street, not a city) while holding together
 * everything its rules check: a grid's community, a branch's parent, a secretary's posts.
 *
 * @module
 */
import type {
  AssignmentId,
  CommunityId,
  CompoundId,
  EntranceId,
  GridId,
  OrganisationId,
  PersonId,
} from '../core/index.js'
import type {
  Assignment,
  Community,
  Compound,
  Entrance,
  Grid,
  Organisation,
  Person,
  Street,
} from './codecs.js'

/** The registry of one street: plain, JSON-serialisable data. */
export interface RegistryState {
  /** The street, once the registry is opened. */
  readonly street: Street | null
  readonly communities: Readonly<Record<CommunityId, Community>>
  readonly grids: Readonly<Record<GridId, Grid>>
  readonly compounds: Readonly<Record<CompoundId, Compound>>
  readonly entrances: Readonly<Record<EntranceId, Entrance>>
  readonly persons: Readonly<Record<PersonId, Person>>
  readonly organisations: Readonly<Record<OrganisationId, Organisation>>
  /** Every role assignment, held or ended. */
  readonly assignments: Readonly<Record<AssignmentId, Assignment>>
}

/** The registry before it is opened. */
export const emptyRegistry: RegistryState = {
  street: null,
  communities: {},
  grids: {},
  compounds: {},
  entrances: {},
  persons: {},
  organisations: {},
  assignments: {},
}
