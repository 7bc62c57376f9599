/**
 * Resource integration (资源整合): the integration school led by the migrant party branch, its
 * teachers from government, firms, social organisations and colleges, its courses, enrolment,
 * classes and completion, and the training hours read from them.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  ClassId,
  CourseId,
  PersonId,
  SchoolId,
  lookup,
  valuesOf,
  decodeWith,
  type DomainError,
} from '../../src/core/index.js'
import {
  byResidency,
  emptyIntegration,
  enrolmentKey,
  trainingHours,
  trainingHoursBy,
  ClassRecord,
  Course,
  Enrolment,
  School,
} from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  STREET,
  org,
  place,
  seedIntegration,
  type IntegrationStreet,
  forbiddenTo,
  refusedWithoutTrace,
  rule,
} from './fixtures.js'

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

const schoolOf = async (r: IntegrationStreet, id = SC): Promise<School> => {
  const school = lookup((await r.state()).schools, SchoolId.make(id))
  if (school === undefined) throw new Error(`school ${id} was never opened`)
  return school
}
const enrolmentOf = async (
  r: IntegrationStreet,
  course: string,
  learner: string,
): Promise<Enrolment | undefined> =>
  lookup((await r.state()).enrolments, enrolmentKey(CourseId.make(course), learner))

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

describe('opening the integration school', () => {
  it('a registrar over the place opens a school led by a party organisation', async () => {
    const r = await withSchool()
    expect(await schoolOf(r)).toMatchObject({
      id: SC,
      name: 'S Street Integration School',
      place: { level: 'street', id: STREET },
      ledBy: 'o-jingchu',
    })
  })

  it('a community registrar opens a school in the community, but not at the street', async () => {
    const r = await withSchool()
    await r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    expect((await schoolOf(r, 'sc-east')).ledBy).toBe('o-east')
    expect(await refused(r, EAST_CLERK, 'openSchool', opening({ school: 'sc-2' }))).toMatchObject(
      forbiddenTo(EAST_CLERK, 'openSchool', [`registrar@street:${STREET}`]),
    )
    // Leading the branch is not enough to open its school: that is the registrar's.
    expect(await refused(r, SECRETARY, 'openSchool', opening({ school: 'sc-2' }))).toMatchObject({
      code: 'Forbidden',
    })
  })

  it('a school sits at a place of the street, under a new id', async () => {
    const r = await withSchool()
    expect(await refused(r, CLERK, 'openSchool', opening())).toMatchObject({
      code: 'AlreadyExists',
      entity: 'school',
      id: SC,
    })
    expect(
      await refused(
        r,
        CLERK,
        'openSchool',
        opening({ school: 'sc-2', place: place('community', 'c-north') }),
      ),
    ).toMatchObject(notFound('community', 'c-north'))
  })

  it('a school is led by an active party organisation', async () => {
    const r = await withSchool()
    expect(
      await refused(r, CLERK, 'openSchool', opening({ school: 'sc-2', ledBy: 'o-nowhere' })),
    ).toMatchObject(notFound('organisation', 'o-nowhere'))
    expect(
      await refused(r, CLERK, 'openSchool', opening({ school: 'sc-2', ledBy: 'o-so' })),
    ).toMatchObject(rule('school-led-by-party'))
    await r.must('p-zhou', 'registerOrganisation', {
      organisation: {
        kind: 'party-branch',
        id: 'o-old-b',
        name: 'Old Floating Branch',
        seat: place('street', STREET),
        parent: 'o-street',
        branch: { kind: 'floating', homeOrganisation: 'Xiantao Committee', origin: 'Xiantao' },
      },
    })
    await r.must('p-zhou', 'dissolveOrganisation', {
      organisation: 'o-old-b',
      reason: 'Members went home',
    })
    expect(
      await refused(r, CLERK, 'openSchool', opening({ school: 'sc-2', ledBy: 'o-old-b' })),
    ).toMatchObject(rule('school-led-by-party'))
  })

  it('a school names one that exists in every command', async () => {
    const r = await withSchool()
    expect(
      await refused(r, SECRETARY, 'engageTeacher', engaging('l-1', { school: 'sc-none' })),
    ).toMatchObject(notFound('school', 'sc-none'))
    expect(
      await refused(r, 'm-1', 'enrolLearner', ofCourse('co-1', 'm-1', 'sc-none')),
    ).toMatchObject(notFound('school', 'sc-none'))
  })

  it('a school whose leading organisation is dissolved runs no more', async () => {
    const r = await withSchool()
    for (const learner of ['m-1', 'm-2'])
      await r.must(learner, 'enrolLearner', ofCourse('co-2', learner))
    await r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1', 'm-2']))
    await r.must('p-zhou', 'dissolveOrganisation', {
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
      const error = await refused(r, actor, type, payload)
      expect(error).toMatchObject(rule('school-led-by-party'))
      expect(error.message).toContain('the leading organisation is dissolved')
    }
    // Another school, led by an active organisation, opens and runs.
    await r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    await r.must(EAST_CLERK, 'engageTeacher', engaging('t-gov', { school: 'sc-east' }))
  })
})

describe('school heads and teachers', () => {
  it('the leaders of the leading branch (and of the committee above it) and registrars run the school', async () => {
    const r = await withSchool()
    await r.must(
      SECRETARY,
      'engageTeacher',
      engaging('p-so-head', { sector: 'social-organisation' }),
    )
    await r.must('p-zhou', 'engageTeacher', engaging('p-swc', { sector: 'social-organisation' }))
    await r.must(CLERK, 'engageTeacher', engaging('p-barber', { sector: 'firm' }))
    expect((await schoolOf(r)).teachers.map((t) => t.person)).toEqual([
      't-gov',
      't-college',
      'p-so-head',
      'p-swc',
      'p-barber',
    ])
    expect(await refused(r, 'l-1', 'engageTeacher', engaging('l-2'))).toMatchObject(
      forbiddenTo('l-1', 'engageTeacher', HEADS),
    )
    // A registrar of East is not over a school at the street.
    expect(await refused(r, EAST_CLERK, 'engageTeacher', engaging('l-2'))).toMatchObject(
      forbiddenTo(EAST_CLERK, 'engageTeacher', HEADS),
    )
  })

  it('a teacher is a person of the registry, from a registered body when one is named, engaged once', async () => {
    const r = await withSchool()
    await r.must(
      SECRETARY,
      'engageTeacher',
      engaging('p-swc', {
        sector: 'social-organisation',
        affiliation: 'Social-work centre',
        organisation: 'o-swc',
      }),
    )
    expect((await schoolOf(r)).teachers[2]).toMatchObject({
      person: 'p-swc',
      sector: 'social-organisation',
      affiliation: 'Social-work centre',
      organisation: 'o-swc',
    })
    expect(await refused(r, SECRETARY, 'engageTeacher', engaging('p-ghost'))).toMatchObject(
      notFound('person', 'p-ghost'),
    )
    expect(
      await refused(r, SECRETARY, 'engageTeacher', engaging('l-1', { organisation: 'o-nowhere' })),
    ).toMatchObject(notFound('organisation', 'o-nowhere'))
    expect(await refused(r, SECRETARY, 'engageTeacher', engaging('t-gov'))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'teacher',
    })
  })

  it('a school engages at most 200 teachers', async () => {
    const r = await withSchool()
    for (let i = 0; i < 199; i++) {
      await r.must(CLERK, 'registerPerson', {
        person: `t-${i}`,
        name: `Teacher ${i}`,
        household: { status: 'registered' },
        home: null,
      })
      // Two are engaged already: t-gov and t-college.
      if (i < 198) await r.must(SECRETARY, 'engageTeacher', engaging(`t-${i}`))
    }
    expect((await schoolOf(r)).teachers).toHaveLength(200)
    expect(await refused(r, SECRETARY, 'engageTeacher', engaging('t-198'))).toMatchObject(
      rule('teachers-full'),
    )
  })
})

describe('courses', () => {
  it('a school head offers a course taught by the school’s teachers', async () => {
    const r = await withSchool()
    expect(lookup((await r.state()).courses, CourseId.make('co-2'))).toMatchObject({
      school: SC,
      module: 'backbone-capacity',
      title: 'Community leadership',
      teachers: ['t-college', 't-gov'],
      hoursToComplete: 1,
    })
    expect(await refused(r, 't-gov', 'offerCourse', offering('co-3'))).toMatchObject(
      forbiddenTo('t-gov', 'offerCourse', HEADS),
    )
  })

  it('a course id is used once', async () => {
    const r = await withSchool()
    expect(await refused(r, SECRETARY, 'offerCourse', offering('co-1'))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'course',
      id: 'co-1',
    })
  })

  it('a course is taught by at least one teacher engaged by the school, each named once', async () => {
    const r = await withSchool()
    expect(
      await refused(r, SECRETARY, 'offerCourse', offering('co-3', { teachers: [] })),
    ).toMatchObject(rule('no-teachers'))
    expect(
      await refused(r, SECRETARY, 'offerCourse', offering('co-3', { teachers: ['t-gov', 'l-1'] })),
    ).toMatchObject(rule('teacher-not-engaged'))
    expect(
      await refused(
        r,
        SECRETARY,
        'offerCourse',
        offering('co-3', { teachers: ['t-gov', 't-gov'] }),
      ),
    ).toMatchObject(rule('teacher-twice'))
  })

  it('a teacher engaged by another school does not teach this school’s course', async () => {
    const r = await withSchool()
    await r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    await r.must(EAST_CLERK, 'engageTeacher', engaging('p-swc', { school: 'sc-east' }))
    expect(
      await refused(r, SECRETARY, 'offerCourse', offering('co-3', { teachers: ['p-swc'] })),
    ).toMatchObject(rule('teacher-not-engaged'))
  })

  it('every command names a course of that school: another school’s course is not found', async () => {
    const r = await withSchool()
    await r.must(
      EAST_CLERK,
      'openSchool',
      opening({ school: 'sc-east', place: place('community', 'c-east'), ledBy: 'o-east' }),
    )
    await r.must(EAST_CLERK, 'engageTeacher', engaging('t-gov', { school: 'sc-east' }))
    await r.must(EAST_CLERK, 'offerCourse', offering('co-east', { school: 'sc-east' }))
    await r.must('m-1', 'enrolLearner', ofCourse('co-east', 'm-1', 'sc-east'))
    const elsewhere = notFound('course', `co-east of ${SC}`)
    expect(await refused(r, 'm-2', 'enrolLearner', ofCourse('co-east', 'm-2'))).toMatchObject(
      elsewhere,
    )
    expect(
      await refused(r, 't-gov', 'holdClass', classOf('co-east', 'cl-1', 60, ['m-1'])),
    ).toMatchObject(elsewhere)
    expect(await refused(r, 't-gov', 'completeCourse', ofCourse('co-east', 'm-1'))).toMatchObject(
      elsewhere,
    )
    expect(await refused(r, 'm-1', 'withdrawLearner', ofCourse('co-east', 'm-1'))).toMatchObject(
      elsewhere,
    )
    expect(await refused(r, 'm-1', 'enrolLearner', ofCourse('co-none', 'm-1'))).toMatchObject(
      notFound('course', `co-none of ${SC}`),
    )
  })
})

describe('enrolment', () => {
  it('a learner enrols in person, or a school head enrols them', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    await r.must(SECRETARY, 'enrolLearner', ofCourse('co-1', 'm-2'))
    await r.must(CLERK, 'enrolLearner', ofCourse('co-1', 'l-1'))
    expect(await enrolmentOf(r, 'co-1', 'm-1')).toMatchObject({
      course: 'co-1',
      learner: 'm-1',
      status: 'enrolled',
      minutesAttended: 0,
      endedAt: null,
    })
    expect(await refused(r, 'l-2', 'enrolLearner', ofCourse('co-1', 'm-3'))).toMatchObject(
      forbiddenTo('l-2', 'enrolLearner', ['m-3 in person', ...HEADS]),
    )
    // A teacher does not enrol others.
    expect(await refused(r, 't-gov', 'enrolLearner', ofCourse('co-1', 'm-3'))).toMatchObject({
      code: 'Forbidden',
    })
  })

  it('a learner is a person of the registry who lives in the street', async () => {
    const r = await withSchool()
    expect(await refused(r, SECRETARY, 'enrolLearner', ofCourse('co-1', 'p-ghost'))).toMatchObject(
      notFound('person', 'p-ghost'),
    )
    await r.must(CLERK, 'recordDeparture', { person: 'm-4', destination: 'Honghu' })
    expect(await refused(r, 'm-4', 'enrolLearner', ofCourse('co-1', 'm-4'))).toMatchObject(
      rule('not-a-resident'),
    )
    // A migrant of West lives in the street too.
    await r.must('w-1', 'enrolLearner', ofCourse('co-1', 'w-1'))
  })

  it('a teacher does not learn the course they teach, but may learn another', async () => {
    const r = await withSchool()
    // t-gov teaches co-1 and co-2; t-college teaches co-2 only.
    expect(await refused(r, 't-gov', 'enrolLearner', ofCourse('co-1', 't-gov'))).toMatchObject(
      rule('teacher-learns'),
    )
    expect(
      await refused(r, SECRETARY, 'enrolLearner', ofCourse('co-2', 't-college')),
    ).toMatchObject(rule('teacher-learns'))
    await r.must('t-college', 'enrolLearner', ofCourse('co-1', 't-college'))
    expect((await enrolmentOf(r, 'co-1', 't-college'))?.status).toBe('enrolled')
  })

  it('one enrolment per course and learner, even after withdrawing or completing', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    expect(await refused(r, 'm-1', 'enrolLearner', ofCourse('co-1', 'm-1'))).toMatchObject(
      rule('already-enrolled'),
    )
    await r.must('m-1', 'withdrawLearner', ofCourse('co-1', 'm-1'))
    expect(await refused(r, SECRETARY, 'enrolLearner', ofCourse('co-1', 'm-1'))).toMatchObject(
      rule('already-enrolled'),
    )
    await r.must('m-2', 'enrolLearner', ofCourse('co-2', 'm-2'))
    await r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-2']))
    await r.must('t-college', 'completeCourse', ofCourse('co-2', 'm-2'))
    expect(await refused(r, 'm-2', 'enrolLearner', ofCourse('co-2', 'm-2'))).toMatchObject(
      rule('already-enrolled'),
    )
  })
})

describe('classes', () => {
  it('a teacher of the course holds a class; each attendee’s minutes grow by its length', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    await r.must('m-2', 'enrolLearner', ofCourse('co-1', 'm-2'))
    const held = await r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 90, ['m-1', 'm-2']))
    await r.must('t-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1']), later(r, 60))
    expect(lookup((await r.state()).classes, ClassId.make('cl-1'))).toEqual({
      id: 'cl-1',
      course: 'co-1',
      teacher: 't-gov',
      at: held.events[0]?.event.at,
      minutes: 90,
      attended: ['m-1', 'm-2'],
    })
    expect((await enrolmentOf(r, 'co-1', 'm-1'))?.minutesAttended).toBe(120)
    expect((await enrolmentOf(r, 'co-1', 'm-2'))?.minutesAttended).toBe(90)
  })

  it('only a teacher of the course holds its classes — a school head is not enough', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    for (const actor of [SECRETARY, CLERK, 't-college'])
      expect(
        await refused(r, actor, 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1'])),
      ).toMatchObject(forbiddenTo(actor, 'holdClass', ['a teacher of co-1']))
  })

  it('a class id is used once', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    await r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1']))
    expect(
      await refused(r, 't-gov', 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1'])),
    ).toMatchObject({ code: 'AlreadyExists', entity: 'class', id: 'cl-1' })
  })

  it('a class of a course starts once the course’s last class has ended: hours are not counted twice', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    await r.must('m-2', 'enrolLearner', ofCourse('co-2', 'm-2'))
    // A class is recorded when it ends: cl-1 ran the 90 minutes up to its time.
    const held = await r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 90, ['m-1']))
    const ended = held.events[0]?.event.at ?? ''
    // A minute later, a 30-minute class of co-1 would have started during cl-1.
    expect(
      await refused(r, 't-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1'])),
    ).toMatchObject(rule('class-overlap'))
    // Another course's class runs at the same time.
    await r.must('t-college', 'holdClass', classOf('co-2', 'cl-9', 60, ['m-2']))
    // A class that starts the moment cl-1 ended is recorded.
    await r.must('t-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1']), plus(ended, 30))
    // The next class is measured against the latest one, cl-2.
    expect(
      await refused(r, 't-gov', 'holdClass', classOf('co-1', 'cl-3', 60, ['m-1']), plus(ended, 60)),
    ).toMatchObject(rule('class-overlap'))
    expect((await enrolmentOf(r, 'co-1', 'm-1'))?.minutesAttended).toBe(120)
  })

  it('a teacher of the course is not named among its class’s attendees', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-2', 'm-1'))
    for (const teacher of ['t-gov', 't-college'])
      expect(
        await refused(r, 't-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1', teacher])),
      ).toMatchObject(rule('teacher-learns'))
  })

  it('every attendee is enrolled in the course now, and named once', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    await r.must('m-2', 'enrolLearner', ofCourse('co-1', 'm-2'))
    await r.must('m-3', 'enrolLearner', ofCourse('co-2', 'm-3'))
    await r.must('m-2', 'withdrawLearner', ofCourse('co-1', 'm-2'))
    for (const stranger of ['l-1', 'm-2', 'm-3'])
      expect(
        await refused(r, 't-gov', 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1', stranger])),
      ).toMatchObject(rule('not-enrolled'))
    expect(
      await refused(r, 't-gov', 'holdClass', classOf('co-1', 'cl-1', 60, ['m-1', 'm-1'])),
    ).toMatchObject(rule('attended-twice'))
  })
})

describe('completion and withdrawal', () => {
  it('a course is completed once its hours are attended', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    await r.must('t-gov', 'holdClass', classOf('co-1', 'cl-1', 90, ['m-1']))
    expect(await refused(r, 't-gov', 'completeCourse', ofCourse('co-1', 'm-1'))).toMatchObject(
      rule('hours-attended'),
    )
    // The second class, an hour later (and every command after it).
    await r.must('t-gov', 'holdClass', classOf('co-1', 'cl-2', 30, ['m-1']), later(r, 60))
    const done = await r.must('t-gov', 'completeCourse', ofCourse('co-1', 'm-1'), later(r, 60))
    expect(await enrolmentOf(r, 'co-1', 'm-1')).toMatchObject({
      status: 'completed',
      minutesAttended: 120,
      endedAt: done.events[0]?.event.at,
    })
    expect(
      await refused(r, 't-gov', 'completeCourse', ofCourse('co-1', 'm-1'), later(r, 60)),
    ).toMatchObject(illegal('completed', 'completeCourse'))
    expect(
      await refused(r, 'm-1', 'withdrawLearner', ofCourse('co-1', 'm-1'), later(r, 60)),
    ).toMatchObject(illegal('completed', 'withdrawLearner'))
  })

  it('a teacher of the course or a school head records completion; nobody else', async () => {
    const r = await withSchool()
    for (const learner of ['m-1', 'm-2', 'm-3']) {
      await r.must(learner, 'enrolLearner', ofCourse('co-2', learner))
    }
    await r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1', 'm-2', 'm-3']))
    expect(await refused(r, 'm-1', 'completeCourse', ofCourse('co-2', 'm-1'))).toMatchObject(
      forbiddenTo('m-1', 'completeCourse', ['a teacher of co-2', ...HEADS]),
    )
    await r.must('t-gov', 'completeCourse', ofCourse('co-2', 'm-1'))
    await r.must(SECRETARY, 'completeCourse', ofCourse('co-2', 'm-2'))
    await r.must(CLERK, 'completeCourse', ofCourse('co-2', 'm-3'))
    expect((await enrolmentOf(r, 'co-2', 'm-3'))?.status).toBe('completed')
  })

  it('nobody records the completion of their own enrolment, not even a school head', async () => {
    const r = await withSchool()
    await r.must(SECRETARY, 'enrolLearner', ofCourse('co-2', SECRETARY))
    await r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, [SECRETARY]))
    expect(
      await refused(r, SECRETARY, 'completeCourse', ofCourse('co-2', SECRETARY)),
    ).toMatchObject(rule('completes-own'))
    expect((await enrolmentOf(r, 'co-2', SECRETARY))?.status).toBe('enrolled')
    await r.must('t-college', 'completeCourse', ofCourse('co-2', SECRETARY))
    expect((await enrolmentOf(r, 'co-2', SECRETARY))?.status).toBe('completed')
  })

  it('completion and withdrawal need an enrolment', async () => {
    const r = await withSchool()
    const key = enrolmentKey(CourseId.make('co-1'), 'm-1')
    expect(await refused(r, 't-gov', 'completeCourse', ofCourse('co-1', 'm-1'))).toMatchObject(
      notFound('enrolment', key),
    )
    expect(await refused(r, 'm-1', 'withdrawLearner', ofCourse('co-1', 'm-1'))).toMatchObject(
      notFound('enrolment', key),
    )
  })

  it('a learner withdraws in person, or a school head withdraws them; then nothing more', async () => {
    const r = await withSchool()
    await r.must('m-1', 'enrolLearner', ofCourse('co-1', 'm-1'))
    await r.must('m-2', 'enrolLearner', ofCourse('co-1', 'm-2'))
    expect(await refused(r, 't-gov', 'withdrawLearner', ofCourse('co-1', 'm-1'))).toMatchObject(
      forbiddenTo('t-gov', 'withdrawLearner', ['m-1 in person', ...HEADS]),
    )
    const left = await r.must('m-1', 'withdrawLearner', ofCourse('co-1', 'm-1'))
    await r.must(SECRETARY, 'withdrawLearner', ofCourse('co-1', 'm-2'))
    expect(await enrolmentOf(r, 'co-1', 'm-1')).toMatchObject({
      status: 'withdrawn',
      endedAt: left.events[0]?.event.at,
    })
    expect(await refused(r, 'm-1', 'withdrawLearner', ofCourse('co-1', 'm-1'))).toMatchObject(
      illegal('withdrawn', 'withdrawLearner'),
    )
    expect(await refused(r, 't-gov', 'completeCourse', ofCourse('co-1', 'm-2'))).toMatchObject(
      illegal('withdrawn', 'completeCourse'),
    )
  })
})

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

  const none = { minutes: 0, hours: 0 }
  const modules = (over: Record<string, { minutes: number; hours: number }>) => ({
    'public-management': none,
    'backbone-capacity': none,
    'organisation-capacity': none,
    'early-childhood': none,
    'job-skills': none,
    ...over,
  })

  it('trainingHours gives each learner minutes, hours, enrolments, completions and hours by module', async () => {
    const r = await withTraining()
    expect(trainingHours(await r.state())).toEqual([
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

  it('trainingHours of one school counts that school’s courses only', async () => {
    const r = await withTraining()
    const east = trainingHours(await r.state(), { school: SchoolId.make('sc-east') })
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
    const sc1 = trainingHours(await r.state(), { school: SchoolId.make(SC) })
    expect(sc1.map((t) => [t.person, t.minutes])).toEqual([
      ['l-1', 90],
      ['m-1', 120],
      ['m-2', 90],
      ['m-3', 60],
    ])
  })

  it('trainingHoursBy residency compares registered and migrant residents', async () => {
    const r = await withTraining()
    const registry = (await r.street()).registry
    expect(trainingHoursBy(await r.state(), byResidency(registry))).toEqual([
      { group: 'migrant', persons: 3, minutes: 315, hours: 5.25, completed: 2 },
      { group: 'registered', persons: 1, minutes: 90, hours: 1.5, completed: 0 },
    ])
    expect(
      trainingHoursBy(await r.state(), byResidency(registry), { school: SchoolId.make(SC) }),
    ).toEqual([
      { group: 'migrant', persons: 3, minutes: 270, hours: 4.5, completed: 2 },
      { group: 'registered', persons: 1, minutes: 90, hours: 1.5, completed: 0 },
    ])
  })

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

  it('trainingHoursBy leaves out persons the grouping does not place', async () => {
    const r = await withTraining()
    const registry = (await r.street()).registry
    expect(byResidency(registry)(PersonId.make('p-ghost'))).toBeNull()
    const onlyM1 = (person: PersonId) => (person === 'm-1' ? 'm-1' : null)
    expect(trainingHoursBy(await r.state(), onlyM1)).toEqual([
      { group: 'm-1', persons: 1, minutes: 165, hours: 2.75, completed: 1 },
    ])
    expect(trainingHours(emptyIntegration)).toEqual([])
    expect(trainingHoursBy(emptyIntegration, byResidency(registry))).toEqual([])
  })
})

describe('a learner is one while living in the street', () => {
  it('a learner who has left the street attends no class (not-a-resident)', async () => {
    const r = await withSchool()
    for (const learner of ['m-1', 'm-2'])
      await r.must(learner, 'enrolLearner', ofCourse('co-2', learner))
    await r.must(CLERK, 'recordDeparture', { person: 'm-2', destination: 'Honghu, Hubei' })
    expect(
      await refused(r, 't-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1', 'm-2'])),
    ).toMatchObject(rule('not-a-resident'))
    await r.must('t-college', 'holdClass', classOf('co-2', 'cl-1', 60, ['m-1']))
    // The enrolment of one who has left is still closed by the school's heads.
    await r.must(SECRETARY, 'withdrawLearner', ofCourse('co-2', 'm-2'))
    expect((await enrolmentOf(r, 'co-2', 'm-2'))?.status).toBe('withdrawn')
  })
})
