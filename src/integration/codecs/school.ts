/**
 * The codecs of resource integration 资源整合 (seed 000 §三.3): the integration school 融合学堂,
 * its teachers, courses, enrolments and classes; their commands and events.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  ClassId,
  CourseId,
  Instant,
  OrganisationId,
  PersonId,
  SchoolId,
  StreetId,
  command,
  event,
  integer,
  list,
  oneOf,
  orNull,
  struct,
} from '../../core/index.js'
import { Name } from '../../community/index.js'
import { enrolmentMachine } from '../machine.js'
import { VehiclePlace } from './place.js'

/**
 * The course modules of the integration school (seed 000): public management and service 公共管理
 * 和公共服务, backbone capacity 社区骨干能力建设, organisation capacity 社区组织能力建设, early
 * childhood 儿童早教 and job skills 职业技能.
 *
 * @category State
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
/** A course module of the integration school. @category State */
export type CourseModule = t.TypeOf<typeof CourseModule>

/**
 * Where a teacher comes from: government 政府, a firm 企业, a social organisation 社会组织 or a college 大中专院校.
 *
 * @category State
 */
export const TeacherSector = oneOf(
  ['government', 'firm', 'social-organisation', 'college'],
  'TeacherSector',
)
/** Where a teacher comes from. @category State */
export type TeacherSector = t.TypeOf<typeof TeacherSector>

/** A teacher engaged by the school, and where they come from. @category State */
export const Teacher = struct('Teacher', {
  person: PersonId,
  sector: TeacherSector,
  /** The body they come from, by name (a bureau, a firm, a college). */
  affiliation: Name,
  /** That body in the registry, when it is registered there. */
  organisation: orNull(OrganisationId),
  engagedAt: Instant,
})
/** A teacher engaged by the school. @category State */
export type Teacher = t.TypeOf<typeof Teacher>

/**
 * An integration school 融合学堂, led by a party organisation (S Street's: the migrant branch).
 *
 * @category State
 */
export const School = struct('School', {
  id: SchoolId,
  name: Name,
  place: VehiclePlace,
  ledBy: OrganisationId,
  teachers: list(Teacher, 200),
  openedAt: Instant,
})
/** An integration school. @category State */
export type School = t.TypeOf<typeof School>

/** A course of the school: its module, teachers, and the hours that complete it. @category State */
export const Course = struct('Course', {
  id: CourseId,
  school: SchoolId,
  module: CourseModule,
  title: Name,
  teachers: list(PersonId, 10),
  hoursToComplete: integer(1, 500),
  offeredAt: Instant,
})
/** A course of the school. @category State */
export type Course = t.TypeOf<typeof Course>

/** The lifecycle state of an enrolment (see {@link enrolmentMachine}). @category Lifecycle */
export const EnrolmentStatus = enrolmentMachine.stateCodec
/** The lifecycle state of an enrolment. @category Lifecycle */
export type EnrolmentStatus = t.TypeOf<typeof EnrolmentStatus>

/** A learner's enrolment in a course, with the minutes of class they attended. @category State */
export const Enrolment = struct('Enrolment', {
  course: CourseId,
  learner: PersonId,
  status: EnrolmentStatus,
  minutesAttended: integer(0, Number.MAX_SAFE_INTEGER),
  enrolledAt: Instant,
  endedAt: orNull(Instant),
})
/** A learner's enrolment in a course. @category State */
export type Enrolment = t.TypeOf<typeof Enrolment>

/** One class 课堂 of a course: its teacher, length and who attended. @category State */
export const ClassRecord = struct('ClassRecord', {
  id: ClassId,
  course: CourseId,
  teacher: PersonId,
  at: Instant,
  minutes: integer(15, 600),
  attended: list(PersonId, 500),
})
/** One class of a course. @category State */
export type ClassRecord = t.TypeOf<typeof ClassRecord>

const onSchool = { street: StreetId, school: SchoolId }

/** Opens an integration school led by a party organisation. @category Commands */
export const OpenSchool = command('openSchool', {
  ...onSchool,
  name: Name,
  place: VehiclePlace,
  ledBy: OrganisationId,
})
/**
 * Engages a teacher from government, a firm, a social organisation or a college.
 *
 * @category Commands
 */
export const EngageTeacher = command('engageTeacher', {
  ...onSchool,
  teacher: PersonId,
  sector: TeacherSector,
  affiliation: Name,
  organisation: orNull(OrganisationId),
})
/** Offers a course of a module, taught by engaged teachers. @category Commands */
export const OfferCourse = command('offerCourse', {
  ...onSchool,
  course: CourseId,
  module: CourseModule,
  title: Name,
  teachers: list(PersonId, 10),
  hoursToComplete: integer(1, 500),
})
/** Enrols a learner in a course. @category Commands */
export const EnrolLearner = command('enrolLearner', {
  ...onSchool,
  course: CourseId,
  learner: PersonId,
})
/** A teacher of the course records a class: its length and who attended. @category Commands */
export const HoldClass = command('holdClass', {
  ...onSchool,
  course: CourseId,
  class: ClassId,
  minutes: integer(15, 600),
  attended: list(PersonId, 500),
})
/**
 * Records that a learner completed a course (the hours to complete it attended).
 *
 * @category Commands
 */
export const CompleteCourse = command('completeCourse', {
  ...onSchool,
  course: CourseId,
  learner: PersonId,
})
/** A learner leaves a course before completing it. @category Commands */
export const WithdrawLearner = command('withdrawLearner', {
  ...onSchool,
  course: CourseId,
  learner: PersonId,
})
/** The school's commands, in their order in `IntegrationCommand`. @category Commands */
export const schoolCommands = [
  OpenSchool,
  EngageTeacher,
  OfferCourse,
  EnrolLearner,
  HoldClass,
  CompleteCourse,
  WithdrawLearner,
] as const

/** The school's events, in their order in `IntegrationEvent`. @category Events */
export const schoolEvents = [
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
] as const
