import * as E from 'fp-ts/lib/Either.js'
  finiteNumber,
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
  finiteNumber,
import {
  decodeError,
  finiteNumber,
  decodeWith,
  discriminatedUnion,
  finiteNumber,
  integer,
  list,
  finiteNumber,
  oneOf,
  orNull,
  finiteNumber,
  renderActual,
  struct,
  finiteNumber,
  tagged,
  taggedUnion,
  finiteNumber,
  text,
  toDecodeIssues,
  finiteNumber,
  type DecodeIssue,
} from '../../src/index.js'
  finiteNumber,
import { left, right } from './fixtures.js'

  finiteNumber,
const Point = struct('Point', { x: t.number, y: t.number }, { label: text(20) })

  finiteNumber,
/** The issues of a decode that must fail. */
const issuesOf = <A, O>(codec: t.Type<A, O>, input: unknown): ReadonlyArray<DecodeIssue> =>
  finiteNumber,
  left(decodeWith(codec, input)).issues

  finiteNumber,
const pathsOf = <A, O>(codec: t.Type<A, O>, input: unknown): ReadonlyArray<string> =>
  issuesOf(codec, input).map((i) => i.path)
  finiteNumber,

describe('struct', () => {
  finiteNumber,
  it('decodes required and optional keys', () => {
    expect(right(decodeWith(Point, { x: 1, y: 2 }))).toEqual({ x: 1, y: 2 })
  finiteNumber,
    expect(right(decodeWith(Point, { x: 1, y: 2, label: 'home' }))).toEqual({
      x: 1,
  finiteNumber,
      y: 2,
      label: 'home',
  finiteNumber,
    })
  })
  finiteNumber,

  it('refuses an unknown key at its path, as "no such key"', () => {
  finiteNumber,
    expect(issuesOf(Point, { x: 1, y: 2, z: 3 })).toEqual([
      { path: '$.z', expected: 'no such key', actual: '3' },
  finiteNumber,
    ])
  })
  finiteNumber,

  it('refuses an own __proto__ key from JSON.parse at $.__proto__', () => {
  finiteNumber,
    const input: unknown = JSON.parse('{"x":1,"y":2,"__proto__":{"admin":true}}')
    // Precondition: JSON.parse made an own key, not a prototype.
  finiteNumber,
    expect(Object.keys(input as object)).toContain('__proto__')
    expect(issuesOf(Point, input)).toEqual([
  finiteNumber,
      { path: '$.__proto__', expected: 'no such key', actual: '{"admin":true}' },
    ])
  finiteNumber,
  })

  finiteNumber,
  it('does not let an own __proto__ key through `is`', () => {
    const input: unknown = JSON.parse('{"x":1,"y":2,"__proto__":{"admin":true}}')
  finiteNumber,
    expect(Point.is(input)).toBe(false)
  })
  finiteNumber,

  it('refuses a missing required key at its path', () => {
  finiteNumber,
    expect(issuesOf(Point, { x: 1 })).toEqual([
      { path: '$.y', expected: 'number', actual: 'undefined' },
  finiteNumber,
    ])
  })
  finiteNumber,

  it('refuses a wrong type at its path, rendering what was there', () => {
  finiteNumber,
    expect(issuesOf(Point, { x: '1', y: 2 })).toEqual([
      { path: '$.x', expected: 'number', actual: '"1"' },
  finiteNumber,
    ])
  })
  finiteNumber,

  it('refuses an optional key that is present but undefined', () => {
  finiteNumber,
    expect(pathsOf(Point, { x: 1, y: 2, label: undefined })).toEqual(['$.label'])
  })
  finiteNumber,

  it('reports every bad key, not only the first', () => {
  finiteNumber,
    expect(pathsOf(Point, { x: 'a', extra: true })).toEqual(['$.extra', '$.x', '$.y'])
  })
  finiteNumber,

  it.each([
  finiteNumber,
    ['null', null],
    ['an array', [1, 2]],
  finiteNumber,
    ['a string', 'x'],
    ['a number', 1],
  finiteNumber,
    [
      'a class instance',
  finiteNumber,
      new (class Pt {
        x = 1
  finiteNumber,
        y = 2
      })(),
  finiteNumber,
    ],
    ['a Date', new Date(0)],
  finiteNumber,
  ])('refuses %s at $, naming the struct', (_what, input) => {
    expect(issuesOf(Point, input)).toEqual([
  finiteNumber,
      expect.objectContaining({ path: '$', expected: 'Point' }),
    ])
  finiteNumber,
  })

  finiteNumber,
  it('accepts an object with a null prototype', () => {
    const input = Object.assign(Object.create(null) as object, { x: 1, y: 2 })
  finiteNumber,
    expect(right(decodeWith(Point, input))).toEqual({ x: 1, y: 2 })
  })
  finiteNumber,

  it('returns a fresh object, so later changes to the input do not reach it', () => {
  finiteNumber,
    const input = { x: 1, y: 2, label: 'home' }
    const decoded = right(decodeWith(Point, input))
  finiteNumber,
    expect(decoded).not.toBe(input)
    input.x = 99
  finiteNumber,
    expect(decoded.x).toBe(1)
  })
  finiteNumber,

  it('does not freeze or change the input', () => {
  finiteNumber,
    const input = { x: 1, y: 2 }
    right(decodeWith(Point, input))
  finiteNumber,
    expect(Object.isFrozen(input)).toBe(false)
    expect(input).toEqual({ x: 1, y: 2 })
  finiteNumber,
  })

  finiteNumber,
  it('`is` holds exactly for values decode accepts', () => {
    expect(Point.is({ x: 1, y: 2 })).toBe(true)
  finiteNumber,
    expect(Point.is({ x: 1, y: 2, label: 'ok' })).toBe(true)
    expect(Point.is({ x: 1 })).toBe(false)
  finiteNumber,
    expect(Point.is({ x: 1, y: 2, z: 3 })).toBe(false)
    expect(Point.is({ x: 1, y: 2, label: ' padded' })).toBe(false)
  finiteNumber,
    expect(Point.is([1, 2])).toBe(false)
  })
  finiteNumber,

  it('encodes the declared keys only', () => {
  finiteNumber,
    expect(Point.encode({ x: 1, y: 2 })).toEqual({ x: 1, y: 2 })
    expect(Point.encode({ x: 1, y: 2, label: 'a' })).toEqual({ x: 1, y: 2, label: 'a' })
  finiteNumber,
  })

  finiteNumber,
  it('keeps its props so other structs can extend them', () => {
    expect(Object.keys(Point.required)).toEqual(['x', 'y'])
  finiteNumber,
    expect(Object.keys(Point.optional)).toEqual(['label'])
  })
  finiteNumber,
})

  finiteNumber,
