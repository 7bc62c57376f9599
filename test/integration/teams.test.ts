import * as E from 'fp-ts/lib/Either.js'
import { produce } from 'immer'
import { describe, expect, it } from 'vitest'
import { draftOf, lookup, PersonId, ServiceRecordId, TeamId } from '../../src/core/index.js'
import {
  IntegrationCommand,
  serviceHours,
  type IntegrationState,
  type ServiceRecord,
  type Team,
  decideIntegration,
} from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  place,
  refusal,
  seedIntegration,
  STREET,
  type IntegrationStreet,
  forbiddenTo,
  refusedWithoutTrace,
  rule,
} from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const TEAM = 't-patrol'
const EAST = place('community', 'c-east')
const STREET_PLACE = place('street', STREET)
/**
 * When the service recorded below was done: the minute {@link withPatrol} forms the patrol (the
 * first command after the fixture's seed), so before every recording and not before the team.
 */
const SERVED = '2024-06-01T08:47:00+08:00'
/** Two days before the patrol was formed. */
const BEFORE_THE_TEAM = '2024-05-30T19:00:00+08:00'

const teamOf = async (r: IntegrationStreet, id = TEAM): Promise<Team> => {
  const team = lookup((await r.state()).teams, TeamId.make(id))
  if (team === undefined) throw new Error(`team ${id} was never formed`)
  return team
}
const recordOf = async (r: IntegrationStreet, id: string): Promise<ServiceRecord> => {
  const record = lookup((await r.state()).records, ServiceRecordId.make(id))
  if (record === undefined) throw new Error(`record ${id} was never recorded`)
  return record
}

const leaderOf = (team = TEAM) => `the leader of team ${team}`

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

/** Records that `person` left the street (which transfers a party member out with them). */
const depart = (r: IntegrationStreet, person: string) =>
  r.must(CLERK, 'recordDeparture', { person, destination: 'Honghu, Hubei' })

/** Makes `person` a party member who has reported to the East community (embedded). */
const embed = async (r: IntegrationStreet, person: string): Promise<void> => {
  await r.must('p-zhou', 'discoverMember', {
    person,
    organisation: 'o-east',
    found: 'pocket',
    homeOrganisation: 'Honghu County Committee',
  })
  await r.must('p-zhou', 'contactMember', { member: person })
  await r.must(person, 'reportToCommunity', {
    member: person,
    community: 'c-east',
    organisation: 'o-east',
  })
}

// ---------------------------------------------------------------------------------------------

