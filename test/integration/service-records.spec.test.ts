/**
 * Records of volunteer service (value integration, `src/integration/service-records.ts`), over
 * the pure decider: recording service, the leader verifying or rejecting it, and the service
 * hours read from the records.
 */
import { describe, expect, it } from 'vitest'
import { lookup, ServiceRecordId, TeamId } from '../../src/core/index.js'
import { serviceHours, type ServiceRecord, type Team } from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  place,
  seeded,
  type Street,
  forbiddenTo,
  rule,
} from './spec-fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const TEAM = 't-patrol'
const EAST = place('community', 'c-east')
/**
 * When the service recorded below was done: the minute {@link withPatrol} forms the patrol (the
 * first command after the fixture's seed), so before every recording and not before the team.
 */
const SERVED = '2024-06-01T08:47:00+08:00'
/** Two days before the patrol was formed. */
const BEFORE_THE_TEAM = '2024-05-30T19:00:00+08:00'

const teamOf = (r: Street, id = TEAM): Team => {
  const team = lookup(r.state.teams, TeamId.make(id))
  if (team === undefined) throw new Error(`team ${id} was never formed`)
  return team
}
const recordOf = (r: Street, id: string): ServiceRecord => {
  const record = lookup(r.state.records, ServiceRecordId.make(id))
  if (record === undefined) throw new Error(`record ${id} was never recorded`)
  return record
}

const leaderOf = (team = TEAM) => `the leader of team ${team}`

const formPatrol = (r: Street, over: Record<string, unknown> = {}) =>
  r.must(EAST_CLERK, 'formTeam', {
    team: TEAM,
    name: 'Honghu Volunteer Patrol',
    kind: 'patrol',
    place: EAST,
    leader: 'p-wang',
    ...over,
  })

