/**
 * Motions 动议 under rules of order (罗伯特议事规则, seed 002): a main motion about a matter on the
 * agenda, one at a time, moved and seconded by representatives present; an amendment of a pending
 * main motion, settled before the main motion is voted; the vote, its tally under the charter's
 * threshold, and the resolution 决议 or residents' pact 居民公约 an adopted main motion makes of its
 * matter; a motion withdrawn by its mover, postponed or referred by the chair.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { castDraft, type Draft } from 'immer'
import {
  alreadyExists,
  draftOf,
  forbidden,
  found,
  insert,
  lookup,
  refuseBy,
  refuseWhen,
  stamp,
  type DomainError,
  type MatterId,
  type MotionId,
  type OfType,
  type RuleViolation,
} from '../core/index.js'
import type {
  Charter,
  DeliberationCommand,
  Matter,
  MatterStatus,
  Meeting,
  Motion,
  MotionStatus,
} from './codecs/index.js'
import { matterMachine, motionMachine } from './machine.js'
import { eligibleIn, meetingOpen, motionAndMeeting, motionsOf, onTheFloor } from './meeting.js'
import { chairOnly, stillActs } from './residency.js'
import { deliberationRules } from './rules.js'
import { type HallEvents, type HallHandler, type HallReducer, type HallState } from './state.js'

// The rules of motions and votes

/** Whether a motion is still pending (not adopted, rejected, withdrawn, postponed or referred). */
export const pending = (status: MotionStatus): boolean => !motionMachine.final.includes(status)

/** Whether a matter in `status` is still to be decided: a main motion may be moved and voted on it. */
export const toDecide = (status: MatterStatus): boolean =>
  matterMachine.can(status, 'adoptResolution')

/** Whether a matter is on a meeting's agenda, and that meeting's to deliberate (`not-on-agenda`). */
export const onAgendaOf = (meeting: Meeting, matter: Matter): boolean =>
  meeting.agenda.includes(matter.id) && matter.meeting === meeting.id

/** The rule `matter-not-deliberating`: main motions are moved and voted on a matter still to decide. */
const stillToDecide = (matter: string, status: MatterStatus): E.Either<RuleViolation, void> =>
  refuseBy(
    deliberationRules.matterNotDeliberating,
    !toDecide(status),
    () => `${matter} is ${status}`,
  )

/** The amendment of `motion` still pending in its meeting, if any. */
export const pendingAmendmentOf = (
  s: HallState,
  meeting: Meeting,
  motion: Motion,
): Motion | undefined =>
  motionsOf(s, meeting).find((m) => m.amends === motion.id && pending(m.status))

/** The tally of a motion's votes. @category Queries */
export const tallyOf = (motion: Pick<Motion, 'votes'>) => ({
  yes: motion.votes.filter((v) => v.choice === 'yes').length,
  no: motion.votes.filter((v) => v.choice === 'no').length,
  abstain: motion.votes.filter((v) => v.choice === 'abstain').length,
})

/**
 * Whether a tally carries under a threshold: abstentions are not votes cast; a simple majority
 * needs more yes than no, two thirds needs yes at least twice no; a tie, or no vote, fails.
 *
 * @category Checks
 */
export const carries = (
  threshold: Charter['threshold'],
  tally: { readonly yes: number; readonly no: number },
): boolean =>
  tally.yes > 0 &&
  (threshold === 'simple-majority' ? tally.yes > tally.no : tally.yes >= 2 * tally.no)

/**
 * The rule `one-main-motion`: one main question pending on a matter (motions left pending by an
 * adjourned meeting were postponed with it).
 */
const oneMainMotion = (
  s: HallState,
  meeting: Meeting,
  c: OfType<DeliberationCommand, 'moveMotion'>,
  matter: { readonly title: string },
): E.Either<RuleViolation, void> =>
  refuseBy(
    deliberationRules.oneMainMotion,
    c.amends === undefined &&
      motionsOf(s, meeting).some(
        (m) => m.matter === c.matter && m.amends === null && pending(m.status),
      ),
    () => `${matter.title} already has a main motion pending`,
  )

