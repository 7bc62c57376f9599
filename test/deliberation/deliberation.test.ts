import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeWith, type DomainError } from '../../src/core/index.js'
import { deliberation } from '../../src/deliberation/index.js'
import {
  CHAIR,
  charter,
  CLERK,
  HALL,
  refusal,
  seedJCommunity,
  type StreetEngine,
} from './fixtures.js'

// The rules of each field file are specified over the pure decider, with the test kit, in
// hall.spec.test.ts, demand.spec.test.ts, meeting.spec.test.ts, motion.spec.test.ts,
// vote.spec.test.ts, task.spec.test.ts, evaluation.spec.test.ts, schedule.spec.test.ts and
// authorisation.spec.test.ts; the queries in queries.test.ts. What stays here runs on the engine:
// the context it loads, and decoding (bad input is refused with a DecodeError and stores nothing).

// ---------------------------------------------------------------------------------------------
// Helpers

/** The six representatives of J community's hall, one per participant kind. */
const SIX = ['p-chair', 'p-rc', 'r-1', 'p-ld', 'p-prop', 'p-police'] as const

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

const byPerson = (person: string) => ({ kind: 'person', person })

// ---------------------------------------------------------------------------------------------
// Context

describe('context: the engine loads the hall and the registry of the command’s street', () => {
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
})

// ---------------------------------------------------------------------------------------------
// The hall

describe('the seats rule (seats-full): no more representatives than the charter’s seats', () => {
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
