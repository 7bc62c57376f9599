/**
 * Movements of points 积分流水 at the volunteer points bank (公益银行, seed 002): points are earned
 * for verified volunteer service (发行), redeemed for living services (兑换, 折算生活服务费用) and
 * donated to families in need (捐赠给困难家庭). The ledger is kept by double entry: every movement
 * debits one account and credits another with the same points, and points come into being only by
 * an explicit issuance from the bank's issuance account for a verified service record — so the
 * points held by volunteers, families and providers always add up to the points issued.
 *
 * Rules (see {@link integrationRules}), beside the record table's `IllegalTransition`s (only a
 * verified record is paid, and only once: verified → rewarded): `team-outside-bank`,
 * `not-holders-record`, `account-kind`, `no-points`, `holder-dissolved`, `donates-to-self`,
 * `redeems-to-self`, `insufficient-points`.
 *
 * Authority: the bank's operator issues points; the holder of an account (the person, or a
 * leader of the holding organisation) redeems or donates from it, never the operator on the
 * holder's behalf. Every movement has its own id: a movement is never edited or written twice.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  draftOf,
  forbidden,
  insert,
  lookup,
  refuseBy,
  refuseWhen,
  stamp,
  type AccountId,
  type DomainError,
  type OfType,
  type ServiceRecordId,
} from '../core/index.js'
import { actsFor, isWithin, sameParty, type RegistryState } from '../community/index.js'
import type {
  Account,
  AccountKind,
  Bank,
  IntegrationCommand,
  IntegrationEvent,
  MovementKind,
} from './codecs/index.js'
import { accountOf, bankOf, holderActive, operatorOnly } from './bank.js'
import { recordMachine } from './machine.js'
import { recordOf } from './service-records.js'
import type { IntegrationHandler, IntegrationHandlers, IntegrationReducers } from './mechanism.js'
import { integrationRules } from './rules.js'
import type { IntegrationState } from './state.js'
import type { Act } from './street.js'
import { teamOf } from './teams.js'

/** The event of a movement of points. */
type MovementEvent = OfType<IntegrationEvent, 'pointsIssued' | 'pointsRedeemed' | 'pointsDonated'>

/** Who may act for an account's holder, as a Forbidden names them. */
const holderRole = (account: Account): string =>
  account.holder === null
    ? `the holder of ${account.id}`
    : account.holder.kind === 'person'
      ? `${account.holder.person} in person`
      : `a leader of ${account.holder.organisation}`

/**
 * That the actor acts for the holder of `account` (the operator does not).
 *
 * @category Checks
 */
export const holderOnly = (
  c: Act,
  registry: RegistryState,
  account: Account,
): E.Either<DomainError, void> =>
  refuseWhen(account.holder === null || !actsFor(registry, c.actor, account.holder), () =>
    forbidden(c.actor, c.type, [holderRole(account)]),
  )

/** That `account` is of one of `kinds` (rule `account-kind`). */
const ofKind = (
  account: Account,
  kinds: ReadonlyArray<AccountKind>,
  as: string,
): E.Either<DomainError, void> =>
  refuseBy(
    integrationRules.accountKind,
    !kinds.includes(account.kind),
    () => `${account.id} is a ${account.kind} account; ${as} must be ${kinds.join(' or ')}`,
  )

/**
 * That `account` holds at least `points` (rule `insufficient-points`).
 *
 * @category Checks
 */
export const covers = (account: Account, points: number): E.Either<DomainError, void> =>
  refuseBy(
    integrationRules.pointsCovered,
    account.balance < points,
    () => `${account.id} holds ${account.balance} points, fewer than ${points}`,
  )

/**
 * The kinds of account points are redeemed from (rule `account-kind`).
 *
 * @category Checks
 */
export const redeemedFrom: ReadonlyArray<AccountKind> = ['volunteer', 'family']

/**
 * The kinds of account points are donated from (rule `account-kind`).
 *
 * @category Checks
 */
export const donatedFrom: ReadonlyArray<AccountKind> = ['volunteer']

/** Points for `minutes` of service at `pointsPerHour`: whole points, rounded down. */
const pointsFor = (minutes: number, pointsPerHour: number): number =>
  Math.floor((minutes * pointsPerHour) / 60)

