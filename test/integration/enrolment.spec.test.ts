/**
 * Learners at the integration school (`src/integration/enrolment.ts`), over the pure decider:
 * enrolment, classes, completion and withdrawal, the training hours read from them, and a learner
 * being one while living in the street.
 */
import { describe, expect, it } from 'vitest'
import { ClassId, CourseId, PersonId, SchoolId, lookup } from '../../src/core/index.js'
import {
  byResidency,
  emptyIntegration,
  enrolmentKey,
  trainingHours,
  trainingHoursBy,
  Enrolment,
} from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  STREET,
  org,
  place,
  seeded,
  type Street,
  forbiddenTo,
  rule,
} from './spec-fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const SC = 'sc-1'
/** Secretary of the Jingchu floating branch o-jingchu, which leads sc-1: a school head. */
const SECRETARY = 'p-wang'
const HEADS = ['a leader of o-jingchu', `registrar@street:${STREET}`]

const notFound = (entity: string, id: string) => ({ code: 'NotFound', entity, id })
const illegal = (state: string, command: string) => ({
  code: 'IllegalTransition',
  machine: 'enrolment',
  state,
  command,
})

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
const withSchool = (): Street => {
  const r = seeded()
  r.must('p-zhou', 'appointRole', {
    assignment: 'as-jingchu-sec',
    person: SECRETARY,
    role: 'secretary',
    scope: org('o-jingchu'),
  })
  r.must(CLERK, 'openSchool', opening())
  r.must(SECRETARY, 'engageTeacher', engaging('t-gov'))
  r.must(
    SECRETARY,
    'engageTeacher',
    engaging('t-college', { sector: 'college', affiliation: 'Guangzhou Vocational College' }),
  )
  r.must(SECRETARY, 'offerCourse', offering('co-1'))
  r.must(
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

const enrolmentOf = (r: Street, course: string, learner: string): Enrolment | undefined =>
  lookup(r.state.enrolments, enrolmentKey(CourseId.make(course), learner))

/** `minutes` after the instant `at`, written at +08:00 like the fixtures' clock. */
const plus = (at: string, minutes: number): string =>
  `${new Date(Date.parse(at) + (minutes + 8 * 60) * 60_000).toISOString().slice(0, 19)}+08:00`
/**
 * The next command's time, `minutes` later than the fixtures' clock would date it: a class is
 * recorded when it ends, so the next class of a course waits for the last one to end.
 */
const later = (r: Street, minutes: number): string => plus(r.nextAt(), minutes)

// ---------------------------------------------------------------------------------------------

describe('enrolment', () => {
  it('a learner enrols in person, or a school head enrols them', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    r.must(SECRETARY, 'enrolLearner', ofCourse('co-1', 'm-2'))
    r.must(CLERK, 'enrolLearner', ofCourse('co-1', 'l-1'))
    expect(enrolmentOf(r, 'co-1', 'm-1')).toMatchObject({
      course: 'co-1',
      learner: 'm-1',
      status: 'enrolled',
      minutesAttended: 0,
      endedAt: null,
    })
    r.when('l-2', 'enrolLearner', ofCourse('co-1', 'm-3')).thenRefused(
      forbiddenTo('l-2', 'enrolLearner', ['m-3 in person', ...HEADS]),
    )
    // A teacher does not enrol others.
    r.when('t-gov', 'enrolLearner', ofCourse('co-1', 'm-3')).thenRefused({
      code: 'Forbidden',
    })
  })

  it('a learner is a person of the registry who lives in the street', () => {
    const r = withSchool()
    r.when(SECRETARY, 'enrolLearner', ofCourse('co-1', 'p-ghost')).thenRefused(
      notFound('person', 'p-ghost'),
    )
    r.must(CLERK, 'recordDeparture', { person: 'm-4', destination: 'Honghu' })
    r.when('m-4', 'enrolLearner', ofCourse('co-1', 'm-4')).thenRefused(rule('not-a-resident'))
    // A migrant of West lives in the street too.
    r.must('w-1', 'enrolLearner', ofCourse('co-1', 'w-1'))
  })

  it('a teacher does not learn the course they teach, but may learn another', () => {
    const r = withSchool()
    // t-gov teaches co-1 and co-2; t-college teaches co-2 only.
    r.when('t-gov', 'enrolLearner', ofCourse('co-1', 't-gov')).thenRefused(rule('teacher-learns'))
    r.when(SECRETARY, 'enrolLearner', ofCourse('co-2', 't-college')).thenRefused(
      rule('teacher-learns'),
    )
    r.must('t-college', 'enrolLearner', ofCourse('co-1', 't-college'))
    expect(enrolmentOf(r, 'co-1', 't-college')?.status).toBe('enrolled')
  })

  it('one enrolment per course and learner, even after withdrawing or completing', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    r.when('m-1', 'enrolLearner', ofCourse('co-1', 'm-1')).thenRefused(rule('already-enrolled'))
    r.must('m-1', 'withdrawLearner', ofCourse('co-1', 'm-1'))
    r.when(SECRETARY, 'enrolLearner', ofCourse('co-1', 'm-1')).thenRefused(rule('already-enrolled'))
    r.must('m-2', 'enrolLearner', ofCourse('co-2', 'm-2'))
    r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-2']))
    r.must('t-college', 'completeCourse', ofCourse('co-2', 'm-2'))
    r.when('m-2', 'enrolLearner', ofCourse('co-2', 'm-2')).thenRefused(rule('already-enrolled'))
  })
})

