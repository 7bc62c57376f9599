import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as disputeFolder from '../../src/dispute/index.js'
import { rulesOf } from '../../src/core/index.js'
import { disputeRules } from '../../src/dispute/index.js'

// Rules are data: every refusal of dispute names a rule of its catalogue, and every guard of its
// lifecycle table is one.

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'dispute')

/** Every source file under a folder, with its text. */
const sources = (dir: string): ReadonlyArray<{ readonly file: string; readonly text: string }> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [{ file: path, text: readFileSync(path, 'utf8') }] : []
  })

/** The lifecycle tables the dispute folder exports. */
const machines = Object.entries(disputeFolder).flatMap(([name, value]) =>
  typeof value === 'object' &&
  'transitions' in value &&
  'toMermaid' in value &&
  Array.isArray(value.transitions)
    ? [{ name, transitions: value.transitions as ReadonlyArray<{ readonly guard?: string }> }]
    : [],
)

const catalogued = new Set(rulesOf(disputeRules).map((r) => r.id))

describe('the rules of dispute', () => {
  it('every guard of every machine of dispute is a catalogued rule', () => {
    expect(machines.map((m) => m.name).sort()).toEqual(['caseMachine'])
    const guards = machines.flatMap((m) =>
      m.transitions.flatMap((t) => (t.guard === undefined ? [] : [`${m.name}: ${t.guard}`])),
    )
    expect(guards.length).toBeGreaterThan(0)
    for (const guard of guards)
      expect(catalogued.has(guard.slice(guard.indexOf(': ') + 2)), guard).toBe(true)
  })

  it('the dispute folder refuses only with catalogued rules', () => {
    const files = sources(folder)
    expect(files.length).toBeGreaterThan(8)
    for (const { file, text } of files) expect(text, file).not.toMatch(/\bruleViolation\(/)
  })

  it('names each rule once, by one key, with a statement', () => {
    const rules = rulesOf(disputeRules)
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length)
    for (const rule of rules) expect(rule.statement.trim(), rule.id).not.toBe('')
    expect(Object.isFrozen(disputeRules)).toBe(true)
  })

  it('holds every rule a case has refused with, its own only (no rule of the registry)', () => {
    expect([...catalogued].sort()).toEqual(
      [
        'already-applied',
        'already-assigned',
        'already-consented',
        'already-countersigned',
        'already-requested',
        'already-signed',
        'case-not-open',
        'earlier-than-last-step',
        'escalation-needs-request',
        'every-party-consents',
        'joint-mediators',
        'kind-parties',
        'limits-by-office',
        'mediator-is-party',
        'mediator-level',
        'signed-and-sealed',
        'too-many-mediators',
        'too-many-posts',
        'top-of-ladder',
        'two-communities',
        'two-parties',
        'within-30-days',
      ].sort(),
    )
  })

  it('every rule the dispute tests expect is catalogued, and every rule that refuses is expected', () => {
    const specs = sources(dirname(fileURLToPath(import.meta.url))).filter(
      ({ file }) => file.endsWith('.test.ts') && !file.endsWith('rules.test.ts'),
    )
    const byKey = disputeRules as unknown as Readonly<Record<string, { readonly id: string }>>
    const expected = new Set(
      specs.flatMap(({ text }) => [
        ...[...text.matchAll(/rule(?:\('|: ')([a-z0-9-]+)'/g)].map((m) => m[1] ?? ''),
        // The specs name a rule by its key in the catalogue (`disputeRules.topOfLadder`).
        ...[...text.matchAll(/disputeRules\.(\w+)/g)].map(
          (m) => byKey[m[1] ?? '']?.id ?? `disputeRules.${m[1] ?? ''}`,
        ),
      ]),
    )
    for (const id of expected) expect(catalogued.has(id), id).toBe(true)
    // The two guards that only choose between edges never refuse, so no test expects them.
    const choosing = new Set(['every-party-consents', 'signed-and-sealed'])
    for (const id of catalogued) if (!choosing.has(id)) expect(expected.has(id), id).toBe(true)
  })
})
