/**
 * Volunteer teams' rules (value integration, `src/integration/teams.ts`), over the pure decider:
 * forming a team led by an embedded party member, joining and leaving, handing over and
 * disbanding, and a leader who no longer leads.
 */
import { produce } from 'immer'
import { describe, expect, it } from 'vitest'
import { draftOf, lookup, PersonId, ServiceRecordId, TeamId } from '../../src/core/index.js'
import {
  type IntegrationState,
  type ServiceRecord,
  type Team,
} from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  place,
  seeded,
  STREET,
  type Street,
  forbiddenTo,
  rule,
  spec,
} from './spec-fixtures.js'

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

describe('forming a team', () => {
  it('a team is led by a party member who has reported to the community', () => {
    const r = seeded()
    const handled = formPatrol(r)
    expect(handled.events.map((e) => e.type)).toEqual(['teamFormed'])
    const team = teamOf(r)
    expect(team).toMatchObject({
      id: TEAM,
      kind: 'patrol',
      place: EAST,
      leader: 'p-wang',
      disbandedAt: null,
    })
    expect(team.formedAt).toBe(handled.events[0]?.at)
  })

  it('the leader is the team’s first volunteer', () => {
    const r = seeded()
    formPatrol(r)
    expect(teamOf(r).volunteers).toEqual(['p-wang'])
  })

  it('a member only discovered, not yet reported to the community, cannot lead a team', () => {
    const r = seeded()
    r.when(EAST_CLERK, 'formTeam', {
      team: TEAM,
      name: 'X',
      kind: 'service',
      place: EAST,
      leader: 'm-1',
    }).thenRefused(rule('team-led-by-member'))
  })

  it('a resident who is no party member cannot lead a team', () => {
    const r = seeded()
    r.when(EAST_CLERK, 'formTeam', {
      team: TEAM,
      name: 'X',
      kind: 'service',
      place: EAST,
      leader: 'l-1',
    }).thenRefused(rule('team-led-by-member'))
  })

  it('the leader must be a person of the registry', () => {
    const r = seeded()
    r.when(EAST_CLERK, 'formTeam', {
      team: TEAM,
      name: 'X',
      kind: 'service',
      place: EAST,
      leader: 'p-nobody',
    }).thenRefused({ code: 'NotFound', entity: 'person', id: 'p-nobody' })
  })

  it('a registrar over the team’s place forms it: the street’s registrar too', () => {
    const r = seeded()
    formPatrol(r, { team: 't-east' })
    r.must(CLERK, 'formTeam', {
      team: 't-street',
      name: 'Street Service Team',
      kind: 'service',
      place: STREET_PLACE,
      leader: 'p-wang',
    })
    expect(teamOf(r, 't-street').place).toEqual(STREET_PLACE)
  })

  it('nobody else forms a team: a community registrar over the street, a member, a resident', () => {
    const r = seeded()
    for (const [actor, where] of [
      [EAST_CLERK, STREET_PLACE],
      ['p-wang', EAST],
      ['l-1', EAST],
    ] as const) {
      r.when(actor, 'formTeam', {
        team: TEAM,
        name: 'X',
        kind: 'service',
        place: where,
        leader: 'p-wang',
      }).thenRefused(forbiddenTo(actor, 'formTeam', [`registrar@${where.level}:${where.id}`]))
    }
  })

  it('a team sits at a place of the street, and its id is new', () => {
    const r = seeded()
    r.when(CLERK, 'formTeam', {
      team: TEAM,
      name: 'X',
      kind: 'service',
      place: place('community', 'c-nowhere'),
      leader: 'p-wang',
    }).thenRefused({ code: 'NotFound', entity: 'community', id: 'c-nowhere' })
    formPatrol(r)
    r.when(CLERK, 'formTeam', {
      team: TEAM,
      name: 'X',
      kind: 'service',
      place: EAST,
      leader: 'p-wang',
    }).thenRefused({ code: 'AlreadyExists', entity: 'team', id: TEAM })
  })

  it('a command on a team never formed finds no team', () => {
    const r = seeded()
    r.when('m-2', 'joinTeam', { team: 't-none', volunteer: 'm-2' }).thenRefused({
      code: 'NotFound',
      entity: 'team',
      id: 't-none',
    })
  })
})

