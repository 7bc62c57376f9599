import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  alreadyExists,
  corruptStream,
  decodeError,
  decodeWith,
  describeError,
  forbidden,
  illegalTransition,
  notFound,
  renderActual,
  ruleViolation,
  struct,
  tagged,
  text,
  toDecodeIssues,
  versionConflict,
  type DomainError,
} from '../../src/core/index.js'
import { RegisterPerson } from '../../src/community/index.js'
import { escapeInvisible } from '../../src/core/escape.js'
import { left } from './fixtures.js'

/** Any character escapeInvisible must escape (lone surrogates: with the u flag, pairs are one). */
const RAW =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]/u

/** Every string a DomainError carries that is meant for display. */
const shownText = (e: DomainError): ReadonlyArray<string> => [
  e.message,
  describeError(e),
  ...(e.code === 'DecodeError' || e.code === 'CorruptStream'
    ? e.issues.flatMap((i) => [i.path, i.expected, i.actual])
    : []),
  ...(e.code === 'CorruptStream' ? [e.reason] : []),
]

const OVERRIDE = '\u202e'
const spoof = `Wang${OVERRIDE}nuJ`

describe('CorruptStream', () => {
  it('names the stream, the version and the reason, and describeError renders it', () => {
    const e = corruptStream('hall/h1', 3, 'expected version 3, got 4')
    expect(e).toEqual({
      code: 'CorruptStream',
      message: 'Stream "hall/h1" cannot be trusted from version 3: expected version 3, got 4',
      stream: 'hall/h1',
      version: 3,
      reason: 'expected version 3, got 4',
      issues: [],
    })
    expect(describeError(e)).toBe(`[CorruptStream] ${e.message}`)
  })

  it('carries the decode issues of a refused event', () => {
    const issues = [{ path: '$.score', expected: 'integer in [1, 5]', actual: '9' }]
    expect(corruptStream('case/c1', 2, 'its event is refused', issues).issues).toEqual(issues)
  })
})

describe('escapeInvisible', () => {
  it.each([
    ['a line feed', '\n', '\\u{000A}'],
    ['a tab', '\t', '\\u{0009}'],
    ['NUL', '\u0000', '\\u{0000}'],
    ['DEL', '\u007f', '\\u{007F}'],
    ['a C1 control', '\u0085', '\\u{0085}'],
    ['the Arabic letter mark', '\u061c', '\\u{061C}'],
    ['a zero-width space', '\u200b', '\\u{200B}'],
    ['a zero-width joiner', '\u200d', '\\u{200D}'],
    ['a right-to-left mark', '\u200f', '\\u{200F}'],
    ['the line separator', '\u2028', '\\u{2028}'],
    ['the paragraph separator', '\u2029', '\\u{2029}'],
    ['a left-to-right embedding', '\u202a', '\\u{202A}'],
    ['a right-to-left override', '\u202e', '\\u{202E}'],
    ['the word joiner', '\u2060', '\\u{2060}'],
    ['a first strong isolate', '\u2068', '\\u{2068}'],
    ['a pop directional isolate', '\u2069', '\\u{2069}'],
    ['a byte order mark', '\ufeff', '\\u{FEFF}'],
    ['a lone high surrogate', '\ud800', '\\u{D800}'],
    ['a lone low surrogate', '\udc00', '\\u{DC00}'],
    ['a soft hyphen', '\u00ad', '\\u{00AD}'],
    ['the combining grapheme joiner', '\u034f', '\\u{034F}'],
    ['a Hangul filler', '\u115f', '\\u{115F}'],
    ['the Hangul filler U+3164', '\u3164', '\\u{3164}'],
    ['the Mongolian vowel separator', '\u180e', '\\u{180E}'],
    ['an invisible function application', '\u2061', '\\u{2061}'],
    ['an inhibit symmetric swapping', '\u206a', '\\u{206A}'],
    ['a variation selector', '\ufe0f', '\\u{FE0F}'],
    ['an interlinear annotation anchor', '\ufff9', '\\u{FFF9}'],
    ['a tag character (invisible hidden text)', '\u{e0041}', '\\u{E0041}'],
    ['the language tag', '\u{e0001}', '\\u{E0001}'],
  ])('writes %s as visible text', (_what, raw, shown) => {
    expect(escapeInvisible(`a${raw}b`)).toBe(`a${shown}b`)
  })

  it('keeps every visible character, a surrogate pair and the backslash included', () => {
    const visible = '王军 Zoë Team 🌸 a\\b "q" \u00e9'
    expect(escapeInvisible(visible)).toBe(visible)
  })

  it('is idempotent, so escaped text is never escaped twice', () => {
    const raw = `a\n${OVERRIDE}\ud800\u2028b`
    const once = escapeInvisible(raw)
    expect(once).not.toMatch(RAW)
    expect(escapeInvisible(once)).toBe(once)
  })
})

