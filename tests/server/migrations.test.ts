import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordHashes } from '../../lib/engine/index';
import { termBucket, TERM_BUCKETS } from '../../lib/team/term-df';
import { loadGramSet } from '../../server/gram-filter';
import { migrate, MIGRATIONS } from '../../server/migrations';
import { DATABASE_URL, resetDatabase } from './helpers';

/** A database written by schema version 1 (statements, no word sketch) upgrades with its sketch counted. */
let pool: pg.Pool;
beforeAll(async () => {
  await resetDatabase();
  pool = new pg.Pool({ connectionString: DATABASE_URL });
});
afterAll(async () => pool?.end());

describe('migrations', () => {
  it('version 1 → 2 counts the words of the statements already stored; 3 → 4 builds the gram set from the postings', async () => {
    const client = await pool.connect();
    try {
      expect(await migrate(client, MIGRATIONS.slice(0, 1))).toEqual([1]);
      const text = 'The harbour authority confirmed the inspection of the northern pier on Monday.';
      await client.query(`INSERT INTO statements (id, hash, text, title) VALUES ('old-1', 'h1', $1, 'Harbour notice')`, [text]);
      await client.query(`INSERT INTO statements (id, hash, text) VALUES ('old-2', 'h2', 'The harbour stays open.')`);
      expect(await migrate(client, MIGRATIONS.slice(0, 2))).toEqual([2]);
      const { rows } = await client.query<{ counts: Buffer }>('SELECT counts FROM term_df WHERE id = 1');
      const counts = new Uint32Array(rows[0]!.counts.buffer, rows[0]!.counts.byteOffset, TERM_BUCKETS);
      const [harbour, inspection, notice] = [...wordHashes('harbour inspection notice')].map(termBucket);
      expect(counts[harbour!]).toBe(2);
      expect(counts[inspection!]).toBe(1);
      expect(counts[notice!]).toBe(1); // title words count too
      expect(await migrate(client, MIGRATIONS.slice(0, 3))).toEqual([3]);
      const { rows: after } = await client.query<{ counts: Buffer }>('SELECT counts FROM term_df WHERE id = 1');
      expect(Buffer.compare(after[0]!.counts, rows[0]!.counts)).toBe(0);
      // Version 4 builds the gram set from the postings stored: every gram, negative ones and the
      // extremes included, each once.
      const grams = [-(2 ** 31), -65536, -65535, -1, 0, 1, 65535, 65536, 123456789, 2 ** 31 - 1];
      await client.query('INSERT INTO postings (gram, sid) SELECT g, s FROM unnest($1::int4[]) g, generate_series(1, 2) s', [grams]);
      expect(await migrate(client)).toEqual([4]);
      const loaded = await loadGramSet(pool);
      expect(loaded.set.size).toBe(grams.length);
      expect(Array.from(loaded.set.keep(Int32Array.from([...grams, 2, -2, 65537])))).toEqual(grams);
      expect(await migrate(client)).toEqual([]);
    } finally {
      client.release();
    }
  });
});
