/**
 * Who may do what in a street's registry now (权限表): the registry's permission table, one row
 * per command, made of the authority paragraph (`authorisation.ts`: a registrar over the place,
 * over the street for a person with no home in it; the party tree answering to itself) and the
 * lifecycles (`organisationMachine`, `assignmentMachine`). Each row's requirement asks the check
 * its handler decides with (`authorise` with `registrarOf`, `registrarOfHome`,
 * `organisationAuthority`, `roleAuthority`); its targets are what the registry lets the command
 * act on now: a place, a person, an organisation, a post, or the registry itself (`{}`).
 *
 * Every command but `openRegistry` acts on an opened registry, dated no earlier than its last
 * event (`earlier-than-last-event`); `openRegistry` acts on the empty stream.
 *
 * The rows are pure functions of the registry's state (the context is unused), so that a
 * mechanism on the registry's stream (embedding) can lift them onto its own state.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  allowedBy,
  lookup,
  permissionsFor,
  valuesOf,
  type Instant,
  type OrganisationId,
  type PersonId,
} from '../core/index.js'
import {
  authorise,
  organisationAuthority,
  organisationFounders,
  registrarOf,
  registrarOfHome,
  roleAuthority,
  type RoleRequirement,
} from './authorisation.js'
import type { CommunityCommand, PlaceRef, ScopeRef } from './codecs/index.js'
import { assignmentMachine, organisationMachine } from './machine.js'
import { runsForward } from './mechanism.js'
import { dissolution } from './organisations.js'
import { placesOf, rolesOf } from './queries/index.js'
import { homeInStreet, mayMove } from './residency.js'
import { keepsStreetRegistrar, postStatus, scopeActive } from './roles.js'
import type { RegistryState } from './state.js'

// What a command acts on now

/**
 * The targets of a command on an opened registry: those `list` gives, when the command is dated
 * no earlier than the registry's last event ({@link runsForward}); none otherwise.
 */
const inOpenRegistry =
  <T>(list: (state: RegistryState) => ReadonlyArray<T>) =>
  (state: RegistryState, _context: undefined, at: Instant): ReadonlyArray<T> =>
    state.street !== null && E.isRight(runsForward(state, at)) ? list(state) : []

/** Every person of the registry, as a target. */
const everyPerson = (state: RegistryState) => valuesOf(state.persons).map((p) => ({ person: p.id }))

// Who may

/** Whether `person` meets one of the requirements, as `authorise` checks for the handler. */
const meets = (
  state: RegistryState,
  person: PersonId,
  command: CommunityCommand['type'],
  anyOf: ReadonlyArray<RoleRequirement>,
): boolean => E.isRight(authorise(state, person, command, anyOf))

/** Whether `person` is a registrar over `place` (none: nobody). */
const registrarOver = (
  state: RegistryState,
  person: PersonId,
  command: CommunityCommand['type'],
  place: PlaceRef | null | undefined,
): boolean =>
  place !== null && place !== undefined && meets(state, person, command, [registrarOf(place)])

/** Whether `person` answers for the record of the person `id`: a registrar over their home. */
const answersFor = (
  state: RegistryState,
  person: PersonId,
  command: CommunityCommand['type'],
  id: PersonId | undefined,
): boolean => {
  const subject = id === undefined ? undefined : lookup(state.persons, id)
  return (
    subject !== undefined && meets(state, person, command, registrarOfHome(state, subject.home))
  )
}

/** Whether `person` may give or end posts over `scope`, as that scope is registered. */
const mayStaff = (
  state: RegistryState,
  person: PersonId,
  command: CommunityCommand['type'],
  scope: ScopeRef | undefined,
): boolean => scope !== undefined && meets(state, person, command, roleAuthority(state, scope))

/** Whether `person` answers for the organisation `id` (renames, dissolves it), as it was registered. */
const answersForOrganisation = (
  state: RegistryState,
  person: PersonId,
  command: CommunityCommand['type'],
  id: OrganisationId | undefined,
): boolean => {
  const organisation = id === undefined ? undefined : lookup(state.organisations, id)
  return (
    organisation !== undefined &&
    meets(state, person, command, organisationAuthority(state, organisation))
  )
}

// The table

