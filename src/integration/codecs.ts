/**
 * Integration (整合机制, seed 000 §三): the codecs of the four integrations' vehicles — the
 * co-governance council (management), the one-stop service station (service), the integration
 * school (resource), volunteer teams and the points bank (value) — and of every command and event.
 * Every type is derived from these codecs.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  AccountId,
  ArrangementId,
  BankId,
  ClassId,
  CommunityId,
  CouncilId,
  CourseId,
  HallId,
  Instant,
  MovementId,
  OrganisationId,
  PersonId,
  RequestId,
  SchoolId,
  ServiceId,
  ServiceRecordId,
  StationId,
  StreetId,
  TeamId,
  command,
  discriminatedUnion,
  event,
  integer,
  list,
  oneOf,
  orNull,
  struct,
  taggedUnion,
} from '../core/index.js'
import { Description, Name, PartyRef } from '../community/index.js'
import { HallPlace } from '../deliberation/index.js'
import { enrolmentMachine, recordMachine, requestMachine } from './machine.js'

/**
 * Where a vehicle of integration sits: the street (S Street's station, school and teams are the
 * street's) or one of its communities.
 */
export const VehiclePlace = discriminatedUnion('VehiclePlace', 'level', [
  struct('street vehicle', { level: t.literal('street'), id: StreetId }),
  struct('community vehicle', { level: t.literal('community'), id: CommunityId }),
])
/** Where a vehicle of integration sits. */
export type VehiclePlace = t.TypeOf<typeof VehiclePlace>

/** Household registration as a service sees it: registered 户籍 or migrant 来穗/外来. */
export const Residency = oneOf(['registered', 'migrant'], 'Residency')
/** Household registration as a service sees it. */
export type Residency = t.TypeOf<typeof Residency>

// ---------------------------------------------------------------------------------------------
// Management integration: the co-governance council

/**
 * A co-governance council 共治议事会 of migrant and local representatives (management
 * integration 管理整合). Its meetings, roster, seats and balance rule are those of a deliberation
 * hall (`hall`); the council adds its written charter 章程 (articles on its organisation and
 * duties) and its council branch 议事会党支部, whose secretary chairs it.
 */
export const Council = struct('Council', {
  id: CouncilId,
  name: Name,
  hall: HallId,
  /** Where the hall sits (copied from it when the council was constituted). */
  place: HallPlace,
  branch: OrganisationId,
  /** The written charter 成文章程: its articles, in order. */
  articles: list(Description, 50),
  constitutedAt: Instant,
})
/** A co-governance council. */
export type Council = t.TypeOf<typeof Council>

// ---------------------------------------------------------------------------------------------
// Service integration: the one-stop station

/**
 * The departments a one-stop station brings under one roof (seed 000): public security 公安,
 * justice 司法, civil affairs 民政, human resources and social security 人社, health 卫计, culture
 * 文化, tax 税务, housing 住建, and others.
 */
export const Department = oneOf(
  [
    'police',
    'justice',
    'civil-affairs',
    'human-resources',
    'health',
    'culture',
    'tax',
    'housing',
    'other',
  ],
  'Department',
)
/** A department at a one-stop station. */
export type Department = t.TypeOf<typeof Department>

/** Who may use a service: registered residents, migrant residents, or both. */
export const Eligibility = struct('Eligibility', { registered: t.boolean, migrant: t.boolean })
/** Who may use a service. */
export type Eligibility = t.TypeOf<typeof Eligibility>

/**
 * The legal restriction 法定限制 that keeps a service from one kind of resident (e.g. a benefit
 * tied to household registration by law), with its basis.
 */
export const Restriction = struct('Restriction', { basis: Description })
/** A legal restriction on a service. */
export type Restriction = t.TypeOf<typeof Restriction>

/** A service in a station's catalogue 服务目录: the department that provides it and who is eligible. */
export const Service = struct('Service', {
  id: ServiceId,
  name: Name,
  department: Department,
  eligibility: Eligibility,
  /** Why the service is closed to some residents; null when open to all it should be. */
  restriction: orNull(Restriction),
  cataloguedAt: Instant,
  withdrawnAt: orNull(Instant),
})
/** A service in a station's catalogue. */
export type Service = t.TypeOf<typeof Service>

