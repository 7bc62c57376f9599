import { describe, expect, it } from 'vitest'
import { DutyId, lookup, OrganisationId, PersonId } from '../../src/core/index.js'
import { holdsRole } from '../../src/community/index.js'
import {
  embeddingRules,
  empowerment,
  householdsLed,
  organisationLinks,
  responsibilityCards,
} from '../../src/embedding/index.js'
import {
  after,
  assign,
  CLERK,
  comeForward,
  discover,
  households,
  isSecretary,
  memberOf,
  org,
  pioneerPost,
  place,
  registerSocialOrganisation,
  reportIn,
  sanitation,
  send,
  sendStep,
  spec,
  STREET,
  street,
  typesOf,
} from './spec-fixtures.js'

// The rules of member embedding (member.ts): a member is recorded by the secretary of an active
// party organisation that works where they live, contacted once, reports 报到 in person to an
// organisation of the community they live in, takes duties there from their secretary, and
// leaves (transferred out, or lapsed) with their duties and party posts ended first. Nobody
// decides on their own record.

const reportTo = (member: string, organisation = 'o-grid-east', community = 'c-east') =>
  send(member, 'reportToCommunity', { member, community, organisation })

/** `p-li`, secretary of the East grid branch, on record as a member of it (by `p-east-sec`). */
const secretaryOnRecord = after(reportIn('p-li', 'o-grid-east', 'p-east-sec'))

