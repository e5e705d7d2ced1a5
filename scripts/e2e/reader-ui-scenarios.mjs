// @ts-check
// Issue 21 scenarios, run unchanged in both browsers: what the reader sees, measured in the real
// browser: the card and popup layout of a translated passage, the hints setting across tabs, and
// where a translated highlight starts.
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
  squash,
} from './extension-pages.mjs';

/**
 * Boxes of a side-by-side view, measured in the page (passed to evaluate, so self-contained): in the
 * in-page card when `host` is given (the card frame too), else in the document (the popup). For each
 * scrolled text box, whether its height is a whole number of lines (else its last line shows cut).
 * @param {string | null} host
 */
function measureSideBySide(host) {
  const frame = host ? document.querySelector(host)?.shadowRoot?.querySelector('.card-frame') : null;
  const root = host ? frame : document;
  const view = root?.querySelector('[data-testid="side-by-side"]');
  if (!view) return null;
  const figures = [...view.querySelectorAll('figure')].map((figure) => {
    const r = figure.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, width: r.width };
  });
  const quotes = [...view.querySelectorAll('blockquote')].map((quote) => {
    const style = getComputedStyle(quote);
    const lineHeight = parseFloat(style.lineHeight);
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const lines = (quote.clientHeight - padding) / lineHeight;
    return {
      scrolls: quote.scrollHeight > quote.clientHeight + 1,
      overflowsSideways: quote.scrollWidth > quote.clientWidth + 1,
      lines,
      wholeLines: Math.abs(lines - Math.round(lines)) < 0.05,
    };
  });
  /** @type {{ top: number, bottom: number, left: number, right: number, width: number, windowHeight: number, windowWidth: number, scrollsInside: boolean, overflowsSideways: boolean } | undefined} */
  let card;
  if (frame) {
    const r = frame.getBoundingClientRect();
    card = {
      top: r.top,
      bottom: r.bottom,
      left: r.left,
      right: r.right,
      width: r.width,
      windowHeight: innerHeight,
      windowWidth: innerWidth,
      scrollsInside: frame.scrollHeight > frame.clientHeight + 1,
      overflowsSideways: frame.scrollWidth > frame.clientWidth + 1,
    };
  }
  return { overflowsSideways: view.scrollWidth > view.clientWidth + 1, figures, quotes, card };
}

/**
 * Checks a measured side-by-side view: two columns, nothing overflowing, no line cut in half.
 * @param {ReturnType<typeof measureSideBySide>} measured
 * @param {string} where
 */
function assertSideBySide(measured, where) {
  assert.ok(measured, `${where}: a side-by-side view`);
  const [a, b] = measured.figures;
  assert.ok(measured.figures.length === 2 && a && b, `${where}: two texts`);
  assert.ok(Math.abs(a.top - b.top) < 1 && b.left >= a.right - 1, `${where}: the texts stand side by side (${JSON.stringify(measured.figures)})`);
  assert.ok(a.width > 100 && b.width > 100, `${where}: each column is readable (${a.width} and ${b.width} px)`);
  assert.equal(measured.overflowsSideways, false, `${where}: nothing overflows sideways`);
  for (const quote of measured.quotes) {
    assert.equal(quote.overflowsSideways, false, `${where}: a text box overflows sideways`);
    if (quote.scrolls) assert.ok(quote.wholeLines, `${where}: a scrolled text box shows ${quote.lines.toFixed(2)} lines: a line is cut`);
  }
}

/**
 * Whether the popup's "Mark passages in pages" box is ticked.
 * @param {import('./driver').Page} popup
 */
const hintsTicked = (popup) => popup.$eval('#hints-visible', (box) => /** @type {HTMLInputElement} */ (box).checked);

/**
 * Ticks "Mark passages in pages" if an earlier test left it off (the setting outlives a test).
 * @param {import('./driver').Driver} driver
 * @param {number} tabId
 */