/** A one-stop service station 一站式服务站 (the "workstation" of the five ones). */
export const Station = struct('Station', {
  id: StationId,
  name: Name,
  place: VehiclePlace,
  departments: list(Department, 20),
  staff: list(PersonId, 100),
  services: list(Service, 200),
  openedAt: Instant,
})
/** A one-stop service station. */
export type Station = t.TypeOf<typeof Station>

/** The lifecycle state of a request (see {@link requestMachine}). */
export const RequestStatus = requestMachine.stateCodec
/** The lifecycle state of a request. */
export type RequestStatus = t.TypeOf<typeof RequestStatus>

/** A resident's request for a service 办事申请, and its outcome. */
export const Request = struct('Request', {
  id: RequestId,
  station: StationId,
  service: ServiceId,
  resident: PersonId,
  /** The resident's household registration when the request was filed. */
  residency: Residency,
  status: RequestStatus,
  filedBy: PersonId,
  filedAt: Instant,
  /** What came of it: the note of the service, referral or refusal. */
  outcome: orNull(
    struct('request outcome', {
      at: Instant,
      by: PersonId,
      note: Description,
      referredTo: orNull(Name),
    }),
  ),
})
/** A resident's request for a service. */
export type Request = t.TypeOf<typeof Request>

/**
 * What a cross-region arrangement covers: medical insurance (e.g. Honghu's rural cooperative
 * insurance reimbursed at Guangzhou hospitals 异地就医报销), social security, schooling, elections,
 * or another benefit.
 */
export const Benefit = oneOf(
  ['medical-insurance', 'social-security', 'schooling', 'elections', 'other'],
  'Benefit',
)
/** What a cross-region arrangement covers. */
export type Benefit = t.TypeOf<typeof Benefit>

/**
 * A cross-region arrangement 跨地区协作 between the street and a migrants' home place (seed 000:
 * S Street and Honghu city put two Guangzhou hospitals on Honghu's insurance list).
 */
export const Arrangement = struct('Arrangement', {
  id: ArrangementId,
  /** The home place, as migrants' household origin names it (e.g. `Honghu, Hubei`). */
  home: Name,
  benefit: Benefit,
  subject: Description,
  /** Who carries it out locally (hospitals, offices). */
  partners: list(Name, 20),
  recordedAt: Instant,
  endedAt: orNull(Instant),
})
/** A cross-region arrangement. */
export type Arrangement = t.TypeOf<typeof Arrangement>

// ---------------------------------------------------------------------------------------------
// Resource integration: the integration school

/**
 * The course modules of the integration school (seed 000): public management and service 公共管理
 * 和公共服务, backbone capacity 社区骨干能力建设, organisation capacity 社区组织能力建设, early
 * childhood 儿童早教 and job skills 职业技能.
 */
export const CourseModule = oneOf(
  [
    'public-management',
    'backbone-capacity',
    'organisation-capacity',
    'early-childhood',
    'job-skills',
  ],
  'CourseModule',
)
/** A course module of the integration school. */
export type CourseModule = t.TypeOf<typeof CourseModule>

/** Where a teacher comes from: government 政府, a firm 企业, a social organisation 社会组织 or a college 大中专院校. */
export const TeacherSector = oneOf(
  ['government', 'firm', 'social-organisation', 'college'],
  'TeacherSector',
)
/** Where a teacher comes from. */
export type TeacherSector = t.TypeOf<typeof TeacherSector>

/** A teacher engaged by the school, and where they come from. */
export const Teacher = struct('Teacher', {
  person: PersonId,
  sector: TeacherSector,
  /** The body they come from, by name (a bureau, a firm, a college). */
  affiliation: Name,
  /** That body in the registry, when it is registered there. */
  organisation: orNull(OrganisationId),
  engagedAt: Instant,
})
/** A teacher engaged by the school. */
export type Teacher = t.TypeOf<typeof Teacher>

/** An integration school 融合学堂, led by a party organisation (S Street's: the migrant branch). */
export const School = struct('School', {
  id: SchoolId,
  name: Name,
  place: VehiclePlace,
  ledBy: OrganisationId,
  teachers: list(Teacher, 200),
  openedAt: Instant,
})
/** An integration school. */
export type School = t.TypeOf<typeof School>

