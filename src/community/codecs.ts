/**
 * Places and actors (地方与主体): the codecs of the registry's entities, commands and events.
 * Every type of the registry is derived from these codecs (`t.TypeOf`), never written twice.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  AssignmentId,
  CommunityId,
  CompoundId,
  EntranceId,
  GridId,
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
  taggedUnion,
  text,
  type StateOf,
} from '../core/index.js'
import { organisationMachine } from './machine.js'

/** A name of a place, person or organisation: 1 to 200 characters. */
export const Name = text(200, 'name (1 to 200 characters)')
/** A free-text reason or description: 1 to 2,000 characters. */
export const Description = text(2000, 'description (1 to 2000 characters)')

// ---------------------------------------------------------------------------------------------
// Places

/** The levels of places, from the largest: street 街道 ⊃ community 社区 ⊃ grid 网格 ⊃ compound 楼院 ⊃ building entrance 楼门. */
export const PlaceLevel = oneOf(
  ['street', 'community', 'grid', 'compound', 'entrance'],
  'PlaceLevel',
)
/** The levels of places, from the largest. */
export type PlaceLevel = t.TypeOf<typeof PlaceLevel>

const ref = <const L extends string, C extends t.Mixed>(level: L, id: C) =>
  struct(`${level} ref`, { level: t.literal(level), id })

/**
 * A reference to a place of any level: `{ level: 'grid', id: 'g-1' }`. The level says which id
 * kind `id` is, so a grid id can never be read as a community id.
 */
export const PlaceRef = discriminatedUnion('PlaceRef', 'level', [
  ref('street', StreetId),
  ref('community', CommunityId),
  ref('grid', GridId),
  ref('compound', CompoundId),
  ref('entrance', EntranceId),
])
/** A reference to a place of any level. */
export type PlaceRef = t.TypeOf<typeof PlaceRef>

/**
 * What a role is held over (its scope): a place of any level, or an organisation
 * (`{ level: 'organisation', id: 'o-branch' }`).
 */
export const ScopeRef = discriminatedUnion('ScopeRef', 'level', [
  ref('street', StreetId),
  ref('community', CommunityId),
  ref('grid', GridId),
  ref('compound', CompoundId),
  ref('entrance', EntranceId),
  ref('organisation', OrganisationId),
])
/** What a role is held over: a place or an organisation. */
export type ScopeRef = t.TypeOf<typeof ScopeRef>

/** Whether a community-level place is an urban community 社区 or a village 村. */
export const Settlement = oneOf(['community', 'village'], 'Settlement')
/** Whether a community-level place is an urban community 社区 or a village 村. */
export type Settlement = t.TypeOf<typeof Settlement>

/** A street or town 街道/镇: the root of a registry. */
export const Street = struct('Street', { id: StreetId, name: Name, openedAt: Instant })
/** A street or town 街道/镇. */
export type Street = t.TypeOf<typeof Street>

/** A community 社区 or village 村 of the street. */
export const Community = struct('Community', {
  id: CommunityId,
  name: Name,
  settlement: Settlement,
  registeredAt: Instant,
})
/** A community 社区 or village 村 of the street. */
export type Community = t.TypeOf<typeof Community>

/** A grid 网格: the unit of grid management inside a community. */
export const Grid = struct('Grid', {
  id: GridId,
  name: Name,
  community: CommunityId,
  registeredAt: Instant,
})
/** A grid 网格. */
export type Grid = t.TypeOf<typeof Grid>

/** A compound 楼院 (residential courtyard or estate) inside a grid. */
export const Compound = struct('Compound', {
  id: CompoundId,
  name: Name,
  grid: GridId,
  registeredAt: Instant,
})
/** A compound 楼院. */
export type Compound = t.TypeOf<typeof Compound>

/** A building entrance 楼门 inside a compound: the smallest level where residents deliberate. */
export const Entrance = struct('Entrance', {
  id: EntranceId,
  name: Name,
  compound: CompoundId,
  registeredAt: Instant,
})
/** A building entrance 楼门. */
export type Entrance = t.TypeOf<typeof Entrance>

// ---------------------------------------------------------------------------------------------
// Persons

/**
 * Household registration 户籍: a registered resident 户籍居民, or a migrant 外来/来穗人员 with
 * the place they come from (e.g. `Honghu, Hubei` 湖北洪湖).
 */
export const Household = discriminatedUnion('Household', 'status', [
  struct('registered household', { status: t.literal('registered') }),
  struct('migrant household', { status: t.literal('migrant'), origin: Name }),
])
/** Household registration 户籍: registered, or migrant with origin. */
export type Household = t.TypeOf<typeof Household>

