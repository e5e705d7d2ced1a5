// @ts-check
// The browser bench's workload (scripts/bench-browser.mjs): its corpora and queries, built from one
// seeded generator so every run measures the same texts. Not shared with `npm run bench` (scripts/bench.ts),
// whose corpora and queries are its own: merging them would change both benchmarks' figures and break
// the comparison with their earlier runs in docs/PERFORMANCE.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pick as pickFrom, seededRandom, shuffle } from '../shared/seeded-random.mjs';

/** Lower-case word sequence: how a passage is found again inside a statement's text. */
export const wordKeys = (/** @type {string} */ text) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

/**
 * @typedef {{ id: string, text: string, date?: string | null, [field: string]: unknown }} BenchRecord
 * @typedef {{ article: { text: string, title: string, date: string | null }, sourceId?: string, passageKeys?: string }} BenchQuery
 */

/**
 * Reads the shared data (the Senate releases, MSRP sentences and the dev set's articles) and returns
 * the generators. The Senate file is shuffled here, first, so the generator's sequence (and with it
 * every corpus and query) is the one earlier runs used.
 * @param {{ root: string, seed: number, positiveCount: number, negativeCount: number }} options
 */
export function browserBenchWorkload({ root, seed, positiveCount, negativeCount }) {
  const SENATE = join(root, '../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz');
  const MSRP = join(root, '../shared/data/corpora/msrp-paraphrase-pairs.jsonl');
  const DEV_ARTICLES = join(root, '../shared/data/dev/articles.jsonl');
  const random = seededRandom(seed);
  /** @type {<T>(items: readonly T[]) => T} */
  const pick = (items) => pickFrom(random, items);

  // ---------------------------------------------------------------------------------------------
  // Corpora. The Senate file in a fixed shuffled order; N ≤ 72,607 takes its first N records; larger N
  // adds derived records, one per Senate record in the same order until N is reached: id
  // "<id>~derived-<k>", the text cut into "paragraphs" of 30-90 words (the file's texts have no line
  // breaks) put back in a shuffled order and joined by blank lines, the date moved 30-900 days later,
  // issuer and the other fields kept. Each is a new statement (new id, new content hash) that shares
  // most 4-grams with its original, the hardest kind of neighbour for recall.
  const senate = shuffle(
    random,
    gunzipSync(readFileSync(SENATE))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l)),
  );

  /**
   * @param {BenchRecord} record
   * @param {number} k
   * @returns {BenchRecord}
   */
  function derived(record, k) {
    const words = record.text.split(/\s+/).filter(Boolean);
    const paragraphs = [];
    for (let at = 0; at < words.length; ) {
      const len = 30 + Math.floor(random() * 61);
      paragraphs.push(words.slice(at, at + len).join(' '));
      at += len;
    }
    const day = Date.parse(record.date ?? '2006-01-01');
    const shifted = new Date((Number.isFinite(day) ? day : Date.parse('2006-01-01')) + (30 + Math.floor(random() * 871)) * 86_400_000);
    return { ...record, id: `${record.id}~derived-${k}`, text: shuffle(random, paragraphs).join('\n\n'), date: shifted.toISOString().slice(0, 10) };
  }

  /**
   * The first `n` records of the corpus (derived ones past the Senate file's size).
   * @param {number} n
   */
  function corpusOf(n) {
    const records = senate.slice(0, n);
    for (let k = 1; records.length < n; k++) {
      for (let i = 0; i < senate.length && records.length < n; i++) records.push(derived(senate[i], k));
    }
    return records;
  }

  // ---------------------------------------------------------------------------------------------
  // Queries: ~1,500-word articles of real news text (MSRP sentences and the dev set's articles that
  // derive from no statement) with one real passage of 60-150 words of a corpus statement quoted in the
  // middle; negatives are the same filler without a passage. Sources come from the first
  // min(N, 10,000) records, so the same statements are present at every N.
  const filler = readFileSync(MSRP, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => {
      const r = JSON.parse(l);
      return [String(r.s1), String(r.s2)];
    });
  const devFiller = readFileSync(DEV_ARTICLES, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((a) => a.label === 'not_derived' && a.lang === 'en')
    .flatMap((a) => a.text.split('\n\n'));

  /** @param {number} words */
  function fillerParagraphs(words) {
    const out = [];
    let count = 0;
    while (count < words) {
      const p = random() < 0.3 ? pick(devFiller) : Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(filler)).join(' ');
      out.push(p);
      count += p.split(/\s+/).length;
    }
    return out;
  }

  /**
   * @param {BenchRecord[]} corpus
   * @returns {BenchQuery[]}
   */
  function buildQueries(corpus) {
    const pool = corpus.slice(0, Math.min(corpus.length, 10_000)).filter((r) => r.text.split(/\s+/).length >= 200);
    const queries = [];
    for (let q = 0; q < positiveCount; q++) {
      const source = pick(pool);
      const words = source.text.split(/\s+/).filter(Boolean);
      const length = 60 + Math.floor(random() * 91);
      const start = Math.floor(random() * (words.length - length));
      const passage = words.slice(start, start + length).join(' ');
      const paragraphs = fillerParagraphs(1500 - length);
      paragraphs.splice(Math.floor(paragraphs.length / 2), 0, `“${passage},” the senator's office said in a statement.`);
      const day = Date.parse(source.date ?? '');
      queries.push({
        article: {
          text: paragraphs.join('\n\n'),
          title: pick(filler).slice(0, 120),
          date: Number.isFinite(day) ? new Date(day + 86_400_000).toISOString().slice(0, 10) : null,
        },
        sourceId: source.id,
        passageKeys: wordKeys(passage),
      });
    }
    for (let q = 0; q < negativeCount; q++) {
      queries.push({ article: { text: fillerParagraphs(1500).join('\n\n'), title: pick(filler).slice(0, 120), date: null } });
    }
    return queries;
  }

  /** The 30 words of the article with the highest tf·idf against the corpus: MiniSearch's query. */
  /**
   * @param {string} text
   * @param {Map<string, number>} df document frequency of each word key in the corpus
   * @param {number} n corpus size
   */
  function distinctiveTerms(text, df, n, k = 30) {
    /** @type {Map<string, number>} */
    const tf = new Map();
    for (const w of wordKeys(text).split(' ')) if (w.length >= 2) tf.set(w, (tf.get(w) ?? 0) + 1);
    return [...tf]
      .filter(([w]) => df.has(w))
      .map(([w, f]) => /** @type {const} */ ([w, (1 + Math.log(f)) * Math.log(n / (df.get(w) ?? 1))]))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([w]) => w)
      .join(' ');
  }

  return { corpusOf, buildQueries, distinctiveTerms };
}
