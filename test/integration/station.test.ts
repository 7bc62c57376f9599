/**
 * Service integration on the engine: bad input refused with the path of the bad field, and no
 * change, and what the events fold into decoded by the codecs. The station's, requests' and
 * arrangements' rules are specs over the pure decider (`station.spec.test.ts`,
 * `requests.spec.test.ts`, `arrangements.spec.test.ts`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { valuesOf, decodeWith, type DomainError } from '../../src/core/index.js'
import { Arrangement, Request, Station } from '../../src/integration/index.js'
import {
  CLERK,
  STREET,
  place,
  seedIntegration,
  type IntegrationStreet,
  refusedWithoutTrace,
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

/** A refusal that stored nothing and changed no state: the error. */
const refused = (
  r: IntegrationStreet,
  actor: string,
  type: string,
  payload: Record<string, unknown>,
): Promise<DomainError> => refusedWithoutTrace(r, () => r.send(actor, type, payload))

// ---------------------------------------------------------------------------------------------

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
