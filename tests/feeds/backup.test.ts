import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../lib/background/handlers';
import { readBackup } from '../../lib/corpus/backup';
import type { SourceLensDb } from '../../lib/corpus/db';
import { importFiles, MAX_IN_FLIGHT } from '../../lib/corpus/import-files';
import { toInterchange } from '../../lib/corpus/statement';
import { STORAGE_FULL_MESSAGE } from '../../lib/corpus/storage-errors';
import { feedOrigin } from '../../lib/feeds/subscription';
import { bytesOf, DEV_ALL_FIXTURE, fixtureBytes, fixtureLines, freshDb, sourceOf, streamOf } from '../shared/helpers';

let dbs: SourceLensDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.map((db) => db.delete()));
  dbs = [];
});
async function open(): Promise<SourceLensDb> {
  const db = freshDb('backup');
  await db.open();
  dbs.push(db);
  return db;
}

/** What a profile holds, in a comparable form. */
async function snapshot(db: SourceLensDb) {
  const statements = (await db.statements.orderBy('id').toArray()).map(({ seq: _seq, addedAt: _addedAt, ...rest }) => rest);
  const feeds = (await db.feeds.orderBy('url').toArray()).map(({ url, title, issuer, lang, enabled, intervalMinutes, starterId }) => ({
    url,
    title,
    issuer,
    lang,
    enabled,
    intervalMinutes,
    starterId,
  }));
  return { statements, feeds };
}

describe('backup and restore', () => {
  it('round-trips statements with all their origins, feeds and settings into another profile', async () => {
    const source = await open();
    const from = createBackgroundService({ db: source });
    const summary = await importFiles([sourceOf('dev-statements-all.jsonl', fixtureBytes(DEV_ALL_FIXTURE))], {
      store: async (file, records) => from.handlers.importBatch({ file, records: records.map(toInterchange) }, {}),
    });
    expect(summary.imported).toBeGreaterThan(20);
    // one statement also came from a second file: both origins must survive
    const first = (await source.statements.orderBy('id').first())!;
    await from.handlers.importBatch({ file: 'second.jsonl', records: [{ id: 'other-id', text: first.text }] }, {});
    await from.handlers.subscribeFeed({ url: 'https://ministry.example.gov/feed.xml', issuer: 'Ministry of Examples', lang: 'en', intervalMinutes: 120 }, {});
    await from.handlers.subscribeFeed({ url: 'https://president.example.gov/feed.json', starterId: 'example-president' }, {});
    await from.handlers.saveSettings({ settings: { hintsVisible: false, siteRules: [{ host: 'example.com', rule: 'deny' }] } }, {});

    // write the file the way the options page does: header line, then pages of statement lines
    const parts = [JSON.stringify(await from.handlers.backupHeader({}, {})) + '\n'];
    let afterId: string | null = null;
    do {
      const page = await from.handlers.backupPage({ afterId, limit: 7 }, {});
      parts.push(page.jsonl);
      afterId = page.nextAfterId;
    } while (afterId !== null);
    const file = parts.join('');

    const target = await open();
    const to = createBackgroundService({ db: target });
    const result = await readBackup(streamOf(bytesOf(file), 1000), {
      onHeader: async (header) => void (await to.handlers.restoreHeader({ header }, {})),
      onBatch: async (lines) => void (await to.handlers.restoreBatch({ lines }, {})),
      batchSize: 10,
    });
    expect(result).toEqual({ lines: await source.statements.count(), unreadable: 0 });

    const [before, after] = await Promise.all([snapshot(source), snapshot(target)]);
    expect(after).toEqual(before);
    expect((await target.statements.get(first.id))!.origins).toEqual(['dev-statements-all.jsonl', 'second.jsonl']);
    expect(await to.handlers.getSettings({}, {})).toEqual({ hintsVisible: false, siteRules: [{ host: 'example.com', rule: 'deny' }] });
    // restored statements are matchable at once
    const report = await to.checkSelection(undefined, first.text.slice(0, 300));
    expect(report.sources[0]?.statementId).toBe(first.id);

    // restoring the same file again adds nothing
    await readBackup(streamOf(bytesOf(file)), {
      onHeader: async (header) => void (await to.handlers.restoreHeader({ header }, {})),
      onBatch: async (lines) => {
        const again = await to.handlers.restoreBatch({ lines }, {});
        expect(again.restored).toBe(0);
      },
    });
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses a file that is not a backup before writing anything', async () => {
    const target = await open();
    const to = createBackgroundService({ db: target });
    let written = 0;
    await expect(
      readBackup(streamOf(bytesOf('{"id":"1","text":"a corpus file, not a backup"}\n')), {
        onHeader: async (header) => void (await to.handlers.restoreHeader({ header }, {})),
        onBatch: async () => void written++,
      }),
    ).rejects.toThrow(/not a SourceLens backup/);
    expect(written).toBe(0);
    await expect(to.handlers.restoreHeader({ header: { format: 'sourcelens-backup', version: 99 } }, {})).rejects.toThrow(/not a SourceLens backup/);
    expect(await target.statements.count()).toBe(0);
  });
});

