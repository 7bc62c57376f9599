/**
 * Who may do what in embedding now (嵌入机制的权限表): the permission table of every command the
 * mechanism takes. The registry's rows are the registry's own ({@link communityPermissions}),
 * lifted onto embedding's state (`state.registry`), with what embedding adds: an organisation
 * that members or candidates belong to is not dissolved (`members-enrolled`). Embedding's own
 * rows are made of the authority paragraphs of its field files — everything about a member or a
 * candidate needs the secretary of their organisation (or of one above it), never themselves; a
 * member reports 报到 in person; compound acts need what their registry commands need — and of
 * its lifecycle tables (`memberMachine`, `developmentMachine`, `dutyMachine`). Each row asks the
 * check its handler decides with.
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
  type Permission,
  type PersonId,
  type TargetOf,
} from '../core/index.js'
import {
  allowedParents,
  authorise,
  CommunityCommand,
  communityOf,
  communityPermissions,
  runsForward,
  type RegistryState,
} from '../community/index.js'
import { commendedThrough, probationYearServed } from './absorption.js'
import type { EmbeddingCommand, Member } from './codecs/index.js'
import {
  activePartyOrganisation,
  afterEndingADuty,
  answersFor,
  decidesOn,
  decidesOnCandidate,
  decidesOnMember,
  peopleOf,
} from './kit.js'
import { developmentMachine, dutyMachine, memberMachine } from './machine.js'
import { livesWhereItWorks } from './member.js'
import { fundsAuthority } from './organisation.js'
import { candidateStageOf, isInDevelopment, memberStatusOf } from './queries/index.js'
import type { EmbeddingState } from './state.js'

/** The row of one command type of embedding (its own or the registry's). */
type Row<K extends EmbeddingCommand['type']> = Permission<
  EmbeddingState,
  undefined,
  TargetOf<EmbeddingCommand, K>
>

// ---------------------------------------------------------------------------------------------
// The registry's rows, on embedding's state

/** A registry row read on the registry that embedding's state holds. */
const onTheRegistry = <T>(
  row: Permission<RegistryState, undefined, T>,
): Permission<EmbeddingState, undefined, T> => ({
  who: row.who,
  targets: (s, x, at) => row.targets(s.registry, x, at),
  may: (person, target, s, x, at) => row.may(person, target, s.registry, x, at),
})

/** Every registry row, lifted: embedding decides registry commands with the registry's decider. */
const registryRows = Object.fromEntries(
  CommunityCommand.tags.map((type) => [
    type,
    onTheRegistry(communityPermissions[type] as Permission<RegistryState, undefined, object>),
  ]),
  // Built from the codec's own tags, so every registry type has its row and no other key is there.
) as { readonly [K in CommunityCommand['type']]: Row<K> }

/** The registry's row, and the rule embedding adds to a dissolution (`members-enrolled`). */
const dissolveOrganisation: Row<'dissolveOrganisation'> = {
  who: `${registryRows.dissolveOrganisation.who}; and no member or candidate belongs to it`,
  targets: (s, x, at) =>
    registryRows.dissolveOrganisation
      .targets(s, x, at)
      .filter((t) => t.organisation !== undefined && peopleOf(s, t.organisation).length === 0),
  may: registryRows.dissolveOrganisation.may,
}

// ---------------------------------------------------------------------------------------------
// What embedding's own commands act on now

/**
 * Whether embedding's own commands may act at `at`: on an opened registry, dated no earlier than
 * the stream's last event (what `decideEmbedding` checks first).
 */
const onTheStream = (s: EmbeddingState, at: Instant): boolean =>
  s.registry.street !== null && E.isRight(runsForward(s.registry, at))

/** The targets `list` gives, when embedding's own commands may act at `at`; none otherwise. */
const onStream =
  <T>(list: (s: EmbeddingState, at: Instant) => ReadonlyArray<T>) =>
  (s: EmbeddingState, _x: undefined, at: Instant): ReadonlyArray<T> =>
    onTheStream(s, at) ? list(s, at) : []

