import { produce } from 'immer'
import { describe, expect, it } from 'vitest'
import { AssignmentId, PersonId } from '../../src/core/index.js'
import { community } from '../../src/community/index.js'
import { disputeRules, MAX_CASE_MEDIATORS, MEDIATOR_POSTS_MAX } from '../../src/dispute/index.js'
import { stateFromEvents } from '../../src/testing/index.js'
import {
  after,
  appoint,
  AREA,
  AREA_EVENTS,
  areaWith,
  assignedAt,
  by,
  caseAt,
  caseOf,
  CLERK,
  command,
  COMMUNITY_D,
  endRole,
  filing,
  forbiddenTo,
  GRID_D,
  GRID_OFFICE,
  GW,
  illegal,
  jointCase,
  K,
  like,
  NO_LIMITS,
  notFound,
  org,
  organisation,
  OTHER,
  person,
  place,
  registerOrganisation,
  registryAfter,
  spec,
  toCommunity,
  unfiled,
  VOLUNTEER_TEAM,
  withRegistry,
  type Stage,
} from './spec-fixtures.js'

// Mediation (mediation.ts): the mediators the office of the case's level assigns, under the
// posts that qualify them there; the sessions they hold, by the joint office for a case between
// two communities; the failure of mediation.

describe('mediators: the office of the level assigns a mediator of exactly that level', () => {
  it('at the grid, its office assigns its grid worker, once the case is filed', () => {
    const assigned = unfiled()
      .when(by('p-d1').fileCase(filing({ limits: NO_LIMITS })))
      .then()
      .when(by(GW).assignMediator({ case: K, mediator: GW }))
      .then(like([{ type: 'mediatorAssigned', mediator: GW }]))
    expect(caseOf(assigned)).toMatchObject({ status: 'filed', mediators: [GW] })
  })

  it.each([
    ['a party', 'p-d1'],
    ['the grid worker of another grid', 'p-gw-q'],
    ['the community’s mediator', 'p-med-d'],
    ['the street’s registrar', CLERK],
    ['the legal-aid mediator', 'p-legal'],
  ])('only the office of the level assigns mediators: not %s', (_, actor) => {
    caseAt('accepted')
      .when(by(actor).assignMediator({ case: K, mediator: 'p-gw-q' }))
      .thenRefused(forbiddenTo(actor, 'assignMediator', GRID_OFFICE))
  })

  it.each([
    ['the grid worker of another grid', 'p-gw-q'],
    ['the community’s mediator', 'p-med-d'],
    ['the street’s mediator', 'p-med-s'],
    ['the legal-aid mediator', 'p-legal'],
    ['a resident', 'p-q1'],
  ])('mediator-level at the grid: not %s', (_, mediator) => {
    caseAt('accepted')
      .when(by(GW).assignMediator({ case: K, mediator }))
      .thenRefused(disputeRules.mediatorLevel)
  })

  it('mediator-level at the community: its mediator or volunteer team, no other level’s', () => {
    const atCommunity = after(
      caseAt('accepted', { registry: areaWith(...VOLUNTEER_TEAM()) }),
      by('p-d1').escalateCase({ case: K, reason: 'Needs the community' }),
      by('p-med-d').acceptEscalation({ case: K }),
    )
    for (const mediator of [GW, 'p-legal', 'p-med-q', 'p-med-s'])
      atCommunity
        .when(by('p-med-d').assignMediator({ case: K, mediator }))
        .thenRefused(disputeRules.mediatorLevel)
    const assigned = after(
      atCommunity,
      by('p-med-d').assignMediator({ case: K, mediator: 'p-med-d' }),
      by('p-med-d').assignMediator({ case: K, mediator: 'p-vol' }),
    )
    expect(caseOf(assigned)).toMatchObject({ level: 'community', mediators: ['p-med-d', 'p-vol'] })
  })

  it('mediator-level at the street: its mediator or the purchased legal-aid office, no other level’s', () => {
    const atStreet = after(
      toCommunity(caseAt('accepted')),
      by('p-d2').escalateCase({ case: K, reason: 'Needs the street' }),
      by('p-med-s').acceptEscalation({ case: K }),
    )
    for (const mediator of ['p-med-d', GW])
      atStreet
        .when(by('p-med-s').assignMediator({ case: K, mediator }))
        .thenRefused(disputeRules.mediatorLevel)
    const assigned = after(
      atStreet,
      by('p-med-s').assignMediator({ case: K, mediator: 'p-legal' }),
      by(CLERK).assignMediator({ case: K, mediator: 'p-med-s' }),
    )
    expect(caseOf(assigned)).toMatchObject({ level: 'street', mediators: ['p-legal', 'p-med-s'] })
  })

  it('a mediator of many teams is assigned under every post that qualifies (too-many-posts): the grid worker of twenty mediation teams', () => {
    const teams = Array.from({ length: 20 }, (_, i) => `o-team-${i}`)
    const registry = areaWith(
      ...teams.flatMap((team) => [
        registerOrganisation({
          kind: 'social-organisation',
          id: team,
          name: `Mediation team ${team}`,
          seat: GRID_D,
          origin: 'cultivated',
        }),
        appoint(`as-gw-${team}`, GW, 'mediator', org(team)),
      ]),
    )
    const accepted = caseAt('accepted', { registry })
    const posts = ['as-gw-d', ...teams.map((team) => `as-gw-${team}`)]
    expect(caseOf(accepted).mediatorPosts).toEqual([{ mediator: GW, posts }])
    // The assignment lasts while one of them does.
    withRegistry(accepted, registryAfter(registry, endRole('as-gw-d', 'Term over')))
      .when(by(GW).holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' }))
      .then()
  })

  it('an assignment under more qualifying posts than it records is refused (too-many-posts), before an event its codec would reject', () => {
    const filed = unfiled().when(by(GW).fileCase(filing())).then()
    // The grid worker of g-d is made mediator of as many teams seated in g-d as an assignment
    // records: with the grid-worker post, one post too many (folded straight into the registry).
    const at = '2024-03-01T20:00:00+08:00'
    const teams = Array.from({ length: MEDIATOR_POSTS_MAX }, (_, i) => [
      {
        type: 'organisationRegistered',
        at,
        actor: CLERK,
        organisation: {
          kind: 'social-organisation',
          id: `o-team-${i}`,
          name: `Team ${i}`,
          seat: GRID_D,
          origin: 'cultivated',
        },
      },
      {
        type: 'roleAssigned',
        at,
        actor: CLERK,
        assignment: `as-team-${i}`,
        person: GW,
        role: 'mediator',
        scope: org(`o-team-${i}`),
      },
    ]).flat()
    const registry = stateFromEvents(community, [...AREA_EVENTS, ...teams])
    spec
      .givenState(filed.state, { registry })
      .when(by(GW, at).assignMediator({ case: K, mediator: GW }))
      .thenRefused(disputeRules.tooManyPosts)
  })

  it('a case holds at most ten mediators at a level (too-many-mediators), never a state its codec refuses', () => {
    const filed = unfiled().when(by(GW).fileCase(filing())).then()
    const withOthers = (n: number) =>
      produce(filed.state, (draft) => {
        if (draft.case === null) return
        draft.case.mediators = Array.from({ length: n }, (_, i) => PersonId.make(`p-m${i}`))
        draft.case.mediatorPosts = draft.case.mediators.map((mediator) => ({
          mediator,
          posts: [AssignmentId.make(`as-m-${mediator}`)],
        }))
      })
    const assign = by(GW, '2024-03-01T20:00:00+08:00').assignMediator({ case: K, mediator: GW })
    spec
      .givenState(withOthers(MAX_CASE_MEDIATORS), { registry: AREA })
      .when(assign)
      .thenRefused(disputeRules.tooManyMediators)
    spec
      .givenState(withOthers(MAX_CASE_MEDIATORS - 1), { registry: AREA })
      .when(assign)
      .then()
  })

  it('a mediator is assigned once at a level (already-assigned), and exists', () => {
    const accepted = caseAt('accepted')
    accepted
      .when(by(GW).assignMediator({ case: K, mediator: GW }))
      .thenRefused(disputeRules.alreadyAssigned)
    accepted
      .when(by(GW).assignMediator({ case: K, mediator: 'p-nobody' }))
      .thenRefused(notFound('person', 'p-nobody'))
  })

  it('a mediator is not one of the sides (mediator-is-party): not a party', () => {
    unfiled()
      .when(
        by('p-d1').fileCase(filing({ parties: [person('p-d1'), person(GW)], limits: NO_LIMITS })),
      )
      .then()
      .when(by(GW).assignMediator({ case: K, mediator: GW }))
      .thenRefused(disputeRules.mediatorIsParty)
  })

  it('a mediator is not one of the sides (mediator-is-party): not a leader of a party', () => {
    const registry = areaWith(
      registerOrganisation({
        kind: 'other-social-force',
        id: 'o-club',
        name: 'D anglers club',
        seat: COMMUNITY_D,
        description: 'A club',
      }),
      appoint('as-club', GW, 'director', org('o-club')),
    )
    unfiled(registry)
      .when(
        by('p-d1').fileCase(
          filing({
            kind: OTHER,
            parties: [person('p-d1'), organisation('o-club')],
            limits: NO_LIMITS,
          }),
        ),
      )
      .then()
      .when(by(GW).assignMediator({ case: K, mediator: GW }))
      .thenRefused(disputeRules.mediatorIsParty)
  })

  it('a mediator is not one of the sides (mediator-is-party): not a mediator inside a party', () => {
    const filed = unfiled(areaWith(...VOLUNTEER_TEAM()))
      .when(
        by('p-d1').fileCase(
          filing({
            kind: OTHER,
            parties: [person('p-d1'), organisation('o-team')],
            arose: COMMUNITY_D,
            limits: NO_LIMITS,
          }),
        ),
      )
      .then()
    filed
      .when(by('p-med-d').assignMediator({ case: K, mediator: 'p-vol' }))
      .thenRefused(disputeRules.mediatorIsParty)
    filed.when(by('p-med-d').assignMediator({ case: K, mediator: 'p-med-d' })).then()
  })

  it.each(['drafting', 'agreed', 'failed', 'fulfilled', 'declined', 'withdrawn'] as const)(
    'no mediator is assigned to a case that is %s (case-not-open)',
    (stage) => {
      caseAt(stage)
        .when(by(GW).assignMediator({ case: K, mediator: 'p-gw-q' }))
        .thenRefused(disputeRules.caseNotOpen)
    },
  )

  it('no mediator is assigned to an escalated case before the next level accepts it (case-not-open)', () => {
    caseAt('escalated')
      .when(by('p-med-d').assignMediator({ case: K, mediator: 'p-med-d' }))
      .thenRefused(disputeRules.caseNotOpen)
  })
})

describe('sessions and failure: the assigned mediator mediates', () => {
  it('the assigned mediator records sessions, who attended and the outcome: accepted → in-mediation → in-mediation', () => {
    const second = caseAt('accepted')
      .when(
        by(GW, '2024-04-03T19:00:00+08:00').holdSession({
          case: K,
          attended: ['p-d1', 'p-d2'],
          outcome: 'Both sides heard',
        }),
      )
      .then(
        like([
          {
            type: 'sessionHeld',
            status: 'in-mediation',
            attended: ['p-d1', 'p-d2'],
            outcome: 'Both sides heard',
          },
        ]),
      )
      .when(
        by(GW, '2024-04-10T19:00:00+08:00').holdSession({
          case: K,
          attended: ['p-d1'],
          outcome: 'p-d2 absent',
        }),
      )
      .then()
    const c = caseOf(second)
    expect(c.status).toBe('in-mediation')
    expect(c.sessions).toEqual([
      {
        at: '2024-04-03T19:00:00+08:00',
        level: 'grid',
        mediators: [GW],
        attended: ['p-d1', 'p-d2'],
        outcome: 'Both sides heard',
      },
      {
        at: '2024-04-10T19:00:00+08:00',
        level: 'grid',
        mediators: [GW],
        attended: ['p-d1'],
        outcome: 'p-d2 absent',
      },
    ])
  })

  it.each([
    ['a party', 'p-d1'],
    ['a mediator who is not assigned', 'p-gw-q'],
    ['the office of the street', 'p-med-s'],
  ])('only an assigned mediator records a session: not %s', (_, actor) => {
    caseAt('accepted')
      .when(by(actor).holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' }))
      .thenRefused(forbiddenTo(actor, 'holdSession', assignedAt('grid')))
  })

  it('those who attended a session exist', () => {
    caseAt('accepted')
      .when(by(GW).holdSession({ case: K, attended: ['p-d1', 'p-nobody'], outcome: 'Heard' }))
      .thenRefused(notFound('person', 'p-nobody'))
  })

  it('no session before every party has consented', () => {
    caseAt('filed')
      .when(by('p-d1').giveConsent({ case: K, party: 0 }))
      .then()
      .when(by(GW).holdSession({ case: K, attended: ['p-d1'], outcome: 'Heard' }))
      .thenRefused(illegal('filed', 'holdSession'))
  })

  it.each(['in-mediation', 'drafting'] as const)(
    'the assigned mediator records that mediation failed: %s → failed',
    (stage) => {
      const point = caseAt(stage)
      point
        .when(by('p-d1').recordFailure({ case: K, reason: 'No' }))
        .thenRefused(forbiddenTo('p-d1', 'recordFailure', assignedAt('grid')))
      const failed = point
        .when(by(GW).recordFailure({ case: K, reason: 'No common ground' }))
        .then(like([{ type: 'mediationFailed', status: 'failed', reason: 'No common ground' }]))
      expect(caseOf(failed)).toMatchObject({ status: 'failed', closedAt: null })
    },
  )
})

describe('the joint office: a case between two communities, staffed by both', () => {
  it('the joint office holds a session only with a mediator from each community (joint-mediators)', () => {
    const joint = jointCase()
    expect(caseOf(joint)).toMatchObject({ level: 'community', communities: ['c-d', 'c-q'] })
    const session = by('p-med-d').holdSession({
      case: 'k-j',
      attended: ['p-d1', 'p-q1'],
      outcome: 'Both sides heard',
    })
    const one = joint
      .when(by('p-med-d').assignMediator({ case: 'k-j', mediator: 'p-med-d' }))
      .then()
    one.when(session).thenRefused(disputeRules.jointMediators)
    const held = one
      .when(by('p-med-d').assignMediator({ case: 'k-j', mediator: 'p-med-q' }))
      .then()
      .when(session)
      .then()
    expect(caseOf(held).sessions[0]?.mediators).toEqual(['p-med-d', 'p-med-q'])
  })

  it('one mediator of both communities does not stand for both sides (joint-mediators)', () => {
    const registry = areaWith(
      appoint('as-med-d-q', 'p-med-d', 'mediator', place('community', 'c-q')),
    )
    const session = by('p-med-d').holdSession({ case: 'k-j', attended: ['p-d1'], outcome: 'Heard' })
    const one = jointCase(COMMUNITY_D, registry)
      .when(by('p-med-d').assignMediator({ case: 'k-j', mediator: 'p-med-d' }))
      .then()
    one.when(session).thenRefused(disputeRules.jointMediators)
    const held = after(
      one,
      by('p-med-q').assignMediator({ case: 'k-j', mediator: 'p-med-q' }),
      session,
    )
    expect(caseOf(held).status).toBe('in-mediation')
  })

  it('at the grid a case between two communities is its grid’s alone', () => {
    const joint = jointCase(GRID_D)
    joint
      .when(by(GW).assignMediator({ case: 'k-j', mediator: 'p-gw-q' }))
      .thenRefused(disputeRules.mediatorLevel)
    const held = after(
      joint,
      by(GW).assignMediator({ case: 'k-j', mediator: GW }),
      by(GW).holdSession({ case: 'k-j', attended: ['p-d1', 'p-q1'], outcome: 'Heard' }),
    )
    expect(caseOf(held).status).toBe('in-mediation')
  })
})

describe('the case’s table: a session or failure it has no edge for is an IllegalTransition', () => {
  const rows: ReadonlyArray<readonly [Stage, string, string, Record<string, unknown>]> = [
    ['filed', GW, 'recordFailure', { reason: 'x' }],
    ['accepted', GW, 'recordFailure', { reason: 'x' }],
    ['drafting', GW, 'holdSession', { attended: [], outcome: 'x' }],
    ['agreed', GW, 'holdSession', { attended: [], outcome: 'x' }],
    ['agreed', GW, 'recordFailure', { reason: 'x' }],
    ['failed', GW, 'holdSession', { attended: [], outcome: 'x' }],
    ['failed', GW, 'recordFailure', { reason: 'x' }],
  ]

  it.each(rows)('%s: %s may not %s', (stage, actor, type, payload) => {
    caseAt(stage)
      .when(command(actor, type, { case: K, ...payload }))
      .thenRefused(illegal(stage, type))
  })
})
