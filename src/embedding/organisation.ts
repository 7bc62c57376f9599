/**
 * Organisation embedding 组织嵌入: founding party branches and groups where people are, converting
 * a temporary branch 临时党支部 into another body, and empowering organisations 组织赋能 with funds
 * and first secretaries 第一书记.
 *
 * Founding, converting and sending a first secretary are compound acts made of registry commands
 * decided in order (`decideInOrder`), so that every rule and authority of the registry applies to
 * them and the branches founded are the registry's organisations (one party tree). They need
 * what the registry's own commands need: the secretary of the parent organisation, or of one
 * above it such as the street party committee (a registrar for non-party bodies). Funds come
 * from the secretary above the organisation or the street's registrar.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  decideInOrder,
  forbidden,
  found,
  insert,
  lookup,
  draftOf,
  refuseBy,
  stamp,
  type DomainError,
} from '../core/index.js'
import {
  authorise,
  community,
  type CommunityCommand,
  type CommunityEvent,
  type Organisation,
  type RegistryState,
  type RoleRequirement,
} from '../community/index.js'
import type { EmbeddingEvent, EmbeddingOwnCommand } from './codecs/index.js'
import {
  activePartyOrganisation,
  peopleOf,
  secretaryOf,
  type EmbeddingHandler,
  type EmbeddingReducer,
} from './kit.js'
import { embeddingRules } from './rules.js'
import type { EmbeddingState } from './state.js'

// ---------------------------------------------------------------------------------------------
// Compound acts: registry commands decided in order

/** The registry command an embedding command asks of the registry, with the same envelope. */
const asRegistry = (c: EmbeddingOwnCommand) => ({
  commandId: c.commandId,
  at: c.at,
  actor: c.actor,
  street: c.street,
})

/**
 * Decides registry commands in turn on behalf of the embedding command `c`. A refusal for want
 * of a role names `c`, the command the actor sent, rather than the registry command inside it.
 */
const decideInRegistry = (
  c: EmbeddingOwnCommand,
  s: EmbeddingState,
  steps: ReadonlyArray<CommunityCommand>,
): E.Either<
  DomainError,
  { readonly events: ReadonlyArray<CommunityEvent>; readonly state: RegistryState }
> =>
  pipe(
    decideInOrder(community, s.registry, steps, undefined),
    E.mapLeft((error) =>
      error.code === 'Forbidden' ? forbidden(error.actor, c.type, error.missingRole) : error,
    ),
  )

/**
 * Who may allot funds to an organisation: the secretary of the organisation above it (or of one
 * above that), or the street's registrar.
 */
export const fundsAuthority = (
  s: EmbeddingState,
  organisation: Organisation,
): ReadonlyArray<RoleRequirement> => {
  const street = s.registry.street
  const anyOf: RoleRequirement[] = []
  if ('parent' in organisation && organisation.parent !== null)
    anyOf.push(secretaryOf(organisation.parent))
  if (street !== null) anyOf.push({ role: 'registrar', scope: { level: 'street', id: street.id } })
  return anyOf
}

// ---------------------------------------------------------------------------------------------
// Handlers

const foundBranch: EmbeddingHandler<'foundBranch'> = (c, s) =>
  pipe(
    decideInRegistry(c, s, [
      { type: 'registerOrganisation', ...asRegistry(c), organisation: c.organisation },
      ...(c.secretary === undefined
        ? []
        : [
            {
              type: 'appointRole' as const,
              ...asRegistry(c),
              assignment: c.secretary.assignment,
              person: c.secretary.person,
              role: 'secretary' as const,
              scope: { level: 'organisation' as const, id: c.organisation.id },
            },
          ]),
    ]),
    E.map(({ events }): ReadonlyArray<EmbeddingEvent> => [
      ...events,
      { type: 'branchFounded', ...stamp(c), organisation: c.organisation.id, among: c.among },
    ]),
  )