/** The active party organisations (committees, branches, groups), by id (`party-organisation`). */
const partyOrganisations = (s: EmbeddingState): ReadonlyArray<OrganisationId> =>
  valuesOf(s.registry.organisations)
    .filter((o) => E.isRight(activePartyOrganisation(s.registry, o.id)))
    .map((o) => o.id)

/** The members whose table has an edge on `on` now (and who `fit`), as targets. */
const membersWho = (
  on: 'contactMember' | 'reportToCommunity' | MemberCommand,
  fit: (s: EmbeddingState, member: Member) => boolean = () => true,
) =>
  onStream((s) =>
    valuesOf(s.members)
      .filter((m) => memberMachine.can(m.status, on) && fit(s, m))
      .map((m) => ({ member: m.person })),
  )

/** The member commands a member's secretary sends about them. */
type MemberCommand = 'assignDuty' | 'recordMemberAct' | 'transferMemberOut' | 'lapseMember'

/** The candidates whose development table has an edge on `on` now, as targets. */
const candidatesWho = (on: 'acceptApplication' | 'admitProbationary' | 'dropCandidate') =>
  onStream((s) =>
    valuesOf(s.candidates)
      .filter((k) => developmentMachine.can(k.stage, on))
      .map((k) => ({ person: k.person })),
  )

// ---------------------------------------------------------------------------------------------
// Who may

/** The kinds of organisation a branch or a group may be founded under (`allowedParents`). */
const foundersKinds: ReadonlySet<string> = new Set([
  ...allowedParents['party-branch'],
  ...allowedParents['party-group'],
])

/** The secretary of the member's organisation (or of one above it), never the member themselves. */
const memberSecretary =
  "the secretary of the member's organisation (or of one above it), never the member themselves"

/** The registry's row of appointments, read for an appointment over an organisation. */
const appointsOver = (
  person: PersonId,
  organisation: OrganisationId,
  s: EmbeddingState,
  at: Instant,
) =>
  registryRows.appointRole.may(
    person,
    { scope: { level: 'organisation', id: organisation } },
    s,
    undefined,
    at,
  )

// ---------------------------------------------------------------------------------------------
// The table

/**
 * Embedding's permission table 权限表: for each command it takes — the registry's and its own —
 * who may issue it (the docs' authority table), what it may act on now by its lifecycles and
 * preconditions, and whether a person may issue it on a target, asking the same checks as the
 * handlers.
 *
 * @category Permissions
 */
