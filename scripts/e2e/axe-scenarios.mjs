// @ts-check
// Accessibility in the real browsers: axe-core on the popup, the options page, the welcome page and the
// in-page card.
// Serious and critical violations fail the test; the rest are printed.
import { createSuite, waitFor } from './harness.mjs';
import { check, runAxe } from './extension-pages.mjs';

/** @param {string} browserName */
export function axeSuite(browserName) {
  const suite = createSuite(browserName, 'axe');
  suite.test(
    'axe-core finds no serious or critical violations in the popup, the options page, the welcome page and the in-page card',
    async ({ driver, site, state }) => {
      const page = await driver.newPage();
      await driver.open(page, `${site}/a003-dna-news.html`);
      const tabId = await driver.newestTabId();
      await waitFor(() => page.evaluate(() => !!document.querySelector('sourcelens-hints')?.shadowRoot?.querySelector('[data-testid="hints-bar"]')), {
        what: 'the hints bar',
        timeoutMs: 20000,
      });
      // Open the first passage's card with the keyboard path (the bar's "next" button).
      await page.evaluate(() =>
        /** @type {HTMLElement | null | undefined} */ (
          document.querySelector('sourcelens-hints')?.shadowRoot?.querySelector('[data-testid="hints-bar"] button:nth-of-type(2)')
        )?.click(),
      );
      await waitFor(() => page.evaluate(() => !!document.querySelector('sourcelens-hints')?.shadowRoot?.querySelector('[data-testid="passage-card"]')), {
        what: 'the card',
      });
      check(await runAxe(page, ['sourcelens-hints', '.ui']), 'in-page card', state);

      const popup = await driver.newPage();
      await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
      await waitFor(() => popup.$('[data-testid="source"]'), { what: 'the popup sources' });
      await popup.click('[data-testid="source"] .passage-button');
      check(await runAxe(popup), 'popup', state);

      const options = await driver.newPage();
      await driver.open(options, driver.extensionUrl('options.html'));
      await options.waitForSelector('[data-testid="issuer-list"]');
      check(await runAxe(options), 'options page', state);

      const welcome = await driver.newPage();
      await driver.open(welcome, driver.extensionUrl('welcome.html'));
      await waitFor(() => welcome.$('[data-testid="welcome"]'), { what: 'the welcome page' });
      check(await runAxe(welcome), 'welcome page', state);
      await Promise.all([page.close(), popup.close(), options.close(), welcome.close()]);
    },
  );
  return suite;
}
