/**
 * Resource integration (资源整合, seed 000 §三.3): the integration school 融合学堂, led by a party
 * organisation (S Street's by the migrant party branch), which brings teachers from government
 * 政府, firms 企业, social organisations 社会组织 and colleges 大中专院校 to teach course modules —
 * public management and service, backbone and organisation capacity, early childhood, job skills.
 * Learners' enrolment, classes and completion, the hours that feed capacity building 能力建设, are
 * in `enrolment.ts`.
 *
 * Rules (see {@link integrationRules}): `school-led-by-party` (at the opening, and for every later
 * command on a school: engaging, offering, enrolling, classes, completion, withdrawal),
 * `teachers-full`, `no-teachers`, `teacher-not-engaged`, `teacher-twice`.
 *
 * Authority: a registrar over the school's place (or above it) opens it. The school's heads — the
 * leaders of the organisation that leads it (see `leads`: its secretary, or a leader of a party
 * organisation above it) and registrars over its place — engage teachers and offer courses.
 * Every command names a school that exists, led by an active organisation.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  alreadyExists,
  draftOf,
  forbidden,
  found,
  insert,
  lookup,
  notFound,
  refuseBy,
  refuseWhen,
  stamp,
  type DomainError,
  type PersonId,
  type SchoolId,
} from '../core/index.js'
import {
  holdsRole,
  isPartyOrganisation,
  leads,
  type Organisation,
  type RegistryState,
} from '../community/index.js'
import type { School } from './codecs/index.js'
import type { IntegrationHandler, IntegrationHandlers, IntegrationReducers } from './mechanism.js'
import { integrationRules } from './rules.js'
import type { IntegrationState } from './state.js'
import { firstRepeat, personKnown, placeKnown, registrarOver, type Act } from './street.js'

/** The most teachers a school's record holds (the codec's bound). */
const MAX_TEACHERS = 200

/**
 * Whether `organisation` may lead a school (rule `school-led-by-party`): an active party
 * organisation (committee, branch or group).
 *
 * @category Checks
 */
export const leadsAsParty = (organisation: Organisation | undefined): boolean =>
  organisation !== undefined &&
  isPartyOrganisation(organisation) &&
  organisation.status === 'active'

/**
 * Whether `person` runs the school: leads the organisation that leads it, or is a registrar over
 * its place.
 *
 * @category Checks
 */
export const isHead = (r: RegistryState, school: School, person: PersonId): boolean =>
  leads(r, person, school.ledBy) || holdsRole(r, person, 'registrar', school.place)

/** The roles any of which makes a school head, as a Forbidden names them. */
const headRoles = (school: School): ReadonlyArray<string> => [
  `a leader of ${school.ledBy}`,
  `registrar@${school.place.level}:${school.place.id}`,
]

/**
 * That the actor is a head of the school, or else allowed on other grounds (`others.allowed`:
 * the learner in person, a teacher of the course), which a refusal names first (`others.as`).
 *
 * @category Checks
 */
export const headOr = (
  r: RegistryState,
  c: Act,
  school: School,
  others: { readonly allowed: boolean; readonly as: ReadonlyArray<string> } = {
    allowed: false,
    as: [],
  },
): E.Either<DomainError, void> =>
  refuseWhen(!others.allowed && !isHead(r, school, c.actor), () =>
    forbidden(c.actor, c.type, [...others.as, ...headRoles(school)]),
  )

/**
 * The school a command names, while it runs: it exists, and the organisation that leads it is
 * still an active party organisation (rule `school-led-by-party`: a school whose leading
 * organisation is dissolved runs no more).
 *
 * @category Checks
 */
export const schoolInService = (
  s: IntegrationState,
  r: RegistryState,
  c: { readonly school: SchoolId },
): E.Either<DomainError, School> =>
  pipe(
    found(lookup(s.schools, c.school), 'school', c.school),
    E.tap((school) =>
      refuseBy(
        integrationRules.schoolLedByParty,
        !leadsAsParty(lookup(r.organisations, school.ledBy)),
        () => `the leading organisation is dissolved: ${school.ledBy} no longer leads ${school.id}`,
      ),
    ),
  )

// ---------------------------------------------------------------------------------------------
// Handlers

