/**
 * Organisations (组织): the party-organisation tree — committee 党委 → branch 党支部 → party group
 * 党小组, one tree per street — and the other bodies of the street: residents' committee 居委会,
 * owners' committee 业委会, property company 物业, social organisations 社会组织 and other social
 * forces. Each kind sits only at some levels of place, a party organisation sits within its
 * parent, a branch where its kind works, and a dissolved organisation stays in the registry with
 * every post over it ended. The party tree answers to itself: its organisations are founded,
 * renamed and dissolved by the secretary of the organisation above them, not by a registrar.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  draftOf,
  found,
  insert,
  lookup,
  refuseBy,
  stamp,
  valuesOf,
  violation,
  type NotFound,
  type OrganisationId,
  type RuleViolation,
} from '../core/index.js'
import { authorise, organisationAuthority } from './authorisation.js'
import type { Organisation, OrganisationSpec } from './codecs/index.js'
import { allowedBranchSeats, allowedParents, allowedSeats, organisationMachine } from './machine.js'
import { placeExists } from './places.js'
import { isWithin, overlaps, postsOver, scopeName } from './queries/index.js'
import { endPosts } from './roles.js'
import { communityRules } from './rules.js'
import {
  unregistered,
  type RegistryEvents,
  type RegistryHandler,
  type RegistryReducer,
  type RegistryState,
} from './state.js'

// The rules of organisations

/** The rule `seat-level`: an organisation sits at a level of place its kind allows. */
const seatLevel = (spec: OrganisationSpec): E.Either<RuleViolation, void> =>
  refuseBy(
    communityRules.seatLevel,
    !allowedSeats[spec.kind].includes(spec.seat.level),
    () =>
      `A ${spec.kind} cannot sit at a ${spec.seat.level} (allowed: ${allowedSeats[spec.kind].join(', ')})`,
  )

/** The parent an organisation names: null when it names none, NotFound when it is not there. */
const parentOf = (
  state: RegistryState,
  spec: OrganisationSpec,
): E.Either<NotFound, Organisation | null> => {
  // The codecs already make a branch's or a group's parent required, and give other kinds none.
  const parent = 'parent' in spec ? spec.parent : null
  return parent === null
    ? E.right(null)
    : found(lookup(state.organisations, parent), 'organisation', parent)
}

/**
 * The rules of a parent (`parent-kind`, `parent-active`, `seat-within-parent`): of a kind that
 * may hold the organisation, active, and around its seat.
 */
const parentHolds = (
  state: RegistryState,
  spec: OrganisationSpec,
  parent: Organisation | null,
): E.Either<RuleViolation, void> => {
  if (parent === null) return E.right(undefined)
  const allowed = allowedParents[spec.kind]
  return pipe(
    refuseBy(
      communityRules.parentKind,
      !allowed.includes(parent.kind),
      () =>
        `A ${spec.kind} cannot sit under a ${parent.kind} (allowed: ${allowed.join(', ') || 'none'})`,
    ),
    E.flatMap(() =>
      refuseBy(
        communityRules.parentActive,
        parent.status !== 'active',
        () => `Parent organisation ${parent.name} is ${parent.status}`,
      ),
    ),
    E.flatMap(() =>
      refuseBy(
        communityRules.seatWithinParent,
        !isWithin(state, spec.seat, parent.seat),
        () => `${spec.name} sits outside the place of its parent ${parent.name}`,
      ),
    ),
  )
}

/**
 * The rule `branch-host`: a social-organisation branch's host is an active social organisation,
 * and the branch sits where its host works (one contains the other), so a branch in one
 * community cannot tie up a social organisation of another.
 */
const hostHolds = (
  state: RegistryState,
  branch: OrganisationSpec,
  hostId: OrganisationId,
): E.Either<RuleViolation, void> => {
  const host = lookup(state.organisations, hostId)
  if (host?.kind !== 'social-organisation' || host.status !== 'active')
    return E.left(
      violation(communityRules.branchHost, `${hostId} is not an active social organisation`),
    )
  return refuseBy(
    communityRules.branchHost,
    !overlaps(state, branch.seat, host.seat),
    () =>
      `${branch.name} sits at ${scopeName(state, branch.seat)}, away from its host ${host.name}`,
  )
}

/**
 * What a party branch's own kind asks of it: where it sits (`branch-seat`), and in a social
 * organisation, its host (`branch-host`).
 */
const branchHolds = (
  state: RegistryState,
  spec: OrganisationSpec,
): E.Either<RuleViolation, void> => {
  if (spec.kind !== 'party-branch') return E.right(undefined)
  const setting = spec.branch
  const seats = allowedBranchSeats[setting.kind]
  return pipe(
    refuseBy(
      communityRules.branchSeat,
      !seats.includes(spec.seat.level),
      () =>
        `A ${setting.kind} branch cannot sit at a ${spec.seat.level} (allowed: ${seats.join(', ')})`,
    ),
    E.flatMap(() =>
      setting.kind === 'social-organisation'
        ? hostHolds(state, spec, setting.host)
        : E.right(undefined),
    ),
  )
}

