/**
 * Integration's rules are data: every refusal of the folder names a rule of `integrationRules`,
 * and every rule of the catalogue is one the folder refuses with.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as integrationApi from '../../src/integration/index.js'
import { rulesOf, type Machine } from '../../src/core/index.js'
import { integrationRules } from '../../src/integration/index.js'

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'integration')

/** Every TypeScript source of the folder, with its path inside it. */
const sources = (dir: string, under = ''): ReadonlyArray<{ path: string; text: string }> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name), `${under}${entry.name}/`)
      : entry.name.endsWith('.ts')
        ? [{ path: `${under}${entry.name}`, text: readFileSync(join(dir, entry.name), 'utf8') }]
        : [],
  )

/** The machines the folder exports. */
const machines = Object.entries(integrationApi as Readonly<Record<string, unknown>>).filter(
  (entry): entry is [string, Machine<string, string, string>] => {
    const value = entry[1]
    return (
      typeof value === 'object' && value !== null && 'transitions' in value && 'toMermaid' in value
    )
  },
)

const catalogued = new Set(rulesOf(integrationRules).map((r) => r.id))

describe('the rules of integration', () => {
  it('every guard of every machine of integration is a catalogued rule', () => {
    expect(machines.map(([name]) => name).sort()).toEqual([
      'enrolmentMachine',
      'recordMachine',
      'requestMachine',
    ])
    const guards = machines.flatMap(([, machine]) =>
      machine.transitions.flatMap((t) => (t.guard === undefined ? [] : [t.guard])),
    )
    expect(guards).toEqual(['hours-attended'])
    for (const guard of guards) expect(catalogued).toContain(guard)
  })

  it('the integration folder refuses only with catalogued rules', () => {
    const files = sources(folder)
    expect(files.length).toBeGreaterThan(10)
    for (const { path, text } of files) {
      expect(text, `${path} calls ruleViolation`).not.toMatch(/\bruleViolation\s*\(/)
      // Every refusal by rule names a rule of the catalogue, as `integrationRules.key`.
      for (const call of text.matchAll(/\b(violation|refuseBy)\(\s*([^,\s]+)/g))
        expect(call[2], `${path}: ${call[0]}`).toMatch(/^integrationRules\.[A-Za-z]+$/)
      for (const guard of text.matchAll(/\bguard:\s*([^,\s}]+)/g))
        expect(guard[1], `${path}: ${guard[0]}`).toMatch(/^integrationRules\.[A-Za-z]+\.id$/)
    }
  })

  it('every catalogued rule is one the folder refuses with, and every key names a rule', () => {
    const text = sources(folder)
      .filter(({ path }) => path !== 'rules.ts')
      .map(({ text }) => text)
      .join('\n')
    for (const key of Object.keys(integrationRules))
      expect(text, `integrationRules.${key} is used`).toContain(`integrationRules.${key}`)
    const used = new Set([...text.matchAll(/integrationRules\.([A-Za-z]+)/g)].map((m) => m[1]))
    for (const key of used) expect(Object.keys(integrationRules)).toContain(key)
  })

  it('holds the 52 rules integration decides itself, each id once', () => {
    expect(rulesOf(integrationRules)).toHaveLength(52)
    expect(catalogued.size).toBe(52)
  })
})
