/**
 * The rules of deliberation (议事规则目录), as data: every rule a hall's `decide` refuses with,
 * each under a short key with its stable id and what it requires, in the order of the four stages
 * — the hall and its roster, demand feedback, the meeting and its rules of order, motions and
 * votes, interest coordination, supervision and evaluation — and the hall's record running
 * forward. The guards of the lifecycle tables (`machine.ts`) are rules of this catalogue too: a
 * guard that does not hold is a refusal named after it (`carried` and `pass-mark-met` only choose
 * between two edges, so they never refuse). The docs' rule table is generated from it
 * (`npm run docs:rules`).
 *
 * No rule of the registry (`communityRules`) reaches a hall through `community`, so none is
 * spread in: what deliberation asks of it — `authorise`, `hasParty`, `actsFor`, `livesWithin` and
 * the other place questions — answers `Forbidden`, `NotFound` or a yes or no, and its
 * `runsForward` reads the registry's stream, not the hall's. Two ids are the registry's too, for
 * rules of its own stream: `earlier-than-last-event` (a hall checks its own record) and
 * `not-a-resident` (the registry's is a departure of someone who has a home in the street).
 *
 * @module
 */
import { defineRules, type RuleIdOf } from '../core/index.js'

/**
 * Every rule of deliberation 协商议事: `deliberationRules.secondByAnother.id` is
 * `'second-by-another'`, and `violation(deliberationRules.secondByAnother, message)` its refusal.
 *
 * @category Rules
 */
export const deliberationRules = defineRules({
  // The hall, its roster and its chair
  hallBalance: [
    'hall-balance',
    "Migrant and local representatives who act stay within the charter's tolerance of each other; a roster a household change has tipped out of balance may be mended, never made worse.",
  ],
  seatsFull: ['seats-full', "A hall seats no more representatives than its charter's seats."],
  councilCharter: [
    'council-charter',
    "A council's charter has seats and a balance rule whose tolerance is at most a quarter of the seats, and an amendment keeps it a council's charter.",
  ],
  appointedTwice: ['appointed-twice', 'One appointment names each person once.'],
  notAResident: [
    'not-a-resident',
    "A demand's resident lives at the hall's place, and so does a resident representative when appointed and whenever they move, second, ask for the floor, vote or withdraw their motion.",
  ],
  chairInStreet: [
    'chair-in-street',
    'The chair is named from those who live in the street, and acts only while their residency in the street is unbroken since they became chair; after a departure, a registrar hands the chair over.',
  ],
  sameChair: [
    'same-chair',
    'The chair is handed over to someone other than the chair who acts now.',
  ],
  // Demand feedback
  demandAggregated: ['demand-aggregated', 'A demand joins one matter, and is named in it once.'],
  noDemands: ['no-demands', 'A matter is aggregated from at least one demand.'],
  // The meeting, its agenda and its rules of order
  previousMeetingOver: [
    'previous-meeting-over',
    "A matter on one meeting's agenda goes on another only once that meeting is adjourned or cancelled.",
  ],
  meetingNotScheduled: [
    'meeting-not-scheduled',
    'A matter is put on the agenda of a meeting that is scheduled.',
  ],
  agendaFull: ['agenda-full', "A meeting's agenda holds at most 50 matters (MAX_AGENDA)."],
  quorum: [
    'quorum',
    "A meeting opens only when the representatives present who act make the charter's quorum of all who act.",
  ],
  meetingNotOpen: [
    'meeting-not-open',
    'Motions are moved, debated and voted only while their meeting is open.',
  ],
  voteInProgress: ['vote-in-progress', 'A meeting is adjourned only when no vote is open.'],
  floorRequested: [
    'floor-requested',
    'The floor is granted only to one who asked for it, and one asks once at a time.',
  ],
  equalTurns: [
    'equal-turns',
    'Nobody speaks twice on a motion while someone who asked has not spoken once (no one-voice rule 一言堂).',
  ],
  turnLimit: [
    'turn-limit',
    'Nobody asks for or is given more turns on a motion than the charter allows.',
  ],
  // Motions, amendments and votes
  notOnAgenda: ['not-on-agenda', "A motion is about a matter on its meeting's agenda."],
  matterNotDeliberating: [
    'matter-not-deliberating',
    'A main motion is moved and put to the vote only on a matter still to be decided.',
  ],
  oneMainMotion: ['one-main-motion', 'A matter has one main motion pending at a time.'],
  amendmentTarget: [
    'amendment-target',
    'An amendment carries no outcome of its own; it amends a main motion of its meeting and matter that is pending, not under vote and without another amendment pending, and is voted only while that motion is pending.',
  ],
  secondByAnother: ['second-by-another', 'A motion is seconded by someone other than its mover.'],
  floorWaiting: [
    'floor-waiting',
    'A vote is opened only when everyone who asked for the floor has had it.',
  ],
  noPendingAmendment: [
    'no-pending-amendment',
    'A motion is put to the vote only when no amendment of it is pending.',
  ],
  oneVote: ['one-vote', 'A representative votes once on a motion.'],
  carried: [
    'carried',
    "A motion is adopted when its vote carries under the charter's threshold, and rejected otherwise.",
  ],
  // Interest coordination
  matterNotCoordinating: [
    'matter-not-coordinating',
    'An objection to a task is raised while its matter is in coordination.',
  ],
  coordinationAttendance: [
    'coordination-attendance',
    'A coordination meeting (党政群共商共治) has the party committee and residents at it.',
  ],
  taskOfMatter: [
    'task-of-matter',
    'A coordination meeting settles only tasks of its matter, each at most once.',
  ],
  // Supervision and evaluation
  tasksSettled: [
    'tasks-settled',
    'A matter goes to supervision when no objection to its tasks is pending and some task is not withdrawn.',
  ],
  notUnderSupervision: [
    'not-under-supervision',
    'Supervision reports are filed on tasks of a matter under supervision or evaluation.',
  ],
  supervisesOwnTask: [
    'supervises-own-task',
    'A supervisor reports only on tasks they neither own nor lead the owner of.',
  ],
  tasksDone: [
    'tasks-done',
    'A matter is evaluated when every task is done or withdrawn, and at least one is done.',
  ],
  oneEvaluation: ['one-evaluation', 'A resident evaluates a matter once in each round.'],
  noEvaluations: [
    'no-evaluations',
    'An evaluation round is closed only when someone has evaluated in it.',
  ],
  passMarkMet: [
    'pass-mark-met',
    "A matter closes when its round's average reaches the charter's pass mark, and is reopened otherwise.",
  ],
  // The hall's record
  earlierThanLastEvent: [
    'earlier-than-last-event',
    "A hall's record runs forward: no command is dated before the hall's last event.",
  ],
})

/** The id of a rule of deliberation: what a hall's `RuleViolation` may name. @category Rules */
export type DeliberationRule = RuleIdOf<typeof deliberationRules>
