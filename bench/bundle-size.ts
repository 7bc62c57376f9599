/**
 * What each public entry costs an app: for the root and every subpath, a tiny app that imports it
 * is bundled with esbuild from the BUILT package (dist/, resolved through package.json "exports"
 * by the package's own name), minified, as ESM for the browser, and gzipped (level 9). Two apps per
 * entry: one importing the whole namespace (`import * as m`, the worst case: nothing can be
 * shaken) and one importing a typical single name (`import { dispute }`). The minified bytes are
 * split by where they come from (esbuild's metafile): fp-ts, io-ts, immer, @noble/hashes, our own
 * code, and esbuild's glue (what no input accounts for: CommonJS wrappers, the app itself).
 *
 * Run: npm run build && npm run bench:size   (`-- --json` prints the measurements as JSON)
 */
import { build, type Metafile } from 'esbuild'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')

/** A public entry, and the single name a typical app imports from it. */
interface Entry {
  readonly specifier: string
  readonly name: string
}

const entries: ReadonlyArray<Entry> = [
  { specifier: 'governance-kit', name: 'createEngine' },
  { specifier: 'governance-kit/community', name: 'community' },
  { specifier: 'governance-kit/embedding', name: 'embedding' },
  { specifier: 'governance-kit/deliberation', name: 'deliberation' },
  { specifier: 'governance-kit/dispute', name: 'dispute' },
  { specifier: 'governance-kit/integration', name: 'integration' },
  { specifier: 'governance-kit/codec', name: 'struct' },
  { specifier: 'governance-kit/decider', name: 'defineMechanism' },
  { specifier: 'governance-kit/collection', name: 'lookup' },
  { specifier: 'governance-kit/testing', name: 'specFor' },
]

/** Where minified bytes come from. */
const SOURCES = ['fp-ts', 'io-ts', 'immer', '@noble/hashes', 'governance-kit', 'glue'] as const
type Source = (typeof SOURCES)[number]

const MECHANISMS = ['community', 'embedding', 'deliberation', 'dispute', 'integration'] as const

interface Measurement {
  readonly entry: string
  readonly import: string
  readonly minified: number
  readonly gzipped: number
  readonly bytes: Readonly<Record<Source, number>>
  /** The mechanisms whose code is in the bundle (from the dist chunks' source maps). */
  readonly mechanisms: ReadonlyArray<string>
}

/** The package an input belongs to: `node_modules/<pkg>/…`, or ours (dist/), or the glue. */
const sourceOf = (input: string): Source => {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)
  if (match === null) return input.startsWith('dist/') ? 'governance-kit' : 'glue'
  const pkg = match[1]
  return (SOURCES as ReadonlyArray<string>).includes(pkg ?? '') ? (pkg as Source) : 'glue'
}

/** The mechanisms a dist file was built from, read from its source map's `sources`. */
const mechanismsIn = (() => {
  const cache = new Map<string, ReadonlyArray<string>>()
  return (input: string): ReadonlyArray<string> => {
    const cached = cache.get(input)
    if (cached !== undefined) return cached
    const map = join(root, `${input}.map`)
    const sources = existsSync(map)
      ? (JSON.parse(readFileSync(map, 'utf8')) as { sources: ReadonlyArray<string> }).sources
      : []
    const found = MECHANISMS.filter((m) => sources.some((s) => s.includes(`src/${m}/`)))
    cache.set(input, found)
    return found
  }
})()

const measure = async (entry: string, kind: string, contents: string): Promise<Measurement> => {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'app.js', loader: 'js' },
    absWorkingDir: root,
    // No tsconfig: tsconfig.json maps the package's names to src/ (for tsx); an app gets dist/.
    tsconfigRaw: '{}',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'error',
  })
  const [file] = result.outputFiles
  const output: Metafile['outputs'][string] | undefined = Object.values(result.metafile.outputs)[0]
  if (file === undefined || output === undefined)
    throw new Error(`esbuild wrote no output for ${entry}`)
  const bytes: Record<Source, number> = {
    'fp-ts': 0,
    'io-ts': 0,
    immer: 0,
    '@noble/hashes': 0,
    'governance-kit': 0,
    glue: 0,
  }
  const mechanisms = new Set<string>()
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue
    const source = sourceOf(input)
    bytes[source] += bytesInOutput
    if (source === 'governance-kit') for (const m of mechanismsIn(input)) mechanisms.add(m)
  }
  const accounted = SOURCES.reduce((sum, s) => sum + bytes[s], 0)
  bytes.glue += file.contents.length - accounted
  return {
    entry,
    import: kind,
    minified: file.contents.length,
    gzipped: gzipSync(file.contents, { level: 9 }).length,
    bytes,
    mechanisms: MECHANISMS.filter((m) => mechanisms.has(m)),
  }
}

/** Warns when a source is newer than the build: the sizes would be those of an old dist/. */
const checkDist = (): void => {
  const built = join(dist, 'index.js')
  if (!existsSync(built)) {
    console.error('dist/ is missing: run `npm run build` first.')
    process.exit(1)
  }
  const builtAt = statSync(built).mtimeMs
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    )
  if (newest(join(root, 'src')) > builtAt)
    console.error('warning: src/ is newer than dist/; run `npm run build` for current sizes.\n')
}

const kb = (n: number): string => `${(n / 1000).toFixed(1)} kB`

const main = async (): Promise<void> => {
  checkDist()
  const json = process.argv.includes('--json')
  const results: Measurement[] = []
  for (const { specifier, name } of entries) {
    results.push(
      await measure(
        specifier,
        'import * as m',
        `import * as m from '${specifier}'\nconsole.log(Object.keys(m).length)\n`,
      ),
      await measure(
        specifier,
        `import { ${name} }`,
        `import { ${name} } from '${specifier}'\nconsole.log(${name})\n`,
      ),
    )
  }
  if (json) {
    console.log(JSON.stringify(results, null, 2))
    return
  }
  const byEntry = (entry: string, kind: 'namespace' | 'name'): Measurement => {
    const found = results.filter((r) => r.entry === entry)[kind === 'namespace' ? 0 : 1]
    if (found === undefined) throw new Error(`no measurement for ${entry}`)
    return found
  }
  console.log('esbuild, minified ESM for the browser; gzip level 9; 1 kB = 1000 bytes.\n')
  console.log('| Entry | `import *` min | `import *` min+gzip | One name | min | min+gzip |')
  console.log('| --- | ---: | ---: | --- | ---: | ---: |')
  for (const { specifier, name } of entries) {
    const all = byEntry(specifier, 'namespace')
    const one = byEntry(specifier, 'name')
    console.log(
      `| \`${specifier}\` | ${kb(all.minified)} | ${kb(all.gzipped)} | \`${name}\` | ` +
        `${kb(one.minified)} | ${kb(one.gzipped)} |`,
    )
  }
  console.log('\nWhere the minified bytes come from, and the mechanisms bundled:\n')
  console.log(`| Entry | Import | ${SOURCES.join(' | ')} | Mechanisms |`)
  console.log(`| --- | --- | ${SOURCES.map(() => '---:').join(' | ')} | --- |`)
  for (const r of results)
    console.log(
      `| \`${r.entry}\` | \`${r.import}\` | ${SOURCES.map((s) => kb(r.bytes[s])).join(' | ')} | ` +
        `${r.mechanisms.length === 0 ? '—' : r.mechanisms.join(', ')} |`,
    )
}

await main()