describe('forming a team', () => {
  it('a team is led by a party member who has reported to the community', async () => {
    const r = await seedIntegration()
    const handled = await formPatrol(r)
    expect(handled.events.map((e) => e.event.type)).toEqual(['teamFormed'])
    const team = await teamOf(r)
    expect(team).toMatchObject({
      id: TEAM,
      kind: 'patrol',
      place: EAST,
      leader: 'p-wang',
      disbandedAt: null,
    })
    expect(team.formedAt).toBe(handled.events[0]?.event.at)
  })

  it('the leader is the team’s first volunteer', async () => {
    const r = await seedIntegration()
    await formPatrol(r)
    expect((await teamOf(r)).volunteers).toEqual(['p-wang'])
  })

  it('a member only discovered, not yet reported to the community, cannot lead a team', async () => {
    const r = await seedIntegration()
    const error = await refusedWithoutTrace(r, () =>
      r.send(EAST_CLERK, 'formTeam', {
        team: TEAM,
        name: 'X',
        kind: 'service',
        place: EAST,
        leader: 'm-1',
      }),
    )
    expect(error).toMatchObject(rule('team-led-by-member'))
  })

  it('a resident who is no party member cannot lead a team', async () => {
    const r = await seedIntegration()
    const error = await refusedWithoutTrace(r, () =>
      r.send(EAST_CLERK, 'formTeam', {
        team: TEAM,
        name: 'X',
        kind: 'service',
        place: EAST,
        leader: 'l-1',
      }),
    )
    expect(error).toMatchObject(rule('team-led-by-member'))
  })

  it('the leader must be a person of the registry', async () => {
    const r = await seedIntegration()
    const error = await refusedWithoutTrace(r, () =>
      r.send(EAST_CLERK, 'formTeam', {
        team: TEAM,
        name: 'X',
        kind: 'service',
        place: EAST,
        leader: 'p-nobody',
      }),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'person', id: 'p-nobody' })
  })

  it('a registrar over the team’s place forms it: the street’s registrar too', async () => {
    const r = await seedIntegration()
    await formPatrol(r, { team: 't-east' })
    await r.must(CLERK, 'formTeam', {
      team: 't-street',
      name: 'Street Service Team',
      kind: 'service',
      place: STREET_PLACE,
      leader: 'p-wang',
    })
    expect((await teamOf(r, 't-street')).place).toEqual(STREET_PLACE)
  })

  it('nobody else forms a team: a community registrar over the street, a member, a resident', async () => {
    const r = await seedIntegration()
    for (const [actor, where] of [
      [EAST_CLERK, STREET_PLACE],
      ['p-wang', EAST],
      ['l-1', EAST],
    ] as const) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'formTeam', {
          team: TEAM,
          name: 'X',
          kind: 'service',
          place: where,
          leader: 'p-wang',
        }),
      )
      expect(error).toMatchObject(
        forbiddenTo(actor, 'formTeam', [`registrar@${where.level}:${where.id}`]),
      )
    }
  })

  it('a team sits at a place of the street, and its id is new', async () => {
    const r = await seedIntegration()
    const unknown = await refusedWithoutTrace(r, () =>
      r.send(CLERK, 'formTeam', {
        team: TEAM,
        name: 'X',
        kind: 'service',
        place: place('community', 'c-nowhere'),
        leader: 'p-wang',
      }),
    )
    expect(unknown).toMatchObject({ code: 'NotFound', entity: 'community', id: 'c-nowhere' })
    await formPatrol(r)
    const twice = await refusedWithoutTrace(r, () =>
      r.send(CLERK, 'formTeam', {
        team: TEAM,
        name: 'X',
        kind: 'service',
        place: EAST,
        leader: 'p-wang',
      }),
    )
    expect(twice).toMatchObject({ code: 'AlreadyExists', entity: 'team', id: TEAM })
  })

  it('a command on a team never formed finds no team', async () => {
    const r = await seedIntegration()
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'joinTeam', { team: 't-none', volunteer: 'm-2' }),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'team', id: 't-none' })
  })
})

