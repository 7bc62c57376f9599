/**
 * The volunteer points bank (公益银行, seed 002), value integration's ledger: points are earned for
 * verified volunteer service, redeemed for living services (折算生活服务费用) and donated to
 * families in need (捐赠给困难家庭). It is kept by double entry: every movement (积分流水) debits
 * one account and credits another with the same points, and points come into being only by an
 * explicit issuance from the bank's issuance account (发行账户) for a verified service record — so
 * the points held by volunteers, families and providers always add up to the points issued.
 *
 * Rules (the `rule` of each {@link RuleViolation}), beside the record table's `IllegalTransition`s
 * (only a verified record is paid, and only once: verified → rewarded):
 * - `operator-dissolved`: a bank is opened with an operator organisation that is dissolved.
 * - `holder-kind`: a volunteer or family account is opened for an organisation (they are held by
 *   persons; a provider's may be held by either).
 * - `holder-dissolved`: an account is opened for an organisation that is not active, or points are
 *   redeemed at a provider whose holding organisation has been dissolved.
 * - `one-account-per-holder`: a holder would have two accounts of one kind in a bank.
 * - `team-outside-bank`: points are issued for the record of a team whose place does not lie
 *   within the bank's place (a bank pays the teams where it sits, at its own rate).
 * - `not-holders-record`: points for a record are paid into an account not held by the record's
 *   volunteer.
 * - `account-kind`: points are paid into an account that is not a volunteer's, redeemed from an
 *   account that is not a volunteer's or a family's or at one that is not a provider's, or donated
 *   from an account that is not a volunteer's or to one that is not a family's.
 * - `no-points`: a record is too short to earn a whole point at the bank's rate.
 * - `donates-to-self`: a holder donates to a family account they hold themselves.
 * - `redeems-to-self`: a holder redeems at a provider account they hold themselves, or one held by
 *   an organisation the actor leads (the points would be spent while staying with their holder).
 * - `insufficient-points`: a redemption or donation exceeds the balance of the account it debits
 *   (balances are never negative).
 *
 * Authority: a registrar over the bank's place opens it; its operator — those who lead the
 * operator organisation (`actsFor` it) — opens accounts and issues points; the holder of an
 * account (the person, or a leader of the holding organisation) redeems or donates from it, never
 * the operator on the holder's behalf.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  compareInstants,
  draftOf,
  forbidden,
  insert,
  lookup,
  notFound,
  refuseWhen,
  ruleViolation,
  valuesOf,
  type AccountId,
  type BankId,
  type Check,
  type DomainError,
  type Instant,
  type MovementId,
  type PersonId,
} from '../core/index.js'
import {
  actsFor,
  hasParty,
  isWithin,
  partyNotFound,
  sameParty,
  type PartyRef,
  type RegistryState,
} from '../community/index.js'
import type { Account, AccountKind, Bank, MovementKind } from './codecs.js'
import { recordMachine } from './machine.js'
import type { IntegrationState } from './state.js'
import {
  decideWith,
  placeKnown,
  registrarOver,
  stamp,
  type Cmd,
  type Decision,
  type Evt,
  type IntegrationContext,
} from './shared.js'

type BankCommand = Cmd<'openBank' | 'openAccount' | 'issuePoints' | 'redeemPoints' | 'donatePoints'>
type MovementEvent = Evt<'pointsIssued' | 'pointsRedeemed' | 'pointsDonated'>

/** The longest a name may be (the `Name` codec's bound). */
const MAX_NAME = 200
const ISSUANCE_SUFFIX = ' issuance'

/** The name of a bank's issuance account: the bank's name and ` issuance`, within a name's bound. */
const issuanceName = (bank: string): string => {
  let base = bank
  // Shorten by whole code points, so a Chinese name is never cut inside a character.
  while (base.length + ISSUANCE_SUFFIX.length > MAX_NAME)
    base = Array.from(base).slice(0, -1).join('')
  return `${base.trimEnd()}${ISSUANCE_SUFFIX}`
}

