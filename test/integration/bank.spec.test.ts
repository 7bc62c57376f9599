/**
 * The volunteer points bank's rules (value integration, `src/integration/bank.ts`), over the pure
 * decider: opening a bank with its issuance account, and opening accounts for volunteers,
 * families in need and providers.
 */
import { describe, expect, it } from 'vitest'
import { AccountId, BankId, lookup } from '../../src/core/index.js'
import { type Account } from '../../src/integration/index.js'
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

// ---------------------------------------------------------------------------------------------

describe('opening a bank', () => {
  it('a registrar over its place opens a bank, and with it its issuance account', () => {
    const r = withRecords()
    const handled = r.must(EAST_CLERK, 'openBank', opening())
    const at = handled.events[0]?.at
    expect(lookup(r.state.banks, BankId.make(BANK))).toEqual({
      id: BANK,
      name: 'J Community Points Bank',
      place: EAST,
      operator: 'o-swc',
      pointsPerHour: 10,
      issuance: ISSUE,
      openedAt: at,
    })
    expect(accountOf(r, ISSUE)).toEqual({
      id: ISSUE,
      bank: BANK,
      kind: 'issuance',
      holder: null,
      name: 'J Community Points Bank issuance',
      balance: 0,
      openedAt: at,
    })
  })

  it('the issuance account’s name stays within a name’s 200 characters', () => {
    const r = withRecords()
    r.must(CLERK, 'openBank', opening({ name: '公'.repeat(200) }))
    const name = accountOf(r, ISSUE).name
    expect(name.length).toBeLessThanOrEqual(200)
    expect(name.endsWith(' issuance')).toBe(true)
  })

  it('nobody but a registrar over its place opens a bank: not its operator', () => {
    const r = withRecords()
    for (const actor of [SWC, 'p-wang']) {
      r.when(actor, 'openBank', opening()).thenRefused(
        forbiddenTo(actor, 'openBank', ['registrar@community:c-east']),
      )
    }
    r.when(EAST_CLERK, 'openBank', opening({ place: place('street', STREET) })).thenRefused(
      forbiddenTo(EAST_CLERK, 'openBank', [`registrar@street:${STREET}`]),
    )
  })

  it('a bank sits at a place of the street, and its id is new', () => {
    const r = withRecords()
    r.when(CLERK, 'openBank', opening({ place: place('community', 'c-nowhere') })).thenRefused({
      code: 'NotFound',
      entity: 'community',
      id: 'c-nowhere',
    })
    r.must(CLERK, 'openBank', opening())
    r.when(CLERK, 'openBank', opening({ issuanceAccount: 'a-issue-2' })).thenRefused({
      code: 'AlreadyExists',
      entity: 'bank',
      id: BANK,
    })
  })

  it('its operator is an active organisation of the registry', () => {
    const r = withRecords()
    r.when(CLERK, 'openBank', opening({ operator: 'o-nowhere' })).thenRefused({
      code: 'NotFound',
      entity: 'organisation',
      id: 'o-nowhere',
    })
    r.must(CLERK, 'dissolveOrganisation', { organisation: 'o-barber', reason: 'Closed' })
    r.when(CLERK, 'openBank', opening({ operator: 'o-barber' })).thenRefused(
      rule('operator-dissolved'),
    )
  })

  it('its issuance account is a new account', () => {
    const r = withBank()
    for (const account of [ISSUE, 'a-m2']) {
      r.when(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: account })).thenRefused({
        code: 'AlreadyExists',
        entity: 'account',
        id: account,
      })
    }
  })
})

