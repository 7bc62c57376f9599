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
  seedIntegration,
  STREET,
  type IntegrationStreet,
  forbiddenTo,
  refusedWithoutTrace,
  rule,
} from './fixtures.js'

// ---------------------------------------------------------------------------------------------
// Helpers

const TEAM = 't-patrol'
const BANK = 'b-j'
const ISSUE = 'a-issue'
const EAST = place('community', 'c-east')
const person = (id: string) => ({ kind: 'person', person: id })
const organisation = (id: string) => ({ kind: 'organisation', organisation: id })
const OPERATOR = ['a leader of o-swc']

const accountOf = async (r: IntegrationStreet, id: string): Promise<Account> => {
  const account = lookup((await r.state()).accounts, AccountId.make(id))
  if (account === undefined) throw new Error(`account ${id} was never opened`)
  return account
}
const balanceOf = async (r: IntegrationStreet, id: string) => (await accountOf(r, id)).balance
const recordOf = async (r: IntegrationStreet, id: string): Promise<ServiceRecord> => {
  const record = lookup((await r.state()).records, ServiceRecordId.make(id))
  if (record === undefined) throw new Error(`record ${id} was never recorded`)
  return record
}
const movementOf = async (r: IntegrationStreet, id: string): Promise<Movement | undefined> =>
  lookup((await r.state()).movements, MovementId.make(id))

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

describe('opening a bank', () => {
  it('a registrar over its place opens a bank, and with it its issuance account', async () => {
    const r = await withRecords()
    const handled = await r.must(EAST_CLERK, 'openBank', opening())
    const at = handled.events[0]?.event.at
    expect(lookup((await r.state()).banks, BankId.make(BANK))).toEqual({
      id: BANK,
      name: 'J Community Points Bank',
      place: EAST,
      operator: 'o-swc',
      pointsPerHour: 10,
      issuance: ISSUE,
      openedAt: at,
    })
    expect(await accountOf(r, ISSUE)).toEqual({
      id: ISSUE,
      bank: BANK,
      kind: 'issuance',
      holder: null,
      name: 'J Community Points Bank issuance',
      balance: 0,
      openedAt: at,
    })
  })

  it('the issuance account’s name stays within a name’s 200 characters', async () => {
    const r = await withRecords()
    await r.must(CLERK, 'openBank', opening({ name: '公'.repeat(200) }))
    const name = (await accountOf(r, ISSUE)).name
    expect(name.length).toBeLessThanOrEqual(200)
    expect(name.endsWith(' issuance')).toBe(true)
  })

  it('nobody but a registrar over its place opens a bank: not its operator', async () => {
    const r = await withRecords()
    for (const actor of [SWC, 'p-wang']) {
      const error = await refusedWithoutTrace(r, () => r.send(actor, 'openBank', opening()))
      expect(error).toMatchObject(forbiddenTo(actor, 'openBank', ['registrar@community:c-east']))
    }
    const street = await refusedWithoutTrace(r, () =>
      r.send(EAST_CLERK, 'openBank', opening({ place: place('street', STREET) })),
    )
    expect(street).toMatchObject(
      forbiddenTo(EAST_CLERK, 'openBank', [`registrar@street:${STREET}`]),
    )
  })

  it('a bank sits at a place of the street, and its id is new', async () => {
    const r = await withRecords()
    const unknown = await refusedWithoutTrace(r, () =>
      r.send(CLERK, 'openBank', opening({ place: place('community', 'c-nowhere') })),
    )
    expect(unknown).toMatchObject({ code: 'NotFound', entity: 'community', id: 'c-nowhere' })
    await r.must(CLERK, 'openBank', opening())
    const twice = await refusedWithoutTrace(r, () =>
      r.send(CLERK, 'openBank', opening({ issuanceAccount: 'a-issue-2' })),
    )
    expect(twice).toMatchObject({ code: 'AlreadyExists', entity: 'bank', id: BANK })
  })

  it('its operator is an active organisation of the registry', async () => {
    const r = await withRecords()
    const unknown = await refusedWithoutTrace(r, () =>
      r.send(CLERK, 'openBank', opening({ operator: 'o-nowhere' })),
    )
    expect(unknown).toMatchObject({ code: 'NotFound', entity: 'organisation', id: 'o-nowhere' })
    await r.must(CLERK, 'dissolveOrganisation', { organisation: 'o-barber', reason: 'Closed' })
    const dissolved = await refusedWithoutTrace(r, () =>
      r.send(CLERK, 'openBank', opening({ operator: 'o-barber' })),
    )
    expect(dissolved).toMatchObject(rule('operator-dissolved'))
  })

  it('its issuance account is a new account', async () => {
    const r = await withBank()
    for (const account of [ISSUE, 'a-m2']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: account })),
      )
      expect(error).toMatchObject({ code: 'AlreadyExists', entity: 'account', id: account })
    }
  })
})

