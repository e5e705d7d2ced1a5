import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../lib/background/handlers';
import { memoryTabStatusStore } from '../../lib/background/tab-status';
import type { SourceLensDb } from '../../lib/corpus/db';
import { devStatements, freshDb } from '../shared/helpers';

const opened: SourceLensDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function setup() {
  const db = freshDb('handlers');
  opened.push(db);
  const tabs = memoryTabStatusStore();
  const badges: Array<[number, number | null]> = [];
  let clock = 1000;
  const service = createBackgroundService({ db, tabs, setBadge: (tabId, count) => badges.push([tabId, count]), now: () => clock++ });
  return { db, tabs, badges, service, h: service.handlers };
}

describe('background handlers', () => {
  it("a page the browser will not let the reader into is an error with a code the popup words in the user's language", async () => {
    const db = freshDb('handlers-blocked');
    opened.push(db);
    const tabs = memoryTabStatusStore();
    const service = createBackgroundService({
      db,
      tabs,
      injectReader: async () => {
        throw new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.');
      },
    });
    await service.handlers.pageLoaded({ url: 'https://news.example/blocked' }, { tabId: 8 });
    const status = await service.handlers.checkPageAnyway({ tabId: 8 }, {});
    expect(status).toMatchObject({ state: 'error', errorCode: 'page-not-checkable' });
    expect(status.error).toContain('Cannot access contents of the page');
  });

  it('pageLoaded requires a tab id and changes nothing without one', async () => {
    const { h, tabs, badges } = setup();
    await expect(h.pageLoaded({ url: 'https://news.example/a' }, { extensionId: 'x' })).rejects.toThrow('pageLoaded must come from a tab');
    expect(await tabs.all()).toEqual([]);
    expect(badges).toEqual([]);
    expect(await h.getTabStatus({ tabId: 0 }, {})).toBeNull();
  });

  it('pageLoaded records the tab status and reports it; getTabStatus returns it with the current corpus size', async () => {
    const { h, tabs, badges } = setup();
    const reply = await h.pageLoaded({ url: 'https://news.example/a', title: 'A story' }, { tabId: 3 });
    // No verdict: not known to be news, so nothing is checked until the user asks.
    const status = { tabId: 3, url: 'https://news.example/a', title: 'A story', state: 'not-news', loadedAt: 1000, corpusSize: 0, verdict: undefined };
    expect(reply).toEqual({ ...status, hintsVisible: true });
    expect(await tabs.all()).toEqual([status]);
    // a new page clears the tab's badge
    expect(badges).toEqual([[3, null]]);
    expect(await h.getTabStatus({ tabId: 4 }, {})).toBeNull();
    await h.importBatch({ file: 'dev.jsonl', records: devStatements() }, {});
    expect(await h.getTabStatus({ tabId: 3 }, {})).toEqual({ ...status, corpusSize: 6 });
  });

  it('tab id comes from the sender, not from the message', async () => {
    const { h } = setup();
    const status = await h.pageLoaded({ url: 'https://news.example/b', tabId: 99 } as never, { tabId: 5 });
    expect(status.tabId).toBe(5);
    expect(await h.getTabStatus({ tabId: 99 }, {})).toBeNull();
  });

  it('forgetTab drops a closed tab', async () => {
    const { h, service } = setup();
    await h.pageLoaded({ url: 'https://news.example/a' }, { tabId: 3 });
    await service.forgetTab(3);
    expect(await h.getTabStatus({ tabId: 3 }, {})).toBeNull();
  });

  it('importBatch revalidates every record and stores only the valid ones', async () => {
    const { h, db } = setup();
    const records = [
      { id: 'ok-1', text: 'The ministry issued a statement.' },
      { id: 'bad-url', text: 'A statement with a hostile link.', url: 'javascript:alert(1)' },
      { id: 'no-text' },
      { id: 'ok-2', text: 'Another statement of the ministry.', issuer: 'Ministry' },
      { id: 'bad-date', text: 'Dated wrongly.', date: 'yesterday' },
      { id: 'huge-title', text: 'Title too long.', title: 'x'.repeat(5000) },
    ];
    const result = await h.importBatch({ file: 'page.jsonl', records }, {});
    // A malformed date costs the statement its date, not the statement (the page reported it as a warning).
    expect(result.imported).toBe(3);
    expect(result.rejectedCount).toBe(3);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'record 2 of batch: url must be an http or https address',
      expect.stringMatching(/^record 3 of batch: text is missing/),
      expect.stringMatching(/^record 6 of batch: title is longer/),
    ]);
    expect(result.rejected.every((r) => r.file === 'page.jsonl' && r.line === 0)).toBe(true);
    expect((await db.statements.toCollection().primaryKeys()).sort()).toEqual(['bad-date', 'ok-1', 'ok-2']);
    expect((await db.statements.get('bad-date'))!.date).toBeUndefined();
    const stored = (await db.statements.get('ok-2'))!;
    expect(stored.issuerKey).toBe('ministry');
    expect(stored.origins).toEqual(['page.jsonl']);
    expect(stored.lang).toBe(undefined);
  });

  it('importBatch dedupes and updates like storeBatch', async () => {
    const { h } = setup();
    expect(await h.importBatch({ file: 'a', records: devStatements() }, {})).toMatchObject({ imported: 6 });
    expect(await h.importBatch({ file: 'a', records: devStatements() }, {})).toMatchObject({ imported: 0, duplicates: 6 });
    const changed = { ...devStatements()[0]!, text: 'A corrected statement of the ministry.' };
    expect(await h.importBatch({ file: 'b', records: [changed] }, {})).toMatchObject({ imported: 0, updated: 1 });
  });

  it('deleteIssuer, deleteAll and getCorpusStats', async () => {
    const { h } = setup();
    await h.importBatch({ file: 'a', records: devStatements() }, {});
    const stats = await h.getCorpusStats({}, {});
    expect(stats.statements).toBe(6);
    expect(await h.deleteIssuer({ key: 'Ministry of Defense of the Republic of Azerbaijan' }, {})).toEqual({ deleted: 2 });
    expect(await h.getCorpusStats({}, {})).toMatchObject({ statements: 4, issuers: stats.issuers - 1 });
    expect(await h.deleteAll({ confirm: 'delete-all' }, {})).toEqual({ deleted: 4 });
    expect(await h.getCorpusStats({}, {})).toEqual({ statements: 0, issuers: 0 });
  });
});
