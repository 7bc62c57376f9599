/**
 * The council's roster (management integration, `src/integration/council.ts`), over the pure
 * deciders: a council's seats and its balance of migrant and local representatives, which its
 * deliberation hall decides, what `councilComposition` reads of them, and the council
 * deliberating as its hall does.
 */
import { describe, expect, it } from 'vitest'
import { CouncilId, lookup, MatterId, MotionId, valuesOf } from '../../src/core/index.js'
import { councilComposition } from '../../src/integration/index.js'
import {
  CLERK,
  councilCharter,
  EAST_CLERK,
  HALL,
  LOCALS,
  MIGRANTS,
  place,
  rule,
  seeded,
  SO_HEAD,
  type Street,
} from './spec-fixtures.js'

const COUNCIL = 'cn-east'
const BRANCH = 'o-council-b'

/** The constituteCouncil payload for h-council and the council branch. */
const councilPayload = () => ({
  council: COUNCIL,
  name: 'East Co-governance Council 共治议事会',
  hall: HALL,
  branch: BRANCH,
  articles: [
    'Art. 1: migrant and local residents sit in equal numbers',
    'Art. 2: the council meets monthly and hears every member in turn',
  ],
})

/** The fixture street with the council constituted on h-council by the East registrar. */
const constituted = () => {
  const r = seeded()
  r.must(EAST_CLERK, 'constituteCouncil', councilPayload())
  return r
}

const councilOf = (r: Street, id = COUNCIL) => lookup(r.state.councils, CouncilId.make(id))

/** The council's composition, read from the streams' states. */
const composition = (r: Street) => {
  const council = councilOf(r)
  if (council === undefined) throw new Error('the council is not constituted')
  return councilComposition(council, r.hall(), r.registry().registry)
}

const resident = (person: string) => ({ person, kind: 'resident', organisation: null })

/** The chair appoints these residents of East together. */
const appoint = (r: Street, ...people: ReadonlyArray<string>) =>
  r.must(SO_HEAD, 'appointRepresentatives', { representatives: people.map(resident) })

/** The chair's appointing these residents of East together, decided by the hall. */
const appointing = (r: Street, ...people: ReadonlyArray<string>) =>
  r.whenHall(SO_HEAD, 'appointRepresentatives', { representatives: people.map(resident) })

/** The types of the events a step recorded. */
const typesOf = (handled: { readonly events: ReadonlyArray<{ readonly type: string }> }) =>
  handled.events.map((e) => e.type)

const roster = (r: Street) =>
  valuesOf(r.hall().representatives)
    .map((rep) => rep.person as string)
    .sort()

describe('constituting a council 共治议事会 on a deliberation hall', () => {
  it('a council’s charter is never without its balance rule or seats (council-charter)', () => {
    const r = constituted()
    const { seats: _seats, ...unseated } = councilCharter()
    for (const charter of [councilCharter({ balance: null }), unseated])
      r.whenHall(SO_HEAD, 'amendCharter', { charter }).thenRefused(rule('council-charter'))
    // nor can the chair take the council mark away to switch the rule off
    const { council: _council, ...plain } = councilCharter({ balance: null })
    r.whenHall(SO_HEAD, 'amendCharter', { charter: plain }).thenRefused(rule('council-charter'))
    // a council hall cannot be opened without them either
    r.whenHall(EAST_CLERK, 'openHall', {
      hall: 'h-other',
      name: 'Another council',
      place: place('community', 'c-east'),
      charter: councilCharter({ balance: null }),
      chair: SO_HEAD,
    }).thenRefused(rule('council-charter'))
  })
})

// ---------------------------------------------------------------------------------------------
// Seats and balance, decided by the hall

