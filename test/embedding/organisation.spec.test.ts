import { describe, expect, it } from 'vitest'
import { AssignmentId, lookup, OrganisationId, PersonId } from '../../src/core/index.js'
import { holdsRole } from '../../src/community/index.js'
import { embeddingRules, empowerment } from '../../src/embedding/index.js'
import {
  after,
  candidateOf,
  CLERK,
  isSecretary,
  memberOf,
  org,
  organisationIn,
  place,
  registerSocialOrganisation,
  reportIn,
  send,
  socialOrganisationBranch,
  spec,
  street,
  STREET,
  typesOf,
  type SeedStep,
} from './spec-fixtures.js'

// The rules of organisation embedding and empowerment (organisation.ts): branches are founded
// where people are, by the secretary above them, with their founding secretary or not at all; a
// temporary branch alone is converted, its people moving only where the converter answers for
// them; funds go to active organisations from above, and first secretaries to active party
// organisations.

describe('organisation embedding 组织嵌入: founding branches where people are', () => {
  const kinds: ReadonlyArray<readonly [string, string, Record<string, unknown>, string]> = [
    [
      'a floating branch among migrants of one origin, under dual management',
      'p-zhou',
      {
        kind: 'party-branch',
        id: 'o-float',
        name: 'Honghu Floating Branch',
        seat: place('street', STREET),
        parent: 'o-street',
        branch: {
          kind: 'floating',
          homeOrganisation: 'Honghu County Committee',
          origin: 'Honghu, Hubei',
        },
      },
      '10,000 printing workers from Honghu',
    ],
    [
      'a grid branch',
      'p-zhou',
      {
        kind: 'party-branch',
        id: 'o-grid-west',
        name: 'West Grid Branch',
        seat: place('grid', 'g-west'),
        parent: 'o-street',
        branch: { kind: 'grid' },
      },
      'the residents of West grid',
    ],
    [
      'a council branch',
      'p-east-sec',
      {
        kind: 'party-branch',
        id: 'o-council',
        name: 'Compound Council Branch',
        seat: place('compound', 'k-east'),
        parent: 'o-east',
        branch: { kind: 'council' },
      },
      'the members of the compound council',
    ],
    [
      'a temporary branch',
      'p-east-sec',
      {
        kind: 'party-branch',
        id: 'o-temp',
        name: 'Anti-epidemic Branch',
        seat: place('community', 'c-east'),
        parent: 'o-east',
        branch: { kind: 'temporary', purpose: 'Anti-epidemic work' },
      },
      'the volunteers at the checkpoints',
    ],
    [
      'a party group at a building entrance',
      'p-li',
      {
        kind: 'party-group',
        id: 'o-group',
        name: 'Entrance A Group',
        seat: place('entrance', 'e-east'),
        parent: 'o-grid-east',
      },
      'the members living at Entrance A',
    ],
  ]

  it.each(kinds)(
    'founds %s as an organisation of the registry',
    (_kind, by, organisation, among) => {
      const founded = spec
        .given(street)
        .when(send(by, 'foundBranch', { organisation, among }))
        .then((events) => {
          expect(typesOf(events)).toEqual(['organisationRegistered', 'branchFounded'])
        })
      const s = founded.state
      expect(organisationIn(s, organisation['id'] as string)).toMatchObject({
        ...organisation,
        status: 'active',
      })
      expect(lookup(s.foundings, OrganisationId.make(organisation['id'] as string))).toMatchObject({
        organisation: organisation['id'],
        among,
      })
    },
  )

  it('a floating branch keeps both its home organisation and its origin', () => {
    const floating = kinds[0]
    if (floating === undefined) throw new Error('no floating case')
    const founded = spec
      .given(street)
      .when(send('p-zhou', 'foundBranch', { organisation: floating[2], among: floating[3] }))
      .then()
    expect(organisationIn(founded.state, 'o-float')).toMatchObject({
      branch: {
        kind: 'floating',
        homeOrganisation: 'Honghu County Committee',
        origin: 'Honghu, Hubei',
      },
    })
  })

  it('founds a branch inside a social organisation, hosted by it', () => {
    const founded = spec
      .given(after([registerSocialOrganisation]))
      .when(send('p-east-sec', 'foundBranch', socialOrganisationBranch()))
      .then((events) => {
        expect(typesOf(events)).toEqual(['organisationRegistered', 'branchFounded'])
      })
    expect(organisationIn(founded.state, 'o-so-b')).toMatchObject({
      branch: { kind: 'social-organisation', host: 'o-so' },
      status: 'active',
    })
  })

  it('a branch inside something that is not a social organisation is refused by the registry’s rule', () => {
    const branch = socialOrganisationBranch()
    spec
      .given(street)
      .when(
        send('p-east-sec', 'foundBranch', {
          ...branch,
          organisation: {
            ...branch.organisation,
            branch: { kind: 'social-organisation', host: 'o-east' },
          },
        }),
      )
      .thenRefused(embeddingRules.branchHost)
  })

  it('the founding secretary is appointed with the branch', () => {
    const founded = spec
      .given(street)
      .when(
        send('p-east-sec', 'foundBranch', {
          organisation: {
            kind: 'party-branch',
            id: 'o-council',
            name: 'Compound Council Branch',
            seat: place('compound', 'k-east'),
            parent: 'o-east',
            branch: { kind: 'council' },
          },
          among: 'the compound council',
          secretary: { person: 'p-m1', assignment: 'as-m1-council' },
        }),
      )
      .then((events) => {
        expect(typesOf(events)).toEqual(['organisationRegistered', 'roleAssigned', 'branchFounded'])
      })
    expect(isSecretary(founded.state, 'p-m1', 'o-council')).toBe(true)
    // The seed founded the East grid branch the same way.
    expect(isSecretary(founded.state, 'p-li', 'o-grid-east')).toBe(true)
  })

  it('someone who is not the parent’s secretary may not found a branch under it', () => {
    const given = spec.given(street)
    given
      .when(
        send('p-li', 'foundBranch', {
          organisation: {
            kind: 'party-branch',
            id: 'o-b2',
            name: 'Sibling Branch',
            seat: place('grid', 'g-east'),
            parent: 'o-east',
            branch: { kind: 'grid' },
          },
          among: 'the residents of East grid',
        }),
      )
      .thenRefused({
        code: 'Forbidden',
        actor: 'p-li',
        missingRole: ['secretary@organisation:o-east'],
      })
    expect(organisationIn(given.state, 'o-b2')).toBeUndefined()
  })

  it('the street committee’s secretary, above the parent, may found under it', () => {
    const founded = spec
      .given(street)
      .when(
        send('p-zhou', 'foundBranch', {
          organisation: {
            kind: 'party-branch',
            id: 'o-b2',
            name: 'Second East Branch',
            seat: place('grid', 'g-east'),
            parent: 'o-east',
            branch: { kind: 'grid' },
          },
          among: 'the residents of East grid',
        }),
      )
      .then()
    expect(organisationIn(founded.state, 'o-b2')).toMatchObject({
      parent: 'o-east',
      status: 'active',
    })
  })

  it('if the founding secretary cannot be appointed, nothing is founded', () => {
    const given = spec.given(street)
    given
      .when(
        send('p-zhou', 'foundBranch', {
          organisation: {
            kind: 'party-branch',
            id: 'o-b2',
            name: 'Self-made Branch',
            seat: place('grid', 'g-east'),
            parent: 'o-east',
            branch: { kind: 'grid' },
          },
          among: 'the residents of East grid',
          secretary: { person: 'p-zhou', assignment: 'as-self' },
        }),
      )
      .thenRefused(embeddingRules.selfAppointment)
    const s = given.state
    expect(organisationIn(s, 'o-b2')).toBeUndefined()
    expect(lookup(s.foundings, OrganisationId.make('o-b2'))).toBeUndefined()
    expect(lookup(s.registry.assignments, AssignmentId.make('as-self'))).toBeUndefined()
  })
})

