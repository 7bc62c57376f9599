/**
 * How the examples send commands, as an app would: plain JSON with an id, a time and an actor.
 * Time comes from the scenario (the library has no clock): five minutes after the last command,
 * from 09:00 of the day set with `onDay`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describeError, type DomainError } from 'governance-kit'

export interface ScenarioOptions {
  /** The street every command names. */
  readonly street: string
  /** The first day, `YYYY-MM-DD`. */
  readonly day: string
  /** Fields a command of `type` carries besides its payload (e.g. a hall id). */
  readonly fieldsOf?: (type: string) => Record<string, unknown>
}

/** A scenario's `send` (an Either back), `must` (stops loudly on a refusal) and `onDay`. */
export const scenario = <R>(
  handle: (input: unknown) => Promise<E.Either<DomainError, R>>,
  options: ScenarioOptions,
) => {
  let sequence = 0
  let day = options.day
  let minute = 0
  const onDay = (date: string): void => {
    day = date
    minute = 0
  }
  const send = (actor: string, type: string, payload: Record<string, unknown>) => {
    sequence += 1
    minute += 5
    const hh = String(9 + Math.floor(minute / 60)).padStart(2, '0')
    const mm = String(minute % 60).padStart(2, '0')
    return handle({
      type,
      commandId: `cmd-${sequence}`,
      at: `${day}T${hh}:${mm}:00+08:00`,
      actor,
      street: options.street,
      ...(options.fieldsOf?.(type) ?? {}),
      ...payload,
    })
  }
  const must = async (
    actor: string,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<R> => {
    const result = await send(actor, type, payload)
    if (E.isLeft(result)) throw new Error(`${type} refused: ${describeError(result.left)}`)
    return result.right
  }
  return { send, must, onDay }
}
