/**
 * The volunteer points bank (公益银行, seed 002), value integration's ledger: a bank run by an
 * operator organisation, paying a rate of points for an hour of verified volunteer service, and
 * the accounts 积分账户 it opens for volunteers, families in need (困难家庭) and providers of living
 * services (生活服务商). Opening a bank opens its issuance account (发行账户), the one account
 * from which points come into being. The movements of points between accounts are in
 * `points.ts`.
 *
 * Rules (see {@link integrationRules}): `operator-dissolved`, `holder-kind`, `holder-dissolved`,
 * `one-account-per-holder`.
 *
 * Authority: a registrar over the bank's place opens it; its operator — those who lead the
 * operator organisation (`actsFor` it) — opens accounts.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  alreadyExists,
  forbidden,
  found,
  insert,
  lookup,
  refuseBy,
  refuseWhen,
  stamp,
  valuesOf,
  type AccountId,
  type BankId,
  type DomainError,
} from '../core/index.js'
import {
  actsFor,
  hasParty,
  partyNotFound,
  sameParty,
  type PartyRef,
  type RegistryState,
} from '../community/index.js'
import type { Account, Bank } from './codecs/index.js'
import type { IntegrationHandler, IntegrationHandlers, IntegrationReducers } from './mechanism.js'
import { integrationRules } from './rules.js'
import type { IntegrationState } from './state.js'
import { placeKnown, registrarOver, type Act } from './street.js'

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

/**
 * The bank a command names.
 *
 * @category Checks
 */
export const bankOf = (
  s: IntegrationState,
  c: { readonly bank: BankId },
): E.Either<DomainError, Bank> => found(lookup(s.banks, c.bank), 'bank', c.bank)

/**
 * The account of `bank` under `id`; an account of another bank is not found here.
 *
 * @category Checks
 */
export const accountOf = (
  s: IntegrationState,
  bank: Bank,
  id: AccountId,
): E.Either<DomainError, Account> => {
  const account = lookup(s.accounts, id)
  return found(
    account !== undefined && account.bank === bank.id ? account : undefined,
    'account',
    `${id} of ${bank.id}`,
  )
}

/**
 * That the actor acts for the bank's operator (leads the operator organisation).
 *
 * @category Checks
 */
export const operatorOnly = (
  c: Act,
  registry: RegistryState,
  bank: Bank,
): E.Either<DomainError, void> =>
  refuseWhen(
    !actsFor(registry, c.actor, { kind: 'organisation', organisation: bank.operator }),
    () => forbidden(c.actor, c.type, [`a leader of ${bank.operator}`]),
  )

/**
 * That `holder`, when an organisation, is active (rule `holder-dissolved`): `asWhat` says what
 * the account is for, in the refusal.
 *
 * @category Checks
 */
export const holderActive = (
  registry: RegistryState,
  holder: PartyRef | null,
  asWhat: string,
): E.Either<DomainError, void> => {
  if (holder === null || holder.kind !== 'organisation') return E.right(undefined)
  const organisation = lookup(registry.organisations, holder.organisation)
  return refuseBy(
    integrationRules.holderActive,
    organisation !== undefined && organisation.status !== 'active',
    () => `${holder.organisation}, ${asWhat}, is dissolved`,
  )
}

// ---------------------------------------------------------------------------------------------
// Handlers

const openBank: IntegrationHandler<'openBank'> = (c, s, x) => {
  const registry = x.embedding.registry
  return pipe(
    refuseWhen(lookup(s.banks, c.bank) !== undefined, () => alreadyExists('bank', c.bank)),
    E.flatMap(() => placeKnown(registry, c.place)),
    E.flatMap(() => registrarOver(registry, c, c.place)),
    E.flatMap(() => found(lookup(registry.organisations, c.operator), 'organisation', c.operator)),
    E.flatMap((operator) =>
      refuseBy(
        integrationRules.operatorActive,
        operator.status === 'dissolved',
        () => `${c.operator} is dissolved`,
      ),
    ),
    E.flatMap(() =>
      refuseWhen(lookup(s.accounts, c.issuanceAccount) !== undefined, () =>
        alreadyExists('account', c.issuanceAccount),
      ),
    ),
    E.map(() => [
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

const openAccount: IntegrationHandler<'openAccount'> = (c, s, x) => {
  const registry = x.embedding.registry
  return pipe(
    bankOf(s, c),
    E.tap((bank) => operatorOnly(c, registry, bank)),
    E.tap(() =>
      refuseWhen(lookup(s.accounts, c.account) !== undefined, () =>
        alreadyExists('account', c.account),
      ),
    ),
    E.tap(() => refuseWhen(!hasParty(registry, c.holder), () => partyNotFound(c.holder))),
    E.tap(() => holderActive(registry, c.holder, 'the holder of a new account')),
    E.tap(() =>
      refuseBy(
        integrationRules.holderKind,
        c.kind !== 'provider' && c.holder.kind !== 'person',
        () => `A ${c.kind} account is held by a person`,
      ),
    ),
    E.tap((bank) => {
      const twin = valuesOf(s.accounts).find(
        (a) =>
          a.bank === bank.id &&
          a.kind === c.kind &&
          a.holder !== null &&
          sameParty(a.holder, c.holder),
      )
      return refuseBy(
        integrationRules.oneAccountPerHolder,
        twin !== undefined,
        () => `The holder already has ${c.kind} account ${twin?.id ?? ''} in ${bank.id}`,
      )
    }),
    E.map((bank) => [
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

/**
 * The bank's handlers: opening the bank and its accounts.
 *
 * @category Mechanism
 */
export const bankHandlers: IntegrationHandlers<'openBank' | 'openAccount'> = {
  openBank,
  openAccount,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/**
 * The bank's recipes: a bank opens with its issuance account, at a balance of nothing issued.
 *
 * @category Mechanism
 */
export const bankReducers: IntegrationReducers<'bankOpened' | 'accountOpened'> = {
  bankOpened: (draft, e) => {
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
  },
  accountOpened: (draft, e) => {
    insert(draft.accounts, e.account, {
      id: e.account,
      bank: e.bank,
      kind: e.kind,
      holder: { ...e.holder },
      name: e.name,
      balance: 0,
      openedAt: e.at,
    })
  },
}