describe('member embedding 党员嵌入: the lifecycle', () => {
  it('a hidden member is found, contacted, reports, takes a duty and becomes active', () => {
    const found = spec
      .given(street)
      .when(sendStep(discover('p-m1')))
      .then()
    expect(memberOf(found.state, 'p-m1')).toMatchObject({
      status: 'discovered',
      found: 'hidden',
      homeOrganisation: 'Honghu County Committee',
      organisation: 'o-grid-east',
      community: null,
    })
    const reported = found
      .when(send('p-li', 'contactMember', { member: 'p-m1' }))
      .then()
      .when(reportTo('p-m1'))
      .then()
    expect(memberOf(reported.state, 'p-m1')).toMatchObject({
      status: 'reported',
      community: 'c-east',
      reportedAt: reported.events[0]?.at,
      // Where the relationship is registered stays what the discovery found.
      homeOrganisation: 'Honghu County Committee',
    })
    const assigned = reported.when(sendStep(assign('d-1', 'p-m1', sanitation()))).then()
    expect(memberOf(assigned.state, 'p-m1')?.status).toBe('assigned')
    const s = assigned
      .when(
        send('p-li', 'recordMemberAct', {
          member: 'p-m1',
          act: 'spoke',
          occasion: 'Grid residents’ meeting',
        }),
      )
      .then().state
    expect(memberOf(s, 'p-m1')?.status).toBe('active')
    expect(memberOf(s, 'p-m1')?.steps.map((st) => [st.to, st.on])).toEqual([
      ['discovered', 'memberDiscovered'],
      ['contacted', 'memberContacted'],
      ['reported', 'memberReported'],
      ['assigned', 'dutyAssigned'],
      ['active', 'memberActed'],
    ])
  })

  it('a discovered member cannot report before being contacted', () => {
    const given = spec.given(after([discover('p-m1')]))
    given.when(reportTo('p-m1')).thenRefused({
      code: 'IllegalTransition',
      machine: 'member',
      state: 'discovered',
      command: 'reportToCommunity',
    })
    expect(memberOf(given.state, 'p-m1')?.status).toBe('discovered')
  })

  it('a member is contacted once', () => {
    spec
      .given(after([discover('p-m1'), ['p-li', 'contactMember', { member: 'p-m1' }]]))
      .when(send('p-li', 'contactMember', { member: 'p-m1' }))
      .thenRefused({ code: 'IllegalTransition', machine: 'member', state: 'contacted' })
  })

  it('a member who has reported cannot be discovered again', () => {
    spec
      .given(after(reportIn('p-m1')))
      .when(
        send('p-li', 'discoverMember', {
          person: 'p-m1',
          organisation: 'o-grid-east',
          found: 'pocket',
          homeOrganisation: null,
        }),
      )
      .thenRefused({
        code: 'IllegalTransition',
        machine: 'member',
        state: 'reported',
        command: 'discoverMember',
      })
  })

  it('a discovered member takes no duty before reporting', () => {
    const given = spec.given(after([discover('p-m1')]))
    given.when(sendStep(assign('d-1', 'p-m1', sanitation()))).thenRefused({
      code: 'IllegalTransition',
      machine: 'member',
      state: 'discovered',
      command: 'assignDuty',
    })
    expect(lookup(given.state.duties, DutyId.make('d-1'))).toBeUndefined()
  })

  it('an in-service member comes forward, is contacted, then reports', () => {
    const recorded = spec
      .given(street)
      .when(
        send('p-li', 'discoverMember', {
          person: 'p-m3',
          organisation: 'o-grid-east',
          found: 'came-forward',
          homeOrganisation: 'District Tax Bureau Branch',
        }),
      )
      .then((events) => {
        expect(typesOf(events)).toEqual(['memberDiscovered'])
      })
    expect(memberOf(recorded.state, 'p-m3')).toMatchObject({
      status: 'discovered',
      found: 'came-forward',
      homeOrganisation: 'District Tax Bureau Branch',
      organisation: 'o-grid-east',
      community: null,
      reportedAt: null,
    })
    const contacted = recorded.when(send('p-li', 'contactMember', { member: 'p-m3' })).then()
    expect(memberOf(contacted.state, 'p-m3')?.status).toBe('contacted')
    expect(empowerment(contacted.state).membersReported).toBe(0)
    const reported = contacted.when(reportTo('p-m3')).then((events) => {
      expect(typesOf(events)).toEqual(['memberReported'])
    })
    const s = reported.state
    expect(memberOf(s, 'p-m3')).toMatchObject({
      status: 'reported',
      found: 'came-forward',
      homeOrganisation: 'District Tax Bureau Branch',
      organisation: 'o-grid-east',
      community: 'c-east',
      reportedAt: reported.events[0]?.at,
    })
    expect(memberOf(s, 'p-m3')?.steps.map((st) => [st.to, st.on])).toEqual([
      ['discovered', 'memberDiscovered'],
      ['contacted', 'memberContacted'],
      ['reported', 'memberReported'],
    ])
    expect(empowerment(s).membersReported).toBe(1)
  })

  it('a report may correct where the relationship is registered', () => {
    const reported = spec
      .given(after(comeForward('p-m3')))
      .when(
        send('p-m3', 'reportToCommunity', {
          member: 'p-m3',
          community: 'c-east',
          organisation: 'o-grid-east',
          homeOrganisation: 'District Education Bureau Branch',
        }),
      )
      .then()
    expect(memberOf(reported.state, 'p-m3')).toMatchObject({
      status: 'reported',
      found: 'came-forward',
      homeOrganisation: 'District Education Bureau Branch',
    })
  })

  it('a person with no record cannot report: every member is recorded by a secretary first', () => {
    const given = spec.given(street)
    given
      .when(
        send('p-m3', 'reportToCommunity', {
          member: 'p-m3',
          community: 'c-east',
          organisation: 'o-grid-east',
          homeOrganisation: 'District Tax Bureau Branch',
        }),
      )
      .thenRefused({
        code: 'IllegalTransition',
        machine: 'member',
        state: 'unrecorded',
        command: 'reportToCommunity',
      })
    expect(memberOf(given.state, 'p-m3')).toBeUndefined()
    expect(empowerment(given.state).membersReported).toBe(0)
  })

  it('a transferred-out member may report again', () => {
    const transferred = spec
      .given(after(reportIn('p-m1')))
      .when(send('p-li', 'transferMemberOut', { member: 'p-m1', destination: 'Wuhan' }))
      .then()
    expect(memberOf(transferred.state, 'p-m1')?.status).toBe('transferred-out')
    const again = transferred.when(reportTo('p-m1', 'o-east')).then()
    expect(memberOf(again.state, 'p-m1')).toMatchObject({
      status: 'reported',
      organisation: 'o-east',
      homeOrganisation: 'District Tax Bureau Branch',
    })
  })

  it('a lapsed member is done: no reporting, no transfer', () => {
    const lapsed = spec
      .given(after([discover('p-m1')]))
      .when(send('p-li', 'lapseMember', { member: 'p-m1', reason: 'Stopped paying dues' }))
      .then()
    expect(memberOf(lapsed.state, 'p-m1')?.status).toBe('lapsed')
    lapsed
      .when(reportTo('p-m1'))
      .thenRefused({ code: 'IllegalTransition', machine: 'member', state: 'lapsed' })
    lapsed
      .when(send('p-li', 'transferMemberOut', { member: 'p-m1', destination: 'Wuhan' }))
      .thenRefused({
        code: 'IllegalTransition',
        machine: 'member',
        state: 'lapsed',
        command: 'transferMemberOut',
      })
  })

  it('nobody reports on a member’s behalf, not even their secretary', () => {
    const given = spec.given(street)
    given
      .when(
        send('p-li', 'reportToCommunity', {
          member: 'p-m1',
          community: 'c-east',
          organisation: 'o-grid-east',
        }),
      )
      .thenRefused({
        code: 'Forbidden',
        actor: 'p-li',
        command: 'reportToCommunity',
        missingRole: ['member p-m1 in person'],
      })
    expect(memberOf(given.state, 'p-m1')).toBeUndefined()
  })

  it('a member reports only to the community they live in', () => {
    spec.given(street).when(reportTo('p-w1')).thenRefused(embeddingRules.notAResident)
  })

  it('a person who does not live in the street is not found among its residents', () => {
    spec
      .given(
        after([
          [
            CLERK,
            'registerPerson',
            {
              person: 'p-cadre',
              name: 'District cadre',
              household: { status: 'registered' },
              home: null,
            },
          ],
        ]),
      )
      .when(
        send('p-li', 'discoverMember', {
          person: 'p-cadre',
          organisation: 'o-grid-east',
          found: 'pocket',
          homeOrganisation: null,
        }),
      )
      .thenRefused(embeddingRules.notAResident)
  })

  it('a member reports to an organisation of that community', () => {
    const withWestBranch = after([
      [
        'p-zhou',
        'foundBranch',
        {
          organisation: {
            kind: 'party-branch',
            id: 'o-grid-west',
            name: 'West Grid Branch',
            seat: place('grid', 'g-west'),
            parent: 'o-street',
            branch: { kind: 'grid' },
          },
          among: 'the residents of West grid',
        },
      ],
    ])
    spec
      .given(withWestBranch)
      .when(reportTo('p-m1', 'o-grid-west'))
      .thenRefused(embeddingRules.reportToCommunity)
    // Refused for the place, not the record: once recorded, the West branch is still refused.
    const recorded = spec.given(after(comeForward('p-m1'), withWestBranch))
    recorded.when(reportTo('p-m1', 'o-grid-west')).thenRefused(embeddingRules.reportToCommunity)
    expect(memberOf(recorded.state, 'p-m1')?.status).toBe('contacted')
    // The street committee contains the community, so reporting to it is reporting there.
    const reported = recorded.when(reportTo('p-m1', 'o-street')).then()
    expect(memberOf(reported.state, 'p-m1')?.organisation).toBe('o-street')
  })

  it('members belong to an active party organisation', () => {
    const withSocialOrganisation = after([registerSocialOrganisation])
    spec
      .given(withSocialOrganisation)
      .when(reportTo('p-m1', 'o-so'))
      .thenRefused(embeddingRules.partyOrganisation)
    spec
      .given(
        after(
          [
            [
              'p-east-sec',
              'dissolveOrganisation',
              { organisation: 'o-grid-east', reason: 'Merged' },
            ],
          ],
          withSocialOrganisation,
        ),
      )
      .when(
        send('p-east-sec', 'discoverMember', {
          person: 'p-m1',
          organisation: 'o-grid-east',
          found: 'hidden',
          homeOrganisation: null,
        }),
      )
      .thenRefused(embeddingRules.partyOrganisation)
  })

  it('only the secretary of the finding organisation (or above) records a member', () => {
    const record = (actor: string) =>
      send(actor, 'discoverMember', {
        person: 'p-m1',
        organisation: 'o-grid-east',
        found: 'hidden',
        homeOrganisation: null,
      })
    const given = spec.given(street)
    given
      .when(record('p-east-clerk'))
      .thenRefused({ code: 'Forbidden', missingRole: ['secretary@organisation:o-grid-east'] })
    given
      .when(record('p-zhou'))
      .then()
      .when(send('p-m2', 'contactMember', { member: 'p-m1' }))
      .thenRefused({ code: 'Forbidden', missingRole: ['secretary@organisation:o-grid-east'] })
  })
})

