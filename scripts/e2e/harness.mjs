// A deliberately small test harness for the end-to-end suites: named async tests, plain assertions,
// one line per result, and the closing line `N passed, N failed` that CI reads.
import assert from 'node:assert/strict';

export { assert };

export function createSuite(name, tag = '') {
  const tests = [];
  const teardowns = [];
  return {
    name,
    tag,
    test(title, fn) {
      tests.push({ title, fn });
    },
    /** Runs after the suite's last test, passed or failed (closing what the tests opened). */
    after(fn) {
      teardowns.push(fn);
    },
    async run(context) {
      const results = [];
      for (const { title, fn } of tests) {
        const started = Date.now();
        try {
          await fn(context);
          results.push({ title, ok: true });
          console.log(`  ✓ [${name}] ${title} (${Date.now() - started} ms)`);
        } catch (error) {
          results.push({ title, ok: false, error });
          console.log(`  ✗ [${name}] ${title}\n      ${String(error?.stack ?? error).split('\n').join('\n      ')}`);
        }
      }
      for (const fn of teardowns) await fn().catch((error) => console.log(`  ! [${name}] teardown failed: ${error?.message ?? error}`));
      return results;
    },
  };
}

/** Polls `probe` until it returns a truthy value, or throws after `timeoutMs` with `what` in the message. */
export async function waitFor(probe, { timeoutMs = 15000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
