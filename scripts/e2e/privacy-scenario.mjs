// @ts-check
// Issue 7, privacy: every network request of a whole session is recorded while the extension handles
// several pages, imports a corpus, subscribes to and refreshes one feed, checks pages and exports, and
// the test asserts that nothing went anywhere but to the pages the test itself opened and to that
// feed (its address, and the item pages it links to on its own site). The browser runs behind the site server acting
// as an HTTP proxy (loopback included), so requests of every context — pages, extension pages, the
// worker or background page — pass through one recorder; Chromium's own request events are a second
// witness. A positive control proves the recorder sees traffic.
import { assert, createSuite, waitFor } from './harness.mjs';
import { deleteAll, importThroughOptions, newestTabId, rpc } from './extension-pages.mjs';

/**
 * Addresses the extension may contact besides the pages the test opened: the one feed the test
 * enables, and the pages its summary-only items link to (fetched to read the full statement).
 */
/**
 * @param {string} feeds the feed server's origin
 * @returns {[feed: string, itemPages: string]}
 */
export function allowedExtensionRequests(feeds) {
  return [`${feeds}/feeds/rss.xml`, `${feeds}/press/`];
}

/**
 * The browsers' own services, seen at the proxy despite the quiet flags and prefs (Chromium's sign-in,
 * update, network-time and optimisation-hint services; Firefox's Remote Settings). They are the
 * browser's, not the extension's: a request of the extension's pages, worker or content scripts to
 * these hosts would still show in the browser's own request events, which are held to the strict
 * rule. Listed by exact host, reported every run.
 */
const BROWSER_SERVICE_HOSTS = [
  'accounts.google.com',
  'update.googleapis.com',
  'content-autofill.googleapis.com',
  'optimizationguide-pa.googleapis.com',
  'clients2.google.com',
  'firefox.settings.services.mozilla.com',
];

const CONTROL = 'http://control.invalid/canary';

/**
 * @param {string} browserName
 * @param {import('./driver').Launch} launch
 */