/**
 * The registry's permission table 权限表: for each command, who may issue it (the docs'
 * authority table), what it may act on now by the registry's lifecycles and preconditions, and
 * whether a person may issue it on a target — asking the same checks as the handlers. Rows are
 * pure functions of the registry's state, so that a mechanism extending the registry on its
 * stream (embedding) lifts them onto its own state.
 *
 * @example
 * ```ts
 * // @check types-only
 * import { instant, PersonId } from 'governance-kit'
 * import { communityPermissions, type RegistryState } from 'governance-kit/community'
 * declare const registry: RegistryState // the street's registry
 * const at = instant('2024-05-01T09:00:00+08:00') // the app's clock, or the date the command will carry
 * const [target] = communityPermissions.renamePlace.targets(registry, undefined, at) // [{ place }, …]
 * if (target !== undefined)
 *   communityPermissions.renamePlace.may(PersonId.make('p-clerk'), target, registry, undefined, at) // true
 * ```
 *
 * @category Permissions
 */
export const communityPermissions = permissionsFor<CommunityCommand, RegistryState, undefined>()({
  openRegistry: {
    who: 'no role: it is how a street is first set up, once, on the empty stream (the app decides who may); the opener names its first registrar',
    targets: (s, _x, at) => (s.street === null && E.isRight(runsForward(s, at)) ? [{}] : []),
    may: () => true,
  },
  registerCommunity: {
    who: 'a registrar over the street',
    targets: inOpenRegistry(() => [{}]),
    may: (person, _target, s) =>
      s.street !== null &&
      registrarOver(s, person, 'registerCommunity', { level: 'street', id: s.street.id }),
  },
  registerGrid: {
    who: 'a registrar over the community',
    targets: inOpenRegistry((s) => valuesOf(s.communities).map((c) => ({ community: c.id }))),
    may: (person, { community }, s) =>
      community !== undefined &&
      registrarOver(s, person, 'registerGrid', { level: 'community', id: community }),
  },
  registerCompound: {
    who: 'a registrar over the grid',
    targets: inOpenRegistry((s) => valuesOf(s.grids).map((g) => ({ grid: g.id }))),
    may: (person, { grid }, s) =>
      grid !== undefined &&
      registrarOver(s, person, 'registerCompound', { level: 'grid', id: grid }),
  },
  registerEntrance: {
    who: 'a registrar over the compound',
    targets: inOpenRegistry((s) => valuesOf(s.compounds).map((k) => ({ compound: k.id }))),
    may: (person, { compound }, s) =>
      compound !== undefined &&
      registrarOver(s, person, 'registerEntrance', { level: 'compound', id: compound }),
  },
  registerPerson: {
    who: 'a registrar over their home (over the street, for a person with no home in it)',
    targets: inOpenRegistry((s) => [{ home: null }, ...placesOf(s).map((home) => ({ home }))]),
    may: (person, { home }, s) =>
      home !== undefined && meets(s, person, 'registerPerson', registrarOfHome(s, home)),
  },
  moveResident: {
    who: 'a registrar over both ends of the move: their home (the street, for a person with no home in it) and where they go',
    targets: inOpenRegistry(everyPerson),
    may: (person, { person: id }, s) => {
      const subject = id === undefined ? undefined : lookup(s.persons, id)
      return subject !== undefined && mayMove(s, person, subject)
    },
  },
  recordDeparture: {
    who: "a registrar over the resident's home; the street's last registrar does not leave",
    targets: inOpenRegistry((s) =>
      valuesOf(s.persons)
        .filter(
          (p) => E.isRight(homeInStreet(p)) && E.isRight(keepsStreetRegistrar(s, rolesOf(s, p.id))),
        )
        .map((p) => ({ person: p.id })),
    ),
    may: (person, { person: id }, s) =>
      id !== undefined && registrarOver(s, person, 'recordDeparture', lookup(s.persons, id)?.home),
  },
  renamePlace: {
    who: 'a registrar over the place',
    targets: inOpenRegistry((s) => placesOf(s).map((place) => ({ place }))),
    may: (person, { place }, s) => registrarOver(s, person, 'renamePlace', place),
  },
  changeHousehold: {
    who: 'a registrar over their home (over the street, for a person with no home in it)',
    targets: inOpenRegistry(everyPerson),
    may: (person, { person: id }, s) => answersFor(s, person, 'changeHousehold', id),
  },
  registerOrganisation: {
    who: 'for a party organisation with a parent, the secretary of the organisation above it; for a root party committee, a registrar over the street; for other organisations, a registrar over their seat',
    targets: inOpenRegistry(() => [{}]),
    may: (person, _target, s) => meets(s, person, 'registerOrganisation', organisationFounders(s)),
  },
  renameOrganisation: {
    who: 'as it was registered: the secretary of the party organisation above it, or a registrar (over the street for a root committee, over its seat otherwise); while it is active',
    targets: inOpenRegistry((s) =>
      valuesOf(s.organisations)
        .filter((o) => organisationMachine.can(o.status, 'renameOrganisation'))
        .map((o) => ({ organisation: o.id })),
    ),
    may: (person, { organisation }, s) =>
      answersForOrganisation(s, person, 'renameOrganisation', organisation),
  },
  dissolveOrganisation: {
    who: 'as it was registered; while it is active and nothing under it, or hosted by it, is',
    targets: inOpenRegistry((s) =>
      valuesOf(s.organisations)
        .filter((o) => E.isRight(dissolution(s, o)))
        .map((o) => ({ organisation: o.id })),
    ),
    may: (person, { organisation }, s) =>
      answersForOrganisation(s, person, 'dissolveOrganisation', organisation),
  },
  appointRole: {
    who: 'for a post over an organisation, whoever registers it (the secretary above, or a registrar); for a post over a place, a registrar over it; never oneself',
    targets: inOpenRegistry((s) =>
      [
        ...placesOf(s),
        ...valuesOf(s.organisations).map((o): ScopeRef => ({ level: 'organisation', id: o.id })),
      ]
        .filter((scope) => E.isRight(scopeActive(s, scope)))
        .map((scope) => ({ scope })),
    ),
    may: (person, { scope }, s) => mayStaff(s, person, 'appointRole', scope),
  },
  endRole: {
    who: "as the post was given (for a post over an organisation, whoever registers it; over a place, a registrar over it); the street's last registrar stays",
    targets: inOpenRegistry((s) =>
      valuesOf(s.assignments)
        .filter(
          (a) =>
            assignmentMachine.can(postStatus(a), 'endRole') &&
            E.isRight(keepsStreetRegistrar(s, [a])),
        )
        .map((a) => ({ assignment: a.id })),
    ),
    may: (person, { assignment }, s) =>
      assignment !== undefined &&
      mayStaff(s, person, 'endRole', lookup(s.assignments, assignment)?.scope),
  },
})