describe('joining and leaving', () => {
  it('a resident of the street joins in person, migrant or local', async () => {
    const r = await withPatrol()
    await r.must('l-1', 'joinTeam', { team: TEAM, volunteer: 'l-1' })
    // w-1 lives in West: still the street's.
    await r.must('w-1', 'joinTeam', { team: TEAM, volunteer: 'w-1' })
    expect((await teamOf(r)).volunteers).toEqual(['p-wang', 'm-2', 'm-3', 'l-1', 'w-1'])
  })

  it('the team’s leader enrols a volunteer', async () => {
    const r = await withPatrol()
    await r.must('p-wang', 'joinTeam', { team: TEAM, volunteer: 'm-4' })
    expect((await teamOf(r)).volunteers).toContain('m-4')
  })

  it('nobody else enrols a volunteer', async () => {
    const r = await withPatrol()
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'joinTeam', { team: TEAM, volunteer: 'm-4' }),
    )
    expect(error).toMatchObject(forbiddenTo('m-2', 'joinTeam', ['m-4 in person', leaderOf()]))
  })

  it('a volunteer lives in the street', async () => {
    const r = await withPatrol()
    await r.must(CLERK, 'registerPerson', {
      person: 'p-visitor',
      name: 'Visitor',
      household: { status: 'registered' },
      home: null,
    })
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-visitor', 'joinTeam', { team: TEAM, volunteer: 'p-visitor' }),
    )
    expect(error).toMatchObject(rule('not-a-resident'))
    const unknown = await refusedWithoutTrace(r, () =>
      r.send('p-wang', 'joinTeam', { team: TEAM, volunteer: 'p-nobody' }),
    )
    expect(unknown).toMatchObject({ code: 'NotFound', entity: 'person', id: 'p-nobody' })
  })

  it('a volunteer joins a team once', async () => {
    const r = await withPatrol()
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'joinTeam', { team: TEAM, volunteer: 'm-2' }),
    )
    expect(error).toMatchObject(rule('already-in-team'))
  })

  it('a team holds at most 1,000 volunteers', async () => {
    const r = await withPatrol()
    const full = produce(await r.state(), (draft) => {
      const team = draftOf(draft.teams, TeamId.make(TEAM))
      if (team === undefined) throw new Error('no team')
      team.volunteers = Array.from({ length: 1000 }, (_, i) => `v-${i}`) as typeof team.volunteers
    })
    const join = IntegrationCommand.decode({
      type: 'joinTeam',
      commandId: 'cmd-full',
      at: r.nextAt(),
      actor: 'm-4',
      street: STREET,
      team: TEAM,
      volunteer: 'm-4',
    })
    if (E.isLeft(join) || join.right.type !== 'joinTeam') throw new Error('bad command')
    const context = { embedding: await r.street(), hall: null }
    expect(refusal(decideIntegration(join.right, full, context))).toMatchObject(rule('team-full'))
    // One fewer, and there is room.
    const room: IntegrationState = produce(full, (draft) => {
      draftOf(draft.teams, TeamId.make(TEAM))?.volunteers.pop()
    })
    expect(E.isRight(decideIntegration(join.right, room, context))).toBe(true)
  })

  it('a volunteer leaves in person, or the leader lets them go', async () => {
    const r = await withPatrol()
    await r.must('m-2', 'leaveTeam', { team: TEAM, volunteer: 'm-2' })
    await r.must('p-wang', 'leaveTeam', { team: TEAM, volunteer: 'm-3' })
    expect((await teamOf(r)).volunteers).toEqual(['p-wang'])
  })

  it('nobody else takes a volunteer out of a team', async () => {
    const r = await withPatrol()
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-3', 'leaveTeam', { team: TEAM, volunteer: 'm-2' }),
    )
    expect(error).toMatchObject(forbiddenTo('m-3', 'leaveTeam', ['m-2 in person', leaderOf()]))
  })

  it('only a volunteer of the team leaves it', async () => {
    const r = await withPatrol()
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-4', 'leaveTeam', { team: TEAM, volunteer: 'm-4' }),
    )
    expect(error).toMatchObject(rule('not-in-team'))
  })

  it('the leader does not walk away from the team: they hand it over first', async () => {
    const r = await withPatrol()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-wang', 'leaveTeam', { team: TEAM, volunteer: 'p-wang' }),
    )
    expect(error).toMatchObject(rule('leader-leaves'))
    await embed(r, 'm-2')
    await r.must(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' })
    await r.must('p-wang', 'leaveTeam', { team: TEAM, volunteer: 'p-wang' })
    expect(await teamOf(r)).toMatchObject({ leader: 'm-2', volunteers: ['m-2', 'm-3'] })
  })
})

