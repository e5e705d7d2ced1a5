/**
 * npm run bench [-- --json] [--json-out FILE] [--sizes 1000,10000,72607] [--queries 60] [--no-peers] [--misses]
 *
 * Corpora: the first 1k, 10k and all 72,607 releases of the Senate file, in a fixed shuffled order.
 * Queries (same for every size and engine): a ~1,500-word article made of real news sentences
 * (MSRP corpus, which is not in the index) with a real 120-word passage of one corpus release (one of
 * the first 1,000, so it is in every corpus) embedded in the middle; plus negatives of filler only.
 * Measured for SourceLens: index build time, serialised size, index heap (after GC), cold start
 * (deserialize), check latency p50/p95 (findSources, texts loaded from an in-memory map), recall@1
 * (top shown source is the embedded release or an identical copy), false positives on negatives;
 * and for long documents (~20,000 characters of filler with 60-120-word passages of 12 releases),
 * latency p50/p95 and the share of the embedded releases shown.
 * Peers, in the same run: MiniSearch and FlexSearch indexed on the same texts, queried with the
 * article's 30 most distinctive words (tf·idf against the corpus): whole-text queries of 1,500 words
 * took seconds per query in MiniSearch at 10k, so both get the same distinctive-term query.
 * Peak memory is the largest RSS seen. The script re-runs itself with an 8 GB heap limit because
 * the peers need ~1.5 GB at 72k.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import { StatementIndex, findSources, type StatementDoc } from '../lib/engine/index.ts';
import { tokenize, wordHashes } from '../lib/engine/index.ts';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';
import { LONG_CHARS, LONG_SOURCES, longDocuments, negativeQueries, passageQueries } from './shared/bench-queries.ts';
import { percentile, round } from './shared/bench-stats.mjs';
import { seededRandom, shuffle } from './shared/seeded-random.mjs';

// The peers need ~1.5 GB of heap at 72k (FlexSearch 1.2 GB); re-run with a larger heap if needed.
if (getHeapStatistics().heap_size_limit < 6e9 && !process.env.SOURCELENS_BENCH_CHILD) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, SOURCELENS_BENCH_CHILD: '1' },
  });
  process.exit(r.status ?? 1);
}
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

installBundledLexicons();
const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const senatePath = opt('--corpus', '../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz');
const msrpPath = opt('--filler', '../shared/data/corpora/msrp-paraphrase-pairs.jsonl');
const queryCount = Number(opt('--queries', '60'));
const negativeCount = Math.round(queryCount / 3);
const peers = !args.includes('--no-peers');
const listMisses = args.includes('--misses');
const log = (...x: unknown[]) => {
  if (!json) console.error(...x);
};

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const rssTimer = setInterval(sampleRss, 50);

const random = seededRandom(20231919);

interface Query {
  text: string;
  sourceId?: string;
  /** Word keys of the embedded passage, space-joined: a top hit counts if its text contains them. */
  passageKeys?: string;
}

/** The positives (passageQueries), then negatives of filler only. */
function buildQueries(corpus: StatementDoc[], filler: string[]): Query[] {
  return [...passageQueries(random, corpus, filler, queryCount), ...negativeQueries(random, filler, negativeCount)];
}

