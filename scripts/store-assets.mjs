// @ts-check
// `npm run store-assets`: the Chrome Web Store and addons.mozilla.org pictures, made from the real
// built extension in real Chromium, in every locale of the extension that Chrome has (its UI follows the
// browser's language): three 1280×800 screenshots and a 440×280 promo tile per locale, in
// .output/store-assets/<locale>/. The listing texts they go with are in store/<locale>/ (store/README.md).
//
// Azerbaijani is not among the languages of Chrome and its Web Store, which ignore an `az` folder: the
// az texts are for addons.mozilla.org, whose screenshots are one set for every language (the en set).
//
// Each picture is what the browser shows: a news page with its marks and a passage's card, the popup
// beside it (the toolbar popup sits outside the page, so it is photographed on its own and placed next
// to the page), the options page. Nothing is drawn by hand but the tile's frame around a real crop.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSiteServer } from './e2e/server.mjs';
import { ensureSystemDeps, MissingDepsError } from './system-deps.mjs';
import * as scene from './showcase.mjs';
import { escapeHtml } from './shared/html.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCREENSHOT = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
const POPUP_WIDTH = 400;

const { values } = parseArgs({
  options: { locales: { type: 'string' }, 'no-build': { type: 'boolean' }, out: { type: 'string', default: `${root}.output/store-assets` } },
  strict: true,
});
/** The extension locales Chrome and its Web Store support (developer.chrome.com, chrome.i18n, "Locales"). */
const CHROME_LOCALES = new Set([
  'ar',
  'am',
  'bg',
  'bn',
  'ca',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en_AU',
  'en_GB',
  'en_US',
  'es',
  'es_419',
  'et',
  'fa',
  'fi',
  'fil',
  'fr',
  'gu',
  'he',
  'hi',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'kn',
  'ko',
  'lt',
  'lv',
  'ml',
  'mr',
  'ms',
  'nl',
  'no',
  'pl',
  'pt_BR',
  'pt_PT',
  'ro',
  'ru',
  'sk',
  'sl',
  'sr',
  'sv',
  'sw',
  'ta',
  'te',
  'th',
  'tr',
  'uk',
  'vi',
  'zh_CN',
  'zh_TW',
]);
const chromeLocales = readdirSync(`${root}public/_locales`)
  .filter((locale) => CHROME_LOCALES.has(locale))
  .sort();
const locales = values.locales ? values.locales.split(',') : chromeLocales;
for (const locale of locales) {
  if (!chromeLocales.includes(locale)) {
    console.error(`store-assets: "${locale}" is not a locale of the extension that Chrome supports (${chromeLocales.join(', ')})`);
    process.exit(2);
  }
}

try {
  ensureSystemDeps(['chromium', ...(locales.some((locale) => locale !== 'en') ? /** @type {const} */ (['chromiumLanguages']) : [])]);
} catch (error) {
  if (!(error instanceof MissingDepsError)) throw error;
  console.error(`store-assets: ${error.message}`);
  process.exit(2);
}