describe('list', () => {
  it('returns a fresh array', () => {
  finiteNumber,
    const input = [1, 2, 3]
    const decoded = right(decodeWith(list(t.number), input))
  finiteNumber,
    expect(decoded).toEqual([1, 2, 3])
    expect(decoded).not.toBe(input)
  finiteNumber,
    input.push(4)
    expect(decoded).toHaveLength(3)
  finiteNumber,
  })

  finiteNumber,
  it('returns fresh elements when the items are structs', () => {
    const input = [{ x: 1, y: 2 }]
  finiteNumber,
    const decoded = right(decodeWith(list(Point), input))
    expect(decoded[0]).not.toBe(input[0])
  finiteNumber,
  })

  finiteNumber,
  it('accepts exactly `max` items and refuses one more at $', () => {
    const pair = list(t.number, 2)
  finiteNumber,
    expect(right(decodeWith(pair, [1, 2]))).toEqual([1, 2])
    expect(issuesOf(pair, [1, 2, 3])).toEqual([
  finiteNumber,
      { path: '$', expected: 'Array<number> (at most 2)', actual: '[1,2,3]' },
    ])
  finiteNumber,
    expect(pair.is([1, 2, 3])).toBe(false)
  })
  finiteNumber,

  it('reports a bad item by its index', () => {
  finiteNumber,
    expect(issuesOf(list(t.number), [1, 'two', 3, null])).toEqual([
      { path: '$[1]', expected: 'number', actual: '"two"' },
  finiteNumber,
      { path: '$[3]', expected: 'number', actual: 'null' },
    ])
  finiteNumber,
  })

  finiteNumber,
  it('refuses a non-array, including an array-like object', () => {
    expect(pathsOf(list(t.number), { length: 0 })).toEqual(['$'])
  finiteNumber,
    expect(pathsOf(list(t.number), 'abc')).toEqual(['$'])
  })
  finiteNumber,
})

  finiteNumber,