describe('organisation embedding: converting a temporary branch (J community)', () => {
  /**
   * East's anti-epidemic branch `o-temp` (secretary `p-m3`) with a member found by it (`p-m1`),
   * a member who came forward to it and reported (`p-m2`) and an activist (`p-h2`).
   */
  const temporaryBranchSteps: ReadonlyArray<SeedStep> = [
    [
      'p-east-sec',
      'foundBranch',
      {
        organisation: {
          kind: 'party-branch',
          id: 'o-temp',
          name: 'Anti-epidemic Branch',
          seat: place('community', 'c-east'),
          parent: 'o-east',
          branch: { kind: 'temporary', purpose: 'Anti-epidemic work in J community' },
        },
        among: 'the volunteers at the checkpoints',
        secretary: { person: 'p-m3', assignment: 'as-m3-temp' },
      },
    ],
    [
      'p-east-sec',
      'discoverMember',
      {
        person: 'p-m1',
        organisation: 'o-temp',
        found: 'pocket',
        homeOrganisation: 'Honghu County Committee',
      },
    ],
    ...reportIn('p-m2', 'o-temp', 'p-m3'),
    ['p-m3', 'recogniseActivist', { person: 'p-h2', organisation: 'o-temp' }],
  ]
  const temporaryBranch = after(temporaryBranchSteps)

  const redOwnersCommittee = {
    kind: 'owners-committee',
    id: 'o-red-owners',
    name: 'Red Owners’ Committee',
    seat: place('compound', 'k-east'),
    partyLed: true,
  }

  /** The permanent branch a temporary one may become. */
  const jBranch = {
    kind: 'party-branch',
    id: 'o-j-branch',
    name: 'J Community Branch',
    seat: place('community', 'c-east'),
    parent: 'o-east',
    branch: { kind: 'community' },
  }

  const appointEastRegistrar = (who: string): SeedStep => [
    CLERK,
    'appointRole',
    {
      assignment: `as-${who}-registrar`,
      person: who,
      role: 'registrar',
      scope: place('community', 'c-east'),
    },
  ]

  /** The temporary branch, with East's secretary a registrar of East too. */
  const withEastRegistrar = after([appointEastRegistrar('p-east-sec')], temporaryBranch)

  const convert = (actor: string, fields: Record<string, unknown>) =>
    send(actor, 'convertBranch', { branch: 'o-temp', ...fields })

  it('turns the anti-epidemic branch into a red owners’ committee, moving its people', () => {
    const converted = spec
      .given(withEastRegistrar)
      .when(
        convert('p-east-sec', {
          into: redOwnersCommittee,
          membersTo: 'o-grid-east',
          reason: 'The epidemic is over; its members lead the owners’ committee',
        }),
      )
      .then((events) => {
        const types = typesOf(events)
        expect(types.slice(0, 3)).toEqual([
          'organisationRegistered',
          'organisationDissolved',
          'roleEnded',
        ])
        expect(types.at(-1)).toBe('branchConverted')
        const moved = events.flatMap((e) =>
          e.type === 'memberMoved' ? [[e.person, e.from, e.to]] : [],
        )
        expect(moved.sort()).toEqual([
          ['p-h2', 'o-temp', 'o-grid-east'],
          ['p-m1', 'o-temp', 'o-grid-east'],
          ['p-m2', 'o-temp', 'o-grid-east'],
        ])
      })
    const s = converted.state
    expect(organisationIn(s, 'o-temp')?.status).toBe('dissolved')
    expect(organisationIn(s, 'o-red-owners')).toMatchObject({
      kind: 'owners-committee',
      partyLed: true,
      status: 'active',
    })
    expect(memberOf(s, 'p-m1')).toMatchObject({ organisation: 'o-grid-east', status: 'discovered' })
    expect(memberOf(s, 'p-m2')).toMatchObject({ organisation: 'o-grid-east', status: 'reported' })
    expect(candidateOf(s, 'p-h2')).toMatchObject({ organisation: 'o-grid-east', stage: 'activist' })
    expect(isSecretary(s, 'p-m3', 'o-temp')).toBe(false)
    expect(s.conversions).toEqual([
      {
        branch: 'o-temp',
        into: 'o-red-owners',
        membersTo: 'o-grid-east',
        reason: 'The epidemic is over; its members lead the owners’ committee',
        at: converted.events[0]?.at,
      },
    ])
  })

  it('the moved members now answer to the secretary of their new organisation', () => {
    const contacted = spec
      .given(withEastRegistrar)
      .when(
        convert('p-east-sec', {
          into: redOwnersCommittee,
          membersTo: 'o-grid-east',
          reason: 'Epidemic over',
        }),
      )
      .then()
      .when(send('p-li', 'contactMember', { member: 'p-m1' }))
      .then()
    expect(memberOf(contacted.state, 'p-m1')?.status).toBe('contacted')
  })

  it('a branch that is not temporary cannot be converted', () => {
    const given = spec.given(withEastRegistrar)
    given
      .when(
        send('p-east-sec', 'convertBranch', {
          branch: 'o-grid-east',
          into: redOwnersCommittee,
          membersTo: null,
          reason: 'Why not',
        }),
      )
      .thenRefused(embeddingRules.temporaryBranchOnly)
    expect(organisationIn(given.state, 'o-grid-east')?.status).toBe('active')
  })

  it('a temporary branch with members must say where they go', () => {
    const given = spec.given(withEastRegistrar)
    given
      .when(
        convert('p-east-sec', {
          into: redOwnersCommittee,
          membersTo: null,
          reason: 'Epidemic over',
        }),
      )
      .thenRefused(embeddingRules.membersNeedAnOrganisation)
    expect(organisationIn(given.state, 'o-temp')?.status).toBe('active')
    expect(organisationIn(given.state, 'o-red-owners')).toBeUndefined()
  })

  it('a temporary branch with nobody in it converts without naming anywhere', () => {
    spec
      .given(
        after([
          appointEastRegistrar('p-east-sec'),
          [
            'p-east-sec',
            'foundBranch',
            {
              organisation: {
                kind: 'party-branch',
                id: 'o-temp',
                name: 'Anti-epidemic Branch',
                seat: place('community', 'c-east'),
                parent: 'o-east',
                branch: { kind: 'temporary', purpose: 'Anti-epidemic work' },
              },
              among: 'checkpoint volunteers',
            },
          ],
        ]),
      )
      .when(
        convert('p-east-sec', {
          into: redOwnersCommittee,
          membersTo: null,
          reason: 'Epidemic over',
        }),
      )
      .then((events) => {
        expect(typesOf(events)).toEqual([
          'organisationRegistered',
          'organisationDissolved',
          'branchConverted',
        ])
      })
  })

  it('members cannot be moved to a body that is not a party organisation', () => {
    spec
      .given(after([registerSocialOrganisation], withEastRegistrar))
      .when(
        convert('p-east-sec', {
          into: redOwnersCommittee,
          membersTo: 'o-so',
          reason: 'Epidemic over',
        }),
      )
      .thenRefused(embeddingRules.partyOrganisation)
  })

  it('converting into a non-party body needs a registrar over its seat, as registering one does', () => {
    const given = spec.given(temporaryBranch)
    given
      .when(
        convert('p-east-sec', {
          into: redOwnersCommittee,
          membersTo: 'o-grid-east',
          reason: 'Epidemic over',
        }),
      )
      .thenRefused({
        code: 'Forbidden',
        actor: 'p-east-sec',
        missingRole: ['registrar@compound:k-east'],
      })
    expect(organisationIn(given.state, 'o-temp')?.status).toBe('active')
    expect(memberOf(given.state, 'p-m1')?.organisation).toBe('o-temp')
  })

  it('a registrar who is not the parent’s secretary cannot dissolve the branch by converting it', () => {
    spec
      .given(temporaryBranch)
      .when(
        convert('p-east-clerk', {
          into: redOwnersCommittee,
          membersTo: 'o-grid-east',
          reason: 'Epidemic over',
        }),
      )
      .thenRefused({ code: 'Forbidden', missingRole: ['secretary@organisation:o-east'] })
  })

  it('members may move into the permanent branch the temporary one becomes', () => {
    const converted = spec
      .given(temporaryBranch)
      .when(
        convert('p-east-sec', {
          into: jBranch,
          membersTo: 'o-j-branch',
          reason: 'The branch stays after the epidemic',
        }),
      )
      .then()
    expect(memberOf(converted.state, 'p-m1')?.organisation).toBe('o-j-branch')
  })

  it('members go only where the converter answers for them: its secretary, or one above', () => {
    // A branch of the street committee in East, which East's secretary does not answer for.
    const given = spec.given(
      after(
        [
          [
            'p-zhou',
            'foundBranch',
            {
              organisation: {
                kind: 'party-branch',
                id: 'o-street-east',
                name: 'Street Branch in East',
                seat: place('community', 'c-east'),
                parent: 'o-street',
                branch: { kind: 'community' },
              },
              among: 'the residents of East',
            },
          ],
        ],
        temporaryBranch,
      ),
    )
    const conversion = (actor: string) =>
      convert(actor, { into: jBranch, membersTo: 'o-street-east', reason: 'Epidemic over' })
    // East's secretary may register the new branch and dissolve the old, but not send its
    // people to a branch they do not answer for.
    given.when(conversion('p-east-sec')).thenRefused({
      code: 'Forbidden',
      actor: 'p-east-sec',
      command: 'convertBranch',
      missingRole: ['secretary@organisation:o-street-east'],
    })
    const before = given.state
    expect(organisationIn(before, 'o-temp')?.status).toBe('active')
    expect(organisationIn(before, 'o-j-branch')).toBeUndefined()
    expect(memberOf(before, 'p-m1')?.organisation).toBe('o-temp')
    // The street committee's secretary answers for both.
    const after_ = given.when(conversion('p-zhou')).then().state
    expect(organisationIn(after_, 'o-temp')?.status).toBe('dissolved')
    expect(memberOf(after_, 'p-m1')).toMatchObject({
      organisation: 'o-street-east',
      status: 'discovered',
    })
    expect(memberOf(after_, 'p-m2')).toMatchObject({
      organisation: 'o-street-east',
      status: 'reported',
    })
    expect(candidateOf(after_, 'p-h2')).toMatchObject({
      organisation: 'o-street-east',
      stage: 'activist',
    })
  })

  it('where members go is checked after the conversion: not the dissolved branch, not nowhere', () => {
    const given = spec.given(temporaryBranch)
    const conversion = (membersTo: string) =>
      convert('p-east-sec', { into: jBranch, membersTo, reason: 'Epidemic over' })
    given.when(conversion('o-temp')).thenRefused(embeddingRules.partyOrganisation)
    given
      .when(conversion('o-nowhere'))
      .thenRefused({ code: 'NotFound', entity: 'organisation', id: 'o-nowhere' })
    const s = given.state
    expect(organisationIn(s, 'o-temp')?.status).toBe('active')
    expect(organisationIn(s, 'o-j-branch')).toBeUndefined()
    expect(memberOf(s, 'p-m2')?.organisation).toBe('o-temp')
  })
})