describe('the council’s seats (seats-full)', () => {
  it('appointments beyond the council’s seats are refused (seats-full)', () => {
    const r = constituted()
    // eight seats: four migrants and four locals, in balance
    r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: [...MIGRANTS.slice(1), ...LOCALS].map(resident),
    })
    expect(roster(r)).toHaveLength(8)
    // a ninth would keep the balance (5 to 4) but has no seat
    r.whenHall(SO_HEAD, 'appointRepresentative', resident('f-1')).thenRefused(rule('seats-full'))
    appointing(r, 'f-1', 't-gov').thenRefused(rule('seats-full'))
    // a removal frees a seat
    r.must(SO_HEAD, 'removeRepresentative', { person: 'm-4' })
    r.must(SO_HEAD, 'appointRepresentative', resident('f-1'))
    expect(roster(r)).toContain('f-1')
  })

  it('a batch that would overflow the seats is refused whole', () => {
    const r = constituted()
    r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-1', 'm-2', 'm-3', 'l-1', 'l-2', 'l-3'].map(resident),
    })
    appointing(r, 'm-4', 'l-4', 'f-1', 't-gov').thenRefused(rule('seats-full'))
    expect(roster(r)).toHaveLength(6)
    r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-4', 'l-4'].map(resident),
    })
    expect(roster(r)).toHaveLength(8)
  })

  it('the charter cannot cut seats below the sitting representatives', () => {
    const r = constituted()
    r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-1', 'm-2', 'm-3', 'l-1', 'l-2', 'l-3'].map(resident),
    })
    r.whenHall(SO_HEAD, 'amendCharter', { charter: councilCharter({ seats: 5 }) }).thenRefused(
      rule('seats-full'),
    )
    expect(r.hall().hall?.charter.seats).toBe(8)
    // down to the sitting six is fine; then the council is full
    r.must(SO_HEAD, 'amendCharter', { charter: councilCharter({ seats: 6 }) })
    expect(composition(r).vacancies).toBe(0)
    appointing(r, 'm-4', 'l-4').thenRefused(rule('seats-full'))
  })
})

describe('the council’s balance of migrant and local representatives (hall-balance)', () => {
  it('an appointment that would put migrants more than the tolerance ahead of locals is refused (hall-balance)', () => {
    const r = constituted()
    r.must(SO_HEAD, 'appointRepresentative', resident('m-1'))
    r.whenHall(SO_HEAD, 'appointRepresentative', resident('m-2')).thenRefused(rule('hall-balance'))
    expect(roster(r)).toEqual(['m-1'])
  })

  it('nor locals more than the tolerance ahead of migrants', () => {
    const r = constituted()
    r.must(SO_HEAD, 'appointRepresentative', resident('l-1'))
    r.whenHall(SO_HEAD, 'appointRepresentative', resident('l-2')).thenRefused(rule('hall-balance'))
    // a party-committee seat for the chair counts as local too (registered household)
    r.whenHall(SO_HEAD, 'appointRepresentative', {
      person: SO_HEAD,
      kind: 'party-committee',
      organisation: BRANCH,
    }).thenRefused(rule('hall-balance'))
  })

  it('balanced batch appointments are made', () => {
    const r = constituted()
    const handled = r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-1', 'm-2', 'm-3', 'l-1', 'l-2'].map(resident),
    })
    expect(typesOf(handled)).toHaveLength(5)
    r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: [
        resident('l-3'),
        { person: SO_HEAD, kind: 'party-committee', organisation: BRANCH },
        resident('m-4'),
      ],
    })
    expect(composition(r)).toMatchObject({ migrant: 4, local: 4, balanced: true })
  })

  it('an unbalanced batch is refused whole', () => {
    const r = constituted()
    appointing(r, 'm-1', 'm-2', 'l-1', 'm-3').thenRefused(rule('hall-balance'))
    expect(roster(r)).toEqual([])
  })

  it('a removal that would tip the balance is refused', () => {
    const r = constituted()
    r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['m-1', 'm-2', 'l-1'].map(resident),
    })
    r.whenHall(SO_HEAD, 'removeRepresentative', { person: 'l-1' }).thenRefused(rule('hall-balance'))
    r.must(SO_HEAD, 'removeRepresentative', { person: 'm-2' })
    expect(roster(r)).toEqual(['l-1', 'm-1'])
  })

  it('a charter amendment that the roster would break is refused', () => {
    const r = constituted()
    appoint(r, 'm-1', 'm-2', 'l-1')
    r.whenHall(SO_HEAD, 'amendCharter', {
      charter: councilCharter({ balance: { tolerance: 0 } }),
    }).thenRefused(rule('hall-balance'))
  })
})