/** The query's most distinctive words by tf·idf against a document-frequency table (by word hash). */
function distinctiveTerms(text: string, df: Map<number, number>, n: number, k = 30): string[] {
  const t = tokenize(text);
  const tf = new Map<number, { word: string; f: number }>();
  t.keys.forEach((key, i) => {
    if (key.length < 2) return;
    const e = tf.get(t.hashes[i]!);
    if (e) e.f++;
    else tf.set(t.hashes[i]!, { word: key, f: 1 });
  });
  return [...tf]
    .filter(([h]) => df.has(h))
    .map(([h, e]) => [e.word, (1 + Math.log(e.f)) * Math.log(n / df.get(h)!)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([w]) => w);
}

interface PeerResult {
  buildMs: number;
  p50: number;
  p95: number;
  recallAt1: number;
  /** p95 of process CPU time (user + system) per query: robust to other processes on the machine. */
  cpuP95?: number;
  /** The same peer queried with the article's whole text (up to FULL_TEXT_BUDGET_MS in total). */
  fullText?: { p50: number; p95: number; recallAt1: number; queries: number };
}

/** Time budget per peer and corpus for whole-text queries; beyond it the remaining queries are skipped. */
const FULL_TEXT_BUDGET_MS = 10_000;

function peerFullText(
  queries: Query[],
  search: (q: Query) => string | number | undefined,
  isHit: (top: string | number | undefined, q: Query) => boolean,
): { p50: number; p95: number; recallAt1: number; queries: number } {
  const lat: number[] = [];
  let hits = 0;
  let positives = 0;
  const start = performance.now();
  for (const q of queries) {
    if (performance.now() - start > FULL_TEXT_BUDGET_MS) break;
    const t0 = performance.now();
    const top = search(q);
    lat.push(performance.now() - t0);
    if (q.sourceId) {
      positives++;
      if (isHit(top, q)) hits++;
    }
  }
  return { p50: round(percentile(lat, 50), 2), p95: round(percentile(lat, 95), 2), recallAt1: positives ? hits / positives : 0, queries: lat.length };
}

async function main() {
  log('loading corpora…');
  const senate = shuffle(random, toStatements(readJsonl(senatePath).records));
  const filler = readJsonl(msrpPath).records.flatMap((r) => [String(r.s1), String(r.s2)]);
  const sizes = opt('--sizes', `1000,10000,${senate.length}`).split(',').map(Number);
  const queries = buildQueries(senate, filler);
  const longQueries = longDocuments(random, senate, filler, Math.max(5, Math.round(queryCount / 3)));
  const positives = queries.filter((q) => q.sourceId);
  const results: Record<string, unknown>[] = [];
  let miniFullTextOk = true;
  let flexFullTextOk = true;

  for (const size of sizes) {
    const corpus = senate.slice(0, size);
    const byId = new Map(corpus.map((d) => [d.id, d]));
    // A hit is the embedded release or any release containing the same 120 words: the Senate file
    // holds the same release under several senators' names (exact and near duplicates).
    const keysOf = new Map<string, string>();
    const isHit = (id: string | undefined, q: Query) => {
      if (id === undefined) return false;
      if (id === q.sourceId) return true;
      let k = keysOf.get(id);
      if (k === undefined) keysOf.set(id, (k = tokenize(byId.get(id)!.text).keys.join(' ')));
      return k.includes(q.passageKeys!);
    };
    const rawBytes = corpus.reduce((n, d) => n + d.text.length, 0);
    gc();
    const heapOf = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const heap0 = heapOf();
    let t = performance.now();
    const index = new StatementIndex();
    index.add(corpus);
    index.compact();
    const buildMs = performance.now() - t;
    gc();
    const indexHeap = heapOf() - heap0;
    sampleRss();
    const bytes = index.serialize();
    // What a service worker holds after a cold start: the stored bytes (a fresh copy, as read from
    // IndexedDB) plus what deserialize() allocates.
    const stored = bytes.slice();
    gc();
    const coldHeap0 = heapOf();
    t = performance.now();
    const loaded = StatementIndex.deserialize(stored);
    const coldStartMs = performance.now() - t;
    gc();
    const coldHeapBytes = heapOf() - coldHeap0 + stored.byteLength;
    const load = async (ids: string[]) => ids.map((id) => byId.get(id)!).filter(Boolean);
    // warm-up
    for (const q of queries.slice(0, 3)) await findSources({ text: q.text, lang: 'en' }, loaded, load);
    const lat: number[] = [];
    const cpu: number[] = [];
    let hits = 0;
    let fps = 0;
    for (const q of queries) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await findSources({ text: q.text, lang: 'en' }, loaded, load);
      lat.push(performance.now() - t0);
      cpu.push(cpuMs(c0));
      const top = r.sources[0];
      if (q.sourceId) {
        if (isHit(top?.statementId, q)) hits++;
        else if (listMisses) {
          const rr = await findSources({ text: q.text, lang: 'en' }, loaded, load, { includeBelowThreshold: true });
          const src = rr.sources.find((s) => s.statementId === q.sourceId);
          console.error(
            `[${size}] miss: source ${q.sourceId} ${src ? `scored ${src.score}, rank ${rr.sources.indexOf(src) + 1}` : 'not retrieved'}; shown first: ${top ? `${top.statementId} (${top.score})` : 'nothing'}; passage "${q.passageKeys!.slice(0, 60)}…"`,
          );
        }
      } else if (r.sources.length) fps++;
    }
    // Long documents: latency, and the share of their embedded releases shown (or an identical copy).
    const longLat: number[] = [];
    const longCpu: number[] = [];
    let longFound = 0;
    for (const q of longQueries) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await findSources({ text: q.text, lang: 'en' }, loaded, load);
      longLat.push(performance.now() - t0);
      longCpu.push(cpuMs(c0));
      const shown = new Set(r.sources.flatMap((s) => [s.statementId, ...(s.duplicates ?? [])]));
      longFound += q.sourceIds.filter((id) => shown.has(id)).length;
    }
    sampleRss();
    const ours = {
      buildMs: Math.round(buildMs),
      indexBytes: bytes.byteLength,
      rawTextBytes: rawBytes,
      indexHeapBytes: indexHeap,
      coldHeapBytes,
      coldStartMs: Math.round(coldStartMs * 10) / 10,
      p50: round(percentile(lat, 50), 2),
      p95: round(percentile(lat, 95), 2),
      cpuP50: round(percentile(cpu, 50), 2),
      cpuP95: round(percentile(cpu, 95), 2),
      recallAt1: hits / positives.length,
      falsePositiveRate: fps / negativeCount,
      longP50: round(percentile(longLat, 50), 2),
      longP95: round(percentile(longLat, 95), 2),
      longCpuP95: round(percentile(longCpu, 95), 2),
      longSourcesFound: longFound / (longQueries.length * LONG_SOURCES),
    };
    log(`[${size}] SourceLens`, ours);

    let mini: PeerResult | undefined;
    let flex: PeerResult | undefined;
    if (peers) {
      const df = new Map<number, number>();
      for (const d of corpus) for (const h of new Set(wordHashes(d.text))) df.set(h, (df.get(h) ?? 0) + 1);
      const termQueries = queries.map((q) => distinctiveTerms(q.text, df, corpus.length).join(' '));
      df.clear();
      const positivesOf = (top: string | number | undefined, q: Query) => isHit(top === undefined ? undefined : String(top), q);

      t = performance.now();
      const ms = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: [] });
      ms.addAll(corpus.map((d) => ({ id: d.id, text: d.text })));
      const msBuild = performance.now() - t;
      sampleRss();
      const msLat: number[] = [];
      const msCpu: number[] = [];
      let msHits = 0;
      queries.forEach((q, i) => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = ms.search(termQueries[i]!, { combineWith: 'OR' });
        msLat.push(performance.now() - t0);
        msCpu.push(cpuMs(c0));
        if (q.sourceId && positivesOf(r[0]?.id, q)) msHits++;
      });
      mini = {
        buildMs: Math.round(msBuild),
        p50: round(percentile(msLat, 50), 2),
        p95: round(percentile(msLat, 95), 2),
        cpuP95: round(percentile(msCpu, 95), 2),
        recallAt1: msHits / positives.length,
      };
      // Whole-text queries "choke" MiniSearch (2-3 s per query at 1k, 57 s at 10k): they are only
      // run while the previous corpus size answered them in under 0.5 s at the median.
      if (miniFullTextOk) {
        mini.fullText = peerFullText(queries, (q) => ms.search(q.text, { combineWith: 'OR' })[0]?.id, positivesOf);
        miniFullTextOk = mini.fullText.p50 < 500;
      }
      log(`[${size}] MiniSearch`, mini);

      t = performance.now();
      const fx = new FlexSearch.Index({ tokenize: 'strict', resolution: 9 });
      const ids: string[] = [];
      corpus.forEach((d, i) => {
        ids.push(d.id);
        fx.add(i, d.text);
      });
      const fxBuild = performance.now() - t;
      sampleRss();
      const fxLat: number[] = [];
      const fxCpu: number[] = [];
      let fxHits = 0;
      queries.forEach((q, i) => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = fx.search(termQueries[i]!, { limit: 10, suggest: true }) as number[];
        fxLat.push(performance.now() - t0);
        fxCpu.push(cpuMs(c0));
        if (q.sourceId && positivesOf(r[0] !== undefined ? ids[r[0]] : undefined, q)) fxHits++;
      });
      flex = {
        buildMs: Math.round(fxBuild),
        p50: round(percentile(fxLat, 50), 2),
        p95: round(percentile(fxLat, 95), 2),
        cpuP95: round(percentile(fxCpu, 95), 2),
        recallAt1: fxHits / positives.length,
      };
      if (flexFullTextOk) {
        flex.fullText = peerFullText(
          queries,
          (q) => {
            const r = fx.search(q.text, { limit: 10, suggest: true }) as number[];
            return r[0] !== undefined ? ids[r[0]] : undefined;
          },
          positivesOf,
        );
        flexFullTextOk = flex.fullText.p50 < 500;
      }
      log(`[${size}] FlexSearch`, flex);
    }
    results.push({ size, sourcelens: ours, minisearch: mini, flexsearch: flex });
    gc();
  }
  clearInterval(rssTimer);
  sampleRss();
  const summary = {
    queries: {
      positives: positives.length,
      negatives: negativeCount,
      articleWords: 1500,
      peerQuery: '30 most distinctive words (tf-idf)',
      longDocuments: longQueries.length,
      longDocumentChars: LONG_CHARS,
      longDocumentSources: LONG_SOURCES,
    },
    node: process.version,
    peakRssBytes: peakRss,
    results,
  };
  const jsonOut = opt('--json-out', '');
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(summary) + '\n');
  if (json) {
    console.log(JSON.stringify(summary));
    return;
  }
  const mb = (b: number) => (b / 1048576).toFixed(1);
  console.log(
    `\nqueries: ${positives.length} positives + ${negativeCount} negatives, ~1,500 words each; peers queried with 30 distinctive terms, and with the whole text\n`,
  );
  console.log(
    '| statements | SL build s | SL index MB (raw text MB) | SL heap MB after build (after cold start) | SL cold start ms | SL p50 ms | SL p95 ms (CPU p95) | SL recall@1 | SL FP | SL 20,000-char documents p50 / p95 ms (CPU p95), sources found | MiniSearch p95 ms / recall@1 (terms; whole text) | FlexSearch p95 ms / recall@1 (terms; whole text) | p95 speed-up vs better peer |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results as Array<{
    size: number;
    sourcelens: (typeof results)[0] & Record<string, number>;
    minisearch?: PeerResult;
    flexsearch?: PeerResult;
  }>) {
    const o = r.sourcelens as unknown as Record<string, number>;
    const m = r.minisearch;
    const f = r.flexsearch;
    // "Better peer" = the peer configuration (either engine, either query mode) with the highest
    // recall@1, ties broken by lower p95.
    const configs: Array<{ p95: number; recallAt1: number }> = [];
    for (const x of [m, m?.fullText, f, f?.fullText]) if (x) configs.push(x);
    const better = configs.sort((x, y) => y.recallAt1 - x.recallAt1 || x.p95 - y.p95)[0];
    const peerCell = (x?: PeerResult) =>
      x
        ? `${x.p95} / ${x.recallAt1.toFixed(3)}; ${x.fullText ? `${x.fullText.p95} / ${x.fullText.recallAt1.toFixed(3)}${x.fullText.queries < queries.length ? ` (${x.fullText.queries} q)` : ''}` : '-'}`
        : '-';
    console.log(
      `| ${r.size} | ${(o.buildMs! / 1000).toFixed(1)} | ${mb(o.indexBytes!)} (${mb(o.rawTextBytes!)}) | ${mb(o.indexHeapBytes!)} (${mb(o.coldHeapBytes!)}) | ${o.coldStartMs} | ${o.p50} | ${o.p95} (${o.cpuP95}) | ${o.recallAt1!.toFixed(3)} | ${o.falsePositiveRate!.toFixed(3)} | ${o.longP50} / ${o.longP95} (${o.longCpuP95}), ${o.longSourcesFound!.toFixed(3)} | ${peerCell(m)} | ${peerCell(f)} | ${better ? `${(better.p95 / o.p95!).toFixed(1)}× (peer recall@1 ${better.recallAt1.toFixed(3)})` : '-'} |`,
    );
  }
  console.log(`\npeak RSS ${mb(peakRss)} MB (whole process, incl. corpus texts and peers)`);
}

/** CPU milliseconds (user + system) used by this process since `start`. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
