// @ts-check
// The scene `npm start` opens (scripts/showcase.mjs), run unchanged in both browsers: the sample
// statements loaded with the options page's button, then the DNA News report of the 19 September 2023
// statement shows the marks, the card and the popup source the engine predicts for the bundled sample.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { assert, createSuite } from './harness.mjs';
import { ARTICLE, loadSampleStatements, openArticle, openFirstCard, openPopupPage } from '../showcase.mjs';
import { dataOf, deleteAll, openOptions } from './extension-pages.mjs';

/**
 * @param {string} browserName
 * @param {string} root the repository, with a trailing slash
 */
export function startSuite(browserName, root) {
  const suite = createSuite(browserName, 'start');

  suite.test(
    "npm start's scene: the sample statements, then the seed event's DNA News report with its marks, card and popup source",
    async ({ driver, site }) => {
      const emptied = await openOptions(driver);
      await deleteAll(emptied);
      await emptied.close();

      const sample = (await readFile(`${root}public/corpus/starter.jsonl`, 'utf8')).trim().split('\n');
      const { page: options, imported } = await loadSampleStatements(driver);
      assert.equal(imported, sample.length);
      await options.close();

      // What the CLI (the same engine, in Node) finds in the page against the bundled sample.
      const expected = JSON.parse(
        execFileSync(process.execPath, [`${root}dist/cli.mjs`, 'check', '--json', `${root}tests/e2e/site/${ARTICLE}`], {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        }),
      );
      const top = expected.sources[0];
      assert.equal(top?.statementId, 'S01', 'the engine finds the 19 September 2023 statement');

      const { page, tabId, passages } = await openArticle(driver, site);
      assert.equal(
        passages,
        expected.sources.reduce((/** @type {number} */ sum, /** @type {{ passages: unknown[] }} */ source) => sum + source.passages.length, 0),
      );
      const card = await openFirstCard(page);
      assert.ok(card.includes(top.issuer), 'the card names the issuer');
      const popup = await openPopupPage(driver, tabId);
      assert.equal(await dataOf(popup, '[data-testid="source"]', 'statementId'), 'S01');
      await popup.close();
      await page.close();
    },
  );

  return suite;
}