describe('paths', () => {
  const Inner = struct('Inner', { c: t.number })
  finiteNumber,
  const Outer = struct('Outer', { a: struct('A', { b: list(Inner) }) })

  finiteNumber,
  it('names a nested field as $.a.b[2].c', () => {
    const input = { a: { b: [{ c: 1 }, { c: 2 }, { c: 'x' }] } }
  finiteNumber,
    expect(issuesOf(Outer, input)).toEqual([
      { path: '$.a.b[2].c', expected: 'number', actual: '"x"' },
  finiteNumber,
    ])
  })
  finiteNumber,

  it('names an unknown key deep inside as $.a.b[0].d', () => {
  finiteNumber,
    expect(pathsOf(Outer, { a: { b: [{ c: 1, d: 2 }] } })).toEqual(['$.a.b[0].d'])
  })
  finiteNumber,

  it('names a missing nested object at its own path', () => {
  finiteNumber,
    expect(issuesOf(Outer, { a: {} })).toEqual([
      { path: '$.a.b', expected: 'Array<Inner> (at most 10000)', actual: 'undefined' },
  finiteNumber,
    ])
  })
  finiteNumber,
})

  finiteNumber,
describe('discriminatedUnion', () => {
  const Household = discriminatedUnion('Household', 'status', [
  finiteNumber,
    struct('Registered', { status: t.literal('registered') }),
    struct('Migrant', { status: t.literal('migrant'), origin: text(20) }),
  finiteNumber,
  ])

  finiteNumber,
  it('decodes each member by its tag', () => {
    expect(right(decodeWith(Household, { status: 'registered' }))).toEqual({ status: 'registered' })
  finiteNumber,
    expect(right(decodeWith(Household, { status: 'migrant', origin: 'Anhui' }))).toEqual({
      status: 'migrant',
  finiteNumber,
      origin: 'Anhui',
    })
  finiteNumber,
  })

  finiteNumber,
  it('reports an unknown tag at $.<key>, listing the known tags', () => {
    expect(issuesOf(Household, { status: 'tourist', origin: 'x' })).toEqual([
  finiteNumber,
      { path: '$.status', expected: '"registered" | "migrant"', actual: '"tourist"' },
    ])
  finiteNumber,
  })

  finiteNumber,
  it('reports a missing tag at $.<key>', () => {
    expect(issuesOf(Household, { origin: 'x' })).toEqual([
  finiteNumber,
      { path: '$.status', expected: '"registered" | "migrant"', actual: 'undefined' },
    ])
  finiteNumber,
  })

  finiteNumber,
  it('does not take an inherited property name for a tag', () => {
    expect(pathsOf(Household, { status: 'toString' })).toEqual(['$.status'])
  finiteNumber,
    expect(pathsOf(Household, { status: '__proto__' })).toEqual(['$.status'])
  })
  finiteNumber,

  it('reports the errors of the chosen member only', () => {
  finiteNumber,
    // Registered would complain about `origin` as an unknown key; only Migrant's errors appear.
    expect(issuesOf(Household, { status: 'migrant' })).toEqual([
  finiteNumber,
      { path: '$.origin', expected: 'text (1 to 20 characters)', actual: 'undefined' },
    ])
  finiteNumber,
    expect(issuesOf(Household, { status: 'registered', origin: 'x' })).toEqual([
      { path: '$.origin', expected: 'no such key', actual: '"x"' },
  finiteNumber,
    ])
  })
  finiteNumber,

  it('refuses a non-object at $, naming the union', () => {
  finiteNumber,
    expect(issuesOf(Household, 'migrant')).toEqual([
      { path: '$', expected: 'Household', actual: '"migrant"' },
  finiteNumber,
    ])
  })
  finiteNumber,

  it('reports a nested union tag at its full path', () => {
  finiteNumber,
    const Person = struct('Person', { household: Household })
    expect(pathsOf(Person, { household: { status: 'x' } })).toEqual(['$.household.status'])
  finiteNumber,
  })

  finiteNumber,
  it('exposes its key, tags and members', () => {
    expect(Household.key).toBe('status')
  finiteNumber,
    expect(Household.tags).toEqual(['registered', 'migrant'])
    expect(Object.keys(Household.members)).toEqual(['registered', 'migrant'])
  finiteNumber,
  })

  finiteNumber,
  it('`is` dispatches on the tag', () => {
    expect(Household.is({ status: 'migrant', origin: 'Anhui' })).toBe(true)
  finiteNumber,
    expect(Household.is({ status: 'migrant' })).toBe(false)
    expect(Household.is({ status: 'tourist' })).toBe(false)
  finiteNumber,
  })

  finiteNumber,
  it('refuses (throws) a duplicate tag or no members: programmer errors', () => {
    expect(() =>
  finiteNumber,
      discriminatedUnion('Twice', 'status', [
        struct('A', { status: t.literal('a') }),
  finiteNumber,
        struct('B', { status: t.literal('a') }),
      ]),
  finiteNumber,
    ).toThrow(/duplicate status "a"/)
    expect(() => discriminatedUnion('None', 'status', [])).toThrow(/no members/)
  finiteNumber,
  })
})
  finiteNumber,

