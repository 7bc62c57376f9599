/**
 * Meetings 会议 as data: a meeting's agenda, attendance and the charter it opened with; the
 * commands that schedule, open, cancel and adjourn meetings and give the floor under rules of
 * order (罗伯特议事规则), and their events.
 *
 * @module
 */
import type * as t from 'io-ts'
import {
  Instant,
  MatterId,
  MeetingId,
  MotionId,
  PersonId,
  command,
  event,
  integer,
  list,
  orNull,
  struct,
} from '../../core/index.js'
import { Description } from '../../community/index.js'
import { MeetingStatus, MotionStatus, inHall, matterMove } from './common.js'
import { Charter } from './hall.js'

/** The most matters one meeting's agenda holds. @category State */
export const MAX_AGENDA = 50

/** A meeting of the hall. @category State */
export const Meeting = struct('Meeting', {
  id: MeetingId,
  scheduledFor: Instant,
  agenda: list(MatterId, MAX_AGENDA),
  status: MeetingStatus,
  present: list(PersonId),
  /** The representatives present at opening: the only ones who move, second and vote. */
  eligible: list(PersonId),
  /** The charter as it was when the meeting opened (rules freeze for a meeting). */
  charter: orNull(Charter),
  motions: list(MotionId),
  openedAt: orNull(Instant),
  adjournedAt: orNull(Instant),
})
/** A meeting of the hall. @category State */
export type Meeting = t.TypeOf<typeof Meeting>

// Commands

/** Schedules a meeting. @category Commands */
export const ScheduleMeeting = command('scheduleMeeting', {
  ...inHall,
  meeting: MeetingId,
  scheduledFor: Instant,
})

/** Opens a scheduled meeting with those present (only with quorum). @category Commands */
export const OpenMeeting = command('openMeeting', {
  ...inHall,
  meeting: MeetingId,
  present: list(PersonId, 500),
})

/** Cancels a scheduled meeting. @category Commands */
export const CancelMeeting = command('cancelMeeting', {
  ...inHall,
  meeting: MeetingId,
  reason: Description,
})

/** Adjourns an open meeting; matters it did not decide go back on the agenda. @category Commands */
export const AdjournMeeting = command('adjournMeeting', { ...inHall, meeting: MeetingId })

/** A representative asks for the floor on a motion. @category Commands */
export const RequestFloor = command('requestFloor', { ...inHall, motion: MotionId })

/** The chair gives the floor to one who asked, under the equal-turns rule. @category Commands */
export const GrantFloor = command('grantFloor', {
  ...inHall,
  motion: MotionId,
  speaker: PersonId,
})

// Events

/** A meeting was scheduled. */
export const MeetingScheduled = event('meetingScheduled', {
  meeting: MeetingId,
  scheduledFor: Instant,
})

/** A meeting opened with quorum: who was present, who is eligible, the charter it runs under. */
export const MeetingOpened = event('meetingOpened', {
  meeting: MeetingId,
  present: list(PersonId, 500),
  eligible: list(PersonId, 500),
  charter: Charter,
  /** The matters of the agenda that move to deliberation. */
  matters: list(struct('matter move', matterMove), MAX_AGENDA),
})

/** A scheduled meeting was cancelled. */
export const MeetingCancelled = event('meetingCancelled', {
  meeting: MeetingId,
  reason: Description,
})

/** An open meeting was adjourned: matters back to the agenda, pending motions postponed. */
export const MeetingAdjourned = event('meetingAdjourned', {
  meeting: MeetingId,
  matters: list(struct('matter move', matterMove), MAX_AGENDA),
  /** The motions left pending, postponed with the adjournment. */
  motions: list(struct('motion move', { motion: MotionId, status: MotionStatus })),
})

/** A representative asked for the floor on a motion. */
export const FloorRequested = event('floorRequested', { motion: MotionId })

/** The chair gave the floor to one who asked, for a turn of the charter's minutes. */
export const FloorGranted = event('floorGranted', {
  motion: MotionId,
  speaker: PersonId,
  minutes: integer(1, 60),
  waiting: list(PersonId),
  status: MotionStatus,
})