/** Who may act for an account's holder, as a Forbidden names them. */
const holderRole = (account: Account): string =>
  account.holder === null
    ? `the holder of ${account.id}`
    : account.holder.kind === 'person'
      ? `${account.holder.person} in person`
      : `a leader of ${account.holder.organisation}`

/** The check that the actor acts for the bank's operator (leads the operator organisation). */
const operatorOnly =
  (c: BankCommand, registry: RegistryState, bank: Bank): Check =>
  () =>
    refuseWhen(
      !actsFor(registry, c.actor, { kind: 'organisation', organisation: bank.operator }),
      () => forbidden(c.actor, c.type, [`a leader of ${bank.operator}`]),
    )

/** The check that the actor acts for the holder of `account` (the operator does not). */
const holderOnly =
  (c: BankCommand, registry: RegistryState, account: Account): Check =>
  () =>
    refuseWhen(account.holder === null || !actsFor(registry, c.actor, account.holder), () =>
      forbidden(c.actor, c.type, [holderRole(account)]),
    )

/** The check that `account` is of one of `kinds` (rule `account-kind`). */
const ofKind =
  (account: Account, kinds: ReadonlyArray<AccountKind>, as: string): Check =>
  () =>
    refuseWhen(!kinds.includes(account.kind), () =>
      ruleViolation(
        'account-kind',
        `${account.id} is a ${account.kind} account; ${as} must be ${kinds.join(' or ')}`,
      ),
    )

/** The check that `account` holds at least `points` (rule `insufficient-points`). */
const covers =
  (account: Account, points: number): Check =>
  () =>
    refuseWhen(account.balance < points, () =>
      ruleViolation(
        'insufficient-points',
        `${account.id} holds ${account.balance} points, fewer than ${points}`,
      ),
    )

/**
 * The check that `holder`, when an organisation, is active (rule `holder-dissolved`): `asWhat`
 * says what the account is for, in the refusal.
 */
const holderActive =
  (registry: RegistryState, holder: PartyRef | null, asWhat: string): Check =>
  () => {
    if (holder === null || holder.kind !== 'organisation') return E.right(undefined)
    const organisation = lookup(registry.organisations, holder.organisation)
    return refuseWhen(organisation !== undefined && organisation.status !== 'active', () =>
      ruleViolation('holder-dissolved', `${holder.organisation}, ${asWhat}, is dissolved`),
    )
  }

/** The account of `bank` under `id`; an account of another bank is not found here. */
const accountOf = (
  s: IntegrationState,
  bank: Bank,
  id: AccountId,
): E.Either<DomainError, Account> => {
  const account = lookup(s.accounts, id)
  return account === undefined || account.bank !== bank.id
    ? E.left(notFound('account', `${id} of ${bank.id}`))
    : E.right(account)
}

// ---------------------------------------------------------------------------------------------

const openBank = (c: Cmd<'openBank'>, s: IntegrationState, x: IntegrationContext): Decision => {
  const registry = x.embedding.registry
  return decideWith(
    [
      () => refuseWhen(lookup(s.banks, c.bank) !== undefined, () => alreadyExists('bank', c.bank)),
      placeKnown(registry, c.place),
      registrarOver(registry, c, c.place),
      () => {
        const operator = lookup(registry.organisations, c.operator)
        if (operator === undefined) return E.left(notFound('organisation', c.operator))
        return refuseWhen(operator.status === 'dissolved', () =>
          ruleViolation('operator-dissolved', `${c.operator} is dissolved`),
        )
      },
      () =>
        refuseWhen(lookup(s.accounts, c.issuanceAccount) !== undefined, () =>
          alreadyExists('account', c.issuanceAccount),
        ),
    ],
    () =>
      E.right([
        {
          type: 'bankOpened',
          ...stamp(c),
          bank: c.bank,
          name: c.name,
          place: c.place,
          operator: c.operator,
          pointsPerHour: c.pointsPerHour,
          issuanceAccount: c.issuanceAccount,
        },
      ]),
  )
}

