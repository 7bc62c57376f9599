/**
 * Roles (任职): appointing a person to a post over a scope, and ending the post. A person may
 * hold several posts at once — concurrent posts 兼任 — but a single-holder post (a secretary 书记,
 * a director 主任) has one holder at a time, nobody appoints themselves, and the street always
 * keeps a registrar. The reducers keep the indexes of who holds what now (`heldPosts`,
 * `postHolders`), which authorisation reads.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  draftOf,
  found,
  lookup,
  notFound,
  refuseBy,
  stamp,
  type Instant,
  type NotFound,
  type OfType,
  type PersonId,
  type RuleViolation,
  type StateOf,
} from '../core/index.js'
import { authorise, roleAuthority } from './authorisation.js'
import type { Assignment, CommunityCommand, CommunityEvent, ScopeRef } from './codecs/index.js'
import { allowedScopes, assignmentMachine, singleHolderRoles } from './machine.js'
import { placeExists } from './places.js'
import { holdersOf, scopeName } from './queries/index.js'
import { communityRules } from './rules.js'
import {
  holdPost,
  releasePost,
  unregistered,
  type RegistryEvents,
  type RegistryHandler,
  type RegistryReducer,
  type RegistryState,
} from './state.js'

// The rules of posts

/** An appointment: the command that gives a post. */
type Appointment = OfType<CommunityCommand, 'appointRole'>

/** Whether ending `post` would leave the street without a registrar. */
const isLastStreetRegistrar = (state: RegistryState, post: Assignment): boolean =>
  post.role === 'registrar' &&
  post.scope.level === 'street' &&
  holdersOf(state, 'registrar', post.scope).length <= 1

/**
 * The rule `last-street-registrar`: the street keeps a registrar, or nobody could ever change its
 * registry again. `posts` are the posts a command ends (a departure ends all of a person's).
 *
 * @category Checks
 */
export const keepsStreetRegistrar = (
  state: RegistryState,
  posts: ReadonlyArray<Assignment>,
): E.Either<RuleViolation, void> =>
  refuseBy(
    communityRules.lastStreetRegistrar,
    posts.some((post) => isLastStreetRegistrar(state, post)),
    () => 'The street’s last registrar cannot leave; appoint another first',
  )

/** The scope a role is held over exists: an organisation, or a place (NotFound otherwise). */
const scopeExists = (state: RegistryState, scope: ScopeRef): E.Either<NotFound, void> =>
  scope.level !== 'organisation'
    ? placeExists(state, scope)
    : lookup(state.organisations, scope.id) === undefined
      ? E.left(notFound('organisation', scope.id))
      : E.right(undefined)

/** The rule `role-scope`: a role is held over a level of scope it allows. */
const roleScope = (c: Appointment): E.Either<RuleViolation, void> =>
  refuseBy(
    communityRules.roleScope,
    !allowedScopes[c.role].includes(c.scope.level),
    () =>
      `A ${c.role} cannot be held over a ${c.scope.level} (allowed: ${allowedScopes[c.role].join(', ')})`,
  )

/**
 * The rule `scope-active`: a role over an organisation is held over an active one.
 *
 * @category Checks
 */
export const scopeActive = (state: RegistryState, scope: ScopeRef): E.Either<RuleViolation, void> =>
  refuseBy(
    communityRules.scopeActive,
    scope.level === 'organisation' && lookup(state.organisations, scope.id)?.status !== 'active',
    () => `Organisation ${scope.id} is not active`,
  )

/**
 * The rules `already-holds-role` and `single-holder`, read from the post's holders now: the
 * person does not hold it already, and a single-holder post has nobody else in it.
 */
const postOpen = (state: RegistryState, c: Appointment): E.Either<RuleViolation, void> => {
  const holders = holdersOf(state, c.role, c.scope)
  const holder = holders[0]
  return pipe(
    refuseBy(
      communityRules.alreadyHoldsRole,
      holders.some((a) => a.person === c.person),
      () => `${c.person} is already ${c.role} of ${c.scope.id}`,
    ),
    E.flatMap(() =>
      refuseBy(
        communityRules.singleHolder,
        singleHolderRoles.has(c.role) && holder !== undefined,
        () =>
          `${scopeName(state, c.scope)} already has a ${c.role} (${holder === undefined ? '' : (lookup(state.persons, holder.person)?.name ?? holder.person)}); end that post first`,
      ),
    ),
  )
}

/**
 * The `roleEnded` events that end `posts` along with the command `c` (its time and actor), for
 * `reason`: how a departure, a dissolution, or another mechanism's rule ends posts.
 *
 * @category Checks
 */
export const endPosts = (
  c: { readonly at: Instant; readonly actor: PersonId },
  posts: ReadonlyArray<Assignment>,
  reason: string,
): ReadonlyArray<CommunityEvent> =>
  posts.map((a) => ({ type: 'roleEnded', ...stamp(c), assignment: a.id, reason }))

/**
 * A post's state in {@link assignmentMachine}: held until it has ended.
 *
 * @category Lifecycle
 */
export const postStatus = (post: Pick<Assignment, 'until'>): StateOf<typeof assignmentMachine> =>
  post.until === null ? 'held' : 'ended'

// Handlers

const appointRole: RegistryHandler<'appointRole'> = (c, s) =>
  pipe(
    found(lookup(s.persons, c.person), 'person', c.person),
    E.tap(() => scopeExists(s, c.scope)),
    E.tap(() => authorise(s, c.actor, c.type, roleAuthority(s, c.scope))),
    // Posts are given by someone else: nobody widens their own authority.
    E.tap(() =>
      refuseBy(
        communityRules.selfAppointment,
        c.person === c.actor,
        () => `${c.actor} cannot appoint themselves ${c.role}`,
      ),
    ),
    E.tap(() => unregistered(lookup(s.assignments, c.assignment), 'assignment', c.assignment)),
    E.tap(() => roleScope(c)),
    E.tap(() => scopeActive(s, c.scope)),
    E.tap(() => postOpen(s, c)),
    E.map((): RegistryEvents => [
      {
        type: 'roleAssigned',
        ...stamp(c),
        assignment: c.assignment,
        person: c.person,
        role: c.role,
        scope: c.scope,
      },
    ]),
  )

const endRole: RegistryHandler<'endRole'> = (c, s) =>
  pipe(
    found(lookup(s.assignments, c.assignment), 'assignment', c.assignment),
    E.tap((post) => authorise(s, c.actor, c.type, roleAuthority(s, post.scope))),
    E.tap((post) => assignmentMachine.next(postStatus(post), 'endRole')),
    // The street must keep a registrar, or nobody could ever change its registry again.
    E.tap((post) => keepsStreetRegistrar(s, [post])),
    E.map((): RegistryEvents => [
      { type: 'roleEnded', ...stamp(c), assignment: c.assignment, reason: c.reason },
    ]),
  )

/**
 * The handlers of the role commands.
 *
 * @category Mechanism
 */
export const roleHandlers = { appointRole, endRole }

// Reducers

const roleAssigned: RegistryReducer<'roleAssigned'> = (draft, e) => {
  holdPost(draft, {
    id: e.assignment,
    person: e.person,
    role: e.role,
    scope: e.scope,
    since: e.at,
    until: null,
  })
}

const roleEnded: RegistryReducer<'roleEnded'> = (draft, e) => {
  const assignment = draftOf(draft.assignments, e.assignment)
  if (assignment === undefined) return
  assignment.until = e.at
  releasePost(draft, assignment)
}

/**
 * The reducers of the role events.
 *
 * @category Mechanism
 */
export const roleReducers = { roleAssigned, roleEnded }
