/**
 * Organisations and parties (组织与当事方): the party tree's ancestors of an organisation, and a
 * person or an organisation as a party to something.
 *
 * @module
 */
import { lookup, notFound, type NotFound, type OrganisationId } from '../../core/index.js'
import type { Organisation, PartyRef } from '../codecs/index.js'
import type { RegistryState } from '../state.js'

/**
 * Whether an organisation is of the party tree: a committee 党委, branch 党支部 or group 党小组.
 *
 * @category Queries
 */
export const isPartyOrganisation = (o: Pick<Organisation, 'kind'>): boolean =>
  o.kind === 'party-committee' || o.kind === 'party-branch' || o.kind === 'party-group'

/**
 * The organisation's party ancestors, nearest first (empty outside the party tree).
 *
 * @category Queries
 */
export const organisationAncestors = (
  state: RegistryState,
  organisation: OrganisationId,
): ReadonlyArray<Organisation> => {
  const ancestors: Organisation[] = []
  const seen = new Set<OrganisationId>([organisation])
  let current = lookup(state.organisations, organisation)
  while (current !== undefined && 'parent' in current && current.parent !== null) {
    if (seen.has(current.parent)) break // the decider never lets a cycle in; stay total anyway
    seen.add(current.parent)
    current = lookup(state.organisations, current.parent)
    if (current !== undefined) ancestors.push(current)
  }
  return ancestors
}

/**
 * Whether the registry has a party: the person, or the organisation (dissolved or not).
 *
 * @category Queries
 */
export const hasParty = (state: RegistryState, party: PartyRef): boolean =>
  party.kind === 'person'
    ? lookup(state.persons, party.person) !== undefined
    : lookup(state.organisations, party.organisation) !== undefined

/**
 * The NotFound of a party the registry does not have.
 *
 * @category Queries
 */
export const partyNotFound = (party: PartyRef): NotFound =>
  party.kind === 'person'
    ? notFound('person', party.person)
    : notFound('organisation', party.organisation)

/**
 * Whether two party references name the same person or the same organisation.
 *
 * @category Queries
 */
export const sameParty = (a: PartyRef, b: PartyRef): boolean =>
  a.kind === 'person'
    ? b.kind === 'person' && a.person === b.person
    : b.kind === 'organisation' && a.organisation === b.organisation