describe('handing a team over and disbanding it', () => {
  it('a registrar hands the team to another embedded member of it', async () => {
    const r = await withPatrol()
    await embed(r, 'm-2')
    await r.must(CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' })
    const team = await teamOf(r)
    expect(team.leader).toBe('m-2')
    // The former leader stays a volunteer.
    expect(team.volunteers).toContain('p-wang')
  })

  it('the new leader is a party member who has reported to the community', async () => {
    const r = await withPatrol()
    await r.must('m-1', 'joinTeam', { team: TEAM, volunteer: 'm-1' })
    const error = await refusedWithoutTrace(r, () =>
      r.send(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-1' }),
    )
    expect(error).toMatchObject(rule('team-led-by-member'))
  })

  it('the new leader is a volunteer of the team', async () => {
    const r = await withPatrol()
    await embed(r, 'm-4')
    const error = await refusedWithoutTrace(r, () =>
      r.send(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-4' }),
    )
    expect(error).toMatchObject(rule('not-in-team'))
  })

  it('neither the leader nor a volunteer hands the team over', async () => {
    const r = await withPatrol()
    await embed(r, 'm-2')
    for (const actor of ['p-wang', 'm-2']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'changeTeamLeader', { team: TEAM, leader: 'm-2' }),
      )
      expect(error).toMatchObject(
        forbiddenTo(actor, 'changeTeamLeader', ['registrar@community:c-east']),
      )
    }
  })

  it('a registrar disbands the team; its leader does not', async () => {
    const r = await withPatrol()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-wang', 'disbandTeam', { team: TEAM }),
    )
    expect(error).toMatchObject(
      forbiddenTo('p-wang', 'disbandTeam', ['registrar@community:c-east']),
    )
    const handled = await r.must(EAST_CLERK, 'disbandTeam', { team: TEAM })
    expect((await teamOf(r)).disbandedAt).toBe(handled.events[0]?.event.at)
  })

  it('a disbanded team takes no new work: no volunteers, leaders or service', async () => {
    const r = await withPatrol()
    await embed(r, 'm-2')
    await r.must(EAST_CLERK, 'disbandTeam', { team: TEAM })
    const commands: ReadonlyArray<readonly [string, string, Record<string, unknown>]> = [
      ['m-4', 'joinTeam', { team: TEAM, volunteer: 'm-4' }],
      ['m-3', 'leaveTeam', { team: TEAM, volunteer: 'm-3' }],
      [EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' }],
      [EAST_CLERK, 'disbandTeam', { team: TEAM }],
      ['m-3', 'recordService', service('sr-2', 'm-3')],
    ]
    for (const [actor, type, payload] of commands) {
      const error = await refusedWithoutTrace(r, () => r.send(actor, type, payload))
      expect(error).toMatchObject(rule('team-disbanded'))
    }
  })

  it('the records a disbanded team left are still reviewed by its leader, not stranded', async () => {
    const r = await withPatrol()
    await r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    await r.must('m-3', 'recordService', service('sr-2', 'm-3'))
    await r.must(EAST_CLERK, 'disbandTeam', { team: TEAM })
    await r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' })
    await r.must('p-wang', 'rejectService', {
      team: TEAM,
      record: 'sr-2',
      reason: 'No patrol that day',
    })
    expect(await recordOf(r, 'sr-1')).toMatchObject({ status: 'verified', reviewedBy: 'p-wang' })
    expect(await recordOf(r, 'sr-2')).toMatchObject({ status: 'rejected', reviewedBy: 'p-wang' })
    // Still by its leader only, and once.
    const volunteer = await refusedWithoutTrace(r, () =>
      r.send('m-3', 'verifyService', { team: TEAM, record: 'sr-2' }),
    )
    expect(volunteer).toMatchObject(forbiddenTo('m-3', 'verifyService', [leaderOf()]))
    const again = await refusedWithoutTrace(r, () =>
      r.send('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' }),
    )
    expect(again).toMatchObject({ code: 'IllegalTransition', state: 'verified' })
  })
})

