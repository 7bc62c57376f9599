import { describe, expect, it } from 'vitest'
import {
  candidatesInDevelopment,
  commendationsOf,
  embeddingRules,
  empowerment,
} from '../../src/embedding/index.js'
import {
  after,
  candidateOf,
  discover,
  EARLY_2023,
  memberOf,
  pioneerPost,
  reportIn,
  send,
  spec,
  street,
  streetFrom,
  typesOf,
  type SeedStep,
} from './spec-fixtures.js'

// The rules of absorbing elites (absorption.ts): a candidate is developed step by step by the
// secretary of their branch — activist → applicant → probationary → full member, no step
// skipped — confirmed no earlier than a calendar year after admission in Beijing time, and never
// a member already; a commendation goes to an enrolled member or an activist, for this year or
// the last, once per title. Nobody develops or commends themselves.

const ADMITTED = '2024-05-01T10:00:00+08:00'

/** The development of `p-h2` by the East grid branch, dated step by step. */
const developed = (
  recognised: string,
  accepted: string,
  admitted: string,
): ReadonlyArray<SeedStep> => [
  ['p-li', 'recogniseActivist', { person: 'p-h2', organisation: 'o-grid-east' }, recognised],
  ['p-li', 'acceptApplication', { person: 'p-h2' }, accepted],
  ['p-li', 'admitProbationary', { person: 'p-h2' }, admitted],
]

/**
 * `p-h2` developed by the East grid branch up to probationary, admitted at {@link ADMITTED}, on a
 * street seeded early in 2023 (the stream runs forward: its steps come after the seed).
 */
const probationary = after(
  developed('2023-03-01T10:00:00+08:00', '2023-09-01T10:00:00+08:00', ADMITTED),
  streetFrom(EARLY_2023),
)

const confirm = (at: string) => send('p-li', 'confirmFullMember', { person: 'p-h2' }, at)

/** `p-h2` recognised as an activist by the East grid branch. */
const activist: SeedStep = [
  'p-li',
  'recogniseActivist',
  { person: 'p-h2', organisation: 'o-grid-east' },
]

describe('absorbing elites 吸纳: activist → applicant → probationary → full member', () => {
  it('each step is dated in the candidate’s record', () => {
    const s = spec.given(probationary).state
    const candidate = candidateOf(s, 'p-h2')
    expect(candidate?.stage).toBe('probationary')
    expect(candidate?.steps.map((st) => [st.to, st.at])).toEqual([
      ['activist', '2023-03-01T10:00:00+08:00'],
      ['applicant', '2023-09-01T10:00:00+08:00'],
      ['probationary', ADMITTED],
    ])
    expect(candidatesInDevelopment(s)).toEqual([
      { person: 'p-h2', stage: 'probationary', organisation: 'o-grid-east', since: ADMITTED },
    ])
  })

  it('no step is skipped', () => {
    const recognised = spec.given(after([activist]))
    recognised.when(send('p-li', 'admitProbationary', { person: 'p-h2' })).thenRefused({
      code: 'IllegalTransition',
      machine: 'development',
      state: 'activist',
      command: 'admitProbationary',
    })
    const applied = recognised.when(send('p-li', 'acceptApplication', { person: 'p-h2' })).then()
    applied.when(send('p-li', 'confirmFullMember', { person: 'p-h2' })).thenRefused({
      code: 'IllegalTransition',
      machine: 'development',
      state: 'applicant',
      command: 'confirmFullMember',
    })
    applied
      .when(send('p-li', 'acceptApplication', { person: 'p-h2' }))
      .thenRefused({ code: 'IllegalTransition', machine: 'development', state: 'applicant' })
    expect(candidateOf(applied.state, 'p-h2')?.stage).toBe('applicant')
  })

  it('a person never recognised as an activist is not a candidate', () => {
    spec
      .given(street)
      .when(send('p-li', 'acceptApplication', { person: 'p-h2' }))
      .thenRefused({ code: 'NotFound', entity: 'candidate', id: 'p-h2' })
  })

  it('only the secretary of the developing branch (or above) moves a candidate on', () => {
    const recognised = spec.given(after([activist]))
    recognised
      .when(send('p-m1', 'acceptApplication', { person: 'p-h2' }))
      .thenRefused({ code: 'Forbidden', missingRole: ['secretary@organisation:o-grid-east'] })
    const accepted = recognised
      .when(send('p-east-sec', 'acceptApplication', { person: 'p-h2' }))
      .then()
    expect(candidateOf(accepted.state, 'p-h2')?.stage).toBe('applicant')
  })
})

