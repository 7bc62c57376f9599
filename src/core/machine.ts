/**
 * Lifecycles as data (状态机): a transition table declared once, from which come the runtime check
 * that `decide` uses, the typed state union, the state codec and a Mermaid diagram for the docs.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { oneOf } from './codec.js'
import {
  illegalTransition,
  ruleViolation,
  type IllegalTransition,
  type RuleViolation,
} from './errors.js'

/**
 * One edge of a transition table: on `on` (a command or trigger name), move from `from` to `to`,
 * if the named `guard` holds.
 *
 * @category Lifecycle
 */
export interface Transition<S extends string, O extends string, G extends string> {
  /** The state (or states) the edge leaves. */
  readonly from: S | ReadonlyArray<S>
  /** The trigger: usually the command type that causes the move. */
  readonly on: O
  /** The state the edge enters. */
  readonly to: S
  /**
   * A named condition, evaluated by the caller and passed to {@link Machine.next}; when it is
   * false the move is refused as a {@link RuleViolation} whose `rule` is this name.
   */
  readonly guard?: G
}

/** The declaration of a lifecycle, as given to {@link defineMachine}. @category Lifecycle */
export interface MachineConfig<S extends string, O extends string, G extends string> {
  /** A stable name, used in errors (`IllegalTransition.machine`) and diagrams. */
  readonly id: string
  /** Every state, in the order diagrams list them. */
  readonly states: readonly [S, ...S[]]
  /** Where a new entity starts. */
  readonly initial: NoInfer<S>
  /** States that end the lifecycle (drawn with an edge to `[*]`). */
  readonly final?: ReadonlyArray<NoInfer<S>>
  /** The edges. */
  readonly transitions: ReadonlyArray<Transition<NoInfer<S>, O, G>>
}

/**
 * Results of the guards named in a table, computed by the caller for one move.
 *
 * @category Lifecycle
 */
export type GuardResults<G extends string> = Readonly<Partial<Record<G, boolean>>>

/** A lifecycle compiled from its table. @category Lifecycle */
export interface Machine<
  S extends string,
  O extends string,
  G extends string,
> extends MachineConfig<S, O, G> {
  /** The final states (empty when none were declared). */
  readonly final: ReadonlyArray<S>
  /** Codec of the state union (for entities that store their state). */
  readonly stateCodec: t.Type<S, S>
  /**
   * The state after `on` from `state`. An edge that does not exist is an
   * {@link IllegalTransition}; an edge whose guard is false is a {@link RuleViolation}.
   * When several edges share `from` and `on`, the first whose guard holds is taken.
   */
  readonly next: (
    state: S,
    on: O,
    guards?: GuardResults<G>,
  ) => E.Either<IllegalTransition | RuleViolation, S>
  /** Whether the table has an edge on `on` from `state` (guards not considered). */
  readonly can: (state: S, on: O) => boolean
  /** The triggers that have an edge from `state`. */
  readonly triggersFrom: (state: S) => ReadonlyArray<O>
  /** Every state reachable from `initial` by following edges (guards not considered). */
  readonly reachable: () => ReadonlySet<S>
  /** A Mermaid `stateDiagram-v2` of the table. */
  readonly toMermaid: () => string
}

/** The state union of a machine. @category Lifecycle */
export type StateOf<M> = M extends Machine<infer S, infer _O, infer _G> ? S : never
/** The trigger union of a machine. @category Lifecycle */
export type TriggerOf<M> = M extends Machine<infer _S, infer O, infer _G> ? O : never

const fromList = <S extends string>(from: S | ReadonlyArray<S>): ReadonlyArray<S> =>
  typeof from === 'string' ? [from] : from

const mermaidId = (state: string): string => state.replace(/[^A-Za-z0-9_]/g, '_')

/**
 * Compiles a transition table. Throws (a programmer error) when the table names a state it does
 * not declare.
 *
 * @example
 * ```ts
 * import { defineMachine, type StateOf } from 'governance-kit/decider'
 * const door = defineMachine({
 *   id: 'door',
 *   states: ['closed', 'open', 'locked'],
 *   initial: 'closed',
 *   transitions: [
 *     { from: 'closed', on: 'open', to: 'open' },
 *     { from: 'open', on: 'close', to: 'closed' },
 *     { from: 'closed', on: 'lock', to: 'locked', guard: 'hasKey' },
 *   ],
 * })
 * type DoorState = StateOf<typeof door> // 'closed' | 'open' | 'locked'
 * door.next('closed', 'lock', { hasKey: false }) // Left(RuleViolation 'hasKey')
 * door.next('open', 'lock') // Left(IllegalTransition)
 * ```
 *
 * @category Lifecycle
 */