if (!values['no-build']) {
  const build = spawnSync(process.execPath, [`${root}node_modules/wxt/bin/wxt.mjs`, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/**
 * Width and height of a PNG, from its IHDR chunk.
 * @param {Uint8Array} png
 */
function pngSize(png) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * @param {string} path
 * @param {Uint8Array} png
 * @param {{ width: number, height: number }} expected
 */
async function save(path, png, expected) {
  const size = pngSize(png);
  if (size.width !== expected.width || size.height !== expected.height) {
    throw new Error(`${path} is ${size.width}×${size.height}, not ${expected.width}×${expected.height}`);
  }
  await writeFile(path, png);
  console.log(`  ${path.slice(root.length)} (${size.width}×${size.height}, ${Math.round(png.length / 1024)} kB)`);
}

const site = await startSiteServer(`${root}tests/e2e/site`);
try {
  for (const locale of locales) {
    const out = `${values.out}/${locale}`;
    await mkdir(out, { recursive: true });
    console.log(`${locale}:`);
    const messages = JSON.parse(readFileSync(`${root}public/_locales/${locale}/messages.json`, 'utf8'));
    const tagline = readFileSync(`${root}store/${locale}/tagline.txt`, 'utf8').trim();
    const driver = await scene.launch(root, 'chromium', { viewport: { width: SCREENSHOT.width - POPUP_WIDTH, height: SCREENSHOT.height }, language: locale });
    try {
      if (driver.name !== 'chromium') throw new Error('the store pictures are taken in Chromium');
      const shownName = await driver.worker().evaluate(() => /** @type {any} */ (globalThis).chrome.i18n.getMessage('openOptions'));
      if (shownName !== messages.openOptions.message) throw new Error(`the browser shows the ${locale} UI in another language ("${shownName}")`);

      const { page: options } = await scene.loadSampleStatements(driver);

      // 1. A news article copied from an official statement: its marks, a passage's card, the popup.
      const copied = await scene.openArticle(driver, site.origin, scene.ARTICLE);
      await scene.openFirstCard(copied.page);
      const copiedPicture = await copied.page.screenshot({ type: 'png' });
      const copiedPopup = await scene.popupPicture(await scene.openPopupPage(driver, copied.tabId));
      await save(
        `${out}/screenshot-1-marks.png`,
        await scene.articleWithPopup({ article: copiedPicture, popup: copiedPopup, ...SCREENSHOT, popupWidth: POPUP_WIDTH }),
        SCREENSHOT,
      );

      // The tile: a real crop of the marked page beside the name and the tagline.
      const crop = await copied.page.screenshot({ type: 'png', clip: { x: 0, y: 200, width: 520, height: 420 } });
      const icon = readFileSync(`${root}public/icon/128.png`);
      await save(
        `${out}/promo-tile-440x280.png`,
        await scene.compose({
          ...TILE,
          images: { crop, icon },
          html: `<!doctype html><html lang="${locale}"><body style="margin:0;width:${TILE.width}px;height:${TILE.height}px;overflow:hidden;position:relative;font-family:system-ui,sans-serif;background:#0f2740">
            <img src="{{crop}}" style="position:absolute;left:150px;top:-10px;width:340px;opacity:.9;border-radius:6px;transform:rotate(-4deg);box-shadow:0 6px 24px rgba(0,0,0,.5)">
            <div style="position:absolute;left:0;top:0;width:240px;height:100%;background:linear-gradient(90deg,#0f2740 70%,rgba(15,39,64,0));padding:26px 22px;box-sizing:border-box;color:#fff">
              <img src="{{icon}}" style="width:56px;height:56px;display:block">
              <div style="font-size:30px;font-weight:700;margin-top:14px">${escapeHtml(messages.extName.message)}</div>
              <div style="font-size:16px;line-height:1.3;margin-top:8px;color:#d6e4f0">${escapeHtml(tagline)}</div>
            </div></body></html>`,
        }),
        TILE,
      );
      await copied.page.close();

      // 2. A translated report: the Russian passage beside the English original, in the card and the popup.
      const translated = await scene.openArticle(driver, site.origin, scene.TRANSLATED_ARTICLE);
      await scene.openFirstCard(translated.page);
      const translatedPicture = await translated.page.screenshot({ type: 'png' });
      const translatedPopup = await scene.openPopupPage(driver, translated.tabId);
      await translatedPopup.click('[data-testid="source"] .passage-button');
      await translatedPopup.waitForSelector('[data-testid="side-by-side"]');
      await save(
        `${out}/screenshot-2-translation.png`,
        await scene.articleWithPopup({ article: translatedPicture, popup: await scene.popupPicture(translatedPopup), ...SCREENSHOT, popupWidth: POPUP_WIDTH }),
        SCREENSHOT,
      );
      await translated.page.close();

      // 3. The options page with the sample statements loaded: corpus, import report, issuers.
      // Chromium's page (checked above): playwright's own call.
      await /** @type {import('playwright-core').Page} */ (/** @type {unknown} */ (options)).setViewportSize(SCREENSHOT);
      await options.evaluate(() => window.scrollTo(0, 0));
      await save(`${out}/screenshot-3-corpus.png`, await options.screenshot({ type: 'png' }), SCREENSHOT);
    } finally {
      await driver.close();
    }
  }
} finally {
  await site.close();
}