/**
 * What a person may do in a street's registry now (可办事项): every command of
 * {@link communityPermissions} with each target the person may issue it on, for the registry's
 * state and the instant `at` (the app's clock, or the date the command will carry). A registrar
 * sees the places they may register in or rename (`{ community }`, `{ place }`, …), the people
 * whose records they keep (`{ person }`), the scopes they may appoint over (`{ scope }`) and the
 * posts they may end (`{ assignment }`); a secretary sees the organisations under them; commands
 * on the registry itself have the target `{}`. Nothing is decided; the context is unused.
 *
 * @example
 * ```ts
 * // @check types-only
 * import { instant, PersonId } from 'governance-kit'
 * import { allowedInRegistry, type RegistryState } from 'governance-kit/community'
 * // A street just opened by its registrar p-clerk, who holds the post as-clerk:
 * declare const registry: RegistryState
 * const at = instant('2024-04-24T09:00:00+08:00')
 * allowedInRegistry(registry, undefined, PersonId.make('p-clerk'), at)
 * // → [{ type: 'registerCommunity', target: {} },
 * //    { type: 'registerPerson', target: { home: null } },
 * //    { type: 'registerPerson', target: { home: { level: 'street', id: 's-street' } } },
 * //    …, { type: 'appointRole', target: { scope: { level: 'street', id: 's-street' } } }]
 * allowedInRegistry(registry, undefined, PersonId.make('p-stranger'), at) // []
 * ```
 *
 * @category Permissions
 */
export const allowedInRegistry = allowedBy(communityPermissions)
