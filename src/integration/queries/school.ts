/**
 * Training at the integration school 融合学堂, read back: the hours 培训学时 each learner attended,
 * by course module 课程模块, with enrolments and completions 结业, and their totals by group (e.g.
 * registered 户籍 and migrant 来穗 residents): the measure capacity building 能力建设 is read from.
 *
 * @module
 */
import { lookup, valuesOf, type PersonId, type SchoolId } from '../../core/index.js'
import type { RegistryState } from '../../community/index.js'
import { CourseModule, type Residency } from '../codecs/index.js'
import type { IntegrationState } from '../state.js'
import { residencyOf } from '../street.js'

/**
 * Time in class 学时: minutes, and the same in hours (`minutes / 60`, not rounded).
 *
 * @category Queries
 */
export interface ClassTime {
  readonly minutes: number
  readonly hours: number
}

/**
 * One person's training 培训 at the integration school 融合学堂: time in class, enrolments, completions.
 *
 * @category Queries
 */
export interface PersonTraining extends ClassTime {
  readonly person: PersonId
  /** Courses the person was enrolled in (whatever came of it). */
  readonly enrolments: number
  /** Courses the person completed 结业. */
  readonly completed: number
  /** Time in class by course module 课程模块 (every module, zero where none). */
  readonly byModule: Readonly<Record<CourseModule, ClassTime>>
}

/**
 * Which enrolments a training query counts: all, or one integration school's 融合学堂.
 *
 * @category Queries
 */
export interface TrainingFilter {
  readonly school?: SchoolId
}

/** A group's training 培训 totals (e.g. registered 户籍 or migrant 来穗 residents). @category Queries */
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
 * // @check types-only
 * import { SchoolId } from 'governance-kit/codec'
 * import { trainingHours, type IntegrationState } from 'governance-kit/integration'
 * declare const state: IntegrationState
 * // m-1 attended a 90-minute and a 60-minute class of a job-skills course, and completed it:
 * trainingHours(state, { school: SchoolId.make('sc-fusion') })
 * // [{ person: 'm-1', minutes: 150, hours: 2.5, enrolments: 1, completed: 1,
 * //    byModule: { 'job-skills': { minutes: 150, hours: 2.5 }, 'public-management': { minutes: 0, hours: 0 }, ... } }]
 * ```
 *
 * @category Queries
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
 * // @check types-only
 * import type { RegistryState } from 'governance-kit/community'
 * import { byResidency, trainingHoursBy, type IntegrationState } from 'governance-kit/integration'
 * declare const state: IntegrationState
 * declare const registry: RegistryState
 * trainingHoursBy(state, byResidency(registry))
 * // [{ group: 'migrant', persons: 3, minutes: 420, hours: 7, completed: 1 },
 * //  { group: 'registered', persons: 1, minutes: 60, hours: 1, completed: 0 }]
 * ```
 *
 * @category Queries
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
 *
 * @category Queries
 */
export const byResidency =
  (registry: RegistryState) =>
  (person: PersonId): Residency | null =>
    residencyOf(registry, person)
