/**
 * `npm run bench`'s texts and 72k index, as the scripts that dissect its checks need them
 * (scripts/bench-passes.ts, scripts/bench-ab.ts): the Senate releases in bench.ts's shuffled order,
 * its 80 articles of ~1,500 words (60 quoting a release, 20 without) and its 20 documents of ~20,000
 * characters, drawn with bench.ts's seed in bench.ts's order, so each script checks the same texts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readJsonl, toStatements } from '../../lib/cli/match.ts';
import { StatementIndex, type StatementDoc } from '../../lib/engine/index.ts';
import { longDocuments, negativeQueries, passageQueries } from './bench-queries.ts';
import { seededRandom, shuffle } from './seeded-random.mjs';

export interface BenchSet {
  senate: StatementDoc[];
  articles: string[];
  documents: string[];
}

export function benchSet(): BenchSet {
  const random = seededRandom(20231919); // bench.ts's seed, drawn in bench.ts's order
  const senate = shuffle(random, toStatements(readJsonl('../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz').records));
  const filler = readJsonl('../shared/data/corpora/msrp-paraphrase-pairs.jsonl').records.flatMap((r) => [String(r.s1), String(r.s2)]);
  const articles = [...passageQueries(random, senate, filler, 60), ...negativeQueries(random, filler, 20)].map((q) => q.text);
  const documents = longDocuments(random, senate, filler, 20).map((q) => q.text);
  return { senate, articles, documents };
}

/**
 * The serialized index of `corpus`: read from `cache` when it exists (delete it when indexing
 * changes), else built and, with a `cache`, written there. Checked to hold `corpus`'s size.
 */
export function benchIndexBytes(corpus: readonly StatementDoc[], cache: string): Uint8Array {
  let bytes: Uint8Array;
  if (cache && existsSync(cache)) bytes = new Uint8Array(readFileSync(cache));
  else {
    const built = new StatementIndex();
    built.add(corpus);
    built.compact();
    bytes = built.serialize();
    if (cache) writeFileSync(cache, bytes);
  }
  const size = StatementIndex.deserialize(bytes.slice()).size;
  if (size !== corpus.length) throw new Error(`${cache} holds ${size} statements, not ${corpus.length}: delete it`);
  return bytes;
}

/** The loader findSources asks for candidate texts, over an in-memory corpus. */
export function loaderOf(corpus: readonly StatementDoc[]): (ids: string[]) => Promise<StatementDoc[]> {
  const byId = new Map(corpus.map((d) => [d.id, d]));
  return async (ids) => ids.map((id) => byId.get(id)!).filter(Boolean);
}
