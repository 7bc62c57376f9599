import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  decodeWith,
  DemandId,
  HallId,
  instant,
  lookup,
  MatterId,
  MeetingId,
  MotionId,
  TaskId,
  valuesOf,
  type DomainError,
  type Handled,
} from '../../src/core/index.js'
import {
  actingRepresentatives,
  chairActs,
  chairSince,
  chairTerms,
  deliberation,
  demandOutcome,
  emptyHall,
  hallStream,
  MAX_AGENDA,
  matterTimeline,
  oneOneSix,
  overdueTasks,
  participation,
  sanSanSan,
  sanWuWu,
  speakingTurns,
  voteTallies,
  waitingDemands,
} from '../../src/deliberation/index.js'
import {
  CHAIR,
  charter,
  CLERK,
  HALL,
  place,
  refusal,
  seedJCommunity,
  STREET,
  type StreetEngine,
} from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

/** The six representatives of J community's hall, one per participant kind. */
const SIX = ['p-chair', 'p-rc', 'r-1', 'p-ld', 'p-prop', 'p-police'] as const
const CHAIR_ROLE = [`hall-chair of ${HALL}`]

const matterOf = async (r: StreetEngine, id: string) =>
  lookup((await r.hall()).matters, MatterId.make(id))
const meetingOf = async (r: StreetEngine, id: string) =>
  lookup((await r.hall()).meetings, MeetingId.make(id))
const motionOf = async (r: StreetEngine, id: string) =>
  lookup((await r.hall()).motions, MotionId.make(id))
const taskOf = async (r: StreetEngine, id: string) =>
  lookup((await r.hall()).tasks, TaskId.make(id))
const demandOf = async (r: StreetEngine, id: string) =>
  lookup((await r.hall()).demands, DemandId.make(id))
const statusOf = async (r: StreetEngine, matter: string) => (await matterOf(r, matter))?.status

const typesOf = (handled: Handled<{ readonly type: string }, unknown>) =>
  handled.events.map((e) => e.event.type)

/** A refusal that stored nothing: the error, after checking the store did not grow. */
const refusedWithoutTrace = async (
  r: StreetEngine,
  sending: () => Promise<E.Either<DomainError, unknown>>,
): Promise<DomainError> => {
  const before = r.store.readAll().length
  const error = refusal(await sending())
  expect(r.store.readAll()).toHaveLength(before)
  return error
}

const rule = (name: string) => ({ code: 'RuleViolation', rule: name })
const illegal = (machine: string, state: string, command: string) => ({
  code: 'IllegalTransition',
  machine,
  state,
  command,
})
const forbiddenTo = (actor: string, command: string, missingRole: ReadonlyArray<string>) => ({
  code: 'Forbidden',
  actor,
  command,
  missingRole,
})

const PACT = {
  kind: 'pact',
  duties: [
    { party: 'property-company', duty: 'Builds four sorting stations' },
    { party: 'resident', duty: 'Sort household waste before 8 pm' },
  ],
}

const submit = (
  r: StreetEngine,
  demand: string,
  resident: string,
  actor = resident,
  channel = 'online',
  at?: string,
) =>
  r.must(
    actor,
    'submitDemand',
    { demand, resident, channel, text: `Demand ${demand} of ${resident}` },
    at,
  )

const schedule = (r: StreetEngine, meeting = 'mt-1') =>
  r.must(CHAIR, 'scheduleMeeting', { meeting, scheduledFor: '2024-05-15T15:00:00+08:00' })

const open = (
  r: StreetEngine,
  present: ReadonlyArray<string> = SIX,
  meeting = 'mt-1',
  actor = CHAIR,
) => r.must(actor, 'openMeeting', { meeting, present })

/** J community with matter m-1 (demands d-1 of r-1 and d-2 of r-3) on the agenda of mt-1. */
const withAgenda = async (hallCharter = charter()) => {
  const r = await seedJCommunity(hallCharter)
  await submit(r, 'd-1', 'r-1')
  await submit(r, 'd-2', 'r-3')
  await r.must(CHAIR, 'aggregateDemands', {
    matter: 'm-1',
    title: 'Garbage sorting',
    demands: ['d-1', 'd-2'],
  })
  await schedule(r)
  await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-1' })
  return r
}

/** {@link withAgenda}, with mt-1 open and every representative present. */
const inSession = async (hallCharter = charter(), present: ReadonlyArray<string> = SIX) => {
  const r = await withAgenda(hallCharter)
  await open(r, present)
  return r
}

const move = (
  r: StreetEngine,
  motion = 'mo-1',
  mover = 'p-rc',
  extra: Record<string, unknown> = {},
  matter = 'm-1',
  meeting = 'mt-1',
) => r.must(mover, 'moveMotion', { meeting, motion, matter, text: `Words of ${motion}`, ...extra })

const second = (r: StreetEngine, motion = 'mo-1', by = 'p-ld') =>
  r.must(by, 'secondMotion', { motion })

/** {@link inSession}, with mo-1 on m-1 moved by p-rc and seconded by p-ld. */
const seconded = async (hallCharter = charter(), present: ReadonlyArray<string> = SIX) => {
  const r = await inSession(hallCharter, present)
  await move(r)
  await second(r)
  return r
}

/** The chair opens the vote, each voter votes, and the chair closes it. */
const vote = async (r: StreetEngine, motion: string, choices: Readonly<Record<string, string>>) => {
  await r.must(CHAIR, 'openVoting', { motion })
  for (const [person, choice] of Object.entries(choices))
    await r.must(person, 'castVote', { motion, choice })
  return r.must(CHAIR, 'closeVoting', { motion })
}

const ALL_YES = { 'p-chair': 'yes', 'p-rc': 'yes', 'r-1': 'yes' }

/** Yes, no and abstain votes spread over the six representatives. */
const votes = (yes: number, no: number, abstain: number): Record<string, string> => {
  const choices = [
    ...Array<string>(yes).fill('yes'),
    ...Array<string>(no).fill('no'),
    ...Array<string>(abstain).fill('abstain'),
  ]
  return Object.fromEntries(choices.map((choice, i) => [SIX[i] ?? '', choice]))
}

/** Requests the floor and has the chair give it. */
const speak = async (r: StreetEngine, speaker: string, motion = 'mo-1') => {
  await r.must(speaker, 'requestFloor', { motion })
  return r.must(CHAIR, 'grantFloor', { motion, speaker })
}

/** m-1 decided: mo-1, a pact, adopted by three votes to none. */
const decided = async () => {
  const r = await inSession()
  await move(r, 'mo-1', 'p-rc', { outcome: PACT })
  await second(r)
  await vote(r, 'mo-1', ALL_YES)
  return r
}

const byPerson = (person: string) => ({ kind: 'person', person })
const byOrganisation = (organisation: string) => ({ kind: 'organisation', organisation })

const assign = (
  r: StreetEngine,
  task: string,
  owner: object,
  due = '2024-06-30T18:00:00+08:00',
  matter = 'm-1',
) => r.must(CHAIR, 'assignTask', { task, matter, owner, description: `Task ${task}`, due })

/** {@link decided}, with t-1 for the property company and t-2 for the resident r-1. */
const withTasks = async () => {
  const r = await decided()
  await assign(r, 't-1', byOrganisation('o-property'))
  await assign(r, 't-2', byPerson('r-1'))
  return r
}

const finish = async (r: StreetEngine, task: string, owner: string) => {
  await r.must(owner, 'acceptTask', { task })
  return r.must(owner, 'finishTask', { task })
}

/** {@link withTasks}, both tasks done and supervision begun. */
const supervising = async () => {
  const r = await withTasks()
  await finish(r, 't-1', 'p-prop')
  await finish(r, 't-2', 'r-1')
  await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
  return r
}

/** {@link supervising}, with the residents' evaluation open. */
const evaluating = async () => {
  const r = await supervising()
  await r.must(CHAIR, 'openEvaluation', { matter: 'm-1' })
  return r
}

const evaluate = async (r: StreetEngine, scores: Readonly<Record<string, number>>) => {
  for (const [resident, score] of Object.entries(scores))
    await r.must(resident, 'evaluate', { matter: 'm-1', score })
}

/** {@link evaluating}, evaluated below the pass mark (4) and reopened. */
const reopened = async () => {
  const r = await evaluating()
  await evaluate(r, { 'r-2': 2, 'r-3': 3 })
  await r.must(CHAIR, 'closeEvaluation', { matter: 'm-1' })
  return r
}

/** Sends a hall command to another hall of the street than h-365. */
let otherHallCommands = 0
const sendToHall = (
  r: StreetEngine,
  hall: string,
  actor: string,
  type: string,
  payload: Record<string, unknown>,
) => {
  otherHallCommands += 1
  return r.engine.handle({
    type,
    commandId: `cmd-hall-${otherHallCommands}`,
    at: '2024-05-02T09:00:00+08:00',
    actor,
    street: STREET,
    hall,
    ...payload,
  })
}

// ---------------------------------------------------------------------------------------------
// The hall

describe('the hall 议事厅: three levels, a charter, six kinds of participant', () => {
  it('J community’s hall is open at the community with its charter, chair, six representatives of six kinds and a supervisor', async () => {
    const r = await seedJCommunity()
    const s = await r.hall()
    expect(s.hall).toMatchObject({
      id: HALL,
      street: STREET,
      place: { level: 'community', id: 'c-j' },
      charter: charter(),
      chair: CHAIR,
    })
    const kinds = SIX.map((p) => lookup(s.representatives, p as never)?.kind)
    expect(kinds).toEqual([
      'party-committee',
      'residents-committee',
      'resident',
      'social-organisation',
      'property-company',
      'other-social-force',
    ])
    expect(lookup(s.representatives, 'p-prop' as never)?.organisation).toBe('o-property')
    expect(lookup(s.supervisors, 'p-red' as never)).toMatchObject({
      person: 'p-red',
      body: 'Red Owners Committee',
    })
  })

  it.each([
    ['compound', 'k-j'],
    ['entrance', 'e-2'],
  ])('a registrar opens a hall at the %s level too', async (level, id) => {
    const r = await seedJCommunity()
    const handled = await sendToHall(r, 'h-small', CLERK, 'openHall', {
      name: 'Small hall',
      place: place(level, id),
      charter: charter({ threshold: 'two-thirds' }),
      chair: 'p-head-2',
    })
    expect(E.isRight(handled)).toBe(true)
    if (E.isRight(handled))
      expect(handled.right.events[0]?.event).toMatchObject({
        type: 'hallOpened',
        hall: 'h-small',
        place: { level, id },
        chair: 'p-head-2',
      })
  })

  it('only a registrar over its place opens a hall', async () => {
    const r = await seedJCommunity()
    const error = await refusedWithoutTrace(r, () =>
      sendToHall(r, 'h-small', CHAIR, 'openHall', {
        name: 'Small hall',
        place: place('compound', 'k-j'),
        charter: charter(),
        chair: CHAIR,
      }),
    )
    expect(error).toMatchObject(forbiddenTo(CHAIR, 'openHall', ['registrar@compound:k-j']))
  })

  it('a hall opens once, at a place that exists, with a chair who exists', async () => {
    const r = await seedJCommunity()
    const hall = {
      name: 'Hall',
      charter: charter(),
      chair: CHAIR,
      place: place('community', 'c-j'),
    }
    expect(await refusedWithoutTrace(r, () => r.send(CLERK, 'openHall', hall))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'hall',
      id: HALL,
    })
    expect(
      await refusedWithoutTrace(r, () =>
        sendToHall(r, 'h-x', CLERK, 'openHall', { ...hall, place: place('entrance', 'e-9') }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'entrance', id: 'e-9' })
    expect(
      await refusedWithoutTrace(r, () =>
        sendToHall(r, 'h-x', CLERK, 'openHall', { ...hall, chair: 'p-nobody' }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'person', id: 'p-nobody' })
  })

  it('a hall that is not open decides nothing', async () => {
    const r = await seedJCommunity()
    expect(
      await refusedWithoutTrace(r, () =>
        sendToHall(r, 'h-none', CHAIR, 'scheduleMeeting', {
          meeting: 'mt-1',
          scheduledFor: '2024-05-15T15:00:00+08:00',
        }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'hall', id: `h-none of ${STREET}` })
  })

  it('a hall answers only to its own street’s registry', async () => {
    const r = await seedJCommunity()
    const other = (type: string, payload: Record<string, unknown>, n: number) =>
      r.engine.handle({
        type,
        commandId: `cmd-other-street-${n}`,
        at: '2024-05-02T09:00:00+08:00',
        actor: CLERK,
        street: 'm-street',
        ...payload,
      })
    const opened = await other(
      'openRegistry',
      { name: 'M Street', registrar: CLERK, registrarName: 'Clerk', assignment: 'as-m-clerk' },
      1,
    )
    expect(E.isRight(opened)).toBe(true)
    expect(
      await refusedWithoutTrace(r, () =>
        other(
          'scheduleMeeting',
          { hall: HALL, meeting: 'mt-1', scheduledFor: '2024-05-15T15:00:00+08:00' },
          2,
        ),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'hall', id: `${HALL} of m-street` })
  })

  it('the chair appoints and removes representatives, and appoints supervisors', async () => {
    const r = await seedJCommunity()
    await r.must(CHAIR, 'appointRepresentative', {
      person: 'r-2',
      kind: 'resident',
      organisation: null,
    })
    await r.must(CHAIR, 'removeRepresentative', { person: 'p-police' })
    await r.must(CHAIR, 'appointSupervisor', { person: 'p-vol', body: 'Volunteer supervisors' })
    const s = await r.hall()
    expect(lookup(s.representatives, 'r-2' as never)).toMatchObject({
      kind: 'resident',
      organisation: null,
    })
    expect(lookup(s.representatives, 'p-police' as never)).toBeUndefined()
    expect(lookup(s.supervisors, 'p-vol' as never)?.body).toBe('Volunteer supervisors')
  })

  it('a resident representative lives at the hall’s place (not-a-resident)', async () => {
    const r = await seedJCommunity()
    await r.must(CLERK, 'registerPerson', {
      person: 'p-outsider',
      name: 'Lives Elsewhere',
      household: { status: 'registered' },
      home: null,
    })
    const error = await refusedWithoutTrace(r, () =>
      r.send(CHAIR, 'appointRepresentative', {
        person: 'p-outsider',
        kind: 'resident',
        organisation: null,
      }),
    )
    expect(error).toMatchObject(rule('not-a-resident'))
    await r.must(CHAIR, 'appointRepresentative', {
      person: 'p-outsider',
      kind: 'other-social-force',
      organisation: null,
    })
  })

  it('the roster names people who exist, once', async () => {
    const r = await seedJCommunity()
    const appoint = (person: string, organisation: string | null = null) =>
      r.send(CHAIR, 'appointRepresentative', {
        person,
        kind: 'other-social-force',
        organisation,
      })
    expect(await refusedWithoutTrace(r, () => appoint('p-police'))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'representative',
      id: 'p-police',
    })
    expect(await refusedWithoutTrace(r, () => appoint('p-nobody'))).toMatchObject({
      code: 'NotFound',
      entity: 'person',
      id: 'p-nobody',
    })
    expect(await refusedWithoutTrace(r, () => appoint('p-vol', 'o-nowhere'))).toMatchObject({
      code: 'NotFound',
      entity: 'organisation',
      id: 'o-nowhere',
    })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'removeRepresentative', { person: 'p-vol' }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'representative', id: 'p-vol' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'appointSupervisor', { person: 'p-red', body: 'Again' }),
      ),
    ).toMatchObject({ code: 'AlreadyExists', entity: 'supervisor', id: 'p-red' })
  })

  it('a schedule replaces the one of the same name, and keeps the others', async () => {
    const r = await seedJCommunity()
    await r.must(CHAIR, 'setSchedule', { schedule: sanWuWu() })
    await r.must(CHAIR, 'setSchedule', { schedule: sanSanSan() })
    await r.must(CHAIR, 'setSchedule', { schedule: sanWuWu('+09:00') })
    const schedules = (await r.hall()).schedules
    expect(schedules.map((s) => [s.name, s.zone])).toEqual([
      ['三三三 tea talk', '+08:00'],
      ['三五五 co-governance deliberation', '+09:00'],
    ])
  })
})