/**
 * The bank a movement names, for a movement new to the street (a movement is never edited or
 * written twice).
 */
const bankForMovement = (
  s: IntegrationState,
  c: OfType<IntegrationCommand, 'issuePoints' | 'redeemPoints' | 'donatePoints'>,
): E.Either<DomainError, Bank> =>
  pipe(
    bankOf(s, c),
    E.tap(() =>
      refuseWhen(lookup(s.movements, c.movement) !== undefined, () =>
        alreadyExists('movement', c.movement),
      ),
    ),
  )

/** The two accounts of a movement between holders, both of `bank`. */
const bothAccounts = (
  s: IntegrationState,
  bank: Bank,
  a: AccountId,
  b: AccountId,
): E.Either<DomainError, readonly [Account, Account]> =>
  pipe(
    accountOf(s, bank, a),
    E.flatMap((first) =>
      pipe(
        accountOf(s, bank, b),
        E.map((second) => [first, second] as const),
      ),
    ),
  )

/**
 * What a movement does to an account's normal balance: the issuance account is debit-normal (a
 * debit adds to the points issued), every holder's account credit-normal (a debit spends points).
 *
 * @category Checks
 */
export const signedChange = (
  kind: AccountKind,
  side: 'debit' | 'credit',
  points: number,
): number => ((side === 'debit') === (kind === 'issuance') ? points : -points)

// ---------------------------------------------------------------------------------------------
// Handlers

const issuePoints: IntegrationHandler<'issuePoints'> = (c, s, x) => {
  const registry = x.embedding.registry
  return pipe(
    bankForMovement(s, c),
    E.bindTo('bank'),
    E.bindW('team', () => teamOf(s, c)),
    E.bindW('record', ({ team }) => recordOf(s, team, c.record)),
    E.bindW('account', ({ bank }) => accountOf(s, bank, c.account)),
    E.tap(({ bank }) => operatorOnly(c, registry, bank)),
    // A bank pays for service where it sits: not another community's team at its own rate.
    E.tap(({ bank, team }) =>
      refuseBy(
        integrationRules.teamWithinBank,
        !isWithin(registry, team.place, bank.place),
        () =>
          `Team ${team.id} (${team.place.level} ${team.place.id}) is outside the place of ` +
          `${bank.id} (${bank.place.level} ${bank.place.id})`,
      ),
    ),
    E.tap(({ account }) => ofKind(account, ['volunteer'], 'an account paid for service')),
    E.tap(({ account, record }) =>
      refuseBy(
        integrationRules.holdersRecord,
        account.holder?.kind !== 'person' || account.holder.person !== record.volunteer,
        () => `${account.id} is not held by ${record.volunteer}, who served ${record.id}`,
      ),
    ),
    // Verified → rewarded: an unverified record, or one paid already, is an IllegalTransition.
    E.tap(({ record }) => recordMachine.next(record.status, 'issuePoints')),
    E.bindW('points', ({ bank, record }) => E.right(pointsFor(record.minutes, bank.pointsPerHour))),
    E.tap(({ bank, record, points }) =>
      refuseBy(
        integrationRules.wholePoints,
        points < 1,
        () =>
          `${record.minutes} minutes at ${bank.pointsPerHour} points an hour earn no whole point`,
      ),
    ),
    E.map(({ bank, record, account, points }) => [
      {
        type: 'pointsIssued',
        ...stamp(c),
        movement: c.movement,
        bank: bank.id,
        debit: bank.issuance,
        credit: account.id,
        points,
        record: record.id,
        memo: record.activity,
      },
    ]),
  )
}

