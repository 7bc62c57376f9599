/**
 * The deliberation mechanism's lifecycles, declared once as data: a matter through the four
 * stages, a meeting, a motion under rules of order, and a task.
 *
 * @module
 */
import { defineMachine } from '../core/index.js'
import { deliberationRules } from './rules.js'

/**
 * A community matter 议题 through seed 002's four stages and five steps 集、议、决、督、评:
 * collected (demand feedback) → on agenda → deliberating → decided (deliberation) →
 * coordinating (interest coordination) → supervising → evaluating (supervision and evaluation) →
 * closed; an evaluation below the hall's pass mark reopens it, back to the agenda or to
 * coordination.
 *
 * @category Lifecycle
 */
export const matterMachine = defineMachine({
  id: 'matter',
  states: [
    'collected',
    'on-agenda',
    'deliberating',
    'decided',
    'coordinating',
    'supervising',
    'evaluating',
    'closed',
    'reopened',
  ],
  initial: 'collected',
  final: ['closed'],
  transitions: [
    { from: ['collected', 'reopened'], on: 'putOnAgenda', to: 'on-agenda' },
    // A matter whose meeting was adjourned or cancelled before deciding it goes to another one.
    {
      from: 'on-agenda',
      on: 'putOnAgenda',
      to: 'on-agenda',
      guard: deliberationRules.previousMeetingOver.id,
    },
    { from: 'on-agenda', on: 'openMeeting', to: 'deliberating' },
    { from: 'deliberating', on: 'adjournMeeting', to: 'on-agenda' },
    { from: 'deliberating', on: 'adoptResolution', to: 'decided' },
    { from: ['decided', 'coordinating', 'reopened'], on: 'assignTask', to: 'coordinating' },
    { from: 'coordinating', on: 'holdCoordination', to: 'coordinating' },
    {
      from: 'coordinating',
      on: 'beginSupervision',
      to: 'supervising',
      guard: deliberationRules.tasksSettled.id,
    },
    {
      from: 'supervising',
      on: 'openEvaluation',
      to: 'evaluating',
      guard: deliberationRules.tasksDone.id,
    },
    { from: 'evaluating', on: 'evaluate', to: 'evaluating' },
    {
      from: 'evaluating',
      on: 'closeEvaluation',
      to: 'closed',
      guard: deliberationRules.passMarkMet.id,
    },
    { from: 'evaluating', on: 'closeEvaluation', to: 'reopened' },
  ],
})

/**
 * A meeting of the hall: scheduled → opened (only with quorum) → adjourned; or cancelled.
 *
 * @category Lifecycle
 */
export const meetingMachine = defineMachine({
  id: 'meeting',
  states: ['scheduled', 'open', 'adjourned', 'cancelled'],
  initial: 'scheduled',
  final: ['adjourned', 'cancelled'],
  transitions: [
    { from: 'scheduled', on: 'openMeeting', to: 'open', guard: deliberationRules.quorum.id },
    { from: 'scheduled', on: 'cancelMeeting', to: 'cancelled' },
    { from: 'open', on: 'adjournMeeting', to: 'adjourned' },
  ],
})

/**
 * A motion 动议 under rules of order (罗伯特议事规则, seed 002): moved → seconded → debated →
 * voted → adopted or rejected; withdrawn by its mover, postponed or referred by the chair. A
 * motion with an amendment pending cannot be put to the vote until the amendment is settled.
 *
 * @category Lifecycle
 */
export const motionMachine = defineMachine({
  id: 'motion',
  states: [
    'moved',
    'seconded',
    'debating',
    'voting',
    'adopted',
    'rejected',
    'withdrawn',
    'postponed',
    'referred',
  ],
  initial: 'moved',
  final: ['adopted', 'rejected', 'withdrawn', 'postponed', 'referred'],
  transitions: [
    { from: 'moved', on: 'secondMotion', to: 'seconded' },
    { from: 'seconded', on: 'requestFloor', to: 'seconded' },
    { from: 'debating', on: 'requestFloor', to: 'debating' },
    { from: ['seconded', 'debating'], on: 'grantFloor', to: 'debating' },
    {
      from: ['seconded', 'debating'],
      on: 'openVoting',
      to: 'voting',
      guard: deliberationRules.noPendingAmendment.id,
    },
    { from: 'voting', on: 'castVote', to: 'voting' },
    { from: 'voting', on: 'closeVoting', to: 'adopted', guard: deliberationRules.carried.id },
    { from: 'voting', on: 'closeVoting', to: 'rejected' },
    { from: ['moved', 'seconded', 'debating'], on: 'withdrawMotion', to: 'withdrawn' },
    { from: ['seconded', 'debating'], on: 'postponeMotion', to: 'postponed' },
    // Business left unfinished when the meeting adjourns is postponed with it.
    { from: ['moved', 'seconded', 'debating'], on: 'adjournMeeting', to: 'postponed' },
    { from: ['seconded', 'debating'], on: 'referMotion', to: 'referred' },
  ],
})

/**
 * A task of interest coordination 利益协调: assigned → accepted → in progress → done; its owner
 * may object, and a coordination meeting 党政群共商共治 settles the objection (the task is upheld,
 * reassigned or withdrawn).
 *
 * @category Lifecycle
 */
export const taskMachine = defineMachine({
  id: 'task',
  states: ['assigned', 'accepted', 'in-progress', 'done', 'objected', 'withdrawn'],
  initial: 'assigned',
  final: ['done', 'withdrawn'],
  transitions: [
    { from: 'assigned', on: 'acceptTask', to: 'accepted' },
    { from: ['accepted', 'in-progress'], on: 'reportProgress', to: 'in-progress' },
    { from: ['accepted', 'in-progress'], on: 'finishTask', to: 'done' },
    { from: ['assigned', 'accepted', 'in-progress'], on: 'objectToTask', to: 'objected' },
    { from: 'objected', on: 'upholdTask', to: 'accepted' },
    { from: 'objected', on: 'reassignTask', to: 'assigned' },
    { from: 'objected', on: 'withdrawTask', to: 'withdrawn' },
  ],
})
