/**
 * Read-side selectors of absorbing elites 吸纳: a person's development stage, the candidates in
 * development, and the commendations 表彰 of a year.
 *
 * @module
 */
import {
  compareInstants,
  lookup,
  valuesOf,
  type Instant,
  type OrganisationId,
  type PersonId,
} from '../../core/index.js'
import type { DevelopmentStage } from '../codecs/index.js'
import { developmentMachine } from '../machine.js'
import type { EmbeddingState } from '../state.js'

/**
 * A person's development stage; `unrecorded` for a person who was never a candidate.
 *
 * @category Queries
 */
export const candidateStageOf = (state: EmbeddingState, person: PersonId): DevelopmentStage =>
  lookup(state.candidates, person)?.stage ?? 'unrecorded'

/**
 * Whether a stage is one of development (activist, applicant or probationary): a candidate who
 * may still be dropped, neither confirmed nor dropped.
 *
 * @category Queries
 */
export const isInDevelopment = (stage: DevelopmentStage): boolean =>
  developmentMachine.can(stage, 'dropCandidate')

/**
 * The persons being developed (activist to probationary), with the date of their last step.
 *
 * @category Queries
 */
export const candidatesInDevelopment = (
  state: EmbeddingState,
): ReadonlyArray<{
  readonly person: PersonId
  readonly stage: DevelopmentStage
  readonly organisation: OrganisationId
  readonly since: Instant | null
}> =>
  valuesOf(state.candidates)
    .filter((k) => isInDevelopment(k.stage))
    .map((k) => ({
      person: k.person,
      stage: k.stage,
      organisation: k.organisation,
      since: k.steps[k.steps.length - 1]?.at ?? null,
    }))
    .sort((a, b) => a.person.localeCompare(b.person))

/**
 * The commendations of a year, in the order given.
 *
 * @category Queries
 */
export const commendationsOf = (state: EmbeddingState, year: number) =>
  state.commendations
    .filter((k) => k.year === year)
    .slice()
    .sort((a, b) => compareInstants(a.at, b.at))