// ---------------------------------------------------------------------------------------------
// The balance rule

describe('a hall’s record runs forward (earlier-than-last-event)', () => {
  it('a command dated before the hall’s last event is refused and changes nothing', async () => {
    const r = await seedJCommunity()
    await r.must(
      'r-1',
      'submitDemand',
      {
        demand: 'd-late',
        resident: 'r-1',
        channel: 'online',
        text: 'Lights out on the stairs',
      },
      '2024-06-01T09:00:00+08:00',
    )
    const before = await r.hall()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(
          'r-2',
          'submitDemand',
          { demand: 'd-early', resident: 'r-2', channel: 'online', text: 'Back-dated' },
          '2024-05-31T09:00:00+08:00',
        ),
      ),
    ).toMatchObject(rule('earlier-than-last-event'))
    expect(await r.hall()).toEqual(before)
    // The same instant as the last event is not earlier.
    await r.must(
      'r-2',
      'submitDemand',
      {
        demand: 'd-same',
        resident: 'r-2',
        channel: 'online',
        text: 'Same minute',
      },
      '2024-06-01T09:00:00+08:00',
    )
  })
})

describe('the balance rule (hall-balance): migrant and local representatives within the tolerance', () => {
  /** Six local representatives, tolerance 6; two migrants join, then the tolerance becomes 4. */
  const balancedHall = async () => {
    const r = await seedJCommunity(charter({ balance: { tolerance: 6 } }))
    for (const person of ['r-2', 'r-4'])
      await r.must(CHAIR, 'appointRepresentative', { person, kind: 'resident', organisation: null })
    await r.must(CHAIR, 'amendCharter', { charter: charter({ balance: { tolerance: 4 } }) })
    return r
  }

  it('an appointment that would leave them further apart is refused', async () => {
    const r = await balancedHall()
    const error = await refusedWithoutTrace(r, () =>
      r.send(CHAIR, 'appointRepresentative', {
        person: 'p-vol',
        kind: 'other-social-force',
        organisation: null,
      }),
    )
    expect(error).toMatchObject(rule('hall-balance'))
    expect(lookup((await r.hall()).representatives, 'p-vol' as never)).toBeUndefined()
  })

  it('appointed together, a local and a migrant keep the balance one alone would break', async () => {
    const r = await balancedHall()
    const handled = await r.must(CHAIR, 'appointRepresentatives', {
      representatives: [
        { person: 'p-vol', kind: 'other-social-force', organisation: null },
        { person: 'r-6', kind: 'resident', organisation: null },
      ],
    })
    expect(typesOf(handled)).toEqual(['representativeAppointed', 'representativeAppointed'])
    const s = await r.hall()
    expect(lookup(s.representatives, 'p-vol' as never)).toBeDefined()
    expect(lookup(s.representatives, 'r-6' as never)).toBeDefined()
  })

  it('appointments made together stand or fall together', async () => {
    const r = await balancedHall()
    const together = (representatives: ReadonlyArray<object>) => () =>
      r.send(CHAIR, 'appointRepresentatives', { representatives })
    expect(
      await refusedWithoutTrace(
        r,
        together([
          { person: 'r-6', kind: 'resident', organisation: null },
          { person: 'p-vol', kind: 'other-social-force', organisation: null },
          { person: 'p-head-1', kind: 'other-social-force', organisation: null },
        ]),
      ),
    ).toMatchObject(rule('hall-balance'))
    expect(
      await refusedWithoutTrace(
        r,
        together([
          { person: 'r-6', kind: 'resident', organisation: null },
          { person: 'p-ld', kind: 'social-organisation', organisation: 'o-ld' },
        ]),
      ),
    ).toMatchObject({ code: 'AlreadyExists', entity: 'representative', id: 'p-ld' })
    expect(
      await refusedWithoutTrace(
        r,
        together([
          { person: 'r-6', kind: 'resident', organisation: null },
          { person: 'r-6', kind: 'resident', organisation: null },
        ]),
      ),
    ).toMatchObject(rule('appointed-twice'))
    expect(lookup((await r.hall()).representatives, 'r-6' as never)).toBeUndefined()
  })

  it('an appointment that brings them closer is made', async () => {
    const r = await balancedHall()
    await r.must(CHAIR, 'appointRepresentative', {
      person: 'r-6',
      kind: 'resident',
      organisation: null,
    })
    expect(lookup((await r.hall()).representatives, 'r-6' as never)).toBeDefined()
  })

  it('a removal that would leave them further apart is refused; one that keeps them within is made', async () => {
    const r = await balancedHall()
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'removeRepresentative', { person: 'r-2' })),
    ).toMatchObject(rule('hall-balance'))
    await r.must(CHAIR, 'removeRepresentative', { person: 'p-police' })
    expect(lookup((await r.hall()).representatives, 'r-2' as never)).toBeDefined()
  })

  it('a charter amendment that the roster would break is refused', async () => {
    const r = await balancedHall()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'amendCharter', { charter: charter({ balance: { tolerance: 3 } }) }),
      ),
    ).toMatchObject(rule('hall-balance'))
    expect((await r.hall()).hall?.charter.balance).toEqual({ tolerance: 4 })
  })

  it('turning the rule on is measured against the roster as it is', async () => {
    const r = await seedJCommunity()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'amendCharter', { charter: charter({ balance: { tolerance: 5 } }) }),
      ),
    ).toMatchObject(rule('hall-balance'))
    await r.must(CHAIR, 'amendCharter', { charter: charter({ balance: { tolerance: 6 } }) })
    expect((await r.hall()).hall?.charter.balance).toEqual({ tolerance: 6 })
  })

  it('without a balance rule any roster stands', async () => {
    const r = await seedJCommunity()
    await r.must(CHAIR, 'appointRepresentative', {
      person: 'p-vol',
      kind: 'other-social-force',
      organisation: null,
    })
    expect(lookup((await r.hall()).representatives, 'p-vol' as never)).toBeDefined()
  })
})

describe('the seats rule (seats-full): no more representatives than the charter’s seats', () => {
  const appointOne = (r: StreetEngine, person: string) =>
    r.send(CHAIR, 'appointRepresentative', { person, kind: 'resident', organisation: null })

  it('a hall of six seats holding six representatives takes no seventh', async () => {
    const r = await seedJCommunity(charter({ seats: 6 }))
    expect((await r.hall()).hall?.charter.seats).toBe(6)
    expect(await refusedWithoutTrace(r, () => appointOne(r, 'r-3'))).toMatchObject(
      rule('seats-full'),
    )
    expect(lookup((await r.hall()).representatives, 'r-3' as never)).toBeUndefined()
  })

  it('a removal frees a seat for the next appointment', async () => {
    const r = await seedJCommunity(charter({ seats: 6 }))
    await r.must(CHAIR, 'removeRepresentative', { person: 'p-police' })
    await r.must(CHAIR, 'appointRepresentative', {
      person: 'r-3',
      kind: 'resident',
      organisation: null,
    })
    expect(valuesOf((await r.hall()).representatives)).toHaveLength(6)
  })

  it('appointments made together fill the seats left, and no more', async () => {
    const r = await seedJCommunity(charter({ seats: 8 }))
    const together = (people: ReadonlyArray<string>) => () =>
      r.send(CHAIR, 'appointRepresentatives', {
        representatives: people.map((person) => ({ person, kind: 'resident', organisation: null })),
      })
    expect(await refusedWithoutTrace(r, together(['r-3', 'r-5', 'r-2']))).toMatchObject(
      rule('seats-full'),
    )
    const handled = await r.must(CHAIR, 'appointRepresentatives', {
      representatives: ['r-3', 'r-5'].map((person) => ({
        person,
        kind: 'resident',
        organisation: null,
      })),
    })
    expect(typesOf(handled)).toEqual(['representativeAppointed', 'representativeAppointed'])
    expect(await refusedWithoutTrace(r, () => appointOne(r, 'r-2'))).toMatchObject(
      rule('seats-full'),
    )
  })

  it('a charter amendment cannot cut the seats below the roster; down to it, it can', async () => {
    const r = await seedJCommunity(charter({ seats: 10 }))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'amendCharter', { charter: charter({ seats: 5 }) }),
      ),
    ).toMatchObject(rule('seats-full'))
    expect((await r.hall()).hall?.charter.seats).toBe(10)
    await r.must(CHAIR, 'amendCharter', { charter: charter({ seats: 6 }) })
    expect((await r.hall()).hall?.charter.seats).toBe(6)
    expect(await refusedWithoutTrace(r, () => appointOne(r, 'r-3'))).toMatchObject(
      rule('seats-full'),
    )
  })

  it('a charter without seats caps nothing', async () => {
    const r = await seedJCommunity()
    expect((await r.hall()).hall?.charter.seats).toBeUndefined()
    for (const person of ['r-2', 'r-3', 'r-4', 'r-5', 'r-6'])
      await r.must(CHAIR, 'appointRepresentative', { person, kind: 'resident', organisation: null })
    expect(valuesOf((await r.hall()).representatives)).toHaveLength(11)
    // and amending the seats away lifts the cap
    const seated = await seedJCommunity(charter({ seats: 6 }))
    await seated.must(CHAIR, 'amendCharter', { charter: charter() })
    expect((await seated.hall()).hall?.charter.seats).toBeUndefined()
    await seated.must(CHAIR, 'appointRepresentative', {
      person: 'r-3',
      kind: 'resident',
      organisation: null,
    })
    expect(valuesOf((await seated.hall()).representatives)).toHaveLength(7)
  })

  it('seats are a whole number from 1 (DecodeError at $.charter.seats)', async () => {
    const r = await seedJCommunity()
    for (const seats of [0, 2.5, '6']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'amendCharter', { charter: charter({ seats }) }),
      )
      expect(error.code).toBe('DecodeError')
      if (error.code === 'DecodeError')
        expect(error.issues.map((i) => i.path)).toEqual(['$.charter.seats'])
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Stage 1: demand feedback

describe('stage 1, demand feedback 集: demands through channels, aggregated into matters', () => {
  it('a resident submits their own demand, which waits for a matter', async () => {
    const r = await seedJCommunity()
    await submit(r, 'd-1', 'r-2', 'r-2', 'online', '2024-05-03T10:00:00+08:00')
    expect(await demandOf(r, 'd-1')).toEqual({
      id: 'd-1',
      resident: 'r-2',
      channel: 'online',
      text: 'Demand d-1 of r-2',
      submittedBy: 'r-2',
      submittedAt: '2024-05-03T10:00:00+08:00',
      matter: null,
    })
  })

  it('a building head relays the demand of a resident of their building', async () => {
    const r = await seedJCommunity()
    await submit(r, 'd-1', 'r-2', 'p-head-1', 'building-head')
    expect(await demandOf(r, 'd-1')).toMatchObject({
      resident: 'r-2',
      submittedBy: 'p-head-1',
      channel: 'building-head',
    })
  })

  it('the duty rota (the chair and the representatives) takes hotline calls and visits', async () => {
    const r = await seedJCommunity()
    await submit(r, 'd-1', 'r-3', 'p-ld', 'hotline')
    await submit(r, 'd-2', 'r-4', CHAIR, 'visit')
    expect((await demandOf(r, 'd-1'))?.submittedBy).toBe('p-ld')
    expect((await demandOf(r, 'd-2'))?.submittedBy).toBe(CHAIR)
  })

  it.each([
    ['the head of another building', 'p-head-2', 'building-head'],
    ['a building head on the hotline', 'p-head-1', 'hotline'],
    ['a building head online', 'p-head-1', 'online'],
    ['a representative online', 'p-ld', 'online'],
    ['a representative as a building head', 'p-ld', 'building-head'],
    ['another resident on a visit', 'r-3', 'visit'],
    ['another resident online', 'r-3', 'online'],
  ])('%s does not submit a demand for r-2', async (_who, actor, channel) => {
    const r = await seedJCommunity()
    const error = await refusedWithoutTrace(r, () =>
      r.send(actor, 'submitDemand', { demand: 'd-1', resident: 'r-2', channel, text: 'Lights' }),
    )
    expect(error).toMatchObject(
      forbiddenTo(actor, 'submitDemand', [
        'the resident r-2',
        'building-head over their home (channel building-head)',
        `hall-chair or representative of ${HALL} (channel hotline or visit)`,
      ]),
    )
  })

  it('a demand comes from someone who lives at the hall’s place (not-a-resident)', async () => {
    const r = await seedJCommunity()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-prop', 'submitDemand', {
          demand: 'd-1',
          resident: 'p-prop',
          channel: 'online',
          text: 'Parking',
        }),
      ),
    ).toMatchObject(rule('not-a-resident'))
  })

  it('a demand names a person who exists, under an id not used before', async () => {
    const r = await seedJCommunity()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'submitDemand', {
          demand: 'd-1',
          resident: 'p-nobody',
          channel: 'visit',
          text: 'Parking',
        }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'person', id: 'p-nobody' })
    await submit(r, 'd-1', 'r-1')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('r-3', 'submitDemand', {
          demand: 'd-1',
          resident: 'r-3',
          channel: 'online',
          text: 'Other',
        }),
      ),
    ).toMatchObject({ code: 'AlreadyExists', entity: 'demand', id: 'd-1' })
  })

  it.each([
    ['the chair', CHAIR],
    ['a building head of the place', 'p-head-2'],
    ['a party-group leader of the place', 'p-group'],
  ])(
    '%s aggregates demands into a matter, and the demands keep their link',
    async (_who, actor) => {
      const r = await seedJCommunity()
      await submit(r, 'd-1', 'r-1')
      await submit(r, 'd-2', 'r-4')
      const handled = await r.must(actor, 'aggregateDemands', {
        matter: 'm-1',
        title: 'Garbage sorting',
        demands: ['d-1', 'd-2'],
      })
      expect(typesOf(handled)).toEqual(['demandsAggregated'])
      expect(await matterOf(r, 'm-1')).toMatchObject({
        title: 'Garbage sorting',
        status: 'collected',
        demands: ['d-1', 'd-2'],
        resolution: null,
        tasks: [],
        reopened: 0,
        steps: [{ to: 'collected', on: 'demandsAggregated', actor }],
      })
      expect((await demandOf(r, 'd-1'))?.matter).toBe('m-1')
      expect((await demandOf(r, 'd-2'))?.matter).toBe('m-1')
    },
  )

  it.each([
    ['the residents’ committee', 'p-rc'],
    ['a resident', 'r-1'],
    ['a supervisor', 'p-red'],
  ])('%s does not aggregate demands', async (_who, actor) => {
    const r = await seedJCommunity()
    await submit(r, 'd-1', 'r-1')
    const error = await refusedWithoutTrace(r, () =>
      r.send(actor, 'aggregateDemands', { matter: 'm-1', title: 'Lights', demands: ['d-1'] }),
    )
    expect(error).toMatchObject(
      forbiddenTo(actor, 'aggregateDemands', [
        `hall-chair of ${HALL}`,
        'building-head or group-leader within community:c-j',
      ]),
    )
  })

  it('a matter is aggregated from at least one demand (no-demands)', async () => {
    const r = await seedJCommunity()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Nothing', demands: [] }),
      ),
    ).toMatchObject(rule('no-demands'))
  })

  it('a demand joins one matter only (demand-aggregated)', async () => {
    const r = await seedJCommunity()
    await submit(r, 'd-1', 'r-1')
    await submit(r, 'd-2', 'r-3')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'aggregateDemands', {
          matter: 'm-1',
          title: 'Twice',
          demands: ['d-2', 'd-2'],
        }),
      ),
    ).toMatchObject(rule('demand-aggregated'))
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Lights', demands: ['d-1'] })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'aggregateDemands', {
          matter: 'm-2',
          title: 'Again',
          demands: ['d-2', 'd-1'],
        }),
      ),
    ).toMatchObject(rule('demand-aggregated'))
    expect((await demandOf(r, 'd-2'))?.matter).toBeNull()
  })

  it('a matter names demands that exist, under an id not used before', async () => {
    const r = await seedJCommunity()
    await submit(r, 'd-1', 'r-1')
    await submit(r, 'd-2', 'r-3')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Lights', demands: ['d-9'] }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'demand', id: 'd-9' })
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Lights', demands: ['d-1'] })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Noise', demands: ['d-2'] }),
      ),
    ).toMatchObject({ code: 'AlreadyExists', entity: 'matter', id: 'm-1' })
  })

  it('the chair puts a matter on the agenda of a scheduled meeting', async () => {
    const r = await withAgenda()
    expect(await statusOf(r, 'm-1')).toBe('on-agenda')
    expect(await meetingOf(r, 'mt-1')).toMatchObject({
      status: 'scheduled',
      agenda: ['m-1'],
      scheduledFor: '2024-05-15T15:00:00+08:00',
      charter: null,
    })
  })

  it('a matter is on one meeting’s agenda while that meeting is to come (previous-meeting-over)', async () => {
    const r = await withAgenda()
    await schedule(r, 'mt-2')
    for (const meeting of ['mt-1', 'mt-2'])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting }),
        ),
      ).toMatchObject(rule('previous-meeting-over'))
    expect((await matterOf(r, 'm-1'))?.meeting).toBe('mt-1')
  })

  it(`an agenda holds at most ${MAX_AGENDA} matters (agenda-full)`, async () => {
    const r = await seedJCommunity()
    await schedule(r)
    for (let i = 0; i <= MAX_AGENDA; i++) {
      await submit(r, `d-${i}`, 'r-1')
      await r.must(CHAIR, 'aggregateDemands', {
        matter: `m-${i}`,
        title: `Matter ${i}`,
        demands: [`d-${i}`],
      })
      if (i < MAX_AGENDA) await r.must(CHAIR, 'putOnAgenda', { matter: `m-${i}`, meeting: 'mt-1' })
    }
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'putOnAgenda', { matter: `m-${MAX_AGENDA}`, meeting: 'mt-1' }),
      ),
    ).toMatchObject(rule('agenda-full'))
    expect((await meetingOf(r, 'mt-1'))?.agenda).toHaveLength(MAX_AGENDA)
  })

  it('a matter goes on the agenda of a meeting that is scheduled, not open (meeting-not-scheduled)', async () => {
    const r = await inSession()
    await submit(r, 'd-3', 'r-5')
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-2', title: 'Noise', demands: ['d-3'] })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'putOnAgenda', { matter: 'm-2', meeting: 'mt-1' }),
      ),
    ).toMatchObject(rule('meeting-not-scheduled'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'putOnAgenda', { matter: 'm-2', meeting: 'mt-9' }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'meeting', id: 'mt-9' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'putOnAgenda', { matter: 'm-9', meeting: 'mt-1' }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'matter', id: 'm-9' })
  })
})

