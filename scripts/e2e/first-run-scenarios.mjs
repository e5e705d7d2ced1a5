// @ts-check
// Issue 21 scenarios, in both browsers: the welcome page on install, the options page's sections by
// keyboard, and the popup's notice when the user has withheld SourceLens's access to a site.
import { assert, createSuite, waitFor } from './harness.mjs';
import { check, runAxe } from './extension-pages.mjs';

/**
 * Every open page's address (a headed Firefox does not update page.url() for extension pages).
 * @param {import('./driver').BrowserDriver} driver
 * @returns {Promise<Array<{ page: import('./driver').Page, url: string }>>}
 */
async function openPages(driver) {
  /** @type {import('./driver').Page[]} */
  const pages = driver.name === 'chromium' ? driver.context.pages() : await driver.browser.pages();
  return Promise.all(pages.map(async (page) => ({ page, url: await page.evaluate(() => location.href).catch(() => page.url()) })));
}

/**
 * Sets Chrome's "Site access" of the extension, as the user does in the extensions page (through that
 * page's own API).
 * @param {import('./driver').Driver} driver
 * @param {'ON_CLICK' | 'ON_ALL_SITES'} hostAccess
 */
async function setChromeSiteAccess(driver, hostAccess) {
  const page = await driver.newPage();
  await page.goto('chrome://extensions/');
  const extensionId = new URL(driver.extensionUrl('')).host;
  await page.evaluate(
    ([id, access]) => /** @type {any} */ (globalThis).chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: access }),
    [extensionId, hostAccess],
  );
  await page.close();
}

/**
 * Withholds the extension's access to every site, as a user does: Chrome's "Site access: on click",
 * Firefox's optional host permissions (removed by the extension).
 * @param {import('./driver').Driver} driver
 */
async function withholdSiteAccess(driver) {
  if (driver.name === 'chromium') return setChromeSiteAccess(driver, 'ON_CLICK');
  const page = await driver.newPage();
  await driver.open(page, driver.extensionUrl('options.html'));
  await page.evaluate(() => /** @type {any} */ (globalThis).browser.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }));
  await page.close();
}

/**
 * @param {string} browserName
 * @param {import('./driver').Launch} launch
 */
