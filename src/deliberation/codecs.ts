/**
 * Four-stage deliberation (协商议事): the codecs of the hall, its matters, meetings, motions and
 * tasks, and of every command and event. Every type is derived from these codecs.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  CommunityId,
  finiteNumber,
  CompoundId,
  DemandId,
  EntranceId,
  HallId,
  Instant,
  MatterId,
  MeetingId,
  MotionId,
  OrganisationId,
  PersonId,
  StreetId,
  TaskId,
  command,
  discriminatedUnion,
  event,
  integer,
  list,
  oneOf,
  orNull,
  struct,
  taggedUnion,
} from '../core/index.js'
import { Description, Name, PartyRef } from '../community/index.js'
import { matterMachine, meetingMachine, motionMachine, taskMachine } from './machine.js'
import { Schedule } from './schedule.js'

/** A motion's or resolution's text: 1 to 2,000 characters (a description). */
const Text = Description

// ---------------------------------------------------------------------------------------------
// The hall

/**
 * Where a hall sits: one of the three levels of seed 002 — community 社区, compound 楼院 or
 * building entrance 楼门 (社区、楼院、楼门三级议事).
 */
export const HallPlace = discriminatedUnion('HallPlace', 'level', [
  struct('community hall', { level: t.literal('community'), id: CommunityId }),
  struct('compound hall', { level: t.literal('compound'), id: CompoundId }),
  struct('entrance hall', { level: t.literal('entrance'), id: EntranceId }),
])
/** Where a hall sits. */
export type HallPlace = t.TypeOf<typeof HallPlace>

/**
 * The six kinds of participant of the 365 hall (seed 002): the party committee 党委, the
 * residents' committee 居委会, residents 居民, social organisations 社会组织, the property company
 * 物业 and other social forces 其他社会力量 (co-building units, police, media, experts).
 */
export const ParticipantKind = oneOf(
  [
    'party-committee',
    'residents-committee',
    'resident',
    'social-organisation',
    'property-company',
    'other-social-force',
  ],
  'ParticipantKind',
)
/** A kind of participant. */
export type ParticipantKind = t.TypeOf<typeof ParticipantKind>

/** The brand of {@link Fraction}: a share no greater than the whole. */
export interface FractionBrand {
  readonly Fraction: unique symbol
}

/**
 * A share `numerator / denominator` between 0 and 1, e.g. a quorum of 1/2 or 2/3 (a quorum above
 * all the representatives could never be met).
 */
export const Fraction = t.brand(
  struct('fraction', { numerator: integer(0, 100), denominator: integer(1, 100) }),
  (
    f,
  ): f is t.Branded<{ readonly numerator: number; readonly denominator: number }, FractionBrand> =>
    f.numerator <= f.denominator,
  'Fraction',
)
/** A share between 0 and 1. */
export type Fraction = t.TypeOf<typeof Fraction>

/**
 * The vote a motion needs: a simple majority of the votes cast (more yes than no), or two
 * thirds of them; abstentions are not votes cast, and a tie fails.
 */
export const Threshold = oneOf(['simple-majority', 'two-thirds'], 'Threshold')
/** The vote a motion needs. */
export type Threshold = t.TypeOf<typeof Threshold>

/**
 * A hall's charter 议事规则 (seed 000's council rules, seed 004's hall rules): the quorum (the
 * share of representatives present to open a meeting), the vote threshold, speaking limits
 * against one-voice rule 一言堂 (minutes per turn, turns per speaker on one motion), an optional
 * balance rule (migrant and local representatives within `tolerance` seats of each other, as S
 * Street's council), the pass mark of residents' evaluations (1 to 5), and optionally the hall's
 * seats and the mark of a co-governance council's charter (which keeps its balance rule and seats).
 */
export const Charter = struct(
  'Charter',
  {
    quorum: Fraction,
    threshold: Threshold,
    minutesPerTurn: integer(1, 60),
    turnsPerMotion: integer(1, 10),
    balance: orNull(struct('balance rule', { tolerance: integer(0, 50) })),
    passMark: integer(1, 5),
  },
  {
    /** The seats 席位 of the hall: at most this many representatives (no cap when absent). */
    seats: integer(1, 500),
    /**
     * A co-governance council's charter 共治议事会章程: it has seats and a balance rule whose
     * tolerance is at most a quarter of them, and no amendment takes them (or this mark) away.
     */
    council: t.literal(true),
  },
)
/** A hall's charter. */
export type Charter = t.TypeOf<typeof Charter>

