// @ts-check
// Issue 4 scenarios, run unchanged in both browsers: a real news article served from 127.0.0.1 gets the
// badge, the marks and the popup report the engine predicts; a page that is not news gets nothing.
import { readFile } from 'node:fs/promises';
import { assert, createSuite, waitFor } from './harness.mjs';
import {
  dataOf,
  expectedPassages as passagesOf,
  expectedReport,
  firstMarkPoint,
  hintsBar,
  HOST,
  markedTexts,
  replaceCorpus,
  sideBySide,
  squash,
} from './extension-pages.mjs';

/**
 * The statement id of the popup's first source, once the list is there.
 * @param {import('./driver').Page} popup
 */
const firstSource = (popup) => dataOf(popup, '[data-testid="source"]', 'statementId').catch(() => null);

/**
 * @param {string} browserName
 * @param {string} root the repository, with a trailing slash
 */
export function hintsSuite(browserName, root) {
  const suite = createSuite(browserName, 'hints');

  suite.test(
    'a news article gets the right badge count, highlights on the right passages, and the right statement in the popup',
    async ({ driver, site, fixtures, state }) => {
      await replaceCorpus(driver, [fixtures.dev]);

      const expected = await expectedReport(root, site, 'a003-dna-news.html');
      assert.ok(expected.report.sources.length > 0, "the engine finds the article's source");
      const expectedPassages = passagesOf(expected);

      const page = await driver.newPage();
      await driver.open(page, `${site}/a003-dna-news.html`);
      const tabId = await driver.newestTabId();
      const passages = await waitFor(() => hintsBar(page), { what: 'the hints bar', timeoutMs: 20000 });
      assert.equal(passages, expectedPassages.length);

      const marked = await markedTexts(page);
      if (marked.api) assert.deepEqual(marked.texts.map(squash).sort(), [...expectedPassages].sort());
      else assert.ok((marked.boxes ?? 0) > 0, 'fallback boxes are drawn');
      // The page's own DOM is not rewritten: no element of ours but the shadow host.
      assert.equal(await page.evaluate((host) => document.querySelectorAll(`${host}, [data-sourcelens-source], mark`).length, HOST), 1);

      const badge = await waitFor(async () => (await driver.badgeText(tabId)) || null, { what: 'the badge' });
      assert.equal(badge, String(expected.report.sources.length));
      await page.screenshot({ path: `${state.shots}/${browserName}-page-hints.png` });

      // Clicking a marked passage opens its card in the shadow root.
      const point = await firstMarkPoint(page);
      if (point) {
        await page.mouse.click(point.x, point.y);
        const card = await waitFor(
          () => page.evaluate((host) => document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="passage-card"]')?.textContent ?? null, HOST),
          { what: 'the passage card' },
        );
        const top = expected.report.sources[0];
        if (top?.issuer) assert.ok(card.includes(top.issuer), 'the card names the issuer');
        await page.screenshot({ path: `${state.shots}/${browserName}-card.png` });
      }

      const popup = await driver.newPage();
      await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
      const first = await waitFor(() => firstSource(popup), { what: 'the popup source list' });
      assert.equal(first, expected.report.sources[0]?.statementId);
      await popup.screenshot({ path: `${state.shots}/${browserName}-popup-sources.png`, fullPage: true });
      await popup.close();
      await page.close();
    },
  );

  suite.test(
    'an English report of a Chinese statement: the worker loads the Chinese lexicon, marks the translated passages and shows both texts side by side',
    async ({ driver, site, fixtures }) => {
      // A039 (Xinhua's English version) of S08 (China's foreign ministry, in Chinese): no shared word, only
      // the English words CC-CEDICT gives the Chinese ones (public/lexicon/zh-en.json, fetched on demand).
      await replaceCorpus(driver, [fixtures.dev]);
      const expected = await expectedReport(root, site, 'a039-xinhua.html');
      const top = expected.report.sources[0];
      assert.equal(top?.statementId, 'S08', 'the engine finds the Chinese statement');
      assert.equal(top?.relation, 'translates');
      const expectedPassages = passagesOf(expected);

      const page = await driver.newPage();
      await driver.open(page, `${site}/a039-xinhua.html`);
      const tabId = await driver.newestTabId();
      assert.equal(await waitFor(() => hintsBar(page), { what: 'the hints bar', timeoutMs: 20000 }), expectedPassages.length);
      const marked = await markedTexts(page);
      if (marked.api) assert.deepEqual(marked.texts.map(squash).sort(), [...expectedPassages].sort());

      // The in-page card of a marked passage shows both texts side by side too.
      const point = await firstMarkPoint(page);
      if (marked.api) assert.ok(point, 'a marked passage to click');
      if (point) {
        await page.mouse.click(point.x, point.y);
        const [article, official] = await waitFor(() => sideBySide(page, HOST), { what: 'the side-by-side texts in the card' });
        assert.ok(expectedPassages.includes(squash(article?.text ?? '')), "the card shows the article's passage");
        assert.match(official?.text ?? '', /\p{Script=Han}/u, 'the card shows the Chinese statement text');
        assert.equal(official?.lang, 'zh');
      }

      const popup = await driver.newPage();
      await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
      const first = await waitFor(() => firstSource(popup), { what: 'the popup source list' });
      assert.equal(first, 'S08');
      await popup.click('[data-testid="source"] .passage-button');
      const [english, chinese] = await waitFor(() => sideBySide(popup), { what: 'the side-by-side texts' });
      assert.ok(expectedPassages.includes(squash(english?.text ?? '')), "the English passage is the article's");
      assert.match(chinese?.text ?? '', /\p{Script=Han}/u, 'the official text is the Chinese statement');
      assert.equal(chinese?.lang, 'zh');
      await popup.close();
      await page.close();
    },
  );

  // Chrome's on-device Translator API is Chrome's alone, and Debian's Chromium does not ship it: the
  // test defines stand-ins. In the reader's world (the extension's isolated world, through
  // chrome.scripting), one whose model is installed and which renders A017's Russian sentences by the
  // literal English sentences of tests/fixtures/engine/cross-language/a017-translation.json; in the
  // popup, one whose model can be downloaded. The user installs it from the popup, which has the
  // reader check the page again, now through the translation.
  if (browserName === 'chromium') {
    suite.test(
      'a Russian page whose source is English: the popup offers the on-device translation model; once installed, the reader translates the page and marks the sentences that render S02',
      async ({ driver, site, fixtures, state }) => {
        if (driver.name !== 'chromium') throw new Error('Chromium only');
        await replaceCorpus(driver, [fixtures.dev]);
        const expected = await expectedReport(root, site, 'a017-news-ru.html');
        // Its anchors (names, numbers) find S02 and line up half of A017's sentences; this one shares
        // none with S02 ("running out of ammunition, are leaving their combat positions"): only the
        // translation lines it up.
        const onlyThroughTranslation = 'По его словам, которые приводятся на сайте ведомства';
        const s02 = expected.report.sources.find((s) => s.statementId === 'S02');
        assert.ok(s02, 'the CLI finds S02 by anchors');
        assert.ok(
          !s02.passages.some((p) => expected.text.slice(p.article[0], p.article[1]).startsWith(onlyThroughTranslation)),
          'without a translation, that sentence is not lined up',
        );
        /** @type {{ sentences: Record<string, string> }} */
        const { sentences } = JSON.parse(await readFile(`${root}tests/fixtures/engine/cross-language/a017-translation.json`, 'utf8'));

        const page = await driver.newPage();
        await driver.open(page, `${site}/a017-news-ru.html`);
        const tabId = await driver.newestTabId();
        const popup = await driver.newPage();
        // A Chromium page: the driver's pages are playwright's there.
        await /** @type {import('playwright-core').Page} */ (/** @type {unknown} */ (popup)).addInitScript(() => {
          /** @type {any} */ (globalThis).Translator = {
            availability: async () => 'downloadable',
            create: async (/** @type {{ monitor?: (target: EventTarget) => void }} */ { monitor }) => {
              const progress = new EventTarget();
              monitor?.(progress);
              for (const loaded of [0, 0.5, 1]) progress.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded }));
              return { translate: async (/** @type {string} */ text) => text, destroy() {} };
            },
          };
        });
        await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
        // The first report, made before any translator: what the CLI predicts, without S02.
        await popup.waitForSelector('[data-testid="source"], [data-testid="no-sources"]', { timeout: 20000 });
        const before = await popup.$$eval('[data-testid="source"]', (nodes) => nodes.map((n) => /** @type {HTMLElement} */ (n).dataset.statementId));
        assert.deepEqual(
          before,
          expected.report.sources.map((s) => s.statementId),
        );
        await popup.waitForSelector('[data-testid="translation-offer"][data-phase="offer"]', { timeout: 15000 });
        await popup.screenshot({ path: `${state.shots}/${browserName}-popup-translation-offer.png`, fullPage: true });
        // Only now does the reader's world get its translator, as if the model had just been installed.
        await driver.worker().evaluate(
          async ({ tabId, sentences }) => {
            await /** @type {any} */ (globalThis).chrome.scripting.executeScript({
              target: { tabId },
              world: 'ISOLATED',
              args: [sentences],
              func: (/** @type {Record<string, string>} */ table) => {
                /** @type {any} */ (globalThis).Translator = {
                  availability: async (/** @type {{ sourceLanguage: string, targetLanguage: string }} */ { sourceLanguage, targetLanguage }) =>
                    sourceLanguage === 'ru' && targetLanguage === 'en' ? 'available' : 'unavailable',
                  create: async () => ({
                    translate: async (/** @type {string} */ text) => {
                      if (!(text in table)) throw new Error('no rendering');
                      return table[text];
                    },
                    destroy() {},
                  }),
                };
              },
            });
          },
          { tabId, sentences },
        );

        await popup.click('#install-translation');

        const marked = await waitFor(
          async () => {
            const m = await markedTexts(page);
            return m.texts.some((text) => squash(text).startsWith(onlyThroughTranslation)) ? m : null;
          },
          { what: 'the marks of the sentences found through the translation', timeoutMs: 20000 },
        );
        assert.ok(marked.api, 'Chromium has the Custom Highlight API');

        const first = await waitFor(() => firstSource(popup).then((id) => (id === 'S02' ? id : null)), {
          what: 'S02 first in the popup',
        });
        assert.equal(first, 'S02');
        await popup.click('[data-testid="source"] .passage-button');
        const [russian, english] = await waitFor(() => sideBySide(popup), { what: 'the side-by-side texts' });
        assert.match(russian?.text ?? '', /\p{Script=Cyrillic}/u, 'the article side is the Russian sentence');
        assert.equal(english?.lang, 'en');
        await popup.close();
        await page.close();
      },
    );
  }

  suite.test('hints are toggled from the popup, and the page is left clean', async ({ driver, site }) => {
    const page = await driver.newPage();
    await driver.open(page, `${site}/a003-dna-news.html`);
    const tabId = await driver.newestTabId();
    await waitFor(() => hintsBar(page), { what: 'the hints bar', timeoutMs: 20000 });
    const popup = await driver.newPage();
    await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.waitForSelector('#hints-visible:not([disabled])');
    await popup.click('#hints-visible');
    await waitFor(async () => (await hintsBar(page)) === null && (await markedTexts(page)).texts.length === 0, { what: 'hidden hints' });
    await popup.click('#hints-visible');
    await waitFor(async () => ((await hintsBar(page)) ?? 0) > 0, { what: 'hints shown again' });
    await popup.close();
    await page.close();
  });

  suite.test('a page that is not news gets no badge and no highlights; "check anyway" checks it', async ({ driver, site }) => {
    const page = await driver.newPage();
    await driver.open(page, `${site}/not-news.html`);
    const tabId = await driver.newestTabId();
    const popup = await driver.newPage();
    await waitFor(
      async () => {
        await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
        return (await dataOf(popup, '[data-testid="page-report"]', 'state').catch(() => '')) === 'not-news';
      },
      { what: 'the not-news state in the popup', intervalMs: 500 },
    );
    assert.equal(await page.evaluate((host) => document.querySelector(host), HOST), null);
    assert.deepEqual((await markedTexts(page)).texts, []);
    assert.equal(await driver.badgeText(tabId), '');
    await popup.click('#check-anyway');
    await waitFor(async () => (await dataOf(popup, '[data-testid="page-report"]', 'state').catch(() => '')) === 'done', { what: 'the forced check' });
    assert.ok(await popup.$('[data-testid="no-sources"]'));
    await popup.close();
    await page.close();
  });

  return suite;
}