describe('classes', () => {
  it('a teacher of the course holds a class; each attendee’s minutes grow by its length', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    r.must('m-2', 'enrolLearner', ofCourse('co-1', 'm-2'))
    const held = r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 90, ['m-1', 'm-2']))
    r.must('t-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1']), later(r, 60))
    expect(lookup(r.state.classes, ClassId.make('cl-1'))).toEqual({
      id: 'cl-1',
      course: 'co-1',
      teacher: 't-gov',
      at: held.events[0]?.at,
      minutes: 90,
      attended: ['m-1', 'm-2'],
    })
    expect(enrolmentOf(r, 'co-1', 'm-1')?.minutesAttended).toBe(120)
    expect(enrolmentOf(r, 'co-1', 'm-2')?.minutesAttended).toBe(90)
  })

  it('only a teacher of the course holds its classes — a school head is not enough', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    for (const actor of [SECRETARY, CLERK, 't-college'])
      r.when(actor, 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1'])).thenRefused(
        forbiddenTo(actor, 'holdClass', ['a teacher of co-1']),
      )
  })

  it('a class id is used once', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1']))
    r.when('t-gov', 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1'])).thenRefused({
      code: 'AlreadyExists',
      entity: 'class',
      id: 'cl-1',
    })
  })

  it('a class of a course starts once the course’s last class has ended: hours are not counted twice', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    r.must('m-2', 'enrolLearner', ofCourse('co-2', 'm-2'))
    // A class is recorded when it ends: cl-1 ran the 90 minutes up to its time.
    const held = r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 90, ['m-1']))
    const ended = held.events[0]?.at ?? ''
    // A minute later, a 30-minute class of co-1 would have started during cl-1.
    r.when('t-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1'])).thenRefused(
      rule('class-overlap'),
    )
    // Another course's class runs at the same time.
    r.must('t-college', 'holdClass', classOf('co-2', 'cl-9', 60, ['m-2']))
    // A class that starts the moment cl-1 ended is recorded.
    r.must('t-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1']), plus(ended, 30))
    // The next class is measured against the latest one, cl-2.
    r.when('t-gov', 'holdClass', classOf('co-1', 'cl-3', 60, ['m-1']), plus(ended, 60)).thenRefused(
      rule('class-overlap'),
    )
    expect(enrolmentOf(r, 'co-1', 'm-1')?.minutesAttended).toBe(120)
  })

  it('a teacher of the course is not named among its class’s attendees', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-2', 'm-1'))
    for (const teacher of ['t-gov', 't-college'])
      r.when('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1', teacher])).thenRefused(
        rule('teacher-learns'),
      )
  })

  it('every attendee is enrolled in the course now, and named once', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    r.must('m-2', 'enrolLearner', ofCourse('co-1', 'm-2'))
    r.must('m-3', 'enrolLearner', ofCourse('co-2', 'm-3'))
    r.must('m-2', 'withdrawLearner', ofCourse('co-1', 'm-2'))
    for (const stranger of ['l-1', 'm-2', 'm-3'])
      r.when('t-gov', 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1', stranger])).thenRefused(
        rule('not-enrolled'),
      )
    r.when('t-gov', 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1', 'm-1'])).thenRefused(
      rule('attended-twice'),
    )
  })
})

