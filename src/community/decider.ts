/**
 * The registry decider: places, persons, organisations and roles of one street, with the rules a
 * real registry needs and the one authorisation check.
 *
 * Rules (the `rule` of each {@link RuleViolation}):
 * - `earlier-than-last-event`: a command is dated before the registry's last event (a street's
 *   registry runs forward: a post does not end before it began, nor a year pass in two minutes).
 *   Checked once for every command, before any other rule (see {@link runsForward}).
 * - `move-to-same-home`: a resident is moved to where they already live.
 * - `not-a-resident`: a departure is recorded for a person with no home in the street.
 * - `seat-level`: the organisation cannot sit at that level of place (see `allowedSeats`).
 * - `parent-kind`: an organisation's parent is not of a kind that may hold it (see `allowedParents`).
 * - `parent-active`: the parent organisation is dissolved.
 * - `seat-within-parent`: the organisation sits outside its parent's place.
 * - `branch-seat`: a party branch sits where its kind cannot (see `allowedBranchSeats`).
 * - `branch-host`: a social-organisation branch's host is not an active social organisation, or
 *   sits away from the branch (neither place contains the other).
 * - `no-active-sub-organisations`: an organisation is dissolved while organisations under it (or
 *   branches inside it) are active; dissolving ends every post held over it.
 * - `role-scope`: the role cannot be held at that level of scope (see `allowedScopes`).
 * - `scope-active`: the role is held over a dissolved organisation.
 * - `already-holds-role`: the person already holds this role in this scope.
 * - `single-holder`: the post (e.g. secretary) is already held by someone else.
 * - `self-appointment`: an actor appoints themselves (posts are given by someone else).
 * - `one-party-root`: a second party committee without a parent (the street has one party tree).
 * - `last-street-registrar`: the street's only registrar leaves the post (or the street).
 *
 * A departure ends every post the person holds; a dissolution, every post held over the
 * organisation. The party tree answers to itself: party organisations are founded, renamed and
 * dissolved by the secretary of the organisation above them, not by a registrar.
 *
 * Opening a registry (`openRegistry`) needs no role: it is how a street is first set up, and the
 * app decides who may do it. Every other command needs a role (see {@link authorise}).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  checkAll,
  refuseWhen,
  type Check,
  defineMechanism,
  draftOf,
  insert,
  isBefore,
  lookup,
  valuesOf,
  notFound,
  ruleViolation,
  streamId,
  type DomainError,
  type AssignmentId,
  type Collection,
  type Mechanism,
  type Instant,
  type OrganisationId,
  type PersonId,
  type ReadState,
  type StreetId,
} from '../core/index.js'
import { authorise, type RoleRequirement } from './authorisation.js'
import {
  CommunityCommand,
  CommunityEvent,
  type Assignment,
  type OrganisationSpec,
  type PlaceRef,
  type ScopeRef,
} from './codecs.js'
import {
  allowedBranchSeats,
  allowedParents,
  allowedScopes,
  allowedSeats,
  assignmentMachine,
  organisationMachine,
  singleHolderRoles,
} from './machine.js'
import {
  hasPlace,
  holdersOf,
  isWithin,
  overlaps,
  placeName,
  postsOver,
  rolesOf,
  sameScope,
  scopeName,
} from './queries.js'
import { emptyRegistry, scopeKey, type RegistryState } from './state.js'

type Command<T extends CommunityCommand['type']> = Extract<CommunityCommand, { readonly type: T }>
type Decision = E.Either<DomainError, ReadonlyArray<CommunityEvent>>
const placeExists =
  (state: RegistryState, place: PlaceRef): Check =>
  () =>
    refuseWhen(!hasPlace(state, place), () => notFound(place.level, place.id))

const registrarOf = (scope: ScopeRef): RoleRequirement => ({ role: 'registrar', scope })

/** Whether ending `post` would leave the street without a registrar. */
const isLastStreetRegistrar = (state: RegistryState, post: Assignment): boolean =>
  post.role === 'registrar' &&
  post.scope.level === 'street' &&
  holdersOf(state, 'registrar', post.scope).length <= 1

const lastStreetRegistrar = (): DomainError =>
  ruleViolation(
    'last-street-registrar',
    'The street’s last registrar cannot leave; appoint another first',
  )

/**
 * The `roleEnded` events that end `posts` along with the command `c` (its time and actor), for
 * `reason`: how a departure, a dissolution, or another mechanism's rule ends posts.
 */