// ---------------------------------------------------------------------------------------------
// Stage 2: meetings

describe('stage 2, meetings: scheduled → open (only with quorum) → adjourned', () => {
  it('a meeting without quorum cannot open', async () => {
    const r = await withAgenda()
    const error = await refusedWithoutTrace(r, () =>
      r.send(CHAIR, 'openMeeting', { meeting: 'mt-1', present: ['p-chair', 'p-rc'] }),
    )
    expect(error).toMatchObject(rule('quorum'))
    expect((await meetingOf(r, 'mt-1'))?.status).toBe('scheduled')
    expect(await statusOf(r, 'm-1')).toBe('on-agenda')
  })

  it('only representatives make the quorum, each once', async () => {
    const r = await withAgenda()
    for (const present of [
      ['p-chair', 'p-rc', 'r-2', 'r-3', 'p-vol', 'p-red'],
      ['p-chair', 'p-rc', 'p-chair', 'p-rc'],
    ])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(CHAIR, 'openMeeting', { meeting: 'mt-1', present }),
        ),
      ).toMatchObject(rule('quorum'))
  })

  it('with the quorum (half of six) it opens: the agenda moves to deliberation and the charter freezes', async () => {
    const r = await withAgenda()
    const handled = await open(r, ['p-chair', 'r-2', 'p-rc', 'r-1', 'r-1'])
    expect(typesOf(handled)).toEqual(['meetingOpened'])
    expect(await meetingOf(r, 'mt-1')).toMatchObject({
      status: 'open',
      present: ['p-chair', 'r-2', 'p-rc', 'r-1'],
      eligible: ['p-chair', 'p-rc', 'r-1'],
      charter: charter(),
      adjournedAt: null,
    })
    expect((await meetingOf(r, 'mt-1'))?.openedAt).not.toBeNull()
    expect(await statusOf(r, 'm-1')).toBe('deliberating')
  })

  it('a two-thirds quorum needs four of six', async () => {
    const r = await withAgenda(charter({ quorum: { numerator: 2, denominator: 3 } }))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'openMeeting', { meeting: 'mt-1', present: ['p-chair', 'p-rc', 'r-1'] }),
      ),
    ).toMatchObject(rule('quorum'))
    await open(r, ['p-chair', 'p-rc', 'r-1', 'p-ld'])
    expect((await meetingOf(r, 'mt-1'))?.status).toBe('open')
  })

  it('an open meeting does not open again, nor is it cancelled; a cancelled one does not open', async () => {
    const r = await inSession()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'openMeeting', { meeting: 'mt-1', present: SIX }),
      ),
    ).toMatchObject(illegal('meeting', 'open', 'openMeeting'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'cancelMeeting', { meeting: 'mt-1', reason: 'Rain' }),
      ),
    ).toMatchObject(illegal('meeting', 'open', 'cancelMeeting'))
    await schedule(r, 'mt-2')
    await r.must(CHAIR, 'cancelMeeting', { meeting: 'mt-2', reason: 'Rain' })
    expect((await meetingOf(r, 'mt-2'))?.status).toBe('cancelled')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'openMeeting', { meeting: 'mt-2', present: SIX }),
      ),
    ).toMatchObject(illegal('meeting', 'cancelled', 'openMeeting'))
  })

  it('a meeting id is scheduled once; an unknown meeting is not found', async () => {
    const r = await withAgenda()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'scheduleMeeting', {
          meeting: 'mt-1',
          scheduledFor: '2024-05-22T15:00:00+08:00',
        }),
      ),
    ).toMatchObject({ code: 'AlreadyExists', entity: 'meeting', id: 'mt-1' })
    for (const type of ['openMeeting', 'adjournMeeting'])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(CHAIR, type, {
            meeting: 'mt-9',
            ...(type === 'openMeeting' ? { present: SIX } : {}),
          }),
        ),
      ).toMatchObject({ code: 'NotFound', entity: 'meeting', id: 'mt-9' })
  })

  it('adjourning returns the matters it did not decide to the agenda; decided ones stay decided', async () => {
    const r = await seedJCommunity()
    await submit(r, 'd-1', 'r-1')
    await submit(r, 'd-2', 'r-3')
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Garbage', demands: ['d-1'] })
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-2', title: 'Parking', demands: ['d-2'] })
    await schedule(r)
    await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-1' })
    await r.must(CHAIR, 'putOnAgenda', { matter: 'm-2', meeting: 'mt-1' })
    await open(r)
    await move(r)
    await second(r)
    await vote(r, 'mo-1', ALL_YES)
    const handled = await r.must(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    expect(handled.events[0]?.event).toMatchObject({
      type: 'meetingAdjourned',
      matters: [{ matter: 'm-2', status: 'on-agenda' }],
    })
    expect(await statusOf(r, 'm-1')).toBe('decided')
    expect(await matterOf(r, 'm-2')).toMatchObject({ status: 'on-agenda' })
    expect((await matterOf(r, 'm-2'))?.steps.map((s) => [s.on, s.to])).toEqual([
      ['demandsAggregated', 'collected'],
      ['matterPutOnAgenda', 'on-agenda'],
      ['meetingOpened', 'deliberating'],
      ['meetingAdjourned', 'on-agenda'],
    ])
    expect(await meetingOf(r, 'mt-1')).toMatchObject({ status: 'adjourned' })
    expect((await meetingOf(r, 'mt-1'))?.adjournedAt).not.toBeNull()
  })

  it('a meeting is not adjourned while a vote is open (vote-in-progress)', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })),
    ).toMatchObject(rule('vote-in-progress'))
  })

  it('an adjourned meeting takes no more motions (meeting-not-open) and does not adjourn again', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('r-1', 'moveMotion', {
          meeting: 'mt-1',
          motion: 'mo-2',
          matter: 'm-1',
          text: 'Late',
        }),
      ),
    ).toMatchObject(rule('meeting-not-open'))
    for (const [actor, type] of [
      ['p-police', 'requestFloor'],
      [CHAIR, 'openVoting'],
    ] as const)
      expect(
        await refusedWithoutTrace(r, () => r.send(actor, type, { motion: 'mo-1' })),
      ).toMatchObject(rule('meeting-not-open'))
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })),
    ).toMatchObject(illegal('meeting', 'adjourned', 'adjournMeeting'))
  })

  it('a matter returned to the agenda goes on the next meeting’s agenda, and is deliberated there', async () => {
    const r = await inSession()
    await r.must(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    await schedule(r, 'mt-2')
    await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    expect(await matterOf(r, 'm-1')).toMatchObject({ status: 'on-agenda', meeting: 'mt-2' })
    await open(r, SIX, 'mt-2')
    expect(await statusOf(r, 'm-1')).toBe('deliberating')
    await move(r, 'mo-1', 'p-rc', {}, 'm-1', 'mt-2')
    expect((await motionOf(r, 'mo-1'))?.meeting).toBe('mt-2')
  })

  it('a matter on a cancelled meeting’s agenda goes on another meeting’s agenda', async () => {
    const r = await withAgenda()
    await r.must(CHAIR, 'cancelMeeting', { meeting: 'mt-1', reason: 'The hall is flooded' })
    await schedule(r, 'mt-2')
    await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    expect((await meetingOf(r, 'mt-2'))?.agenda).toEqual(['m-1'])
    expect((await matterOf(r, 'm-1'))?.meeting).toBe('mt-2')
  })

  it('a meeting deliberates only the matters still on its agenda', async () => {
    const r = await withAgenda()
    await schedule(r, 'mt-2')
    await r.must(CHAIR, 'cancelMeeting', { meeting: 'mt-1', reason: 'Moved' })
    await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    await schedule(r, 'mt-3')
    const opened = await open(r, SIX, 'mt-3')
    expect(opened.events[0]?.event).toMatchObject({ type: 'meetingOpened', matters: [] })
    expect(await statusOf(r, 'm-1')).toBe('on-agenda')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-rc', 'moveMotion', { meeting: 'mt-3', motion: 'mo-1', matter: 'm-1', text: 'x' }),
      ),
    ).toMatchObject(rule('not-on-agenda'))
  })

  it('everyone present is a person the registry knows', async () => {
    const r = await withAgenda()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'openMeeting', { meeting: 'mt-1', present: [...SIX, 'p-ghost'] }),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'person', id: 'p-ghost' })
  })
})

// ---------------------------------------------------------------------------------------------
// Stage 2: motions under rules of order

describe('stage 2, motions 动议: moved → seconded → debated → voted', () => {
  it('a representative present moves a main motion about a matter on the agenda', async () => {
    const r = await inSession()
    await move(r)
    expect(await motionOf(r, 'mo-1')).toMatchObject({
      meeting: 'mt-1',
      matter: 'm-1',
      mover: 'p-rc',
      text: 'Words of mo-1',
      original: 'Words of mo-1',
      amends: null,
      outcome: { kind: 'resolution', duties: [] },
      status: 'moved',
      seconder: null,
      requests: [],
      turns: [],
      votes: [],
      tally: null,
      closedAt: null,
    })
    expect((await meetingOf(r, 'mt-1'))?.motions).toEqual(['mo-1'])
  })

  it('a motion is about a matter on the meeting’s agenda (not-on-agenda)', async () => {
    const r = await inSession()
    await submit(r, 'd-3', 'r-5')
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-2', title: 'Noise', demands: ['d-3'] })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-rc', 'moveMotion', {
          meeting: 'mt-1',
          motion: 'mo-1',
          matter: 'm-2',
          text: 'Quiet hours',
        }),
      ),
    ).toMatchObject(rule('not-on-agenda'))
  })

  it('a motion id is used once', async () => {
    const r = await inSession()
    await move(r)
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('r-1', 'moveMotion', { meeting: 'mt-1', motion: 'mo-1', matter: 'm-1', text: 'B' }),
      ),
    ).toMatchObject({ code: 'AlreadyExists', entity: 'motion', id: 'mo-1' })
  })

  it('a motion without a second cannot be debated, nor put to the vote', async () => {
    const r = await inSession()
    await move(r)
    expect(
      await refusedWithoutTrace(r, () => r.send('p-ld', 'requestFloor', { motion: 'mo-1' })),
    ).toMatchObject(illegal('motion', 'moved', 'requestFloor'))
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'openVoting', { motion: 'mo-1' })),
    ).toMatchObject(illegal('motion', 'moved', 'openVoting'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' }),
      ),
    ).toMatchObject(rule('floor-requested'))
  })

  it('the mover does not second their own motion (second-by-another)', async () => {
    const r = await inSession()
    await move(r)
    expect(
      await refusedWithoutTrace(r, () => r.send('p-rc', 'secondMotion', { motion: 'mo-1' })),
    ).toMatchObject(rule('second-by-another'))
  })

  it('a second opens the motion to debate; a seconded motion is not seconded again', async () => {
    const r = await seconded()
    expect(await motionOf(r, 'mo-1')).toMatchObject({ status: 'seconded', seconder: 'p-ld' })
    expect(
      await refusedWithoutTrace(r, () => r.send('r-1', 'secondMotion', { motion: 'mo-1' })),
    ).toMatchObject(illegal('motion', 'seconded', 'secondMotion'))
    await speak(r, 'r-1')
    expect((await motionOf(r, 'mo-1'))?.status).toBe('debating')
  })

  it('a main motion is not moved on a matter already decided (matter-not-deliberating)', async () => {
    const r = await decided()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('r-1', 'moveMotion', { meeting: 'mt-1', motion: 'mo-2', matter: 'm-1', text: 'B' }),
      ),
    ).toMatchObject(rule('matter-not-deliberating'))
  })

  it('the mover withdraws their motion before the vote, and nobody else does', async () => {
    const r = await seconded()
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'withdrawMotion', { motion: 'mo-1' })),
    ).toMatchObject(forbiddenTo(CHAIR, 'withdrawMotion', ['mover of mo-1']))
    await r.must('p-rc', 'withdrawMotion', { motion: 'mo-1' })
    expect((await motionOf(r, 'mo-1'))?.status).toBe('withdrawn')
    expect(await statusOf(r, 'm-1')).toBe('deliberating')
  })

  it('a motion under vote is not withdrawn', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-rc', 'withdrawMotion', { motion: 'mo-1' })),
    ).toMatchObject(illegal('motion', 'voting', 'withdrawMotion'))
  })

  it('the chair postpones or refers a seconded motion', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'postponeMotion', { motion: 'mo-1' })
    await move(r, 'mo-2', 'r-1')
    await second(r, 'mo-2', 'p-chair')
    const handled = await r.must(CHAIR, 'referMotion', { motion: 'mo-2', to: 'Property committee' })
    expect(handled.events[0]?.event).toMatchObject({
      type: 'motionReferred',
      motion: 'mo-2',
      status: 'referred',
      to: 'Property committee',
    })
    expect((await motionOf(r, 'mo-1'))?.status).toBe('postponed')
    expect((await motionOf(r, 'mo-2'))?.status).toBe('referred')
  })

  it('a motion not yet seconded is not postponed or referred', async () => {
    const r = await inSession()
    await move(r)
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'postponeMotion', { motion: 'mo-1' })),
    ).toMatchObject(illegal('motion', 'moved', 'postponeMotion'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'referMotion', { motion: 'mo-1', to: 'Committee' }),
      ),
    ).toMatchObject(illegal('motion', 'moved', 'referMotion'))
  })

  it('an unknown motion is not found', async () => {
    const r = await inSession()
    expect(
      await refusedWithoutTrace(r, () => r.send('p-ld', 'secondMotion', { motion: 'mo-9' })),
    ).toMatchObject({ code: 'NotFound', entity: 'motion', id: 'mo-9' })
  })
})