export function firstRunSuite(browserName, launch) {
  const suite = createSuite(browserName, 'first-run');

  suite.test(
    'installing opens the welcome page: what SourceLens does and never sends, three ways to a corpus, the shortcuts; axe finds nothing serious',
    async ({ state }) => {
      const driver = await launch();
      try {
        const welcome = await waitFor(async () => (await openPages(driver)).find((entry) => entry.url.includes('/welcome.html'))?.page, {
          what: 'the welcome page opened on install',
        });
        await waitFor(() => welcome.$('[data-testid="shortcuts"]'), { what: 'the shortcuts on the welcome page' });
        const text = await welcome.evaluate(() => document.body.innerText);
        assert.match(text, /never sends the pages you read/);
        for (const selector of ['#welcome-load-sample', '#welcome-feeds', '#welcome-import']) assert.ok(await welcome.$(selector), `${selector} is offered`);
        assert.match(await welcome.$eval('[data-testid="shortcuts"]', (node) => node.textContent ?? ''), /Alt\+Shift\+L/);
        check(await runAxe(welcome), 'welcome page', state);
        await welcome.screenshot({ path: `${state.shots}/${browserName}-welcome.png`, fullPage: true });
        // The sample loads from there.
        await welcome.click('#welcome-load-sample');
        await waitFor(
          () => welcome.$eval('[data-testid="welcome-sample-status"]', (node) => /** @type {HTMLElement} */ (node).dataset.phase === 'done').catch(() => false),
          {
            what: 'the sample loaded',
            timeoutMs: 30000,
          },
        );
      } finally {
        await driver.close();
      }
    },
  );

  suite.test(
    'the options page has sections with a navigation the keyboard reaches: Tab to "Feeds", Enter, and the feeds section is shown',
    async ({ driver, state }) => {
      const page = await driver.newPage();
      await driver.open(page, driver.extensionUrl('options.html'));
      await page.waitForSelector('[data-testid="options-nav"] a');
      const sections = await page.$$eval('[data-testid="options-nav"] a', (links) => links.map((link) => link.getAttribute('href')));
      assert.deepEqual(sections, ['#corpus', '#feeds', '#team', '#sites', '#backup-restore', '#about']);
      // The navigation comes first in the tab order.
      let focused = '';
      for (let presses = 0; presses < 10 && focused !== '#feeds'; presses++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
      }
      assert.equal(focused, '#feeds', 'Tab reaches the Feeds link');
      await page.keyboard.press('Enter');
      const shown = await waitFor(
        () =>
          page.evaluate(() => {
            const section = document.getElementById('feeds');
            const top = section?.getBoundingClientRect().top ?? Infinity;
            const current = document.querySelector('[data-testid="options-nav"] a[aria-current]')?.getAttribute('href');
            return location.hash === '#feeds' && current === '#feeds' && top >= -1 && top < 120 ? { top } : null;
          }),
        { what: 'the feeds section at the top of the window' },
      );
      assert.ok(shown.top < 120);
      // Every control of the page is reachable: none is taken out of the tab order.
      assert.equal(
        await page.evaluate(() => document.querySelectorAll('main button[tabindex="-1"], main input[tabindex="-1"], main a[tabindex="-1"]').length),
        0,
      );
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      state.measurements.push(`${browserName} options page: ${height} px tall, sections ${sections.join(' ')}`);
      await page.close();
    },
  );

  suite.test('site access withheld: the popup says so and offers to grant it; granted, the notice goes and the page is checked', async ({ site }) => {
    // Optional permission requests are granted without a prompt in this profile (Firefox), so the
    // grant button's request can complete headless; Chrome's prompt cannot be answered, so access is
    // given back as the user would, in the extensions page.
    const driver = await launch({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    try {
      // The welcome tab first, so that the article's tab is the newest (driver.newestTabId).
      await waitFor(async () => (await openPages(driver)).some((entry) => entry.url.includes('/welcome.html')), { what: 'the welcome page' });
      const page = await driver.newPage();
      await driver.open(page, `${site}/a003-dna-news.html`);
      const tabId = await driver.newestTabId();
      await withholdSiteAccess(driver);
      const popup = await driver.newPage();
      const popupUrl = driver.extensionUrl(`popup.html?tabId=${tabId}&url=${encodeURIComponent(`${site}/a003-dna-news.html`)}`);
      await driver.open(popup, popupUrl);
      const notice = await waitFor(
        () => popup.$eval('[data-testid="host-access"]', (node) => /** @type {HTMLElement} */ (node).dataset.state).catch(() => null),
        {
          what: 'the site access notice',
        },
      );
      assert.equal(notice, 'missing');
      assert.ok(await popup.$('#grant-host-access'));
      if (driver.name === 'chromium') {
        await setChromeSiteAccess(driver, 'ON_ALL_SITES');
        await driver.open(popup, popupUrl);
        await waitFor(() => popup.$('[data-testid="page-report"]'), { what: 'the popup' });
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(await popup.$('[data-testid="host-access"]'), null, 'no notice once access is given');
      } else {
        await popup.click('#grant-host-access');
        await waitFor(async () => (await popup.$('[data-testid="host-access"]')) === null, { what: 'the notice gone once granted' });
        // The popup reads the tab's state again as the check goes; an error is reported as what it says.
        const state = await waitFor(
          () =>
            popup
              .$eval('[data-testid="page-report"]', (node) => {
                const reportState = /** @type {HTMLElement} */ (node).dataset.state ?? '';
                return ['checking', 'done', 'error'].includes(reportState) ? [reportState, node.textContent ?? ''] : null;
              })
              .catch(() => null),
          { what: 'the page checked after the grant', timeoutMs: 30000 },
        );
        assert.notEqual(state[0], 'error', state[1]);
      }
    } finally {
      await driver.close();
    }
  });

  return suite;
}
