/**
 * Member embedding 党员嵌入: the codecs of members found and reporting 报到, of their duties
 * (responsibility areas 责任区, pioneer posts 党员先锋岗, households led 一人带一户), their acts, and
 * their leaving (transfer out, lapse).
 *
 * @module
 */
import * as t from 'io-ts'
import {
  CommunityId,
  DutyId,
  Instant,
  OrganisationId,
  PersonId,
  StreetId,
  command,
  discriminatedUnion,
  event,
  list,
  oneOf,
  orNull,
  struct,
} from '../../core/index.js'
import { Description, Name, PlaceRef } from '../../community/index.js'
import { dutyMachine, memberMachine } from '../machine.js'

// ---------------------------------------------------------------------------------------------
// Values

/**
 * The brand of {@link Phone}.
 *
 * @category State
 */
export interface PhoneBrand {
  readonly Phone: unique symbol
}

/**
 * A telephone number shown to residents on a responsibility card: digits, spaces and hyphens,
 * optionally after `+`, 3 to 20 characters (e.g. `020-8888 1234`, `12345`).
 *
 * @category State
 */
export const Phone = t.brand(
  t.string,
  (s): s is t.Branded<string, PhoneBrand> => /^\+?[0-9][0-9 -]{1,18}[0-9]$/.test(s),
  'Phone',
)
/**
 * A telephone number shown to residents.
 *
 * @category State
 */
export type Phone = t.TypeOf<typeof Phone>

/**
 * How a member living in the street came onto its record (seed 000): a hidden member 隐形党员
 * (does not make their membership known), a pocket member 口袋党员 (keeps the transfer letter
 * "in the pocket", so the relationship is registered nowhere near where they live), or one who
 * came forward (an in-service member 在职党员 on a work unit's list, a floating member 流动党员
 * with their certificate).
 *
 * @category State
 */
export const HowFound = oneOf(['hidden', 'pocket', 'came-forward'], 'HowFound')
/**
 * How a member living in the street was found.
 *
 * @category State
 */
export type HowFound = t.TypeOf<typeof HowFound>

/**
 * What a member did, as the depth-of-embedding measure reads it: `attended` (was present, 列席)
 * is formal presence; speaking, chairing, moving a motion and serving (acting on a duty, e.g.
 * visiting the households one leads) are substantive (实质).
 *
 * @category State
 */
export const ActKind = oneOf(['attended', 'spoke', 'chaired', 'moved', 'served'], 'ActKind')
/**
 * What a member did.
 *
 * @category State
 */
export type ActKind = t.TypeOf<typeof ActKind>

/**
 * One recorded act of a member.
 *
 * @category State
 */
export const MemberAct = struct('MemberAct', {
  act: ActKind,
  occasion: Description,
  at: Instant,
})
/**
 * One recorded act of a member.
 *
 * @category State
 */
export type MemberAct = t.TypeOf<typeof MemberAct>

/**
 * A member's duty (党员责任), by kind:
 * - a public responsibility area 责任区 (e.g. sanitation, parking, elder care) over a place,
 *   with the phone number and duty that are published to residents (the card 公示牌);
 * - a pioneer post 党员先锋岗 at a place;
 * - households led, "one member leads one household" 一人带一户 (the persons who head them).
 *
 * @category State
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
/**
 * A member's duty, by kind.
 *
 * @category State
 */
export type DutySpec = t.TypeOf<typeof DutySpec>

// ---------------------------------------------------------------------------------------------
// Entities

/**
 * The lifecycle state of a member (see {@link memberMachine}).
 *
 * @category State
 */
export const MemberStatus = memberMachine.stateCodec
/**
 * The lifecycle state of a member.
 *
 * @category State
 */
export type MemberStatus = t.TypeOf<typeof MemberStatus>

/**
 * The state of a duty (see {@link dutyMachine}).
 *
 * @category State
 */
