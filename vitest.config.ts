import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    // Some suites read the 70 MB Senate corpus or real pages: give them room on a 2-core machine.
    testTimeout: 60_000,
  },
});
