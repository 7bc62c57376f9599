import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    // The package's public names, resolved to the sources (as tsconfig.check.json's paths do), so
    // that examples and docs run as a user writes them.
    alias: [
      { find: /^governance-kit$/, replacement: src('index.ts') },
      { find: /^governance-kit\/(codec|decider|collection)$/, replacement: src('$1.ts') },
      { find: /^governance-kit\/([a-z]+)$/, replacement: src('$1/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
})
