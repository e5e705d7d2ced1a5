// @ts-check
// What the end-to-end suites (and the showcase and browser bench) share: protocol calls from an extension
// page, the options page's corpus controls, reading SourceLens's marks in a page, and axe. One module,
// so suites import helpers, never each other.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, waitFor } from './harness.mjs';

/** @typedef {import('./driver').Driver} Driver */
/** @typedef {import('./driver').Page} Page */
/** @typedef {import('../../lib/messaging/protocol').ProtocolMethod} ProtocolMethod */
/** @typedef {import('../../lib/messaging/protocol').TabStatus} TabStatus */

/** The in-page UI's shadow host. */
export const HOST = 'sourcelens-hints';
/** The protocol's channel (lib/messaging/rpc.ts), repeated because it is sent from inside the page. */
const CHANNEL = 'sourcelens/v1';
const SUMMARY = '[data-testid="import-summary"]';

/**
 * One protocol call from an extension page, exactly as the popup and options page make it; typed by
 * the protocol, so a suite cannot send a method or input the background does not know.
 * @template {ProtocolMethod} M
 * @param {Page} extPage
 * @param {M} method
 * @param {import('../../lib/messaging/protocol').ProtocolInput<M>} input
 * @returns {Promise<import('../../lib/messaging/protocol').ProtocolResult<M>>}
 */
export function rpc(extPage, method, input) {
  return extPage.evaluate(
    async ([channel, m, i]) => {
      const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
      const answer = await api.runtime.sendMessage({ channel, method: m, input: i });
      if (!answer?.ok) throw new Error(answer?.error ?? 'no answer');
      return answer.result;
    },
    /** @type {const} */ ([CHANNEL, method, input]),
  );
}

/**
 * Waits until the tab's check ended (done, not news, denied or failed) and returns its status.
 * @param {Page} extPage
 * @param {number} tabId
 * @returns {Promise<TabStatus>}
 */
export function settledStatus(extPage, tabId, { timeoutMs = 60000, what = `tab ${tabId} to be checked` } = {}) {
  return waitFor(
    async () => {
      const status = await rpc(extPage, 'getTabStatus', { tabId });
      return status && ['done', 'not-news', 'denied', 'error'].includes(status.state) ? status : null;
    },
    { what, timeoutMs, intervalMs: 250 },
  );
}

/**
 * The report of a tab whose check is done; fails the test when the check ended otherwise.
 * @param {TabStatus} status
 */
export function doneReport(status) {
  assert.equal(status.state, 'done', `state ${status.state}: ${status.error ?? ''}`);
  assert.ok(status.report, 'a finished check has a report');
  return status.report;
}

/**
 * The id of the tab opened last, asked from an extension page that is already open (tab ids only grow,
 * and the extension page is older than the tab). Cheaper than the driver's helper page in Firefox.
 * @param {Page} extPage
 * @returns {Promise<number>}
 */
export async function newestTabId(extPage) {
  return extPage.evaluate(async () => {
    const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
    let newest = -1;
    for (const tab of await api.tabs.query({})) if (tab.id > newest) newest = tab.id;
    return newest;
  });
}

/**
 * Opens the options page once it shows the corpus count (also the extension page tests call the background from).
 * @param {Driver} driver
 */
export async function openOptions(driver) {
  const page = await driver.newPage();
  await driver.open(page, driver.extensionUrl('options.html'));
  await page.waitForSelector('[data-testid="corpus-count"]', { timeout: 15000 });
  return page;
}

/** @param {Page} page */
export async function corpusCount(page) {
  return Number((await page.$eval('[data-testid="corpus-count"]', (node) => node.textContent ?? '')).replace(/\D/g, ''));
}

/**
 * Empties the corpus through the options page's confirmation.
 * @param {Page} page
 */
export async function deleteAll(page) {
  if ((await corpusCount(page)) === 0) return;
  await page.click('#delete-all');
  await page.click('#delete-all-confirm');
  await waitFor(async () => (await corpusCount(page)) === 0, { what: 'an empty corpus' });
}

