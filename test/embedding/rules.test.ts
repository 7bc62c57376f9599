import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as embeddingFolder from '../../src/embedding/index.js'
import { rulesOf } from '../../src/core/index.js'
import { communityRules } from '../../src/community/index.js'
import { embeddingRules } from '../../src/embedding/index.js'

// Rules are data: every refusal of embedding names a rule of its catalogue, and every guard of
// its lifecycle tables is one.

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'embedding')

/** Every source file under a folder, with its text. */
const sources = (dir: string): ReadonlyArray<{ readonly file: string; readonly text: string }> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [{ file: path, text: readFileSync(path, 'utf8') }] : []
  })

/** The lifecycle tables the embedding folder exports. */
const machines = Object.entries(embeddingFolder).flatMap(([name, value]) =>
  typeof value === 'object' &&
  'transitions' in value &&
  'toMermaid' in value &&
  Array.isArray(value.transitions)
    ? [{ name, transitions: value.transitions as ReadonlyArray<{ readonly guard?: string }> }]
    : [],
)

const catalogued = new Set(rulesOf(embeddingRules).map((r) => r.id))

describe('the rules of embedding', () => {
  it('every guard of every machine of embedding is a catalogued rule', () => {
    expect(machines.map((m) => m.name).sort()).toEqual([
      'developmentMachine',
      'dutyMachine',
      'memberMachine',
    ])
    const guards = machines.flatMap((m) =>
      m.transitions.flatMap((t) => (t.guard === undefined ? [] : [`${m.name}: ${t.guard}`])),
    )
    expect(guards.length).toBeGreaterThan(0)
    for (const guard of guards)
      expect(catalogued.has(guard.slice(guard.indexOf(': ') + 2)), guard).toBe(true)
  })

  it('the embedding folder refuses only with catalogued rules', () => {
    const files = sources(folder)
    expect(files.length).toBeGreaterThan(10)
    for (const { file, text } of files) expect(text, file).not.toMatch(/\bruleViolation\(/)
  })

  it('names each rule once, by one key, with a statement', () => {
    const rules = rulesOf(embeddingRules)
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length)
    for (const rule of rules) expect(rule.statement.trim(), rule.id).not.toBe('')
    expect(Object.isFrozen(embeddingRules)).toBe(true)
  })

  it("holds every rule of the registry, under the registry's key", () => {
    // Embedding decides every registry command on the stream, and its compound acts are made of
    // registry commands: every refusal of the registry is one of embedding's.
    for (const [key, rule] of Object.entries(communityRules))
      expect((embeddingRules as Readonly<Record<string, unknown>>)[key], key).toBe(rule)
    // A key of embedding's own that shadowed one of the registry's would fail above; an id of its
    // own that repeated one of the registry's fails the test of unique ids.
    expect(rulesOf(embeddingRules).length).toBeGreaterThan(rulesOf(communityRules).length)
  })
})
