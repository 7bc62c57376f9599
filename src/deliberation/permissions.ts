/**
 * Who may do what in a hall now (权限表): deliberation's permission table, one row per command,
 * made of the authority paragraph (`mechanism.ts`: a registrar names the chair; the chair who
 * acts manages the hall; representatives present at a meeting's opening move, second, speak and
 * vote; the owner answers for a task; supervisors report; residents bring demands and evaluate)
 * and the lifecycles of `machine.ts` (a matter, a meeting, a motion, a task). Each row's
 * requirement asks the predicate or check its handler decides with (`actsAsChair`, `eligibleIn`,
 * `mayBring`, `mayAggregate`, `actsFor`, `livesAtHall`); its targets are what the hall's state
 * lets the command act on now: a meeting, a motion, a matter, a task, a representative, a
 * speaker, or the hall itself (`{}`).
 *
 * A command on a hall acts on a hall open in the street of the registry given, whose record is no
 * later than the instant asked about (`earlier-than-last-event`); `openHall` acts on the empty
 * stream.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { allowedBy, lookup, permissionsFor, valuesOf } from '../core/index.js'
import type { RegistryContext } from '../community/index.js'
import type { DeliberationCommand } from './codecs/index.js'
import { agendaHasRoom, mayAggregate, previousMeetingOver } from './demand.js'
import {
  evaluatedThisRound,
  roundOf,
  supervises,
  tasksDone,
  tasksOf,
  tasksSettled,
  underSupervision,
} from './evaluation.js'
import { namesChair } from './hall.js'
import { matterMachine, motionMachine } from './machine.js'
import { aheadOf, charterOf, eligibleIn, hasTurnsLeft, meetingOpen, voteOpenIn } from './meeting.js'
import { runsForward } from './mechanism.js'
import { onAgendaOf, pendingAmendmentOf, stillStanding, toDecide } from './motion.js'
import {
  bringsSome,
  byChair,
  byOwner,
  contextOf,
  hallPlaces,
  inMeeting,
  mattersOn,
  meetingsOn,
  motionsOn,
  onHall,
  tasksOn,
  theHall,
  withMeeting,
} from './permissions-kit.js'
import { waitingDemands } from './queries.js'
import { stillActs, livesAtHall } from './residency.js'
import { deliberationRules } from './rules.js'
import type { HallState } from './state.js'
import { inCoordination } from './task.js'
import { floorHeard, hasVoted } from './vote.js'

// ---------------------------------------------------------------------------------------------
// The table

/**
 * Deliberation's permission table 权限表: for each command, who may issue it (the docs'
 * authority table), what it may act on now by the lifecycles of matters, meetings, motions and
 * tasks and their preconditions, and whether a person may issue it on a target — asking the same
 * predicates and checks as the handlers. Targets name a meeting, a motion, a matter (an
 * evaluation round is a matter `evaluating`), a task, a representative or a speaker by their ids;
 * `{}` is the hall itself.
 *
 * @category Permissions
 */
export const deliberationPermissions = permissionsFor<
  DeliberationCommand,
  HallState,
  RegistryContext