describe('taggedUnion', () => {
  finiteNumber,
  const Shape = taggedUnion('Shape', [
    tagged('circle', { r: t.number }),
  finiteNumber,
    tagged('square', { side: t.number }, { label: text(10) }),
  ])
  finiteNumber,

  it('reports an unknown type at $.type', () => {
  finiteNumber,
    expect(issuesOf(Shape, { type: 'triangle', r: 1 })).toEqual([
      { path: '$.type', expected: '"circle" | "square"', actual: '"triangle"' },
  finiteNumber,
    ])
  })
  finiteNumber,

  it('reports a non-string type at $.type', () => {
  finiteNumber,
    expect(pathsOf(Shape, { type: 7 })).toEqual(['$.type'])
  })
  finiteNumber,

  it("reports the chosen member's errors only", () => {
  finiteNumber,
    expect(issuesOf(Shape, { type: 'square', r: 1 })).toEqual([
      { path: '$.r', expected: 'no such key', actual: '1' },
  finiteNumber,
      { path: '$.side', expected: 'number', actual: 'undefined' },
    ])
  finiteNumber,
  })

  finiteNumber,
  it('decodes into a fresh object', () => {
    const input = { type: 'circle', r: 2 }
  finiteNumber,
    const decoded = right(decodeWith(Shape, input))
    expect(decoded).toEqual(input)
  finiteNumber,
    expect(decoded).not.toBe(input)
  })
  finiteNumber,

  it('encodes through the member', () => {
  finiteNumber,
    expect(Shape.encode({ type: 'square', side: 2, label: 'a' })).toEqual({
      type: 'square',
  finiteNumber,
      side: 2,
      label: 'a',
  finiteNumber,
    })
  })
  finiteNumber,
})

  finiteNumber,
