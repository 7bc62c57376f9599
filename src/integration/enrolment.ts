/**
 * Learners at the integration school 融合学堂 (resource integration, seed 000 §三.3): their
 * enrolment in a course, the classes 课堂 a teacher of the course records with who attended, and
 * completion 结业 once the hours to complete the course are attended — the hours that feed
 * capacity building 能力建设 — along the enrolment table.
 *
 * Rules (see {@link integrationRules}), beside the enrolment table's `IllegalTransition`s and its
 * guard `hours-attended`: `school-led-by-party` (see `school.ts`), `not-a-resident` (a learner
 * who has left the street attends no class here; completing or withdrawing their enrolment stays
 * open), `teacher-learns`, `already-enrolled`, `class-overlap`, `not-enrolled`, `attended-twice`,
 * `completes-own`.
 *
 * Authority: the school's heads enrol, complete and withdraw learners; a learner enrols and
 * withdraws in person too. Only a teacher of the course holds its classes; a teacher of the course
 * also records completion, but nobody records their own. Every command names a course of the
 * school it names.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  compareInstants,
  draftOf,
  forbidden,
  found,
  insert,
  instantToMillis,
  lookup,
  refuseBy,
  refuseWhen,
  stamp,
  valuesOf,
  type CourseId,
  type DomainError,
  type OfType,
  type PersonId,
  type SchoolId,
} from '../core/index.js'
import type { RegistryState } from '../community/index.js'
import type { ClassRecord, Course, Enrolment, IntegrationEvent, School } from './codecs/index.js'
import { enrolmentMachine } from './machine.js'
import type { IntegrationHandler, IntegrationHandlers, IntegrationReducers } from './mechanism.js'
import { integrationRules } from './rules.js'
import { headOr, schoolInService } from './school.js'
import { enrolmentKey, type IntegrationState } from './state.js'
import { firstRepeat, livesInStreet, personKnown, residentOfStreet } from './street.js'

/**
 * Whether `person` teaches `course` (a teacher holds its classes, and never learns it).
 *
 * @category Checks
 */
export const teaches = (course: Course, person: PersonId): boolean =>
  course.teachers.includes(person)

const teacherOf = (course: Course) => `a teacher of ${course.id}`

/**
 * The school and the course a command names: the school while it runs (see `schoolInService`),
 * and a course of it (a course answers to its own school, never to another one named by the
 * command).
 */
const courseOfSchool = (
  s: IntegrationState,
  r: RegistryState,
  c: { readonly school: SchoolId; readonly course: CourseId },
): E.Either<DomainError, { readonly school: School; readonly course: Course }> =>
  pipe(
    schoolInService(s, r, c),
    E.bindTo('school'),
    E.bindW('course', ({ school }) => {
      const course = lookup(s.courses, c.course)
      return found(
        course !== undefined && course.school === school.id ? course : undefined,
        'course',
        `${c.course} of ${school.id}`,
      )
    }),
  )

/**
 * Whether the learner has attended the hours that complete the course (the guard
 * `hours-attended` of the enrolment table).
 *
 * @category Checks
 */
export const hoursAttended = (course: Course, enrolment: Enrolment): boolean =>
  enrolment.minutesAttended >= course.hoursToComplete * 60

/** The course's latest class (by the time it ended), if any. */
const latestClassOf = (s: IntegrationState, course: Course): ClassRecord | undefined =>
  valuesOf(s.classes).reduce<ClassRecord | undefined>(
    (latest, k) =>
      k.course === course.id && (latest === undefined || compareInstants(k.at, latest.at) > 0)
        ? k
        : latest,
    undefined,
  )

/** The learner's enrolment in the course the command names. */
const enrolmentOf = (
  s: IntegrationState,
  c: { readonly course: CourseId; readonly learner: PersonId },
): E.Either<DomainError, Enrolment> => {
  const key = enrolmentKey(c.course, c.learner)
  return found(lookup(s.enrolments, key), 'enrolment', key)
}

// ---------------------------------------------------------------------------------------------
// Handlers

const enrolLearner: IntegrationHandler<'enrolLearner'> = (c, s, x) => {
  const r = x.embedding.registry
  return pipe(
    courseOfSchool(s, r, c),
    E.tap(({ school }) =>
      headOr(r, c, school, { allowed: c.actor === c.learner, as: [`${c.learner} in person`] }),
    ),
    E.tap(() => personKnown(r, c.learner)),
    E.tap(() => residentOfStreet(r, c, c.learner)),
    E.tap(({ course }) =>
      refuseBy(
        integrationRules.teachersTeach,
        teaches(course, c.learner),
        () => `${c.learner} teaches ${course.id}, so cannot learn it`,
      ),
    ),
    E.tap(() =>
      refuseBy(
        integrationRules.enrolledOnce,
        lookup(s.enrolments, enrolmentKey(c.course, c.learner)) !== undefined,
        () => `${c.learner} has been enrolled in ${c.course} already`,
      ),
    ),
    E.map(() => [{ type: 'learnerEnrolled', ...stamp(c), course: c.course, learner: c.learner }]),
  )
}