describe('organisation empowerment 组织赋能: funds and first secretaries', () => {
  it('the secretary above a branch allots it funds', () => {
    const allotted = spec
      .given(street)
      .when(
        send('p-east-sec', 'allotFunds', {
          organisation: 'o-grid-east',
          amount: 50_000,
          purpose: 'An activity room for the grid',
        }),
      )
      .then((events) => {
        expect(typesOf(events)).toEqual(['fundsAllotted'])
      })
    const s = allotted.state
    expect(s.grants).toMatchObject([
      { organisation: 'o-grid-east', amount: 50_000, purpose: 'An activity room for the grid' },
    ])
    expect(empowerment(s).fundsByOrganisation).toEqual([
      { organisation: 'o-grid-east', name: 'East Grid Branch', amount: 50_000 },
    ])
  })

  it('the street’s registrar allots funds, even to the root committee', () => {
    const allotted = spec
      .given(street)
      .when(
        send(CLERK, 'allotFunds', {
          organisation: 'o-grid-east',
          amount: 1_000,
          purpose: 'Banners',
        }),
      )
      .then()
      .when(
        send(CLERK, 'allotFunds', { organisation: 'o-street', amount: 2_000, purpose: 'Study' }),
      )
      .then()
    expect(empowerment(allotted.state).funds).toBe(3_000)
  })

  it('a branch’s own secretary cannot allot it funds', () => {
    spec
      .given(street)
      .when(
        send('p-li', 'allotFunds', { organisation: 'o-grid-east', amount: 100, purpose: 'Tea' }),
      )
      .thenRefused({
        code: 'Forbidden',
        actor: 'p-li',
        missingRole: ['secretary@organisation:o-east', `registrar@street:${STREET}`],
      })
  })

  it('a community registrar is not the street’s registrar', () => {
    spec
      .given(street)
      .when(
        send('p-east-clerk', 'allotFunds', { organisation: 'o-east', amount: 100, purpose: 'Tea' }),
      )
      .thenRefused({
        code: 'Forbidden',
        missingRole: ['secretary@organisation:o-street', `registrar@street:${STREET}`],
      })
  })

  it('no funds go to a dissolved organisation', () => {
    const given = spec.given(
      after([
        ['p-east-sec', 'dissolveOrganisation', { organisation: 'o-grid-east', reason: 'Merged' }],
      ]),
    )
    given
      .when(send(CLERK, 'allotFunds', { organisation: 'o-grid-east', amount: 100, purpose: 'Tea' }))
      .thenRefused(embeddingRules.organisationActive)
    expect(given.state.grants).toEqual([])
  })

  it('a unit above sends a first secretary to a branch', () => {
    const sent = spec
      .given(street)
      .when(
        send('p-east-sec', 'sendFirstSecretary', {
          organisation: 'o-grid-east',
          person: 'p-chen',
          assignment: 'as-chen-first',
          sentBy: 'District Tax Bureau',
        }),
      )
      .then((events) => {
        expect(typesOf(events)).toEqual(['roleAssigned', 'firstSecretarySent'])
        expect(events[0]).toMatchObject({
          type: 'roleAssigned',
          person: 'p-chen',
          role: 'first-secretary',
          scope: org('o-grid-east'),
        })
      })
    const s = sent.state
    expect(
      holdsRole(s.registry, PersonId.make('p-chen'), 'first-secretary', {
        level: 'organisation',
        id: OrganisationId.make('o-grid-east'),
      }),
    ).toBe(true)
    expect(empowerment(s).firstSecretaries).toMatchObject([
      { organisation: 'o-grid-east', person: 'p-chen', sentBy: 'District Tax Bureau' },
    ])
  })

  it('a first secretary goes only to an active party organisation', () => {
    const sendTo = (to: string) =>
      send('p-zhou', 'sendFirstSecretary', {
        organisation: to,
        person: 'p-chen',
        assignment: 'as-chen-first',
        sentBy: 'District Tax Bureau',
      })
    const withSocialOrganisation = after([registerSocialOrganisation])
    spec
      .given(withSocialOrganisation)
      .when(sendTo('o-so'))
      .thenRefused(embeddingRules.partyOrganisation)
    const dissolved = spec.given(
      after(
        [['p-east-sec', 'dissolveOrganisation', { organisation: 'o-grid-east', reason: 'Merged' }]],
        withSocialOrganisation,
      ),
    )
    dissolved.when(sendTo('o-grid-east')).thenRefused(embeddingRules.partyOrganisation)
    expect(dissolved.state.firstSecretaries).toEqual([])
  })

  it('a branch’s own secretary cannot send it a first secretary', () => {
    spec
      .given(street)
      .when(
        send('p-li', 'sendFirstSecretary', {
          organisation: 'o-grid-east',
          person: 'p-chen',
          assignment: 'as-chen-first',
          sentBy: 'District Tax Bureau',
        }),
      )
      .thenRefused({ code: 'Forbidden', missingRole: ['secretary@organisation:o-east'] })
  })
})