>()({
  openHall: {
    who: 'a registrar over the place where the hall sits, naming a chair who lives in the street',
    targets: (s, { registry }, at) =>
      s.hall === null && registry.street !== null && E.isRight(runsForward({ at }, s)) ? [{}] : [],
    may: (person, _target, _s, { registry }) =>
      hallPlaces(registry).some((place) =>
        E.isRight(namesChair(registry, person, 'openHall', place)),
      ),
  },
  handOverChair: {
    who: "a registrar over the hall's place, to someone who lives in the street",
    targets: theHall,
    may: (person, _target, s, { registry }) =>
      s.hall !== null && E.isRight(namesChair(registry, person, 'handOverChair', s.hall.place)),
  },
  amendCharter: { who: 'the chair who acts', targets: theHall, may: byChair },
  appointRepresentative: { who: 'the chair who acts', targets: theHall, may: byChair },
  appointRepresentatives: { who: 'the chair who acts', targets: theHall, may: byChair },
  removeRepresentative: {
    who: 'the chair who acts, of a representative on the roster',
    targets: onHall((s) => valuesOf(s.representatives).map((r) => ({ person: r.person }))),
    may: byChair,
  },
  appointSupervisor: { who: 'the chair who acts', targets: theHall, may: byChair },
  setSchedule: { who: 'the chair who acts', targets: theHall, may: byChair },
  submitDemand: {
    who: "a resident of the hall's place, for themselves; their building head (channel building-head); the chair or a representative who acts (hotline, visit)",
    targets: theHall,
    may: (person, _target, s, { registry }) => {
      const x = contextOf(s, registry)
      return x !== null && bringsSome(person, s, x)
    },
  },
  aggregateDemands: {
    who: "the chair who acts, or a building head or party-group leader of the hall's place, while demands wait",
    targets: onHall((s, _x, at) => (waitingDemands(s, at, 0).length > 0 ? [{}] : [])),
    may: (person, _target, s, { registry }) => {
      const x = contextOf(s, registry)
      return x !== null && mayAggregate(x, person)
    },
  },
  putOnAgenda: {
    who: "the chair who acts, of a matter the matter table lets go on a scheduled meeting's agenda with room",
    targets: onHall((s) =>
      valuesOf(s.matters).flatMap((matter) =>
        valuesOf(s.meetings)
          .filter(
            (meeting) =>
              meeting.status === 'scheduled' &&
              agendaHasRoom(meeting, matter.id) &&
              E.isRight(
                matterMachine.next(matter.status, 'putOnAgenda', {
                  [deliberationRules.previousMeetingOver.id]: previousMeetingOver(
                    s,
                    matter,
                    meeting.id,
                  ),
                }),
              ),
          )
          .map((meeting) => ({ matter: matter.id, meeting: meeting.id })),
      ),
    ),
    may: byChair,
  },
  scheduleMeeting: { who: 'the chair who acts', targets: theHall, may: byChair },
  openMeeting: {
    who: 'the chair who acts, of a scheduled meeting (with quorum of those present)',
    targets: meetingsOn('openMeeting'),
    may: byChair,
  },
  cancelMeeting: {
    who: 'the chair who acts, of a scheduled meeting',
    targets: meetingsOn('cancelMeeting'),
    may: byChair,
  },
  adjournMeeting: {
    who: 'the chair who acts, of an open meeting with no vote open',
    targets: meetingsOn('adjournMeeting', (meeting, s) => !voteOpenIn(s, meeting)),
    may: byChair,
  },
  moveMotion: {
    who: "a representative present at the meeting's opening who acts, on a matter on its agenda still to be decided",
    targets: onHall((s) =>
      valuesOf(s.meetings)
        .filter((meeting) => E.isRight(meetingOpen(meeting)))
        .flatMap((meeting) =>
          meeting.agenda.flatMap((id) => {
            const matter = lookup(s.matters, id)
            return matter !== undefined && onAgendaOf(meeting, matter) && toDecide(matter.status)
              ? [{ meeting: meeting.id, matter: matter.id }]
              : []
          }),
        ),
    ),
    may: (person, target, s, { registry }) => {
      const x = contextOf(s, registry)
      const meeting = target.meeting === undefined ? undefined : lookup(s.meetings, target.meeting)
      return (
        x !== null &&
        meeting !== undefined &&
        E.isRight(eligibleIn({ actor: person, type: 'moveMotion' }, meeting, s, x))
      )
    },
  },
  secondMotion: {
    who: 'a representative present at the opening who acts, other than the mover',
    targets: motionsOn('secondMotion'),
    may: inMeeting('secondMotion', (person, motion) => person !== motion.mover),
  },
  requestFloor: {
    who: 'a representative present at the opening who acts, not waiting already, within the turn limit',
    targets: motionsOn('requestFloor'),
    may: inMeeting(
      'requestFloor',
      (person, motion, meeting, x) =>
        !motion.requests.includes(person) &&
        hasTurnsLeft(motion, charterOf(meeting, x.hall), person),
    ),
  },
  grantFloor: {
    who: 'the chair who acts, to one who asked, within the turn limit and by equal turns',
    targets: onHall((s, x) =>
      valuesOf(s.motions).flatMap((motion) => {
        const both = withMeeting(s, motion.id)
        if (
          both === null ||
          !motionMachine.can(motion.status, 'grantFloor') ||
          E.isLeft(meetingOpen(both.meeting))
        )
          return []
        const charter = charterOf(both.meeting, x.hall)
        return motion.requests
          .filter((p) => hasTurnsLeft(motion, charter, p) && aheadOf(motion, p).length === 0)
          .map((speaker) => ({ motion: motion.id, speaker }))
      }),
    ),
    may: byChair,
  },
  openVoting: {
    who: 'the chair who acts, once everyone who asked has had the floor and no amendment is pending',
    targets: motionsOn(
      'openVoting',
      (motion, meeting, s) =>
        floorHeard(motion) &&
        E.isRight(stillStanding(s, motion)) &&
        E.isRight(
          motionMachine.next(motion.status, 'openVoting', {
            [deliberationRules.noPendingAmendment.id]:
              pendingAmendmentOf(s, meeting, motion) === undefined,
          }),
        ),
    ),
    may: byChair,
  },
  castVote: {
    who: 'a representative present at the opening who acts, once',
    targets: motionsOn('castVote'),
    may: inMeeting('castVote', (person, motion) => !hasVoted(motion, person)),
  },
  closeVoting: { who: 'the chair who acts', targets: motionsOn('closeVoting'), may: byChair },
  withdrawMotion: {
    who: 'the mover (a resident representative while living at the place)',
    targets: motionsOn('withdrawMotion'),
    may: (person, target, s, { registry }) => {
      const x = contextOf(s, registry)
      const both = withMeeting(s, target.motion)
      return (
        x !== null &&
        both?.motion.mover === person &&
        E.isRight(stillActs({ actor: person, type: 'withdrawMotion' }, s, x))
      )
    },
  },
  postponeMotion: { who: 'the chair who acts', targets: motionsOn('postponeMotion'), may: byChair },
  referMotion: { who: 'the chair who acts', targets: motionsOn('referMotion'), may: byChair },
  assignTask: {
    who: 'the chair who acts, on a decided or reopened matter or one in coordination',
    targets: mattersOn('assignTask'),
    may: byChair,
  },
  acceptTask: {
    who: "the task's owner, or a leader of the owning organisation",
    targets: tasksOn('acceptTask'),
    may: byOwner,
  },
  reportProgress: {
    who: "the task's owner, or a leader of the owning organisation",
    targets: tasksOn('reportProgress'),
    may: byOwner,
  },
  finishTask: {
    who: "the task's owner, or a leader of the owning organisation",
    targets: tasksOn('finishTask'),
    may: byOwner,
  },
  objectToTask: {
    who: "the task's owner, or a leader of the owning organisation, while its matter is in coordination",
    targets: tasksOn('objectToTask', (task, s) => inCoordination(s, task)),
    may: byOwner,
  },
  holdCoordination: {
    who: 'the chair who acts, on a matter in coordination',
    targets: mattersOn('holdCoordination'),
    may: byChair,
  },
  beginSupervision: {
    who: 'the chair who acts, once no objection to the tasks is pending',
    targets: mattersOn('beginSupervision', (matter, s) =>
      E.isRight(
        matterMachine.next(matter.status, 'beginSupervision', {
          [deliberationRules.tasksSettled.id]: tasksSettled(tasksOf(s, matter)),
        }),
      ),
    ),
    may: byChair,
  },
  fileSupervisionReport: {
    who: 'a supervisor of the hall, on a task they neither own nor lead the owner of',
    targets: onHall((s) =>
      valuesOf(s.tasks)
        .filter((t) => underSupervision(s, t))
        .map((t) => ({ task: t.id })),
    ),
    may: (person, target, s, context) =>
      supervises(s, person) && !byOwner(person, target, s, context),
  },
  openEvaluation: {
    who: 'the chair who acts, once every task is done or withdrawn',
    targets: mattersOn('openEvaluation', (matter, s) =>
      E.isRight(
        matterMachine.next(matter.status, 'openEvaluation', {
          [deliberationRules.tasksDone.id]: tasksDone(tasksOf(s, matter)),
        }),
      ),
    ),
    may: byChair,
  },
  evaluate: {
    who: "a resident of the hall's place, once in each round",
    targets: mattersOn('evaluate'),
    may: (person, target, s, { registry }) => {
      const matter = target.matter === undefined ? undefined : lookup(s.matters, target.matter)
      return (
        s.hall !== null &&
        matter !== undefined &&
        livesAtHall(registry, s.hall, person) &&
        !evaluatedThisRound(matter, person)
      )
    },
  },
  closeEvaluation: {
    who: 'the chair who acts, once someone has evaluated in the round',
    targets: mattersOn('closeEvaluation', (matter) => roundOf(matter).length > 0),
    may: byChair,
  },
})

/**
 * What a person may do in a hall now (可办事项): every command of
 * {@link deliberationPermissions} with each target the person may issue it on, for the hall's
 * state, the street's registry and the instant `at` (the app's clock, or the date the command
 * will carry). The chair sees the meetings, motions and matters waiting for them; a
 * representative the motions they may second, speak or vote on; an owner their tasks; a resident
 * the rounds they may evaluate. Nothing is decided.
 *
 * @example
 * ```ts
 * // @check types-only
 * import { instant, PersonId } from 'governance-kit'
 * import type { RegistryState } from 'governance-kit/community'
 * import { allowedInHall, type HallState } from 'governance-kit/deliberation'
 * // A hall whose meeting mt-1 is open, with motion mo-1 moved by p-rc and not yet seconded:
 * declare const state: HallState
 * declare const registry: RegistryState // the street's registry
 * allowedInHall(state, { registry }, PersonId.make('r-1'), instant('2024-06-01T10:00:00+08:00'))
 * // → [{ type: 'submitDemand', target: {} }, { type: 'secondMotion', target: { motion: 'mo-1' } }]
 * ```
 *
 * @category Permissions
 */
export const allowedInHall = allowedBy(deliberationPermissions)