describe('stage 2, amendments: a pending main motion is amended before its vote', () => {
  /** mo-1 (a pact) seconded; mo-2 amends it, moved by r-1 and seconded by p-chair. */
  const amended = async () => {
    const r = await inSession()
    await move(r, 'mo-1', 'p-rc', { outcome: PACT })
    await second(r)
    await r.must('r-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-2',
      matter: 'm-1',
      text: 'Six sorting stations',
      amends: 'mo-1',
    })
    await second(r, 'mo-2', 'p-chair')
    return r
  }

  it('an amendment keeps the duties of the motion it amends', async () => {
    const r = await amended()
    expect(await motionOf(r, 'mo-2')).toMatchObject({ amends: 'mo-1', outcome: PACT })
  })

  it('a motion with an amendment pending is not put to the vote (no-pending-amendment)', async () => {
    const r = await amended()
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'openVoting', { motion: 'mo-1' })),
    ).toMatchObject(rule('no-pending-amendment'))
  })

  it('an adopted amendment changes the motion’s words, and the matter is decided on those words', async () => {
    const r = await amended()
    const closed = await vote(r, 'mo-2', ALL_YES)
    expect(closed.events[0]?.event).toMatchObject({
      type: 'votingClosed',
      status: 'adopted',
      decided: null,
    })
    expect(await statusOf(r, 'm-1')).toBe('deliberating')
    expect(await motionOf(r, 'mo-1')).toMatchObject({
      text: 'Six sorting stations',
      original: 'Words of mo-1',
    })
    await vote(r, 'mo-1', ALL_YES)
    expect((await matterOf(r, 'm-1'))?.resolution).toMatchObject({
      motion: 'mo-1',
      text: 'Six sorting stations',
      outcome: PACT,
    })
  })

  it('a rejected amendment leaves the words as they were', async () => {
    const r = await amended()
    await vote(r, 'mo-2', { 'p-chair': 'yes', 'p-rc': 'no', 'r-1': 'no' })
    expect((await motionOf(r, 'mo-2'))?.status).toBe('rejected')
    expect((await motionOf(r, 'mo-1'))?.text).toBe('Words of mo-1')
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    expect((await motionOf(r, 'mo-1'))?.status).toBe('voting')
  })

  it.each([
    ['an amendment', 'mo-2', 'm-1'],
    ['a main motion with an amendment pending', 'mo-1', 'm-1'],
    ['a motion that does not exist', 'mo-9', 'm-1'],
  ])('an amendment of %s is refused (amendment-target)', async (_what, target, matter) => {
    const r = await amended()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-ld', 'moveMotion', {
          meeting: 'mt-1',
          motion: 'mo-3',
          matter,
          text: 'Eight stations',
          amends: target,
        }),
      ),
    ).toMatchObject(rule('amendment-target'))
  })

  it('an amendment changes words, not duties (amendment-target)', async () => {
    const r = await seconded()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('r-1', 'moveMotion', {
          meeting: 'mt-1',
          motion: 'mo-2',
          matter: 'm-1',
          text: 'Other words',
          amends: 'mo-1',
          outcome: PACT,
        }),
      ),
    ).toMatchObject(rule('amendment-target'))
  })

  it('an amendment of a motion withdrawn meanwhile is not put to the vote (amendment-target)', async () => {
    const r = await amended()
    await r.must('p-rc', 'withdrawMotion', { motion: 'mo-1' })
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'openVoting', { motion: 'mo-2' })),
    ).toMatchObject(rule('amendment-target'))
  })

  it('a motion under vote, or decided, is not amended (amendment-target)', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    const amend = () =>
      r.send('r-1', 'moveMotion', {
        meeting: 'mt-1',
        motion: 'mo-2',
        matter: 'm-1',
        text: 'Other words',
        amends: 'mo-1',
      })
    expect(await refusedWithoutTrace(r, amend)).toMatchObject(rule('amendment-target'))
    await r.must(CHAIR, 'closeVoting', { motion: 'mo-1' })
    expect((await motionOf(r, 'mo-1'))?.status).toBe('rejected')
    expect(await refusedWithoutTrace(r, amend)).toMatchObject(rule('amendment-target'))
  })
})

// ---------------------------------------------------------------------------------------------
// Equal turns

describe('equal turns: against one-voice rule 一言堂', () => {
  it('the floor goes to one who asked; asking twice while waiting is refused (floor-requested)', async () => {
    const r = await seconded()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' }),
      ),
    ).toMatchObject(rule('floor-requested'))
    await r.must('r-1', 'requestFloor', { motion: 'mo-1' })
    expect(
      await refusedWithoutTrace(r, () => r.send('r-1', 'requestFloor', { motion: 'mo-1' })),
    ).toMatchObject(rule('floor-requested'))
  })

  it('a turn is recorded with the charter’s minutes and who was waiting', async () => {
    const r = await seconded()
    for (const p of ['r-1', 'p-ld', 'p-prop']) await r.must(p, 'requestFloor', { motion: 'mo-1' })
    await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    const motion = await motionOf(r, 'mo-1')
    expect(motion?.requests).toEqual(['r-1', 'p-prop'])
    expect(motion?.turns).toMatchObject([
      { speaker: 'p-ld', minutes: 3, waiting: ['r-1', 'p-prop'] },
    ])
  })

  it('nobody speaks twice on a motion while someone who asked has not spoken once', async () => {
    const r = await seconded()
    await speak(r, 'p-ld')
    await r.must('r-1', 'requestFloor', { motion: 'mo-1' })
    await r.must('p-ld', 'requestFloor', { motion: 'mo-1' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' }),
      ),
    ).toMatchObject(rule('equal-turns'))
    await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' })
    await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    expect((await motionOf(r, 'mo-1'))?.turns.map((t) => t.speaker)).toEqual([
      'p-ld',
      'r-1',
      'p-ld',
    ])
  })

  it('one who has spoken may speak again when everyone waiting has spoken once', async () => {
    const r = await seconded()
    await speak(r, 'p-ld')
    await speak(r, 'r-1')
    await r.must('r-1', 'requestFloor', { motion: 'mo-1' })
    await r.must('p-ld', 'requestFloor', { motion: 'mo-1' })
    await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    expect((await motionOf(r, 'mo-1'))?.turns).toHaveLength(3)
  })

  it('no turn beyond the charter’s turns per motion (turn-limit)', async () => {
    const r = await seconded()
    await speak(r, 'p-ld')
    await speak(r, 'p-ld')
    expect(
      await refusedWithoutTrace(r, () => r.send('p-ld', 'requestFloor', { motion: 'mo-1' })),
    ).toMatchObject(rule('turn-limit'))
    expect((await motionOf(r, 'mo-1'))?.requests).toEqual([])
  })

  it('the turn limit counts turns on one motion', async () => {
    const r = await seconded()
    await move(r, 'mo-2', 'r-1', { amends: 'mo-1' })
    await second(r, 'mo-2', 'p-chair')
    await speak(r, 'p-ld')
    await speak(r, 'p-ld')
    await speak(r, 'p-ld', 'mo-2')
    expect((await motionOf(r, 'mo-2'))?.turns.map((t) => t.speaker)).toEqual(['p-ld'])
  })

  it('the charter a meeting opened with holds even if amended during it', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'amendCharter', {
      charter: charter({ turnsPerMotion: 1, minutesPerTurn: 10, threshold: 'two-thirds' }),
    })
    await speak(r, 'p-ld')
    await speak(r, 'p-ld')
    expect((await motionOf(r, 'mo-1'))?.turns.map((t) => t.minutes)).toEqual([3, 3])
    // Three to two carries a simple majority, not two thirds.
    await vote(r, 'mo-1', votes(3, 2, 1))
    expect((await motionOf(r, 'mo-1'))?.status).toBe('adopted')
    expect((await meetingOf(r, 'mt-1'))?.charter).toEqual(charter())
  })

  it('a meeting opened after the amendment runs under the amended charter', async () => {
    const r = await seedJCommunity()
    await r.must(CHAIR, 'amendCharter', {
      charter: charter({ turnsPerMotion: 1, minutesPerTurn: 10 }),
    })
    await submit(r, 'd-1', 'r-1')
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Lights', demands: ['d-1'] })
    await schedule(r)
    await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-1' })
    await open(r)
    await move(r)
    await second(r)
    await speak(r, 'p-ld')
    expect((await motionOf(r, 'mo-1'))?.turns[0]?.minutes).toBe(10)
    expect(
      await refusedWithoutTrace(r, () => r.send('p-ld', 'requestFloor', { motion: 'mo-1' })),
    ).toMatchObject(rule('turn-limit'))
  })
})

// ---------------------------------------------------------------------------------------------
// Voting

describe('voting: one vote per eligible representative, the charter’s threshold, ties fail', () => {
  it('a vote is cast only while the vote is open', async () => {
    const r = await seconded()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-rc', 'castVote', { motion: 'mo-1', choice: 'yes' }),
      ),
    ).toMatchObject(illegal('motion', 'seconded', 'castVote'))
  })

  it('one vote per representative (one-vote)', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    await r.must('p-rc', 'castVote', { motion: 'mo-1', choice: 'yes' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-rc', 'castVote', { motion: 'mo-1', choice: 'no' }),
      ),
    ).toMatchObject(rule('one-vote'))
    expect((await motionOf(r, 'mo-1'))?.votes).toEqual([{ person: 'p-rc', choice: 'yes' }])
  })

  it('an adopted main motion decides its matter: a resolution or pact with named duties', async () => {
    const r = await inSession()
    await move(r, 'mo-1', 'p-rc', { outcome: PACT })
    await second(r)
    const closed = await vote(r, 'mo-1', votes(3, 2, 1))
    expect(closed.events[0]?.event).toMatchObject({
      type: 'votingClosed',
      tally: { yes: 3, no: 2, abstain: 1 },
      status: 'adopted',
      decided: { matter: 'm-1', status: 'decided' },
    })
    expect(await motionOf(r, 'mo-1')).toMatchObject({
      status: 'adopted',
      tally: { yes: 3, no: 2, abstain: 1 },
      closedAt: closed.events[0]?.event.at,
    })
    expect(await matterOf(r, 'm-1')).toMatchObject({
      status: 'decided',
      resolution: {
        motion: 'mo-1',
        text: 'Words of mo-1',
        outcome: PACT,
        at: closed.events[0]?.event.at,
      },
    })
  })

  it.each([
    ['simple-majority', 'a tie fails', [2, 2, 2], 'rejected'],
    ['simple-majority', 'one more yes than no carries', [3, 2, 1], 'adopted'],
    ['simple-majority', 'abstentions are not votes cast', [1, 0, 5], 'adopted'],
    ['simple-majority', 'everyone abstaining fails', [0, 0, 6], 'rejected'],
    ['simple-majority', 'no vote at all fails', [0, 0, 0], 'rejected'],
    ['two-thirds', 'two thirds means at least twice as many yes as no', [4, 2, 0], 'adopted'],
    ['two-thirds', 'less than twice as many yes as no fails', [3, 2, 1], 'rejected'],
    ['two-thirds', 'a tie fails', [1, 1, 4], 'rejected'],
    ['two-thirds', 'abstentions are not votes cast', [2, 1, 3], 'adopted'],
    ['two-thirds', 'everyone abstaining fails', [0, 0, 6], 'rejected'],
  ] as const)('%s: %s', async (threshold, _rule, [yes, no, abstain], status) => {
    const r = await seconded(charter({ threshold }))
    await vote(r, 'mo-1', votes(yes, no, abstain))
    expect(await motionOf(r, 'mo-1')).toMatchObject({ status, tally: { yes, no, abstain } })
    expect(await statusOf(r, 'm-1')).toBe(status === 'adopted' ? 'decided' : 'deliberating')
  })

  it('one main motion at a time on a matter (one-main-motion); another may follow once it is voted', async () => {
    const r = await seconded()
    const rival = () =>
      r.send('r-1', 'moveMotion', { meeting: 'mt-1', motion: 'mo-2', matter: 'm-1', text: 'B' })
    expect(await refusedWithoutTrace(r, rival)).toMatchObject(rule('one-main-motion'))
    await vote(r, 'mo-1', votes(1, 2, 0))
    expect((await motionOf(r, 'mo-1'))?.status).toBe('rejected')
    await move(r, 'mo-2', 'r-1')
    await second(r, 'mo-2', 'p-rc')
    await vote(r, 'mo-2', ALL_YES)
    expect((await matterOf(r, 'm-1'))?.resolution?.motion).toBe('mo-2')
    await r.must(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
  })

  // Adjourning postpones what is pending, so one-main-motion does not see it at the next meeting.
  it('a motion left pending by an adjourned meeting does not block its matter at the next one', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    expect((await motionOf(r, 'mo-1'))?.status).toBe('postponed')
    await schedule(r, 'mt-2')
    await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    await open(r, SIX, 'mt-2')
    await move(r, 'mo-2', 'r-1', {}, 'm-1', 'mt-2')
    expect((await motionOf(r, 'mo-2'))?.status).toBe('moved')
  })

  it('a vote opens only when everyone who asked for the floor has had it (floor-waiting)', async () => {
    const r = await seconded()
    await r.must('r-1', 'requestFloor', { motion: 'mo-1' })
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'openVoting', { motion: 'mo-1' })),
    ).toMatchObject(rule('floor-waiting'))
    await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' })
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    expect((await motionOf(r, 'mo-1'))?.status).toBe('voting')
  })
})

// ---------------------------------------------------------------------------------------------
// Stage 3: interest coordination