export const endPosts = (
  c: { readonly at: Instant; readonly actor: PersonId },
  posts: ReadonlyArray<Assignment>,
  reason: string,
): ReadonlyArray<CommunityEvent> =>
  posts.map((a) => ({ type: 'roleEnded', at: c.at, actor: c.actor, assignment: a.id, reason }))

const streetOf = (state: RegistryState): PlaceRef | null =>
  state.street === null ? null : { level: 'street', id: state.street.id }

/** The stream of a street's registry: `registry/<street>`. */
export const registryStream = (street: StreetId) => streamId('registry', street)

/** What a mechanism on streams of its own (a hall, a case) reads of its street: the registry. */
export interface RegistryContext {
  readonly registry: RegistryState
}

/**
 * Loads the registry of a command's street as context, for a mechanism's `loadContext`: the
 * registry's events folded with `community` (events of mechanisms that extend it are skipped).
 */
export const loadRegistryContext = async (
  c: { readonly street: StreetId },
  read: ReadState,
): Promise<RegistryContext> => ({
  registry: (await read(registryStream(c.street), community)).state,
})

/**
 * Who may register, rename or dissolve an organisation. The party tree answers to itself: a
 * party organisation with a parent needs that parent's secretary (or the secretary of a party
 * organisation above it); a party committee at the root of the tree needs the street's registrar.
 * Other organisations need a registrar over their seat.
 */
const organisationAuthority = (
  state: RegistryState,
  spec: OrganisationSpec,
): ReadonlyArray<RoleRequirement> => {
  if ('parent' in spec && spec.parent !== null)
    return [{ role: 'secretary', scope: { level: 'organisation', id: spec.parent } }]
  const street = streetOf(state)
  if (spec.kind === 'party-committee' && street !== null) return [registrarOf(street)]
  return [registrarOf(spec.seat)]
}

/** Who may appoint to or remove from a role over `scope`. */
const roleAuthority = (state: RegistryState, scope: ScopeRef): ReadonlyArray<RoleRequirement> => {
  if (scope.level !== 'organisation') return [registrarOf(scope)]
  const organisation = lookup(state.organisations, scope.id)
  return organisation === undefined
    ? [registrarOf(scope)]
    : organisationAuthority(state, organisation)
}

const scopeExists =
  (state: RegistryState, scope: ScopeRef): Check =>
  () =>
    scope.level === 'organisation'
      ? refuseWhen(lookup(state.organisations, scope.id) === undefined, () =>
          notFound('organisation', scope.id),
        )
      : placeExists(state, scope)()

const openRegistry = (c: Command<'openRegistry'>, s: RegistryState): Decision =>
  s.street !== null
    ? E.left(alreadyExists('street registry', s.street.id))
    : E.right([
        {
          type: 'registryOpened',
          at: c.at,
          actor: c.actor,
          street: c.street,
          name: c.name,
          registrar: c.registrar,
          registrarName: c.registrarName,
          assignment: c.assignment,
        },
      ])

const registerCommunity = (c: Command<'registerCommunity'>, s: RegistryState): Decision =>
  E.map(() => [
    {
      type: 'communityRegistered' as const,
      at: c.at,
      actor: c.actor,
      community: c.community,
      name: c.name,
      settlement: c.settlement,
    },
  ])(
    checkAll(
      () => authorise(s, c.actor, c.type, [registrarOf({ level: 'street', id: c.street })]),
      () =>
        refuseWhen(lookup(s.communities, c.community) !== undefined, () =>
          alreadyExists('community', c.community),
        ),
    ),
  )

const registerGrid = (c: Command<'registerGrid'>, s: RegistryState): Decision => {
  const community: PlaceRef = { level: 'community', id: c.community }
  return E.map(() => [
    {
      type: 'gridRegistered' as const,
      at: c.at,
      actor: c.actor,
      grid: c.grid,
      community: c.community,
      name: c.name,
    },
  ])(
    checkAll(
      placeExists(s, community),
      () => authorise(s, c.actor, c.type, [registrarOf(community)]),
      () => refuseWhen(lookup(s.grids, c.grid) !== undefined, () => alreadyExists('grid', c.grid)),
    ),
  )
}

