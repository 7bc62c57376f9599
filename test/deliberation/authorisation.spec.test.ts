import { describe, expect, it } from 'vitest'
import { lookup, MeetingId } from '../../src/core/index.js'
import {
  deliberationRules as rules,
  chairActs,
  chairSince,
  actingRepresentatives,
  emptyHall,
  sanWuWu,
} from '../../src/deliberation/index.js'
import {
  ALL_YES,
  byPerson,
  CHAIR,
  CHAIR_ROLE,
  charter,
  CLERK,
  forbiddenTo,
  inSession,
  leave,
  meetingOf,
  motionOf,
  move,
  open,
  place,
  schedule,
  second,
  seconded,
  seedJCommunity,
  SIX,
  submit,
  taskOf,
  vote,
  withAgenda,
} from './spec-fixtures.js'

// Authorisation: who may do what in the hall — the chair's commands, the representatives present
// at a meeting — and how authority is bound to where people live: the chair's to the street
// (chair-in-street), a resident representative's to the hall's place (not-a-resident).

describe('authorisation: who may do what in the hall', () => {
  /** mt-1 open with m-1 and the seconded mo-1; mt-2 scheduled. */
  const busyHall = () => {
    let s = seconded()
    s = schedule(s, 'mt-2')
    return s
  }
  const task = {
    task: 't-1',
    matter: 'm-1',
    owner: byPerson('r-1'),
    description: 'Stations',
    due: '2024-06-30T18:00:00+08:00',
  }

  it.each([
    ['amendCharter', { charter: charter({ passMark: 3 }) }],
    ['appointRepresentative', { person: 'p-vol', kind: 'other-social-force', organisation: null }],
    ['removeRepresentative', { person: 'p-police' }],
    ['appointSupervisor', { person: 'p-vol', body: 'Volunteers' }],
    ['setSchedule', { schedule: sanWuWu() }],
    ['putOnAgenda', { matter: 'm-1', meeting: 'mt-2' }],
    ['scheduleMeeting', { meeting: 'mt-3', scheduledFor: '2024-06-15T15:00:00+08:00' }],
    ['openMeeting', { meeting: 'mt-2', present: SIX }],
    ['cancelMeeting', { meeting: 'mt-2', reason: 'Rain' }],
    ['adjournMeeting', { meeting: 'mt-1' }],
    ['grantFloor', { motion: 'mo-1', speaker: 'p-ld' }],
    ['openVoting', { motion: 'mo-1' }],
    ['closeVoting', { motion: 'mo-1' }],
    ['postponeMotion', { motion: 'mo-1' }],
    ['referMotion', { motion: 'mo-1', to: 'Committee' }],
    ['assignTask', task],
    [
      'holdCoordination',
      { matter: 'm-1', attendees: ['party-committee', 'resident'], settlements: [] },
    ],
    ['beginSupervision', { matter: 'm-1' }],
    ['openEvaluation', { matter: 'm-1' }],
    ['closeEvaluation', { matter: 'm-1' }],
  ] as const)('only the chair may %s', (type, payload) => {
    let s = busyHall()
    s = s.does('p-ld', 'requestFloor', { motion: 'mo-1' })
    for (const actor of ['p-rc', 'p-red', CLERK])
      s.when(actor, type, payload).thenRefused(forbiddenTo(actor, type, CHAIR_ROLE))
  })

  it('the chair may do what only the chair may', () => {
    let s = busyHall()
    s = s.does('p-ld', 'requestFloor', { motion: 'mo-1' })
    s = s.does(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    s = s.does(CHAIR, 'cancelMeeting', { meeting: 'mt-2', reason: 'Rain' })
    s = vote(s, 'mo-1', ALL_YES)
    s = s.does(CHAIR, 'adjournMeeting', { meeting: 'mt-1' })
    s = s.does(CHAIR, 'assignTask', task)
    expect(taskOf(s, 't-1')?.status).toBe('assigned')
  })

  it.each([
    ['a representative who was absent at the opening', 'p-police'],
    ['someone present who is not a representative', 'r-2'],
    ['a representative appointed after the opening', 'p-vol'],
  ])('%s does not move, second, ask for the floor or vote', (_who, actor) => {
    let s = seconded(charter(), ['p-chair', 'p-rc', 'r-1', 'p-ld', 'p-prop', 'r-2'])
    s = s.does(CHAIR, 'appointRepresentative', {
      person: 'p-vol',
      kind: 'other-social-force',
      organisation: null,
    })
    s = move(s, 'mo-2', 'r-1', { amends: 'mo-1' })
    const attempts: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ['moveMotion', { meeting: 'mt-1', motion: 'mo-3', matter: 'm-1', text: 'Mine' }],
      ['secondMotion', { motion: 'mo-2' }],
      ['requestFloor', { motion: 'mo-1' }],
    ]
    for (const [type, payload] of attempts)
      s.when(actor, type, payload).thenRefused(
        forbiddenTo(actor, type, ['representative present at meeting mt-1']),
      )
    s = s.does('r-1', 'withdrawMotion', { motion: 'mo-2' })
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    s.when(actor, 'castVote', { motion: 'mo-1', choice: 'yes' }).thenRefused(
      forbiddenTo(actor, 'castVote', ['representative present at meeting mt-1']),
    )
  })

  it('a representative removed during the meeting acts no more in it', () => {
    let s = seconded()
    s = s.does(CHAIR, 'removeRepresentative', { person: 'p-police' })
    s.when('p-police', 'requestFloor', { motion: 'mo-1' }).thenRefused(
      forbiddenTo('p-police', 'requestFloor', ['representative present at meeting mt-1']),
    )
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    s.when('p-police', 'castVote', { motion: 'mo-1', choice: 'no' }).thenRefused(
      forbiddenTo('p-police', 'castVote', ['representative present at meeting mt-1']),
    )
  })

  it('the chair, present as a representative, moves, seconds and votes like any other', () => {
    let s = inSession()
    s = move(s, 'mo-1', CHAIR)
    s = second(s, 'mo-1', 'p-prop')
    s = vote(s, 'mo-1', { [CHAIR]: 'yes' })
    expect(motionOf(s, 'mo-1')?.votes).toEqual([{ person: CHAIR, choice: 'yes' }])
  })
})