describe('opening accounts', () => {
  it('the operator opens accounts for volunteers, families and providers', async () => {
    const r = await withBank()
    expect(await accountOf(r, 'a-m2')).toMatchObject({
      bank: BANK,
      kind: 'volunteer',
      holder: person('m-2'),
      name: 'Migrant Two',
      balance: 0,
    })
    expect(await accountOf(r, 'a-barber')).toMatchObject({
      kind: 'provider',
      holder: organisation('o-barber'),
    })
    // A provider may be a person too (a home barber).
    await r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-deng',
      kind: 'provider',
      holder: person('p-barber'),
      name: 'Deng at home',
    })
    expect((await accountOf(r, 'a-deng')).holder).toEqual(person('p-barber'))
  })

  it('the operator acts through those who lead it: not a registrar, not the holder', async () => {
    const r = await withBank()
    for (const actor of [CLERK, EAST_CLERK, 'm-4']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'openAccount', {
          bank: BANK,
          account: 'a-m4',
          kind: 'volunteer',
          holder: person('m-4'),
          name: 'Migrant Four',
        }),
      )
      expect(error).toMatchObject(forbiddenTo(actor, 'openAccount', OPERATOR))
    }
  })

  it('an account is held by a party of the registry', async () => {
    const r = await withBank()
    for (const [holder, entity, id] of [
      [person('p-nobody'), 'person', 'p-nobody'],
      [organisation('o-nowhere'), 'organisation', 'o-nowhere'],
    ] as const) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(SWC, 'openAccount', {
          bank: BANK,
          account: 'a-x',
          kind: 'provider',
          holder,
          name: 'X',
        }),
      )
      expect(error).toMatchObject({ code: 'NotFound', entity, id })
    }
  })

  it('no account is opened for a dissolved organisation (holder-dissolved)', async () => {
    const r = await withBank()
    await r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    await r.must(CLERK, 'dissolveOrganisation', { organisation: 'o-barber', reason: 'Closed' })
    const error = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'openAccount', {
        bank: 'b-2',
        account: 'a-barber-b2',
        kind: 'provider',
        holder: organisation('o-barber'),
        name: 'Deng’s Barbershop',
      }),
    )
    expect(error).toMatchObject(rule('holder-dissolved'))
    // Its director, in person, is still a provider.
    await r.must(SWC, 'openAccount', {
      bank: 'b-2',
      account: 'a-deng-b2',
      kind: 'provider',
      holder: person('p-barber'),
      name: 'Deng at home',
    })
  })

  it('volunteer and family accounts are held by persons', async () => {
    const r = await withBank()
    for (const kind of ['volunteer', 'family']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(SWC, 'openAccount', {
          bank: BANK,
          account: 'a-x',
          kind,
          holder: organisation('o-so'),
          name: 'Fusion',
        }),
      )
      expect(error).toMatchObject(rule('holder-kind'))
    }
  })

  it('a holder has one account of a kind in a bank', async () => {
    const r = await withBank()
    for (const [kind, holder] of [
      ['volunteer', person('m-2')],
      ['family', person('f-1')],
      ['provider', organisation('o-barber')],
    ] as const) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(SWC, 'openAccount', { bank: BANK, account: 'a-x', kind, holder, name: 'Again' }),
      )
      expect(error).toMatchObject(rule('one-account-per-holder'))
    }
    // Another kind in the same bank, or the same kind in another bank, is another account.
    await r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-m2-family',
      kind: 'family',
      holder: person('m-2'),
      name: 'Migrant Two (family)',
    })
    await r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    await r.must(SWC, 'openAccount', {
      bank: 'b-2',
      account: 'a-m2-b2',
      kind: 'volunteer',
      holder: person('m-2'),
      name: 'Migrant Two',
    })
  })

  it('an account id is used once, across banks', async () => {
    const r = await withBank()
    for (const account of ['a-m2', ISSUE]) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(SWC, 'openAccount', {
          bank: BANK,
          account,
          kind: 'volunteer',
          holder: person('m-4'),
          name: 'Migrant Four',
        }),
      )
      expect(error).toMatchObject({ code: 'AlreadyExists', entity: 'account', id: account })
    }
  })

  it('a command on a bank never opened finds no bank', async () => {
    const r = await withBank()
    const error = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'openAccount', {
        bank: 'b-none',
        account: 'a-x',
        kind: 'volunteer',
        holder: person('m-4'),
        name: 'X',
      }),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'bank', id: 'b-none' })
  })
})

