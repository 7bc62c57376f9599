import { describe, expect, it } from 'vitest'
import { valuesOf } from '../../src/core/index.js'
import { community } from '../../src/community/index.js'
import { chairTerms, deliberationRules as rules } from '../../src/deliberation/index.js'
import {
  alreadyExists,
  CHAIR,
  CHAIR_ROLE,
  charter,
  CLERK,
  forbiddenTo,
  HALL,
  hallSpec,
  leave,
  notFound,
  place,
  registrySpec,
  representativeOf,
  seconded,
  seedJCommunity,
  SIX,
  statusOf,
  STREET,
  supervisorOf,
  typesOf,
} from './spec-fixtures.js'

// The hall (hall.ts): its opening at a place with a charter and a chair, its roster of
// representatives and supervisors under the balance and seats rules, its charter's amendment and
// the chair's handover — and the hall's record, which runs forward (mechanism.ts).

/** When commands to a hall other than h-365 are dated. */
const OTHER_HALL_AT = '2024-05-02T09:00:00+08:00'

describe('the hall 议事厅: three levels, a charter, six kinds of participant', () => {
  it('J community’s hall is open at the community with its charter, chair, six representatives of six kinds and a supervisor', () => {
    const s = seedJCommunity().hall
    expect(s.hall).toMatchObject({
      id: HALL,
      street: STREET,
      place: { level: 'community', id: 'c-j' },
      charter: charter(),
      chair: CHAIR,
    })
    const street = seedJCommunity()
    expect(SIX.map((p) => representativeOf(street, p)?.kind)).toEqual([
      'party-committee',
      'residents-committee',
      'resident',
      'social-organisation',
      'property-company',
      'other-social-force',
    ])
    expect(representativeOf(street, 'p-prop')?.organisation).toBe('o-property')
    expect(supervisorOf(street, 'p-red')).toMatchObject({
      person: 'p-red',
      body: 'Red Owners Committee',
    })
  })

  it.each([
    ['compound', 'k-j'],
    ['entrance', 'e-2'],
  ])('a registrar opens a hall at the %s level too', (level, id) => {
    seedJCommunity()
      .when(
        CLERK,
        'openHall',
        {
          hall: 'h-small',
          name: 'Small hall',
          place: place(level, id),
          charter: charter({ threshold: 'two-thirds' }),
          chair: 'p-head-2',
        },
        OTHER_HALL_AT,
      )
      .then((events) => {
        expect(events[0]).toMatchObject({
          type: 'hallOpened',
          hall: 'h-small',
          place: { level, id },
          chair: 'p-head-2',
        })
      })
  })

  it('only a registrar over its place opens a hall', () => {
    seedJCommunity()
      .when(
        CHAIR,
        'openHall',
        {
          hall: 'h-small',
          name: 'Small hall',
          place: place('compound', 'k-j'),
          charter: charter(),
          chair: CHAIR,
        },
        OTHER_HALL_AT,
      )
      .thenRefused(forbiddenTo(CHAIR, 'openHall', ['registrar@compound:k-j']))
  })

  it('a hall opens once, at a place that exists, with a chair who exists', () => {
    const s = seedJCommunity()
    const hall = {
      name: 'Hall',
      charter: charter(),
      chair: CHAIR,
      place: place('community', 'c-j'),
    }
    s.when(CLERK, 'openHall', hall).thenRefused(alreadyExists('hall', HALL))
    s.when(
      CLERK,
      'openHall',
      { ...hall, hall: 'h-x', place: place('entrance', 'e-9') },
      OTHER_HALL_AT,
    ).thenRefused(notFound('entrance', 'e-9'))
    s.when(
      CLERK,
      'openHall',
      { ...hall, hall: 'h-x', chair: 'p-nobody' },
      OTHER_HALL_AT,
    ).thenRefused(notFound('person', 'p-nobody'))
  })

  it('a hall is not opened under a chair who does not live in the street (chair-in-street)', () => {
    // p-prop, the property manager, is a person of the registry with no home in the street.
    seedJCommunity()
      .when(
        CLERK,
        'openHall',
        {
          hall: 'h-small',
          name: 'Small hall',
          place: place('compound', 'k-j'),
          charter: charter(),
          chair: 'p-prop',
        },
        OTHER_HALL_AT,
      )
      .thenRefused(rules.chairInStreet)
  })

  it('a hall that is not open decides nothing', () => {
    seedJCommunity()
      .when(
        CHAIR,
        'scheduleMeeting',
        { hall: 'h-none', meeting: 'mt-1', scheduledFor: '2024-05-15T15:00:00+08:00' },
        OTHER_HALL_AT,
      )
      .thenRefused(notFound('hall', `h-none of ${STREET}`))
  })

  it('a hall takes no command sent to it from another street', () => {
    const opened = registrySpec
      .givenState(community.initialState)
      .when({
        type: 'openRegistry',
        commandId: 'cmd-other-street-1',
        at: OTHER_HALL_AT,
        actor: CLERK,
        street: 'm-street',
        name: 'M Street',
        registrar: CLERK,
        registrarName: 'Clerk',
        assignment: 'as-m-clerk',
      })
      .then()
    hallSpec
      .givenState(seedJCommunity().hall, { registry: opened.state })
      .when({
        type: 'scheduleMeeting',
        commandId: 'cmd-other-street-2',
        at: OTHER_HALL_AT,
        actor: CLERK,
        street: 'm-street',
        hall: HALL,
        meeting: 'mt-1',
        scheduledFor: '2024-05-15T15:00:00+08:00',
      })
      .thenRefused(notFound('hall', `${HALL} of m-street`))
  })

  it('the chair appoints and removes representatives, and appoints supervisors', () => {
    const s = seedJCommunity()
      .does(CHAIR, 'appointRepresentative', { person: 'r-2', kind: 'resident', organisation: null })
      .does(CHAIR, 'removeRepresentative', { person: 'p-police' })
      .does(CHAIR, 'appointSupervisor', { person: 'p-vol', body: 'Volunteer supervisors' })
    expect(representativeOf(s, 'r-2')).toMatchObject({ kind: 'resident', organisation: null })
    expect(representativeOf(s, 'p-police')).toBeUndefined()
    expect(supervisorOf(s, 'p-vol')?.body).toBe('Volunteer supervisors')
  })

  it('a resident representative lives at the hall’s place (not-a-resident)', () => {
    const s = seedJCommunity().does(CLERK, 'registerPerson', {
      person: 'p-outsider',
      name: 'Lives Elsewhere',
      household: { status: 'registered' },
      home: null,
    })
    s.when(CHAIR, 'appointRepresentative', {
      person: 'p-outsider',
      kind: 'resident',
      organisation: null,
    }).thenRefused(rules.notAResident)
    s.when(CHAIR, 'appointRepresentative', {
      person: 'p-outsider',
      kind: 'other-social-force',
      organisation: null,
    }).then()
  })

  it('the roster names people who exist, once', () => {
    const s = seedJCommunity()
    const appoint = (person: string, organisation: string | null = null) =>
      s.when(CHAIR, 'appointRepresentative', {
        person,
        kind: 'other-social-force',
        organisation,
      })
    appoint('p-police').thenRefused(alreadyExists('representative', 'p-police'))
    appoint('p-nobody').thenRefused(notFound('person', 'p-nobody'))
    appoint('p-vol', 'o-nowhere').thenRefused(notFound('organisation', 'o-nowhere'))
    s.when(CHAIR, 'removeRepresentative', { person: 'p-vol' }).thenRefused(
      notFound('representative', 'p-vol'),
    )
    s.when(CHAIR, 'appointSupervisor', { person: 'p-red', body: 'Again' }).thenRefused(
      alreadyExists('supervisor', 'p-red'),
    )
  })
})