/** One change of a person's home, kept forever (moving a resident keeps history). */
export const Move = struct('Move', {
  from: orNull(PlaceRef),
  to: orNull(PlaceRef),
  at: Instant,
  /** Where the person went when they left the street (`to` is then null). */
  destination: orNull(Name),
})
/** One change of a person's home. */
export type Move = t.TypeOf<typeof Move>

/** One change of a person's household registration (e.g. a migrant settling 落户), kept forever. */
export const HouseholdChange = struct('HouseholdChange', {
  from: Household,
  to: Household,
  at: Instant,
})
/** One change of a person's household registration. */
export type HouseholdChange = t.TypeOf<typeof HouseholdChange>

/** A person known to the registry: resident 居民, cadre, party member, mediator, volunteer. */
export const Person = struct('Person', {
  id: PersonId,
  name: Name,
  household: Household,
  householdChanges: list(HouseholdChange),
  /** Where the person lives in the street; null for a person who does not (e.g. a district cadre). */
  home: orNull(PlaceRef),
  languages: list(Name, 20),
  moves: list(Move),
  registeredAt: Instant,
})
/** A person known to the registry. */
export type Person = t.TypeOf<typeof Person>

// ---------------------------------------------------------------------------------------------
// Organisations

/**
 * The kinds of party branch 党支部 the seeds meet: community, grid, social-organisation,
 * floating/migrant 流动党支部, temporary 临时党支部 and council 议事会党支部.
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
/** The kind of a party branch, with what that kind needs. */
export type BranchSetting = t.TypeOf<typeof BranchSetting>

/** The lifecycle state of an organisation: the states of {@link organisationMachine}. */
export const OrganisationStatus = organisationMachine.stateCodec
/** The lifecycle state of an organisation. */
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
/** What registering an organisation says about it. */
export type OrganisationSpec = t.TypeOf<typeof OrganisationSpec>
/** The kinds of organisation. */
export type OrganisationKind = OrganisationSpec['kind']

/** An organisation as the registry keeps it: its spec, its lifecycle state and dates. */
export type Organisation = OrganisationSpec & {
  readonly status: OrganisationStatus
  readonly registeredAt: Instant
  readonly dissolvedAt: Instant | null
}

/**
 * A person or an organisation of the registry, as a party to something (a dispute, a task): one
 * who acts in person, or a body that acts through those who lead it.
 */
export const PartyRef = discriminatedUnion('PartyRef', 'kind', [
  struct('person', { kind: t.literal('person'), person: PersonId }),
  struct('organisation', { kind: t.literal('organisation'), organisation: OrganisationId }),
])
/** A person or an organisation of the registry. */
export type PartyRef = t.TypeOf<typeof PartyRef>

// ---------------------------------------------------------------------------------------------
// Roles

/**
 * Posts a person can hold in a scope (任职). Concurrent posts 兼任 are several assignments of
 * one person at once.
 */
export const RoleKind = oneOf(
  [
    'registrar',
    'secretary',
    'deputy-secretary',
    'group-leader',
    'first-secretary',
    'director',
    'grid-worker',
    'building-head',
    'representative',
    'community-leader',
    'volunteer',
    'hall-chair',
    'mediator',
    'supervisor',
    'social-worker',
  ],
  'RoleKind',
)
/** Posts a person can hold in a scope. */
export type RoleKind = t.TypeOf<typeof RoleKind>

/** One person holding one role in one scope from `since`, until `until` (null while held). */
export const Assignment = struct('Assignment', {
  id: AssignmentId,
  person: PersonId,
  role: RoleKind,
  scope: ScopeRef,
  since: Instant,
  until: orNull(Instant),
})
/** One person holding one role in one scope. */
export type Assignment = t.TypeOf<typeof Assignment>

// ---------------------------------------------------------------------------------------------
// Commands

const inStreet = { street: StreetId }

