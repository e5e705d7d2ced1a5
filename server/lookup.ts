import type { Pool } from 'pg';
import { stopGramDf } from '../lib/engine/index';
import type { LookupResponse, TeamStatement } from '../lib/team/protocol';
import { rankByGrams, type GramPostings } from '../lib/team/rank';
import type { GramFilter } from './gram-filter';

/** For each gram, its postings through the (gram, sid) index, at most $2 (stopDf + 1) of them. */
const POSTINGS_SQL = `SELECT p.sids, NULL AS head FROM unnest($1::int4[]) AS g(gram)
       CROSS JOIN LATERAL (SELECT array_agg(sid) AS sids FROM (SELECT sid FROM postings WHERE postings.gram = g.gram LIMIT $2) x HAVING count(*) < $2) p
      WHERE p.sids IS NOT NULL`;

/**
 * The same, plus one row with the gram log's head (its last row, or the snapshot's when the log is
 * empty: server/gram-filter.ts), read in the same snapshot of the database as the postings.
 */
const POSTINGS_AND_HEAD_SQL = `SELECT NULL::int4[] AS sids,
    (SELECT greatest(coalesce(max(seq), 0), (SELECT value FROM corpus_counts WHERE name = 'gram_set_upto')) FROM gram_log)::text AS head
  UNION ALL ${POSTINGS_SQL}`;

/**
 * Candidate statements for an article's keyed grams. One query: for each gram, its postings through
 * the (gram, sid) index, at most stopDf + 1 of them (a gram held by more statements is boilerplate
 * and weighs nothing, so reading the rest of its list would be wasted work: "for immediate release"
 * is in every Senate release). Ranking is the engine's (lib/team/rank.ts).
 *
 * With the gram set (`filter`), only the grams it holds are probed, and the same query reads the log's
 * head: when no batch was committed past the set's last (the usual case), the set covered every
 * posting that query could see, so nothing was skipped that it would have found, in one round trip.
 * Otherwise the set learns the new batches and the article's grams they brought are probed too.
 */
export async function lookupCandidates(pool: Pool, grams: Int32Array, words: number, corpusSize: number, filter?: GramFilter): Promise<LookupResponse> {
  const started = performance.now();
  const stopDf = stopGramDf(Math.max(1, corpusSize));
  let rows: Array<{ sids: number[] }>;
  if (!filter) rows = grams.length === 0 ? [] : await postingsOf(pool, 'sourcelens-lookup-3', POSTINGS_SQL, grams, stopDf);
  else {
    const probed = filter.keep(grams);
    const answer = await postingsOf(pool, 'sourcelens-lookup-head-1', POSTINGS_AND_HEAD_SQL, probed, stopDf);
    const head = Number(answer.find((r) => r.head !== null)?.head ?? 0);
    rows = answer.filter((r) => r.sids !== null);
    if (head > filter.version) {
      await filter.current();
      const more = unprobed(filter.keep(grams), probed);
      if (more.length > 0) rows.push(...(await postingsOf(pool, 'sourcelens-lookup-3', POSTINGS_SQL, more, stopDf)));
    }
  }
  const postings: GramPostings[] = rows.map((r) => ({ statements: r.sids }));
  const ranked = rankByGrams(postings, corpusSize, words);
  let candidates: LookupResponse['candidates'] = [];
  if (ranked.length > 0) {
    const { rows: found } = await pool.query<{ sid: number; id: string; hash: string }>('SELECT sid, id, hash FROM statements WHERE sid = ANY($1::int4[])', [
      ranked.map((c) => c.slot),
    ]);
    const bySid = new Map(found.map((r) => [r.sid, r]));
    candidates = ranked.flatMap((c) => {
      const row = bySid.get(c.slot);
      return row ? [{ id: row.id, hash: row.hash, score: c.score, sharedGrams: c.sharedGrams }] : [];
    });
  }
  return { statements: corpusSize, candidates, serverMs: performance.now() - started };
}

// A named (prepared) statement: each connection plans it once, not on every lookup (the lateral
// join over 8 partitions costs a few milliseconds of planning). A boilerplate gram's list (stopDf + 1
// read) is not sent back: the ranking would skip it.
async function postingsOf(pool: Pool, name: string, text: string, grams: Int32Array, stopDf: number) {
  const { rows } = await pool.query<{ sids: number[] | null; head: string | null }>({ name, text, values: [Array.from(grams), stopDf + 1] });
  return rows as Array<{ sids: number[]; head: string | null }>;
}

/** The grams of `kept` not in `probed`; both are subsequences of one list of distinct grams, probed ⊆ kept. */
function unprobed(kept: Int32Array, probed: Int32Array): Int32Array {
  const out = new Int32Array(kept.length);
  let n = 0;
  let p = 0;
  for (const g of kept) {
    if (p < probed.length && probed[p] === g) p++;
    else out[n++] = g;
  }
  return out.subarray(0, n);
}

export async function readStatements(pool: Pool, ids: readonly string[]): Promise<TeamStatement[]> {
  const { rows } = await pool.query<{
    id: string;
    hash: string;
    text: string;
    title: string | null;
    date: string | null;
    issuer: string | null;
    speaker: string | null;
    url: string | null;
    lang: string | null;
  }>('SELECT id, hash, text, title, date, issuer, speaker, url, lang FROM statements WHERE id = ANY($1::text[])', [ids]);
  return rows.map((r) => {
    const s: TeamStatement = { id: r.id, hash: r.hash, text: r.text };
    for (const key of ['title', 'date', 'issuer', 'speaker', 'url', 'lang'] as const) if (r[key] !== null) s[key] = r[key];
    return s;
  });
}

export async function corpusSize(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ value: string }>(`SELECT value FROM corpus_counts WHERE name = 'statements'`);
  return Number(rows[0]?.value ?? 0);
}
