/**
 * The registry's rules are data: every refusal of the community folder names a rule of
 * `communityRules`, and every guard of its lifecycle tables is one.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as communityFolder from '../../src/community/index.js'
import { rulesOf, type Machine } from '../../src/core/index.js'
import { communityRules } from '../../src/community/index.js'

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'community')

/** Every TypeScript source of the folder, with its path inside it. */
const sources = (dir: string, under = ''): ReadonlyArray<{ path: string; text: string }> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name), `${under}${entry.name}/`)
      : entry.name.endsWith('.ts')
        ? [{ path: `${under}${entry.name}`, text: readFileSync(join(dir, entry.name), 'utf8') }]
        : [],
  )

/** The lifecycle tables the folder exports. */
const machines = Object.entries(communityFolder as Readonly<Record<string, unknown>>).filter(
  (entry): entry is [string, Machine<string, string, string>] => {
    const value = entry[1]
    return (
      typeof value === 'object' && value !== null && 'transitions' in value && 'toMermaid' in value
    )
  },
)

const catalogued = new Set(rulesOf(communityRules).map((r) => r.id))

describe('the rules of community', () => {
  it('every guard of every machine of community is a catalogued rule', () => {
    expect(machines.map(([name]) => name).sort()).toEqual([
      'assignmentMachine',
      'organisationMachine',
    ])
    const guards = machines.flatMap(([, machine]) =>
      machine.transitions.flatMap((t) => (t.guard === undefined ? [] : [t.guard])),
    )
    expect(guards).toEqual(['no-active-sub-organisations'])
    for (const guard of guards) expect(catalogued).toContain(guard)
  })

  it('the community folder refuses only with catalogued rules', () => {
    const files = sources(folder)
    expect(files.length).toBeGreaterThan(5)
    for (const { path, text } of files) {
      expect(text, `${path} calls ruleViolation`).not.toMatch(/\bruleViolation\s*\(/)
      // Every refusal by rule names a rule of the catalogue, as `communityRules.key`.
      for (const call of text.matchAll(/\b(violation|refuseBy)\(\s*([^,\s]+)/g))
        expect(call[2], `${path}: ${call[0]}`).toMatch(/^communityRules\.[A-Za-z]+$/)
      for (const guard of text.matchAll(/\bguard:\s*([^,\s})`]+)/g))
        expect(guard[1], `${path}: ${guard[0]}`).toMatch(/^communityRules\.[A-Za-z]+\.id$/)
    }
  })

  it('every catalogued rule is one the folder refuses with, and every key names a rule', () => {
    const text = sources(folder)
      .filter(({ path }) => path !== 'rules.ts')
      .map(({ text }) => text)
      .join('\n')
    for (const key of Object.keys(communityRules))
      expect(text, `communityRules.${key} is used`).toContain(`communityRules.${key}`)
    const used = new Set([...text.matchAll(/communityRules\.([A-Za-z]+)/g)].map((m) => m[1]))
    for (const key of used) expect(Object.keys(communityRules)).toContain(key)
  })

  it('names each rule once, by one key, with a statement', () => {
    const rules = rulesOf(communityRules)
    expect(rules).toHaveLength(17)
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length)
    for (const rule of rules) expect(rule.statement.trim(), rule.id).not.toBe('')
    expect(Object.isFrozen(communityRules)).toBe(true)
  })
})