/** A deliberation hall 议事厅 at one of the three levels, with its charter and chair. */
export const Hall = struct('Hall', {
  id: HallId,
  street: StreetId,
  name: Name,
  place: HallPlace,
  charter: Charter,
  /** The chair 主持人/召集人 now: named at the opening, changed by each `chairHandedOver`. */
  chair: PersonId,
  openedAt: Instant,
})
/** A deliberation hall. */
export type Hall = t.TypeOf<typeof Hall>

/**
 * One handover of the hall's chair 主持人移交: who handed it over (`by`, a registrar over the
 * hall's place), from whom, to whom, when, and on what basis (the decision or reason recorded,
 * e.g. "the party secretary left the street; the community party committee designated Sun Li").
 */
export const ChairHandover = struct('ChairHandover', {
  from: PersonId,
  to: PersonId,
  by: PersonId,
  at: Instant,
  basis: Description,
})
/** One handover of the hall's chair. */
export type ChairHandover = t.TypeOf<typeof ChairHandover>

/** A representative 议事代表 of the hall, of one participant kind. */
export const Representative = struct('Representative', {
  person: PersonId,
  kind: ParticipantKind,
  /** The organisation they speak for, when not for themselves. */
  organisation: orNull(OrganisationId),
  since: Instant,
})
/** A representative of the hall. */
export type Representative = t.TypeOf<typeof Representative>

/** A supervisor 监督员 of the hall, and the body they act for (e.g. the red owners' committee). */
export const Supervisor = struct('Supervisor', { person: PersonId, body: Name, since: Instant })
/** A supervisor of the hall. */
export type Supervisor = t.TypeOf<typeof Supervisor>

// ---------------------------------------------------------------------------------------------
// Stage 1: demand feedback

/**
 * How a demand reached the hall: through a building head 楼门长, the hotline duty rota (12345
 * 热线值班), a visit by cadres 走访, or online.
 */
export const Channel = oneOf(['building-head', 'hotline', 'visit', 'online'], 'Channel')
/** How a demand reached the hall. */
export type Channel = t.TypeOf<typeof Channel>

/** A resident's demand (ordering right 点单权, voice right 发声权), and the matter it joined. */
export const Demand = struct('Demand', {
  id: DemandId,
  resident: PersonId,
  channel: Channel,
  text: Text,
  submittedBy: PersonId,
  submittedAt: Instant,
  /** The matter (topic) it was aggregated into; null while it waits. */
  matter: orNull(MatterId),
})
/** A resident's demand. */
export type Demand = t.TypeOf<typeof Demand>

// ---------------------------------------------------------------------------------------------
// Stage 2: meetings and motions

/** One party's duty under a resolution or pact (the "contract" 契约 of seed 002). */
export const NamedDuty = struct('NamedDuty', { party: ParticipantKind, duty: Description })
/** One party's duty under a resolution. */
export type NamedDuty = t.TypeOf<typeof NamedDuty>

/** What an adopted main motion becomes: a resolution 决议 or a residents' pact 居民公约. */
export const Outcome = struct('Outcome', {
  kind: oneOf(['resolution', 'pact']),
  duties: list(NamedDuty, 20),
})
/** What an adopted main motion becomes. */
export type Outcome = t.TypeOf<typeof Outcome>

/** A vote: yes, no or abstain. */
export const Choice = oneOf(['yes', 'no', 'abstain'], 'Choice')
/** A vote. */
export type Choice = t.TypeOf<typeof Choice>

/** The lifecycle state of a matter. */
export const MatterStatus = matterMachine.stateCodec
/** The lifecycle state of a matter. */
export type MatterStatus = t.TypeOf<typeof MatterStatus>
/** The lifecycle state of a meeting. */
export const MeetingStatus = meetingMachine.stateCodec
/** The lifecycle state of a meeting. */
export type MeetingStatus = t.TypeOf<typeof MeetingStatus>
/** The lifecycle state of a motion. */
export const MotionStatus = motionMachine.stateCodec
/** The lifecycle state of a motion. */
export type MotionStatus = t.TypeOf<typeof MotionStatus>
/** The lifecycle state of a task. */
export const TaskStatus = taskMachine.stateCodec
/** The lifecycle state of a task. */
export type TaskStatus = t.TypeOf<typeof TaskStatus>

