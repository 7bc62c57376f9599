import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { decodeWith, list, renderActual, struct, text } from '../../src/index.js'

const Point = struct('Point', { x: t.number }, { tags: list(t.string) })

const issuesOf = <A, O>(codec: t.Type<A, O>, input: unknown) => {
  const result = decodeWith(codec, input)
  if (E.isRight(result)) throw new Error('expected a refusal')
  return result.left.issues
}

describe('input that fights back is refused, never thrown', () => {
  it('a getter that throws is a DecodeError at the root', () => {
    const input = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    expect(issuesOf(Point, input)).toEqual([
      { path: '$', expected: 'Point', actual: '"unreadable: boom"' },
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
