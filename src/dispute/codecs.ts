/**
 * Dispute coordination (矛盾纠纷化解): the codecs of a case, its parties, sessions and
 * agreement, and of every command and event.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  AssignmentId,
  CaseId,
  CommunityId,
  GridId,
  Instant,
  PersonId,
  StreetId,
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
import { caseMachine, ladder } from './machine.js'

/**
 * The kinds of dispute of seeds 001, 003 and 004: owner vs owner, owner vs owners' committee,
 * owner vs property company, residents of two communities, organisations of two communities, and
 * any other with a description.
 *
 * @category State
 */
export const CaseKind = discriminatedUnion('CaseKind', 'kind', [
  struct('owner vs owner', { kind: t.literal('owner-vs-owner') }),
  struct('owner vs owners committee', { kind: t.literal('owner-vs-owners-committee') }),
  struct('owner vs property company', { kind: t.literal('owner-vs-property-company') }),
  struct('residents of two communities', { kind: t.literal('residents-of-two-communities') }),
  struct('organisations of two communities', {
    kind: t.literal('organisations-of-two-communities'),
  }),
  struct('other dispute', { kind: t.literal('other'), description: Description }),
])
/** The kind of a dispute. @category State */
export type CaseKind = t.TypeOf<typeof CaseKind>

/** A party to a case: a person or an organisation of the registry. @category State */
export const Party = PartyRef
/** A party to a case. @category State */
export type Party = PartyRef

/** Where a case arose: a grid or a community (its first level on the ladder). @category State */
export const Arose = discriminatedUnion('Arose', 'level', [
  struct('arose in a grid', { level: t.literal('grid'), id: GridId }),
  struct('arose in a community', { level: t.literal('community'), id: CommunityId }),
])
/** Where a case arose. @category State */
export type Arose = t.TypeOf<typeof Arose>

/** A level of the escalation ladder. @category Lifecycle */
export const Level = oneOf(ladder, 'Level')
/** A level of the escalation ladder. @category Lifecycle */
export type Level = t.TypeOf<typeof Level>

/** The lifecycle state of a case (see {@link caseMachine}). @category Lifecycle */
export const CaseStatus = caseMachine.stateCodec
/** The lifecycle state of a case. @category Lifecycle */
export type CaseStatus = t.TypeOf<typeof CaseStatus>

/**
 * Days a case may stay at a level before its mediator may escalate it without a party's request
 * (null: only on request). Counted as the law counts days (Civil Code arts. 201/203): the day the
 * level's office took the case is not counted, and the limit has passed at 24:00 of its last day,
 * in the library's calendar zone.
 *
 * @category State
 */
export const TimeLimits = struct('TimeLimits', {
  grid: orNull(integer(1, 365)),
  community: orNull(integer(1, 365)),
})
/** Days a case may stay at a level before it may be escalated without a request. @category State */
export type TimeLimits = t.TypeOf<typeof TimeLimits>

/** The most mediators a case has assigned at one level (and a session lists). @category State */
export const MAX_CASE_MEDIATORS = 10

/** A mediation session: who attended and what came of it. @category State */
export const Session = struct('Session', {
  at: Instant,
  level: Level,
  mediators: list(PersonId, MAX_CASE_MEDIATORS),
  attended: list(PersonId, 50),
  outcome: Description,
})
/** A mediation session. @category State */
export type Session = t.TypeOf<typeof Session>

/**
 * The mediator's signature on an agreement, with the seal of the people's mediation committee
 * 人民调解委员会 affixed in the same act (People's Mediation Law art. 29: 人民调解员签名并加盖人民调解委员会印章).
 *
 * @category State
 */
export const MediatorSignature = struct('MediatorSignature', {
  by: PersonId,
  at: Instant,
  /**
   * The mediation committee (or joint office) whose seal is affixed, as its seal names it. Kept as
   * written: the registry has no kind of organisation for a people's mediation committee to check
   * it against (see docs/dispute.md, "The committee's seal").
   */
  committee: Name,
})
/** The mediator's signature on an agreement, with the committee's seal. @category State */
export type MediatorSignature = t.TypeOf<typeof MediatorSignature>

/**
 * One party's application for judicial confirmation 司法确认: which party, who applied, when.
 *
 * @category State
 */
export const ConfirmationApplication = struct('ConfirmationApplication', {
  party: integer(0, 19),
  by: PersonId,
  at: Instant,
})
/** One party's application for judicial confirmation. @category State */
export type ConfirmationApplication = t.TypeOf<typeof ConfirmationApplication>

/**
 * A mediation agreement 调解协议: its terms, who drafted it, each party's signature and the
 * mediator's, and the parties' applications for judicial confirmation.
 *
 * @category State
 */
