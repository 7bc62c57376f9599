/**
 * The integration school's rules (resource integration, `src/integration/school.ts`), over the
 * pure decider: opening a school led by a party organisation, its heads and teachers, its courses.
 */
import { describe, expect, it } from 'vitest'
import { CourseId, SchoolId, lookup } from '../../src/core/index.js'
import { School } from '../../src/integration/index.js'
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

const schoolOf = (r: Street, id = SC): School => {
  const school = lookup(r.state.schools, SchoolId.make(id))
  if (school === undefined) throw new Error(`school ${id} was never opened`)
  return school
}

// ---------------------------------------------------------------------------------------------

describe('opening the integration school', () => {
  it('a registrar over the place opens a school led by a party organisation', () => {
    const r = withSchool()
    expect(schoolOf(r)).toMatchObject({
      id: SC,
      name: 'S Street Integration School',
      place: { level: 'street', id: STREET },
      ledBy: 'o-jingchu',
    })
  })

  it('a community registrar opens a school in the community, but not at the street', () => {
    const r = withSchool()
    r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    expect(schoolOf(r, 'sc-east').ledBy).toBe('o-east')
    r.when(EAST_CLERK, 'openSchool', opening({ school: 'sc-2' })).thenRefused(
      forbiddenTo(EAST_CLERK, 'openSchool', [`registrar@street:${STREET}`]),
    )
    // Leading the branch is not enough to open its school: that is the registrar's.
    r.when(SECRETARY, 'openSchool', opening({ school: 'sc-2' })).thenRefused({
      code: 'Forbidden',
    })
  })

  it('a school sits at a place of the street, under a new id', () => {
    const r = withSchool()
    r.when(CLERK, 'openSchool', opening()).thenRefused({
      code: 'AlreadyExists',
      entity: 'school',
      id: SC,
    })
    r.when(
      CLERK,
      'openSchool',
      opening({ school: 'sc-2', place: place('community', 'c-north') }),
    ).thenRefused(notFound('community', 'c-north'))
  })

  it('a school is led by an active party organisation', () => {
    const r = withSchool()
    r.when(CLERK, 'openSchool', opening({ school: 'sc-2', ledBy: 'o-nowhere' })).thenRefused(
      notFound('organisation', 'o-nowhere'),
    )
    r.when(CLERK, 'openSchool', opening({ school: 'sc-2', ledBy: 'o-so' })).thenRefused(
      rule('school-led-by-party'),
    )
    r.must('p-zhou', 'registerOrganisation', {
      organisation: {
        kind: 'party-branch',
        id: 'o-old-b',
        name: 'Old Floating Branch',
        seat: place('street', STREET),
        parent: 'o-street',
        branch: { kind: 'floating', homeOrganisation: 'Xiantao Committee', origin: 'Xiantao' },
      },
    })
    r.must('p-zhou', 'dissolveOrganisation', {
      organisation: 'o-old-b',
      reason: 'Members went home',
    })
    r.when(CLERK, 'openSchool', opening({ school: 'sc-2', ledBy: 'o-old-b' })).thenRefused(
      rule('school-led-by-party'),
    )
  })

  it('a school names one that exists in every command', () => {
    const r = withSchool()
    r.when(SECRETARY, 'engageTeacher', engaging('l-1', { school: 'sc-none' })).thenRefused(
      notFound('school', 'sc-none'),
    )
    r.when('m-1', 'enrolLearner', ofCourse('co-1', 'm-1', 'sc-none')).thenRefused(
      notFound('school', 'sc-none'),
    )
  })

  it('a school whose leading organisation is dissolved runs no more', () => {
    const r = withSchool()
    for (const learner of ['m-1', 'm-2']) r.must(learner, 'enrolLearner', ofCourse('co-2', learner))
    r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1', 'm-2']))
    r.must('p-zhou', 'dissolveOrganisation', {
      organisation: 'o-jingchu',
      reason: 'Members went home',
    })
    // Even a registrar over its place, still a head, runs it no more.
    for (const [actor, type, payload] of [
      [CLERK, 'engageTeacher', engaging('l-1')],
      [CLERK, 'offerCourse', offering('co-3')],
      ['m-3', 'enrolLearner', ofCourse('co-1', 'm-3')],
      ['t-gov', 'holdClass', classOf('co-2', 'cl-2', 60, ['m-1'])],
      ['t-college', 'completeCourse', ofCourse('co-2', 'm-1')],
      ['m-2', 'withdrawLearner', ofCourse('co-2', 'm-2')],
    ] as const) {
      const error = r.when(actor, type, payload).thenRefused({})
      expect(error).toMatchObject(rule('school-led-by-party'))
      expect(error.message).toContain('the leading organisation is dissolved')
    }
    // Another school, led by an active organisation, opens and runs.
    r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    r.must(EAST_CLERK, 'engageTeacher', engaging('t-gov', { school: 'sc-east' }))
  })
})

