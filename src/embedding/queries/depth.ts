/**
 * The depth of embedding 嵌入深度 (形式嵌入 / 实质嵌入): how substantively a body's members are
 * embedded, read from the events alone.
 *
 * @module
 */
import {
  isBefore,
  lookup,
  valuesOf,
  type CommunityId,
  type Instant,
  type OrganisationId,
  type PersonId,
} from '../../core/index.js'
import type { ActKind } from '../codecs/index.js'
import { enrolledStates } from '../machine.js'
import type { EmbeddingState } from '../state.js'

/**
 * Whether an act is substantive 实质 (speaking, chairing, moving a motion, serving) rather than
 * formal presence (`attended`, 列席): what makes an assigned member active, and what the depth of
 * embedding counts.
 *
 * @category Queries
 */
export const isSubstantiveAct = (act: ActKind): boolean => act !== 'attended'

/**
 * How one member is embedded: `substantive` 实质嵌入 (holds a duty, or spoke, chaired, moved or
 * served), `formal` 形式嵌入 (only attended), `dormant` (nothing recorded).
 *
 * @category Queries
 */
export type MemberEmbedding = 'substantive' | 'formal' | 'dormant'

/**
 * The verdict on a body's embedding: `empty` (no enrolled members), `hollow` 虚化 (no member is
 * substantively embedded), `formal` 形多实少 (fewer than half are), `substantive` (half or more).
 *
 * @category Queries
 */
export type DepthVerdict = 'empty' | 'hollow' | 'formal' | 'substantive'

/**
 * The depth of embedding of an organisation's or a community's members.
 *
 * @category Queries
 */
export interface Depth {
  readonly enrolled: number
  readonly substantive: number
  readonly formal: number
  readonly dormant: number
  /** `substantive / enrolled`, in [0, 1]; null when nobody is enrolled. */
  readonly substantiveShare: number | null
  readonly verdict: DepthVerdict
  readonly members: ReadonlyArray<{
    readonly person: PersonId
    readonly name: string
    readonly embedding: MemberEmbedding
    readonly duties: number
    readonly substantiveActs: number
    readonly attendances: number
  }>
}

/**
 * Whose depth {@link depthOfEmbedding} measures: an organisation's members, or a community's.
 *
 * @category Queries
 */
export type DepthScope =
  { readonly organisation: OrganisationId } | { readonly community: CommunityId }

/**
 * The depth of embedding (seed 002's formal versus substantive embedding, seed 004's warning of a
 * hollow core 虚化 and of "many in form, few in substance" 形多实少), from the events alone: each
 * enrolled member is substantive (holds a duty, or has spoken, chaired, moved or served), formal
 * (has only attended) or dormant; acts before `since` are not counted.
 *
 * @example
 * ```ts
 * import { replay, embedding } from 'governance-kit'
 * import { CommunityId } from 'governance-kit/codec'
 * import { depthOfEmbedding } from 'governance-kit/embedding'
 * const depth = depthOfEmbedding(replay(embedding, []), { community: CommunityId.make('c-east') })
 * depth.verdict // 'empty'
 * ```
 *
 * @category Queries
 */
export const depthOfEmbedding = (
  state: EmbeddingState,
  of: DepthScope,
  options: { readonly since?: Instant } = {},
): Depth => {
  const since = options.since
  const members = valuesOf(state.members)
    .filter(
      (m) =>
        enrolledStates.has(m.status) &&
        ('organisation' in of ? m.organisation === of.organisation : m.community === of.community),
    )
    .sort((a, b) => a.person.localeCompare(b.person))
    .map((m) => {
      const acts = m.acts.filter((a) => since === undefined || !isBefore(a.at, since))
      const substantiveActs = acts.filter((a) => isSubstantiveAct(a.act)).length
      const attendances = acts.length - substantiveActs
      const embedding: MemberEmbedding =
        m.duties.length > 0 || substantiveActs > 0
          ? 'substantive'
          : attendances > 0
            ? 'formal'
            : 'dormant'
      return {
        person: m.person,
        name: lookup(state.registry.persons, m.person)?.name ?? m.person,
        embedding,
        duties: m.duties.length,
        substantiveActs,
        attendances,
      }
    })
  const tally = (kind: MemberEmbedding) => members.filter((m) => m.embedding === kind).length
  const substantive = tally('substantive')
  const enrolled = members.length
  const share = enrolled === 0 ? null : substantive / enrolled
  return {
    enrolled,
    substantive,
    formal: tally('formal'),
    dormant: tally('dormant'),
    substantiveShare: share,
    verdict:
      share === null
        ? 'empty'
        : substantive === 0
          ? 'hollow'
          : share < 0.5
            ? 'formal'
            : 'substantive',
    members,
  }
}
