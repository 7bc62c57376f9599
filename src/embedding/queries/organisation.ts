/**
 * Read-side selectors of organisation embedding 组织嵌入: coverage 组织覆盖, the links made by
 * concurrent posts 兼任, and empowerment 组织赋能.
 *
 * @module
 */
import {
  lookup,
  valuesOf,
  type Instant,
  type OrganisationId,
  type PersonId,
} from '../../core/index.js'
import {
  concurrentPosts,
  isWithin,
  livesWithin,
  scopeKey,
  type Organisation,
  type PlaceRef,
  type RoleKind,
} from '../../community/index.js'
import { enrolledStates } from '../machine.js'
import type { EmbeddingState } from '../state.js'

// ---------------------------------------------------------------------------------------------
// Coverage

/**
 * A place that coverage counts, and the party organisations over it.
 *
 * @category Queries
 */
export interface CoverageLine {
  readonly place: PlaceRef
  readonly name: string
  /** Active party organisations that cover it; empty when it is not covered. */
  readonly coveredBy: ReadonlyArray<OrganisationId>
}

/**
 * A social organisation, and the active party branches inside it.
 *
 * @category Queries
 */
export interface SocialOrganisationCoverage {
  readonly organisation: OrganisationId
  readonly name: string
  readonly coveredBy: ReadonlyArray<OrganisationId>
}

/**
 * How many of a kind of unit have a party organisation over them.
 *
 * @category Queries
 */
export interface CoverageCount<L> {
  readonly total: number
  readonly covered: number
  /** `covered / total`, in [0, 1]; null when there is nothing to cover. */
  readonly ratio: number | null
  /** Every unit, covered or not, in registry order. */
  readonly lines: ReadonlyArray<L>
  /** The units with no organisation over them. */
  readonly uncovered: ReadonlyArray<L>
}

/**
 * Organisation coverage 组织覆盖 of a street or one of its places: grids with a party branch or
 * group of their own, buildings (entrances 楼门) with a party group or branch at the entrance or
 * its compound, and social organisations with a party branch inside them — the chain community
 * branch → grid branch → party group → building.
 *
 * @category Queries
 */
export interface Coverage {
  readonly grids: CoverageCount<CoverageLine>
  readonly buildings: CoverageCount<CoverageLine>
  readonly socialOrganisations: CoverageCount<SocialOrganisationCoverage>
}

/** An active party branch or group: what covers a grid or building. */
const isPartyUnit = (o: Organisation): boolean =>
  o.status === 'active' && (o.kind === 'party-branch' || o.kind === 'party-group')

const count = <L extends { readonly coveredBy: ReadonlyArray<OrganisationId> }>(
  lines: ReadonlyArray<L>,
): CoverageCount<L> => {
  const uncovered = lines.filter((l) => l.coveredBy.length === 0)
  const covered = lines.length - uncovered.length
  return {
    total: lines.length,
    covered,
    ratio: lines.length === 0 ? null : covered / lines.length,
    lines,
    uncovered,
  }
}

const byName = <T extends { readonly name: string }>(a: T, b: T): number =>
  a.name.localeCompare(b.name)

/**
 * Which grids, buildings and social organisations of the street (or of `within`) have a party
 * organisation over them, as counts, ratios and the lists of what is not covered.
 *
 * @example
 * ```ts
 * import { replay, embedding } from 'governance-kit'
 * import { coverage } from 'governance-kit/embedding'
 * const c = coverage(replay(embedding, []))
 * c.grids.ratio // null: an empty street has no grids to cover
 * ```
 *
 * @category Queries
 */
export const coverage = (state: EmbeddingState, within?: PlaceRef): Coverage => {
  const registry = state.registry
  const inScope = (place: PlaceRef): boolean =>
    within === undefined || isWithin(registry, place, within)
  const units = valuesOf(registry.organisations).filter(isPartyUnit)
  // The units by seat, once: each grid and entrance then looks up its own.
  const bySeat = new Map<string, OrganisationId[]>()
  for (const o of units) {
    const key = scopeKey(o.seat)
    bySeat.set(key, [...(bySeat.get(key) ?? []), o.id])
  }
  const seatedAt = (place: PlaceRef): ReadonlyArray<OrganisationId> =>
    [...(bySeat.get(scopeKey(place)) ?? [])].sort()
  const grids = valuesOf(registry.grids)
    .map((g): CoverageLine => {
      const place: PlaceRef = { level: 'grid', id: g.id }
      return { place, name: g.name, coveredBy: seatedAt(place) }
    })
    .filter((l) => inScope(l.place))
    .sort(byName)
  const buildings = valuesOf(registry.entrances)
    .map((e): CoverageLine => {
      const place: PlaceRef = { level: 'entrance', id: e.id }
      const compound = lookup(registry.compounds, e.compound)
      const compoundName = compound === undefined ? '' : `${compound.name}, `
      return {
        place,
        name: `${compoundName}${e.name}`,
        coveredBy: [...seatedAt(place), ...seatedAt({ level: 'compound', id: e.compound })],
      }
    })
    .filter((l) => inScope(l.place))
    .sort(byName)
  const socialOrganisations = valuesOf(registry.organisations)
    .filter((o) => o.kind === 'social-organisation' && o.status === 'active' && inScope(o.seat))
    .map((o): SocialOrganisationCoverage => ({
      organisation: o.id,
      name: o.name,
      coveredBy: units
        .filter(
          (b) =>
            b.kind === 'party-branch' &&
            b.branch.kind === 'social-organisation' &&
            b.branch.host === o.id,
        )
        .map((b) => b.id)
        .sort(),
    }))
    .sort(byName)
  return {
    grids: count(grids),
    buildings: count(buildings),
    socialOrganisations: count(socialOrganisations),
  }
}

