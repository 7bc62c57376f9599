/**
 * The integration school on the engine: bad input refused with the path of the bad field, and
 * what the events fold into decoded by the codecs. The school's rules are specs over the pure
 * decider (`school.spec.test.ts`, `enrolment.spec.test.ts`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { valuesOf, decodeWith, type DomainError } from '../../src/core/index.js'
import { ClassRecord, Course, Enrolment, School } from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  STREET,
  org,
  place,
  seedIntegration,
  type IntegrationStreet,
  refusedWithoutTrace,
} from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const SC = 'sc-1'
/** Secretary of the Jingchu floating branch o-jingchu, which leads sc-1: a school head. */
const SECRETARY = 'p-wang'

const opening = (over: Record<string, unknown> = {}) => ({
  school: SC,
  name: 'S Street Integration School',
  place: place('street', STREET),
  ledBy: 'o-jingchu',
  ...over,
})
const engaging = (teacher: string, over: Record<string, unknown> = {}) => ({
  school: SC,
  teacher,
  sector: 'government',
  affiliation: 'Tianhe District Human Resources Bureau',
  organisation: null,
  ...over,
})
const offering = (course: string, over: Record<string, unknown> = {}) => ({
  school: SC,
  course,
  module: 'job-skills',
  title: 'Electrician basics',
  teachers: ['t-gov'],
  hoursToComplete: 2,
  ...over,
})
const ofCourse = (course: string, learner: string, school = SC) => ({ school, course, learner })
const classOf = (course: string, id: string, minutes: number, attended: ReadonlyArray<string>) => ({
  school: SC,
  course,
  class: id,
  minutes,
  attended,
})

/**
 * The seeded street with sc-1 open at the street, led by o-jingchu whose secretary is p-wang;
 * teachers t-gov (government) and t-college (college); course co-1 (job skills, t-gov, 2 hours)
 * and co-2 (backbone capacity, t-college and t-gov, 1 hour).
 */
const withSchool = async (): Promise<IntegrationStreet> => {
  const r = await seedIntegration()
  await r.must('p-zhou', 'appointRole', {
    assignment: 'as-jingchu-sec',
    person: SECRETARY,
    role: 'secretary',
    scope: org('o-jingchu'),
  })
  await r.must(CLERK, 'openSchool', opening())
  await r.must(SECRETARY, 'engageTeacher', engaging('t-gov'))
  await r.must(
    SECRETARY,
    'engageTeacher',
    engaging('t-college', { sector: 'college', affiliation: 'Guangzhou Vocational College' }),
  )
  await r.must(SECRETARY, 'offerCourse', offering('co-1'))
  await r.must(
    SECRETARY,
    'offerCourse',
    offering('co-2', {
      module: 'backbone-capacity',
      title: 'Community leadership',
      teachers: ['t-college', 't-gov'],
      hoursToComplete: 1,
    }),
  )
  return r
}

/** `minutes` after the instant `at`, written at +08:00 like the fixtures' clock. */
const plus = (at: string, minutes: number): string =>
  `${new Date(Date.parse(at) + (minutes + 8 * 60) * 60_000).toISOString().slice(0, 19)}+08:00`
/**
 * The next command's time, `minutes` later than the fixtures' clock would date it: a class is
 * recorded when it ends, so the next class of a course waits for the last one to end.
 */
const later = (r: IntegrationStreet, minutes: number): string => plus(r.nextAt(), minutes)

/** A refusal that stored nothing and changed no state: the error. */
const refused = (
  r: IntegrationStreet,
  actor: string,
  type: string,
  payload: Record<string, unknown>,
  at?: string,
): Promise<DomainError> => refusedWithoutTrace(r, () => r.send(actor, type, payload, at))

// ---------------------------------------------------------------------------------------------

describe('bad input', () => {
  it('a class too short is a typed error with the path of the bad field, and no change', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    const error = await refused(r, 't-gov', 'holdClass', classOf('co-1', 'cl-1', 10, ['m-1']))
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError') expect(error.issues[0]?.path).toBe('$.minutes')
  })

  it('an unknown module and a bad attendee name their fields', async () => {
    const r = await withSchool()
    const module = await refused(
      r,
      SECRETARY,
      'offerCourse',
      offering('co-3', { module: 'cooking' }),
    )
    expect(module.code === 'DecodeError' && module.issues[0]?.path).toBe('$.module')
    const attendee = await refused(r, 't-gov', 'holdClass', {
      ...classOf('co-1', 'cl-1', 60, ['m-1']),
      attended: ['m-1', 7],
    })
    expect(attendee.code === 'DecodeError' && attendee.issues[0]?.path).toBe('$.attended[1]')
  })
})

describe('training hours', () => {
  /**
   * sc-1: m-1, m-2 and l-1 in co-1 (90 minutes together, l-1 withdraws; 30 more for m-1 an hour
   * later, and m-1 completes), m-3 in co-2 (60 minutes, completes); sc-east: m-1 in an
   * early-childhood course (45 minutes).
   */
  const withTraining = async () => {
    const r = await withSchool()
    for (const learner of ['m-1', 'm-2', 'l-1'])
      await r.must(learner, 'enrolLearner', ofCourse('co-1', learner))
    await r.must('m-3', 'enrolLearner', ofCourse('co-2', 'm-3'))
    await r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 90, ['m-1', 'm-2', 'l-1']))
    await r.must('t-college', 'holdClass', classOf('co-2', 'cl-3', 60, ['m-3']))
    await r.must('t-college', 'completeCourse', ofCourse('co-2', 'm-3'))
    await r.must('l-1', 'withdrawLearner', ofCourse('co-1', 'l-1'))
    await r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    await r.must(EAST_CLERK, 'engageTeacher', engaging('t-college', { school: 'sc-east' }))
    await r.must(
      EAST_CLERK,
      'offerCourse',
      offering('co-9', {
        school: 'sc-east',
        module: 'early-childhood',
        title: 'Play and learning',
        teachers: ['t-college'],
      }),
    )
    await r.must('m-1', 'enrolLearner', ofCourse('co-9', 'm-1', 'sc-east'))
    await r.must('t-college', 'holdClass', {
      ...classOf('co-9', 'cl-9', 45, ['m-1']),
      school: 'sc-east',
    })
    // co-1's second class, an hour later (once the first has ended), completes m-1's hours.
    await r.must('t-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1']), later(r, 60))
    await r.must('t-gov', 'completeCourse', ofCourse('co-1', 'm-1'), later(r, 60))
    return r
  }

  it('what the events fold into is what the codecs describe', async () => {
    const r = await withTraining()
    const state = await r.state()
    const entities = [
      ...valuesOf(state.schools).map((x) => decodeWith(School, x)),
      ...valuesOf(state.courses).map((x) => decodeWith(Course, x)),
      ...valuesOf(state.enrolments).map((x) => decodeWith(Enrolment, x)),
      ...valuesOf(state.classes).map((x) => decodeWith(ClassRecord, x)),
    ]
    expect(entities).toHaveLength(2 + 3 + 5 + 4)
    expect(entities.filter(E.isLeft)).toEqual([])
  })
})
