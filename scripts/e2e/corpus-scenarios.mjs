// @ts-check
// Issue 2 scenarios, run unchanged in both browsers: import through the options page's file input,
// see the count in the popup, export, and compare the export with the input.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { assert, createSuite, waitFor } from './harness.mjs';
import { corpusCount, deleteAll, exportAll, importThroughOptions, openOptions, parseJsonl } from './extension-pages.mjs';

/** @param {string} browserName */
export function corpusSuite(browserName) {
  const suite = createSuite(browserName, 'corpus');

  suite.test('options page imports a file with 3 malformed lines and names them', async ({ driver, fixtures, state }) => {
    const page = await openOptions(driver);
    await deleteAll(page);
    const summary = await importThroughOptions(driver, page, [fixtures.mixed]);
    assert.equal(summary.imported, '100');
    assert.equal(summary.rejected, '3');
    const lines = await page.$$eval('[data-testid="rejected-lines"] li', (items) => items.map((li) => /** @type {HTMLElement} */ (li).dataset.line));
    assert.deepEqual(lines, ['10', '51', '103']);
    const reasons = await page.$eval('[data-testid="rejected-lines"]', (list) => list.textContent ?? '');
    assert.match(reasons, /not valid JSON/);
    assert.match(reasons, /text is missing/);
    assert.match(reasons, /not a JSON object/);
    // Re-importing the same file adds nothing.
    const again = await importThroughOptions(driver, page, [fixtures.mixed]);
    assert.equal(again.imported, '0');
    assert.equal(again.duplicates, '100');
    await page.screenshot({ path: `${state.shots}/${browserName}-options.png`, fullPage: true });
    await page.close();
  });

  suite.test("popup shows the corpus size and this tab's status", async ({ driver, site, state }) => {
    const article = await driver.newPage();
    await driver.open(article, `${site}/a003-dna-news.html`);
    const tabId = await driver.newestTabId();
    const popup = await driver.newPage();
    await waitFor(
      async () => {
        await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
        // Any state but "unknown" means the page reported itself to the background.
        return popup
          .$eval('[data-testid="page-report"]', (node) => !['unknown', 'unsupported'].includes(/** @type {HTMLElement} */ (node).dataset.state ?? 'unknown'))
          .catch(() => false);
      },
      { what: 'the page to report itself in the popup', timeoutMs: 20000, intervalMs: 500 },
    );
    const count = await popup.$eval('[data-testid="corpus-count"]', (node) => (node.textContent ?? '').replace(/\D/g, ''));
    assert.equal(count, '100');
    await popup.screenshot({ path: `${state.shots}/${browserName}-popup.png` });
    await popup.close();
    await article.close();
  });

  suite.test('export gives back exactly the imported corpus (jsonl.gz in, jsonl out)', async ({ driver, fixtures }) => {
    const page = await openOptions(driver);
    await deleteAll(page);
    const summary = await importThroughOptions(driver, page, [fixtures.devGz]);
    const input = parseJsonl(gunzipSync(await readFile(fixtures.devGz)).toString('utf8'));
    assert.equal(summary.imported, String(input.length));
    const exported = await exportAll(page);
    assert.deepEqual(sortById(exported), sortById(input));
    await page.close();
  });

  suite.test('issuers are listed with counts and can be deleted one by one', async ({ driver, fixtures }) => {
    const page = await openOptions(driver);
    const rows = await waitFor(
      () =>
        page.$$eval('[data-testid="issuer-list"] tr', (trs) =>
          trs.map((tr) => /** @type {[string, string]} */ ([tr.querySelector('th')?.textContent ?? '', tr.querySelector('.num')?.textContent ?? ''])),
        ),
      { what: 'the issuer list' },
    );
    const input = parseJsonl(gunzipSync(await readFile(fixtures.devGz)).toString('utf8'));
    /** @type {Map<string, number>} */
    const expected = new Map();
    for (const { issuer = '' } of input) expected.set(issuer, (expected.get(issuer) ?? 0) + 1);
    assert.equal(rows.length, expected.size);
    for (const [name, count] of rows) assert.equal(Number(count.replace(/\D/g, '')), expected.get(name), name);
    const [firstName, firstCount = ''] = rows[0] ?? [];
    const before = await corpusCount(page);
    await page.click('[data-testid="issuer-list"] tr:first-child button');
    await waitFor(async () => (await corpusCount(page)) === before - Number(firstCount.replace(/\D/g, '')), { what: `deletion of ${firstName}` });
    await page.close();
  });

  suite.test('a line whose date is annotated is imported with its valid date part and listed as a warning, not rejected', async ({ driver, fixtures }) => {
    // Real statements (the dev set) with the kind of date a real corpus carried: "2024-07 (first days of July)".
    const [first, second, ...rest] = (await readFile(fixtures.dev, 'utf8')).trim().split('\n');
    const dir = await mkdtemp(join(tmpdir(), 'sourcelens-dates-'));
    const file = join(dir, 'annotated-dates.jsonl');
    const annotated = { ...JSON.parse(second ?? '{}'), date: '2024-07 (first days of July)' };
    await writeFile(file, [first, JSON.stringify(annotated), ...rest].join('\n') + '\n');
    try {
      const page = await openOptions(driver);
      await deleteAll(page);
      const summary = await importThroughOptions(driver, page, [file]);
      assert.equal(summary.imported, String(rest.length + 2));
      assert.equal(summary.rejected, '0');
      assert.equal(summary.warnings, '1');
      const warning = await page.$eval('[data-testid="import-warnings"] li', (li) => {
        const { line, id } = /** @type {HTMLElement} */ (li).dataset;
        return { line, id, text: li.textContent ?? '' };
      });
      assert.equal(warning.line, '2');
      assert.equal(warning.id, annotated.id);
      assert.match(warning.text, /2024-07 \(first days of July\)/);
      assert.match(warning.text, /kept 2024-07$/);
      await page.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  return suite;
}

/** @param {Array<{ id: string }>} records */
function sortById(records) {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
