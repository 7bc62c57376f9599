import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { instant, type DomainError } from '../../src/core/index.js'
import { dueInCase, type CaseState } from '../../src/dispute/index.js'
import { person, place, refusal, seedArea, type StreetEngine } from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers (the few steps of dispute.test.ts these tests need)

const K = 'k-1'
const GRID_D = place('grid', 'g-d')
/** Time limits, which the office of the level sets. */
const LIMITS = { grid: 7, community: 15 }
const NO_LIMITS = { grid: null, community: null }
/** The grid worker of g-d: the office of the grid level, and the mediator it assigns. */
const GW = 'p-gw-d'
const SEAL = 'D community people’s mediation committee'
const P1 = { party: 0, ref: person('p-d1') }
const P2 = { party: 1, ref: person('p-d2') }

/** The payload of filing k-1 (owner vs owner, p-d1 against p-d2, arisen in g-d). */
const filing = (over: Record<string, unknown> = {}) => ({
  case: K,
  kind: { kind: 'owner-vs-owner' },
  parties: [person('p-d1'), person('p-d2')],
  arose: GRID_D,
  summary: 'Water leaks from the flat above',
  limits: LIMITS,
  ...over,
})

const stateOf = (r: StreetEngine): Promise<CaseState> => r.caseOf(K)
const dueAt = async (r: StreetEngine, at: string) => dueInCase(await stateOf(r), instant(at))
const rule = (name: string) => ({ code: 'RuleViolation', rule: name })
const refused = async (sending: Promise<E.Either<DomainError, unknown>>) => refusal(await sending)

/** k-1 filed by p-gw-d with the limits 7 and 15 days, p-gw-d assigned, both parties consented. */
const accepted = async (at: string) => {
  const r = await seedArea()
  await r.must(GW, 'fileCase', filing(), at)
  await r.must(GW, 'assignMediator', { case: K, mediator: GW }, at)
  await r.must('p-d1', 'giveConsent', { case: K, party: 0 }, at)
  await r.must('p-d2', 'giveConsent', { case: K, party: 1 }, at)
  return r
}

/** k-1 accepted on 1 March, one session held, the agreement drafted on 2 March. */
const drafting = async () => {
  const r = await accepted('2024-03-01T09:00:00+08:00')
  await r.must(
    GW,
    'holdSession',
    { case: K, attended: ['p-d1', 'p-d2'], outcome: 'Both sides heard' },
    '2024-03-02T09:00:00+08:00',
  )
  await r.must(
    GW,
    'draftAgreement',
    { case: K, terms: ['p-d1 repairs the pipe'] },
    '2024-03-02T10:00:00+08:00',
  )
  return r
}

/** k-1 agreed: the parties signed in March, the mediator signed and sealed it on 1 April, 10:00. */
const agreedOnFirstApril = async () => {
  const r = await drafting()
  await r.must('p-d1', 'signAgreement', { case: K, party: 0 }, '2024-03-20T10:00:00+08:00')
  await r.must('p-d2', 'signAgreement', { case: K, party: 1 }, '2024-03-25T10:00:00+08:00')
  await r.must(
    GW,
    'countersignAgreement',
    { case: K, committee: SEAL },
    '2024-04-01T10:00:00+08:00',
  )
  return r
}

// ---------------------------------------------------------------------------------------------

