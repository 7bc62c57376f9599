/**
 * Volunteer teams on the engine: bad input refused with the path of the bad field, and no
 * change. The teams' and service records' rules are specs over the pure decider
 * (`teams.spec.test.ts`, `service-records.spec.test.ts`).
 */
import { describe, expect, it } from 'vitest'
import { lookup, TeamId } from '../../src/core/index.js'
import { type Team } from '../../src/integration/index.js'
import {
  EAST_CLERK,
  place,
  seedIntegration,
  type IntegrationStreet,
  refusedWithoutTrace,
} from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const TEAM = 't-patrol'
const EAST = place('community', 'c-east')
/**
 * When the service recorded below was done: the minute {@link withPatrol} forms the patrol (the
 * first command after the fixture's seed), so before every recording and not before the team.
 */
const SERVED = '2024-06-01T08:47:00+08:00'

const teamOf = async (r: IntegrationStreet, id = TEAM): Promise<Team> => {
  const team = lookup((await r.state()).teams, TeamId.make(id))
  if (team === undefined) throw new Error(`team ${id} was never formed`)
  return team
}

const formPatrol = (r: IntegrationStreet, over: Record<string, unknown> = {}) =>
  r.must(EAST_CLERK, 'formTeam', {
    team: TEAM,
    name: 'Honghu Volunteer Patrol',
    kind: 'patrol',
    place: EAST,
    leader: 'p-wang',
    ...over,
  })

/** The street with the patrol formed under p-wang, and m-2 and m-3 in it. */
const withPatrol = async (): Promise<IntegrationStreet> => {
  const r = await seedIntegration()
  await formPatrol(r)
  // Service is served no earlier than its team was formed: keep SERVED on the formation's minute.
  expect((await teamOf(r)).formedAt).toBe(SERVED)
  await r.must('m-2', 'joinTeam', { team: TEAM, volunteer: 'm-2' })
  await r.must('m-3', 'joinTeam', { team: TEAM, volunteer: 'm-3' })
  return r
}

const service = (record: string, volunteer: string, over: Record<string, unknown> = {}) => ({
  team: TEAM,
  record,
  volunteer,
  activity: 'Evening patrol of the East compound',
  minutes: 90,
  servedOn: SERVED,
  ...over,
})

// ---------------------------------------------------------------------------------------------

describe('bad input: a typed error with the path of the bad field, and no change', () => {
  const badInput: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
    [
      'formTeam',
      { team: 't-2', name: 'X', kind: 'choir', place: EAST, leader: 'p-wang' },
      '$.kind',
    ],
    [
      'formTeam',
      { team: 't-2', name: 'X', kind: 'service', place: place('grid', 'g-east'), leader: 'p-wang' },
      '$.place.level',
    ],
    [
      'formTeam',
      { team: 't-2', name: '', kind: 'service', place: EAST, leader: 'p-wang' },
      '$.name',
    ],
    ['joinTeam', { team: TEAM }, '$.volunteer'],
    ['leaveTeam', { team: TEAM, volunteer: 7 }, '$.volunteer'],
    ['changeTeamLeader', { team: TEAM, leader: null }, '$.leader'],
    ['recordService', service('sr-9', 'm-2', { minutes: 0 }), '$.minutes'],
    ['recordService', service('sr-9', 'm-2', { minutes: 1441 }), '$.minutes'],
    ['recordService', service('sr-9', 'm-2', { minutes: 1.5 }), '$.minutes'],
    [
      'recordService',
      service('sr-9', 'm-2', { servedOn: '2024-02-30T10:00:00+08:00' }),
      '$.servedOn',
    ],
    ['recordService', service('sr-9', 'm-2', { activity: '' }), '$.activity'],
    ['rejectService', { team: TEAM, record: 'sr-1' }, '$.reason'],
    ['verifyService', { team: TEAM, record: 'sr-1', points: 3 }, '$.points'],
  ]

  it.each(badInput.map(([type, payload, path]) => [type, path, payload] as const))(
    '%s: a DecodeError at %s',
    async (type, path, payload) => {
      const r = await withPatrol()
      await r.must('m-2', 'recordService', service('sr-1', 'm-2'))
      const error = await refusedWithoutTrace(r, () => r.send('p-wang', type, payload))
      expect(error.code).toBe('DecodeError')
      if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toEqual([path])
    },
  )
})