export function privacySuite(browserName, launch) {
  const suite = createSuite(browserName, 'privacy');
  suite.test(
    'no request leaves the browser but to the pages the test opened and the one enabled feed (import, feed refresh, checks, popup, export)',
    async ({ siteServer, site, feeds, fixtures, state }) => {
      const ALLOWED_EXTENSION_REQUESTS = allowedExtensionRequests(feeds);
      const [feedUrl] = ALLOWED_EXTENSION_REQUESTS;
      // The recording proxy passes requests for the local feed server on (and still records them).
      siteServer.forward(feeds);
      const driver = await launch({ proxy: `127.0.0.1:${siteServer.port}` });
      /** @type {string[]} */
      const witnessed = [];
      try {
        if (driver.name === 'chromium') driver.context.on('request', (request) => witnessed.push(request.url()));
        const firstRecorded = siteServer.requests.length;
        /** @type {string[]} */
        const opened = [];
        /** Firefox's pages whose requests are already recorded (puppeteer has no context-wide event). */
        const watched = new WeakSet();
        /**
         * @param {import('./driver').Page} page
         * @param {string} url
         */
        const open = async (page, url) => {
          if (driver.name === 'firefox' && !watched.has(page)) {
            watched.add(page);
            /** @type {import('puppeteer-core').Page} */ (/** @type {unknown} */ (page)).on('request', (request) => witnessed.push(request.url()));
          }
          if (url.startsWith(site)) opened.push(url);
          await driver.open(page, url);
        };

        const options = await driver.newPage();
        await open(options, driver.extensionUrl('options.html'));
        await options.waitForSelector('[data-testid="corpus-count"]', { timeout: 15000 });
        await deleteAll(options);
        await importThroughOptions(driver, options, [fixtures.dev]);
        // One feed, subscribed and refreshed through the protocol the options page uses.
        await rpc(options, 'subscribeFeed', { url: feedUrl });
        const refreshed = await rpc(options, 'refreshFeed', { url: feedUrl });
        const feed = (await rpc(options, 'listFeeds', {})).find((f) => f.url === feedUrl);
        assert.ok(feed?.lastSuccessAt, `the feed refreshed (${JSON.stringify(refreshed)})`);
        assert.ok(feed.itemCount > 0, 'the feed delivered items');

        const pages = ['a003-dna-news.html', 'n011-rediff.html', 'not-news.html', 'hostile/zero-width-bidi.html'];
        const tabs = [];
        for (const path of pages) {
          const page = await driver.newPage();
          await open(page, `${site}/${path}`);
          tabs.push({ page, path, tabId: await newestTabId(options) });
        }
        const statuses = [];
        for (const tab of tabs) {
          const status = await waitFor(
            async () => {
              const status = await rpc(options, 'getTabStatus', { tabId: tab.tabId });
              return status && ['done', 'not-news'].includes(status.state) ? status : null;
            },
            { what: `${tab.path} to be checked`, timeoutMs: 30000 },
          );
          statuses.push(status);
        }
        const [article] = tabs;
        assert.ok(article);
        assert.equal(statuses[0]?.state, 'done');
        assert.ok((statuses[0]?.report?.sources.length ?? 0) > 0, 'the article was matched');
        // "Check anyway" on the page that is not news, and the popup of the article.
        const notNews = tabs.find((tab) => tab.path === 'not-news.html');
        assert.ok(notNews);
        await rpc(options, 'checkPageAnyway', { tabId: notNews.tabId });
        await waitFor(async () => (await rpc(options, 'getTabStatus', { tabId: notNews.tabId }))?.state === 'done', { what: 'the forced check' });
        const popup = await driver.newPage();
        await open(popup, driver.extensionUrl(`popup.html?tabId=${article.tabId}`));
        await waitFor(() => popup.$('[data-testid="source"]'), { what: 'the popup sources' });
        await options.click('#export');
        await options.waitForSelector('#export-link', { timeout: 30000 });

        // Positive control: a page's own request to elsewhere does reach the recorder.
        await article.page.evaluate(
          (url) =>
            fetch(url).then(
              () => 'sent',
              (error) => `failed: ${error}`,
            ),
          CONTROL,
        );
        await waitFor(() => siteServer.requests.slice(firstRecorded).some((r) => r.url === CONTROL), {
          what: 'the control request in the proxy log',
          timeoutMs: 5000,
        });
        // The worker may reach http(s) only (feeds): any other scheme is refused by the extension's CSP.
        if (driver.name === 'chromium') {
          const outcome = await driver.worker().evaluate(
            (url) =>
              fetch(url).then(
                () => 'sent',
                (error) => `blocked: ${error}`,
              ),
            'ftp://example.invalid/x',
          );
          assert.match(outcome, /^blocked/);
        }

        const openedSet = new Set(opened);
        /** @param {string} url */
        const allowed = (url) =>
          openedSet.has(url) || url === `${site}/favicon.ico` || url === CONTROL || ALLOWED_EXTENSION_REQUESTS.some((prefix) => url.startsWith(prefix));
        const proxied = siteServer.requests
          .slice(firstRecorded)
          .filter((r) => r.proxied)
          .map((r) => r.url);
        const network = witnessed.filter((url) => /^https?:/.test(url));
        assert.ok(
          network.some((url) => url.startsWith(site)),
          "the browser's own request events were recorded",
        );
        const browserOwn = proxied.filter((url) => BROWSER_SERVICE_HOSTS.includes(new URL(url).hostname));
        const unexpected = [...proxied.filter((url) => !browserOwn.includes(url)), ...network].filter((url) => !allowed(url));
        const summary = [...new Set(proxied)]
          .map((url) => `${url.replace(site, '').replace(/\?.*/, '?…')} ×${proxied.filter((u) => u === url).length}`)
          .join(', ');
        state.measurements.push(
          `privacy (${browserName}): ${proxied.length} requests through the proxy: ${summary}; ${network.length} http(s) requests in the browser's own events (${network.filter((url) => !allowed(url)).length} not allowed); browser services ${browserOwn.length}; unexpected: ${unexpected.length ? unexpected.join(', ') : 'none'}`,
        );
        assert.deepEqual(unexpected, []);
        // Every page the test opened went through the recorder (it sees the loopback traffic too).
        for (const url of opened) assert.ok(proxied.includes(url), `${url} was not seen by the proxy`);
      } finally {
        await driver.close().catch(() => {});
      }
    },
  );
  return suite;
}
