import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  decodeError,
  finiteNumber,
  decodeWith,
  discriminatedUnion,
  integer,
  list,
  oneOf,
  orNull,
  renderActual,
  struct,
  tagged,
  taggedUnion,
  text,
  toDecodeIssues,
  type DecodeIssue,
} from '../../src/core/index.js'
import { left, right } from './fixtures.js'

const Point = struct('Point', { x: t.number, y: t.number }, { label: text(20) })

/** The issues of a decode that must fail. */
const issuesOf = <A, O>(codec: t.Type<A, O>, input: unknown): ReadonlyArray<DecodeIssue> =>
  left(decodeWith(codec, input)).issues

const pathsOf = <A, O>(codec: t.Type<A, O>, input: unknown): ReadonlyArray<string> =>
  issuesOf(codec, input).map((i) => i.path)

describe('struct', () => {
  it('decodes required and optional keys', () => {
    expect(right(decodeWith(Point, { x: 1, y: 2 }))).toEqual({ x: 1, y: 2 })
    expect(right(decodeWith(Point, { x: 1, y: 2, label: 'home' }))).toEqual({
      x: 1,
      y: 2,
      label: 'home',
    })
  })

  it('refuses an unknown key at its path, as "no such key"', () => {
    expect(issuesOf(Point, { x: 1, y: 2, z: 3 })).toEqual([
      { path: '$.z', expected: 'no such key', actual: '3' },
    ])
  })

  it('refuses an own __proto__ key from JSON.parse at $.__proto__', () => {
    const input: unknown = JSON.parse('{"x":1,"y":2,"__proto__":{"admin":true}}')
    // Precondition: JSON.parse made an own key, not a prototype.
    expect(Object.keys(input as object)).toContain('__proto__')
    expect(issuesOf(Point, input)).toEqual([
      { path: '$.__proto__', expected: 'no such key', actual: '{"admin":true}' },
    ])
  })

  it('does not let an own __proto__ key through `is`', () => {
    const input: unknown = JSON.parse('{"x":1,"y":2,"__proto__":{"admin":true}}')
    expect(Point.is(input)).toBe(false)
  })

  it('refuses a missing required key at its path', () => {
    expect(issuesOf(Point, { x: 1 })).toEqual([
      { path: '$.y', expected: 'number', actual: 'undefined' },
    ])
  })

  it('refuses a wrong type at its path, rendering what was there', () => {
    expect(issuesOf(Point, { x: '1', y: 2 })).toEqual([
      { path: '$.x', expected: 'number', actual: '"1"' },
    ])
  })

  it('refuses an optional key that is present but undefined', () => {
    expect(pathsOf(Point, { x: 1, y: 2, label: undefined })).toEqual(['$.label'])
  })

  it('reports every bad key, not only the first', () => {
    expect(pathsOf(Point, { x: 'a', extra: true })).toEqual(['$.extra', '$.x', '$.y'])
  })

  it.each([
    ['null', null],
    ['an array', [1, 2]],
    ['a string', 'x'],
    ['a number', 1],
    [
      'a class instance',
      new (class Pt {
        x = 1
        y = 2
      })(),
    ],
    ['a Date', new Date(0)],
  ])('refuses %s at $, naming the struct', (_what, input) => {
    expect(issuesOf(Point, input)).toEqual([
      expect.objectContaining({ path: '$', expected: 'Point' }),
    ])
  })

  it('accepts an object with a null prototype', () => {
    const input = Object.assign(Object.create(null) as object, { x: 1, y: 2 })
    expect(right(decodeWith(Point, input))).toEqual({ x: 1, y: 2 })
  })

  it('returns a fresh object, so later changes to the input do not reach it', () => {
    const input = { x: 1, y: 2, label: 'home' }
    const decoded = right(decodeWith(Point, input))
    expect(decoded).not.toBe(input)
    input.x = 99
    expect(decoded.x).toBe(1)
  })

  it('does not freeze or change the input', () => {
    const input = { x: 1, y: 2 }
    right(decodeWith(Point, input))
    expect(Object.isFrozen(input)).toBe(false)
    expect(input).toEqual({ x: 1, y: 2 })
  })

  it('`is` holds exactly for values decode accepts', () => {
    expect(Point.is({ x: 1, y: 2 })).toBe(true)
    expect(Point.is({ x: 1, y: 2, label: 'ok' })).toBe(true)
    expect(Point.is({ x: 1 })).toBe(false)
    expect(Point.is({ x: 1, y: 2, z: 3 })).toBe(false)
    expect(Point.is({ x: 1, y: 2, label: ' padded' })).toBe(false)
    expect(Point.is([1, 2])).toBe(false)
  })

  it('encodes the declared keys only', () => {
    expect(Point.encode({ x: 1, y: 2 })).toEqual({ x: 1, y: 2 })
    expect(Point.encode({ x: 1, y: 2, label: 'a' })).toEqual({ x: 1, y: 2, label: 'a' })
  })

  it('keeps its props so other structs can extend them', () => {
    expect(Object.keys(Point.required)).toEqual(['x', 'y'])
    expect(Object.keys(Point.optional)).toEqual(['label'])
  })
})

