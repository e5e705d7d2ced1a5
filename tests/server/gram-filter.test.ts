import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toStatementRecord, type StatementRecord } from '../../lib/corpus/statement';
import { unpackGrams } from '../../lib/team/gram-key';
import { TeamClient } from '../../lib/team/team-client';
import { compactGramSet, loadGramSet } from '../../server/gram-filter';
import { storeRecords } from '../../server/ingest';
import { createPool, DATABASE_URL, resetDatabase, senateLines, STARTER, startServer, TOKENS, type Running } from './helpers';

/**
 * The server's set of grams with postings (server/gram-filter.ts) against the real database: it must
 * never lack a gram that has postings, whoever imported it and whenever.
 */
const records = (lines: string[]): StatementRecord[] =>
  lines.map((l) => {
    const r = toStatementRecord(JSON.parse(l));
    if (!r.ok) throw new Error(r.reason);
    return r.record;
  });
const starter = records(
  readFileSync(STARTER, 'utf8')
    .split('\n')
    .filter((l) => l.trim()),
);

// A news paragraph quoting the middle of a statement, with words around it the corpus does not hold.
const article = (text: string) => {
  const words = text.split(/\s+/);
  return `Officials spoke to reporters on Tuesday about the situation. "${words.slice(20, 60).join(' ')}" the statement said, according to a copy seen by our correspondent, who added further context later in the day.`;
};

let senate: StatementRecord[];
let filtered: Running;
let unfiltered: Running;
/** Another importer: a pool of its own, as `sourcelens server import` in another process has. */
let importer: pg.Pool;

beforeAll(async () => {
  await resetDatabase();
  senate = records(await senateLines(2100));
  importer = createPool(DATABASE_URL, 2);
  unfiltered = await startServer({ gramFilter: false });
  await storeRecords(importer, unfiltered.key, senate.slice(0, 2000), 'senate.jsonl.gz');
  await storeRecords(importer, unfiltered.key, starter, 'starter.jsonl');
  // Half the grams from the snapshot, the rest from the log after it.
  await compactGramSet(importer, 1);
  await storeRecords(importer, unfiltered.key, senate.slice(2000, 2050), 'senate.jsonl.gz');
  filtered = await startServer();
});
afterAll(async () => {
  await filtered?.close();
  await unfiltered?.close();
  await importer?.end();
});

const distinctGrams = async () => (await importer.query<{ gram: number }>('SELECT DISTINCT gram FROM postings')).rows.map((r) => r.gram);
const lookup = async (srv: Running, text: string) => {
  const client = new TeamClient({ address: srv.url, token: TOKENS.read });
  const answer = await client.lookup(await client.prepare(text, 'en'));
  return answer.candidates;
};

describe('the gram set', () => {
  it('holds every gram that has postings, from the snapshot and the log', async () => {
    const grams = await distinctGrams();
    expect(grams.length).toBeGreaterThan(100_000);
    const filter = filtered.gramFilter!;
    await filter.current();
    expect(filter.size).toBe(grams.length);
    expect(filter.keep(Int32Array.from(grams)).length).toBe(grams.length);
    const cold = await loadGramSet(importer);
    expect(cold.logRows).toBe(1);
    expect(cold.set.size).toBe(grams.length);
  });

  it('answers lookups as probing every gram does, and sends PostgreSQL only the grams held', async () => {
    let probedFewer = 0;
    let found = 0;
    for (const s of [...starter.slice(0, 8), senate[10]!, senate[1500]!, senate[2010]!]) {
      const text = article(s.text);
      const [withSet, without] = await Promise.all([lookup(filtered, text), lookup(unfiltered, text)]);
      expect(withSet).toEqual(without);
      if (withSet[0]?.id === s.id) found++;
      const query = await new TeamClient({ address: filtered.url, token: TOKENS.read }).prepare(text, 'en');
      const grams = unpackGrams(query.grams)!;
      if (filtered.gramFilter!.keep(grams).length < grams.length) probedFewer++;
    }
    expect(found).toBeGreaterThanOrEqual(8);
    expect(probedFewer).toBeGreaterThan(0);
  });

  it('finds a statement another process imports after the server started, at once', async () => {
    const late = senate[2060]!;
    expect((await lookup(filtered, article(late.text))).map((c) => c.id)).not.toContain(late.id);
    await storeRecords(importer, filtered.key, [late], 'late.jsonl');
    expect((await lookup(filtered, article(late.text)))[0]?.id).toBe(late.id);
  });

  it('misses nothing when another process compacts the log past the rows it has read', async () => {
    const late = senate.slice(2070, 2072);
    await storeRecords(importer, filtered.key, [late[0]!], 'late.jsonl');
    // Fewer rows than the threshold: left to the servers.
    await compactGramSet(importer);
    expect(Number((await importer.query<{ n: string }>('SELECT count(*) AS n FROM gram_log')).rows[0]!.n)).toBeGreaterThan(0);
    await compactGramSet(importer, 1);
    expect(Number((await importer.query<{ n: string }>('SELECT count(*) AS n FROM gram_log')).rows[0]!.n)).toBe(0);
    await storeRecords(importer, filtered.key, [late[1]!], 'late.jsonl');
    for (const s of late) expect((await lookup(filtered, article(s.text)))[0]?.id).toBe(s.id);
    const grams = await distinctGrams();
    expect(filtered.gramFilter!.keep(Int32Array.from(grams)).length).toBe(grams.length);
  });

  it('keeps the grams of a corrected text (its new ones found, its old ones a harmless extra)', async () => {
    const original = senate[2080]!;
    await storeRecords(importer, filtered.key, [original], 'late.jsonl');
    const corrected = { ...original, text: senate[2090]!.text };
    expect(await storeRecords(importer, filtered.key, [corrected], 'late.jsonl')).toMatchObject({ updated: 1 });
    expect((await lookup(filtered, article(corrected.text)))[0]?.id).toBe(original.id);
    const grams = await distinctGrams();
    await filtered.gramFilter!.current();
    expect(filtered.gramFilter!.keep(Int32Array.from(grams)).length).toBe(grams.length);
    expect(filtered.gramFilter!.size).toBeGreaterThan(grams.length);
  });
});
