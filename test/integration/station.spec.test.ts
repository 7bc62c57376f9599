/**
 * The one-stop station's rules (service integration, `src/integration/station.ts`), over the pure
 * decider: opening a station, its departments and staff posts, the catalogue under equal access.
 */
import { describe, expect, it } from 'vitest'
import { StationId, lookup } from '../../src/core/index.js'
import type { Station } from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  forbiddenTo,
  place,
  rule,
  seeded,
  STREET,
  type Street,
} from './spec-fixtures.js'

const ST = 'st-1'
/**
 * Staff of st-1: a district officer posted to the station, who lives in East (staff act as staff
 * only while they live in the street).
 */
const DESK = 'p-desk'
/** Staff of the East station st-east only; lives outside the street. */
const EAST_DESK = 'p-east-desk'
const STREET_REGISTRAR = `registrar@street:${STREET}`

const both = { registered: true, migrant: true }
const registeredOnly = { registered: true, migrant: false }
const migrantOnly = { registered: false, migrant: true }
const HUKOU_LAW = { basis: 'Household Registration Regulations, art. 10' }

/** The payload of cataloguing `service` at st-1 (a police service open to both, by default). */
const service = (id: string, over: Record<string, unknown> = {}) => ({
  station: ST,
  service: id,
  name: `Service ${id}`,
  department: 'police',
  eligibility: both,
  restriction: null,
  ...over,
})
const filing = (request: string, svc: string, resident: string) => ({
  station: ST,
  request,
  service: svc,
  resident,
})

const notFound = (entity: string, id: string) => ({ code: 'NotFound', entity, id })

/** Registers persons who do not live in the street (officers posted to a station). */
const registerOfficers = (r: Street, ...persons: ReadonlyArray<string>) => {
  for (const person of persons)
    r.must(CLERK, 'registerPerson', {
      person,
      name: `Officer ${person}`,
      household: { status: 'registered' },
      home: null,
    })
}

/** The seeded street with st-1 open at the street: police, civil affairs, HR and health; DESK. */
const withStation = (): Street => {
  const r = seeded()
  r.must(CLERK, 'registerPerson', {
    person: DESK,
    name: 'Officer Desk',
    household: { status: 'registered' },
    home: place('community', 'c-east'),
  })
  registerOfficers(r, EAST_DESK)
  r.must(CLERK, 'openStation', {
    station: ST,
    name: 'S Street One-stop Service Station',
    place: place('street', STREET),
    departments: ['police', 'civil-affairs', 'human-resources', 'health'],
    staff: [DESK],
  })
  return r
}

const stationOf = (r: Street, id = ST): Station => {
  const station = lookup(r.state.stations, StationId.make(id))
  if (station === undefined) throw new Error(`station ${id} was never opened`)
  return station
}