describe('list', () => {
  it('returns a fresh array', () => {
    const input = [1, 2, 3]
    const decoded = right(decodeWith(list(t.number), input))
    expect(decoded).toEqual([1, 2, 3])
    expect(decoded).not.toBe(input)
    input.push(4)
    expect(decoded).toHaveLength(3)
  })

  it('returns fresh elements when the items are structs', () => {
    const input = [{ x: 1, y: 2 }]
    const decoded = right(decodeWith(list(Point), input))
    expect(decoded[0]).not.toBe(input[0])
  })

  it('accepts exactly `max` items and refuses one more at $', () => {
    const pair = list(t.number, 2)
    expect(right(decodeWith(pair, [1, 2]))).toEqual([1, 2])
    expect(issuesOf(pair, [1, 2, 3])).toEqual([
      { path: '$', expected: 'Array<number> (at most 2)', actual: '[1,2,3]' },
    ])
    expect(pair.is([1, 2, 3])).toBe(false)
  })

  it('reports a bad item by its index', () => {
    expect(issuesOf(list(t.number), [1, 'two', 3, null])).toEqual([
      { path: '$[1]', expected: 'number', actual: '"two"' },
      { path: '$[3]', expected: 'number', actual: 'null' },
    ])
  })

  it('refuses a non-array, including an array-like object', () => {
    expect(pathsOf(list(t.number), { length: 0 })).toEqual(['$'])
    expect(pathsOf(list(t.number), 'abc')).toEqual(['$'])
  })
})

describe('paths', () => {
  const Inner = struct('Inner', { c: t.number })
  const Outer = struct('Outer', { a: struct('A', { b: list(Inner) }) })

  it('names a nested field as $.a.b[2].c', () => {
    const input = { a: { b: [{ c: 1 }, { c: 2 }, { c: 'x' }] } }
    expect(issuesOf(Outer, input)).toEqual([
      { path: '$.a.b[2].c', expected: 'number', actual: '"x"' },
    ])
  })

  it('names an unknown key deep inside as $.a.b[0].d', () => {
    expect(pathsOf(Outer, { a: { b: [{ c: 1, d: 2 }] } })).toEqual(['$.a.b[0].d'])
  })

  it('names a missing nested object at its own path', () => {
    expect(issuesOf(Outer, { a: {} })).toEqual([
      { path: '$.a.b', expected: 'Array<Inner> (at most 10000)', actual: 'undefined' },
    ])
  })
})

