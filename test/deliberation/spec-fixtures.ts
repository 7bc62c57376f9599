import {
  lookup,
  DemandId,
  MatterId,
  MeetingId,
  MotionId,
  TaskId,
  type DomainError,
} from '../../src/core/index.js'
import { community, type CommunityEvent, type RegistryState } from '../../src/community/index.js'
import {
  deliberation,
  emptyHall,
  type DeliberationEvent,
  type HallState,
} from '../../src/deliberation/index.js'
import { specFor, type ExpectedRefusal } from '../../src/testing/index.js'

// J community of seed 002, as fixtures.ts's `seedJCommunity` seeds it, built purely: the street's
// registry from community's commands and the hall h-365 from deliberation's, each decided by the
// test kit over the pure decider (no store, no engine), the registry given to the hall as context.
// A point of these specs is a `Street`: the registry and the halls after the commands so far.

export const STREET = 'n-street'
export const CLERK = 'p-clerk'
export const HALL = 'h-365'
export const CHAIR = 'p-chair'

/** The six representatives of J community's hall, one per participant kind. */
export const SIX = ['p-chair', 'p-rc', 'r-1', 'p-ld', 'p-prop', 'p-police'] as const
/** What a `Forbidden` names as missing when only the chair may act. */
export const CHAIR_ROLE = [`hall-chair of ${HALL}`]

/** The kit's specs of the two mechanisms a street runs. */
export const hallSpec = specFor(deliberation)
export const registrySpec = specFor(community)

/** A charter with a quorum of half, a simple majority, 3 minutes a turn, 2 turns a motion. */
export const charter = (overrides: Record<string, unknown> = {}) => ({
  quorum: { numerator: 1, denominator: 2 },
  threshold: 'simple-majority',
  minutesPerTurn: 3,
  turnsPerMotion: 2,
  balance: null,
  passMark: 4,
  ...overrides,
})

export const place = (level: string, id: string) => ({ level, id })
export const org = (id: string) => ({ level: 'organisation', id })
export const byPerson = (person: string) => ({ kind: 'person', person })
export const byOrganisation = (organisation: string) => ({ kind: 'organisation', organisation })

// ---------------------------------------------------------------------------------------------
// Expected refusals, by their fields

export const illegal = (machine: string, state: string, command: string) => ({
  code: 'IllegalTransition',
  machine,
  state,
  command,
})
export const forbiddenTo = (
  actor: string,
  command: string,
  missingRole: ReadonlyArray<string>,
) => ({ code: 'Forbidden', actor, command, missingRole })
export const notFound = (entity: string, id: string) => ({ code: 'NotFound', entity, id })
export const alreadyExists = (entity: string, id: string) => ({
  code: 'AlreadyExists',
  entity,
  id,
})

// ---------------------------------------------------------------------------------------------
// The street as a point of a spec

/** An event of the street: the registry's or a hall's. */
export type StreetEvent = CommunityEvent | DeliberationEvent

/** A command decided on a street, waiting for its expectation (the kit's `When`). */
export interface StreetWhen {
  /** The command as sent (JSON). */
  readonly command: Readonly<Record<string, unknown>>
  /**
   * Expects the command accepted (with `expected`, these events, as JSON; with a function, it is
   * called with them); returns the street after its events.
   */
  readonly then: (
    expected?: ReadonlyArray<unknown> | ((events: ReadonlyArray<StreetEvent>) => void),
  ) => Street
  /** Expects the command refused, as `expected` says; returns the refusal. */
  readonly thenRefused: (expected: ExpectedRefusal) => DomainError
}

/**
 * A street at a point of a spec: its registry and its halls, from which the next command is
 * decided. Registry commands go to the registry; hall commands (with `street` and `hall`, h-365
 * unless the payload names another, filled in) go to their hall, with the registry as context.
 * Each command is dated a new minute, as fixtures.ts's `send` dates them, unless given `at`.
 */
