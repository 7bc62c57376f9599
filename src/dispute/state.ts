/**
 * The state of a case's stream (案件流的状态): the case, once filed. Each case is its own stream
 * (`case/<case>`); what a decision needs of the street's registry is read as context, never
 * copied into the case.
 *
 * @module
 */
import type { Case } from './codecs.js'

/** The state of one case's stream: the case, once filed. @category State */
export interface CaseState {
  readonly case: Case | null
}

/** A case stream before filing. @category State */
export const emptyCase: CaseState = { case: null }
