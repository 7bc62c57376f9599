/**
 * The rules of residents' requests at a one-stop station (`src/integration/requests.ts`), over the
 * pure decider: who files, for whom, for what; who decides a request, and once.
 */
import { describe, expect, it } from 'vitest'
import { RequestId, StationId, lookup } from '../../src/core/index.js'
import { accessGaps, requestsOf, type Request } from '../../src/integration/index.js'
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

const requestOf = (r: Street, id: string): Request => {
  const request = lookup(r.state.requests, RequestId.make(id))
  if (request === undefined) throw new Error(`request ${id} was never filed`)
  return request
}

describe('requests', () => {
  /** st-1 with an ID-card service for all and a household transfer for registered residents. */
  const withCatalogue = () => {
    const r = withStation()
    r.must(DESK, 'catalogueService', service('sv-id', { name: 'ID card' }))
    r.must(
      DESK,
      'catalogueService',
      service('sv-hukou', {
        name: 'Household transfer',
        department: 'civil-affairs',
        eligibility: registeredOnly,
        restriction: HUKOU_LAW,
      }),
    )
    r.must(DESK, 'catalogueService', service('sv-permit', { eligibility: migrantOnly }))
    return r
  }

  it('a resident files in person, or the staff for them; the request records their household registration', () => {
    const r = withCatalogue()
    r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    r.must(DESK, 'fileRequest', filing('q-2', 'sv-id', 'l-1'))
    expect(requestOf(r, 'q-1')).toMatchObject({
      station: ST,
      service: 'sv-id',
      resident: 'm-1',
      residency: 'migrant',
      status: 'filed',
      filedBy: 'm-1',
      outcome: null,
    })
    expect(requestOf(r, 'q-2')).toMatchObject({
      resident: 'l-1',
      residency: 'registered',
      filedBy: DESK,
    })
  })

  it('nobody else files for a resident', () => {
    const r = withCatalogue()
    r.when('l-2', 'fileRequest', filing('q-1', 'sv-id', 'm-1')).thenRefused(
      forbiddenTo('l-2', 'fileRequest', ['m-1 in person', `staff of ${ST}`]),
    )
    // A registrar is not the station's staff.
    r.when(CLERK, 'fileRequest', filing('q-1', 'sv-id', 'm-1')).thenRefused({
      code: 'Forbidden',
    })
  })

  it('a request names a new id, a station and a service of it', () => {
    const r = withCatalogue()
    r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    r.when('m-2', 'fileRequest', filing('q-1', 'sv-id', 'm-2')).thenRefused({
      code: 'AlreadyExists',
      entity: 'request',
      id: 'q-1',
    })
    r.when('m-2', 'fileRequest', filing('q-2', 'sv-none', 'm-2')).thenRefused(
      notFound('service', `sv-none of ${ST}`),
    )
    r.when('m-2', 'fileRequest', { ...filing('q-2', 'sv-id', 'm-2'), station: 'st-x' }).thenRefused(
      notFound('station', 'st-x'),
    )
  })

  it('a withdrawn service takes no new requests', () => {
    const r = withCatalogue()
    r.must(DESK, 'withdrawService', { station: ST, service: 'sv-id' })
    r.when('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1')).thenRefused(
      rule('service-withdrawn'),
    )
  })

  it('a request is for a person of the registry who lives in the street', () => {
    const r = withCatalogue()
    r.when(DESK, 'fileRequest', filing('q-1', 'sv-id', 'p-ghost')).thenRefused(
      notFound('person', 'p-ghost'),
    )
    // The officer is known, but lives outside the street.
    r.when(DESK, 'fileRequest', filing('q-1', 'sv-id', EAST_DESK)).thenRefused(
      rule('not-a-resident'),
    )
    r.must(CLERK, 'recordDeparture', { person: 'l-4', destination: 'Foshan' })
    r.when('l-4', 'fileRequest', filing('q-1', 'sv-id', 'l-4')).thenRefused(rule('not-a-resident'))
    // A migrant of West is a resident of the street too.
    r.must('w-1', 'fileRequest', filing('q-1', 'sv-id', 'w-1'))
  })

  it('a resident not eligible is refused, with the basis of the restriction', () => {
    const r = withCatalogue()
    const error = r
      .when('m-1', 'fileRequest', filing('q-1', 'sv-hukou', 'm-1'))
      .thenRefused(rule('not-eligible'))
    expect(error.message).toContain(HUKOU_LAW.basis)
    const noBasis = r
      .when('l-1', 'fileRequest', filing('q-1', 'sv-permit', 'l-1'))
      .thenRefused(rule('not-eligible'))
    expect(noBasis.message).not.toContain('legal restriction')
  })

  it('eligibility follows the household registration now: a migrant who settled is registered', () => {
    const r = withCatalogue()
    r.must(CLERK, 'changeHousehold', { person: 'm-2', household: { status: 'registered' } })
    r.must('m-2', 'fileRequest', filing('q-1', 'sv-hukou', 'm-2'))
    expect(requestOf(r, 'q-1').residency).toBe('registered')
  })

  it('only the staff of the request’s station serve, refer or refuse it — a registrar is not staff', () => {
    const r = withCatalogue()
    r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    for (const [type, extra] of [
      ['serveRequest', { note: 'Issued' }],
      ['referRequest', { to: 'District office', note: 'Needs the district' }],
      ['refuseRequest', { reason: 'Papers missing' }],
    ] as const)
      r.when(CLERK, type, { station: ST, request: 'q-1', ...extra }).thenRefused(
        forbiddenTo(CLERK, type, [`staff of ${ST}`]),
      )
    // Staff of another station do not decide st-1's requests, whichever station they name.
    r.must(EAST_CLERK, 'openStation', {
      station: 'st-east',
      name: 'East Station',
      place: place('community', 'c-east'),
      departments: ['police'],
      staff: [EAST_DESK],
    })
    r.when(EAST_DESK, 'serveRequest', { station: ST, request: 'q-1', note: 'Done' }).thenRefused(
      forbiddenTo(EAST_DESK, 'serveRequest', [`staff of ${ST}`]),
    )
    r.when(EAST_DESK, 'serveRequest', {
      station: 'st-east',
      request: 'q-1',
      note: 'Done',
    }).thenRefused(notFound('request', 'q-1 of st-east'))
    r.when(DESK, 'serveRequest', { station: ST, request: 'q-9', note: 'Done' }).thenRefused(
      notFound('request', `q-9 of ${ST}`),
    )
  })

  it('a request is served, referred or refused once, and the outcome is kept', () => {
    const r = withCatalogue()
    r.must('m-1', 'fileRequest', filing('q-1', 'sv-id', 'm-1'))
    r.must('m-2', 'fileRequest', filing('q-2', 'sv-id', 'm-2'))
    r.must('l-1', 'fileRequest', filing('q-3', 'sv-id', 'l-1'))
    const served = r.must(DESK, 'serveRequest', {
      station: ST,
      request: 'q-1',
      note: 'Issued',
    })
    r.must(DESK, 'referRequest', {
      station: ST,
      request: 'q-2',
      to: 'Tianhe District Police',
      note: 'Lost card, reported there',
    })
    r.must(DESK, 'refuseRequest', { station: ST, request: 'q-3', reason: 'Papers missing' })
    expect(requestOf(r, 'q-1')).toMatchObject({
      status: 'served',
      outcome: { at: served.events[0]?.at, by: DESK, note: 'Issued', referredTo: null },
    })
    expect(requestOf(r, 'q-2')).toMatchObject({
      status: 'referred',
      outcome: { note: 'Lost card, reported there', referredTo: 'Tianhe District Police' },
    })
    expect(requestOf(r, 'q-3')).toMatchObject({
      status: 'refused',
      outcome: { note: 'Papers missing', referredTo: null },
    })
    r.when(DESK, 'refuseRequest', { station: ST, request: 'q-1', reason: 'Oops' }).thenRefused({
      code: 'IllegalTransition',
      machine: 'request',
      state: 'served',
      command: 'refuseRequest',
    })
    r.when(DESK, 'serveRequest', { station: ST, request: 'q-3', note: 'After all' }).thenRefused({
      code: 'IllegalTransition',
      machine: 'request',
      state: 'refused',
      command: 'serveRequest',
    })
    r.when(DESK, 'referRequest', { station: ST, request: 'q-2', to: 'X', note: 'Y' }).thenRefused({
      code: 'IllegalTransition',
      state: 'referred',
      command: 'referRequest',
    })
  })

  it('a member of staff does not decide their own request: another member of staff does', () => {
    const r = withCatalogue()
    r.must(CLERK, 'postStationStaff', { station: ST, person: 'l-1' })
    // DESK lives in the street, so files for themselves like any resident.
    r.must(DESK, 'fileRequest', filing('q-1', 'sv-id', DESK))
    for (const [type, extra] of [
      ['serveRequest', { note: 'Issued' }],
      ['referRequest', { to: 'District office', note: 'Needs the district' }],
      ['refuseRequest', { reason: 'Papers missing' }],
    ] as const)
      r.when(DESK, type, { station: ST, request: 'q-1', ...extra }).thenRefused(
        rule('decides-own-request'),
      )
    r.must('l-1', 'serveRequest', { station: ST, request: 'q-1', note: 'Issued' })
    expect(requestOf(r, 'q-1')).toMatchObject({
      resident: DESK,
      status: 'served',
      outcome: { by: 'l-1', note: 'Issued' },
    })
  })
})