const convertBranch: EmbeddingHandler<'convertBranch'> = (c, s) =>
  pipe(
    found(lookup(s.registry.organisations, c.branch), 'organisation', c.branch),
    E.tap((branch) =>
      refuseBy(
        embeddingRules.temporaryBranchOnly,
        branch.kind !== 'party-branch' || branch.branch.kind !== 'temporary',
        () => `${branch.name} is not a temporary party branch`,
      ),
    ),
    E.flatMap((branch) => {
      const movers = peopleOf(s, c.branch)
      const membersTo = c.membersTo
      return pipe(
        decideInRegistry(c, s, [
          { type: 'registerOrganisation', ...asRegistry(c), organisation: c.into },
          {
            type: 'dissolveOrganisation',
            ...asRegistry(c),
            organisation: c.branch,
            reason: c.reason,
          },
        ]),
        // Checked after the new body is registered, so that the members may move into it (a
        // temporary branch made permanent).
        E.tap(() =>
          refuseBy(
            embeddingRules.membersNeedAnOrganisation,
            movers.length > 0 && membersTo === null,
            () =>
              `${branch.name} has ${movers.length} member(s) or candidate(s); name the organisation they move to`,
          ),
        ),
        E.tap(({ state }) =>
          membersTo === null
            ? E.right(undefined)
            : pipe(
                activePartyOrganisation(state, membersTo),
                // Members go only where the converter answers for them.
                E.flatMap(() => authorise(state, c.actor, c.type, [secretaryOf(membersTo)])),
              ),
        ),
        E.map(({ events }): ReadonlyArray<EmbeddingEvent> => [
          ...events,
          ...(membersTo === null
            ? []
            : movers.map((person) => ({
                type: 'memberMoved' as const,
                ...stamp(c),
                person,
                from: c.branch,
                to: membersTo,
              }))),
          {
            type: 'branchConverted',
            ...stamp(c),
            branch: c.branch,
            into: c.into.id,
            membersTo,
            reason: c.reason,
          },
        ]),
      )
    }),
  )

const allotFunds: EmbeddingHandler<'allotFunds'> = (c, s) =>
  pipe(
    found(lookup(s.registry.organisations, c.organisation), 'organisation', c.organisation),
    E.tap((o) => authorise(s.registry, c.actor, c.type, fundsAuthority(s, o))),
    E.tap((o) =>
      refuseBy(
        embeddingRules.organisationActive,
        o.status !== 'active',
        () => `${o.name} is ${o.status}`,
      ),
    ),
    E.map((): ReadonlyArray<EmbeddingEvent> => [
      {
        type: 'fundsAllotted',
        ...stamp(c),
        organisation: c.organisation,
        amount: c.amount,
        purpose: c.purpose,
      },
    ]),
  )

const sendFirstSecretary: EmbeddingHandler<'sendFirstSecretary'> = (c, s) =>
  pipe(
    activePartyOrganisation(s.registry, c.organisation),
    E.flatMap(() =>
      decideInRegistry(c, s, [
        {
          type: 'appointRole',
          ...asRegistry(c),
          assignment: c.assignment,
          person: c.person,
          role: 'first-secretary',
          scope: { level: 'organisation', id: c.organisation },
        },
      ]),
    ),
    E.map(({ events }): ReadonlyArray<EmbeddingEvent> => [
      ...events,
      {
        type: 'firstSecretarySent',
        ...stamp(c),
        organisation: c.organisation,
        person: c.person,
        assignment: c.assignment,
        sentBy: c.sentBy,
      },
    ]),
  )

/** The handlers of organisation embedding. */
export const organisationHandlers = {
  foundBranch,
  convertBranch,
  allotFunds,
  sendFirstSecretary,
}

// ---------------------------------------------------------------------------------------------
// Reducers

const branchFounded: EmbeddingReducer<'branchFounded'> = (draft, e) => {
  insert(draft.foundings, e.organisation, {
    organisation: e.organisation,
    among: e.among,
    at: e.at,
  })
}

const branchConverted: EmbeddingReducer<'branchConverted'> = (draft, e) => {
  draft.conversions.push({
    branch: e.branch,
    into: e.into,
    membersTo: e.membersTo,
    reason: e.reason,
    at: e.at,
  })
}

/** A conversion's members and candidates move to the organisation named (`membersTo`). */
const memberMoved: EmbeddingReducer<'memberMoved'> = (draft, e) => {
  const member = draftOf(draft.members, e.person)
  if (member?.organisation === e.from) member.organisation = e.to
  const candidate = draftOf(draft.candidates, e.person)
  if (candidate?.organisation === e.from) candidate.organisation = e.to
}

const fundsAllotted: EmbeddingReducer<'fundsAllotted'> = (draft, e) => {
  draft.grants.push({
    organisation: e.organisation,
    amount: e.amount,
    purpose: e.purpose,
    at: e.at,
  })
}

const firstSecretarySent: EmbeddingReducer<'firstSecretarySent'> = (draft, e) => {
  draft.firstSecretaries.push({
    organisation: e.organisation,
    person: e.person,
    assignment: e.assignment,
    sentBy: e.sentBy,
    at: e.at,
  })
}

/** The reducers of organisation embedding, with the move a conversion causes. */
export const organisationReducers = {
  branchFounded,
  branchConverted,
  memberMoved,
  fundsAllotted,
  firstSecretarySent,
}