export interface Street {
  readonly registry: RegistryState
  readonly halls: Readonly<Record<string, HallState>>
  /** The state of the hall h-365. */
  readonly hall: HallState
  /** The events of the last command accepted. */
  readonly events: ReadonlyArray<StreetEvent>
  /** How many commands have been sent: the clock of the next one. */
  readonly sent: number
  /** Decides `actor`'s command `type` here. */
  readonly when: (
    actor: string,
    type: string,
    payload?: Record<string, unknown>,
    at?: string,
  ) => StreetWhen
  /** The street after `actor`'s command `type`, which must be accepted (`when(…).then()`). */
  readonly does: (
    actor: string,
    type: string,
    payload?: Record<string, unknown>,
    at?: string,
  ) => Street
}

/** The instant of the n-th command, as fixtures.ts's `send` writes it. */
export const minuteOf = (n: number): string => {
  const minute = String(n % 60).padStart(2, '0')
  const hour = String(8 + (Math.floor(n / 60) % 14)).padStart(2, '0')
  const day = String(1 + Math.floor(n / 840)).padStart(2, '0')
  return `2024-05-${day}T${hour}:${minute}:00+08:00`
}

const isHallCommand = (type: string): boolean =>
  (deliberation.commandTypes as ReadonlyArray<string>).includes(type)

const streetAt = (
  registry: RegistryState,
  halls: Readonly<Record<string, HallState>>,
  sent: number,
  events: ReadonlyArray<StreetEvent>,
): Street => {
  const when = (
    actor: string,
    type: string,
    payload: Record<string, unknown> = {},
    at?: string,
  ): StreetWhen => {
    const n = sent + 1
    const onHall = isHallCommand(type)
    const command = {
      type,
      commandId: `cmd-${n}`,
      at: at ?? minuteOf(n),
      actor,
      street: STREET,
      ...(onHall ? { hall: HALL } : {}),
      ...payload,
    }
    if (onHall) {
      const hall = String(command.hall)
      const decided = hallSpec.givenState(halls[hall] ?? emptyHall, { registry }).when(command)
      return {
        command,
        then: (expected) => {
          const then = decided.then(expected)
          return streetAt(registry, { ...halls, [hall]: then.state }, n, then.events)
        },
        thenRefused: (expected) => decided.thenRefused(expected),
      }
    }
    const decided = registrySpec.givenState(registry).when(command)
    return {
      command,
      then: (expected) => {
        const then = decided.then(expected)
        return streetAt(then.state, halls, n, then.events)
      },
      thenRefused: (expected) => decided.thenRefused(expected),
    }
  }
  return {
    registry,
    halls,
    hall: halls[HALL] ?? emptyHall,
    events,
    sent,
    when,
    does: (actor, type, payload, at) => when(actor, type, payload, at).then(),
  }
}

/** A street with no registry and no hall yet. */
export const emptyStreet = (): Street => streetAt(community.initialState, {}, 0, [])

/** The street after `steps`, each taking the street a step on. */
export const after = (street: Street, ...steps: ReadonlyArray<(s: Street) => Street>): Street =>
  steps.reduce((s, step) => step(s), street)

// ---------------------------------------------------------------------------------------------
// J community

