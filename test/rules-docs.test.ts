/**
 * Rules are data: every mechanism exports its catalogue (`<name>Rules`), and its docs page shows
 * exactly the table made of it, so the docs' rule lists cannot drift from the code.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { rulesTable } from '../src/index.js'
import {
  blockPattern,
  catalogueOf,
  catalogues,
  page,
  type CatalogueName,
} from './support/rules-docs.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

describe.each(Object.keys(catalogues) as CatalogueName[])('the rules of %s', (name) => {
  it('are a catalogue the mechanism exports, and its docs page shows that catalogue', () => {
    const catalogue = catalogueOf(name)
    expect(catalogue, `${name}Rules is exported`).toBeDefined()
    if (catalogue === undefined) return
    const block = blockPattern(name).exec(page(root, name))
    expect(block, `${catalogues[name]} has a rules:${name} block`).not.toBeNull()
    expect(block?.[1]).toBe(rulesTable(catalogue))
  })
})
