/**
 * S Street's "five ones" 五个一工程 (seed 000, launched July 2015): the one reading across every
 * vehicle of integration — which of the five a street or a community has, and which it lacks.
 *
 * @module
 */
import {
  lookup,
  valuesOf,
  type CouncilId,
  type OrganisationId,
  type SchoolId,
  type StationId,
  type TeamId,
} from '../core/index.js'
import { isWithin, type RegistryState } from '../community/index.js'
import type { VehiclePlace } from './codecs/index.js'
import type { IntegrationState } from './state.js'

/**
 * The five vehicles of S Street's "five ones" project 五个一工程 (seed 000, launched July 2015):
 * an integration workstation 社区融合工作站 (modelled by the one-stop service station), a
 * co-governance council 共治议事会, a volunteer team of migrants 来穗人员志愿者服务队, an
 * integration school 融合学堂 and a migrant party branch 来穗人员党支部 (a floating branch).
 *
 * @category Queries
 */
export const fiveOnesItems = [
  'workstation',
  'council',
  'volunteer-team',
  'school',
  'migrant-branch',
] as const

/** One of the "five ones". @category Queries */
export type FiveOnesItem = (typeof fiveOnesItems)[number]

/** Which of the "five ones" a street or community has, and which it lacks. @category Queries */
export interface FiveOnes {
  readonly place: VehiclePlace
  /** The vehicles found of each kind (ids, sorted). */
  readonly found: {
    readonly workstation: ReadonlyArray<StationId>
    readonly council: ReadonlyArray<CouncilId>
    readonly 'volunteer-team': ReadonlyArray<TeamId>
    readonly school: ReadonlyArray<SchoolId>
    readonly 'migrant-branch': ReadonlyArray<OrganisationId>
  }
  /** The items with no vehicle, in the order of {@link fiveOnesItems}. */
  readonly missing: ReadonlyArray<FiveOnesItem>
  /** Whether all five exist. */
  readonly complete: boolean
}

const sorted = <T extends string>(ids: ReadonlyArray<T>): ReadonlyArray<T> =>
  [...ids].sort((a, b) => a.localeCompare(b))

/**
 * Which of the "five ones" exist at a street or a community, and which are missing: a vehicle
 * counts where it sits or anywhere inside the place (a community's council counts for its street;
 * the street's school does not count for one community). Teams that were disbanded, party
 * branches that were dissolved, councils whose branch and schools whose leading organisation was
 * dissolved do not count.
 *
 * @example
 * ```ts
 * // @check types-only
 * import { StreetId } from 'governance-kit/codec'
 * import type { RegistryState } from 'governance-kit/community'
 * import { fiveOnes, type IntegrationState } from 'governance-kit/integration'
 * declare const integrationState: IntegrationState // the street's integration stream
 * declare const registry: RegistryState // the street's registry
 * const report = fiveOnes(integrationState, registry, { level: 'street', id: StreetId.make('s-street') })
 * report.missing // e.g. ['school']
 * ```
 *
 * @category Queries
 */
export const fiveOnes = (
  state: IntegrationState,
  registry: RegistryState,
  place: VehiclePlace,
): FiveOnes => {
  const inside = (at: Parameters<typeof isWithin>[1]) => isWithin(registry, at, place)
  const active = (organisation: OrganisationId) =>
    lookup(registry.organisations, organisation)?.status === 'active'
  const found = {
    workstation: sorted(
      valuesOf(state.stations)
        .filter((s) => inside(s.place))
        .map((s) => s.id),
    ),
    council: sorted(
      valuesOf(state.councils)
        .filter((c) => active(c.branch) && inside(c.place))
        .map((c) => c.id),
    ),
    'volunteer-team': sorted(
      valuesOf(state.teams)
        .filter((t) => t.disbandedAt === null && inside(t.place))
        .map((t) => t.id),
    ),
    school: sorted(
      valuesOf(state.schools)
        .filter((s) => active(s.ledBy) && inside(s.place))
        .map((s) => s.id),
    ),
    'migrant-branch': sorted(
      valuesOf(registry.organisations)
        .filter(
          (o) =>
            o.kind === 'party-branch' &&
            o.branch.kind === 'floating' &&
            o.status === 'active' &&
            inside(o.seat),
        )
        .map((o) => o.id),
    ),
  }
  const missing = fiveOnesItems.filter((item) => found[item].length === 0)
  return { place, found, missing, complete: missing.length === 0 }
}
