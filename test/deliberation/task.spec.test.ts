import { describe, expect, it } from 'vitest'
import { deliberationRules as rules } from '../../src/deliberation/index.js'
import {
  ALL_YES,
  assign,
  byOrganisation,
  byPerson,
  CHAIR,
  decided,
  finish,
  forbiddenTo,
  illegal,
  inSession,
  matterOf,
  move,
  notFound,
  open,
  schedule,
  second,
  SIX,
  statusOf,
  submit,
  taskOf,
  vote,
  withTasks,
} from './spec-fixtures.js'

// Interest coordination 利益协调 (task.ts): a decided matter is broken into tasks with owners and
// due dates; owners accept, report and finish them, or object, and a coordination meeting settles
// the objections.

describe('stage 3, interest coordination 利益协调: tasks with owners and due dates', () => {
  it('the chair breaks a decided matter into tasks for a person or an organisation', () => {
    const s = withTasks()
    expect(statusOf(s, 'm-1')).toBe('coordinating')
    expect(matterOf(s, 'm-1')?.tasks).toEqual(['t-1', 't-2'])
    expect(taskOf(s, 't-1')).toEqual({
      id: 't-1',
      matter: 'm-1',
      owner: { kind: 'organisation', organisation: 'o-property' },
      description: 'Task t-1',
      due: '2024-06-30T18:00:00+08:00',
      status: 'assigned',
      progress: [],
      objections: [],
      reports: [],
      doneAt: null,
    })
    expect(taskOf(s, 't-2')?.owner).toEqual({ kind: 'person', person: 'r-1' })
  })

  it('a matter not yet decided is not broken into tasks', () => {
    const s = inSession()
    s.when(CHAIR, 'assignTask', {
      task: 't-1',
      matter: 'm-1',
      owner: byPerson('r-1'),
      description: 'Early',
      due: '2024-06-30T18:00:00+08:00',
    }).thenRefused(illegal('matter', 'deliberating', 'assignTask'))
  })

  it('a task’s owner exists, and its id is used once', () => {
    const s = withTasks()
    const task = (id: string, owner: object) =>
      s.when(CHAIR, 'assignTask', {
        task: id,
        matter: 'm-1',
        owner,
        description: 'More',
        due: '2024-06-30T18:00:00+08:00',
      })
    task('t-3', byPerson('p-nobody')).thenRefused({
      code: 'NotFound',
      entity: 'person',
      id: 'p-nobody',
    })
    task('t-3', byOrganisation('o-nowhere')).thenRefused({
      code: 'NotFound',
      entity: 'organisation',
      id: 'o-nowhere',
    })
    task('t-1', byPerson('r-2')).thenRefused({
      code: 'AlreadyExists',
      entity: 'task',
      id: 't-1',
    })
  })

  it('the owner accepts, reports progress and finishes; a leader of an owning organisation answers for it', () => {
    let s = withTasks()
    s = s.does('p-prop', 'acceptTask', { task: 't-1' })
    expect(taskOf(s, 't-1')?.status).toBe('accepted')
    s = s.does('p-prop', 'reportProgress', { task: 't-1', percent: 40, note: 'Two stations' })
    s = s.does('p-prop', 'reportProgress', { task: 't-1', percent: 80, note: 'Three' })
    s = s.does('p-prop', 'finishTask', { task: 't-1' })
    expect(taskOf(s, 't-1')).toMatchObject({
      status: 'done',
      progress: [
        { percent: 40, note: 'Two stations' },
        { percent: 80, note: 'Three' },
      ],
      doneAt: s.events[0]?.at,
    })
  })

  it('progress is reported on an accepted task only', () => {
    let s = withTasks()
    s.when('r-1', 'reportProgress', { task: 't-2', percent: 10, note: 'Started' }).thenRefused(
      illegal('task', 'assigned', 'reportProgress'),
    )
    s = finish(s, 't-2', 'r-1')
    s.when('r-1', 'objectToTask', { task: 't-2', reason: 'x' }).thenRefused(
      illegal('task', 'done', 'objectToTask'),
    )
  })

  it.each([
    ['acceptTask', {}],
    ['reportProgress', { percent: 10, note: 'Started' }],
    ['finishTask', {}],
    ['objectToTask', { reason: 'Not ours' }],
  ])('only a task’s owner may %s', (type, extra) => {
    let s = withTasks()
    s = s.does('p-prop', 'acceptTask', { task: 't-1' })
    s = s.does('r-1', 'acceptTask', { task: 't-2' })
    for (const actor of [CHAIR, 'p-rc', 'r-2']) {
      s.when(actor, type, { task: 't-2', ...extra }).thenRefused(
        forbiddenTo(actor, type, ['owner r-1 of task t-2']),
      )
      s.when(actor, type, { task: 't-1', ...extra }).thenRefused(
        forbiddenTo(actor, type, ['a leader of o-property, owner of task t-1']),
      )
    }
  })

  it('an unknown task is not found', () => {
    const s = withTasks()
    s.when('r-1', 'acceptTask', { task: 't-9' }).thenRefused(notFound('task', 't-9'))
  })

  /** {@link withTasks}, with t-3 (p-vol) too, and every task objected to by its owner. */
  const objected = () => {
    let s = withTasks()
    s = assign(s, 't-3', byPerson('p-vol'))
    s = s.does('p-prop', 'objectToTask', { task: 't-1', reason: 'The budget is the RC’s' })
    s = s.does('r-1', 'acceptTask', { task: 't-2' })
    s = s.does('r-1', 'objectToTask', { task: 't-2', reason: 'I work nights' })
    s = s.does('p-vol', 'objectToTask', { task: 't-3', reason: 'Too few volunteers' })
    return s
  }

  it('an owner objects to a task; supervision cannot begin while an objection is unsettled (tasks-settled)', () => {
    const s = objected()
    expect(taskOf(s, 't-1')).toMatchObject({
      status: 'objected',
      objections: [{ reason: 'The budget is the RC’s' }],
    })
    s.when(CHAIR, 'beginSupervision', { matter: 'm-1' }).thenRefused(rules.tasksSettled)
  })

  it('a coordination meeting settles objections (upheld, reassigned, withdrawn) and is recorded with its outcome', () => {
    let s = objected()
    const settlements = [
      { outcome: 'upheld', task: 't-1' },
      { outcome: 'reassigned', task: 't-2', owner: byPerson('r-3') },
      { outcome: 'withdrawn', task: 't-3' },
    ]
    const attendees = ['party-committee', 'resident', 'property-company']
    s = s.does(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees,
      settlements,
    })
    expect(s.events[0]).toMatchObject({
      type: 'coordinationHeld',
      tasks: [
        { task: 't-1', status: 'accepted' },
        { task: 't-2', status: 'assigned' },
        { task: 't-3', status: 'withdrawn' },
      ],
    })
    expect(matterOf(s, 'm-1')?.coordinations).toEqual([
      { at: s.events[0]?.at, attendees, settlements },
    ])
    expect(statusOf(s, 'm-1')).toBe('coordinating')
    expect(taskOf(s, 't-2')?.owner).toEqual(byPerson('r-3'))
    // The new owner answers for the task now; the old one no longer does.
    s.when('r-1', 'acceptTask', { task: 't-2' }).thenRefused(
      forbiddenTo('r-1', 'acceptTask', ['owner r-3 of task t-2']),
    )
    s = s.does('r-3', 'acceptTask', { task: 't-2' })
    s = s.does(CHAIR, 'beginSupervision', { matter: 'm-1' })
    expect(statusOf(s, 'm-1')).toBe('supervising')
  })

  it('a coordination meeting has the party committee and residents at it (coordination-attendance)', () => {
    const s = objected()
    for (const attendees of [
      ['party-committee', 'property-company'],
      ['resident', 'residents-committee'],
    ])
      s.when(CHAIR, 'holdCoordination', {
        matter: 'm-1',
        attendees,
        settlements: [{ outcome: 'upheld', task: 't-1' }],
      }).thenRefused(rules.coordinationAttendance)
  })

  it('a settlement names an unsettled task of the matter, once (task-of-matter)', () => {
    let s = objected()
    // A task of another matter: m-2 decided in a second meeting, with its own task.
    s = submit(s, 'd-3', 'r-5')
    s = s.does(CHAIR, 'aggregateDemands', { matter: 'm-2', title: 'Noise', demands: ['d-3'] })
    s = schedule(s, 'mt-2')
    s = s.does(CHAIR, 'putOnAgenda', { matter: 'm-2', meeting: 'mt-2' })
    s = open(s, SIX, 'mt-2')
    s = move(s, 'mo-9', 'p-rc', {}, 'm-2', 'mt-2')
    s = second(s, 'mo-9')
    s = vote(s, 'mo-9', ALL_YES)
    s = assign(s, 't-9', byPerson('r-5'), undefined, 'm-2')
    s = s.does('r-5', 'objectToTask', { task: 't-9', reason: 'No' })
    const coordinate = (settlements: ReadonlyArray<object>) =>
      s.when(CHAIR, 'holdCoordination', {
        matter: 'm-1',
        attendees: ['party-committee', 'resident'],
        settlements,
      })
    coordinate([{ outcome: 'upheld', task: 't-9' }]).thenRefused(rules.taskOfMatter)
    coordinate([
      { outcome: 'upheld', task: 't-1' },
      { outcome: 'withdrawn', task: 't-1' },
    ]).thenRefused(rules.taskOfMatter)
    coordinate([{ outcome: 'upheld', task: 't-8' }]).thenRefused(notFound('task', 't-8'))
    coordinate([{ outcome: 'reassigned', task: 't-1', owner: byPerson('p-nobody') }]).thenRefused(
      notFound('person', 'p-nobody'),
    )
    expect(taskOf(s, 't-1')?.status).toBe('objected')
  })

  it('a settlement settles an objection: a task nobody objected to is not settled', () => {
    let s = withTasks()
    s = s.does('p-prop', 'acceptTask', { task: 't-1' })
    s.when(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [{ outcome: 'upheld', task: 't-1' }],
    }).thenRefused(illegal('task', 'accepted', 'upholdTask'))
  })

  it('objections are raised while the matter is in coordination (matter-not-coordinating)', () => {
    let s = withTasks()
    s = s.does('p-prop', 'acceptTask', { task: 't-1' })
    s = s.does(CHAIR, 'beginSupervision', { matter: 'm-1' })
    s.when('p-prop', 'objectToTask', { task: 't-1', reason: 'Too late to object' }).thenRefused(
      rules.matterNotCoordinating,
    )
    expect(taskOf(s, 't-1')?.status).toBe('accepted')
  })

  it('coordination is held on a matter in coordination only', () => {
    const s = decided()
    s.when(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [],
    }).thenRefused(illegal('matter', 'decided', 'holdCoordination'))
  })
})