describe('what is due (dueInCase): the time limit 时限 agrees with escalation-needs-request', () => {
  it('the time limit is due until, and overdue from, exactly the instant escalation-needs-request lets the mediator escalate unasked', async () => {
    const r = await accepted('2024-04-01T09:00:00+08:00')
    const escalate = (at: string) => r.send(GW, 'escalateCase', { case: K, reason: 'Overdue' }, at)
    // Seven days from 1 April are 2 to 8 April: the limit passes at 24:00 of 8 April.
    const limit = {
      kind: 'time-limit',
      level: 'grid',
      since: '2024-04-01T09:00:00+08:00',
      days: 7,
      dueBy: '2024-04-09T00:00:00+08:00',
    }
    for (const before of ['2024-04-08T23:59:59.999+08:00', '2024-04-08T15:59:00Z']) {
      expect(await dueAt(r, before)).toEqual([{ ...limit, overdue: false }])
      expect(await refused(escalate(before))).toMatchObject(rule('escalation-needs-request'))
    }
    for (const from of ['2024-04-09T00:00:00+08:00', '2024-04-08T16:00:00Z']) {
      expect(await dueAt(r, from)).toEqual([{ ...limit, overdue: true }])
    }
    expect(E.isRight(await escalate('2024-04-09T00:00:00+08:00'))).toBe(true)
  })

  it('an escalated case waits for the next level’s office, and there the limit counts from its acceptance (escalation-needs-request)', async () => {
    const r = await accepted('2024-04-01T09:00:00+08:00')
    await r.must('p-d1', 'escalateCase', { case: K, reason: 'Up' }, '2024-04-08T09:00:00+08:00')
    expect(await dueAt(r, '2024-04-08T09:00:00+08:00')).toEqual([
      { kind: 'escalation-acceptance', level: 'community', since: '2024-04-08T09:00:00+08:00' },
    ])
    await r.must('p-med-d', 'acceptEscalation', { case: K }, '2024-04-08T10:00:00+08:00')
    // Fifteen days from 8 April are 9 to 23 April; the office has no mediator assigned yet.
    const limit = {
      kind: 'time-limit',
      level: 'community',
      since: '2024-04-08T10:00:00+08:00',
      days: 15,
      dueBy: '2024-04-24T00:00:00+08:00',
    }
    expect(await dueAt(r, '2024-04-23T23:59:00+08:00')).toEqual([
      { ...limit, overdue: false },
      { kind: 'mediator-assignment', level: 'community', since: '2024-04-08T10:00:00+08:00' },
    ])
    await r.must(
      'p-med-d',
      'assignMediator',
      { case: K, mediator: 'p-med-d' },
      '2024-04-08T10:00:00+08:00',
    )
    const escalate = (at: string) =>
      r.send('p-med-d', 'escalateCase', { case: K, reason: 'Overdue' }, at)
    expect(await dueAt(r, '2024-04-23T23:59:00+08:00')).toEqual([{ ...limit, overdue: false }])
    expect(await refused(escalate('2024-04-23T23:59:00+08:00'))).toMatchObject(
      rule('escalation-needs-request'),
    )
    expect(await dueAt(r, '2024-04-24T00:00:00+08:00')).toEqual([{ ...limit, overdue: true }])
    expect(E.isRight(await escalate('2024-04-24T00:00:00+08:00'))).toBe(true)
  })

  it('with no time limit nothing is due by a date, and a party’s request waits for the mediator (escalation-needs-request)', async () => {
    const r = await seedArea()
    const at = '2024-04-01T09:00:00+08:00'
    await r.must('p-d1', 'fileCase', filing({ limits: NO_LIMITS }), at)
    await r.must(GW, 'assignMediator', { case: K, mediator: GW }, at)
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 }, at)
    await r.must('p-d2', 'giveConsent', { case: K, party: 1 }, at)
    expect(await dueAt(r, '2025-04-01T09:00:00+08:00')).toEqual([])
    await r.must('p-d2', 'requestEscalation', { case: K, party: 1, reason: 'Up' }, at)
    expect(await dueAt(r, '2025-04-01T09:00:00+08:00')).toEqual([
      { kind: 'escalation-request', level: 'grid' },
    ])
  })

  it('items with a date come first, earliest first, and items without one keep their order after them', async () => {
    const r = await accepted('2024-04-01T09:00:00+08:00')
    await r.must(
      'p-d1',
      'requestEscalation',
      { case: K, party: 0, reason: 'Up' },
      '2024-04-01T10:00:00+08:00',
    )
    expect((await dueAt(r, '2024-04-02T09:00:00+08:00')).map((i) => i.kind)).toEqual([
      'time-limit',
      'escalation-request',
    ])
  })
})

