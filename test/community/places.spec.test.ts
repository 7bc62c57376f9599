import { describe, expect, it } from 'vitest'
import { PersonId } from '../../src/core/index.js'
import { community, holdsRole, placeTree } from '../../src/community/index.js'
import { specFor } from '../../src/testing/index.js'
import { CLERK, place, street, streetCommandsFor } from './spec-fixtures.js'

// The rules of places (places.ts): the registry opens once per street, and places nest street ⊃
// community ⊃ grid ⊃ compound ⊃ entrance, each registered inside its parent by a registrar over
// it, and renamed by a registrar over the place.

const spec = specFor(community)
const cmd = streetCommandsFor(community)

describe('the registry opens once per street', () => {
  it('opening appoints the first registrar over the street', () => {
    const s = spec.given(street).state
    expect(
      holdsRole(s, PersonId.make(CLERK), 'registrar', {
        level: 'street',
        id: s.street?.id ?? ('' as never),
      }),
    ).toBe(true)
  })

  it('cannot be opened twice', () => {
    spec
      .given(street)
      .when(
        cmd.openRegistry({
          name: 'Again',
          registrar: CLERK,
          registrarName: 'x',
          assignment: 'as-2',
        }),
      )
      .thenRefused('AlreadyExists')
  })
})

describe('places nest street ⊃ community ⊃ grid ⊃ compound ⊃ entrance', () => {
  it('a grid cannot be registered outside an existing community', () => {
    spec
      .given(street)
      .when(cmd.registerGrid({ grid: 'g-x', community: 'c-nowhere', name: 'X' }))
      .thenRefused({ code: 'NotFound', entity: 'community', id: 'c-nowhere' })
  })

  it('a compound needs its grid and an entrance its compound', () => {
    const given = spec.given(street)
    given
      .when(cmd.registerCompound({ compound: 'k-x', grid: 'g-none', name: 'X' }))
      .thenRefused({ code: 'NotFound', entity: 'grid' })
    given
      .when(cmd.registerEntrance({ entrance: 'e-x', compound: 'k-none', name: 'X' }))
      .thenRefused({ code: 'NotFound', entity: 'compound' })
  })

  it('ids are unique per kind of place', () => {
    spec
      .given(street)
      .when(cmd.registerGrid({ grid: 'g-east', community: 'c-west', name: 'Dup' }))
      .thenRefused({ code: 'AlreadyExists', entity: 'grid', id: 'g-east' })
  })
})

describe('renaming a place', () => {
  it('renaming a place keeps its id and records the old name', () => {
    const renamed = spec
      .given(street)
      .when(cmd.renamePlace({ place: place('grid', 'g-east'), name: 'Riverside grid' }))
      .then((events) => {
        expect(events[0]).toMatchObject({
          type: 'placeRenamed',
          from: 'East grid',
          to: 'Riverside grid',
        })
      })
    const tree = placeTree(renamed.state)
    expect(tree?.children[0]?.children[0]?.name).toBe('Riverside grid')
  })

  it('renaming to the current name records nothing', () => {
    const given = spec.given(street)
    const then = given
      .when(cmd.renamePlace({ place: place('community', 'c-east'), name: 'East' }))
      .then([])
    expect(then.state).toBe(given.state)
  })

  it('a community registrar may not rename another community', () => {
    spec
      .given(street)
      .when(
        cmd.renamePlace({ place: place('community', 'c-west'), name: 'W', actor: 'p-east-clerk' }),
      )
      .thenRefused({ code: 'Forbidden' })
  })
})