describe('member embedding: organisations record members where they work (outside-organisation)', () => {
  const withWestGridBranch = after([
    [
      'p-zhou',
      'foundBranch',
      {
        organisation: {
          kind: 'party-branch',
          id: 'o-grid-west',
          name: 'West Grid Branch',
          seat: place('grid', 'g-west'),
          parent: 'o-street',
          branch: { kind: 'grid' },
        },
        among: 'the residents of West grid',
        secretary: { person: 'p-chen', assignment: 'as-chen-west' },
      },
    ],
  ])
  const record = (actor: string, who: string, organisation: string) =>
    send(actor, 'discoverMember', {
      person: who,
      organisation,
      found: 'hidden',
      homeOrganisation: null,
    })

  it('a West branch cannot claim an East resident, nor an East branch a West one', () => {
    const given = spec.given(withWestGridBranch)
    for (const [actor, who, by] of [
      ['p-chen', 'p-m1', 'o-grid-west'],
      ['p-li', 'p-w1', 'o-grid-east'],
      // Not even the street committee's secretary, who answers for both branches.
      ['p-zhou', 'p-m1', 'o-grid-west'],
    ] as const)
      given.when(record(actor, who, by)).thenRefused(embeddingRules.outsideOrganisation)
    expect(memberOf(given.state, 'p-m1')).toBeUndefined()
    expect(memberOf(given.state, 'p-w1')).toBeUndefined()
    const recorded = given
      .when(
        send('p-chen', 'discoverMember', {
          person: 'p-w1',
          organisation: 'o-grid-west',
          found: 'came-forward',
          homeOrganisation: null,
        }),
      )
      .then()
    expect(memberOf(recorded.state, 'p-w1')).toMatchObject({
      status: 'discovered',
      organisation: 'o-grid-west',
    })
  })

  it('a home and a seat that overlap either way will do', () => {
    const s = spec
      .given(street)
      // The street committee works in the whole street.
      .when(record('p-zhou', 'p-w1', 'o-street'))
      .then()
      // A resident registered at the community lives around the grid branch's grid.
      .when(record('p-li', 'p-east-sec', 'o-grid-east'))
      .then()
      // A resident of an entrance lives inside the grid.
      .when(record('p-li', 'p-m3', 'o-grid-east'))
      .then().state
    expect(memberOf(s, 'p-w1')).toMatchObject({ status: 'discovered', organisation: 'o-street' })
    expect(memberOf(s, 'p-east-sec')?.organisation).toBe('o-grid-east')
    expect(memberOf(s, 'p-m3')?.organisation).toBe('o-grid-east')
  })
})

