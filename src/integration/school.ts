/**
 * Resource integration (资源整合, seed 000 §三.3): the integration school 融合学堂, led by a party
 * organisation (S Street's by the migrant party branch), which brings teachers from government
 * 政府, firms 企业, social organisations 社会组织 and colleges 大中专院校 to teach course modules —
 * public management and service, backbone and organisation capacity, early childhood, job skills —
 * and records enrolment, attendance and completion: the hours that feed capacity building 能力建设.
 *
 * Rules (the `rule` of each {@link RuleViolation}), beside the enrolment table's
 * `IllegalTransition`s and its guard `hours-attended` (a course is completed once the hours to
 * complete it are attended):
 * - `school-led-by-party`: a school is opened led by an organisation that is not an active party
 *   organisation (committee, branch or group); and every later command on a school (engaging,
 *   offering, enrolling, classes, completion, withdrawal) is refused while the organisation that
 *   leads it is dissolved.
 * - `teachers-full`: a school already has 200 teachers (the most its record holds).
 * - `no-teachers`: a course is offered with no teacher (nobody could hold its classes).
 * - `teacher-not-engaged`: a course names a teacher the school has not engaged.
 * - `teacher-twice`: a course names a teacher twice.
 * - `not-a-resident`: a learner who enrols, or is named among a class's attendees, does not live
 *   in the street (a learner who has left it attends no class here; completing or withdrawing
 *   their enrolment stays open).
 * - `already-enrolled`: a learner is enrolled in a course a second time (one enrolment per course
 *   and learner, even after completing or withdrawing).
 * - `not-enrolled`: a class names an attendee not enrolled (or no longer enrolled) in the course.
 * - `attended-twice`: a class names an attendee twice.
 * - `class-overlap`: a class is recorded when it ends, so it runs from `at − minutes` to `at`; a
 *   class of a course that starts before the course's latest class ended is refused (its hours
 *   would be counted twice).
 * - `teacher-learns`: a teacher of a course enrols in it, or is named among a class's attendees.
 * - `completes-own`: someone records the completion of their own enrolment (a school head too).
 *
 * Authority: a registrar over the school's place (or above it) opens it. The school's heads — the
 * leaders of the organisation that leads it (see `leads`: its secretary, or a leader of a party
 * organisation above it) and registrars over its place — engage teachers, offer courses, enrol,
 * complete and withdraw learners. A learner enrols and withdraws in person too. Only a teacher of
 * the course holds its classes; a teacher of the course also records completion, but nobody
 * records their own. Every command names a school that exists, led by an active organisation, and
 * a course of that school.
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
  instantToMillis,
  lookup,
  notFound,
  refuseWhen,
  ruleViolation,
  valuesOf,
  type Check,
  type PersonId,
  type SchoolId,
} from '../core/index.js'
import { holdsRole, isPartyOrganisation, leads, type RegistryState } from '../community/index.js'
import {
  CourseModule,
  type ClassRecord,
  type Course,
  type Enrolment,
  type Residency,
  type School,
} from './codecs.js'
import { enrolmentMachine } from './machine.js'
import {
  firstRepeat,
  streetOf,
  decideWith,
  livesInStreet,
  personKnown,
  placeKnown,
  registrarOver,
  residentOf,
  residencyOf,
  stamp,
  type Cmd,
  type Decision,
  type Evt,
  type IntegrationContext,
} from './shared.js'
import { enrolmentKey, type IntegrationState } from './state.js'

/** The most teachers a school's record holds (the codec's bound). */
const MAX_TEACHERS = 200

type SchoolCommand = Cmd<
  | 'openSchool'
  | 'engageTeacher'
  | 'offerCourse'
  | 'enrolLearner'
  | 'holdClass'
  | 'completeCourse'
  | 'withdrawLearner'
>

type SchoolEvent = Evt<
  | 'schoolOpened'
  | 'teacherEngaged'
  | 'courseOffered'
  | 'learnerEnrolled'
  | 'classHeld'
  | 'courseCompleted'
  | 'learnerWithdrawn'
>

/** Whether `person` runs the school: leads the organisation that leads it, or is a registrar over its place. */
const isHead = (r: RegistryState, school: School, person: PersonId): boolean =>
  leads(r, person, school.ledBy) || holdsRole(r, person, 'registrar', school.place)

