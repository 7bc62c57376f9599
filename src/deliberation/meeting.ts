/**
 * The meeting 议事会议, the second stage's frame: a meeting scheduled, opened with quorum by those
 * present (its eligible members, and the charter it runs under), cancelled or adjourned (its
 * undecided matters back to the agenda, its pending motions postponed); and the floor under rules
 * of order (罗伯特议事规则): who asks, who is given a turn, equal turns against one-voice rule 一言堂
 * and the charter's turn limit.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { castDraft } from 'immer'
import {
  alreadyExists,
  checkAll,
  draftOf,
  forbidden,
  found,
  insert,
  lookup,
  lookupAll,
  refuseBy,
  refuseWhen,
  stamp,
  type Forbidden,
  type MotionId,
  type NotFound,
  type OfType,
  type PersonId,
  type RuleViolation,
} from '../core/index.js'
import type {
  Charter,
  DeliberationCommand,
  Hall,
  MatterStatus,
  Meeting,
  Motion,
} from './codecs/index.js'
import { matterMachine, meetingMachine, motionMachine } from './machine.js'
import { actingIds, actsAsRepresentative, chairOnly, stillActs } from './residency.js'
import { deliberationRules } from './rules.js'
import {
  moveMatter,
  type HallAct,
  type HallContext,
  type HallEvents,
  type HallHandler,
  type HallReducer,
  type HallState,
} from './state.js'

// The rules of a meeting, and of acting in it (motions use them too)

/**
 * The charter a meeting runs under: the one it opened with (motions exist only in opened
 * meetings, so the hall's current charter is a fallback that does not arise).
 */
export const charterOf = (meeting: Meeting, hall: Hall): Charter => meeting.charter ?? hall.charter

/** The motions moved in a meeting, in the order moved. */
export const motionsOf = (s: HallState, meeting: Meeting): ReadonlyArray<Motion> =>
  lookupAll(s.motions, meeting.motions)

/** A motion and its meeting, or NotFound for either. */
export const motionAndMeeting = (
  s: HallState,
  id: MotionId,
): E.Either<NotFound, { readonly motion: Motion; readonly meeting: Meeting }> =>
  pipe(
    found(lookup(s.motions, id), 'motion', id),
    E.flatMap((motion) =>
      pipe(
        found(lookup(s.meetings, motion.meeting), 'meeting', motion.meeting),
        E.map((meeting) => ({ motion, meeting })),
      ),
    ),
  )

/** The rule `meeting-not-open`: motions are handled only while their meeting is open. */
export const meetingOpen = (meeting: Meeting): E.Either<RuleViolation, void> =>
  refuseBy(
    deliberationRules.meetingNotOpen,
    meeting.status !== 'open',
    () => `Meeting ${meeting.id} is ${meeting.status}`,
  )

/**
 * The check that the actor may act in a meeting: present at opening and still a representative
 * (a removed one acts no more: `Forbidden`), and — for a resident representative — still living
 * at the hall's place (`not-a-resident`).
 */
export const eligibleIn = (
  c: HallAct,
  meeting: Meeting,
  s: HallState,
  x: HallContext,
): E.Either<Forbidden | RuleViolation, void> =>
  !meeting.eligible.includes(c.actor) || lookup(s.representatives, c.actor) === undefined
    ? E.left(forbidden(c.actor, c.type, [`representative present at meeting ${meeting.id}`]))
    : stillActs(c, s, x)

/**
 * A motion and its meeting, for a representative acting on it (asking for the floor, seconding,
 * voting): both exist, the meeting is open, and the actor is eligible in it (in this order).
 */
export const onTheFloor = (
  c: OfType<DeliberationCommand, 'requestFloor' | 'secondMotion' | 'castVote'>,
  s: HallState,
  x: HallContext,
) =>
  pipe(
    motionAndMeeting(s, c.motion),
    E.tap(({ meeting }) => meetingOpen(meeting)),
    E.tap(({ meeting }) => eligibleIn(c, meeting, s, x)),
  )

/** Whether `present` representatives make the charter's quorum of `total`. */
const quorate = (charter: Charter, present: number, total: number): boolean =>
  total > 0 && present * charter.quorum.denominator >= charter.quorum.numerator * total

/** The matters of an agenda in `from`, moved by `on` through the matter table. */
const agendaMoves = (
  s: HallState,
  meeting: Meeting,
  from: MatterStatus,
  on: 'openMeeting' | 'adjournMeeting',
) =>
  meeting.agenda.flatMap((id) => {
    const matter = lookup(s.matters, id)
    // A matter moved to another meeting's agenda is that meeting's to deliberate.
    if (matter?.status !== from || matter.meeting !== meeting.id) return []
    const next = matterMachine.next(matter.status, on)
    return E.isRight(next) ? [{ matter: id, status: next.right }] : []
  })

/** How many turns `person` has had on a motion. */
const turnsOf = (motion: Motion, person: PersonId): number =>
  motion.turns.filter((t) => t.speaker === person).length

