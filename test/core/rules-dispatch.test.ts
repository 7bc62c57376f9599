import * as E from 'fp-ts/lib/Either.js'
import { produce } from 'immer'
import { describe, expect, it } from 'vitest'
import {
  applyBy,
  decideBy,
  defineRules,
  handlersFor,
  reducersFor,
  refuseBy,
  rulesOf,
  rulesTable,
  violation,
  type Handlers,
  type Reducers,
  type RuleIdOf,
} from '../../src/core/index.js'

const rules = defineRules({
  secondByAnother: ['second-by-another', 'A motion is seconded by someone other than its mover.'],
  quorum: ['quorum', 'A vote needs more than half of the seats present | counted.'],
})

describe('a catalogue of rules', () => {
  it('keeps the ids as literal types and the order of declaration', () => {
    const id: RuleIdOf<typeof rules> = rules.quorum.id
    expect(id).toBe('quorum')
    expect(rulesOf(rules).map((r) => r.id)).toEqual(['second-by-another', 'quorum'])
  })

  it('refuses only with a catalogued rule, and builds the message only when broken', () => {
    expect(violation(rules.quorum, '3 of 9 present')).toEqual({
      code: 'RuleViolation',
      rule: 'quorum',
      message: '3 of 9 present',
    })
    let built = 0
    const message = () => {
      built += 1
      return 'seconded by the mover'
    }
    expect(E.isRight(refuseBy(rules.secondByAnother, false, message))).toBe(true)
    expect(built).toBe(0)
    expect(refuseBy(rules.secondByAnother, true, message)).toEqual(
      E.left(violation(rules.secondByAnother, 'seconded by the mover')),
    )
  })

  it('an id that is not kebab-case, or one given twice, is a programmer error', () => {
    expect(() => defineRules({ a: ['Not Kebab', 'x'] })).toThrow(/kebab-case/)
    expect(() => defineRules({ a: ['same', 'x'], b: ['same', 'y'] })).toThrow(/twice/)
  })

  it('renders as the Markdown table the docs hold, escaping pipes', () => {
    expect(rulesTable(rules)).toBe(
      [
        '| rule | what it requires |',
        '| --- | --- |',
        '| `second-by-another` | A motion is seconded by someone other than its mover. |',
        '| `quorum` | A vote needs more than half of the seats present \\| counted. |',
      ].join('\n'),
    )
  })
})

type Cmd = { readonly type: 'ring'; readonly times: number } | { readonly type: 'hush' }
type Ev = { readonly type: 'rang'; readonly times: number } | { readonly type: 'hushed' }
interface Bell {
  readonly rings: number
  readonly quiet: boolean
}

describe('dispatch tables', () => {
  const handlers: Handlers<Cmd, Bell, undefined, Ev> = {
    ring: (c, s) =>
      s.quiet
        ? E.left(violation(rules.quorum, 'quiet'))
        : E.right([{ type: 'rang', times: c.times }]),
    hush: () => E.right([{ type: 'hushed' }]),
  }
  const reducers: Reducers<Bell, Ev> = {
    rang: (draft, e) => {
      draft.rings += e.times
    },
    hushed: (draft) => {
      draft.quiet = true
    },
  }

  it('decide sends each command to the handler of its type', () => {
    const decide = decideBy(handlers)
    expect(decide({ type: 'ring', times: 2 }, { rings: 0, quiet: false }, undefined)).toEqual(
      E.right([{ type: 'rang', times: 2 }]),
    )
    expect(E.isLeft(decide({ type: 'ring', times: 1 }, { rings: 0, quiet: true }, undefined))).toBe(
      true,
    )
  })

  it('the reducer sends each event to the recipe of its type', () => {
    const apply = applyBy(reducers)
    const next = produce({ rings: 1, quiet: false }, (draft) => {
      apply(draft, { type: 'rang', times: 2 })
      apply(draft, { type: 'hushed' })
    })
    expect(next).toEqual({ rings: 3, quiet: true })
  })

  it('a table built from parts is checked: a missing or an extra entry does not compile', () => {
    const { ring, hush } = handlers
    expect(handlersFor<Cmd, Bell, undefined, Ev>()({ ...{ ring }, ...{ hush } })).toBeDefined()
    // @ts-expect-error -- hush has no handler
    handlersFor<Cmd, Bell, undefined, Ev>()({ ring })
    // @ts-expect-error -- 'knock' is no command type
    handlersFor<Cmd, Bell, undefined, Ev>()({ ring, hush, knock: hush })
    expect(reducersFor<Bell, Ev>()({ ...reducers })).toBeDefined()
    // @ts-expect-error -- 'hushed' has no recipe
    reducersFor<Bell, Ev>()({ rang: reducers.rang })
  })
})
