import { expect } from 'vitest'
import { community, type RegistryState } from '../../src/community/index.js'
import {
  dispute,
  type Case,
  type CaseState,
  type DisputeCommand,
  type DisputeEvent,
} from '../../src/dispute/index.js'
import {
  commandsFor,
  specFor,
  type Given,
  type SpecCommandFields,
  type SpecCommands,
} from '../../src/testing/index.js'

// The D–Q linkage area of fixtures.ts, built purely: the registry from community's commands run
// through the test kit (no store, no engine), cases from dispute's commands over the pure
// decider, with the registry given as context.

export const STREET = 'dq-area'
export const CLERK = 'p-clerk'
/** When the registry's commands are dated (its record runs forward: one instant serves). */
export const REGISTRY_AT = '2024-03-01T08:00:00+08:00'
/** When a case's commands are dated unless a spec gives its own. */
export const AT = '2024-03-01T09:00:00+08:00'

export const spec = specFor(dispute)

/** A point of a case's spec: its state, from which a command is decided. */
export type Point = Given<DisputeCommand, DisputeEvent, CaseState>

// ---------------------------------------------------------------------------------------------
// References

export const place = <L extends string>(level: L, id: string) => ({ level, id })
export const org = (id: string) => ({ level: 'organisation' as const, id })
export const person = (id: string) => ({ kind: 'person' as const, person: id })
export const organisation = (id: string) => ({
  kind: 'organisation' as const,
  organisation: id,
})

export const K = 'k-1'
export const GRID_D = place('grid', 'g-d')
export const COMMUNITY_D = place('community', 'c-d')
/** Time limits, which the office of the level sets. */
export const LIMITS = { grid: 7, community: 15 }
/** No time limits: what a party filing its own case gives. */
export const NO_LIMITS = { grid: null, community: null }
export const OWNER_VS_OWNER = { kind: 'owner-vs-owner' as const }
export const OWNER_VS_COMMITTEE = { kind: 'owner-vs-owners-committee' as const }
export const OWNER_VS_COMPANY = { kind: 'owner-vs-property-company' as const }
export const BETWEEN_RESIDENTS = { kind: 'residents-of-two-communities' as const }
export const BETWEEN_ORGANISATIONS = { kind: 'organisations-of-two-communities' as const }
export const OTHER = { kind: 'other' as const, description: 'A dispute of another kind' }

/** The committee whose seal a mediator's signature carries (People's Mediation Law art. 29). */
export const SEAL = 'D community people’s mediation committee'

/** The grid worker of g-d: the office of the grid level, and the mediator it assigns. */
export const GW = 'p-gw-d'
export const GRID_OFFICE = ['mediator@grid:g-d', 'registrar@grid:g-d', 'grid-worker@grid:g-d']
export const COMMUNITY_OFFICE = ['mediator@community:c-d', 'registrar@community:c-d']
export const STREET_OFFICE = [`mediator@street:${STREET}`, `registrar@street:${STREET}`]
/** The mediators of case `id` at `level`, as a `Forbidden` names them. */
export const assignedAt = (level: string, id = K) => [
  `a mediator assigned to ${id} at the ${level} level`,
]
export const inPerson = (index: number, who: string) => [`party ${index} (${who}) in person`]
export const aLeaderOf = (index: number, of: string) => [`a leader of party ${index} (${of})`]

/** The refusals the specs expect, by their fields. */
export const illegal = (state: string, command: string) => ({
  code: 'IllegalTransition',
  machine: 'case',
  state,
  command,
})
export const forbiddenTo = (
  actor: string,
  command: string,
  missingRole: ReadonlyArray<string>,
) => ({ code: 'Forbidden', actor, command, missingRole })
export const notFound = (entity: string, id: string) => ({ code: 'NotFound', entity, id })

// ---------------------------------------------------------------------------------------------
// The registry

let registryCommands = 0

/** A command of the street's registry, as JSON, by the registrar unless `actor` is given. */
export const onRegistry = (
  type: string,
  payload: Record<string, unknown> = {},
  actor: string = CLERK,
) => {
  registryCommands += 1
  return {
    type,
    commandId: `reg-${registryCommands}`,
    at: REGISTRY_AT,
    actor,
    street: STREET,
    ...payload,
  }
}

export const appoint = (assignment: string, who: string, role: string, scope: object) =>
  onRegistry('appointRole', { assignment, person: who, role, scope })
export const endRole = (assignment: string, reason: string) =>
  onRegistry('endRole', { assignment, reason })
