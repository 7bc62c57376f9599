import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { DomainError } from '../../src/core/index.js'
import {
  caseMachine,
  caseTimeline,
  ladder,
  ladderReport,
  type Case,
} from '../../src/dispute/index.js'
import { CLERK, person, place, refusal, seedArea, STREET, type StreetEngine } from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const K = 'k-1'
const GRID_D = place('grid', 'g-d')
/** Time limits, which the office of the level sets. */
const LIMITS = { grid: 7, community: 15 }
const OWNER_VS_OWNER = { kind: 'owner-vs-owner' }

/** The committee whose seal a mediator's signature carries (People's Mediation Law art. 29). */
const SEAL = 'D community people’s mediation committee'

/** The grid worker of g-d: the office of the grid level, and the mediator it assigns. */
const GW = 'p-gw-d'

/** The payload of filing k-1 (owner vs owner, p-d1 against p-d2, arisen in g-d) by its office. */
const filing = (over: Record<string, unknown> = {}) => ({
  case: K,
  kind: OWNER_VS_OWNER,
  parties: [person('p-d1'), person('p-d2')],
  arose: GRID_D,
  summary: 'Water leaks from the flat above',
  limits: LIMITS,
  ...over,
})

const caseOf = async (r: StreetEngine, id = K): Promise<Case> => {
  const c = (await r.caseOf(id)).case
  if (c === null) throw new Error(`case ${id} was never filed`)
  return c
}

/** A refusal that stored nothing: the error, after checking the store did not grow. */
const refusedWithoutTrace = async (
  r: StreetEngine,
  sending: () => Promise<E.Either<DomainError, unknown>>,
): Promise<DomainError> => {
  const before = r.store.readAll().length
  const error = refusal(await sending())
  expect(r.store.readAll()).toHaveLength(before)
  return error
}

type Stage =
  | 'filed'
  | 'accepted'
  | 'in-mediation'
  | 'drafting'
  | 'agreed'
  | 'fulfilled'
  | 'breached'
  | 'failed'
  | 'escalated'
  | 'declined'
  | 'referred-out'
  | 'withdrawn'

type Step = readonly [actor: string, type: string, payload: Record<string, unknown>]

/** The stage each stage is reached from, and the commands that reach it. */
const route: Record<Stage, readonly [Stage | null, ReadonlyArray<Step>]> = {
  filed: [
    null,
    [
      [GW, 'fileCase', filing()],
      [GW, 'assignMediator', { mediator: GW }],
    ],
  ],
  accepted: [
    'filed',
    [
      ['p-d1', 'giveConsent', { party: 0 }],
      ['p-d2', 'giveConsent', { party: 1 }],
    ],
  ],
  'in-mediation': [
    'accepted',
    [[GW, 'holdSession', { attended: ['p-d1', 'p-d2'], outcome: 'Both sides heard' }]],
  ],
  drafting: ['in-mediation', [[GW, 'draftAgreement', { terms: ['p-d1 repairs the pipe'] }]]],
  agreed: [
    'drafting',
    [
      ['p-d1', 'signAgreement', { party: 0 }],
      ['p-d2', 'signAgreement', { party: 1 }],
      [GW, 'countersignAgreement', { committee: SEAL }],
    ],
  ],
  fulfilled: ['agreed', [[GW, 'recordFulfilment', { note: 'Pipe repaired' }]]],
  breached: ['agreed', [[GW, 'recordBreach', { note: 'Pipe never repaired' }]]],
  failed: ['in-mediation', [[GW, 'recordFailure', { reason: 'No common ground' }]]],
  escalated: ['accepted', [['p-d1', 'escalateCase', { reason: 'Needs the community' }]]],
  declined: ['filed', [['p-d2', 'refuseMediation', { party: 1, reason: 'Will go to court' }]]],
  'referred-out': [
    'filed',
    [['p-d1', 'referOut', { to: 'District court', reason: 'Damages claim' }]],
  ],
  withdrawn: ['filed', [['p-d1', 'withdrawCase', { party: 0, reason: 'Settled privately' }]]],
}

