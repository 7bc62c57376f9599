/**
 * Embedding (嵌入机制): the codecs of its entities, commands and events. Every type of the
 * mechanism is derived from these codecs, never written twice.
 *
 * The embedding mechanism extends the street registry on the registry's own stream, so its
 * command and event unions hold the registry's commands and events beside its own (see
 * `docs/architecture.md`, "Mechanisms that change the registry itself").
 *
 * @module
 */
import * as t from 'io-ts'
import {
  AssignmentId,
  CommunityId,
  DutyId,
  Instant,
  OrganisationId,
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
import {
  Description,
  Name,
  OrganisationSpec,
  PlaceRef,
  communityCommands,
  communityEvents,
} from '../community/index.js'
import { developmentMachine, dutyMachine, memberMachine } from './machine.js'

// ---------------------------------------------------------------------------------------------
// Values

/** The brand of {@link Phone}. */
export interface PhoneBrand {
  readonly Phone: unique symbol
}

/**
 * A telephone number shown to residents on a responsibility card: digits, spaces and hyphens,
 * optionally after `+`, 3 to 20 characters (e.g. `020-8888 1234`, `12345`).
 */
export const Phone = t.brand(
  t.string,
  (s): s is t.Branded<string, PhoneBrand> => /^\+?[0-9][0-9 -]{1,18}[0-9]$/.test(s),
  'Phone',
)
/** A telephone number shown to residents. */
export type Phone = t.TypeOf<typeof Phone>

/** An amount of money in whole yuan 元, from 1 to 1,000,000,000. */
export const Yuan = integer(1, 1_000_000_000)

/** A commendation year 年度, e.g. `2024`. */
export const Year = integer(1921, 9999)

/**
 * How a member living in the street came onto its record (seed 000): a hidden member 隐形党员
 * (does not make their membership known), a pocket member 口袋党员 (keeps the transfer letter
 * "in the pocket", so the relationship is registered nowhere near where they live), or one who
 * came forward (an in-service member 在职党员 on a work unit's list, a floating member 流动党员
 * with their certificate).
 */
export const HowFound = oneOf(['hidden', 'pocket', 'came-forward'], 'HowFound')
/** How a member living in the street was found. */
export type HowFound = t.TypeOf<typeof HowFound>

/**
 * What a member did, as the depth-of-embedding measure reads it: `attended` (was present, 列席)
 * is formal presence; speaking, chairing, moving a motion and serving (acting on a duty, e.g.
 * visiting the households one leads) are substantive (实质).
 */
export const ActKind = oneOf(['attended', 'spoke', 'chaired', 'moved', 'served'], 'ActKind')
/** What a member did. */
export type ActKind = t.TypeOf<typeof ActKind>

/** One recorded act of a member. */
export const MemberAct = struct('MemberAct', {
  act: ActKind,
  occasion: Description,
  at: Instant,
})
/** One recorded act of a member. */
export type MemberAct = t.TypeOf<typeof MemberAct>

/**
 * A member's duty (党员责任), by kind:
 * - a public responsibility area 责任区 (e.g. sanitation, parking, elder care) over a place,
 *   with the phone number and duty that are published to residents (the card 公示牌);
 * - a pioneer post 党员先锋岗 at a place;
 * - households led, "one member leads one household" 一人带一户 (the persons who head them).
 */
export const DutySpec = discriminatedUnion('DutySpec', 'kind', [
  struct('responsibility area', {
    kind: t.literal('responsibility-area'),
    area: Name,
    place: PlaceRef,
    phone: Phone,
    duty: Description,
  }),
  struct('pioneer post', { kind: t.literal('pioneer-post'), post: Name, place: PlaceRef }),
  struct('households led', {
    kind: t.literal('households'),
    households: list(PersonId, 50),
  }),
])
/** A member's duty, by kind. */
export type DutySpec = t.TypeOf<typeof DutySpec>

/** What {@link FoundBranch} may found: a party branch 党支部 or a party group 党小组. */
export const PartyUnitSpec = discriminatedUnion('PartyUnitSpec', 'kind', [
  OrganisationSpec.members['party-branch'],
  OrganisationSpec.members['party-group'],
])
/** A party branch or party group to be founded. */
export type PartyUnitSpec = t.TypeOf<typeof PartyUnitSpec>

// ---------------------------------------------------------------------------------------------
// Entities

/** The lifecycle state of a member (see {@link memberMachine}). */
export const MemberStatus = memberMachine.stateCodec
/** The lifecycle state of a member. */
export type MemberStatus = t.TypeOf<typeof MemberStatus>

/** The stage of a person being developed into a member (see {@link developmentMachine}). */
export const DevelopmentStage = developmentMachine.stateCodec
/** The stage of a person being developed into a member. */
export type DevelopmentStage = t.TypeOf<typeof DevelopmentStage>

/** The state of a duty (see {@link dutyMachine}). */
export const DutyStatus = dutyMachine.stateCodec
/** The state of a duty. */
export type DutyStatus = t.TypeOf<typeof DutyStatus>

/** One step of a lifecycle, kept forever: the state entered, the event that caused it, when. */
export const StatusStep = struct('StatusStep', { to: t.string, on: t.string, at: Instant })
/** One step of a lifecycle. */
export type StatusStep = t.TypeOf<typeof StatusStep>

/**
 * A party member 党员 known to the street: how they were found, the local organisation they
 * belong to, the community they reported to 报到, their duties and acts, and every step of their
 * lifecycle.
 */
export const Member = struct('Member', {
  person: PersonId,
  status: MemberStatus,
  /** How they came onto the record (null for a member the street developed itself). */
  found: orNull(HowFound),
  /** Where their organisational relationship 组织关系 is registered, when that is elsewhere. */
  homeOrganisation: orNull(Name),
  /** The local party organisation: the one that found them, then the one they reported to. */
  organisation: OrganisationId,
  /** The residential community they reported to, or (developed here) live in. */
  community: orNull(CommunityId),
  /** When they reported 报到 (null for a member who never reported, e.g. developed here). */
  reportedAt: orNull(Instant),
  /** Their duties held now. */
  duties: list(DutyId),
  acts: list(MemberAct),
  steps: list(StatusStep),
})
/** A party member known to the street. */
export type Member = t.TypeOf<typeof Member>

/** A duty given to a member by the secretary of their organisation. */
export const Duty = struct('Duty', {
  id: DutyId,
  member: PersonId,
  /** The organisation whose secretary gave it. */
  organisation: OrganisationId,
  spec: DutySpec,
  status: DutyStatus,
  since: Instant,
  until: orNull(Instant),
})
/** A duty given to a member. */
export type Duty = t.TypeOf<typeof Duty>

/**
 * A person being absorbed 吸纳 into the party by a local branch (seed 000: capable migrant
 * elites): activist → applicant → probationary → full member, each step dated.
 */
export const Candidate = struct('Candidate', {
  person: PersonId,
  organisation: OrganisationId,
  stage: DevelopmentStage,
  steps: list(StatusStep),
})
/** A person being absorbed into the party. */
export type Candidate = t.TypeOf<typeof Candidate>

/** A yearly commendation 表彰 of a member or activist, kept with its reason. */
export const Commendation = struct('Commendation', {
  person: PersonId,
  year: Year,
  title: Name,
  reason: Description,
  /** The organisation whose secretary commended them. */
  organisation: OrganisationId,
  at: Instant,
})
/** A yearly commendation. */
export type Commendation = t.TypeOf<typeof Commendation>

/** How a branch was founded through embedding: among whom it embeds, and when. */
export const Founding = struct('Founding', {
  organisation: OrganisationId,
  /** The people it was founded among, e.g. "10,000 printing workers from Honghu". */
  among: Description,
  at: Instant,
})
/** How a branch was founded. */
export type Founding = t.TypeOf<typeof Founding>

/** A temporary branch turned into another body (J community: anti-epidemic branch → red owners' committee). */
export const Conversion = struct('Conversion', {
  branch: OrganisationId,
  into: OrganisationId,
  membersTo: orNull(OrganisationId),
  reason: Description,
  at: Instant,
})
/** A temporary branch turned into another body. */
export type Conversion = t.TypeOf<typeof Conversion>

/** Funds allotted to an organisation 经费保障 (organisation empowerment 组织赋能). */
export const Grant = struct('Grant', {
  organisation: OrganisationId,
  amount: Yuan,
  purpose: Description,
  at: Instant,
})
/** Funds allotted to an organisation. */
export type Grant = t.TypeOf<typeof Grant>

/** A first secretary 第一书记 sent to an organisation by a unit above (organisation empowerment). */
export const FirstSecretaryPosting = struct('FirstSecretaryPosting', {
  organisation: OrganisationId,
  person: PersonId,
  assignment: AssignmentId,
  /** The unit that sent them, e.g. a district bureau. */
  sentBy: Name,
  at: Instant,
})
/** A first secretary sent to an organisation. */
export type FirstSecretaryPosting = t.TypeOf<typeof FirstSecretaryPosting>

// ---------------------------------------------------------------------------------------------
// Commands

const inStreet = { street: StreetId }

/**
 * Founds a party branch or group where people are (组织嵌入): a floating branch among migrants of
 * one origin, a grid branch, a branch in a social organisation, a council branch, a temporary
 * branch. The founder must be the secretary of the parent organisation (or of one above it, such
 * as the street party committee); a first secretary of the new unit may be appointed with it.
 */
export const FoundBranch = command(
  'foundBranch',
  { ...inStreet, organisation: PartyUnitSpec, among: Description },
  { secretary: struct('founding secretary', { person: PersonId, assignment: AssignmentId }) },
)
/**
 * Turns a temporary branch 临时党支部 into another body: the new body is registered under the
 * registry's rules (and authority), the temporary branch is dissolved, and its members move to
 * `membersTo`.
 */
export const ConvertBranch = command('convertBranch', {
  ...inStreet,
  branch: OrganisationId,
  into: OrganisationSpec,
  membersTo: orNull(OrganisationId),
  reason: Description,
})
/** Allots funds to an organisation (组织赋能: resources). */
export const AllotFunds = command('allotFunds', {
  ...inStreet,
  organisation: OrganisationId,
  amount: Yuan,
  purpose: Description,
})
/** Sends a first secretary 第一书记 to an organisation (组织赋能: people). */
export const SendFirstSecretary = command('sendFirstSecretary', {
  ...inStreet,
  organisation: OrganisationId,
  person: PersonId,
  assignment: AssignmentId,
  sentBy: Name,
})
/**
 * Records a party member living in the street — found hidden or pocket, or come forward — by the
 * local organisation that found them; every member is recorded so before they report.
 */
export const DiscoverMember = command('discoverMember', {
  ...inStreet,
  person: PersonId,
  organisation: OrganisationId,
  found: HowFound,
  homeOrganisation: orNull(Name),
})
/** Records that the organisation that found a member has made contact with them. */
export const ContactMember = command('contactMember', { ...inStreet, member: PersonId })
/**
 * A member reports to their residential community 报到 and joins a party organisation there;
 * the member sends it themselves, once the organisation that recorded them has made contact.
 * `homeOrganisation`, when given, corrects where their relationship is registered.
 */
export const ReportToCommunity = command(
  'reportToCommunity',
  { ...inStreet, member: PersonId, community: CommunityId, organisation: OrganisationId },
  { homeOrganisation: Name },
)
/** Gives a member a duty (by the secretary of the member's organisation). */
export const AssignDuty = command('assignDuty', {
  ...inStreet,
  duty: DutyId,
  member: PersonId,
  spec: DutySpec,
})
/** Ends a duty (the record stays). */
export const EndDuty = command('endDuty', { ...inStreet, duty: DutyId, reason: Description })
/** Records what a member did (attended, spoke, chaired, moved a motion, served). */
export const RecordMemberAct = command('recordMemberAct', {
  ...inStreet,
  member: PersonId,
  act: ActKind,
  occasion: Description,
})
/** Records that a member's relationship was transferred out of the street (their duties end). */
export const TransferMemberOut = command('transferMemberOut', {
  ...inStreet,
  member: PersonId,
  destination: Name,
})
/** Records that a member's membership lapsed (their duties end). */
export const LapseMember = command('lapseMember', {
  ...inStreet,
  member: PersonId,
  reason: Description,
})
/** A branch recognises a person as an activist 积极分子: the first step of absorption 吸纳. */
export const RecogniseActivist = command('recogniseActivist', {
  ...inStreet,
  person: PersonId,
  organisation: OrganisationId,
})
/** The branch accepts the activist's application 入党申请. */
export const AcceptApplication = command('acceptApplication', { ...inStreet, person: PersonId })
/** The branch admits the applicant as a probationary member 预备党员. */
export const AdmitProbationary = command('admitProbationary', { ...inStreet, person: PersonId })
/**
 * The branch confirms a probationary member as a full member 正式党员, no earlier than one
 * calendar year after admission, counted in Beijing time (`CALENDAR_ZONE`); the new member
 * belongs to the branch.
 */
export const ConfirmFullMember = command('confirmFullMember', { ...inStreet, person: PersonId })
/** The branch stops developing a person (the record stays). */
export const DropCandidate = command('dropCandidate', {
  ...inStreet,
  person: PersonId,
  reason: Description,
})
/**
 * Commends a member or activist for a year 年度表彰, with the reason: this year or the last, as
 * the year of `at` reads in Beijing time (`CALENDAR_ZONE`).
 */
export const Commend = command('commend', {
  ...inStreet,
  person: PersonId,
  year: Year,
  title: Name,
  reason: Description,
})

/** The embedding mechanism's own command codecs, in order. */
export const embeddingOwnCommands = [
  FoundBranch,
  ConvertBranch,
  AllotFunds,
  SendFirstSecretary,
  DiscoverMember,
  ContactMember,
  ReportToCommunity,
  AssignDuty,
  EndDuty,
  RecordMemberAct,
  TransferMemberOut,
  LapseMember,
  RecogniseActivist,
  AcceptApplication,
  AdmitProbationary,
  ConfirmFullMember,
  DropCandidate,
  Commend,
] as const

/** The embedding mechanism's own commands. */
export const EmbeddingOwnCommand = taggedUnion('EmbeddingOwnCommand', embeddingOwnCommands)
/** The embedding mechanism's own commands. */
export type EmbeddingOwnCommand = t.TypeOf<typeof EmbeddingOwnCommand>

/** Every command the embedding mechanism takes: the registry's and its own. */
export const EmbeddingCommand = taggedUnion('EmbeddingCommand', [
  ...communityCommands,
  ...embeddingOwnCommands,
])
/** Every command the embedding mechanism takes. */
export type EmbeddingCommand = t.TypeOf<typeof EmbeddingCommand>

// ---------------------------------------------------------------------------------------------
// Events

const memberStep = { person: PersonId, status: MemberStatus }
const candidateStep = { person: PersonId, stage: DevelopmentStage }

/** The embedding mechanism's own event codecs, in order. */
export const embeddingOwnEvents = [
  event('branchFounded', { organisation: OrganisationId, among: Description }),
  event('branchConverted', {
    branch: OrganisationId,
    into: OrganisationId,
    membersTo: orNull(OrganisationId),
    reason: Description,
  }),
  event('fundsAllotted', { organisation: OrganisationId, amount: Yuan, purpose: Description }),
  event('firstSecretarySent', {
    organisation: OrganisationId,
    person: PersonId,
    assignment: AssignmentId,
    sentBy: Name,
  }),
  event('memberDiscovered', {
    ...memberStep,
    organisation: OrganisationId,
    found: HowFound,
    homeOrganisation: orNull(Name),
  }),
  event('memberContacted', memberStep),
  event('memberReported', {
    ...memberStep,
    community: CommunityId,
    organisation: OrganisationId,
    homeOrganisation: orNull(Name),
  }),
  event('memberMoved', { person: PersonId, from: OrganisationId, to: OrganisationId }),
  event('dutyAssigned', {
    ...memberStep,
    duty: DutyId,
    organisation: OrganisationId,
    spec: DutySpec,
  }),
  event('dutyEnded', { ...memberStep, duty: DutyId, reason: Description }),
  event('memberActed', { ...memberStep, act: ActKind, occasion: Description }),
  event('memberTransferredOut', { ...memberStep, destination: Name }),
  /** A member moved to another community of the street: they must report 报到 there again. */
  event('memberLeftCommunity', { ...memberStep, community: orNull(CommunityId) }),
  event('memberLapsed', { ...memberStep, reason: Description }),
  event('activistRecognised', { ...candidateStep, organisation: OrganisationId }),
  event('applicationAccepted', candidateStep),
  event('probationaryAdmitted', candidateStep),
  event('fullMemberConfirmed', {
    ...candidateStep,
    organisation: OrganisationId,
    /** The new member's state (they enter the member lifecycle). */
    status: MemberStatus,
    /** The community the new member lives in, if any. */
    community: orNull(CommunityId),
  }),
  event('candidateDropped', { ...candidateStep, reason: Description }),
  event('commended', {
    person: PersonId,
    year: Year,
    title: Name,
    reason: Description,
    organisation: OrganisationId,
  }),
] as const

/** The embedding mechanism's own events. */
export const EmbeddingOwnEvent = taggedUnion('EmbeddingOwnEvent', embeddingOwnEvents)
/** The embedding mechanism's own events. */
export type EmbeddingOwnEvent = t.TypeOf<typeof EmbeddingOwnEvent>

/** Every event on a street's registry stream that the embedding mechanism folds. */
export const EmbeddingEvent = taggedUnion('EmbeddingEvent', [
  ...communityEvents,
  ...embeddingOwnEvents,
])
/** Every event the embedding mechanism folds. */
export type EmbeddingEvent = t.TypeOf<typeof EmbeddingEvent>