export const depart = (who: string) =>
  onRegistry('recordDeparture', { person: who, destination: 'Kunshan' })
export const registerOrganisation = (spec: Record<string, unknown>, actor: string = CLERK) =>
  onRegistry('registerOrganisation', { organisation: spec }, actor)

const registrySpec = specFor(community)

/** The registry after `commands`, each accepted by community's decider (or the fixture fails). */
export const registryAfter = (
  registry: RegistryState,
  ...commands: ReadonlyArray<object>
): RegistryState =>
  commands.reduce<RegistryState>(
    (state, command) => registrySpec.givenState(state).when(command).then().state,
    registry,
  )

/** The events of `commands` run one after another on the empty registry. */
const eventsOfCommands = (commands: ReadonlyArray<object>): ReadonlyArray<unknown> => {
  const events: Array<unknown> = []
  let point = registrySpec.given([])
  for (const command of commands) {
    const then = point.when(command).then()
    events.push(...then.events)
    point = then
  }
  return events
}

/**
 * The D–Q linkage area (seed 001), as fixtures.ts's `seedArea` registers it: communities c-d (D
 * town side) and c-q (Q town side), grids g-d and g-q; residents p-d1, p-d2 (g-d) and p-q1
 * (g-q); grid workers p-gw-d and p-gw-q; community mediators p-med-d and p-med-q; the street's
 * mediator p-med-s; a purchased legal-aid office o-legal with mediator p-legal; the property
 * company o-prop in c-d led by p-prop; the owners' committee o-owners in c-d led by p-owner.
 */
const seed = (): ReadonlyArray<object> => [
  onRegistry('openRegistry', {
    name: 'D–Q linkage area',
    registrar: CLERK,
    registrarName: 'Clerk',
    assignment: 'as-clerk',
  }),
  ...(
    [
      ['c-d', 'D town side'],
      ['c-q', 'Q town side'],
    ] as const
  ).map(([id, name]) =>
    onRegistry('registerCommunity', { community: id, name, settlement: 'community' }),
  ),
  onRegistry('registerGrid', { grid: 'g-d', community: 'c-d', name: 'D grid' }),
  onRegistry('registerGrid', { grid: 'g-q', community: 'c-q', name: 'Q grid' }),
  ...(
    [
      ['p-d1', 'D resident one', place('grid', 'g-d')],
      ['p-d2', 'D resident two', place('grid', 'g-d')],
      ['p-q1', 'Q resident one', place('grid', 'g-q')],
      ['p-gw-d', 'D grid worker', place('grid', 'g-d')],
      ['p-gw-q', 'Q grid worker', place('grid', 'g-q')],
      ['p-med-d', 'D mediator', place('community', 'c-d')],
      ['p-med-q', 'Q mediator', place('community', 'c-q')],
      ['p-med-s', 'Street mediator', null],
      ['p-legal', 'Legal aid lawyer', null],
      ['p-prop', 'Property manager', null],
      ['p-owner', 'Owners committee chair', place('grid', 'g-d')],
    ] as const
  ).map(([id, name, home]) =>
    onRegistry('registerPerson', {
      person: id,
      name,
      household: { status: 'registered' },
      home,
    }),
  ),
  appoint('as-gw-d', 'p-gw-d', 'grid-worker', place('grid', 'g-d')),
  appoint('as-gw-q', 'p-gw-q', 'grid-worker', place('grid', 'g-q')),
  appoint('as-med-d', 'p-med-d', 'mediator', place('community', 'c-d')),
  appoint('as-med-q', 'p-med-q', 'mediator', place('community', 'c-q')),
  appoint('as-med-s', 'p-med-s', 'mediator', place('street', STREET)),
  registerOrganisation({
    kind: 'social-organisation',
    id: 'o-legal',
    name: 'Legal aid office',
    seat: place('street', STREET),
    origin: 'purchased',
  }),
  appoint('as-legal', 'p-legal', 'mediator', org('o-legal')),
  registerOrganisation({
    kind: 'property-company',
    id: 'o-prop',
    name: 'D Property',
    seat: place('community', 'c-d'),
  }),
  appoint('as-prop', 'p-prop', 'director', org('o-prop')),
  registerOrganisation({
    kind: 'owners-committee',
    id: 'o-owners',
    name: 'D owners committee',
    seat: place('community', 'c-d'),
    partyLed: false,
  }),
  appoint('as-owner', 'p-owner', 'director', org('o-owners')),
]

/** The registry events of the D–Q area (see {@link AREA}). */
export const AREA_EVENTS: ReadonlyArray<unknown> = eventsOfCommands(seed())