/** A course of the school: its module, teachers, and the hours that complete it. */
export const Course = struct('Course', {
  id: CourseId,
  school: SchoolId,
  module: CourseModule,
  title: Name,
  teachers: list(PersonId, 10),
  hoursToComplete: integer(1, 500),
  offeredAt: Instant,
})
/** A course of the school. */
export type Course = t.TypeOf<typeof Course>

/** The lifecycle state of an enrolment (see {@link enrolmentMachine}). */
export const EnrolmentStatus = enrolmentMachine.stateCodec
/** The lifecycle state of an enrolment. */
export type EnrolmentStatus = t.TypeOf<typeof EnrolmentStatus>

/** A learner's enrolment in a course, with the minutes of class they attended. */
export const Enrolment = struct('Enrolment', {
  course: CourseId,
  learner: PersonId,
  status: EnrolmentStatus,
  minutesAttended: integer(0, Number.MAX_SAFE_INTEGER),
  enrolledAt: Instant,
  endedAt: orNull(Instant),
})
/** A learner's enrolment in a course. */
export type Enrolment = t.TypeOf<typeof Enrolment>

/** One class 课堂 of a course: its teacher, length and who attended. */
export const ClassRecord = struct('ClassRecord', {
  id: ClassId,
  course: CourseId,
  teacher: PersonId,
  at: Instant,
  minutes: integer(15, 600),
  attended: list(PersonId, 500),
})
/** One class of a course. */
export type ClassRecord = t.TypeOf<typeof ClassRecord>

// ---------------------------------------------------------------------------------------------
// Value integration: volunteer teams and the points bank

/** A volunteer service team 志愿服务队, or a security patrol 社会治安志愿巡逻队. */
export const TeamKind = oneOf(['service', 'patrol'], 'TeamKind')
/** A kind of volunteer team. */
export type TeamKind = t.TypeOf<typeof TeamKind>

/** A volunteer team or patrol, led by a party member (seed 000: 由来穗流动党员带头). */
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
/** A volunteer team or patrol. */
export type Team = t.TypeOf<typeof Team>

/** The lifecycle state of a service record (see {@link recordMachine}). */
export const RecordStatus = recordMachine.stateCodec
/** The lifecycle state of a service record. */
export type RecordStatus = t.TypeOf<typeof RecordStatus>

/** A record of volunteer service 志愿服务记录: who served, doing what, for how long. */
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
/** A record of volunteer service. */
export type ServiceRecord = t.TypeOf<typeof ServiceRecord>

/**
 * A volunteer points bank 公益银行 (seed 002): run by an operator organisation (J community's by
 * the community party committee with a social-work centre), paying `pointsPerHour` for verified
 * service. `issuance` is its issuance account, the one account from which points come into being.
 */
export const Bank = struct('Bank', {
  id: BankId,
  name: Name,
  place: VehiclePlace,
  operator: OrganisationId,
  pointsPerHour: integer(1, 100),
  issuance: AccountId,
  openedAt: Instant,
})
/** A volunteer points bank. */
export type Bank = t.TypeOf<typeof Bank>

/**
 * The kinds of account of a points bank: the bank's issuance account 发行账户 (debit-normal: its
 * balance is the points issued), a volunteer's 志愿者, a family in need's 困难家庭 (receives
 * donations, redeems them), and a provider's of living services 生活服务商 (receives redemptions).
 */
export const AccountKind = oneOf(['issuance', 'volunteer', 'family', 'provider'], 'AccountKind')
/** A kind of account. */
export type AccountKind = t.TypeOf<typeof AccountKind>

/** The account kinds a bank's operator opens for holders (the issuance account comes with the bank). */
export const HolderAccountKind = oneOf(['volunteer', 'family', 'provider'], 'HolderAccountKind')
/** An account kind the operator opens. */
export type HolderAccountKind = t.TypeOf<typeof HolderAccountKind>

/** Points: a whole number from 1 to 1,000,000 per movement. */
export const Points = integer(1, 1_000_000)

/**
 * An account of a points bank 积分账户. `balance` is its normal balance, never negative: for the
 * issuance account the points issued, for every other the points it holds. It is derived from the
 * movements and kept with the account so that a movement is checked without a scan.
 */
