/**
 * Integration (整合机制, seed 000 §三): the codecs of the four integrations' vehicles — the
 * co-governance council (management), the one-stop service station (service), the integration
 * school (resource), volunteer teams and the points bank (value) — and of every command and event,
 * declared by vehicle (`place`, `council`, `station`, `school`, `teams`, `bank`) and gathered here.
 * Every type is derived from these codecs.
 *
 * @module
 */
import type * as t from 'io-ts'
import { taggedUnion } from '../../core/index.js'
import { bankCommands, bankEvents } from './bank.js'
import { councilCommands, councilEvents } from './council.js'
import { schoolCommands, schoolEvents } from './school.js'
import { stationCommands, stationEvents } from './station.js'
import { teamsCommands, teamsEvents } from './teams.js'

export { VehiclePlace, Residency } from './place.js'
export { Council, ConstituteCouncil, AmendArticles } from './council.js'
export {
  Department,
  Eligibility,
  Restriction,
  Service,
  Station,
  RequestStatus,
  Request,
  Benefit,
  Arrangement,
  OpenStation,
  BringDepartment,
  PostStationStaff,
  EndStationPost,
  CatalogueService,
  WithdrawService,
  FileRequest,
  ServeRequest,
  ReferRequest,
  RefuseRequest,
  RecordArrangement,
  EndArrangement,
} from './station.js'
export {
  CourseModule,
  TeacherSector,
  Teacher,
  School,
  Course,
  EnrolmentStatus,
  Enrolment,
  ClassRecord,
  OpenSchool,
  EngageTeacher,
  OfferCourse,
  EnrolLearner,
  HoldClass,
  CompleteCourse,
  WithdrawLearner,
} from './school.js'
export {
  TeamKind,
  Team,
  RecordStatus,
  ServiceRecord,
  FormTeam,
  JoinTeam,
  LeaveTeam,
  ChangeTeamLeader,
  DisbandTeam,
  RecordService,
  VerifyService,
  RejectService,
} from './teams.js'
export {
  Bank,
  AccountKind,
  HolderAccountKind,
  Points,
  Account,
  MovementKind,
  Movement,
  OpenBank,
  OpenAccount,
  IssuePoints,
  RedeemPoints,
  DonatePoints,
} from './bank.js'

/** Every command of the integration mechanism. @category Commands */
export const IntegrationCommand = taggedUnion('IntegrationCommand', [
  ...councilCommands,
  ...stationCommands,
  ...schoolCommands,
  ...teamsCommands,
  ...bankCommands,
])
/** Every command of the integration mechanism. @category Commands */
export type IntegrationCommand = t.TypeOf<typeof IntegrationCommand>

/** Every event of the integration mechanism. @category Events */
export const IntegrationEvent = taggedUnion('IntegrationEvent', [
  ...councilEvents,
  ...stationEvents,
  ...schoolEvents,
  ...teamsEvents,
  ...bankEvents,
])
/** Every event of the integration mechanism. @category Events */
export type IntegrationEvent = t.TypeOf<typeof IntegrationEvent>