describe('member embedding: duties 党员责任', () => {
  const reported = after(reportIn('p-m1'))
  const assignTo = (duty: string, spec: object, member = 'p-m1') =>
    send('p-li', 'assignDuty', { duty, member, spec })

  it('a pioneer post is a duty held at a place of the member’s community', () => {
    const s = spec
      .given(reported)
      .when(sendStep(assign('d-post', 'p-m1', pioneerPost)))
      .then().state
    expect(lookup(s.duties, DutyId.make('d-post'))).toMatchObject({
      member: 'p-m1',
      organisation: 'o-grid-east',
      spec: pioneerPost,
      status: 'held',
      until: null,
    })
    expect(memberOf(s, 'p-m1')?.duties).toEqual(['d-post'])
    expect(responsibilityCards(s)).toEqual([])
  })

  it('a member leads households of their community, one member to a household', () => {
    const leading = spec
      .given(after(reportIn('p-m2'), reported))
      .when(sendStep(assign('d-households', 'p-m1', households('p-h1', 'p-h2'))))
      .then()
    expect(householdsLed(leading.state)).toEqual([{ member: 'p-m1', households: ['p-h1', 'p-h2'] }])
    leading
      .when(assignTo('d-h1-again', households('p-h1'), 'p-m2'))
      .thenRefused(embeddingRules.householdAlreadyLed)
  })

  it('one list cannot name a household twice', () => {
    const given = spec.given(reported)
    given
      .when(assignTo('d-households', households('p-h1', 'p-h1')))
      .thenRefused(embeddingRules.householdAlreadyLed)
    expect(householdsLed(given.state)).toEqual([])
  })

  it('a member does not lead their own household', () => {
    spec
      .given(reported)
      .when(assignTo('d-households', households('p-h1', 'p-m1')))
      .thenRefused(embeddingRules.householdSelf)
  })

  it('duties lie inside the member’s community', () => {
    const given = spec.given(reported)
    given
      .when(assignTo('d-west', sanitation({ place: place('grid', 'g-west') })))
      .thenRefused(embeddingRules.dutyPlace)
    given
      .when(assignTo('d-street', sanitation({ place: place('street', STREET) })))
      .thenRefused(embeddingRules.dutyPlace)
    given
      .when(assignTo('d-west-household', households('p-w1')))
      .thenRefused(embeddingRules.dutyPlace)
    given
      .when(assignTo('d-nowhere', sanitation({ place: place('grid', 'g-none') })))
      .thenRefused({ code: 'NotFound', entity: 'grid', id: 'g-none' })
    expect(memberOf(given.state, 'p-m1')?.status).toBe('reported')
  })

  it('a duty id is given once', () => {
    spec
      .given(after([assign('d-1', 'p-m1', sanitation())], reported))
      .when(assignTo('d-1', pioneerPost))
      .thenRefused({ code: 'AlreadyExists', entity: 'duty', id: 'd-1' })
  })

  it('only the secretary of the member’s organisation, or one above, gives and ends duties', () => {
    const given = spec.given(reported)
    given
      .when(send('p-m2', 'assignDuty', { duty: 'd-1', member: 'p-m1', spec: sanitation() }))
      .thenRefused({
        code: 'Forbidden',
        actor: 'p-m2',
        missingRole: ['secretary@organisation:o-grid-east'],
      })
    const assigned = given.when(sendStep(assign('d-1', 'p-m1', sanitation(), 'p-east-sec'))).then()
    assigned
      .when(send('p-east-clerk', 'endDuty', { duty: 'd-1', reason: 'Done' }))
      .thenRefused({ code: 'Forbidden', missingRole: ['secretary@organisation:o-grid-east'] })
    const ended = assigned.when(send('p-zhou', 'endDuty', { duty: 'd-1', reason: 'Done' })).then()
    expect(lookup(ended.state.duties, DutyId.make('d-1'))?.status).toBe('ended')
  })

  it('ending the last duty of an assigned member returns them to reported', () => {
    const first = spec
      .given(
        after([assign('d-1', 'p-m1', sanitation()), assign('d-2', 'p-m1', pioneerPost)], reported),
      )
      .when(send('p-li', 'endDuty', { duty: 'd-1', reason: 'Area merged' }))
      .then()
    expect(memberOf(first.state, 'p-m1')).toMatchObject({ status: 'assigned', duties: ['d-2'] })
    const s = first
      .when(send('p-li', 'endDuty', { duty: 'd-2', reason: 'Post closed' }))
      .then().state
    expect(memberOf(s, 'p-m1')).toMatchObject({ status: 'reported', duties: [] })
    expect(lookup(s.duties, DutyId.make('d-2'))).toMatchObject({ status: 'ended' })
    expect(lookup(s.duties, DutyId.make('d-2'))?.until).not.toBeNull()
  })

  it('an active member stays active when their last duty ends', () => {
    const s = spec
      .given(
        after(
          [
            assign('d-1', 'p-m1', sanitation()),
            ['p-li', 'recordMemberAct', { member: 'p-m1', act: 'served', occasion: 'Cleanup' }],
          ],
          reported,
        ),
      )
      .when(send('p-li', 'endDuty', { duty: 'd-1', reason: 'Area merged' }))
      .then().state
    expect(memberOf(s, 'p-m1')).toMatchObject({ status: 'active', duties: [] })
  })

  it('a duty ends once', () => {
    spec
      .given(
        after(
          [
            assign('d-1', 'p-m1', sanitation()),
            ['p-li', 'endDuty', { duty: 'd-1', reason: 'Done' }],
          ],
          reported,
        ),
      )
      .when(send('p-li', 'endDuty', { duty: 'd-1', reason: 'Again' }))
      .thenRefused({ code: 'IllegalTransition', machine: 'duty', state: 'ended' })
  })
})