/** The registry of J community, before its hall opens (fixtures.ts's `seedJCommunity`). */
const registered = (): Street => {
  let s = emptyStreet()
  s = s.does(CLERK, 'openRegistry', {
    name: 'N Street',
    registrar: CLERK,
    registrarName: 'Clerk',
    assignment: 'as-clerk',
  })
  s = s.does(CLERK, 'registerCommunity', {
    community: 'c-j',
    name: 'J Community',
    settlement: 'community',
  })
  s = s.does(CLERK, 'registerGrid', { grid: 'g-j', community: 'c-j', name: 'J grid' })
  s = s.does(CLERK, 'registerCompound', { compound: 'k-j', grid: 'g-j', name: 'J compound' })
  for (const e of ['e-1', 'e-2', 'e-3'])
    s = s.does(CLERK, 'registerEntrance', { entrance: e, compound: 'k-j', name: `Building ${e}` })
  const local = { status: 'registered' }
  const migrant = { status: 'migrant', origin: 'Hebei' }
  const people: ReadonlyArray<readonly [string, string, object, object | null]> = [
    ['p-chair', 'Party Secretary Wu', local, place('community', 'c-j')],
    ['p-rc', 'Director Sun', local, place('community', 'c-j')],
    ['p-prop', 'Manager Zhao', local, null],
    ['p-ld', 'Social Worker Lin', local, null],
    ['p-police', 'Officer He', local, null],
    ['p-red', 'Owner Qian', local, place('entrance', 'e-2')],
    ['p-vol', 'Volunteer Feng', local, place('entrance', 'e-3')],
    ['p-group', 'Group Leader Tao', local, place('entrance', 'e-1')],
    ['p-head-1', 'Head One', local, place('entrance', 'e-1')],
    ['p-head-2', 'Head Two', migrant, place('entrance', 'e-2')],
    ['p-head-3', 'Head Three', local, place('entrance', 'e-3')],
    ['r-1', 'Resident One', local, place('entrance', 'e-1')],
    ['r-2', 'Resident Two', migrant, place('entrance', 'e-1')],
    ['r-3', 'Resident Three', local, place('entrance', 'e-2')],
    ['r-4', 'Resident Four', migrant, place('entrance', 'e-2')],
    ['r-5', 'Resident Five', local, place('entrance', 'e-3')],
    ['r-6', 'Resident Six', migrant, place('entrance', 'e-3')],
  ]
  for (const [person, name, household, home] of people)
    s = s.does(CLERK, 'registerPerson', { person, name, household, home })
  const organisation = (spec: Record<string, unknown>, actor = CLERK) =>
    s.does(actor, 'registerOrganisation', { organisation: spec })
  s = organisation({
    kind: 'party-committee',
    id: 'o-party',
    name: 'N Street Working Committee',
    seat: place('street', STREET),
    parent: null,
  })
  s = s.does(CLERK, 'appointRole', {
    assignment: 'as-chair-party',
    person: 'p-chair',
    role: 'secretary',
    scope: org('o-party'),
  })
  s = organisation(
    {
      kind: 'party-branch',
      id: 'o-j-branch',
      name: 'J Community Branch',
      seat: place('community', 'c-j'),
      parent: 'o-party',
      branch: { kind: 'community' },
    },
    'p-chair',
  )
  s = organisation(
    {
      kind: 'party-group',
      id: 'o-group-1',
      name: 'Building 1 party group',
      seat: place('entrance', 'e-1'),
      parent: 'o-j-branch',
    },
    'p-chair',
  )
  s = s.does('p-chair', 'appointRole', {
    assignment: 'as-group',
    person: 'p-group',
    role: 'group-leader',
    scope: org('o-group-1'),
  })
  s = organisation({
    kind: 'property-company',
    id: 'o-property',
    name: 'J Property',
    seat: place('community', 'c-j'),
  })
  s = s.does(CLERK, 'appointRole', {
    assignment: 'as-prop',
    person: 'p-prop',
    role: 'director',
    scope: org('o-property'),
  })
  s = organisation({
    kind: 'social-organisation',
    id: 'o-ld',
    name: 'LD Social Work',
    seat: place('community', 'c-j'),
    origin: 'purchased',
  })
  s = organisation({
    kind: 'residents-committee',
    id: 'o-rc',
    name: 'J Residents Committee',
    seat: place('community', 'c-j'),
  })
  s = organisation({
    kind: 'owners-committee',
    id: 'o-red',
    name: 'Red Owners Committee',
    seat: place('compound', 'k-j'),
    partyLed: true,
  })
  for (const [i, entrance] of ['e-1', 'e-2', 'e-3'].entries())
    s = s.does(CLERK, 'appointRole', {
      assignment: `as-head-${i + 1}`,
      person: `p-head-${i + 1}`,
      role: 'building-head',
      scope: place('entrance', entrance),
    })
  return s
}

let registeredOnce: Street | null = null
const seeded = new Map<string, Street>()