describe('what is due (dueInCase): judicial confirmation 司法确认 agrees with within-30-days', () => {
  const request = (r: StreetEngine, at: string, actor: string, party: number) =>
    r.send(actor, 'requestJudicialConfirmation', { case: K, party }, at)
  const window = {
    kind: 'judicial-confirmation',
    effectiveAt: '2024-04-01T10:00:00+08:00',
    dueBy: '2024-05-02T00:00:00+08:00',
  }
  const outcome = { kind: 'outcome', effectiveAt: '2024-04-01T10:00:00+08:00' }

  it('the window lists the parties awaited, and is overdue exactly when within-30-days starts refusing', async () => {
    const r = await agreedOnFirstApril()
    expect(await dueAt(r, '2024-04-01T10:00:00+08:00')).toEqual([
      { ...window, awaiting: [P1, P2], overdue: false },
      outcome,
    ])
    expect(E.isRight(await request(r, '2024-04-02T10:00:00+08:00', 'p-d2', 1))).toBe(true)
    expect(await dueAt(r, '2024-05-01T23:59:59.999+08:00')).toEqual([
      { ...window, awaiting: [P1], overdue: false },
      outcome,
    ])
    // In effect on 1 April: the 30 days are 2 April to 1 May, and 1 May ends at 24:00.
    expect(await dueAt(r, '2024-05-02T00:00:00+08:00')).toEqual([
      { ...window, awaiting: [P1], overdue: true },
      outcome,
    ])
    expect(await refused(request(r, '2024-05-02T00:00:00+08:00', 'p-d1', 0))).toMatchObject(
      rule('within-30-days'),
    )
    // The last moment of the window is in time: the joint request stands, and is no longer due.
    expect(E.isRight(await request(r, '2024-05-01T23:59:59.999+08:00', 'p-d1', 0))).toBe(true)
    expect(await dueAt(r, '2024-05-02T00:00:00+08:00')).toEqual([outcome])
  })
})

describe('what is due (dueInCase): what the lifecycle waits for', () => {
  it('a filed case waits for every party’s consent (every-party-consents) and for the office to assign a mediator', async () => {
    const r = await seedArea()
    const at = '2024-04-01T09:00:00+08:00'
    await r.must('p-d1', 'fileCase', filing({ limits: NO_LIMITS }), at)
    const assign = { kind: 'mediator-assignment', level: 'grid', since: at }
    expect(await dueAt(r, at)).toEqual([{ kind: 'consent', since: at, awaiting: [P1, P2] }, assign])
    await r.must('p-d2', 'giveConsent', { case: K, party: 1 }, at)
    expect(await dueAt(r, at)).toEqual([{ kind: 'consent', since: at, awaiting: [P1] }, assign])
    await r.must(GW, 'assignMediator', { case: K, mediator: GW }, at)
    expect(await dueAt(r, at)).toEqual([{ kind: 'consent', since: at, awaiting: [P1] }])
  })

  it('a drafted agreement waits for the parties’ signatures and the mediator’s signature and seal (signed-and-sealed)', async () => {
    const r = await drafting()
    const since = '2024-03-02T10:00:00+08:00'
    const at = '2024-03-03T10:00:00+08:00'
    expect(await dueAt(r, at)).toEqual([
      { kind: 'signatures', since, awaiting: [P1, P2] },
      { kind: 'countersignature', since },
    ])
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 }, at)
    await r.must(GW, 'countersignAgreement', { case: K, committee: SEAL }, at)
    expect(await dueAt(r, at)).toEqual([{ kind: 'signatures', since, awaiting: [P2] }])
  })

  it('a closed case has nothing due, and nor has a stream with no case', async () => {
    const at = '2025-01-01T00:00:00+08:00'
    expect(dueInCase({ case: null }, instant(at))).toEqual([])
    const ends = [
      ['recordFulfilment', { note: 'Pipe repaired' }],
      ['recordBreach', { note: 'Pipe never repaired' }],
      ['referOut', { to: 'District court', reason: 'Damages claim' }],
    ] as const
    for (const [type, payload] of ends) {
      const r = await agreedOnFirstApril()
      await r.must(GW, type, { case: K, ...payload }, '2024-04-02T10:00:00+08:00')
      expect(await dueAt(r, at)).toEqual([])
    }
    const declined = await seedArea()
    await declined.must(GW, 'fileCase', filing(), '2024-04-01T09:00:00+08:00')
    await declined.must(
      'p-d2',
      'refuseMediation',
      { case: K, party: 1, reason: 'Court' },
      '2024-04-02T09:00:00+08:00',
    )
    expect(await dueAt(declined, at)).toEqual([])
    const withdrawn = await accepted('2024-04-01T09:00:00+08:00')
    await withdrawn.must(
      'p-d1',
      'withdrawCase',
      { case: K, party: 0, reason: 'Settled' },
      '2024-04-02T09:00:00+08:00',
    )
    expect(await dueAt(withdrawn, at)).toEqual([])
  })
})