/**
 * The rule `one-party-root`: one party tree per street. A second root would let the registrar
 * found a party hierarchy that answers to nobody above it.
 */
const onePartyRoot = (
  state: RegistryState,
  spec: OrganisationSpec,
): E.Either<RuleViolation, void> =>
  refuseBy(
    communityRules.onePartyRoot,
    spec.kind === 'party-committee' &&
      spec.parent === null &&
      valuesOf(state.organisations).some(
        (o) => o.kind === 'party-committee' && o.parent === null && o.status === 'active',
      ),
    () => 'The street already has a root party committee; found this one under it',
  )

/**
 * Active organisations that depend on `organisation`: those whose parent it is, and party
 * branches it hosts (a social organisation's branch). While there are any, it is not dissolved
 * (`no-active-sub-organisations`, the guard of {@link organisationMachine}).
 */
const activeDependants = (state: RegistryState, organisation: OrganisationId) =>
  valuesOf(state.organisations).filter(
    (o) =>
      o.status === 'active' &&
      (('parent' in o && o.parent === organisation) ||
        (o.kind === 'party-branch' &&
          o.branch.kind === 'social-organisation' &&
          o.branch.host === organisation)),
  )

/**
 * Whether `organisation` may be dissolved now, by its lifecycle: {@link organisationMachine} has
 * an edge on `dissolveOrganisation` from its state (IllegalTransition otherwise) whose guard
 * `no-active-sub-organisations` holds (RuleViolation otherwise).
 *
 * @category Checks
 */
export const dissolution = (state: RegistryState, organisation: Organisation) =>
  organisationMachine.next(organisation.status, 'dissolveOrganisation', {
    [communityRules.noActiveSubOrganisations.id]:
      activeDependants(state, organisation.id).length === 0,
  })

// Handlers

const registerOrganisation: RegistryHandler<'registerOrganisation'> = (c, s) => {
  const spec = c.organisation
  return pipe(
    placeExists(s, spec.seat),
    E.flatMap(() => parentOf(s, spec)),
    E.tap(() => authorise(s, c.actor, c.type, organisationAuthority(s, spec))),
    E.tap(() => unregistered(lookup(s.organisations, spec.id), 'organisation', spec.id)),
    E.tap(() => seatLevel(spec)),
    E.tap((parent) => parentHolds(s, spec, parent)),
    E.tap(() => branchHolds(s, spec)),
    E.tap(() => onePartyRoot(s, spec)),
    E.map((): RegistryEvents => [
      { type: 'organisationRegistered', ...stamp(c), organisation: spec },
    ]),
  )
}

const renameOrganisation: RegistryHandler<'renameOrganisation'> = (c, s) =>
  pipe(
    found(lookup(s.organisations, c.organisation), 'organisation', c.organisation),
    E.tap((organisation) => authorise(s, c.actor, c.type, organisationAuthority(s, organisation))),
    E.tap((organisation) => organisationMachine.next(organisation.status, 'renameOrganisation')),
    E.map((organisation): RegistryEvents =>
      organisation.name === c.name
        ? []
        : [
            {
              type: 'organisationRenamed',
              ...stamp(c),
              organisation: c.organisation,
              from: organisation.name,
              to: c.name,
            },
          ],
    ),
  )

const dissolveOrganisation: RegistryHandler<'dissolveOrganisation'> = (c, s) =>
  pipe(
    found(lookup(s.organisations, c.organisation), 'organisation', c.organisation),
    E.tap((organisation) => authorise(s, c.actor, c.type, organisationAuthority(s, organisation))),
    E.tap((organisation) => dissolution(s, organisation)),
    // Posts over a dissolved organisation end with it, so they can no longer authorise anything.
    E.map((organisation): RegistryEvents => [
      {
        type: 'organisationDissolved',
        ...stamp(c),
        organisation: c.organisation,
        reason: c.reason,
      },
      ...endPosts(
        c,
        postsOver(s, { level: 'organisation', id: organisation.id }),
        `${organisation.name} was dissolved`,
      ),
    ]),
  )

/**
 * The handlers of the organisation commands.
 *
 * @category Mechanism
 */
export const organisationHandlers = {
  registerOrganisation,
  renameOrganisation,
  dissolveOrganisation,
}

// Reducers

const organisationRegistered: RegistryReducer<'organisationRegistered'> = (draft, e) => {
  insert(draft.organisations, e.organisation.id, {
    ...e.organisation,
    status: organisationMachine.initial,
    registeredAt: e.at,
    dissolvedAt: null,
  })
}

const organisationRenamed: RegistryReducer<'organisationRenamed'> = (draft, e) => {
  const organisation = draftOf(draft.organisations, e.organisation)
  if (organisation !== undefined) organisation.name = e.to
}

const organisationDissolved: RegistryReducer<'organisationDissolved'> = (draft, e) => {
  const organisation = draftOf(draft.organisations, e.organisation)
  if (organisation === undefined) return
  organisation.status = 'dissolved'
  organisation.dissolvedAt = e.at
}

/**
 * The reducers of the organisation events.
 *
 * @category Mechanism
 */
export const organisationReducers = {
  organisationRegistered,
  organisationRenamed,
  organisationDissolved,
}
