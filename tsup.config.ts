import { defineConfig } from 'tsup'

export default defineConfig({
  // One entry per subpath export (package.json "exports"); shared code goes into chunks, so that
  // importing one mechanism's subpath loads no other mechanism.
  entry: {
    index: 'src/index.ts',
    community: 'src/community/index.ts',
    embedding: 'src/embedding/index.ts',
    deliberation: 'src/deliberation/index.ts',
    dispute: 'src/dispute/index.ts',
    integration: 'src/integration/index.ts',
    codec: 'src/codec.ts',
    decider: 'src/decider.ts',
    collection: 'src/collection.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2020',
  platform: 'neutral',
  treeshake: true,
  splitting: true,
})
