import { afterEach, describe, expect, it } from 'vitest';
import type { SourceLensDb } from '../../lib/corpus/db';
import { importFiles } from '../../lib/corpus/import-files';
import { toStatementRecord, type StatementRecord } from '../../lib/corpus/statement';
import {
  CORPUS_DELETION_SEQ_KEY,
  CORPUS_SEQ_KEY,
  corpusStats,
  currentSeq,
  deleteAllStatements,
  deleteIssuer,
  exportPage,
  listIssuers,
  readStatements,
  storeBatch,
} from '../../lib/corpus/store';
import { DEV_FIXTURE, SENATE_FIXTURE, bytesOf, devStatements, fixtureBytes, fixtureLines, freshDb, sourceOf } from '../shared/helpers';

const opened: SourceLensDb[] = [];
function db(): SourceLensDb {
  const instance = freshDb('store');
  opened.push(instance);
  return instance;
}
afterEach(async () => {
  for (const instance of opened.splice(0)) await instance.delete();
});

function record(value: Record<string, unknown>): StatementRecord {
  const result = toStatementRecord(value);
  if (!result.ok) throw new Error(result.reason);
  return result.record;
}

const devRecords = () => devStatements().map(record);
const senateRecords = () =>
  fixtureLines(SENATE_FIXTURE)
    .map((line) => {
      try {
        return toStatementRecord(JSON.parse(line));
      } catch {
        return { ok: false as const, reason: '' };
      }
    })
    .flatMap((r) => (r.ok ? [r.record] : []));

async function exportAll(database: SourceLensDb, limit = 7): Promise<string> {
  let out = '';
  let afterId: string | null = null;
  do {
    const page = await exportPage(database, afterId, limit);
    out += page.jsonl;
    afterId = page.nextAfterId;
  } while (afterId !== null);
  return out;
}