/** A tally of votes. */
export const Tally = struct('Tally', {
  yes: integer(0, 100_000),
  no: integer(0, 100_000),
  abstain: integer(0, 100_000),
})
/** A tally of votes. */
export type Tally = t.TypeOf<typeof Tally>

/** One speaking turn, with who was waiting for the floor when it was granted. */
export const Turn = struct('Turn', {
  speaker: PersonId,
  at: Instant,
  minutes: integer(1, 60),
  waiting: list(PersonId),
})
/** One speaking turn. */
export type Turn = t.TypeOf<typeof Turn>

/** A motion 动议: a main motion about a matter, or an amendment of a pending motion. */
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
/** A motion. */
export type Motion = t.TypeOf<typeof Motion>

/** The most matters one meeting's agenda holds. */
export const MAX_AGENDA = 50

/** A meeting of the hall. */
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
/** A meeting of the hall. */
export type Meeting = t.TypeOf<typeof Meeting>

// ---------------------------------------------------------------------------------------------
// Stage 3 and 4: tasks, coordination, supervision, evaluation

/** Who owns a task: a person or an organisation (e.g. the property company). */
export const TaskOwner = PartyRef
/** Who owns a task. */
export type TaskOwner = PartyRef

/** How a coordination meeting settles an objection to a task. */
export const ObjectionSettlement = discriminatedUnion('ObjectionSettlement', 'outcome', [
  struct('upheld', { outcome: t.literal('upheld'), task: TaskId }),
  struct('reassigned', { outcome: t.literal('reassigned'), task: TaskId, owner: TaskOwner }),
  struct('withdrawn', { outcome: t.literal('withdrawn'), task: TaskId }),
])
/** How an objection to a task is settled. */
export type ObjectionSettlement = t.TypeOf<typeof ObjectionSettlement>

/** A task a resolution is broken into. */
export const Task = struct('Task', {
  id: TaskId,
  matter: MatterId,
  owner: TaskOwner,
  description: Description,
  due: Instant,
  status: TaskStatus,
  progress: list(struct('progress', { percent: integer(0, 100), note: Description, at: Instant })),
  objections: list(struct('objection', { reason: Description, at: Instant })),
  reports: list(struct('report', { supervisor: PersonId, finding: Description, at: Instant })),
  doneAt: orNull(Instant),
})
/** A task. */
export type Task = t.TypeOf<typeof Task>

/** One step of a matter's lifecycle, kept for its timeline. */
export const MatterStep = struct('MatterStep', {
  to: MatterStatus,
  on: t.string,
  at: Instant,
  actor: PersonId,
})
/** One step of a matter's lifecycle. */
export type MatterStep = t.TypeOf<typeof MatterStep>

/** A community matter 议题 carried through the four stages. */
export const Matter = struct('Matter', {
  id: MatterId,
  title: Name,
  status: MatterStatus,
  /** The meeting whose agenda it is on (the latest). */
  meeting: orNull(MeetingId),
  demands: list(DemandId),
  resolution: orNull(
    struct('resolution', { motion: MotionId, text: Text, outcome: Outcome, at: Instant }),
  ),
  tasks: list(TaskId),
  coordinations: list(
    struct('coordination', {
      at: Instant,
      attendees: list(ParticipantKind, 6),
      settlements: list(ObjectionSettlement, 50),
    }),
  ),
  evaluations: list(
    struct('evaluation', {
      resident: PersonId,
      score: integer(1, 5),
      at: Instant,
      /** The evaluation round: 0, then one more each time the matter is reopened. */
      round: integer(0, 1000),
    }),
  ),
  /** How many times an evaluation has reopened it (the current evaluation round). */
  reopened: integer(0, 1000),
  steps: list(MatterStep),
})
/** A community matter. */
export type Matter = t.TypeOf<typeof Matter>

// ---------------------------------------------------------------------------------------------
// Commands

const inHall = { street: StreetId, hall: HallId }

