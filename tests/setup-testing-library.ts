// Testing Library waits 1 s by default for what a component shows after an async step (findBy…,
// waitFor). On a 2-core machine running several suites at once, an import through the fake backend
// took longer: give it the room the rest of the suite has (vitest.config.ts testTimeout), so a slow
// machine fails a test only when the expected text never comes.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/preact');
  configure({ asyncUtilTimeout: 15_000 });
}

export {};