export const embeddingPermissions = permissionsFor<EmbeddingCommand, EmbeddingState, undefined>()({
  ...registryRows,
  dissolveOrganisation,
  // Organisation embedding
  foundBranch: {
    who: 'the secretary of the parent organisation, or of one above it (the street party committee)',
    targets: onStream(() => [{}]),
    // Registering the branch or group (and appointing its secretary) needs its parent's secretary.
    may: (person, _target, s) =>
      valuesOf(s.registry.organisations).some(
        (o) => o.status === 'active' && foundersKinds.has(o.kind) && answersFor(s, person, o.id),
      ),
  },
  convertBranch: {
    who: 'what registering the new body and dissolving the temporary branch need (the secretary of the organisation above the branch), and the secretary of the organisation its members move to',
    // Dissolving the branch is the step that needs its parent's secretary; the new body is
    // registered, and the members moved, under the same parent.
    targets: (s, _x, at) =>
      onTheStream(s, at)
        ? communityPermissions.dissolveOrganisation
            .targets(s.registry, undefined, at)
            .flatMap((t) => {
              const o =
                t.organisation === undefined
                  ? undefined
                  : lookup(s.registry.organisations, t.organisation)
              // `temporary-branch-only`
              return o?.kind === 'party-branch' && o.branch.kind === 'temporary'
                ? [{ branch: o.id }]
                : []
            })
        : [],
    may: (person, { branch }, s, _x, at) =>
      branch !== undefined &&
      communityPermissions.dissolveOrganisation.may(
        person,
        { organisation: branch },
        s.registry,
        undefined,
        at,
      ),
  },
  allotFunds: {
    who: "the secretary of the organisation above it (or of one above that), or the street's registrar; to an active organisation",
    targets: onStream((s) =>
      valuesOf(s.registry.organisations)
        .filter((o) => o.status === 'active')
        .map((o) => ({ organisation: o.id })),
    ),
    may: (person, { organisation }, s) => {
      const o =
        organisation === undefined ? undefined : lookup(s.registry.organisations, organisation)
      return (
        o !== undefined &&
        E.isRight(authorise(s.registry, person, 'allotFunds', fundsAuthority(s, o)))
      )
    },
  },
  sendFirstSecretary: {
    who: 'what appointing to the organisation needs (the secretary of the organisation above it); to an active party organisation',
    targets: onStream((s) => partyOrganisations(s).map((organisation) => ({ organisation }))),
    may: (person, { organisation }, s, _x, at) =>
      organisation !== undefined && appointsOver(person, organisation, s, at),
  },
  // Member embedding
  discoverMember: {
    who: 'the secretary of the organisation recording them (or of one above it), never the member themselves; of a resident living where it works, not on record nor being developed',
    targets: onStream((s) =>
      valuesOf(s.registry.persons)
        .filter(
          (p) =>
            memberMachine.can(memberStatusOf(s, p.id), 'discoverMember') &&
            !isInDevelopment(candidateStageOf(s, p.id)),
        )
        .flatMap((p) =>
          partyOrganisations(s)
            .filter((id) => {
              const o = lookup(s.registry.organisations, id)
              return o !== undefined && livesWhereItWorks(s, p.home, o)
            })
            .map((organisation) => ({ person: p.id, organisation })),
        ),
    ),
    may: (person, t, s) => decidesOn(s, person, t.organisation, t.person),
  },
  contactMember: {
    who: memberSecretary,
    targets: membersWho('contactMember'),
    may: (person, { member }, s) => decidesOnMember(s, person, member),
  },
  reportToCommunity: {
    who: 'the member in person, once contacted (or transferred out), to the community they live in',
    // A member reports where they live (`not-a-resident`): one living in a community of the street.
    targets: membersWho('reportToCommunity', (s, m) => {
      const home = lookup(s.registry.persons, m.person)?.home ?? null
      return home !== null && communityOf(s.registry, home) !== null
    }),
    // Reporting 报到 is the member's own act: nobody reports on a member's behalf.
    may: (person, { member }) => member === person,
  },
  assignDuty: {
    who: memberSecretary,
    targets: membersWho('assignDuty'),
    may: (person, { member }, s) => decidesOnMember(s, person, member),
  },
  endDuty: {
    who: "the secretary of the duty holder's organisation (or of one above it), never the holder themselves; of a duty held",
    targets: onStream((s) =>
      valuesOf(s.duties)
        .filter((d) => {
          const member = lookup(s.members, d.member)
          return (
            dutyMachine.can(d.status, 'endDuty') &&
            member !== undefined &&
            E.isRight(afterEndingADuty(member.status, member.duties.length))
          )
        })
        .map((d) => ({ duty: d.id })),
    ),
    may: (person, { duty }, s) =>
      duty !== undefined && decidesOnMember(s, person, lookup(s.duties, duty)?.member),
  },
  recordMemberAct: {
    who: memberSecretary,
    targets: membersWho('recordMemberAct'),
    may: (person, { member }, s) => decidesOnMember(s, person, member),
  },
  transferMemberOut: {
    who: memberSecretary,
    targets: membersWho('transferMemberOut'),
    may: (person, { member }, s) => decidesOnMember(s, person, member),
  },
  lapseMember: {
    who: memberSecretary,
    targets: membersWho('lapseMember'),
    may: (person, { member }, s) => decidesOnMember(s, person, member),
  },
  // Absorbing elites
  recogniseActivist: {
    who: 'the secretary of the developing branch (or of one above it), never the candidate themselves; of a person never a member nor a candidate',
    targets: onStream((s) =>
      valuesOf(s.registry.persons)
        .filter(
          (p) =>
            lookup(s.members, p.id) === undefined &&
            developmentMachine.can(candidateStageOf(s, p.id), 'recogniseActivist'),
        )
        .flatMap((p) =>
          partyOrganisations(s).map((organisation) => ({ person: p.id, organisation })),
        ),
    ),
    may: (person, t, s) => decidesOn(s, person, t.organisation, t.person),
  },
  acceptApplication: {
    who: 'the secretary of the developing branch (or of one above it), never the candidate themselves; of an activist',
    targets: candidatesWho('acceptApplication'),
    may: (person, t, s) => decidesOnCandidate(s, person, t.person),
  },
  admitProbationary: {
    who: 'the secretary of the developing branch (or of one above it), never the candidate themselves; of an applicant',
    targets: candidatesWho('admitProbationary'),
    may: (person, t, s) => decidesOnCandidate(s, person, t.person),
  },
  confirmFullMember: {
    who: 'the secretary of the developing branch (or of one above it), never the candidate themselves; of a probationary member whose year is served',
    targets: onStream((s, at) =>
      valuesOf(s.candidates)
        .filter(
          (k) =>
            developmentMachine.can(k.stage, 'confirmFullMember') &&
            probationYearServed(k.steps, at) &&
            memberMachine.can(memberStatusOf(s, k.person), 'confirmFullMember'),
        )
        .map((k) => ({ person: k.person })),
    ),
    may: (person, t, s) => decidesOnCandidate(s, person, t.person),
  },
  dropCandidate: {
    who: 'the secretary of the developing branch (or of one above it), never the candidate themselves; before full membership',
    targets: candidatesWho('dropCandidate'),
    may: (person, t, s) => decidesOnCandidate(s, person, t.person),
  },
  commend: {
    who: "the secretary of the person's organisation (or of one above it), never the person themselves; of an enrolled member or a candidate being developed",
    targets: onStream((s) =>
      valuesOf(s.registry.persons)
        .filter((p) => E.isRight(commendedThrough(s, p.id)))
        .map((p) => ({ person: p.id })),
    ),
    may: (person, t, s) => {
      const through = t.person === undefined ? undefined : commendedThrough(s, t.person)
      return (
        through !== undefined && E.isRight(through) && decidesOn(s, person, through.right, t.person)
      )
    },
  },
})