const openAccount = (
  c: Cmd<'openAccount'>,
  s: IntegrationState,
  x: IntegrationContext,
  bank: Bank,
): Decision => {
  const registry = x.embedding.registry
  return decideWith(
    [
      operatorOnly(c, registry, bank),
      () =>
        refuseWhen(lookup(s.accounts, c.account) !== undefined, () =>
          alreadyExists('account', c.account),
        ),
      () => refuseWhen(!hasParty(registry, c.holder), () => partyNotFound(c.holder)),
      holderActive(registry, c.holder, 'the holder of a new account'),
      () =>
        refuseWhen(c.kind !== 'provider' && c.holder.kind !== 'person', () =>
          ruleViolation('holder-kind', `A ${c.kind} account is held by a person`),
        ),
      () => {
        const twin = valuesOf(s.accounts).find(
          (a) =>
            a.bank === bank.id &&
            a.kind === c.kind &&
            a.holder !== null &&
            sameParty(a.holder, c.holder),
        )
        return refuseWhen(twin !== undefined, () =>
          ruleViolation(
            'one-account-per-holder',
            `The holder already has ${c.kind} account ${twin?.id ?? ''} in ${bank.id}`,
          ),
        )
      },
    ],
    () =>
      E.right([
        {
          type: 'accountOpened',
          ...stamp(c),
          bank: bank.id,
          account: c.account,
          kind: c.kind,
          holder: c.holder,
          name: c.name,
        },
      ]),
  )
}

/** Points for `minutes` of service at `pointsPerHour`: whole points, rounded down. */
const pointsFor = (minutes: number, pointsPerHour: number): number =>
  Math.floor((minutes * pointsPerHour) / 60)

