import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Real servers, browsers and HTTP: keep output readable and failures explicit.
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