const registerCompound = (c: Command<'registerCompound'>, s: RegistryState): Decision => {
  const grid: PlaceRef = { level: 'grid', id: c.grid }
  return E.map(() => [
    {
      type: 'compoundRegistered' as const,
      at: c.at,
      actor: c.actor,
      compound: c.compound,
      grid: c.grid,
      name: c.name,
    },
  ])(
    checkAll(
      placeExists(s, grid),
      () => authorise(s, c.actor, c.type, [registrarOf(grid)]),
      () =>
        refuseWhen(lookup(s.compounds, c.compound) !== undefined, () =>
          alreadyExists('compound', c.compound),
        ),
    ),
  )
}

const registerEntrance = (c: Command<'registerEntrance'>, s: RegistryState): Decision => {
  const compound: PlaceRef = { level: 'compound', id: c.compound }
  return E.map(() => [
    {
      type: 'entranceRegistered' as const,
      at: c.at,
      actor: c.actor,
      entrance: c.entrance,
      compound: c.compound,
      name: c.name,
    },
  ])(
    checkAll(
      placeExists(s, compound),
      () => authorise(s, c.actor, c.type, [registrarOf(compound)]),
      () =>
        refuseWhen(lookup(s.entrances, c.entrance) !== undefined, () =>
          alreadyExists('entrance', c.entrance),
        ),
    ),
  )
}

const registerPerson = (c: Command<'registerPerson'>, s: RegistryState): Decision => {
  const where = c.home ?? streetOf(s)
  return E.map(() => [
    {
      type: 'personRegistered' as const,
      at: c.at,
      actor: c.actor,
      person: c.person,
      name: c.name,
      household: c.household,
      home: c.home,
      languages: c.languages ?? [],
    },
  ])(
    checkAll(
      ...(c.home === null ? [] : [placeExists(s, c.home)]),
      () => authorise(s, c.actor, c.type, where === null ? [] : [registrarOf(where)]),
      () =>
        refuseWhen(lookup(s.persons, c.person) !== undefined, () =>
          alreadyExists('person', c.person),
        ),
    ),
  )
}

const moveResident = (c: Command<'moveResident'>, s: RegistryState): Decision => {
  const person = lookup(s.persons, c.person)
  if (person === undefined) return E.left(notFound('person', c.person))
  const from = person.home
  return E.map(() => [
    { type: 'residentMoved' as const, at: c.at, actor: c.actor, person: c.person, from, to: c.to },
  ])(
    checkAll(
      placeExists(s, c.to),
      // The registrar must cover both ends of the move.
      () => authorise(s, c.actor, c.type, [registrarOf(c.to)]),
      // A person with no home answers to the street, as when they were registered.
      () => {
        const origin = from ?? streetOf(s)
        return origin === null
          ? E.right(undefined)
          : authorise(s, c.actor, c.type, [registrarOf(origin)])
      },
      () =>
        refuseWhen(from !== null && sameScope(from, c.to), () =>
          ruleViolation(
            'move-to-same-home',
            `${person.name} already lives at ${c.to.level} ${c.to.id}`,
          ),
        ),
    ),
  )
}

const recordDeparture = (c: Command<'recordDeparture'>, s: RegistryState): Decision => {
  const person = lookup(s.persons, c.person)
  if (person === undefined) return E.left(notFound('person', c.person))
  const from = person.home
  if (from === null)
    return E.left(ruleViolation('not-a-resident', `${person.name} has no home in the street`))
  // Whoever leaves the street leaves its posts: a departed registrar must not keep authority.
  const posts = rolesOf(s, c.person)
  return E.map(() => [
    {
      type: 'residentDeparted' as const,
      at: c.at,
      actor: c.actor,
      person: c.person,
      from,
      destination: c.destination,
    },
    ...endPosts(c, posts, `${person.name} left the street`),
  ])(
    checkAll(
      () => authorise(s, c.actor, c.type, [registrarOf(from)]),
      () =>
        refuseWhen(
          posts.some((a) => isLastStreetRegistrar(s, a)),
          lastStreetRegistrar,
        ),
    ),
  )
}

const renamePlace = (c: Command<'renamePlace'>, s: RegistryState): Decision => {
  const current = placeName(s, c.place)
  if (current === undefined) return E.left(notFound(c.place.level, c.place.id))
  return E.map(() =>
    // Renaming to the current name records nothing: the registry already says so.
    current === c.name
      ? []
      : [
          {
            type: 'placeRenamed' as const,
            at: c.at,
            actor: c.actor,
            place: c.place,
            from: current,
            to: c.name,
          },
        ],
  )(authorise(s, c.actor, c.type, [registrarOf(c.place)]))
}

