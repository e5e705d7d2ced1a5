// @ts-check
// Issue 25, the team corpus in both browsers: a team server on 127.0.0.1 (a throwaway PostgreSQL,
// scripts/with-postgres.sh) holds the statement a news page quotes; the browser's own corpus does not.
// The reader is set up through the options page (address, token, Test, Use this server); the page then
// gets its marks and its popup entry from the team's statement. Every request to the team server goes
// through a recording proxy (the address the extension is given), which asserts that no request's
// address or body carries the article's text or the page's address.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request as httpRequest } from 'node:http';
import { assert, createSuite, waitFor } from './harness.mjs';
import { deleteAll, doneReport, importThroughOptions, markedTexts, newestTabId, openOptions, rpc, settledStatus } from './extension-pages.mjs';

export const TEAM_TOKEN = 'e2e-team-read-token-0123456789';

/**
 * Starts the team server with `files` imported; resolves with its address and a stop function.
 * @param {string} root the repository, with a trailing slash
 * @param {string[]} files
 */
export async function startTeamServer(root, files) {
  const child = spawn('bash', ['scripts/with-postgres.sh', process.execPath, '--import', 'tsx', 'scripts/e2e/team-server.ts', ...files], {
    cwd: root,
    env: { ...process.env, SOURCELENS_TOKENS: `read:${TEAM_TOKEN}` },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  /** @type {string} */
  const address = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const ready = /READY (\S+)/.exec(out);
      if (ready?.[1]) resolve(ready[1]);
    });
    child.on('exit', (code) => reject(new Error(`the team server did not start (exit ${code}); is PostgreSQL installed? (apt-get install postgresql)`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    address,
    // The whole group: the server stops, then with-postgres.sh stops and removes its cluster.
    stop: async () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {}
      await exited;
    },
  };
}

/**
 * A proxy in front of the team server that records each request's method, address and body.
 * @param {string} target the team server's address
 * @returns {Promise<{ origin: string, recorded: Recorded[], close: () => Promise<void> }>}
 */
function recordingProxy(target) {
  /** @typedef {{ method?: string, url: string, body: string, headers: import('node:http').IncomingHttpHeaders }} Recorded */
  /** @type {Recorded[]} */
  const recorded = [];
  const server = createServer((request, response) => {
    /** @type {Buffer[]} */
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = request.url ?? '/';
      recorded.push({ method: request.method, url, body: body.toString('utf8'), headers: request.headers });
      const upstream = httpRequest(new URL(url, target), { method: request.method, headers: { ...request.headers, host: new URL(target).host } }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => {
        if (!response.headersSent) response.writeHead(502);
        response.end();
      });
      upstream.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
        recorded,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done(undefined));
          }),
      }),
    ),
  );
}

/**
 * @param {string} browserName
 * @param {string} root the repository, with a trailing slash
 */