describe('member embedding: leaving ends the member’s duties', () => {
  it('a transfer out ends every duty first and frees the households led', () => {
    const transferred = spec
      .given(
        after(
          [
            ...reportIn('p-m2'),
            assign('d-clean', 'p-m1', sanitation()),
            assign('d-households', 'p-m1', households('p-h1')),
          ],
          after(reportIn('p-m1')),
        ),
      )
      .when(send('p-li', 'transferMemberOut', { member: 'p-m1', destination: 'Wuhan' }))
      .then((events) => {
        expect(events.map((e) => [e.type, 'status' in e ? e.status : null])).toEqual([
          ['dutyEnded', 'assigned'],
          ['dutyEnded', 'reported'],
          ['memberTransferredOut', 'transferred-out'],
        ])
      })
    const s = transferred.state
    expect(memberOf(s, 'p-m1')).toMatchObject({ status: 'transferred-out', duties: [] })
    expect(lookup(s.duties, DutyId.make('d-clean'))?.status).toBe('ended')
    expect(responsibilityCards(s)).toEqual([])
    expect(householdsLed(s)).toEqual([])
    // The household is free for another member.
    transferred.when(sendStep(assign('d-households-2', 'p-m2', households('p-h1')))).then()
  })

  it('a lapse ends every duty first too', () => {
    const lapsed = spec
      .given(
        after([
          ...reportIn('p-m1'),
          assign('d-clean', 'p-m1', sanitation()),
          ['p-li', 'recordMemberAct', { member: 'p-m1', act: 'chaired', occasion: 'Hearing' }],
        ]),
      )
      .when(send('p-li', 'lapseMember', { member: 'p-m1', reason: 'Left the party' }))
      .then((events) => {
        expect(typesOf(events)).toEqual(['dutyEnded', 'memberLapsed'])
      })
    expect(memberOf(lapsed.state, 'p-m1')).toMatchObject({ status: 'lapsed', duties: [] })
    expect(lookup(lapsed.state.duties, DutyId.make('d-clean'))?.status).toBe('ended')
  })
})

