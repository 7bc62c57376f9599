/**
 * Where each mechanism's rule catalogue is shown: its docs page holds the table that
 * `rulesTable` makes of the catalogue, between `<!-- rules:NAME -->` and `<!-- /rules -->`.
 * `test/rules-docs.test.ts` checks the pages; `npm run docs:rules` writes them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as community from '../../src/community/index.js'
import * as deliberation from '../../src/deliberation/index.js'
import * as dispute from '../../src/dispute/index.js'
import * as embedding from '../../src/embedding/index.js'
import * as integration from '../../src/integration/index.js'
import type { Catalogue } from '../../src/core/index.js'

/** The mechanisms with a catalogue, and the docs page of each. */
export const catalogues = {
  community: 'docs/community.md',
  embedding: 'docs/embedding.md',
  deliberation: 'docs/deliberation.md',
  dispute: 'docs/dispute.md',
  integration: 'docs/integration.md',
} as const

export type CatalogueName = keyof typeof catalogues

/** Each mechanism's folder, as its subpath exports it. */
const folders: Readonly<Record<CatalogueName, object>> = {
  community,
  embedding,
  deliberation,
  dispute,
  integration,
}

/** The catalogue a mechanism exports as `<name>Rules`, if it exports one. */
export const catalogueOf = (name: CatalogueName): Catalogue | undefined =>
  (folders[name] as Readonly<Record<string, Catalogue | undefined>>)[`${name}Rules`]

/** The permission table a mechanism exports as `<name>Permissions`, if it exports one. */
export const permissionsOf = (
  name: CatalogueName,
): Readonly<Record<string, { readonly who: string }>> | undefined =>
  (
    folders[name] as Readonly<
      Record<string, Readonly<Record<string, { readonly who: string }>> | undefined>
    >
  )[`${name}Permissions`]

/** The block of a page that holds a permission table (`<!-- permissions:NAME -->`). */
export const permissionsBlock = (name: string): RegExp =>
  new RegExp(`<!-- permissions:${name} -->\\n([\\s\\S]*?)\\n<!-- /permissions -->`)

/** The block of a page that holds a catalogue's table (`undefined` when the page has none). */
export const blockPattern = (name: string): RegExp =>
  new RegExp(`<!-- rules:${name} -->\\n([\\s\\S]*?)\\n<!-- /rules -->`)

/** A page's text, from the project's root. */
export const page = (root: string, name: CatalogueName): string =>
  readFileSync(join(root, catalogues[name]), 'utf8')
