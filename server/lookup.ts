import type { Pool } from 'pg';
import { stopGramDf } from '../lib/engine/index';
import type { LookupResponse, TeamStatement } from '../lib/team/protocol';
import { rankByGrams, type GramPostings } from '../lib/team/rank';

/**
 * Candidate statements for an article's keyed grams. One query: for each gram, its postings through
 * the (gram, sid) index, at most stopDf + 1 of them (a gram held by more statements is boilerplate
 * and weighs nothing, so reading the rest of its list would be wasted work: "for immediate release"
 * is in every Senate release). Ranking is the engine's (lib/team/rank.ts).
 */
export async function lookupCandidates(pool: Pool, grams: Int32Array, words: number, corpusSize: number): Promise<LookupResponse> {
  const started = performance.now();
  const stopDf = stopGramDf(Math.max(1, corpusSize));
  // A named (prepared) statement: each connection plans it once, not on every lookup (the lateral
  // join over 8 partitions costs a few milliseconds of planning).
  const { rows } =
    grams.length === 0
      ? { rows: [] }
      : await pool.query<{ sids: number[] }>({
          name: 'sourcelens-lookup-2',
          // A boilerplate gram's list (stopDf + 1 read) is not sent back: the ranking would skip it.
          text: `SELECT p.sids FROM unnest($1::int4[]) AS g(gram)
       CROSS JOIN LATERAL (SELECT array_agg(sid) AS sids FROM (SELECT sid FROM postings WHERE postings.gram = g.gram LIMIT $2) x HAVING count(*) < $2) p
      WHERE p.sids IS NOT NULL`,
          values: [Array.from(grams), stopDf + 1],
        });
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
