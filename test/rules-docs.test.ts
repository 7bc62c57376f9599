/**
 * Rules and permissions are data: every mechanism exports its catalogue (`<name>Rules`) and its
 * permission table (`<name>Permissions`), and its docs page shows exactly the tables made of them,
 * so the docs' rule and authority lists cannot drift from the code.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { permissionsTable, rulesTable } from '../src/core/index.js'
import {
  blockPattern,
  catalogueOf,
  catalogues,
  page,
  permissionsBlock,
  permissionsOf,
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

  it('are joined by a permission table the mechanism exports, shown on its docs page', () => {
    const permissions = permissionsOf(name)
    expect(permissions, `${name}Permissions is exported`).toBeDefined()
    if (permissions === undefined) return
    const block = permissionsBlock(name).exec(page(root, name))
    expect(block, `${catalogues[name]} has a permissions:${name} block`).not.toBeNull()
    expect(block?.[1]).toBe(permissionsTable(permissions))
  })
})
