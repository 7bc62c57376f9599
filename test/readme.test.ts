import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

afterEach(() => {
  vi.restoreAllMocks()
})

it('the README example runs and prints what it says', async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
  expect(example).toBeDefined()
  // Run the example against the sources, exactly as written: the package's names resolve to them.
  const source = example ?? ''
  const dir = join(root, 'test', '.generated')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'readme-example.ts')
  writeFileSync(file, `${source}\nexport {}\n`)
  const printed: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    printed.push(args.map(String).join(' '))
  })
  await import(file)
  expect(printed[0]).toBe('S Street Party Working Committee')
  expect(printed[1]).toMatch(
    /^\[DecodeError\] Invalid input: \$\.community: expected CommunityId, got undefined; \$\.name: /,
  )
})
