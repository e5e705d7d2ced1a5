// @ts-check
// Issue 6 scenarios, run unchanged in both browsers against feeds served from localhost
// (feed-server.mjs): subscribe, refresh, see the items arrive; every bad feed gives its own error in
// words and loses nothing; backup and restore; "Add this page to my corpus" from the popup.
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATEMENT_PAGE_TEXT } from './feed-server.mjs';
import { assert, createSuite, waitFor } from './harness.mjs';
import { corpusCount, deleteAll, exportAll, linkedText, openOptions, rpc } from './extension-pages.mjs';

/** @param {string} url */
const feedItem = (url) => `[data-testid="feed-list"] > li[data-url="${url}"]`;

/** @param {string} browserName */
export function feedsSuite(browserName) {
  const suite = createSuite(browserName, 'feeds');

  suite.test('subscribe to localhost feeds (RSS, Atom, JSON Feed), and see the items arrive', async ({ driver, feeds, state }) => {
    const page = await openFeedsPanel(driver);
    await deleteAll(page);
    const rss = `${feeds}/feeds/rss.xml`;
    await subscribe(page, rss, 'Ministry of Examples');
    const first = await feedState(page, rss);
    assert.equal(first.state, 'ok', first.text);
    assert.equal(first.items, '4');
    // 4 items: one is refused for its javascript: link (and says so), three are stored
    assert.match(first.text, /Skipped items: 1/);
    await waitFor(async () => (await corpusCount(page)) === 3, { what: '3 statements from the RSS feed' });

    for (const url of [`${feeds}/feeds/atom.xml`, `${feeds}/feeds/feed.json`]) {
      await subscribe(page, url, '');
      const status = await feedState(page, url);
      assert.equal(status.state, 'ok', status.text);
      assert.match(status.text, /Last updated/);
    }
    await waitFor(async () => (await corpusCount(page)) === 10, { what: '10 statements from three feeds' });

    // The summary-only item's page was fetched and extracted (offscreen document in Chrome, the event page in Firefox).
    const exported = await exportAll(page);
    const fromPage = exported.find((record) => record.url === `${feeds}/press/delegation-visit`);
    assert.ok(fromPage, 'the summary-only RSS item was stored');
    assert.match(fromPage.text, new RegExp((STATEMENT_PAGE_TEXT[1] ?? '').slice(0, 60)));
    assert.equal(fromPage.issuer, 'Ministry of Examples');
    assert.ok(
      exported.every((record) => !/<script|onerror|alert\(/.test(record.text)),
      'no markup in stored text',
    );

    // Refreshing again adds nothing twice.
    await page.click(`${feedItem(rss)} .feed-refresh`);
    await waitFor(() => page.$eval(`${feedItem(rss)} .feed-refresh`, (button) => !(/** @type {HTMLButtonElement} */ (button).disabled)), {
      what: 'the refresh to finish',
    });
    assert.equal(await corpusCount(page), 10);
    await page.screenshot({ path: `${state.shots}/${browserName}-feeds.png`, fullPage: true });
    await page.close();
  });

  suite.test('bad feeds each give a clear per-feed error and lose nothing', async ({ driver, feeds, state }) => {
    const page = await openFeedsPanel(driver);
    const before = await corpusCount(page);
    /** @type {Array<[string, RegExp]>} */
    const cases = [
      ['/feeds/broken.xml', /not well-formed XML \(line \d+/],
      ['/feeds/html', /web page \(HTML\), not a feed/],
      ['/feeds/missing.xml', /not found \(HTTP 404\)/],
      ['/feeds/500', /server failed \(HTTP 500\)/],
      ['/feeds/hang', /did not answer within 20 s/],
      ['/feeds/loop', /redirected in a loop/],
      ['/feeds/huge', /larger than 5\.0 MB; SourceLens stopped reading it/],
    ];
    // Subscribing refreshes at once; all of them run side by side, so the never-answering one costs one timeout.
    for (const [path] of cases) await subscribe(page, `${feeds}${path}`, 'Bad feeds', { wait: false });
    await subscribe(page, `${feeds}/feeds/script.xml`, 'Markup feed', { wait: false });
    await subscribe(page, `${feeds}/feeds/jslink.xml`, 'Link feed', { wait: false });
    for (const [path, message] of cases) {
      const status = await feedState(page, `${feeds}${path}`, 45000);
      assert.equal(status.state, 'error', `${path}: ${status.text}`);
      assert.ok(status.code, `${path}: the error has a code the UI words in its language`);
      assert.match(status.detail || status.error, message, path);
    }
    // The 50 MB feed is refused by the extension once 5 MB are read (asserted above, and the cap in a
    // unit test). How much the server wrote before the browser hung up depends on the browser's network
    // buffers and the machine (10-50 MB seen: on a quiet machine the loopback delivers all 50 MB before
    // the abort lands), so it is recorded, not asserted.
    const { hugeSent } = await (await fetch(`${feeds}/stats`)).json();
    state.measurements.push(`${browserName}: 50 MB feed cut off after the server wrote ${(hugeSent / 1024 / 1024).toFixed(1)} MB (cap 5 MB)`);
    const script = await feedState(page, `${feeds}/feeds/script.xml`);
    assert.equal(script.state, 'ok', script.text);
    const jslink = await feedState(page, `${feeds}/feeds/jslink.xml`);
    assert.equal(jslink.state, 'ok', jslink.text);
    const skipped = await page.$eval(`${feedItem(`${feeds}/feeds/jslink.xml`)} [data-testid="feed-skipped"]`, (node) => node.textContent ?? '');
    assert.match(skipped, /"Hostile link" was skipped: its link uses "javascript:"/);
    // Nothing stored before was lost; the two good items arrived, the markup as plain text only.
    await waitFor(async () => (await corpusCount(page)) === before + 2, { what: `${before + 2} statements` });
    const exported = await exportAll(page);
    const markup = exported.find((record) => record.id === 'markup-1');
    assert.equal(markup?.text, 'The ministry rejects the report in full.\n\nNo agreement was signed on that day.');
    assert.ok(!exported.some((record) => /^javascript:/i.test(record.url ?? '')));
    await page.close();
  });

  suite.test('backup to one file and restore it after deleting everything', async ({ driver }) => {
    const page = await openFeedsPanel(driver);
    const count = await corpusCount(page);
    const feedUrls = await page.$$eval('[data-testid="feed-list"] > li', (items) =>
      items.map((item) => /** @type {HTMLElement} */ (item).dataset.url ?? '').sort(),
    );
    assert.ok(count > 0 && feedUrls.length > 0);
    await page.click('#backup');
    await page.waitForSelector('#backup-link', { timeout: 30000 });
    const file = await linkedText(page, '#backup-link');
    const dir = await mkdtemp(join(tmpdir(), 'sourcelens-backup-'));
    const path = join(dir, 'backup.jsonl');
    await writeFile(path, file);
    try {
      await deleteAll(page);
      while ((await page.$$('.feed-unsubscribe')).length > 0) {
        const left = (await page.$$('.feed-unsubscribe')).length;
        await page.click('.feed-unsubscribe');
        await waitFor(async () => (await page.$$('.feed-unsubscribe')).length < left, { what: 'unsubscribe' });
      }
      assert.equal(await corpusCount(page), 0);
      await driver.upload(page, '#restore-file', [path]);
      await page.waitForSelector('[data-testid="restore-result"]', { timeout: 30000 });
      const restoredText = await page.$eval('[data-testid="restore-result"]', (node) => node.textContent ?? '');
      assert.match(restoredText, new RegExp(`and ${feedUrls.length} feeds`), restoredText);
      await waitFor(async () => (await corpusCount(page)) === count, { what: `${count} restored statements` });
      const restoredFeeds = await waitFor(
        async () => {
          const urls = await page.$$eval('[data-testid="feed-list"] > li', (items) =>
            items.map((item) => /** @type {HTMLElement} */ (item).dataset.url ?? '').sort(),
          );
          return urls.length === feedUrls.length ? urls : null;
        },
        { what: 'the restored feeds' },
      );
      assert.deepEqual(restoredFeeds, feedUrls);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await page.close();
  });

  suite.test('"Add this page" asks for the issuer when the page names none, then stores it', async ({ driver, feeds }) => {
    const options = await openFeedsPanel(driver);
    const before = await corpusCount(options);
    const article = await driver.newPage();
    await driver.open(article, `${feeds}/press/water-treaty`);
    const tabId = await driver.newestTabId();
    const popup = await driver.newPage();
    await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.waitForSelector('#add-page', { timeout: 15000 });
    await popup.click('#add-page');
    await popup.waitForSelector('[data-testid="add-page"][data-state="needs-issuer"]', { timeout: 15000 });
    await popup.type('#add-page-issuer', 'Ministry of Examples');
    await popup.click('#add-page-confirm');
    const outcome = await waitFor(
      () =>
        popup.$eval('[data-testid="add-page"]', (node) => {
          const state = /** @type {HTMLElement} */ (node).dataset.state ?? '';
          return ['added', 'already', 'error'].includes(state) ? `${state}: ${node.textContent}` : null;
        }),
      { what: 'the page to be added' },
    );
    assert.match(outcome, /^added/);
    await driver.open(options, driver.extensionUrl('options.html'));
    await options.waitForSelector('[data-testid="corpus-count"]');
    await waitFor(async () => (await corpusCount(options)) === before + 1, { what: 'the added page' });
    const stored = (await exportAll(options)).find((record) => record.url === `${feeds}/press/water-treaty`);
    assert.equal(stored?.issuer, 'Ministry of Examples');
    assert.match(stored?.text ?? '', new RegExp((STATEMENT_PAGE_TEXT[0] ?? '').slice(0, 60)));
    await Promise.all([popup.close(), article.close(), options.close()]);
  });

  // Subscriptions left behind would be refreshed by the alarm during later suites and add statements
  // to corpora those suites count (the Senate import did count 12 feed items once).
  suite.test('teardown: unsubscribe every feed', async ({ driver }) => {
    const options = await openFeedsPanel(driver);
    for (const feed of await rpc(options, 'listFeeds', {})) await rpc(options, 'unsubscribeFeed', { url: feed.url });
    assert.deepEqual(await rpc(options, 'listFeeds', {}), []);
    await options.close();
  });

  return suite;
}

/**
 * The options page once its feeds panel is there.
 * @param {import('./driver').Driver} driver
 */
async function openFeedsPanel(driver) {
  const page = await openOptions(driver);
  await page.waitForSelector('[data-testid="feeds"]', { timeout: 15000 });
  return page;
}

/**
 * @param {import('./driver').Page} page
 * @param {string} url
 * @param {string} issuer
 */
async function subscribe(page, url, issuer, { wait = true } = {}) {
  await page.$eval('#feed-url', (input) => {
    /** @type {HTMLInputElement} */ (input).value = '';
  });
  await page.type('#feed-url', url);
  if (issuer) await page.type('#feed-issuer', issuer);
  await page.click('#feed-subscribe');
  await page.waitForSelector(feedItem(url), { timeout: 15000 });
  if (wait) await feedState(page, url);
}

/**
 * Waits until the feed was fetched once (ok or error) and returns what its row says.
 * @param {import('./driver').Page} page
 * @param {string} url
 */
async function feedState(page, url, timeoutMs = 20000) {
  return waitFor(
    () =>
      page
        .$eval(feedItem(url), (node) => {
          const item = /** @type {HTMLElement} */ (node);
          /** @param {string} selector */
          const inner = (selector) => /** @type {HTMLElement | null} */ (item.querySelector(selector));
          if (item.dataset.state === 'new' || item.querySelector('[aria-busy="true"]')) return null;
          return {
            state: item.dataset.state,
            items: inner('[data-testid="feed-items"]')?.dataset.count,
            error: inner('[data-testid="feed-error"]')?.textContent ?? '',
            // The error's stable code, and lib/'s English wording with its detail (the line is in the UI's language).
            code: inner('[data-testid="feed-error"]')?.dataset.code ?? '',
            detail: inner('[data-testid="feed-error"]')?.getAttribute('title') ?? '',
            text: item.textContent ?? '',
          };
        })
        .catch(() => null),
    { what: `the first fetch of ${url}`, timeoutMs, intervalMs: 200 },
  );
}