describe('issuing points for verified service', () => {
  it('the operator pays verified service at the bank’s rate, from the issuance account', async () => {
    const r = await withBank()
    const handled = await r.must(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1'))
    expect(handled.events.map((e) => e.event)).toEqual([
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
    expect(await movementOf(r, 'mv-1')).toEqual({
      id: 'mv-1',
      bank: BANK,
      kind: 'issue',
      debit: ISSUE,
      credit: 'a-m2',
      points: 15,
      memo: 'Patrol by m-2',
      record: 'sr-1',
      at: handled.events[0]?.event.at,
      actor: SWC,
    })
    // The issuance account is debit-normal: its balance is the points issued.
    expect(await balanceOf(r, ISSUE)).toBe(15)
    expect(await balanceOf(r, 'a-m2')).toBe(15)
    expect(await recordOf(r, 'sr-1')).toMatchObject({ status: 'rewarded', rewardedBy: 'mv-1' })
  })

  it('points are whole: part of a point is not paid', async () => {
    const r = await withBank()
    await r.must(
      CLERK,
      'openBank',
      opening({ bank: 'b-7', pointsPerHour: 7, issuanceAccount: 'a-i7' }),
    )
    await r.must(SWC, 'openAccount', {
      bank: 'b-7',
      account: 'a7-m3',
      kind: 'volunteer',
      holder: person('m-3'),
      name: 'Migrant Three',
    })
    await r.must(SWC, 'issuePoints', { ...issue('mv-7', 'a7-m3', 'sr-2'), bank: 'b-7' })
    expect(await balanceOf(r, 'a7-m3')).toBe(7)
  })

  it('a record is paid once', async () => {
    const r = await withBank()
    await r.must(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1'))
    const error = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'issuePoints', issue('mv-2', 'a-m2', 'sr-1')),
    )
    expect(error).toMatchObject({
      code: 'IllegalTransition',
      machine: 'service record',
      state: 'rewarded',
      command: 'issuePoints',
    })
  })

  it('only verified service earns points: not a record still to review, nor a rejected one', async () => {
    const r = await withBank()
    for (const [record, account, state] of [
      ['sr-new', 'a-m2', 'recorded'],
      ['sr-no', 'a-m3', 'rejected'],
    ] as const) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(SWC, 'issuePoints', issue('mv-1', account, record)),
      )
      expect(error).toMatchObject({ code: 'IllegalTransition', state, command: 'issuePoints' })
    }
  })

  it('points are paid to the volunteer who served, into their volunteer account', async () => {
    const r = await withBank()
    const other = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'issuePoints', issue('mv-1', 'a-m3', 'sr-1')),
    )
    expect(other).toMatchObject(rule('not-holders-record'))
    // f-1 served, but her family account is not where service is paid.
    const family = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'issuePoints', issue('mv-1', 'a-f1', 'sr-f')),
    )
    expect(family).toMatchObject(rule('account-kind'))
    await r.must(SWC, 'issuePoints', issue('mv-1', 'a-f1v', 'sr-f'))
    expect(await balanceOf(r, 'a-f1v')).toBe(10)
  })

  it('service too short for a whole point earns none', async () => {
    const r = await withBank()
    const error = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-short')),
    )
    expect(error).toMatchObject(rule('no-points'))
  })

  it('only the operator issues points: not the team’s leader, a registrar or the volunteer', async () => {
    const r = await withBank()
    for (const actor of ['p-wang', CLERK, 'm-2']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1')),
      )
      expect(error).toMatchObject(forbiddenTo(actor, 'issuePoints', OPERATOR))
    }
  })

  it('the team, its record and the bank’s account must exist', async () => {
    const r = await withBank()
    await r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    await r.must(SWC, 'openAccount', {
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
      const error = await refusedWithoutTrace(r, () => r.send(SWC, 'issuePoints', payload))
      expect(error).toMatchObject({ code: 'NotFound', entity })
    }
  })

  it('a record is paid through its own team', async () => {
    const r = await withBank()
    await r.must(EAST_CLERK, 'formTeam', {
      team: 't-care',
      name: 'Elder Care Team',
      kind: 'service',
      place: EAST,
      leader: 'p-wang',
    })
    const error = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'issuePoints', { ...issue('mv-1', 'a-m2', 'sr-1'), team: 't-care' }),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'service record' })
  })

  it('a bank pays for the service of teams where it sits (team-outside-bank)', async () => {
    const r = await withBank()
    // West's bank does not pay East's patrol at its own rate.
    await r.must(
      CLERK,
      'openBank',
      opening({ bank: 'b-west', place: place('community', 'c-west'), issuanceAccount: 'a-iw' }),
    )
    await r.must(SWC, 'openAccount', {
      bank: 'b-west',
      account: 'aw-m2',
      kind: 'volunteer',
      holder: person('m-2'),
      name: 'Migrant Two',
    })
    const west = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'issuePoints', { ...issue('mv-1', 'aw-m2', 'sr-1'), bank: 'b-west' }),
    )
    expect(west).toMatchObject(rule('team-outside-bank'))
    // Nor does East's bank pay a team of the whole street; the street's bank pays East's patrol.
    await r.must(CLERK, 'formTeam', {
      team: 't-street',
      name: 'Street Service Team',
      kind: 'service',
      place: place('street', STREET),
      leader: 'p-wang',
    })
    await r.must('m-2', 'joinTeam', { team: 't-street', volunteer: 'm-2' })
    await r.must('m-2', 'recordService', service('sr-street', 'm-2', 60, r.nextAt(), 't-street'))
    await r.must('p-wang', 'verifyService', { team: 't-street', record: 'sr-street' })
    const street = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'issuePoints', { ...issue('mv-1', 'a-m2', 'sr-street'), team: 't-street' }),
    )
    expect(street).toMatchObject(rule('team-outside-bank'))
    await r.must(
      CLERK,
      'openBank',
      opening({ bank: 'b-street', place: place('street', STREET), issuanceAccount: 'a-is' }),
    )
    await r.must(SWC, 'openAccount', {
      bank: 'b-street',
      account: 'as-m2',
      kind: 'volunteer',
      holder: person('m-2'),
      name: 'Migrant Two',
    })
    await r.must(SWC, 'issuePoints', { ...issue('mv-1', 'as-m2', 'sr-1'), bank: 'b-street' })
    expect(await balanceOf(r, 'as-m2')).toBe(15)
  })

  it('a movement id is used once', async () => {
    const r = await withPoints()
    for (const [type, payload] of [
      ['issuePoints', issue('mv-1', 'a-f1v', 'sr-f')],
      ['redeemPoints', redeem('mv-1', 'a-m2', 'a-barber', 1)],
      ['donatePoints', donate('mv-2', 'a-m2', 'a-f1', 1)],
    ] as const) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(type === 'issuePoints' ? SWC : 'm-2', type, payload),
      )
      expect(error).toMatchObject({ code: 'AlreadyExists', entity: 'movement' })
    }
  })

  it('a verified record of a team since disbanded is still paid', async () => {
    const r = await withBank()
    await r.must(EAST_CLERK, 'disbandTeam', { team: TEAM })
    await r.must(SWC, 'issuePoints', issue('mv-1', 'a-m2', 'sr-1'))
    expect(await balanceOf(r, 'a-m2')).toBe(15)
  })
})