describe('completion and withdrawal', () => {
  it('a course is completed once its hours are attended', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 90, ['m-1']))
    r.when('t-gov', 'completeCourse', ofCourse('co-1', 'm-1')).thenRefused(rule('hours-attended'))
    // The second class, an hour later (and every command after it).
    r.must('t-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1']), later(r, 60))
    const done = r.must('t-gov', 'completeCourse', ofCourse('co-1', 'm-1'), later(r, 60))
    expect(enrolmentOf(r, 'co-1', 'm-1')).toMatchObject({
      status: 'completed',
      minutesAttended: 120,
      endedAt: done.events[0]?.at,
    })
    r.when('t-gov', 'completeCourse', ofCourse('co-1', 'm-1'), later(r, 60)).thenRefused(
      illegal('completed', 'completeCourse'),
    )
    r.when('m-1', 'withdrawLearner', ofCourse('co-1', 'm-1'), later(r, 60)).thenRefused(
      illegal('completed', 'withdrawLearner'),
    )
  })

  it('a teacher of the course or a school head records completion; nobody else', () => {
    const r = withSchool()
    for (const learner of ['m-1', 'm-2', 'm-3']) {
      r.must(learner, 'enrolLearner', ofCourse('co-2', learner))
    }
    r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1', 'm-2', 'm-3']))
    r.when('m-1', 'completeCourse', ofCourse('co-2', 'm-1')).thenRefused(
      forbiddenTo('m-1', 'completeCourse', ['a teacher of co-2', ...HEADS]),
    )
    r.must('t-gov', 'completeCourse', ofCourse('co-2', 'm-1'))
    r.must(SECRETARY, 'completeCourse', ofCourse('co-2', 'm-2'))
    r.must(CLERK, 'completeCourse', ofCourse('co-2', 'm-3'))
    expect(enrolmentOf(r, 'co-2', 'm-3')?.status).toBe('completed')
  })

  it('nobody records the completion of their own enrolment, not even a school head', () => {
    const r = withSchool()
    r.must(SECRETARY, 'enrolLearner', ofCourse('co-2', SECRETARY))
    r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, [SECRETARY]))
    r.when(SECRETARY, 'completeCourse', ofCourse('co-2', SECRETARY)).thenRefused(
      rule('completes-own'),
    )
    expect(enrolmentOf(r, 'co-2', SECRETARY)?.status).toBe('enrolled')
    r.must('t-college', 'completeCourse', ofCourse('co-2', SECRETARY))
    expect(enrolmentOf(r, 'co-2', SECRETARY)?.status).toBe('completed')
  })

  it('completion and withdrawal need an enrolment', () => {
    const r = withSchool()
    const key = enrolmentKey(CourseId.make('co-1'), 'm-1')
    r.when('t-gov', 'completeCourse', ofCourse('co-1', 'm-1')).thenRefused(
      notFound('enrolment', key),
    )
    r.when('m-1', 'withdrawLearner', ofCourse('co-1', 'm-1')).thenRefused(
      notFound('enrolment', key),
    )
  })

  it('a learner withdraws in person, or a school head withdraws them; then nothing more', () => {
    const r = withSchool()
    r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    r.must('m-2', 'enrolLearner', ofCourse('co-1', 'm-2'))
    r.when('t-gov', 'withdrawLearner', ofCourse('co-1', 'm-1')).thenRefused(
      forbiddenTo('t-gov', 'withdrawLearner', ['m-1 in person', ...HEADS]),
    )
    const left = r.must('m-1', 'withdrawLearner', ofCourse('co-1', 'm-1'))
    r.must(SECRETARY, 'withdrawLearner', ofCourse('co-1', 'm-2'))
    expect(enrolmentOf(r, 'co-1', 'm-1')).toMatchObject({
      status: 'withdrawn',
      endedAt: left.events[0]?.at,
    })
    r.when('m-1', 'withdrawLearner', ofCourse('co-1', 'm-1')).thenRefused(
      illegal('withdrawn', 'withdrawLearner'),
    )
    r.when('t-gov', 'completeCourse', ofCourse('co-1', 'm-2')).thenRefused(
      illegal('withdrawn', 'completeCourse'),
    )
  })
})