describe('recording service', () => {
  it('a volunteer records their own service, and the leader records a volunteer’s', async () => {
    const r = await withPatrol()
    const handled = await r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    await r.must('p-wang', 'recordService', service('sr-2', 'm-3', { minutes: 45 }))
    expect(await recordOf(r, 'sr-1')).toEqual({
      id: 'sr-1',
      team: TEAM,
      volunteer: 'm-2',
      activity: 'Evening patrol of the East compound',
      minutes: 90,
      servedOn: SERVED,
      status: 'recorded',
      recordedBy: 'm-2',
      recordedAt: handled.events[0]?.event.at,
      reviewedBy: null,
      rejection: null,
      rewardedBy: null,
    })
    expect(await recordOf(r, 'sr-2')).toMatchObject({ volunteer: 'm-3', recordedBy: 'p-wang' })
  })

  it('nobody records another volunteer’s service but the leader', async () => {
    const r = await withPatrol()
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-3', 'recordService', service('sr-1', 'm-2')),
    )
    expect(error).toMatchObject(forbiddenTo('m-3', 'recordService', ['m-2 in person', leaderOf()]))
  })

  it('service is recorded for a volunteer of the team', async () => {
    const r = await withPatrol()
    const error = await refusedWithoutTrace(r, () =>
      r.send('p-wang', 'recordService', service('sr-1', 'm-4')),
    )
    expect(error).toMatchObject(rule('not-in-team'))
  })

  it('service is recorded once it has been done, not ahead', async () => {
    const r = await withPatrol()
    const error = await refusedWithoutTrace(r, () =>
      r.send(
        'm-2',
        'recordService',
        service('sr-1', 'm-2', { servedOn: '2024-07-01T19:00:00+08:00' }),
      ),
    )
    expect(error).toMatchObject(rule('service-in-future'))
    // Served at the very minute of recording is not ahead.
    await r.must('m-2', 'recordService', service('sr-1', 'm-2', { servedOn: r.nextAt() }))
  })

  it('service is recorded for a volunteer who still lives in the street', async () => {
    const r = await withPatrol()
    await depart(r, 'm-2')
    for (const actor of ['m-2', 'p-wang']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'recordService', service('sr-1', 'm-2')),
      )
      expect(error).toMatchObject(rule('not-a-resident'))
    }
  })

  it('service is not recorded as served before the team was formed (service-before-team)', async () => {
    const r = await withPatrol()
    for (const actor of ['m-2', 'p-wang']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'recordService', service('sr-1', 'm-2', { servedOn: BEFORE_THE_TEAM })),
      )
      expect(error).toMatchObject(rule('service-before-team'))
    }
    // Served the very minute the team was formed is the team's.
    const formedAt = (await teamOf(r)).formedAt
    await r.must('m-2', 'recordService', service('sr-1', 'm-2', { servedOn: formedAt }))
    expect((await recordOf(r, 'sr-1')).servedOn).toBe(formedAt)
  })

  it('a record id is used once', async () => {
    const r = await withPatrol()
    await r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-3', 'recordService', service('sr-1', 'm-3')),
    )
    expect(error).toMatchObject({ code: 'AlreadyExists', entity: 'service record', id: 'sr-1' })
  })
})

