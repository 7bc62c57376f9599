/**
 * Value integration's volunteer teams (价值整合: 志愿服务队 and 治安巡逻队, seed 000 §三.4): teams
 * and security patrols led by migrant party members (由来穗流动党员带头), and the volunteers who
 * join them. The records of their service 志愿服务记录, which the team's leader verifies before the
 * points bank pays for them, are in `service-records.ts`.
 *
 * Rules (see {@link integrationRules}): `team-led-by-member` (a team is formed or handed over
 * under a party member embedded in the street and living in it; a leader who no longer is one —
 * who left the street or was transferred out — acts as leader no more, to enrol or let go a
 * volunteer, record service for one, or verify or reject a record, until the team is handed
 * over), `team-disbanded`, `not-a-resident`, `already-in-team`, `team-full`, `not-in-team`,
 * `leader-leaves`.
 *
 * Authority: a registrar over the team's place forms the team, hands it to another leader and
 * disbands it; a volunteer joins and leaves in person, or the team's leader does it for them.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  alreadyExists,
  draftOf,
  forbidden,
  found,
  insert,
  lookup,
  refuseBy,
  refuseWhen,
  stamp,
  type DomainError,
  type PersonId,
  type TeamId,
} from '../core/index.js'
import type { IntegrationCommand, Team } from './codecs/index.js'
import type {
  IntegrationContext,
  IntegrationHandler,
  IntegrationHandlers,
  IntegrationReducers,
} from './mechanism.js'
import { integrationRules } from './rules.js'
import type { IntegrationState } from './state.js'
import {
  isEmbeddedMember,
  livesInStreet,
  personKnown,
  placeKnown,
  registrarOver,
  residentOfStreet,
  type Act,
} from './street.js'

/** The most volunteers a team holds (the `volunteers` list's bound in the codec). */
const MAX_VOLUNTEERS = 1000

/**
 * Whether `person` is a volunteer of the team (its leader is its first volunteer).
 *
 * @category Checks
 */
export const isVolunteerOf = (team: Team, person: PersonId): boolean =>
  team.volunteers.includes(person)

/**
 * Why `person` is not fit to lead a team now, or null when they are: a party member embedded in
 * the street (reported to the community 报到, not transferred out) who lives in it (rule
 * `team-led-by-member`).
 *
 * @category Checks
 */
export const unfitToLead = (
  x: IntegrationContext,
  c: Pick<IntegrationCommand, 'street'>,
  person: PersonId,
): string | null =>
  !isEmbeddedMember(x.embedding, person)
    ? `${person} is not a party member who has reported to the community`
    : !livesInStreet(x.embedding.registry, c, person)
      ? `${person} does not live in the street`
      : null

/** That `person` is fit to lead a team (rule `team-led-by-member`). */
const ledByMember = (
  x: IntegrationContext,
  c: Pick<IntegrationCommand, 'street'>,
  person: PersonId,
): E.Either<DomainError, void> => {
  const unfit = unfitToLead(x, c, person)
  return refuseBy(integrationRules.teamLedByMember, unfit !== null, () => unfit ?? '')
}

/**
 * That the team's leader still leads (rule `team-led-by-member`): a leader who has since left the
 * street or been transferred out acts for the team no longer, until it is handed over.
 *
 * @category Checks
 */
export const leaderStillLeads = (
  x: IntegrationContext,
  c: Pick<IntegrationCommand, 'street'>,
  team: Team,
): E.Either<DomainError, void> => {
  const unfit = unfitToLead(x, c, team.leader)
  return refuseBy(
    integrationRules.teamLedByMember,
    unfit !== null,
    () => `The leader of team ${team.id} no longer leads (${unfit ?? ''}): hand the team over`,
  )
}

/**
 * That the actor is the volunteer in person or the team's leader.
 *
 * @category Checks
 */
export const volunteerOrLeader = (
  c: Act,
  team: Team,
  volunteer: PersonId,
): E.Either<DomainError, void> =>
  refuseWhen(c.actor !== volunteer && c.actor !== team.leader, () =>
    forbidden(c.actor, c.type, [`${volunteer} in person`, `the leader of team ${team.id}`]),
  )

/**
 * {@link leaderStillLeads} when the actor acts as the team's leader for `volunteer`, not as the
 * volunteer in person (after {@link volunteerOrLeader}).
 *
 * @category Checks
 */
export const asLeaderFor = (
  x: IntegrationContext,
  c: Act,
  team: Team,
  volunteer: PersonId,
): E.Either<DomainError, void> =>
  c.actor === volunteer ? E.right(undefined) : leaderStillLeads(x, c, team)

/**
 * That `person` is a volunteer of the team (rule `not-in-team`).
 *
 * @category Checks
 */
export const inTeam = (team: Team, person: PersonId): E.Either<DomainError, void> =>
  refuseBy(
    integrationRules.volunteerOfTeam,
    !isVolunteerOf(team, person),
    () => `${person} is not a volunteer of team ${team.id}`,
  )

/**
 * The team a command names.
 *
 * @category Checks
 */
export const teamOf = (
  s: IntegrationState,
  c: { readonly team: TeamId },
): E.Either<DomainError, Team> => found(lookup(s.teams, c.team), 'team', c.team)

/**
 * The team a command names, taking new work: not disbanded (rule `team-disbanded`; the records a
 * disbanded team left are still reviewed, not stranded).
 *
 * @category Checks
 */
