import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SourceLensDb } from '../../lib/corpus/db';
import { feedOrigin, newSubscription } from '../../lib/feeds/subscription';
import { contentHash } from '../../lib/engine/normalize';
import { issuerKey, toStatementRecord } from '../../lib/corpus/statement';
import { CORPUS_SEQ_KEY, corpusStats, currentSeq, listIssuers, storeBatch } from '../../lib/corpus/store';
import { devStatements } from '../shared/helpers';

/** Every schema an old profile may have been written with, in order (index 0 is version 1). */
const OLD_SCHEMAS = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4];

/**
 * Writes a database as `version` left it (`seed` fills it), then opens it with today's SourceLensDb,
 * checks it reached the current version with today's tables, and hands it to `check`.
 */
async function upgradeFrom(version: number, seed: (old: Dexie) => Promise<unknown>, check: (db: SourceLensDb) => Promise<void>) {
  const name = `migrate-v${version}-${Math.random().toString(36).slice(2)}`;
  const old = new Dexie(name, { indexedDB, IDBKeyRange });
  OLD_SCHEMAS.slice(0, version).forEach((schema, index) => old.version(index + 1).stores(schema));
  await old.open();
  await seed(old);
  expect(old.verno).toBe(version);
  old.close();

  const db = new SourceLensDb(name, { indexedDB, IDBKeyRange });
  try {
    await db.open();
    expect(db.verno).toBe(5);
    // Version 5 keeps the statement count in settings, counted once by the upgrade.
    expect((await db.settings.get('corpus.count'))?.value).toBe(await db.statements.count());
    expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA_V4).sort());
    await check(db);
  } finally {
    await db.delete();
  }
}

/** Records as version 1 wrote them: id, text, issuer, date, url, hash (no issuerKey, origins or addedAt). */
function v1Records() {
  return devStatements().map((raw) => {
    const text = raw.text as string;
    const row: Record<string, unknown> = { id: raw.id, text, date: raw.date, url: raw.url, hash: contentHash(text) };
    if (raw.issuer) row.issuer = raw.issuer;
    return row;
  });
}

describe('schema upgrade from version 1', () => {
  it('opens a version-1 database, keeps every record and fills issuerKey, origins and addedAt', async () => {
    const rows = v1Records();
    rows.push({ id: 'no-issuer', text: 'A statement from version 1 without an issuer.', hash: contentHash('A statement from version 1 without an issuer.') });
    rows.push({
      id: 'shouting',
      text: 'Another statement.',
      issuer: 'MINISTRY OF DEFENSE OF THE REPUBLIC OF AZERBAIJAN',
      hash: contentHash('Another statement.'),
    });
    await upgradeFrom(
      1,
      (old) => old.table('statements').bulkAdd(rows),
      async (db) => {
        expect(await db.statements.count()).toBe(rows.length);
        const all = await db.statements.toArray();
        for (const row of rows) {
          const stored = all.find((s) => s.id === row.id)!;
          expect(stored).toBeDefined();
          // everything version 1 wrote is still there, unchanged
          expect(stored).toMatchObject(row);
          expect(Array.isArray(stored.origins)).toBe(true);
          expect(stored.origins).toEqual([]);
          expect(stored.addedAt).toBe(0);
          expect(typeof stored.issuerKey).toBe('string');
          // version 3 numbers every write; rows older than the numbering get 0
          expect(stored.seq).toBe(0);
        }
        expect(all.find((s) => s.id === 'S02')!.issuerKey).toBe('ministry of defense of the republic of azerbaijan');
        expect(all.find((s) => s.id === 'no-issuer')!.issuerKey).toBe('');

        // the new indexes work on upgraded data
        expect(await db.statements.where('issuerKey').equals('ministry of defense of the republic of azerbaijan').count()).toBe(3);
        const issuers = await listIssuers(db);
        expect(issuers[0]).toMatchObject({ key: 'ministry of defense of the republic of azerbaijan', count: 3 });
        expect(await corpusStats(db)).toEqual({ statements: rows.length, issuers: issuers.length });
        expect(await db.statements.where('seq').equals(0).count()).toBe(rows.length);
        expect(await currentSeq(db)).toEqual({ seq: 0, deletionSeq: 0 });

        // and re-importing the same statements after the upgrade adds nothing
        const again = devStatements().flatMap((raw) => {
          const r = toStatementRecord(raw);
          return r.ok ? [r.record] : [];
        });
        const result = await storeBatch(db, again, 'after-upgrade.jsonl');
        expect(result).toMatchObject({ imported: 0, updated: 0, duplicates: 6 });
        expect((await db.statements.get('S01'))!.origins).toEqual(['after-upgrade.jsonl']);
        // only the origins changed: the text did not, so the statement keeps its seq
        expect((await db.statements.get('S01'))!.seq).toBe(0);
      },
    );
  });
});

/** Records as version 2 wrote them: v1's fields plus issuerKey, origins and addedAt, no seq. */
function v2Records() {
  return devStatements().map((raw) => {
    const text = raw.text as string;
    const issuer = typeof raw.issuer === 'string' ? raw.issuer : undefined;
    const row: Record<string, unknown> = {
      id: raw.id,
      text,
      date: raw.date,
      url: raw.url,
      lang: raw.lang,
      hash: contentHash(text),
      issuerKey: issuerKey(issuer),
      origins: ['dev.jsonl'],
      addedAt: 1_700_000_000_000,
    };
    if (issuer) row.issuer = issuer;
    return row;
  });
}