async function ensureHintsOn(driver, tabId) {
  const popup = await driver.newPage();
  await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
  await popup.waitForSelector('#hints-visible:not([disabled])');
  if (!(await hintsTicked(popup))) await popup.click('#hints-visible');
  await waitFor(() => hintsTicked(popup), { what: 'the hints setting on' });
  await popup.close();
}

/**
 * @param {string} browserName
 * @param {string} root the repository, with a trailing slash
 */
export function readerUiSuite(browserName, root) {
  const suite = createSuite(browserName, 'reader-ui');

  suite.test(
    'a translated passage: the card shows both texts in two columns inside the window (no overflow at 380 px, no line cut), and so does the popup',
    async ({ driver, site, fixtures, state }) => {
      await replaceCorpus(driver, [fixtures.dev]);
      const page = await driver.newPage();
      await driver.open(page, `${site}/a039-xinhua.html`);
      const tabId = await driver.newestTabId();
      await waitFor(() => hintsBar(page), { what: 'the hints bar', timeoutMs: 20000 });
      const point = await firstMarkPoint(page);
      assert.ok(point, 'a marked passage to click');
      await page.mouse.click(point.x, point.y);
      const measured = await waitFor(() => page.evaluate(measureSideBySide, HOST), { what: 'the card with both texts' });
      const card = measured.card;
      assert.ok(card, 'the card frame is measured');
      assert.ok(card.width <= 380 + 0.5, `the card is at most 380 px wide (${card.width})`);
      assert.ok(card.top >= 0 && card.bottom <= card.windowHeight, `the card lies inside the window (${card.top}–${card.bottom} of ${card.windowHeight})`);
      assert.ok(card.left >= 0 && card.right <= card.windowWidth, 'the card lies inside the window sideways');
      assert.equal(card.overflowsSideways, false, 'nothing in the card overflows sideways');
      assert.equal(card.scrollsInside, false, 'the whole card, official text included, is seen without scrolling inside it');
      assertSideBySide(measured, 'card');
      state.measurements.push(
        `${browserName} translated card: ${Math.round(card.bottom - card.top)} px tall in a ${card.windowHeight} px window, columns ${measured.figures.map((f) => Math.round(f.width)).join(' + ')} px`,
      );
      await page.screenshot({ path: `${state.shots}/${browserName}-translated-card.png` });

      const popup = await driver.newPage();
      await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
      await waitFor(() => popup.$('[data-testid="source"] .passage-button'), { what: 'the popup source list' });
      await popup.click('[data-testid="source"] .passage-button');
      const inPopup = await waitFor(() => popup.evaluate(measureSideBySide, null), { what: 'the side-by-side view in the popup' });
      assertSideBySide(inPopup, 'popup');
      await popup.close();
      await page.close();
    },
  );

  suite.test(
    "the hints setting acts on every tab: unticked in tab A's popup hides tab B's marks; a page opened meanwhile gets its marks when it is ticked again",
    async ({ driver, site }) => {
      const pageA = await driver.newPage();
      await driver.open(pageA, `${site}/a003-dna-news.html?tab=a`);
      const tabA = await driver.newestTabId();
      await ensureHintsOn(driver, tabA);
      await waitFor(() => hintsBar(pageA), { what: "tab A's hints", timeoutMs: 20000 });
      const pageB = await driver.newPage();
      await driver.open(pageB, `${site}/a003-dna-news.html?tab=b`);
      await waitFor(() => hintsBar(pageB), { what: "tab B's hints", timeoutMs: 20000 });

      const popup = await driver.newPage();
      await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabA}`));
      await popup.waitForSelector('#hints-visible:not([disabled])');
      assert.equal(await hintsTicked(popup), true);
      await popup.click('#hints-visible');
      for (const [name, page] of /** @type {const} */ ([
        ['A', pageA],
        ['B', pageB],
      ])) {
        await waitFor(
          async () => (await hintsBar(page)) === null && (await markedTexts(page)).texts.length === 0 && ((await markedTexts(page)).boxes ?? 0) === 0,
          {
            what: `tab ${name}'s marks hidden`,
          },
        );
      }

      // Opened while the marks are off: checked, but nothing drawn.
      const pageC = await driver.newPage();
      await driver.open(pageC, `${site}/a003-dna-news.html?tab=c`);
      const tabC = await driver.newestTabId();
      const popupC = await driver.newPage();
      await waitFor(
        async () => {
          await driver.open(popupC, driver.extensionUrl(`popup.html?tabId=${tabC}`));
          return (await dataOf(popupC, '[data-testid="page-report"]', 'state').catch(() => '')) === 'done';
        },
        { what: 'tab C checked', intervalMs: 500, timeoutMs: 20000 },
      );
      await popupC.close();
      assert.equal(await hintsBar(pageC), null);
      assert.deepEqual((await markedTexts(pageC)).texts, []);

      // Ticked again in tab A's popup: every tab's marks come back, tab C's too.
      await popup.click('#hints-visible');
      for (const [name, page] of /** @type {const} */ ([
        ['A', pageA],
        ['B', pageB],
        ['C', pageC],
      ])) {
        await waitFor(async () => ((await hintsBar(page)) ?? 0) > 0, { what: `tab ${name}'s marks shown again` });
      }
      await popup.close();
      for (const page of [pageA, pageB, pageC]) await page.close();
    },
  );

  suite.test(
    'a translated highlight starts where its sentence starts: never after the day of a date ("20. September") in a German article',
    async ({ driver, site, fixtures }) => {
      await replaceCorpus(driver, [fixtures.dev]);
      const expected = await expectedReport(root, site, 'a020-azertag-de.html');
      // S02 (the briefing) and S03 (the announcement the article's body reproduces), both in English.
      assert.ok(
        expected.report.sources.some((source) => source.statementId === 'S02' && source.relation === 'translates'),
        'the engine finds S02 for the German report',
      );
      const expectedPassages = passagesOf(expected);
      const page = await driver.newPage();
      await driver.open(page, `${site}/a020-azertag-de.html`);
      await ensureHintsOn(driver, await driver.newestTabId());
      await waitFor(() => hintsBar(page), { what: 'the hints bar', timeoutMs: 20000 });
      const starts = await page.evaluate(() => {
        /** @type {Array<{ text: string, before: string }>} */
        const out = [];
        /** @type {Map<string, Set<Range>> | undefined} */
        const registry = /** @type {any} */ (globalThis).CSS?.highlights;
        if (!registry) return null;
        for (const [name, highlight] of registry) {
          if (!name.startsWith('sourcelens-') || name === 'sourcelens-active') continue;
          for (const range of highlight) {
            const node = range.startContainer;
            const before = (node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '').slice(0, range.startOffset);
            out.push({ text: range.toString(), before: before.slice(-12) });
          }
        }
        return out;
      });
      assert.ok(starts, 'the Custom Highlight API');
      assert.ok(starts.length > 0, 'passages are marked');
      // German month names as CLDR writes them after a day ("20. September", "10. Mai").
      const months = new Set(
        Array.from({ length: 12 }, (_, month) =>
          new Intl.DateTimeFormat('de', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, month, 10))).toLowerCase(),
        ),
      );
      for (const { text, before } of starts) {
        const afterDay = /(?:^|\D)\d{1,2}\.\s*$/.test(before) && months.has(/^\p{L}+/u.exec(text)?.[0]?.toLowerCase() ?? '');
        assert.equal(afterDay, false, `a highlight starts after a day's full stop: "…${before}|${text.slice(0, 40)}…"`);
      }
      // The marks are the engine's passages (a span two sources share is marked once).
      assert.deepEqual([...new Set(starts.map((s) => squash(s.text)))].sort(), [...new Set(expectedPassages)].sort());
      await page.close();
    },
  );

  return suite;
}
