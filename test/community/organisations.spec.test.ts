import { describe, expect, it } from 'vitest'
import { lookup, OrganisationId, PersonId } from '../../src/core/index.js'
import { community, communityRules, concurrentPosts, holdsRole } from '../../src/community/index.js'
import { specFor } from '../../src/testing/index.js'
import {
  eventsOf,
  org,
  place,
  socialOrganisationWithBranch,
  street,
  streetCommandsFor,
  STREET,
} from './spec-fixtures.js'

// The rules of organisations (organisations.ts): each kind sits only at some levels of place, a
// party organisation within its active parent of a kind that may hold it, a branch where its kind
// works, one party tree per street; an organisation with active dependants is not dissolved, and
// a dissolved one is neither renamed nor dissolved again, with every post over it ended.

const spec = specFor(community)
const cmd = streetCommandsFor(community)

/** A party branch `id` seated at `seat` under `parent`, of the branch kind `setting`. */
const branch = (
  id: string,
  seat: ReturnType<typeof place>,
  parent: string,
  setting: object = { kind: 'grid' },
) =>
  ({
    organisation: { kind: 'party-branch', id, name: `Branch ${id}`, seat, parent, branch: setting },
  }) as unknown as Parameters<typeof cmd.registerOrganisation>[0]

describe('the party-organisation tree', () => {
  it('a party group sits under a branch, not under a committee', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          organisation: {
            kind: 'party-group',
            id: 'o-g',
            name: 'G',
            seat: place('grid', 'g-east'),
            parent: 'o-east',
          },
          actor: 'p-zhou',
        }),
      )
      .thenRefused(communityRules.parentKind)
  })

  it('a branch must sit inside the place of its parent', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          ...branch('o-b', place('grid', 'g-west'), 'o-east'),
          actor: 'p-zhou',
        }),
      )
      .thenRefused(communityRules.seatWithinParent)
  })

  it('a residents’ committee sits in a community, not a grid', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          organisation: {
            kind: 'residents-committee',
            id: 'o-rc',
            name: 'RC',
            seat: place('grid', 'g-east'),
          },
        }),
      )
      .thenRefused(communityRules.seatLevel)
  })

  it('a branch’s parent must exist', () => {
    spec
      .given(street)
      .when(cmd.registerOrganisation(branch('o-b', place('grid', 'g-east'), 'o-missing')))
      .thenRefused({ code: 'NotFound', entity: 'organisation', id: 'o-missing' })
  })

  it('naming a missing parent is reported as missing, whoever asks', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          ...branch('o-b', place('grid', 'g-east'), 'o-missing'),
          actor: 'p-wang',
        }),
      )
      .thenRefused({ code: 'NotFound', entity: 'organisation', id: 'o-missing' })
  })

  it('a street has one party tree: a second root committee is refused', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          organisation: {
            kind: 'party-committee',
            id: 'o-second-root',
            name: 'Second root',
            seat: place('community', 'c-east'),
            parent: null,
          },
        }),
      )
      .thenRefused(communityRules.onePartyRoot)
  })

  it('nothing new is founded under a dissolved parent', () => {
    spec
      .given(street)
      .when(cmd.dissolveOrganisation({ organisation: 'o-east', reason: 'Merged', actor: 'p-zhou' }))
      .then()
      .when(
        cmd.registerOrganisation({
          ...branch('o-b', place('grid', 'g-east'), 'o-east'),
          actor: 'p-zhou',
        }),
      )
      .thenRefused(communityRules.parentActive)
  })
})

