/**
 * Motions 动议 as data: a main motion about a matter or an amendment of one, its outcome (a
 * resolution 决议 or a residents' pact 居民公约), its speaking turns, votes and tally; the commands
 * that move, second, vote on and end motions, and their events.
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
  oneOf,
  orNull,
  struct,
} from '../../core/index.js'
import { Description, Name } from '../../community/index.js'
import { MotionStatus, Text, inHall, matterMove } from './common.js'
import { ParticipantKind } from './hall.js'

/** One party's duty under a resolution or pact (the "contract" 契约 of seed 002). @category State */
export const NamedDuty = struct('NamedDuty', { party: ParticipantKind, duty: Description })
/** One party's duty under a resolution. @category State */
export type NamedDuty = t.TypeOf<typeof NamedDuty>

/**
 * What an adopted main motion becomes: a resolution 决议 or a residents' pact 居民公约.
 *
 * @category State
 */
export const Outcome = struct('Outcome', {
  kind: oneOf(['resolution', 'pact']),
  duties: list(NamedDuty, 20),
})
/** What an adopted main motion becomes. @category State */
export type Outcome = t.TypeOf<typeof Outcome>

/** A vote: yes, no or abstain. @category State */
export const Choice = oneOf(['yes', 'no', 'abstain'], 'Choice')
/** A vote. @category State */
export type Choice = t.TypeOf<typeof Choice>

/** A tally of votes. @category State */
export const Tally = struct('Tally', {
  yes: integer(0, 100_000),
  no: integer(0, 100_000),
  abstain: integer(0, 100_000),
})
/** A tally of votes. @category State */
export type Tally = t.TypeOf<typeof Tally>

/** One speaking turn, with who was waiting for the floor when it was granted. @category State */
export const Turn = struct('Turn', {
  speaker: PersonId,
  at: Instant,
  minutes: integer(1, 60),
  waiting: list(PersonId),
})
/** One speaking turn. @category State */
export type Turn = t.TypeOf<typeof Turn>

/**
 * A motion 动议: a main motion about a matter, or an amendment of a pending motion.
 *
 * @category State
 */
export const Motion = struct('Motion', {
  id: MotionId,
  meeting: MeetingId,
  matter: MatterId,
  mover: PersonId,
  /** The words now (an adopted amendment changes them). */
  text: Text,
  /** The words as moved. */
  original: Text,
  /** The motion it amends (null for a main motion). */
  amends: orNull(MotionId),
  outcome: Outcome,
  status: MotionStatus,
  movedAt: Instant,
  seconder: orNull(PersonId),
  /** Who asked for the floor and has not had it yet, in order. */
  requests: list(PersonId),
  turns: list(Turn),
  votes: list(struct('vote', { person: PersonId, choice: Choice })),
  tally: orNull(Tally),
  /** When the vote closed. */
  closedAt: orNull(Instant),
})
/** A motion. @category State */
export type Motion = t.TypeOf<typeof Motion>

// Commands

/**
 * A representative moves a main motion about a matter on the agenda, or amends a pending motion.
 *
 * @category Commands
 */
export const MoveMotion = command(
  'moveMotion',
  { ...inHall, meeting: MeetingId, motion: MotionId, matter: MatterId, text: Text },
  { amends: MotionId, outcome: Outcome },
)

/** Another representative seconds a motion. @category Commands */
export const SecondMotion = command('secondMotion', { ...inHall, motion: MotionId })

/** The chair puts a motion to the vote. @category Commands */
export const OpenVoting = command('openVoting', { ...inHall, motion: MotionId })

/** An eligible representative votes. @category Commands */
export const CastVote = command('castVote', { ...inHall, motion: MotionId, choice: Choice })

/**
 * The chair closes the vote: the motion is adopted or rejected by the charter's threshold.
 *
 * @category Commands
 */
export const CloseVoting = command('closeVoting', { ...inHall, motion: MotionId })

/** The mover withdraws their motion before the vote. @category Commands */
export const WithdrawMotion = command('withdrawMotion', { ...inHall, motion: MotionId })

/** The chair postpones a motion (to a later meeting). @category Commands */
export const PostponeMotion = command('postponeMotion', { ...inHall, motion: MotionId })

/** The chair refers a motion (to a committee or a department). @category Commands */
export const ReferMotion = command('referMotion', {
  ...inHall,
  motion: MotionId,
  to: Name,
})

// Events

/** A motion (or an amendment) was moved. */
export const MotionMoved = event('motionMoved', {
  motion: MotionId,
  meeting: MeetingId,
  matter: MatterId,
  text: Text,
  amends: orNull(MotionId),
  outcome: Outcome,
})

/** A motion was seconded (the actor is the seconder). */
export const MotionSeconded = event('motionSeconded', { motion: MotionId, status: MotionStatus })

/** A motion was put to the vote. */
export const VotingOpened = event('votingOpened', { motion: MotionId, status: MotionStatus })

/** A representative voted on a motion. */
export const VoteCast = event('voteCast', { motion: MotionId, choice: Choice })

/** The vote on a motion closed, with its tally: adopted or rejected. */
export const VotingClosed = event('votingClosed', {
  motion: MotionId,
  tally: Tally,
  status: MotionStatus,
  /** For an adopted main motion: its matter, now decided. */
  decided: orNull(struct('matter move', matterMove)),
})

/** The mover withdrew their motion. */
export const MotionWithdrawn = event('motionWithdrawn', { motion: MotionId, status: MotionStatus })

/** The chair postponed a motion. */
export const MotionPostponed = event('motionPostponed', { motion: MotionId, status: MotionStatus })

/** The chair referred a motion to a committee or department. */
export const MotionReferred = event('motionReferred', {
  motion: MotionId,
  status: MotionStatus,
  to: Name,
})