/**
 * The rule `amendment-target` at the moving: an amendment carries no outcome of its own, and the
 * motion it amends is a main motion of the same meeting and matter, pending, not under vote, and
 * without another amendment pending.
 */
const amendment = (
  s: HallState,
  meeting: Meeting,
  c: OfType<DeliberationCommand, 'moveMotion'>,
  target: Motion | undefined,
): E.Either<RuleViolation, void> => {
  const amends = c.amends
  if (amends === undefined) return E.right(undefined)
  return pipe(
    refuseBy(
      deliberationRules.amendmentTarget,
      c.outcome !== undefined,
      () => 'An amendment changes words; the outcome stays that of the motion it amends',
    ),
    E.flatMap(() =>
      refuseBy(
        deliberationRules.amendmentTarget,
        target === undefined ||
          target.meeting !== c.meeting ||
          target.matter !== c.matter ||
          target.amends !== null ||
          !pending(target.status) ||
          target.status === 'voting' ||
          pendingAmendmentOf(s, meeting, target) !== undefined,
        () => `${amends} is not a pending main motion of this meeting without a pending amendment`,
      ),
    ),
  )
}

/** A vote's subject stands: a main motion's matter is to decide, an amendment's motion pending. */
export const stillStanding = (s: HallState, motion: Motion): E.Either<RuleViolation, void> => {
  if (motion.amends === null) {
    return stillToDecide(motion.matter, lookup(s.matters, motion.matter)?.status ?? 'closed')
  }
  const target = lookup(s.motions, motion.amends)
  return refuseBy(
    deliberationRules.amendmentTarget,
    target === undefined || !pending(target.status),
    () => `${motion.amends} is no longer pending`,
  )
}

/** For an adopted main motion, its matter's move to `decided`; null for any other vote. */
export const decidedBy = (
  s: HallState,
  motion: Motion,
  status: MotionStatus,
): E.Either<DomainError, { readonly matter: MatterId; readonly status: MatterStatus } | null> => {
  const matter = lookup(s.matters, motion.matter)
  return status === 'adopted' && motion.amends === null && matter !== undefined
    ? pipe(
        matterMachine.next(matter.status, 'adoptResolution'),
        E.map((decided) => ({ matter: motion.matter, status: decided })),
      )
    : E.right(null)
}

// Handlers

const moveMotion: HallHandler<'moveMotion'> = (c, s, x) =>
  pipe(
    found(lookup(s.meetings, c.meeting), 'meeting', c.meeting),
    E.bindTo('meeting'),
    E.bind('matter', () => found(lookup(s.matters, c.matter), 'matter', c.matter)),
    E.tap(({ meeting }) => meetingOpen(meeting)),
    E.tap(({ meeting }) => eligibleIn(c, meeting, s, x)),
    E.tap(() =>
      refuseWhen(lookup(s.motions, c.motion) !== undefined, () =>
        alreadyExists('motion', c.motion),
      ),
    ),
    E.tap(({ meeting, matter }) =>
      refuseBy(
        deliberationRules.notOnAgenda,
        !onAgendaOf(meeting, matter),
        () => `${matter.title} is not on the agenda of ${c.meeting}`,
      ),
    ),
    E.tap(({ matter }) => stillToDecide(matter.title, matter.status)),
    E.tap(({ meeting, matter }) => oneMainMotion(s, meeting, c, matter)),
    E.let('target', () => (c.amends === undefined ? undefined : lookup(s.motions, c.amends))),
    E.tap(({ meeting, target }) => amendment(s, meeting, c, target)),
    E.map(({ target }): HallEvents => [
      {
        type: 'motionMoved',
        ...stamp(c),
        motion: c.motion,
        meeting: c.meeting,
        matter: c.matter,
        text: c.text,
        amends: c.amends ?? null,
        // An amendment changes words; the duties stay those of the motion it amends.
        outcome: c.outcome ?? target?.outcome ?? { kind: 'resolution', duties: [] },
      },
    ]),
  )

