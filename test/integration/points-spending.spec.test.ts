/**
 * Spending points at the volunteer points bank (`src/integration/points.ts`), over the pure
 * decider: redeeming them for living services, and donating them to families in need.
 */
import { describe, expect, it } from 'vitest'
import { AccountId, lookup, MovementId } from '../../src/core/index.js'
import { type Account, type Movement } from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  SWC,
  place,
  seeded,
  type Street,
  forbiddenTo,
  rule,
} from './spec-fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const TEAM = 't-patrol'
const BANK = 'b-j'
const ISSUE = 'a-issue'
const EAST = place('community', 'c-east')
const person = (id: string) => ({ kind: 'person', person: id })
const organisation = (id: string) => ({ kind: 'organisation', organisation: id })

const accountOf = (r: Street, id: string): Account => {
  const account = lookup(r.state.accounts, AccountId.make(id))
  if (account === undefined) throw new Error(`account ${id} was never opened`)
  return account
}
const balanceOf = (r: Street, id: string) => accountOf(r, id).balance
const movementOf = (r: Street, id: string): Movement | undefined =>
  lookup(r.state.movements, MovementId.make(id))

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
const withRecords = (): Street => {
  const r = seeded()
  const formed = r.must(EAST_CLERK, 'formTeam', {
    team: TEAM,
    name: 'Honghu Volunteer Patrol',
    kind: 'patrol',
    place: EAST,
    leader: 'p-wang',
  })
  // The patrol's first evening: its service was done the minute it was formed.
  const served = formed.events[0]?.at ?? r.nextAt()
  for (const v of ['m-2', 'm-3', 'f-1']) r.must(v, 'joinTeam', { team: TEAM, volunteer: v })
  for (const [record, volunteer, minutes] of [
    ['sr-1', 'm-2', 90],
    ['sr-2', 'm-3', 60],
    ['sr-f', 'f-1', 60],
    ['sr-short', 'm-2', 5],
    ['sr-new', 'm-2', 30],
    ['sr-no', 'm-3', 30],
  ] as const)
    r.must(volunteer, 'recordService', service(record, volunteer, minutes, served))
  for (const record of ['sr-1', 'sr-2', 'sr-f', 'sr-short'])
    r.must('p-wang', 'verifyService', { team: TEAM, record })
  r.must('p-wang', 'rejectService', { team: TEAM, record: 'sr-no', reason: 'Off the rota' })
  return r
}

/**
 * {@link withRecords} and the bank `b-j` (10 points an hour, operated by the social-work centre),
 * with accounts: volunteers `a-m2`, `a-m3`, `a-f1v` (f-1 volunteers too), family `a-f1`, and the
 * barbershop's provider account `a-barber`.
 */
