/**
 * The test kit (测试工具), `governance-kit/testing`: specifications over the pure decider, in the
 * given-events → when-command → then-events (or refusal) form of event-sourced testing. Nothing
 * here touches a store or a clock, so a spec is synchronous and reads as the rule it checks:
 *
 * ```ts
 * spec.given(history, context).when(fileCase).thenRefused(disputeRules.twoParties)
 * ```
 *
 * Events and commands are given as JSON, as a log or an app would hold them, and decoded with the
 * mechanism's own codecs first: a fixture the codecs refuse fails the spec at the path of the bad
 * field, and so does an event `decide` produces that its event codec refuses. A failed
 * expectation throws a {@link SpecFailure} carrying `expected` and `actual`, which test runners
 * (vitest, jest, node:test) show as a diff; the kit depends on none of them.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
// `Either` by name in the declarations below: their type parameter `E` shadows the namespace `E`,
// which the bundled .d.ts (rollup-plugin-dts) then drops.
import type { Either } from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import {
  decodeWith,
  describeError,
  type CommandFields,
  type DecodeIssue,
  type DomainError,
  type DomainErrorCode,
  type Mechanism,
  type Rule,
  type Tagged,
} from '../core/index.js'

/**
 * A spec's expectation that did not hold: what was expected, what happened. Runners that know
 * `expected`/`actual` (chai's `showDiff`) print the difference.
 *
 * @category Testing
 */
export class SpecFailure extends Error {
  /** Asks runners that read it (vitest, mocha) to show a diff of `expected` and `actual`. */
  readonly showDiff = true
  constructor(
    message: string,
    /** What the spec expected. */
    readonly expected: unknown,
    /** What happened. */
    readonly actual: unknown,
  ) {
    super(message)
    this.name = 'SpecFailure'
  }
}

/**
 * What a refusal is expected to be: a rule of a catalogue (its id must be the refusal's rule), an
 * error code (`'Forbidden'`), or some fields of the error (`{ code: 'NotFound', entity: 'case' }`).
 *
 * @category Testing
 */
export type ExpectedRefusal = Rule | DomainErrorCode | Partial<Record<string, unknown>>

/**
 * A point in a spec: the stream's state after its history, from which a command is decided.
 *
 * @category Testing
 */
export interface Given<C extends Tagged, E extends Tagged, S> {
  /** The stream's state after the history (frozen, as the engine keeps it). */
  readonly state: S
  /** Decides a command (given as JSON, decoded by the mechanism's codec) on this state. */
  readonly when: (command: unknown) => When<C, E, S>
}

/**
 * A decided command, waiting for its expectation.
 *
 * @category Testing
 */
export interface When<C extends Tagged, E extends Tagged, S> {
  /** The decision as `decide` returned it (a decode failure is a `Left` `DecodeError`). */
  readonly decision: Either<DomainError, ReadonlyArray<E>>
  /**
   * Expects the command accepted. With `expected`, the events must equal it (as JSON, in order);
   * with a function, it is called with the events (to check a few fields). Returns the point after
   * the events, so the spec goes on.
   */
  readonly then: (
    expected?: ReadonlyArray<unknown> | ((events: ReadonlyArray<E>) => void),
  ) => Then<C, E, S>
  /** Expects the command refused, as `expected` says; returns the refusal. */
  readonly thenRefused: (expected: ExpectedRefusal) => DomainError
}

/**
 * A point after an accepted command: its events, and the state they lead to.
 *
 * @category Testing
 */
export interface Then<C extends Tagged, E extends Tagged, S> extends Given<C, E, S> {
  /** The events the command produced. */
  readonly events: ReadonlyArray<E>
}

/**
 * The context argument of `given`: none for a mechanism whose context is `void`.
 *
 * @category Testing
 */
// A `void` context is the type the mechanisms without one declare, so it is what is tested for.
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type
export type ContextArgs<X> = [X] extends [void] ? [context?: X] : [context: X]

/**
 * The specs of one mechanism.
 *
 * @category Testing
 */
export interface Spec<C extends Tagged, E extends Tagged, S, X> {
  /** Starts from a history of events (JSON, decoded by the event codec) and a context. */
  readonly given: (history: ReadonlyArray<unknown>, ...context: ContextArgs<X>) => Given<C, E, S>
  /** Starts from a state (from {@link stateFromEvents}, or a point of another spec). */
  readonly givenState: (state: S, ...context: ContextArgs<X>) => Given<C, E, S>
}

/**
 * Specs over a mechanism's pure decider: given events, when a command, then events or a refusal.
 *
 * @category Testing
 * @example
 * ```ts
 * import { community } from 'governance-kit'
 * import { specFor } from 'governance-kit/testing'
 * const spec = specFor(community)
 * spec
 *   .given([])
 *   .when({
 *     type: 'registerGrid', commandId: 'c-1', at: '2024-04-24T09:00:00+08:00', actor: 'p-clerk',
 *     street: 's-street', grid: 'g-1', community: 'c-east', name: 'East grid 1',
 *   })
 *   .thenRefused({ code: 'NotFound' }) // no registry is open on the street yet
 * ```
 */
