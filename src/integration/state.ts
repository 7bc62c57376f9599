/**
 * The state of a street's integration (one stream, `integration/<street>`): its councils,
 * stations, schools, teams and points banks, with what each records. Entity maps are
 * {@link Collection}s, so a street's thousands of requests, classes and movements cost an event
 * one bucket, not the whole map.
 *
 * @module
 */
import type {
  AccountId,
  ArrangementId,
  BankId,
  ClassId,
  Collection,
  CouncilId,
  CourseId,
  Instant,
  MovementId,
  RequestId,
  SchoolId,
  ServiceRecordId,
  StationId,
  TeamId,
} from '../core/index.js'
import type {
  Account,
  Arrangement,
  Bank,
  ClassRecord,
  Council,
  Course,
  Enrolment,
  Movement,
  Request,
  School,
  ServiceRecord,
  Station,
  Team,
} from './codecs/index.js'

/** A street's integration: plain, JSON-serialisable data. */
export interface IntegrationState {
  readonly councils: Collection<CouncilId, Council>
  readonly stations: Collection<StationId, Station>
  readonly requests: Collection<RequestId, Request>
  readonly arrangements: Collection<ArrangementId, Arrangement>
  readonly schools: Collection<SchoolId, School>
  readonly courses: Collection<CourseId, Course>
  /** Enrolments by {@link enrolmentKey} (course and learner). */
  readonly enrolments: Collection<string, Enrolment>
  readonly classes: Collection<ClassId, ClassRecord>
  readonly teams: Collection<TeamId, Team>
  readonly records: Collection<ServiceRecordId, ServiceRecord>
  readonly banks: Collection<BankId, Bank>
  readonly accounts: Collection<AccountId, Account>
  readonly movements: Collection<MovementId, Movement>
  /** When the stream's last event happened: a street's integration record runs forward. */
  readonly lastAt: Instant | null
}

/** A street's integration before any event. */
export const emptyIntegration: IntegrationState = {
  councils: {},
  stations: {},
  requests: {},
  arrangements: {},
  schools: {},
  courses: {},
  enrolments: {},
  classes: {},
  teams: {},
  records: {},
  banks: {},
  accounts: {},
  movements: {},
  lastAt: null,
}

/** The key of a learner's enrolment in a course. */
export const enrolmentKey = (course: CourseId, learner: string): string => `${course}|${learner}`