describe('stage 3, interest coordination 利益协调: tasks with owners and due dates', () => {
  it('the chair breaks a decided matter into tasks for a person or an organisation', async () => {
    const r = await withTasks()
    expect(await statusOf(r, 'm-1')).toBe('coordinating')
    expect((await matterOf(r, 'm-1'))?.tasks).toEqual(['t-1', 't-2'])
    expect(await taskOf(r, 't-1')).toEqual({
      id: 't-1',
      matter: 'm-1',
      owner: { kind: 'organisation', organisation: 'o-property' },
      description: 'Task t-1',
      due: '2024-06-30T18:00:00+08:00',
      status: 'assigned',
      progress: [],
      objections: [],
      reports: [],
      doneAt: null,
    })
    expect((await taskOf(r, 't-2'))?.owner).toEqual({ kind: 'person', person: 'r-1' })
  })

  it('a matter not yet decided is not broken into tasks', async () => {
    const r = await inSession()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'assignTask', {
          task: 't-1',
          matter: 'm-1',
          owner: byPerson('r-1'),
          description: 'Early',
          due: '2024-06-30T18:00:00+08:00',
        }),
      ),
    ).toMatchObject(illegal('matter', 'deliberating', 'assignTask'))
  })

  it('a task’s owner exists, and its id is used once', async () => {
    const r = await withTasks()
    const task = (id: string, owner: object) => () =>
      r.send(CHAIR, 'assignTask', {
        task: id,
        matter: 'm-1',
        owner,
        description: 'More',
        due: '2024-06-30T18:00:00+08:00',
      })
    expect(await refusedWithoutTrace(r, task('t-3', byPerson('p-nobody')))).toMatchObject({
      code: 'NotFound',
      entity: 'person',
      id: 'p-nobody',
    })
    expect(await refusedWithoutTrace(r, task('t-3', byOrganisation('o-nowhere')))).toMatchObject({
      code: 'NotFound',
      entity: 'organisation',
      id: 'o-nowhere',
    })
    expect(await refusedWithoutTrace(r, task('t-1', byPerson('r-2')))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'task',
      id: 't-1',
    })
  })

  it('the owner accepts, reports progress and finishes; a leader of an owning organisation answers for it', async () => {
    const r = await withTasks()
    await r.must('p-prop', 'acceptTask', { task: 't-1' })
    expect((await taskOf(r, 't-1'))?.status).toBe('accepted')
    await r.must('p-prop', 'reportProgress', { task: 't-1', percent: 40, note: 'Two stations' })
    await r.must('p-prop', 'reportProgress', { task: 't-1', percent: 80, note: 'Three' })
    const done = await r.must('p-prop', 'finishTask', { task: 't-1' })
    expect(await taskOf(r, 't-1')).toMatchObject({
      status: 'done',
      progress: [
        { percent: 40, note: 'Two stations' },
        { percent: 80, note: 'Three' },
      ],
      doneAt: done.events[0]?.event.at,
    })
  })

  it('progress is reported on an accepted task only', async () => {
    const r = await withTasks()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('r-1', 'reportProgress', { task: 't-2', percent: 10, note: 'Started' }),
      ),
    ).toMatchObject(illegal('task', 'assigned', 'reportProgress'))
    await finish(r, 't-2', 'r-1')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('r-1', 'objectToTask', { task: 't-2', reason: 'x' }),
      ),
    ).toMatchObject(illegal('task', 'done', 'objectToTask'))
  })

  it.each([
    ['acceptTask', {}],
    ['reportProgress', { percent: 10, note: 'Started' }],
    ['finishTask', {}],
    ['objectToTask', { reason: 'Not ours' }],
  ])('only a task’s owner may %s', async (type, extra) => {
    const r = await withTasks()
    await r.must('p-prop', 'acceptTask', { task: 't-1' })
    await r.must('r-1', 'acceptTask', { task: 't-2' })
    for (const actor of [CHAIR, 'p-rc', 'r-2']) {
      expect(
        await refusedWithoutTrace(r, () => r.send(actor, type, { task: 't-2', ...extra })),
      ).toMatchObject(forbiddenTo(actor, type, ['owner r-1 of task t-2']))
      expect(
        await refusedWithoutTrace(r, () => r.send(actor, type, { task: 't-1', ...extra })),
      ).toMatchObject(forbiddenTo(actor, type, ['a leader of o-property, owner of task t-1']))
    }
  })

  it('an unknown task is not found', async () => {
    const r = await withTasks()
    expect(
      await refusedWithoutTrace(r, () => r.send('r-1', 'acceptTask', { task: 't-9' })),
    ).toMatchObject({ code: 'NotFound', entity: 'task', id: 't-9' })
  })

  /** {@link withTasks}, with t-3 (p-vol) too, and every task objected to by its owner. */
  const objected = async () => {
    const r = await withTasks()
    await assign(r, 't-3', byPerson('p-vol'))
    await r.must('p-prop', 'objectToTask', { task: 't-1', reason: 'The budget is the RC’s' })
    await r.must('r-1', 'acceptTask', { task: 't-2' })
    await r.must('r-1', 'objectToTask', { task: 't-2', reason: 'I work nights' })
    await r.must('p-vol', 'objectToTask', { task: 't-3', reason: 'Too few volunteers' })
    return r
  }

  it('an owner objects to a task; supervision cannot begin while an objection is unsettled (tasks-settled)', async () => {
    const r = await objected()
    expect(await taskOf(r, 't-1')).toMatchObject({
      status: 'objected',
      objections: [{ reason: 'The budget is the RC’s' }],
    })
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'beginSupervision', { matter: 'm-1' })),
    ).toMatchObject(rule('tasks-settled'))
  })

  it('a coordination meeting settles objections (upheld, reassigned, withdrawn) and is recorded with its outcome', async () => {
    const r = await objected()
    const settlements = [
      { outcome: 'upheld', task: 't-1' },
      { outcome: 'reassigned', task: 't-2', owner: byPerson('r-3') },
      { outcome: 'withdrawn', task: 't-3' },
    ]
    const attendees = ['party-committee', 'resident', 'property-company']
    const handled = await r.must(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees,
      settlements,
    })
    expect(handled.events[0]?.event).toMatchObject({
      type: 'coordinationHeld',
      tasks: [
        { task: 't-1', status: 'accepted' },
        { task: 't-2', status: 'assigned' },
        { task: 't-3', status: 'withdrawn' },
      ],
    })
    expect((await matterOf(r, 'm-1'))?.coordinations).toEqual([
      { at: handled.events[0]?.event.at, attendees, settlements },
    ])
    expect(await statusOf(r, 'm-1')).toBe('coordinating')
    expect((await taskOf(r, 't-2'))?.owner).toEqual(byPerson('r-3'))
    // The new owner answers for the task now; the old one no longer does.
    expect(
      await refusedWithoutTrace(r, () => r.send('r-1', 'acceptTask', { task: 't-2' })),
    ).toMatchObject(forbiddenTo('r-1', 'acceptTask', ['owner r-3 of task t-2']))
    await r.must('r-3', 'acceptTask', { task: 't-2' })
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    expect(await statusOf(r, 'm-1')).toBe('supervising')
  })

  it('a coordination meeting has the party committee and residents at it (coordination-attendance)', async () => {
    const r = await objected()
    for (const attendees of [
      ['party-committee', 'property-company'],
      ['resident', 'residents-committee'],
    ])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(CHAIR, 'holdCoordination', {
            matter: 'm-1',
            attendees,
            settlements: [{ outcome: 'upheld', task: 't-1' }],
          }),
        ),
      ).toMatchObject(rule('coordination-attendance'))
  })

  it('a settlement names an unsettled task of the matter, once (task-of-matter)', async () => {
    const r = await objected()
    // A task of another matter: m-2 decided in a second meeting, with its own task.
    await submit(r, 'd-3', 'r-5')
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-2', title: 'Noise', demands: ['d-3'] })
    await schedule(r, 'mt-2')
    await r.must(CHAIR, 'putOnAgenda', { matter: 'm-2', meeting: 'mt-2' })
    await open(r, SIX, 'mt-2')
    await move(r, 'mo-9', 'p-rc', {}, 'm-2', 'mt-2')
    await second(r, 'mo-9')
    await vote(r, 'mo-9', ALL_YES)
    await assign(r, 't-9', byPerson('r-5'), undefined, 'm-2')
    await r.must('r-5', 'objectToTask', { task: 't-9', reason: 'No' })
    const coordinate = (settlements: ReadonlyArray<object>) => () =>
      r.send(CHAIR, 'holdCoordination', {
        matter: 'm-1',
        attendees: ['party-committee', 'resident'],
        settlements,
      })
    expect(
      await refusedWithoutTrace(r, coordinate([{ outcome: 'upheld', task: 't-9' }])),
    ).toMatchObject(rule('task-of-matter'))
    expect(
      await refusedWithoutTrace(
        r,
        coordinate([
          { outcome: 'upheld', task: 't-1' },
          { outcome: 'withdrawn', task: 't-1' },
        ]),
      ),
    ).toMatchObject(rule('task-of-matter'))
    expect(
      await refusedWithoutTrace(r, coordinate([{ outcome: 'upheld', task: 't-8' }])),
    ).toMatchObject({ code: 'NotFound', entity: 'task', id: 't-8' })
    expect(
      await refusedWithoutTrace(
        r,
        coordinate([{ outcome: 'reassigned', task: 't-1', owner: byPerson('p-nobody') }]),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'person', id: 'p-nobody' })
    expect((await taskOf(r, 't-1'))?.status).toBe('objected')
  })

  it('a settlement settles an objection: a task nobody objected to is not settled', async () => {
    const r = await withTasks()
    await r.must('p-prop', 'acceptTask', { task: 't-1' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'holdCoordination', {
          matter: 'm-1',
          attendees: ['party-committee', 'resident'],
          settlements: [{ outcome: 'upheld', task: 't-1' }],
        }),
      ),
    ).toMatchObject(illegal('task', 'accepted', 'upholdTask'))
  })

  it('objections are raised while the matter is in coordination (matter-not-coordinating)', async () => {
    const r = await withTasks()
    await r.must('p-prop', 'acceptTask', { task: 't-1' })
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-prop', 'objectToTask', { task: 't-1', reason: 'Too late to object' }),
      ),
    ).toMatchObject(rule('matter-not-coordinating'))
    expect((await taskOf(r, 't-1'))?.status).toBe('accepted')
  })

  it('coordination is held on a matter in coordination only', async () => {
    const r = await decided()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'holdCoordination', {
          matter: 'm-1',
          attendees: ['party-committee', 'resident'],
          settlements: [],
        }),
      ),
    ).toMatchObject(illegal('matter', 'decided', 'holdCoordination'))
  })
})

// ---------------------------------------------------------------------------------------------
// Stage 4: supervision and evaluation

describe('stage 4, supervision 督: supervisors report on tasks they do not own', () => {
  it('a supervisor files a report on a task', async () => {
    const r = await supervising()
    const handled = await r.must('p-red', 'fileSupervisionReport', {
      task: 't-1',
      finding: 'Four stations built and clean',
    })
    expect((await taskOf(r, 't-1'))?.reports).toEqual([
      {
        supervisor: 'p-red',
        finding: 'Four stations built and clean',
        at: handled.events[0]?.event.at,
      },
    ])
  })

  it.each([CHAIR, 'p-rc', 'r-3'])('%s, not a supervisor, files no report', async (actor) => {
    const r = await supervising()
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(actor, 'fileSupervisionReport', { task: 't-1', finding: 'Fine' }),
      ),
    ).toMatchObject(forbiddenTo(actor, 'fileSupervisionReport', [`supervisor of ${HALL}`]))
  })

  it('a supervisor cannot report on a task they own (supervises-own-task)', async () => {
    const r = await decided()
    await assign(r, 't-1', byPerson('p-red'))
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-red', 'fileSupervisionReport', { task: 't-1', finding: 'All good' }),
      ),
    ).toMatchObject(rule('supervises-own-task'))
  })

  it('a supervisor cannot report on a task of an organisation they lead (supervises-own-task)', async () => {
    const r = await withTasks()
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    await r.must(CHAIR, 'appointSupervisor', { person: 'p-prop', body: 'Property oversight' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-prop', 'fileSupervisionReport', { task: 't-1', finding: 'All good' }),
      ),
    ).toMatchObject(rule('supervises-own-task'))
    await r.must('p-prop', 'fileSupervisionReport', { task: 't-2', finding: 'Late' })
    expect((await taskOf(r, 't-2'))?.reports.map((x) => x.supervisor)).toEqual(['p-prop'])
  })

  it('reports are filed while the matter is under supervision or evaluation (not-under-supervision)', async () => {
    const r = await withTasks()
    const report = (finding: string) => () =>
      r.send('p-red', 'fileSupervisionReport', { task: 't-2', finding })
    expect(await refusedWithoutTrace(r, report('Too early'))).toMatchObject(
      rule('not-under-supervision'),
    )
    await finish(r, 't-1', 'p-prop')
    await finish(r, 't-2', 'r-1')
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    await r.must('p-red', 'fileSupervisionReport', { task: 't-2', finding: 'Done' })
    await r.must(CHAIR, 'openEvaluation', { matter: 'm-1' })
    await r.must('p-red', 'fileSupervisionReport', { task: 't-2', finding: 'Still fine' })
    await evaluate(r, { 'r-2': 5 })
    await r.must(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    expect(await refusedWithoutTrace(r, report('Too late'))).toMatchObject(
      rule('not-under-supervision'),
    )
    expect((await taskOf(r, 't-2'))?.reports.map((x) => x.finding)).toEqual(['Done', 'Still fine'])
  })

  it('supervision needs something to supervise: not every task withdrawn (tasks-settled)', async () => {
    const r = await decided()
    await assign(r, 't-1', byPerson('r-1'))
    await r.must('r-1', 'objectToTask', { task: 't-1', reason: 'Not needed' })
    await r.must(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [{ outcome: 'withdrawn', task: 't-1' }],
    })
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'beginSupervision', { matter: 'm-1' })),
    ).toMatchObject(rule('tasks-settled'))
  })

  it('supervision begins from coordination only', async () => {
    const r = await decided()
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'beginSupervision', { matter: 'm-1' })),
    ).toMatchObject(illegal('matter', 'decided', 'beginSupervision'))
  })
})

describe('stage 4, evaluation 评: residents evaluate; below the pass mark the matter reopens', () => {
  it('evaluation opens when the tasks are done (tasks-done)', async () => {
    const r = await withTasks()
    await finish(r, 't-2', 'r-1')
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'openEvaluation', { matter: 'm-1' })),
    ).toMatchObject(rule('tasks-done'))
    await finish(r, 't-1', 'p-prop')
    await r.must(CHAIR, 'openEvaluation', { matter: 'm-1' })
    expect(await statusOf(r, 'm-1')).toBe('evaluating')
  })

  it('withdrawn tasks do not hold evaluation back, but at least one task is done', async () => {
    const r = await decided()
    await assign(r, 't-1', byPerson('r-1'))
    await assign(r, 't-2', byPerson('r-3'))
    for (const [task, owner] of [
      ['t-1', 'r-1'],
      ['t-2', 'r-3'],
    ] as const)
      await r.must(owner, 'objectToTask', { task, reason: 'No time' })
    await r.must(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [
        { outcome: 'withdrawn', task: 't-1' },
        { outcome: 'upheld', task: 't-2' },
      ],
    })
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'openEvaluation', { matter: 'm-1' })),
    ).toMatchObject(rule('tasks-done'))
    await r.must('r-3', 'finishTask', { task: 't-2' })
    await r.must(CHAIR, 'openEvaluation', { matter: 'm-1' })
    expect(await statusOf(r, 'm-1')).toBe('evaluating')
  })

  it('only residents of the hall’s place evaluate', async () => {
    const r = await evaluating()
    for (const actor of ['p-prop', 'p-ld'])
      expect(
        await refusedWithoutTrace(r, () => r.send(actor, 'evaluate', { matter: 'm-1', score: 5 })),
      ).toMatchObject(forbiddenTo(actor, 'evaluate', ['resident of community:c-j']))
  })

  it('a matter is evaluated while its evaluation is open only', async () => {
    const r = await supervising()
    expect(
      await refusedWithoutTrace(r, () => r.send('r-2', 'evaluate', { matter: 'm-1', score: 5 })),
    ).toMatchObject(illegal('matter', 'supervising', 'evaluate'))
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'closeEvaluation', { matter: 'm-1' })),
    ).toMatchObject(illegal('matter', 'supervising', 'closeEvaluation'))
  })

  it('one evaluation per resident per round (one-evaluation)', async () => {
    const r = await evaluating()
    await evaluate(r, { 'r-2': 5 })
    expect(
      await refusedWithoutTrace(r, () => r.send('r-2', 'evaluate', { matter: 'm-1', score: 1 })),
    ).toMatchObject(rule('one-evaluation'))
    expect((await matterOf(r, 'm-1'))?.evaluations).toMatchObject([
      { resident: 'r-2', score: 5, round: 0 },
    ])
  })

  it('an evaluation with nobody’s score does not close (no-evaluations)', async () => {
    const r = await evaluating()
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'closeEvaluation', { matter: 'm-1' })),
    ).toMatchObject(rule('no-evaluations'))
  })

  it('at the pass mark the matter closes, and closed is final', async () => {
    const r = await evaluating()
    await evaluate(r, { 'r-2': 5, 'r-3': 3, 'r-4': 4 })
    const closed = await r.must(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    expect(closed.events[0]?.event).toMatchObject({
      type: 'evaluationClosed',
      status: 'closed',
      average: 4,
      evaluations: 3,
    })
    expect(await matterOf(r, 'm-1')).toMatchObject({ status: 'closed', reopened: 0 })
    expect(
      await refusedWithoutTrace(r, () => r.send('r-5', 'evaluate', { matter: 'm-1', score: 1 })),
    ).toMatchObject(illegal('matter', 'closed', 'evaluate'))
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'assignTask', {
          task: 't-3',
          matter: 'm-1',
          owner: byPerson('r-1'),
          description: 'More',
          due: '2024-06-30T18:00:00+08:00',
        }),
      ),
    ).toMatchObject(illegal('matter', 'closed', 'assignTask'))
  })

  it('below the pass mark the matter reopens', async () => {
    const r = await evaluating()
    await evaluate(r, { 'r-2': 5, 'r-3': 3, 'r-4': 3 })
    const closed = await r.must(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    expect(closed.events[0]?.event).toMatchObject({
      status: 'reopened',
      evaluations: 3,
    })
    expect((closed.events[0]?.event as { average: number }).average).toBeCloseTo(11 / 3)
    expect(await matterOf(r, 'm-1')).toMatchObject({ status: 'reopened', reopened: 1 })
  })

  it('a reopened matter goes back on the agenda, to be deliberated and decided again', async () => {
    const r = await reopened()
    await schedule(r, 'mt-2')
    await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-2' })
    expect(await statusOf(r, 'm-1')).toBe('on-agenda')
    await open(r, SIX, 'mt-2')
    await move(r, 'mo-2', 'r-1', {}, 'm-1', 'mt-2')
    await second(r, 'mo-2', 'p-rc')
    await vote(r, 'mo-2', ALL_YES)
    expect(await matterOf(r, 'm-1')).toMatchObject({
      status: 'decided',
      resolution: { motion: 'mo-2', text: 'Words of mo-2' },
    })
  })

  it('a reopened matter goes back to coordination with a new task', async () => {
    const r = await reopened()
    await assign(r, 't-3', byPerson('p-vol'))
    expect(await statusOf(r, 'm-1')).toBe('coordinating')
    expect((await matterOf(r, 'm-1'))?.tasks).toEqual(['t-1', 't-2', 't-3'])
  })

  it('a new round after reopening: each resident evaluates once more, and only this round counts', async () => {
    const r = await reopened()
    await assign(r, 't-3', byPerson('p-vol'))
    await finish(r, 't-3', 'p-vol')
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    await r.must(CHAIR, 'openEvaluation', { matter: 'm-1' })
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'closeEvaluation', { matter: 'm-1' })),
    ).toMatchObject(rule('no-evaluations'))
    await evaluate(r, { 'r-2': 4 })
    expect(
      await refusedWithoutTrace(r, () => r.send('r-2', 'evaluate', { matter: 'm-1', score: 5 })),
    ).toMatchObject(rule('one-evaluation'))
    await evaluate(r, { 'r-3': 5 })
    const closed = await r.must(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    expect(closed.events[0]?.event).toMatchObject({
      status: 'closed',
      average: 4.5,
      evaluations: 2,
    })
    expect(
      (await matterOf(r, 'm-1'))?.evaluations.map((e) => [e.resident, e.score, e.round]),
    ).toEqual([
      ['r-2', 2, 0],
      ['r-3', 3, 0],
      ['r-2', 4, 1],
      ['r-3', 5, 1],
    ])
    expect(await matterOf(r, 'm-1')).toMatchObject({ status: 'closed', reopened: 1 })
  })
})

