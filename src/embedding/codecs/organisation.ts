/**
 * Organisation embedding 组织嵌入: the codecs of founding and converting branches, of the funds
 * allotted and the first secretaries sent (organisation empowerment 组织赋能).
 *
 * @module
 */
import * as t from 'io-ts'
import {
  AssignmentId,
  Instant,
  OrganisationId,
  PersonId,
  StreetId,
  command,
  discriminatedUnion,
  event,
  integer,
  orNull,
  struct,
} from '../../core/index.js'
import { Description, Name, OrganisationSpec } from '../../community/index.js'

// ---------------------------------------------------------------------------------------------
// Values

/**
 * An amount of money in whole yuan 元, from 1 to 1,000,000,000.
 *
 * @category State
 */
export const Yuan = integer(1, 1_000_000_000)

/**
 * What {@link FoundBranch} may found: a party branch 党支部 or a party group 党小组.
 *
 * @category State
 */
export const PartyUnitSpec = discriminatedUnion('PartyUnitSpec', 'kind', [
  OrganisationSpec.members['party-branch'],
  OrganisationSpec.members['party-group'],
])
/**
 * A party branch or party group to be founded.
 *
 * @category State
 */
export type PartyUnitSpec = t.TypeOf<typeof PartyUnitSpec>

// ---------------------------------------------------------------------------------------------
// Entities

/**
 * How a branch was founded through embedding: among whom it embeds, and when.
 *
 * @category State
 */
export const Founding = struct('Founding', {
  organisation: OrganisationId,
  /** The people it was founded among, e.g. "10,000 printing workers from Honghu". */
  among: Description,
  at: Instant,
})
/**
 * How a branch was founded.
 *
 * @category State
 */
export type Founding = t.TypeOf<typeof Founding>

/**
 * A temporary branch turned into another body (J community: anti-epidemic branch → red owners' committee).
 *
 * @category State
 */
export const Conversion = struct('Conversion', {
  branch: OrganisationId,
  into: OrganisationId,
  membersTo: orNull(OrganisationId),
  reason: Description,
  at: Instant,
})
/**
 * A temporary branch turned into another body.
 *
 * @category State
 */
export type Conversion = t.TypeOf<typeof Conversion>

/**
 * Funds allotted to an organisation 经费保障 (organisation empowerment 组织赋能).
 *
 * @category State
 */
export const Grant = struct('Grant', {
  organisation: OrganisationId,
  amount: Yuan,
  purpose: Description,
  at: Instant,
})
/**
 * Funds allotted to an organisation.
 *
 * @category State
 */
export type Grant = t.TypeOf<typeof Grant>

/**
 * A first secretary 第一书记 sent to an organisation by a unit above (organisation empowerment).
 *
 * @category State
 */
export const FirstSecretaryPosting = struct('FirstSecretaryPosting', {
  organisation: OrganisationId,
  person: PersonId,
  assignment: AssignmentId,
  /** The unit that sent them, e.g. a district bureau. */
  sentBy: Name,
  at: Instant,
})
/**
 * A first secretary sent to an organisation.
 *
 * @category State
 */
export type FirstSecretaryPosting = t.TypeOf<typeof FirstSecretaryPosting>

// ---------------------------------------------------------------------------------------------
// Commands

const inStreet = { street: StreetId }

/**
 * Founds a party branch or group where people are (组织嵌入): a floating branch among migrants of
 * one origin, a grid branch, a branch in a social organisation, a council branch, a temporary
 * branch. The founder must be the secretary of the parent organisation (or of one above it, such
 * as the street party committee); a first secretary of the new unit may be appointed with it.
 *
 * @category Commands
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
 *
 * @category Commands
 */
export const ConvertBranch = command('convertBranch', {
  ...inStreet,
  branch: OrganisationId,
  into: OrganisationSpec,
  membersTo: orNull(OrganisationId),
  reason: Description,
})
/**
 * Allots funds to an organisation (组织赋能: resources).
 *
 * @category Commands
 */
export const AllotFunds = command('allotFunds', {
  ...inStreet,
  organisation: OrganisationId,
  amount: Yuan,
  purpose: Description,
})
/**
 * Sends a first secretary 第一书记 to an organisation (组织赋能: people).
 *
 * @category Commands
 */
export const SendFirstSecretary = command('sendFirstSecretary', {
  ...inStreet,
  organisation: OrganisationId,
  person: PersonId,
  assignment: AssignmentId,
  sentBy: Name,
})

/**
 * The command codecs of organisation embedding 组织嵌入, in order.
 *
 * @category Commands
 */
export const organisationEmbeddingCommands = [
  FoundBranch,
  ConvertBranch,
  AllotFunds,
  SendFirstSecretary,
] as const

// ---------------------------------------------------------------------------------------------
// Events

/**
 * The event codecs of organisation embedding 组织嵌入, in order.
 *
 * @category Events
 */
export const organisationEmbeddingEvents = [
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
] as const