/**
 * J community (seed 002), as fixtures.ts's `seedJCommunity` seeds it: one compound with three
 * building entrances (e-1, e-2, e-3); a building head per entrance (p-head-1..3); residents
 * r-1..r-6 (two per building; r-2, r-4, r-6 migrant); the chair p-chair; the property company
 * o-property led by p-prop; the LD social organisation o-ld led by p-ld; the residents' committee
 * o-rc led by p-rc; the community party committee o-party (secretary p-chair); a party group
 * o-group-1 in e-1 led by p-group; the red owners' committee o-red with p-red; a volunteer leader
 * p-vol; and the hall h-365 at the community, open under `hallCharter`, with six representatives
 * (one per kind: p-chair party, p-rc residents' committee, r-1 resident, p-ld social
 * organisation, p-prop property company, p-police other social force) and supervisor p-red.
 */
export const seedJCommunity = (hallCharter: object = charter()): Street => {
  const key = JSON.stringify(hallCharter)
  const known = seeded.get(key)
  if (known !== undefined) return known
  registeredOnce ??= registered()
  let s = registeredOnce.does(CLERK, 'openHall', {
    name: 'J Community 365 Hall',
    place: place('community', 'c-j'),
    charter: hallCharter,
    chair: CHAIR,
  })
  for (const [person, kind, organisationId] of [
    ['p-chair', 'party-committee', 'o-party'],
    ['p-rc', 'residents-committee', 'o-rc'],
    ['r-1', 'resident', null],
    ['p-ld', 'social-organisation', 'o-ld'],
    ['p-prop', 'property-company', 'o-property'],
    ['p-police', 'other-social-force', null],
  ] as const)
    s = s.does(CHAIR, 'appointRepresentative', { person, kind, organisation: organisationId })
  s = s.does(CHAIR, 'appointSupervisor', { person: 'p-red', body: 'Red Owners Committee' })
  seeded.set(key, s)
  return s
}

// ---------------------------------------------------------------------------------------------
// Reading the hall

export const matterOf = (s: Street, id: string) => lookup(s.hall.matters, MatterId.make(id))
export const meetingOf = (s: Street, id: string) => lookup(s.hall.meetings, MeetingId.make(id))
export const motionOf = (s: Street, id: string) => lookup(s.hall.motions, MotionId.make(id))
export const taskOf = (s: Street, id: string) => lookup(s.hall.tasks, TaskId.make(id))
export const demandOf = (s: Street, id: string) => lookup(s.hall.demands, DemandId.make(id))
export const statusOf = (s: Street, matter: string) => matterOf(s, matter)?.status
export const representativeOf = (s: Street, person: string) =>
  lookup(s.hall.representatives, person as never)
export const supervisorOf = (s: Street, person: string) =>
  lookup(s.hall.supervisors, person as never)
export const typesOf = (events: ReadonlyArray<{ readonly type: string }>) =>
  events.map((e) => e.type)

// ---------------------------------------------------------------------------------------------
// Steps of a hall's matters

export const PACT = {
  kind: 'pact',
  duties: [
    { party: 'property-company', duty: 'Builds four sorting stations' },
    { party: 'resident', duty: 'Sort household waste before 8 pm' },
  ],
}

export const ALL_YES = { 'p-chair': 'yes', 'p-rc': 'yes', 'r-1': 'yes' }

/** Yes, no and abstain votes spread over the six representatives. */
export const votes = (yes: number, no: number, abstain: number): Record<string, string> => {
  const choices = [
    ...Array<string>(yes).fill('yes'),
    ...Array<string>(no).fill('no'),
    ...Array<string>(abstain).fill('abstain'),
  ]
  return Object.fromEntries(choices.map((choice, i) => [SIX[i] ?? '', choice]))
}

/** `actor` submits the demand of `resident` through `channel`. */
export const submit = (
  s: Street,
  demand: string,
  resident: string,
  actor = resident,
  channel = 'online',
  at?: string,
): Street =>
  s.does(
    actor,
    'submitDemand',
    { demand, resident, channel, text: `Demand ${demand} of ${resident}` },
    at,
  )

export const schedule = (s: Street, meeting = 'mt-1'): Street =>
  s.does(CHAIR, 'scheduleMeeting', { meeting, scheduledFor: '2024-05-15T15:00:00+08:00' })

export const open = (
  s: Street,
  present: ReadonlyArray<string> = SIX,
  meeting = 'mt-1',
  actor = CHAIR,
): Street => s.does(actor, 'openMeeting', { meeting, present })