describe('what a branch’s kind asks of it', () => {
  it('a grid branch sits in a grid, not over the whole street', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          ...branch('o-b', place('street', STREET), 'o-street'),
          actor: 'p-zhou',
        }),
      )
      .thenRefused(communityRules.branchSeat)
  })

  it('a social-organisation branch sits inside an active social organisation', () => {
    const withCompany = spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          organisation: {
            kind: 'property-company',
            id: 'o-pm',
            name: 'Property Co',
            seat: place('community', 'c-east'),
          },
        }),
      )
      .then()
    withCompany
      .when(
        cmd.registerOrganisation({
          ...branch('o-b', place('community', 'c-east'), 'o-east', {
            kind: 'social-organisation',
            host: 'o-pm',
          }),
          actor: 'p-zhou',
        }),
      )
      .thenRefused(communityRules.branchHost)
    // With a real social organisation as host, the same kind of branch is accepted.
    eventsOf(community, socialOrganisationWithBranch, [...street, ...withCompany.events])
  })

  it('a branch sits where its host social organisation works', () => {
    spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          organisation: {
            kind: 'social-organisation',
            id: 'o-west-so',
            name: 'West Centre',
            seat: place('community', 'c-west'),
            origin: 'cultivated',
          },
        }),
      )
      .then()
      .when(
        cmd.registerOrganisation({
          ...branch('o-b', place('community', 'c-east'), 'o-east', {
            kind: 'social-organisation',
            host: 'o-west-so',
          }),
          actor: 'p-zhou',
        }),
      )
      .thenRefused(communityRules.branchHost)
  })

  it('a floating branch records its home organisation and origin (dual management)', () => {
    const founded = spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          ...branch('o-float', place('street', STREET), 'o-street', {
            kind: 'floating',
            homeOrganisation: 'Honghu County Committee',
            origin: 'Honghu, Hubei',
          }),
          actor: 'p-zhou',
        }),
      )
      .then()
    expect(lookup(founded.state.organisations, OrganisationId.make('o-float'))).toMatchObject({
      kind: 'party-branch',
      branch: { kind: 'floating', origin: 'Honghu, Hubei' },
      status: 'active',
    })
  })
})

describe('dissolving an organisation', () => {
  it('a committee with active branches cannot be dissolved; once they are, it can — once', () => {
    const withBranch = spec
      .given(street)
      .when(
        cmd.registerOrganisation({
          ...branch('o-b1', place('grid', 'g-east'), 'o-east'),
          actor: 'p-zhou',
        }),
      )
      .then()
    const dissolveEast = (reason: string) =>
      cmd.dissolveOrganisation({ organisation: 'o-east', reason, actor: 'p-zhou' })
    withBranch.when(dissolveEast('Merged')).thenRefused(communityRules.noActiveSubOrganisations)
    withBranch
      .when(cmd.dissolveOrganisation({ organisation: 'o-b1', reason: 'Merged', actor: 'p-zhou' }))
      .then()
      .when(dissolveEast('Merged'))
      .then()
      .when(dissolveEast('Again'))
      .thenRefused({
        code: 'IllegalTransition',
        machine: 'organisation',
        state: 'dissolved',
        command: 'dissolveOrganisation',
      })
  })

  it('a social organisation hosting an active branch cannot be dissolved', () => {
    spec
      .given(eventsOf(community, socialOrganisationWithBranch, street))
      .when(cmd.dissolveOrganisation({ organisation: 'o-so', reason: 'Contract ended' }))
      .thenRefused(communityRules.noActiveSubOrganisations)
  })

  it('a dissolved organisation cannot be renamed', () => {
    const dissolved = spec
      .given(street)
      .when(
        cmd.renameOrganisation({ organisation: 'o-east', name: 'East Committee', actor: 'p-zhou' }),
      )
      .then()
      .when(cmd.dissolveOrganisation({ organisation: 'o-east', reason: 'Merged', actor: 'p-zhou' }))
      .then()
    dissolved
      .when(cmd.renameOrganisation({ organisation: 'o-east', name: 'Renamed', actor: 'p-zhou' }))
      .thenRefused({ code: 'IllegalTransition', machine: 'organisation', state: 'dissolved' })
    expect(lookup(dissolved.state.organisations, OrganisationId.make('o-east'))?.name).toBe(
      'East Committee',
    )
  })

  it('the secretary of a dissolved committee no longer founds anything: its posts end with it', () => {
    const dissolved = spec
      .given(street)
      .when(
        cmd.appointRole({
          assignment: 'as-chen-east',
          person: 'p-chen',
          role: 'secretary',
          scope: org('o-east'),
          actor: 'p-zhou',
        }),
      )
      .then()
      .when(cmd.dissolveOrganisation({ organisation: 'o-east', reason: 'Merged', actor: 'p-zhou' }))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['organisationDissolved', 'roleEnded'])
      })
    const s = dissolved.state
    expect(
      holdsRole(s, PersonId.make('p-chen'), 'secretary', {
        level: 'organisation',
        id: OrganisationId.make('o-east'),
      }),
    ).toBe(false)
    expect(concurrentPosts(s)).toEqual([])
  })
})
