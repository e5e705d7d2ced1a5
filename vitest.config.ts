import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // The store checks read the built extensions: `npm run test:store`, after the build (tests/store/vitest.config.ts).
    // The team server's tests need PostgreSQL: `npm run test:server` (tests/server/vitest.config.ts).
    exclude: ['tests/store/**', 'tests/server/**', 'node_modules/**'],
    environment: 'node',
    // Some suites read the 70 MB Senate corpus or real pages: give them room on a 2-core machine.
    testTimeout: 60_000,
  },
});