describe('a hall’s record runs forward (earlier-than-last-event)', () => {
  it('a command dated before the hall’s last event is refused and changes nothing', () => {
    const s = seedJCommunity().does(
      'r-1',
      'submitDemand',
      { demand: 'd-late', resident: 'r-1', channel: 'online', text: 'Lights out on the stairs' },
      '2024-06-01T09:00:00+08:00',
    )
    s.when(
      'r-2',
      'submitDemand',
      { demand: 'd-early', resident: 'r-2', channel: 'online', text: 'Back-dated' },
      '2024-05-31T09:00:00+08:00',
    ).thenRefused(rules.earlierThanLastEvent)
    // The refusal has no events: the hall is as it was, its last event still d-late's.
    expect(s.hall.lastAt).toBe('2024-06-01T09:00:00+08:00')
    // The same instant as the last event is not earlier.
    s.when(
      'r-2',
      'submitDemand',
      { demand: 'd-same', resident: 'r-2', channel: 'online', text: 'Same minute' },
      '2024-06-01T09:00:00+08:00',
    ).then()
  })
})

describe('the balance rule (hall-balance): migrant and local representatives within the tolerance', () => {
  /** Six local representatives, tolerance 6; two migrants join, then the tolerance becomes 4. */
  const balancedHall = () =>
    seedJCommunity(charter({ balance: { tolerance: 6 } }))
      .does(CHAIR, 'appointRepresentative', { person: 'r-2', kind: 'resident', organisation: null })
      .does(CHAIR, 'appointRepresentative', { person: 'r-4', kind: 'resident', organisation: null })
      .does(CHAIR, 'amendCharter', { charter: charter({ balance: { tolerance: 4 } }) })

  it('an appointment that would leave them further apart is refused', () => {
    const s = balancedHall()
    s.when(CHAIR, 'appointRepresentative', {
      person: 'p-vol',
      kind: 'other-social-force',
      organisation: null,
    }).thenRefused(rules.hallBalance)
    expect(representativeOf(s, 'p-vol')).toBeUndefined()
  })

  it('appointed together, a local and a migrant keep the balance one alone would break', () => {
    const s = balancedHall()
      .when(CHAIR, 'appointRepresentatives', {
        representatives: [
          { person: 'p-vol', kind: 'other-social-force', organisation: null },
          { person: 'r-6', kind: 'resident', organisation: null },
        ],
      })
      .then((events) => {
        expect(typesOf(events)).toEqual(['representativeAppointed', 'representativeAppointed'])
      })
    expect(representativeOf(s, 'p-vol')).toBeDefined()
    expect(representativeOf(s, 'r-6')).toBeDefined()
  })

  it('appointments made together stand or fall together', () => {
    const s = balancedHall()
    const together = (representatives: ReadonlyArray<object>) =>
      s.when(CHAIR, 'appointRepresentatives', { representatives })
    together([
      { person: 'r-6', kind: 'resident', organisation: null },
      { person: 'p-vol', kind: 'other-social-force', organisation: null },
      { person: 'p-head-1', kind: 'other-social-force', organisation: null },
    ]).thenRefused(rules.hallBalance)
    together([
      { person: 'r-6', kind: 'resident', organisation: null },
      { person: 'p-ld', kind: 'social-organisation', organisation: 'o-ld' },
    ]).thenRefused(alreadyExists('representative', 'p-ld'))
    together([
      { person: 'r-6', kind: 'resident', organisation: null },
      { person: 'r-6', kind: 'resident', organisation: null },
    ]).thenRefused(rules.appointedTwice)
    expect(representativeOf(s, 'r-6')).toBeUndefined()
  })

  it('an appointment that brings them closer is made', () => {
    const s = balancedHall().does(CHAIR, 'appointRepresentative', {
      person: 'r-6',
      kind: 'resident',
      organisation: null,
    })
    expect(representativeOf(s, 'r-6')).toBeDefined()
  })

  it('a removal that would leave them further apart is refused; one that keeps them within is made', () => {
    const s = balancedHall()
    s.when(CHAIR, 'removeRepresentative', { person: 'r-2' }).thenRefused(rules.hallBalance)
    const removed = s.does(CHAIR, 'removeRepresentative', { person: 'p-police' })
    expect(representativeOf(removed, 'r-2')).toBeDefined()
  })

  it('a charter amendment that the roster would break is refused', () => {
    const s = balancedHall()
    s.when(CHAIR, 'amendCharter', { charter: charter({ balance: { tolerance: 3 } }) }).thenRefused(
      rules.hallBalance,
    )
    expect(s.hall.hall?.charter.balance).toEqual({ tolerance: 4 })
  })

  it('turning the rule on is measured against the roster as it is', () => {
    const s = seedJCommunity()
    s.when(CHAIR, 'amendCharter', { charter: charter({ balance: { tolerance: 5 } }) }).thenRefused(
      rules.hallBalance,
    )
    const amended = s.does(CHAIR, 'amendCharter', {
      charter: charter({ balance: { tolerance: 6 } }),
    })
    expect(amended.hall.hall?.charter.balance).toEqual({ tolerance: 6 })
  })

  it('without a balance rule any roster stands', () => {
    const s = seedJCommunity().does(CHAIR, 'appointRepresentative', {
      person: 'p-vol',
      kind: 'other-social-force',
      organisation: null,
    })
    expect(representativeOf(s, 'p-vol')).toBeDefined()
  })
})