const changeHousehold = (c: Command<'changeHousehold'>, s: RegistryState): Decision => {
  const person = lookup(s.persons, c.person)
  if (person === undefined) return E.left(notFound('person', c.person))
  const where = person.home ?? streetOf(s)
  const same = JSON.stringify(person.household) === JSON.stringify(c.household)
  return E.map(() =>
    same
      ? []
      : [
          {
            type: 'householdChanged' as const,
            at: c.at,
            actor: c.actor,
            person: c.person,
            from: person.household,
            to: c.household,
          },
        ],
  )(authorise(s, c.actor, c.type, where === null ? [] : [registrarOf(where)]))
}

const renameOrganisation = (c: Command<'renameOrganisation'>, s: RegistryState): Decision => {
  const organisation = lookup(s.organisations, c.organisation)
  if (organisation === undefined) return E.left(notFound('organisation', c.organisation))
  return E.map(() =>
    organisation.name === c.name
      ? []
      : [
          {
            type: 'organisationRenamed' as const,
            at: c.at,
            actor: c.actor,
            organisation: c.organisation,
            from: organisation.name,
            to: c.name,
          },
        ],
  )(
    checkAll(
      () => authorise(s, c.actor, c.type, organisationAuthority(s, organisation)),
      () => organisationMachine.next(organisation.status, 'renameOrganisation'),
    ),
  )
}

/** Where an organisation's parent is refused: dissolved, of the wrong kind, or elsewhere. */
const checkParent = (spec: OrganisationSpec, s: RegistryState): E.Either<DomainError, void> => {
  const allowed = allowedParents[spec.kind]
  // The codecs already make a branch's or a group's parent required, and give other kinds none.
  const parentId = 'parent' in spec ? spec.parent : null
  const parent = parentId === null ? undefined : lookup(s.organisations, parentId)
  if (parent === undefined) return E.right(undefined)
  return checkAll(
    () =>
      refuseWhen(!allowed.includes(parent.kind), () =>
        ruleViolation(
          'parent-kind',
          `A ${spec.kind} cannot sit under a ${parent.kind} (allowed: ${allowed.join(', ') || 'none'})`,
        ),
      ),
    () =>
      refuseWhen(parent.status !== 'active', () =>
        ruleViolation('parent-active', `Parent organisation ${parent.name} is ${parent.status}`),
      ),
    () =>
      refuseWhen(!isWithin(s, spec.seat, parent.seat), () =>
        ruleViolation(
          'seat-within-parent',
          `${spec.name} sits outside the place of its parent ${parent.name}`,
        ),
      ),
  )
}

/** What a party branch's own kind asks of it: where it sits, and (in a social organisation) its host. */
const checkBranch = (spec: OrganisationSpec, s: RegistryState): E.Either<DomainError, void> => {
  if (spec.kind !== 'party-branch') return E.right(undefined)
  const setting = spec.branch
  const seats = allowedBranchSeats[setting.kind]
  return checkAll(
    () =>
      refuseWhen(!seats.includes(spec.seat.level), () =>
        ruleViolation(
          'branch-seat',
          `A ${setting.kind} branch cannot sit at a ${spec.seat.level} (allowed: ${seats.join(', ')})`,
        ),
      ),
    () => {
      if (setting.kind !== 'social-organisation') return E.right(undefined)
      const host = lookup(s.organisations, setting.host)
      if (host?.kind !== 'social-organisation' || host.status !== 'active')
        return E.left(
          ruleViolation('branch-host', `${setting.host} is not an active social organisation`),
        )
      // The branch sits where its host works (one contains the other), so a branch in one
      // community cannot tie up a social organisation of another.
      return refuseWhen(!overlaps(s, spec.seat, host.seat), () =>
        ruleViolation(
          'branch-host',
          `${spec.name} sits at ${scopeName(s, spec.seat)}, away from its host ${host.name}`,
        ),
      )
    },
  )
}

