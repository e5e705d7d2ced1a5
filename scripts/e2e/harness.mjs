// @ts-check
// A deliberately small test harness for the end-to-end suites: named async tests, plain assertions,
// one line per result, and the closing line `N passed, N failed` that CI reads.
import assert from 'node:assert/strict';

export { assert };

/**
 * @typedef {{ title: string, ok: boolean, error?: unknown }} TestResult
 * @typedef {(context: import('./driver').SuiteContext) => Promise<void>} TestFn
 */

/**
 * @param {string} name the browser's name, printed with each result
 * @param {string} [tag] the suite's name, for E2E_SUITES=tag,… (scripts/e2e/run.mjs)
 */
export function createSuite(name, tag = '') {
  /** @type {Array<{ title: string, fn: TestFn }>} */
  const tests = [];
  /** @type {Array<() => Promise<void>>} */
  const teardowns = [];
  return {
    name,
    tag,
    /** @param {string} title @param {TestFn} fn */
    test(title, fn) {
      tests.push({ title, fn });
    },
    /** Runs after the suite's last test, passed or failed (closing what the tests opened). */
    /** @param {() => Promise<void>} fn */
    after(fn) {
      teardowns.push(fn);
    },
    /**
     * @param {import('./driver').SuiteContext} context what every test gets (driver, site, fixtures, state…)
     * @returns {Promise<TestResult[]>}
     */
    async run(context) {
      /** @type {TestResult[]} */
      const results = [];
      for (const { title, fn } of tests) {
        const started = Date.now();
        try {
          await fn(context);
          results.push({ title, ok: true });
          console.log(`  ✓ [${name}] ${title} (${Date.now() - started} ms)`);
        } catch (error) {
          results.push({ title, ok: false, error });
          console.log(
            `  ✗ [${name}] ${title}\n      ${String(/** @type {any} */ (error)?.stack ?? error)
              .split('\n')
              .join('\n      ')}`,
          );
        }
      }
      for (const fn of teardowns) await fn().catch((/** @type {any} */ error) => console.log(`  ! [${name}] teardown failed: ${error?.message ?? error}`));
      return results;
    },
  };
}

/**
 * Polls `probe` until it returns a truthy value, or throws after `timeoutMs` with `what` in the message.
 * @template T
 * @param {() => T | Promise<T>} probe
 * @returns {Promise<NonNullable<T>>}
 */
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