const openSchool: IntegrationHandler<'openSchool'> = (c, s, x) => {
  const r = x.embedding.registry
  return pipe(
    refuseWhen(lookup(s.schools, c.school) !== undefined, () => alreadyExists('school', c.school)),
    E.flatMap(() => placeKnown(r, c.place)),
    E.flatMap(() => registrarOver(r, c, c.place)),
    E.flatMap(() => found(lookup(r.organisations, c.ledBy), 'organisation', c.ledBy)),
    E.tap((ledBy) =>
      refuseBy(
        integrationRules.schoolLedByParty,
        !leadsAsParty(ledBy),
        () => `${c.ledBy} is not an active party organisation: a school is led by the party`,
      ),
    ),
    E.map(() => [
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

const engageTeacher: IntegrationHandler<'engageTeacher'> = (c, s, x) => {
  const r = x.embedding.registry
  return pipe(
    schoolInService(s, r, c),
    E.tap((school) => headOr(r, c, school)),
    E.tap(() => personKnown(r, c.teacher)),
    E.tap(() =>
      refuseWhen(
        c.organisation !== null && lookup(r.organisations, c.organisation) === undefined,
        () => notFound('organisation', c.organisation ?? ''),
      ),
    ),
    E.tap((school) =>
      refuseWhen(
        school.teachers.some((t) => t.person === c.teacher),
        () => alreadyExists('teacher', `${c.teacher} of ${school.id}`),
      ),
    ),
    E.tap((school) =>
      refuseBy(
        integrationRules.teachersBound,
        school.teachers.length >= MAX_TEACHERS,
        () => `${school.id} already has ${MAX_TEACHERS} teachers`,
      ),
    ),
    E.map(() => [
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
}

const offerCourse: IntegrationHandler<'offerCourse'> = (c, s, x) => {
  const r = x.embedding.registry
  const twice = firstRepeat(c.teachers)
  return pipe(
    schoolInService(s, r, c),
    E.tap((school) => headOr(r, c, school)),
    E.tap(() =>
      refuseWhen(lookup(s.courses, c.course) !== undefined, () =>
        alreadyExists('course', c.course),
      ),
    ),
    E.tap(() =>
      refuseBy(
        integrationRules.courseHasTeachers,
        c.teachers.length === 0,
        () => `${c.course} has no teacher to hold its classes`,
      ),
    ),
    E.tap((school) => {
      const stranger = c.teachers.find((p) => !school.teachers.some((t) => t.person === p))
      return refuseBy(
        integrationRules.teachersEngaged,
        stranger !== undefined,
        () => `${stranger ?? ''} is not a teacher engaged by ${school.id}`,
      )
    }),
    E.tap(() =>
      refuseBy(
        integrationRules.teacherOnce,
        twice !== undefined,
        () => `${twice ?? ''} is named twice`,
      ),
    ),
    E.map(() => [
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

/**
 * The school's handlers: the school, its teachers and its courses.
 *
 * @category Mechanism
 */
export const schoolHandlers: IntegrationHandlers<'openSchool' | 'engageTeacher' | 'offerCourse'> = {
  openSchool,
  engageTeacher,
  offerCourse,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/**
 * The school's recipes.
 *
 * @category Mechanism
 */
export const schoolReducers: IntegrationReducers<
  'schoolOpened' | 'teacherEngaged' | 'courseOffered'
> = {
  schoolOpened: (draft, e) => {
    insert(draft.schools, e.school, {
      id: e.school,
      name: e.name,
      place: { ...e.place },
      ledBy: e.ledBy,
      teachers: [],
      openedAt: e.at,
    })
  },
  teacherEngaged: (draft, e) => {
    draftOf(draft.schools, e.school)?.teachers.push({
      person: e.teacher,
      sector: e.sector,
      affiliation: e.affiliation,
      organisation: e.organisation,
      engagedAt: e.at,
    })
  },
  courseOffered: (draft, e) => {
    insert(draft.courses, e.course, {
      id: e.course,
      school: e.school,
      module: e.module,
      title: e.title,
      teachers: [...e.teachers],
      hoursToComplete: e.hoursToComplete,
      offeredAt: e.at,
    })
  },
}