describe('discriminatedUnion', () => {
  const Household = discriminatedUnion('Household', 'status', [
    struct('Registered', { status: t.literal('registered') }),
    struct('Migrant', { status: t.literal('migrant'), origin: text(20) }),
  ])

  it('decodes each member by its tag', () => {
    expect(right(decodeWith(Household, { status: 'registered' }))).toEqual({ status: 'registered' })
    expect(right(decodeWith(Household, { status: 'migrant', origin: 'Anhui' }))).toEqual({
      status: 'migrant',
      origin: 'Anhui',
    })
  })

  it('reports an unknown tag at $.<key>, listing the known tags', () => {
    expect(issuesOf(Household, { status: 'tourist', origin: 'x' })).toEqual([
      { path: '$.status', expected: '"registered" | "migrant"', actual: '"tourist"' },
    ])
  })

  it('reports a missing tag at $.<key>', () => {
    expect(issuesOf(Household, { origin: 'x' })).toEqual([
      { path: '$.status', expected: '"registered" | "migrant"', actual: 'undefined' },
    ])
  })

  it('does not take an inherited property name for a tag', () => {
    expect(pathsOf(Household, { status: 'toString' })).toEqual(['$.status'])
    expect(pathsOf(Household, { status: '__proto__' })).toEqual(['$.status'])
  })

  it('reports the errors of the chosen member only', () => {
    // Registered would complain about `origin` as an unknown key; only Migrant's errors appear.
    expect(issuesOf(Household, { status: 'migrant' })).toEqual([
      { path: '$.origin', expected: 'text (1 to 20 characters)', actual: 'undefined' },
    ])
    expect(issuesOf(Household, { status: 'registered', origin: 'x' })).toEqual([
      { path: '$.origin', expected: 'no such key', actual: '"x"' },
    ])
  })

  it('refuses a non-object at $, naming the union', () => {
    expect(issuesOf(Household, 'migrant')).toEqual([
      { path: '$', expected: 'Household', actual: '"migrant"' },
    ])
  })

  it('reports a nested union tag at its full path', () => {
    const Person = struct('Person', { household: Household })
    expect(pathsOf(Person, { household: { status: 'x' } })).toEqual(['$.household.status'])
  })

  it('exposes its key, tags and members', () => {
    expect(Household.key).toBe('status')
    expect(Household.tags).toEqual(['registered', 'migrant'])
    expect(Object.keys(Household.members)).toEqual(['registered', 'migrant'])
  })

  it('`is` dispatches on the tag', () => {
    expect(Household.is({ status: 'migrant', origin: 'Anhui' })).toBe(true)
    expect(Household.is({ status: 'migrant' })).toBe(false)
    expect(Household.is({ status: 'tourist' })).toBe(false)
  })

  it('refuses (throws) a duplicate tag or no members: programmer errors', () => {
    expect(() =>
      discriminatedUnion('Twice', 'status', [
        struct('A', { status: t.literal('a') }),
        struct('B', { status: t.literal('a') }),
      ]),
    ).toThrow(/duplicate status "a"/)
    expect(() => discriminatedUnion('None', 'status', [])).toThrow(/no members/)
  })
})

describe('taggedUnion', () => {
  const Shape = taggedUnion('Shape', [
    tagged('circle', { r: t.number }),
    tagged('square', { side: t.number }, { label: text(10) }),
  ])

  it('reports an unknown type at $.type', () => {
    expect(issuesOf(Shape, { type: 'triangle', r: 1 })).toEqual([
      { path: '$.type', expected: '"circle" | "square"', actual: '"triangle"' },
    ])
  })

  it('reports a non-string type at $.type', () => {
    expect(pathsOf(Shape, { type: 7 })).toEqual(['$.type'])
  })

  it("reports the chosen member's errors only", () => {
    expect(issuesOf(Shape, { type: 'square', r: 1 })).toEqual([
      { path: '$.r', expected: 'no such key', actual: '1' },
      { path: '$.side', expected: 'number', actual: 'undefined' },
    ])
  })

  it('decodes into a fresh object', () => {
    const input = { type: 'circle', r: 2 }
    const decoded = right(decodeWith(Shape, input))
    expect(decoded).toEqual(input)
    expect(decoded).not.toBe(input)
  })

  it('encodes through the member', () => {
    expect(Shape.encode({ type: 'square', side: 2, label: 'a' })).toEqual({
      type: 'square',
      side: 2,
      label: 'a',
    })
  })
})

