import { describe, expect, it } from 'vitest'
import { lookup, PersonId } from '../../src/core/index.js'
import {
  candidatesInDevelopment,
  embeddingRules,
  householdsLed,
  responsibilityCards,
} from '../../src/embedding/index.js'
import {
  after,
  assign,
  candidateOf,
  CLERK,
  discover,
  households,
  isSecretary,
  memberOf,
  organisationIn,
  place,
  reportIn,
  sanitation,
  send,
  sendStep,
  spec,
  street,
  typesOf,
} from './spec-fixtures.js'

// What embedding adds to the registry's commands (registry-hooks.ts): an organisation that
// members or candidates belong to is not dissolved (`members-enrolled`), checked after the
// registry's own authority and rules; whoever leaves the street leaves its organisations (a
// member transferred out, a candidate dropped, a household no longer led); a member who moves to
// another community leaves their duties there and reports again.

const departure = (person: string, destination: string) =>
  send(CLERK, 'recordDeparture', { person, destination })
const move = (person: string, to: ReturnType<typeof place>) =>
  send(CLERK, 'moveResident', { person, to })

describe('organisation embedding: dissolving a branch with people in it', () => {
  const dissolveGridBranch = (actor = 'p-east-sec') =>
    send(actor, 'dissolveOrganisation', { organisation: 'o-grid-east', reason: 'Merged' })

  it('a branch with members is not dissolved; once they are transferred out, it is', () => {
    const given = spec.given(after([discover('p-m1')]))
    given.when(dissolveGridBranch()).thenRefused(embeddingRules.membersEnrolled)
    expect(organisationIn(given.state, 'o-grid-east')?.status).toBe('active')
    const dissolved = given
      .when(send('p-li', 'transferMemberOut', { member: 'p-m1', destination: 'Honghu, Hubei' }))
      .then()
      .when(dissolveGridBranch())
      .then()
    expect(organisationIn(dissolved.state, 'o-grid-east')?.status).toBe('dissolved')
  })

  it('a branch developing a candidate is not dissolved until the candidate is dropped', () => {
    const given = spec.given(
      after([['p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' }]]),
    )
    given.when(dissolveGridBranch()).thenRefused(embeddingRules.membersEnrolled)
    given
      .when(send('p-li', 'dropCandidate', { person: 'p-h2', reason: 'Moved away' }))
      .then()
      .when(dissolveGridBranch())
      .then()
  })

  it('authority comes first: someone without it learns nothing of the members', () => {
    const given = spec.given(after([discover('p-m1')]))
    // A member of the branch, and the branch's own secretary, may not dissolve it.
    for (const actor of ['p-m2', 'p-li'])
      given.when(dissolveGridBranch(actor)).thenRefused({
        code: 'Forbidden',
        actor,
        command: 'dissolveOrganisation',
        missingRole: ['secretary@organisation:o-east'],
      })
    given
      .when(send('p-east-sec', 'dissolveOrganisation', { organisation: 'o-nowhere', reason: 'x' }))
      .thenRefused({ code: 'NotFound', entity: 'organisation', id: 'o-nowhere' })
    expect(organisationIn(given.state, 'o-grid-east')?.status).toBe('active')
  })

  it('the registry’s own rules come first too: a branch with a group under it is refused for that', () => {
    const given = spec.given(
      after([
        discover('p-m1'),
        [
          'p-li',
          'foundBranch',
          {
            organisation: {
              kind: 'party-group',
              id: 'o-group',
              name: 'Entrance A Group',
              seat: place('entrance', 'e-east'),
              parent: 'o-grid-east',
            },
            among: 'the members living at Entrance A',
          },
        ],
      ]),
    )
    given.when(dissolveGridBranch()).thenRefused(embeddingRules.noActiveSubOrganisations)
    const withoutGroup = given
      .when(send('p-li', 'dissolveOrganisation', { organisation: 'o-group', reason: 'Merged' }))
      .then()
    // With the group gone, the members are what still holds the branch.
    withoutGroup.when(dissolveGridBranch()).thenRefused(embeddingRules.membersEnrolled)
    expect(organisationIn(withoutGroup.state, 'o-grid-east')?.status).toBe('active')
  })
})

