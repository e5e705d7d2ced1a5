// @ts-check
// `npm start [-- --browser firefox]`: from a fresh clone to SourceLens at work in a real browser.
// Installs the locked npm dependencies when they are missing, makes sure the browser is installed,
// builds the extension, and opens the browser on your display with the extension loaded (in a fresh
// temporary profile), the sample statements imported through the options page, and a news article
// open with its marks, the card of its first passage and the popup (scripts/showcase.mjs).
//
// Plain Node with no dependency at the top: it runs before `npm ci`; the browser drivers are imported
// once the dependencies are there.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureNodeModules } from './node-modules.mjs';
import { ensureSystemDeps, MissingDepsError } from './system-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const HELP = `usage: npm start [-- --browser chromium|firefox] [-- --screenshot FILE]

Installs what is missing, builds SourceLens and opens the browser on your display with the extension,
the sample statements and a news article whose passages it marks.

  --browser NAME     chromium (default) or firefox
  --screenshot FILE  save a picture of the result (the article and the popup) to FILE and close;
                     without a display, the browser runs on a private virtual one (Xvfb)
  -h, --help         show this help
`;

/** @type {{ browser?: string, screenshot?: string, help?: boolean }} */
let options = {};
try {
  options = parseArgs({
    args: process.argv.slice(2),
    options: { browser: { type: 'string', default: 'chromium' }, screenshot: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }).values;
} catch (error) {
  // parseArgs throws a TypeError (ERR_PARSE_ARGS_…) naming the bad option.
  process.stderr.write(`npm start: ${/** @type {Error} */ (error).message}\n\n${HELP}`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
/** @type {Record<string, 'chromium' | 'firefox'>} */
const BROWSERS = { chromium: 'chromium', chrome: 'chromium', firefox: 'firefox' };
const chosen = BROWSERS[options.browser ?? 'chromium'];
if (!chosen) {
  process.stderr.write(`npm start: --browser must be chromium or firefox, not "${options.browser}"\n`);
  process.exit(2);
}
const browserName = chosen;
const display = process.env.DISPLAY || undefined;
if (!display && !options.screenshot) {
  process.stderr.write(
    [
      'npm start: there is no display to open a browser window on (DISPLAY is not set).',
      'SourceLens runs in a browser you look at: run `npm start` in a desktop session, or with a remote',
      'display (ssh -X). On a machine without one, `npm start -- --screenshot result.png` runs it on a',
      'virtual display and saves a picture of the result; `npm test` needs no display.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

/** @param {string} text */
const step = (text) => console.log(`\n▶ ${text}`);
/**
 * @param {string} command
 * @param {string[]} args
 */
const run = (command, args) => {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
};

try {
  step('dependencies');
  ensureSystemDeps([browserName, ...(display ? [] : /** @type {const} */ (['xvfb']))]);
  if (!ensureNodeModules(root)) console.log('npm dependencies are installed');

  step(`build for ${browserName}`);
  run(process.execPath, [`${root}node_modules/wxt/bin/wxt.mjs`, 'build', ...(browserName === 'firefox' ? ['-b', 'firefox'] : [])]);

  await showcase();
} catch (error) {
  if (error instanceof MissingDepsError) {
    process.stderr.write(`npm start needs a program that is not installed: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`npm start: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
}

async function showcase() {
  const { startSiteServer } = await import('./e2e/server.mjs');
  const { startVirtualDisplay } = await import('./e2e/virtual-display.mjs');
  const scene = await import('./showcase.mjs');
  /** @type {Array<() => Promise<unknown>>} */
  const teardown = [];
  const cleanUp = async () => {
    for (const fn of teardown.reverse()) await fn().catch(() => undefined);
    teardown.length = 0;
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanUp().then(() => process.exit(143)));
  try {
    const site = await startSiteServer(`${root}tests/e2e/site`);
    teardown.push(() => site.close());
    let screen = display;
    if (!screen) {
      const virtual = await startVirtualDisplay({ width: 1280, height: 800 });
      teardown.push(() => virtual.close());
      screen = virtual.display;
    }

    step(`open ${browserName} with SourceLens (a fresh temporary profile)`);
    // On the user's display the pages take the window's size; for a picture, a fixed one.
    const pictureSize = { width: 880, height: 800 };
    const driver = await scene.launch(root, browserName, { display: screen, viewport: options.screenshot ? pictureSize : null });
    let closedByUser = false;
    const closed = new Promise((resolveClosed) => {
      const onClose = () => {
        closedByUser = true;
        resolveClosed(undefined);
      };
      if (driver.name === 'chromium') driver.context.once('close', onClose);
      else driver.browser.once('disconnected', onClose);
    });
    teardown.push(() => (closedByUser ? Promise.resolve() : driver.close()));

    step('import the sample statements (options page, "Load the sample statements")');
    const { page: optionsPage, imported } = await scene.loadSampleStatements(driver);
    console.log(`${imported} statements imported`);

    step(`open the DNA News report of the 19 September 2023 statement (${site.origin}/${scene.ARTICLE})`);
    const { page, tabId, passages } = await scene.openArticle(driver, site.origin);
    console.log(`${passages} passages marked`);
    await page.bringToFront();
    await scene.openFirstCard(page);

    if (options.screenshot) {
      const article = await page.screenshot({ type: 'png' });
      const popupPage = await scene.openPopupPage(driver, tabId);
      const popup = await scene.popupPicture(popupPage);
      const picture = await scene.articleWithPopup({ article, popup });
      const file = resolve(process.env.INIT_CWD ?? process.cwd(), options.screenshot);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, picture);
      console.log(`\nsaved ${file}`);
      return;
    }

    const popupOpened = await scene.openToolbarPopup(driver, optionsPage);
    console.log(
      [
        '',
        `SourceLens is running in ${browserName}: the article's copied passages are marked, and ${popupOpened ? 'the toolbar popup lists' : "the toolbar button's popup lists"} its official source.`,
        'Hover or click a marked passage for its card; Alt+Shift+O hides the marks. Your own statements: the',
        "extension's options page. This profile is temporary: close the browser window (or press Ctrl+C) to end.",
      ].join('\n'),
    );
    await closed;
  } finally {
    await cleanUp();
  }
}