describe('the probation year (probation-year-served)', () => {
  it('confirmation 364 days after admission is too early', () => {
    const given = spec.given(probationary)
    given.when(confirm('2025-04-30T10:00:00+08:00')).thenRefused(embeddingRules.probationYearServed)
    expect(candidateOf(given.state, 'p-h2')?.stage).toBe('probationary')
    expect(memberOf(given.state, 'p-h2')).toBeUndefined()
  })

  it('one second short of the calendar year is still too early', () => {
    spec
      .given(probationary)
      .when(confirm('2025-05-01T09:59:59+08:00'))
      .thenRefused(embeddingRules.probationYearServed)
  })

  it('exactly one calendar year later, the full member enters the member lifecycle as reported', () => {
    const confirmedAt = '2025-05-01T10:00:00+08:00'
    const confirmed = spec
      .given(probationary)
      .when(confirm(confirmedAt))
      .then((events) => {
        expect(typesOf(events)).toEqual(['fullMemberConfirmed'])
      })
    const s = confirmed.state
    expect(candidateOf(s, 'p-h2')?.stage).toBe('full')
    expect(memberOf(s, 'p-h2')).toMatchObject({
      status: 'reported',
      organisation: 'o-grid-east',
      community: 'c-east',
      // Developed here, they never reported 报到: no report is dated, and none is counted.
      reportedAt: null,
      found: null,
      homeOrganisation: null,
    })
    expect(memberOf(s, 'p-h2')?.steps).toEqual([
      { to: 'reported', on: 'fullMemberConfirmed', at: confirmedAt },
    ])
    expect(empowerment(s).membersReported).toBe(0)
    expect(candidatesInDevelopment(s)).toEqual([])
    // As a member, they take duties like any other.
    const assigned = confirmed
      .when(
        send(
          'p-li',
          'assignDuty',
          { duty: 'd-h2', member: 'p-h2', spec: pioneerPost },
          '2025-05-01T10:01:00+08:00',
        ),
      )
      .then()
    expect(memberOf(assigned.state, 'p-h2')?.status).toBe('assigned')
  })

  it('a probationary member admitted in 9999 is refused, not thrown at: no later year exists', () => {
    const given = spec.given(
      after(
        developed(
          '9999-01-01T10:00:00+08:00',
          '9999-02-01T10:00:00+08:00',
          '9999-03-01T10:00:00+08:00',
        ),
      ),
    )
    for (const at of ['9999-03-01T10:00:00+08:00', '9999-12-31T23:59:59+08:00'])
      given.when(confirm(at)).thenRefused(embeddingRules.probationYearServed)
    expect(candidateOf(given.state, 'p-h2')?.stage).toBe('probationary')
    expect(memberOf(given.state, 'p-h2')).toBeUndefined()
  })

  it('admitted in 9998, a probationary member is confirmed in 9999 as usual', () => {
    const given = spec.given(
      after(
        developed(
          '9998-01-01T10:00:00+08:00',
          '9998-02-01T10:00:00+08:00',
          '9998-03-01T10:00:00+08:00',
        ),
      ),
    )
    given.when(confirm('9999-02-28T10:00:00+08:00')).thenRefused(embeddingRules.probationYearServed)
    const confirmed = given.when(confirm('9999-03-01T10:00:00+08:00')).then()
    expect(memberOf(confirmed.state, 'p-h2')?.status).toBe('reported')
  })

  it('the same instant written in another zone counts the same', () => {
    const confirmed = spec.given(probationary).when(confirm('2025-05-01T02:00:00Z')).then()
    expect(candidateOf(confirmed.state, 'p-h2')?.stage).toBe('full')
  })

  it('a probation year admitted at 23:30 UTC (the next day in Beijing) is served exactly a calendar year later in Beijing time (probation-year-served)', () => {
    // Admitted at 2024-02-29T23:30Z, which is 07:30 on 1 March 2024 in Beijing: the year is
    // served at 07:30 on 1 March 2025 in Beijing, 2025-02-28T23:30Z (not on 1 March in UTC).
    const admitted = spec.given(
      after(
        developed('2023-03-01T10:00:00+08:00', '2023-09-01T10:00:00+08:00', '2024-02-29T23:30:00Z'),
        streetFrom(EARLY_2023),
      ),
    )
    for (const [short, served] of [
      ['2025-02-28T23:29:59Z', '2025-02-28T23:30:00Z'],
      ['2025-03-01T07:29:59+08:00', '2025-03-01T07:30:00+08:00'],
      ['2025-02-28T13:29:59-10:00', '2025-02-28T13:30:00-10:00'],
    ] as const) {
      admitted.when(confirm(short)).thenRefused(embeddingRules.probationYearServed)
      const confirmed = admitted.when(confirm(served)).then()
      expect(candidateOf(confirmed.state, 'p-h2')?.stage).toBe('full')
    }
  })
})

