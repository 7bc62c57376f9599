import { describe, it } from 'vitest'
import { community, communityRules } from '../../src/community/index.js'
import { specFor } from '../../src/testing/index.js'
import { org, place, street, streetCommandsFor, STREET } from './spec-fixtures.js'

// The rules of roles (roles.ts): a post is held over a scope its role allows, over an active
// organisation, given by someone else, once per person and (for a single-holder post) by one
// person at a time, ended once; and the street always keeps a registrar.

const spec = specFor(community)
const cmd = streetCommandsFor(community)

describe('the street always keeps a registrar', () => {
  it('the last street registrar cannot leave the post until another is appointed', () => {
    const given = spec.given(street)
    given
      .when(cmd.endRole({ assignment: 'as-clerk', reason: 'Retired' }))
      .thenRefused(communityRules.lastStreetRegistrar)
    given
      .when(
        cmd.appointRole({
          assignment: 'as-clerk-2',
          person: 'p-chen',
          role: 'registrar',
          scope: place('street', STREET),
        }),
      )
      .then()
      .when(cmd.endRole({ assignment: 'as-clerk', reason: 'Retired' }))
      .then()
      .when(
        cmd.registerCommunity({
          community: 'c-north',
          name: 'North',
          settlement: 'community',
          actor: 'p-chen',
        }),
      )
      .then()
  })
})

describe('roles and concurrent posts 兼任', () => {
  it('a role is held only at the levels its table allows', () => {
    spec
      .given(street)
      .when(
        cmd.appointRole({
          assignment: 'as-x',
          person: 'p-wang',
          role: 'grid-worker',
          scope: place('community', 'c-east'),
        }),
      )
      .thenRefused(communityRules.roleScope)
  })

  it('an organisation has one secretary at a time', () => {
    const given = spec.given(street)
    const second = cmd.appointRole({
      assignment: 'as-x',
      person: 'p-chen',
      role: 'secretary',
      scope: org('o-street'),
    })
    given.when(second).thenRefused(communityRules.singleHolder)
    given
      .when(cmd.endRole({ assignment: 'as-zhou-street', reason: 'Term ended' }))
      .then()
      .when(second)
      .then()
  })

  it('nobody holds the same post twice', () => {
    spec
      .given(street)
      .when(
        cmd.appointRole({
          assignment: 'as-v1',
          person: 'p-wang',
          role: 'volunteer',
          scope: place('grid', 'g-east'),
        }),
      )
      .then()
      .when(
        cmd.appointRole({
          assignment: 'as-v2',
          person: 'p-wang',
          role: 'volunteer',
          scope: place('grid', 'g-east'),
        }),
      )
      .thenRefused(communityRules.alreadyHoldsRole)
  })

  it('an ended post cannot be ended again', () => {
    spec
      .given(street)
      .when(cmd.endRole({ assignment: 'as-east-clerk', reason: 'Moved' }))
      .then()
      .when(cmd.endRole({ assignment: 'as-east-clerk', reason: 'Again' }))
      .thenRefused({ code: 'IllegalTransition', machine: 'assignment', state: 'ended' })
  })

  it('nobody is appointed over a dissolved organisation', () => {
    spec
      .given(street)
      .when(cmd.dissolveOrganisation({ organisation: 'o-east', reason: 'Merged', actor: 'p-zhou' }))
      .then()
      .when(
        cmd.appointRole({
          assignment: 'as-x',
          person: 'p-chen',
          role: 'secretary',
          scope: org('o-east'),
          actor: 'p-zhou',
        }),
      )
      .thenRefused(communityRules.scopeActive)
  })

  it('nobody appoints themselves', () => {
    spec
      .given(street)
      .when(
        cmd.appointRole({
          assignment: 'as-self',
          person: 'p-zhou',
          role: 'secretary',
          scope: org('o-east'),
          actor: 'p-zhou',
        }),
      )
      .thenRefused(communityRules.selfAppointment)
  })
})