describe('the seats rule (seats-full): no more representatives than the charter’s seats', () => {
  const appointOne = (person: string) =>
    ['appointRepresentative', { person, kind: 'resident', organisation: null }] as const

  it('a hall of six seats holding six representatives takes no seventh', () => {
    const s = seedJCommunity(charter({ seats: 6 }))
    expect(s.hall.hall?.charter.seats).toBe(6)
    s.when(CHAIR, ...appointOne('r-3')).thenRefused(rules.seatsFull)
    expect(representativeOf(s, 'r-3')).toBeUndefined()
  })

  it('a removal frees a seat for the next appointment', () => {
    const s = seedJCommunity(charter({ seats: 6 }))
      .does(CHAIR, 'removeRepresentative', { person: 'p-police' })
      .does(CHAIR, ...appointOne('r-3'))
    expect(valuesOf(s.hall.representatives)).toHaveLength(6)
  })

  it('appointments made together fill the seats left, and no more', () => {
    const s = seedJCommunity(charter({ seats: 8 }))
    const together = (people: ReadonlyArray<string>) => ({
      representatives: people.map((person) => ({ person, kind: 'resident', organisation: null })),
    })
    s.when(CHAIR, 'appointRepresentatives', together(['r-3', 'r-5', 'r-2'])).thenRefused(
      rules.seatsFull,
    )
    s.when(CHAIR, 'appointRepresentatives', together(['r-3', 'r-5']))
      .then((events) => {
        expect(typesOf(events)).toEqual(['representativeAppointed', 'representativeAppointed'])
      })
      .when(CHAIR, ...appointOne('r-2'))
      .thenRefused(rules.seatsFull)
  })

  it('a charter amendment cannot cut the seats below the roster; down to it, it can', () => {
    const s = seedJCommunity(charter({ seats: 10 }))
    s.when(CHAIR, 'amendCharter', { charter: charter({ seats: 5 }) }).thenRefused(rules.seatsFull)
    expect(s.hall.hall?.charter.seats).toBe(10)
    const cut = s.does(CHAIR, 'amendCharter', { charter: charter({ seats: 6 }) })
    expect(cut.hall.hall?.charter.seats).toBe(6)
    cut.when(CHAIR, ...appointOne('r-3')).thenRefused(rules.seatsFull)
  })

  it('a charter without seats caps nothing', () => {
    let s = seedJCommunity()
    expect(s.hall.hall?.charter.seats).toBeUndefined()
    for (const person of ['r-2', 'r-3', 'r-4', 'r-5', 'r-6'])
      s = s.does(CHAIR, ...appointOne(person))
    expect(valuesOf(s.hall.representatives)).toHaveLength(11)
    // and amending the seats away lifts the cap
    const seated = seedJCommunity(charter({ seats: 6 })).does(CHAIR, 'amendCharter', {
      charter: charter(),
    })
    expect(seated.hall.hall?.charter.seats).toBeUndefined()
    const seventh = seated.does(CHAIR, ...appointOne('r-3'))
    expect(valuesOf(seventh.hall.representatives)).toHaveLength(7)
  })
})

