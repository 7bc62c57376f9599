/**
 * Absorbing elites 吸纳: the codecs of a person's development into a member (activist 积极分子 →
 * applicant → probationary member 预备党员 → full member 正式党员) and of yearly commendations
 * 表彰.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  CommunityId,
  Instant,
  OrganisationId,
  PersonId,
  StreetId,
  command,
  event,
  integer,
  list,
  orNull,
  struct,
} from '../../core/index.js'
import { Description, Name } from '../../community/index.js'
import { developmentMachine } from '../machine.js'
import { MemberStatus, StatusStep } from './member.js'

// ---------------------------------------------------------------------------------------------
// Values

/**
 * A commendation year 年度, e.g. `2024`.
 *
 * @category State
 */
export const Year = integer(1921, 9999)

// ---------------------------------------------------------------------------------------------
// Entities

/**
 * The stage of a person being developed into a member (see {@link developmentMachine}).
 *
 * @category State
 */
export const DevelopmentStage = developmentMachine.stateCodec
/**
 * The stage of a person being developed into a member.
 *
 * @category State
 */
export type DevelopmentStage = t.TypeOf<typeof DevelopmentStage>

/**
 * A person being absorbed 吸纳 into the party by a local branch (seed 000: capable migrant
 * elites): activist → applicant → probationary → full member, each step dated.
 *
 * @category State
 */
export const Candidate = struct('Candidate', {
  person: PersonId,
  organisation: OrganisationId,
  stage: DevelopmentStage,
  steps: list(StatusStep),
})
/**
 * A person being absorbed into the party.
 *
 * @category State
 */
export type Candidate = t.TypeOf<typeof Candidate>

/**
 * A yearly commendation 表彰 of a member or activist, kept with its reason.
 *
 * @category State
 */
export const Commendation = struct('Commendation', {
  person: PersonId,
  year: Year,
  title: Name,
  reason: Description,
  /** The organisation whose secretary commended them. */
  organisation: OrganisationId,
  at: Instant,
})
/**
 * A yearly commendation.
 *
 * @category State
 */
export type Commendation = t.TypeOf<typeof Commendation>

// ---------------------------------------------------------------------------------------------
// Commands

const inStreet = { street: StreetId }

/**
 * A branch recognises a person as an activist 积极分子: the first step of absorption 吸纳.
 *
 * @category Commands
 */
export const RecogniseActivist = command('recogniseActivist', {
  ...inStreet,
  person: PersonId,
  organisation: OrganisationId,
})
/**
 * The branch accepts the activist's application 入党申请.
 *
 * @category Commands
 */
export const AcceptApplication = command('acceptApplication', { ...inStreet, person: PersonId })
/**
 * The branch admits the applicant as a probationary member 预备党员.
 *
 * @category Commands
 */
export const AdmitProbationary = command('admitProbationary', { ...inStreet, person: PersonId })
/**
 * The branch confirms a probationary member as a full member 正式党员, no earlier than one
 * calendar year after admission, counted in Beijing time (`CALENDAR_ZONE`); the new member
 * belongs to the branch.
 *
 * @category Commands
 */
export const ConfirmFullMember = command('confirmFullMember', { ...inStreet, person: PersonId })
/**
 * The branch stops developing a person (the record stays).
 *
 * @category Commands
 */
export const DropCandidate = command('dropCandidate', {
  ...inStreet,
  person: PersonId,
  reason: Description,
})
/**
 * Commends a member or activist for a year 年度表彰, with the reason: this year or the last, as
 * the year of `at` reads in Beijing time (`CALENDAR_ZONE`).
 *
 * @category Commands
 */
export const Commend = command('commend', {
  ...inStreet,
  person: PersonId,
  year: Year,
  title: Name,
  reason: Description,
})

/**
 * The command codecs of absorbing elites 吸纳 (and commendation 表彰), in order.
 *
 * @category Commands
 */
export const absorptionCommands = [
  RecogniseActivist,
  AcceptApplication,
  AdmitProbationary,
  ConfirmFullMember,
  DropCandidate,
  Commend,
] as const

// ---------------------------------------------------------------------------------------------
// Events

const candidateStep = { person: PersonId, stage: DevelopmentStage }

/**
 * The event codecs of absorbing elites 吸纳 (and commendation 表彰), in order.
 *
 * @category Events
 */
export const absorptionEvents = [
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