describe('no error carries an invisible character from the input: every message is escaped', () => {
  it('a registerPerson whose name holds U+202E is refused with no raw U+202E', () => {
    const e = left(decodeWith(RegisterPerson, { type: 'registerPerson', name: spoof }))
    const name = e.code === 'DecodeError' ? e.issues.find((i) => i.path === '$.name') : undefined
    expect(name?.actual).toBe('"Wang\\u{202E}nuJ"')
    for (const s of shownText(e)) expect(s).not.toMatch(RAW)
  })

  it('a renamePlace-like input with the override and a line break in its name', () => {
    const RenamePlace = tagged('renamePlace', { place: text(40), name: text(200) })
    const e = left(
      decodeWith(RenamePlace, { type: 'renamePlace', place: 'p1', name: `${spoof}\n` }),
    )
    for (const s of shownText(e)) expect(s).not.toMatch(RAW)
    expect(e.message).toBe(
      'Invalid input: $.name: expected text (1 to 200 characters), got "Wang\\u{202E}nuJ\\n"',
    )
  })

  it('a key of the input holding U+202E is escaped in the path', () => {
    const e = left(decodeWith(struct('Point', { x: t.number }), { x: 1, [`a${OVERRIDE}b`]: 1 }))
    expect(e.code === 'DecodeError' && e.issues.map((i) => i.path)).toEqual(['$["a\\u{202E}b"]'])
    for (const s of shownText(e)) expect(s).not.toMatch(RAW)
    const issues = toDecodeIssues(
      E.getOrElseW(() => [])(E.swap(struct('P', {}).decode({ [OVERRIDE]: 1 }))),
    )
    expect(issues.map((i) => i.path)).toEqual(['$["\\u{202E}"]'])
  })

  it('a ruleViolation built from a template quoting the input has no raw U+202E', () => {
    const e = ruleViolation('not-a-resident', `${spoof} has no home in the street`)
    expect(e.message).toBe('Wang\\u{202E}nuJ has no home in the street')
    expect(describeError(e)).not.toMatch(RAW)
  })

  it.each([
    ['illegalTransition', illegalTransition('case', `open${OVERRIDE}`, 'close\n')],
    ['forbidden', forbidden(`p${OVERRIDE}1`, 'rename', [`registrar@street:s${OVERRIDE}`])],
    ['notFound', notFound('person', `p\n${OVERRIDE}`)],
    ['alreadyExists', alreadyExists('person', `p${OVERRIDE}`)],
    ['versionConflict', versionConflict(`hall/h${OVERRIDE}`, 1, 2)],
    [
      'corruptStream',
      corruptStream(`hall/h${OVERRIDE}`, 2, `not an event: ${spoof}\u2028`, [
        { path: `$["${OVERRIDE}"]`, expected: 'x', actual: spoof },
      ]),
    ],
    [
      'decodeError from hand-made issues',
      decodeError([{ path: `$.a${OVERRIDE}`, expected: `b\n`, actual: spoof }]),
    ],
  ])('%s escapes its message', (_what, e: DomainError) => {
    for (const s of shownText(e)) expect(s).not.toMatch(RAW)
  })

  it('keeps the structured fields as given, for programs to use', () => {
    expect(notFound('person', `p${OVERRIDE}`).id).toBe(`p${OVERRIDE}`)
    expect(corruptStream(`s${OVERRIDE}`, 1, 'r').stream).toBe(`s${OVERRIDE}`)
  })

  it('describeError escapes an error built by hand, not by a builder', () => {
    const byHand: DomainError = { code: 'RuleViolation', rule: 'r', message: `a\n${OVERRIDE}` }
    expect(describeError(byHand)).toBe('[RuleViolation] a\\u{000A}\\u{202E}')
  })

  it('leaves a message without invisible characters exactly as it was', () => {
    expect(notFound('community', 'c-east').message).toBe('No community with id "c-east"')
    expect(ruleViolation('quorum', '王军 needs 3 of 5 🌸').message).toBe('王军 needs 3 of 5 🌸')
    expect(renderActual({ name: 'Zoë' })).toBe('{"name":"Zoë"}')
  })
})

describe('escaping twice is harmless: messages built from escaped renderings', () => {
  it('a DecodeError message quotes its escaped actual verbatim, without a second backslash', () => {
    const actual = renderActual(spoof)
    expect(actual).toBe('"Wang\\u{202E}nuJ"')
    const e = decodeError([{ path: '$.name', expected: 'name', actual }])
    expect(e.issues[0]?.actual).toBe(actual)
    expect(e.message).toBe(`Invalid input: $.name: expected name, got ${actual}`)
    expect(e.message).not.toContain('\\\\u{')
  })

  it('a CorruptStream reason built with renderActual is kept as rendered', () => {
    const reason = `not an event: ${renderActual({ type: spoof })}`
    const e = corruptStream('hall/h1', 4, reason)
    expect(e.reason).toBe(reason)
    expect(e.message.endsWith(reason)).toBe(true)
    expect(describeError(e)).toBe(`[CorruptStream] ${e.message}`)
  })

  it('text that literally reads \\u{202E} stays distinguishable inside JSON-quoted renderings', () => {
    expect(renderActual('\\u{202E}')).toBe('"\\\\u{202E}"')
    expect(renderActual(OVERRIDE)).toBe('"\\u{202E}"')
  })
})

describe('renderActual cuts long renderings without breaking a character', () => {
  it('does not cut an escape in two', () => {
    for (let pad = 40; pad < 60; pad++) {
      const shown = renderActual('x'.repeat(pad) + OVERRIDE.repeat(10))
      expect(shown.length).toBeLessThanOrEqual(60)
      expect(shown.endsWith('...')).toBe(true)
      expect(shown.slice(0, -3)).toMatch(/^"x+(\\u\{202E\})*$/)
    }
  })

  it('does not cut a five-digit escape (a tag character) in two', () => {
    for (let pad = 40; pad < 60; pad++) {
      const shown = renderActual('x'.repeat(pad) + '\u{e0041}'.repeat(10))
      expect(shown.length).toBeLessThanOrEqual(60)
      expect(shown.slice(0, -3)).toMatch(/^"x+(\\u\{E0041\})*$/)
    }
  })

  it('does not cut a surrogate pair in two (half would be a lone surrogate)', () => {
    for (const lead of ['', 'a']) {
      const shown = renderActual(lead + '🌸'.repeat(40))
      expect(shown.length).toBeLessThanOrEqual(60)
      expect(shown).not.toMatch(RAW)
    }
  })
})