describe('verifying service', () => {
  const withRecords = async (): Promise<IntegrationStreet> => {
    const r = await withPatrol()
    await r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    await r.must('m-3', 'recordService', service('sr-2', 'm-3', { minutes: 30 }))
    await r.must('p-wang', 'recordService', service('sr-own', 'p-wang'))
    return r
  }

  it('the team’s leader verifies a record', async () => {
    const r = await withRecords()
    await r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' })
    expect(await recordOf(r, 'sr-1')).toMatchObject({ status: 'verified', reviewedBy: 'p-wang' })
  })

  it('the team’s leader rejects a record, with the reason', async () => {
    const r = await withRecords()
    await r.must('p-wang', 'rejectService', {
      team: TEAM,
      record: 'sr-2',
      reason: 'Not on the rota',
    })
    expect(await recordOf(r, 'sr-2')).toMatchObject({
      status: 'rejected',
      reviewedBy: 'p-wang',
      rejection: 'Not on the rota',
    })
  })

  it('nobody but the team’s leader reviews service: not the volunteer, not a registrar', async () => {
    const r = await withRecords()
    for (const actor of ['m-2', 'm-3', CLERK]) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'verifyService', { team: TEAM, record: 'sr-1' }),
      )
      expect(error).toMatchObject(forbiddenTo(actor, 'verifyService', [leaderOf()]))
    }
    const rejected = await refusedWithoutTrace(r, () =>
      r.send('m-3', 'rejectService', { team: TEAM, record: 'sr-1', reason: 'x' }),
    )
    expect(rejected).toMatchObject(forbiddenTo('m-3', 'rejectService', [leaderOf()]))
  })

  it('a leader never reviews their own service', async () => {
    const r = await withRecords()
    for (const [type, extra] of [
      ['verifyService', {}],
      ['rejectService', { reason: 'x' }],
    ] as const) {
      const error = await refusedWithoutTrace(r, () =>
        r.send('p-wang', type, { team: TEAM, record: 'sr-own', ...extra }),
      )
      expect(error).toMatchObject(rule('reviews-own-service'))
    }
    // Once the team is handed over, the new leader verifies it.
    await embed(r, 'm-2')
    await r.must(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' })
    await r.must('m-2', 'verifyService', { team: TEAM, record: 'sr-own' })
    expect((await recordOf(r, 'sr-own')).reviewedBy).toBe('m-2')
  })

  it('a leader never verifies service they recorded for a volunteer: nobody both records and verifies', async () => {
    const r = await withPatrol()
    await r.must('p-wang', 'recordService', service('sr-1', 'm-2'))
    for (const [type, extra] of [
      ['verifyService', {}],
      ['rejectService', { reason: 'x' }],
    ] as const) {
      const error = await refusedWithoutTrace(r, () =>
        r.send('p-wang', type, { team: TEAM, record: 'sr-1', ...extra }),
      )
      expect(error).toMatchObject(rule('reviews-own-service'))
    }
    // A leader who did not record it reviews it.
    await embed(r, 'm-3')
    await r.must(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-3' })
    await r.must('m-3', 'verifyService', { team: TEAM, record: 'sr-1' })
    expect(await recordOf(r, 'sr-1')).toMatchObject({ recordedBy: 'p-wang', reviewedBy: 'm-3' })
  })

  it('a record is reviewed once', async () => {
    const r = await withRecords()
    await r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' })
    await r.must('p-wang', 'rejectService', {
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
      const error = await refusedWithoutTrace(r, () =>
        r.send('p-wang', type, {
          team: TEAM,
          record,
          ...(type === 'rejectService' ? { reason: 'x' } : {}),
        }),
      )
      expect(error).toMatchObject({
        code: 'IllegalTransition',
        machine: 'service record',
        state,
        command: type,
      })
    }
  })

  it('a leader reviews the records of their own team only', async () => {
    const r = await withRecords()
    await embed(r, 'm-4')
    await r.must(EAST_CLERK, 'formTeam', {
      team: 't-care',
      name: 'Elder Care Team',
      kind: 'service',
      place: EAST,
      leader: 'm-4',
    })
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-4', 'verifyService', { team: 't-care', record: 'sr-1' }),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'service record' })
    const none = await refusedWithoutTrace(r, () =>
      r.send('p-wang', 'verifyService', { team: TEAM, record: 'sr-none' }),
    )
    expect(none).toMatchObject({ code: 'NotFound', entity: 'service record' })
  })
})

describe('a leader who no longer leads (team-led-by-member)', () => {
  const reviews: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ['verifyService', { team: TEAM, record: 'sr-1' }],
    ['rejectService', { team: TEAM, record: 'sr-1', reason: 'No patrol that day' }],
  ]

  it('a leader who has left the street reviews no service until the team is handed over', async () => {
    const r = await withPatrol()
    await r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    await depart(r, 'p-wang')
    for (const [type, payload] of reviews) {
      const error = await refusedWithoutTrace(r, () => r.send('p-wang', type, payload))
      expect(error).toMatchObject(rule('team-led-by-member'))
    }
    // The registrar hands the team to a member who leads, and the record is reviewed.
    await embed(r, 'm-3')
    await r.must(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-3' })
    await r.must('m-3', 'verifyService', { team: TEAM, record: 'sr-1' })
    expect(await recordOf(r, 'sr-1')).toMatchObject({ status: 'verified', reviewedBy: 'm-3' })
  })

  it('a leader transferred out of the street’s party organisations leads no more', async () => {
    const r = await withPatrol()
    await r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    await r.must('p-zhou', 'transferMemberOut', {
      member: 'p-wang',
      destination: 'Honghu County Committee',
    })
    for (const [type, payload] of reviews) {
      const error = await refusedWithoutTrace(r, () => r.send('p-wang', type, payload))
      expect(error).toMatchObject(rule('team-led-by-member'))
    }
  })

  it('nor do they enrol, let go or record service for volunteers; volunteers still act in person', async () => {
    const r = await withPatrol()
    await depart(r, 'p-wang')
    const commands: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ['joinTeam', { team: TEAM, volunteer: 'm-4' }],
      ['leaveTeam', { team: TEAM, volunteer: 'm-3' }],
      ['recordService', service('sr-1', 'm-2')],
    ]
    for (const [type, payload] of commands) {
      const error = await refusedWithoutTrace(r, () => r.send('p-wang', type, payload))
      expect(error).toMatchObject(rule('team-led-by-member'))
    }
    await r.must('m-4', 'joinTeam', { team: TEAM, volunteer: 'm-4' })
    await r.must('m-3', 'leaveTeam', { team: TEAM, volunteer: 'm-3' })
    await r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    expect((await teamOf(r)).volunteers).toEqual(['p-wang', 'm-2', 'm-4'])
  })

  it('a member who has left the street is not given a team', async () => {
    const r = await withPatrol()
    await embed(r, 'm-2')
    await depart(r, 'm-2')
    const formed = await refusedWithoutTrace(r, () =>
      r.send(EAST_CLERK, 'formTeam', {
        team: 't-care',
        name: 'Elder Care Team',
        kind: 'service',
        place: EAST,
        leader: 'm-2',
      }),
    )
    expect(formed).toMatchObject(rule('team-led-by-member'))
    const handed = await refusedWithoutTrace(r, () =>
      r.send(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' }),
    )
    expect(handed).toMatchObject(rule('team-led-by-member'))
  })

  it('a leader leads only while they live in the street, not merely while on the member record', async () => {
    const r = await withPatrol()
    await r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    // A street where p-wang is still recorded as a member who reported, but has no home in it.
    const street = await r.street()
    const homeless = produce(street, (draft) => {
      const person = draftOf(draft.registry.persons, PersonId.make('p-wang'))
      if (person === undefined) throw new Error('no p-wang')
      person.home = null
    })
    const verify = IntegrationCommand.decode({
      type: 'verifyService',
      commandId: 'cmd-verify',
      at: r.nextAt(),
      actor: 'p-wang',
      street: STREET,
      team: TEAM,
      record: 'sr-1',
    })
    if (E.isLeft(verify) || verify.right.type !== 'verifyService') throw new Error('bad command')
    const s = await r.state()
    expect(E.isRight(decideIntegration(verify.right, s, { embedding: street, hall: null }))).toBe(
      true,
    )
    expect(
      refusal(decideIntegration(verify.right, s, { embedding: homeless, hall: null })),
    ).toMatchObject(rule('team-led-by-member'))
  })
})

describe('service hours (志愿服务时长)', () => {
  it('count verified service only, most hours first, per team when asked', async () => {
    const r = await withPatrol()
    await r.must('m-2', 'recordService', service('sr-1', 'm-2', { minutes: 90 }))
    await r.must('m-2', 'recordService', service('sr-2', 'm-2', { minutes: 60 }))
    await r.must('m-3', 'recordService', service('sr-3', 'm-3', { minutes: 200 }))
    await r.must('m-3', 'recordService', service('sr-4', 'm-3', { minutes: 600 }))
    await r.must('m-2', 'recordService', service('sr-5', 'm-2', { minutes: 30 }))
    await r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' })
    await r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-2' })
    await r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-3' })
    await r.must('p-wang', 'rejectService', { team: TEAM, record: 'sr-4', reason: 'Twice' })
    // sr-5 stays recorded: not counted.
    const s = await r.state()
    expect(serviceHours(s)).toEqual([
      { volunteer: 'm-3', minutes: 200, hours: 200 / 60, records: ['sr-3'] },
      { volunteer: 'm-2', minutes: 150, hours: 2.5, records: ['sr-1', 'sr-2'] },
    ])
    expect(serviceHours(s, { team: TeamId.make(TEAM) })).toEqual(serviceHours(s))
    expect(serviceHours(s, { team: TeamId.make('t-other') })).toEqual([])
  })
})

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
