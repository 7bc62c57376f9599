/**
 * Every public export carries a `@category` tag (issue 12), so that each page of the API
 * reference groups its members (state, commands, events, queries, …) instead of listing them
 * as one block. Read from the sources with the TypeScript compiler, not from typedoc's output.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The public entries: the root and each subpath, as typedoc.json documents them. */
const entries: ReadonlyArray<string> = (
  JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] }
).entryPoints

const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  },
)
if (config === undefined) throw new Error('cannot read tsconfig.json')
const program = ts.createProgram(
  entries.map((entry) => join(root, entry)),
  config.options,
)
const checker = program.getTypeChecker()

const hasCategory = (declaration: ts.Declaration): boolean =>
  ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'category')

/** The exports of an entry whose declarations (any of them) lack a `@category` tag. */
const untagged = (entry: string): ReadonlyArray<string> => {
  const source = program.getSourceFile(join(root, entry))
  if (source === undefined) throw new Error(`no source file ${entry}`)
  const module = checker.getSymbolAtLocation(source)
  if (module === undefined) throw new Error(`${entry} is not a module`)
  const missing: string[] = []
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    for (const declaration of symbol.declarations ?? []) {
      // `export * as Community from './community/index.js'` names a whole module: its members
      // are checked through the module's own entry, and typedoc shows it as a module, not in a
      // category.
      if (ts.isSourceFile(declaration)) continue
      if (!hasCategory(declaration)) {
        const file = relative(root, declaration.getSourceFile().fileName)
        missing.push(`${exported.name} (${file})`)
      }
    }
  }
  return [...new Set(missing)].sort()
}

const target = (symbol: ts.Symbol): ts.Symbol =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol

/** How many entries export each declaration. */
const entriesOf = new Map<ts.Symbol, number>()
for (const entry of entries) {
  const source = program.getSourceFile(join(root, entry))
  const module = source && checker.getSymbolAtLocation(source)
  for (const exported of module ? checker.getExportsOfModule(module) : []) {
    const symbol = target(exported)
    entriesOf.set(symbol, (entriesOf.get(symbol) ?? 0) + 1)
  }
}

/**
 * The `export { … } from` and `export * as X from` statements of an entry that lack a
 * `@category`, among those typedoc may show as references: a namespace, or a re-export of a
 * declaration another entry exports too. typedoc documents such a declaration once and shows it
 * on the other pages as a reference, which has no comment of its own and takes its category from
 * the export statement (without one it falls into "Other"). `export * from` statements are not
 * checked: they cannot carry one comment per name, and the declarations they re-export are the
 * ones typedoc documents in full.
 */
const untaggedReexports = (entry: string): ReadonlyArray<string> => {
  const source = program.getSourceFile(join(root, entry))
  if (source === undefined) throw new Error(`no source file ${entry}`)
  const missing: string[] = []
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier === undefined) continue
    const clause = statement.exportClause
    if (clause === undefined) continue
    const shared = ts.isNamespaceExport(clause)
      ? [clause.name.text]
      : clause.elements
          .filter((element) => {
            const symbol = checker.getExportSpecifierLocalTargetSymbol(element)
            return symbol !== undefined && (entriesOf.get(target(symbol)) ?? 0) > 1
          })
          .map((element) => element.name.text)
    if (shared.length > 0 && !hasCategory(statement)) missing.push(shared.join(', '))
  }
  return missing
}

describe('every public export has a @category', () => {
  it('reads every entry, and each exports something', () => {
    expect(entries).toContain('src/index.ts')
    for (const entry of entries) {
      const source = program.getSourceFile(join(root, entry))
      expect(source, entry).toBeDefined()
      const module = source && checker.getSymbolAtLocation(source)
      expect(module && checker.getExportsOfModule(module).length, entry).toBeGreaterThan(0)
    }
  })

  it.each(entries)('%s', (entry) => {
    expect(untagged(entry)).toEqual([])
  })

  it.each(entries)('%s: re-exports typedoc shows as references', (entry) => {
    expect(untaggedReexports(entry)).toEqual([])
  })
})
