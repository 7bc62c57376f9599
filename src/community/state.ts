/**
 * The registry's state: one street's places, persons, organisations and role assignments.
 *
 * One registry per street keeps each stream small (a street, not a city) while holding together
 * everything its rules check: a grid's community, a branch's parent, a secretary's posts. Its
 * entity maps are {@link Collection}s, so that one change does not copy a street's 10,000
 * residents: read them with `lookup` and `valuesOf`.
 *
 * @module
 */
import type {
  Collection,
  AssignmentId,
  Instant,
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
  readonly communities: Collection<CommunityId, Community>
  readonly grids: Collection<GridId, Grid>
  readonly compounds: Collection<CompoundId, Compound>
  readonly entrances: Collection<EntranceId, Entrance>
  readonly persons: Collection<PersonId, Person>
  readonly organisations: Collection<OrganisationId, Organisation>
  /** Every role assignment, held or ended. */
  readonly assignments: Collection<AssignmentId, Assignment>
  /**
   * Index: the assignments each person holds now. Kept by the reducer so that authorisation
   * looks at one person's posts, not at every post the street has ever had.
   */
  readonly heldPosts: Collection<PersonId, ReadonlyArray<AssignmentId>>
  /** Index: the assignments held now over each scope, keyed by {@link scopeKey}. */
  readonly postHolders: Collection<string, ReadonlyArray<AssignmentId>>
  /**
   * When the stream's last event happened (`null` before the first): a registry's record runs
   * forward, so no command is dated before it (rule `earlier-than-last-event`). A mechanism on
   * the registry's stream (embedding) keeps it for its own events too.
   */
  readonly lastAt: Instant | null
}

/** The key of a scope in {@link RegistryState.postHolders}: `level:id`. */
export const scopeKey = (scope: { readonly level: string; readonly id: string }): string =>
  `${scope.level}:${scope.id}`

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
  heldPosts: {},
  postHolders: {},
  lastAt: null,
}
