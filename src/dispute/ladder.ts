/**
 * The escalation ladder 小事不出网格、大事不出社区、难事不出街道 ("small matters stay in the grid,
 * big ones in the community, hard ones in the street"): a case starts at the level where it arose
 * and moves up one level at a time — grid → community → street — never down, each time with a
 * reason. A party escalates or asks for it; an assigned mediator escalates on a party's request,
 * or unasked once the level's time limit has passed; the escalated case waits until the office of
 * the next level accepts it, and that level's time runs from then. A street-level case goes no
 * higher: it can only be referred out. For a case between two communities, the community level
 * is their joint office.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  daysHavePassed,
  refuseBy,
  stamp,
  violation,
  type Instant,
  type RuleViolation,
} from '../core/index.js'
import { byEscalator, byOfficeOfCase, byParty, type Capacity } from './authority.js'
import type { Case, DisputeEvent, Level } from './codecs.js'
import {
  applyToCase,
  legalMove,
  moveCase,
  nextStatus,
  onFiledCase,
  timeLimitOf,
  type DisputeHandler,
} from './kit.js'
import { ladder } from './machine.js'
import { disputeRules } from './rules.js'

// ---------------------------------------------------------------------------------------------
// Rules used here

/** The level above `level` (null at the top). @category Lifecycle */
export const nextLevel = (level: Level): Level | null => {
  const i = ladder.indexOf(level)
  return ladder[i + 1] ?? null
}

/** `top-of-ladder`: the level a case goes up to, when it is below the top of the ladder. */
const levelAbove = (kase: Case): E.Either<RuleViolation, Level> => {
  const to = nextLevel(kase.level)
  return to === null
    ? E.left(violation(disputeRules.topOfLadder, 'A street-level case can only be referred out'))
    : E.right(to)
}

/**
 * Whether the case has stayed at its level past the level's time limit by `at`: the limit's days
 * are counted as the law counts days, like the 30-day window — the day the level's office took the
 * case is not counted, and the limit has passed from 24:00 of its last day (see `daysHavePassed`).
 */
const pastTimeLimit = (kase: Case, at: Instant): boolean => {
  const limit = timeLimitOf(kase)
  return limit !== null && daysHavePassed(kase.levelSince, limit, at)
}

/**
 * `escalation-needs-request`: whether one acting in `capacity` may escalate the case at `at` — a
 * party always; a mediator on a party's request, or unasked once the level's time limit has
 * passed.
 *
 * @category Checks
 */
export const escalationAllowed = (kase: Case, capacity: Capacity, at: Instant): boolean =>
  capacity !== 'mediator' || kase.escalationRequested || pastTimeLimit(kase, at)

// ---------------------------------------------------------------------------------------------
// Handlers

const requestEscalation: DisputeHandler<'requestEscalation'> = onFiledCase((c, kase, registry) =>
  pipe(
    byParty(c, kase, registry),
    E.tap(() => legalMove(kase, 'escalateCase')),
    E.tap(() => levelAbove(kase)),
    E.map((): ReadonlyArray<DisputeEvent> => [
      { type: 'escalationRequested', ...stamp(c), party: c.party, reason: c.reason },
    ]),
  ),
)

const escalateCase: DisputeHandler<'escalateCase'> = onFiledCase((c, kase, registry) =>
  pipe(
    byEscalator(c, kase, registry),
    E.bindTo('capacity'),
    E.bindW('to', () => levelAbove(kase)),
    // A party escalates; a mediator on a party's request, or once the time limit has passed.
    E.tap(({ capacity }) =>
      refuseBy(
        disputeRules.escalationNeedsRequest,
        !escalationAllowed(kase, capacity, c.at),
        () => `No party asked, and the ${kase.level} level's time limit has not passed`,
      ),
    ),
    E.bindW('status', () => nextStatus(kase, c.type)),
    E.map(({ to, status }): ReadonlyArray<DisputeEvent> => [
      { type: 'caseEscalated', ...stamp(c), status, from: kase.level, to, reason: c.reason },
    ]),
  ),
)

const acceptEscalation: DisputeHandler<'acceptEscalation'> = onFiledCase((c, kase, registry) =>
  pipe(
    byOfficeOfCase(c, kase, registry),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'escalationAccepted', ...stamp(c), status },
    ]),
  ),
)

/**
 * The handlers of the ladder's commands: the request, the escalation, its acceptance.
 *
 * @category Mechanism
 */
export const ladderHandlers = { requestEscalation, escalateCase, acceptEscalation }

// ---------------------------------------------------------------------------------------------
// Reducers

/** The reducers of the ladder's events. @category Mechanism */
export const ladderReducers = {
  escalationRequested: applyToCase<'escalationRequested'>((c) => {
    c.escalationRequested = true
  }),
  caseEscalated: applyToCase<'caseEscalated'>((c, e) => {
    moveCase(c, e, e.reason)
    c.level = e.to
    c.levelSince = e.at
    // The next level's office assigns its own mediators; a request is answered.
    c.mediators = []
    c.mediatorPosts = []
    c.escalationRequested = false
    // A draft of the level below is not the new level's: its office starts afresh.
    c.agreement = null
  }),
  escalationAccepted: applyToCase<'escalationAccepted'>((c, e) => {
    moveCase(c, e, null)
    // The new level's time runs from when its office took the case.
    c.levelSince = e.at
  }),
}
