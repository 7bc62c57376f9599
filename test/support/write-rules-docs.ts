/**
 * Writes each mechanism's rule catalogue into its docs page, between `<!-- rules:NAME -->` and
 * `<!-- /rules -->`, and its permission table between `<!-- permissions:NAME -->` and
 * `<!-- /permissions -->` (the markers must be there already). Run: npm run docs:rules
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { permissionsTable, rulesTable } from '../../src/core/index.js'
import {
  blockPattern,
  catalogueOf,
  catalogues,
  page,
  permissionsBlock,
  permissionsOf,
  type CatalogueName,
} from './rules-docs.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
for (const name of Object.keys(catalogues) as CatalogueName[]) {
  const catalogue = catalogueOf(name)
  if (catalogue === undefined) continue
  const text = page(root, name)
  if (!blockPattern(name).test(text)) {
    console.error(`${catalogues[name]}: no <!-- rules:${name} --> … <!-- /rules --> block`)
    process.exitCode = 1
    continue
  }
  let written = text.replace(
    blockPattern(name),
    `<!-- rules:${name} -->\n${rulesTable(catalogue)}\n<!-- /rules -->`,
  )
  const permissions = permissionsOf(name)
  if (permissions !== undefined) {
    if (!permissionsBlock(name).test(written)) {
      console.error(`${catalogues[name]}: no <!-- permissions:${name} --> … <!-- /permissions -->`)
      process.exitCode = 1
    }
    written = written.replace(
      permissionsBlock(name),
      `<!-- permissions:${name} -->\n${permissionsTable(permissions)}\n<!-- /permissions -->`,
    )
  }
  writeFileSync(join(root, catalogues[name]), written)
  console.log(
    `${catalogues[name]}: ${Object.keys(catalogue).length} rules, ` +
      `${permissions === undefined ? 'no' : Object.keys(permissions).length} permissions`,
  )
}
