/**
 * What the one-stop station 一站式服务站 records, read back: the gaps in equal access 同等待遇
 * between registered 户籍 and migrant 来穗 residents, in opportunity 机会 and in outcome 结果; the
 * requests 办事申请 filed at a station; and the cross-region arrangements 跨地区协作 in force for a
 * person.
 *
 * @module
 */
import {
  compareInstants,
  lookup,
  valuesOf,
  type PersonId,
  type ServiceId,
  type StationId,
} from '../../core/index.js'
import type { RegistryState } from '../../community/index.js'
import type { Arrangement, Department, Eligibility, Request, Residency } from '../codecs/index.js'
import type { IntegrationState } from '../state.js'

/** A service whose opportunity 机会 differs: open to one kind of resident only. @category Queries */
export interface OpportunityGap {
  readonly service: ServiceId
  readonly name: string
  readonly department: Department
  /** Who is eligible: exactly one of `registered` and `migrant` is true. */
  readonly eligibility: Eligibility
  /** The basis of the recorded legal restriction 法定限制; null when none is recorded. */
  readonly basis: string | null
}

/**
 * The requests 办事申请 of one kind of resident for a service, and how many were served 办结.
 *
 * @category Queries
 */
export interface OutcomeTally {
  /** Requests filed by residents of this kind (their household registration when they filed). */
  readonly filed: number
  /** Of those, how many were served 办结 (referred, refused and pending ones were not). */
  readonly served: number
  /** `served / filed`; null when none were filed. */
  readonly servedShare: number | null
}

/**
 * A service whose outcome 结果 differs: registered and migrant residents are served in different shares.
 *
 * @category Queries
 */
export interface OutcomeGap {
  readonly service: ServiceId
  readonly name: string
  readonly department: Department
  readonly registered: OutcomeTally
  readonly migrant: OutcomeTally
}

/**
 * What differs between registered 户籍 and migrant 来穗 residents at a station (equal access
 * 同等待遇, seed 000): in opportunity 机会 and in outcome 结果.
 *
 * @category Queries
 */
export interface AccessGaps {
  readonly station: StationId
  /**
   * Every catalogued, not withdrawn service open to one kind of resident only, in catalogue
   * order, with the restriction that explains it.
   */
  readonly opportunity: ReadonlyArray<OpportunityGap>
  /**
   * Every catalogued service (withdrawn ones too: their requests keep their outcomes) whose share
   * of requests served differs between the two kinds of resident, in catalogue order. Only
   * services that both kinds requested are compared: one kind alone is no comparison.
   */
  readonly outcome: ReadonlyArray<OutcomeGap>
}

/** Counts of requests filed and served, by service and residency. */
type Counts = Map<ServiceId, Record<Residency, { filed: number; served: number }>>

const tally = (c: { readonly filed: number; readonly served: number }): OutcomeTally => ({
  filed: c.filed,
  served: c.served,
  servedShare: c.filed === 0 ? null : c.served / c.filed,
})

/**
 * The gaps in equal access 同等待遇 at a station between registered 户籍 and migrant 来穗
 * residents: services open to one kind only (opportunity 机会), and services whose requests are
 * served in different shares (outcome 结果), counting each request by the household registration
 * the resident had when filing. Empty for an unknown station.
 *
 * @example
 * ```ts
 * import { StationId } from 'governance-kit/codec'
 * import { accessGaps, emptyIntegration } from 'governance-kit/integration'
 * accessGaps(emptyIntegration, StationId.make('st-1'))
 * // { station: 'st-1', opportunity: [], outcome: [] }
 * // At S Street's station: the minimum living allowance is an opportunity gap (registered only,
 * // with its legal basis); an ID card served for 1 of 2 registered and 2 of 2 migrant requests
 * // is an outcome gap (servedShare 0.5 against 1).
 * ```
 *
 * @category Queries
 */
export const accessGaps = (state: IntegrationState, station: StationId): AccessGaps => {
  const st = lookup(state.stations, station)
  if (st === undefined) return { station, opportunity: [], outcome: [] }
  const opportunity = st.services
    .filter((sv) => sv.withdrawnAt === null && sv.eligibility.registered !== sv.eligibility.migrant)
    .map((sv): OpportunityGap => ({
      service: sv.id,
      name: sv.name,
      department: sv.department,
      eligibility: { ...sv.eligibility },
      basis: sv.restriction?.basis ?? null,
    }))
  const counts: Counts = new Map()
  for (const q of valuesOf(state.requests)) {
    if (q.station !== station) continue
    const byResidency = counts.get(q.service) ?? {
      registered: { filed: 0, served: 0 },
      migrant: { filed: 0, served: 0 },
    }
    byResidency[q.residency].filed += 1
    if (q.status === 'served') byResidency[q.residency].served += 1
    counts.set(q.service, byResidency)
  }
  const outcome = st.services.flatMap((sv): ReadonlyArray<OutcomeGap> => {
    const c = counts.get(sv.id)
    if (c === undefined) return []
    const registered = tally(c.registered)
    const migrant = tally(c.migrant)
    // Only where both kinds asked can their outcomes differ; one kind alone is no comparison
    // (and a service open to one kind only is an opportunity gap already).
    return registered.servedShare === null ||
      migrant.servedShare === null ||
      registered.servedShare === migrant.servedShare
      ? []
      : [{ service: sv.id, name: sv.name, department: sv.department, registered, migrant }]
  })
  return { station, opportunity, outcome }
}

/**
 * The requests 办事申请 filed at a station, in the order they were filed (ties by id).
 *
 * @category Queries
 */
export const requestsOf = (state: IntegrationState, station: StationId): ReadonlyArray<Request> =>
  valuesOf(state.requests)
    .filter((q) => q.station === station)
    .sort(
      (a, b) => compareInstants(a.filedAt, b.filedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )

/**
 * The cross-region arrangements 跨地区协作 in force for a person: those not ended whose home place
 * is the person's household origin (a migrant from Honghu has Honghu's). Empty for a registered
 * resident or a person the registry does not know. In the order they were recorded (ties by id).
 *
 * @example
 * ```ts
 * // @check types-only
 * import { PersonId } from 'governance-kit'
 * import type { RegistryState } from 'governance-kit/community'
 * import { arrangementsFor, type IntegrationState } from 'governance-kit/integration'
 * declare const integrationState: IntegrationState
 * declare const registry: RegistryState
 * // S Street and Honghu put two Guangzhou hospitals on Honghu's insurance list:
 * arrangementsFor(integrationState, registry, PersonId.make('p-wang'))
 * // [{ id: 'ar-honghu', home: 'Honghu, Hubei', benefit: 'medical-insurance', ... }]
 * ```
 *
 * @category Queries
 */
export const arrangementsFor = (
  state: IntegrationState,
  registry: RegistryState,
  person: PersonId,
): ReadonlyArray<Arrangement> => {
  const household = lookup(registry.persons, person)?.household
  if (household?.status !== 'migrant') return []
  return valuesOf(state.arrangements)
    .filter((a) => a.endedAt === null && a.home === household.origin)
    .sort(
      (a, b) =>
        compareInstants(a.recordedAt, b.recordedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
}