/**
 * Walks case `id` — filed in g-d by its grid worker p-gw-d with the limits 7 and 15 days, p-d1
 * against p-d2, p-gw-d assigned on filing — to `stage`, every command at `at` when given.
 */
const walk = async (r: StreetEngine, stage: Stage, id = K, at?: string): Promise<void> => {
  const [before, steps] = route[stage]
  if (before !== null) await walk(r, before, id, at)
  for (const [actor, type, payload] of steps)
    await r.must(actor, type, { ...payload, case: id }, at)
}

/** The D–Q area with k-1 at `stage`. */
const caseAt = async (stage: Stage) => {
  const r = await seedArea()
  await walk(r, stage)
  return r
}

/** Escalates `id` (accepted or failed) to the community: p-d1 asks, p-med-d accepts and mediates. */
const toCommunity = async (r: StreetEngine, id = K, at?: string) => {
  await r.must('p-d1', 'escalateCase', { case: id, reason: 'Needs the community' }, at)
  await r.must('p-med-d', 'acceptEscalation', { case: id }, at)
  await r.must('p-med-d', 'assignMediator', { case: id, mediator: 'p-med-d' }, at)
}

/** Escalates `id` to the street: p-d1 asks, p-med-s accepts, the legal-aid p-legal mediates. */
const toStreet = async (r: StreetEngine, id = K, at?: string) => {
  await r.must('p-d1', 'escalateCase', { case: id, reason: 'Needs the street' }, at)
  await r.must('p-med-s', 'acceptEscalation', { case: id }, at)
  await r.must('p-med-s', 'assignMediator', { case: id, mediator: 'p-legal' }, at)
}

// ---------------------------------------------------------------------------------------------
// The rules of each field file are specified over the pure decider, with the test kit, in
// case.spec.test.ts, mediation.spec.test.ts, agreement.spec.test.ts, ladder.spec.test.ts and
// authority.spec.test.ts. What stays here runs on the engine (the context it loads, decoding, the
// store), or is about the table and the queries rather than a rule.

describe('context: the engine loads the registry of the command’s street', () => {
  it('a case answers only to its own street’s registry', async () => {
    const r = await caseAt('filed')
    const other = (type: string, payload: Record<string, unknown>, n: number) =>
      r.engine.handle({
        type,
        commandId: `cmd-other-street-${n}`,
        at: '2024-05-02T09:00:00+08:00',
        actor: CLERK,
        street: 'm-street',
        ...payload,
      })
    expect(
      await refusedWithoutTrace(r, () =>
        other('withdrawCase', { case: K, party: 0, reason: 'x' }, 1),
      ),
    ).toMatchObject({ code: 'NotFound', entity: 'street registry', id: 'm-street' })
    const opened = await other(
      'openRegistry',
      { name: 'M Street', registrar: CLERK, registrarName: 'Clerk', assignment: 'as-m-clerk' },
      2,
    )
    expect(E.isRight(opened)).toBe(true)
    expect(
      await refusedWithoutTrace(r, () => other('assignMediator', { case: K, mediator: CLERK }, 3)),
    ).toMatchObject({ code: 'NotFound', entity: 'case', id: `${K} of m-street` })
  })
})

describe('the ladder 小事不出网格、大事不出社区、难事不出街道: up one level at a time, with a reason', () => {
  it('the ladder has three levels, and every state of the table is reachable', () => {
    expect(ladder).toEqual(['grid', 'community', 'street'])
    expect([...caseMachine.reachable()].sort()).toEqual([...caseMachine.states].sort())
  })
})

