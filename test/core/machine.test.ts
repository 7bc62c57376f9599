import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  decodeWith,
  defineMachine,
  type MachineConfig,
  type StateOf,
  type TriggerOf,
} from '../../src/core/index.js'
import { left, right } from './fixtures.js'

/** A matter's review: a shared edge (`decide`) with two guards, a multi-source edge, an orphan. */
const matter = defineMachine({
  id: 'matter',
  states: ['proposed', 'in-review', 'adopted', 'rejected', 'archived', 'orphan'],
  initial: 'proposed',
  final: ['archived'],
  transitions: [
    { from: 'proposed', on: 'review', to: 'in-review' },
    { from: 'in-review', on: 'decide', to: 'adopted', guard: 'quorum' },
    { from: 'in-review', on: 'decide', to: 'rejected', guard: 'deadlock' },
    { from: ['adopted', 'rejected'], on: 'archive', to: 'archived' },
    { from: 'in-review', on: 'withdraw', to: 'proposed' },
  ],
})

describe('Machine.next', () => {
  it('returns the target state of an existing edge', () => {
    expect(matter.next('proposed', 'review')).toEqual(E.right('in-review'))
    expect(matter.next('adopted', 'archive')).toEqual(E.right('archived'))
    expect(matter.next('rejected', 'archive')).toEqual(E.right('archived'))
  })

  it('refuses a missing edge as IllegalTransition naming machine, state and command', () => {
    expect(left(matter.next('proposed', 'archive'))).toEqual({
      code: 'IllegalTransition',
      message: 'matter: no transition on "archive" from state "proposed"',
      machine: 'matter',
      state: 'proposed',
      command: 'archive',
    })
  })

  it('has no edge out of a final state', () => {
    expect(left(matter.next('archived', 'review')).code).toBe('IllegalTransition')
  })

  it('refuses an edge whose guard is false as a RuleViolation named after the guard', () => {
    const refused = left(matter.next('in-review', 'decide', { quorum: false, deadlock: false }))
    expect(refused).toEqual({
      code: 'RuleViolation',
      rule: 'quorum',
      message: 'matter: "decide" from "in-review" needs "quorum", which does not hold',
    })
  })

  it('takes the first edge whose guard holds when edges share from and on', () => {
    expect(right(matter.next('in-review', 'decide', { quorum: true, deadlock: true }))).toBe(
      'adopted',
    )
    expect(right(matter.next('in-review', 'decide', { quorum: false, deadlock: true }))).toBe(
      'rejected',
    )
  })

  it('does not need later guards once an earlier one holds', () => {
    expect(right(matter.next('in-review', 'decide', { quorum: true }))).toBe('adopted')
  })

  it('throws (a programmer error) when a guard it reaches was not evaluated', () => {
    expect(() => matter.next('in-review', 'decide')).toThrow(/guard "quorum" was not evaluated/)
    expect(() => matter.next('in-review', 'decide', { quorum: false })).toThrow(
      /guard "deadlock" was not evaluated/,
    )
  })

  it('ignores guard results for an edge without a guard', () => {
    const door = defineMachine({
      id: 'door',
      states: ['closed', 'open'],
      initial: 'closed',
      transitions: [{ from: 'closed', on: 'open', to: 'open' }],
    })
    expect(right(door.next('closed', 'open'))).toBe('open')
  })

  it('refuses a state the machine does not know as IllegalTransition', () => {
    const config: MachineConfig<string, string, never> = {
      id: 'loose',
      states: ['a', 'b'],
      initial: 'a',
      transitions: [{ from: 'a', on: 'go', to: 'b' }],
    }
    expect(left(defineMachine(config).next('nowhere', 'go'))).toMatchObject({
      code: 'IllegalTransition',
      state: 'nowhere',
    })
  })
})

describe('defineMachine', () => {
  const base: MachineConfig<string, string, never> = {
    id: 'sketch',
    states: ['a', 'b'],
    initial: 'a',
    transitions: [{ from: 'a', on: 'go', to: 'b' }],
  }

  it('accepts a table that names only declared states', () => {
    expect(() => defineMachine(base)).not.toThrow()
  })

  it.each([
    ['the initial state', { ...base, initial: 'x' }, /initial names undeclared state "x"/],
    ['a final state', { ...base, final: ['x'] }, /final names undeclared state "x"/],
    [
      'an edge target',
      { ...base, transitions: [{ from: 'a', on: 'go', to: 'x' }] },
      /transition on go names undeclared state "x"/,
    ],
    [
      'an edge source',
      { ...base, transitions: [{ from: ['a', 'x'], on: 'go', to: 'b' }] },
      /transition on go names undeclared state "x"/,
    ],
  ])(
    'throws when %s is undeclared',
    (_what, config: MachineConfig<string, string, never>, message) => {
      expect(() => defineMachine(config)).toThrow(message)
    },
  )

  it('keeps the config and defaults `final` to none', () => {
    const m = defineMachine(base)
    expect(m.id).toBe('sketch')
    expect(m.initial).toBe('a')
    expect(m.states).toEqual(['a', 'b'])
    expect(m.final).toEqual([])
    expect(matter.final).toEqual(['archived'])
  })
})