const withBank = (): Street => {
  const r = withRecords()
  r.must(EAST_CLERK, 'openBank', opening())
  for (const [account, kind, holder, name] of [
    ['a-m2', 'volunteer', person('m-2'), 'Migrant Two'],
    ['a-m3', 'volunteer', person('m-3'), 'Migrant Three'],
    ['a-f1v', 'volunteer', person('f-1'), 'Family in Need (volunteer)'],
    ['a-f1', 'family', person('f-1'), 'Family in Need'],
    ['a-barber', 'provider', organisation('o-barber'), 'Deng’s Barbershop'],
  ] as const)
    r.must(SWC, 'openAccount', { bank: BANK, account, kind, holder, name })
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
const withPoints = (): Street => {
  const r = withBank()
  r.must(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1'))
  r.must(SWC, 'issuePoints', issue('mv-2', 'a-m3', 'sr-2'))
  return r
}

// ---------------------------------------------------------------------------------------------

describe('redeeming points for living services', () => {
  it('a volunteer redeems points for a living service at a provider', () => {
    const r = withPoints()
    const handled = r.must('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 10))
    expect(handled.events).toEqual([
      expect.objectContaining({
        type: 'pointsRedeemed',
        debit: 'a-m2',
        credit: 'a-barber',
        points: 10,
        memo: 'Haircut',
      }),
    ])
    expect(movementOf(r, 'mv-3')).toMatchObject({ kind: 'redeem', record: null })
    expect(balanceOf(r, 'a-m2')).toBe(5)
    expect(balanceOf(r, 'a-barber')).toBe(10)
    // Redemption moves points; it issues none.
    expect(balanceOf(r, ISSUE)).toBe(25)
  })

  it('points are never spent beyond the balance', () => {
    const r = withPoints()
    r.when('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 16)).thenRefused(
      rule('insufficient-points'),
    )
    r.must('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 15))
    expect(balanceOf(r, 'a-m2')).toBe(0)
    r.when('m-2', 'redeemPoints', redeem('mv-4', 'a-m2', 'a-barber', 1)).thenRefused(
      rule('insufficient-points'),
    )
  })

  it('only the holder spends an account’s points: not the operator, not another volunteer', () => {
    const r = withPoints()
    for (const actor of [SWC, 'm-3', 'p-barber']) {
      r.when(actor, 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 5)).thenRefused(
        forbiddenTo(actor, 'redeemPoints', ['m-2 in person']),
      )
    }
    // Nobody spends from the issuance account.
    r.when(SWC, 'redeemPoints', redeem('mv-3', ISSUE, 'a-barber', 5)).thenRefused(
      forbiddenTo(SWC, 'redeemPoints', [`the holder of ${ISSUE}`]),
    )
  })

  it('points are redeemed from a volunteer’s or a family’s account, at a provider’s', () => {
    const r = withPoints()
    r.must('m-3', 'redeemPoints', redeem('mv-3', 'a-m3', 'a-barber', 4))
    // The provider's points are redeemed already: its leader cannot spend them again.
    r.when('p-barber', 'redeemPoints', redeem('mv-4', 'a-barber', 'a-barber', 1)).thenRefused(
      rule('account-kind'),
    )
    // A volunteer's account is not a provider of living services.
    r.when('m-2', 'redeemPoints', redeem('mv-4', 'a-m2', 'a-m3', 1)).thenRefused(
      rule('account-kind'),
    )
  })

  it('a holder does not redeem at a provider account they hold themselves (redeems-to-self)', () => {
    const r = withPoints()
    // m-2 also cuts hair at home: spending at her own stall would count as redeemed while the
    // points stay with her.
    r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-m2-stall',
      kind: 'provider',
      holder: person('m-2'),
      name: 'Migrant Two’s stall',
    })
    r.when('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-m2-stall', 5)).thenRefused(
      rule('redeems-to-self'),
    )
    // Nor at a provider organisation they lead: the barbershop's director, a family in need too,
    // is given points and does not spend them at his own shop.
    r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-deng-family',
      kind: 'family',
      holder: person('p-barber'),
      name: 'The Deng family',
    })
    r.must('m-3', 'donatePoints', donate('mv-3', 'a-m3', 'a-deng-family', 5))
    r.when('p-barber', 'redeemPoints', redeem('mv-4', 'a-deng-family', 'a-barber', 5)).thenRefused(
      rule('redeems-to-self'),
    )
    // Elsewhere, and by others there, points are redeemed.
    r.must('p-barber', 'redeemPoints', redeem('mv-4', 'a-deng-family', 'a-m2-stall', 5))
    r.must('m-2', 'redeemPoints', redeem('mv-5', 'a-m2', 'a-barber', 5))
    expect(balanceOf(r, 'a-m2-stall')).toBe(5)
    expect(balanceOf(r, 'a-barber')).toBe(5)
  })

  it('no points are redeemed at a provider whose organisation is dissolved (holder-dissolved)', () => {
    const r = withPoints()
    r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-deng',
      kind: 'provider',
      holder: person('p-barber'),
      name: 'Deng at home',
    })
    r.must(CLERK, 'dissolveOrganisation', { organisation: 'o-barber', reason: 'Closed' })
    r.when('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 5)).thenRefused(
      rule('holder-dissolved'),
    )
    // Its director, in person, still takes points for a haircut at home.
    r.must('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-deng', 5))
    expect(balanceOf(r, 'a-deng')).toBe(5)
  })

  it('accounts of another bank are not found here', () => {
    const r = withPoints()
    r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    r.must(SWC, 'openAccount', {
      bank: 'b-2',
      account: 'a-barber-b2',
      kind: 'provider',
      holder: organisation('o-barber'),
      name: 'Barber',
    })
    r.when('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber-b2', 1)).thenRefused({
      code: 'NotFound',
      entity: 'account',
    })
    r.when('m-2', 'redeemPoints', {
      ...redeem('mv-3', 'a-m2', 'a-barber', 1),
      bank: 'b-2',
    }).thenRefused({ code: 'NotFound', entity: 'account' })
  })
})

describe('donating points to families in need', () => {
  it('a volunteer donates points to a family in need, who redeems them', () => {
    const r = withPoints()
    const handled = r.must('m-2', 'donatePoints', donate('mv-3', 'a-m2', 'a-f1', 6))
    expect(handled.events).toEqual([
      expect.objectContaining({
        type: 'pointsDonated',
        debit: 'a-m2',
        credit: 'a-f1',
        points: 6,
        memo: 'For the Tan family',
      }),
    ])
    expect(movementOf(r, 'mv-3')).toMatchObject({ kind: 'donate' })
    expect(balanceOf(r, 'a-m2')).toBe(9)
    expect(balanceOf(r, 'a-f1')).toBe(6)
    r.must('f-1', 'redeemPoints', redeem('mv-4', 'a-f1', 'a-barber', 6))
    expect(balanceOf(r, 'a-f1')).toBe(0)
  })

  it('points are donated from a volunteer’s account to a family’s', () => {
    const r = withPoints()
    r.must('m-2', 'donatePoints', donate('mv-3', 'a-m2', 'a-f1', 6))
    for (const [actor, from, to] of [
      ['m-2', 'a-m2', 'a-m3'],
      ['m-2', 'a-m2', 'a-barber'],
      ['f-1', 'a-f1', 'a-f1v'],
      ['p-barber', 'a-barber', 'a-f1'],
    ] as const) {
      r.when(actor, 'donatePoints', donate('mv-4', from, to, 1)).thenRefused(rule('account-kind'))
    }
  })

  it('a donation never exceeds the balance', () => {
    const r = withPoints()
    r.when('m-3', 'donatePoints', donate('mv-3', 'a-m3', 'a-f1', 11)).thenRefused(
      rule('insufficient-points'),
    )
  })

  it('a holder does not donate to a family account they hold themselves (donates-to-self)', () => {
    const r = withPoints()
    // f-1 volunteers and is a family in need: a gift from one of her accounts to the other would
    // count as donated while the points stay with her.
    r.when('f-1', 'donatePoints', donate('mv-3', 'a-f1v', 'a-f1', 1)).thenRefused(
      rule('donates-to-self'),
    )
  })

  it('only the holder donates: not the operator, not the family', () => {
    const r = withPoints()
    for (const actor of [SWC, 'f-1']) {
      r.when(actor, 'donatePoints', donate('mv-3', 'a-m3', 'a-f1', 1)).thenRefused(
        forbiddenTo(actor, 'donatePoints', ['m-3 in person']),
      )
    }
  })
})