// ---------------------------------------------------------------------------------------------
// Composition

describe('councilComposition: seats, balance and the chair', () => {
  it('a new council: eight vacant seats, in balance, chaired by the branch secretary', () => {
    const r = constituted()
    expect(composition(r)).toEqual({
      council: councilOf(r),
      seats: 8,
      representatives: 0,
      migrant: 0,
      local: 0,
      tolerance: 1,
      balanced: true,
      vacancies: 8,
      chair: SO_HEAD,
      chairIsBranchSecretary: true,
    })
  })

  it('counts migrant and local representatives through the registry', () => {
    const r = constituted()
    r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: ['p-wang', 'm-1', 'f-1', 'l-1', 'l-2'].map(resident),
    })
    expect(composition(r)).toMatchObject({
      seats: 8,
      representatives: 5,
      migrant: 3,
      local: 2,
      tolerance: 1,
      balanced: true,
      vacancies: 3,
    })
  })

  it('chairIsBranchSecretary turns false when the chair’s secretary post ends (endRole)', () => {
    const r = constituted()
    r.must('p-zhou', 'endRole', { assignment: 'as-council-sec', reason: 'Term ended' })
    expect(composition(r)).toMatchObject({
      chair: SO_HEAD,
      chairIsBranchSecretary: false,
    })
    // a new secretary who is not the hall's chair does not make it true either
    r.must('p-zhou', 'appointRole', {
      assignment: 'as-council-sec-2',
      person: 'l-1',
      role: 'secretary',
      scope: { level: 'organisation', id: BRANCH },
    })
    expect(composition(r).chairIsBranchSecretary).toBe(false)
  })

  it('a household change in the registry can tip a seated council out of balance; the query shows it', () => {
    const r = constituted()
    appoint(r, 'm-1', 'm-2', 'l-1', 'l-2')
    // m-1 gains a local household registration 入户: three locals to one migrant
    r.must(CLERK, 'changeHousehold', { person: 'm-1', household: { status: 'registered' } })
    expect(composition(r)).toMatchObject({ migrant: 1, local: 3, balanced: false })
    // the hall refuses what would not bring it back within the tolerance, and takes what would
    appointing(r, 'l-3').thenRefused(rule('hall-balance'))
    r.must(SO_HEAD, 'appointRepresentative', resident('m-3'))
    expect(composition(r)).toMatchObject({ migrant: 2, local: 3, balanced: true })
  })

  it('the council’s tolerance can be changed, and the query reads the new one', () => {
    const r = constituted()
    appoint(r, 'm-1', 'l-1')
    r.must(SO_HEAD, 'amendCharter', {
      charter: councilCharter({ balance: { tolerance: 0 } }),
    })
    expect(composition(r)).toMatchObject({
      seats: 8,
      tolerance: 0,
      balanced: true,
      vacancies: 6,
      representatives: 2,
    })
  })
})

// ---------------------------------------------------------------------------------------------
// The council deliberates as a hall

