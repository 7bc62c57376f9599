/**
 * The benchmarks' one way of sending commands: plain JSON through `engine.handle`, each command
 * timed with `performance.now`, the timings kept per command type. A refused command stops the
 * benchmark (a benchmark that measures refusals measures the wrong thing).
 */
import * as E from 'fp-ts/lib/Either.js'
import { performance } from 'node:perf_hooks'
import type { DomainError } from 'governance-kit'
import { median } from './median.js'

/** What the harness needs of an engine: its `handle`. */
export interface Handles {
  readonly handle: (input: unknown) => Promise<E.Either<DomainError, unknown>>
}

/** What {@link timedSender} takes. */
export interface TimedOptions {
  /** The street every command names. */
  readonly street: string
  /**
   * The time commands carry (one fixed instant, which streams that run forward accept, until
   * `setAt` moves it on).
   */
  readonly at: string
  /** Fields a command of `type` carries besides its payload (e.g. a hall id). */
  readonly fieldsOf?: (type: string) => Record<string, unknown>
}

/**
 * A timed `send` over an engine, `setAt` to move its clock on, and the timings it kept: `timingsOf(type)` (ms, in the order
 * sent), `medianOf(type, lastK)` (the median of the last `lastK`) and `medianOfFirst(type, k)`.
 * Command ids are `c-1`, `c-2`, ….
 */
export const timedSender = (engine: Handles, options: TimedOptions) => {
  let n = 0
  let at = options.at
  const timed = new Map<string, number[]>()
  /** Moves the time of the commands sent from now on (never back, for streams that run forward). */
  const setAt = (next: string): void => {
    at = next
  }
  const send = async (
    actor: string,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<void> => {
    n += 1
    const started = performance.now()
    const result = await engine.handle({
      type,
      commandId: `c-${n}`,
      at,
      actor,
      street: options.street,
      ...(options.fieldsOf?.(type) ?? {}),
      ...payload,
    })
    const list = timed.get(type) ?? []
    list.push(performance.now() - started)
    timed.set(type, list)
    if (E.isLeft(result)) throw new Error(`${type}: ${result.left.message}`)
  }
  const timingsOf = (type: string): ReadonlyArray<number> => timed.get(type) ?? []
  const medianOf = (type: string, lastK: number): number => median(timingsOf(type).slice(-lastK))
  const medianOfFirst = (type: string, k: number): number => median(timingsOf(type).slice(0, k))
  return { send, setAt, timingsOf, medianOf, medianOfFirst }
}