const holdClass: IntegrationHandler<'holdClass'> = (c, s, x) => {
  const r = x.embedding.registry
  const twice = firstRepeat(c.attended)
  // A learner is one while living in the street: one who has left attends no class here.
  const gone = c.attended.find((p) => !livesInStreet(r, c, p))
  return pipe(
    courseOfSchool(s, r, c),
    E.map(({ course }) => course),
    E.tap((course) =>
      refuseWhen(!teaches(course, c.actor), () => forbidden(c.actor, c.type, [teacherOf(course)])),
    ),
    E.tap(() =>
      refuseWhen(lookup(s.classes, c.class) !== undefined, () => alreadyExists('class', c.class)),
    ),
    E.tap((course) => {
      const previous = latestClassOf(s, course)
      return refuseBy(
        integrationRules.classesApart,
        previous !== undefined &&
          instantToMillis(c.at) - c.minutes * 60_000 < instantToMillis(previous.at),
        () =>
          `${c.class} would start ${c.minutes} minutes before ${c.at}, before ${previous?.id ?? ''} of ${course.id} ended (${previous?.at ?? ''})`,
      )
    }),
    E.tap((course) => {
      const teacher = c.attended.find((p) => teaches(course, p))
      return refuseBy(
        integrationRules.teachersTeach,
        teacher !== undefined,
        () => `${teacher ?? ''} teaches ${course.id}, so cannot attend its class`,
      )
    }),
    E.tap((course) => {
      const absent = c.attended.find(
        (p) => lookup(s.enrolments, enrolmentKey(course.id, p))?.status !== 'enrolled',
      )
      return refuseBy(
        integrationRules.attendeesEnrolled,
        absent !== undefined,
        () => `${absent ?? ''} is not enrolled in ${course.id}`,
      )
    }),
    E.tap(() =>
      refuseBy(
        integrationRules.attendeeOnce,
        twice !== undefined,
        () => `${twice ?? ''} is named twice`,
      ),
    ),
    E.tap(() =>
      refuseBy(
        integrationRules.livesInStreet,
        gone !== undefined,
        () => `${gone ?? ''} no longer lives in the street`,
      ),
    ),
    E.map(() => [
      {
        type: 'classHeld',
        ...stamp(c),
        course: c.course,
        class: c.class,
        minutes: c.minutes,
        attended: c.attended,
      },
    ]),
  )
}

const completeCourse: IntegrationHandler<'completeCourse'> = (c, s, x) => {
  const r = x.embedding.registry
  return pipe(
    courseOfSchool(s, r, c),
    E.tap(({ school, course }) =>
      headOr(r, c, school, { allowed: teaches(course, c.actor), as: [teacherOf(course)] }),
    ),
    E.tap(() =>
      refuseBy(
        integrationRules.completionByAnother,
        c.actor === c.learner,
        () => `${c.actor} cannot record the completion of their own enrolment in ${c.course}`,
      ),
    ),
    E.bindW('enrolment', () => enrolmentOf(s, c)),
    E.tap(({ course, enrolment }) =>
      enrolmentMachine.next(enrolment.status, c.type, {
        [integrationRules.hoursAttended.id]: hoursAttended(course, enrolment),
      }),
    ),
    E.map(() => [{ type: 'courseCompleted', ...stamp(c), course: c.course, learner: c.learner }]),
  )
}

const withdrawLearner: IntegrationHandler<'withdrawLearner'> = (c, s, x) => {
  const r = x.embedding.registry
  return pipe(
    courseOfSchool(s, r, c),
    E.tap(({ school }) =>
      headOr(r, c, school, { allowed: c.actor === c.learner, as: [`${c.learner} in person`] }),
    ),
    E.flatMap(() => enrolmentOf(s, c)),
    E.tap((enrolment) => enrolmentMachine.next(enrolment.status, c.type)),
    E.map(() => [{ type: 'learnerWithdrawn', ...stamp(c), course: c.course, learner: c.learner }]),
  )
}

/**
 * The handlers of learners: enrolment, classes, completion and withdrawal.
 *
 * @category Mechanism
 */
export const enrolmentHandlers: IntegrationHandlers<
  'enrolLearner' | 'holdClass' | 'completeCourse' | 'withdrawLearner'
> = { enrolLearner, holdClass, completeCourse, withdrawLearner }

// ---------------------------------------------------------------------------------------------
// Reducers

/** Ends an enrolment in `status`. */
const endAs = (
  draft: Draft<IntegrationState>,
  e: OfType<IntegrationEvent, 'courseCompleted' | 'learnerWithdrawn'>,
  status: Enrolment['status'],
): void => {
  const enrolment = draftOf(draft.enrolments, enrolmentKey(e.course, e.learner))
  if (enrolment === undefined) return
  enrolment.status = status
  enrolment.endedAt = e.at
}

/**
 * The recipes of learners.
 *
 * @category Mechanism
 */
export const enrolmentReducers: IntegrationReducers<
  'learnerEnrolled' | 'classHeld' | 'courseCompleted' | 'learnerWithdrawn'
> = {
  learnerEnrolled: (draft, e) => {
    insert(draft.enrolments, enrolmentKey(e.course, e.learner), {
      course: e.course,
      learner: e.learner,
      status: enrolmentMachine.initial,
      minutesAttended: 0,
      enrolledAt: e.at,
      endedAt: null,
    })
  },
  classHeld: (draft, e) => {
    insert(draft.classes, e.class, {
      id: e.class,
      course: e.course,
      teacher: e.actor,
      at: e.at,
      minutes: e.minutes,
      attended: [...e.attended],
    })
    for (const learner of e.attended) {
      const enrolment = draftOf(draft.enrolments, enrolmentKey(e.course, learner))
      if (enrolment !== undefined) enrolment.minutesAttended += e.minutes
    }
  },
  courseCompleted: (draft, e) => {
    endAs(draft, e, 'completed')
  },
  learnerWithdrawn: (draft, e) => {
    endAs(draft, e, 'withdrawn')
  },
}