export const teamAtWork = (
  s: IntegrationState,
  c: { readonly team: TeamId },
): E.Either<DomainError, Team> =>
  pipe(
    teamOf(s, c),
    E.tap((team) =>
      refuseBy(
        integrationRules.teamInService,
        team.disbandedAt !== null,
        () => `Team ${team.id} was disbanded at ${team.disbandedAt ?? ''}`,
      ),
    ),
  )

// ---------------------------------------------------------------------------------------------
// Handlers

const formTeam: IntegrationHandler<'formTeam'> = (c, s, x) => {
  const registry = x.embedding.registry
  return pipe(
    refuseWhen(lookup(s.teams, c.team) !== undefined, () => alreadyExists('team', c.team)),
    E.flatMap(() => placeKnown(registry, c.place)),
    E.flatMap(() => registrarOver(registry, c, c.place)),
    E.flatMap(() => personKnown(registry, c.leader)),
    E.flatMap(() => ledByMember(x, c, c.leader)),
    E.map(() => [
      {
        type: 'teamFormed',
        ...stamp(c),
        team: c.team,
        name: c.name,
        kind: c.kind,
        place: c.place,
        leader: c.leader,
      },
    ]),
  )
}

const joinTeam: IntegrationHandler<'joinTeam'> = (c, s, x) => {
  const registry = x.embedding.registry
  return pipe(
    teamAtWork(s, c),
    E.tap((team) => volunteerOrLeader(c, team, c.volunteer)),
    E.tap((team) => asLeaderFor(x, c, team, c.volunteer)),
    E.tap(() => personKnown(registry, c.volunteer)),
    E.tap(() => residentOfStreet(registry, c, c.volunteer)),
    E.tap((team) =>
      refuseBy(
        integrationRules.joinsOnce,
        isVolunteerOf(team, c.volunteer),
        () => `${c.volunteer} is already in team ${team.id}`,
      ),
    ),
    E.tap((team) =>
      refuseBy(
        integrationRules.teamBound,
        team.volunteers.length >= MAX_VOLUNTEERS,
        () => `Team ${team.id} has ${MAX_VOLUNTEERS} volunteers already`,
      ),
    ),
    E.map((team) => [
      { type: 'volunteerJoined', ...stamp(c), team: team.id, volunteer: c.volunteer },
    ]),
  )
}

const leaveTeam: IntegrationHandler<'leaveTeam'> = (c, s, x) =>
  pipe(
    teamAtWork(s, c),
    E.tap((team) => volunteerOrLeader(c, team, c.volunteer)),
    E.tap((team) => asLeaderFor(x, c, team, c.volunteer)),
    E.tap((team) => inTeam(team, c.volunteer)),
    E.tap((team) =>
      refuseBy(
        integrationRules.leaderHandsOver,
        c.volunteer === team.leader,
        () => `${c.volunteer} leads team ${team.id}: hand the team over before leaving it`,
      ),
    ),
    E.map((team) => [
      { type: 'volunteerLeft', ...stamp(c), team: team.id, volunteer: c.volunteer },
    ]),
  )

const changeTeamLeader: IntegrationHandler<'changeTeamLeader'> = (c, s, x) =>
  pipe(
    teamAtWork(s, c),
    E.tap((team) => registrarOver(x.embedding.registry, c, team.place)),
    E.tap(() => ledByMember(x, c, c.leader)),
    E.tap((team) => inTeam(team, c.leader)),
    E.map((team) => [{ type: 'teamLeaderChanged', ...stamp(c), team: team.id, leader: c.leader }]),
  )

const disbandTeam: IntegrationHandler<'disbandTeam'> = (c, s, x) =>
  pipe(
    teamAtWork(s, c),
    E.tap((team) => registrarOver(x.embedding.registry, c, team.place)),
    E.map((team) => [{ type: 'teamDisbanded', ...stamp(c), team: team.id }]),
  )

/**
 * The teams' handlers: forming, joining, leaving, handing over and disbanding a team.
 *
 * @category Mechanism
 */
export const teamHandlers: IntegrationHandlers<
  'formTeam' | 'joinTeam' | 'leaveTeam' | 'changeTeamLeader' | 'disbandTeam'
> = { formTeam, joinTeam, leaveTeam, changeTeamLeader, disbandTeam }

// ---------------------------------------------------------------------------------------------
// Reducers

/**
 * The teams' recipes.
 *
 * @category Mechanism
 */
export const teamReducers: IntegrationReducers<
  'teamFormed' | 'volunteerJoined' | 'volunteerLeft' | 'teamLeaderChanged' | 'teamDisbanded'
> = {
  teamFormed: (draft, e) => {
    insert(draft.teams, e.team, {
      id: e.team,
      name: e.name,
      kind: e.kind,
      place: { ...e.place },
      leader: e.leader,
      // The leader is the team's first volunteer.
      volunteers: [e.leader],
      formedAt: e.at,
      disbandedAt: null,
    })
  },
  volunteerJoined: (draft, e) => {
    draftOf(draft.teams, e.team)?.volunteers.push(e.volunteer)
  },
  volunteerLeft: (draft, e) => {
    const team = draftOf(draft.teams, e.team)
    if (team !== undefined) team.volunteers = team.volunteers.filter((v) => v !== e.volunteer)
  },
  teamLeaderChanged: (draft, e) => {
    const team = draftOf(draft.teams, e.team)
    if (team !== undefined) team.leader = e.leader
  },
  teamDisbanded: (draft, e) => {
    const team = draftOf(draft.teams, e.team)
    if (team !== undefined) team.disbandedAt = e.at
  },
}
