import { defineConfig } from 'vitest/config';

/**
 * The team server's tests run against a real PostgreSQL: `npm run test:server` starts a throwaway
 * cluster (scripts/with-postgres.sh) and sets DATABASE_URL. They are not part of `vitest run`, which
 * needs no database. One file at a time: they share the database.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/server/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
