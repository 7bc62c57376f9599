/**
 * The points bank's ledger 积分总账, read back: every account's balance 积分余额, an account's
 * statement 对账单 with its running balance, and the ledger's totals recomputed from its movements
 * (and whether it balances).
 *
 * @module
 */
import {
  compareInstants,
  lookup,
  valuesOf,
  type AccountId,
  type BankId,
  type Instant,
  type MovementId,
  type PersonId,
} from '../../core/index.js'
import type { PartyRef } from '../../community/index.js'
import type { AccountKind, MovementKind } from '../codecs/index.js'
import { signedChange } from '../points.js'
import type { IntegrationState } from '../state.js'

/** An account of a bank with its balance (积分余额): what {@link balances} lists. @category Queries */
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
 * import { BankId } from 'governance-kit/codec'
 * import { balances, emptyIntegration } from 'governance-kit/integration'
 * balances(emptyIntegration, BankId.make('b-j')) // []
 * // once open and paying: [{ account: 'a-issue', kind: 'issuance', balance: 30, … },
 * //   { account: 'a-m2', kind: 'volunteer', holder: { kind: 'person', person: 'm-2' }, balance: 30, … }]
 * ```
 *
 * @category Queries
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

/**
 * One line of an account's statement (对账单): a movement, its signed change and the balance after.
 *
 * @category Queries
 */
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
 * import { AccountId } from 'governance-kit/codec'
 * import { statement, emptyIntegration } from 'governance-kit/integration'
 * statement(emptyIntegration, AccountId.make('a-m2')) // []
 * // after 30 points issued and 10 redeemed at the barber's:
 * // [{ kind: 'issue', change: 30, balance: 30, … }, { kind: 'redeem', change: -10, balance: 20, … }]
 * ```
 *
 * @category Queries
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

/** The totals of a bank's ledger (积分总账): what {@link ledgerTotals} returns. @category Queries */
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
 * import { BankId } from 'governance-kit/codec'
 * import { ledgerTotals, emptyIntegration } from 'governance-kit/integration'
 * ledgerTotals(emptyIntegration, BankId.make('b-j')).balanced // true: nothing issued, nothing held
 * ```
 *
 * @category Queries
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
