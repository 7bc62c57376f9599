/**
 * What is waiting in embedding 待办: the probationary members 预备党员 whose probationary year
 * 预备期 ends, read from the state alone. {@link dueInEmbedding} is pure: `at` is given, never
 * read from a clock.
 *
 * @module
 */
import {
  compareInstants,
  valuesOf,
  type Instant,
  type OrganisationId,
  type PersonId,
} from '../core/index.js'
import { probationEnds, probationYearServed } from './absorption.js'
import { developmentMachine } from './machine.js'
import type { EmbeddingState } from './state.js'

/**
 * A probationary member 预备党员 whose branch is to decide on their confirmation 转正: due when
 * the probationary year ends (`dueBy`), overdue from then on while they are still probationary —
 * exactly when `probation-year-served` lets their branch confirm them.
 *
 * @category Queries
 */
export interface DueConfirmation {
  readonly kind: 'confirmation'
  readonly person: PersonId
  /** The branch developing them, whose secretary confirms them. */
  readonly organisation: OrganisationId
  /** When the probationary year ends: a calendar year after admission, in Beijing time. */
  readonly dueBy: Instant
  readonly overdue: boolean
}

/**
 * What is due in embedding.
 *
 * @category Queries
 */
export type EmbeddingDueItem = DueConfirmation

/**
 * What is due in embedding at the instant `at`, read from the state alone (no clock): every
 * probationary member, with the end of their probationary year as `probation-year-served`
 * counts it, overdue once it has passed and they are still not confirmed (nor dropped). Sorted by
 * `dueBy`, earliest first, then by person.
 *
 * @example
 * ```ts
 * import { instant } from 'governance-kit'
 * import { dueInEmbedding, emptyEmbedding } from 'governance-kit/embedding'
 * dueInEmbedding(emptyEmbedding, instant('2025-05-20T09:00:00+08:00')) // []
 * // with p-h1 admitted by o-grid-east on 2024-05-02 at 09:00 in Beijing:
 * // [{ kind: 'confirmation', person: 'p-h1', organisation: 'o-grid-east',
 * //    dueBy: '2025-05-02T09:00:00+08:00', overdue: true }]
 * ```
 *
 * @category Queries
 */
export const dueInEmbedding = (
  state: EmbeddingState,
  at: Instant,
): ReadonlyArray<EmbeddingDueItem> => {
  const items: EmbeddingDueItem[] = []
  for (const k of valuesOf(state.candidates)) {
    if (!developmentMachine.can(k.stage, 'confirmFullMember')) continue
    const dueBy = probationEnds(k.steps)
    if (dueBy === null) continue
    items.push({
      kind: 'confirmation',
      person: k.person,
      organisation: k.organisation,
      dueBy,
      overdue: probationYearServed(k.steps, at),
    })
  }
  return items.sort((a, b) => compareInstants(a.dueBy, b.dueBy) || a.person.localeCompare(b.person))
}