const secondMotion: HallHandler<'secondMotion'> = (c, s, x) =>
  pipe(
    onTheFloor(c, s, x),
    E.tap(({ motion }) =>
      refuseBy(
        deliberationRules.secondByAnother,
        c.actor === motion.mover,
        () => 'A motion is seconded by someone other than its mover',
      ),
    ),
    E.flatMap(({ motion }) => motionMachine.next(motion.status, c.type)),
    E.map((status): HallEvents => [
      { type: 'motionSeconded', ...stamp(c), motion: c.motion, status },
    ]),
  )

const withdrawMotion: HallHandler<'withdrawMotion'> = (c, s, x) =>
  pipe(
    motionAndMeeting(s, c.motion),
    E.tap(({ meeting }) => meetingOpen(meeting)),
    E.tap(({ motion }) =>
      refuseWhen(c.actor !== motion.mover, () =>
        forbidden(c.actor, c.type, [`mover of ${motion.id}`]),
      ),
    ),
    E.tap(() => stillActs(c, s, x)),
    E.flatMap(({ motion }) => motionMachine.next(motion.status, c.type)),
    E.map((status): HallEvents => [
      { type: 'motionWithdrawn', ...stamp(c), motion: c.motion, status },
    ]),
  )

const postponeMotion: HallHandler<'postponeMotion'> = (c, s, x) =>
  pipe(
    motionAndMeeting(s, c.motion),
    E.tap(({ meeting }) => meetingOpen(meeting)),
    E.tap(() => chairOnly(c, x)),
    E.flatMap(({ motion }) => motionMachine.next(motion.status, c.type)),
    E.map((status): HallEvents => [
      { type: 'motionPostponed', ...stamp(c), motion: c.motion, status },
    ]),
  )

const referMotion: HallHandler<'referMotion'> = (c, s, x) =>
  pipe(
    motionAndMeeting(s, c.motion),
    E.tap(() => chairOnly(c, x)),
    E.tap(({ meeting }) => meetingOpen(meeting)),
    E.flatMap(({ motion }) => motionMachine.next(motion.status, c.type)),
    E.map((status): HallEvents => [
      { type: 'motionReferred', ...stamp(c), motion: c.motion, status, to: c.to },
    ]),
  )

/** The handlers of motions and votes. */
export const motionHandlers = {
  moveMotion,
  secondMotion,
  withdrawMotion,
  postponeMotion,
  referMotion,
}

// Reducers

const motionMoved: HallReducer<'motionMoved'> = (draft, e) => {
  insert(draft.motions, e.motion, {
    id: e.motion,
    meeting: e.meeting,
    matter: e.matter,
    mover: e.actor,
    text: e.text,
    original: e.text,
    amends: e.amends,
    outcome: castDraft(e.outcome),
    status: motionMachine.initial,
    movedAt: e.at,
    seconder: null,
    requests: [],
    turns: [],
    votes: [],
    tally: null,
    closedAt: null,
  })
  draftOf(draft.meetings, e.meeting)?.motions.push(e.motion)
}

const motionSeconded: HallReducer<'motionSeconded'> = (draft, e) => {
  const motion = draftOf(draft.motions, e.motion)
  if (motion === undefined) return
  motion.status = e.status
  motion.seconder = e.actor
}

/** A motion moved to the state an event records (the vote opened, or the motion ended). */
export const motionMovedTo = (
  draft: Draft<HallState>,
  e: { readonly motion: MotionId; readonly status: MotionStatus },
): void => {
  const motion = draftOf(draft.motions, e.motion)
  if (motion !== undefined) motion.status = e.status
}

/** The reducers of motions (the vote's are in `vote.ts`). */
export const motionReducers = {
  motionMoved,
  motionSeconded,
  motionWithdrawn: motionMovedTo,
  motionPostponed: motionMovedTo,
  motionReferred: motionMovedTo,
}