/** The roles any of which makes a school head, as a Forbidden names them. */
const headRoles = (school: School): ReadonlyArray<string> => [
  `a leader of ${school.ledBy}`,
  `registrar@${school.place.level}:${school.place.id}`,
]

const teacherOf = (course: Course) => `a teacher of ${course.id}`

/**
 * The check that the actor is a head of the school, or else allowed on other grounds
 * (`others.allowed`: the learner in person, a teacher of the course), which a refusal names first
 * (`others.as`).
 */
const headOr =
  (
    r: RegistryState,
    c: SchoolCommand,
    school: School,
    others: { readonly allowed: boolean; readonly as: ReadonlyArray<string> } = {
      allowed: false,
      as: [],
    },
  ): Check =>
  () =>
    refuseWhen(!others.allowed && !isHead(r, school, c.actor), () =>
      forbidden(c.actor, c.type, [...others.as, ...headRoles(school)]),
    )

// ---------------------------------------------------------------------------------------------
// The school and its teachers

const openSchool = (c: Cmd<'openSchool'>, s: IntegrationState, r: RegistryState): Decision => {
  const ledBy = lookup(r.organisations, c.ledBy)
  return decideWith(
    [
      () =>
        refuseWhen(lookup(s.schools, c.school) !== undefined, () =>
          alreadyExists('school', c.school),
        ),
      placeKnown(r, c.place),
      registrarOver(r, c, c.place),
      () => refuseWhen(ledBy === undefined, () => notFound('organisation', c.ledBy)),
      () =>
        refuseWhen(
          ledBy !== undefined && (!isPartyOrganisation(ledBy) || ledBy.status !== 'active'),
          () =>
            ruleViolation(
              'school-led-by-party',
              `${c.ledBy} is not an active party organisation: a school is led by the party`,
            ),
        ),
    ],
    () =>
      E.right([
        {
          type: 'schoolOpened',
          ...stamp(c),
          school: c.school,
          name: c.name,
          place: c.place,
          ledBy: c.ledBy,
        },
      ]),
  )
}

const engageTeacher = (c: Cmd<'engageTeacher'>, school: School, r: RegistryState): Decision =>
  decideWith(
    [
      headOr(r, c, school),
      personKnown(r, c.teacher),
      () =>
        refuseWhen(
          c.organisation !== null && lookup(r.organisations, c.organisation) === undefined,
          () => notFound('organisation', c.organisation ?? ''),
        ),
      () =>
        refuseWhen(
          school.teachers.some((t) => t.person === c.teacher),
          () => alreadyExists('teacher', `${c.teacher} of ${school.id}`),
        ),
      () =>
        refuseWhen(school.teachers.length >= MAX_TEACHERS, () =>
          ruleViolation('teachers-full', `${school.id} already has ${MAX_TEACHERS} teachers`),
        ),
    ],
    () =>
      E.right([
        {
          type: 'teacherEngaged',
          ...stamp(c),
          school: c.school,
          teacher: c.teacher,
          sector: c.sector,
          affiliation: c.affiliation,
          organisation: c.organisation,
        },
      ]),
  )

const offerCourse = (
  c: Cmd<'offerCourse'>,
  s: IntegrationState,
  school: School,
  r: RegistryState,
): Decision => {
  const stranger = c.teachers.find((p) => !school.teachers.some((t) => t.person === p))
  const twice = firstRepeat(c.teachers)
  return decideWith(
    [
      headOr(r, c, school),
      () =>
        refuseWhen(lookup(s.courses, c.course) !== undefined, () =>
          alreadyExists('course', c.course),
        ),
      () =>
        refuseWhen(c.teachers.length === 0, () =>
          ruleViolation('no-teachers', `${c.course} has no teacher to hold its classes`),
        ),
      () =>
        refuseWhen(stranger !== undefined, () =>
          ruleViolation(
            'teacher-not-engaged',
            `${stranger ?? ''} is not a teacher engaged by ${school.id}`,
          ),
        ),
      () =>
        refuseWhen(twice !== undefined, () =>
          ruleViolation('teacher-twice', `${twice ?? ''} is named twice`),
        ),
    ],
    () =>
      E.right([
        {
          type: 'courseOffered',
          ...stamp(c),
          school: c.school,
          course: c.course,
          module: c.module,
          title: c.title,
          teachers: c.teachers,
          hoursToComplete: c.hoursToComplete,
        },
      ]),
  )
}

// ---------------------------------------------------------------------------------------------
// Learners and classes