/** J community with matter m-1 (demands d-1 of r-1 and d-2 of r-3) on the agenda of mt-1. */
export const withAgenda = (hallCharter: object = charter()): Street => {
  let s = seedJCommunity(hallCharter)
  s = submit(s, 'd-1', 'r-1')
  s = submit(s, 'd-2', 'r-3')
  s = s.does(CHAIR, 'aggregateDemands', {
    matter: 'm-1',
    title: 'Garbage sorting',
    demands: ['d-1', 'd-2'],
  })
  s = schedule(s)
  return s.does(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-1' })
}

/** {@link withAgenda}, with mt-1 open and every representative present. */
export const inSession = (
  hallCharter: object = charter(),
  present: ReadonlyArray<string> = SIX,
): Street => open(withAgenda(hallCharter), present)

export const move = (
  s: Street,
  motion = 'mo-1',
  mover = 'p-rc',
  extra: Record<string, unknown> = {},
  matter = 'm-1',
  meeting = 'mt-1',
): Street =>
  s.does(mover, 'moveMotion', { meeting, motion, matter, text: `Words of ${motion}`, ...extra })

export const second = (s: Street, motion = 'mo-1', by = 'p-ld'): Street =>
  s.does(by, 'secondMotion', { motion })

/** {@link inSession}, with mo-1 on m-1 moved by p-rc and seconded by p-ld. */
export const seconded = (
  hallCharter: object = charter(),
  present: ReadonlyArray<string> = SIX,
): Street => second(move(inSession(hallCharter, present)))

/** The chair opens the vote, each voter votes, and the chair closes it. */
export const vote = (s: Street, motion: string, choices: Readonly<Record<string, string>>) => {
  let t = s.does(CHAIR, 'openVoting', { motion })
  for (const [person, choice] of Object.entries(choices))
    t = t.does(person, 'castVote', { motion, choice })
  return t.does(CHAIR, 'closeVoting', { motion })
}

/** Requests the floor and has the chair give it. */
export const speak = (s: Street, speaker: string, motion = 'mo-1'): Street =>
  s.does(speaker, 'requestFloor', { motion }).does(CHAIR, 'grantFloor', { motion, speaker })

/** m-1 decided: mo-1, a pact, adopted by three votes to none. */
export const decided = (): Street =>
  vote(second(move(inSession(), 'mo-1', 'p-rc', { outcome: PACT })), 'mo-1', ALL_YES)

export const assign = (
  s: Street,
  task: string,
  owner: object,
  due = '2024-06-30T18:00:00+08:00',
  matter = 'm-1',
): Street => s.does(CHAIR, 'assignTask', { task, matter, owner, description: `Task ${task}`, due })

/** {@link decided}, with t-1 for the property company and t-2 for the resident r-1. */
export const withTasks = (): Street =>
  assign(assign(decided(), 't-1', byOrganisation('o-property')), 't-2', byPerson('r-1'))

export const finish = (s: Street, task: string, owner: string): Street =>
  s.does(owner, 'acceptTask', { task }).does(owner, 'finishTask', { task })

/** {@link withTasks}, both tasks done and supervision begun. */
export const supervising = (): Street =>
  finish(finish(withTasks(), 't-1', 'p-prop'), 't-2', 'r-1').does(CHAIR, 'beginSupervision', {
    matter: 'm-1',
  })

/** {@link supervising}, with the residents' evaluation open. */
export const evaluating = (): Street =>
  supervising().does(CHAIR, 'openEvaluation', { matter: 'm-1' })

export const evaluate = (s: Street, scores: Readonly<Record<string, number>>): Street =>
  Object.entries(scores).reduce(
    (t, [resident, score]) => t.does(resident, 'evaluate', { matter: 'm-1', score }),
    s,
  )

/** {@link evaluating}, evaluated below the pass mark (4) and reopened. */
export const reopened = (): Street =>
  evaluate(evaluating(), { 'r-2': 2, 'r-3': 3 }).does(CHAIR, 'closeEvaluation', { matter: 'm-1' })

/** The registrar records `person`'s departure from the street. */
export const leave = (s: Street, person: string, destination = 'Tianjin'): Street =>
  s.does(CLERK, 'recordDeparture', { person, destination })