describe('redeeming points for living services', () => {
  it('a volunteer redeems points for a living service at a provider', async () => {
    const r = await withPoints()
    const handled = await r.must('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 10))
    expect(handled.events.map((e) => e.event)).toEqual([
      expect.objectContaining({
        type: 'pointsRedeemed',
        debit: 'a-m2',
        credit: 'a-barber',
        points: 10,
        memo: 'Haircut',
      }),
    ])
    expect(await movementOf(r, 'mv-3')).toMatchObject({ kind: 'redeem', record: null })
    expect(await balanceOf(r, 'a-m2')).toBe(5)
    expect(await balanceOf(r, 'a-barber')).toBe(10)
    // Redemption moves points; it issues none.
    expect(await balanceOf(r, ISSUE)).toBe(25)
  })

  it('points are never spent beyond the balance', async () => {
    const r = await withPoints()
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 16)),
    )
    expect(error).toMatchObject(rule('insufficient-points'))
    await r.must('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 15))
    expect(await balanceOf(r, 'a-m2')).toBe(0)
    const empty = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'redeemPoints', redeem('mv-4', 'a-m2', 'a-barber', 1)),
    )
    expect(empty).toMatchObject(rule('insufficient-points'))
  })

  it('only the holder spends an account’s points: not the operator, not another volunteer', async () => {
    const r = await withPoints()
    for (const actor of [SWC, 'm-3', 'p-barber']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 5)),
      )
      expect(error).toMatchObject(forbiddenTo(actor, 'redeemPoints', ['m-2 in person']))
    }
    // Nobody spends from the issuance account.
    const issuance = await refusedWithoutTrace(r, () =>
      r.send(SWC, 'redeemPoints', redeem('mv-3', ISSUE, 'a-barber', 5)),
    )
    expect(issuance).toMatchObject(forbiddenTo(SWC, 'redeemPoints', [`the holder of ${ISSUE}`]))
  })

  it('points are redeemed from a volunteer’s or a family’s account, at a provider’s', async () => {
    const r = await withPoints()
    await r.must('m-3', 'redeemPoints', redeem('mv-3', 'a-m3', 'a-barber', 4))
    // The provider's points are redeemed already: its leader cannot spend them again.
    const provider = await refusedWithoutTrace(r, () =>
      r.send('p-barber', 'redeemPoints', redeem('mv-4', 'a-barber', 'a-barber', 1)),
    )
    expect(provider).toMatchObject(rule('account-kind'))
    // A volunteer's account is not a provider of living services.
    const notProvider = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'redeemPoints', redeem('mv-4', 'a-m2', 'a-m3', 1)),
    )
    expect(notProvider).toMatchObject(rule('account-kind'))
  })

  it('a holder does not redeem at a provider account they hold themselves (redeems-to-self)', async () => {
    const r = await withPoints()
    // m-2 also cuts hair at home: spending at her own stall would count as redeemed while the
    // points stay with her.
    await r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-m2-stall',
      kind: 'provider',
      holder: person('m-2'),
      name: 'Migrant Two’s stall',
    })
    const own = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-m2-stall', 5)),
    )
    expect(own).toMatchObject(rule('redeems-to-self'))
    // Nor at a provider organisation they lead: the barbershop's director, a family in need too,
    // is given points and does not spend them at his own shop.
    await r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-deng-family',
      kind: 'family',
      holder: person('p-barber'),
      name: 'The Deng family',
    })
    await r.must('m-3', 'donatePoints', donate('mv-3', 'a-m3', 'a-deng-family', 5))
    const led = await refusedWithoutTrace(r, () =>
      r.send('p-barber', 'redeemPoints', redeem('mv-4', 'a-deng-family', 'a-barber', 5)),
    )
    expect(led).toMatchObject(rule('redeems-to-self'))
    // Elsewhere, and by others there, points are redeemed.
    await r.must('p-barber', 'redeemPoints', redeem('mv-4', 'a-deng-family', 'a-m2-stall', 5))
    await r.must('m-2', 'redeemPoints', redeem('mv-5', 'a-m2', 'a-barber', 5))
    expect(await balanceOf(r, 'a-m2-stall')).toBe(5)
    expect(await balanceOf(r, 'a-barber')).toBe(5)
  })

  it('no points are redeemed at a provider whose organisation is dissolved (holder-dissolved)', async () => {
    const r = await withPoints()
    await r.must(SWC, 'openAccount', {
      bank: BANK,
      account: 'a-deng',
      kind: 'provider',
      holder: person('p-barber'),
      name: 'Deng at home',
    })
    await r.must(CLERK, 'dissolveOrganisation', { organisation: 'o-barber', reason: 'Closed' })
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 5)),
    )
    expect(error).toMatchObject(rule('holder-dissolved'))
    // Its director, in person, still takes points for a haircut at home.
    await r.must('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-deng', 5))
    expect(await balanceOf(r, 'a-deng')).toBe(5)
  })

  it('accounts of another bank are not found here', async () => {
    const r = await withPoints()
    await r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    await r.must(SWC, 'openAccount', {
      bank: 'b-2',
      account: 'a-barber-b2',
      kind: 'provider',
      holder: organisation('o-barber'),
      name: 'Barber',
    })
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber-b2', 1)),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'account' })
    const from = await refusedWithoutTrace(r, () =>
      r.send('m-2', 'redeemPoints', { ...redeem('mv-3', 'a-m2', 'a-barber', 1), bank: 'b-2' }),
    )
    expect(from).toMatchObject({ code: 'NotFound', entity: 'account' })
  })
})

