// @ts-check
// Issue 20 in the real browser, both browsers: an article cannot draw on a statement issued after it.
// A real report of the 5 March 2021 Blinken–Pashinyan call (dev-formulaic F-A052), dated only by its
// address (/2021/03/06/…), against a corpus that holds the readouts of the 2022 calls, which share
// its template: the page shows no source. The same page at an undated address is the control: with
// no date, time cannot help, and the later readout is shown, as the CLI predicts.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, createSuite, waitFor } from './harness.mjs';
import { replaceCorpus } from './extension-pages.mjs';

const DATED = '2021/03/06/us-secretary-blinkens-call-with-armenian-prime-minister-pashinyan.html';
const UNDATED = 'f-a052-mirror-spectator.html';

/**
 * What the CLI reports for a page of the test site at its address, against the formulaic corpus.
 * @param {string} root
 * @param {string} site
 * @param {string} file
 */
async function cliReport(root, site, file) {
  const html = await readFile(`${root}tests/e2e/site/${file}`, 'utf8');
  const dir = await mkdtemp(join(tmpdir(), 'sourcelens-e2e-'));
  try {
    await writeFile(join(dir, 'a.jsonl'), JSON.stringify({ id: file, html, url: `${site}/${file}` }) + '\n');
    const out = execFileSync(
      process.execPath,
      [`${root}dist/cli.mjs`, 'match', '--corpus', `${root}tests/e2e/fixtures/formulaic-statements.jsonl`, '--articles', join(dir, 'a.jsonl')],
      {
        encoding: 'utf8',
        cwd: root,
      },
    );
    return JSON.parse(out.trim().split('\n')[0] ?? '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The popup's view of a tab once its page check has answered: the statement ids listed, or [] with
 * the "no source" line.
 * @param {any} driver
 * @param {number} tabId
 */
async function popupSources(driver, tabId) {
  const popup = await driver.newPage();
  try {
    await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
    return await waitFor(
      () =>
        popup.evaluate(() => {
          const report = document.querySelector('[data-testid="page-report"]');
          if (!report) return null;
          const ids = [...report.querySelectorAll('[data-testid="source"]')].map((node) => /** @type {HTMLElement} */ (node).dataset.statementId);
          if (ids.length) return { ids, none: false };
          return report.querySelector('[data-testid="no-sources"]') ? { ids, none: true } : null;
        }),
      { what: 'the popup report', timeoutMs: 20000, intervalMs: 250 },
    );
  } finally {
    await popup.close();
  }
}

/**
 * @param {string} browserName
 * @param {string} root the repository, with a trailing slash
 */
export function trustSuite(browserName, root) {
  const suite = createSuite(browserName, 'trust');

  suite.test(
    'a page dated only by its URL shows no source issued after it; the same page undated shows the later readout',
    async ({ driver, site, fixtures }) => {
      await replaceCorpus(driver, [`${root}tests/e2e/fixtures/formulaic-statements.jsonl`]);
      try {
        await datedOnlyByUrl(driver, site);
      } finally {
        // The suites after this one expect the dev corpus the earlier ones loaded.
        await replaceCorpus(driver, [fixtures.dev]);
      }
    },
  );

  /**
   * @param {any} driver
   * @param {string} site
   */
  async function datedOnlyByUrl(driver, site) {
    const dated = await cliReport(root, site, DATED);
    const undated = await cliReport(root, site, UNDATED);
    assert.deepEqual(dated.sources, [], 'the CLI shows nothing for the dated page');
    assert.ok(undated.sources.length > 0, 'the CLI shows a later readout for the undated page (the template matches)');
    const later = undated.sources[0];
    assert.ok(later.date > '2021-03-07', `the undated page's source is a later statement (${later.statementId}, ${later.date})`);

    const page = await driver.newPage();
    await driver.open(page, `${site}/${DATED}`);
    const datedTab = await driver.newestTabId();
    const datedView = await popupSources(driver, datedTab);
    assert.deepEqual(datedView, { ids: [], none: true }, 'the dated page shows no source');
    assert.equal(await driver.badgeText(datedTab), '', 'and no count on the toolbar button');

    const control = await driver.newPage();
    await driver.open(control, `${site}/${UNDATED}`);
    const undatedTab = await driver.newestTabId();
    const undatedView = await popupSources(driver, undatedTab);
    assert.equal(undatedView.ids[0], later.statementId, 'undated, the browser shows what the CLI shows');
    await control.close();
    await page.close();
  }

  return suite;
}