describe('queries', () => {
  /**
   * st-1's catalogue and requests: an ID card and job registration for all, a household transfer
   * for registered residents (restricted by law), a residence permit for migrants, and a
   * withdrawn allowance for registered residents.
   */
  const withRequests = () => {
    const r = withStation()
    r.must(DESK, 'catalogueService', service('sv-id', { name: 'ID card' }))
    r.must(
      DESK,
      'catalogueService',
      service('sv-hukou', {
        name: 'Household transfer',
        department: 'civil-affairs',
        eligibility: registeredOnly,
        restriction: HUKOU_LAW,
      }),
    )
    r.must(
      DESK,
      'catalogueService',
      service('sv-permit', { name: 'Residence permit', eligibility: migrantOnly }),
    )
    r.must(
      DESK,
      'catalogueService',
      service('sv-aid', {
        name: 'Minimum living allowance',
        department: 'civil-affairs',
        eligibility: registeredOnly,
        restriction: { basis: 'Minimum Living Allowance Measures' },
      }),
    )
    r.must(
      DESK,
      'catalogueService',
      service('sv-job', { name: 'Job registration', department: 'human-resources' }),
    )
    r.must(DESK, 'withdrawService', { station: ST, service: 'sv-aid' })
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
      r.must(resident, 'fileRequest', filing(id, svc, resident))
    for (const [id, , , outcome] of requests) {
      if (outcome === 'serve')
        r.must(DESK, 'serveRequest', { station: ST, request: id, note: 'Done' })
      if (outcome === 'refuse')
        r.must(DESK, 'refuseRequest', { station: ST, request: id, reason: 'Papers missing' })
    }
    return r
  }

  it('accessGaps shows the services open to one kind of resident, and the shares served that differ', () => {
    const r = withRequests()
    expect(accessGaps(r.state, StationId.make(ST))).toEqual({
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
    expect(accessGaps(r.state, StationId.make('st-none'))).toEqual({
      station: 'st-none',
      opportunity: [],
      outcome: [],
    })
  })

  it('an outcome gap counts residents by their household registration when they filed', () => {
    const r = withRequests()
    // m-1 settles after being served: the ID-card shares stay as they were.
    r.must(CLERK, 'changeHousehold', { person: 'm-1', household: { status: 'registered' } })
    const gaps = accessGaps(r.state, StationId.make(ST))
    expect(gaps.outcome[0]).toMatchObject({
      service: 'sv-id',
      registered: { filed: 2, served: 1 },
      migrant: { filed: 2, served: 2 },
    })
  })

  it('requestsOf lists a station’s requests in the order they were filed, ties by id', () => {
    const r = withStation()
    r.must(DESK, 'catalogueService', service('sv-id'))
    const at = r.nextAt()
    r.must('m-2', 'fileRequest', filing('q-b', 'sv-id', 'm-2'), at)
    r.must('m-1', 'fileRequest', filing('q-a', 'sv-id', 'm-1'), at)
    r.must('l-1', 'fileRequest', filing('q-0', 'sv-id', 'l-1'))
    expect(requestsOf(r.state, StationId.make(ST)).map((q) => q.id)).toEqual(['q-a', 'q-b', 'q-0'])
    expect(requestsOf(r.state, StationId.make('st-none'))).toEqual([])
  })
})