/** The registry of the D–Q area: the context of every case of these specs. */
export const AREA: RegistryState = registryAfter(community.initialState, ...seed())

/** Q Property, seated in c-q and led by p-q1. */
export const Q_PROPERTY = (): ReadonlyArray<object> => [
  registerOrganisation({
    kind: 'property-company',
    id: 'o-qprop',
    name: 'Q Property',
    seat: place('community', 'c-q'),
  }),
  appoint('as-qprop', 'p-q1', 'director', org('o-qprop')),
]

/** A volunteer mediation team cultivated in c-d, with p-vol (of g-d) as its mediator. */
export const VOLUNTEER_TEAM = (): ReadonlyArray<object> => [
  onRegistry('registerPerson', {
    person: 'p-vol',
    name: 'Volunteer mediator',
    household: { status: 'registered' },
    home: GRID_D,
  }),
  registerOrganisation({
    kind: 'social-organisation',
    id: 'o-team',
    name: 'D volunteer mediation team',
    seat: COMMUNITY_D,
    origin: 'cultivated',
  }),
  appoint('as-vol', 'p-vol', 'mediator', org('o-team')),
]

/** The D–Q area after `commands`. */
export const areaWith = (...commands: ReadonlyArray<object>): RegistryState =>
  registryAfter(AREA, ...commands)

// ---------------------------------------------------------------------------------------------
// Commands on a case

/** The fields of a dispute command as a spec writes them: the street and envelope filled in. */
export type Fields<T extends DisputeCommand['type']> = Omit<
  SpecCommandFields<DisputeCommand, T>,
  'street' | 'actor' | 'at'
>

/** Dispute's command creators for one actor, in the street, at one instant. */
export type ByActor = {
  readonly [T in DisputeCommand['type']]: (
    fields: Fields<T>,
  ) => ReturnType<SpecCommands<DisputeCommand>[T]>
}

let issued = 0

/**
 * The commands `actor` gives, at `at` (or {@link AT}), in the street: the kit's typed creators
 * (`commandsFor`) with `street` filled in.
 */
export const by = (actor: string, at: string = AT): ByActor => {
  issued += 1
  const creators = commandsFor(dispute, { at, actor }, `c${issued}`) as unknown as Record<
    string,
    (fields: object) => object
  >
  return Object.fromEntries(
    dispute.commandTypes.map((type) => [
      type,
      (fields: object) => creators[type]?.({ street: STREET, ...fields }),
    ]),
  ) as unknown as ByActor
}

let sent = 0

/** A dispute command as JSON (for tables of commands): `actor` gives `type` in the street. */
export const command = (
  actor: string,
  type: string,
  payload: Record<string, unknown> = {},
  at: string = AT,
) => {
  sent += 1
  return { type, commandId: `cmd-${sent}`, at, actor, street: STREET, ...payload }
}

/** The fields of filing k-1 (owner vs owner, p-d1 against p-d2, arisen in g-d) by its office. */
export const filing = (over: Partial<Fields<'fileCase'>> = {}): Fields<'fileCase'> => ({
  case: K,
  kind: OWNER_VS_OWNER,
  parties: [person('p-d1'), person('p-d2')],
  arose: GRID_D,
  summary: 'Water leaks from the flat above',
  limits: LIMITS,
  ...over,
})

/** Where a spec starts on case streams: no case filed, with `registry` (the D–Q area) as context. */
export const unfiled = (registry: RegistryState = AREA): Point => spec.given([], { registry })

/** The point after `commands`, each accepted in turn. */
export const after = (point: Point, ...commands: ReadonlyArray<unknown>): Point =>
  commands.reduce<Point>((p, c) => p.when(c).then(), point)

/** The same case, decided from here with `registry` as context (the registry has changed). */
export const withRegistry = (point: Point, registry: RegistryState): Point =>
  spec.givenState(point.state, { registry })

/** An expectation of `then`: the events match these (as `toMatchObject`: the fields given). */
export const like =
  (expected: ReadonlyArray<object>) =>
  (events: ReadonlyArray<unknown>): void => {
    expect(events).toMatchObject(expected)
  }

/** The case at a point (fails the spec when it was never filed). */
export const caseOf = (point: Point): Case => {
  const c = point.state.case
  if (c === null) throw new Error('the case was never filed')
  return c
}

// ---------------------------------------------------------------------------------------------
// A case's stages

export type Stage =
  | 'filed'
  | 'accepted'
  | 'in-mediation'
  | 'drafting'
  | 'agreed'
  | 'fulfilled'
  | 'breached'
  | 'failed'
  | 'escalated'
  | 'declined'
  | 'referred-out'
  | 'withdrawn'

