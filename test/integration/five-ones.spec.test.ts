/**
 * The "five ones" (`src/integration/five-ones.ts`), read over the states the pure deciders fold:
 * which of the five vehicles of integration a street or a community has, and which it lacks.
 */
import { describe, expect, it } from 'vitest'
import { CommunityId, StreetId } from '../../src/core/index.js'
import { fiveOnes, fiveOnesItems } from '../../src/integration/index.js'
import { EAST_CLERK, HALL, STREET, place, seeded, type Street } from './spec-fixtures.js'

const streetPlace = { level: 'street', id: StreetId.make(STREET) } as const
const eastPlace = { level: 'community', id: CommunityId.make('c-east') } as const
const westPlace = { level: 'community', id: CommunityId.make('c-west') } as const

const report = (r: Street, at: typeof streetPlace | typeof eastPlace) =>
  fiveOnes(r.state, r.registry().registry, at)

/** Sets up the four vehicles of integration at East (the migrant branch is the fixture's). */
const setUpFourVehicles = (r: Street): void => {
  r.must(EAST_CLERK, 'openStation', {
    station: 'st-1',
    name: 'East Station',
    place: place('community', 'c-east'),
    departments: ['police', 'civil-affairs'],
    staff: ['l-1'],
  })
  r.must(EAST_CLERK, 'constituteCouncil', {
    council: 'cl-1',
    name: 'East Council',
    hall: HALL,
    branch: 'o-council-b',
    articles: ['Migrant and local seats are equal'],
  })
  r.must(EAST_CLERK, 'formTeam', {
    team: 'tm-1',
    name: 'Migrant volunteers',
    kind: 'service',
    place: place('community', 'c-east'),
    leader: 'p-wang',
  })
  r.must(EAST_CLERK, 'openSchool', {
    school: 'sc-1',
    name: 'East School',
    place: place('community', 'c-east'),
    ledBy: 'o-council-b',
  })
}

describe('the "five ones" (五个一工程)', () => {
  it('lists the five items in the order of seed 000', () => {
    expect(fiveOnesItems).toEqual([
      'workstation',
      'council',
      'volunteer-team',
      'school',
      'migrant-branch',
    ])
  })

  it('a street with only its migrant branch lacks the other four', () => {
    const r = seeded()
    const five = report(r, streetPlace)
    expect(five.found['migrant-branch']).toEqual(['o-jingchu'])
    expect(five.missing).toEqual(['workstation', 'council', 'volunteer-team', 'school'])
    expect(five.complete).toBe(false)
  })

  it('a street with a station, a council, a team, a school and a migrant branch has all five', () => {
    const r = seeded()
    setUpFourVehicles(r)
    const five = report(r, streetPlace)
    expect(five.found).toEqual({
      workstation: ['st-1'],
      council: ['cl-1'],
      'volunteer-team': ['tm-1'],
      school: ['sc-1'],
      'migrant-branch': ['o-jingchu'],
    })
    expect(five.missing).toEqual([])
    expect(five.complete).toBe(true)
  })

  it('a vehicle counts for the community it sits in, and a street-level one does not', () => {
    const r = seeded()
    setUpFourVehicles(r)
    // East has the four vehicles, but the migrant branch sits at the street.
    const east = report(r, eastPlace)
    expect(east.missing).toEqual(['migrant-branch'])
    const west = fiveOnes(r.state, r.registry().registry, westPlace)
    expect(west.missing).toEqual(fiveOnesItems)
  })

  it('a disbanded team and a dissolved branch no longer count', () => {
    const r = seeded()
    setUpFourVehicles(r)
    r.must(EAST_CLERK, 'disbandTeam', { team: 'tm-1' })
    r.must('p-zhou', 'dissolveOrganisation', {
      organisation: 'o-jingchu',
      reason: 'Its members went home',
    })
    const five = report(r, streetPlace)
    expect(five.missing).toEqual(['volunteer-team', 'migrant-branch'])
  })

  it('a council whose branch, and a school whose leading organisation, was dissolved no longer count', () => {
    const r = seeded()
    setUpFourVehicles(r)
    // The East school is led by the council branch: dissolving it takes both away.
    r.must('p-zhou', 'dissolveOrganisation', {
      organisation: 'o-council-b',
      reason: 'Merged into the community committee',
    })
    expect(report(r, streetPlace).missing).toEqual(['council', 'school'])
  })

  it('the council counts once it is constituted on its hall, not when the hall merely exists', () => {
    const r = seeded()
    expect(report(r, streetPlace).found.council).toEqual([])
    r.must(EAST_CLERK, 'constituteCouncil', {
      council: 'cl-1',
      name: 'East Council',
      hall: HALL,
      branch: 'o-council-b',
      articles: ['Migrant and local seats are equal'],
    })
    expect(report(r, streetPlace).found.council).toEqual(['cl-1'])
  })
})
