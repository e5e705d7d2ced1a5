// @ts-check
// Launches real Chromium (playwright-core) and real Firefox ESR (puppeteer-core over WebDriver BiDi)
// with the built extension loaded, behind one small driver interface the scenarios use.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Flags that keep Chromium from dialling Google on a machine with no network (see shared/notes). */
const QUIET_CHROMIUM = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Chromium's own calls home that the flags above leave (seen through the privacy suite's proxy). */
const QUIETER_CHROMIUM = [
  '--disable-features=AutofillServerCommunication,OptimizationHintsFetching,MediaRouter,DialMediaRouteProvider,SigninInterception,NetworkTimeServiceQuerying',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--no-pings',
  '--allow-browser-signin=false',
];

/**
 * `proxy` ("127.0.0.1:PORT"): every request of every context goes through that HTTP proxy, loopback
 * included (the privacy suite records them all there). `extraArgs`: more Chromium flags (the browser
 * bench adds a DevTools port to reach the worker's heap). `display` (":90"): run headed on that X
 * display, for the suites that need the browser's own shortcuts and menus (virtual-display.mjs).
 * `viewport`: the pages' size (null: the window's own, for a browser a person uses). `language`
 * ("ru"): the browser's UI language, which the extension's messages follow (LANGUAGE, on Linux).
 * @param {string} extensionDir the unpacked build
 * @param {{ proxy?: string, extraArgs?: string[], display?: string, viewport?: { width: number, height: number } | null, language?: string }} [options]
 */
export async function launchChromium(extensionDir, { proxy, extraArgs = [], display, viewport = { width: 1100, height: 900 }, language } = {}) {
  const { chromium } = await import('playwright-core');
  const userDataDir = await mkdtemp(join(tmpdir(), 'sourcelens-chromium-'));
  const env = { ...process.env, ...(display ? { DISPLAY: display } : {}), ...(language ? { LANGUAGE: language, LANG: `${language}.UTF-8` } : {}) };
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: !display,
    ...(display || language ? { env } : {}),
    ...(language ? { locale: language } : {}),
    viewport,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...QUIET_CHROMIUM,
      ...(proxy ? [`--proxy-server=http://${proxy}`, '--proxy-bypass-list=<-loopback>', ...QUIETER_CHROMIUM] : []),
      ...extraArgs,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    name: /** @type {const} */ ('chromium'),
    context,
    userDataDir,
    worker: () => context.serviceWorkers()[0] ?? worker,
    extensionUrl: (/** @type {string} */ path) => `chrome-extension://${extensionId}/${path}`,
    newPage: () => context.newPage(),
    /** @param {import('playwright-core').Page} page @param {string} url */
    async open(page, url) {
      await page.goto(url);
    },
    /**
     * The browser's tab id of the page opened last. Without the "tabs" permission Chromium hides tab
     * URLs from the extension, but tab ids only grow, so the newest tab is the one with the largest id.
     */
    async newestTabId() {
      /** @type {number[]} */
      const ids = await this.worker().evaluate(async () =>
        (await /** @type {any} */ (globalThis).chrome.tabs.query({})).map((/** @type {{ id: number }} */ tab) => tab.id),
      );
      return Math.max(...ids);
    },
    /** @param {number} tabId @returns {Promise<string>} */
    async badgeText(tabId) {
      return this.worker().evaluate((id) => /** @type {any} */ (globalThis).chrome.action.getBadgeText({ tabId: id }), tabId);
    },
    /** @param {import('playwright-core').Page} page @param {string} selector @param {string[]} paths */
    async upload(page, selector, paths) {
      await page.setInputFiles(selector, paths);
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Options as for launchChromium; `prefs`: more Firefox preferences.
 * @param {string} extensionDir the unpacked build
 * @param {string} geckoId the add-on id of the Firefox manifest
 * @param {{ proxy?: string, display?: string, viewport?: { width: number, height: number } | null, prefs?: Record<string, unknown> }} [options]
 */
export async function launchFirefox(extensionDir, geckoId, { proxy, display, viewport = { width: 1100, height: 900 }, prefs = {} } = {}) {
  const [proxyHost, proxyPort] = proxy ? proxy.split(':') : [];
  const puppeteer = (await import('puppeteer-core')).default;
  // A fixed UUID for our add-on gives a known moz-extension:// origin for the extension pages.
  const uuid = '5d1f0e0a-6c2b-4d51-9a53-50c1e11e5a11';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: !display,
    ...(display ? { env: { ...process.env, DISPLAY: display } } : {}),
    args: ['--remote-allow-system-access'],
    defaultViewport: viewport,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      // No update checks, telemetry or remote settings on a machine without network.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      ...prefs,
      ...(proxy
        ? {
            'network.proxy.type': 1,
            'network.proxy.http': proxyHost,
            'network.proxy.http_port': Number(proxyPort),
            'network.proxy.ssl': proxyHost,
            'network.proxy.ssl_port': Number(proxyPort),
            'network.proxy.no_proxies_on': '',
            'network.proxy.allow_hijacking_localhost': true,
            // Remote Settings polls Mozilla's servers; point it nowhere (as Firefox's own tests do).
            'services.settings.server': 'data:,#remote-settings-dummy/v1',
          }
        : {}),
    },
  });
  await browser.installExtension(extensionDir);
  return {
    name: /** @type {const} */ ('firefox'),
    browser,
    extensionUrl: (/** @type {string} */ path) => `moz-extension://${uuid}/${path}`,
    newPage: () => browser.newPage(),
    async newestTabId() {
      const page = await browser.newPage();
      await this.open(page, this.extensionUrl('options.html'));
      /** @type {number[]} */
      const ids = await page.evaluate(async () =>
        (await /** @type {any} */ (globalThis).browser.tabs.query({})).map((/** @type {{ id: number }} */ tab) => tab.id),
      );
      await page.close();
      // Exclude the helper page just opened (the largest id) and take the newest tab before it.
      const newest = ids.sort((a, b) => a - b).at(-2);
      if (newest === undefined) throw new Error('no tab is open besides the helper page');
      return newest;
    },
    /** @param {number} tabId @returns {Promise<string>} */
    async badgeText(tabId) {
      const page = await browser.newPage();
      await this.open(page, this.extensionUrl('options.html'));
      const text = await page.evaluate((id) => /** @type {any} */ (globalThis).browser.action.getBadgeText({ tabId: id }), tabId);
      await page.close();
      return text;
    },
    /** @param {import('puppeteer-core').Page} page @param {string} url */
    async open(page, url) {
      if (url.startsWith('moz-extension:')) {
        // With --remote-allow-system-access, goto to an extension page may never resolve although the
        // tab did navigate (shared/notes/browser-testing.md): give it a moment and check the URL instead.
        await Promise.race([page.goto(url).catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1500))]);
        // The document's own location: page.url() is not updated for these navigations in a headed
        // Firefox, which cost the full 10 s on every extension page.
        const target = url.split('?')[0] ?? url;
        const at = () => page.evaluate(() => location.href).catch(() => page.url());
        const deadline = Date.now() + 10000;
        while (!(await at()).startsWith(target) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      } else {
        await page.goto(url, { waitUntil: 'load' });
      }
    },
    /** @param {import('puppeteer-core').Page} page @param {string} selector @param {string[]} paths */
    async upload(page, selector, paths) {
      const input = /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement> | null} */ (await page.waitForSelector(selector));
      if (!input) throw new Error(`no ${selector} to upload to`);
      await input.uploadFile(...paths);
    },
    async close() {
      await browser.close();
    },
  };
}