describe('text', () => {
  const Name = text(5)

  it.each([
    ['a', 'a'],
    ['exactly max characters', 'abcde'],
    ['Chinese characters', '议事厅'],
    ['inner spaces', 'a b'],
  ])('accepts %s', (_what, value) => {
    expect(Name.is(value)).toBe(true)
    expect(right(decodeWith(Name, value))).toBe(value)
  })

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['leading space', ' ab'],
    ['trailing space', 'ab '],
    ['trailing newline', 'ab\n'],
    ['leading no-break space', '\u00a0ab'],
    ['too long', 'abcdef'],
    ['NUL', 'a\u0000b'],
    ['backspace', 'a\u0008b'],
    ['carriage return', 'a\rb'],
    ['escape', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['a number', 5],
    ['null', null],
  ])('refuses %s', (_what, value) => {
    expect(Name.is(value)).toBe(false)
    expect(issuesOf(Name, value)).toEqual([
      expect.objectContaining({ path: '$', expected: 'text (1 to 5 characters)' }),
    ])
  })

  it('takes a custom name for errors', () => {
    expect(issuesOf(text(3, 'Initials'), 'abcd')).toEqual([
      { path: '$', expected: 'Initials', actual: '"abcd"' },
    ])
  })
})

describe('oneOf', () => {
  const Household = oneOf(['registered', 'migrant'])

  it('accepts the listed values only', () => {
    expect(right(decodeWith(Household, 'migrant'))).toBe('migrant')
    expect(issuesOf(Household, 'tourist')).toEqual([
      { path: '$', expected: '"registered" | "migrant"', actual: '"tourist"' },
    ])
    expect(Household.is('Migrant')).toBe(false)
    expect(Household.is(1)).toBe(false)
  })

  it('does not accept names inherited from Object.prototype', () => {
    expect(Household.is('toString')).toBe(false)
    expect(Household.is('constructor')).toBe(false)
  })

  it('exposes its values and takes a custom name', () => {
    expect(Household.values).toEqual(['registered', 'migrant'])
    expect(oneOf(['a'], 'Letter').name).toBe('Letter')
  })
})

describe('integer', () => {
  const Score = integer(1, 5)

  it('accepts integers in the closed range', () => {
    expect([1, 3, 5].map((n) => Score.is(n))).toEqual([true, true, true])
  })

  it.each([
    ['below min', 0],
    ['above max', 6],
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a numeric string', '3'],
  ])('refuses %s', (_what, value) => {
    expect(issuesOf(Score, value)).toEqual([
      expect.objectContaining({ path: '$', expected: 'integer in [1, 5]' }),
    ])
  })
  describe('negative zero: a decoded value equals its own JSON round trip', () => {
    const Count = integer(0, 10)
    const Tally = struct('Tally', { n: Count, delta: integer(-5, 5) })

    it('decodes -0 to 0', () => {
      expect(Object.is(right(decodeWith(Count, -0)), 0)).toBe(true)
      const tally = right(decodeWith(Tally, { n: -0, delta: -0 }))
      const roundTrip: unknown = JSON.parse(JSON.stringify(tally))
      expect(Object.is(tally.n, 0) && Object.is(tally.delta, 0)).toBe(true)
      expect(roundTrip).toStrictEqual(tally)
    })

    it('`is` holds for exactly the values decode returns, so not for -0', () => {
      expect(Count.is(-0)).toBe(false)
      expect(Count.is(0)).toBe(true)
      expect(Tally.is({ n: 0, delta: -0 })).toBe(false)
    })

    it('refuses -0 where 0 is out of range', () => {
      expect(pathsOf(Score, -0)).toEqual(['$'])
    })
  })
})

describe('orNull', () => {
  const Row = struct('Row', { v: orNull(t.number) })

  it('accepts null and a value of the codec', () => {
    expect(right(decodeWith(Row, { v: null }))).toEqual({ v: null })
    expect(right(decodeWith(Row, { v: 2 }))).toEqual({ v: 2 })
  })

  it('adds no step to the error path', () => {
    expect(issuesOf(Row, { v: 'x' })).toEqual([
      { path: '$.v', expected: 'number | null', actual: '"x"' },
    ])
  })

  it('refuses undefined (a missing key is not null)', () => {
    expect(pathsOf(Row, {})).toEqual(['$.v'])
  })

  it('keeps nested paths of the inner codec', () => {
    const Holder = struct('Holder', { p: orNull(Point) })
    expect(pathsOf(Holder, { p: { x: 1, y: 'b' } })).toEqual(['$.p.y'])
  })
})