const enrolLearner = (
  c: Cmd<'enrolLearner'>,
  s: IntegrationState,
  school: School,
  course: Course,
  r: RegistryState,
): Decision =>
  decideWith(
    [
      headOr(r, c, school, { allowed: c.actor === c.learner, as: [`${c.learner} in person`] }),
      personKnown(r, c.learner),
      residentOf(r, c.learner, streetOf(c)),
      () =>
        refuseWhen(course.teachers.includes(c.learner), () =>
          ruleViolation('teacher-learns', `${c.learner} teaches ${course.id}, so cannot learn it`),
        ),
      () =>
        refuseWhen(lookup(s.enrolments, enrolmentKey(c.course, c.learner)) !== undefined, () =>
          ruleViolation(
            'already-enrolled',
            `${c.learner} has been enrolled in ${c.course} already`,
          ),
        ),
    ],
    () => E.right([{ type: 'learnerEnrolled', ...stamp(c), course: c.course, learner: c.learner }]),
  )

/** The course's latest class (by the time it ended), if any. */
const latestClassOf = (s: IntegrationState, course: Course): ClassRecord | undefined =>
  valuesOf(s.classes).reduce<ClassRecord | undefined>(
    (latest, k) =>
      k.course === course.id && (latest === undefined || compareInstants(k.at, latest.at) > 0)
        ? k
        : latest,
    undefined,
  )

