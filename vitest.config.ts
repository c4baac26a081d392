import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Every test worker shares one saved PGlite data folder (see src/source/pglite-start.ts).
    env: { SCHEMA_TO_MIRO_CACHE_DIR: process.env.SCHEMA_TO_MIRO_CACHE_DIR ?? 'node_modules/.cache/schema-to-miro' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