describe('opening accounts', () => {
  it('the operator opens accounts for volunteers, families and providers', () => {
    const r = withBank()
    expect(accountOf(r, 'a-m2')).toMatchObject({
      bank: BANK,
      kind: 'volunteer',
      holder: person('m-2'),
      name: 'Migrant Two',
      balance: 0,
    })
    expect(accountOf(r, 'a-barber')).toMatchObject({
      kind: 'provider',
      holder: organisation('o-barber'),
    })
    // A provider may be a person too (a home barber).
    r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-deng',
      kind: 'provider',
      holder: person('p-barber'),
      name: 'Deng at home',
    })
    expect(accountOf(r, 'a-deng').holder).toEqual(person('p-barber'))
  })

  it('the operator acts through those who lead it: not a registrar, not the holder', () => {
    const r = withBank()
    for (const actor of [CLERK, EAST_CLERK, 'm-4']) {
      r.when(actor, 'openAccount', {
        bank: BANK,
        account: 'a-m4',
        kind: 'volunteer',
        holder: person('m-4'),
        name: 'Migrant Four',
      }).thenRefused(forbiddenTo(actor, 'openAccount', OPERATOR))
    }
  })

  it('an account is held by a party of the registry', () => {
    const r = withBank()
    for (const [holder, entity, id] of [
      [person('p-nobody'), 'person', 'p-nobody'],
      [organisation('o-nowhere'), 'organisation', 'o-nowhere'],
    ] as const) {
      r.when(SWC, 'openAccount', {
        bank: BANK,
        account: 'a-x',
        kind: 'provider',
        holder,
        name: 'X',
      }).thenRefused({ code: 'NotFound', entity, id })
    }
  })

  it('no account is opened for a dissolved organisation (holder-dissolved)', () => {
    const r = withBank()
    r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    r.must(CLERK, 'dissolveOrganisation', { organisation: 'o-barber', reason: 'Closed' })
    r.when(SWC, 'openAccount', {
      bank: 'b-2',
      account: 'a-barber-b2',
      kind: 'provider',
      holder: organisation('o-barber'),
      name: 'Deng’s Barbershop',
    }).thenRefused(rule('holder-dissolved'))
    // Its director, in person, is still a provider.
    r.must(SWC, 'openAccount', {
      bank: 'b-2',
      account: 'a-deng-b2',
      kind: 'provider',
      holder: person('p-barber'),
      name: 'Deng at home',
    })
  })

  it('volunteer and family accounts are held by persons', () => {
    const r = withBank()
    for (const kind of ['volunteer', 'family']) {
      r.when(SWC, 'openAccount', {
        bank: BANK,
        account: 'a-x',
        kind,
        holder: organisation('o-so'),
        name: 'Fusion',
      }).thenRefused(rule('holder-kind'))
    }
  })

  it('a holder has one account of a kind in a bank', () => {
    const r = withBank()
    for (const [kind, holder] of [
      ['volunteer', person('m-2')],
      ['family', person('f-1')],
      ['provider', organisation('o-barber')],
    ] as const) {
      r.when(SWC, 'openAccount', {
        bank: BANK,
        account: 'a-x',
        kind,
        holder,
        name: 'Again',
      }).thenRefused(rule('one-account-per-holder'))
    }
    // Another kind in the same bank, or the same kind in another bank, is another account.
    r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-m2-family',
      kind: 'family',
      holder: person('m-2'),
      name: 'Migrant Two (family)',
    })
    r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    r.must(SWC, 'openAccount', {
      bank: 'b-2',
      account: 'a-m2-b2',
      kind: 'volunteer',
      holder: person('m-2'),
      name: 'Migrant Two',
    })
  })

  it('an account id is used once, across banks', () => {
    const r = withBank()
    for (const account of ['a-m2', ISSUE]) {
      r.when(SWC, 'openAccount', {
        bank: BANK,
        account,
        kind: 'volunteer',
        holder: person('m-4'),
        name: 'Migrant Four',
      }).thenRefused({ code: 'AlreadyExists', entity: 'account', id: account })
    }
  })

  it('a command on a bank never opened finds no bank', () => {
    const r = withBank()
    r.when(SWC, 'openAccount', {
      bank: 'b-none',
      account: 'a-x',
      kind: 'volunteer',
      holder: person('m-4'),
      name: 'X',
    }).thenRefused({ code: 'NotFound', entity: 'bank', id: 'b-none' })
  })
})