describe('opening a one-stop station', () => {
  it('a registrar over the place opens a station with its departments and staff', () => {
    const r = withStation()
    expect(stationOf(r)).toMatchObject({
      id: ST,
      place: { level: 'street', id: STREET },
      departments: ['police', 'civil-affairs', 'human-resources', 'health'],
      staff: [DESK],
      services: [],
    })
  })

  it('a community registrar opens a station in the community, but not at the street', () => {
    const r = withStation()
    r.must(EAST_CLERK, 'openStation', {
      station: 'st-east',
      name: 'East Station',
      place: place('community', 'c-east'),
      departments: ['civil-affairs'],
      staff: [EAST_DESK],
    })
    expect(stationOf(r, 'st-east').place).toEqual({ level: 'community', id: 'c-east' })
    const at = place('street', STREET)
    r.when(EAST_CLERK, 'openStation', {
      station: 'st-2',
      name: 'Second',
      place: at,
      departments: [],
      staff: [],
    }).thenRefused(forbiddenTo(EAST_CLERK, 'openStation', [STREET_REGISTRAR]))
  })

  it('a resident does not open a station', () => {
    const r = withStation()
    const payload = {
      station: 'st-2',
      name: 'Second',
      place: place('community', 'c-west'),
      departments: [],
      staff: [],
    }
    r.when('l-1', 'openStation', payload).thenRefused(
      forbiddenTo('l-1', 'openStation', ['registrar@community:c-west']),
    )
  })

  it('a station sits at a place of the street, under a new id, with staff the registry knows', () => {
    const r = withStation()
    const open = (over: Record<string, unknown>) => ({
      station: 'st-2',
      name: 'Second',
      place: place('community', 'c-west'),
      departments: ['police'],
      staff: [],
      ...over,
    })
    r.when(CLERK, 'openStation', open({ place: place('community', 'c-north') })).thenRefused(
      notFound('community', 'c-north'),
    )
    r.when(CLERK, 'openStation', open({ station: ST })).thenRefused({
      code: 'AlreadyExists',
      entity: 'station',
      id: ST,
    })
    r.when(CLERK, 'openStation', open({ staff: ['p-ghost'] })).thenRefused(
      notFound('person', 'p-ghost'),
    )
  })

  it('a department and a member of staff are listed once', () => {
    const r = withStation()
    const open = (over: Record<string, unknown>) => ({
      station: 'st-2',
      name: 'Second',
      place: place('community', 'c-west'),
      departments: ['police'],
      staff: [],
      ...over,
    })
    r.when(CLERK, 'openStation', open({ departments: ['police', 'tax', 'police'] })).thenRefused(
      rule('department-twice'),
    )
    r.when(CLERK, 'openStation', open({ staff: [DESK, DESK] })).thenRefused(rule('staff-twice'))
  })

  it('a registrar brings another department under the roof, once', () => {
    const r = withStation()
    r.must(CLERK, 'bringDepartment', { station: ST, department: 'justice' })
    expect(stationOf(r).departments).toContain('justice')
    r.when(CLERK, 'bringDepartment', { station: ST, department: 'justice' }).thenRefused(
      rule('department-twice'),
    )
    // The staff keep the catalogue; bringing departments is the registrar's.
    r.when(DESK, 'bringDepartment', { station: ST, department: 'culture' }).thenRefused(
      forbiddenTo(DESK, 'bringDepartment', [STREET_REGISTRAR]),
    )
    r.when(CLERK, 'bringDepartment', { station: 'st-none', department: 'culture' }).thenRefused(
      notFound('station', 'st-none'),
    )
  })

  it('a registrar posts a person known to the registry to the staff, once', () => {
    const r = withStation()
    r.must(CLERK, 'postStationStaff', { station: ST, person: EAST_DESK })
    expect(stationOf(r).staff).toEqual([DESK, EAST_DESK])
    r.when(CLERK, 'postStationStaff', { station: ST, person: EAST_DESK }).thenRefused({
      code: 'AlreadyExists',
      entity: 'station staff',
    })
    r.when(CLERK, 'postStationStaff', { station: ST, person: 'p-ghost' }).thenRefused(
      notFound('person', 'p-ghost'),
    )
    r.when(DESK, 'postStationStaff', { station: ST, person: 'l-1' }).thenRefused(
      forbiddenTo(DESK, 'postStationStaff', [STREET_REGISTRAR]),
    )
  })

  it('a station has at most 100 staff', () => {
    const r = seeded()
    const officers = Array.from({ length: 101 }, (_, i) => `p-officer-${i}`)
    registerOfficers(r, ...officers)
    r.must(CLERK, 'openStation', {
      station: ST,
      name: 'Big Station',
      place: place('street', STREET),
      departments: ['police'],
      staff: officers.slice(0, 100),
    })
    r.when(CLERK, 'postStationStaff', { station: ST, person: 'p-officer-100' }).thenRefused(
      rule('staff-full'),
    )
  })
})

describe('staff posts', () => {
  it('a registrar ends a staff member’s post; they act as staff no more', () => {
    const r = withStation()
    r.must(CLERK, 'postStationStaff', { station: ST, person: 'l-1' })
    // Only a registrar over the station's place ends a post: not a resident, not the staff.
    for (const actor of ['l-2', 'l-1', DESK])
      r.when(actor, 'endStationPost', { station: ST, person: DESK }).thenRefused(
        forbiddenTo(actor, 'endStationPost', [STREET_REGISTRAR]),
      )
    r.must(CLERK, 'endStationPost', { station: ST, person: DESK })
    expect(stationOf(r).staff).toEqual(['l-1'])
    r.when(DESK, 'catalogueService', service('sv-id')).thenRefused(
      forbiddenTo(DESK, 'catalogueService', [`staff of ${ST}`, STREET_REGISTRAR]),
    )
    // A post ends once, and only a post that is held; a station that exists.
    r.when(CLERK, 'endStationPost', { station: ST, person: DESK }).thenRefused(
      notFound('station staff', `${DESK} of ${ST}`),
    )
    r.when(CLERK, 'endStationPost', { station: ST, person: 'l-2' }).thenRefused(
      notFound('station staff', `l-2 of ${ST}`),
    )
    r.when(CLERK, 'endStationPost', { station: 'st-none', person: 'l-1' }).thenRefused(
      notFound('station', 'st-none'),
    )
    // The post can be held again.
    r.must(CLERK, 'postStationStaff', { station: ST, person: DESK })
    expect(stationOf(r).staff).toEqual(['l-1', DESK])
  })

  it('a member of staff who moved out of the street is refused like a stranger, until the post ends', () => {
    const r = withStation()
    r.must(DESK, 'catalogueService', service('sv-id'))
    r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    r.must(CLERK, 'recordDeparture', { person: DESK, destination: 'Foshan' })
    // Still listed as staff, but no longer acts as staff.
    expect(stationOf(r).staff).toEqual([DESK])
    r.when(DESK, 'catalogueService', service('sv-job')).thenRefused(
      forbiddenTo(DESK, 'catalogueService', [`staff of ${ST}`, STREET_REGISTRAR]),
    )
    r.when(DESK, 'withdrawService', { station: ST, service: 'sv-id' }).thenRefused(
      forbiddenTo(DESK, 'withdrawService', [`staff of ${ST}`, STREET_REGISTRAR]),
    )
    r.when(DESK, 'fileRequest', filing('q-2', 'sv-id', 'm-2')).thenRefused(
      forbiddenTo(DESK, 'fileRequest', ['m-2 in person', `staff of ${ST}`]),
    )
    r.when(DESK, 'serveRequest', { station: ST, request: 'q-1', note: 'Issued' }).thenRefused(
      forbiddenTo(DESK, 'serveRequest', [`staff of ${ST}`]),
    )
    // A registrar ends the departed officer's post.
    r.must(CLERK, 'endStationPost', { station: ST, person: DESK })
    expect(stationOf(r).staff).toEqual([])
  })
})