const registerOrganisation = (c: Command<'registerOrganisation'>, s: RegistryState): Decision => {
  const spec = c.organisation
  const parentId = 'parent' in spec ? spec.parent : null
  return E.map(() => [
    { type: 'organisationRegistered' as const, at: c.at, actor: c.actor, organisation: spec },
  ])(
    checkAll(
      placeExists(s, spec.seat),
      () =>
        refuseWhen(parentId !== null && lookup(s.organisations, parentId) === undefined, () =>
          notFound('organisation', parentId ?? ''),
        ),
      () => authorise(s, c.actor, c.type, organisationAuthority(s, spec)),
      () =>
        refuseWhen(lookup(s.organisations, spec.id) !== undefined, () =>
          alreadyExists('organisation', spec.id),
        ),
      () =>
        refuseWhen(!allowedSeats[spec.kind].includes(spec.seat.level), () =>
          ruleViolation(
            'seat-level',
            `A ${spec.kind} cannot sit at a ${spec.seat.level} (allowed: ${allowedSeats[spec.kind].join(', ')})`,
          ),
        ),
      () => checkParent(spec, s),
      () => checkBranch(spec, s),
      () =>
        // One party tree per street: a second root would let the registrar found a party
        // hierarchy that answers to nobody above it.
        refuseWhen(
          spec.kind === 'party-committee' &&
            spec.parent === null &&
            valuesOf(s.organisations).some(
              (o) => o.kind === 'party-committee' && o.parent === null && o.status === 'active',
            ),
          () =>
            ruleViolation(
              'one-party-root',
              'The street already has a root party committee; found this one under it',
            ),
        ),
    ),
  )
}

/**
 * Active organisations that depend on `organisation`: those whose parent it is, and party
 * branches it hosts (a social organisation's branch).
 */
const activeDependants = (s: RegistryState, organisation: OrganisationId) =>
  valuesOf(s.organisations).filter(
    (o) =>
      o.status === 'active' &&
      (('parent' in o && o.parent === organisation) ||
        (o.kind === 'party-branch' &&
          o.branch.kind === 'social-organisation' &&
          o.branch.host === organisation)),
  )

const dissolveOrganisation = (c: Command<'dissolveOrganisation'>, s: RegistryState): Decision => {
  const organisation = lookup(s.organisations, c.organisation)
  if (organisation === undefined) return E.left(notFound('organisation', c.organisation))
  // Posts over a dissolved organisation end with it, so they can no longer authorise anything.
  const endedPosts = postsOver(s, { level: 'organisation', id: organisation.id })
  return E.map(() => [
    {
      type: 'organisationDissolved' as const,
      at: c.at,
      actor: c.actor,
      organisation: c.organisation,
      reason: c.reason,
    },
    ...endPosts(c, endedPosts, `${organisation.name} was dissolved`),
  ])(
    checkAll(
      () => authorise(s, c.actor, c.type, organisationAuthority(s, organisation)),
      () =>
        organisationMachine.next(organisation.status, 'dissolveOrganisation', {
          'no-active-sub-organisations': activeDependants(s, organisation.id).length === 0,
        }),
    ),
  )
}

const appointRole = (c: Command<'appointRole'>, s: RegistryState): Decision =>
  E.map(() => [
    {
      type: 'roleAssigned' as const,
      at: c.at,
      actor: c.actor,
      assignment: c.assignment,
      person: c.person,
      role: c.role,
      scope: c.scope,
    },
  ])(
    checkAll(
      () =>
        refuseWhen(lookup(s.persons, c.person) === undefined, () => notFound('person', c.person)),
      scopeExists(s, c.scope),
      () => authorise(s, c.actor, c.type, roleAuthority(s, c.scope)),
      () =>
        // Posts are given by someone else: nobody widens their own authority.
        refuseWhen(c.person === c.actor, () =>
          ruleViolation('self-appointment', `${c.actor} cannot appoint themselves ${c.role}`),
        ),
      () =>
        refuseWhen(lookup(s.assignments, c.assignment) !== undefined, () =>
          alreadyExists('assignment', c.assignment),
        ),
      () =>
        refuseWhen(!allowedScopes[c.role].includes(c.scope.level), () =>
          ruleViolation(
            'role-scope',
            `A ${c.role} cannot be held over a ${c.scope.level} (allowed: ${allowedScopes[c.role].join(', ')})`,
          ),
        ),
      () =>
        refuseWhen(
          c.scope.level === 'organisation' &&
            lookup(s.organisations, c.scope.id)?.status !== 'active',
          () => ruleViolation('scope-active', `Organisation ${c.scope.id} is not active`),
        ),
      () => {
        const holders = holdersOf(s, c.role, c.scope)
        if (holders.some((a) => a.person === c.person))
          return E.left(
            ruleViolation(
              'already-holds-role',
              `${c.person} is already ${c.role} of ${c.scope.id}`,
            ),
          )
        const holder = holders[0]
        return refuseWhen(singleHolderRoles.has(c.role) && holder !== undefined, () =>
          ruleViolation(
            'single-holder',
            `${scopeName(s, c.scope)} already has a ${c.role} (${holder === undefined ? '' : (lookup(s.persons, holder.person)?.name ?? holder.person)}); end that post first`,
          ),
        )
      },
    ),
  )