/**
 * Imports files through the options page's file input and returns the summary's data attributes.
 * @param {Driver} driver
 * @param {Page} page
 * @param {string[]} paths
 * @returns {Promise<Record<string, string | undefined>>}
 */
export async function importThroughOptions(driver, page, paths, { timeoutMs = 30000 } = {}) {
  // Each finished import renders its summary with the next run number: wait for this import's.
  const previousRun = await page.$eval(SUMMARY, (node) => Number(/** @type {HTMLElement} */ (node).dataset.run)).catch(() => 0);
  await driver.upload(page, '#import-file', paths);
  await page.waitForSelector(`${SUMMARY}[data-run="${previousRun + 1}"]`, { timeout: timeoutMs });
  return page.$eval(SUMMARY, (node) => ({ .../** @type {HTMLElement} */ (node).dataset }));
}

/**
 * Makes `paths` the whole corpus (through the options page, as a user would) and closes the page.
 * @param {Driver} driver
 * @param {string[]} paths
 */
export async function replaceCorpus(driver, paths) {
  const page = await openOptions(driver);
  await deleteAll(page);
  const summary = await importThroughOptions(driver, page, paths);
  await page.close();
  return summary;
}

/**
 * One `data-*` attribute of the first element matching `selector` (undefined when it has none; throws
 * when no element matches, as $eval does).
 * @param {Page} page
 * @param {string} selector
 * @param {string} name the dataset key (`statementId` for data-statement-id)
 * @returns {Promise<string | undefined>}
 */
export function dataOf(page, selector, name) {
  return page.$eval(selector, (node, key) => /** @type {HTMLElement} */ (node).dataset[key], name);
}

/**
 * The texts and languages of the side-by-side view's two quotes (article, then statement), once both are there.
 * @param {Page} page the popup, or the page whose in-page card is open (then `host` is the shadow host)
 * @param {string} [host]
 * @returns {Promise<Array<{ text: string, lang: string | null }> | null>}
 */
export function sideBySide(page, host) {
  return page.evaluate((shadowHost) => {
    const root = shadowHost ? document.querySelector(shadowHost)?.shadowRoot : document;
    const quotes = [...(root?.querySelectorAll('[data-testid="side-by-side"] blockquote') ?? [])];
    return quotes.length === 2 ? quotes.map((q) => ({ text: q.textContent ?? '', lang: q.getAttribute('lang') })) : null;
  }, host ?? '');
}

/**
 * What the engine says about the article page, computed in Node by the CLI from the same files.
 * @param {string} root the repository, with a trailing slash
 * @param {string} site the test site's origin
 * @param {string} file a page of tests/e2e/site
 */