export const Account = struct('Account', {
  id: AccountId,
  bank: BankId,
  kind: AccountKind,
  /** Who holds it; null for the issuance account (the bank's own). */
  holder: orNull(PartyRef),
  name: Name,
  balance: integer(0, Number.MAX_SAFE_INTEGER),
  openedAt: Instant,
})
/** An account of a points bank. */
export type Account = t.TypeOf<typeof Account>

/**
 * What a movement is: an issuance 发行 for verified service, a redemption 兑换 for a living
 * service, or a donation 捐赠 to a family in need.
 */
export const MovementKind = oneOf(['issue', 'redeem', 'donate'], 'MovementKind')
/** What a movement is. */
export type MovementKind = t.TypeOf<typeof MovementKind>

/**
 * A movement of points 积分流水: it debits one account and credits another with the same points
 * (double entry). Movements are never edited; balances are their sum.
 */
export const Movement = struct('Movement', {
  id: MovementId,
  bank: BankId,
  kind: MovementKind,
  debit: AccountId,
  credit: AccountId,
  points: Points,
  memo: Description,
  /** For an issuance: the service record it pays. */
  record: orNull(ServiceRecordId),
  at: Instant,
  actor: PersonId,
})
/** A movement of points. */
export type Movement = t.TypeOf<typeof Movement>

// ---------------------------------------------------------------------------------------------
// Commands

const onStreet = { street: StreetId }
const onStation = { street: StreetId, station: StationId }
const onSchool = { street: StreetId, school: SchoolId }
const onTeam = { street: StreetId, team: TeamId }
const onBank = { street: StreetId, bank: BankId }

/** Constitutes a council on a hall whose chair is the secretary of the council's branch. */
export const ConstituteCouncil = command('constituteCouncil', {
  ...onStreet,
  council: CouncilId,
  name: Name,
  hall: HallId,
  branch: OrganisationId,
  articles: list(Description, 50),
})
/** The council branch's secretary rewrites the council's written charter. */
export const AmendArticles = command('amendArticles', {
  ...onStreet,
  council: CouncilId,
  articles: list(Description, 50),
})

/** Opens a one-stop station with its departments and staff. */
export const OpenStation = command('openStation', {
  ...onStation,
  name: Name,
  place: VehiclePlace,
  departments: list(Department, 20),
  staff: list(PersonId, 100),
})
/** Brings one more department under the station's roof. */
export const BringDepartment = command('bringDepartment', { ...onStation, department: Department })
/** Posts a person to the station's staff. */
export const PostStationStaff = command('postStationStaff', { ...onStation, person: PersonId })
/** Ends a staff member's post at the station. */
export const EndStationPost = command('endStationPost', { ...onStation, person: PersonId })
/** Adds a service to the station's catalogue (equal access unless a legal restriction is recorded). */
export const CatalogueService = command('catalogueService', {
  ...onStation,
  service: ServiceId,
  name: Name,
  department: Department,
  eligibility: Eligibility,
  restriction: orNull(Restriction),
})
/** Takes a service out of the catalogue (its requests keep their outcomes). */
export const WithdrawService = command('withdrawService', { ...onStation, service: ServiceId })
/** A resident (or the staff for them) files a request for a service. */
export const FileRequest = command('fileRequest', {
  ...onStation,
  request: RequestId,
  service: ServiceId,
  resident: PersonId,
})
/** The staff record that a request was served. */
export const ServeRequest = command('serveRequest', {
  ...onStation,
  request: RequestId,
  note: Description,
})
/** The staff refer a request to another office. */
export const ReferRequest = command('referRequest', {
  ...onStation,
  request: RequestId,
  to: Name,
  note: Description,
})
/** The staff refuse a request, with the reason. */
export const RefuseRequest = command('refuseRequest', {
  ...onStation,
  request: RequestId,
  reason: Description,
})
/** Records a cross-region arrangement between the street and a migrants' home place. */
export const RecordArrangement = command('recordArrangement', {
  ...onStreet,
  arrangement: ArrangementId,
  home: Name,
  benefit: Benefit,
  subject: Description,
  partners: list(Name, 20),
})
/** Ends a cross-region arrangement. */
export const EndArrangement = command('endArrangement', {
  ...onStreet,
  arrangement: ArrangementId,
})

