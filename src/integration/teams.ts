/**
 * Value integration's volunteer teams (价值整合: 志愿服务队 and 治安巡逻队, seed 000 §三.4): teams
 * and security patrols led by migrant party members (由来穗流动党员带头), the volunteers who join
 * them, and the records of their service (志愿服务记录) that the team's leader verifies before the
 * points bank pays for them (see `bank.ts`).
 *
 * Rules (the `rule` of each {@link RuleViolation}), beside the record table's `IllegalTransition`s
 * (a record is verified or rejected once, from `recorded`):
 * - `team-led-by-member`: a team is formed, or handed over, under a leader who is not a party
 *   member embedded in the street (one who has reported to the community 报到) and living in it;
 *   or the team's leader acts as leader — enrols or lets go a volunteer, records service for one,
 *   verifies or rejects a record — when they no longer are one (they left the street or were
 *   transferred out): the team is handed over first.
 * - `team-disbanded`: a command on a team that has been disbanded (every one but verifying or
 *   rejecting the records it left, so that they are not stranded unreviewed).
 * - `not-a-resident`: a volunteer who joins, or whose service is recorded, does not live in the
 *   street.
 * - `already-in-team`: a volunteer joins a team they are in.
 * - `team-full`: a team already has 1,000 volunteers.
 * - `not-in-team`: a volunteer leaves, serves for, or is handed the lead of a team they are not in.
 * - `leader-leaves`: the leader leaves their own team (hand it over first).
 * - `service-in-future`: service is recorded as served after the command's time.
 * - `service-before-team`: service is recorded as served before the team was formed.
 * - `reviews-own-service`: the leader verifies or rejects a record of their own service, or one
 *   they recorded themselves (for a volunteer): nobody both records and verifies service.
 *
 * Authority: a registrar over the team's place forms the team, hands it to another leader and
 * disbands it; a volunteer joins, leaves and records service in person, or the team's leader does
 * it for them; only the team's leader verifies or rejects service records (of a disbanded team
 * too).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  compareInstants,
  draftOf,
  forbidden,
  insert,
  isBefore,
  lookup,
  notFound,
  refuseWhen,
  ruleViolation,
  valuesOf,
  type Check,
  type PersonId,
  type ServiceRecordId,
  type TeamId,
} from '../core/index.js'
import type { Team } from './codecs.js'
import { recordMachine } from './machine.js'
import type { IntegrationState } from './state.js'
import {
  streetOf,
  decideWith,
  isEmbeddedMember,
  livesInStreet,
  personKnown,
  placeKnown,
  registrarOver,
  residentOf,
  stamp,
  type Cmd,
  type Decision,
  type Evt,
  type IntegrationContext,
} from './shared.js'

/** The most volunteers a team holds (the `volunteers` list's bound in the codec). */
const MAX_VOLUNTEERS = 1000

type TeamCommand = Cmd<
  | 'formTeam'
  | 'joinTeam'
  | 'leaveTeam'
  | 'changeTeamLeader'
  | 'disbandTeam'
  | 'recordService'
  | 'verifyService'
  | 'rejectService'
>

/**
 * Why `person` is not fit to lead a team now, or null when they are: a party member embedded in
 * the street (reported to the community 报到, not transferred out) who lives in it.
 */
const unfitToLead = (x: IntegrationContext, c: TeamCommand, person: PersonId): string | null =>
  !isEmbeddedMember(x.embedding, person)
    ? `${person} is not a party member who has reported to the community`
    : !livesInStreet(x.embedding.registry, c, person)
      ? `${person} does not live in the street`
      : null

/** The check that `person` is an embedded party member living in the street, fit to lead a team. */
const ledByMember =
  (x: IntegrationContext, c: TeamCommand, person: PersonId): Check =>
  () => {
    const unfit = unfitToLead(x, c, person)
    return refuseWhen(unfit !== null, () => ruleViolation('team-led-by-member', unfit ?? ''))
  }

/**
 * The check that the team's leader still leads (rule `team-led-by-member`): a leader who has since
 * left the street or been transferred out acts for the team no longer, until it is handed over.
 */