/** Whether `person` may have another turn on a motion under the charter (`turn-limit`). */
export const hasTurnsLeft = (motion: Motion, charter: Charter, person: PersonId): boolean =>
  turnsOf(motion, person) < charter.turnsPerMotion

/** The rule `turn-limit`: nobody has more turns on a motion than the charter allows. */
const withinTurnLimit = (
  motion: Motion,
  charter: Charter,
  person: PersonId,
  message: (spoken: number, limit: number) => string,
): E.Either<RuleViolation, void> =>
  refuseBy(deliberationRules.turnLimit, !hasTurnsLeft(motion, charter, person), () =>
    message(turnsOf(motion, person), charter.turnsPerMotion),
  )

/** Who asked for the floor and has not spoken, when `speaker` has: whom equal turns puts first. */
export const aheadOf = (motion: Motion, speaker: PersonId): ReadonlyArray<PersonId> =>
  turnsOf(motion, speaker) > 0
    ? motion.requests.filter((p) => p !== speaker && turnsOf(motion, p) === 0)
    : []

/**
 * The rule `equal-turns`: nobody speaks twice on a motion while someone who asked has not spoken
 * once (the rule against one-voice rule 一言堂).
 */
const equalTurns = (motion: Motion, speaker: PersonId): E.Either<RuleViolation, void> => {
  const unheard = aheadOf(motion, speaker)
  return refuseBy(
    deliberationRules.equalTurns,
    unheard.length > 0,
    () =>
      `${speaker} has spoken; ${unheard.join(', ')} asked and ha${unheard.length > 1 ? 've' : 's'} not`,
  )
}

/** Whether a vote is open on a motion of the meeting (`vote-in-progress`: it is not adjourned). */
export const voteOpenIn = (s: HallState, meeting: Meeting): boolean =>
  motionsOf(s, meeting).some((m) => m.status === 'voting')

/** The meeting a command names, or NotFound. */
const meetingNamed = (s: HallState, c: { readonly meeting: Meeting['id'] }) =>
  found(lookup(s.meetings, c.meeting), 'meeting', c.meeting)

// Handlers

const scheduleMeeting: HallHandler<'scheduleMeeting'> = (c, s, x) =>
  pipe(
    chairOnly(c, x),
    E.tap(() =>
      refuseWhen(lookup(s.meetings, c.meeting) !== undefined, () =>
        alreadyExists('meeting', c.meeting),
      ),
    ),
    E.map((): HallEvents => [
      { type: 'meetingScheduled', ...stamp(c), meeting: c.meeting, scheduledFor: c.scheduledFor },
    ]),
  )

/**
 * Opens a scheduled meeting with those present (persons of the registry), only with quorum:
 * those present who act now, of all who act now. They are its eligible members.
 */
const openMeeting: HallHandler<'openMeeting'> = (c, s, x) =>
  pipe(
    meetingNamed(s, c),
    E.bindTo('meeting'),
    E.let('present', () => [...new Set(c.present)]),
    E.let('eligible', ({ present }) => present.filter((p) => actsAsRepresentative(s, x, p))),
    E.tap(() => chairOnly(c, x)),
    E.tap(({ present }) =>
      checkAll(...present.map((p) => () => found(lookup(x.registry.persons, p), 'person', p))),
    ),
    E.tap(({ meeting, eligible }) =>
      meetingMachine.next(meeting.status, c.type, {
        [deliberationRules.quorum.id]: quorate(
          x.hall.charter,
          eligible.length,
          actingIds(s, x).length,
        ),
      }),
    ),
    E.map(({ meeting, present, eligible }): HallEvents => [
      {
        type: 'meetingOpened',
        ...stamp(c),
        meeting: c.meeting,
        present,
        eligible,
        charter: x.hall.charter,
        matters: agendaMoves(s, meeting, 'on-agenda', 'openMeeting'),
      },
    ]),
  )

const cancelMeeting: HallHandler<'cancelMeeting'> = (c, s, x) =>
  pipe(
    meetingNamed(s, c),
    E.tap(() => chairOnly(c, x)),
    E.tap((meeting) => meetingMachine.next(meeting.status, c.type)),
    E.map((): HallEvents => [
      { type: 'meetingCancelled', ...stamp(c), meeting: c.meeting, reason: c.reason },
    ]),
  )

/** Adjourns an open meeting: undecided matters go back to the agenda, pending motions are postponed. */
const adjournMeeting: HallHandler<'adjournMeeting'> = (c, s, x) =>
  pipe(
    meetingNamed(s, c),
    E.tap(() => chairOnly(c, x)),
    E.tap((meeting) => meetingMachine.next(meeting.status, c.type)),
    E.tap((meeting) =>
      refuseBy(
        deliberationRules.voteInProgress,
        voteOpenIn(s, meeting),
        () => 'Close the open vote before adjourning',
      ),
    ),
    E.map((meeting): HallEvents => [
      {
        type: 'meetingAdjourned',
        ...stamp(c),
        meeting: c.meeting,
        matters: agendaMoves(s, meeting, 'deliberating', 'adjournMeeting'),
        motions: motionsOf(s, meeting).flatMap((m) => {
          const next = motionMachine.next(m.status, 'adjournMeeting')
          return E.isRight(next) ? [{ motion: m.id, status: next.right }] : []
        }),
      },
    ]),
  )