// ---------------------------------------------------------------------------------------------
// Links by concurrent posts 兼任

/**
 * One side of an {@link OrganisationLink}: an organisation and the leading posts held in it.
 *
 * @category Queries
 */
export interface LinkedOrganisation {
  readonly organisation: OrganisationId
  readonly name: string
  readonly roles: ReadonlyArray<RoleKind>
}

/**
 * Two organisations linked because one person leads both (兼任).
 *
 * @category Queries
 */
export interface OrganisationLink {
  readonly person: PersonId
  readonly personName: string
  readonly between: readonly [LinkedOrganisation, LinkedOrganisation]
}

/**
 * The links between organisations made by concurrent posts 兼任: for every person leading two or
 * more organisations (e.g. a social organisation's branch secretary who also heads the migrant
 * branch, seed 000), one link per pair of the organisations they lead, with the posts held in
 * each.
 *
 * @category Queries
 */
export const organisationLinks = (state: EmbeddingState): ReadonlyArray<OrganisationLink> => {
  const registry = state.registry
  const links: OrganisationLink[] = []
  for (const post of concurrentPosts(registry)) {
    // One side per organisation, however many leading posts the person holds in it.
    const sides = new Map<OrganisationId, RoleKind[]>()
    for (const p of post.posts)
      sides.set(p.organisation, [...(sides.get(p.organisation) ?? []), p.role])
    const organisations: LinkedOrganisation[] = [...sides].map(([organisation, roles]) => ({
      organisation,
      name: lookup(registry.organisations, organisation)?.name ?? organisation,
      roles,
    }))
    organisations.forEach((a, i) => {
      for (const b of organisations.slice(i + 1))
        links.push({ person: post.person, personName: post.personName, between: [a, b] })
    })
  }
  return links
}

// ---------------------------------------------------------------------------------------------
// Empowerment 组织赋能

/**
 * Organisation empowerment 组织赋能 (seed 004): funds, first secretaries, members reporting.
 *
 * @category Queries
 */
export interface Empowerment {
  /** Funds allotted, in yuan, in total and per organisation (largest first). */
  readonly funds: number
  readonly fundsByOrganisation: ReadonlyArray<{
    readonly organisation: OrganisationId
    readonly name: string
    readonly amount: number
  }>
  /** First secretaries sent and still in post. */
  readonly firstSecretaries: ReadonlyArray<{
    readonly organisation: OrganisationId
    readonly person: PersonId
    readonly sentBy: string
    readonly at: Instant
  }>
  /** Members who reported to a community 报到 (within `within`) and are still enrolled. */
  readonly membersReported: number
}

/**
 * The empowerment of the street's organisations, or of those seated within `within`.
 *
 * @category Queries
 */
export const empowerment = (state: EmbeddingState, within?: PlaceRef): Empowerment => {
  const registry = state.registry
  const seatedWithin = (id: OrganisationId): boolean => {
    if (within === undefined) return true
    const o = lookup(registry.organisations, id)
    return o !== undefined && isWithin(registry, o.seat, within)
  }
  const byOrganisation = new Map<OrganisationId, number>()
  for (const g of state.grants)
    if (seatedWithin(g.organisation))
      byOrganisation.set(g.organisation, (byOrganisation.get(g.organisation) ?? 0) + g.amount)
  const fundsByOrganisation = [...byOrganisation]
    .map(([organisation, amount]) => ({
      organisation,
      name: lookup(registry.organisations, organisation)?.name ?? organisation,
      amount,
    }))
    .sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name))
  return {
    funds: fundsByOrganisation.reduce((sum, f) => sum + f.amount, 0),
    fundsByOrganisation,
    // Only first secretaries still in post: an ended posting no longer empowers anyone.
    firstSecretaries: state.firstSecretaries
      .filter(
        (f) =>
          seatedWithin(f.organisation) &&
          lookup(registry.assignments, f.assignment)?.until === null,
      )
      .map((f) => ({
        organisation: f.organisation,
        person: f.person,
        sentBy: f.sentBy,
        at: f.at,
      })),
    membersReported: valuesOf(state.members).filter((m) => {
      if (!enrolledStates.has(m.status) || m.reportedAt === null || m.community === null)
        return false
      if (within === undefined) return true
      const community: PlaceRef = { level: 'community', id: m.community }
      if (isWithin(registry, community, within)) return true
      // Below a community, a member counts where they live.
      return isWithin(registry, within, community) && livesWithin(registry, m.person, within)
    }).length,
  }
}
