/**
 * The codecs of the volunteer points bank 公益银行 (seed 002): the bank, its accounts 积分账户 and
 * the movements of points 积分流水 between them; their commands and events.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  AccountId,
  BankId,
  Instant,
  MovementId,
  OrganisationId,
  PersonId,
  ServiceRecordId,
  StreetId,
  TeamId,
  command,
  event,
  integer,
  oneOf,
  orNull,
  struct,
} from '../../core/index.js'
import { Description, Name, PartyRef } from '../../community/index.js'
import { VehiclePlace } from './place.js'

/**
 * A volunteer points bank 公益银行 (seed 002): run by an operator organisation (J community's by
 * the community party committee with a social-work centre), paying `pointsPerHour` for verified
 * service. `issuance` is its issuance account, the one account from which points come into being.
 *
 * @category State
 */
export const Bank = struct('Bank', {
  id: BankId,
  name: Name,
  place: VehiclePlace,
  operator: OrganisationId,
  pointsPerHour: integer(1, 100),
  issuance: AccountId,
  openedAt: Instant,
})
/** A volunteer points bank. @category State */
export type Bank = t.TypeOf<typeof Bank>

/**
 * The kinds of account of a points bank: the bank's issuance account 发行账户 (debit-normal: its
 * balance is the points issued), a volunteer's 志愿者, a family in need's 困难家庭 (receives
 * donations, redeems them), and a provider's of living services 生活服务商 (receives redemptions).
 *
 * @category State
 */
export const AccountKind = oneOf(['issuance', 'volunteer', 'family', 'provider'], 'AccountKind')
/** A kind of account. @category State */
export type AccountKind = t.TypeOf<typeof AccountKind>

/**
 * The account kinds a bank's operator opens for holders (the issuance account comes with the bank).
 *
 * @category State
 */
export const HolderAccountKind = oneOf(['volunteer', 'family', 'provider'], 'HolderAccountKind')
/** An account kind the operator opens. @category State */
export type HolderAccountKind = t.TypeOf<typeof HolderAccountKind>

/** Points: a whole number from 1 to 1,000,000 per movement. @category State */
export const Points = integer(1, 1_000_000)

/**
 * An account of a points bank 积分账户. `balance` is its normal balance, never negative: for the
 * issuance account the points issued, for every other the points it holds. It is derived from the
 * movements and kept with the account so that a movement is checked without a scan.
 *
 * @category State
 */
export const Account = struct('Account', {
  id: AccountId,
  bank: BankId,
  kind: AccountKind,
  /** Who holds it; null for the issuance account (the bank's own). */
  holder: orNull(PartyRef),
  name: Name,
  balance: integer(0, Number.MAX_SAFE_INTEGER),
  openedAt: Instant,
})
/** An account of a points bank. @category State */
export type Account = t.TypeOf<typeof Account>

/**
 * What a movement is: an issuance 发行 for verified service, a redemption 兑换 for a living
 * service, or a donation 捐赠 to a family in need.
 *
 * @category State
 */
export const MovementKind = oneOf(['issue', 'redeem', 'donate'], 'MovementKind')
/** What a movement is. @category State */
export type MovementKind = t.TypeOf<typeof MovementKind>

/**
 * A movement of points 积分流水: it debits one account and credits another with the same points
 * (double entry). Movements are never edited; balances are their sum.
 *
 * @category State
 */
export const Movement = struct('Movement', {
  id: MovementId,
  bank: BankId,
  kind: MovementKind,
  debit: AccountId,
  credit: AccountId,
  points: Points,
  memo: Description,
  /** For an issuance: the service record it pays. */
  record: orNull(ServiceRecordId),
  at: Instant,
  actor: PersonId,
})
/** A movement of points. @category State */
export type Movement = t.TypeOf<typeof Movement>

const onBank = { street: StreetId, bank: BankId }

/** Opens a points bank with its operator, rate and issuance account. @category Commands */
export const OpenBank = command('openBank', {
  ...onBank,
  name: Name,
  place: VehiclePlace,
  operator: OrganisationId,
  pointsPerHour: integer(1, 100),
  issuanceAccount: AccountId,
})
/**
 * The bank's operator opens an account for a volunteer, a family in need or a provider.
 *
 * @category Commands
 */
export const OpenAccount = command('openAccount', {
  ...onBank,
  account: AccountId,
  kind: HolderAccountKind,
  holder: PartyRef,
  name: Name,
})
/**
 * The operator issues points for a verified service record, at the bank's rate.
 *
 * @category Commands
 */
export const IssuePoints = command('issuePoints', {
  ...onBank,
  movement: MovementId,
  account: AccountId,
  team: TeamId,
  record: ServiceRecordId,
})
/** A holder redeems points for a living service from a provider. @category Commands */
export const RedeemPoints = command('redeemPoints', {
  ...onBank,
  movement: MovementId,
  from: AccountId,
  provider: AccountId,
  points: Points,
  service: Description,
})
/** A volunteer donates points to a family in need. @category Commands */
export const DonatePoints = command('donatePoints', {
  ...onBank,
  movement: MovementId,
  from: AccountId,
  to: AccountId,
  points: Points,
  memo: Description,
})

/** The two legs of a movement: the account debited, the account credited, and the points. */
const legs = {
  movement: MovementId,
  bank: BankId,
  debit: AccountId,
  credit: AccountId,
  points: Points,
}

/** The points bank's commands, in their order in `IntegrationCommand`. @category Commands */
export const bankCommands = [
  OpenBank,
  OpenAccount,
  IssuePoints,
  RedeemPoints,
  DonatePoints,
] as const

/** The points bank's events, in their order in `IntegrationEvent`. @category Events */
export const bankEvents = [
  event('bankOpened', {
    bank: BankId,
    name: Name,
    place: VehiclePlace,
    operator: OrganisationId,
    pointsPerHour: integer(1, 100),
    issuanceAccount: AccountId,
  }),
  event('accountOpened', {
    bank: BankId,
    account: AccountId,
    kind: HolderAccountKind,
    holder: PartyRef,
    name: Name,
  }),
  event('pointsIssued', { ...legs, record: ServiceRecordId, memo: Description }),
  event('pointsRedeemed', { ...legs, memo: Description }),
  event('pointsDonated', { ...legs, memo: Description }),
] as const