const leaderStillLeads =
  (x: IntegrationContext, c: TeamCommand, team: Team): Check =>
  () => {
    const unfit = unfitToLead(x, c, team.leader)
    return refuseWhen(unfit !== null, () =>
      ruleViolation(
        'team-led-by-member',
        `The leader of team ${team.id} no longer leads (${unfit ?? ''}): hand the team over`,
      ),
    )
  }

/**
 * {@link leaderStillLeads} when the actor acts as the team's leader for `volunteer`, not as the
 * volunteer in person (run after {@link volunteerOrLeader}).
 */
const asLeaderFor =
  (x: IntegrationContext, c: TeamCommand, team: Team, volunteer: PersonId): Check =>
  () =>
    c.actor === volunteer ? E.right(undefined) : leaderStillLeads(x, c, team)()

/** The check that `person` is a volunteer of the team. */
const inTeam =
  (team: Team, person: PersonId): Check =>
  () =>
    refuseWhen(!team.volunteers.includes(person), () =>
      ruleViolation('not-in-team', `${person} is not a volunteer of team ${team.id}`),
    )

/** The check that the actor is the volunteer in person or the team's leader. */
const volunteerOrLeader =
  (c: TeamCommand, team: Team, volunteer: PersonId): Check =>
  () =>
    refuseWhen(c.actor !== volunteer && c.actor !== team.leader, () =>
      forbidden(c.actor, c.type, [`${volunteer} in person`, `the leader of team ${team.id}`]),
    )

/** The check that the actor is the team's leader. */
const leaderOnly =
  (c: TeamCommand, team: Team): Check =>
  () =>
    refuseWhen(c.actor !== team.leader, () =>
      forbidden(c.actor, c.type, [`the leader of team ${team.id}`]),
    )

// ---------------------------------------------------------------------------------------------

