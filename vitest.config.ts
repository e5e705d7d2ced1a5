import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [preact()],
  test: {
    environment: 'node',
    // Some suites read the 70 MB Senate corpus or real pages: give them room on a 2-core machine.
    testTimeout: 60_000,
    setupFiles: ['tests/setup-testing-library.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'lib',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          // The store checks read the built extensions: `npm run test:store`, after the build (tests/store/vitest.config.ts).
          // The team server's tests need PostgreSQL: `npm run test:server` (tests/server/vitest.config.ts).
          // The entry points' wiring runs in its own project, under WXT's plugin (below).
          exclude: ['tests/store/**', 'tests/server/**', 'tests/entrypoints/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        // WXT's test plugin: `wxt/browser` becomes its in-memory fake browser (`fakeBrowser`), so an entry
        // point's main() runs in Node and its listeners can be triggered. Only here: lib/ never imports wxt.
        plugins: [WxtVitest()],
        test: { name: 'entrypoints', include: ['tests/entrypoints/**/*.test.ts'] },
      },
    ],
  },
});