describe('member embedding: leaving ends the member’s posts over party organisations', () => {
  it('a secretary who lapses loses the party post, and with it the authority; other posts stay', () => {
    const given = spec.given(
      after(
        [
          registerSocialOrganisation,
          [
            CLERK,
            'appointRole',
            { assignment: 'as-li-director', person: 'p-li', role: 'director', scope: org('o-so') },
          ],
          discover('p-m1'),
        ],
        secretaryOnRecord,
      ),
    )
    expect(organisationLinks(given.state)).toEqual([
      {
        person: 'p-li',
        personName: 'Li Na',
        between: [
          { organisation: 'o-grid-east', name: 'East Grid Branch', roles: ['secretary'] },
          { organisation: 'o-so', name: 'Fusion Social Work Centre', roles: ['director'] },
        ],
      },
    ])
    const lapsed = given
      .when(send('p-east-sec', 'lapseMember', { member: 'p-li', reason: 'Left the party' }))
      .then((events) => {
        expect(typesOf(events)).toEqual(['roleEnded', 'memberLapsed'])
        expect(events[0]).toMatchObject({ type: 'roleEnded', assignment: 'as-li-grid' })
      })
    const s = lapsed.state
    expect(memberOf(s, 'p-li')?.status).toBe('lapsed')
    expect(isSecretary(s, 'p-li', 'o-grid-east')).toBe(false)
    expect(
      holdsRole(s.registry, PersonId.make('p-li'), 'director', {
        level: 'organisation',
        id: OrganisationId.make('o-so'),
      }),
    ).toBe(true)
    expect(organisationLinks(s)).toEqual([])
    // The former secretary no longer acts for the branch.
    lapsed.when(send('p-li', 'contactMember', { member: 'p-m1' })).thenRefused({
      code: 'Forbidden',
      actor: 'p-li',
      missingRole: ['secretary@organisation:o-grid-east'],
    })
    expect(memberOf(s, 'p-m1')?.status).toBe('discovered')
  })

  it('a transfer out ends the duties first, then every post over a party organisation', () => {
    const transferred = spec
      .given(
        after(
          [
            [
              'p-zhou',
              'sendFirstSecretary',
              {
                organisation: 'o-east',
                person: 'p-li',
                assignment: 'as-li-first',
                sentBy: 'District Tax Bureau',
              },
            ],
            assign('d-li', 'p-li', sanitation(), 'p-east-sec'),
          ],
          secretaryOnRecord,
        ),
      )
      .when(send('p-east-sec', 'transferMemberOut', { member: 'p-li', destination: 'Wuhan' }))
      .then((events) => {
        expect(
          events.map((e) => [
            e.type,
            'assignment' in e ? e.assignment : 'status' in e ? e.status : null,
          ]),
        ).toEqual([
          ['dutyEnded', 'reported'],
          ['roleEnded', 'as-li-grid'],
          ['roleEnded', 'as-li-first'],
          ['memberTransferredOut', 'transferred-out'],
        ])
      })
    const s = transferred.state
    expect(memberOf(s, 'p-li')).toMatchObject({ status: 'transferred-out', duties: [] })
    expect(isSecretary(s, 'p-li', 'o-grid-east')).toBe(false)
    expect(
      holdsRole(s.registry, PersonId.make('p-li'), 'first-secretary', {
        level: 'organisation',
        id: OrganisationId.make('o-east'),
      }),
    ).toBe(false)
    expect(empowerment(s).firstSecretaries).toEqual([])
    // The branch's post is free for a successor.
    const succeeded = transferred
      .when(
        send('p-east-sec', 'appointRole', {
          assignment: 'as-m1-grid',
          person: 'p-m1',
          role: 'secretary',
          scope: org('o-grid-east'),
        }),
      )
      .then()
    expect(isSecretary(succeeded.state, 'p-m1', 'o-grid-east')).toBe(true)
  })
})