/** Opens a hall at a community, compound or entrance, with its charter and chair. */
export const OpenHall = command('openHall', {
  ...inHall,
  name: Name,
  place: HallPlace,
  charter: Charter,
  chair: PersonId,
})
/**
 * Hands the hall's chair 主持人 over to a person who lives in the hall's street: a registrar over
 * the hall's place does it (the registry's authority, which named the chair when the hall
 * opened), recording the basis — for instance when the chair has left the street, and with it the
 * chair's authority. It may go back to the chair themselves only when they act no more (one who
 * left and came back). Meetings already open continue under the new chair. On a council's hall,
 * the new chair should be the council branch's secretary: the hall does not check it (see
 * integration's `councilComposition`).
 */
export const HandOverChair = command('handOverChair', {
  ...inHall,
  chair: PersonId,
  basis: Description,
})
/** Amends the charter (meetings already open keep the charter they opened with). */
export const AmendCharter = command('amendCharter', { ...inHall, charter: Charter })
/** Appoints a representative of one participant kind. */
export const AppointRepresentative = command('appointRepresentative', {
  ...inHall,
  person: PersonId,
  kind: ParticipantKind,
  organisation: orNull(OrganisationId),
})
/**
 * Appoints several representatives at once, the balance rule checked after all of them: with a
 * tolerance of 0, migrants and locals are appointed in pairs.
 */
export const AppointRepresentatives = command('appointRepresentatives', {
  ...inHall,
  representatives: list(
    struct('appointment', {
      person: PersonId,
      kind: ParticipantKind,
      organisation: orNull(OrganisationId),
    }),
    100,
  ),
})
/** Removes a representative. */
export const RemoveRepresentative = command('removeRepresentative', {
  ...inHall,
  person: PersonId,
})
/** Appoints a supervisor (e.g. of the red owners' committee or a supervision group). */
export const AppointSupervisor = command('appointSupervisor', {
  ...inHall,
  person: PersonId,
  body: Name,
})
/** States a recurring schedule of the hall (replacing one of the same name). */
export const SetSchedule = command('setSchedule', { ...inHall, schedule: Schedule })
/** A resident's demand reaches the hall through a channel. */
export const SubmitDemand = command('submitDemand', {
  ...inHall,
  demand: DemandId,
  resident: PersonId,
  channel: Channel,
  text: Text,
})
/** Building heads and party-group leaders aggregate waiting demands into a matter (topic). */
export const AggregateDemands = command('aggregateDemands', {
  ...inHall,
  matter: MatterId,
  title: Name,
  demands: list(DemandId, 200),
})
/** Puts a matter on the agenda of a scheduled meeting. */
export const PutOnAgenda = command('putOnAgenda', {
  ...inHall,
  matter: MatterId,
  meeting: MeetingId,
})
/** Schedules a meeting. */
export const ScheduleMeeting = command('scheduleMeeting', {
  ...inHall,
  meeting: MeetingId,
  scheduledFor: Instant,
})
/** Opens a scheduled meeting with those present (only with quorum). */
export const OpenMeeting = command('openMeeting', {
  ...inHall,
  meeting: MeetingId,
  present: list(PersonId, 500),
})
/** Cancels a scheduled meeting. */
export const CancelMeeting = command('cancelMeeting', {
  ...inHall,
  meeting: MeetingId,
  reason: Description,
})
/** Adjourns an open meeting; matters it did not decide go back on the agenda. */
export const AdjournMeeting = command('adjournMeeting', { ...inHall, meeting: MeetingId })
/** A representative moves a main motion about a matter on the agenda, or amends a pending motion. */
export const MoveMotion = command(
  'moveMotion',
  { ...inHall, meeting: MeetingId, motion: MotionId, matter: MatterId, text: Text },
  { amends: MotionId, outcome: Outcome },
)
/** Another representative seconds a motion. */
export const SecondMotion = command('secondMotion', { ...inHall, motion: MotionId })
/** A representative asks for the floor on a motion. */
export const RequestFloor = command('requestFloor', { ...inHall, motion: MotionId })
/** The chair gives the floor to one who asked, under the equal-turns rule. */
export const GrantFloor = command('grantFloor', {
  ...inHall,
  motion: MotionId,
  speaker: PersonId,
})
/** The chair puts a motion to the vote. */
export const OpenVoting = command('openVoting', { ...inHall, motion: MotionId })
/** An eligible representative votes. */
export const CastVote = command('castVote', { ...inHall, motion: MotionId, choice: Choice })
/** The chair closes the vote: the motion is adopted or rejected by the charter's threshold. */
export const CloseVoting = command('closeVoting', { ...inHall, motion: MotionId })
/** The mover withdraws their motion before the vote. */
export const WithdrawMotion = command('withdrawMotion', { ...inHall, motion: MotionId })
/** The chair postpones a motion (to a later meeting). */
export const PostponeMotion = command('postponeMotion', { ...inHall, motion: MotionId })
/** The chair refers a motion (to a committee or a department). */
export const ReferMotion = command('referMotion', {
  ...inHall,
  motion: MotionId,
  to: Name,
})
/** The chair breaks a decided matter into a task with an owner and a due date. */
export const AssignTask = command('assignTask', {
  ...inHall,
  task: TaskId,
  matter: MatterId,
  owner: TaskOwner,
  description: Description,
  due: Instant,
})
/** A task's owner accepts it. */
export const AcceptTask = command('acceptTask', { ...inHall, task: TaskId })
/** A task's owner reports progress. */
export const ReportProgress = command('reportProgress', {
  ...inHall,
  task: TaskId,
  percent: integer(0, 100),
  note: Description,
})
/** A task's owner reports it finished. */
export const FinishTask = command('finishTask', { ...inHall, task: TaskId })
/** A task's owner objects to it (a conflict of interest to settle). */
export const ObjectToTask = command('objectToTask', {
  ...inHall,
  task: TaskId,
  reason: Description,
})
/**
 * A coordination meeting of party, government and residents 党政群共商共治 settles objections to
 * a matter's tasks; its outcome is recorded.
 */