describe('the catalogue and equal access', () => {
  it('the staff or a registrar catalogue services; a resident does not', () => {
    const r = withStation()
    r.must(DESK, 'catalogueService', service('sv-id', { name: 'ID card' }))
    r.must(CLERK, 'catalogueService', service('sv-job', { department: 'human-resources' }))
    expect(stationOf(r).services).toMatchObject([
      {
        id: 'sv-id',
        name: 'ID card',
        department: 'police',
        eligibility: both,
        restriction: null,
        withdrawnAt: null,
      },
      { id: 'sv-job', department: 'human-resources' },
    ])
    r.when('l-1', 'catalogueService', service('sv-x')).thenRefused(
      forbiddenTo('l-1', 'catalogueService', [`staff of ${ST}`, STREET_REGISTRAR]),
    )
  })

  it('a service id is used once in a station, under a department the station has', () => {
    const r = withStation()
    r.must(DESK, 'catalogueService', service('sv-id'))
    r.when(DESK, 'catalogueService', service('sv-id')).thenRefused({
      code: 'AlreadyExists',
      entity: 'service',
    })
    r.when(DESK, 'catalogueService', service('sv-tax', { department: 'tax' })).thenRefused(
      rule('department-not-in-station'),
    )
  })

  it('a service is open to somebody', () => {
    const r = withStation()
    r.when(
      DESK,
      'catalogueService',
      service('sv-x', { eligibility: { registered: false, migrant: false } }),
    ).thenRefused(rule('nobody-eligible'))
  })

  it('a service open to registered residents is open to migrants unless a legal restriction is recorded', () => {
    const r = withStation()
    r.when(
      DESK,
      'catalogueService',
      service('sv-hukou', { department: 'civil-affairs', eligibility: registeredOnly }),
    ).thenRefused(rule('equal-access'))
    r.must(
      DESK,
      'catalogueService',
      service('sv-hukou', {
        department: 'civil-affairs',
        eligibility: registeredOnly,
        restriction: HUKOU_LAW,
      }),
    )
    expect(stationOf(r).services[0]?.restriction).toEqual(HUKOU_LAW)
  })

  it('a service for migrants only (a residence permit) needs no restriction', () => {
    const r = withStation()
    r.must(DESK, 'catalogueService', service('sv-permit', { eligibility: migrantOnly }))
    expect(stationOf(r).services[0]?.eligibility).toEqual(migrantOnly)
  })

  it('a restriction is recorded only where it explains a difference in access', () => {
    const r = withStation()
    r.when(DESK, 'catalogueService', service('sv-id', { restriction: HUKOU_LAW })).thenRefused(
      rule('restriction-without-gap'),
    )
  })

  it('a catalogue holds at most 200 services', () => {
    const r = withStation()
    for (let i = 0; i < 200; i++) r.must(DESK, 'catalogueService', service(`sv-${i}`))
    expect(stationOf(r).services).toHaveLength(200)
    r.when(DESK, 'catalogueService', service('sv-200')).thenRefused(rule('catalogue-full'))
  })

  it('the staff or a registrar withdraw a service once; it stays in the catalogue, withdrawn', () => {
    const r = withStation()
    r.must(DESK, 'catalogueService', service('sv-id'))
    r.when('m-1', 'withdrawService', { station: ST, service: 'sv-id' }).thenRefused(
      forbiddenTo('m-1', 'withdrawService', [`staff of ${ST}`, STREET_REGISTRAR]),
    )
    const handled = r.must(DESK, 'withdrawService', { station: ST, service: 'sv-id' })
    expect(stationOf(r).services[0]?.withdrawnAt).toBe(handled.events[0]?.at)
    r.when(CLERK, 'withdrawService', { station: ST, service: 'sv-id' }).thenRefused(
      rule('service-withdrawn'),
    )
    r.when(CLERK, 'withdrawService', { station: ST, service: 'sv-none' }).thenRefused(
      notFound('service', `sv-none of ${ST}`),
    )
  })
})