describe('nobody acts on their own record (own-record)', () => {
  it('a secretary does not record or contact themselves; the secretary above does', () => {
    const self = {
      person: 'p-li',
      organisation: 'o-grid-east',
      found: 'came-forward',
      homeOrganisation: null,
    }
    const given = spec.given(street)
    given.when(send('p-li', 'discoverMember', self)).thenRefused(embeddingRules.ownRecord)
    expect(memberOf(given.state, 'p-li')).toBeUndefined()
    const recorded = given.when(send('p-east-sec', 'discoverMember', self)).then()
    recorded
      .when(send('p-li', 'contactMember', { member: 'p-li' }))
      .thenRefused(embeddingRules.ownRecord)
    expect(memberOf(recorded.state, 'p-li')?.status).toBe('discovered')
    const reported = recorded
      .when(send('p-east-sec', 'contactMember', { member: 'p-li' }))
      .then()
      // Reporting stays the member's own act.
      .when(reportTo('p-li'))
      .then()
    expect(memberOf(reported.state, 'p-li')?.status).toBe('reported')
  })

  const onOwnRecord: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ['assignDuty', { duty: 'd-2', member: 'p-li', spec: pioneerPost }],
    ['endDuty', { duty: 'd-li', reason: 'Done' }],
    ['recordMemberAct', { member: 'p-li', act: 'spoke', occasion: 'Grid meeting' }],
    ['transferMemberOut', { member: 'p-li', destination: 'Wuhan' }],
    ['lapseMember', { member: 'p-li', reason: 'Tired' }],
    ['commend', { person: 'p-li', year: 2024, title: 'Excellent Party Member', reason: 'Self' }],
  ]

  it.each(onOwnRecord)(
    'a secretary cannot %s on their own record; the secretary above can',
    (type, payload) => {
      const given = spec.given(
        after([assign('d-li', 'p-li', sanitation(), 'p-east-sec')], secretaryOnRecord),
      )
      const command = type as Parameters<typeof send>[1]
      given.when(send('p-li', command, payload)).thenRefused(embeddingRules.ownRecord)
      const s = given.state
      expect(memberOf(s, 'p-li')).toMatchObject({ status: 'assigned', duties: ['d-li'], acts: [] })
      expect(lookup(s.duties, DutyId.make('d-li'))?.status).toBe('held')
      expect(isSecretary(s, 'p-li', 'o-grid-east')).toBe(true)
      expect(s.commendations).toEqual([])
      given.when(send('p-east-sec', command, payload)).then()
    },
  )
})