export const HoldCoordination = command('holdCoordination', {
  ...inHall,
  matter: MatterId,
  attendees: list(ParticipantKind, 6),
  settlements: list(ObjectionSettlement, 50),
})
/** The chair moves a matter from coordination to supervision. */
export const BeginSupervision = command('beginSupervision', { ...inHall, matter: MatterId })
/** A supervisor files a report on a task they do not own. */
export const FileSupervisionReport = command('fileSupervisionReport', {
  ...inHall,
  task: TaskId,
  finding: Description,
})
/** The chair opens residents' evaluation of a matter whose tasks are all done. */
export const OpenEvaluation = command('openEvaluation', { ...inHall, matter: MatterId })
/** A resident of the hall's place evaluates the outcome (1 to 5), once per round. */
export const Evaluate = command('evaluate', {
  ...inHall,
  matter: MatterId,
  score: integer(1, 5),
})
/** The chair closes the evaluation: at or above the pass mark the matter closes, else it reopens. */
export const CloseEvaluation = command('closeEvaluation', { ...inHall, matter: MatterId })

/** Every command of the deliberation mechanism. */
export const DeliberationCommand = taggedUnion('DeliberationCommand', [
  OpenHall,
  HandOverChair,
  AmendCharter,
  AppointRepresentative,
  AppointRepresentatives,
  RemoveRepresentative,
  AppointSupervisor,
  SetSchedule,
  SubmitDemand,
  AggregateDemands,
  PutOnAgenda,
  ScheduleMeeting,
  OpenMeeting,
  CancelMeeting,
  AdjournMeeting,
  MoveMotion,
  SecondMotion,
  RequestFloor,
  GrantFloor,
  OpenVoting,
  CastVote,
  CloseVoting,
  WithdrawMotion,
  PostponeMotion,
  ReferMotion,
  AssignTask,
  AcceptTask,
  ReportProgress,
  FinishTask,
  ObjectToTask,
  HoldCoordination,
  BeginSupervision,
  FileSupervisionReport,
  OpenEvaluation,
  Evaluate,
  CloseEvaluation,
])
/** Every command of the deliberation mechanism. */
export type DeliberationCommand = t.TypeOf<typeof DeliberationCommand>

// ---------------------------------------------------------------------------------------------
// Events

const matterMove = { matter: MatterId, status: MatterStatus }