const endRole = (c: Command<'endRole'>, s: RegistryState): Decision => {
  const assignment = lookup(s.assignments, c.assignment)
  if (assignment === undefined) return E.left(notFound('assignment', c.assignment))
  return E.map(() => [
    {
      type: 'roleEnded' as const,
      at: c.at,
      actor: c.actor,
      assignment: c.assignment,
      reason: c.reason,
    },
  ])(
    checkAll(
      () => authorise(s, c.actor, c.type, roleAuthority(s, assignment.scope)),
      () => assignmentMachine.next(assignment.until === null ? 'held' : 'ended', 'endRole'),
      // The street must keep a registrar, or nobody could ever change its registry again.
      () => refuseWhen(isLastStreetRegistrar(s, assignment), lastStreetRegistrar),
    ),
  )
}

/**
 * The rule `earlier-than-last-event`: a command on a street's registry stream is not dated
 * before the stream's last event (the same instant is not earlier). A registry's record runs
 * forward, like a hall's and a street's integration record: a post does not end before it
 * began, and a probationary year is not "served" by one command dated a year ahead followed by
 * commands dated today. Every command on the stream passes here first: the registry's own
 * ({@link decideCommunity}) and those of a mechanism on the registry's stream (embedding).
 */
export const runsForward = (registry: RegistryState, at: Instant): E.Either<DomainError, void> =>
  refuseWhen(registry.lastAt !== null && isBefore(at, registry.lastAt), () =>
    ruleViolation(
      'earlier-than-last-event',
      `${at} is before the street registry's last event (${registry.lastAt ?? ''})`,
    ),
  )

/** Decides a registry command against the registry of its street. */
export const decideCommunity = (
  c: CommunityCommand,
  s: RegistryState,
): E.Either<DomainError, ReadonlyArray<CommunityEvent>> => {
  const forward = runsForward(s, c.at)
  if (E.isLeft(forward)) return forward
  if (c.type === 'openRegistry') return openRegistry(c, s)
  if (s.street === null) return E.left(notFound('street registry', c.street))
  switch (c.type) {
    case 'registerCommunity':
      return registerCommunity(c, s)
    case 'registerGrid':
      return registerGrid(c, s)
    case 'registerCompound':
      return registerCompound(c, s)
    case 'registerEntrance':
      return registerEntrance(c, s)
    case 'registerPerson':
      return registerPerson(c, s)
    case 'moveResident':
      return moveResident(c, s)
    case 'recordDeparture':
      return recordDeparture(c, s)
    case 'renamePlace':
      return renamePlace(c, s)
    case 'changeHousehold':
      return changeHousehold(c, s)
    case 'renameOrganisation':
      return renameOrganisation(c, s)
    case 'registerOrganisation':
      return registerOrganisation(c, s)
    case 'dissolveOrganisation':
      return dissolveOrganisation(c, s)
    case 'appointRole':
      return appointRole(c, s)
    case 'endRole':
      return endRole(c, s)
  }
}

/** Records a new assignment and adds it to the indexes of held posts. */
const holdPost = (draft: Draft<RegistryState>, assignment: Assignment): void => {
  insert(draft.assignments, assignment.id, assignment)
  index(draft.heldPosts, assignment.person, assignment.id)
  index(draft.postHolders, scopeKey(assignment.scope), assignment.id)
}

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

/** Sets the name of a place of any level in a draft registry. */
const renameIn = (draft: Draft<RegistryState>, place: PlaceRef, name: string): void => {
  const named: { name: string } | null | undefined =
    place.level === 'street'
      ? draft.street
      : place.level === 'community'
        ? draftOf(draft.communities, place.id)
        : place.level === 'grid'
          ? draftOf(draft.grids, place.id)
          : place.level === 'compound'
            ? draftOf(draft.compounds, place.id)
            : draftOf(draft.entrances, place.id)
  if (named !== null && named !== undefined) named.name = name
}

/**
 * The registry reducer as an immer recipe: one event at a time onto a draft.
 * It trusts its events (decide checked them) and never refuses one.
 */
