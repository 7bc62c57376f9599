/**
 * What a co-governance council 共治议事会 looks like from its hall and the registry: the council a
 * hall carries, the balance of its migrant and local representatives who act now, and whether its
 * chair leads the council branch 议事会党支部. The council's rules read these same counts.
 *
 * @module
 */
import { valuesOf, type HallId, type OrganisationId, type PersonId } from '../../core/index.js'
import { holdersOf, type RegistryState } from '../../community/index.js'
import { actingRepresentatives, rosterBalance, type HallState } from '../../deliberation/index.js'
import type { Council } from '../codecs/index.js'
import type { IntegrationState } from '../state.js'

/** The council carried by a hall, if any. @category Queries */
export const councilOfHall = (state: IntegrationState, hall: HallId): Council | undefined =>
  valuesOf(state.councils).find((c) => c.hall === hall)

/**
 * Whether `person` is a secretary of `branch` now (exactly that branch's secretary).
 *
 * @category Queries
 */
export const isSecretaryOf = (
  registry: RegistryState,
  person: PersonId,
  branch: OrganisationId,
): boolean =>
  holdersOf(registry, 'secretary', { level: 'organisation', id: branch }).some(
    (a) => a.person === person,
  )

/** Migrant and local representatives of a council's hall who act now. @category Queries */
export interface CouncilBalance {
  readonly migrant: number
  readonly local: number
}

/**
 * Migrant and local representatives of a hall who act now, counted through the registry: a
 * resident representative who has moved away or left the street is not counted (the hall's
 * `actingRepresentatives`, the same count as its balance rule).
 *
 * @category Queries
 */
export const balanceOf = (registry: RegistryState, hall: HallState | null): CouncilBalance =>
  // The hall's own count of the balance rule, so the council and the hall never count apart.
  rosterBalance(
    registry,
    hall === null ? [] : actingRepresentatives(hall, registry).map((r) => r.person),
  )

/**
 * Whether migrant and local representatives are no further apart than `tolerance`.
 *
 * @category Queries
 */
export const withinTolerance = (balance: CouncilBalance, tolerance: number): boolean =>
  Math.abs(balance.migrant - balance.local) <= tolerance

/**
 * A council's make-up: its seats, and the balance of migrant and local representatives.
 *
 * @category Queries
 */
export interface CouncilComposition {
  readonly council: Council
  /** The seats its hall's charter sets (null if the charter was amended to drop them). */
  readonly seats: number | null
  /**
   * The representatives who act now (`migrant + local`): a resident representative who has moved
   * away or left the street keeps a seat until removed, but is not counted here.
   */
  readonly representatives: number
  readonly migrant: number
  readonly local: number
  /** How far apart migrant and local seats may be (null if the charter dropped the rule). */
  readonly tolerance: number | null
  /** Whether migrant and local representatives are within the tolerance. */
  readonly balanced: boolean
  /** Seats no one holds (a seat is held until its representative is removed, acting or not). */
  readonly vacancies: number | null
  /** The hall's chair, and whether they are still a secretary of the council branch. */
  readonly chair: PersonId | null
  readonly chairIsBranchSecretary: boolean
}

/**
 * A council's composition 议事会构成, read from its hall and the registry: seats, migrant and
 * local representatives, whether they are in balance (seed 000: "来穗人员与本地居民代表在议事会中
 * 所占比例基本保持一致"), and whether the chair still leads the council branch.
 *
 * @example
 * ```ts
 * // @check types-only
 * import type { RegistryState } from 'governance-kit/community'
 * import type { HallState } from 'governance-kit/deliberation'
 * import { councilComposition, type Council } from 'governance-kit/integration'
 * declare const council: Council // from the street's integration state
 * declare const hallState: HallState // the council's hall
 * declare const registry: RegistryState // the street's registry
 * councilComposition(council, hallState, registry).balanced
 * ```
 *
 * @category Queries
 */
export const councilComposition = (
  council: Council,
  hall: HallState,
  registry: RegistryState,
): CouncilComposition => {
  const balance = balanceOf(registry, hall)
  const charter = hall.hall?.charter
  const tolerance = charter?.balance?.tolerance ?? null
  const seats = charter?.seats ?? null
  const chair = hall.hall?.chair ?? null
  return {
    council,
    seats,
    representatives: balance.migrant + balance.local,
    migrant: balance.migrant,
    local: balance.local,
    tolerance,
    balanced: tolerance === null || withinTolerance(balance, tolerance),
    vacancies: seats === null ? null : Math.max(0, seats - valuesOf(hall.representatives).length),
    chair,
    chairIsBranchSecretary: chair !== null && isSecretaryOf(registry, chair, council.branch),
  }
}
