/**
 * The vote 表决 on a motion under rules of order: the chair opens it once everyone who asked has
 * had the floor and no amendment is pending, each representative present votes once, and the
 * chair closes it with the tally under the threshold of the charter the meeting opened with — an
 * adopted amendment changes the words of the motion it amends, an adopted main motion decides its
 * matter and keeps the resolution 决议.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { draftOf, refuseBy, stamp, type PersonId } from '../core/index.js'
import type { Motion } from './codecs/index.js'
import { motionMachine } from './machine.js'
import { charterOf, meetingOpen, motionAndMeeting, onTheFloor } from './meeting.js'
import {
  carries,
  decidedBy,
  motionMovedTo,
  pending,
  pendingAmendmentOf,
  stillStanding,
  tallyOf,
} from './motion.js'
import { chairOnly } from './residency.js'
import { deliberationRules } from './rules.js'
import { moveMatter, type HallEvents, type HallHandler, type HallReducer } from './state.js'

// Who has been heard and who has voted

/** Whether everyone who asked for the floor on a motion has had it (`floor-waiting`). */
export const floorHeard = (motion: Motion): boolean => motion.requests.length === 0

/** Whether `person` has voted on a motion (`one-vote`). */
export const hasVoted = (motion: Motion, person: PersonId): boolean =>
  motion.votes.some((v) => v.person === person)

// Handlers

const openVoting: HallHandler<'openVoting'> = (c, s, x) =>
  pipe(
    motionAndMeeting(s, c.motion),
    E.tap(() => chairOnly(c, x)),
    E.tap(({ meeting }) => meetingOpen(meeting)),
    // The chair does not cut the debate short: everyone who asked is heard first.
    E.tap(({ motion }) =>
      refuseBy(
        deliberationRules.floorWaiting,
        !floorHeard(motion),
        () =>
          `${motion.requests.join(', ')} asked for the floor and ha${motion.requests.length > 1 ? 've' : 's'} not had it`,
      ),
    ),
    E.tap(({ motion }) => stillStanding(s, motion)),
    E.flatMap(({ motion, meeting }) =>
      motionMachine.next(motion.status, c.type, {
        [deliberationRules.noPendingAmendment.id]:
          pendingAmendmentOf(s, meeting, motion) === undefined,
      }),
    ),
    E.map((status): HallEvents => [
      { type: 'votingOpened', ...stamp(c), motion: c.motion, status },
    ]),
  )

const castVote: HallHandler<'castVote'> = (c, s, x) =>
  pipe(
    onTheFloor(c, s, x),
    E.tap(({ motion }) => motionMachine.next(motion.status, c.type)),
    E.tap(({ motion }) =>
      refuseBy(
        deliberationRules.oneVote,
        hasVoted(motion, c.actor),
        () => `${c.actor} has already voted on ${c.motion}`,
      ),
    ),
    E.map((): HallEvents => [
      { type: 'voteCast', ...stamp(c), motion: c.motion, choice: c.choice },
    ]),
  )

/** Closes the vote: adopted or rejected by the threshold of the charter the meeting opened with. */
const closeVoting: HallHandler<'closeVoting'> = (c, s, x) =>
  pipe(
    motionAndMeeting(s, c.motion),
    E.tap(() => chairOnly(c, x)),
    E.tap(({ meeting }) => meetingOpen(meeting)),
    E.let('tally', ({ motion }) => tallyOf(motion)),
    E.bindW('status', ({ motion, meeting, tally }) =>
      motionMachine.next(motion.status, c.type, {
        [deliberationRules.carried.id]: carries(charterOf(meeting, x.hall).threshold, tally),
      }),
    ),
    E.bindW('decided', ({ motion, status }) => decidedBy(s, motion, status)),
    E.map(({ tally, status, decided }): HallEvents => [
      { type: 'votingClosed', ...stamp(c), motion: c.motion, tally, status, decided },
    ]),
  )

/** The handlers of the vote. */
export const voteHandlers = {
  openVoting,
  castVote,
  closeVoting,
}

// Reducers

const voteCast: HallReducer<'voteCast'> = (draft, e) => {
  draftOf(draft.motions, e.motion)?.votes.push({ person: e.actor, choice: e.choice })
}

/**
 * The vote closed: an adopted amendment changes the words of the motion it amends, an adopted
 * main motion decides its matter, which keeps the resolution.
 */
const votingClosed: HallReducer<'votingClosed'> = (draft, e) => {
  const motion = draftOf(draft.motions, e.motion)
  if (motion === undefined) return
  motion.status = e.status
  motion.tally = { ...e.tally }
  motion.closedAt = e.at
  if (e.status === 'adopted' && motion.amends !== null) {
    const amended = draftOf(draft.motions, motion.amends)
    if (amended !== undefined && pending(amended.status)) amended.text = motion.text
  }
  if (e.decided !== null) {
    const matter = moveMatter(draft, e.decided, e)
    if (matter !== undefined)
      matter.resolution = {
        motion: motion.id,
        text: motion.text,
        outcome: motion.outcome,
        at: e.at,
      }
  }
}

/** The reducers of the vote. */
export const voteReducers = {
  votingOpened: motionMovedTo,
  voteCast,
  votingClosed,
}
