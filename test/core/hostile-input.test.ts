import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  decodeWith,
  list,
  renderActual,
  struct,
  tagged,
  taggedUnion,
  text,
} from '../../src/core/index.js'

const Point = struct('Point', { x: t.number }, { tags: list(t.string) })

const issuesOf = <A, O>(codec: t.Type<A, O>, input: unknown) => {
  const result = decodeWith(codec, input)
  if (E.isRight(result)) throw new Error('expected a refusal')
  return result.left.issues
}

describe('input that fights back is refused, never thrown', () => {
  it('a getter that throws is a DecodeError at its own path', () => {
    const input = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    expect(issuesOf(Point, input)).toEqual([
      { path: '$.x', expected: 'number', actual: '"unreadable: boom"' },
    ])
  })

  it('a proxy whose traps throw is a DecodeError', () => {
    const input = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap')
        },
      },
    )
    expect(issuesOf(Point, input)[0]?.path).toBe('$')
  })

  it('a flood of unknown keys is reported briefly and without overflowing the stack', () => {
    const input: Record<string, unknown> = { x: 1 }
    for (let i = 0; i < 200_000; i++) input[`k${i}`] = i
    const issues = issuesOf(Point, input)
    expect(issues.length).toBeLessThanOrEqual(20)
    expect(issues[0]).toMatchObject({ path: '$.k0', expected: 'no such key' })
  })

  it('a huge, deeply shared value is rendered in bounded time and length', () => {
    let value: unknown = 'leaf'
    for (let i = 0; i < 40; i++) value = [value, value] // 2^40 leaves if serialised whole
    const rendered = renderActual(value)
    expect(rendered.length).toBeLessThanOrEqual(60)
    expect(rendered.endsWith('...')).toBe(true)
  })

  it('a sparse array’s holes are decoded, not skipped', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    const issues = issuesOf(Point, { x: 1, tags: [, 'en'] })
    expect(issues.map((i) => i.path)).toEqual(['$.tags[0]'])
  })

  it('keys that are not identifiers are quoted in paths, so "a.b" and "0" are not misread', () => {
    expect(
      issuesOf(Point, { x: 1, 'a.b': 1, '0': 2 })
        .map((i) => i.path)
        .sort(),
    ).toEqual(['$["0"]', '$["a.b"]'])
  })
})

describe('free text holds only what a reader can see', () => {
  const Name = text(50)
  it.each([
    ['a line break', 'Wang\nJun'],
    ['a tab', 'Wang\tJun'],
    ['a C1 control', 'Wang\u0085Jun'],
    ['a bidi override', 'Wang\u202eJun'],
    ['a lone surrogate', 'Wang\ud800'],
    ['only an invisible character', '\u200b'],
  ])('refuses %s', (_what, value) => {
    expect(E.isLeft(decodeWith(Name, value))).toBe(true)
  })

  it.each([
    ['Chinese', '王军'],
    ['an emoji', 'Team 🌸'],
    ['accents', 'Zoë'],
  ])('accepts %s', (_what, value) => {
    expect(decodeWith(Name, value)).toEqual(E.right(value))
  })
})

/** An object whose `key` getter throws `thrown`. */
const throwingAt = (key: string, thrown: unknown = new Error('boom')): object =>
  Object.defineProperty({}, key, {
    enumerable: true,
    get() {
      throw thrown
    },
  })