describe('training hours', () => {
  /**
   * sc-1: m-1, m-2 and l-1 in co-1 (90 minutes together, l-1 withdraws; 30 more for m-1 an hour
   * later, and m-1 completes), m-3 in co-2 (60 minutes, completes); sc-east: m-1 in an
   * early-childhood course (45 minutes).
   */
  const withTraining = () => {
    const r = withSchool()
    for (const learner of ['m-1', 'm-2', 'l-1'])
      r.must(learner, 'enrolLearner', ofCourse('co-1', learner))
    r.must('m-3', 'enrolLearner', ofCourse('co-2', 'm-3'))
    r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 90, ['m-1', 'm-2', 'l-1']))
    r.must('t-college', 'holdClass', classOf('co-2', 'cl-3', 60, ['m-3']))
    r.must('t-college', 'completeCourse', ofCourse('co-2', 'm-3'))
    r.must('l-1', 'withdrawLearner', ofCourse('co-1', 'l-1'))
    r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    r.must(EAST_CLERK, 'engageTeacher', engaging('t-college', { school: 'sc-east' }))
    r.must(
      EAST_CLERK,
      'offerCourse',
      offering('co-9', {
        school: 'sc-east',
        module: 'early-childhood',
        title: 'Play and learning',
        teachers: ['t-college'],
      }),
    )
    r.must('m-1', 'enrolLearner', ofCourse('co-9', 'm-1', 'sc-east'))
    r.must('t-college', 'holdClass', {
      ...classOf('co-9', 'cl-9', 45, ['m-1']),
      school: 'sc-east',
    })
    // co-1's second class, an hour later (once the first has ended), completes m-1's hours.
    r.must('t-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1']), later(r, 60))
    r.must('t-gov', 'completeCourse', ofCourse('co-1', 'm-1'), later(r, 60))
    return r
  }

  const none = { minutes: 0, hours: 0 }
  const modules = (over: Record<string, { minutes: number; hours: number }>) => ({
    'public-management': none,
    'backbone-capacity': none,
    'organisation-capacity': none,
    'early-childhood': none,
    'job-skills': none,
    ...over,
  })

  it('trainingHours gives each learner minutes, hours, enrolments, completions and hours by module', () => {
    const r = withTraining()
    expect(trainingHours(r.state)).toEqual([
      {
        person: 'l-1',
        minutes: 90,
        hours: 1.5,
        enrolments: 1,
        completed: 0,
        byModule: modules({ 'job-skills': { minutes: 90, hours: 1.5 } }),
      },
      {
        person: 'm-1',
        minutes: 165,
        hours: 2.75,
        enrolments: 2,
        completed: 1,
        byModule: modules({
          'job-skills': { minutes: 120, hours: 2 },
          'early-childhood': { minutes: 45, hours: 0.75 },
        }),
      },
      {
        person: 'm-2',
        minutes: 90,
        hours: 1.5,
        enrolments: 1,
        completed: 0,
        byModule: modules({ 'job-skills': { minutes: 90, hours: 1.5 } }),
      },
      {
        person: 'm-3',
        minutes: 60,
        hours: 1,
        enrolments: 1,
        completed: 1,
        byModule: modules({ 'backbone-capacity': { minutes: 60, hours: 1 } }),
      },
    ])
  })

  it('trainingHours of one school counts that school’s courses only', () => {
    const r = withTraining()
    const east = trainingHours(r.state, { school: SchoolId.make('sc-east') })
    expect(east).toEqual([
      {
        person: 'm-1',
        minutes: 45,
        hours: 0.75,
        enrolments: 1,
        completed: 0,
        byModule: modules({ 'early-childhood': { minutes: 45, hours: 0.75 } }),
      },
    ])
    const sc1 = trainingHours(r.state, { school: SchoolId.make(SC) })
    expect(sc1.map((t) => [t.person, t.minutes])).toEqual([
      ['l-1', 90],
      ['m-1', 120],
      ['m-2', 90],
      ['m-3', 60],
    ])
  })

  it('trainingHoursBy residency compares registered and migrant residents', () => {
    const r = withTraining()
    const registry = r.registry().registry
    expect(trainingHoursBy(r.state, byResidency(registry))).toEqual([
      { group: 'migrant', persons: 3, minutes: 315, hours: 5.25, completed: 2 },
      { group: 'registered', persons: 1, minutes: 90, hours: 1.5, completed: 0 },
    ])
    expect(trainingHoursBy(r.state, byResidency(registry), { school: SchoolId.make(SC) })).toEqual([
      { group: 'migrant', persons: 3, minutes: 270, hours: 4.5, completed: 2 },
      { group: 'registered', persons: 1, minutes: 90, hours: 1.5, completed: 0 },
    ])
  })

  it('trainingHoursBy leaves out persons the grouping does not place', () => {
    const r = withTraining()
    const registry = r.registry().registry
    expect(byResidency(registry)(PersonId.make('p-ghost'))).toBeNull()
    const onlyM1 = (person: PersonId) => (person === 'm-1' ? 'm-1' : null)
    expect(trainingHoursBy(r.state, onlyM1)).toEqual([
      { group: 'm-1', persons: 1, minutes: 165, hours: 2.75, completed: 1 },
    ])
    expect(trainingHours(emptyIntegration)).toEqual([])
    expect(trainingHoursBy(emptyIntegration, byResidency(registry))).toEqual([])
  })
})

describe('a learner is one while living in the street', () => {
  it('a learner who has left the street attends no class (not-a-resident)', () => {
    const r = withSchool()
    for (const learner of ['m-1', 'm-2']) r.must(learner, 'enrolLearner', ofCourse('co-2', learner))
    r.must(CLERK, 'recordDeparture', { person: 'm-2', destination: 'Honghu, Hubei' })
    r.when('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1', 'm-2'])).thenRefused(
      rule('not-a-resident'),
    )
    r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1']))
    // The enrolment of one who has left is still closed by the school's heads.
    r.must(SECRETARY, 'withdrawLearner', ofCourse('co-2', 'm-2'))
    expect(enrolmentOf(r, 'co-2', 'm-2')?.status).toBe('withdrawn')
  })
})
