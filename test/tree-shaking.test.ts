/**
 * Tree-shaking holds: an app that imports one mechanism through its subpath bundles only the
 * mechanisms it builds on. Each case bundles a tiny app with esbuild (minified, tree-shaken, as an
 * app's bundler would) from the sources, so it runs before a build, and reads which of our files
 * the output holds: the output's inputs with `bytesInOutput > 0` (the metafile's top-level
 * `inputs` lists every file parsed, shaken away or not). The dependencies (fp-ts, io-ts, immer)
 * are left external: the rule is about our own files. `npm run bench:size` measures the bytes.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

const MECHANISMS = ['community', 'embedding', 'deliberation', 'dispute', 'integration'] as const
type MechanismName = (typeof MECHANISMS)[number]

/**
 * The rule: a mechanism bundles only the mechanisms it builds on. What each builds on directly,
 * as its sources import it (checked against the real imports below): community is the registry
 * every other mechanism builds on; integration works over embedding and deliberation too.
 */
const buildsOn: Readonly<Record<MechanismName, ReadonlyArray<MechanismName>>> = {
  community: [],
  embedding: ['community'],
  deliberation: ['community'],
  dispute: ['community'],
  integration: ['community', 'embedding', 'deliberation'],
}

/** A mechanism and all it builds on, directly or not. */
const closure = (m: MechanismName): ReadonlyArray<MechanismName> => {
  const seen = new Set<MechanismName>([m])
  const visit = (n: MechanismName): void => {
    for (const d of buildsOn[n])
      if (!seen.has(d)) {
        seen.add(d)
        visit(d)
      }
  }
  visit(m)
  return MECHANISMS.filter((n) => seen.has(n))
}

/** The mechanism a source file belongs to, if any (`src/dispute/case.ts` → `dispute`). */
const mechanismOf = (file: string): MechanismName | undefined => {
  const dir = /^src\/([a-z]+)\//.exec(file)?.[1]
  return MECHANISMS.find((m) => m === dir)
}

interface Bundled {
  /** Our files with bytes in the output. */
  readonly files: ReadonlyArray<string>
  /** The mechanisms those files belong to, in MECHANISMS order. */
  readonly mechanisms: ReadonlyArray<MechanismName>
  readonly metafile: Metafile
}

/** Bundles an app (its source, resolved from the repository's root) as an app's bundler would. */
const bundle = async (contents: string, options: BuildOptions = {}): Promise<Bundled> => {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'app.js', loader: 'js' },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  })
  const { metafile } = result
  if (metafile === undefined) throw new Error('esbuild wrote no metafile')
  const outputs = Object.values(metafile.outputs)
  expect(outputs).toHaveLength(1)
  const files = Object.entries(outputs[0]?.inputs ?? {})
    .filter(([file, { bytesInOutput }]) => bytesInOutput > 0 && file.startsWith('src/'))
    .map(([file]) => file)
  const found = new Set(files.map(mechanismOf))
  return { files, mechanisms: MECHANISMS.filter((m) => found.has(m)), metafile }
}

const namespaceApp = (path: string): string =>
  `import * as m from './${path}'\nconsole.log(Object.keys(m).length, m)\n`
const nameApp = (path: string, name: string): string =>
  `import { ${name} } from './${path}'\nconsole.log(${name})\n`

const TIMEOUT = 30_000

describe('the mechanisms build on one another as the rule says', () => {
  it(
    'the imports between mechanisms in src/ are those of `buildsOn`',
    async () => {
      // Every file of the whole package, parsed: each import from one mechanism into another.
      const { metafile } = await bundle(namespaceApp('src/index.ts'))
      const found = Object.fromEntries(MECHANISMS.map((m) => [m, new Set<MechanismName>()]))
      for (const [file, input] of Object.entries(metafile.inputs)) {
        const from = mechanismOf(file)
        if (from === undefined) continue
        for (const { path } of input.imports) {
          const to = mechanismOf(path)
          if (to !== undefined && to !== from) found[from]?.add(to)
        }
      }
      const graph = Object.fromEntries(
        MECHANISMS.map((m) => [m, MECHANISMS.filter((n) => found[m]?.has(n))]),
      )
      expect(graph).toEqual(buildsOn)
    },
    TIMEOUT,
  )
})

describe('a mechanism bundles only the mechanisms it builds on', () => {
  for (const m of MECHANISMS) {
    const allowed = closure(m)
    const others = MECHANISMS.filter((n) => !allowed.includes(n))
    const path = `src/${m}/index.ts`

    it(
      `governance-kit/${m}, its whole namespace: ${allowed.join(', ')}, and not ${others.join(', ') || '—'}`,
      async () => {
        const { mechanisms, files } = await bundle(namespaceApp(path))
        expect(mechanisms).toEqual(allowed)
        for (const other of others)
          expect(files.filter((f) => f.startsWith(`src/${other}/`))).toEqual([])
      },
      TIMEOUT,
    )

    it(
      `governance-kit/${m}, the mechanism \`${m}\` alone: none of ${others.join(', ') || '—'}`,
      async () => {
        const { mechanisms } = await bundle(nameApp(path, m))
        expect(mechanisms).toContain(m)
        for (const n of mechanisms) expect(allowed).toContain(n)
      },
      TIMEOUT,
    )
  }

  it(
    'the root, one mechanism by name: only what it builds on (package.json "sideEffects": false)',
    async () => {
      const { mechanisms } = await bundle(nameApp('src/index.ts', 'dispute'))
      expect(mechanisms).toEqual(closure('dispute'))
    },
    TIMEOUT,
  )
})

describe('the kits bundle no mechanism', () => {
  const kits: ReadonlyArray<readonly [string, string, string]> = [
    ['codec', 'src/codec.ts', 'struct'],
    ['collection', 'src/collection.ts', 'lookup'],
    ['decider', 'src/decider.ts', 'defineMechanism'],
    ['testing', 'src/testing/index.ts', 'specFor'],
  ]
  for (const [kit, path, name] of kits) {
    it(
      `governance-kit/${kit}, its whole namespace and \`${name}\``,
      async () => {
        const all = await bundle(namespaceApp(path))
        expect(all.files.length).toBeGreaterThan(0)
        expect(all.mechanisms).toEqual([])
        expect((await bundle(nameApp(path, name))).mechanisms).toEqual([])
      },
      TIMEOUT,
    )
  }
})

describe('the check can fail', () => {
  it(
    'the root in full bundles all five mechanisms',
    async () => {
      expect((await bundle(namespaceApp('src/index.ts'))).mechanisms).toEqual(MECHANISMS)
    },
    TIMEOUT,
  )

  it(
    'without "sideEffects": false, one mechanism by name from the root bundles them all',
    async () => {
      // `ignoreAnnotations` makes esbuild ignore package.json's "sideEffects" (and /* @__PURE__ */):
      // module-level values such as codecs are calls esbuild cannot prove pure, so each module the
      // root re-exports is kept for its possible effects. The field is what lets the root shake.
      const { mechanisms } = await bundle(nameApp('src/index.ts', 'dispute'), {
        ignoreAnnotations: true,
      })
      expect(mechanisms).toEqual(MECHANISMS)
    },
    TIMEOUT,
  )

  it('package.json declares the package free of side effects', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      sideEffects?: unknown
    }
    expect(pkg.sideEffects).toBe(false)
  })
})