export const Agreement = struct('Agreement', {
  terms: list(Description, 30),
  draftedBy: PersonId,
  draftedAt: Instant,
  /** The parties that have signed, by index in the case's `parties`, with who signed. */
  signatures: list(struct('signature', { party: integer(0, 19), by: PersonId, at: Instant })),
  /** The mediator's signature with the committee's seal (null until the mediator signs). */
  mediatorSignature: orNull(MediatorSignature),
  /**
   * When the agreement took effect (art. 29/30): when every party had signed and the mediator had
   * signed and sealed it, whichever came last.
   */
  effectiveAt: orNull(Instant),
  /** Each party's application for judicial confirmation, in the order they applied. */
  applications: list(ConfirmationApplication, 20),
  /** When the last party applied, within the window: the joint application stands (art. 33). */
  confirmationRequestedAt: orNull(Instant),
})
/** A mediation agreement. @category State */
export type Agreement = t.TypeOf<typeof Agreement>

/**
 * The most posts an assignment records (`mediatorAssigned.posts`, `MediatorPosts.posts`). The
 * registry sets no limit on the posts one person holds, so this is the codecs' own default list
 * length: an assignment under more qualifying posts is refused (`too-many-posts`), never
 * recorded as an event its codec would reject.
 *
 * @category State
 */
export const MEDIATOR_POSTS_MAX = 10_000

/**
 * A mediator of the current level and the registry posts (assignment ids) they were assigned
 * under: the case's assignment lasts while one of those posts does.
 *
 * @category State
 */
export const MediatorPosts = struct('MediatorPosts', {
  mediator: PersonId,
  posts: list(AssignmentId, MEDIATOR_POSTS_MAX),
})
/** A mediator of the current level and the posts they were assigned under. @category State */
export type MediatorPosts = t.TypeOf<typeof MediatorPosts>

/** One step of a case, kept for its timeline. @category State */
export const CaseStep = struct('CaseStep', {
  to: CaseStatus,
  on: t.string,
  at: Instant,
  actor: PersonId,
  level: Level,
  note: orNull(Description),
})
/** One step of a case. @category State */
export type CaseStep = t.TypeOf<typeof CaseStep>

/** A dispute case 纠纷案件. @category State */
export const Case = struct('Case', {
  id: CaseId,
  street: StreetId,
  kind: CaseKind,
  parties: list(Party, 20),
  arose: Arose,
  /** For a case between two communities: the two communities whose joint office mediates it. */
  communities: list(CommunityId, 2),
  summary: Description,
  limits: TimeLimits,
  status: CaseStatus,
  level: Level,
  levelSince: Instant,
  /** The mediators assigned at the current level. */
  mediators: list(PersonId, MAX_CASE_MEDIATORS),
  /** For each mediator in `mediators`, the posts they were assigned under. */
  mediatorPosts: list(MediatorPosts, MAX_CASE_MEDIATORS),
  consents: list(integer(0, 19)),
  escalationRequested: t.boolean,
  sessions: list(Session),
  agreement: orNull(Agreement),
  filedAt: Instant,
  closedAt: orNull(Instant),
  closedLevel: orNull(Level),
  steps: list(CaseStep),
  /**
   * When the case's last event happened, whatever it was (an assignment or an escalation request
   * adds no step): no command is dated before it (rule `earlier-than-last-step`).
   */
  lastAt: Instant,
})
/** A dispute case. @category State */
export type Case = t.TypeOf<typeof Case>

// ---------------------------------------------------------------------------------------------
// Commands

const onCase = { street: StreetId, case: CaseId }

/**
 * Files a case where it arose (a party, or the office of that level, files it).
 *
 * @category Commands
 */
export const FileCase = command('fileCase', {
  ...onCase,
  kind: CaseKind,
  parties: list(Party, 20),
  arose: Arose,
  summary: Description,
  limits: TimeLimits,
})
/** A party consents to mediation, for itself. @category Commands */
export const GiveConsent = command('giveConsent', { ...onCase, party: integer(0, 19) })
/** A party refuses mediation, for itself: the case is closed as declined. @category Commands */
export const RefuseMediation = command('refuseMediation', {
  ...onCase,
  party: integer(0, 19),
  reason: Description,
})
/** The office of the case's level assigns a mediator of that level. @category Commands */
export const AssignMediator = command('assignMediator', { ...onCase, mediator: PersonId })
/** An assigned mediator records a session: who attended and its outcome. @category Commands */
export const HoldSession = command('holdSession', {
  ...onCase,
  attended: list(PersonId, 50),
  outcome: Description,
})
/** An assigned mediator drafts the agreement's terms. @category Commands */
export const DraftAgreement = command('draftAgreement', {
  ...onCase,
  terms: list(Description, 30),
})
/** A party signs the agreement, for itself. @category Commands */
export const SignAgreement = command('signAgreement', { ...onCase, party: integer(0, 19) })
/**
 * An assigned mediator signs the agreement and affixes the seal of the mediation committee
 * 人民调解委员会 named in `committee` (art. 29), as the seal reads (the name is not checked against
 * the registry, which has no such organisations). The agreement takes effect once every party has
 * signed too.
 *
 * @category Commands
 */
