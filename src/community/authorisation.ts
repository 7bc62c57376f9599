/**
 * The one authorisation check (授权) every decider uses: a command is accepted only from an actor
 * who holds a role it requires, in the command's scope or a scope above it; anything else is
 * {@link Forbidden}.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { forbidden, type Forbidden, type PersonId } from '../core/index.js'
import type { RoleKind, ScopeRef } from './codecs.js'
import { holdersOf, holdsRole } from './queries.js'
import type { RegistryState } from './state.js'

/**
 * One way to be allowed: hold `role` over `scope` (or over a scope above it; with `exact`, over
 * that scope only — as a ladder whose levels must stay apart needs).
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
 * import { authorise, emptyRegistry, PersonId, StreetId } from 'governance-kit'
 * const check = authorise(emptyRegistry, PersonId.make('p-1'), 'registerCommunity', [
 *   { role: 'registrar', scope: { level: 'street', id: StreetId.make('s-street') } },
 * ])
 * // Left({ code: 'Forbidden', missingRole: ['registrar@street:s-street'], ... })
 * ```
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