describe('schema upgrade from version 2', () => {
  it('opens a version-2 database, keeps every record and settings, fills seq with 0 and adds indexSnapshots', async () => {
    const rows = v2Records();
    const seed = async (old: Dexie) => {
      await old.table('statements').bulkAdd(rows);
      await old.table('settings').put({ key: 'user.settings', value: { hintsVisible: false, siteRules: [] } });
      expect(old.tables.map((t) => t.name).sort()).toEqual(['settings', 'statements']);
    };
    await upgradeFrom(2, seed, async (db) => {
      const all = await db.statements.toArray();
      expect(all).toHaveLength(rows.length);
      for (const row of rows) {
        const stored = all.find((s) => s.id === row.id)!;
        expect(stored).toEqual({ ...row, seq: 0 });
      }
      // the new seq index works on upgraded rows
      expect(await db.statements.where('seq').equals(0).count()).toBe(rows.length);
      expect(await db.statements.where('seq').above(0).count()).toBe(0);
      expect((await db.settings.get('user.settings'))?.value).toEqual({ hintsVisible: false, siteRules: [] });
      expect(await db.indexSnapshots.count()).toBe(0);

      // the first write after the upgrade gets seq 1; untouched rows keep 0
      const changed = toStatementRecord({ ...devStatements()[0]!, text: 'A corrected statement of the ministry, after the upgrade.' });
      if (!changed.ok) throw new Error(changed.reason);
      const result = await storeBatch(db, [changed.record], 'fix.jsonl');
      expect(result).toMatchObject({ imported: 0, updated: 1 });
      expect((await db.settings.get(CORPUS_SEQ_KEY))?.value).toBe(1);
      expect((await db.statements.get('S01'))!.seq).toBe(1);
      expect((await db.statements.get('S02'))!.seq).toBe(0);
      expect(await db.statements.where('seq').above(0).primaryKeys()).toEqual(['S01']);
      expect(await corpusStats(db)).toMatchObject({ statements: rows.length });
    });
  });
});

describe('schema upgrade from version 3', () => {
  it('opens a version-3 database with statements, settings and an index snapshot, keeps them all and adds feeds', async () => {
    const rows: Record<string, unknown>[] = v2Records().map((row, position) => ({ ...row, seq: position + 1 }));
    const snapshot = { key: 'main', seq: rows.length, size: rows.length, bytes: new Uint8Array([1, 2, 3]), savedAt: 1_700_000_000_000 };
    const seed = async (old: Dexie) => {
      await old.table('statements').bulkAdd(rows);
      await old.table('settings').bulkPut([
        { key: 'user.settings', value: { hintsVisible: true, siteRules: [{ host: 'example.com', rule: 'deny' }] } },
        { key: CORPUS_SEQ_KEY, value: rows.length },
      ]);
      await old.table('indexSnapshots').put(snapshot);
    };
    await upgradeFrom(3, seed, async (db) => {
      const all = await db.statements.toArray();
      expect(all).toHaveLength(rows.length);
      for (const row of rows) expect(all.find((s) => s.id === row.id)).toEqual(row);
      expect((await db.settings.get('user.settings'))?.value).toEqual({ hintsVisible: true, siteRules: [{ host: 'example.com', rule: 'deny' }] });
      expect(await currentSeq(db)).toEqual({ seq: rows.length, deletionSeq: 0 });
      expect(await db.indexSnapshots.get('main')).toEqual(snapshot);
      expect(await db.feeds.count()).toBe(0);

      // the new table works, and a feed's statement joins an upgraded one by its text, keeping both origins
      await db.feeds.put(newSubscription({ url: 'https://example.org/feed.xml', issuer: 'Example ministry' }, 1));
      expect((await db.feeds.get('https://example.org/feed.xml'))?.issuer).toBe('Example ministry');
      const same = toStatementRecord({ id: 'feed-item-1', text: rows[0]!.text });
      if (!same.ok) throw new Error(same.reason);
      const result = await storeBatch(db, [same.record], feedOrigin('https://example.org/feed.xml'));
      expect(result).toMatchObject({ imported: 0, duplicates: 1 });
      expect((await db.statements.get(rows[0]!.id as string))!.origins).toEqual(['dev.jsonl', 'feed:https://example.org/feed.xml']);
      expect(await db.statements.count()).toBe(rows.length);
    });
  });
});

describe('schema upgrade from version 4', () => {
  it('opens a version-4 database, keeps everything, and from then on keeps a statement count that later writes maintain', async () => {
    const rows: Record<string, unknown>[] = v2Records().map((row, position) => ({ ...row, seq: position + 1 }));
    const seed = async (old: Dexie) => {
      await old.table('statements').bulkAdd(rows);
      await old.table('settings').put({ key: CORPUS_SEQ_KEY, value: rows.length });
      await old.table('feeds').put(newSubscription({ url: 'https://example.org/feed.xml', issuer: 'Example ministry' }, 1));
    };
    await upgradeFrom(4, seed, async (db) => {
      const all = await db.statements.toArray();
      for (const row of rows) expect(all.find((s) => s.id === row.id)).toEqual(row);
      expect((await db.feeds.get('https://example.org/feed.xml'))?.issuer).toBe('Example ministry');
      expect((await db.settings.get('corpus.count'))?.value).toBe(rows.length);
      const fresh = toStatementRecord({ id: 'after-upgrade', text: 'A statement stored after the upgrade.' });
      if (!fresh.ok) throw new Error(fresh.reason);
      await storeBatch(db, [fresh.record], 'later.jsonl');
      expect(await corpusStats(db)).toMatchObject({ statements: rows.length + 1 });
      expect(await db.statements.count()).toBe(rows.length + 1);
    });
  });
});
