/**
 * Postings layouts compared on one team database (docs/PERFORMANCE.md, "Postings layouts"):
 *
 *   DATABASE_URL=… node --import tsx scripts/bench-lookup-variants.ts [--setup] VARIANT...
 *
 * VARIANT: `btree` (the server's lookupCandidates: partitioned btree, lateral join), `flat` (the same
 * lateral join over an unpartitioned copy), `flat-any` (one `gram = ANY($1)` scan of that copy),
 * `any` (`gram = ANY($1)` over the partitioned table), `gin` (per-statement `int4[]` with intarray's
 * GIN index, `grams && $1`). `--setup` first builds the copies the variants read (postings_flat,
 * stmt_grams: minutes at 300k statements). For each variant, 40 articles of ~1,500 words (as
 * bench:server's) are looked up twice one at a time and twice more 8 at a time; it prints the time per
 * lookup (the variant's SQL and ranking) and the CPU per lookup of this process and of PostgreSQL
 * (from /proc: run it against a cluster of scripts/with-postgres.sh on the same machine).
 */
import pg from 'pg';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { stopGramDf } from '../lib/engine/index.ts';
import { articleGrams } from '../lib/team/article-grams.ts';
import { rankByGrams, type GramPostings } from '../lib/team/rank.ts';
import { gramKey } from '../server/config.ts';
import { keyGramsBulk } from '../server/keyed-grams.ts';
import { corpusSize, lookupCandidates } from '../server/lookup.ts';
import { passageQueries } from './shared/bench-queries.ts';
import { percentile } from './shared/bench-stats.mjs';
import { seededRandom } from './shared/seeded-random.mjs';
import { databaseCpuSeconds } from './shared/process-cpu.ts';

const args = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8 });

if (args.includes('--setup')) {
  await pool.query(`SET maintenance_work_mem = '512MB'`);
  await pool.query('CREATE EXTENSION IF NOT EXISTS intarray');
  await pool.query('CREATE TABLE IF NOT EXISTS postings_flat AS SELECT gram, sid FROM postings ORDER BY gram, sid');
  await pool.query('CREATE INDEX IF NOT EXISTS postings_flat_gram_sid ON postings_flat (gram, sid)');
  await pool.query('CREATE TABLE IF NOT EXISTS stmt_grams AS SELECT sid, array_agg(gram ORDER BY gram) AS grams FROM postings GROUP BY sid');
  await pool.query('CREATE INDEX IF NOT EXISTS stmt_grams_gin ON stmt_grams USING gin (grams gin__int_ops)');
  await pool.query('VACUUM ANALYZE postings_flat');
  await pool.query('VACUUM ANALYZE stmt_grams');
}

const senate = toStatements(readJsonl('../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz').records.slice(0, 2000));
const filler = readJsonl('../shared/data/corpora/msrp-paraphrase-pairs.jsonl').records.flatMap((r) => [String(r.s1), String(r.s2)]);
const queries = passageQueries(seededRandom(20231919), senate, filler, 40);
const key = await gramKey(pool);
const n = await corpusSize(pool);
const prepared = queries.map((q) => {
  const a = articleGrams(q.text, 'en');
  return { grams: keyGramsBulk(key, a.grams).sort(), words: a.words };
});
const dataDir = (await pool.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory;

type Lookup = (grams: Int32Array, words: number) => Promise<unknown>;

/** Per-gram postings from (gram, sid) rows, ranked as the server ranks them. */
const rankRows = (rows: Array<[number, number]>, words: number) => {
  const by = new Map<number, number[]>();
  for (const [gram, sid] of rows) {
    const list = by.get(gram);
    if (list) list.push(sid);
    else by.set(gram, [sid]);
  }
  return rankByGrams(
    [...by.values()].map((l): GramPostings => ({ statements: l })),
    n,
    words,
  );
};
const rowsOf = async (name: string, text: string, values: unknown[]) =>
  (await pool.query({ name, text, values, rowMode: 'array' })).rows as unknown as Array<[number, number]>;

const VARIANTS: Record<string, Lookup> = {
  btree: (grams, words) => lookupCandidates(pool, grams, words, n),
  flat: async (grams, words) => {
    const { rows } = await pool.query<{ sids: number[] }>({
      name: 'variant-flat',
      text: `SELECT p.sids FROM unnest($1::int4[]) AS g(gram)
        CROSS JOIN LATERAL (SELECT array_agg(sid) AS sids FROM (SELECT sid FROM postings_flat f WHERE f.gram = g.gram LIMIT $2) x HAVING count(*) < $2) p
        WHERE p.sids IS NOT NULL`,
      values: [Array.from(grams), stopGramDf(n) + 1],
    });
    return rankByGrams(
      rows.map((r) => ({ statements: r.sids })),
      n,
      words,
    );
  },
  'flat-any': async (grams, words) =>
    rankRows(await rowsOf('variant-flat-any', 'SELECT gram, sid FROM postings_flat WHERE gram = ANY($1::int4[])', [Array.from(grams)]), words),
  any: async (grams, words) => rankRows(await rowsOf('variant-any', 'SELECT gram, sid FROM postings WHERE gram = ANY($1::int4[])', [Array.from(grams)]), words),
  gin: async (grams, words) => {
    const rows = (await pool.query({
      name: 'variant-gin',
      text: 'SELECT sid, grams & $1::int4[] AS shared FROM stmt_grams WHERE grams && $1::int4[]',
      values: [Array.from(grams)],
      rowMode: 'array',
    })) as unknown as { rows: Array<[number, number[]]> };
    return rankRows(
      rows.rows.flatMap(([sid, shared]) => shared.map((g): [number, number] => [g, sid])),
      words,
    );
  },
};

for (const name of args.filter((a) => !a.startsWith('--'))) {
  const lookup = VARIANTS[name];
  if (!lookup) throw new Error(`unknown variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`);
  for (const clients of [1, 1, 8, 8]) {
    const times: number[] = [];
    const total = prepared.length * (clients > 1 ? 2 : 1);
    let next = 0;
    const cpu0 = process.cpuUsage();
    const db0 = databaseCpuSeconds(dataDir) * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < total) {
          const p = prepared[next++ % prepared.length]!;
          const t0 = performance.now();
          await lookup(p.grams, p.words);
          times.push(performance.now() - t0);
        }
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `${name.padEnd(9)} ${clients} at once: p50 ${percentile(times, 50).toFixed(1)} / p95 ${percentile(times, 95).toFixed(1)} ms; CPU per lookup: node ${((cpu.user + cpu.system) / 1000 / times.length).toFixed(1)} ms, PostgreSQL ${((databaseCpuSeconds(dataDir) * 1000 - db0) / times.length).toFixed(1)} ms`,
    );
  }
}
await pool.end();
