/**
 * The volunteer points bank on the engine: bad input refused with the path of the bad field, and
 * no change. The bank's and points' rules are specs over the pure decider (`bank.spec.test.ts`,
 * `points.spec.test.ts`).
 */
import { describe, expect, it } from 'vitest'
import {
  CLERK,
  EAST_CLERK,
  SWC,
  place,
  seedIntegration,
  type IntegrationStreet,
  refusedWithoutTrace,
} from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const TEAM = 't-patrol'
const BANK = 'b-j'
const ISSUE = 'a-issue'
const EAST = place('community', 'c-east')
const person = (id: string) => ({ kind: 'person', person: id })
const organisation = (id: string) => ({ kind: 'organisation', organisation: id })

const opening = (over: Record<string, unknown> = {}) => ({
  bank: BANK,
  name: 'J Community Points Bank',
  place: EAST,
  operator: 'o-swc',
  pointsPerHour: 10,
  issuanceAccount: ISSUE,
  ...over,
})

const service = (
  record: string,
  volunteer: string,
  minutes: number,
  servedOn: string,
  team = TEAM,
) => ({
  team,
  record,
  volunteer,
  activity: `Patrol by ${volunteer}`,
  minutes,
  servedOn,
})

/**
 * The patrol under p-wang with m-2, m-3 and f-1 in it and their records — verified: sr-1 (m-2,
 * 90 minutes), sr-2 (m-3, 60), sr-f (f-1, 60), sr-short (m-2, 5); recorded only: sr-new (m-2, 30);
 * rejected: sr-no (m-3, 30) — and no bank yet.
 */
const withRecords = async (): Promise<IntegrationStreet> => {
  const r = await seedIntegration()
  const formed = await r.must(EAST_CLERK, 'formTeam', {
    team: TEAM,
    name: 'Honghu Volunteer Patrol',
    kind: 'patrol',
    place: EAST,
    leader: 'p-wang',
  })
  // The patrol's first evening: its service was done the minute it was formed.
  const served = formed.events[0]?.event.at ?? r.nextAt()
  for (const v of ['m-2', 'm-3', 'f-1']) await r.must(v, 'joinTeam', { team: TEAM, volunteer: v })
  for (const [record, volunteer, minutes] of [
    ['sr-1', 'm-2', 90],
    ['sr-2', 'm-3', 60],
    ['sr-f', 'f-1', 60],
    ['sr-short', 'm-2', 5],
    ['sr-new', 'm-2', 30],
    ['sr-no', 'm-3', 30],
  ] as const)
    await r.must(volunteer, 'recordService', service(record, volunteer, minutes, served))
  for (const record of ['sr-1', 'sr-2', 'sr-f', 'sr-short'])
    await r.must('p-wang', 'verifyService', { team: TEAM, record })
  await r.must('p-wang', 'rejectService', { team: TEAM, record: 'sr-no', reason: 'Off the rota' })
  return r
}

/**
 * {@link withRecords} and the bank `b-j` (10 points an hour, operated by the social-work centre),
 * with accounts: volunteers `a-m2`, `a-m3`, `a-f1v` (f-1 volunteers too), family `a-f1`, and the
 * barbershop's provider account `a-barber`.
 */
const withBank = async (): Promise<IntegrationStreet> => {
  const r = await withRecords()
  await r.must(EAST_CLERK, 'openBank', opening())
  for (const [account, kind, holder, name] of [
    ['a-m2', 'volunteer', person('m-2'), 'Migrant Two'],
    ['a-m3', 'volunteer', person('m-3'), 'Migrant Three'],
    ['a-f1v', 'volunteer', person('f-1'), 'Family in Need (volunteer)'],
    ['a-f1', 'family', person('f-1'), 'Family in Need'],
    ['a-barber', 'provider', organisation('o-barber'), 'Deng’s Barbershop'],
  ] as const)
    await r.must(SWC, 'openAccount', { bank: BANK, account, kind, holder, name })
  return r
}

const issue = (movement: string, account: string, record: string) => ({
  bank: BANK,
  movement,
  account,
  team: TEAM,
  record,
})
const redeem = (movement: string, from: string, provider: string, points: number) => ({
  bank: BANK,
  movement,
  from,
  provider,
  points,
  service: 'Haircut',
})
const donate = (movement: string, from: string, to: string, points: number) => ({
  bank: BANK,
  movement,
  from,
  to,
  points,
  memo: 'For the Tan family',
})

/** {@link withBank} with 15 points paid to m-2 for sr-1 and 10 to m-3 for sr-2. */
const withPoints = async (): Promise<IntegrationStreet> => {
  const r = await withBank()
  await r.must(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1'))
  await r.must(SWC, 'issuePoints', issue('mv-2', 'a-m3', 'sr-2'))
  return r
}

// ---------------------------------------------------------------------------------------------

describe('bad input: a typed error with the path of the bad field, and no change', () => {
  const badInput: ReadonlyArray<readonly [string, string, Record<string, unknown>, string]> = [
    [CLERK, 'openBank', opening({ bank: 'b-2', pointsPerHour: 0 }), '$.pointsPerHour'],
    [CLERK, 'openBank', opening({ bank: 'b-2', pointsPerHour: 101 }), '$.pointsPerHour'],
    [CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: '' }), '$.issuanceAccount'],
    [
      SWC,
      'openAccount',
      { bank: BANK, account: 'a-x', kind: 'issuance', holder: person('m-4'), name: 'X' },
      '$.kind',
    ],
    [
      SWC,
      'openAccount',
      { bank: BANK, account: 'a-x', kind: 'volunteer', holder: { kind: 'robot' }, name: 'X' },
      '$.holder.kind',
    ],
    [
      SWC,
      'openAccount',
      { bank: BANK, account: 'a-x', kind: 'volunteer', holder: person('m-4') },
      '$.name',
    ],
    [SWC, 'issuePoints', { ...issue('mv-9', 'a-f1v', 'sr-f'), points: 100 }, '$.points'],
    [
      SWC,
      'issuePoints',
      { bank: BANK, movement: 'mv-9', account: 'a-f1v', record: 'sr-f' },
      '$.team',
    ],
    ['m-2', 'redeemPoints', redeem('mv-9', 'a-m2', 'a-barber', 0), '$.points'],
    ['m-2', 'redeemPoints', redeem('mv-9', 'a-m2', 'a-barber', -3), '$.points'],
    ['m-2', 'redeemPoints', redeem('mv-9', 'a-m2', 'a-barber', 2.5), '$.points'],
    ['m-2', 'redeemPoints', redeem('mv-9', 'a-m2', 'a-barber', 1_000_001), '$.points'],
    ['m-2', 'redeemPoints', { ...redeem('mv-9', 'a-m2', 'a-barber', 1), service: '' }, '$.service'],
    ['m-2', 'donatePoints', donate('mv-9', 'a-m2', 'a-f1', Number.NaN), '$.points'],
    ['m-2', 'donatePoints', { ...donate('mv-9', 'a-m2', 'a-f1', 1), memo: ' padded ' }, '$.memo'],
    ['m-2', 'donatePoints', { ...donate('mv-9', 'a-m2', 'a-f1', 1), to: undefined }, '$.to'],
  ]

  it.each(badInput.map(([actor, type, payload, path]) => [type, path, actor, payload] as const))(
    '%s: a DecodeError at %s',
    async (type, path, actor, payload) => {
      const r = await withPoints()
      const error = await refusedWithoutTrace(r, () => r.send(actor, type, payload))
      expect(error.code).toBe('DecodeError')
      if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toEqual([path])
    },
  )
})