describe('storage full', () => {
  it('stops the import with a clear message and keeps every batch committed before', async () => {
    const db = await open();
    const service = createBackgroundService({ db });
    // The disk fills up at the third write: IndexedDB aborts that transaction with QuotaExceededError.
    const bulkPut = db.statements.bulkPut.bind(db.statements);
    let writes = 0;
    db.statements.bulkPut = ((...args: Parameters<typeof bulkPut>) => {
      writes++;
      if (writes === 3) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return bulkPut(...args);
    }) as typeof bulkPut;
    const summary = await importFiles([sourceOf('dev-statements-all.jsonl', fixtureBytes(DEV_ALL_FIXTURE))], {
      store: async (file, records) => service.handlers.importBatch({ file, records: records.map(toInterchange) }, {}),
      batchSize: 5,
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.error).toContain(STORAGE_FULL_MESSAGE);
    // Batches 1 and 2, and any sent while batch 3 was on its way (MAX_IN_FLIGHT - 1 of them); none after.
    const storedBatches = 2 + (MAX_IN_FLIGHT - 1);
    expect(writes).toBe(3 + (MAX_IN_FLIGHT - 1));
    expect(summary.imported).toBe(5 * storedBatches);
    expect(await db.statements.count()).toBe(5 * storedBatches);
    // the batch that failed left nothing half-written, and the corpus seq counts only committed writes
    const failedBatch = fixtureLines(DEV_ALL_FIXTURE)
      .slice(10, 15)
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(await db.statements.bulkGet(failedBatch)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect((await db.settings.get('corpus.seq'))?.value).toBe(storedBatches);
  });

  it("records a full disk as the feed's error, keeping what was stored", async () => {
    const db = await open();
    const service = createBackgroundService({
      db,
      fetch: async () => new Response('{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"A statement that will not fit."}]}'),
    });
    await service.handlers.importBatch({ file: 'before.jsonl', records: [{ id: 'kept', text: 'Stored before the disk filled up.' }] }, {});
    db.statements.bulkPut = (() => Promise.reject(new DOMException('full', 'QuotaExceededError'))) as never;
    await service.handlers.subscribeFeed({ url: 'https://example.org/feed.json' }, {});
    const { feed, outcome } = await service.handlers.refreshFeed({ url: 'https://example.org/feed.json' }, {});
    expect(outcome.error).toBe(STORAGE_FULL_MESSAGE);
    expect(feed.lastError).toBe(STORAGE_FULL_MESSAGE);
    expect(await db.statements.count()).toBe(1);
    expect((await db.statements.get('kept'))!.origins).toEqual(['before.jsonl']);
    expect(feedOrigin('x')).toBe('feed:x');
  });
});