describe('storeBatch', () => {
  it('stores new statements with hash, issuerKey, origins and addedAt', async () => {
    const d = db();
    const result = await storeBatch(d, devRecords(), 'dev.jsonl');
    expect(result).toMatchObject({ imported: 6, updated: 0, duplicates: 0 });
    expect(result.changed.map((s) => s.id)).toEqual(['S01', 'S02', 'S07', 'S08', 'S11', 'S13']);
    expect(await d.statements.count()).toBe(6);
    const s02 = (await d.statements.get('S02'))!;
    expect(s02.issuerKey).toBe('ministry of defense of the republic of azerbaijan');
    expect(s02.origins).toEqual(['dev.jsonl']);
    expect(s02.addedAt).toBeGreaterThan(0);
    expect(s02.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('adds nothing when the same records are stored again', async () => {
    const d = db();
    await storeBatch(d, devRecords(), 'dev.jsonl');
    const before = await d.statements.toArray();
    const again = await storeBatch(d, devRecords(), 'dev.jsonl');
    expect(again).toEqual({ imported: 0, updated: 0, duplicates: 6, changed: [] });
    expect(await d.statements.toArray()).toEqual(before);
  });

  it('skips the same text under another id as a duplicate and adds the origin', async () => {
    const d = db();
    const s02 = devRecords()[1]!;
    await storeBatch(d, [s02], 'official.jsonl');
    const mirror = record({ id: 'mirror-1', text: s02.text.toUpperCase().replace(/ /g, '  '), issuer: 'Mirror' });
    const result = await storeBatch(d, [mirror], 'mirror.jsonl');
    expect(result).toMatchObject({ imported: 0, updated: 0, duplicates: 1 });
    expect(await d.statements.count()).toBe(1);
    expect(await d.statements.get('mirror-1')).toBeUndefined();
    expect((await d.statements.get('S02'))!.origins).toEqual(['official.jsonl', 'mirror.jsonl']);
  });

  it('replaces the text when the same id comes with a new text, keeping origins and addedAt', async () => {
    const d = db();
    await storeBatch(d, [record({ id: 'X', text: 'The ministry said the first thing.' })], 'a.jsonl');
    const first = (await d.statements.get('X'))!;
    const result = await storeBatch(d, [record({ id: 'X', text: 'The ministry corrected its statement.' })], 'b.jsonl');
    expect(result).toMatchObject({ imported: 0, updated: 1, duplicates: 0 });
    expect(result.changed.map((s) => s.id)).toEqual(['X']);
    const updated = (await d.statements.get('X'))!;
    expect(updated.text).toBe('The ministry corrected its statement.');
    expect(updated.hash).not.toBe(first.hash);
    expect(updated.origins).toEqual(['a.jsonl', 'b.jsonl']);
    expect(updated.addedAt).toBe(first.addedAt);
    expect(await d.statements.where('hash').equals(first.hash).count()).toBe(0);
  });

  it('dedupes within one batch', async () => {
    const d = db();
    const result = await storeBatch(
      d,
      [record({ id: 'a', text: 'Same words here.' }), record({ id: 'b', text: 'same   WORDS here.' }), record({ id: 'c', text: 'Other words.' })],
      'x.jsonl',
    );
    expect(result).toMatchObject({ imported: 2, duplicates: 1 });
    expect((await d.statements.toCollection().primaryKeys()).sort()).toEqual(['a', 'c']);
  });

  it('stores a batch completely or not at all', async () => {
    const d = db();
    await storeBatch(d, [devRecords()[0]!], 'first.jsonl');
    const records = devRecords();
    // The last record cannot be stored (a function is not structured-cloneable): the whole batch must fail.
    records.push({ id: 'poison', text: 'This record cannot be cloned into IndexedDB.', extra: { fn: () => 1 } });
    await expect(storeBatch(d, records, 'second.jsonl')).rejects.toThrow();
    expect(await d.statements.toCollection().primaryKeys()).toEqual(['S01']);
    expect((await d.statements.get('S01'))!.origins).toEqual(['first.jsonl']);
  });

  it('does nothing for an empty batch', async () => {
    const d = db();
    expect(await storeBatch(d, [], 'x')).toEqual({ imported: 0, updated: 0, duplicates: 0, changed: [] });
    expect(await d.statements.count()).toBe(0);
  });
});

describe('readStatements', () => {
  it('reads the records of the ids in order, undefined where there is none, the same as Dexie reads them', async () => {
    const database = db();
    const records = devRecords();
    await storeBatch(database, records, 'dev.jsonl');
    const ids = [records[3]!.id, 'no-such-id', records[0]!.id, records[3]!.id];
    const read = await readStatements(database, ids);
    expect(read.map((r) => r?.id)).toEqual([records[3]!.id, undefined, records[0]!.id, records[3]!.id]);
    expect(read).toEqual(await database.statements.bulkGet(ids));
    expect(read[0]!.text).toBe(records[3]!.text);
    expect(await readStatements(database, [])).toEqual([]);
  });

  it('opens the database first when nothing has opened it yet', async () => {
    const database = db();
    expect(database.isOpen()).toBe(false);
    expect(await readStatements(database, ['S01'])).toEqual([undefined]);
  });

  it('fails with the store’s error rather than answering for a key IndexedDB refuses', async () => {
    const database = db();
    await storeBatch(database, devRecords(), 'dev.jsonl');
    await expect(readStatements(database, [{} as unknown as string])).rejects.toThrow();
  });
});

describe('issuers, deletion and stats', () => {
  it('lists issuers with counts, case-folded, largest first', async () => {
    const d = db();
    await storeBatch(d, devRecords(), 'dev.jsonl');
    await storeBatch(
      d,
      [
        record({ id: 'u1', text: 'A statement without issuer.' }),
        record({ id: 'm1', text: 'Another MoD statement.', issuer: 'MINISTRY OF DEFENSE OF THE REPUBLIC OF AZERBAIJAN' }),
      ],
      'more.jsonl',
    );
    const issuers = await listIssuers(d);
    const byKey = Object.fromEntries(issuers.map((i) => [i.key, i.count]));
    expect(byKey['ministry of defense of the republic of azerbaijan']).toBe(3);
    expect(byKey['']).toBe(1);
    expect(issuers.reduce((sum, i) => sum + i.count, 0)).toBe(8);
    expect(issuers[0]!.key).toBe('ministry of defense of the republic of azerbaijan');
    expect(issuers[0]!.name).toBe('Ministry of Defense of the Republic of Azerbaijan');
    expect(issuers.find((i) => i.key === '')!.name).toBe('');
    const counts = issuers.map((i) => i.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(await corpusStats(d)).toEqual({ statements: 8, issuers: issuers.length });
  });

  it('deletes one issuer (any spelling) and nothing else', async () => {
    const d = db();
    await storeBatch(d, devRecords(), 'dev.jsonl');
    const ids = await deleteIssuer(d, 'Ministry of Defense of the REPUBLIC of Azerbaijan');
    expect(ids.sort()).toEqual(['S01', 'S02']);
    expect((await d.statements.toCollection().primaryKeys()).sort()).toEqual(['S07', 'S08', 'S11', 'S13']);
    expect(await deleteIssuer(d, 'nobody')).toEqual([]);
    expect(await d.statements.count()).toBe(4);
  });

  it('deletes all', async () => {
    const d = db();
    await storeBatch(d, devRecords(), 'dev.jsonl');
    expect(await deleteAllStatements(d)).toBe(6);
    expect(await d.statements.count()).toBe(0);
    expect(await corpusStats(d)).toEqual({ statements: 0, issuers: 0 });
  });
});

describe('the kept statement count', () => {
  it('equals the records in the store after every kind of write: new, re-import, same text under another id, new text, damaged id repaired, deletions', async () => {
    const d = db();
    const kept = async () => ((await d.settings.get('corpus.count'))?.value as number) ?? Number.NaN;
    const expectTrue = async () => expect(await kept()).toBe(await d.statements.count());
    await expectTrue();
    await storeBatch(d, devRecords(), 'dev.jsonl');
    await expectTrue();
    await storeBatch(d, devRecords(), 'again.jsonl');
    await expectTrue();
    const s01 = devRecords()[0]!;
    await storeBatch(
      d,
      [{ ...s01, id: 'S01-mirror' }, { ...s01, id: 'S01', text: 'A corrected text of S01.' }, record({ id: 'n1', text: 'New.' })],
      'mixed.jsonl',
    );
    await expectTrue();
    // A damaged record (no text) stored behind the store's back, counted as a record: replacing it adds none.
    await d.transaction('rw', d.statements, d.settings, async () => {
      await d.statements.put({ id: 'broken', hash: 'h', issuerKey: '', origins: [], addedAt: 0, seq: 0 } as never);
      await d.settings.put({ key: 'corpus.count', value: (await kept()) + 1 });
    });
    await storeBatch(d, [record({ id: 'broken', text: 'Repaired.' })], 'repair.jsonl');
    await expectTrue();
    await deleteIssuer(d, 'Ministry of Defense of the Republic of Azerbaijan');
    await expectTrue();
    expect((await corpusStats(d)).statements).toBe(await d.statements.count());
    expect(await deleteAllStatements(d)).toBeGreaterThan(0);
    await expectTrue();
    expect(await kept()).toBe(0);
  });

  it('is counted again when missing, by the next write and by the stats', async () => {
    const d = db();
    await storeBatch(d, devRecords(), 'dev.jsonl');
    await d.settings.delete('corpus.count');
    expect((await corpusStats(d)).statements).toBe(6);
    await storeBatch(d, [record({ id: 'n1', text: 'New.' })], 'more.jsonl');
    expect((await d.settings.get('corpus.count'))?.value).toBe(7);
  });
});

describe('exportPage', () => {
  it('pages through every statement once, in id order', async () => {
    const d = db();
    await storeBatch(d, senateRecords(), 'senate.jsonl');
    const first = await exportPage(d, null, 40);
    expect(first.count).toBe(40);
    expect(first.jsonl.endsWith('\n')).toBe(true);
    expect(first.jsonl.split('\n')).toHaveLength(41);
    expect(first.nextAfterId).toBe((JSON.parse(first.jsonl.split('\n')[39]!) as { id: string }).id);
    const second = await exportPage(d, first.nextAfterId, 40);
    const third = await exportPage(d, second.nextAfterId, 40);
    expect([second.count, third.count]).toEqual([40, 20]);
    expect(third.nextAfterId).toBeNull();
    const ids = (first.jsonl + second.jsonl + third.jsonl)
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    expect(ids).toEqual([...ids].sort());
  });

  it('ends with an empty page when the count is an exact multiple of the limit', async () => {
    const d = db();
    await storeBatch(d, devRecords(), 'dev.jsonl');
    const page = await exportPage(d, null, 6);
    expect(page.nextAfterId).toBe('S13');
    expect(await exportPage(d, page.nextAfterId, 6)).toEqual({ jsonl: '', count: 0, nextAfterId: null });
  });

  it('writes interchange records without stored-only keys', async () => {
    const d = db();
    await storeBatch(d, devRecords(), 'dev.jsonl');
    const line = JSON.parse((await exportPage(d, null, 1)).jsonl) as Record<string, unknown>;
    expect(line.id).toBe('S01');
    expect(line.kind).toBe('statement');
    for (const key of ['hash', 'issuerKey', 'origins', 'addedAt', 'extra']) expect(line).not.toHaveProperty(key);
  });

  it('export → import into a fresh database → export gives an equal corpus', async () => {
    const a = db();
    const summaryA = await importFiles([sourceOf('senate.jsonl', fixtureBytes(SENATE_FIXTURE)), sourceOf('dev.jsonl', fixtureBytes(DEV_FIXTURE))], {
      store: (file, records) => storeBatch(a, records, file),
    });
    expect(summaryA.imported).toBe(106);
    const exported = await exportAll(a);
    expect(exported.trim().split('\n')).toHaveLength(106);

    const b = db();
    const summaryB = await importFiles([sourceOf('export.jsonl', bytesOf(exported), 1000)], {
      store: (file, records) => storeBatch(b, records, file),
    });
    expect(summaryB).toMatchObject({ imported: 106, duplicates: 0, rejectedCount: 0, interrupted: false });
    expect(await exportAll(b, 13)).toBe(exported);

    // origins, addedAt and seq record how and when each database got the statement, not the statement
    const strip = (s: { origins: string[]; addedAt: number; seq?: number }) => ({ ...s, origins: [], addedAt: 0, seq: 0 });
    expect((await b.statements.toArray()).map(strip)).toEqual((await a.statements.toArray()).map(strip));
  });
});

describe('corpus sequence numbers', () => {
  it('each changing write bumps corpus.seq and stamps the changed statements; deletions record corpus.deletionSeq', async () => {
    const d = db();
    expect(await currentSeq(d)).toEqual({ seq: 0, deletionSeq: 0 });
    const [first, second, ...rest] = devRecords();
    await storeBatch(d, [first!, second!], 'a.jsonl');
    expect(await currentSeq(d)).toEqual({ seq: 1, deletionSeq: 0 });
    expect((await d.settings.get(CORPUS_SEQ_KEY))?.value).toBe(1);
    await storeBatch(d, rest, 'b.jsonl');
    expect(await currentSeq(d)).toEqual({ seq: 2, deletionSeq: 0 });
    const seqs = Object.fromEntries((await d.statements.toArray()).map((s) => [s.id, s.seq]));
    expect(seqs).toEqual({ S01: 1, S02: 1, S07: 2, S08: 2, S11: 2, S13: 2 });

    // a pure re-import from the same origin writes nothing and consumes no number
    expect(await storeBatch(d, rest, 'b.jsonl')).toMatchObject({ imported: 0, duplicates: 4, changed: [] });
    expect(await currentSeq(d)).toEqual({ seq: 2, deletionSeq: 0 });
    // a new origin for the same text changes no text: the statement keeps its seq (the index has it)
    await storeBatch(d, [first!], 'mirror.jsonl');
    expect((await d.statements.get('S01'))!.seq).toBe(1);
    expect((await d.statements.get('S01'))!.origins).toEqual(['a.jsonl', 'mirror.jsonl']);
    // ... and takes no number (the index is never told of it, so a number would stay a gap)
    expect(await currentSeq(d)).toEqual({ seq: 2, deletionSeq: 0 });
    // an update stamps only the changed statement
    const before = (await currentSeq(d)).seq;
    await storeBatch(d, [record({ ...devStatements()[1]!, text: 'The corrected briefing of the ministry.' })], 'c.jsonl');
    expect((await currentSeq(d)).seq).toBe(before + 1);
    expect((await d.statements.get('S02'))!.seq).toBe(before + 1);
    expect(await d.statements.where('seq').above(before).primaryKeys()).toEqual(['S02']);

    const removed = await deleteIssuer(d, 'Ministry of Defense of the Republic of Azerbaijan');
    expect(removed.sort()).toEqual(['S01', 'S02']);
    expect(await currentSeq(d)).toEqual({ seq: before + 2, deletionSeq: before + 2 });
    expect((await d.settings.get(CORPUS_DELETION_SEQ_KEY))?.value).toBe(before + 2);
    // deleting an issuer with no statements is not a deletion
    expect(await deleteIssuer(d, 'nobody')).toEqual([]);
    expect(await currentSeq(d)).toEqual({ seq: before + 2, deletionSeq: before + 2 });
    await deleteAllStatements(d);
    expect(await currentSeq(d)).toEqual({ seq: before + 3, deletionSeq: before + 3 });
  });
});