// ---------------------------------------------------------------------------------------------
// The matter lifecycle

describe('the matter lifecycle: collected → … → closed, through a reopening', () => {
  it('keeps every step, with the event and the actor that moved it', async () => {
    const r = await reopened()
    await assign(r, 't-3', byPerson('p-vol'))
    await finish(r, 't-3', 'p-vol')
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    await r.must(CHAIR, 'openEvaluation', { matter: 'm-1' })
    await evaluate(r, { 'r-5': 5 })
    await r.must(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    const steps = (await matterOf(r, 'm-1'))?.steps ?? []
    expect(steps.map((s) => [s.to, s.on, s.actor])).toEqual([
      ['collected', 'demandsAggregated', CHAIR],
      ['on-agenda', 'matterPutOnAgenda', CHAIR],
      ['deliberating', 'meetingOpened', CHAIR],
      ['decided', 'votingClosed', CHAIR],
      ['coordinating', 'taskAssigned', CHAIR],
      ['coordinating', 'taskAssigned', CHAIR],
      ['supervising', 'supervisionBegun', CHAIR],
      ['evaluating', 'evaluationOpened', CHAIR],
      ['reopened', 'evaluationClosed', CHAIR],
      ['coordinating', 'taskAssigned', CHAIR],
      ['supervising', 'supervisionBegun', CHAIR],
      ['evaluating', 'evaluationOpened', CHAIR],
      ['closed', 'evaluationClosed', CHAIR],
    ])
    const ats = steps.map((s) => s.at)
    expect([...ats].sort()).toEqual(ats)
  })
})

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * A meeting on record: d-1 (r-1) and d-2 (r-3) make m-1; d-3 (r-2, migrant) waits. mt-1 opens
 * with four representatives and the migrant r-4 present. mo-1 (p-rc,
 * seconded by p-ld) is debated: r-1, p-ld, r-1. mo-2 amends it (r-1, seconded by p-chair), p-chair
 * speaks on it, and it fails on a tie; mo-1 is adopted by two to one with one abstention.
 */
const meetingOnRecord = async () => {
  const r = await seedJCommunity()
  await submit(r, 'd-1', 'r-1')
  await submit(r, 'd-2', 'r-3')
  await r.must(CHAIR, 'aggregateDemands', {
    matter: 'm-1',
    title: 'Garbage sorting',
    demands: ['d-1', 'd-2'],
  })
  await schedule(r)
  await r.must(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting: 'mt-1' })
  await submit(r, 'd-3', 'r-2')
  await open(r, ['p-chair', 'p-rc', 'r-1', 'p-ld', 'r-4'])
  await r.must('p-rc', 'moveMotion', {
    meeting: 'mt-1',
    motion: 'mo-1',
    matter: 'm-1',
    text: 'Sort waste at four stations',
  })
  await second(r, 'mo-1', 'p-ld')
  await r.must('r-1', 'requestFloor', { motion: 'mo-1' })
  await r.must('p-ld', 'requestFloor', { motion: 'mo-1' })
  await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' })
  await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
  await speak(r, 'r-1')
  await r.must('r-1', 'moveMotion', {
    meeting: 'mt-1',
    motion: 'mo-2',
    matter: 'm-1',
    text: 'Sort waste at six stations',
    amends: 'mo-1',
  })
  await second(r, 'mo-2', 'p-chair')
  await speak(r, 'p-chair', 'mo-2')
  await vote(r, 'mo-2', { 'p-chair': 'yes', 'r-1': 'yes', 'p-rc': 'no', 'p-ld': 'no' })
  await vote(r, 'mo-1', { 'p-chair': 'yes', 'p-rc': 'yes', 'r-1': 'no', 'p-ld': 'abstain' })
  return r
}

describe('queries: a matter’s timeline', () => {
  it('lists demands, steps, motions, turns and vote results, earliest first', async () => {
    const r = await meetingOnRecord()
    const timeline = matterTimeline(await r.hall(), MatterId.make('m-1'))
    expect(timeline.map((e) => [e.actor, e.what])).toEqual([
      ['r-1', 'demand d-1 from r-1 (online): Demand d-1 of r-1'],
      ['r-3', 'demand d-2 from r-3 (online): Demand d-2 of r-3'],
      [CHAIR, 'demandsAggregated → collected'],
      [CHAIR, 'matterPutOnAgenda → on-agenda'],
      [CHAIR, 'meetingOpened → deliberating'],
      ['p-rc', 'motion mo-1 moved: Sort waste at four stations'],
      ['r-1', 'spoke on mo-1 (3 min)'],
      ['p-ld', 'spoke on mo-1 (3 min)'],
      ['r-1', 'spoke on mo-1 (3 min)'],
      ['r-1', 'amendment of mo-1 mo-2 moved: Sort waste at six stations'],
      ['p-chair', 'spoke on mo-2 (3 min)'],
      [null, 'mo-2 rejected (2 yes, 2 no, 0 abstain)'],
      [CHAIR, 'votingClosed → decided'],
      [null, 'mo-1 adopted (2 yes, 1 no, 1 abstain)'],
    ])
    const ats = timeline.map((e) => e.at)
    expect([...ats].sort()).toEqual(ats)
    expect(timeline.at(-1)?.at).toBe((await motionOf(r, 'mo-1'))?.closedAt)
  })

  it('shows a motion’s words as moved, and as amended when its vote closed', async () => {
    const r = await seconded()
    await r.must('r-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-2',
      matter: 'm-1',
      text: 'Six stations',
      amends: 'mo-1',
    })
    await second(r, 'mo-2', 'p-chair')
    await vote(r, 'mo-2', ALL_YES)
    await vote(r, 'mo-1', ALL_YES)
    const whats = matterTimeline(await r.hall(), MatterId.make('m-1')).map((e) => e.what)
    expect(whats).toContain('motion mo-1 moved: Words of mo-1')
    expect(whats).toContain('mo-2 adopted (3 yes, 0 no, 0 abstain)')
    expect(whats.at(-1)).toBe('mo-1 adopted as amended: Six stations (3 yes, 0 no, 0 abstain)')
  })

  it('goes on through tasks, objections, coordination, supervision and evaluation', async () => {
    const r = await withTasks()
    await r.must('p-prop', 'objectToTask', { task: 't-1', reason: 'Budget' })
    await r.must(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [{ outcome: 'upheld', task: 't-1' }],
    })
    await r.must('p-prop', 'reportProgress', { task: 't-1', percent: 50, note: 'Two built' })
    await r.must('p-prop', 'finishTask', { task: 't-1' })
    await finish(r, 't-2', 'r-1')
    await r.must(CHAIR, 'beginSupervision', { matter: 'm-1' })
    await r.must('p-red', 'fileSupervisionReport', { task: 't-1', finding: 'Clean' })
    await r.must(CHAIR, 'openEvaluation', { matter: 'm-1' })
    await evaluate(r, { 'r-4': 4 })
    await r.must(CHAIR, 'closeEvaluation', { matter: 'm-1' })
    const timeline = matterTimeline(await r.hall(), MatterId.make('m-1'))
    const decidedAt = timeline.findIndex((e) => e.what === 'votingClosed → decided')
    expect(timeline.slice(decidedAt + 2).map((e) => [e.actor, e.what])).toEqual([
      [CHAIR, 'taskAssigned → coordinating'],
      [CHAIR, 'taskAssigned → coordinating'],
      [null, 'task t-1 (o-property) objected: Budget'],
      [null, 'coordination meeting (party-committee, resident): t-1 upheld'],
      [null, 'task t-1 (o-property): 50% — Two built'],
      [null, 'task t-1 (o-property) done'],
      [null, 'task t-2 (r-1) done'],
      [CHAIR, 'supervisionBegun → supervising'],
      ['p-red', 'supervision of t-1: Clean'],
      [CHAIR, 'evaluationOpened → evaluating'],
      ['r-4', 'evaluated 4/5 (round 1)'],
      [CHAIR, 'evaluationClosed → closed'],
    ])
    const ats = timeline.map((e) => e.at)
    expect([...ats].sort()).toEqual(ats)
  })

  it('is empty for an unknown matter', async () => {
    const r = await meetingOnRecord()
    expect(matterTimeline(await r.hall(), MatterId.make('m-9'))).toEqual([])
  })
})

describe('queries: participation, speaking turns and tallies', () => {
  it('counts attendance, turns, votes and demands by participant kind', async () => {
    const r = await meetingOnRecord()
    const counts = (attendances: number, turns: number, votes: number, demands: number) => ({
      attendances,
      turns,
      votes,
      demands,
    })
    expect(participation(await r.hall(), await r.registry()).byKind).toEqual({
      'party-committee': counts(1, 1, 2, 0),
      'residents-committee': counts(1, 0, 2, 0),
      resident: counts(1, 2, 2, 1),
      'social-organisation': counts(1, 1, 2, 0),
      'property-company': counts(0, 0, 0, 0),
      'other-social-force': counts(0, 0, 0, 0),
    })
  })

  it('counts them by household registration: registered or migrant', async () => {
    const r = await meetingOnRecord()
    expect(participation(await r.hall(), await r.registry()).byHousehold).toEqual({
      registered: { attendances: 4, turns: 4, votes: 8, demands: 2 },
      migrant: { attendances: 1, turns: 0, votes: 0, demands: 1 },
      unknown: { attendances: 0, turns: 0, votes: 0, demands: 0 },
    })
  })

  it('counts people a registry does not know as unknown, still by their kind', async () => {
    const r = await meetingOnRecord()
    const stranger = { ...(await r.registry()), persons: {} }
    const counts = participation(await r.hall(), stranger)
    expect(counts.byHousehold).toEqual({
      registered: { attendances: 0, turns: 0, votes: 0, demands: 0 },
      migrant: { attendances: 0, turns: 0, votes: 0, demands: 0 },
      unknown: { attendances: 5, turns: 4, votes: 8, demands: 3 },
    })
    expect(counts.byKind.resident).toEqual({ attendances: 1, turns: 2, votes: 2, demands: 1 })
  })

  it('lists speaking turns per person, most first, over every motion or one', async () => {
    const r = await meetingOnRecord()
    const s = await r.hall()
    expect(speakingTurns(s)).toEqual([
      { person: 'r-1', turns: 2, minutes: 6 },
      { person: 'p-chair', turns: 1, minutes: 3 },
      { person: 'p-ld', turns: 1, minutes: 3 },
    ])
    expect(speakingTurns(s, MotionId.make('mo-2'))).toEqual([
      { person: 'p-chair', turns: 1, minutes: 3 },
    ])
    expect(speakingTurns(s, MotionId.make('mo-9'))).toEqual([])
  })

  it('lists every closed vote’s tally in the order moved, with how many could vote', async () => {
    const r = await meetingOnRecord()
    expect(voteTallies(await r.hall())).toEqual([
      {
        motion: 'mo-1',
        text: 'Sort waste at four stations',
        status: 'adopted',
        tally: { yes: 2, no: 1, abstain: 1 },
        eligible: 4,
      },
      {
        motion: 'mo-2',
        text: 'Sort waste at six stations',
        status: 'rejected',
        tally: { yes: 2, no: 2, abstain: 0 },
        eligible: 4,
      },
    ])
  })

  it('leaves out votes not yet closed', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    await r.must('p-rc', 'castVote', { motion: 'mo-1', choice: 'yes' })
    expect(voteTallies(await r.hall())).toEqual([])
  })
})

describe('queries: overdue tasks, waiting demands, what became of a demand, "116"', () => {
  it('lists tasks not done nor withdrawn whose due date has passed, earliest due first', async () => {
    const r = await decided()
    await assign(r, 't-1', byPerson('r-1'), '2024-06-01T18:00:00+08:00')
    await assign(r, 't-2', byPerson('r-3'), '2024-05-20T18:00:00+08:00')
    await assign(r, 't-3', byPerson('r-5'), '2024-07-01T18:00:00+08:00')
    await assign(r, 't-4', byPerson('p-vol'), '2024-05-25T18:00:00+08:00')
    await r.must('r-1', 'acceptTask', { task: 't-1' })
    await finish(r, 't-2', 'r-3')
    await r.must('p-vol', 'objectToTask', { task: 't-4', reason: 'Too soon' })
    const ids = async (asOf: string) => overdueTasks(await r.hall(), instant(asOf)).map((t) => t.id)
    expect(await ids('2024-05-10T00:00:00+08:00')).toEqual([])
    expect(await ids('2024-06-01T18:00:00+08:00')).toEqual(['t-4'])
    expect(await ids('2024-06-02T00:00:00+08:00')).toEqual(['t-4', 't-1'])
    await r.must(CHAIR, 'holdCoordination', {
      matter: 'm-1',
      attendees: ['party-committee', 'resident'],
      settlements: [{ outcome: 'withdrawn', task: 't-4' }],
    })
    expect(await ids('2024-08-01T00:00:00+08:00')).toEqual(['t-1', 't-3'])
  })

  it('lists demands that have waited N days or more without a matter, oldest first (none from after the date asked about)', async () => {
    const r = await seedJCommunity()
    // Submitted as time runs (a hall's record runs forward); the hall keeps them in no order.
    await submit(r, 'd-4', 'r-4', 'r-4', 'online', '2024-06-10T10:00:00+08:00')
    await submit(r, 'd-1', 'r-1', 'r-1', 'online', '2024-06-20T10:00:00+08:00')
    await submit(r, 'd-5', 'r-5', 'r-5', 'online', '2024-06-25T10:00:00+08:00')
    await submit(r, 'd-2', 'r-2', 'r-2', 'online', '2024-07-01T10:00:00+08:00')
    await submit(r, 'd-3', 'r-3', 'r-3', 'online', '2024-07-01T10:01:00+08:00')
    await submit(r, 'd-6', 'r-6', 'r-6', 'online', '2024-07-08T10:30:00+08:00')
    await r.must(
      CHAIR,
      'aggregateDemands',
      { matter: 'm-1', title: 'Lights', demands: ['d-4'] },
      '2024-07-08T11:00:00+08:00',
    )
    const ids = async (days: number) =>
      waitingDemands(await r.hall(), instant('2024-07-08T10:00:00+08:00'), days).map((d) => d.id)
    expect(await ids(7)).toEqual(['d-1', 'd-5', 'd-2'])
    expect(await ids(14)).toEqual(['d-1'])
    expect(await ids(0)).toEqual(['d-1', 'd-5', 'd-2', 'd-3'])
  })

  it('tells a resident what became of their demand', async () => {
    const r = await withAgenda()
    await submit(r, 'd-3', 'r-5')
    const s0 = await r.hall()
    expect(demandOutcome(s0, DemandId.make('d-3'))).toEqual({
      demand: lookup(s0.demands, DemandId.make('d-3')),
      matter: null,
      resolution: null,
    })
    expect(demandOutcome(s0, DemandId.make('d-1'))).toMatchObject({
      demand: { id: 'd-1', resident: 'r-1' },
      matter: { id: 'm-1', title: 'Garbage sorting', status: 'on-agenda' },
      resolution: null,
    })
    expect(demandOutcome(s0, DemandId.make('d-9'))).toBeUndefined()
    await open(r)
    await move(r)
    await second(r)
    await vote(r, 'mo-1', ALL_YES)
    expect(demandOutcome(await r.hall(), DemandId.make('d-2'))).toMatchObject({
      matter: { id: 'm-1', status: 'decided' },
      resolution: 'Words of mo-1',
    })
  })

  it('"116": one hall, one rule set, and which of the six steps its matters have reached', async () => {
    const none = oneOneSix(emptyHall)
    expect([none.hall, none.charter]).toEqual([false, false])
    expect(none.steps.every((s) => !s.reached)).toBe(true)
    const r = await decided()
    const reached = (result: ReturnType<typeof oneOneSix>) => result.steps.map((s) => s.reached)
    const now = oneOneSix(await r.hall())
    expect([now.hall, now.charter]).toEqual([true, true])
    expect(now.steps.map((s) => s.step)).toEqual([
      'collect demands 收集需求',
      'set the topic 确定议题',
      'deliberate 协商议事',
      'decide 形成决议',
      'carry out 组织实施',
      'supervise and evaluate 监督评议',
    ])
    expect(reached(now)).toEqual([true, true, true, true, false, false])
    const carried = await withTasks()
    expect(reached(oneOneSix(await carried.hall()))).toEqual([true, true, true, true, true, false])
    const later = await supervising()
    expect(reached(oneOneSix(await later.hall()))).toEqual([true, true, true, true, true, true])
  })
})

