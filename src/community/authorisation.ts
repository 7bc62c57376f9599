/**
 * The registry's authority (授权): who may act. `authorise` is the one authorisation check every
 * decider uses: a command is accepted only from an actor who holds a role it requires, in the
 * command's scope or a scope above it; anything else is {@link Forbidden}. The rest of the file
 * says whom the registry's own commands require: a registrar over the place (over the street for
 * a person with no home in it), and, for the party tree, which answers to itself, the secretary of
 * the organisation above.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { forbidden, lookup, valuesOf, type Forbidden, type PersonId } from '../core/index.js'
import type {
  OrganisationKind,
  OrganisationSpec,
  PlaceRef,
  RoleKind,
  ScopeRef,
} from './codecs/index.js'
import { allowedParents } from './machine.js'
import { holdersOf, holdsRole } from './queries/index.js'
import type { RegistryState } from './state.js'

/**
 * One way to be allowed: hold `role` over `scope` (or over a scope above it; with `exact`, over
 * that scope only — as a ladder whose levels must stay apart needs).
 *
 * @category Checks
 */
export interface RoleRequirement {
  readonly role: RoleKind
  readonly scope: ScopeRef
  readonly exact?: boolean
}

/**
 * Checks that `actor` meets at least one of the requirements; otherwise a {@link Forbidden} that
 * names the actor, the command and every role that would have allowed it.
 *
 * @example
 * ```ts
 * import { PersonId } from 'governance-kit'
 * import { StreetId } from 'governance-kit/codec'
 * import { authorise, emptyRegistry } from 'governance-kit/community'
 * const check = authorise(emptyRegistry, PersonId.make('p-1'), 'registerCommunity', [
 *   { role: 'registrar', scope: { level: 'street', id: StreetId.make('s-street') } },
 * ])
 * // Left({ code: 'Forbidden', missingRole: ['registrar@street:s-street'], ... })
 * ```
 *
 * @category Checks
 */
export const authorise = (
  state: RegistryState,
  actor: PersonId,
  command: string,
  anyOf: ReadonlyArray<RoleRequirement>,
): E.Either<Forbidden, void> =>
  anyOf.some((r) =>
    r.exact === true
      ? holdersOf(state, r.role, r.scope).some((a) => a.person === actor)
      : holdsRole(state, actor, r.role, r.scope),
  )
    ? E.right(undefined)
    : E.left(
        forbidden(
          actor,
          command,
          anyOf.map((r) => `${r.role}@${r.scope.level}:${r.scope.id}`),
        ),
      )

// Whom the registry's commands require

/**
 * A registrar over `scope` (or over a scope above it).
 *
 * @category Checks
 */
export const registrarOf = (scope: ScopeRef): RoleRequirement => ({ role: 'registrar', scope })

/** The registry's street as a place (null before the registry is opened). */
const streetOf = (state: RegistryState): PlaceRef | null =>
  state.street === null ? null : { level: 'street', id: state.street.id }

/**
 * Who answers for a person's record: a registrar over their home, or over the street for a
 * person with no home in it (a district cadre), as when they were registered.
 *
 * @category Checks
 */
export const registrarOfHome = (
  state: RegistryState,
  home: PlaceRef | null,
): ReadonlyArray<RoleRequirement> => {
  const where = home ?? streetOf(state)
  return where === null ? [] : [registrarOf(where)]
}

/**
 * Who may register, rename or dissolve an organisation. The party tree answers to itself: a
 * party organisation with a parent needs that parent's secretary (or the secretary of a party
 * organisation above it); a party committee at the root of the tree needs the street's registrar.
 * Other organisations need a registrar over their seat.
 *
 * @category Checks
 */
export const organisationAuthority = (
  state: RegistryState,
  spec: OrganisationSpec,
): ReadonlyArray<RoleRequirement> => {
  if ('parent' in spec && spec.parent !== null)
    return [{ role: 'secretary', scope: { level: 'organisation', id: spec.parent } }]
  const street = streetOf(state)
  if (spec.kind === 'party-committee' && street !== null) return [registrarOf(street)]
  return [registrarOf(spec.seat)]
}

/** Whether an organisation of `kind` may hold others (a committee, a branch: `allowedParents`). */
const mayHoldOthers = (kind: OrganisationKind): boolean =>
  Object.values(allowedParents).some((parents) => parents.includes(kind))

/**
 * Every post from which some organisation could be registered now: a registrar over the street
 * or one of its communities (a body seated there; the street's, the root party committee), or
 * the secretary of an active party organisation that may hold others (a branch under a
 * committee, a group under a branch). Who may register one organisation is
 * {@link organisationAuthority}.
 *
 * @category Checks
 */
export const organisationFounders = (state: RegistryState): ReadonlyArray<RoleRequirement> => {
  const street = streetOf(state)
  return street === null
    ? []
    : [
        registrarOf(street),
        ...valuesOf(state.communities).map((c) => registrarOf({ level: 'community', id: c.id })),
        ...valuesOf(state.organisations)
          .filter((o) => o.status === 'active' && mayHoldOthers(o.kind))
          .map((o): RoleRequirement => ({
            role: 'secretary',
            scope: { level: 'organisation', id: o.id },
          })),
      ]
}

/**
 * Who may appoint to or remove from a role over `scope`.
 *
 * @category Checks
 */
export const roleAuthority = (
  state: RegistryState,
  scope: ScopeRef,
): ReadonlyArray<RoleRequirement> => {
  if (scope.level !== 'organisation') return [registrarOf(scope)]
  const organisation = lookup(state.organisations, scope.id)
  return organisation === undefined
    ? [registrarOf(scope)]
    : organisationAuthority(state, organisation)
}