describe('a candidate is not a member, and a member not a candidate', () => {
  it('a member is not developed again', () => {
    const given = spec.given(after(reportIn('p-m1')))
    given
      .when(send('p-li', 'recogniseActivist', { person: 'p-m1', organisation: 'o-grid-east' }))
      .thenRefused(embeddingRules.alreadyAMember)
    expect(candidateOf(given.state, 'p-m1')).toBeUndefined()
  })

  it('a candidate is not recorded as a found member', () => {
    const given = spec.given(after([activist]))
    given
      .when(
        send('p-li', 'discoverMember', {
          person: 'p-h2',
          organisation: 'o-grid-east',
          found: 'hidden',
          homeOrganisation: null,
        }),
      )
      .thenRefused(embeddingRules.alreadyACandidate)
    expect(memberOf(given.state, 'p-h2')).toBeUndefined()
  })

  it('a candidate cannot report to the community as a party member', () => {
    spec
      .given(after([activist]))
      .when(
        send('p-h2', 'reportToCommunity', {
          member: 'p-h2',
          community: 'c-east',
          organisation: 'o-grid-east',
        }),
      )
      .thenRefused(embeddingRules.alreadyACandidate)
  })

  it('a candidate is dropped at any stage before full membership, and the record stays', () => {
    const dropped = spec
      .given(probationary)
      .when(
        send(
          'p-li',
          'dropCandidate',
          { person: 'p-h2', reason: 'Withdrew the application' },
          '2024-05-01T10:01:00+08:00',
        ),
      )
      .then((events) => {
        expect(typesOf(events)).toEqual(['candidateDropped'])
      })
    const candidate = candidateOf(dropped.state, 'p-h2')
    expect(candidate?.stage).toBe('dropped')
    expect(candidate?.steps.map((st) => st.to)).toEqual([
      'activist',
      'applicant',
      'probationary',
      'dropped',
    ])
    expect(candidatesInDevelopment(dropped.state)).toEqual([])
    dropped
      .when(confirm('2025-06-01T10:00:00+08:00'))
      .thenRefused({ code: 'IllegalTransition', machine: 'development', state: 'dropped' })
  })

  it('a full member is no longer a candidate to drop', () => {
    spec
      .given(probationary)
      .when(confirm('2025-05-01T10:00:00+08:00'))
      .then()
      .when(
        send('p-li', 'dropCandidate', { person: 'p-h2', reason: 'x' }, '2025-05-02T10:00:00+08:00'),
      )
      .thenRefused({ code: 'IllegalTransition', machine: 'development', state: 'full' })
  })
})

describe('nobody develops themselves (own-record)', () => {
  it('a secretary is not developed by themselves, at any step', () => {
    // Seeded early in 2023, so that the development dated from March 2023 comes after the seed.
    const activistOf = { person: 'p-li', organisation: 'o-grid-east' }
    const seeded = spec.given(streetFrom(EARLY_2023))
    seeded
      .when(send('p-li', 'recogniseActivist', activistOf, '2023-01-03T10:00:00+08:00'))
      .thenRefused(embeddingRules.ownRecord)
    expect(candidateOf(seeded.state, 'p-li')).toBeUndefined()
    let point = seeded
      .when(send('p-east-sec', 'recogniseActivist', activistOf, '2023-03-01T10:00:00+08:00'))
      .then()
    point
      .when(
        send(
          'p-li',
          'commend',
          { person: 'p-li', year: 2023, title: 'Outstanding Activist', reason: 'Self' },
          '2023-03-02T10:00:00+08:00',
        ),
      )
      .thenRefused(embeddingRules.ownRecord)
    const steps = [
      ['2023-09-01T10:00:00+08:00', 'acceptApplication'],
      ['2024-05-01T10:00:00+08:00', 'admitProbationary'],
      ['2025-05-01T10:00:00+08:00', 'confirmFullMember'],
    ] as const
    for (const [at, type] of steps) {
      const stage = candidateOf(point.state, 'p-li')?.stage
      for (const [own, payload] of [
        [type, { person: 'p-li' }],
        ['dropCandidate', { person: 'p-li', reason: 'Changed my mind' }],
      ] as const)
        point.when(send('p-li', own, payload, at)).thenRefused(embeddingRules.ownRecord)
      expect(candidateOf(point.state, 'p-li')?.stage).toBe(stage)
      point = point.when(send('p-east-sec', type, { person: 'p-li' }, at)).then()
    }
    const s = point.state
    expect(candidateOf(s, 'p-li')?.stage).toBe('full')
    expect(memberOf(s, 'p-li')?.status).toBe('reported')
    expect(s.commendations).toEqual([])
  })
})