/** Every event of the deliberation mechanism. */
export const DeliberationEvent = taggedUnion('DeliberationEvent', [
  event('hallOpened', {
    hall: HallId,
    street: StreetId,
    name: Name,
    place: HallPlace,
    charter: Charter,
    chair: PersonId,
  }),
  /** The chair passed from `from` to `to` (the actor is the registrar who handed it over). */
  event('chairHandedOver', { from: PersonId, to: PersonId, basis: Description }),
  event('charterAmended', { charter: Charter }),
  event('representativeAppointed', {
    person: PersonId,
    kind: ParticipantKind,
    organisation: orNull(OrganisationId),
  }),
  event('representativeRemoved', { person: PersonId }),
  event('supervisorAppointed', { person: PersonId, body: Name }),
  event('scheduleSet', { schedule: Schedule }),
  event('demandSubmitted', {
    demand: DemandId,
    resident: PersonId,
    channel: Channel,
    text: Text,
  }),
  event('demandsAggregated', { ...matterMove, title: Name, demands: list(DemandId, 200) }),
  event('matterPutOnAgenda', { ...matterMove, meeting: MeetingId }),
  event('meetingScheduled', { meeting: MeetingId, scheduledFor: Instant }),
  event('meetingOpened', {
    meeting: MeetingId,
    present: list(PersonId, 500),
    eligible: list(PersonId, 500),
    charter: Charter,
    /** The matters of the agenda that move to deliberation. */
    matters: list(struct('matter move', matterMove), MAX_AGENDA),
  }),
  event('meetingCancelled', { meeting: MeetingId, reason: Description }),
  event('meetingAdjourned', {
    meeting: MeetingId,
    matters: list(struct('matter move', matterMove), MAX_AGENDA),
    /** The motions left pending, postponed with the adjournment. */
    motions: list(struct('motion move', { motion: MotionId, status: MotionStatus })),
  }),
  event('motionMoved', {
    motion: MotionId,
    meeting: MeetingId,
    matter: MatterId,
    text: Text,
    amends: orNull(MotionId),
    outcome: Outcome,
  }),
  event('motionSeconded', { motion: MotionId, status: MotionStatus }),
  event('floorRequested', { motion: MotionId }),
  event('floorGranted', {
    motion: MotionId,
    speaker: PersonId,
    minutes: integer(1, 60),
    waiting: list(PersonId),
    status: MotionStatus,
  }),
  event('votingOpened', { motion: MotionId, status: MotionStatus }),
  event('voteCast', { motion: MotionId, choice: Choice }),
  event('votingClosed', {
    motion: MotionId,
    tally: Tally,
    status: MotionStatus,
    /** For an adopted main motion: its matter, now decided. */
    decided: orNull(struct('matter move', matterMove)),
  }),
  event('motionWithdrawn', { motion: MotionId, status: MotionStatus }),
  event('motionPostponed', { motion: MotionId, status: MotionStatus }),
  event('motionReferred', { motion: MotionId, status: MotionStatus, to: Name }),
  event('taskAssigned', {
    ...matterMove,
    task: TaskId,
    owner: TaskOwner,
    description: Description,
    due: Instant,
  }),
  event('taskAccepted', { task: TaskId, status: TaskStatus }),
  event('progressReported', {
    task: TaskId,
    status: TaskStatus,
    percent: integer(0, 100),
    note: Description,
  }),
  event('taskFinished', { task: TaskId, status: TaskStatus }),
  event('taskObjected', { task: TaskId, status: TaskStatus, reason: Description }),
  event('coordinationHeld', {
    matter: MatterId,
    attendees: list(ParticipantKind, 6),
    settlements: list(ObjectionSettlement, 50),
    /** Each settled task's state after the settlement. */
    tasks: list(struct('task move', { task: TaskId, status: TaskStatus }), 50),
  }),
  event('supervisionBegun', matterMove),
  event('supervisionReported', { task: TaskId, finding: Description }),
  event('evaluationOpened', matterMove),
  event('evaluationSubmitted', { matter: MatterId, score: integer(1, 5) }),
  event('evaluationClosed', {
    ...matterMove,
    /** The round's average score: the evaluations' scores (1 to 5) summed, over their number. */
    average: finiteNumber(1, 5),
    evaluations: integer(0, 100_000),
  }),
])
/** Every event of the deliberation mechanism. */
export type DeliberationEvent = t.TypeOf<typeof DeliberationEvent>
