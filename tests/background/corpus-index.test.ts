import { afterEach, describe, expect, it, vi } from 'vitest';
import { CorpusIndex, snapshotBytes, toStatementDoc } from '../../lib/background/corpus-index';
import type { SourceLensDb } from '../../lib/corpus/db';
import { toStatementRecord, type StatementRecord } from '../../lib/corpus/statement';
import { currentSeq, deleteIssuer, storeBatch } from '../../lib/corpus/store';
import { findSources } from '../../lib/engine/find-sources';
import { prepareStatements, type PreparedStatement } from '../../lib/engine/prepare-statement';
import { StatementIndex } from '../../lib/engine/statement-index';
import { allDevStatements, devArticle, freshDb } from '../shared/helpers';

/**
 * CorpusIndex over fake-indexeddb with the 25 real dev statements, checked through the real engine:
 * "is statement X in the index" is asked the way the product asks it, by finding article A003's source.
 */

const opened: SourceLensDb[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) await db.delete();
});

function db(): SourceLensDb {
  const d = freshDb('corpus-index');
  opened.push(d);
  return d;
}

function records(): StatementRecord[] {
  return allDevStatements().map((raw) => {
    const parsed = toStatementRecord(raw);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.record;
  });
}

/** A fresh database holding the dev statements but S01, which a test then stores on its own. */
async function storedWithoutS01(): Promise<{ d: SourceLensDb; all: StatementRecord[]; s01: StatementRecord }> {
  const d = db();
  const all = records();
  await storeBatch(
    d,
    all.filter((r) => r.id !== 'S01'),
    'dev.jsonl',
  );
  return { d, all, s01: all.find((r) => r.id === 'S01')! };
}

/** Timers that never fire on their own: snapshots are saved only by flush() or deletions. */
function manualTimers() {
  const pending: Array<() => void> = [];
  return {
    pending,
    options: {
      setTimer: (callback: () => void) => {
        pending.push(callback);
        return pending.length;
      },
      clearTimer: () => undefined,
    },
  };
}

/** The ids findSources reports for an article over `index`, loading texts from `d`. */
async function sourcesOf(d: SourceLensDb, index: StatementIndex, articleId: 'A003' | 'N011'): Promise<string[]> {
  const article = devArticle(articleId);
  const report = await findSources({ text: article.text, date: article.date, lang: article.lang }, index, async (ids) =>
    (await d.statements.bulkGet(ids)).flatMap((s) => (s ? [toStatementDoc(s)] : [])),
  );
  return report.sources.map((source) => source.statementId);
}

