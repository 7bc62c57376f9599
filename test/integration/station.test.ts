/**
 * Service integration (服务整合): the one-stop station, its catalogue under the equal-access rule,
 * residents' requests, and cross-region arrangements with migrants' home places.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  ArrangementId,
  PersonId,
  RequestId,
  StationId,
  lookup,
  valuesOf,
  decodeWith,
  type DomainError,
} from '../../src/core/index.js'
import {
  accessGaps,
  arrangementsFor,
  requestsOf,
  Arrangement,
  Request,
  Station,
} from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  STREET,
  place,
  seedIntegration,
  type IntegrationStreet,
  forbiddenTo,
  refusedWithoutTrace,
  rule,
} from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

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
const registerOfficers = async (r: IntegrationStreet, ...persons: ReadonlyArray<string>) => {
  for (const person of persons)
    await r.must(CLERK, 'registerPerson', {
      person,
      name: `Officer ${person}`,
      household: { status: 'registered' },
      home: null,
    })
}

/** The seeded street with st-1 open at the street: police, civil affairs, HR and health; DESK. */
const withStation = async (): Promise<IntegrationStreet> => {
  const r = await seedIntegration()
  await r.must(CLERK, 'registerPerson', {
    person: DESK,
    name: 'Officer Desk',
    household: { status: 'registered' },
    home: place('community', 'c-east'),
  })
  await registerOfficers(r, EAST_DESK)
  await r.must(CLERK, 'openStation', {
    station: ST,
    name: 'S Street One-stop Service Station',
    place: place('street', STREET),
    departments: ['police', 'civil-affairs', 'human-resources', 'health'],
    staff: [DESK],
  })
  return r
}

const stationOf = async (r: IntegrationStreet, id = ST): Promise<Station> => {
  const station = lookup((await r.state()).stations, StationId.make(id))
  if (station === undefined) throw new Error(`station ${id} was never opened`)
  return station
}
const requestOf = async (r: IntegrationStreet, id: string): Promise<Request> => {
  const request = lookup((await r.state()).requests, RequestId.make(id))
  if (request === undefined) throw new Error(`request ${id} was never filed`)
  return request
}

/** A refusal that stored nothing and changed no state: the error. */
const refused = (
  r: IntegrationStreet,
  actor: string,
  type: string,
  payload: Record<string, unknown>,
): Promise<DomainError> => refusedWithoutTrace(r, () => r.send(actor, type, payload))

// ---------------------------------------------------------------------------------------------