export const DutyStatus = dutyMachine.stateCodec
/**
 * The state of a duty.
 *
 * @category State
 */
export type DutyStatus = t.TypeOf<typeof DutyStatus>

/**
 * One step of a lifecycle, kept forever: the state entered, the event that caused it, when.
 *
 * @category State
 */
export const StatusStep = struct('StatusStep', { to: t.string, on: t.string, at: Instant })
/**
 * One step of a lifecycle.
 *
 * @category State
 */
export type StatusStep = t.TypeOf<typeof StatusStep>

/**
 * A party member 党员 known to the street: how they were found, the local organisation they
 * belong to, the community they reported to 报到, their duties and acts, and every step of their
 * lifecycle.
 *
 * @category State
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
/**
 * A party member known to the street.
 *
 * @category State
 */
export type Member = t.TypeOf<typeof Member>

/**
 * A duty given to a member by the secretary of their organisation.
 *
 * @category State
 */
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
/**
 * A duty given to a member.
 *
 * @category State
 */
export type Duty = t.TypeOf<typeof Duty>

// ---------------------------------------------------------------------------------------------
// Commands

const inStreet = { street: StreetId }

/**
 * Records a party member living in the street — found hidden or pocket, or come forward — by the
 * local organisation that found them; every member is recorded so before they report.
 *
 * @category Commands
 */
export const DiscoverMember = command('discoverMember', {
  ...inStreet,
  person: PersonId,
  organisation: OrganisationId,
  found: HowFound,
  homeOrganisation: orNull(Name),
})
/**
 * Records that the organisation that found a member has made contact with them.
 *
 * @category Commands
 */
export const ContactMember = command('contactMember', { ...inStreet, member: PersonId })
/**
 * A member reports to their residential community 报到 and joins a party organisation there;
 * the member sends it themselves, once the organisation that recorded them has made contact.
 * `homeOrganisation`, when given, corrects where their relationship is registered.
 *
 * @category Commands
 */
export const ReportToCommunity = command(
  'reportToCommunity',
  { ...inStreet, member: PersonId, community: CommunityId, organisation: OrganisationId },
  { homeOrganisation: Name },
)
/**
 * Gives a member a duty (by the secretary of the member's organisation).
 *
 * @category Commands
 */
export const AssignDuty = command('assignDuty', {
  ...inStreet,
  duty: DutyId,
  member: PersonId,
  spec: DutySpec,
})
/**
 * Ends a duty (the record stays).
 *
 * @category Commands
 */
export const EndDuty = command('endDuty', { ...inStreet, duty: DutyId, reason: Description })
/**
 * Records what a member did (attended, spoke, chaired, moved a motion, served).
 *
 * @category Commands
 */
export const RecordMemberAct = command('recordMemberAct', {
  ...inStreet,
  member: PersonId,
  act: ActKind,
  occasion: Description,
})
/**
 * Records that a member's relationship was transferred out of the street (their duties end).
 *
 * @category Commands
 */
export const TransferMemberOut = command('transferMemberOut', {
  ...inStreet,
  member: PersonId,
  destination: Name,
})
/**
 * Records that a member's membership lapsed (their duties end).
 *
 * @category Commands
 */
export const LapseMember = command('lapseMember', {
  ...inStreet,
  member: PersonId,
  reason: Description,
})

/**
 * The command codecs of member embedding 党员嵌入, in order.
 *
 * @category Commands
 */
export const memberEmbeddingCommands = [
  DiscoverMember,
  ContactMember,
  ReportToCommunity,
  AssignDuty,
  EndDuty,
  RecordMemberAct,
  TransferMemberOut,
  LapseMember,
] as const

// ---------------------------------------------------------------------------------------------
// Events

const memberStep = { person: PersonId, status: MemberStatus }

/**
 * The event codecs of member embedding 党员嵌入, in order.
 *
 * @category Events
 */
export const memberEmbeddingEvents = [
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
] as const