const requestFloor: HallHandler<'requestFloor'> = (c, s, x) =>
  pipe(
    onTheFloor(c, s, x),
    E.tap(({ motion }) => motionMachine.next(motion.status, c.type)),
    E.tap(({ motion }) =>
      refuseBy(
        deliberationRules.floorRequested,
        motion.requests.includes(c.actor),
        () => `${c.actor} is already waiting for the floor`,
      ),
    ),
    E.tap(({ motion, meeting }) =>
      withinTurnLimit(
        motion,
        charterOf(meeting, x.hall),
        c.actor,
        (_spoken, limit) => `${c.actor} has had the ${limit} turn(s) the charter allows`,
      ),
    ),
    E.map((): HallEvents => [{ type: 'floorRequested', ...stamp(c), motion: c.motion }]),
  )

/** Gives the floor to one who asked, under the turn limit and equal turns. */
const grantFloor: HallHandler<'grantFloor'> = (c, s, x) =>
  pipe(
    motionAndMeeting(s, c.motion),
    E.let('charter', ({ meeting }) => charterOf(meeting, x.hall)),
    E.tap(() => chairOnly(c, x)),
    E.tap(({ meeting }) => meetingOpen(meeting)),
    E.tap(({ motion }) =>
      refuseBy(
        deliberationRules.floorRequested,
        !motion.requests.includes(c.speaker),
        () => `${c.speaker} has not asked for the floor`,
      ),
    ),
    E.tap(({ motion, charter }) =>
      withinTurnLimit(
        motion,
        charter,
        c.speaker,
        (spoken, limit) => `${c.speaker} has spoken ${spoken} time(s); the charter allows ${limit}`,
      ),
    ),
    E.tap(({ motion }) => equalTurns(motion, c.speaker)),
    E.bindW('status', ({ motion }) => motionMachine.next(motion.status, c.type)),
    E.map(({ motion, charter, status }): HallEvents => [
      {
        type: 'floorGranted',
        ...stamp(c),
        motion: c.motion,
        speaker: c.speaker,
        minutes: charter.minutesPerTurn,
        waiting: motion.requests.filter((p) => p !== c.speaker),
        status,
      },
    ]),
  )

/** The handlers of meetings and the floor. */
export const meetingHandlers = {
  scheduleMeeting,
  openMeeting,
  cancelMeeting,
  adjournMeeting,
  requestFloor,
  grantFloor,
}

// Reducers

const meetingScheduled: HallReducer<'meetingScheduled'> = (draft, e) => {
  insert(draft.meetings, e.meeting, {
    id: e.meeting,
    scheduledFor: e.scheduledFor,
    agenda: [],
    status: meetingMachine.initial,
    present: [],
    eligible: [],
    charter: null,
    motions: [],
    openedAt: null,
    adjournedAt: null,
  })
}

const meetingOpened: HallReducer<'meetingOpened'> = (draft, e) => {
  const meeting = draftOf(draft.meetings, e.meeting)
  if (meeting !== undefined) {
    meeting.status = 'open'
    meeting.present = [...e.present]
    meeting.eligible = [...e.eligible]
    meeting.charter = castDraft(e.charter)
    meeting.openedAt = e.at
  }
  for (const move of e.matters) moveMatter(draft, move, e)
}

const meetingCancelled: HallReducer<'meetingCancelled'> = (draft, e) => {
  const meeting = draftOf(draft.meetings, e.meeting)
  if (meeting !== undefined) meeting.status = 'cancelled'
}

const meetingAdjourned: HallReducer<'meetingAdjourned'> = (draft, e) => {
  const meeting = draftOf(draft.meetings, e.meeting)
  if (meeting !== undefined) {
    meeting.status = 'adjourned'
    meeting.adjournedAt = e.at
  }
  for (const move of e.matters) moveMatter(draft, move, e)
  for (const move of e.motions) {
    const motion = draftOf(draft.motions, move.motion)
    if (motion !== undefined) motion.status = move.status
  }
}

const floorRequested: HallReducer<'floorRequested'> = (draft, e) => {
  draftOf(draft.motions, e.motion)?.requests.push(e.actor)
}

const floorGranted: HallReducer<'floorGranted'> = (draft, e) => {
  const motion = draftOf(draft.motions, e.motion)
  if (motion === undefined) return
  motion.status = e.status
  motion.requests = motion.requests.filter((p) => p !== e.speaker)
  motion.turns.push({
    speaker: e.speaker,
    at: e.at,
    minutes: e.minutes,
    waiting: [...e.waiting],
  })
}

/** The reducers of meetings and the floor. */
export const meetingReducers = {
  meetingScheduled,
  meetingOpened,
  meetingCancelled,
  meetingAdjourned,
  floorRequested,
  floorGranted,
}
