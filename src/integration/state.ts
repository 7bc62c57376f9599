/**
 * The state of a street's integration (one stream, `integration/<street>`): its councils,
 * stations, schools, teams and points banks, with what each records. Entity maps are
 * {@link Collection}s, so a street's thousands of requests, classes and movements cost an event
 * one bucket, not the whole map.
 *
 * @module
 */
import {
  isBefore,
  type AccountId,
  type ArrangementId,
  type BankId,
  type ClassId,
  type Collection,
  type CouncilId,
  type CourseId,
  type Instant,
  type MovementId,
  type RequestId,
  type SchoolId,
  type ServiceRecordId,
  type StationId,
  type TeamId,
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

/**
 * A street's integration: plain, JSON-serialisable data.
 *
 * @category State
 */
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

/**
 * A street's integration before any event.
 *
 * @category State
 */
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

/**
 * The key of a learner's enrolment in a course.
 *
 * @category State
 */
export const enrolmentKey = (course: CourseId, learner: string): string => `${course}|${learner}`

/**
 * Whether the street's integration takes a command dated `at`: its record runs forward, so
 * nothing is dated before its last event (rule `earlier-than-last-event`).
 *
 * @category Checks
 */
export const runsForwardAt = (s: IntegrationState, at: Instant): boolean =>
  s.lastAt === null || !isBefore(at, s.lastAt)
