/**
 * Movements of points at the volunteer points bank (`src/integration/points.ts`), over the pure
 * decider: issuing points for verified service, and reading the ledger. Spending them is in
 * `points-spending.spec.test.ts`.
 */
import { produce } from 'immer'
import { describe, expect, it } from 'vitest'
import {
  AccountId,
  BankId,
  draftOf,
  lookup,
  MovementId,
  ServiceRecordId,
} from '../../src/core/index.js'
import {
  balances,
  ledgerTotals,
  statement,
  type Account,
  type Movement,
  type ServiceRecord,
} from '../../src/integration/index.js'
import {
  CLERK,
  EAST_CLERK,
  SWC,
  place,
  seeded,
  STREET,
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
const OPERATOR = ['a leader of o-swc']

const accountOf = (r: Street, id: string): Account => {
  const account = lookup(r.state.accounts, AccountId.make(id))
  if (account === undefined) throw new Error(`account ${id} was never opened`)
  return account
}
const balanceOf = (r: Street, id: string) => accountOf(r, id).balance
const recordOf = (r: Street, id: string): ServiceRecord => {
  const record = lookup(r.state.records, ServiceRecordId.make(id))
  if (record === undefined) throw new Error(`record ${id} was never recorded`)
  return record
}
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

describe('issuing points for verified service', () => {
  it('the operator pays verified service at the bank’s rate, from the issuance account', () => {
    const r = withBank()
    const handled = r.must(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1'))
    expect(handled.events).toEqual([
      expect.objectContaining({
        type: 'pointsIssued',
        movement: 'mv-1',
        bank: BANK,
        debit: ISSUE,
        credit: 'a-m2',
        points: 15, // 90 minutes at 10 points an hour
        record: 'sr-1',
        memo: 'Patrol by m-2',
      }),
    ])
    expect(movementOf(r, 'mv-1')).toEqual({
      id: 'mv-1',
      bank: BANK,
      kind: 'issue',
      debit: ISSUE,
      credit: 'a-m2',
      points: 15,
      memo: 'Patrol by m-2',
      record: 'sr-1',
      at: handled.events[0]?.at,
      actor: SWC,
    })
    // The issuance account is debit-normal: its balance is the points issued.
    expect(balanceOf(r, ISSUE)).toBe(15)
    expect(balanceOf(r, 'a-m2')).toBe(15)
    expect(recordOf(r, 'sr-1')).toMatchObject({ status: 'rewarded', rewardedBy: 'mv-1' })
  })

  it('points are whole: part of a point is not paid', () => {
    const r = withBank()
    r.must(CLERK, 'openBank', opening({ bank: 'b-7', pointsPerHour: 7, issuanceAccount: 'a-i7' }))
    r.must(SWC, 'openAccount', {
      bank: 'b-7',
      account: 'a7-m3',
      kind: 'volunteer',
      holder: person('m-3'),
      name: 'Migrant Three',
    })
    r.must(SWC, 'issuePoints', { ...issue('mv-7', 'a7-m3', 'sr-2'), bank: 'b-7' })
    expect(balanceOf(r, 'a7-m3')).toBe(7)
  })

  it('a record is paid once', () => {
    const r = withBank()
    r.must(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1'))
    r.when(SWC, 'issuePoints', issue('mv-2', 'a-m2', 'sr-1')).thenRefused({
      code: 'IllegalTransition',
      machine: 'service record',
      state: 'rewarded',
      command: 'issuePoints',
    })
  })

  it('only verified service earns points: not a record still to review, nor a rejected one', () => {
    const r = withBank()
    for (const [record, account, state] of [
      ['sr-new', 'a-m2', 'recorded'],
      ['sr-no', 'a-m3', 'rejected'],
    ] as const) {
      r.when(SWC, 'issuePoints', issue('mv-1', account, record)).thenRefused({
        code: 'IllegalTransition',
        state,
        command: 'issuePoints',
      })
    }
  })

  it('points are paid to the volunteer who served, into their volunteer account', () => {
    const r = withBank()
    r.when(SWC, 'issuePoints', issue('mv-1', 'a-m3', 'sr-1')).thenRefused(
      rule('not-holders-record'),
    )
    // f-1 served, but her family account is not where service is paid.
    r.when(SWC, 'issuePoints', issue('mv-1', 'a-f1', 'sr-f')).thenRefused(rule('account-kind'))
    r.must(SWC, 'issuePoints', issue('mv-1', 'a-f1v', 'sr-f'))
    expect(balanceOf(r, 'a-f1v')).toBe(10)
  })

  it('service too short for a whole point earns none', () => {
    const r = withBank()
    r.when(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-short')).thenRefused(rule('no-points'))
  })

  it('only the operator issues points: not the team’s leader, a registrar or the volunteer', () => {
    const r = withBank()
    for (const actor of ['p-wang', CLERK, 'm-2']) {
      r.when(actor, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1')).thenRefused(
        forbiddenTo(actor, 'issuePoints', OPERATOR),
      )
    }
  })

  it('the team, its record and the bank’s account must exist', () => {
    const r = withBank()
    r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    r.must(SWC, 'openAccount', {
      bank: 'b-2',
      account: 'a-m2-b2',
      kind: 'volunteer',
      holder: person('m-2'),
      name: 'Migrant Two',
    })
    const cases: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
      [{ ...issue('mv-1', 'a-m2', 'sr-1'), team: 't-none' }, 'team'],
      [issue('mv-1', 'a-m2', 'sr-none'), 'service record'],
      [issue('mv-1', 'a-none', 'sr-1'), 'account'],
      // An account of another bank is not this bank's.
      [issue('mv-1', 'a-m2-b2', 'sr-1'), 'account'],
      [{ ...issue('mv-1', 'a-m2', 'sr-1'), bank: 'b-none' }, 'bank'],
    ]
    for (const [payload, entity] of cases) {
      r.when(SWC, 'issuePoints', payload).thenRefused({ code: 'NotFound', entity })
    }
  })

  it('a record is paid through its own team', () => {
    const r = withBank()
    r.must(EAST_CLERK, 'formTeam', {
      team: 't-care',
      name: 'Elder Care Team',
      kind: 'service',
      place: EAST,
      leader: 'p-wang',
    })
    r.when(SWC, 'issuePoints', { ...issue('mv-1', 'a-m2', 'sr-1'), team: 't-care' }).thenRefused({
      code: 'NotFound',
      entity: 'service record',
    })
  })

  it('a bank pays for the service of teams where it sits (team-outside-bank)', () => {
    const r = withBank()
    // West's bank does not pay East's patrol at its own rate.
    r.must(
      CLERK,
      'openBank',
      opening({ bank: 'b-west', place: place('community', 'c-west'), issuanceAccount: 'a-iw' }),
    )
    r.must(SWC, 'openAccount', {
      bank: 'b-west',
      account: 'aw-m2',
      kind: 'volunteer',
      holder: person('m-2'),
      name: 'Migrant Two',
    })
    r.when(SWC, 'issuePoints', { ...issue('mv-1', 'aw-m2', 'sr-1'), bank: 'b-west' }).thenRefused(
      rule('team-outside-bank'),
    )
    // Nor does East's bank pay a team of the whole street; the street's bank pays East's patrol.
    r.must(CLERK, 'formTeam', {
      team: 't-street',
      name: 'Street Service Team',
      kind: 'service',
      place: place('street', STREET),
      leader: 'p-wang',
    })
    r.must('m-2', 'joinTeam', { team: 't-street', volunteer: 'm-2' })
    r.must('m-2', 'recordService', service('sr-street', 'm-2', 60, r.nextAt(), 't-street'))
    r.must('p-wang', 'verifyService', { team: 't-street', record: 'sr-street' })
    r.when(SWC, 'issuePoints', {
      ...issue('mv-1', 'a-m2', 'sr-street'),
      team: 't-street',
    }).thenRefused(rule('team-outside-bank'))
    r.must(
      CLERK,
      'openBank',
      opening({ bank: 'b-street', place: place('street', STREET), issuanceAccount: 'a-is' }),
    )
    r.must(SWC, 'openAccount', {
      bank: 'b-street',
      account: 'as-m2',
      kind: 'volunteer',
      holder: person('m-2'),
      name: 'Migrant Two',
    })
    r.must(SWC, 'issuePoints', { ...issue('mv-1', 'as-m2', 'sr-1'), bank: 'b-street' })
    expect(balanceOf(r, 'as-m2')).toBe(15)
  })

  it('a movement id is used once', () => {
    const r = withPoints()
    for (const [type, payload] of [
      ['issuePoints', issue('mv-1', 'a-f1v', 'sr-f')],
      ['redeemPoints', redeem('mv-1', 'a-m2', 'a-barber', 1)],
      ['donatePoints', donate('mv-2', 'a-m2', 'a-f1', 1)],
    ] as const) {
      r.when(type === 'issuePoints' ? SWC : 'm-2', type, payload).thenRefused({
        code: 'AlreadyExists',
        entity: 'movement',
      })
    }
  })

  it('a verified record of a team since disbanded is still paid', () => {
    const r = withBank()
    r.must(EAST_CLERK, 'disbandTeam', { team: TEAM })
    r.must(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1'))
    expect(balanceOf(r, 'a-m2')).toBe(15)
  })
})

describe('reading the ledger', () => {
  /** {@link withPoints}, then m-2 redeems 4 and donates 6, f-1 redeems 2. */
  const withMovements = (): Street => {
    const r = withPoints()
    r.must('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 4))
    r.must('m-2', 'donatePoints', donate('mv-4', 'a-m2', 'a-f1', 6))
    r.must('f-1', 'redeemPoints', redeem('mv-5', 'a-f1', 'a-barber', 2))
    return r
  }

  it('balances list every account of the bank with its balance, by id (积分余额)', () => {
    const r = withMovements()
    const list = balances(r.state, BankId.make(BANK))
    expect(list.map((a) => [a.account, a.kind, a.balance])).toEqual([
      ['a-barber', 'provider', 6],
      ['a-f1', 'family', 4],
      ['a-f1v', 'volunteer', 0],
      ['a-issue', 'issuance', 25],
      ['a-m2', 'volunteer', 5],
      ['a-m3', 'volunteer', 10],
    ])
    expect(list[0]).toEqual({
      account: 'a-barber',
      kind: 'provider',
      holder: organisation('o-barber'),
      name: 'Deng’s Barbershop',
      balance: 6,
    })
    expect(balances(r.state, BankId.make('b-none'))).toEqual([])
  })

  it('a statement shows each movement with its signed change and the running balance (对账单)', () => {
    const r = withMovements()
    const s = r.state
    const lines = statement(s, AccountId.make('a-m2'))
    expect(
      lines.map((l) => [l.movement, l.kind, l.counterpart, l.change, l.balance, l.memo]),
    ).toEqual([
      ['mv-1', 'issue', ISSUE, 15, 15, 'Patrol by m-2'],
      ['mv-3', 'redeem', 'a-barber', -4, 11, 'Haircut'],
      ['mv-4', 'donate', 'a-f1', -6, 5, 'For the Tan family'],
    ])
    expect(lines[2]?.actor).toBe('m-2')
    // The issuance account is debit-normal: every issuance adds to it.
    expect(statement(s, AccountId.make(ISSUE)).map((l) => [l.change, l.balance])).toEqual([
      [15, 15],
      [10, 25],
    ])
    expect(statement(s, AccountId.make('a-f1')).map((l) => [l.change, l.balance])).toEqual([
      [6, 6],
      [-2, 4],
    ])
    expect(statement(s, AccountId.make('a-none'))).toEqual([])
  })

  it('the ledger balances: points held add up to points issued (积分总账)', () => {
    const r = withMovements()
    expect(ledgerTotals(r.state, BankId.make(BANK))).toEqual({
      issued: 25,
      redeemed: 6,
      donated: 6,
      held: { volunteers: 15, families: 4, providers: 6 },
      inCirculation: 19,
      balanced: true,
    })
  })

  it('the totals are recomputed from the movements, and a stored balance that disagrees unbalances them', () => {
    const r = withMovements()
    const s = r.state
    const tampered = produce(s, (draft) => {
      const account = draftOf(draft.accounts, AccountId.make('a-m2'))
      if (account !== undefined) account.balance += 1
    })
    const totals = ledgerTotals(tampered, BankId.make(BANK))
    expect(totals.held.volunteers).toBe(15)
    expect(totals.balanced).toBe(false)
    // A movement with no issuance behind it breaks conservation.
    const minted = produce(s, (draft) => {
      const movement = draftOf(draft.movements, MovementId.make('mv-3'))
      if (movement !== undefined) movement.kind = 'issue'
    })
    expect(ledgerTotals(minted, BankId.make(BANK)).balanced).toBe(false)
  })

  it('an empty bank balances, and other banks’ movements are not counted', () => {
    const r = withMovements()
    r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    expect(ledgerTotals(r.state, BankId.make('b-2'))).toEqual({
      issued: 0,
      redeemed: 0,
      donated: 0,
      held: { volunteers: 0, families: 0, providers: 0 },
      inCirculation: 0,
      balanced: true,
    })
  })
})