describe('queries: the ladder’s measures and a case’s timeline', () => {
  it('with no case closed there are no shares and no mean time', () => {
    expect(ladderReport([])).toEqual({
      openPerLevel: { grid: 0, community: 0, street: 0 },
      awaitingAcceptance: { grid: 0, community: 0, street: 0 },
      closedPerLevel: { grid: 0, community: 0, street: 0 },
      closedShare: { grid: null, community: null, street: null },
      meanDaysToClose: null,
      fulfilled: 0,
      breached: 0,
    })
  })

  it('open per level, escalations awaiting acceptance, the share closed at each level, mean days to close, fulfilled against breached', async () => {
    const r = await seedArea()
    const filedOn = '2024-04-01T09:00:00+08:00'
    // Open: one at the grid, one at the community; one escalation awaiting the community.
    await walk(r, 'accepted', 'k-open')
    await walk(r, 'accepted', 'k-com')
    await toCommunity(r, 'k-com')
    await walk(r, 'escalated', 'k-up')
    // Fulfilled at the grid 10 days (and 11 hours) after filing.
    await walk(r, 'agreed', 'k-ful', filedOn)
    await r.must(
      GW,
      'recordFulfilment',
      { case: 'k-ful', note: 'Done' },
      '2024-04-11T20:00:00+08:00',
    )
    // Declined at the grid on the day it was filed.
    await walk(r, 'declined', 'k-dec', filedOn)
    // Breached at the community 20 days after filing, then referred out.
    await walk(r, 'accepted', 'k-br', filedOn)
    await toCommunity(r, 'k-br', filedOn)
    const atK = (type: string, payload: Record<string, unknown>, actor = 'p-med-d') =>
      r.must(actor, type, { case: 'k-br', ...payload }, filedOn)
    await atK('holdSession', { attended: ['p-d1'], outcome: 'Heard' })
    await atK('draftAgreement', { terms: ['Repairs'] })
    await atK('signAgreement', { party: 0 }, 'p-d1')
    await atK('signAgreement', { party: 1 }, 'p-d2')
    await atK('countersignAgreement', { committee: SEAL })
    await r.must(
      'p-med-d',
      'recordBreach',
      { case: 'k-br', note: 'No repairs' },
      '2024-04-21T09:00:00+08:00',
    )
    await r.must(
      'p-d1',
      'referOut',
      { case: 'k-br', to: 'Court', reason: 'Enforce' },
      '2024-04-28T09:00:00+08:00',
    )
    // Referred out at the street 30 days after filing.
    await walk(r, 'accepted', 'k-st', filedOn)
    await toCommunity(r, 'k-st', filedOn)
    await toStreet(r, 'k-st', filedOn)
    await r.must(
      'p-legal',
      'referOut',
      { case: 'k-st', to: 'Court', reason: 'Unresolved' },
      '2024-05-01T09:00:00+08:00',
    )

    const ids = ['k-open', 'k-com', 'k-up', 'k-ful', 'k-dec', 'k-br', 'k-st']
    const cases = await Promise.all(ids.map((id) => caseOf(r, id)))
    const report = {
      openPerLevel: { grid: 1, community: 1, street: 0 },
      awaitingAcceptance: { grid: 0, community: 1, street: 0 },
      closedPerLevel: { grid: 2, community: 1, street: 1 },
      closedShare: { grid: 0.5, community: 0.25, street: 0.25 },
      meanDaysToClose: 15,
      fulfilled: 1,
      breached: 1,
    }
    expect(ladderReport(cases)).toEqual(report)
    // A case passed twice counts once.
    expect(ladderReport([...cases, ...cases])).toEqual(report)
  })

  it('a case’s timeline: every step with its level and note, sessions with mediators and who attended', async () => {
    const r = await seedArea()
    const day = (d: number) => `2024-04-${String(d).padStart(2, '0')}T09:00:00+08:00`
    await r.must(GW, 'fileCase', filing(), day(1))
    await r.must('p-d1', 'giveConsent', { case: K, party: 0 }, day(2))
    await r.must('p-d2', 'giveConsent', { case: K, party: 1 }, day(3))
    await r.must(GW, 'assignMediator', { case: K, mediator: GW }, day(3))
    await r.must(GW, 'holdSession', { case: K, attended: ['p-d1'], outcome: 'Both heard' }, day(4))
    await r.must(GW, 'recordFailure', { case: K, reason: 'No common ground' }, day(5))
    await r.must('p-d1', 'escalateCase', { case: K, reason: 'Needs the community' }, day(6))
    await r.must('p-med-d', 'acceptEscalation', { case: K }, day(7))
    await r.must('p-med-d', 'assignMediator', { case: K, mediator: 'p-med-d' }, day(7))
    await r.must(
      'p-med-d',
      'holdSession',
      { case: K, attended: ['p-d1', 'p-d2'], outcome: 'Repairs' },
      day(8),
    )
    await r.must('p-med-d', 'draftAgreement', { case: K, terms: ['Repairs'] }, day(9))
    await r.must('p-d1', 'signAgreement', { case: K, party: 0 }, day(10))
    await r.must('p-d2', 'signAgreement', { case: K, party: 1 }, day(11))
    await r.must('p-med-d', 'countersignAgreement', { case: K, committee: SEAL }, day(11))
    await r.must('p-d1', 'requestJudicialConfirmation', { case: K, party: 0 }, day(12))
    await r.must('p-d2', 'requestJudicialConfirmation', { case: K, party: 1 }, day(12))
    await r.must('p-med-d', 'recordFulfilment', { case: K, note: 'Pipe repaired' }, day(13))
    expect(caseTimeline(await caseOf(r))).toEqual([
      { at: day(1), level: 'grid', what: 'caseFiled → filed' },
      { at: day(2), level: 'grid', what: 'consentGiven → filed' },
      { at: day(3), level: 'grid', what: 'consentGiven → accepted' },
      {
        at: day(4),
        level: 'grid',
        what: 'sessionHeld → in-mediation (Both heard) — mediators p-gw-d; attended p-d1',
      },
      { at: day(5), level: 'grid', what: 'mediationFailed → failed (No common ground)' },
      { at: day(6), level: 'grid', what: 'caseEscalated → escalated (Needs the community)' },
      { at: day(7), level: 'community', what: 'escalationAccepted → accepted' },
      {
        at: day(8),
        level: 'community',
        what: 'sessionHeld → in-mediation (Repairs) — mediators p-med-d; attended p-d1, p-d2',
      },
      { at: day(9), level: 'community', what: 'agreementDrafted → drafting' },
      { at: day(10), level: 'community', what: 'agreementSigned → drafting' },
      { at: day(11), level: 'community', what: 'agreementSigned → drafting' },
      {
        at: day(11),
        level: 'community',
        what: `agreementCountersigned → agreed (signed with the seal of ${SEAL})`,
      },
      {
        at: day(12),
        level: 'community',
        what: 'judicialConfirmationApplied → agreed (party 0 (p-d1) applied; awaiting party 1 (p-d2))',
      },
      {
        at: day(12),
        level: 'community',
        what: 'judicialConfirmationApplied → agreed (party 1 (p-d2) applied; every party has applied)',
      },
      {
        at: day(12),
        level: 'community',
        what: 'judicialConfirmationRequested → agreed (jointly by party 0 (p-d1), party 1 (p-d2))',
      },
      { at: day(13), level: 'community', what: 'agreementFulfilled → fulfilled (Pipe repaired)' },
    ])
  })

  it('a referral’s line names where the case went and why', async () => {
    const r = await seedArea()
    await walk(r, 'referred-out', K, '2024-04-01T09:00:00+08:00')
    expect(caseTimeline(await caseOf(r)).at(-1)).toEqual({
      at: '2024-04-01T09:00:00+08:00',
      level: 'grid',
      what: 'caseReferredOut → referred-out (District court: Damages claim)',
    })
  })
})