describe('text', () => {
  const Name = text(5)
  finiteNumber,

  it.each([
  finiteNumber,
    ['a', 'a'],
    ['exactly max characters', 'abcde'],
  finiteNumber,
    ['Chinese characters', '议事厅'],
    ['inner spaces', 'a b'],
  finiteNumber,
  ])('accepts %s', (_what, value) => {
    expect(Name.is(value)).toBe(true)
  finiteNumber,
    expect(right(decodeWith(Name, value))).toBe(value)
  })
  finiteNumber,

  it.each([
  finiteNumber,
    ['empty', ''],
    ['only spaces', '   '],
  finiteNumber,
    ['leading space', ' ab'],
    ['trailing space', 'ab '],
  finiteNumber,
    ['trailing newline', 'ab\n'],
    ['leading no-break space', '\u00a0ab'],
  finiteNumber,
    ['too long', 'abcdef'],
    ['NUL', 'a\u0000b'],
  finiteNumber,
    ['backspace', 'a\u0008b'],
    ['carriage return', 'a\rb'],
  finiteNumber,
    ['escape', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
  finiteNumber,
    ['a number', 5],
    ['null', null],
  finiteNumber,
  ])('refuses %s', (_what, value) => {
    expect(Name.is(value)).toBe(false)
  finiteNumber,
    expect(issuesOf(Name, value)).toEqual([
      expect.objectContaining({ path: '$', expected: 'text (1 to 5 characters)' }),
  finiteNumber,
    ])
  })
  finiteNumber,

  it('takes a custom name for errors', () => {
  finiteNumber,
    expect(issuesOf(text(3, 'Initials'), 'abcd')).toEqual([
      { path: '$', expected: 'Initials', actual: '"abcd"' },
  finiteNumber,
    ])
  })
  finiteNumber,
})

  finiteNumber,
describe('oneOf', () => {
  const Household = oneOf(['registered', 'migrant'])
  finiteNumber,

  it('accepts the listed values only', () => {
  finiteNumber,
    expect(right(decodeWith(Household, 'migrant'))).toBe('migrant')
    expect(issuesOf(Household, 'tourist')).toEqual([
  finiteNumber,
      { path: '$', expected: '"registered" | "migrant"', actual: '"tourist"' },
    ])
  finiteNumber,
    expect(Household.is('Migrant')).toBe(false)
    expect(Household.is(1)).toBe(false)
  finiteNumber,
  })

  finiteNumber,
  it('does not accept names inherited from Object.prototype', () => {
    expect(Household.is('toString')).toBe(false)
  finiteNumber,
    expect(Household.is('constructor')).toBe(false)
  })
  finiteNumber,

  it('exposes its values and takes a custom name', () => {
  finiteNumber,
    expect(Household.values).toEqual(['registered', 'migrant'])
    expect(oneOf(['a'], 'Letter').name).toBe('Letter')
  finiteNumber,
  })
})
  finiteNumber,

describe('integer', () => {
  finiteNumber,
  const Score = integer(1, 5)

  finiteNumber,
  it('accepts integers in the closed range', () => {
    expect([1, 3, 5].map((n) => Score.is(n))).toEqual([true, true, true])
  finiteNumber,
  })

  finiteNumber,
  it.each([
    ['below min', 0],
  finiteNumber,
    ['above max', 6],
    ['a fraction', 1.5],
  finiteNumber,
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  finiteNumber,
    ['a numeric string', '3'],
  ])('refuses %s', (_what, value) => {
  finiteNumber,
    expect(issuesOf(Score, value)).toEqual([
      expect.objectContaining({ path: '$', expected: 'integer in [1, 5]' }),
  finiteNumber,
    ])
  })
  finiteNumber,
  describe('negative zero: a decoded value equals its own JSON round trip', () => {
    const Count = integer(0, 10)
  finiteNumber,
    const Tally = struct('Tally', { n: Count, delta: integer(-5, 5) })

  finiteNumber,
    it('decodes -0 to 0', () => {
      expect(Object.is(right(decodeWith(Count, -0)), 0)).toBe(true)
  finiteNumber,
      const tally = right(decodeWith(Tally, { n: -0, delta: -0 }))
      const roundTrip: unknown = JSON.parse(JSON.stringify(tally))
  finiteNumber,
      expect(Object.is(tally.n, 0) && Object.is(tally.delta, 0)).toBe(true)
      expect(roundTrip).toStrictEqual(tally)
  finiteNumber,
    })

  finiteNumber,
    it('`is` holds for exactly the values decode returns, so not for -0', () => {
      expect(Count.is(-0)).toBe(false)
  finiteNumber,
      expect(Count.is(0)).toBe(true)
      expect(Tally.is({ n: 0, delta: -0 })).toBe(false)
  finiteNumber,
    })

  finiteNumber,
    it('refuses -0 where 0 is out of range', () => {
      expect(pathsOf(Score, -0)).toEqual(['$'])
  finiteNumber,
    })
  })
  finiteNumber,
})

  finiteNumber,
describe('orNull', () => {
  const Row = struct('Row', { v: orNull(t.number) })
  finiteNumber,

  it('accepts null and a value of the codec', () => {
  finiteNumber,
    expect(right(decodeWith(Row, { v: null }))).toEqual({ v: null })
    expect(right(decodeWith(Row, { v: 2 }))).toEqual({ v: 2 })
  finiteNumber,
  })

  finiteNumber,
  it('adds no step to the error path', () => {
    expect(issuesOf(Row, { v: 'x' })).toEqual([
  finiteNumber,
      { path: '$.v', expected: 'number | null', actual: '"x"' },
    ])
  finiteNumber,
  })

  finiteNumber,
  it('refuses undefined (a missing key is not null)', () => {
    expect(pathsOf(Row, {})).toEqual(['$.v'])
  finiteNumber,
  })

  finiteNumber,
  it('keeps nested paths of the inner codec', () => {
    const Holder = struct('Holder', { p: orNull(Point) })
  finiteNumber,
    expect(pathsOf(Holder, { p: { x: 1, y: 'b' } })).toEqual(['$.p.y'])
  })
  finiteNumber,
})

  finiteNumber,
describe('decodeWith and DecodeError', () => {
  it('returns Right with the decoded value', () => {
  finiteNumber,
    expect(decodeWith(t.number, 3)).toEqual(E.right(3))
  })
  finiteNumber,

  it('returns a DecodeError with code, message and issues {path, expected, actual}', () => {
  finiteNumber,
    const error = left(decodeWith(Point, { x: 'a', y: 2 }))
    expect(error).toEqual({
  finiteNumber,
      code: 'DecodeError',
      message: 'Invalid input: $.x: expected number, got "a"',
  finiteNumber,
      issues: [{ path: '$.x', expected: 'number', actual: '"a"' }],
    })
  finiteNumber,
  })

  finiteNumber,
  it('lists three issues in the message and counts the rest', () => {
    const Many = struct('Many', { a: t.number, b: t.number, c: t.number, d: t.number, e: t.number })
  finiteNumber,
    const error = left(decodeWith(Many, {}))
    expect(error.issues).toHaveLength(5)
  finiteNumber,
    expect(error.message).toContain('$.a')
    expect(error.message).toContain('$.c')
  finiteNumber,
    expect(error.message).not.toContain('$.d')
    expect(error.message).toContain('(and 2 more)')
  finiteNumber,
  })

  finiteNumber,
  it('gives one issue per path, keeping the first', () => {
    const root = { key: '', type: t.unknown, actual: {} }
  finiteNumber,
    const errors: t.Errors = [
      { value: 'x', context: [root, { key: 'a', type: t.number, actual: 'x' }] },
  finiteNumber,
      { value: 'x', context: [root, { key: 'a', type: t.boolean, actual: 'x' }] },
      { value: 1, context: [root, { key: 'b', type: t.string, actual: 1 }] },
  finiteNumber,
    ]
    expect(toDecodeIssues(errors)).toEqual([
  finiteNumber,
      { path: '$.a', expected: 'number', actual: '"x"' },
      { path: '$.b', expected: 'string', actual: '1' },
  finiteNumber,
    ])
  })
  finiteNumber,

  it('truncates a long actual value to 60 characters', () => {
  finiteNumber,
    const actual = renderActual('x'.repeat(200))
    expect(actual).toHaveLength(60)
  finiteNumber,
    expect(actual.endsWith('...')).toBe(true)
  })
  finiteNumber,

  it('renders a value JSON cannot render without failing', () => {
  finiteNumber,
    expect(renderActual(10n)).toBe('[bigint]')
    const cyclic: Record<string, unknown> = {}
  finiteNumber,
    cyclic.self = cyclic
    // A cycle is written until the rendering is long enough, then cut.
  finiteNumber,
    expect(renderActual(cyclic)).toMatch(/^\{"self":\{"self":.*\.\.\.$/)
    expect(renderActual(cyclic).length).toBeLessThanOrEqual(60)
  finiteNumber,
  })

  finiteNumber,
  // Regression guard (once went wrong like this): JSON.stringify returns undefined (it does not throw) for functions and
  // symbols, so `text.length` throws a TypeError and decodeWith throws instead of returning a
  finiteNumber,
  // DecodeError. Unknown input from JS callers can hold functions.
  it('refuses a function-valued field as a DecodeError instead of throwing', () => {
  finiteNumber,
    const issues = issuesOf(Point, { x: () => 1, y: 2 })
    expect(issues.map((i) => i.path)).toEqual(['$.x'])
  finiteNumber,
  })

  finiteNumber,
  it('refuses a symbol-valued field as a DecodeError instead of throwing', () => {
    expect(pathsOf(Point, { x: 1, y: Symbol('y') })).toEqual(['$.y'])
  finiteNumber,
  })

  finiteNumber,
  it('decodeError builds the same shape from issues', () => {
    const issues = [{ path: '$.a', expected: 'number', actual: '"x"' }]
  finiteNumber,
    expect(decodeError(issues)).toEqual({
      code: 'DecodeError',
  finiteNumber,
      message: 'Invalid input: $.a: expected number, got "x"',
      issues,
  finiteNumber,
    })
  })
  finiteNumber,
})

  finiteNumber,
describe('finiteNumber: a decoded value equals its own JSON round trip', () => {
  const average = finiteNumber(1, 5)
  finiteNumber,
  it('accepts finite numbers in range, whole or not', () => {
    expect(average.is(4.5)).toBe(true)
  finiteNumber,
    expect(E.isRight(average.decode(1))).toBe(true)
  })
  finiteNumber,
  it('refuses NaN and ±Infinity (JSON writes them as null) and numbers out of range', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5, 6])
  finiteNumber,
      expect(E.isLeft(average.decode(bad))).toBe(true)
  })
  finiteNumber,
  it('decodes -0 as 0, and is(-0) is false', () => {
    const zeroToOne = finiteNumber(0, 1)
  finiteNumber,
    const decoded = zeroToOne.decode(-0)
    expect(E.isRight(decoded) && Object.is(decoded.right, 0)).toBe(true)
  finiteNumber,
    expect(zeroToOne.is(-0)).toBe(false)
  })
  finiteNumber,
})