describe('donating points to families in need', () => {
  it('a volunteer donates points to a family in need, who redeems them', async () => {
    const r = await withPoints()
    const handled = await r.must('m-2', 'donatePoints', donate('mv-3', 'a-m2', 'a-f1', 6))
    expect(handled.events.map((e) => e.event)).toEqual([
      expect.objectContaining({
        type: 'pointsDonated',
        debit: 'a-m2',
        credit: 'a-f1',
        points: 6,
        memo: 'For the Tan family',
      }),
    ])
    expect(await movementOf(r, 'mv-3')).toMatchObject({ kind: 'donate' })
    expect(await balanceOf(r, 'a-m2')).toBe(9)
    expect(await balanceOf(r, 'a-f1')).toBe(6)
    await r.must('f-1', 'redeemPoints', redeem('mv-4', 'a-f1', 'a-barber', 6))
    expect(await balanceOf(r, 'a-f1')).toBe(0)
  })

  it('points are donated from a volunteer’s account to a family’s', async () => {
    const r = await withPoints()
    await r.must('m-2', 'donatePoints', donate('mv-3', 'a-m2', 'a-f1', 6))
    for (const [actor, from, to] of [
      ['m-2', 'a-m2', 'a-m3'],
      ['m-2', 'a-m2', 'a-barber'],
      ['f-1', 'a-f1', 'a-f1v'],
      ['p-barber', 'a-barber', 'a-f1'],
    ] as const) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'donatePoints', donate('mv-4', from, to, 1)),
      )
      expect(error).toMatchObject(rule('account-kind'))
    }
  })

  it('a donation never exceeds the balance', async () => {
    const r = await withPoints()
    const error = await refusedWithoutTrace(r, () =>
      r.send('m-3', 'donatePoints', donate('mv-3', 'a-m3', 'a-f1', 11)),
    )
    expect(error).toMatchObject(rule('insufficient-points'))
  })

  it('a holder does not donate to a family account they hold themselves (donates-to-self)', async () => {
    const r = await withPoints()
    // f-1 volunteers and is a family in need: a gift from one of her accounts to the other would
    // count as donated while the points stay with her.
    const error = await refusedWithoutTrace(r, () =>
      r.send('f-1', 'donatePoints', donate('mv-3', 'a-f1v', 'a-f1', 1)),
    )
    expect(error).toMatchObject(rule('donates-to-self'))
  })

  it('only the holder donates: not the operator, not the family', async () => {
    const r = await withPoints()
    for (const actor of [SWC, 'f-1']) {
      const error = await refusedWithoutTrace(r, () =>
        r.send(actor, 'donatePoints', donate('mv-3', 'a-m3', 'a-f1', 1)),
      )
      expect(error).toMatchObject(forbiddenTo(actor, 'donatePoints', ['m-3 in person']))
    }
  })
})

