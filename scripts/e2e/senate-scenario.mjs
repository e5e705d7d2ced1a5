// @ts-check
// The large import of issue 2: the 72,607 Senate releases through the options page in real Chromium.
// The expected count comes from the same file checked by the CLI's in-memory corpus in this run,
// never from a number written here. The time it took is printed, never asserted (timing is for benches).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { assert, createSuite, waitFor } from './harness.mjs';
import { deleteAll, importThroughOptions } from './extension-pages.mjs';

export const SENATE_FILE = new URL('../../../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz', import.meta.url).pathname;

/** @param {string} browserName */
export function senateSuite(browserName) {
  const suite = createSuite(browserName, 'senate');
  if (!existsSync(SENATE_FILE)) {
    // Said out loud, not skipped in silence: a checkout without ../shared beside it runs no Senate import.
    console.log(`  - [${browserName}] Senate import not run: ${SENATE_FILE} not found (../shared must sit beside the checkout)`);
    return suite;
  }
  suite.test('imports the 72,607 Senate releases, minus exact duplicates, with a responsive page', async ({ driver, state }) => {
    const check = JSON.parse(
      execFileSync(process.execPath, ['dist/cli.mjs', 'import-check', '--json', SENATE_FILE], { encoding: 'utf8', maxBuffer: 64 << 20 })
        .split('\n')
        .find((l) => l.startsWith('{')) ?? 'null',
    );
    const page = await driver.newPage();
    await driver.open(page, driver.extensionUrl('options.html'));
    await page.waitForSelector('[data-testid="corpus-count"]');
    await deleteAll(page);
    // Measure how long the page's main thread is ever blocked while the import runs.
    await page.evaluate(() => {
      /** @type {any} */ (globalThis).__maxGap = 0;
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        /** @type {any} */ (globalThis).__maxGap = Math.max(/** @type {any} */ (globalThis).__maxGap, now - last);
        last = now;
        /** @type {any} */ (globalThis).__tick = setTimeout(tick, 16);
      };
      tick();
    });
    const started = Date.now();
    const summary = await importThroughOptions(driver, page, [SENATE_FILE], { timeoutMs: 15 * 60 * 1000 });
    const seconds = (Date.now() - started) / 1000;
    const maxGap = await page.evaluate(() => /** @type {any} */ (globalThis).__maxGap);
    const error = await page.$eval('[data-testid="import-summary"] [role="alert"]', (n) => n.textContent ?? '').catch(() => '');
    assert.equal(error, '', 'the import reported an error');
    const text = await page.$eval('[data-testid="import-summary"]', (n) => n.textContent ?? '');
    assert.equal(Number(summary.imported), check.imported, `summary: ${text}`);
    assert.equal(Number(summary.duplicates), check.duplicates);
    assert.equal(Number(summary.rejected), 0);
    // The count refreshes right after the summary; wait for it rather than race it.
    const count = () => page.$eval('[data-testid="corpus-count"]', (n) => Number((n.textContent ?? '').replace(/\D/g, '')));
    await waitFor(async () => (await count()) === check.imported, { what: `the corpus count ${check.imported}`, timeoutMs: 60000 }).catch(() => undefined);
    assert.equal(await count(), check.imported);
    state.measurements.push(
      `senate import (${browserName}): ${summary.imported} stored, ${summary.duplicates} duplicates skipped, ${seconds.toFixed(1)} s (${Math.round(Number(summary.imported) / seconds)} statements/s), longest main-thread gap ${Math.round(maxGap)} ms`,
    );
    await page.close();
  });
  return suite;
}