/** Opens an integration school led by a party organisation. */
export const OpenSchool = command('openSchool', {
  ...onSchool,
  name: Name,
  place: VehiclePlace,
  ledBy: OrganisationId,
})
/** Engages a teacher from government, a firm, a social organisation or a college. */
export const EngageTeacher = command('engageTeacher', {
  ...onSchool,
  teacher: PersonId,
  sector: TeacherSector,
  affiliation: Name,
  organisation: orNull(OrganisationId),
})
/** Offers a course of a module, taught by engaged teachers. */
export const OfferCourse = command('offerCourse', {
  ...onSchool,
  course: CourseId,
  module: CourseModule,
  title: Name,
  teachers: list(PersonId, 10),
  hoursToComplete: integer(1, 500),
})
/** Enrols a learner in a course. */
export const EnrolLearner = command('enrolLearner', {
  ...onSchool,
  course: CourseId,
  learner: PersonId,
})
/** A teacher of the course records a class: its length and who attended. */
export const HoldClass = command('holdClass', {
  ...onSchool,
  course: CourseId,
  class: ClassId,
  minutes: integer(15, 600),
  attended: list(PersonId, 500),
})
/** Records that a learner completed a course (the hours to complete it attended). */
export const CompleteCourse = command('completeCourse', {
  ...onSchool,
  course: CourseId,
  learner: PersonId,
})
/** A learner leaves a course before completing it. */
export const WithdrawLearner = command('withdrawLearner', {
  ...onSchool,
  course: CourseId,
  learner: PersonId,
})

/** Forms a volunteer team or patrol, led by a party member. */
export const FormTeam = command('formTeam', {
  ...onTeam,
  name: Name,
  kind: TeamKind,
  place: VehiclePlace,
  leader: PersonId,
})
/** A volunteer joins the team. */
export const JoinTeam = command('joinTeam', { ...onTeam, volunteer: PersonId })
/** A volunteer leaves the team. */
export const LeaveTeam = command('leaveTeam', { ...onTeam, volunteer: PersonId })
/** Hands the team to another leader (a party member). */
export const ChangeTeamLeader = command('changeTeamLeader', { ...onTeam, leader: PersonId })
/** Disbands the team. */
export const DisbandTeam = command('disbandTeam', { ...onTeam })
/** Records a volunteer's service with its length. */
export const RecordService = command('recordService', {
  ...onTeam,
  record: ServiceRecordId,
  volunteer: PersonId,
  activity: Description,
  minutes: integer(1, 1440),
  servedOn: Instant,
})
/** The team's leader verifies a service record (never their own). */
export const VerifyService = command('verifyService', { ...onTeam, record: ServiceRecordId })
/** The team's leader rejects a service record, with the reason. */
export const RejectService = command('rejectService', {
  ...onTeam,
  record: ServiceRecordId,
  reason: Description,
})

/** Opens a points bank with its operator, rate and issuance account. */
export const OpenBank = command('openBank', {
  ...onBank,
  name: Name,
  place: VehiclePlace,
  operator: OrganisationId,
  pointsPerHour: integer(1, 100),
  issuanceAccount: AccountId,
})
/** The bank's operator opens an account for a volunteer, a family in need or a provider. */
export const OpenAccount = command('openAccount', {
  ...onBank,
  account: AccountId,
  kind: HolderAccountKind,
  holder: PartyRef,
  name: Name,
})
/** The operator issues points for a verified service record, at the bank's rate. */
export const IssuePoints = command('issuePoints', {
  ...onBank,
  movement: MovementId,
  account: AccountId,
  team: TeamId,
  record: ServiceRecordId,
})
/** A holder redeems points for a living service from a provider. */
export const RedeemPoints = command('redeemPoints', {
  ...onBank,
  movement: MovementId,
  from: AccountId,
  provider: AccountId,
  points: Points,
  service: Description,
})
/** A volunteer donates points to a family in need. */
export const DonatePoints = command('donatePoints', {
  ...onBank,
  movement: MovementId,
  from: AccountId,
  to: AccountId,
  points: Points,
  memo: Description,
})