const issuePoints = (
  c: Cmd<'issuePoints'>,
  s: IntegrationState,
  x: IntegrationContext,
  bank: Bank,
): Decision => {
  const registry = x.embedding.registry
  const team = lookup(s.teams, c.team)
  if (team === undefined) return E.left(notFound('team', c.team))
  const record = lookup(s.records, c.record)
  if (record === undefined || record.team !== team.id)
    return E.left(notFound('service record', `${c.record} of ${team.id}`))
  const points = pointsFor(record.minutes, bank.pointsPerHour)
  return E.chainW((account: Account) =>
    decideWith(
      [
        operatorOnly(c, registry, bank),
        // A bank pays for service where it sits: not another community's team at its own rate.
        () =>
          refuseWhen(!isWithin(registry, team.place, bank.place), () =>
            ruleViolation(
              'team-outside-bank',
              `Team ${team.id} (${team.place.level} ${team.place.id}) is outside the place of ` +
                `${bank.id} (${bank.place.level} ${bank.place.id})`,
            ),
          ),
        ofKind(account, ['volunteer'], 'an account paid for service'),
        () =>
          refuseWhen(
            account.holder?.kind !== 'person' || account.holder.person !== record.volunteer,
            () =>
              ruleViolation(
                'not-holders-record',
                `${account.id} is not held by ${record.volunteer}, who served ${record.id}`,
              ),
          ),
        // Verified → rewarded: an unverified record, or one paid already, is an IllegalTransition.
        () => recordMachine.next(record.status, 'issuePoints'),
        () =>
          refuseWhen(points < 1, () =>
            ruleViolation(
              'no-points',
              `${record.minutes} minutes at ${bank.pointsPerHour} points an hour earn no whole point`,
            ),
          ),
      ],
      () =>
        E.right([
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
    ),
  )(accountOf(s, bank, c.account))
}

const redeemPoints = (
  c: Cmd<'redeemPoints'>,
  s: IntegrationState,
  x: IntegrationContext,
  bank: Bank,
): Decision => {
  const registry = x.embedding.registry
  return E.chainW(([from, provider]: readonly [Account, Account]) =>
    decideWith(
      [
        holderOnly(c, registry, from),
        ofKind(from, ['volunteer', 'family'], 'an account redeemed from'),
        ofKind(provider, ['provider'], 'the account of a living service'),
        holderActive(registry, provider.holder, `the provider of ${provider.id}`),
        // Paying oneself is no redemption: the points would count as spent and stay put.
        () =>
          refuseWhen(
            provider.holder !== null &&
              ((from.holder !== null && sameParty(from.holder, provider.holder)) ||
                actsFor(registry, c.actor, provider.holder)),
            () =>
              ruleViolation(
                'redeems-to-self',
                `${c.actor} holds or acts for both ${from.id} and the provider ${provider.id}`,
              ),
          ),
        covers(from, c.points),
      ],
      () =>
        E.right([
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
    ),
  )(bothAccounts(s, bank, c.from, c.provider))
}

const donatePoints = (
  c: Cmd<'donatePoints'>,
  s: IntegrationState,
  x: IntegrationContext,
  bank: Bank,
): Decision =>
  E.chainW(([from, to]: readonly [Account, Account]) =>
    decideWith(
      [
        holderOnly(c, x.embedding.registry, from),
        ofKind(from, ['volunteer'], 'an account donated from'),
        ofKind(to, ['family'], 'an account donated to'),
        // A gift to oneself is no gift: it would count as donated while the points stay put.
        () =>
          refuseWhen(
            from.holder !== null && to.holder !== null && sameParty(from.holder, to.holder),
            () => ruleViolation('donates-to-self', `${from.id} and ${to.id} have one holder`),
          ),
        covers(from, c.points),
      ],
      () =>
        E.right([
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
    ),
  )(bothAccounts(s, bank, c.from, c.to))

/** The two accounts of a movement between holders, both of `bank`. */
const bothAccounts = (
  s: IntegrationState,
  bank: Bank,
  a: AccountId,
  b: AccountId,
): E.Either<DomainError, readonly [Account, Account]> =>
  E.chain((first: Account) =>
    E.map((second: Account) => [first, second] as const)(accountOf(s, bank, b)),
  )(accountOf(s, bank, a))

/**
 * Decides a command of the points bank (公益银行), with the street's registry as context (who
 * leads the operator, who holds which account).
 */
export const decideBank = (
  c: BankCommand,
  s: IntegrationState,
  x: IntegrationContext,
): Decision => {
  if (c.type === 'openBank') return openBank(c, s, x)
  const bank = lookup(s.banks, c.bank)
  if (bank === undefined) return E.left(notFound('bank', c.bank))
  if (c.type === 'openAccount') return openAccount(c, s, x, bank)
  // Every movement has its own id: a movement is never edited or written twice.
  if (lookup(s.movements, c.movement) !== undefined)
    return E.left(alreadyExists('movement', c.movement))
  switch (c.type) {
    case 'issuePoints':
      return issuePoints(c, s, x, bank)
    case 'redeemPoints':
      return redeemPoints(c, s, x, bank)
    case 'donatePoints':
      return donatePoints(c, s, x, bank)
  }
}

// ---------------------------------------------------------------------------------------------
// The reducer

const movementKind = (e: MovementEvent): MovementKind =>
  e.type === 'pointsIssued' ? 'issue' : e.type === 'pointsRedeemed' ? 'redeem' : 'donate'

/**
 * What a movement does to an account's normal balance: the issuance account is debit-normal (a
 * debit adds to the points issued), every holder's account credit-normal (a debit spends points).
 */
const signedChange = (kind: AccountKind, side: 'debit' | 'credit', points: number): number =>
  (side === 'debit') === (kind === 'issuance') ? points : -points

/**
 * Folds an event of the points bank (公益银行) into the street's integration: an immer recipe that
 * trusts its events and never refuses one. A movement is kept, and its points are added to both
 * accounts' normal balances (the issuance account's grows with a debit, a holder's shrinks).
 */
export const applyBankEvent = (
  draft: Draft<IntegrationState>,
  e: Evt<'bankOpened' | 'accountOpened' | 'pointsIssued' | 'pointsRedeemed' | 'pointsDonated'>,
): void => {
  switch (e.type) {
    case 'bankOpened':
      insert(draft.banks, e.bank, {
        id: e.bank,
        name: e.name,
        place: { ...e.place },
        operator: e.operator,
        pointsPerHour: e.pointsPerHour,
        issuance: e.issuanceAccount,
        openedAt: e.at,
      })
      insert(draft.accounts, e.issuanceAccount, {
        id: e.issuanceAccount,
        bank: e.bank,
        kind: 'issuance',
        holder: null,
        name: issuanceName(e.name),
        balance: 0,
        openedAt: e.at,
      })
      return
    case 'accountOpened':
      insert(draft.accounts, e.account, {
        id: e.account,
        bank: e.bank,
        kind: e.kind,
        holder: { ...e.holder },
        name: e.name,
        balance: 0,
        openedAt: e.at,
      })
      return
    case 'pointsIssued':
    case 'pointsRedeemed':
    case 'pointsDonated': {
      insert(draft.movements, e.movement, {
        id: e.movement,
        bank: e.bank,
        kind: movementKind(e),
        debit: e.debit,
        credit: e.credit,
        points: e.points,
        memo: e.memo,
        record: e.type === 'pointsIssued' ? e.record : null,
        at: e.at,
        actor: e.actor,
      })
      const debit = draftOf(draft.accounts, e.debit)
      if (debit !== undefined) debit.balance += signedChange(debit.kind, 'debit', e.points)
      const credit = draftOf(draft.accounts, e.credit)
      if (credit !== undefined) credit.balance += signedChange(credit.kind, 'credit', e.points)
      if (e.type === 'pointsIssued') {
        const record = draftOf(draft.records, e.record)
        if (record !== undefined) {
          record.status = 'rewarded'
          record.rewardedBy = e.movement
        }
      }
      return
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

/** An account of a bank with its balance (积分余额): what {@link balances} lists. */
export interface AccountBalance {
  readonly account: AccountId
  readonly kind: AccountKind
  /** Who holds it; null for the issuance account. */
  readonly holder: PartyRef | null
  readonly name: string
  /** The account's normal balance: points issued for the issuance account, points held otherwise. */
  readonly balance: number
}

/**
 * Every account of a bank with its balance (积分余额), sorted by account id: the issuance
 * account's balance is the points issued, every other's the points it holds.
 *
 * @example
 * ```ts
 * import { balances, BankId, emptyIntegration } from 'governance-kit'
 * balances(emptyIntegration, BankId.make('b-j')) // []
 * // once open and paying: [{ account: 'a-issue', kind: 'issuance', balance: 30, … },
 * //   { account: 'a-m2', kind: 'volunteer', holder: { kind: 'person', person: 'm-2' }, balance: 30, … }]
 * ```
 */
export const balances = (state: IntegrationState, bank: BankId): ReadonlyArray<AccountBalance> =>
  valuesOf(state.accounts)
    .filter((a) => a.bank === bank)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((a) => ({
      account: a.id,
      kind: a.kind,
      holder: a.holder,
      name: a.name,
      balance: a.balance,
    }))

/** One line of an account's statement (对账单): a movement, its signed change and the balance after. */
export interface StatementLine {
  readonly movement: MovementId
  readonly at: Instant
  readonly kind: MovementKind
  /** The other account of the movement. */
  readonly counterpart: AccountId
  /** What the movement did to the account's balance: positive when it added points. */
  readonly change: number
  /** The account's balance after the movement. */
  readonly balance: number
  readonly memo: string
  readonly actor: PersonId
}

/** An account's movements in time order, then by movement id. */
const movementsOf = (state: IntegrationState, account: AccountId) =>
  valuesOf(state.movements)
    .filter((m) => m.debit === account || m.credit === account)
    .sort((a, b) => compareInstants(a.at, b.at) || a.id.localeCompare(b.id))

/**
 * An account's statement (对账单): its movements in time order (then by id), each with its signed
 * change to the account and the running balance; empty for an account that does not exist. The
 * last line's balance is the account's balance.
 *
 * @example
 * ```ts
 * import { statement, AccountId, emptyIntegration } from 'governance-kit'
 * statement(emptyIntegration, AccountId.make('a-m2')) // []
 * // after 30 points issued and 10 redeemed at the barber's:
 * // [{ kind: 'issue', change: 30, balance: 30, … }, { kind: 'redeem', change: -10, balance: 20, … }]
 * ```
 */
export const statement = (
  state: IntegrationState,
  account: AccountId,
): ReadonlyArray<StatementLine> => {
  const own = lookup(state.accounts, account)
  if (own === undefined) return []
  let balance = 0
  return movementsOf(state, account).map((m) => {
    const side = m.debit === account ? 'debit' : 'credit'
    const change = signedChange(own.kind, side, m.points)
    balance += change
    return {
      movement: m.id,
      at: m.at,
      kind: m.kind,
      counterpart: side === 'debit' ? m.credit : m.debit,
      change,
      balance,
      memo: m.memo,
      actor: m.actor,
    }
  })
}

/** The totals of a bank's ledger (积分总账): what {@link ledgerTotals} returns. */
export interface LedgerTotals {
  /** Points issued for verified service (发行). */
  readonly issued: number
  /** Points redeemed for living services (兑换). */
  readonly redeemed: number
  /** Points donated to families in need (捐赠). */
  readonly donated: number
  /** Points held now, by kind of holder. */
  readonly held: {
    readonly volunteers: number
    readonly families: number
    readonly providers: number
  }
  /** Points still to be spent: held by volunteers and families (providers' are redeemed). */
  readonly inCirculation: number
  /**
   * Whether the ledger balances: recomputed from the movements alone, the points issued equal the
   * points every holder's account holds (conservation), every balance is non-negative, and every
   * account's stored balance equals its recomputed one.
   */
  readonly balanced: boolean
}

/**
 * The totals of a bank's ledger (积分总账), recomputed from its movements (not read from the
 * stored balances, which `balanced` checks against them): points issued, redeemed and donated,
 * held by volunteers, families and providers, and whether the ledger balances.
 *
 * @example
 * ```ts
 * import { ledgerTotals, BankId, emptyIntegration } from 'governance-kit'
 * ledgerTotals(emptyIntegration, BankId.make('b-j')).balanced // true: nothing issued, nothing held
 * ```
 */
export const ledgerTotals = (state: IntegrationState, bank: BankId): LedgerTotals => {
  const accounts = valuesOf(state.accounts).filter((a) => a.bank === bank)
  const kinds = new Map<AccountId, AccountKind>(accounts.map((a) => [a.id, a.kind]))
  const recomputed = new Map<AccountId, number>(accounts.map((a) => [a.id, 0]))
  const moved = { issue: 0, redeem: 0, donate: 0 }
  let wellFormed = true
  for (const m of valuesOf(state.movements)) {
    if (m.bank !== bank) continue
    moved[m.kind] += m.points
    const debitKind = kinds.get(m.debit)
    const creditKind = kinds.get(m.credit)
    // A movement whose accounts are not the bank's, or that issues into the issuance account
    // itself, cannot balance.
    if (debitKind === undefined || creditKind === undefined || m.debit === m.credit) {
      wellFormed = false
      continue
    }
    recomputed.set(
      m.debit,
      (recomputed.get(m.debit) ?? 0) + signedChange(debitKind, 'debit', m.points),
    )
    recomputed.set(
      m.credit,
      (recomputed.get(m.credit) ?? 0) + signedChange(creditKind, 'credit', m.points),
    )
  }
  const held = { volunteers: 0, families: 0, providers: 0 }
  let issuance = 0
  for (const a of accounts) {
    const balance = recomputed.get(a.id) ?? 0
    if (a.kind === 'issuance') issuance += balance
    else if (a.kind === 'volunteer') held.volunteers += balance
    else if (a.kind === 'family') held.families += balance
    else held.providers += balance
  }
  const holders = held.volunteers + held.families + held.providers
  const balanced =
    wellFormed &&
    issuance === moved.issue &&
    holders === moved.issue &&
    accounts.every((a) => {
      const balance = recomputed.get(a.id) ?? 0
      return balance >= 0 && balance === a.balance
    })
  return {
    issued: moved.issue,
    redeemed: moved.redeem,
    donated: moved.donate,
    held,
    inCirculation: held.volunteers + held.families,
    balanced,
  }
}