export async function expectedReport(root, site, file) {
  const html = await readFile(`${root}tests/e2e/site/${file}`, 'utf8');
  const record = JSON.stringify({ id: file, html, url: `${site}/${file}` });
  /** @param {string[]} args */
  const cli = (args) => execFileSync(process.execPath, [`${root}dist/cli.mjs`, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, cwd: root });
  const dir = await mkdtemp(join(tmpdir(), 'sourcelens-e2e-'));
  const tmp = join(dir, 'article.jsonl');
  await writeFile(tmp, record + '\n');
  try {
    const report = JSON.parse(
      cli(['match', '--corpus', `${root}tests/e2e/fixtures/dev-statements.jsonl`, '--articles', tmp])
        .trim()
        .split('\n')[0] ?? '',
    );
    const extracted = JSON.parse(cli(['extract', `${root}tests/e2e/site/${file}`, '--url', `${site}/${file}`]));
    return {
      report: /** @type {{ id: string, sources: import('../../lib/engine').SourceMatch[] }} */ (report),
      text: /** @type {string} */ (extracted.text),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Whitespace folded, as the page's marks and the CLI's extracted text differ in it.
 * @param {string} text
 */
export const squash = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * The article passages of every source the CLI reports (whitespace folded), as the page should mark them.
 * @param {Awaited<ReturnType<typeof expectedReport>>} expected
 */
export function expectedPassages(expected) {
  return expected.report.sources.flatMap((s) => s.passages.map((p) => squash(expected.text.slice(p.article[0], p.article[1]))));
}

/**
 * Texts of SourceLens's highlights in the page, or of the fallback overlay's marks when the API is missing.
 * @param {Page} page
 * @returns {Promise<{ api: boolean, texts: string[], boxes?: number }>}
 */
export function markedTexts(page) {
  return page.evaluate((host) => {
    const registry = /** @type {any} */ (globalThis).CSS?.highlights;
    if (registry) {
      /** @type {string[]} */
      const texts = [];
      for (const [name, highlight] of registry)
        if (name.startsWith('sourcelens-') && name !== 'sourcelens-active') for (const range of highlight) texts.push(range.toString());
      return { api: true, texts };
    }
    const overlay = document.querySelector(host)?.shadowRoot?.querySelector('.overlay');
    return { api: false, texts: [], boxes: overlay?.children.length ?? 0 };
  }, HOST);
}

/**
 * A point inside the first passage SourceLens highlights (null without the Custom Highlight API).
 * @param {Page} page
 * @returns {Promise<{ x: number, y: number } | null>}
 */
export function firstMarkPoint(page) {
  return page.evaluate(() => {
    const registry = /** @type {any} */ (globalThis).CSS?.highlights;
    /** @type {Range | undefined} */
    let range;
    if (registry)
      for (const [name, highlight] of registry) if (name.startsWith('sourcelens-') && name !== 'sourcelens-active' && !range) range = [...highlight][0];
    const rect = range?.getClientRects()[0];
    return rect ? { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 } : null;
  });
}

/**
 * The passage count the in-page bar shows, or null when there is no bar.
 * @param {Page} page
 * @returns {Promise<number | null>}
 */
export function hintsBar(page) {
  return page.evaluate((host) => {
    const bar = /** @type {HTMLElement | null | undefined} */ (document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="hints-bar"]'));
    return bar ? Number(bar.dataset.passages) : null;
  }, HOST);
}

/**
 * A statement as the export writes it (lib/corpus/statement.ts toInterchange): one JSON object a line.
 * @typedef {{ id: string, text: string, issuer?: string, url?: string, date?: string } & Record<string, unknown>} ExportedStatement
 */

/**
 * The records of a JSON Lines text (blank lines skipped).
 * @param {string} text
 * @returns {ExportedStatement[]}
 */
export function parseJsonl(text) {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/**
 * The text behind a download link of an extension page (a blob: URL the page made).
 * @param {Page} page
 * @param {string} selector the link
 */
export function linkedText(page, selector) {
  return page.evaluate(async (s) => (await fetch(/** @type {HTMLAnchorElement} */ (document.querySelector(s)).href)).text(), selector);
}

/**
 * Exports the corpus through the options page's Export button and returns the statements.
 * @param {Page} page
 */
export async function exportAll(page) {
  const previous = await page.$eval('#export-link', (link) => /** @type {HTMLAnchorElement} */ (link).href).catch(() => '');
  await page.click('#export');
  // Each export makes a new blob URL: wait for this one's.
  await waitFor(() => page.$eval('#export-link', (link, old) => /** @type {HTMLAnchorElement} */ (link).href !== old, previous).catch(() => false), {
    what: 'the export',
    timeoutMs: 30000,
  });
  return parseJsonl(await linkedText(page, '#export-link'));
}

/**
 * axe-core's script, read on the first use.
 * @type {string | undefined}
 */
let axeSource;

/** @typedef {{ id: string, impact?: string | null, nodes: number, help: string }} Violation */

/**
 * axe-core's violations in the page, or inside the shadow root `context` names ([host, selector]).
 * @param {import('./driver').Page} page
 * @param {string[]} [context]
 * @returns {Promise<Violation[]>}
 */
export async function runAxe(page, context) {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
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