/** Every command of the integration mechanism. */
export const IntegrationCommand = taggedUnion('IntegrationCommand', [
  ConstituteCouncil,
  AmendArticles,
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
  OpenSchool,
  EngageTeacher,
  OfferCourse,
  EnrolLearner,
  HoldClass,
  CompleteCourse,
  WithdrawLearner,
  FormTeam,
  JoinTeam,
  LeaveTeam,
  ChangeTeamLeader,
  DisbandTeam,
  RecordService,
  VerifyService,
  RejectService,
  OpenBank,
  OpenAccount,
  IssuePoints,
  RedeemPoints,
  DonatePoints,
])
/** Every command of the integration mechanism. */
export type IntegrationCommand = t.TypeOf<typeof IntegrationCommand>

// ---------------------------------------------------------------------------------------------
// Events

/** The two legs of a movement: the account debited, the account credited, and the points. */
const legs = {
  movement: MovementId,
  bank: BankId,
  debit: AccountId,
  credit: AccountId,
  points: Points,
}

/** Every event of the integration mechanism. */
export const IntegrationEvent = taggedUnion('IntegrationEvent', [
  event('councilConstituted', {
    council: CouncilId,
    name: Name,
    hall: HallId,
    place: HallPlace,
    branch: OrganisationId,
    articles: list(Description, 50),
  }),
  event('articlesAmended', { council: CouncilId, articles: list(Description, 50) }),
  event('stationOpened', {
    station: StationId,
    name: Name,
    place: VehiclePlace,
    departments: list(Department, 20),
    staff: list(PersonId, 100),
  }),
  event('departmentBrought', { station: StationId, department: Department }),
  event('stationStaffPosted', { station: StationId, person: PersonId }),
  event('stationPostEnded', { station: StationId, person: PersonId }),
  event('serviceCatalogued', {
    station: StationId,
    service: ServiceId,
    name: Name,
    department: Department,
    eligibility: Eligibility,
    restriction: orNull(Restriction),
  }),
  event('serviceWithdrawn', { station: StationId, service: ServiceId }),
  event('requestFiled', {
    station: StationId,
    request: RequestId,
    service: ServiceId,
    resident: PersonId,
    residency: Residency,
  }),
  event('requestServed', { request: RequestId, note: Description }),
  event('requestReferred', { request: RequestId, to: Name, note: Description }),
  event('requestRefused', { request: RequestId, reason: Description }),
  event('arrangementRecorded', {
    arrangement: ArrangementId,
    home: Name,
    benefit: Benefit,
    subject: Description,
    partners: list(Name, 20),
  }),
  event('arrangementEnded', { arrangement: ArrangementId }),
  event('schoolOpened', {
    school: SchoolId,
    name: Name,
    place: VehiclePlace,
    ledBy: OrganisationId,
  }),
  event('teacherEngaged', {
    school: SchoolId,
    teacher: PersonId,
    sector: TeacherSector,
    affiliation: Name,
    organisation: orNull(OrganisationId),
  }),
  event('courseOffered', {
    school: SchoolId,
    course: CourseId,
    module: CourseModule,
    title: Name,
    teachers: list(PersonId, 10),
    hoursToComplete: integer(1, 500),
  }),
  event('learnerEnrolled', { course: CourseId, learner: PersonId }),
  event('classHeld', {
    course: CourseId,
    class: ClassId,
    minutes: integer(15, 600),
    attended: list(PersonId, 500),
  }),
  event('courseCompleted', { course: CourseId, learner: PersonId }),
  event('learnerWithdrawn', { course: CourseId, learner: PersonId }),
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
  event('bankOpened', {
    bank: BankId,
    name: Name,
    place: VehiclePlace,
    operator: OrganisationId,
    pointsPerHour: integer(1, 100),
    issuanceAccount: AccountId,
  }),
  event('accountOpened', {
    bank: BankId,
    account: AccountId,
    kind: HolderAccountKind,
    holder: PartyRef,
    name: Name,
  }),
  event('pointsIssued', { ...legs, record: ServiceRecordId, memo: Description }),
  event('pointsRedeemed', { ...legs, memo: Description }),
  event('pointsDonated', { ...legs, memo: Description }),
])
/** Every event of the integration mechanism. */
export type IntegrationEvent = t.TypeOf<typeof IntegrationEvent>
