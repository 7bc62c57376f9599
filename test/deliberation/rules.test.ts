/**
 * Rules are data: the deliberation catalogue (`deliberationRules`) names every rule a hall's
 * `decide` refuses with, the lifecycle tables' guards among them, and nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { rulesOf } from '../../src/core/index.js'
import {
  deliberationRules,
  matterMachine,
  meetingMachine,
  motionMachine,
  taskMachine,
} from '../../src/deliberation/index.js'

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'deliberation')

/** Every source file of the deliberation folder, with its text, by path from the folder. */
const sources = (dir = folder, prefix = ''): ReadonlyArray<readonly [string, string]> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.ts')
        ? [[`${prefix}${entry.name}`, readFileSync(join(dir, entry.name), 'utf8')] as const]
        : [],
  )

const ids: ReadonlyArray<string> = rulesOf(deliberationRules).map((r) => r.id)

describe('the rules of deliberation', () => {
  it('every guard of every machine of deliberation is a catalogued rule', () => {
    const guards = [matterMachine, meetingMachine, motionMachine, taskMachine].flatMap((m) =>
      m.transitions.flatMap((tr) => (tr.guard === undefined ? [] : [tr.guard])),
    )
    expect(guards.length).toBeGreaterThan(0)
    for (const guard of guards) expect(ids, `guard ${guard}`).toContain(guard)
  })

  it('the deliberation folder refuses only with catalogued rules', () => {
    const files = sources()
    expect(files.length).toBeGreaterThan(0)
    for (const [path, text] of files) {
      // A refusal names a catalogued rule (`violation` / `refuseBy` with `deliberationRules.…`),
      // never an id written by hand.
      expect(text, path).not.toMatch(/\bruleViolation\s*\(/)
      // A machine's guard is the id of a catalogued rule, never a literal.
      expect(text, path).not.toMatch(/guard:\s*['"`]/)
    }
  })

  it('every catalogued rule is one the folder refuses with, or a guard of its tables', () => {
    const code = sources()
      .filter(([path]) => path !== 'rules.ts')
      .map(([, text]) => text)
      .join('\n')
    for (const key of Object.keys(deliberationRules))
      expect(code, `deliberationRules.${key}`).toContain(`deliberationRules.${key}`)
  })

  it('states each rule once, as a sentence', () => {
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of rulesOf(deliberationRules)) expect(rule.statement).toMatch(/^[A-Z].*\.$/)
  })
})
