/**
 * Every ```ts block of an `@example` tag in src/ and of README.md and docs/*.md is type-checked,
 * all in one TypeScript program with the project's strict options, and run unless its first line
 * is `// @check types-only` (it declares the state it reads) or `// @check none` (a fragment,
 * skipped). Each block is one test, named by the file and line it is written at.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  collectExamples,
  nameOf,
  typeCheck,
  writeExamples,
  type Check,
  type Written,
} from './support/examples.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const examples = writeExamples(join(root, 'test', '.generated', 'examples'), collectExamples(root))

let checked: ReturnType<typeof typeCheck> | undefined
beforeAll(() => {
  checked = typeCheck(
    root,
    examples.filter((example) => example.check !== 'none'),
  )
}, 60_000)

afterEach(() => {
  vi.restoreAllMocks()
})

const sourceOf = (example: Written): string =>
  example.file.startsWith('src/') ? 'src (@example)' : example.file

const count = (of: ReadonlyArray<Written>, check: Check): number =>
  of.filter((example) => example.check === check).length

describe.each([...new Set(examples.map(sourceOf))])('%s', (source) => {
  for (const example of examples.filter((e) => sourceOf(e) === source)) {
    const name = nameOf(example)
    if (example.check === 'none') {
      it.skip(`${name} (@check none)`, () => undefined)
      continue
    }
    it(`${name}${example.check === 'types-only' ? ' (types only)' : ''}`, async () => {
      expect(checked?.byModule.get(example.module)?.join('\n')).toBe('')
      if (example.check === 'run') {
        vi.spyOn(console, 'log').mockImplementation(() => undefined)
        await import(/* @vite-ignore */ example.module)
      }
    }, 30_000)
  }
})

it('the examples type-check without an error outside them', () => {
  expect(checked?.other.join('\n')).toBe('')
})

it('finds the examples, and skips few', () => {
  const sources = [...new Set(examples.map(sourceOf))]
  const lines = sources.map((source) => {
    const of = examples.filter((e) => sourceOf(e) === source)
    const run = count(of, 'run')
    const typesOnly = count(of, 'types-only')
    return `${source}: ${of.length} found, ${run + typesOnly} type-checked, ${run} run, ${count(of, 'none')} skipped`
  })
  console.info(`Examples\n  ${lines.join('\n  ')}`)
  expect(examples.filter((e) => e.file.startsWith('src/')).length).toBeGreaterThan(0)
  expect(count(examples, 'none')).toBeLessThanOrEqual(examples.length / 10)
})