describe('the chair’s authority ends when the chair leaves the street (chair-in-street)', () => {
  /** mt-1 open with m-1 and the seconded mo-1, p-ld waiting for the floor; mt-2 scheduled. */
  const busyHall = () => {
    let s = seconded()
    s = schedule(s, 'mt-2')
    s = s.does('p-ld', 'requestFloor', { motion: 'mo-1' })
    return s
  }
  const chairOnly = [
    ['amendCharter', { charter: charter({ passMark: 3 }) }],
    ['appointRepresentative', { person: 'p-vol', kind: 'other-social-force', organisation: null }],
    [
      'appointRepresentatives',
      { representatives: [{ person: 'p-vol', kind: 'other-social-force', organisation: null }] },
    ],
    ['removeRepresentative', { person: 'p-police' }],
    ['appointSupervisor', { person: 'p-vol', body: 'Volunteers' }],
    ['setSchedule', { schedule: sanWuWu() }],
    ['putOnAgenda', { matter: 'm-1', meeting: 'mt-2' }],
    ['scheduleMeeting', { meeting: 'mt-3', scheduledFor: '2024-06-15T15:00:00+08:00' }],
    ['openMeeting', { meeting: 'mt-2', present: SIX }],
    ['cancelMeeting', { meeting: 'mt-2', reason: 'Rain' }],
    ['adjournMeeting', { meeting: 'mt-1' }],
    ['grantFloor', { motion: 'mo-1', speaker: 'p-ld' }],
    ['openVoting', { motion: 'mo-1' }],
    ['closeVoting', { motion: 'mo-1' }],
    ['postponeMotion', { motion: 'mo-1' }],
    ['referMotion', { motion: 'mo-1', to: 'Committee' }],
    [
      'assignTask',
      {
        task: 't-1',
        matter: 'm-1',
        owner: byPerson('r-1'),
        description: 'Stations',
        due: '2024-06-30T18:00:00+08:00',
      },
    ],
    [
      'holdCoordination',
      { matter: 'm-1', attendees: ['party-committee', 'resident'], settlements: [] },
    ],
    ['beginSupervision', { matter: 'm-1' }],
    ['openEvaluation', { matter: 'm-1' }],
    ['closeEvaluation', { matter: 'm-1' }],
  ] as const

  it.each(chairOnly)(
    'a chair who has left the street may %s no more (chair-in-street)',
    (type, payload) => {
      let s = busyHall()
      s = leave(s, CHAIR)
      const before = s.hall
      s.when(CHAIR, type, payload).thenRefused(rules.chairInStreet)
      expect(s.hall).toEqual(before)
      // Anyone else is still simply not the chair.
      s.when('p-rc', type, payload).thenRefused(forbiddenTo('p-rc', type, CHAIR_ROLE))
    },
  )

  it('a chair who left and came back chairs no more until the chair is handed over (chair-in-street)', () => {
    let s = busyHall()
    s = submit(s, 'd-9', 'r-1')
    s = leave(s, CHAIR)
    // Back a year later, to the community: the registry has them living in the street again.
    s = s.does(CLERK, 'moveResident', { person: CHAIR, to: place('community', 'c-j') })
    const registry = s.registry
    const before = s.hall
    expect(chairActs(registry, before)).toBe(false)
    for (const [type, payload] of chairOnly)
      s.when(CHAIR, type, payload).thenRefused(rules.chairInStreet)
    // Nor do they set topics as the chair (the hotline they still take as the party committee's
    // representative, a seat not bound to where they live).
    s.when(CHAIR, 'aggregateDemands', {
      matter: 'm-9',
      title: 'Lift',
      demands: ['d-9'],
    }).thenRefused({ code: 'Forbidden', actor: CHAIR, command: 'aggregateDemands' })
    expect(s.hall).toEqual(before)
    // The registrar hands the chair over — back to them is a handover too (not same-chair), and
    // their new start.
    s = s.does(CLERK, 'handOverChair', { chair: CHAIR, basis: 'Wu is back' })
    const at = s.events[0]?.at
    const hall = s.hall
    expect(hall.handovers).toEqual([{ from: CHAIR, to: CHAIR, by: CLERK, at, basis: 'Wu is back' }])
    expect(chairSince(hall)).toBe(at)
    expect(chairActs(s.registry, hall)).toBe(true)
    s = s.does(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
    s = s.does(CHAIR, 'aggregateDemands', { matter: 'm-9', title: 'Lift', demands: ['d-9'] })
    // Acting again, they hold the chair: handing it to them once more is same-chair.
    s.when(CLERK, 'handOverChair', { chair: CHAIR, basis: 'Again' }).thenRefused(rules.sameChair)
  })

  it('a departure at the very instant the chair was named breaks their residency; one before it does not (chair-in-street)', () => {
    let s = seedJCommunity()
    s = s.does(
      CLERK,
      'handOverChair',
      { chair: 'p-rc', basis: 'Sun chairs' },
      '2024-06-01T09:00:00+08:00',
    )
    // The same instant on the registry: Sun leaves and comes straight back.
    s = s.does(
      CLERK,
      'recordDeparture',
      { person: 'p-rc', destination: 'Tianjin' },
      '2024-06-01T09:00:00+08:00',
    )
    s = s.does(
      CLERK,
      'moveResident',
      { person: 'p-rc', to: place('community', 'c-j') },
      '2024-06-01T09:00:00+08:00',
    )
    s.when(
      'p-rc',
      'scheduleMeeting',
      {
        meeting: 'mt-9',
        scheduledFor: '2024-06-15T15:00:00+08:00',
      },
      '2024-06-01T09:30:00+08:00',
    ).thenRefused(rules.chairInStreet)
    // A departure before the handover that named them does not count: Wu left and came back, and
    // was then named chair again.
    s = s.does(
      CLERK,
      'handOverChair',
      { chair: CHAIR, basis: 'Wu chairs again' },
      '2024-06-01T10:00:00+08:00',
    )
    s.when(
      CHAIR,
      'scheduleMeeting',
      {
        meeting: 'mt-9',
        scheduledFor: '2024-06-15T15:00:00+08:00',
      },
      '2024-06-01T10:05:00+08:00',
    ).then()
  })

  it('a chair who has left the street sets no topic either', () => {
    let s = seedJCommunity()
    s = submit(s, 'd-1', 'r-1')
    s = leave(s, CHAIR)
    s.when(CHAIR, 'aggregateDemands', {
      matter: 'm-1',
      title: 'Lift',
      demands: ['d-1'],
    }).thenRefused({ code: 'Forbidden', actor: CHAIR, command: 'aggregateDemands' })
  })
})

describe('a resident representative acts only while living at the hall’s place (not-a-resident)', () => {
  it('a resident representative who has left the street moves, seconds, asks for the floor and votes no more (not-a-resident)', () => {
    let s = seconded()
    s = move(s, 'mo-2', 'p-rc', { amends: 'mo-1' })
    s = leave(s, 'r-1')
    const attempts: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ['moveMotion', { meeting: 'mt-1', motion: 'mo-3', matter: 'm-1', text: 'Mine' }],
      ['secondMotion', { motion: 'mo-2' }],
      ['requestFloor', { motion: 'mo-1' }],
    ]
    for (const [type, payload] of attempts)
      s.when('r-1', type, payload).thenRefused(rules.notAResident)
    s = s.does('p-rc', 'withdrawMotion', { motion: 'mo-2' })
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    s.when('r-1', 'castVote', { motion: 'mo-1', choice: 'yes' }).thenRefused(rules.notAResident)
    // The other representatives vote as before; r-1 keeps the seat until removed.
    s = s.does('p-rc', 'castVote', { motion: 'mo-1', choice: 'yes' })
    expect(lookup(s.hall.representatives, 'r-1' as never)).toBeDefined()
    s.when(CHAIR, 'removeRepresentative', { person: 'r-1' }).then()
  })

  it('a resident representative who has left withdraws their motion no more; the chair deals with it (not-a-resident)', () => {
    let s = inSession()
    s = move(s, 'mo-1', 'r-1')
    s = second(s, 'mo-1', 'p-ld')
    s = leave(s, 'r-1')
    s.when('r-1', 'withdrawMotion', { motion: 'mo-1' }).thenRefused(rules.notAResident)
    s = s.does(CHAIR, 'postponeMotion', { motion: 'mo-1' })
    expect(motionOf(s, 'mo-1')?.status).toBe('postponed')
  })

  it('one who moves out of the hall’s place, inside the street, acts no more there either (not-a-resident)', () => {
    // A second hall, h-e2, at building 2 (e-2), chaired by its building head, with r-3 and r-4.
    const inE2 = { hall: 'h-e2' }
    let s = seedJCommunity().does(CLERK, 'openHall', {
      ...inE2,
      name: 'Building 2 hall',
      place: place('entrance', 'e-2'),
      charter: charter(),
      chair: 'p-head-2',
    })
    for (const person of ['r-3', 'r-4'])
      s = s.does('p-head-2', 'appointRepresentative', {
        ...inE2,
        person,
        kind: 'resident',
        organisation: null,
      })
    s = s.does(CLERK, 'moveResident', { person: 'r-3', to: place('entrance', 'e-1') })
    s = s.does('p-head-2', 'scheduleMeeting', {
      ...inE2,
      meeting: 'mt-e2',
      scheduledFor: '2024-05-20T19:00:00+08:00',
    })
    // r-3 no longer counts: r-4 alone is the quorum of the one representative who acts.
    s = s.does('p-head-2', 'openMeeting', { ...inE2, meeting: 'mt-e2', present: ['r-3', 'r-4'] })
    const state = s.halls['h-e2'] ?? emptyHall
    expect(lookup(state.meetings, MeetingId.make('mt-e2'))?.eligible).toEqual(['r-4'])
    expect(actingRepresentatives(state, s.registry).map((x) => x.person)).toEqual(['r-4'])
  })

  it('a resident representative who left and came back acts again while living at the hall’s place (not-a-resident)', () => {
    let s = seconded()
    s = leave(s, 'r-1')
    s.when('r-1', 'requestFloor', { motion: 'mo-1' }).thenRefused(rules.notAResident)
    // Back in building 1: the seat stayed on the roster, and the place is theirs again.
    s = s.does(CLERK, 'moveResident', { person: 'r-1', to: place('entrance', 'e-1') })
    expect(actingRepresentatives(s.hall, s.registry).map((x) => x.person)).toContain('r-1')
    s = s.does('r-1', 'requestFloor', { motion: 'mo-1' })
    s = s.does(CHAIR, 'grantFloor', { motion: 'mo-1', speaker: 'r-1' })
    s = s.does(CHAIR, 'openVoting', { motion: 'mo-1' })
    s.when('r-1', 'castVote', { motion: 'mo-1', choice: 'yes' }).then()
  })

  it('quorum counts the representatives who act, present and in all', () => {
    let s = withAgenda()
    s = leave(s, 'r-1')
    // Three of six present would be a quorum of half; but r-1 has left: two of the five who act.
    s.when(CHAIR, 'openMeeting', {
      meeting: 'mt-1',
      present: ['p-chair', 'p-rc', 'r-1'],
    }).thenRefused(rules.quorum)
    s = open(s, ['p-chair', 'p-rc', 'r-1', 'p-ld'])
    expect(meetingOf(s, 'mt-1')?.eligible).toEqual(['p-chair', 'p-rc', 'p-ld'])
  })

  it('a resident representative who has left takes no hotline call for the hall', () => {
    let s = seedJCommunity()
    s = leave(s, 'r-1')
    s.when('r-1', 'submitDemand', {
      demand: 'd-1',
      resident: 'r-3',
      channel: 'hotline',
      text: 'A call',
    }).thenRefused({ code: 'Forbidden', actor: 'r-1', command: 'submitDemand' })
    // p-rc, a representative of the residents' committee, still does.
    s.when('p-rc', 'submitDemand', {
      demand: 'd-1',
      resident: 'r-3',
      channel: 'hotline',
      text: 'A call',
    }).then()
  })

  it('the balance rule counts the representatives who act: one who has left is removed, and a migrant mends the roster (hall-balance)', () => {
    // Six locals and the migrants r-2 and r-4, within a tolerance of 4.
    let s = seedJCommunity(charter({ balance: { tolerance: 6 } }))
    for (const person of ['r-2', 'r-4'])
      s = s.does(CHAIR, 'appointRepresentative', { person, kind: 'resident', organisation: null })
    s = s.does(CHAIR, 'amendCharter', { charter: charter({ balance: { tolerance: 4 } }) })
    s = leave(s, 'r-2')
    // One migrant acts against six locals: removing r-2 leaves it no worse.
    s = s.does(CHAIR, 'removeRepresentative', { person: 'r-2' })
    s.when(CHAIR, 'appointRepresentative', {
      person: 'p-vol',
      kind: 'other-social-force',
      organisation: null,
    }).thenRefused(rules.hallBalance)
    s.when(CHAIR, 'appointRepresentative', {
      person: 'r-6',
      kind: 'resident',
      organisation: null,
    }).then()
  })
})