describe('school heads and teachers', () => {
  it('the leaders of the leading branch (and of the committee above it) and registrars run the school', () => {
    const r = withSchool()
    r.must(SECRETARY, 'engageTeacher', engaging('p-so-head', { sector: 'social-organisation' }))
    r.must('p-zhou', 'engageTeacher', engaging('p-swc', { sector: 'social-organisation' }))
    r.must(CLERK, 'engageTeacher', engaging('p-barber', { sector: 'firm' }))
    expect(schoolOf(r).teachers.map((t) => t.person)).toEqual([
      't-gov',
      't-college',
      'p-so-head',
      'p-swc',
      'p-barber',
    ])
    r.when('l-1', 'engageTeacher', engaging('l-2')).thenRefused(
      forbiddenTo('l-1', 'engageTeacher', HEADS),
    )
    // A registrar of East is not over a school at the street.
    r.when(EAST_CLERK, 'engageTeacher', engaging('l-2')).thenRefused(
      forbiddenTo(EAST_CLERK, 'engageTeacher', HEADS),
    )
  })

  it('a teacher is a person of the registry, from a registered body when one is named, engaged once', () => {
    const r = withSchool()
    r.must(
      SECRETARY,
      'engageTeacher',
      engaging('p-swc', {
        sector: 'social-organisation',
        affiliation: 'Social-work centre',
        organisation: 'o-swc',
      }),
    )
    expect(schoolOf(r).teachers[2]).toMatchObject({
      person: 'p-swc',
      sector: 'social-organisation',
      affiliation: 'Social-work centre',
      organisation: 'o-swc',
    })
    r.when(SECRETARY, 'engageTeacher', engaging('p-ghost')).thenRefused(
      notFound('person', 'p-ghost'),
    )
    r.when(SECRETARY, 'engageTeacher', engaging('l-1', { organisation: 'o-nowhere' })).thenRefused(
      notFound('organisation', 'o-nowhere'),
    )
    r.when(SECRETARY, 'engageTeacher', engaging('t-gov')).thenRefused({
      code: 'AlreadyExists',
      entity: 'teacher',
    })
  })

  it('a school engages at most 200 teachers', () => {
    const r = withSchool()
    for (let i = 0; i < 199; i++) {
      r.must(CLERK, 'registerPerson', {
        person: `t-${i}`,
        name: `Teacher ${i}`,
        household: { status: 'registered' },
        home: null,
      })
      // Two are engaged already: t-gov and t-college.
      if (i < 198) r.must(SECRETARY, 'engageTeacher', engaging(`t-${i}`))
    }
    expect(schoolOf(r).teachers).toHaveLength(200)
    r.when(SECRETARY, 'engageTeacher', engaging('t-198')).thenRefused(rule('teachers-full'))
  })
})

describe('courses', () => {
  it('a school head offers a course taught by the school’s teachers', () => {
    const r = withSchool()
    expect(lookup(r.state.courses, CourseId.make('co-2'))).toMatchObject({
      school: SC,
      module: 'backbone-capacity',
      title: 'Community leadership',
      teachers: ['t-college', 't-gov'],
      hoursToComplete: 1,
    })
    r.when('t-gov', 'offerCourse', offering('co-3')).thenRefused(
      forbiddenTo('t-gov', 'offerCourse', HEADS),
    )
  })

  it('a course id is used once', () => {
    const r = withSchool()
    r.when(SECRETARY, 'offerCourse', offering('co-1')).thenRefused({
      code: 'AlreadyExists',
      entity: 'course',
      id: 'co-1',
    })
  })

  it('a course is taught by at least one teacher engaged by the school, each named once', () => {
    const r = withSchool()
    r.when(SECRETARY, 'offerCourse', offering('co-3', { teachers: [] })).thenRefused(
      rule('no-teachers'),
    )
    r.when(SECRETARY, 'offerCourse', offering('co-3', { teachers: ['t-gov', 'l-1'] })).thenRefused(
      rule('teacher-not-engaged'),
    )
    r.when(
      SECRETARY,
      'offerCourse',
      offering('co-3', { teachers: ['t-gov', 't-gov'] }),
    ).thenRefused(rule('teacher-twice'))
  })

  it('a teacher engaged by another school does not teach this school’s course', () => {
    const r = withSchool()
    r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    r.must(EAST_CLERK, 'engageTeacher', engaging('p-swc', { school: 'sc-east' }))
    r.when(SECRETARY, 'offerCourse', offering('co-3', { teachers: ['p-swc'] })).thenRefused(
      rule('teacher-not-engaged'),
    )
  })

  it('every command names a course of that school: another school’s course is not found', () => {
    const r = withSchool()
    r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    r.must(EAST_CLERK, 'engageTeacher', engaging('t-gov', { school: 'sc-east' }))
    r.must(EAST_CLERK, 'offerCourse', offering('co-east', { school: 'sc-east' }))
    r.must('m-1', 'enrolLearner', ofCourse('co-east', 'm-1', 'sc-east'))
    const elsewhere = notFound('course', `co-east of ${SC}`)
    r.when('m-2', 'enrolLearner', ofCourse('co-east', 'm-2')).thenRefused(elsewhere)
    r.when('t-gov', 'holdClass', classOf('co-east', 'cl-1', 60, ['m-1'])).thenRefused(elsewhere)
    r.when('t-gov', 'completeCourse', ofCourse('co-east', 'm-1')).thenRefused(elsewhere)
    r.when('m-1', 'withdrawLearner', ofCourse('co-east', 'm-1')).thenRefused(elsewhere)
    r.when('m-1', 'enrolLearner', ofCourse('co-none', 'm-1')).thenRefused(
      notFound('course', `co-none of ${SC}`),
    )
  })
})