export const specFor = <C extends Tagged, E extends Tagged, S, X>(
  mechanism: Mechanism<C, E, S, X>,
): Spec<C, E, S, X> => {
  const at = (state: S, context: X): Given<C, E, S> => ({
    state,
    when: (input) => {
      const decoded = decodeWith(mechanism.commandCodec, input)
      const decision: E.Either<DomainError, ReadonlyArray<E>> = E.isLeft(decoded)
        ? decoded
        : mechanism.decide(decoded.right, state, context)
      return {
        decision,
        then: (expected) => {
          if (E.isLeft(decision))
            throw new SpecFailure(
              `expected the command accepted, it was refused: ${describeError(decision.left)}`,
              expected ?? 'accepted',
              decision.left,
            )
          const events = decision.right
          for (const [i, event] of events.entries()) checkEvent(mechanism, event, `event ${i}`)
          if (typeof expected === 'function') expected(events)
          else if (expected !== undefined && !sameJson(expected, events))
            throw new SpecFailure('the events differ from those expected', expected, events)
          return { ...at(mechanism.evolveAll(state, events), context), events }
        },
        thenRefused: (expected) => {
          if (E.isRight(decision))
            throw new SpecFailure(
              'expected the command refused, it was accepted',
              expected,
              decision.right,
            )
          const refusal = decision.left
          if (!matchesRefusal(refusal, expected))
            throw new SpecFailure(
              `the refusal differs from the one expected: ${describeError(refusal)}`,
              expected,
              refusal,
            )
          return refusal
        },
      }
    },
  })
  const contextOf = (args: ContextArgs<X>): X => args[0] as X
  return {
    given: (history, ...context) => at(stateFromEvents(mechanism, history), contextOf(context)),
    givenState: (state, ...context) => at(state, contextOf(context)),
  }
}

/**
 * A fixture built from events: the state a stream of these events (JSON, decoded by the
 * mechanism's event codec) folds to. An event the codec refuses throws a {@link SpecFailure}
 * naming its index and the path of the bad field.
 *
 * @category Testing
 * @example
 * ```ts
 * import { community } from 'governance-kit'
 * import { stateFromEvents } from 'governance-kit/testing'
 * const registry = stateFromEvents(community, []) // the empty registry
 * ```
 */
export const stateFromEvents = <E extends Tagged, S>(
  mechanism: Pick<Mechanism<Tagged, E, S, unknown>, 'eventCodec' | 'evolveAll' | 'initialState'>,
  events: ReadonlyArray<unknown>,
): S =>
  mechanism.evolveAll(
    mechanism.initialState,
    events.map((event, i) => checkEvent(mechanism, event, `event ${i}`)),
  )

/**
 * The command's fields a spec's creator takes: the envelope is filled in, and may be changed.
 *
 * @category Testing
 */
export type SpecCommandFields<C extends Tagged, K extends C['type']> = Omit<
  CommandFields<C, K>,
  'commandId' | 'at' | 'actor'
> &
  Partial<
    Pick<CommandFields<C, K>, Extract<'commandId' | 'at' | 'actor', keyof CommandFields<C, K>>>
  >

/**
 * One creator per command type, with the envelope filled in (see {@link commandsFor}).
 *
 * @category Testing
 */
export type SpecCommands<C extends Tagged> = {
  readonly [K in C['type']]: (
    fields: SpecCommandFields<C, K>,
  ) => { readonly type: K } & CommandFields<C, K>
}

/**
 * Typed command creators for specs, derived from the mechanism's codecs (its `create`), that fill
 * in the envelope: `at` and `actor` from `envelope` unless a command gives its own, and a fresh
 * `commandId` (`<prefix>-1`, `<prefix>-2`, …) each time.
 *
 * @category Testing
 * @example
 * ```ts
 * import { community } from 'governance-kit'
 * import { commandsFor } from 'governance-kit/testing'
 * const cmd = commandsFor(community, { at: '2024-04-24T09:00:00+08:00', actor: 'p-clerk' })
 * cmd.registerGrid({ street: 's-street', grid: 'g-1', community: 'c-east', name: 'East grid 1' })
 * ```
 */
export const commandsFor = <C extends Tagged>(
  mechanism: Pick<Mechanism<C, Tagged, unknown, unknown>, 'create' | 'commandTypes'>,
  envelope: { readonly at: string; readonly actor: string },
  prefix = 'spec',
): SpecCommands<C> => {
  let count = 0
  const creators: Record<string, (fields: object) => object> = {}
  for (const type of mechanism.commandTypes) {
    const create = mechanism.create[type] as unknown as (fields: object) => object
    creators[type] = (fields) => {
      count += 1
      return create({ commandId: `${prefix}-${count}`, ...envelope, ...fields })
    }
  }
  return Object.freeze(creators) as unknown as SpecCommands<C>
}

/** Decodes one event with the mechanism's codec, or fails the spec at the bad field's path. */
const checkEvent = <E>(
  mechanism: { readonly eventCodec: t.Type<E, unknown> },
  event: unknown,
  where: string,
): E => {
  const decoded = decodeWith(mechanism.eventCodec, event)
  if (E.isRight(decoded)) return decoded.right
  const issues: ReadonlyArray<DecodeIssue> = decoded.left.issues
  throw new SpecFailure(
    `${where} is not a valid event: ${issues.map((i) => `${i.path}: expected ${i.expected}, got ${i.actual}`).join('; ')}`,
    'an event the codec accepts',
    event,
  )
}

/** Whether a refusal is the one expected (see {@link ExpectedRefusal}). */
const matchesRefusal = (refusal: DomainError, expected: ExpectedRefusal): boolean => {
  if (typeof expected === 'string') return refusal.code === expected
  if (isRule(expected)) return refusal.code === 'RuleViolation' && refusal.rule === expected.id
  const fields = refusal as unknown as Readonly<Record<string, unknown>>
  return Object.entries(expected).every(([key, value]) => sameJson(value, fields[key]))
}

const isRule = (u: object): u is Rule =>
  'id' in u && 'statement' in u && typeof u.id === 'string' && typeof u.statement === 'string'

/** Structural equality of JSON-plain values (states, events and commands are JSON-plain). */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  if (ka.length !== kb.length) return false
  return ka.every((k) =>
    sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  )
}
