// @ts-check
// End-to-end suites in real browsers: `npm run test:e2e` (after `npm run build`).
// Runs every scenario in Chromium and in Firefox ESR, prints one line per test, the measurements,
// and the closing line `N passed, N failed`. Screenshots go to test-results/e2e/ (ignored by git), so a
// test run leaves the tree as it found it; `npm run screenshots` points them at docs/screenshots/ on purpose.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium, launchFirefox } from './browsers.mjs';
import { corpusSuite } from './corpus-scenarios.mjs';
import { hintsSuite } from './hints-scenarios.mjs';
import { axeSuite } from './axe-scenarios.mjs';
import { senateSuite } from './senate-scenario.mjs';
import { startSiteServer } from './server.mjs';
import { hostilePageServer } from './hostile-pages.mjs';
import { faultSuite, hostileSuite, inertPage, inertSuite } from './security-scenarios.mjs';
import { privacySuite } from './privacy-scenario.mjs';
import { feedsSuite } from './feeds-scenarios.mjs';
import { startFeedServer } from './feed-server.mjs';
import { forumPage, nativeInputSuite } from './native-input-scenarios.mjs';
import { startSuite } from './start-scenario.mjs';
import { readerUiSuite } from './reader-ui-scenarios.mjs';
import { firstRunSuite } from './first-run-scenarios.mjs';
import { trustSuite } from './trust-scenarios.mjs';
import { teamSuite } from './team-scenario.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const GECKO_ID = 'sourcelens@sourcelens.app';
const { values: options, positionals: only } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    screenshots: { type: 'string', default: `${root}test-results/e2e` },
  },
});
const skipLarge = options.quick;

const fixtures = {
  mixed: `${root}tests/e2e/fixtures/mixed-100-good-3-bad.jsonl`,
  dev: `${root}tests/e2e/fixtures/dev-statements.jsonl`,
  devGz: `${root}tests/e2e/fixtures/dev-statements.jsonl.gz`,
};
const state = { shots: resolve(root, options.screenshots), measurements: [] };
await mkdir(state.shots, { recursive: true });

const builds = { chromium: `${root}.output/chrome-mv3`, firefox: `${root}.output/firefox-mv3` };
for (const dir of Object.values(builds)) {
  if (!existsSync(`${dir}/manifest.json`)) {
    console.error(`missing ${dir}: run \`npm run build\` first`);
    process.exit(2);
  }
}

const site = await startSiteServer(`${root}tests/e2e/site`, {
  generated: hostilePageServer(`${root}tests/e2e/site`, { inert: inertPage, forum: forumPage }),
});
const feedServer = await startFeedServer(root);
const results = [];
/** @type {Record<string, import('./driver').Launch>} */
const runners = {
  chromium: (options) => launchChromium(builds.chromium, options),
  firefox: (options) => launchFirefox(builds.firefox, GECKO_ID, options),
};
for (const [name, launch] of Object.entries(runners)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n${name}`);
  let driver;
  try {
    driver = await launch();
  } catch (error) {
    console.log(`  ✗ [${name}] browser with the extension could not start\n      ${/** @type {any} */ (error)?.stack ?? error}`);
    results.push({ ok: false });
    continue;
  }
  let suites = [
    corpusSuite(name),
    hintsSuite(name, root),
    readerUiSuite(name, root),
    trustSuite(name, root),
    firstRunSuite(name, launch),
    axeSuite(name),
    feedsSuite(name),
    inertSuite(name),
    hostileSuite(name),
    faultSuite(name, root),
    privacySuite(name, launch),
    nativeInputSuite(name, launch, root),
    startSuite(name, root),
    teamSuite(name, root),
  ];
  if (name === 'chromium' && !skipLarge) suites.push(senateSuite(name));
  // E2E_SUITES=hints,senate runs a subset while developing.
  const wanted = process.env.E2E_SUITES?.split(',');
  if (wanted) suites = suites.filter((suite) => wanted.includes(suite.tag));
  try {
    for (const suite of suites) {
      results.push(...(await suite.run({ driver, site: site.origin, siteServer: site, feeds: feedServer.origin, feedServer, fixtures, state })));
    }
  } finally {
    await driver.close().catch(() => {});
  }
}
await site.close();
await feedServer.close();

if (state.measurements.length > 0) console.log(`\nmeasurements:\n${state.measurements.map((m) => `  ${m}`).join('\n')}`);
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
