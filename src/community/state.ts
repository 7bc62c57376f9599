/**
 * The registry's state: one street's places, persons, organisations and role assignments.
 *
 * One registry per street keeps each stream small (a street, not a city) while holding together
 * everything its rules check: a grid's community, a branch's parent, a secretary's posts. Its
 * entity maps are {@link Collection}s, so that one change does not copy a street's 10,000
 * residents: read them with `lookup` and `valuesOf`.
 *
 * The file also keeps the indexes of held posts (`holdPost`, `releasePost`: who holds what now),
 * and the registry's kit that the field files' handlers and reducers share (their types, and
 * `unregistered`); these stay inside the folder.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  draftOf,
  insert,
  type AlreadyExists,
  type Collection,
  type AssignmentId,
  type Instant,
  type CommunityId,
  type CompoundId,
  type EntranceId,
  type GridId,
  type OrganisationId,
  type PersonId,
  type Handler,
  type Reducer,
} from '../core/index.js'
import type {
  Assignment,
  CommunityCommand,
  CommunityEvent,
  Community,
  Compound,
  Entrance,
  Grid,
  Organisation,
  Person,
  Street,
} from './codecs/index.js'

/**
 * The registry of one street: plain, JSON-serialisable data.
 *
 * @category State
 */
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

/**
 * The key of a scope in {@link RegistryState.postHolders}: `level:id`.
 *
 * @category State
 */
export const scopeKey = (scope: { readonly level: string; readonly id: string }): string =>
  `${scope.level}:${scope.id}`

/**
 * The registry before it is opened.
 *
 * @category State
 */
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

// Keeping the indexes of held posts

/** Adds an assignment id to the list under `key` of an index. */
const index = <K extends string>(
  draft: Draft<Collection<K, ReadonlyArray<AssignmentId>>>,
  key: K,
  id: AssignmentId,
): void => {
  const ids = draftOf(draft, key)
  if (ids === undefined) insert(draft, key, [id])
  else ids.push(id)
}

/** Removes an assignment id from one list of an index. */
const unindex = (ids: AssignmentId[] | undefined, id: AssignmentId): void => {
  const at = ids?.indexOf(id) ?? -1
  if (ids !== undefined && at >= 0) ids.splice(at, 1)
}

/**
 * Records a new assignment and adds it to the indexes of held posts.
 *
 * @category State
 */
export const holdPost = (draft: Draft<RegistryState>, assignment: Assignment): void => {
  insert(draft.assignments, assignment.id, assignment)
  index(draft.heldPosts, assignment.person, assignment.id)
  index(draft.postHolders, scopeKey(assignment.scope), assignment.id)
}

/**
 * Takes an assignment that ended out of the indexes of held posts (its record stays).
 *
 * @category State
 */
export const releasePost = (
  draft: Draft<RegistryState>,
  assignment: Pick<Assignment, 'id' | 'person' | 'scope'>,
): void => {
  unindex(draftOf(draft.heldPosts, assignment.person), assignment.id)
  unindex(draftOf(draft.postHolders, scopeKey(assignment.scope)), assignment.id)
}

// The kit of the registry's handlers and reducers

/**
 * The handler of one registry command: the command and the street's registry (no context).
 *
 * @category Mechanism
 */
export type RegistryHandler<K extends CommunityCommand['type']> = Handler<
  CommunityCommand,
  K,
  RegistryState,
  undefined,
  CommunityEvent
>

/**
 * The recipe of one registry event, onto a draft registry.
 *
 * @category Mechanism
 */
export type RegistryReducer<K extends CommunityEvent['type']> = Reducer<
  RegistryState,
  CommunityEvent,
  K
>

/**
 * The events a registry decision records.
 *
 * @category Mechanism
 */
export type RegistryEvents = ReadonlyArray<CommunityEvent>

/**
 * Passes while the registry has no `entity` of this id (`existing` is what it holds under it);
 * {@link AlreadyExists} otherwise: ids are given once.
 *
 * @category Checks
 */
export const unregistered = (
  existing: unknown,
  entity: string,
  id: string,
): E.Either<AlreadyExists, void> =>
  existing === undefined ? E.right(undefined) : E.left(alreadyExists(entity, id))
