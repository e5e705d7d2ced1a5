// @ts-check
// The scene a newcomer sees (`npm start`) and the store pictures show (`npm run store-assets`): the
// real built extension in a real browser, the sample statements loaded through the options page's own
// button, and the DNA News report of the 19 September 2023 statement of Azerbaijan's Ministry of
// Defense (dev article A003, a copy of statement S01; tests/e2e/site/a003-dna-news.html) open with its
// marks, the card of its first passage and the popup.
//
// (The seed article, news-az-2023-09-19-mod-briefing.txt, quotes a briefing whose official text is not
// among the sample statements, so it shows no marks: A003 reports on the same statement, and does.)
import { launchChromium, launchFirefox } from './e2e/browsers.mjs';
import { waitFor } from './e2e/harness.mjs';
import { firstMarkPoint, hintsBar, HOST } from './e2e/extension-pages.mjs';

/** @typedef {import('./e2e/driver').BrowserDriver} BrowserDriver */
/** @typedef {import('./e2e/driver').Page} Page */

export const GECKO_ID = 'sourcelens@sourcelens.app';
export const ARTICLE = 'a003-dna-news.html';
/**
 * A017: News.ru's Russian report of an English briefing of Azerbaijan's Ministry of Defense (S02, among
 * the samples). (A039, an English report of a Chinese statement, needs a CJK font to be pictured.)
 */
export const TRANSLATED_ARTICLE = 'a017-news-ru.html';

/**
 * @param {string} root the repository, with a trailing slash
 * @param {string} browserName
 */
export function buildDir(root, browserName) {
  return `${root}.output/${browserName === 'firefox' ? 'firefox-mv3' : 'chrome-mv3'}`;
}

/**
 * Starts the browser with the built extension in a fresh temporary profile.
 * @param {string} root the repository, with a trailing slash
 * @param {string} browserName
 * @param {Parameters<import('./e2e/driver').Launch>[0]} [options]
 * @returns {Promise<BrowserDriver>}
 */
export function launch(root, browserName, options = {}) {
  return browserName === 'firefox'
    ? launchFirefox(buildDir(root, 'firefox'), GECKO_ID, {
        ...options,
        // The popup is opened for the reader at the end of the scene, without a click on the toolbar.
        prefs: { 'extensions.openPopupWithoutUserGesture.enabled': true },
      })
    : launchChromium(buildDir(root, 'chromium'), options);
}

/**
 * Loads the sample statements with the options page's "Load the sample statements" button (offered
 * while the corpus is empty) and waits for the import summary. Returns the options page and the count.
 * @param {BrowserDriver} driver
 */
export async function loadSampleStatements(driver) {
  const page = await driver.newPage();
  await driver.open(page, driver.extensionUrl('options.html'));
  await page.waitForSelector('[data-testid="corpus-count"]', { timeout: 20000 });
  await page.waitForSelector('#import-starter', { timeout: 20000 });
  await page.click('#import-starter');
  const imported = await waitFor(
    () =>
      page
        .$eval('[data-testid="import-summary"]', (node) => {
          const { run, imported } = /** @type {HTMLElement} */ (node).dataset;
          return run ? Number(imported) : null;
        })
        .catch(() => null),
    { what: 'the import summary of the sample statements', timeoutMs: 60000 },
  );
  return { page, imported };
}

/**
 * Opens an article of the local site and waits for its marks; returns the page, its tab id and the passage count.
 * @param {BrowserDriver} driver
 * @param {string} site
 */
export async function openArticle(driver, site, file = ARTICLE) {
  const page = await driver.newPage();
  await driver.open(page, `${site}/${file}`);
  const tabId = await driver.newestTabId();
  const passages = await waitFor(() => hintsBar(page), { what: `the marks on ${file}`, timeoutMs: 30000 });
  return { page, tabId, passages };
}

/**
 * Clicks the first marked passage and waits for its card; returns the card's text.
 * @param {Page} page
 */
export async function openFirstCard(page) {
  const point = await waitFor(() => firstMarkPoint(page), { what: 'a marked passage' });
  await page.mouse.click(point.x, point.y);
  return waitFor(
    () => page.evaluate((host) => document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="passage-card"]')?.textContent ?? null, HOST),
    { what: 'the passage card' },
  );
}

/**
 * Opens the toolbar popup of the active tab, as a click on the toolbar button does (Chromium: from the
 * worker; Firefox: from `extensionPage`, an open page of the extension). False where the browser refuses.
 * @param {BrowserDriver} driver
 * @param {Page} extensionPage
 */
export async function openToolbarPopup(driver, extensionPage) {
  try {
    if (driver.name === 'chromium') await driver.worker().evaluate(() => /** @type {any} */ (globalThis).chrome.action.openPopup());
    else await extensionPage.evaluate(() => /** @type {any} */ (globalThis).browser.action.openPopup());
    return true;
  } catch {
    return false;
  }
}

/**
 * The popup for `tabId` in a page of its own (for pictures: the toolbar popup is outside the page).
 * @param {BrowserDriver} driver
 * @param {number} tabId
 */
export async function openPopupPage(driver, tabId) {
  const popup = await driver.newPage();
  await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
  await waitFor(() => popup.$('[data-testid="source"]').catch(() => null), { what: 'the sources in the popup', timeoutMs: 20000 });
  return popup;
}

/**
 * A picture of the popup as the toolbar shows it: its own box, not the tab it was opened in.
 * @param {Page} popup
 * @returns {Promise<Uint8Array>}
 */
export async function popupPicture(popup) {
  // An element handle: both libraries' handles take a screenshot of their element.
  const box = /** @type {{ screenshot(options: { type: 'png' }): Promise<Uint8Array> }} */ (await popup.waitForSelector('main'));
  return box.screenshot({ type: 'png' });
}

/**
 * Lays pictures out on one canvas of exactly `width` × `height` and returns it as PNG: the pictures are
 * real screenshots; the layout is HTML in a headless Chromium (no image library needed). `html` is the
 * canvas's markup, with `{{name}}` standing for the data URL of `images[name]`.
 * @param {{ width: number, height: number, html: string, images: Record<string, Uint8Array> }} layout
 */
export async function compose({ width, height, html, images }) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true });
  try {
    const page = await browser.newPage({ viewport: { width, height } });
    const markup = html.replace(
      /\{\{(\w+)\}\}/g,
      (_, /** @type {string} */ name) => `data:image/png;base64,${Buffer.from(images[name] ?? []).toString('base64')}`,
    );
    await page.setContent(markup, { waitUntil: 'load' });
    return await page.screenshot({ type: 'png' });
  } finally {
    await browser.close();
  }
}

/**
 * The article and its popup side by side, as the reader sees them: the picture for the README.
 * @param {{ article: Uint8Array, popup: Uint8Array, width?: number, height?: number, popupWidth?: number }} pictures
 */
export function articleWithPopup({ article, popup, width = 1280, height = 800, popupWidth = 400 }) {
  return compose({
    width,
    height,
    images: { article, popup },
    html: `<!doctype html><html><body style="margin:0;width:${width}px;height:${height}px;display:flex;background:#dfe3e8;overflow:hidden">
      <img src="{{article}}" style="width:${width - popupWidth}px;height:${height}px;object-fit:cover;object-position:top left;display:block">
      <div style="width:${popupWidth}px;padding:12px 10px 0;box-sizing:border-box">
        <img src="{{popup}}" style="max-width:100%;max-height:${height - 24}px;display:block;border-radius:8px;box-shadow:0 4px 18px rgba(0,0,0,.28);background:#fff">
      </div></body></html>`,
  });
}
