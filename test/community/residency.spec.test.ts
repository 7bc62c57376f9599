import { describe, expect, it } from 'vitest'
import { lookup, PersonId } from '../../src/core/index.js'
import { community, communityRules, rolesOf } from '../../src/community/index.js'
import { specFor } from '../../src/testing/index.js'
import { CLERK, place, street, streetCommandsFor, STREET } from './spec-fixtures.js'

// The rules of residency (residency.ts): a resident moves elsewhere with the registrar over both
// ends of the move, and leaves the street from a home in it, leaving every post with it.

const spec = specFor(community)
const cmd = streetCommandsFor(community)

describe('moving within the street', () => {
  it('moving a resident keeps the old home in their history', () => {
    const left = spec
      .given(street)
      .when(cmd.moveResident({ person: 'p-wang', to: place('grid', 'g-west') }))
      .then()
      .when(cmd.recordDeparture({ person: 'p-wang', destination: 'Honghu, Hubei' }))
      .then()
    const wang = lookup(left.state.persons, PersonId.make('p-wang'))
    expect(wang?.home).toBeNull()
    expect(wang?.moves.map((m) => [m.from?.id ?? null, m.to?.id ?? null, m.destination])).toEqual([
      ['e-east', 'g-west', null],
      ['g-west', null, 'Honghu, Hubei'],
    ])
  })

  it('a resident cannot be moved to where they already live', () => {
    spec
      .given(street)
      .when(cmd.moveResident({ person: 'p-wang', to: place('entrance', 'e-east') }))
      .thenRefused(communityRules.moveToSameHome)
  })

  it('a community registrar may not move someone out of another community', () => {
    spec
      .given(street)
      .when(
        cmd.moveResident({
          person: 'p-chen',
          to: place('community', 'c-east'),
          actor: 'p-east-clerk',
        }),
      )
      .thenRefused({ code: 'Forbidden', missingRole: ['registrar@community:c-west'] })
  })
})

describe('leaving the street', () => {
  it('a departure needs a home to leave', () => {
    spec
      .given(street)
      .when(
        cmd.registerPerson({
          person: 'p-cadre',
          name: 'District cadre',
          household: { status: 'registered' },
          home: null,
        }),
      )
      .then()
      .when(cmd.recordDeparture({ person: 'p-cadre', destination: 'Elsewhere' }))
      .thenRefused(communityRules.notAResident)
  })

  it('the street’s only registrar cannot leave the street until another is appointed', () => {
    // Chen Li, who lives in West, becomes the street's only registrar.
    const onlyRegistrar = spec
      .given(street)
      .when(
        cmd.appointRole({
          assignment: 'as-chen-street',
          person: 'p-chen',
          role: 'registrar',
          scope: place('street', STREET),
        }),
      )
      .then()
      .when(cmd.endRole({ assignment: 'as-clerk', reason: 'Retired', actor: 'p-chen' }))
      .then()
    onlyRegistrar
      .when(cmd.recordDeparture({ person: 'p-chen', destination: 'Shenzhen', actor: 'p-chen' }))
      .thenRefused(communityRules.lastStreetRegistrar)
  })

  it('a departed resident’s posts end with the departure', () => {
    const departed = spec
      .given(street)
      .when(
        cmd.appointRole({
          assignment: 'as-wang-vol',
          person: 'p-wang',
          role: 'volunteer',
          scope: place('grid', 'g-east'),
          actor: CLERK,
        }),
      )
      .then()
      .when(cmd.recordDeparture({ person: 'p-wang', destination: 'Honghu' }))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['residentDeparted', 'roleEnded'])
      })
    expect(rolesOf(departed.state, PersonId.make('p-wang'))).toEqual([])
  })
})