/** The street with the patrol formed under p-wang, and m-2 and m-3 in it. */
const withPatrol = (): Street => {
  const r = seeded()
  formPatrol(r)
  // Service is served no earlier than its team was formed: keep SERVED on the formation's minute.
  expect(teamOf(r).formedAt).toBe(SERVED)
  r.must('m-2', 'joinTeam', { team: TEAM, volunteer: 'm-2' })
  r.must('m-3', 'joinTeam', { team: TEAM, volunteer: 'm-3' })
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

/** Records that `person` left the street (which transfers a party member out with them). */
const depart = (r: Street, person: string) =>
  r.must(CLERK, 'recordDeparture', { person, destination: 'Honghu, Hubei' })

/** Makes `person` a party member who has reported to the East community (embedded). */
const embed = (r: Street, person: string): void => {
  r.must('p-zhou', 'discoverMember', {
    person,
    organisation: 'o-east',
    found: 'pocket',
    homeOrganisation: 'Honghu County Committee',
  })
  r.must('p-zhou', 'contactMember', { member: person })
  r.must(person, 'reportToCommunity', {
    member: person,
    community: 'c-east',
    organisation: 'o-east',
  })
}

// ---------------------------------------------------------------------------------------------

describe('recording service', () => {
  it('a volunteer records their own service, and the leader records a volunteer’s', () => {
    const r = withPatrol()
    const handled = r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    r.must('p-wang', 'recordService', service('sr-2', 'm-3', { minutes: 45 }))
    expect(recordOf(r, 'sr-1')).toEqual({
      id: 'sr-1',
      team: TEAM,
      volunteer: 'm-2',
      activity: 'Evening patrol of the East compound',
      minutes: 90,
      servedOn: SERVED,
      status: 'recorded',
      recordedBy: 'm-2',
      recordedAt: handled.events[0]?.at,
      reviewedBy: null,
      rejection: null,
      rewardedBy: null,
    })
    expect(recordOf(r, 'sr-2')).toMatchObject({ volunteer: 'm-3', recordedBy: 'p-wang' })
  })

  it('nobody records another volunteer’s service but the leader', () => {
    const r = withPatrol()
    r.when('m-3', 'recordService', service('sr-1', 'm-2')).thenRefused(
      forbiddenTo('m-3', 'recordService', ['m-2 in person', leaderOf()]),
    )
  })

  it('service is recorded for a volunteer of the team', () => {
    const r = withPatrol()
    r.when('p-wang', 'recordService', service('sr-1', 'm-4')).thenRefused(rule('not-in-team'))
  })

  it('service is recorded once it has been done, not ahead', () => {
    const r = withPatrol()
    r.when(
      'm-2',
      'recordService',
      service('sr-1', 'm-2', { servedOn: '2024-07-01T19:00:00+08:00' }),
    ).thenRefused(rule('service-in-future'))
    // Served at the very minute of recording is not ahead.
    r.must('m-2', 'recordService', service('sr-1', 'm-2', { servedOn: r.nextAt() }))
  })

  it('service is recorded for a volunteer who still lives in the street', () => {
    const r = withPatrol()
    depart(r, 'm-2')
    for (const actor of ['m-2', 'p-wang']) {
      r.when(actor, 'recordService', service('sr-1', 'm-2')).thenRefused(rule('not-a-resident'))
    }
  })

  it('service is not recorded as served before the team was formed (service-before-team)', () => {
    const r = withPatrol()
    for (const actor of ['m-2', 'p-wang']) {
      r.when(
        actor,
        'recordService',
        service('sr-1', 'm-2', { servedOn: BEFORE_THE_TEAM }),
      ).thenRefused(rule('service-before-team'))
    }
    // Served the very minute the team was formed is the team's.
    const formedAt = teamOf(r).formedAt
    r.must('m-2', 'recordService', service('sr-1', 'm-2', { servedOn: formedAt }))
    expect(recordOf(r, 'sr-1').servedOn).toBe(formedAt)
  })

  it('a record id is used once', () => {
    const r = withPatrol()
    r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    r.when('m-3', 'recordService', service('sr-1', 'm-3')).thenRefused({
      code: 'AlreadyExists',
      entity: 'service record',
      id: 'sr-1',
    })
  })
})

describe('verifying service', () => {
  const withRecords = (): Street => {
    const r = withPatrol()
    r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    r.must('m-3', 'recordService', service('sr-2', 'm-3', { minutes: 30 }))
    r.must('p-wang', 'recordService', service('sr-own', 'p-wang'))
    return r
  }

  it('the team’s leader verifies a record', () => {
    const r = withRecords()
    r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' })
    expect(recordOf(r, 'sr-1')).toMatchObject({ status: 'verified', reviewedBy: 'p-wang' })
  })

  it('the team’s leader rejects a record, with the reason', () => {
    const r = withRecords()
    r.must('p-wang', 'rejectService', {
      team: TEAM,
      record: 'sr-2',
      reason: 'Not on the rota',
    })
    expect(recordOf(r, 'sr-2')).toMatchObject({
      status: 'rejected',
      reviewedBy: 'p-wang',
      rejection: 'Not on the rota',
    })
  })

  it('nobody but the team’s leader reviews service: not the volunteer, not a registrar', () => {
    const r = withRecords()
    for (const actor of ['m-2', 'm-3', CLERK]) {
      r.when(actor, 'verifyService', { team: TEAM, record: 'sr-1' }).thenRefused(
        forbiddenTo(actor, 'verifyService', [leaderOf()]),
      )
    }
    r.when('m-3', 'rejectService', { team: TEAM, record: 'sr-1', reason: 'x' }).thenRefused(
      forbiddenTo('m-3', 'rejectService', [leaderOf()]),
    )
  })

  it('a leader never reviews their own service', () => {
    const r = withRecords()
    for (const [type, extra] of [
      ['verifyService', {}],
      ['rejectService', { reason: 'x' }],
    ] as const) {
      r.when('p-wang', type, { team: TEAM, record: 'sr-own', ...extra }).thenRefused(
        rule('reviews-own-service'),
      )
    }
    // Once the team is handed over, the new leader verifies it.
    embed(r, 'm-2')
    r.must(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' })
    r.must('m-2', 'verifyService', { team: TEAM, record: 'sr-own' })
    expect(recordOf(r, 'sr-own').reviewedBy).toBe('m-2')
  })

  it('a leader never verifies service they recorded for a volunteer: nobody both records and verifies', () => {
    const r = withPatrol()
    r.must('p-wang', 'recordService', service('sr-1', 'm-2'))
    for (const [type, extra] of [
      ['verifyService', {}],
      ['rejectService', { reason: 'x' }],
    ] as const) {
      r.when('p-wang', type, { team: TEAM, record: 'sr-1', ...extra }).thenRefused(
        rule('reviews-own-service'),
      )
    }
    // A leader who did not record it reviews it.
    embed(r, 'm-3')
    r.must(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-3' })
    r.must('m-3', 'verifyService', { team: TEAM, record: 'sr-1' })
    expect(recordOf(r, 'sr-1')).toMatchObject({ recordedBy: 'p-wang', reviewedBy: 'm-3' })
  })

  it('a record is reviewed once', () => {
    const r = withRecords()
    r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' })
    r.must('p-wang', 'rejectService', {
      team: TEAM,
      record: 'sr-2',
      reason: 'Not on the rota',
    })
    for (const [record, type, state] of [
      ['sr-1', 'verifyService', 'verified'],
      ['sr-1', 'rejectService', 'verified'],
      ['sr-2', 'verifyService', 'rejected'],
      ['sr-2', 'rejectService', 'rejected'],
    ] as const) {
      r.when('p-wang', type, {
        team: TEAM,
        record,
        ...(type === 'rejectService' ? { reason: 'x' } : {}),
      }).thenRefused({
        code: 'IllegalTransition',
        machine: 'service record',
        state,
        command: type,
      })
    }
  })

  it('a leader reviews the records of their own team only', () => {
    const r = withRecords()
    embed(r, 'm-4')
    r.must(EAST_CLERK, 'formTeam', {
      team: 't-care',
      name: 'Elder Care Team',
      kind: 'service',
      place: EAST,
      leader: 'm-4',
    })
    r.when('m-4', 'verifyService', { team: 't-care', record: 'sr-1' }).thenRefused({
      code: 'NotFound',
      entity: 'service record',
    })
    r.when('p-wang', 'verifyService', { team: TEAM, record: 'sr-none' }).thenRefused({
      code: 'NotFound',
      entity: 'service record',
    })
  })
})

describe('service hours (志愿服务时长)', () => {
  it('count verified service only, most hours first, per team when asked', () => {
    const r = withPatrol()
    r.must('m-2', 'recordService', service('sr-1', 'm-2', { minutes: 90 }))
    r.must('m-2', 'recordService', service('sr-2', 'm-2', { minutes: 60 }))
    r.must('m-3', 'recordService', service('sr-3', 'm-3', { minutes: 200 }))
    r.must('m-3', 'recordService', service('sr-4', 'm-3', { minutes: 600 }))
    r.must('m-2', 'recordService', service('sr-5', 'm-2', { minutes: 30 }))
    r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' })
    r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-2' })
    r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-3' })
    r.must('p-wang', 'rejectService', { team: TEAM, record: 'sr-4', reason: 'Twice' })
    // sr-5 stays recorded: not counted.
    const s = r.state
    expect(serviceHours(s)).toEqual([
      { volunteer: 'm-3', minutes: 200, hours: 200 / 60, records: ['sr-3'] },
      { volunteer: 'm-2', minutes: 150, hours: 2.5, records: ['sr-1', 'sr-2'] },
    ])
    expect(serviceHours(s, { team: TeamId.make(TEAM) })).toEqual(serviceHours(s))
    expect(serviceHours(s, { team: TeamId.make('t-other') })).toEqual([])
  })
})
