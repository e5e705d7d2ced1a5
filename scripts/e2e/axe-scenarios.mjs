// @ts-check
// Accessibility in the real browsers: axe-core on the popup, the options page, the welcome page and the
// in-page card.
// Serious and critical violations fail the test; the rest are printed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { assert, createSuite, waitFor } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** @typedef {{ id: string, impact?: string | null, nodes: number, help: string }} Violation */

/**
 * axe-core's violations in the page, or inside the shadow root `context` names ([host, selector]).
 * @param {import('./driver').Page} page
 * @param {string[]} [context]
 * @returns {Promise<Violation[]>}
 */
export async function runAxe(page, context) {
  // Evaluated as a script through the automation protocol, which the pages' CSP does not apply to.
  await page.evaluate(`${axeSource};0`);
  return page.evaluate(async (selector) => {
    const target = selector ? { fromShadowDom: selector } : document;
    const axe = /** @type {typeof import('axe-core')} */ (/** @type {any} */ (globalThis).axe);
    const results = await axe.run(/** @type {import('axe-core').ElementContext} */ (target), { resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  }, context ?? null);
}

/**
 * Fails on serious and critical violations; records the rest in the run's measurements.
 * @param {Violation[]} violations
 * @param {string} where
 * @param {{ measurements: string[] }} state
 */
export function check(violations, where, state) {
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !severe.includes(v));
  if (minor.length) state.measurements.push(`axe ${where}: minor ${minor.map((v) => `${v.id}(${v.impact})`).join(', ')}`);
  assert.deepEqual(severe, [], `${where}: ${JSON.stringify(severe)}`);
}

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
