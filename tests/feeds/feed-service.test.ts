import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../lib/background/handlers';
import { FeedService } from '../../lib/background/feed-service';
import type { SourceLensDb } from '../../lib/corpus/db';
import { toStatementRecord } from '../../lib/corpus/statement';
import { fetchText, type FetchFn } from '../../lib/feeds/fetch-feed';
import { feedOrigin, nextRefreshAt } from '../../lib/feeds/subscription';
import { freshDb as newDb } from '../shared/helpers';
import { FEEDS } from './helpers';

const fixture = (name: string) => readFileSync(join(FEEDS, name), 'utf8');

/** A fake server: each path answers with a handler; requests are recorded. */
function fakeServer(routes: Record<string, (init: RequestInit) => Response | Promise<Response>>) {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch: FetchFn = async (url, init) => {
    requests.push({ url, headers: { ...(init.headers as Record<string, string>) } });
    const route = routes[new URL(url).pathname];
    if (!route) return new Response('not found', { status: 404 });
    return route(init);
  };
  return { fetch, requests };
}

const xml = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status: 200, headers: { 'content-type': 'application/rss+xml', ...headers } });

/** A response whose body never ends (a server that hangs), honouring the abort signal. */
function hanging(init: RequestInit): Promise<Response> {
  return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
}

/** A body of `bytes` bytes produced chunk by chunk; records how much was actually pulled. */
function hugeBody(bytes: number) {
  const chunk = new TextEncoder().encode('<item><title>x</title></item>'.padEnd(64 * 1024, ' '));
  const state = { sent: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.sent >= bytes) return controller.close();
      state.sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

let dbs: SourceLensDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.map((db) => db.delete()));
  dbs = [];
});
async function freshDb() {
  const db = newDb('feeds');
  await db.open();
  dbs.push(db);
  return db;
}

const BASE = 'http://feeds.test';