describe('opening a one-stop station', () => {
  it('a registrar over the place opens a station with its departments and staff', async () => {
    const r = await withStation()
    expect(await stationOf(r)).toMatchObject({
      id: ST,
      place: { level: 'street', id: STREET },
      departments: ['police', 'civil-affairs', 'human-resources', 'health'],
      staff: [DESK],
      services: [],
    })
  })

  it('a community registrar opens a station in the community, but not at the street', async () => {
    const r = await withStation()
    await r.must(EAST_CLERK, 'openStation', {
      station: 'st-east',
      name: 'East Station',
      place: place('community', 'c-east'),
      departments: ['civil-affairs'],
      staff: [EAST_DESK],
    })
    expect((await stationOf(r, 'st-east')).place).toEqual({ level: 'community', id: 'c-east' })
    const at = place('street', STREET)
    expect(
      await refused(r, EAST_CLERK, 'openStation', {
        station: 'st-2',
        name: 'Second',
        place: at,
        departments: [],
        staff: [],
      }),
    ).toMatchObject(forbiddenTo(EAST_CLERK, 'openStation', [STREET_REGISTRAR]))
  })

  it('a resident does not open a station', async () => {
    const r = await withStation()
    const payload = {
      station: 'st-2',
      name: 'Second',
      place: place('community', 'c-west'),
      departments: [],
      staff: [],
    }
    expect(await refused(r, 'l-1', 'openStation', payload)).toMatchObject(
      forbiddenTo('l-1', 'openStation', ['registrar@community:c-west']),
    )
  })

  it('a station sits at a place of the street, under a new id, with staff the registry knows', async () => {
    const r = await withStation()
    const open = (over: Record<string, unknown>) => ({
      station: 'st-2',
      name: 'Second',
      place: place('community', 'c-west'),
      departments: ['police'],
      staff: [],
      ...over,
    })
    expect(
      await refused(r, CLERK, 'openStation', open({ place: place('community', 'c-north') })),
    ).toMatchObject(notFound('community', 'c-north'))
    expect(await refused(r, CLERK, 'openStation', open({ station: ST }))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'station',
      id: ST,
    })
    expect(await refused(r, CLERK, 'openStation', open({ staff: ['p-ghost'] }))).toMatchObject(
      notFound('person', 'p-ghost'),
    )
  })

  it('a department and a member of staff are listed once', async () => {
    const r = await withStation()
    const open = (over: Record<string, unknown>) => ({
      station: 'st-2',
      name: 'Second',
      place: place('community', 'c-west'),
      departments: ['police'],
      staff: [],
      ...over,
    })
    expect(
      await refused(r, CLERK, 'openStation', open({ departments: ['police', 'tax', 'police'] })),
    ).toMatchObject(rule('department-twice'))
    expect(await refused(r, CLERK, 'openStation', open({ staff: [DESK, DESK] }))).toMatchObject(
      rule('staff-twice'),
    )
  })

  it('a registrar brings another department under the roof, once', async () => {
    const r = await withStation()
    await r.must(CLERK, 'bringDepartment', { station: ST, department: 'justice' })
    expect((await stationOf(r)).departments).toContain('justice')
    expect(
      await refused(r, CLERK, 'bringDepartment', { station: ST, department: 'justice' }),
    ).toMatchObject(rule('department-twice'))
    // The staff keep the catalogue; bringing departments is the registrar's.
    expect(
      await refused(r, DESK, 'bringDepartment', { station: ST, department: 'culture' }),
    ).toMatchObject(forbiddenTo(DESK, 'bringDepartment', [STREET_REGISTRAR]))
    expect(
      await refused(r, CLERK, 'bringDepartment', { station: 'st-none', department: 'culture' }),
    ).toMatchObject(notFound('station', 'st-none'))
  })

  it('a registrar posts a person known to the registry to the staff, once', async () => {
    const r = await withStation()
    await r.must(CLERK, 'postStationStaff', { station: ST, person: EAST_DESK })
    expect((await stationOf(r)).staff).toEqual([DESK, EAST_DESK])
    expect(
      await refused(r, CLERK, 'postStationStaff', { station: ST, person: EAST_DESK }),
    ).toMatchObject({ code: 'AlreadyExists', entity: 'station staff' })
    expect(
      await refused(r, CLERK, 'postStationStaff', { station: ST, person: 'p-ghost' }),
    ).toMatchObject(notFound('person', 'p-ghost'))
    expect(
      await refused(r, DESK, 'postStationStaff', { station: ST, person: 'l-1' }),
    ).toMatchObject(forbiddenTo(DESK, 'postStationStaff', [STREET_REGISTRAR]))
  })

  it('a station has at most 100 staff', async () => {
    const r = await seedIntegration()
    const officers = Array.from({ length: 101 }, (_, i) => `p-officer-${i}`)
    await registerOfficers(r, ...officers)
    await r.must(CLERK, 'openStation', {
      station: ST,
      name: 'Big Station',
      place: place('street', STREET),
      departments: ['police'],
      staff: officers.slice(0, 100),
    })
    expect(
      await refused(r, CLERK, 'postStationStaff', { station: ST, person: 'p-officer-100' }),
    ).toMatchObject(rule('staff-full'))
  })
})

