import { defineConfig } from 'vitest/config';

/**
 * The store checks read the built extensions in `.output/`, so they run after `npm run build`
 * (`npm run test:store`, part of `npm test`), not with the unit tests, which need no build.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/store/**/*.test.ts'],
    environment: 'node',
    // The CLI bundle's test starts Node three times: give it room on a busy 2-core machine.
    testTimeout: 60_000,
  },
});