type Step = readonly [actor: string, type: string, payload: Record<string, unknown>]

/** The stage each stage is reached from, and the commands that reach it. */
const route: Record<Stage, readonly [Stage | null, ReadonlyArray<Step>]> = {
  filed: [
    null,
    [
      [GW, 'fileCase', filing()],
      [GW, 'assignMediator', { mediator: GW }],
    ],
  ],
  accepted: [
    'filed',
    [
      ['p-d1', 'giveConsent', { party: 0 }],
      ['p-d2', 'giveConsent', { party: 1 }],
    ],
  ],
  'in-mediation': [
    'accepted',
    [[GW, 'holdSession', { attended: ['p-d1', 'p-d2'], outcome: 'Both sides heard' }]],
  ],
  drafting: ['in-mediation', [[GW, 'draftAgreement', { terms: ['p-d1 repairs the pipe'] }]]],
  agreed: [
    'drafting',
    [
      ['p-d1', 'signAgreement', { party: 0 }],
      ['p-d2', 'signAgreement', { party: 1 }],
      [GW, 'countersignAgreement', { committee: SEAL }],
    ],
  ],
  fulfilled: ['agreed', [[GW, 'recordFulfilment', { note: 'Pipe repaired' }]]],
  breached: ['agreed', [[GW, 'recordBreach', { note: 'Pipe never repaired' }]]],
  failed: ['in-mediation', [[GW, 'recordFailure', { reason: 'No common ground' }]]],
  escalated: ['accepted', [['p-d1', 'escalateCase', { reason: 'Needs the community' }]]],
  declined: ['filed', [['p-d2', 'refuseMediation', { party: 1, reason: 'Will go to court' }]]],
  'referred-out': [
    'filed',
    [['p-d1', 'referOut', { to: 'District court', reason: 'Damages claim' }]],
  ],
  withdrawn: ['filed', [['p-d1', 'withdrawCase', { party: 0, reason: 'Settled privately' }]]],
}

const stepsTo = (stage: Stage): ReadonlyArray<Step> => {
  const [before, steps] = route[stage]
  return [...(before === null ? [] : stepsTo(before)), ...steps]
}

/**
 * Case `id` — filed in g-d by its grid worker p-gw-d with the limits 7 and 15 days, p-d1 against
 * p-d2, p-gw-d assigned on filing — walked to `stage`, every command at `at`, with `registry`
 * (the D–Q area) as context.
 */
export const caseAt = (
  stage: Stage,
  { id = K, at = AT, registry = AREA }: { id?: string; at?: string; registry?: RegistryState } = {},
): Point =>
  after(
    unfiled(registry),
    ...stepsTo(stage).map(([actor, type, payload]) =>
      command(actor, type, { ...payload, case: id }, at),
    ),
  )

/** Escalates `id` (accepted or failed) to the community: p-d1 asks, p-med-d accepts and mediates. */
export const toCommunity = (point: Point, id = K, at = AT): Point =>
  after(
    point,
    by('p-d1', at).escalateCase({ case: id, reason: 'Needs the community' }),
    by('p-med-d', at).acceptEscalation({ case: id }),
    by('p-med-d', at).assignMediator({ case: id, mediator: 'p-med-d' }),
  )

/** Escalates `id` to the street: p-d1 asks, p-med-s accepts, the legal-aid p-legal mediates. */
export const toStreet = (point: Point, id = K, at = AT): Point =>
  after(
    point,
    by('p-d1', at).escalateCase({ case: id, reason: 'Needs the street' }),
    by('p-med-s', at).acceptEscalation({ case: id }),
    by('p-med-s', at).assignMediator({ case: id, mediator: 'p-legal' }),
  )

/** The cross-community case k-j, p-d1 (c-d) against p-q1 (c-q), filed by p-d1 and consented. */
export const jointCase = (
  arose: Fields<'fileCase'>['arose'] = COMMUNITY_D,
  registry: RegistryState = AREA,
): Point =>
  after(
    unfiled(registry),
    by('p-d1').fileCase(
      filing({
        case: 'k-j',
        kind: BETWEEN_RESIDENTS,
        parties: [person('p-d1'), person('p-q1')],
        arose,
        limits: NO_LIMITS,
      }),
    ),
    by('p-d1').giveConsent({ case: 'k-j', party: 0 }),
    by('p-q1').giveConsent({ case: 'k-j', party: 1 }),
  )