describe('staff posts', () => {
  it('a registrar ends a staff member’s post; they act as staff no more', async () => {
    const r = await withStation()
    await r.must(CLERK, 'postStationStaff', { station: ST, person: 'l-1' })
    // Only a registrar over the station's place ends a post: not a resident, not the staff.
    for (const actor of ['l-2', 'l-1', DESK])
      expect(
        await refused(r, actor, 'endStationPost', { station: ST, person: DESK }),
      ).toMatchObject(forbiddenTo(actor, 'endStationPost', [STREET_REGISTRAR]))
    await r.must(CLERK, 'endStationPost', { station: ST, person: DESK })
    expect((await stationOf(r)).staff).toEqual(['l-1'])
    expect(await refused(r, DESK, 'catalogueService', service('sv-id'))).toMatchObject(
      forbiddenTo(DESK, 'catalogueService', [`staff of ${ST}`, STREET_REGISTRAR]),
    )
    // A post ends once, and only a post that is held; a station that exists.
    expect(await refused(r, CLERK, 'endStationPost', { station: ST, person: DESK })).toMatchObject(
      notFound('station staff', `${DESK} of ${ST}`),
    )
    expect(await refused(r, CLERK, 'endStationPost', { station: ST, person: 'l-2' })).toMatchObject(
      notFound('station staff', `l-2 of ${ST}`),
    )
    expect(
      await refused(r, CLERK, 'endStationPost', { station: 'st-none', person: 'l-1' }),
    ).toMatchObject(notFound('station', 'st-none'))
    // The post can be held again.
    await r.must(CLERK, 'postStationStaff', { station: ST, person: DESK })
    expect((await stationOf(r)).staff).toEqual(['l-1', DESK])
  })

  it('a member of staff who moved out of the street is refused like a stranger, until the post ends', async () => {
    const r = await withStation()
    await r.must(DESK, 'catalogueService', service('sv-id'))
    await r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    await r.must(CLERK, 'recordDeparture', { person: DESK, destination: 'Foshan' })
    // Still listed as staff, but no longer acts as staff.
    expect((await stationOf(r)).staff).toEqual([DESK])
    expect(await refused(r, DESK, 'catalogueService', service('sv-job'))).toMatchObject(
      forbiddenTo(DESK, 'catalogueService', [`staff of ${ST}`, STREET_REGISTRAR]),
    )
    expect(
      await refused(r, DESK, 'withdrawService', { station: ST, service: 'sv-id' }),
    ).toMatchObject(forbiddenTo(DESK, 'withdrawService', [`staff of ${ST}`, STREET_REGISTRAR]))
    expect(await refused(r, DESK, 'fileRequest', filing('q-2', 'sv-id', 'm-2'))).toMatchObject(
      forbiddenTo(DESK, 'fileRequest', ['m-2 in person', `staff of ${ST}`]),
    )
    expect(
      await refused(r, DESK, 'serveRequest', { station: ST, request: 'q-1', note: 'Issued' }),
    ).toMatchObject(forbiddenTo(DESK, 'serveRequest', [`staff of ${ST}`]))
    // A registrar ends the departed officer's post.
    await r.must(CLERK, 'endStationPost', { station: ST, person: DESK })
    expect((await stationOf(r)).staff).toEqual([])
  })
})