describe('CorpusIndex', () => {
  it('builds from the statements on first use, learns stored batches, and a new instance loads the saved snapshot', async () => {
    const d = db();
    const all = records();
    const withoutS01 = all.filter((r) => r.id !== 'S01');
    const s01 = all.find((r) => r.id === 'S01')!;
    await storeBatch(d, withoutS01, 'dev.jsonl');

    const timers = manualTimers();
    const first = new CorpusIndex(d, timers.options);
    expect(first.size).toBe(0);
    const index = await first.ready();
    expect(first.lastLoad).toMatchObject({ source: 'rebuild', statements: 24, caughtUp: 0 });
    expect(index.size).toBe(24);
    expect(await sourcesOf(d, index, 'A003')).not.toContain('S01');
    // the same index is handed out while loaded
    expect(await first.ready()).toBe(index);

    const stored = await storeBatch(d, [s01], 'late.jsonl');
    await first.onStored(stored.changed);
    expect(first.size).toBe(25);
    expect((await sourcesOf(d, await first.ready(), 'A003'))[0]).toBe('S01');
    expect(timers.pending.length).toBeGreaterThan(0); // a save is scheduled, not done
    expect(await d.indexSnapshots.get('main')).toBeUndefined();

    await first.flush();
    const snapshot = await d.indexSnapshots.get('main');
    expect(snapshot).toMatchObject({ key: 'main', seq: (await currentSeq(d)).seq, size: 25 });
    expect((await snapshotBytes(snapshot!.bytes)).byteLength).toBeGreaterThan(0);

    const second = new CorpusIndex(d, manualTimers().options);
    const loaded = await second.ready();
    expect(second.lastLoad).toMatchObject({ source: 'snapshot', statements: 25, caughtUp: 0 });
    expect(loaded.has('S01')).toBe(true);
    expect((await sourcesOf(d, loaded, 'A003'))[0]).toBe('S01');
    expect(await sourcesOf(d, loaded, 'N011')).toEqual([]);
  });

  it('uses statements prepared while the batch was written, and prepares again what is missing, stale or failed', async () => {
    const { d, all, s01 } = await storedWithoutS01();
    const index = new CorpusIndex(d, manualTimers().options);
    const plain = new CorpusIndex(d, manualTimers().options);
    await Promise.all([index.ready(), plain.ready()]);
    // Prepared from another statement's text under S01's id (what a stale preparation would be): the
    // hash differs from the stored text's, so it must not be indexed in place of S01's own text.
    const other = all.find((r) => r.id !== 'S01')!;
    let stale: Promise<PreparedStatement[]> | undefined;
    const stored = await storeBatch(d, [s01], 'late.jsonl', (changed) => {
      stale = Promise.resolve(prepareStatements(changed.map((statement) => ({ ...toStatementDoc(statement), text: other.text, hash: 'stale' }))));
    });
    await index.onStored(stored.changed, stale);
    await plain.onStored(stored.changed);
    expect((await index.ready()).serialize()).toEqual((await plain.ready()).serialize());
    expect((await sourcesOf(d, await index.ready(), 'A003'))[0]).toBe('S01');

    // A preparation that failed is redone: the statement still joins the index.
    const { d: e } = await storedWithoutS01();
    const again = new CorpusIndex(e, manualTimers().options);
    await again.ready();
    const late = await storeBatch(e, [s01], 'late.jsonl');
    const failed = Promise.reject(new Error('worker ran out of memory'));
    failed.catch(() => undefined); // as importBatch does: the failure is onStored's to handle
    await again.onStored(late.changed, failed);
    expect(again.size).toBe(25);
    expect((await sourcesOf(e, await again.ready(), 'A003'))[0]).toBe('S01');
  });

  it('a failed update is logged and reported, never lost: the next ready() indexes those statements, and the snapshot covers them', async () => {
    const { d, s01 } = await storedWithoutS01();
    const log: string[] = [];
    const index = new CorpusIndex(d, { ...manualTimers().options, log: (message) => log.push(message) });
    await index.ready();
    // The statement index fails while taking the batch in (memory, or a text that trips the engine).
    vi.spyOn(StatementIndex.prototype, 'addPrepared').mockImplementationOnce(() => {
      throw new Error('out of memory');
    });
    const stored = await storeBatch(d, [s01], 'late.jsonl');
    await expect(index.onStored(stored.changed)).rejects.toThrow('out of memory');
    expect(index.fault).toEqual({ statements: 1, error: 'out of memory' });
    expect(log).toContainEqual(expect.stringMatching(/^1 stored statements could not be indexed and are not matched yet: out of memory$/));

    const live = await index.ready();
    expect(index.fault).toBeNull();
    expect(live.size).toBe(25);
    expect((await sourcesOf(d, live, 'A003'))[0]).toBe('S01');

    // The index knows it holds every write again: the saved snapshot needs no catch-up at the next start.
    await index.flush();
    expect((await d.indexSnapshots.get('main'))!.seq).toBe((await currentSeq(d)).seq);
    const next = new CorpusIndex(d, manualTimers().options);
    expect((await sourcesOf(d, await next.ready(), 'A003'))[0]).toBe('S01');
    expect(next.lastLoad).toMatchObject({ source: 'snapshot', statements: 25, caughtUp: 0 });
  });

  it('a retry that fails too keeps the fault and still hands out the index; a later one succeeds', async () => {
    const { d, s01 } = await storedWithoutS01();
    const index = new CorpusIndex(d, manualTimers().options);
    await index.ready();
    const failing = vi.spyOn(StatementIndex.prototype, 'addPrepared').mockImplementation(() => {
      throw new Error('lexicon missing');
    });
    await expect(index.onStored((await storeBatch(d, [s01], 'late.jsonl')).changed)).rejects.toThrow();
    const partial = await index.ready();
    expect(index.fault).toEqual({ statements: 1, error: 'lexicon missing' });
    expect(partial.size).toBe(24);
    failing.mockRestore();
    expect((await sourcesOf(d, await index.ready(), 'A003'))[0]).toBe('S01');
    expect(index.fault).toBeNull();
  });

  it('indexes a batch prepared ahead exactly as one prepared on arrival', async () => {
    const { d, s01 } = await storedWithoutS01();
    const ahead = new CorpusIndex(d, manualTimers().options);
    const onArrival = new CorpusIndex(d, manualTimers().options);
    await Promise.all([ahead.ready(), onArrival.ready()]);
    let prepared: Promise<PreparedStatement[]> | undefined;
    const stored = await storeBatch(d, [s01], 'late.jsonl', (changed) => {
      prepared = Promise.resolve(prepareStatements(changed.map(toStatementDoc)));
    });
    expect(prepared).toBeDefined();
    await ahead.onStored(stored.changed, prepared);
    await onArrival.onStored(stored.changed);
    expect((await ahead.ready()).serialize()).toEqual((await onArrival.ready()).serialize());
  });

  it('catches up statements stored after the snapshot whose notification never arrived (worker killed)', async () => {
    const { d, s01 } = await storedWithoutS01();
    const before = new CorpusIndex(d, manualTimers().options);
    await before.ready();
    await before.flush();
    expect((await d.indexSnapshots.get('main'))!.size).toBe(24);

    // committed, but the worker died before onStored or a save
    await storeBatch(d, [s01], 'late.jsonl');
    expect((await d.indexSnapshots.get('main'))!.size).toBe(24);

    const after = new CorpusIndex(d, manualTimers().options);
    const index = await after.ready();
    expect(after.lastLoad).toMatchObject({ source: 'snapshot', statements: 25, caughtUp: 1 });
    expect((await sourcesOf(d, index, 'A003'))[0]).toBe('S01');

    // the catch-up is saved on the next flush: a third start needs no catch-up
    await after.flush();
    const third = new CorpusIndex(d, manualTimers().options);
    await third.ready();
    expect(third.lastLoad).toMatchObject({ source: 'snapshot', statements: 25, caughtUp: 0 });
  });

  it('a deletion after the snapshot forces a rebuild, and the deleted statements are gone', async () => {
    const d = db();
    await storeBatch(d, records(), 'dev.jsonl');
    const before = new CorpusIndex(d, manualTimers().options);
    expect((await sourcesOf(d, await before.ready(), 'A003'))[0]).toBe('S01');
    await before.flush();

    // deleted by a worker that was killed before telling any index
    const deleted = await deleteIssuer(d, 'Ministry of Defense of the Republic of Azerbaijan');
    expect(deleted).toContain('S01');

    const after = new CorpusIndex(d, manualTimers().options);
    const index = await after.ready();
    expect(after.lastLoad).toMatchObject({ source: 'rebuild', statements: 25 - deleted.length });
    for (const id of deleted) expect(index.has(id)).toBe(false);
    expect(await sourcesOf(d, index, 'A003')).not.toContain('S01');
  });

  it('onDeleted removes from a loaded index and saves at once, so the next start uses the snapshot', async () => {
    const d = db();
    await storeBatch(d, records(), 'dev.jsonl');
    const live = new CorpusIndex(d, manualTimers().options);
    await live.ready();
    const deleted = await deleteIssuer(d, 'Ministry of Defense of the Republic of Azerbaijan');
    await live.onDeleted(deleted);
    expect(live.size).toBe(25 - deleted.length);
    expect(await sourcesOf(d, await live.ready(), 'A003')).not.toContain('S01');
    expect((await d.indexSnapshots.get('main'))!.seq).toBe((await currentSeq(d)).deletionSeq);

    const next = new CorpusIndex(d, manualTimers().options);
    const index = await next.ready();
    expect(next.lastLoad).toMatchObject({ source: 'snapshot', statements: 25 - deleted.length, caughtUp: 0 });
    expect(index.has('S01')).toBe(false);
  });

  it('rebuilds from the statements when the snapshot bytes are corrupt, without throwing', async () => {
    const d = db();
    await storeBatch(d, records(), 'dev.jsonl');
    const seq = (await currentSeq(d)).seq;
    await d.indexSnapshots.put({ key: 'main', seq, size: 25, bytes: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), savedAt: 0 });
    const logged: string[] = [];
    const index = new CorpusIndex(d, { ...manualTimers().options, log: (message) => logged.push(message) });
    const loaded = await index.ready();
    expect(index.lastLoad).toMatchObject({ source: 'rebuild', statements: 25 });
    expect(logged.some((message) => message.startsWith('index snapshot unreadable'))).toBe(true);
    expect((await sourcesOf(d, loaded, 'A003'))[0]).toBe('S01');
    // and the rebuilt index replaces the corrupt snapshot
    await index.flush();
    const again = new CorpusIndex(d, manualTimers().options);
    await again.ready();
    expect(again.lastLoad).toMatchObject({ source: 'snapshot', statements: 25 });
  });

  it('a re-import that only adds an origin leaves no gap: the next snapshot covers later writes and deletions', async () => {
    const { d, all, s01 } = await storedWithoutS01();
    const live = new CorpusIndex(d, manualTimers().options);
    await live.ready();

    // the same statements from another file: nothing for the index to learn
    const again = await storeBatch(
      d,
      all.filter((r) => r.id !== 'S01'),
      'mirror.jsonl',
    );
    expect(again).toMatchObject({ imported: 0, duplicates: 24, changed: [] });
    await live.onStored(again.changed);
    const added = await storeBatch(d, [s01], 'late.jsonl');
    await live.onStored(added.changed);
    await live.flush();
    expect((await d.indexSnapshots.get('main'))!.seq).toBe((await currentSeq(d)).seq);

    const next = new CorpusIndex(d, manualTimers().options);
    await next.ready();
    expect(next.lastLoad).toMatchObject({ source: 'snapshot', statements: 25, caughtUp: 0 });

    // and a deletion told to the live index is covered by its snapshot: no rebuild on the next start
    const deleted = await deleteIssuer(d, 'Ministry of Foreign Affairs of Pakistan');
    expect(deleted.length).toBeGreaterThan(0);
    await live.onDeleted(deleted);
    const third = new CorpusIndex(d, manualTimers().options);
    await third.ready();
    expect(third.lastLoad).toMatchObject({ source: 'snapshot', statements: 25 - deleted.length });
  });

  it('an import into an index never loaded builds it as it goes: each statement added once, queryable at once', async () => {
    const d = db();
    const all = records();
    const live = new CorpusIndex(d, manualTimers().options);
    // Two batches, the second notified while the first's load (which catches it up by seq) may run.
    const first = await storeBatch(d, all.slice(0, 12), 'dev.jsonl');
    await live.onStored(first.changed);
    expect(live.size).toBe(12); // loaded by the import itself, not by a later check
    const second = await storeBatch(d, all.slice(12), 'dev.jsonl');
    // A snapshot write is in progress (it awaits IndexedDB), so the update waits in the queue behind it;
    // a check asked for meanwhile still waits for the update.
    const saving = live.flush();
    const pendingSecond = live.onStored(second.changed);
    const index = await live.ready();
    expect(index.size).toBe(25);
    await Promise.all([saving, pendingSecond]);
    expect(index.size).toBe(25);
    expect(index.slotCount).toBe(25); // each statement added once, none replaced
    expect((await sourcesOf(d, index, 'A003'))[0]).toBe('S01');
    await live.flush();
    expect((await d.indexSnapshots.get('main'))!.seq).toBe((await currentSeq(d)).seq);
  });

  it('a snapshot stored as a Uint8Array by an earlier version still loads (new ones are Blobs)', async () => {
    const d = db();
    await storeBatch(d, records(), 'dev.jsonl');
    const writer = new CorpusIndex(d, manualTimers().options);
    await writer.ready();
    await writer.flush();
    const saved = (await d.indexSnapshots.get('main'))!;
    expect(saved.bytes).toBeInstanceOf(Blob);
    await d.indexSnapshots.put({ ...saved, bytes: await snapshotBytes(saved.bytes) });
    const reader = new CorpusIndex(d, manualTimers().options);
    const index = await reader.ready();
    expect(reader.lastLoad).toMatchObject({ source: 'snapshot', statements: 25, caughtUp: 0 });
    expect((await sourcesOf(d, index, 'A003'))[0]).toBe('S01');
  });

  it('a snapshot being written does not hold a check when no update is queued', async () => {
    const d = db();
    await storeBatch(d, records(), 'dev.jsonl');
    const live = new CorpusIndex(d, manualTimers().options);
    await live.ready(); // a rebuild: the index is dirty, so flush() writes a snapshot
    let saved = false;
    const saving = live.flush().then(() => (saved = true));
    expect((await live.ready()).size).toBe(25);
    expect(saved).toBe(false);
    await saving;
    expect(saved).toBe(true);
  });

  it('an empty corpus loads as empty', async () => {
    const d = db();
    const index = new CorpusIndex(d, manualTimers().options);
    expect((await index.ready()).size).toBe(0);
    expect(index.lastLoad).toMatchObject({ source: 'empty', statements: 0 });
  });
});