/** Opens the registry of a street and appoints its first registrar (the street office 街道办). */
export const OpenRegistry = command('openRegistry', {
  ...inStreet,
  name: Name,
  registrar: PersonId,
  registrarName: Name,
  assignment: AssignmentId,
})
/** Registers a community or village of the street. */
export const RegisterCommunity = command('registerCommunity', {
  ...inStreet,
  community: CommunityId,
  name: Name,
  settlement: Settlement,
})
/** Registers a grid inside a community. */
export const RegisterGrid = command('registerGrid', {
  ...inStreet,
  grid: GridId,
  community: CommunityId,
  name: Name,
})
/** Registers a compound inside a grid. */
export const RegisterCompound = command('registerCompound', {
  ...inStreet,
  compound: CompoundId,
  grid: GridId,
  name: Name,
})
/** Registers a building entrance inside a compound. */
export const RegisterEntrance = command('registerEntrance', {
  ...inStreet,
  entrance: EntranceId,
  compound: CompoundId,
  name: Name,
})
/** Registers a person, with their household registration and, for residents, their home. */
export const RegisterPerson = command(
  'registerPerson',
  { ...inStreet, person: PersonId, name: Name, household: Household, home: orNull(PlaceRef) },
  { languages: list(Name, 20) },
)
/** Moves a resident to another home in the street; the old home stays in their history. */
export const MoveResident = command('moveResident', { ...inStreet, person: PersonId, to: PlaceRef })
/** Records that a resident left the street, and for where; their record and history stay. */
export const RecordDeparture = command('recordDeparture', {
  ...inStreet,
  person: PersonId,
  destination: Name,
})
/** Renames a place of the street (any level, the street itself included). */
export const RenamePlace = command('renamePlace', { ...inStreet, place: PlaceRef, name: Name })
/** Records a change of a person's household registration; the earlier one stays in their history. */
export const ChangeHousehold = command('changeHousehold', {
  ...inStreet,
  person: PersonId,
  household: Household,
})
/** Registers an organisation. */
export const RegisterOrganisation = command('registerOrganisation', {
  ...inStreet,
  organisation: OrganisationSpec,
})
/** Renames an active organisation. */
export const RenameOrganisation = command('renameOrganisation', {
  ...inStreet,
  organisation: OrganisationId,
  name: Name,
})
/** Dissolves an organisation (it stays in the registry, dissolved). */
export const DissolveOrganisation = command('dissolveOrganisation', {
  ...inStreet,
  organisation: OrganisationId,
  reason: Description,
})
/** Appoints a person to a role in a scope. */
export const AppointRole = command('appointRole', {
  ...inStreet,
  assignment: AssignmentId,
  person: PersonId,
  role: RoleKind,
  scope: ScopeRef,
})
/** Ends a role assignment (the person leaves the post; the record stays). */
export const EndRole = command('endRole', {
  ...inStreet,
  assignment: AssignmentId,
  reason: Description,
})

/**
 * The codecs of the registry's commands, in order: a mechanism that extends the registry on its
 * stream (embedding) builds its command union from these and its own.
 */
export const communityCommands = [
  OpenRegistry,
  RegisterCommunity,
  RegisterGrid,
  RegisterCompound,
  RegisterEntrance,
  RegisterPerson,
  MoveResident,
  RecordDeparture,
  RenamePlace,
  ChangeHousehold,
  RegisterOrganisation,
  RenameOrganisation,
  DissolveOrganisation,
  AppointRole,
  EndRole,
] as const

/** Every command of the registry (places and actors). */
export const CommunityCommand = taggedUnion('CommunityCommand', communityCommands)
/** Every command of the registry (places and actors). */
export type CommunityCommand = t.TypeOf<typeof CommunityCommand>

// ---------------------------------------------------------------------------------------------
// Events

/** The codecs of the registry's events, in order (see {@link communityCommands}). */
export const communityEvents = [
  event('registryOpened', {
    ...inStreet,
    name: Name,
    registrar: PersonId,
    registrarName: Name,
    assignment: AssignmentId,
  }),
  event('communityRegistered', { community: CommunityId, name: Name, settlement: Settlement }),
  event('gridRegistered', { grid: GridId, community: CommunityId, name: Name }),
  event('compoundRegistered', { compound: CompoundId, grid: GridId, name: Name }),
  event('entranceRegistered', { entrance: EntranceId, compound: CompoundId, name: Name }),
  event('personRegistered', {
    person: PersonId,
    name: Name,
    household: Household,
    home: orNull(PlaceRef),
    languages: list(Name, 20),
  }),
  event('residentMoved', { person: PersonId, from: orNull(PlaceRef), to: PlaceRef }),
  event('residentDeparted', { person: PersonId, from: orNull(PlaceRef), destination: Name }),
  event('placeRenamed', { place: PlaceRef, from: Name, to: Name }),
  event('householdChanged', { person: PersonId, from: Household, to: Household }),
  event('organisationRenamed', { organisation: OrganisationId, from: Name, to: Name }),
  event('organisationRegistered', { organisation: OrganisationSpec }),
  event('organisationDissolved', { organisation: OrganisationId, reason: Description }),
  event('roleAssigned', {
    assignment: AssignmentId,
    person: PersonId,
    role: RoleKind,
    scope: ScopeRef,
  }),
  event('roleEnded', { assignment: AssignmentId, reason: Description }),
] as const

/** Every event of the registry (places and actors). */
export const CommunityEvent = taggedUnion('CommunityEvent', communityEvents)
/** Every event of the registry (places and actors). */
export type CommunityEvent = t.TypeOf<typeof CommunityEvent>