describe('commendation 表彰', () => {
  const commend = (who: string, year: number, title = 'Excellent Party Member', at?: string) =>
    send(
      'p-li',
      'commend',
      {
        person: who,
        year,
        title,
        reason: 'Led the households of Entrance A through the flood',
      },
      at,
    )

  it('a member and an activist are commended, each with the reason', () => {
    const s = spec
      .given(after([...reportIn('p-m1'), activist]))
      .when(commend('p-m1', 2024))
      .then()
      .when(commend('p-h2', 2024, 'Outstanding Activist'))
      .then().state
    expect(commendationsOf(s, 2024)).toMatchObject([
      {
        person: 'p-m1',
        year: 2024,
        title: 'Excellent Party Member',
        reason: 'Led the households of Entrance A through the flood',
        organisation: 'o-grid-east',
      },
      { person: 'p-h2', title: 'Outstanding Activist', organisation: 'o-grid-east' },
    ])
    expect(commendationsOf(s, 2023)).toEqual([])
  })

  it('someone who is neither an enrolled member nor an activist is not commended', () => {
    const given = spec.given(
      after([
        discover('p-m1'),
        ...reportIn('p-m2'),
        ['p-li', 'transferMemberOut', { member: 'p-m2', destination: 'Wuhan' }],
      ]),
    )
    for (const who of ['p-h1', 'p-m1', 'p-m2'])
      given.when(commend(who, 2024)).thenRefused(embeddingRules.memberOrActivist)
    expect(given.state.commendations).toEqual([])
  })

  it('a commendation is for this year or the last', () => {
    const given = spec.given(after(reportIn('p-m1')))
    for (const year of [2022, 2025])
      given.when(commend('p-m1', year)).thenRefused(embeddingRules.commendationYear)
    const commended = given.when(commend('p-m1', 2023)).then()
    expect(commendationsOf(commended.state, 2023)).toHaveLength(1)
  })

  it('the commendation year is read in Beijing time: the same instant written at -10:00 and at Z gets the same answer (commendation-year)', () => {
    // One instant, 14:00 on 1 January 2025 in Beijing, written three ways: a commendation given
    // then is for 2024 or 2025, never for 2023, whatever the offset says.
    const reported = spec.given(after(reportIn('p-m1')))
    for (const at of [
      '2024-12-31T20:00:00-10:00',
      '2025-01-01T06:00:00Z',
      '2025-01-01T14:00:00+08:00',
    ]) {
      const given = (year: number) => commend('p-m1', year, 'Excellent Party Member', at)
      reported.when(given(2023)).thenRefused({
        code: 'RuleViolation',
        rule: 'commendation-year',
        message: 'A commendation given in 2025 is for 2024 or 2025',
      })
      const s = reported.when(given(2024)).then().when(given(2025)).then().state
      expect(commendationsOf(s, 2025)).toHaveLength(1)
    }
  })

  it('the same title for the same person and year is given once', () => {
    const commended = spec
      .given(after(reportIn('p-m1')))
      .when(commend('p-m1', 2024))
      .then()
    commended
      .when(commend('p-m1', 2024))
      .thenRefused({ code: 'AlreadyExists', entity: 'commendation' })
    // Another title, or another year, is another commendation.
    const s = commended
      .when(commend('p-m1', 2024, 'Model Volunteer'))
      .then()
      .when(commend('p-m1', 2023))
      .then().state
    expect(s.commendations).toHaveLength(3)
  })

  it('only the secretary of their organisation (or above) commends', () => {
    spec
      .given(after(reportIn('p-m1')))
      .when(
        send('p-m2', 'commend', {
          person: 'p-m1',
          year: 2024,
          title: 'Excellent Party Member',
          reason: 'Friend',
        }),
      )
      .thenRefused({ code: 'Forbidden', missingRole: ['secretary@organisation:o-grid-east'] })
  })
})
