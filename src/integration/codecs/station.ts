/**
 * The codecs of service integration 服务整合 (seed 000 §三.2): the one-stop service station
 * 一站式服务站 with its departments, staff and catalogue 服务目录, residents' requests 办事申请, and
 * cross-region arrangements 跨地区协作; their commands and events.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  ArrangementId,
  Instant,
  PersonId,
  RequestId,
  ServiceId,
  StationId,
  StreetId,
  command,
  event,
  list,
  oneOf,
  orNull,
  struct,
} from '../../core/index.js'
import { Description, Name } from '../../community/index.js'
import { requestMachine } from '../machine.js'
import { Residency, VehiclePlace, onStreet } from './place.js'

/**
 * The departments a one-stop station brings under one roof (seed 000): public security 公安,
 * justice 司法, civil affairs 民政, human resources and social security 人社, health 卫计, culture
 * 文化, tax 税务, housing 住建, and others.
 *
 * @category State
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
/** A department at a one-stop station. @category State */
export type Department = t.TypeOf<typeof Department>

/** Who may use a service: registered residents, migrant residents, or both. @category State */
export const Eligibility = struct('Eligibility', { registered: t.boolean, migrant: t.boolean })
/** Who may use a service. @category State */
export type Eligibility = t.TypeOf<typeof Eligibility>

/**
 * The legal restriction 法定限制 that keeps a service from one kind of resident (e.g. a benefit
 * tied to household registration by law), with its basis.
 *
 * @category State
 */
export const Restriction = struct('Restriction', { basis: Description })
/** A legal restriction on a service. @category State */
export type Restriction = t.TypeOf<typeof Restriction>

/**
 * A service in a station's catalogue 服务目录: the department that provides it and who is eligible.
 *
 * @category State
 */
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
/** A service in a station's catalogue. @category State */
export type Service = t.TypeOf<typeof Service>

/** A one-stop service station 一站式服务站 (the "workstation" of the five ones). @category State */
export const Station = struct('Station', {
  id: StationId,
  name: Name,
  place: VehiclePlace,
  departments: list(Department, 20),
  staff: list(PersonId, 100),
  services: list(Service, 200),
  openedAt: Instant,
})
/** A one-stop service station. @category State */
export type Station = t.TypeOf<typeof Station>

/** The lifecycle state of a request (see {@link requestMachine}). @category Lifecycle */
export const RequestStatus = requestMachine.stateCodec
/** The lifecycle state of a request. @category Lifecycle */
export type RequestStatus = t.TypeOf<typeof RequestStatus>

/** A resident's request for a service 办事申请, and its outcome. @category State */
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
/** A resident's request for a service. @category State */
export type Request = t.TypeOf<typeof Request>

/**
 * What a cross-region arrangement covers: medical insurance (e.g. Honghu's rural cooperative
 * insurance reimbursed at Guangzhou hospitals 异地就医报销), social security, schooling, elections,
 * or another benefit.
 *
 * @category State
 */
export const Benefit = oneOf(
  ['medical-insurance', 'social-security', 'schooling', 'elections', 'other'],
  'Benefit',
)
/** What a cross-region arrangement covers. @category State */
export type Benefit = t.TypeOf<typeof Benefit>

/**
 * A cross-region arrangement 跨地区协作 between the street and a migrants' home place (seed 000:
 * S Street and Honghu city put two Guangzhou hospitals on Honghu's insurance list).
 *
 * @category State
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
/** A cross-region arrangement. @category State */
export type Arrangement = t.TypeOf<typeof Arrangement>

const onStation = { street: StreetId, station: StationId }

/** Opens a one-stop station with its departments and staff. @category Commands */
export const OpenStation = command('openStation', {
  ...onStation,
  name: Name,
  place: VehiclePlace,
  departments: list(Department, 20),
  staff: list(PersonId, 100),
})
/** Brings one more department under the station's roof. @category Commands */
export const BringDepartment = command('bringDepartment', { ...onStation, department: Department })
/** Posts a person to the station's staff. @category Commands */
export const PostStationStaff = command('postStationStaff', { ...onStation, person: PersonId })
/** Ends a staff member's post at the station. @category Commands */
export const EndStationPost = command('endStationPost', { ...onStation, person: PersonId })
/**
 * Adds a service to the station's catalogue (equal access unless a legal restriction is recorded).
 *
 * @category Commands
 */
export const CatalogueService = command('catalogueService', {
  ...onStation,
  service: ServiceId,
  name: Name,
  department: Department,
  eligibility: Eligibility,
  restriction: orNull(Restriction),
})
/** Takes a service out of the catalogue (its requests keep their outcomes). @category Commands */
export const WithdrawService = command('withdrawService', { ...onStation, service: ServiceId })
/** A resident (or the staff for them) files a request for a service. @category Commands */
export const FileRequest = command('fileRequest', {
  ...onStation,
  request: RequestId,
  service: ServiceId,
  resident: PersonId,
})
/** The staff record that a request was served. @category Commands */
export const ServeRequest = command('serveRequest', {
  ...onStation,
  request: RequestId,
  note: Description,
})
/** The staff refer a request to another office. @category Commands */
export const ReferRequest = command('referRequest', {
  ...onStation,
  request: RequestId,
  to: Name,
  note: Description,
})
/** The staff refuse a request, with the reason. @category Commands */
export const RefuseRequest = command('refuseRequest', {
  ...onStation,
  request: RequestId,
  reason: Description,
})
/**
 * Records a cross-region arrangement between the street and a migrants' home place.
 *
 * @category Commands
 */
export const RecordArrangement = command('recordArrangement', {
  ...onStreet,
  arrangement: ArrangementId,
  home: Name,
  benefit: Benefit,
  subject: Description,
  partners: list(Name, 20),
})
/** Ends a cross-region arrangement. @category Commands */
export const EndArrangement = command('endArrangement', {
  ...onStreet,
  arrangement: ArrangementId,
})
/** The station's commands, in their order in `IntegrationCommand`. @category Commands */
export const stationCommands = [
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
] as const

/** The station's events, in their order in `IntegrationEvent`. @category Events */
export const stationEvents = [
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
] as const