describe('the council deliberates as its hall does', () => {
  it('with a balanced roster the chair opens a meeting, and a motion is moved, seconded, voted and adopted', () => {
    const r = constituted()
    r.must(SO_HEAD, 'appointRepresentatives', {
      representatives: [
        { person: SO_HEAD, kind: 'party-committee', organisation: BRANCH },
        ...['m-1', 'm-2', 'm-3', 'l-1', 'l-2'].map(resident),
      ],
    })
    expect(composition(r).balanced).toBe(true)
    r.must('m-1', 'submitDemand', {
      demand: 'd-1',
      resident: 'm-1',
      channel: 'online',
      text: 'Night school places for migrant children',
    })
    r.must(SO_HEAD, 'aggregateDemands', {
      matter: 'm-school',
      title: 'Night school places',
      demands: ['d-1'],
    })
    r.must(SO_HEAD, 'scheduleMeeting', {
      meeting: 'mt-1',
      scheduledFor: '2024-06-15T15:00:00+08:00',
    })
    r.must(SO_HEAD, 'putOnAgenda', { matter: 'm-school', meeting: 'mt-1' })
    r.must(SO_HEAD, 'openMeeting', {
      meeting: 'mt-1',
      present: [SO_HEAD, 'm-1', 'm-2', 'l-1', 'l-2'],
    })
    r.must('m-1', 'moveMotion', {
      meeting: 'mt-1',
      motion: 'mo-1',
      matter: 'm-school',
      text: 'Open twenty night-school places',
    })
    r.must('l-1', 'secondMotion', { motion: 'mo-1' })
    r.must(SO_HEAD, 'openVoting', { motion: 'mo-1' })
    for (const [person, choice] of [
      ['m-1', 'yes'],
      ['m-2', 'yes'],
      ['l-1', 'yes'],
      ['l-2', 'no'],
    ] as const)
      r.must(person, 'castVote', { motion: 'mo-1', choice })
    const closed = r.must(SO_HEAD, 'closeVoting', { motion: 'mo-1' })
    expect(closed.events[0]).toMatchObject({
      type: 'votingClosed',
      tally: { yes: 3, no: 1, abstain: 0 },
      status: 'adopted',
    })
    const hall = r.hall()
    expect(lookup(hall.motions, MotionId.make('mo-1'))?.status).toBe('adopted')
    expect(lookup(hall.matters, MatterId.make('m-school'))?.status).toBe('decided')
  })
})

// ---------------------------------------------------------------------------------------------
// After review: loosening, mending, places and dissolution

describe('a council stays about equal, can be mended, and sits where its branch does', () => {
  it('a council’s tolerance is at most a quarter of its seats: the chair cannot loosen it away (council-charter)', () => {
    const r = constituted()
    for (const balance of [{ tolerance: 3 }, { tolerance: 50 }])
      r.whenHall(SO_HEAD, 'amendCharter', { charter: councilCharter({ balance }) }).thenRefused(
        rule('council-charter'),
      )
    // two of eight seats is a quarter: allowed
    r.must(SO_HEAD, 'amendCharter', {
      charter: councilCharter({ balance: { tolerance: 2 } }),
    })
  })

  it('a full council tipped out of balance by household changes can be mended, and not made worse', () => {
    const r = constituted()
    appoint(r, 'm-1', 'm-2', 'm-3', 'm-4', 'l-1', 'l-2', 'l-3', 'l-4')
    for (const person of ['m-1', 'm-2'])
      r.must(CLERK, 'changeHousehold', { person, household: { status: 'registered' } })
    expect(composition(r)).toMatchObject({ migrant: 2, local: 6, balanced: false })
    // removing a migrant widens the gap: refused
    r.whenHall(SO_HEAD, 'removeRepresentative', { person: 'm-3' }).thenRefused(rule('hall-balance'))
    // removing locals narrows it, one step at a time, and migrants fill the seats
    r.must(SO_HEAD, 'removeRepresentative', { person: 'l-1' })
    r.must(SO_HEAD, 'removeRepresentative', { person: 'l-2' })
    r.must(SO_HEAD, 'appointRepresentative', resident('f-1'))
    expect(composition(r)).toMatchObject({ migrant: 3, local: 4, balanced: true })
  })
})

// ---------------------------------------------------------------------------------------------
// Residency: the council counts its hall's representatives as the hall does, who act now

describe('the council counts the representatives who act now, as its hall does', () => {
  const leave = (r: Street, person: string) =>
    r.must(CLERK, 'recordDeparture', { person, destination: 'Honghu, Hubei' })

  it('councilComposition counts who acts, and as vacancies the seats nobody holds', () => {
    const r = constituted()
    appoint(r, 'm-1', 'm-2', 'l-1', 'l-2')
    leave(r, 'm-1')
    expect(composition(r)).toMatchObject({
      seats: 8,
      representatives: 3,
      migrant: 1,
      local: 2,
      balanced: true,
      // m-1 still holds a seat until removed
      vacancies: 4,
    })
  })
})