export const CountersignAgreement = command('countersignAgreement', {
  ...onCase,
  committee: Name,
})
/** An assigned mediator records that mediation failed. @category Commands */
export const RecordFailure = command('recordFailure', { ...onCase, reason: Description })
/**
 * A party applies, for itself, for judicial confirmation 司法确认 of the agreement, within 30 days
 * of its taking effect (counted in calendar days: the day of effect is not counted, and the 30th
 * day ends at 24:00). The application is joint (art. 33: 双方当事人…共同申请): the request stands
 * when every party has applied.
 *
 * @category Commands
 */
export const RequestJudicialConfirmation = command('requestJudicialConfirmation', {
  ...onCase,
  party: integer(0, 19),
})
/** An assigned mediator records that the agreement was fulfilled. @category Commands */
export const RecordFulfilment = command('recordFulfilment', { ...onCase, note: Description })
/** An assigned mediator records that the agreement was breached. @category Commands */
export const RecordBreach = command('recordBreach', { ...onCase, note: Description })
/** A party asks for the case to go up the ladder. @category Commands */
export const RequestEscalation = command('requestEscalation', {
  ...onCase,
  party: integer(0, 19),
  reason: Description,
})
/**
 * Moves the case up one level, with a reason (a party, or the mediator on request or past the time limit).
 *
 * @category Commands
 */
export const EscalateCase = command('escalateCase', { ...onCase, reason: Description })
/** The office of the next level accepts an escalated case. @category Commands */
export const AcceptEscalation = command('acceptEscalation', { ...onCase })
/**
 * Refers the case out of mediation (to court, arbitration or an administrative body).
 *
 * @category Commands
 */
export const ReferOut = command('referOut', { ...onCase, to: Name, reason: Description })
/** A party withdraws the case. @category Commands */
export const WithdrawCase = command('withdrawCase', {
  ...onCase,
  party: integer(0, 19),
  reason: Description,
})

/** Every command of the dispute mechanism. @category Commands */
export const DisputeCommand = taggedUnion('DisputeCommand', [
  FileCase,
  GiveConsent,
  RefuseMediation,
  AssignMediator,
  HoldSession,
  DraftAgreement,
  SignAgreement,
  CountersignAgreement,
  RecordFailure,
  RequestJudicialConfirmation,
  RecordFulfilment,
  RecordBreach,
  RequestEscalation,
  EscalateCase,
  AcceptEscalation,
  ReferOut,
  WithdrawCase,
])
/** Every command of the dispute mechanism. @category Commands */
export type DisputeCommand = t.TypeOf<typeof DisputeCommand>

// ---------------------------------------------------------------------------------------------
// Events

const move = { status: CaseStatus }

/**
 * Every event of the dispute mechanism. `mediatorAssigned` names the posts the mediator was
 * assigned under; `agreementCountersigned` is the mediator's signature with the mediation
 * committee's seal; `judicialConfirmationApplied` is one party's application for judicial
 * confirmation 司法确认, and `judicialConfirmationRequested` follows the last party's, when the
 * joint application stands.
 *
 * @category Events
 */
export const DisputeEvent = taggedUnion('DisputeEvent', [
  event('caseFiled', {
    case: CaseId,
    street: StreetId,
    kind: CaseKind,
    parties: list(Party, 20),
    arose: Arose,
    communities: list(CommunityId, 2),
    summary: Description,
    limits: TimeLimits,
    level: Level,
  }),
  event('consentGiven', { ...move, party: integer(0, 19) }),
  event('mediationRefused', { ...move, party: integer(0, 19), reason: Description }),
  event('mediatorAssigned', {
    mediator: PersonId,
    posts: list(AssignmentId, MEDIATOR_POSTS_MAX),
  }),
  event('sessionHeld', { ...move, attended: list(PersonId, 50), outcome: Description }),
  event('agreementDrafted', { ...move, terms: list(Description, 30) }),
  event('agreementSigned', { ...move, party: integer(0, 19) }),
  event('agreementCountersigned', { ...move, committee: Name }),
  event('mediationFailed', { ...move, reason: Description }),
  event('judicialConfirmationApplied', { ...move, party: integer(0, 19) }),
  event('judicialConfirmationRequested', move),
  event('agreementFulfilled', { ...move, note: Description }),
  event('agreementBreached', { ...move, note: Description }),
  event('escalationRequested', { party: integer(0, 19), reason: Description }),
  event('caseEscalated', { ...move, from: Level, to: Level, reason: Description }),
  event('escalationAccepted', move),
  event('caseReferredOut', { ...move, to: Name, reason: Description }),
  event('caseWithdrawn', { ...move, party: integer(0, 19), reason: Description }),
])
/** Every event of the dispute mechanism. @category Events */
export type DisputeEvent = t.TypeOf<typeof DisputeEvent>