describe('member embedding: leaving the street', () => {
  it('a member who leaves the street is transferred out with the departure', () => {
    const departed = spec
      .given(after([...reportIn('p-m1'), assign('d-clean', 'p-m1', sanitation())]))
      .when(departure('p-m1', 'Honghu, Hubei'))
      .then((events) => {
        expect(typesOf(events)).toEqual(['residentDeparted', 'dutyEnded', 'memberTransferredOut'])
      })
    const s = departed.state
    expect(memberOf(s, 'p-m1')).toMatchObject({ status: 'transferred-out', duties: [] })
    expect(lookup(s.registry.persons, PersonId.make('p-m1'))?.home).toBeNull()
    expect(responsibilityCards(s)).toEqual([])
  })

  it('a candidate who leaves the street is dropped with the departure', () => {
    const departed = spec
      .given(
        after([['p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' }]]),
      )
      .when(departure('p-h2', 'Shenzhen'))
      .then((events) => {
        expect(typesOf(events)).toEqual(['residentDeparted', 'candidateDropped'])
      })
    expect(candidateOf(departed.state, 'p-h2')?.stage).toBe('dropped')
    expect(candidatesInDevelopment(departed.state)).toEqual([])
  })

  it('a resident who is neither member nor candidate just leaves', () => {
    spec
      .given(street)
      .when(departure('p-h1', 'Shenzhen'))
      .then((events) => {
        expect(typesOf(events)).toEqual(['residentDeparted'])
      })
  })

  it('a departure ends the posts once, in the registry, and transfers the member out', () => {
    const departed = spec
      .given(after(reportIn('p-li', 'o-grid-east', 'p-east-sec')))
      .when(departure('p-li', 'Shenzhen'))
      .then((events) => {
        expect(typesOf(events)).toEqual(['residentDeparted', 'roleEnded', 'memberTransferredOut'])
        expect(events[1]).toMatchObject({ type: 'roleEnded', assignment: 'as-li-grid' })
      })
    expect(memberOf(departed.state, 'p-li')?.status).toBe('transferred-out')
    expect(isSecretary(departed.state, 'p-li', 'o-grid-east')).toBe(false)
  })
})

describe('member embedding: moving inside the street', () => {
  it('a member who moves to another community leaves their duties and must report there again', () => {
    const moved = spec
      .given(after([...reportIn('p-m1'), assign('d-clean', 'p-m1', sanitation())]))
      .when(move('p-m1', place('grid', 'g-west')))
      .then((events) => {
        expect(typesOf(events)).toEqual(['residentMoved', 'dutyEnded', 'memberLeftCommunity'])
      })
    expect(memberOf(moved.state, 'p-m1')).toMatchObject({
      status: 'contacted',
      community: null,
      reportedAt: null,
      duties: [],
    })
    expect(responsibilityCards(moved.state)).toEqual([])
    // East no longer counts them; they report to West's organisation (the street committee here).
    const reported = moved
      .when(
        send('p-m1', 'reportToCommunity', {
          member: 'p-m1',
          community: 'c-west',
          organisation: 'o-street',
        }),
      )
      .then()
    expect(memberOf(reported.state, 'p-m1')).toMatchObject({
      status: 'reported',
      community: 'c-west',
      organisation: 'o-street',
    })
  })

  it('a member who moves within their community keeps everything', () => {
    const moved = spec
      .given(after([...reportIn('p-m1'), assign('d-clean', 'p-m1', sanitation())]))
      .when(move('p-m1', place('entrance', 'e-east')))
      .then((events) => {
        expect(typesOf(events)).toEqual(['residentMoved'])
      })
    expect(memberOf(moved.state, 'p-m1')).toMatchObject({
      status: 'assigned',
      community: 'c-east',
      duties: ['d-clean'],
    })
  })

  it('a household that moves out of its member’s community, or leaves the street, is no longer led', () => {
    const moved = spec
      .given(
        after([
          ...reportIn('p-m1'),
          assign('d-lead-1', 'p-m1', households('p-h1')),
          assign('d-lead-2', 'p-m1', households('p-h2')),
        ]),
      )
      .when(move('p-h1', place('grid', 'g-west')))
      .then((events) => {
        expect(typesOf(events)).toEqual(['residentMoved', 'dutyEnded'])
      })
    expect(householdsLed(moved.state)).toEqual([{ member: 'p-m1', households: ['p-h2'] }])
    expect(memberOf(moved.state, 'p-m1')?.status).toBe('assigned')
    const departed = moved.when(departure('p-h2', 'Shenzhen')).then((events) => {
      expect(typesOf(events)).toEqual(['residentDeparted', 'dutyEnded'])
    })
    expect(householdsLed(departed.state)).toEqual([])
    // The last duty ended before any act: the member is reported again, free to take new ones.
    expect(memberOf(departed.state, 'p-m1')).toMatchObject({ status: 'reported', duties: [] })
    departed.when(sendStep(assign('d-lead-3', 'p-m1', households('p-m2')))).then()
  })
})