describe('bad input: a DecodeError naming the path, and nothing changes', () => {
  const badInput: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
    ['fileCase', filing({ case: 'k-2', kind: { kind: 'owner-vs-landlord' } }), '$.kind.kind'],
    ['fileCase', filing({ case: 'k-2', kind: { kind: 'other' } }), '$.kind.description'],
    [
      'fileCase',
      filing({ case: 'k-2', parties: [person('p-d1'), { kind: 'robot', person: 'p-d2' }] }),
      '$.parties[1].kind',
    ],
    [
      'fileCase',
      filing({ case: 'k-2', parties: [person('p-d1'), { kind: 'organisation' }] }),
      '$.parties[1].organisation',
    ],
    [
      'fileCase',
      filing({ case: 'k-2', parties: Array.from({ length: 21 }, (_, i) => person(`p-${i}`)) }),
      '$.parties',
    ],
    ['fileCase', filing({ case: 'k-2', arose: place('street', STREET) }), '$.arose.level'],
    ['fileCase', filing({ case: 'k-2', limits: { grid: 0, community: 15 } }), '$.limits.grid'],
    [
      'fileCase',
      filing({ case: 'k-2', limits: { grid: 7, community: 366 } }),
      '$.limits.community',
    ],
    ['fileCase', filing({ case: 'k-2', limits: { grid: 7 } }), '$.limits.community'],
    ['fileCase', filing({ case: 'k-2', summary: '' }), '$.summary'],
    ['giveConsent', { case: K, party: 20 }, '$.party'],
    ['giveConsent', { case: K, party: -1 }, '$.party'],
    ['giveConsent', { case: K, party: 0.5 }, '$.party'],
    ['refuseMediation', { case: K, party: 0 }, '$.reason'],
    ['assignMediator', { case: K, mediator: 42 }, '$.mediator'],
    ['holdSession', { case: K, attended: 'p-d1', outcome: 'x' }, '$.attended'],
    ['holdSession', { case: K, attended: ['p-d1'], outcome: '' }, '$.outcome'],
    ['draftAgreement', { case: K, terms: Array.from({ length: 31 }, () => 'x') }, '$.terms'],
    ['draftAgreement', { case: K, terms: ['x', ''] }, '$.terms[1]'],
    ['signAgreement', { case: K, party: null }, '$.party'],
    ['countersignAgreement', { case: K, committee: '' }, '$.committee'],
    ['countersignAgreement', { case: K }, '$.committee'],
    ['requestJudicialConfirmation', { case: K, party: 20 }, '$.party'],
    ['recordBreach', { case: K }, '$.note'],
    ['escalateCase', { case: K, reason: 'x', to: 'street' }, '$.to'],
    ['referOut', { case: K, to: '', reason: 'x' }, '$.to'],
    ['withdrawCase', { case: K, party: 'zero', reason: 'x' }, '$.party'],
    ['acceptEscalation', {}, '$.case'],
  ]

  it.each(badInput.map(([type, payload, path]) => [type, path, payload] as const))(
    '%s: a DecodeError at %s',
    async (type, path, payload) => {
      const r = await caseAt('in-mediation')
      const before = await caseOf(r)
      const error = await refusedWithoutTrace(r, () => r.send(GW, type, payload))
      expect(error.code).toBe('DecodeError')
      if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toEqual([path])
      expect(await caseOf(r)).toEqual(before)
      expect((await r.caseOf('k-2')).case).toBeNull()
    },
  )

  it('a command at a time that is not an instant is bad input', async () => {
    const r = await caseAt('in-mediation')
    const before = await caseOf(r)
    const error = await refusedWithoutTrace(r, () =>
      r.send(GW, 'recordFailure', { case: K, reason: 'x' }, '2024-04-31T09:00:00+08:00'),
    )
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toEqual(['$.at'])
    expect(await caseOf(r)).toEqual(before)
  })
})
