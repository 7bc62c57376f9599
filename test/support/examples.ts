/**
 * The code examples of the project: every ```ts block of an `@example` tag in a doc comment under
 * `src/`, and every ```ts block of `README.md` and `docs/*.md`. `test/examples-in-docs.test.ts`
 * type-checks them all in one TypeScript program and runs those that may run.
 *
 * A block whose first line is `// @check types-only` is type-checked but not run (it declares the
 * state it reads, or needs a server); one whose first line is `// @check none` is neither (a
 * fragment or pseudo-code).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

/** What is done with a block: type-checked and run, only type-checked, or skipped. */
export type Check = 'run' | 'types-only' | 'none'

/** One ```ts block, where it is written and what is done with it. */
export interface Example {
  /** The file it is written in, from the project's root, with `/` separators. */
  readonly file: string
  /** The 1-based line of the block's first line of code in that file. */
  readonly line: number
  readonly code: string
  readonly check: Check
}

const checkOf = (code: string): Check => {
  // The marker may be followed by the reason: `// @check none — pseudo-code`.
  const marker = /^\/\/ @check (types-only|none)(?:\s|$)/.exec(code.split('\n', 1)[0]?.trim() ?? '')
  return marker?.[1] === 'types-only' ? 'types-only' : marker?.[1] === 'none' ? 'none' : 'run'
}

const posix = (path: string): string => path.split(sep).join('/')

/** The ```ts blocks of lines, each with the index of its first line of code. */
const fencedBlocks = (
  lines: ReadonlyArray<string>,
  inScope: (index: number) => boolean = () => true,
): ReadonlyArray<{ readonly start: number; readonly code: string }> => {
  const blocks: { start: number; code: string }[] = []
  let open: number | undefined
  lines.forEach((line, index) => {
    const fence = line.trim()
    if (open === undefined) {
      if (/^```ts\s*$/.test(fence) && inScope(index)) open = index + 1
    } else if (fence === '```') {
      blocks.push({ start: open, code: lines.slice(open, index).join('\n') })
      open = undefined
    }
  })
  return blocks
}

/** The ```ts blocks of a Markdown file. */
export const markdownExamples = (root: string, file: string): ReadonlyArray<Example> => {
  const lines = readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n').split('\n')
  return fencedBlocks(lines).map(({ start, code }) => ({
    file,
    line: start + 1,
    code,
    check: checkOf(code),
  }))
}

/** The ```ts blocks of the `@example` tags in a source file's doc comments. */
export const docCommentExamples = (root: string, file: string): ReadonlyArray<Example> => {
  const text = readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n')
  const examples: Example[] = []
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, comment.index).split('\n').length
    const lines = comment[0]
      .split('\n')
      .map((line) => line.replace(/^\s*\/\*\*\s?/, '').replace(/^\s*\*\/$|^\s*\* ?/, ''))
    // A line's tag section: the last block tag (`@name` at the start of a line) at or above it.
    let tag: string | undefined
    const tags = lines.map((line) => {
      const match = /^@(\w+)/.exec(line)
      if (match !== null) tag = match[1]
      return tag
    })
    for (const { start, code } of fencedBlocks(lines, (i) => tags[i] === 'example')) {
      examples.push({ file, line: firstLine + start, code, check: checkOf(code) })
    }
  }
  return examples
}

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [join(dir, entry.name)]
          : [],
    )
    .sort()

/** Every example of the project: the sources' doc comments, then README.md, then docs/*.md. */
export const collectExamples = (root: string): ReadonlyArray<Example> => {
  const sources = sourceFiles(join(root, 'src')).map((path) => posix(relative(root, path)))
  const pages = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`)
  return [
    ...sources.flatMap((file) => docCommentExamples(root, file)),
    ...markdownExamples(root, 'README.md'),
    ...pages.flatMap((file) => markdownExamples(root, file)),
  ]
}

/** The name of an example: where it is written. */
export const nameOf = (example: Example): string => `${example.file}:${example.line}`

/** An example written out as a module, with the path of that module. */
export interface Written extends Example {
  readonly module: string
}

/** Writes each example as a module of its own into `dir` (emptied first). */
export const writeExamples = (
  dir: string,
  examples: ReadonlyArray<Example>,
): ReadonlyArray<Written> => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return examples.map((example) => {
    const module = join(dir, `${example.file.replace(/[/.]/g, '_')}_L${example.line}.ts`)
    // Each block is a module (so that it may use top-level await), whether or not it imports.
    writeFileSync(module, `${example.code}\nexport {}\n`)
    return { ...example, module }
  })
}

/**
 * Type-checks the written examples in one program, with tsconfig.check.json's options (strict,
 * noUncheckedIndexedAccess, exactOptionalPropertyTypes; the package's names mapped to the
 * sources), except that an example may leave a value unused to show it. Returns the messages of
 * each example, by its module, placed at the line of the file it is written in, and those of any
 * other file.
 */
export const typeCheck = (
  root: string,
  written: ReadonlyArray<Written>,
): {
  readonly byModule: ReadonlyMap<string, ReadonlyArray<string>>
  readonly other: ReadonlyArray<string>
} => {
  const configPath = join(root, 'tsconfig.check.json')
  const read = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path))
  if (read.error !== undefined) throw new Error(flatten(read.error.messageText))
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath)
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
  }
  const program = ts.createProgram({ rootNames: written.map((w) => w.module), options })
  const examples = new Map(written.map((w) => [resolve(w.module), w]))
  const byModule = new Map<string, string[]>(written.map((w) => [w.module, []]))
  const other: string[] = []
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = `TS${diagnostic.code}: ${flatten(diagnostic.messageText)}`
    const file = diagnostic.file
    if (file === undefined || diagnostic.start === undefined) {
      other.push(message)
      continue
    }
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start)
    const example = examples.get(resolve(file.fileName))
    if (example === undefined) {
      other.push(`${posix(relative(root, file.fileName))}:${line + 1}:${character + 1} ${message}`)
    } else {
      byModule.get(example.module)?.push(`${example.file}:${example.line + line} ${message}`)
    }
  }
  return { byModule, other }
}

const flatten = (message: string | ts.DiagnosticMessageChain): string =>
  ts.flattenDiagnosticMessageText(message, '\n')