describe('handing the chair over (handOverChair): a registrar over the hall’s place names the next chair', () => {
  const BASIS = 'Wu left the street; the community party committee designated Director Sun'

  it('after the chair leaves, a registrar hands the chair over and the open meeting carries on', () => {
    let s = leave(seconded(), CHAIR)
      .when(CLERK, 'handOverChair', { chair: 'p-rc', basis: BASIS })
      .then((events) => {
        expect(events).toEqual([
          expect.objectContaining({
            type: 'chairHandedOver',
            actor: CLERK,
            from: CHAIR,
            to: 'p-rc',
            basis: BASIS,
          }),
        ])
      })
    const at = s.events[0]?.at
    const hall = s.hall
    expect(hall.hall?.chair).toBe('p-rc')
    expect(hall.handovers).toEqual([{ from: CHAIR, to: 'p-rc', by: CLERK, at, basis: BASIS }])
    expect(chairTerms(hall)).toEqual([
      { chair: CHAIR, since: hall.hall?.openedAt, until: at, handedOverBy: null, basis: null },
      { chair: 'p-rc', since: at, until: null, handedOverBy: CLERK, basis: BASIS },
    ])
    // The hall's authority outlives the person: the new chair runs the meeting mt-1 opened under Wu.
    s = s
      .does('p-ld', 'requestFloor', { motion: 'mo-1' })
      .does('p-rc', 'grantFloor', { motion: 'mo-1', speaker: 'p-ld' })
      .does('p-rc', 'openVoting', { motion: 'mo-1' })
    for (const person of ['p-rc', 'r-1', 'p-ld'])
      s = s.does(person, 'castVote', { motion: 'mo-1', choice: 'yes' })
    s = s.does('p-rc', 'closeVoting', { motion: 'mo-1' })
    expect(statusOf(s, 'm-1')).toBe('decided')
    // The former chair is no chair at all now.
    s.when(CHAIR, 'adjournMeeting', { meeting: 'mt-1' }).thenRefused(
      forbiddenTo(CHAIR, 'adjournMeeting', CHAIR_ROLE),
    )
  })

  it('a chair who stays may be succeeded too, and then acts as chair no more', () => {
    const s = seedJCommunity()
      .does(CLERK, 'handOverChair', { chair: 'r-3', basis: 'Wu stepped down' })
      .does(CLERK, 'handOverChair', { chair: CHAIR, basis: 'Wu is back' })
    expect(s.hall.hall?.chair).toBe(CHAIR)
    expect(chairTerms(s.hall).map((t) => [t.chair, t.handedOverBy, t.basis])).toEqual([
      [CHAIR, null, null],
      ['r-3', CLERK, 'Wu stepped down'],
      [CHAIR, CLERK, 'Wu is back'],
    ])
    const again = s.does(CLERK, 'handOverChair', { chair: 'r-3', basis: 'Wu stepped down again' })
    const meeting = { meeting: 'mt-9', scheduledFor: '2024-06-01T09:00:00+08:00' }
    again
      .when(CHAIR, 'scheduleMeeting', meeting)
      .thenRefused(forbiddenTo(CHAIR, 'scheduleMeeting', CHAIR_ROLE))
    again.when('r-3', 'scheduleMeeting', meeting).then()
  })

  it('only a registrar over the hall’s place hands the chair over', () => {
    const s = seedJCommunity()
    for (const actor of [CHAIR, 'p-rc', 'p-head-1', 'p-group'])
      s.when(actor, 'handOverChair', { chair: 'r-3', basis: BASIS }).thenRefused(
        forbiddenTo(actor, 'handOverChair', ['registrar@community:c-j']),
      )
  })

  it('the chair is handed to someone who lives in the street (chair-in-street), not to the chair (same-chair)', () => {
    const s = seedJCommunity()
    s.when(CLERK, 'handOverChair', { chair: 'p-nobody', basis: BASIS }).thenRefused(
      notFound('person', 'p-nobody'),
    )
    // p-prop has no home in the street; r-5 has left it.
    const left = leave(s, 'r-5')
    for (const person of ['p-prop', 'r-5'])
      left
        .when(CLERK, 'handOverChair', { chair: person, basis: BASIS })
        .thenRefused(rules.chairInStreet)
    left.when(CLERK, 'handOverChair', { chair: CHAIR, basis: BASIS }).thenRefused(rules.sameChair)
    // An entrance hall's chair may live elsewhere in the street, as at its opening: r-1 lives at
    // e-1 and may chair the hall of e-2.
    left
      .does(
        CLERK,
        'openHall',
        {
          hall: 'h-e2',
          name: 'Building 2 hall',
          place: place('entrance', 'e-2'),
          charter: charter(),
          chair: 'p-head-2',
        },
        OTHER_HALL_AT,
      )
      .when(CLERK, 'handOverChair', { hall: 'h-e2', chair: 'r-1', basis: BASIS }, OTHER_HALL_AT)
      .then()
  })
})