describe('the catalogue and equal access', () => {
  it('the staff or a registrar catalogue services; a resident does not', async () => {
    const r = await withStation()
    await r.must(DESK, 'catalogueService', service('sv-id', { name: 'ID card' }))
    await r.must(CLERK, 'catalogueService', service('sv-job', { department: 'human-resources' }))
    expect((await stationOf(r)).services).toMatchObject([
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
    expect(await refused(r, 'l-1', 'catalogueService', service('sv-x'))).toMatchObject(
      forbiddenTo('l-1', 'catalogueService', [`staff of ${ST}`, STREET_REGISTRAR]),
    )
  })

  it('a service id is used once in a station, under a department the station has', async () => {
    const r = await withStation()
    await r.must(DESK, 'catalogueService', service('sv-id'))
    expect(await refused(r, DESK, 'catalogueService', service('sv-id'))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'service',
    })
    expect(
      await refused(r, DESK, 'catalogueService', service('sv-tax', { department: 'tax' })),
    ).toMatchObject(rule('department-not-in-station'))
  })

  it('a service is open to somebody', async () => {
    const r = await withStation()
    expect(
      await refused(
        r,
        DESK,
        'catalogueService',
        service('sv-x', { eligibility: { registered: false, migrant: false } }),
      ),
    ).toMatchObject(rule('nobody-eligible'))
  })

  it('a service open to registered residents is open to migrants unless a legal restriction is recorded', async () => {
    const r = await withStation()
    expect(
      await refused(
        r,
        DESK,
        'catalogueService',
        service('sv-hukou', { department: 'civil-affairs', eligibility: registeredOnly }),
      ),
    ).toMatchObject(rule('equal-access'))
    await r.must(
      DESK,
      'catalogueService',
      service('sv-hukou', {
        department: 'civil-affairs',
        eligibility: registeredOnly,
        restriction: HUKOU_LAW,
      }),
    )
    expect((await stationOf(r)).services[0]?.restriction).toEqual(HUKOU_LAW)
  })

  it('a service for migrants only (a residence permit) needs no restriction', async () => {
    const r = await withStation()
    await r.must(DESK, 'catalogueService', service('sv-permit', { eligibility: migrantOnly }))
    expect((await stationOf(r)).services[0]?.eligibility).toEqual(migrantOnly)
  })

  it('a restriction is recorded only where it explains a difference in access', async () => {
    const r = await withStation()
    expect(
      await refused(r, DESK, 'catalogueService', service('sv-id', { restriction: HUKOU_LAW })),
    ).toMatchObject(rule('restriction-without-gap'))
  })

  it('a catalogue holds at most 200 services', async () => {
    const r = await withStation()
    for (let i = 0; i < 200; i++) await r.must(DESK, 'catalogueService', service(`sv-${i}`))
    expect((await stationOf(r)).services).toHaveLength(200)
    expect(await refused(r, DESK, 'catalogueService', service('sv-200'))).toMatchObject(
      rule('catalogue-full'),
    )
  })

  it('the staff or a registrar withdraw a service once; it stays in the catalogue, withdrawn', async () => {
    const r = await withStation()
    await r.must(DESK, 'catalogueService', service('sv-id'))
    expect(
      await refused(r, 'm-1', 'withdrawService', { station: ST, service: 'sv-id' }),
    ).toMatchObject(forbiddenTo('m-1', 'withdrawService', [`staff of ${ST}`, STREET_REGISTRAR]))
    const handled = await r.must(DESK, 'withdrawService', { station: ST, service: 'sv-id' })
    expect((await stationOf(r)).services[0]?.withdrawnAt).toBe(handled.events[0]?.event.at)
    expect(
      await refused(r, CLERK, 'withdrawService', { station: ST, service: 'sv-id' }),
    ).toMatchObject(rule('service-withdrawn'))
    expect(
      await refused(r, CLERK, 'withdrawService', { station: ST, service: 'sv-none' }),
    ).toMatchObject(notFound('service', `sv-none of ${ST}`))
  })
})

describe('requests', () => {
  /** st-1 with an ID-card service for all and a household transfer for registered residents. */
  const withCatalogue = async () => {
    const r = await withStation()
    await r.must(DESK, 'catalogueService', service('sv-id', { name: 'ID card' }))
    await r.must(
      DESK,
      'catalogueService',
      service('sv-hukou', {
        name: 'Household transfer',
        department: 'civil-affairs',
        eligibility: registeredOnly,
        restriction: HUKOU_LAW,
      }),
    )
    await r.must(DESK, 'catalogueService', service('sv-permit', { eligibility: migrantOnly }))
    return r
  }

  it('a resident files in person, or the staff for them; the request records their household registration', async () => {
    const r = await withCatalogue()
    await r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    await r.must(DESK, 'fileRequest', filing('q-2', 'sv-id', 'l-1'))
    expect(await requestOf(r, 'q-1')).toMatchObject({
      station: ST,
      service: 'sv-id',
      resident: 'm-1',
      residency: 'migrant',
      status: 'filed',
      filedBy: 'm-1',
      outcome: null,
    })
    expect(await requestOf(r, 'q-2')).toMatchObject({
      resident: 'l-1',
      residency: 'registered',
      filedBy: DESK,
    })
  })

  it('nobody else files for a resident', async () => {
    const r = await withCatalogue()
    expect(await refused(r, 'l-2', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))).toMatchObject(
      forbiddenTo('l-2', 'fileRequest', ['m-1 in person', `staff of ${ST}`]),
    )
    // A registrar is not the station's staff.
    expect(await refused(r, CLERK, 'fileRequest', filing('q-1', 'sv-id', 'm-1'))).toMatchObject({
      code: 'Forbidden',
    })
  })

  it('a request names a new id, a station and a service of it', async () => {
    const r = await withCatalogue()
    await r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    expect(await refused(r, 'm-2', 'fileRequest', filing('q-1', 'sv-id', 'm-2'))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'request',
      id: 'q-1',
    })
    expect(await refused(r, 'm-2', 'fileRequest', filing('q-2', 'sv-none', 'm-2'))).toMatchObject(
      notFound('service', `sv-none of ${ST}`),
    )
    expect(
      await refused(r, 'm-2', 'fileRequest', { ...filing('q-2', 'sv-id', 'm-2'), station: 'st-x' }),
    ).toMatchObject(notFound('station', 'st-x'))
  })

  it('a withdrawn service takes no new requests', async () => {
    const r = await withCatalogue()
    await r.must(DESK, 'withdrawService', { station: ST, service: 'sv-id' })
    expect(await refused(r, 'm-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))).toMatchObject(
      rule('service-withdrawn'),
    )
  })

  it('a request is for a person of the registry who lives in the street', async () => {
    const r = await withCatalogue()
    expect(await refused(r, DESK, 'fileRequest', filing('q-1', 'sv-id', 'p-ghost'))).toMatchObject(
      notFound('person', 'p-ghost'),
    )
    // The officer is known, but lives outside the street.
    expect(await refused(r, DESK, 'fileRequest', filing('q-1', 'sv-id', EAST_DESK))).toMatchObject(
      rule('not-a-resident'),
    )
    await r.must(CLERK, 'recordDeparture', { person: 'l-4', destination: 'Foshan' })
    expect(await refused(r, 'l-4', 'fileRequest', filing('q-1', 'sv-id', 'l-4'))).toMatchObject(
      rule('not-a-resident'),
    )
    // A migrant of West is a resident of the street too.
    await r.must('w-1', 'fileRequest', filing('q-1', 'sv-id', 'w-1'))
  })

  it('a resident not eligible is refused, with the basis of the restriction', async () => {
    const r = await withCatalogue()
    const error = await refused(r, 'm-1', 'fileRequest', filing('q-1', 'sv-hukou', 'm-1'))
    expect(error).toMatchObject(rule('not-eligible'))
    expect(error.message).toContain(HUKOU_LAW.basis)
    const noBasis = await refused(r, 'l-1', 'fileRequest', filing('q-1', 'sv-permit', 'l-1'))
    expect(noBasis).toMatchObject(rule('not-eligible'))
    expect(noBasis.message).not.toContain('legal restriction')
  })

  it('eligibility follows the household registration now: a migrant who settled is registered', async () => {
    const r = await withCatalogue()
    await r.must(CLERK, 'changeHousehold', { person: 'm-2', household: { status: 'registered' } })
    await r.must('m-2', 'fileRequest', filing('q-1', 'sv-hukou', 'm-2'))
    expect((await requestOf(r, 'q-1')).residency).toBe('registered')
  })

  it('only the staff of the request’s station serve, refer or refuse it — a registrar is not staff', async () => {
    const r = await withCatalogue()
    await r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    for (const [type, extra] of [
      ['serveRequest', { note: 'Issued' }],
      ['referRequest', { to: 'District office', note: 'Needs the district' }],
      ['refuseRequest', { reason: 'Papers missing' }],
    ] as const)
      expect(
        await refused(r, CLERK, type, { station: ST, request: 'q-1', ...extra }),
      ).toMatchObject(forbiddenTo(CLERK, type, [`staff of ${ST}`]))
    // Staff of another station do not decide st-1's requests, whichever station they name.
    await r.must(EAST_CLERK, 'openStation', {
      station: 'st-east',
      name: 'East Station',
      place: place('community', 'c-east'),
      departments: ['police'],
      staff: [EAST_DESK],
    })
    expect(
      await refused(r, EAST_DESK, 'serveRequest', { station: ST, request: 'q-1', note: 'Done' }),
    ).toMatchObject(forbiddenTo(EAST_DESK, 'serveRequest', [`staff of ${ST}`]))
    expect(
      await refused(r, EAST_DESK, 'serveRequest', {
        station: 'st-east',
        request: 'q-1',
        note: 'Done',
      }),
    ).toMatchObject(notFound('request', 'q-1 of st-east'))
    expect(
      await refused(r, DESK, 'serveRequest', { station: ST, request: 'q-9', note: 'Done' }),
    ).toMatchObject(notFound('request', `q-9 of ${ST}`))
  })

  it('a request is served, referred or refused once, and the outcome is kept', async () => {
    const r = await withCatalogue()
    await r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    await r.must('m-2', 'fileRequest', filing('q-2', 'sv-id', 'm-2'))
    await r.must('l-1', 'fileRequest', filing('q-3', 'sv-id', 'l-1'))
    const served = await r.must(DESK, 'serveRequest', {
      station: ST,
      request: 'q-1',
      note: 'Issued',
    })
    await r.must(DESK, 'referRequest', {
      station: ST,
      request: 'q-2',
      to: 'Tianhe District Police',
      note: 'Lost card, reported there',
    })
    await r.must(DESK, 'refuseRequest', { station: ST, request: 'q-3', reason: 'Papers missing' })
    expect(await requestOf(r, 'q-1')).toMatchObject({
      status: 'served',
      outcome: { at: served.events[0]?.event.at, by: DESK, note: 'Issued', referredTo: null },
    })
    expect(await requestOf(r, 'q-2')).toMatchObject({
      status: 'referred',
      outcome: { note: 'Lost card, reported there', referredTo: 'Tianhe District Police' },
    })
    expect(await requestOf(r, 'q-3')).toMatchObject({
      status: 'refused',
      outcome: { note: 'Papers missing', referredTo: null },
    })
    expect(
      await refused(r, DESK, 'refuseRequest', { station: ST, request: 'q-1', reason: 'Oops' }),
    ).toMatchObject({
      code: 'IllegalTransition',
      machine: 'request',
      state: 'served',
      command: 'refuseRequest',
    })
    expect(
      await refused(r, DESK, 'serveRequest', { station: ST, request: 'q-3', note: 'After all' }),
    ).toMatchObject({
      code: 'IllegalTransition',
      machine: 'request',
      state: 'refused',
      command: 'serveRequest',
    })
    expect(
      await refused(r, DESK, 'referRequest', { station: ST, request: 'q-2', to: 'X', note: 'Y' }),
    ).toMatchObject({ code: 'IllegalTransition', state: 'referred', command: 'referRequest' })
  })

  it('a member of staff does not decide their own request: another member of staff does', async () => {
    const r = await withCatalogue()
    await r.must(CLERK, 'postStationStaff', { station: ST, person: 'l-1' })
    // DESK lives in the street, so files for themselves like any resident.
    await r.must(DESK, 'fileRequest', filing('q-1', 'sv-id', DESK))
    for (const [type, extra] of [
      ['serveRequest', { note: 'Issued' }],
      ['referRequest', { to: 'District office', note: 'Needs the district' }],
      ['refuseRequest', { reason: 'Papers missing' }],
    ] as const)
      expect(await refused(r, DESK, type, { station: ST, request: 'q-1', ...extra })).toMatchObject(
        rule('decides-own-request'),
      )
    await r.must('l-1', 'serveRequest', { station: ST, request: 'q-1', note: 'Issued' })
    expect(await requestOf(r, 'q-1')).toMatchObject({
      resident: DESK,
      status: 'served',
      outcome: { by: 'l-1', note: 'Issued' },
    })
  })
})

