import { describe, expect, it } from 'vitest'
import { CommunityId, PersonId, StreetId } from '../../src/core/index.js'
import { authorise, community } from '../../src/community/index.js'
import { specFor } from '../../src/testing/index.js'
import { CLERK, org, place, street, streetCommandsFor, STREET } from './spec-fixtures.js'

// The rules of authority (authorisation.ts): a command is accepted only from an actor who holds a
// role it requires, in the command's scope or a scope above it; a person's record answers to the
// registrar over their home (over the street, for one with no home in it); the party tree answers
// to itself.

const spec = specFor(community)
const cmd = streetCommandsFor(community)

/** A grid branch `id` seated at `seat` under `parent`. */
const branch = (id: string, seat: ReturnType<typeof place>, parent: string) =>
  ({
    organisation: {
      kind: 'party-branch',
      id,
      name: `Branch ${id}`,
      seat,
      parent,
      branch: { kind: 'grid' },
    },
  }) as unknown as Parameters<typeof cmd.registerOrganisation>[0]

describe('authorisation: a role in the command’s scope or a scope above it', () => {
  it('a community registrar registers grids in their community', () => {
    spec
      .given(street)
      .when(
        cmd.registerGrid({
          grid: 'g-east-2',
          community: 'c-east',
          name: 'East 2',
          actor: 'p-east-clerk',
        }),
      )
      .then()
  })

  it('a community registrar may not register grids in another community', () => {
    spec
      .given(street)
      .when(
        cmd.registerGrid({ grid: 'g-w2', community: 'c-west', name: 'W2', actor: 'p-east-clerk' }),
      )
      .thenRefused({
        code: 'Forbidden',
        actor: 'p-east-clerk',
        command: 'registerGrid',
        missingRole: ['registrar@community:c-west'],
      })
  })

  it('a resident with no role may not register anything', () => {
    spec
      .given(street)
      .when(
        cmd.registerCommunity({
          community: 'c-3',
          name: 'C3',
          settlement: 'community',
          actor: 'p-wang',
        }),
      )
      .thenRefused('Forbidden')
  })

  it('the secretary of a committee founds branches under it; a branch secretary may not found siblings', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          ...branch('o-b1', place('grid', 'g-east'), 'o-east'),
          actor: 'p-zhou',
        }),
      )
      .then()
      .when(
        cmd.appointRole({
          assignment: 'as-chen-b1',
          person: 'p-chen',
          role: 'secretary',
          scope: org('o-b1'),
          actor: 'p-zhou',
        }),
      )
      .then()
      .when(
        cmd.registerOrganisation({
          ...branch('o-b2', place('grid', 'g-east'), 'o-east'),
          actor: 'p-chen',
        }),
      )
      .thenRefused({ code: 'Forbidden', missingRole: ['secretary@organisation:o-east'] })
  })

  it('an ended role no longer authorises', () => {
    spec
      .given(street)
      .when(cmd.endRole({ assignment: 'as-east-clerk', reason: 'Transferred' }))
      .then()
      .when(
        cmd.registerGrid({ grid: 'g-e3', community: 'c-east', name: 'E3', actor: 'p-east-clerk' }),
      )
      .thenRefused('Forbidden')
  })

  it('a person with no home answers to the street: a community registrar cannot pull them in', () => {
    spec
      .given(street)
      .when(
        cmd.moveResident({
          person: CLERK,
          to: place('community', 'c-east'),
          actor: 'p-east-clerk',
        }),
      )
      .thenRefused({ code: 'Forbidden', missingRole: [`registrar@street:${STREET}`] })
  })
})

describe('the party tree answers to itself', () => {
  it('a registrar cannot graft a branch onto a committee: only the committee’s secretary can', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          ...branch('o-b', place('grid', 'g-east'), 'o-east'),
          actor: 'p-east-clerk',
        }),
      )
      .thenRefused({ code: 'Forbidden', missingRole: ['secretary@organisation:o-east'] })
  })

  it('a root party committee needs the street’s registrar, not a community’s', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          organisation: {
            kind: 'party-committee',
            id: 'o-rogue',
            name: 'Rogue',
            seat: place('community', 'c-east'),
            parent: null,
          },
          actor: 'p-east-clerk',
        }),
      )
      .thenRefused({ code: 'Forbidden', missingRole: [`registrar@street:${STREET}`] })
  })
})

describe('authorise with an exact requirement', () => {
  it('a street registrar covers a community, but not where the post must be held over exactly it', () => {
    const state = spec.given(street).state
    const community = { level: 'community', id: CommunityId.make('c-east') } as const
    const clerk = PersonId.make(CLERK)
    expect(authorise(state, clerk, 'x', [{ role: 'registrar', scope: community }])._tag).toBe(
      'Right',
    )
    expect(
      authorise(state, clerk, 'x', [{ role: 'registrar', scope: community, exact: true }]),
    ).toMatchObject({
      _tag: 'Left',
      left: { code: 'Forbidden', missingRole: ['registrar@community:c-east'] },
    })
    const theStreet = { level: 'street', id: StreetId.make(STREET) } as const
    expect(
      authorise(state, clerk, 'x', [{ role: 'registrar', scope: theStreet, exact: true }])._tag,
    ).toBe('Right')
  })
})