/**
 * What a person may do on a street's registry stream through embedding now (可办事项): every
 * command of {@link embeddingPermissions} — the registry's and embedding's own — with each target
 * the person may issue it on, for the state and the instant `at` (the app's clock, or the date
 * the command will carry). A secretary sees the members, candidates and duties of their
 * organisations (`{ member }`, `{ person }`, `{ duty }`), the people they may record or develop
 * there (`{ person, organisation }`), and what the registry lets them do; a member sees their own
 * report 报到. Nothing is decided; the context is unused.
 *
 * @example
 * ```ts
 * // @check types-only
 * import { instant, PersonId } from 'governance-kit'
 * import { allowedInEmbedding, type EmbeddingState } from 'governance-kit/embedding'
 * // state: the street's stream folded with `embedding`, where p-li is secretary of the grid
 * // branch o-grid-east, which has found and contacted the member p-m1:
 * declare const state: EmbeddingState
 * const at = instant('2024-04-24T08:42:00+08:00')
 * allowedInEmbedding(state, undefined, PersonId.make('p-m1'), at)
 * // → [{ type: 'reportToCommunity', target: { member: 'p-m1' } }]
 * allowedInEmbedding(state, undefined, PersonId.make('p-li'), at)
 * // → [{ type: 'registerOrganisation', target: {} }, { type: 'foundBranch', target: {} }, …,
 * //    { type: 'transferMemberOut', target: { member: 'p-m1' } }, …]
 * allowedInEmbedding(state, undefined, PersonId.make('p-stranger'), at) // []
 * ```
 *
 * @category Permissions
 */
export const allowedInEmbedding = allowedBy(embeddingPermissions)
