/**
 * Roles (任职): the codecs of the posts a person holds over a scope — concurrent posts 兼任 are
 * several assignments of one person at once — and of the commands and events that appoint to a
 * role and end it.
 *
 * @module
 */
import type * as t from 'io-ts'
import {
  AssignmentId,
  Instant,
  PersonId,
  command,
  event,
  oneOf,
  orNull,
  struct,
} from '../../core/index.js'
import { Description } from './names.js'
import { ScopeRef, inStreet } from './places.js'

/**
 * Posts a person can hold in a scope (任职). Concurrent posts 兼任 are several assignments of
 * one person at once.
 *
 * @category State
 */
export const RoleKind = oneOf(
  [
    'registrar',
    'secretary',
    'deputy-secretary',
    'group-leader',
    'first-secretary',
    'director',
    'grid-worker',
    'building-head',
    'representative',
    'community-leader',
    'volunteer',
    'hall-chair',
    'mediator',
    'supervisor',
    'social-worker',
  ],
  'RoleKind',
)
/**
 * Posts a person can hold in a scope.
 *
 * @category State
 */
export type RoleKind = t.TypeOf<typeof RoleKind>

/**
 * One person holding one role in one scope from `since`, until `until` (null while held).
 *
 * @category State
 */
export const Assignment = struct('Assignment', {
  id: AssignmentId,
  person: PersonId,
  role: RoleKind,
  scope: ScopeRef,
  since: Instant,
  until: orNull(Instant),
})
/**
 * One person holding one role in one scope.
 *
 * @category State
 */
export type Assignment = t.TypeOf<typeof Assignment>

/**
 * Appoints a person to a role in a scope.
 *
 * @category Commands
 */
export const AppointRole = command('appointRole', {
  ...inStreet,
  assignment: AssignmentId,
  person: PersonId,
  role: RoleKind,
  scope: ScopeRef,
})
/**
 * Ends a role assignment (the person leaves the post; the record stays).
 *
 * @category Commands
 */
export const EndRole = command('endRole', {
  ...inStreet,
  assignment: AssignmentId,
  reason: Description,
})

/**
 * A person was appointed to a role.
 *
 * @category Events
 */
export const RoleAssigned = event('roleAssigned', {
  assignment: AssignmentId,
  person: PersonId,
  role: RoleKind,
  scope: ScopeRef,
})
/**
 * A role assignment ended.
 *
 * @category Events
 */
export const RoleEnded = event('roleEnded', { assignment: AssignmentId, reason: Description })
