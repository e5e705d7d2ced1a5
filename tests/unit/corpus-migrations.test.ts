import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { SCHEMA_V1, SCHEMA_V2, SourceLensDb } from '../../lib/corpus/db';
import { contentHash } from '../../lib/engine/normalize';
import { toStatementRecord } from '../../lib/corpus/statement';
import { corpusStats, listIssuers, storeBatch } from '../../lib/corpus/store';
import { devStatements } from './helpers';

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
    const name = `migrate-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(1).stores(SCHEMA_V1);
    await old.open();
    const rows = v1Records();
    rows.push({ id: 'no-issuer', text: 'A statement from version 1 without an issuer.', hash: contentHash('A statement from version 1 without an issuer.') });
    rows.push({ id: 'shouting', text: 'Another statement.', issuer: 'MINISTRY OF DEFENSE OF THE REPUBLIC OF AZERBAIJAN', hash: contentHash('Another statement.') });
    await old.table('statements').bulkAdd(rows);
    expect(old.verno).toBe(1);
    old.close();

    const db = new SourceLensDb(name, { indexedDB, IDBKeyRange });
    try {
      await db.open();
      expect(db.verno).toBe(2);
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
      }
      expect(all.find((s) => s.id === 'S02')!.issuerKey).toBe('ministry of defense of the republic of azerbaijan');
      expect(all.find((s) => s.id === 'no-issuer')!.issuerKey).toBe('');

      // the new indexes work on upgraded data
      expect(await db.statements.where('issuerKey').equals('ministry of defense of the republic of azerbaijan').count()).toBe(3);
      const issuers = await listIssuers(db);
      expect(issuers[0]).toMatchObject({ key: 'ministry of defense of the republic of azerbaijan', count: 3 });
      expect(await corpusStats(db)).toEqual({ statements: rows.length, issuers: issuers.length });
      expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA_V2).sort());

      // and re-importing the same statements after the upgrade adds nothing
      const again = devStatements().flatMap((raw) => {
        const r = toStatementRecord(raw);
        return r.ok ? [r.record] : [];
      });
      const result = await storeBatch(db, again, 'after-upgrade.jsonl');
      expect(result).toMatchObject({ imported: 0, updated: 0, duplicates: 6 });
      expect((await db.statements.get('S01'))!.origins).toEqual(['after-upgrade.jsonl']);
    } finally {
      await db.delete();
    }
  });
});