const holdClass = (
  c: Cmd<'holdClass'>,
  s: IntegrationState,
  course: Course,
  r: RegistryState,
): Decision => {
  const teacher = c.attended.find((p) => course.teachers.includes(p))
  // A learner is one while living in the street: one who has left attends no class here.
  const gone = c.attended.find((p) => !livesInStreet(r, c, p))
  const absent = c.attended.find(
    (p) => lookup(s.enrolments, enrolmentKey(course.id, p))?.status !== 'enrolled',
  )
  const twice = firstRepeat(c.attended)
  const previous = latestClassOf(s, course)
  return decideWith(
    [
      () =>
        refuseWhen(!course.teachers.includes(c.actor), () =>
          forbidden(c.actor, c.type, [teacherOf(course)]),
        ),
      () =>
        refuseWhen(lookup(s.classes, c.class) !== undefined, () => alreadyExists('class', c.class)),
      () =>
        refuseWhen(
          previous !== undefined &&
            instantToMillis(c.at) - c.minutes * 60_000 < instantToMillis(previous.at),
          () =>
            ruleViolation(
              'class-overlap',
              `${c.class} would start ${c.minutes} minutes before ${c.at}, before ${previous?.id ?? ''} of ${course.id} ended (${previous?.at ?? ''})`,
            ),
        ),
      () =>
        refuseWhen(teacher !== undefined, () =>
          ruleViolation(
            'teacher-learns',
            `${teacher ?? ''} teaches ${course.id}, so cannot attend its class`,
          ),
        ),
      () =>
        refuseWhen(absent !== undefined, () =>
          ruleViolation('not-enrolled', `${absent ?? ''} is not enrolled in ${course.id}`),
        ),
      () =>
        refuseWhen(twice !== undefined, () =>
          ruleViolation('attended-twice', `${twice ?? ''} is named twice`),
        ),
      () =>
        refuseWhen(gone !== undefined, () =>
          ruleViolation('not-a-resident', `${gone ?? ''} no longer lives in the street`),
        ),
    ],
    () =>
      E.right([
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

const endEnrolment = (
  c: Cmd<'completeCourse' | 'withdrawLearner'>,
  s: IntegrationState,
  school: School,
  course: Course,
  r: RegistryState,
): Decision => {
  const key = enrolmentKey(c.course, c.learner)
  const enrolment = lookup(s.enrolments, key)
  const allowed =
    c.type === 'completeCourse'
      ? { allowed: course.teachers.includes(c.actor), as: [teacherOf(course)] }
      : { allowed: c.actor === c.learner, as: [`${c.learner} in person`] }
  return decideWith(
    [
      headOr(r, c, school, allowed),
      () =>
        refuseWhen(c.type === 'completeCourse' && c.actor === c.learner, () =>
          ruleViolation(
            'completes-own',
            `${c.actor} cannot record the completion of their own enrolment in ${c.course}`,
          ),
        ),
      () => refuseWhen(enrolment === undefined, () => notFound('enrolment', key)),
      () =>
        enrolment === undefined
          ? E.right(undefined)
          : c.type === 'completeCourse'
            ? enrolmentMachine.next(enrolment.status, c.type, {
                'hours-attended': enrolment.minutesAttended >= course.hoursToComplete * 60,
              })
            : enrolmentMachine.next(enrolment.status, c.type),
    ],
    () => {
      const ended = { ...stamp(c), course: c.course, learner: c.learner }
      return E.right([
        c.type === 'completeCourse'
          ? { type: 'courseCompleted', ...ended }
          : { type: 'learnerWithdrawn', ...ended },
      ])
    },
  )
}

// ---------------------------------------------------------------------------------------------

/** Decides a command of the integration school 融合学堂. */
export const decideSchool = (
  c: SchoolCommand,
  s: IntegrationState,
  x: IntegrationContext,
): Decision => {
  const r = x.embedding.registry
  if (c.type === 'openSchool') return openSchool(c, s, r)
  const school = lookup(s.schools, c.school)
  if (school === undefined) return E.left(notFound('school', c.school))
  if (lookup(r.organisations, school.ledBy)?.status !== 'active')
    return E.left(
      ruleViolation(
        'school-led-by-party',
        `the leading organisation is dissolved: ${school.ledBy} no longer leads ${school.id}`,
      ),
    )
  switch (c.type) {
    case 'engageTeacher':
      return engageTeacher(c, school, r)
    case 'offerCourse':
      return offerCourse(c, s, school, r)
    default:
      break
  }
  const course = lookup(s.courses, c.course)
  // A course answers to its own school, never to another one named by the command.
  if (course === undefined || course.school !== school.id)
    return E.left(notFound('course', `${c.course} of ${school.id}`))
  switch (c.type) {
    case 'enrolLearner':
      return enrolLearner(c, s, school, course, r)
    case 'holdClass':
      return holdClass(c, s, course, r)
    case 'completeCourse':
    case 'withdrawLearner':
      return endEnrolment(c, s, school, course, r)
  }
}

// ---------------------------------------------------------------------------------------------
// The reducer

/** Ends an enrolment in `status`. */
const endAs = (
  draft: Draft<IntegrationState>,
  e: Evt<'courseCompleted' | 'learnerWithdrawn'>,
  status: Enrolment['status'],
): void => {
  const enrolment = draftOf(draft.enrolments, enrolmentKey(e.course, e.learner))
  if (enrolment === undefined) return
  enrolment.status = status
  enrolment.endedAt = e.at
}

/** Folds an event of the integration school 融合学堂 into the state (an immer recipe). */
export const applySchoolEvent = (draft: Draft<IntegrationState>, e: SchoolEvent): void => {
  switch (e.type) {
    case 'schoolOpened':
      insert(draft.schools, e.school, {
        id: e.school,
        name: e.name,
        place: { ...e.place },
        ledBy: e.ledBy,
        teachers: [],
        openedAt: e.at,
      })
      return
    case 'teacherEngaged':
      draftOf(draft.schools, e.school)?.teachers.push({
        person: e.teacher,
        sector: e.sector,
        affiliation: e.affiliation,
        organisation: e.organisation,
        engagedAt: e.at,
      })
      return
    case 'courseOffered':
      insert(draft.courses, e.course, {
        id: e.course,
        school: e.school,
        module: e.module,
        title: e.title,
        teachers: [...e.teachers],
        hoursToComplete: e.hoursToComplete,
        offeredAt: e.at,
      })
      return
    case 'learnerEnrolled':
      insert(draft.enrolments, enrolmentKey(e.course, e.learner), {
        course: e.course,
        learner: e.learner,
        status: enrolmentMachine.initial,
        minutesAttended: 0,
        enrolledAt: e.at,
        endedAt: null,
      })
      return
    case 'classHeld':
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
      return
    case 'courseCompleted':
      endAs(draft, e, 'completed')
      return
    case 'learnerWithdrawn':
      endAs(draft, e, 'withdrawn')
      return
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

/** Time in class 学时: minutes, and the same in hours (`minutes / 60`, not rounded). */
export interface ClassTime {
  readonly minutes: number
  readonly hours: number
}

/** One person's training 培训 at the integration school 融合学堂: time in class, enrolments, completions. */
export interface PersonTraining extends ClassTime {
  readonly person: PersonId
  /** Courses the person was enrolled in (whatever came of it). */
  readonly enrolments: number
  /** Courses the person completed 结业. */
  readonly completed: number
  /** Time in class by course module 课程模块 (every module, zero where none). */
  readonly byModule: Readonly<Record<CourseModule, ClassTime>>
}

/** Which enrolments a training query counts: all, or one integration school's 融合学堂. */
export interface TrainingFilter {
  readonly school?: SchoolId
}

/** A group's training 培训 totals (e.g. registered 户籍 or migrant 来穗 residents). */
export interface GroupTraining extends ClassTime {
  readonly group: string
  /** Persons of the group with an enrolment counted. */
  readonly persons: number
  /** Courses completed 结业 by the group's persons. */
  readonly completed: number
}

const timeOf = (minutes: number): ClassTime => ({ minutes, hours: minutes / 60 })

/**
 * The training hours 培训学时 of every learner of the integration school 融合学堂 (optionally of
 * one school): minutes and hours attended, courses enrolled and completed, and hours by course
 * module. The measure capacity building 能力建设 is read from. Sorted by person.
 *
 * @example
 * ```ts
 * // m-1 attended a 90-minute and a 60-minute class of a job-skills course, and completed it:
 * trainingHours(state, { school: SchoolId.make('sc-fusion') })
 * // [{ person: 'm-1', minutes: 150, hours: 2.5, enrolments: 1, completed: 1,
 * //    byModule: { 'job-skills': { minutes: 150, hours: 2.5 }, 'public-management': { minutes: 0, hours: 0 }, ... } }]
 * ```
 */
export const trainingHours = (
  state: IntegrationState,
  filter: TrainingFilter = {},
): ReadonlyArray<PersonTraining> => {
  const byPerson = new Map<
    PersonId,
    { minutes: number; enrolments: number; completed: number; byModule: Map<CourseModule, number> }
  >()
  for (const enrolment of valuesOf(state.enrolments)) {
    const course = lookup(state.courses, enrolment.course)
    if (course === undefined) continue
    if (filter.school !== undefined && course.school !== filter.school) continue
    const entry = byPerson.get(enrolment.learner) ?? {
      minutes: 0,
      enrolments: 0,
      completed: 0,
      byModule: new Map<CourseModule, number>(),
    }
    entry.minutes += enrolment.minutesAttended
    entry.enrolments += 1
    if (enrolment.status === 'completed') entry.completed += 1
    entry.byModule.set(
      course.module,
      (entry.byModule.get(course.module) ?? 0) + enrolment.minutesAttended,
    )
    byPerson.set(enrolment.learner, entry)
  }
  return [...byPerson]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([person, entry]) => ({
      person,
      ...timeOf(entry.minutes),
      enrolments: entry.enrolments,
      completed: entry.completed,
      byModule: Object.fromEntries(
        CourseModule.values.map((m) => [m, timeOf(entry.byModule.get(m) ?? 0)]),
      ) as Record<CourseModule, ClassTime>,
    }))
}

/**
 * Training totals 培训学时 by group: {@link trainingHours} summed over the groups `groupOf` puts
 * persons in (persons it gives null are left out). Sorted by group.
 *
 * @example
 * ```ts
 * trainingHoursBy(state, byResidency(registry))
 * // [{ group: 'migrant', persons: 3, minutes: 420, hours: 7, completed: 1 },
 * //  { group: 'registered', persons: 1, minutes: 60, hours: 1, completed: 0 }]
 * ```
 */
export const trainingHoursBy = (
  state: IntegrationState,
  groupOf: (person: PersonId) => string | null,
  filter: TrainingFilter = {},
): ReadonlyArray<GroupTraining> => {
  const groups = new Map<string, { persons: number; minutes: number; completed: number }>()
  for (const t of trainingHours(state, filter)) {
    const group = groupOf(t.person)
    if (group === null) continue
    const g = groups.get(group) ?? { persons: 0, minutes: 0, completed: 0 }
    g.persons += 1
    g.minutes += t.minutes
    g.completed += t.completed
    groups.set(group, g)
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, g]) => ({
      group,
      persons: g.persons,
      ...timeOf(g.minutes),
      completed: g.completed,
    }))
}

/**
 * Groups persons by household registration now 户籍: `registered` or `migrant`, null for a
 * person the registry does not know. For {@link trainingHoursBy}.
 */
export const byResidency =
  (registry: RegistryState) =>
  (person: PersonId): Residency | null =>
    residencyOf(registry, person)