// ---------------------------------------------------------------------------------------------
// Authorisation

describe('authorisation: who may do what in the hall', () => {
  /** mt-1 open with m-1 and the seconded mo-1; mt-2 scheduled. */
  const busyHall = async () => {
    const r = await seconded()
    await schedule(r, 'mt-2')
    return r
  }
  const task = {
    task: 't-1',
    matter: 'm-1',
    owner: byPerson('r-1'),
    description: 'Stations',
    due: '2024-06-30T18:00:00+08:00',
  }

  it.each([
    ['amendCharter', { charter: charter({ passMark: 3 }) }],
    ['appointRepresentative', { person: 'p-vol', kind: 'other-social-force', organisation: null }],
    ['removeRepresentative', { person: 'p-police' }],
    ['appointSupervisor', { person: 'p-vol', body: 'Volunteers' }],
    ['setSchedule', { schedule: sanWuWu() }],
    ['putOnAgenda', { matter: 'm-1', meeting: 'mt-2' }],
    ['scheduleMeeting', { meeting: 'mt-3', scheduledFor: '2024-06-15T15:00:00+08:00' }],
    ['openMeeting', { meeting: 'mt-2', present: SIX }],
    ['cancelMeeting', { meeting: 'mt-2', reason: 'Rain' }],
    ['adjournMeeting', { meeting: 'mt-1' }],
    ['grantFloor', { motion: 'mo-1', speaker: 'p-ld' }],
    ['openVoting', { motion: 'mo-1' }],
    ['closeVoting', { motion: 'mo-1' }],
    ['postponeMotion', { motion: 'mo-1' }],
    ['referMotion', { motion: 'mo-1', to: 'Committee' }],
    ['assignTask', task],
    [
      'holdCoordination',
      { matter: 'm-1', attendees: ['party-committee', 'resident'], settlements: [] },
    ],
    ['beginSupervision', { matter: 'm-1' }],
    ['openEvaluation', { matter: 'm-1' }],
    ['closeEvaluation', { matter: 'm-1' }],
  ] as const)('only the chair may %s', async (type, payload) => {
    const r = await busyHall()
    await r.must('p-ld', 'requestFloor', { motion: 'mo-1' })
    for (const actor of ['p-rc', 'p-red', CLERK])
      expect(await refusedWithoutTrace(r, () => r.send(actor, type, payload))).toMatchObject(
        forbiddenTo(actor, type, CHAIR_ROLE),
      )
  })

  it('the chair may do what only the chair may', async () => {
    const r = await busyHall()
    await r.must('p-ld', 'requestFloor', { motion: 'mo-1' })
    await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    await r.must(CHAIR, 'cancelMeeting', { meeting: 'mt-2', reason: 'Rain' })
    await vote(r, 'mo-1', ALL_YES)
    await r.must(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    await r.must(CHAIR, 'assignTask', task)
    expect((await taskOf(r, 't-1'))?.status).toBe('assigned')
  })

  it.each([
    ['a representative who was absent at the opening', 'p-police'],
    ['someone present who is not a representative', 'r-2'],
    ['a representative appointed after the opening', 'p-vol'],
  ])('%s does not move, second, ask for the floor or vote', async (_who, actor) => {
    const r = await seconded(charter(), ['p-chair', 'p-rc', 'r-1', 'p-ld', 'p-prop', 'r-2'])
    await r.must(CHAIR, 'appointRepresentative', {
      person: 'p-vol',
      kind: 'other-social-force',
      organisation: null,
    })
    await move(r, 'mo-2', 'r-1', { amends: 'mo-1' })
    const attempts: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ['moveMotion', { meeting: 'mt-1', motion: 'mo-3', matter: 'm-1', text: 'Mine' }],
      ['secondMotion', { motion: 'mo-2' }],
      ['requestFloor', { motion: 'mo-1' }],
    ]
    for (const [type, payload] of attempts)
      expect(await refusedWithoutTrace(r, () => r.send(actor, type, payload))).toMatchObject(
        forbiddenTo(actor, type, ['representative present at meeting mt-1']),
      )
    await r.must('r-1', 'withdrawMotion', { motion: 'mo-2' })
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(actor, 'castVote', { motion: 'mo-1', choice: 'yes' }),
      ),
    ).toMatchObject(forbiddenTo(actor, 'castVote', ['representative present at meeting mt-1']))
  })

  it('a representative removed during the meeting acts no more in it', async () => {
    const r = await seconded()
    await r.must(CHAIR, 'removeRepresentative', { person: 'p-police' })
    expect(
      await refusedWithoutTrace(r, () => r.send('p-police', 'requestFloor', { motion: 'mo-1' })),
    ).toMatchObject(
      forbiddenTo('p-police', 'requestFloor', ['representative present at meeting mt-1']),
    )
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('p-police', 'castVote', { motion: 'mo-1', choice: 'no' }),
      ),
    ).toMatchObject(forbiddenTo('p-police', 'castVote', ['representative present at meeting mt-1']))
  })

  it('the chair, present as a representative, moves, seconds and votes like any other', async () => {
    const r = await inSession()
    await move(r, 'mo-1', CHAIR)
    await second(r, 'mo-1', 'p-prop')
    await vote(r, 'mo-1', { [CHAIR]: 'yes' })
    expect((await motionOf(r, 'mo-1'))?.votes).toEqual([{ person: CHAIR, choice: 'yes' }])
  })
})

// ---------------------------------------------------------------------------------------------
// Bad input

describe('bad input: a DecodeError naming the path, and nothing changes', () => {
  const badInput = [
    ['submitDemand', { demand: 'd-1', resident: 'r-1', channel: 'wechat', text: 'x' }, '$.channel'],
    ['submitDemand', { demand: 'd-1', resident: 'r-1', channel: 'online', text: '' }, '$.text'],
    ['castVote', { motion: 'mo-1', choice: 'maybe' }, '$.choice'],
    ['evaluate', { matter: 'm-1', score: 6 }, '$.score'],
    ['evaluate', { matter: 'm-1', score: 0 }, '$.score'],
    ['amendCharter', { charter: charter({ threshold: 'unanimous' }) }, '$.charter.threshold'],
    [
      'amendCharter',
      { charter: charter({ quorum: { numerator: 1, denominator: 0 } }) },
      '$.charter.quorum.denominator',
    ],
    ['amendCharter', { charter: charter({ turnsPerMotion: 0 }) }, '$.charter.turnsPerMotion'],
    ['amendCharter', { charter: charter({ minutesPerTurn: 61 }) }, '$.charter.minutesPerTurn'],
    ['amendCharter', { charter: charter({ passMark: 6 }) }, '$.charter.passMark'],
    [
      'amendCharter',
      { charter: charter({ balance: { tolerance: -1 } }) },
      '$.charter.balance.tolerance',
    ],
    ['appointRepresentative', { person: 'p-vol', kind: 'mayor', organisation: null }, '$.kind'],
    [
      'assignTask',
      {
        task: 't-1',
        matter: 'm-1',
        owner: { kind: 'team', person: 'r-1' },
        description: 'x',
        due: '2024-06-01T00:00:00+08:00',
      },
      '$.owner.kind',
    ],
    [
      'assignTask',
      { task: 't-1', matter: 'm-1', owner: byPerson('r-1'), description: 'x', due: 'next week' },
      '$.due',
    ],
    [
      'holdCoordination',
      { matter: 'm-1', attendees: ['mayor'], settlements: [] },
      '$.attendees[0]',
    ],
    [
      'holdCoordination',
      {
        matter: 'm-1',
        attendees: ['resident'],
        settlements: [{ outcome: 'postponed', task: 't-1' }],
      },
      '$.settlements[0].outcome',
    ],
    [
      'moveMotion',
      {
        meeting: 'mt-1',
        motion: 'mo-1',
        matter: 'm-1',
        text: 'x',
        outcome: { kind: 'pact', duties: [{ party: 'mayor', duty: 'x' }] },
      },
      '$.outcome.duties[0].party',
    ],
    ['openMeeting', { meeting: 'mt-1' }, '$.present'],
    ['reportProgress', { task: 't-1', percent: 101, note: 'x' }, '$.percent'],
    ['grantFloor', { motion: 'mo-1', speaker: 'p-rc', minutes: 10 }, '$.minutes'],
    [
      'scheduleMeeting',
      { meeting: 'mt-2', scheduledFor: '2024-13-01T00:00:00+08:00' },
      '$.scheduledFor',
    ],
    ['setSchedule', { schedule: { name: 'Weekly', zone: '+8', slots: [] } }, '$.schedule.zone'],
  ] as const

  it.each(badInput.map(([type, payload, path]) => [type, path, payload] as const))(
    '%s: a DecodeError at %s',
    async (type, path, payload) => {
      const r = await seconded()
      const before = await r.hall()
      const error = await refusedWithoutTrace(r, () => r.send(CHAIR, type, payload))
      expect(error.code).toBe('DecodeError')
      if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toEqual([path])
      expect(await r.hall()).toEqual(before)
    },
  )

  it('an evaluation’s average is a finite number from 1 to 5, so a stored event survives its JSON round trip', () => {
    const closed = {
      type: 'evaluationClosed',
      at: '2024-05-01T10:00:00+08:00',
      actor: CHAIR,
      matter: 'm-1',
      status: 'closed',
      evaluations: 3,
    }
    // JSON writes NaN and ±Infinity as null, and -0 as 0: none of them is an average.
    for (const average of [Number.NaN, Infinity, -Infinity, -0, 0, 0.5, 5.5, Number.MAX_VALUE]) {
      const event = { ...closed, average }
      expect(deliberation.eventCodec.is(event), String(average)).toBe(false)
      const decoded = decodeWith(deliberation.eventCodec, event)
      expect(E.isLeft(decoded), String(average)).toBe(true)
      if (E.isLeft(decoded)) expect(decoded.left.issues.map((i) => i.path)).toEqual(['$.average'])
    }
    for (const average of [1, 11 / 3, 4.5, 5]) {
      const event = { ...closed, average }
      expect(deliberation.eventCodec.is(event)).toBe(true)
      const decoded = decodeWith(deliberation.eventCodec, event)
      expect(decoded).toEqual(E.right(event))
      expect(JSON.parse(JSON.stringify(event))).toEqual(event)
    }
  })

  it('a quorum of more than all the representatives is bad input', async () => {
    const r = await seedJCommunity()
    const error = await refusedWithoutTrace(r, () =>
      r.send(CHAIR, 'amendCharter', {
        charter: charter({ quorum: { numerator: 3, denominator: 2 } }),
      }),
    )
    expect(error.code).toBe('DecodeError')
  })
})

// ---------------------------------------------------------------------------------------------
// Authority that outlives the person: the chair and resident representatives act while they live
// where their role is bound, and the chair is handed over (issue 11)