describe('cross-region arrangements', () => {
  const honghu = (id: string, over: Record<string, unknown> = {}) => ({
    arrangement: id,
    home: 'Honghu, Hubei',
    benefit: 'medical-insurance',
    subject: "Honghu's rural cooperative insurance reimbursed at two Guangzhou hospitals",
    partners: ['Guangzhou Hospital A', 'Guangzhou Hospital B'],
    ...over,
  })

  it('a registrar of the street records and ends an arrangement; a community registrar does not', async () => {
    const r = await withStation()
    expect(await refused(r, EAST_CLERK, 'recordArrangement', honghu('ar-1'))).toMatchObject(
      forbiddenTo(EAST_CLERK, 'recordArrangement', [STREET_REGISTRAR]),
    )
    await r.must(CLERK, 'recordArrangement', honghu('ar-1'))
    expect(lookup((await r.state()).arrangements, ArrangementId.make('ar-1'))).toMatchObject({
      home: 'Honghu, Hubei',
      benefit: 'medical-insurance',
      partners: ['Guangzhou Hospital A', 'Guangzhou Hospital B'],
      endedAt: null,
    })
    expect(await refused(r, CLERK, 'recordArrangement', honghu('ar-1'))).toMatchObject({
      code: 'AlreadyExists',
      entity: 'arrangement',
      id: 'ar-1',
    })
    expect(await refused(r, EAST_CLERK, 'endArrangement', { arrangement: 'ar-1' })).toMatchObject(
      forbiddenTo(EAST_CLERK, 'endArrangement', [STREET_REGISTRAR]),
    )
    await r.must(CLERK, 'endArrangement', { arrangement: 'ar-1' })
    expect(await refused(r, CLERK, 'endArrangement', { arrangement: 'ar-1' })).toMatchObject(
      rule('arrangement-ended'),
    )
    expect(await refused(r, CLERK, 'endArrangement', { arrangement: 'ar-9' })).toMatchObject(
      notFound('arrangement', 'ar-9'),
    )
  })

  it('a migrant has the arrangements in force with their home place', async () => {
    const r = await withStation()
    await r.must(CLERK, 'recordArrangement', honghu('ar-school', { benefit: 'schooling' }))
    await r.must(CLERK, 'recordArrangement', honghu('ar-insurance'))
    await r.must(CLERK, 'recordArrangement', honghu('ar-old', { benefit: 'social-security' }))
    await r.must(CLERK, 'recordArrangement', honghu('ar-xiantao', { home: 'Xiantao, Hubei' }))
    await r.must(CLERK, 'endArrangement', { arrangement: 'ar-old' })
    const state = await r.state()
    const registry = (await r.street()).registry
    expect(arrangementsFor(state, registry, PersonId.make('p-wang')).map((a) => a.id)).toEqual([
      'ar-school',
      'ar-insurance',
    ])
    expect(arrangementsFor(state, registry, PersonId.make('l-1'))).toEqual([])
    expect(arrangementsFor(state, registry, PersonId.make('p-ghost'))).toEqual([])
  })
})