export const applyCommunityEvent = (draft: Draft<RegistryState>, e: CommunityEvent): void => {
  draft.lastAt = e.at
  switch (e.type) {
    case 'registryOpened':
      draft.street = { id: e.street, name: e.name, openedAt: e.at }
      insert(draft.persons, e.registrar, {
        id: e.registrar,
        name: e.registrarName,
        household: { status: 'registered' },
        householdChanges: [],
        home: null,
        languages: [],
        moves: [],
        registeredAt: e.at,
      })
      holdPost(draft, {
        id: e.assignment,
        person: e.registrar,
        role: 'registrar',
        scope: { level: 'street', id: e.street },
        since: e.at,
        until: null,
      })
      return
    case 'communityRegistered':
      insert(draft.communities, e.community, {
        id: e.community,
        name: e.name,
        settlement: e.settlement,
        registeredAt: e.at,
      })
      return
    case 'gridRegistered':
      insert(draft.grids, e.grid, {
        id: e.grid,
        name: e.name,
        community: e.community,
        registeredAt: e.at,
      })
      return
    case 'compoundRegistered':
      insert(draft.compounds, e.compound, {
        id: e.compound,
        name: e.name,
        grid: e.grid,
        registeredAt: e.at,
      })
      return
    case 'entranceRegistered':
      insert(draft.entrances, e.entrance, {
        id: e.entrance,
        name: e.name,
        compound: e.compound,
        registeredAt: e.at,
      })
      return
    case 'personRegistered':
      insert(draft.persons, e.person, {
        id: e.person,
        name: e.name,
        household: e.household,
        householdChanges: [],
        home: e.home,
        languages: [...e.languages],
        moves: [],
        registeredAt: e.at,
      })
      return
    case 'residentMoved': {
      const person = draftOf(draft.persons, e.person)
      if (person === undefined) return
      person.moves.push({ from: e.from, to: e.to, at: e.at, destination: null })
      person.home = e.to
      return
    }
    case 'residentDeparted': {
      const person = draftOf(draft.persons, e.person)
      if (person === undefined) return
      person.moves.push({ from: e.from, to: null, at: e.at, destination: e.destination })
      person.home = null
      return
    }
    case 'placeRenamed':
      renameIn(draft, e.place, e.to)
      return
    case 'householdChanged': {
      const person = draftOf(draft.persons, e.person)
      if (person === undefined) return
      person.householdChanges.push({ from: e.from, to: e.to, at: e.at })
      person.household = e.to
      return
    }
    case 'organisationRenamed': {
      const organisation = draftOf(draft.organisations, e.organisation)
      if (organisation !== undefined) organisation.name = e.to
      return
    }
    case 'organisationRegistered':
      insert(draft.organisations, e.organisation.id, {
        ...e.organisation,
        status: organisationMachine.initial,
        registeredAt: e.at,
        dissolvedAt: null,
      })
      return
    case 'organisationDissolved': {
      const organisation = draftOf(draft.organisations, e.organisation)
      if (organisation === undefined) return
      organisation.status = 'dissolved'
      organisation.dissolvedAt = e.at
      return
    }
    case 'roleAssigned':
      holdPost(draft, {
        id: e.assignment,
        person: e.person,
        role: e.role,
        scope: e.scope,
        since: e.at,
        until: null,
      })
      return
    case 'roleEnded': {
      const assignment = draftOf(draft.assignments, e.assignment)
      if (assignment === undefined) return
      assignment.until = e.at
      unindex(draftOf(draft.heldPosts, assignment.person), assignment.id)
      unindex(draftOf(draft.postHolders, scopeKey(assignment.scope)), assignment.id)
      return
    }
  }
}

/**
 * The places-and-actors mechanism (地方与主体): one registry stream per street.
 *
 * @example
 * ```ts
 * import { createEngine, community } from 'governance-kit'
 * const engine = createEngine({ decider: community, clock: Date.now })
 * ```
 */
export const community: Mechanism<CommunityCommand, CommunityEvent, RegistryState> =
  defineMechanism({
    name: 'community',
    commands: CommunityCommand,
    events: CommunityEvent,
    initialState: emptyRegistry,
    streamOf: (c: CommunityCommand) => registryStream(c.street),
    decide: (c: CommunityCommand, s: RegistryState) => decideCommunity(c, s),
    apply: applyCommunityEvent,
  })