export function teamSuite(browserName, root) {
  const suite = createSuite(browserName, 'team');
  suite.test(
    'a statement only the team server holds marks the news page and lists it in the popup; no request carries the article or its address',
    async ({ driver, site, fixtures, state }) => {
      const team = await startTeamServer(root, [fixtures.dev]);
      const proxy = await recordingProxy(team.address);
      let ownDir;
      try {
        const options = await openOptions(driver);
        await deleteAll(options);
        // The browser's own corpus: the 75 Senate releases of the mixed fixture, without the 25 dev
        // statements (the team's), so the article's source is on the team server only.
        ownDir = await mkdtemp(join(tmpdir(), 'sourcelens-team-'));
        const own = join(ownDir, 'senate-75.jsonl');
        const senateOnly = (await readFile(fixtures.mixed, 'utf8')).split('\n').filter((line) => line.trim() && !/"id": ?"S\d\d"/.test(line));
        await writeFile(own, senateOnly.join('\n') + '\n');
        await importThroughOptions(driver, options, [own]);

        await options.waitForSelector('[data-testid="team-corpus"]', { timeout: 15000 });
        await options.type('#team-address', proxy.origin);
        await options.type('#team-token', TEAM_TOKEN);
        await options.click('#team-test');
        const tested = await waitFor(() => options.$eval('[data-testid="team-test-result"]', (p) => p.textContent ?? '').catch(() => null), {
          what: 'the test result',
        });
        assert.match(tested, /^The server answers: 25 statements, token role read\.$/);
        await options.click('#team-save');
        await waitFor(() => options.$('[data-testid="team-status"]'), { what: 'the saved team server' });

        const page = await driver.newPage();
        const articleUrl = `${site}/a003-dna-news.html`;
        await driver.open(page, articleUrl);
        const tabId = await newestTabId(options);
        const report = doneReport(await settledStatus(options, tabId, { timeoutMs: 30000, what: 'the article to be checked' }));
        assert.ok(report.sources.length > 0, 'the article was matched');
        assert.equal(report.team?.sources, report.sources.length, 'every source came from the team server');
        assert.equal(report.sources[0]?.statementId, 'S01');
        const marks = await waitFor(
          async () => {
            const m = await markedTexts(page);
            return (m.api ? m.texts.length : (m.boxes ?? 0)) > 0 ? m : null;
          },
          { what: 'the marks on the page' },
        );
        const popup = await driver.newPage();
        await driver.open(popup, driver.extensionUrl(`popup.html?tabId=${tabId}`));
        await waitFor(() => popup.$('[data-testid="source"]'), { what: 'the popup entry' });
        // A fresh options page, not a reload: a reload started inside the page's evaluate raced the
        // navigation and Firefox's BiDi answered with an error that escaped the test, and page.reload()
        // of an extension page waits for a load event Firefox does not report (CI, 2026-12-07).
        const fresh = await openOptions(driver);
        const sync = await waitFor(() => fresh.$eval('[data-testid="team-sync"]', (p) => p.textContent ?? '').catch(() => null), {
          what: 'the last sync line',
        });
        await fresh.close();
        assert.match(sync, /^Last used .+ \(25 statements on the server\)/);

        // What the team server was sent.
        const articleText = await page.evaluate(() => document.body.textContent ?? '');
        const ids = new Set(['S01', 'S02', 'S03', ...report.sources.map((s) => s.statementId)]);
        const words = [...new Set(articleText.toLowerCase().match(/\p{L}{6,}/gu) ?? [])].filter((w) => ![...ids].some((id) => id.toLowerCase().includes(w)));
        assert.ok(words.length > 50, 'the article has words to look for');
        assert.ok(
          proxy.recorded.some((r) => r.url === '/v1/lookup'),
          'the lookup went through the recording proxy',
        );
        for (const r of proxy.recorded) {
          const seen = `${r.url}\n${r.body}\n${r.headers.referer ?? ''}`.toLowerCase();
          assert.ok(!seen.includes('a003') && !seen.includes(new URL(site).host), `${r.url} carries the page's address`);
          const leaked = words.filter((w) => seen.includes(w));
          assert.deepEqual(leaked, [], `${r.url} carries words of the article`);
        }
        state.measurements.push(
          `team (${browserName}): ${proxy.recorded.length} requests to the team server (${[...new Set(proxy.recorded.map((r) => r.url))].join(', ')}); lookup body ${proxy.recorded.find((r) => r.url === '/v1/lookup')?.body.length ?? 0} characters; marks ${marks.api ? marks.texts.length : marks.boxes}; ${words.length} article words checked, none sent`,
        );
        // Leave the profile as the other suites expect it: no team server.
        await rpc(options, 'saveTeamServer', { settings: null });
        await popup.close();
        await page.close();
        await options.close();
      } finally {
        await proxy.close();
        await team.stop();
        if (ownDir) await rm(ownDir, { recursive: true, force: true });
      }
    },
  );
  return suite;
}