describe('bad input', () => {
  it('a malformed eligibility is a typed error with the path of the bad field, and no change', async () => {
    const r = await withStation()
    const error = await refused(
      r,
      DESK,
      'catalogueService',
      service('sv-id', { eligibility: { registered: 'yes', migrant: true } }),
    )
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError') expect(error.issues[0]?.path).toBe('$.eligibility.registered')
  })

  it('an unknown department and a missing resident name their fields', async () => {
    const r = await withStation()
    const department = await refused(r, CLERK, 'bringDepartment', {
      station: ST,
      department: 'army',
    })
    expect(department.code === 'DecodeError' && department.issues[0]?.path).toBe('$.department')
    const resident = await refused(r, DESK, 'fileRequest', {
      station: ST,
      request: 'q-1',
      service: 'sv-id',
    })
    expect(resident.code === 'DecodeError' && resident.issues[0]?.path).toBe('$.resident')
  })
})

describe('queries', () => {
  /**
   * st-1's catalogue and requests: an ID card and job registration for all, a household transfer
   * for registered residents (restricted by law), a residence permit for migrants, and a
   * withdrawn allowance for registered residents.
   */
  const withRequests = async () => {
    const r = await withStation()
    await r.must(DESK, 'catalogueService', service('sv-id', { name: 'ID card' }))
    await r.must(
      DESK,
      'catalogueService',
      service('sv-hukou', {
        name: 'Household transfer',
        department: 'civil-affairs',
        eligibility: registeredOnly,
        restriction: HUKOU_LAW,
      }),
    )
    await r.must(
      DESK,
      'catalogueService',
      service('sv-permit', { name: 'Residence permit', eligibility: migrantOnly }),
    )
    await r.must(
      DESK,
      'catalogueService',
      service('sv-aid', {
        name: 'Minimum living allowance',
        department: 'civil-affairs',
        eligibility: registeredOnly,
        restriction: { basis: 'Minimum Living Allowance Measures' },
      }),
    )
    await r.must(
      DESK,
      'catalogueService',
      service('sv-job', { name: 'Job registration', department: 'human-resources' }),
    )
    await r.must(DESK, 'withdrawService', { station: ST, service: 'sv-aid' })
    const requests = [
      ['q-1', 'sv-id', 'l-1', 'serve'],
      ['q-2', 'sv-id', 'l-2', 'refuse'],
      ['q-3', 'sv-id', 'm-1', 'serve'],
      ['q-4', 'sv-id', 'm-2', 'serve'],
      ['q-5', 'sv-job', 'l-3', 'serve'],
      ['q-6', 'sv-job', 'm-3', 'serve'],
      ['q-7', 'sv-hukou', 'l-4', 'serve'],
      ['q-8', 'sv-permit', 'm-4', null],
    ] as const
    for (const [id, svc, resident] of requests)
      await r.must(resident, 'fileRequest', filing(id, svc, resident))
    for (const [id, , , outcome] of requests) {
      if (outcome === 'serve')
        await r.must(DESK, 'serveRequest', { station: ST, request: id, note: 'Done' })
      if (outcome === 'refuse')
        await r.must(DESK, 'refuseRequest', { station: ST, request: id, reason: 'Papers missing' })
    }
    return r
  }

  it('accessGaps shows the services open to one kind of resident, and the shares served that differ', async () => {
    const r = await withRequests()
    expect(accessGaps(await r.state(), StationId.make(ST))).toEqual({
      station: ST,
      opportunity: [
        {
          service: 'sv-hukou',
          name: 'Household transfer',
          department: 'civil-affairs',
          eligibility: registeredOnly,
          basis: HUKOU_LAW.basis,
        },
        {
          service: 'sv-permit',
          name: 'Residence permit',
          department: 'police',
          eligibility: migrantOnly,
          basis: null,
        },
      ],
      outcome: [
        {
          service: 'sv-id',
          name: 'ID card',
          department: 'police',
          registered: { filed: 2, served: 1, servedShare: 0.5 },
          migrant: { filed: 2, served: 2, servedShare: 1 },
        },
        // Household transfer and the residence permit were asked for by one kind of resident
        // only: no comparison, so no outcome gap.
      ],
    })
    expect(accessGaps(await r.state(), StationId.make('st-none'))).toEqual({
      station: 'st-none',
      opportunity: [],
      outcome: [],
    })
  })

  it('an outcome gap counts residents by their household registration when they filed', async () => {
    const r = await withRequests()
    // m-1 settles after being served: the ID-card shares stay as they were.
    await r.must(CLERK, 'changeHousehold', { person: 'm-1', household: { status: 'registered' } })
    const gaps = accessGaps(await r.state(), StationId.make(ST))
    expect(gaps.outcome[0]).toMatchObject({
      service: 'sv-id',
      registered: { filed: 2, served: 1 },
      migrant: { filed: 2, served: 2 },
    })
  })

  it('requestsOf lists a station’s requests in the order they were filed, ties by id', async () => {
    const r = await withStation()
    await r.must(DESK, 'catalogueService', service('sv-id'))
    const at = r.nextAt()
    await r.must('m-2', 'fileRequest', filing('q-b', 'sv-id', 'm-2'), at)
    await r.must('m-1', 'fileRequest', filing('q-a', 'sv-id', 'm-1'), at)
    await r.must('l-1', 'fileRequest', filing('q-0', 'sv-id', 'l-1'))
    expect(requestsOf(await r.state(), StationId.make(ST)).map((q) => q.id)).toEqual([
      'q-a',
      'q-b',
      'q-0',
    ])
    expect(requestsOf(await r.state(), StationId.make('st-none'))).toEqual([])
  })

  it('what the events fold into is what the codecs describe', async () => {
    const r = await withRequests()
    await r.must(CLERK, 'recordArrangement', {
      arrangement: 'ar-1',
      home: 'Honghu, Hubei',
      benefit: 'medical-insurance',
      subject: 'Reimbursed at two Guangzhou hospitals',
      partners: ['Hospital A'],
    })
    await r.must(CLERK, 'endArrangement', { arrangement: 'ar-1' })
    const state = await r.state()
    const entities = [
      ...valuesOf(state.stations).map((x) => decodeWith(Station, x)),
      ...valuesOf(state.requests).map((x) => decodeWith(Request, x)),
      ...valuesOf(state.arrangements).map((x) => decodeWith(Arrangement, x)),
    ]
    expect(entities).toHaveLength(1 + 8 + 1)
    expect(entities.filter(E.isLeft)).toEqual([])
  })
})