export const defineMachine = <
  const S extends string,
  const O extends string,
  const G extends string = never,
>(
  config: MachineConfig<S, O, G>,
): Machine<S, O, G> => {
  const known = new Set<string>(config.states)
  const check = (state: string, where: string): void => {
    if (!known.has(state))
      throw new Error(`machine ${config.id}: ${where} names undeclared state "${state}"`)
  }
  check(config.initial, 'initial')
  const drawnAs = new Map<string, string>()
  for (const state of config.states) {
    const other = drawnAs.get(mermaidId(state))
    if (other !== undefined)
      throw new Error(
        `machine ${config.id}: states "${other}" and "${state}" would be drawn as one (${mermaidId(state)})`,
      )
    drawnAs.set(mermaidId(state), state)
  }
  for (const f of config.final ?? []) check(f, 'final')
  const edges = new Map<string, Array<Transition<S, O, G>>>()
  for (const tr of config.transitions) {
    check(tr.to, `transition on ${tr.on}`)
    for (const from of fromList(tr.from)) {
      check(from, `transition on ${tr.on}`)
      const key = `${from}\u0000${tr.on}`
      const list = edges.get(key) ?? []
      list.push(tr)
      edges.set(key, list)
    }
  }

  const next: Machine<S, O, G>['next'] = (state, on, guards = {} as GuardResults<G>) => {
    const candidates = edges.get(`${state}\u0000${on}`)
    if (candidates === undefined) return E.left(illegalTransition(config.id, state, on))
    let refused: G | undefined
    for (const tr of candidates) {
      if (tr.guard === undefined) return E.right(tr.to)
      // Own results only: a guard named like an Object.prototype member must still be evaluated.
      const holds = Object.prototype.hasOwnProperty.call(guards, tr.guard)
        ? guards[tr.guard]
        : undefined
      if (holds === undefined)
        throw new Error(`machine ${config.id}: guard "${tr.guard}" was not evaluated for ${on}`)
      if (holds) return E.right(tr.to)
      refused ??= tr.guard
    }
    const rule = refused ?? on
    return E.left(
      ruleViolation(
        rule,
        `${config.id}: "${on}" from "${state}" needs "${rule}", which does not hold`,
      ),
    )
  }

  const triggersFrom = (state: S): ReadonlyArray<O> => [
    ...new Set(
      config.transitions.filter((tr) => fromList(tr.from).includes(state)).map((tr) => tr.on),
    ),
  ]

  const reachable = (): ReadonlySet<S> => {
    const seen = new Set<S>([config.initial])
    const queue: S[] = [config.initial]
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const tr of config.transitions) {
        if (fromList(tr.from).includes(s) && !seen.has(tr.to)) {
          seen.add(tr.to)
          queue.push(tr.to)
        }
      }
    }
    return seen
  }

  const toMermaid = (): string => {
    const lines = ['stateDiagram-v2']
    for (const s of config.states) {
      if (mermaidId(s) !== s) lines.push(`  state "${s}" as ${mermaidId(s)}`)
    }
    lines.push(`  [*] --> ${mermaidId(config.initial)}`)
    for (const tr of config.transitions) {
      const label = tr.guard === undefined ? tr.on : `${tr.on} [${tr.guard}]`
      for (const from of fromList(tr.from)) {
        lines.push(`  ${mermaidId(from)} --> ${mermaidId(tr.to)} : ${label}`)
      }
    }
    for (const f of config.final ?? []) lines.push(`  ${mermaidId(f)} --> [*]`)
    return lines.join('\n')
  }

  return {
    ...config,
    final: config.final ?? [],
    stateCodec: oneOf(config.states, `${config.id} state`),
    next,
    can: (state, on) => edges.has(`${state}\u0000${on}`),
    triggersFrom,
    reachable,
    toMermaid,
  }
}
