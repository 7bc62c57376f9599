/**
 * Checks (校验) for `decide`: rules written as small functions that refuse with a
 * {@link DomainError}, run in order until the first refusal.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from './errors.js'

/**
 * One check of a decision: `Right` when it passes, `Left` with the refusal otherwise.
 *
 * @category Checks
 */
export type Check = () => E.Either<DomainError, unknown>

/**
 * Runs checks in order and stops at the first refusal (later checks are not evaluated, so a
 * check may rely on the ones before it, e.g. authorisation after existence).
 *
 * @example
 * ```ts
 * import { checkAll, refuseWhen, ruleViolation } from 'governance-kit/decider'
 * const seats = 3
 * checkAll(() => refuseWhen(seats > 2, () => ruleViolation('too-many-seats', 'At most 2 seats')))
 * // Left(RuleViolation 'too-many-seats')
 * ```
 *
 * @category Checks
 */
export const checkAll = (...checks: ReadonlyArray<Check>): E.Either<DomainError, void> => {
  for (const check of checks) {
    const result = check()
    if (E.isLeft(result)) return result
  }
  return E.right(undefined)
}

/** Refuses with `error()` when `refused` holds; passes otherwise. @category Checks */
export const refuseWhen = (
  refused: boolean,
  error: () => DomainError,
): E.Either<DomainError, void> => (refused ? E.left(error()) : E.right(undefined))

/**
 * Runs checks in order and, only when every one passes, builds the decision: the shape of most
 * `decide` functions (rules first, then the events).
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decideAfter, refuseWhen, ruleViolation } from 'governance-kit/decider'
 * decideAfter([() => refuseWhen(false, () => ruleViolation('never', ''))], () => E.right(['ok']))
 * // Right(['ok'])
 * ```
 *
 * @category Checks
 */
export const decideAfter = <A>(
  checks: ReadonlyArray<Check>,
  decision: () => E.Either<DomainError, A>,
): E.Either<DomainError, A> => {
  const checked = checkAll(...checks)
  return E.isLeft(checked) ? checked : decision()
}