describe('subscribe and refresh', () => {
  it('stores the items of a feed, sends ETag/Last-Modified next time and takes 304 as nothing new', async () => {
    const db = await freshDb();
    let calls = 0;
    const server = fakeServer({
      '/rss': (init) => {
        calls++;
        const headers = init.headers as Record<string, string>;
        if (headers['if-none-match'] === '"v1"') return new Response(null, { status: 304 });
        return xml(fixture('rss2.xml'), { etag: '"v1"', 'last-modified': 'Tue, 19 Sep 2023 12:00:00 GMT' });
      },
    });
    let clock = 1_000_000;
    const service = new FeedService({ db, fetch: server.fetch, now: () => clock });
    await service.subscribe({ url: `${BASE}/rss`, issuer: 'Ministry of Examples' });
    expect(calls).toBe(0); // nothing is fetched until a refresh

    const first = await service.refresh(`${BASE}/rss`);
    expect(first.outcome).toMatchObject({ ok: true, items: 4, imported: 3 });
    expect(first.outcome.skipped).toEqual(['"Hostile link" was skipped: its link uses "javascript:"; only http and https links are accepted']);
    expect(first.feed).toMatchObject({ itemCount: 4, storedCount: 3, failures: 0, lastSuccessAt: clock, validators: { etag: '"v1"' } });
    expect(first.feed.lastError).toBeUndefined();
    const stored = await db.statements.toArray();
    expect(stored).toHaveLength(3);
    expect(stored.every((statement) => statement.origins.includes(feedOrigin(`${BASE}/rss`)) && statement.issuer === 'Ministry of Examples')).toBe(true);
    expect(stored.map((statement) => statement.text).join(' ')).not.toMatch(/<|alert/);

    clock += 3_600_000;
    const second = await service.refresh(`${BASE}/rss`);
    expect(server.requests[1]!.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Tue, 19 Sep 2023 12:00:00 GMT' });
    expect(second.outcome).toMatchObject({ ok: true, notModified: true, imported: 0 });
    expect(second.feed.lastSuccessAt).toBe(clock);
    expect(await db.statements.count()).toBe(3);
  });

  it('fetches the page of a summary-only item and extracts it; the next refresh does not fetch it again', async () => {
    const db = await freshDb();
    const page =
      '<html><head><title>Note</title></head><body><article><p>The full note to correspondents, as published on its page.</p></article></body></html>';
    let pageFetches = 0;
    const server = fakeServer({
      '/atom': () => xml(fixture('atom.xml').replaceAll('https://spokesperson.example.int', BASE)),
      '/statements/note-103': () => {
        pageFetches++;
        return new Response(page, { headers: { 'content-type': 'text/html' } });
      },
    });
    const extracted: string[] = [];
    const service = new FeedService({
      db,
      fetch: server.fetch,
      extractPage: async (html, url) => {
        extracted.push(url);
        return { text: /<p>(.*?)<\/p>/.exec(html)![1]!, title: 'Note' };
      },
    });
    await service.subscribe({ url: `${BASE}/atom` });
    const { outcome } = await service.refresh(`${BASE}/atom`);
    expect(outcome).toMatchObject({ ok: true, items: 4, imported: 4 });
    expect(extracted).toEqual([`${BASE}/statements/note-103`]);
    expect((await db.statements.where('url').equals(`${BASE}/statements/note-103`).first())!.text).toBe(
      'The full note to correspondents, as published on its page.',
    );
    // the feed names no issuer in the subscription: its title stands in
    expect((await db.statements.toArray()).every((statement) => statement.issuer === 'Office of the Spokesperson — Statements')).toBe(true);

    await service.refresh(`${BASE}/atom`);
    expect(pageFetches).toBe(1);
    expect(await db.statements.count()).toBe(4);
  });

  it('stores the summary, and says why, when the item page cannot be read', async () => {
    const db = await freshDb();
    const server = fakeServer({ '/feed.json': () => xml(fixture('feed.json').replaceAll('https://president.example.gov', BASE)) });
    const service = new FeedService({ db, fetch: server.fetch, extractPage: async () => ({ text: 'never used' }) });
    await service.subscribe({ url: `${BASE}/feed.json`, issuer: 'Presidency of Examples' });
    const { outcome } = await service.refresh(`${BASE}/feed.json`);
    expect(outcome).toMatchObject({ ok: true, imported: 3 });
    expect(outcome.skipped[0]).toMatch(
      /"Summary-only item": its page could not be read \(the feed address was not found \(HTTP 404\).*summary was stored instead/,
    );
    expect((await db.statements.where('url').equals(`${BASE}/news/5014`).first())!.text).toBe('The President signed a decree; the decree is on the page.');
  });
});

describe('bad feeds: a clear per-feed error, nothing lost', () => {
  const cases: Array<[string, (init: RequestInit) => Response | Promise<Response>, RegExp]> = [
    ['broken XML', () => xml('<?xml version="1.0"?><rss version="2.0"><channel><item><title>a</channel></rss>'), /not well-formed XML \(line \d+/],
    [
      'HTML instead of XML',
      () => new Response('<!doctype html><html><body>Welcome</body></html>', { headers: { 'content-type': 'text/html' } }),
      /web page \(HTML\), not a feed/,
    ],
    ['404', () => new Response('gone', { status: 404 }), /not found \(HTTP 404\)/],
    ['500', () => new Response('oops', { status: 500 }), /server failed \(HTTP 500\)/],
    ['a server that never answers', hanging, /did not answer within 1 s/],
    ['a redirect loop', () => Promise.reject(new TypeError('fetch failed: redirect count exceeded')), /redirected in a loop/],
    [
      'a 50 MB feed (declared)',
      () => new Response(hugeBody(50_000_000).stream, { headers: { 'content-length': String(50_000_000) } }),
      /larger than 5\.0 MB \(50 MB\)/,
    ],
  ];

  for (const [name, route, message] of cases) {
    it(name, async () => {
      const db = await freshDb();
      const good = toStatementRecord({ id: 'kept', text: 'A statement stored before the feed broke.' });
      if (!good.ok) throw new Error(good.reason);
      const clock = 5_000_000;
      const service = new FeedService({ db, fetch: fakeServer({ '/bad': route }).fetch, now: () => clock, limits: { maxBytes: 5_000_000, timeoutMs: 1000 } });
      await service.subscribe({ url: `${BASE}/bad`, intervalMinutes: 60 });
      const { storeBatch } = await import('../../lib/corpus/store');
      await storeBatch(db, [good.record], feedOrigin(`${BASE}/bad`));

      const { feed, outcome } = await service.refresh(`${BASE}/bad`);
      expect(outcome.ok).toBe(false);
      expect(outcome.error).toMatch(message);
      expect(feed).toMatchObject({
        failures: 1,
        lastErrorAt: clock,
        lastError: outcome.error,
        nextAt: nextRefreshAt({ intervalMinutes: 60, failures: 1 }, clock),
      });
      expect((await db.feeds.get(`${BASE}/bad`))!.lastError).toBe(outcome.error);
      expect(await db.statements.get('kept')).toBeDefined();
      expect(await db.statements.count()).toBe(1);
    });
  }

  it('cuts off an undeclared 50 MB body after the cap, without reading it all', async () => {
    const body = hugeBody(50 * 1024 * 1024);
    const fetch: FetchFn = async () => new Response(body.stream);
    await expect(fetchText(`${BASE}/huge`, { fetch, limits: { maxBytes: 5_000_000, timeoutMs: 60_000 } })).rejects.toThrow(
      /larger than 5\.0 MB; SourceLens stopped reading it/,
    );
    expect(body.state.sent).toBeLessThan(6 * 1024 * 1024);
  });

  it('refuses non-http addresses', async () => {
    const fetch: FetchFn = async () => new Response('');
    await expect(fetchText('javascript:alert(1)', { fetch })).rejects.toThrow(/only http and https/);
    await expect(fetchText('file:///etc/passwd', { fetch })).rejects.toThrow(/only http and https/);
  });

  it('backs off after repeated failures, up to a day, and back to the interval after a success', () => {
    const now = 0;
    const minutes = (failures: number) => nextRefreshAt({ intervalMinutes: 60, failures }, now) / 60_000;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(minutes)).toEqual([60, 60, 120, 240, 480, 960, 1440, 1440]);
  });
});

describe('dedupe across feeds and imports, through the background service', () => {
  it('stores a statement once, with every origin, and it is matchable', async () => {
    const db = await freshDb();
    const rss = fixture('rss2.xml');
    // A second feed republishes the first item under another guid and link.
    const mirror = rss.replace('press-2023-0917', 'mirror-1').replace('https://ministry.example.gov/press/northern-bridge', 'https://mirror.example.org/1');
    const server = fakeServer({ '/a': () => xml(rss), '/b': () => xml(mirror) });
    const service = createBackgroundService({ db, fetch: server.fetch });
    const call = service.handlers;
    await call.importBatch(
      {
        file: 'import.jsonl',
        records: [
          {
            id: 'imp-1',
            text: 'The Ministry of Examples today opened the northern bridge to traffic, two months ahead of schedule.\n\n“This bridge connects three districts that waited a decade for it,” the minister said.',
          },
        ],
      },
      {},
    );
    await call.subscribeFeed({ url: `${BASE}/a`, issuer: 'Ministry of Examples' }, {});
    await call.subscribeFeed({ url: `${BASE}/b`, issuer: 'Ministry of Examples' }, {});
    const a = await call.refreshFeed({ url: `${BASE}/a` }, {});
    const b = await call.refreshFeed({ url: `${BASE}/b` }, {});
    expect(a.outcome).toMatchObject({ imported: 2, duplicates: 1 });
    expect(b.outcome).toMatchObject({ imported: 0, duplicates: 3 });
    expect(await db.statements.count()).toBe(3);
    expect((await db.statements.get('imp-1'))!.origins).toEqual(['import.jsonl', feedOrigin(`${BASE}/a`), feedOrigin(`${BASE}/b`)]);

    const listed = await call.listFeeds({}, {});
    expect(listed.map((feed) => [feed.url, feed.itemCount, feed.lastError])).toEqual([
      [`${BASE}/a`, 4, undefined],
      [`${BASE}/b`, 4, undefined],
    ]);
    const report = await service.checkSelection(
      undefined,
      'Officials said that "this bridge connects three districts that waited a decade for it," according to the minister.',
    );
    expect(report.sources.map((source) => source.statementId)).toContain('imp-1');
  });
});

describe('unsubscribing', () => {
  it('during a refresh: the refresh ends without bringing the feed back', async () => {
    const db = newDb('feeds');
    await db.open();
    dbs.push(db);
    let answer!: (response: Response) => void;
    const server = fakeServer({ '/slow': () => new Promise<Response>((resolve) => (answer = resolve)) });
    const service = new FeedService({ db, fetch: server.fetch });
    await service.subscribe({ url: `${BASE}/slow` });
    const refreshing = service.refresh(`${BASE}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await service.unsubscribe(`${BASE}/slow`);
    answer(xml(fixture('rss2.xml')));
    await refreshing;
    expect(await service.list()).toEqual([]);
  });
});

describe('the periodic refresh', () => {
  it('refreshes only enabled feeds that are due, each on its own interval', async () => {
    const db = newDb('feeds');
    await db.open();
    dbs.push(db);
    const server = fakeServer({ '/hourly': () => xml(fixture('rss2.xml')), '/daily': () => xml(fixture('rss2.xml')) });
    let clock = 10_000_000;
    const service = new FeedService({ db, fetch: server.fetch, now: () => clock });
    expect(await service.nextDueAt()).toBeNull(); // no subscription: no alarm, nothing fetched
    await service.subscribe({ url: `${BASE}/hourly`, intervalMinutes: 60 });
    await service.subscribe({ url: `${BASE}/daily`, intervalMinutes: 1440 });
    expect(await service.refreshDue()).toHaveLength(2);
    expect(await service.nextDueAt()).toBe(clock + 60 * 60_000);

    clock += 30 * 60_000;
    expect(await service.refreshDue()).toHaveLength(0);
    clock += 31 * 60_000;
    await service.refreshDue();
    expect(server.requests.map((request) => new URL(request.url).pathname)).toEqual(['/daily', '/hourly', '/hourly']); // list order is by address
    clock += 24 * 60 * 60_000;
    await service.refreshDue();
    expect(
      server.requests
        .slice(3)
        .map((request) => new URL(request.url).pathname)
        .sort(),
    ).toEqual(['/daily', '/hourly']);
    await service.unsubscribe(`${BASE}/hourly`);
    await service.unsubscribe(`${BASE}/daily`);
    expect(await service.nextDueAt()).toBeNull();
    expect(await db.statements.count()).toBe(3); // unsubscribing keeps the statements
  });
});