describe('decodeWith and DecodeError', () => {
  it('returns Right with the decoded value', () => {
    expect(decodeWith(t.number, 3)).toEqual(E.right(3))
  })

  it('returns a DecodeError with code, message and issues {path, expected, actual}', () => {
    const error = left(decodeWith(Point, { x: 'a', y: 2 }))
    expect(error).toEqual({
      code: 'DecodeError',
      message: 'Invalid input: $.x: expected number, got "a"',
      issues: [{ path: '$.x', expected: 'number', actual: '"a"' }],
    })
  })

  it('lists three issues in the message and counts the rest', () => {
    const Many = struct('Many', { a: t.number, b: t.number, c: t.number, d: t.number, e: t.number })
    const error = left(decodeWith(Many, {}))
    expect(error.issues).toHaveLength(5)
    expect(error.message).toContain('$.a')
    expect(error.message).toContain('$.c')
    expect(error.message).not.toContain('$.d')
    expect(error.message).toContain('(and 2 more)')
  })

  it('gives one issue per path, keeping the first', () => {
    const root = { key: '', type: t.unknown, actual: {} }
    const errors: t.Errors = [
      { value: 'x', context: [root, { key: 'a', type: t.number, actual: 'x' }] },
      { value: 'x', context: [root, { key: 'a', type: t.boolean, actual: 'x' }] },
      { value: 1, context: [root, { key: 'b', type: t.string, actual: 1 }] },
    ]
    expect(toDecodeIssues(errors)).toEqual([
      { path: '$.a', expected: 'number', actual: '"x"' },
      { path: '$.b', expected: 'string', actual: '1' },
    ])
  })

  it('truncates a long actual value to 60 characters', () => {
    const actual = renderActual('x'.repeat(200))
    expect(actual).toHaveLength(60)
    expect(actual.endsWith('...')).toBe(true)
  })

  it('renders a value JSON cannot render without failing', () => {
    expect(renderActual(10n)).toBe('[bigint]')
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    // A cycle is written until the rendering is long enough, then cut.
    expect(renderActual(cyclic)).toMatch(/^\{"self":\{"self":.*\.\.\.$/)
    expect(renderActual(cyclic).length).toBeLessThanOrEqual(60)
  })

  // Regression guard (once went wrong like this): JSON.stringify returns undefined (it does not throw) for functions and
  // symbols, so `text.length` throws a TypeError and decodeWith throws instead of returning a
  // DecodeError. Unknown input from JS callers can hold functions.
  it('refuses a function-valued field as a DecodeError instead of throwing', () => {
    const issues = issuesOf(Point, { x: () => 1, y: 2 })
    expect(issues.map((i) => i.path)).toEqual(['$.x'])
  })

  it('refuses a symbol-valued field as a DecodeError instead of throwing', () => {
    expect(pathsOf(Point, { x: 1, y: Symbol('y') })).toEqual(['$.y'])
  })

  it('decodeError builds the same shape from issues', () => {
    const issues = [{ path: '$.a', expected: 'number', actual: '"x"' }]
    expect(decodeError(issues)).toEqual({
      code: 'DecodeError',
      message: 'Invalid input: $.a: expected number, got "x"',
      issues,
    })
  })
})

describe('finiteNumber: a decoded value equals its own JSON round trip', () => {
  const average = finiteNumber(1, 5)
  it('accepts finite numbers in range, whole or not', () => {
    expect(average.is(4.5)).toBe(true)
    expect(E.isRight(average.decode(1))).toBe(true)
  })
  it('refuses NaN and ±Infinity (JSON writes them as null) and numbers out of range', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5, 6])
      expect(E.isLeft(average.decode(bad))).toBe(true)
  })
  it('decodes -0 as 0, and is(-0) is false', () => {
    const zeroToOne = finiteNumber(0, 1)
    const decoded = zeroToOne.decode(-0)
    expect(E.isRight(decoded) && Object.is(decoded.right, 0)).toBe(true)
    expect(zeroToOne.is(-0)).toBe(false)
  })
})