describe('joining and leaving', () => {
  it('a resident of the street joins in person, migrant or local', () => {
    const r = withPatrol()
    r.must('l-1', 'joinTeam', { team: TEAM, volunteer: 'l-1' })
    // w-1 lives in West: still the street's.
    r.must('w-1', 'joinTeam', { team: TEAM, volunteer: 'w-1' })
    expect(teamOf(r).volunteers).toEqual(['p-wang', 'm-2', 'm-3', 'l-1', 'w-1'])
  })

  it('the team’s leader enrols a volunteer', () => {
    const r = withPatrol()
    r.must('p-wang', 'joinTeam', { team: TEAM, volunteer: 'm-4' })
    expect(teamOf(r).volunteers).toContain('m-4')
  })

  it('nobody else enrols a volunteer', () => {
    const r = withPatrol()
    r.when('m-2', 'joinTeam', { team: TEAM, volunteer: 'm-4' }).thenRefused(
      forbiddenTo('m-2', 'joinTeam', ['m-4 in person', leaderOf()]),
    )
  })

  it('a volunteer lives in the street', () => {
    const r = withPatrol()
    r.must(CLERK, 'registerPerson', {
      person: 'p-visitor',
      name: 'Visitor',
      household: { status: 'registered' },
      home: null,
    })
    r.when('p-visitor', 'joinTeam', { team: TEAM, volunteer: 'p-visitor' }).thenRefused(
      rule('not-a-resident'),
    )
    r.when('p-wang', 'joinTeam', { team: TEAM, volunteer: 'p-nobody' }).thenRefused({
      code: 'NotFound',
      entity: 'person',
      id: 'p-nobody',
    })
  })

  it('a volunteer joins a team once', () => {
    const r = withPatrol()
    r.when('m-2', 'joinTeam', { team: TEAM, volunteer: 'm-2' }).thenRefused(rule('already-in-team'))
  })

  it('a team holds at most 1,000 volunteers', () => {
    const r = withPatrol()
    const full = produce(r.state, (draft) => {
      const team = draftOf(draft.teams, TeamId.make(TEAM))
      if (team === undefined) throw new Error('no team')
      team.volunteers = Array.from({ length: 1000 }, (_, i) => `v-${i}`) as typeof team.volunteers
    })
    const join = r.command('m-4', 'joinTeam', { team: TEAM, volunteer: 'm-4' })
    const context = r.contextOf(join)
    spec.givenState(full, context).when(join).thenRefused(rule('team-full'))
    // One fewer, and there is room.
    const room: IntegrationState = produce(full, (draft) => {
      draftOf(draft.teams, TeamId.make(TEAM))?.volunteers.pop()
    })
    spec.givenState(room, context).when(join).then()
  })

  it('a volunteer leaves in person, or the leader lets them go', () => {
    const r = withPatrol()
    r.must('m-2', 'leaveTeam', { team: TEAM, volunteer: 'm-2' })
    r.must('p-wang', 'leaveTeam', { team: TEAM, volunteer: 'm-3' })
    expect(teamOf(r).volunteers).toEqual(['p-wang'])
  })

  it('nobody else takes a volunteer out of a team', () => {
    const r = withPatrol()
    r.when('m-3', 'leaveTeam', { team: TEAM, volunteer: 'm-2' }).thenRefused(
      forbiddenTo('m-3', 'leaveTeam', ['m-2 in person', leaderOf()]),
    )
  })

  it('only a volunteer of the team leaves it', () => {
    const r = withPatrol()
    r.when('m-4', 'leaveTeam', { team: TEAM, volunteer: 'm-4' }).thenRefused(rule('not-in-team'))
  })

  it('the leader does not walk away from the team: they hand it over first', () => {
    const r = withPatrol()
    r.when('p-wang', 'leaveTeam', { team: TEAM, volunteer: 'p-wang' }).thenRefused(
      rule('leader-leaves'),
    )
    embed(r, 'm-2')
    r.must(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' })
    r.must('p-wang', 'leaveTeam', { team: TEAM, volunteer: 'p-wang' })
    expect(teamOf(r)).toMatchObject({ leader: 'm-2', volunteers: ['m-2', 'm-3'] })
  })
})

describe('handing a team over and disbanding it', () => {
  it('a registrar hands the team to another embedded member of it', () => {
    const r = withPatrol()
    embed(r, 'm-2')
    r.must(CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' })
    const team = teamOf(r)
    expect(team.leader).toBe('m-2')
    // The former leader stays a volunteer.
    expect(team.volunteers).toContain('p-wang')
  })

  it('the new leader is a party member who has reported to the community', () => {
    const r = withPatrol()
    r.must('m-1', 'joinTeam', { team: TEAM, volunteer: 'm-1' })
    r.when(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-1' }).thenRefused(
      rule('team-led-by-member'),
    )
  })

  it('the new leader is a volunteer of the team', () => {
    const r = withPatrol()
    embed(r, 'm-4')
    r.when(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-4' }).thenRefused(
      rule('not-in-team'),
    )
  })

  it('neither the leader nor a volunteer hands the team over', () => {
    const r = withPatrol()
    embed(r, 'm-2')
    for (const actor of ['p-wang', 'm-2']) {
      r.when(actor, 'changeTeamLeader', { team: TEAM, leader: 'm-2' }).thenRefused(
        forbiddenTo(actor, 'changeTeamLeader', ['registrar@community:c-east']),
      )
    }
  })

  it('a registrar disbands the team; its leader does not', () => {
    const r = withPatrol()
    r.when('p-wang', 'disbandTeam', { team: TEAM }).thenRefused(
      forbiddenTo('p-wang', 'disbandTeam', ['registrar@community:c-east']),
    )
    const handled = r.must(EAST_CLERK, 'disbandTeam', { team: TEAM })
    expect(teamOf(r).disbandedAt).toBe(handled.events[0]?.at)
  })

  it('a disbanded team takes no new work: no volunteers, leaders or service', () => {
    const r = withPatrol()
    embed(r, 'm-2')
    r.must(EAST_CLERK, 'disbandTeam', { team: TEAM })
    const commands: ReadonlyArray<readonly [string, string, Record<string, unknown>]> = [
      ['m-4', 'joinTeam', { team: TEAM, volunteer: 'm-4' }],
      ['m-3', 'leaveTeam', { team: TEAM, volunteer: 'm-3' }],
      [EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' }],
      [EAST_CLERK, 'disbandTeam', { team: TEAM }],
      ['m-3', 'recordService', service('sr-2', 'm-3')],
    ]
    for (const [actor, type, payload] of commands) {
      r.when(actor, type, payload).thenRefused(rule('team-disbanded'))
    }
  })

  it('the records a disbanded team left are still reviewed by its leader, not stranded', () => {
    const r = withPatrol()
    r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    r.must('m-3', 'recordService', service('sr-2', 'm-3'))
    r.must(EAST_CLERK, 'disbandTeam', { team: TEAM })
    r.must('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' })
    r.must('p-wang', 'rejectService', {
      team: TEAM,
      record: 'sr-2',
      reason: 'No patrol that day',
    })
    expect(recordOf(r, 'sr-1')).toMatchObject({ status: 'verified', reviewedBy: 'p-wang' })
    expect(recordOf(r, 'sr-2')).toMatchObject({ status: 'rejected', reviewedBy: 'p-wang' })
    // Still by its leader only, and once.
    r.when('m-3', 'verifyService', { team: TEAM, record: 'sr-2' }).thenRefused(
      forbiddenTo('m-3', 'verifyService', [leaderOf()]),
    )
    r.when('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' }).thenRefused({
      code: 'IllegalTransition',
      state: 'verified',
    })
  })
})

describe('a leader who no longer leads (team-led-by-member)', () => {
  const reviews: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ['verifyService', { team: TEAM, record: 'sr-1' }],
    ['rejectService', { team: TEAM, record: 'sr-1', reason: 'No patrol that day' }],
  ]

  it('a leader who has left the street reviews no service until the team is handed over', () => {
    const r = withPatrol()
    r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    depart(r, 'p-wang')
    for (const [type, payload] of reviews) {
      r.when('p-wang', type, payload).thenRefused(rule('team-led-by-member'))
    }
    // The registrar hands the team to a member who leads, and the record is reviewed.
    embed(r, 'm-3')
    r.must(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-3' })
    r.must('m-3', 'verifyService', { team: TEAM, record: 'sr-1' })
    expect(recordOf(r, 'sr-1')).toMatchObject({ status: 'verified', reviewedBy: 'm-3' })
  })

  it('a leader transferred out of the street’s party organisations leads no more', () => {
    const r = withPatrol()
    r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    r.must('p-zhou', 'transferMemberOut', {
      member: 'p-wang',
      destination: 'Honghu County Committee',
    })
    for (const [type, payload] of reviews) {
      r.when('p-wang', type, payload).thenRefused(rule('team-led-by-member'))
    }
  })

  it('nor do they enrol, let go or record service for volunteers; volunteers still act in person', () => {
    const r = withPatrol()
    depart(r, 'p-wang')
    const commands: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ['joinTeam', { team: TEAM, volunteer: 'm-4' }],
      ['leaveTeam', { team: TEAM, volunteer: 'm-3' }],
      ['recordService', service('sr-1', 'm-2')],
    ]
    for (const [type, payload] of commands) {
      r.when('p-wang', type, payload).thenRefused(rule('team-led-by-member'))
    }
    r.must('m-4', 'joinTeam', { team: TEAM, volunteer: 'm-4' })
    r.must('m-3', 'leaveTeam', { team: TEAM, volunteer: 'm-3' })
    r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    expect(teamOf(r).volunteers).toEqual(['p-wang', 'm-2', 'm-4'])
  })

  it('a member who has left the street is not given a team', () => {
    const r = withPatrol()
    embed(r, 'm-2')
    depart(r, 'm-2')
    r.when(EAST_CLERK, 'formTeam', {
      team: 't-care',
      name: 'Elder Care Team',
      kind: 'service',
      place: EAST,
      leader: 'm-2',
    }).thenRefused(rule('team-led-by-member'))
    r.when(EAST_CLERK, 'changeTeamLeader', { team: TEAM, leader: 'm-2' }).thenRefused(
      rule('team-led-by-member'),
    )
  })

  it('a leader leads only while they live in the street, not merely while on the member record', () => {
    const r = withPatrol()
    r.must('m-2', 'recordService', service('sr-1', 'm-2'))
    // A street where p-wang is still recorded as a member who reported, but has no home in it.
    const street = r.registry()
    const homeless = produce(street, (draft) => {
      const person = draftOf(draft.registry.persons, PersonId.make('p-wang'))
      if (person === undefined) throw new Error('no p-wang')
      person.home = null
    })
    const verify = r.command('p-wang', 'verifyService', { team: TEAM, record: 'sr-1' })
    spec.givenState(r.state, { embedding: street, hall: null }).when(verify).then()
    spec
      .givenState(r.state, { embedding: homeless, hall: null })
      .when(verify)
      .thenRefused(rule('team-led-by-member'))
  })
})