describe('queries on the table', () => {
  it('can: whether an edge exists, guards not considered', () => {
    expect(matter.can('proposed', 'review')).toBe(true)
    expect(matter.can('in-review', 'decide')).toBe(true)
    expect(matter.can('proposed', 'decide')).toBe(false)
    expect(matter.can('archived', 'archive')).toBe(false)
  })

  it('triggersFrom: the triggers leaving a state, each once, in table order', () => {
    expect(matter.triggersFrom('in-review')).toEqual(['decide', 'withdraw'])
    expect(matter.triggersFrom('rejected')).toEqual(['archive'])
    expect(matter.triggersFrom('archived')).toEqual([])
  })

  it('reachable: the states reachable from initial, including it', () => {
    expect([...matter.reachable()].sort()).toEqual(
      ['adopted', 'archived', 'in-review', 'proposed', 'rejected'].sort(),
    )
    expect(matter.reachable().has('orphan')).toBe(false)
  })

  it('reachable follows cycles without looping', () => {
    const ring = defineMachine({
      id: 'ring',
      states: ['a', 'b', 'c', 'd'],
      initial: 'a',
      transitions: [
        { from: 'a', on: 'next', to: 'b' },
        { from: 'b', on: 'next', to: 'a' },
        { from: 'c', on: 'next', to: 'd' },
      ],
    })
    expect([...ring.reachable()].sort()).toEqual(['a', 'b'])
  })
})

describe('toMermaid', () => {
  it('draws the table as an exact stateDiagram-v2', () => {
    expect(matter.toMermaid()).toBe(
      [
        'stateDiagram-v2',
        '  state "in-review" as in_review',
        '  [*] --> proposed',
        '  proposed --> in_review : review',
        '  in_review --> adopted : decide [quorum]',
        '  in_review --> rejected : decide [deadlock]',
        '  adopted --> archived : archive',
        '  rejected --> archived : archive',
        '  in_review --> proposed : withdraw',
        '  archived --> [*]',
      ].join('\n'),
    )
  })

  it('draws no end edge when there is no final state', () => {
    const door = defineMachine({
      id: 'door',
      states: ['closed', 'open'],
      initial: 'closed',
      transitions: [
        { from: 'closed', on: 'open', to: 'open' },
        { from: 'open', on: 'close', to: 'closed' },
      ],
    })
    expect(door.toMermaid()).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> closed',
        '  closed --> open : open',
        '  open --> closed : close',
      ].join('\n'),
    )
  })
})

describe('stateCodec', () => {
  it('decodes the declared states and refuses others, named after the machine', () => {
    expect(right(decodeWith(matter.stateCodec, 'adopted'))).toBe('adopted')
    expect(left(decodeWith(matter.stateCodec, 'lost')).issues).toEqual([
      { path: '$', expected: 'matter state', actual: '"lost"' },
    ])
    expect(matter.stateCodec.is('orphan')).toBe(true)
    expect(matter.stateCodec.is('toString')).toBe(false)
  })
})

describe('StateOf and TriggerOf', () => {
  it('the state codec is typed with the state union', () => {
    expectTypeOf(matter.initial).toEqualTypeOf<
      'proposed' | 'in-review' | 'adopted' | 'rejected' | 'archived' | 'orphan'
    >()
  })

  // Once a bug: `M extends Machine<infer S, string, string>` made both types `never` for every
  // machine with literal triggers (function parameters are contravariant).
  it('StateOf and TriggerOf give the state and trigger unions (compile-time)', () => {
    expectTypeOf<StateOf<typeof matter>>().toEqualTypeOf<
      'proposed' | 'in-review' | 'adopted' | 'rejected' | 'archived' | 'orphan'
    >()
    expectTypeOf<TriggerOf<typeof matter>>().toEqualTypeOf<
      'review' | 'decide' | 'archive' | 'withdraw'
    >()
    const state: StateOf<typeof matter> = 'proposed'
    // @ts-expect-error not a state of the machine
    const notAState: StateOf<typeof matter> = 'lost'
    expect([state, notAState]).toEqual(['proposed', 'lost'])
  })
})

describe('tables that would mislead', () => {
  it('a guard named like an inherited property must still be evaluated', () => {
    const m = defineMachine({
      id: 'odd',
      states: ['a', 'b'],
      initial: 'a',
      transitions: [{ from: 'a', on: 'go', to: 'b', guard: 'constructor' }],
    })
    expect(() => m.next('a', 'go')).toThrow(/not evaluated/)
  })

  it('two states that would be drawn as one are refused', () => {
    expect(() =>
      defineMachine({
        id: 'review',
        states: ['in-review', 'in_review'],
        initial: 'in-review',
        transitions: [],
      }),
    ).toThrow(/drawn as one/)
  })
})