describe('reading the ledger', () => {
  /** {@link withPoints}, then m-2 redeems 4 and donates 6, f-1 redeems 2. */
  const withMovements = async (): Promise<IntegrationStreet> => {
    const r = await withPoints()
    await r.must('m-2', 'redeemPoints', redeem('mv-3', 'a-m2', 'a-barber', 4))
    await r.must('m-2', 'donatePoints', donate('mv-4', 'a-m2', 'a-f1', 6))
    await r.must('f-1', 'redeemPoints', redeem('mv-5', 'a-f1', 'a-barber', 2))
    return r
  }

  it('balances list every account of the bank with its balance, by id (积分余额)', async () => {
    const r = await withMovements()
    const list = balances(await r.state(), BankId.make(BANK))
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
    expect(balances(await r.state(), BankId.make('b-none'))).toEqual([])
  })

  it('a statement shows each movement with its signed change and the running balance (对账单)', async () => {
    const r = await withMovements()
    const s = await r.state()
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

  it('the ledger balances: points held add up to points issued (积分总账)', async () => {
    const r = await withMovements()
    expect(ledgerTotals(await r.state(), BankId.make(BANK))).toEqual({
      issued: 25,
      redeemed: 6,
      donated: 6,
      held: { volunteers: 15, families: 4, providers: 6 },
      inCirculation: 19,
      balanced: true,
    })
  })

  it('the totals are recomputed from the movements, and a stored balance that disagrees unbalances them', async () => {
    const r = await withMovements()
    const s = await r.state()
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

  it('an empty bank balances, and other banks’ movements are not counted', async () => {
    const r = await withMovements()
    await r.must(CLERK, 'openBank', opening({ bank: 'b-2', issuanceAccount: 'a-issue-2' }))
    expect(ledgerTotals(await r.state(), BankId.make('b-2'))).toEqual({
      issued: 0,
      redeemed: 0,
      donated: 0,
      held: { volunteers: 0, families: 0, providers: 0 },
      inCirculation: 0,
      balanced: true,
    })
  })
})

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
