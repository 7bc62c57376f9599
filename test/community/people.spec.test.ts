import { describe, expect, it } from 'vitest'
import { lookup, PersonId } from '../../src/core/index.js'
import { community } from '../../src/community/index.js'
import { specFor } from '../../src/testing/index.js'
import { place, street, streetCommandsFor } from './spec-fixtures.js'

// The rules of people (people.ts): a person is registered once, with their household
// registration, and a change of it keeps the earlier one in their history.

const spec = specFor(community)
const cmd = streetCommandsFor(community)

describe('persons and household registration', () => {
  it('a person cannot be registered twice', () => {
    spec
      .given(street)
      .when(
        cmd.registerPerson({
          person: 'p-wang',
          name: 'W',
          household: { status: 'registered' },
          home: null,
        }),
      )
      .thenRefused({ code: 'AlreadyExists', entity: 'person' })
  })

  it('a person whose id is an inherited name (toString) is a person like any other', () => {
    const given = spec.given(street)
    given
      .when(cmd.moveResident({ person: 'toString', to: place('grid', 'g-west') }))
      .thenRefused({ code: 'NotFound', entity: 'person' })
    const registered = given
      .when(
        cmd.registerPerson({
          person: 'toString',
          name: 'T',
          household: { status: 'registered' },
          home: null,
        }),
      )
      .then()
    expect(lookup(registered.state.persons, PersonId.make('toString'))?.name).toBe('T')
  })

  it('a migrant who settles keeps the earlier registration in their history', () => {
    const settled = spec
      .given(street)
      .when(cmd.changeHousehold({ person: 'p-wang', household: { status: 'registered' } }))
      .then()
    const wang = lookup(settled.state.persons, PersonId.make('p-wang'))
    expect(wang?.household).toEqual({ status: 'registered' })
    expect(wang?.householdChanges.map((h) => [h.from, h.to])).toEqual([
      [{ status: 'migrant', origin: 'Honghu, Hubei' }, { status: 'registered' }],
    ])
  })
})
