/**
 * Organisations (组织): the codecs of the party-organisation tree (committee 党委 → branch 党支部 →
 * party group 党小组) and the other bodies of the street — residents' committee 居委会, owners'
 * committee 业委会, property company 物业, social organisations 社会组织 and other social forces —
 * of a party as a person or an organisation, and of the commands and events that register,
 * rename and dissolve organisations.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  Instant,
  OrganisationId,
  PersonId,
  command,
  discriminatedUnion,
  event,
  oneOf,
  orNull,
  struct,
  type StateOf,
} from '../../core/index.js'
import { organisationMachine } from '../machine.js'
import { Description, Name } from './names.js'
import { PlaceRef, inStreet } from './places.js'

/**
 * The kinds of party branch 党支部 the seeds meet: community, grid, social-organisation,
 * floating/migrant 流动党支部, temporary 临时党支部 and council 议事会党支部.
 *
 * @category State
 */
export const BranchSetting = discriminatedUnion('BranchSetting', 'kind', [
  struct('community branch', { kind: t.literal('community') }),
  struct('grid branch', { kind: t.literal('grid') }),
  struct('council branch', { kind: t.literal('council') }),
  /** A branch founded for a task (e.g. J community's anti-epidemic branch). */
  struct('temporary branch', { kind: t.literal('temporary'), purpose: Description }),
  /** A branch inside a social organisation; `host` is that organisation. */
  struct('social-organisation branch', {
    kind: t.literal('social-organisation'),
    host: OrganisationId,
  }),
  /**
   * A floating branch of migrant members 流动党支部 under "dual management, territorial
   * management" 双向管理、属地管理: it answers both to its home organisation and to the street.
   */
  struct('floating branch', {
    kind: t.literal('floating'),
    homeOrganisation: Name,
    origin: Name,
  }),
])
/**
 * The kind of a party branch, with what that kind needs.
 *
 * @category State
 */
export type BranchSetting = t.TypeOf<typeof BranchSetting>

/**
 * The lifecycle state of an organisation: the states of {@link organisationMachine}.
 *
 * @category State
 */
export const OrganisationStatus = organisationMachine.stateCodec
/**
 * The lifecycle state of an organisation.
 *
 * @category State
 */
export type OrganisationStatus = StateOf<typeof organisationMachine>

const organisationBase = {
  id: OrganisationId,
  name: Name,
  /** The place where the organisation sits. */
  seat: PlaceRef,
}

/**
 * What registering an organisation says about it, by `kind`: the party-organisation tree
 * (committee 党委 → branch 党支部 → party group 党小组), residents' committee 居委会, owners'
 * committee 业委会 (red 红色 when party-led), property company 物业, social organisation 社会组织
 * (cultivated 培育 or purchased 购买) and other social forces 其他社会力量.
 *
 * @category State
 */
export const OrganisationSpec = discriminatedUnion('OrganisationSpec', 'kind', [
  /** A party committee: a street party working committee 街道党工委 or community party committee 社区党委. */
  struct('party-committee', {
    kind: t.literal('party-committee'),
    ...organisationBase,
    parent: orNull(OrganisationId),
  }),
  struct('party-branch', {
    kind: t.literal('party-branch'),
    ...organisationBase,
    parent: OrganisationId,
    branch: BranchSetting,
  }),
  struct('party-group', {
    kind: t.literal('party-group'),
    ...organisationBase,
    parent: OrganisationId,
  }),
  struct('residents-committee', { kind: t.literal('residents-committee'), ...organisationBase }),
  struct('owners-committee', {
    kind: t.literal('owners-committee'),
    ...organisationBase,
    /** A red owners' committee 红色业委会: party-led. */
    partyLed: t.boolean,
  }),
  struct('property-company', { kind: t.literal('property-company'), ...organisationBase }),
  struct('social-organisation', {
    kind: t.literal('social-organisation'),
    ...organisationBase,
    /** Cultivated inside the community 培育, or purchased from outside 购买. */
    origin: oneOf(['cultivated', 'purchased']),
  }),
  struct('other-social-force', {
    kind: t.literal('other-social-force'),
    ...organisationBase,
    /** E.g. co-building unit 共建单位, police station, fire brigade, media, expert. */
    description: Description,
  }),
])
/**
 * What registering an organisation says about it.
 *
 * @category State
 */
export type OrganisationSpec = t.TypeOf<typeof OrganisationSpec>
/**
 * The kinds of organisation.
 *
 * @category State
 */
export type OrganisationKind = OrganisationSpec['kind']

/**
 * An organisation as the registry keeps it: its spec, its lifecycle state and dates.
 *
 * @category State
 */
export type Organisation = OrganisationSpec & {
  readonly status: OrganisationStatus
  readonly registeredAt: Instant
  readonly dissolvedAt: Instant | null
}

/**
 * A person or an organisation of the registry, as a party to something (a dispute, a task): one
 * who acts in person, or a body that acts through those who lead it.
 *
 * @category State
 */
export const PartyRef = discriminatedUnion('PartyRef', 'kind', [
  struct('person', { kind: t.literal('person'), person: PersonId }),
  struct('organisation', { kind: t.literal('organisation'), organisation: OrganisationId }),
])
/**
 * A person or an organisation of the registry.
 *
 * @category State
 */
export type PartyRef = t.TypeOf<typeof PartyRef>

// ---------------------------------------------------------------------------------------------
// Commands

/**
 * Registers an organisation.
 *
 * @category Commands
 */
export const RegisterOrganisation = command('registerOrganisation', {
  ...inStreet,
  organisation: OrganisationSpec,
})
/**
 * Renames an active organisation.
 *
 * @category Commands
 */
export const RenameOrganisation = command('renameOrganisation', {
  ...inStreet,
  organisation: OrganisationId,
  name: Name,
})
/**
 * Dissolves an organisation (it stays in the registry, dissolved).
 *
 * @category Commands
 */
export const DissolveOrganisation = command('dissolveOrganisation', {
  ...inStreet,
  organisation: OrganisationId,
  reason: Description,
})

// ---------------------------------------------------------------------------------------------
// Events

/**
 * An organisation was renamed.
 *
 * @category Events
 */
export const OrganisationRenamed = event('organisationRenamed', {
  organisation: OrganisationId,
  from: Name,
  to: Name,
})
/**
 * An organisation was registered.
 *
 * @category Events
 */
export const OrganisationRegistered = event('organisationRegistered', {
  organisation: OrganisationSpec,
})
/**
 * An organisation was dissolved.
 *
 * @category Events
 */
export const OrganisationDissolved = event('organisationDissolved', {
  organisation: OrganisationId,
  reason: Description,
})