describe('a throwing read is refused at its own path, and no combinator throws', () => {
  const Command = taggedUnion('Command', [tagged('rename', { name: text(50) })])

  it('a getter that throws on an unknown key is refused there, as no such key', () => {
    const input = Object.assign(throwingAt('extra'), { x: 1 })
    expect(issuesOf(Point, input)).toEqual([
      { path: '$.extra', expected: 'no such key', actual: '"unreadable: boom"' },
    ])
  })

  it('a getter that throws on an optional key is refused there', () => {
    expect(issuesOf(Point, Object.assign(throwingAt('tags'), { x: 1 }))).toEqual([
      expect.objectContaining({ path: '$.tags', actual: '"unreadable: boom"' }),
    ])
  })

  it('a list item whose getter throws is refused at its index', () => {
    const tags = Object.defineProperty(['en', 'zh'], 1, {
      get() {
        throw new Error('boom')
      },
    })
    expect(issuesOf(Point, { x: 1, tags })).toEqual([
      { path: '$.tags[1]', expected: 'string', actual: '"unreadable: boom"' },
    ])
  })

  it('a union tag whose getter throws is refused at $.type', () => {
    expect(issuesOf(Command, throwingAt('type'))[0]).toMatchObject({
      path: '$.type',
      actual: '"unreadable: boom"',
    })
  })

  it('a revoked proxy (even Array.isArray throws on it) is refused at its path', () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(issuesOf(Point, proxy).map((i) => i.path)).toEqual(['$'])
    expect(issuesOf(Point, { x: 1, tags: proxy }).map((i) => i.path)).toEqual(['$.tags'])
    expect(issuesOf(Command, proxy).map((i) => i.path)).toEqual(['$'])
  })

  it('codec.decode itself returns Left, without decodeWith to catch for it', () => {
    for (const input of [throwingAt('x'), { x: 1, tags: throwingAt('0') }]) {
      expect(() => Point.decode(input)).not.toThrow()
      expect(E.isLeft(Point.decode(input))).toBe(true)
    }
    expect(E.isLeft(Command.decode(throwingAt('type')))).toBe(true)
  })

  it('`is` answers false on input that cannot be read, instead of throwing', () => {
    expect(Point.is(throwingAt('x'))).toBe(false)
    expect(
      list(t.string).is(
        Object.defineProperty(['a'], 0, {
          get: () => {
            throw new Error('boom')
          },
        }),
      ),
    ).toBe(false)
    expect(Command.is(throwingAt('type'))).toBe(false)
  })

  it('a thrown value that cannot even be turned into text is still refused, not thrown', () => {
    // A codec of another library reads the getter outside the guards, so decodeWith catches
    // what it throws; that this value throws from String() must not escape either.
    const foreign = t.type({ x: t.number })
    const unprintable = Object.create(null) as object
    expect(issuesOf(foreign, throwingAt('x', unprintable))).toEqual([
      { path: '$', expected: foreign.name, actual: '"unreadable: an unreadable error"' },
    ])
    expect(issuesOf(Point, throwingAt('x', unprintable))[0]?.path).toBe('$.x')
  })
})

describe('a list never holds more than its cap, whatever its input does', () => {
  const Tags = list(t.string, 500)

  it('an array whose index getter pushes more items decodes to at most its cap', () => {
    const input: string[] = Array.from({ length: 500 }, (_, i) => `t${i}`)
    Object.defineProperty(input, 499, {
      get() {
        for (let i = 0; i < 1501; i++) input.push('more')
        return 'last'
      },
    })
    const decoded = decodeWith(Tags, input)
    expect(input).toHaveLength(2001) // the getter did its worst
    expect(E.isRight(decoded) && decoded.right.length).toBe(500)
  })

  it('a proxy whose length grows between reads decodes to at most its cap', () => {
    let reads = 0
    const input = new Proxy(['a'], {
      get(target, key, receiver) {
        if (key === 'length') return Math.min(++reads, 2001)
        return typeof key === 'string' && /^\d+$/.test(key)
          ? 'x'
          : (Reflect.get(target, key, receiver) as unknown)
      },
    })
    const decoded = decodeWith(Tags, input)
    expect(E.isRight(decoded) && decoded.right.length).toBe(1)
    expect(reads).toBe(1)
  })

  it.each([
    ['NaN', Number.NaN],
    ['negative', -1],
    ['a fraction', 1.5],
    ['a string', '3'],
    ['beyond safe integers', 2 ** 53],
  ])('a proxy whose length is %s is refused at the list', (_what, length) => {
    const input = new Proxy<string[]>([], {
      get: (target, key, receiver) =>
        key === 'length' ? length : (Reflect.get(target, key, receiver) as unknown),
    })
    expect(issuesOf(Tags, input).map((i) => i.path)).toEqual(['$'])
    expect(Tags.is(input)).toBe(false)
  })

  it('`is` holds exactly for what decode accepts: a hole is an item', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    const sparse = [, 'en']
    expect(E.isLeft(decodeWith(Tags, sparse))).toBe(true)
    expect(Tags.is(sparse)).toBe(false)
  })
})
