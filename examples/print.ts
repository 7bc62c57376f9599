/**
 * Printing helpers shared by the examples: trees, error lines and an event log a person can read.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describeError, type DomainError, type StoredEvent } from 'governance-kit'
import {
  scopeName,
  type OrganisationNode,
  type PlaceNode,
  type RegistryState,
} from 'governance-kit/community'
import { type Coverage, type Depth } from 'governance-kit/embedding'
import { type OrganisationId } from 'governance-kit/codec'
import { lookup } from 'governance-kit/collection'

const levelLabel: Record<string, string> = {
  street: 'street 街道',
  community: 'community 社区',
  grid: 'grid 网格',
  compound: 'compound 楼院',
  entrance: 'entrance 楼门',
}

/** Lines of a tree drawn with box characters. */
export const drawTree = <N extends { readonly children: ReadonlyArray<N> }>(
  roots: ReadonlyArray<N>,
  label: (node: N) => string,
): string[] => {
  const lines: string[] = []
  const walk = (node: N, prefix: string, last: boolean, root: boolean): void => {
    lines.push(root ? label(node) : `${prefix}${last ? '└─ ' : '├─ '}${label(node)}`)
    const childPrefix = root ? '' : `${prefix}${last ? '   ' : '│  '}`
    node.children.forEach((child, i) => {
      walk(child, childPrefix, i === node.children.length - 1, false)
    })
  }
  roots.forEach((r) => {
    walk(r, '', true, true)
  })
  return lines
}

/** The place tree, one line per place. */
export const printPlaces = (tree: PlaceNode | null): void => {
  if (tree === null) {
    console.log('(no registry)')
    return
  }
  for (const line of drawTree(
    [tree],
    (n) => `${n.name}  [${levelLabel[n.place.level] ?? n.place.level}]`,
  ))
    console.log(`  ${line}`)
}

/** The party-organisation tree with each organisation's leaders. */
export const printParty = (state: RegistryState, roots: ReadonlyArray<OrganisationNode>): void => {
  const label = (n: OrganisationNode): string => {
    const o = n.organisation
    const kind =
      o.kind === 'party-branch' ? `${o.branch.kind} branch` : o.kind.replace('party-', 'party ')
    const leaders = n.leaders.map((l) => `${l.role} ${l.name}`).join(', ')
    const extra =
      o.kind === 'party-branch' && o.branch.kind === 'floating'
        ? ` · home: ${o.branch.homeOrganisation}, origin: ${o.branch.origin}`
        : o.kind === 'party-branch' && o.branch.kind === 'social-organisation'
          ? ` · inside ${lookup(state.organisations, o.branch.host)?.name ?? o.branch.host}`
          : ''
    return `${o.name}  (${kind} at ${scopeName(state, o.seat)}${extra})${leaders ? ` — ${leaders}` : ''}`
  }
  for (const line of drawTree(roots, label)) console.log(`  ${line}`)
}

/** One line per stored event: position, time and what it recorded, in words. */
export const printLog = <Ev extends { readonly at: string }>(
  events: ReadonlyArray<StoredEvent<Ev>>,
  narrate: (event: Ev) => string,
): void => {
  for (const s of events) {
    const at = s.event.at.slice(0, 16).replace('T', ' ')
    console.log(`  #${String(s.position).padStart(2)} ${at}  ${narrate(s.event)}`)
  }
}

/** Prints a refused command's error, or says that it was (wrongly) accepted. */
export const printRefusal = (what: string, result: E.Either<DomainError, unknown>): void => {
  if (E.isRight(result)) {
    console.log(`  ✗ ${what}: unexpectedly accepted`)
    return
  }
  console.log(`  ✗ ${what}`)
  console.log(`    ${describeError(result.left)}`)
  if (result.left.code === 'DecodeError')
    for (const issue of result.left.issues)
      console.log(`      at ${issue.path}: expected ${issue.expected}, got ${issue.actual}`)
}

const percent = (ratio: number | null): string =>
  ratio === null ? 'nothing to cover' : `${Math.round(ratio * 100)}%`

/** Coverage 组织覆盖 as counts, ratios and what is not covered. */
export const printCoverage = (state: RegistryState, c: Coverage): void => {
  const orgName = (id: OrganisationId): string => lookup(state.organisations, id)?.name ?? id
  const rows = [
    ['grids 网格', c.grids],
    ['buildings 楼门', c.buildings],
    ['social organisations 社会组织', c.socialOrganisations],
  ] as const
  console.log('  Coverage 组织覆盖:')
  for (const [label, count] of rows) {
    const missing = count.uncovered.map((l) => l.name).join(', ')
    const by = count.lines
      .filter((l) => l.coveredBy.length > 0)
      .map((l) => `${l.name} ← ${l.coveredBy.map(orgName).join(', ')}`)
    console.log(
      `    ${label}: ${count.covered}/${count.total} (${percent(count.ratio)})${missing ? `; not covered: ${missing}` : ''}`,
    )
    for (const line of by) console.log(`      ${line}`)
  }
}

/** The depth of embedding 嵌入深度 of a body, and each member's class. */
export const printDepth = (label: string, depth: Depth): void => {
  const share =
    depth.substantiveShare === null ? '—' : `${Math.round(depth.substantiveShare * 100)}%`
  console.log(
    `  Depth of embedding, ${label}: ${depth.verdict} — ${depth.substantive} substantive, ${depth.formal} formal, ${depth.dormant} dormant of ${depth.enrolled} enrolled (${share})`,
  )
  for (const m of depth.members)
    console.log(
      `    ${m.name}: ${m.embedding} (duties ${m.duties}, acts ${m.substantiveActs}, attended ${m.attendances})`,
    )
}
