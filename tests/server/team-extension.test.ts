import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusIndex } from '../../lib/background/corpus-index';
import { createBackgroundService } from '../../lib/background/handlers';
import { memoryTabStatusStore } from '../../lib/background/tab-status';
import { toStatementRecord } from '../../lib/corpus/statement';
import type { ReportView } from '../../lib/messaging/protocol';
import { IndexedDbStatementCache } from '../../lib/team/statement-cache';
import { storeRecords } from '../../server/ingest';
import { allDevStatements, articlePayload, devArticle, freshDb } from '../shared/helpers';
import { resetDatabase, startServer, TOKENS, type Running } from './helpers';

/**
 * The extension's background with a team server (a real one, on the throwaway PostgreSQL): the
 * browser's own corpus is empty, the team's holds the dev statements; checks find them through the
 * server, stay local when it is gone (saying so once), and find them again when it is back.
 */
let srv: Running;
beforeAll(async () => {
  await resetDatabase();
  srv = await startServer();
  const records = allDevStatements().flatMap((raw) => {
    const r = toStatementRecord(raw);
    return r.ok ? [r.record] : [];
  });
  await storeRecords(srv.pool, srv.key, records, 'dev-statements-all.jsonl');
});
afterAll(async () => srv?.close());

describe('checks with a team server', () => {
  it('finds a statement only the team holds, says once that the server is gone, and recovers', async () => {
    const db = freshDb('team');
    const cache = new IndexedDbStatementCache(100, { name: `team-cache-${Math.random()}` });
    const service = createBackgroundService({
      db,
      index: new CorpusIndex(db, { setTimer: () => 0, clearTimer: () => undefined }),
      tabs: memoryTabStatusStore(),
      teamCache: cache,
      warmUpLater: () => undefined,
    });
    const h = service.handlers;
    const a003 = articlePayload(devArticle('A003'));
    const check = async (text = a003.text) => (await h.findSources!({ article: { ...a003, text } }, { tabId: 1 })) as ReportView;

    const local = await check();
    expect(local.sources).toEqual([]);
    expect(local.team).toBeUndefined();

    const tested = await h.testTeamServer!({ settings: { address: srv.url, token: 'wrong-token-123456' } }, {});
    expect(tested).toEqual({ ok: false, error: 'the team server refused the token: check it in the options' });
    expect(await h.testTeamServer!({ settings: { address: srv.url, token: TOKENS.read } }, {})).toMatchObject({ ok: true, role: 'read' });
    await h.saveTeamServer!({ settings: { address: srv.url, token: TOKENS.read } }, {});

    const withTeam = await check(a003.text + ' Updated.');
    expect(withTeam.sources.length).toBeGreaterThan(0);
    expect(withTeam.team?.sources).toBe(withTeam.sources.length);
    expect(withTeam.team?.notice).toBeUndefined();
    expect(withTeam.sources[0]!.passages[0]!.statementText.length).toBeGreaterThan(10);
    expect(withTeam.corpusSize).toBeGreaterThan(0);
    const status = (await h.getTeamStatus!({}, {})) as { lastSyncAt?: number; cached?: number; lastError?: string };
    expect(status.lastSyncAt).toBeGreaterThan(0);
    expect(status.cached).toBeGreaterThan(0);
    expect(status.lastError).toBeUndefined();

    // The server goes away: the check stays local and says so, once.
    const port = new URL(srv.url).port;
    await srv.close();
    const first = await check(a003.text + ' Updated twice.');
    expect(first.sources).toEqual([]);
    expect(first.team?.notice).toBe('the team server could not be reached. This check used your own statements only.');
    const second = await check(a003.text + ' Updated thrice.');
    expect(second.team?.notice).toBeUndefined();
    expect(((await h.getTeamStatus!({}, {})) as { lastError?: string }).lastError).toBe('the team server could not be reached');

    // Back on the same address: checks use it again, and the error is gone.
    srv = await startServer();
    await new Promise<void>((resolve) => srv.server.close(() => resolve()));
    await new Promise<void>((resolve) => srv.server.listen(Number(port), '127.0.0.1', resolve));
    srv.url = `http://127.0.0.1:${port}`;
    const back = await check(a003.text + ' Updated again.');
    expect(back.sources.length).toBe(withTeam.sources.length);
    expect(back.team?.notice).toBeUndefined();
    expect(((await h.getTeamStatus!({}, {})) as { lastError?: string }).lastError).toBeUndefined();
  });
});

describe('the team statement cache', () => {
  it('keeps at most its bound, dropping the least recently used', async () => {
    const cache = new IndexedDbStatementCache(3, { name: `lru-${Math.random()}` });
    const s = (id: string) => ({ id, hash: id, text: `text of ${id}` });
    await cache.put([s('a'), s('b'), s('c')]);
    await cache.get(['a']); // a is now more recent than b and c
    await cache.put([s('d')]);
    expect([...(await cache.get(['a', 'b', 'c', 'd'])).keys()].sort()).toEqual(['a', 'c', 'd']);
    expect(await cache.count()).toBe(3);
  });
});