describe('the chair’s authority ends when the chair leaves the street (chair-in-street)', () => {
  /** mt-1 open with m-1 and the seconded mo-1, p-ld waiting for the floor; mt-2 scheduled. */
  const busyHall = async () => {
    const r = await seconded()
    await schedule(r, 'mt-2')
    await r.must('p-ld', 'requestFloor', { motion: 'mo-1' })
    return r
  }
  const leave = (r: StreetEngine, person: string, destination = 'Tianjin') =>
    r.must(CLERK, 'recordDeparture', { person, destination })

  const chairOnly = [
    ['amendCharter', { charter: charter({ passMark: 3 }) }],
    ['appointRepresentative', { person: 'p-vol', kind: 'other-social-force', organisation: null }],
    [
      'appointRepresentatives',
      { representatives: [{ person: 'p-vol', kind: 'other-social-force', organisation: null }] },
    ],
    ['removeRepresentative', { person: 'p-police' }],
    ['appointSupervisor', { person: 'p-vol', body: 'Volunteers' }],
    ['setSchedule', { schedule: sanWuWu() }],
    ['putOnAgenda', { matter: 'm-1', meeting: 'mt-2' }],
    ['scheduleMeeting', { meeting: 'mt-3', scheduledFor: '2024-06-15T15:00:00+08:00' }],
    ['openMeeting', { meeting: 'mt-2', present: SIX }],
    ['cancelMeeting', { meeting: 'mt-2', reason: 'Rain' }],
    ['adjournMeeting', { meeting: 'mt-1' }],
    ['grantFloor', { motion: 'mo-1', speaker: 'p-ld' }],
    ['openVoting', { motion: 'mo-1' }],
    ['closeVoting', { motion: 'mo-1' }],
    ['postponeMotion', { motion: 'mo-1' }],
    ['referMotion', { motion: 'mo-1', to: 'Committee' }],
    [
      'assignTask',
      {
        task: 't-1',
        matter: 'm-1',
        owner: byPerson('r-1'),
        description: 'Stations',
        due: '2024-06-30T18:00:00+08:00',
      },
    ],
    [
      'holdCoordination',
      { matter: 'm-1', attendees: ['party-committee', 'resident'], settlements: [] },
    ],
    ['beginSupervision', { matter: 'm-1' }],
    ['openEvaluation', { matter: 'm-1' }],
    ['closeEvaluation', { matter: 'm-1' }],
  ] as const

  it.each(chairOnly)(
    'a chair who has left the street may %s no more (chair-in-street)',
    async (type, payload) => {
      const r = await busyHall()
      await leave(r, CHAIR)
      const before = await r.hall()
      expect(await refusedWithoutTrace(r, () => r.send(CHAIR, type, payload))).toMatchObject(
        rule('chair-in-street'),
      )
      expect(await r.hall()).toEqual(before)
      // Anyone else is still simply not the chair.
      expect(await refusedWithoutTrace(r, () => r.send('p-rc', type, payload))).toMatchObject(
        forbiddenTo('p-rc', type, CHAIR_ROLE),
      )
    },
  )

  it('a chair who left and came back chairs no more until the chair is handed over (chair-in-street)', async () => {
    const r = await busyHall()
    await submit(r, 'd-9', 'r-1')
    await leave(r, CHAIR)
    // Back a year later, to the community: the registry has them living in the street again.
    await r.must(CLERK, 'moveResident', { person: CHAIR, to: place('community', 'c-j') })
    const registry = await r.registry()
    const before = await r.hall()
    expect(chairActs(registry, before)).toBe(false)
    for (const [type, payload] of chairOnly)
      expect(await refusedWithoutTrace(r, () => r.send(CHAIR, type, payload)), type).toMatchObject(
        rule('chair-in-street'),
      )
    // Nor do they set topics as the chair (the hotline they still take as the party committee's
    // representative, a seat not bound to where they live).
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'aggregateDemands', { matter: 'm-9', title: 'Lift', demands: ['d-9'] }),
      ),
    ).toMatchObject({ code: 'Forbidden', actor: CHAIR, command: 'aggregateDemands' })
    expect(await r.hall()).toEqual(before)
    // The registrar hands the chair over — back to them is a handover too (not same-chair), and
    // their new start.
    const handed = await r.must(CLERK, 'handOverChair', { chair: CHAIR, basis: 'Wu is back' })
    const at = handed.events[0]?.event.at
    const hall = await r.hall()
    expect(hall.handovers).toEqual([{ from: CHAIR, to: CHAIR, by: CLERK, at, basis: 'Wu is back' }])
    expect(chairSince(hall)).toBe(at)
    expect(chairActs(await r.registry(), hall)).toBe(true)
    await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    await r.must(CHAIR, 'aggregateDemands', { matter: 'm-9', title: 'Lift', demands: ['d-9'] })
    // Acting again, they hold the chair: handing it to them once more is same-chair.
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CLERK, 'handOverChair', { chair: CHAIR, basis: 'Again' }),
      ),
    ).toMatchObject(rule('same-chair'))
  })

  it('a departure at the very instant the chair was named breaks their residency; one before it does not (chair-in-street)', async () => {
    const r = await seedJCommunity()
    await r.must(
      CLERK,
      'handOverChair',
      { chair: 'p-rc', basis: 'Sun chairs' },
      '2024-06-01T09:00:00+08:00',
    )
    // The same instant on the registry: Sun leaves and comes straight back.
    await r.must(
      CLERK,
      'recordDeparture',
      { person: 'p-rc', destination: 'Tianjin' },
      '2024-06-01T09:00:00+08:00',
    )
    await r.must(
      CLERK,
      'moveResident',
      { person: 'p-rc', to: place('community', 'c-j') },
      '2024-06-01T09:00:00+08:00',
    )
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(
          'p-rc',
          'scheduleMeeting',
          {
            meeting: 'mt-9',
            scheduledFor: '2024-06-15T15:00:00+08:00',
          },
          '2024-06-01T09:30:00+08:00',
        ),
      ),
    ).toMatchObject(rule('chair-in-street'))
    // A departure before the handover that named them does not count: Wu left and came back, and
    // was then named chair again.
    await r.must(
      CLERK,
      'handOverChair',
      { chair: CHAIR, basis: 'Wu chairs again' },
      '2024-06-01T10:00:00+08:00',
    )
    await r.must(
      CHAIR,
      'scheduleMeeting',
      {
        meeting: 'mt-9',
        scheduledFor: '2024-06-15T15:00:00+08:00',
      },
      '2024-06-01T10:05:00+08:00',
    )
  })

  it('a chair who has left the street sets no topic either', async () => {
    const r = await seedJCommunity()
    await submit(r, 'd-1', 'r-1')
    await leave(r, CHAIR)
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Lift', demands: ['d-1'] }),
      ),
    ).toMatchObject({ code: 'Forbidden', actor: CHAIR, command: 'aggregateDemands' })
  })

  it('a hall is not opened under a chair who does not live in the street (chair-in-street)', async () => {
    const r = await seedJCommunity()
    // p-prop, the property manager, is a person of the registry with no home in the street.
    expect(
      await refusedWithoutTrace(r, () =>
        sendToHall(r, 'h-small', CLERK, 'openHall', {
          name: 'Small hall',
          place: place('compound', 'k-j'),
          charter: charter(),
          chair: 'p-prop',
        }),
      ),
    ).toMatchObject(rule('chair-in-street'))
  })
})

describe('handing the chair over (handOverChair): a registrar over the hall’s place names the next chair', () => {
  const leave = (r: StreetEngine, person: string, destination = 'Tianjin') =>
    r.must(CLERK, 'recordDeparture', { person, destination })
  const BASIS = 'Wu left the street; the community party committee designated Director Sun'

  it('after the chair leaves, a registrar hands the chair over and the open meeting carries on', async () => {
    const r = await seconded()
    await leave(r, CHAIR)
    const handled = await r.must(CLERK, 'handOverChair', { chair: 'p-rc', basis: BASIS })
    expect(handled.events.map((e) => e.event)).toEqual([
      expect.objectContaining({
        type: 'chairHandedOver',
        actor: CLERK,
        from: CHAIR,
        to: 'p-rc',
        basis: BASIS,
      }),
    ])
    const at = handled.events[0]?.event.at
    const hall = await r.hall()
    expect(hall.hall?.chair).toBe('p-rc')
    expect(hall.handovers).toEqual([{ from: CHAIR, to: 'p-rc', by: CLERK, at, basis: BASIS }])
    expect(chairTerms(hall)).toEqual([
      { chair: CHAIR, since: hall.hall?.openedAt, until: at, handedOverBy: null, basis: null },
      { chair: 'p-rc', since: at, until: null, handedOverBy: CLERK, basis: BASIS },
    ])
    // The hall's authority outlives the person: the new chair runs the meeting mt-1 opened under Wu.
    await r.must('p-ld', 'requestFloor', { motion: 'mo-1' })
    await r.must('p-rc', 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    await r.must('p-rc', 'openVoting', { motion: 'mo-1' })
    for (const person of ['p-rc', 'r-1', 'p-ld'])
      await r.must(person, 'castVote', { motion: 'mo-1', choice: 'yes' })
    await r.must('p-rc', 'closeVoting', { motion: 'mo-1' })
    expect(await statusOf(r, 'm-1')).toBe('decided')
    // The former chair is no chair at all now.
    expect(
      await refusedWithoutTrace(r, () => r.send(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })),
    ).toMatchObject(forbiddenTo(CHAIR, 'adjournMeeting', CHAIR_ROLE))
  })

  it('a chair who stays may be succeeded too, and then acts as chair no more', async () => {
    const r = await seedJCommunity()
    await r.must(CLERK, 'handOverChair', { chair: 'r-3', basis: 'Wu stepped down' })
    await r.must(CLERK, 'handOverChair', { chair: CHAIR, basis: 'Wu is back' })
    const hall = await r.hall()
    expect(hall.hall?.chair).toBe(CHAIR)
    expect(chairTerms(hall).map((t) => [t.chair, t.handedOverBy, t.basis])).toEqual([
      [CHAIR, null, null],
      ['r-3', CLERK, 'Wu stepped down'],
      [CHAIR, CLERK, 'Wu is back'],
    ])
    await r.must(CLERK, 'handOverChair', { chair: 'r-3', basis: 'Wu stepped down again' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'scheduleMeeting', {
          meeting: 'mt-9',
          scheduledFor: '2024-06-01T09:00:00+08:00',
        }),
      ),
    ).toMatchObject(forbiddenTo(CHAIR, 'scheduleMeeting', CHAIR_ROLE))
    await r.must('r-3', 'scheduleMeeting', {
      meeting: 'mt-9',
      scheduledFor: '2024-06-01T09:00:00+08:00',
    })
  })

  it('only a registrar over the hall’s place hands the chair over', async () => {
    const r = await seedJCommunity()
    for (const actor of [CHAIR, 'p-rc', 'p-head-1', 'p-group'])
      expect(
        await refusedWithoutTrace(r, () =>
          r.send(actor, 'handOverChair', { chair: 'r-3', basis: BASIS }),
        ),
      ).toMatchObject(forbiddenTo(actor, 'handOverChair', ['registrar@community:c-j']))
  })

  it('the chair is handed to someone who lives in the street (chair-in-street), not to the chair (same-chair)', async () => {
    const r = await seedJCommunity()
    const handOver = (chair: string) => r.send(CLERK, 'handOverChair', { chair, basis: BASIS })
    expect(await refusedWithoutTrace(r, () => handOver('p-nobody'))).toMatchObject({
      code: 'NotFound',
      entity: 'person',
      id: 'p-nobody',
    })
    // p-prop has no home in the street; r-5 has left it.
    await leave(r, 'r-5')
    for (const person of ['p-prop', 'r-5'])
      expect(await refusedWithoutTrace(r, () => handOver(person))).toMatchObject(
        rule('chair-in-street'),
      )
    expect(await refusedWithoutTrace(r, () => handOver(CHAIR))).toMatchObject(rule('same-chair'))
    // An entrance hall's chair may live elsewhere in the street, as at its opening: r-1 lives at
    // e-1 and may chair the hall of e-2.
    await sendToHall(r, 'h-e2', CLERK, 'openHall', {
      name: 'Building 2 hall',
      place: place('entrance', 'e-2'),
      charter: charter(),
      chair: 'p-head-2',
    })
    const handled = await sendToHall(r, 'h-e2', CLERK, 'handOverChair', {
      chair: 'r-1',
      basis: BASIS,
    })
    expect(E.isRight(handled)).toBe(true)
  })
})

describe('a resident representative acts only while living at the hall’s place (not-a-resident)', () => {
  const leave = (r: StreetEngine, person: string, destination = 'Tianjin') =>
    r.must(CLERK, 'recordDeparture', { person, destination })

  it('a resident representative who has left the street moves, seconds, asks for the floor and votes no more (not-a-resident)', async () => {
    const r = await seconded()
    await move(r, 'mo-2', 'p-rc', { amends: 'mo-1' })
    await leave(r, 'r-1')
    const attempts: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ['moveMotion', { meeting: 'mt-1', motion: 'mo-3', matter: 'm-1', text: 'Mine' }],
      ['secondMotion', { motion: 'mo-2' }],
      ['requestFloor', { motion: 'mo-1' }],
    ]
    for (const [type, payload] of attempts)
      expect(await refusedWithoutTrace(r, () => r.send('r-1', type, payload))).toMatchObject(
        rule('not-a-resident'),
      )
    await r.must('p-rc', 'withdrawMotion', { motion: 'mo-2' })
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('r-1', 'castVote', { motion: 'mo-1', choice: 'yes' }),
      ),
    ).toMatchObject(rule('not-a-resident'))
    // The other representatives vote as before; r-1 keeps the seat until removed.
    await r.must('p-rc', 'castVote', { motion: 'mo-1', choice: 'yes' })
    expect(lookup((await r.hall()).representatives, 'r-1' as never)).toBeDefined()
    await r.must(CHAIR, 'removeRepresentative', { person: 'r-1' })
  })

  it('a resident representative who has left withdraws their motion no more; the chair deals with it (not-a-resident)', async () => {
    const r = await inSession()
    await move(r, 'mo-1', 'r-1')
    await second(r, 'mo-1', 'p-ld')
    await leave(r, 'r-1')
    expect(
      await refusedWithoutTrace(r, () => r.send('r-1', 'withdrawMotion', { motion: 'mo-1' })),
    ).toMatchObject(rule('not-a-resident'))
    await r.must(CHAIR, 'postponeMotion', { motion: 'mo-1' })
    expect((await motionOf(r, 'mo-1'))?.status).toBe('postponed')
  })

  it('one who moves out of the hall’s place, inside the street, acts no more there either (not-a-resident)', async () => {
    const r = await seedJCommunity()
    const hall = (actor: string, type: string, payload: Record<string, unknown>) =>
      sendToHall(r, 'h-e2', actor, type, payload)
    const must = async (actor: string, type: string, payload: Record<string, unknown>) => {
      const result = await hall(actor, type, payload)
      if (E.isLeft(result)) throw new Error(`${type} was refused: ${result.left.message}`)
    }
    await must(CLERK, 'openHall', {
      name: 'Building 2 hall',
      place: place('entrance', 'e-2'),
      charter: charter(),
      chair: 'p-head-2',
    })
    for (const person of ['r-3', 'r-4'])
      await must('p-head-2', 'appointRepresentative', {
        person,
        kind: 'resident',
        organisation: null,
      })
    await r.must(CLERK, 'moveResident', { person: 'r-3', to: place('entrance', 'e-1') })
    await must('p-head-2', 'scheduleMeeting', {
      meeting: 'mt-e2',
      scheduledFor: '2024-05-20T19:00:00+08:00',
    })
    // r-3 no longer counts: r-4 alone is the quorum of the one representative who acts.
    await must('p-head-2', 'openMeeting', { meeting: 'mt-e2', present: ['r-3', 'r-4'] })
    const state = (await r.engine.load(hallStream(HallId.make('h-e2')))).state
    expect(lookup(state.meetings, MeetingId.make('mt-e2'))?.eligible).toEqual(['r-4'])
    expect(actingRepresentatives(state, await r.registry()).map((x) => x.person)).toEqual(['r-4'])
  })

  it('a resident representative who left and came back acts again while living at the hall’s place (not-a-resident)', async () => {
    const r = await seconded()
    await leave(r, 'r-1')
    expect(
      await refusedWithoutTrace(r, () => r.send('r-1', 'requestFloor', { motion: 'mo-1' })),
    ).toMatchObject(rule('not-a-resident'))
    // Back in building 1: the seat stayed on the roster, and the place is theirs again.
    await r.must(CLERK, 'moveResident', { person: 'r-1', to: place('entrance', 'e-1') })
    expect(
      actingRepresentatives(await r.hall(), await r.registry()).map((x) => x.person),
    ).toContain('r-1')
    await r.must('r-1', 'requestFloor', { motion: 'mo-1' })
    await r.must(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' })
    await r.must(CHAIR, 'openVoting', { motion: 'mo-1' })
    await r.must('r-1', 'castVote', { motion: 'mo-1', choice: 'yes' })
  })

  it('quorum counts the representatives who act, present and in all', async () => {
    const r = await withAgenda()
    await leave(r, 'r-1')
    // Three of six present would be a quorum of half; but r-1 has left: two of the five who act.
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'openMeeting', { meeting: 'mt-1', present: ['p-chair', 'p-rc', 'r-1'] }),
      ),
    ).toMatchObject(rule('quorum'))
    await open(r, ['p-chair', 'p-rc', 'r-1', 'p-ld'])
    expect((await meetingOf(r, 'mt-1'))?.eligible).toEqual(['p-chair', 'p-rc', 'p-ld'])
  })

  it('a resident representative who has left takes no hotline call for the hall', async () => {
    const r = await seedJCommunity()
    await leave(r, 'r-1')
    expect(
      await refusedWithoutTrace(r, () =>
        r.send('r-1', 'submitDemand', {
          demand: 'd-1',
          resident: 'r-3',
          channel: 'hotline',
          text: 'A call',
        }),
      ),
    ).toMatchObject({ code: 'Forbidden', actor: 'r-1', command: 'submitDemand' })
    // p-rc, a representative of the residents' committee, still does.
    await r.must('p-rc', 'submitDemand', {
      demand: 'd-1',
      resident: 'r-3',
      channel: 'hotline',
      text: 'A call',
    })
  })

  it('the balance rule counts the representatives who act: one who has left is removed, and a migrant mends the roster (hall-balance)', async () => {
    // Six locals and the migrants r-2 and r-4, within a tolerance of 4.
    const r = await seedJCommunity(charter({ balance: { tolerance: 6 } }))
    for (const person of ['r-2', 'r-4'])
      await r.must(CHAIR, 'appointRepresentative', { person, kind: 'resident', organisation: null })
    await r.must(CHAIR, 'amendCharter', { charter: charter({ balance: { tolerance: 4 } }) })
    await leave(r, 'r-2')
    // One migrant acts against six locals: removing r-2 leaves it no worse.
    await r.must(CHAIR, 'removeRepresentative', { person: 'r-2' })
    expect(
      await refusedWithoutTrace(r, () =>
        r.send(CHAIR, 'appointRepresentative', {
          person: 'p-vol',
          kind: 'other-social-force',
          organisation: null,
        }),
      ),
    ).toMatchObject(rule('hall-balance'))
    await r.must(CHAIR, 'appointRepresentative', {
      person: 'r-6',
      kind: 'resident',
      organisation: null,
    })
  })
})
