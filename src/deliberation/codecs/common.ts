/**
 * What the codecs of every field share: the hall a command names, a text, the lifecycle states
 * (议题、会议、动议、任务的状态) read from the tables of `machine.ts`, and a matter's move.
 *
 * @module
 */
import type * as t from 'io-ts'
import { HallId, MatterId, StreetId } from '../../core/index.js'
import { Description } from '../../community/index.js'
import { matterMachine, meetingMachine, motionMachine, taskMachine } from '../machine.js'

/** A motion's or resolution's text: 1 to 2,000 characters (a description). */
export const Text = Description

/** The fields every hall command carries: its street and its hall (the stream). */
export const inHall = { street: StreetId, hall: HallId }

/** The lifecycle state of a matter. @category Lifecycle */
export const MatterStatus = matterMachine.stateCodec
/** The lifecycle state of a matter. @category Lifecycle */
export type MatterStatus = t.TypeOf<typeof MatterStatus>
/** The lifecycle state of a meeting. @category Lifecycle */
export const MeetingStatus = meetingMachine.stateCodec
/** The lifecycle state of a meeting. @category Lifecycle */
export type MeetingStatus = t.TypeOf<typeof MeetingStatus>
/** The lifecycle state of a motion. @category Lifecycle */
export const MotionStatus = motionMachine.stateCodec
/** The lifecycle state of a motion. @category Lifecycle */
export type MotionStatus = t.TypeOf<typeof MotionStatus>
/** The lifecycle state of a task. @category Lifecycle */
export const TaskStatus = taskMachine.stateCodec
/** The lifecycle state of a task. @category Lifecycle */
export type TaskStatus = t.TypeOf<typeof TaskStatus>

/** A matter moved to a state, as the events that move it record it. */
export const matterMove = { matter: MatterId, status: MatterStatus }
