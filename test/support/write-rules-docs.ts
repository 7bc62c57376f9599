/**
 * Writes each mechanism's rule catalogue into its docs page, between `<!-- rules:NAME -->` and
 * `<!-- /rules -->` (the markers must be there already). Run: npm run docs:rules
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rulesTable } from '../../src/index.js'
import { blockPattern, catalogueOf, catalogues, page, type CatalogueName } from './rules-docs.js'

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
  writeFileSync(
    join(root, catalogues[name]),
    text.replace(
      blockPattern(name),
      `<!-- rules:${name} -->\n${rulesTable(catalogue)}\n<!-- /rules -->`,
    ),
  )
  console.log(`${catalogues[name]}: ${Object.keys(catalogue).length} rules`)
}
