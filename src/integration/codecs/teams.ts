/**
 * The codecs of value integration's volunteer teams (价值整合: 志愿服务队 and 治安巡逻队, seed
 * 000 §三.4): teams and patrols, and the records of their service 志愿服务记录; their commands and
 * events.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  Instant,
  MovementId,
  PersonId,
  ServiceRecordId,
  StreetId,
  TeamId,
  command,
  event,
  integer,
  list,
  oneOf,
  orNull,
  struct,
} from '../../core/index.js'
import { Description, Name } from '../../community/index.js'
import { recordMachine } from '../machine.js'
import { VehiclePlace } from './place.js'

/** A volunteer service team 志愿服务队, or a security patrol 社会治安志愿巡逻队. @category State */
export const TeamKind = oneOf(['service', 'patrol'], 'TeamKind')
/** A kind of volunteer team. @category State */
export type TeamKind = t.TypeOf<typeof TeamKind>

/** A volunteer team or patrol, led by a party member (seed 000: 由来穗流动党员带头). @category State */
export const Team = struct('Team', {
  id: TeamId,
  name: Name,
  kind: TeamKind,
  place: VehiclePlace,
  leader: PersonId,
  volunteers: list(PersonId, 1000),
  formedAt: Instant,
  disbandedAt: orNull(Instant),
})
/** A volunteer team or patrol. @category State */
export type Team = t.TypeOf<typeof Team>

/** The lifecycle state of a service record (see {@link recordMachine}). @category Lifecycle */
export const RecordStatus = recordMachine.stateCodec
/** The lifecycle state of a service record. @category Lifecycle */
export type RecordStatus = t.TypeOf<typeof RecordStatus>

/** A record of volunteer service 志愿服务记录: who served, doing what, for how long. @category State */
export const ServiceRecord = struct('ServiceRecord', {
  id: ServiceRecordId,
  team: TeamId,
  volunteer: PersonId,
  activity: Description,
  minutes: integer(1, 1440),
  servedOn: Instant,
  status: RecordStatus,
  recordedBy: PersonId,
  recordedAt: Instant,
  /** Who verified or rejected it, and why it was rejected. */
  reviewedBy: orNull(PersonId),
  rejection: orNull(Description),
  /** The movement that paid points for it, once rewarded. */
  rewardedBy: orNull(MovementId),
})
/** A record of volunteer service. @category State */
export type ServiceRecord = t.TypeOf<typeof ServiceRecord>

const onTeam = { street: StreetId, team: TeamId }

/** Forms a volunteer team or patrol, led by a party member. @category Commands */
export const FormTeam = command('formTeam', {
  ...onTeam,
  name: Name,
  kind: TeamKind,
  place: VehiclePlace,
  leader: PersonId,
})
/** A volunteer joins the team. @category Commands */
export const JoinTeam = command('joinTeam', { ...onTeam, volunteer: PersonId })
/** A volunteer leaves the team. @category Commands */
export const LeaveTeam = command('leaveTeam', { ...onTeam, volunteer: PersonId })
/** Hands the team to another leader (a party member). @category Commands */
export const ChangeTeamLeader = command('changeTeamLeader', { ...onTeam, leader: PersonId })
/** Disbands the team. @category Commands */
export const DisbandTeam = command('disbandTeam', { ...onTeam })
/** Records a volunteer's service with its length. @category Commands */
export const RecordService = command('recordService', {
  ...onTeam,
  record: ServiceRecordId,
  volunteer: PersonId,
  activity: Description,
  minutes: integer(1, 1440),
  servedOn: Instant,
})
/** The team's leader verifies a service record (never their own). @category Commands */
export const VerifyService = command('verifyService', { ...onTeam, record: ServiceRecordId })
/** The team's leader rejects a service record, with the reason. @category Commands */
export const RejectService = command('rejectService', {
  ...onTeam,
  record: ServiceRecordId,
  reason: Description,
})
/** The volunteer teams's commands, in their order in `IntegrationCommand`. @category Commands */
export const teamsCommands = [
  FormTeam,
  JoinTeam,
  LeaveTeam,
  ChangeTeamLeader,
  DisbandTeam,
  RecordService,
  VerifyService,
  RejectService,
] as const

/** The volunteer teams's events, in their order in `IntegrationEvent`. @category Events */
export const teamsEvents = [
  event('teamFormed', {
    team: TeamId,
    name: Name,
    kind: TeamKind,
    place: VehiclePlace,
    leader: PersonId,
  }),
  event('volunteerJoined', { team: TeamId, volunteer: PersonId }),
  event('volunteerLeft', { team: TeamId, volunteer: PersonId }),
  event('teamLeaderChanged', { team: TeamId, leader: PersonId }),
  event('teamDisbanded', { team: TeamId }),
  event('serviceRecorded', {
    team: TeamId,
    record: ServiceRecordId,
    volunteer: PersonId,
    activity: Description,
    minutes: integer(1, 1440),
    servedOn: Instant,
  }),
  event('serviceVerified', { record: ServiceRecordId }),
  event('serviceRejected', { record: ServiceRecordId, reason: Description }),
] as const