const formTeam = (c: Cmd<'formTeam'>, s: IntegrationState, x: IntegrationContext): Decision => {
  const registry = x.embedding.registry
  return decideWith(
    [
      () => refuseWhen(lookup(s.teams, c.team) !== undefined, () => alreadyExists('team', c.team)),
      placeKnown(registry, c.place),
      registrarOver(registry, c, c.place),
      personKnown(registry, c.leader),
      ledByMember(x, c, c.leader),
    ],
    () =>
      E.right([
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

const joinTeam = (c: Cmd<'joinTeam'>, team: Team, x: IntegrationContext): Decision => {
  const registry = x.embedding.registry
  return decideWith(
    [
      volunteerOrLeader(c, team, c.volunteer),
      asLeaderFor(x, c, team, c.volunteer),
      personKnown(registry, c.volunteer),
      residentOf(registry, c.volunteer, streetOf(c)),
      () =>
        refuseWhen(team.volunteers.includes(c.volunteer), () =>
          ruleViolation('already-in-team', `${c.volunteer} is already in team ${team.id}`),
        ),
      () =>
        refuseWhen(team.volunteers.length >= MAX_VOLUNTEERS, () =>
          ruleViolation('team-full', `Team ${team.id} has ${MAX_VOLUNTEERS} volunteers already`),
        ),
    ],
    () =>
      E.right([{ type: 'volunteerJoined', ...stamp(c), team: team.id, volunteer: c.volunteer }]),
  )
}

const leaveTeam = (c: Cmd<'leaveTeam'>, team: Team, x: IntegrationContext): Decision =>
  decideWith(
    [
      volunteerOrLeader(c, team, c.volunteer),
      asLeaderFor(x, c, team, c.volunteer),
      inTeam(team, c.volunteer),
      () =>
        refuseWhen(c.volunteer === team.leader, () =>
          ruleViolation(
            'leader-leaves',
            `${c.volunteer} leads team ${team.id}: hand the team over before leaving it`,
          ),
        ),
    ],
    () => E.right([{ type: 'volunteerLeft', ...stamp(c), team: team.id, volunteer: c.volunteer }]),
  )

const changeTeamLeader = (
  c: Cmd<'changeTeamLeader'>,
  team: Team,
  x: IntegrationContext,
): Decision =>
  decideWith(
    [
      registrarOver(x.embedding.registry, c, team.place),
      ledByMember(x, c, c.leader),
      inTeam(team, c.leader),
    ],
    () => E.right([{ type: 'teamLeaderChanged', ...stamp(c), team: team.id, leader: c.leader }]),
  )

const disbandTeam = (c: Cmd<'disbandTeam'>, team: Team, x: IntegrationContext): Decision =>
  decideWith([registrarOver(x.embedding.registry, c, team.place)], () =>
    E.right([{ type: 'teamDisbanded', ...stamp(c), team: team.id }]),
  )

const recordService = (
  c: Cmd<'recordService'>,
  s: IntegrationState,
  team: Team,
  x: IntegrationContext,
): Decision =>
  decideWith(
    [
      () =>
        refuseWhen(lookup(s.records, c.record) !== undefined, () =>
          alreadyExists('service record', c.record),
        ),
      volunteerOrLeader(c, team, c.volunteer),
      asLeaderFor(x, c, team, c.volunteer),
      inTeam(team, c.volunteer),
      residentOf(x.embedding.registry, c.volunteer, streetOf(c)),
      () =>
        refuseWhen(isBefore(c.at, c.servedOn), () =>
          ruleViolation(
            'service-in-future',
            `Service served on ${c.servedOn} cannot be recorded at ${c.at}`,
          ),
        ),
      () =>
        refuseWhen(isBefore(c.servedOn, team.formedAt), () =>
          ruleViolation(
            'service-before-team',
            `Service served on ${c.servedOn} is before team ${team.id} was formed (${team.formedAt})`,
          ),
        ),
    ],
    () =>
      E.right([
        {
          type: 'serviceRecorded',
          ...stamp(c),
          team: team.id,
          record: c.record,
          volunteer: c.volunteer,
          activity: c.activity,
          minutes: c.minutes,
          servedOn: c.servedOn,
        },
      ]),
  )

const reviewService = (
  c: Cmd<'verifyService'> | Cmd<'rejectService'>,
  s: IntegrationState,
  team: Team,
  x: IntegrationContext,
): Decision => {
  const record = lookup(s.records, c.record)
  // A record answers to its own team: another team's leader does not find it here.
  if (record === undefined || record.team !== team.id)
    return E.left(notFound('service record', `${c.record} of ${team.id}`))
  return decideWith(
    [
      leaderOnly(c, team),
      leaderStillLeads(x, c, team),
      // Nobody both records and verifies service: not for themselves, nor for a volunteer.
      () =>
        refuseWhen(record.volunteer === c.actor || record.recordedBy === c.actor, () =>
          ruleViolation(
            'reviews-own-service',
            record.volunteer === c.actor
              ? `${c.actor} cannot review their own service record ${record.id}`
              : `${c.actor} recorded ${record.id} and cannot review it too`,
          ),
        ),
      () => recordMachine.next(record.status, c.type),
    ],
    () =>
      E.right([
        c.type === 'verifyService'
          ? { type: 'serviceVerified', ...stamp(c), record: record.id }
          : { type: 'serviceRejected', ...stamp(c), record: record.id, reason: c.reason },
      ]),
  )
}

/**
 * Decides a command on volunteer teams and their service records (志愿服务队), with the street's
 * registry and embedding records as context.
 */
export const decideTeams = (
  c: TeamCommand,
  s: IntegrationState,
  x: IntegrationContext,
): Decision => {
  if (c.type === 'formTeam') return formTeam(c, s, x)
  const team = lookup(s.teams, c.team)
  if (team === undefined) return E.left(notFound('team', c.team))
  // A disbanded team takes no new work, but the records it left are still reviewed, not stranded.
  if (team.disbandedAt !== null && c.type !== 'verifyService' && c.type !== 'rejectService')
    return E.left(
      ruleViolation('team-disbanded', `Team ${team.id} was disbanded at ${team.disbandedAt}`),
    )
  switch (c.type) {
    case 'joinTeam':
      return joinTeam(c, team, x)
    case 'leaveTeam':
      return leaveTeam(c, team, x)
    case 'changeTeamLeader':
      return changeTeamLeader(c, team, x)
    case 'disbandTeam':
      return disbandTeam(c, team, x)
    case 'recordService':
      return recordService(c, s, team, x)
    case 'verifyService':
    case 'rejectService':
      return reviewService(c, s, team, x)
  }
}

// ---------------------------------------------------------------------------------------------
// The reducer

/**
 * Folds an event of the volunteer teams (志愿服务队) into the street's integration: an immer recipe
 * that trusts its events and never refuses one.
 */
export const applyTeamEvent = (
  draft: Draft<IntegrationState>,
  e: Evt<
    | 'teamFormed'
    | 'volunteerJoined'
    | 'volunteerLeft'
    | 'teamLeaderChanged'
    | 'teamDisbanded'
    | 'serviceRecorded'
    | 'serviceVerified'
    | 'serviceRejected'
  >,
): void => {
  switch (e.type) {
    case 'teamFormed':
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
      return
    case 'volunteerJoined':
      draftOf(draft.teams, e.team)?.volunteers.push(e.volunteer)
      return
    case 'volunteerLeft': {
      const team = draftOf(draft.teams, e.team)
      if (team !== undefined) team.volunteers = team.volunteers.filter((v) => v !== e.volunteer)
      return
    }
    case 'teamLeaderChanged': {
      const team = draftOf(draft.teams, e.team)
      if (team !== undefined) team.leader = e.leader
      return
    }
    case 'teamDisbanded': {
      const team = draftOf(draft.teams, e.team)
      if (team !== undefined) team.disbandedAt = e.at
      return
    }
    case 'serviceRecorded':
      insert(draft.records, e.record, {
        id: e.record,
        team: e.team,
        volunteer: e.volunteer,
        activity: e.activity,
        minutes: e.minutes,
        servedOn: e.servedOn,
        status: recordMachine.initial,
        recordedBy: e.actor,
        recordedAt: e.at,
        reviewedBy: null,
        rejection: null,
        rewardedBy: null,
      })
      return
    case 'serviceVerified': {
      const record = draftOf(draft.records, e.record)
      if (record === undefined) return
      record.status = 'verified'
      record.reviewedBy = e.actor
      return
    }
    case 'serviceRejected': {
      const record = draftOf(draft.records, e.record)
      if (record === undefined) return
      record.status = 'rejected'
      record.reviewedBy = e.actor
      record.rejection = e.reason
      return
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

/** One volunteer's recognised service (志愿服务时长): what {@link serviceHours} returns. */
export interface VolunteerHours {
  readonly volunteer: PersonId
  /** Minutes of verified service (verified or already rewarded records). */
  readonly minutes: number
  /** The same in hours (`minutes / 60`, not rounded). */
  readonly hours: number
  /** The verified records counted, in the order served (then by id). */
  readonly records: ReadonlyArray<ServiceRecordId>
}

/**
 * Volunteer service hours (志愿服务时长) per volunteer: the minutes of every verified or rewarded
 * record (recorded and rejected ones do not count), optionally of one team only. Most hours first,
 * then by volunteer id: the list recognition and commendation (表彰) read.
 *
 * @example
 * ```ts
 * import { serviceHours, TeamId, emptyIntegration } from 'governance-kit'
 * serviceHours(emptyIntegration, { team: TeamId.make('t-patrol') }) // []
 * // after two verified hours of patrol by m-2:
 * // [{ volunteer: 'm-2', minutes: 120, hours: 2, records: ['sr-1', 'sr-2'] }]
 * ```
 */
export const serviceHours = (
  state: IntegrationState,
  filter: { readonly team?: TeamId } = {},
): ReadonlyArray<VolunteerHours> => {
  const counted = valuesOf(state.records)
    .filter(
      (r) =>
        (r.status === 'verified' || r.status === 'rewarded') &&
        (filter.team === undefined || r.team === filter.team),
    )
    .sort((a, b) => compareInstants(a.servedOn, b.servedOn) || a.id.localeCompare(b.id))
  const byVolunteer = new Map<PersonId, { minutes: number; records: ServiceRecordId[] }>()
  for (const r of counted) {
    const entry = byVolunteer.get(r.volunteer) ?? { minutes: 0, records: [] }
    entry.minutes += r.minutes
    entry.records.push(r.id)
    byVolunteer.set(r.volunteer, entry)
  }
  return [...byVolunteer]
    .map(([volunteer, { minutes, records }]) => ({
      volunteer,
      minutes,
      hours: minutes / 60,
      records,
    }))
    .sort((a, b) => b.minutes - a.minutes || a.volunteer.localeCompare(b.volunteer))
}