const redeemPoints: IntegrationHandler<'redeemPoints'> = (c, s, x) => {
  const registry = x.embedding.registry
  return pipe(
    bankForMovement(s, c),
    E.bindTo('bank'),
    E.bindW('accounts', ({ bank }) => bothAccounts(s, bank, c.from, c.provider)),
    E.tap(({ accounts: [from] }) => holderOnly(c, registry, from)),
    E.tap(({ accounts: [from] }) => ofKind(from, redeemedFrom, 'an account redeemed from')),
    E.tap(({ accounts: [, provider] }) =>
      ofKind(provider, ['provider'], 'the account of a living service'),
    ),
    E.tap(({ accounts: [, provider] }) =>
      holderActive(registry, provider.holder, `the provider of ${provider.id}`),
    ),
    // Paying oneself is no redemption: the points would count as spent and stay put.
    E.tap(({ accounts: [from, provider] }) =>
      refuseBy(
        integrationRules.redeemsWithAnother,
        provider.holder !== null &&
          ((from.holder !== null && sameParty(from.holder, provider.holder)) ||
            actsFor(registry, c.actor, provider.holder)),
        () => `${c.actor} holds or acts for both ${from.id} and the provider ${provider.id}`,
      ),
    ),
    E.tap(({ accounts: [from] }) => covers(from, c.points)),
    E.map(({ bank, accounts: [from, provider] }) => [
      {
        type: 'pointsRedeemed',
        ...stamp(c),
        movement: c.movement,
        bank: bank.id,
        debit: from.id,
        credit: provider.id,
        points: c.points,
        memo: c.service,
      },
    ]),
  )
}

const donatePoints: IntegrationHandler<'donatePoints'> = (c, s, x) =>
  pipe(
    bankForMovement(s, c),
    E.bindTo('bank'),
    E.bindW('accounts', ({ bank }) => bothAccounts(s, bank, c.from, c.to)),
    E.tap(({ accounts: [from] }) => holderOnly(c, x.embedding.registry, from)),
    E.tap(({ accounts: [from] }) => ofKind(from, donatedFrom, 'an account donated from')),
    E.tap(({ accounts: [, to] }) => ofKind(to, ['family'], 'an account donated to')),
    // A gift to oneself is no gift: it would count as donated while the points stay put.
    E.tap(({ accounts: [from, to] }) =>
      refuseBy(
        integrationRules.donatesToAnother,
        from.holder !== null && to.holder !== null && sameParty(from.holder, to.holder),
        () => `${from.id} and ${to.id} have one holder`,
      ),
    ),
    E.tap(({ accounts: [from] }) => covers(from, c.points)),
    E.map(({ bank, accounts: [from, to] }) => [
      {
        type: 'pointsDonated',
        ...stamp(c),
        movement: c.movement,
        bank: bank.id,
        debit: from.id,
        credit: to.id,
        points: c.points,
        memo: c.memo,
      },
    ]),
  )

/**
 * The handlers of movements of points: issuance, redemption and donation.
 *
 * @category Mechanism
 */
export const pointsHandlers: IntegrationHandlers<'issuePoints' | 'redeemPoints' | 'donatePoints'> =
  { issuePoints, redeemPoints, donatePoints }

// ---------------------------------------------------------------------------------------------
// Reducers

const movementKind = (e: MovementEvent): MovementKind =>
  e.type === 'pointsIssued' ? 'issue' : e.type === 'pointsRedeemed' ? 'redeem' : 'donate'

/**
 * Keeps a movement, and adds its points to both accounts' normal balances (the issuance
 * account's grows with a debit, a holder's shrinks).
 */
const move = (
  draft: Draft<IntegrationState>,
  e: MovementEvent,
  record: ServiceRecordId | null,
): void => {
  insert(draft.movements, e.movement, {
    id: e.movement,
    bank: e.bank,
    kind: movementKind(e),
    debit: e.debit,
    credit: e.credit,
    points: e.points,
    memo: e.memo,
    record,
    at: e.at,
    actor: e.actor,
  })
  const debit = draftOf(draft.accounts, e.debit)
  if (debit !== undefined) debit.balance += signedChange(debit.kind, 'debit', e.points)
  const credit = draftOf(draft.accounts, e.credit)
  if (credit !== undefined) credit.balance += signedChange(credit.kind, 'credit', e.points)
}

/**
 * The recipes of movements: an issuance also moves the record it pays to `rewarded`.
 *
 * @category Mechanism
 */
export const pointsReducers: IntegrationReducers<
  'pointsIssued' | 'pointsRedeemed' | 'pointsDonated'
> = {
  pointsIssued: (draft, e) => {
    move(draft, e, e.record)
    const record = draftOf(draft.records, e.record)
    if (record !== undefined) {
      record.status = 'rewarded'
      record.rewardedBy = e.movement
    }
  },
  pointsRedeemed: (draft, e) => {
    move(draft, e, null)
  },
  pointsDonated: (draft, e) => {
    move(draft, e, null)
  },
}
