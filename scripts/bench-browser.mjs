// @ts-check
// The scale benchmark in real Chromium with the built extension (issue 5): npm run bench:browser
// (after `npm run build`). Options: --json (one JSON object on stdout, for the largest N), --quick
// (N = 2,000, 12 queries, 1 cold start, no page-side run), --n 10000,100000, --queries 60,
// --no-peer, --no-page, --extension DIR (another build, for A/B runs), --warmup K (K checks of other
// articles first, not counted: is a slow start the JIT's?), --profile FILE (worker CPU
// profile of the warm checks), --profile-import FILE (the same, of the import), --settle S (S seconds
// idle after the snapshot, the machine's CPU use logged: is anything running in the background?).
// Timing lives here, never in tests.
//
// For each N, in a fresh browser profile:
// 1. import: the corpus file goes through the options page's file input, so the page parses it and
//    sends `importBatch` messages exactly as for a user; timed from the upload to the summary;
// 2. queryable: one check sent the moment the summary shows (its latency is the wait a user would see);
// 3. warm checks: `findSources` messages from an extension page, the call the reader makes; latency is
//    the round trip seen by the page; recall@1 from the reports; then the last 20 articles again,
//    answered from the report cache (the protocol's floor);
// 4. storage: navigator.storage.estimate() once the index snapshot is saved, over the raw text bytes;
// 5. worker heap: Runtime.getHeapUsage on the worker's DevTools target after a forced GC (JS heap +
//    ArrayBuffer backing stores, where the index's typed arrays live);
// 6. cold: the worker is stopped (ServiceWorker.stopAllWorkers) and a new check sent: the latency
//    includes the worker's start, opening IndexedDB, loading the index and the check;
// 7. peer: MiniSearch (devDependency, never shipped) evaluated inside the same worker over DevTools
//    (which the extension's CSP does not govern), fed the same statements read from the extension's
//    IndexedDB, queried with each article's 30 most distinctive words (its best mode in npm run bench).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './e2e/browsers.mjs';
import { importThroughOptions } from './e2e/extension-pages.mjs';
import { devtools, startWorkerProfile, workerHeapMb, workerTarget } from './bench-browser/devtools.mjs';
import { browserBenchWorkload, wordKeys } from './bench-browser/workload.mjs';
import { percentile, round } from './shared/bench-stats.mjs';

/** @typedef {import('./bench-browser/workload.mjs').BenchRecord} BenchRecord */
/** @typedef {import('./bench-browser/workload.mjs').BenchQuery} BenchQuery */
/** @typedef {import('./e2e/driver').Page} Page */
/** @typedef {{ ms: number, engineMs: number, top: string | null, sources: number }} CheckTiming */
/** @typedef {{ queries: number, p50: number | null, p95: number | null, recall: number, note?: string }} PeerScore */
/**
 * One N's figures, as printed and as --json writes them.
 * @typedef {{
 *   n: number, raw_text_mb: number, stored?: number, duplicates?: number, import_s?: number, import_docs_per_s?: number,
 *   first_check_after_import_ms?: number, queryable_after_s?: number, check_p50_ms?: number, check_p95_ms?: number,
 *   check_max_ms?: number, recall_at_1?: number, negatives_with_a_source?: number, negatives?: number,
 *   misses?: Array<{ want?: string, got: string | null }>, answered_again_p50_ms?: number, answered_again_p95_ms?: number,
 *   worker_heap_mb?: number, storage_mb?: number, storage_ratio?: number, cold_hit?: boolean, cold_check_ms?: number,
 *   cold_check_max_ms?: number, worker_heap_after_cold_mb?: number, peer_error?: string,
 *   peer_index_docs_per_s?: number, peer_heap_mb?: number, peer_check_p50_ms?: number | null, peer_check_p95_ms?: number | null,
 *   peer_recall_at_1?: number, peer_mode?: string, peer_terms?: PeerScore, peer_whole_text?: PeerScore,
 * }} SizeResult
 */

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
/** @param {string} name */
const flag = (name) => args.includes(name);
/**
 * @param {string} name
 * @param {string} dflt
 */
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return (i >= 0 ? args[i + 1] : undefined) || dflt;
};
const json = flag('--json');
const quick = flag('--quick');
const sizes = opt('--n', quick ? '2000' : '10000,100000')
  .split(',')
  .map(Number);
const positiveCount = Number(opt('--queries', quick ? '12' : '60'));
const negativeCount = Math.max(2, Math.round(positiveCount / 3));
const coldRuns = Number(opt('--cold', quick ? '1' : '5'));
const withPeer = !flag('--no-peer');
const withPage = !flag('--no-page') && !quick;
/** The built extension to measure (another build of SourceLens, for an A/B run). */
const profileFile = opt('--profile', '');
/** --warmup K: K more checks (other articles, made after the measured ones; up to 79) before the warm checks, not counted. */
const warmupCount = Number(opt('--warmup', '0'));
const importProfileFile = opt('--profile-import', '');
/** --settle S: wait S seconds (idle) after the snapshot, logging the machine's CPU use, before the warm checks. */
const settleSeconds = Number(opt('--settle', '0'));
const extensionDir = opt('--extension', `${root}.output/chrome-mv3`);
const log = (/** @type {unknown[]} */ ...x) => console.error(...x);

const CHANNEL = 'sourcelens/v1';
/** Time budget for MiniSearch's whole-text queries per N (each takes seconds at 10k and more). */
const PEER_BUDGET_MS = 20_000;
/** Longest wait for MiniSearch's whole run at one N (building it at 100k took ~9 min before the worker died). */
const PEER_DEADLINE_MS = 12 * 60_000;

log('reading the Senate corpus…');
const { corpusOf, buildQueries, distinctiveTerms } = browserBenchWorkload({ root, seed: 5_100_000, positiveCount, negativeCount });

// ---------------------------------------------------------------------------------------------
// Messages from the options page, as the extension's own pages send them.
/**
 * @param {Page} page
 * @param {BenchQuery['article'][]} articles
 * @returns {Promise<CheckTiming[]>}
 */
function checkAll(page, articles) {
  return page.evaluate(
    async ({ articles, channel }) => {
      /** @type {CheckTiming[]} */
      const out = [];
      for (const article of articles) {
        const t = performance.now();
        const r = await /** @type {any} */ (globalThis).chrome.runtime.sendMessage({ channel, method: 'findSources', input: { article } });
        const ms = performance.now() - t;
        if (!r?.ok) throw new Error(`findSources failed: ${r?.error}`);
        out.push({ ms, engineMs: r.result.elapsedMs, top: r.result.sources[0]?.statementId ?? null, sources: r.result.sources.length });
      }
      return out;
    },
    { articles, channel: CHANNEL },
  );
}

/**
 * Waits until the index snapshot covers every corpus write (then a stopped worker loads, not rebuilds).
 * @param {Page} page
 */
async function waitForSnapshot(page, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await page.evaluate(
      () =>
        /** @type {Promise<{ seq: number, snapshotSeq: number }>} */ (
          new Promise((resolve, reject) => {
            const open = indexedDB.open('sourcelens');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(['settings', 'indexSnapshots'], 'readonly');
              const seq = tx.objectStore('settings').get('corpus.seq');
              const snap = tx.objectStore('indexSnapshots').openCursor();
              let snapshotSeq = -1;
              snap.onsuccess = () => {
                if (snap.result) snapshotSeq = Math.max(snapshotSeq, snap.result.value.seq ?? -1);
                snap.result?.continue();
              };
              tx.oncomplete = () => {
                db.close();
                resolve({ seq: seq.result?.value ?? 0, snapshotSeq });
              };
            };
          })
        ),
    );
    if (state.snapshotSeq >= state.seq) return state;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the index snapshot was not saved in time');
}

/**
 * Share of the machine's CPU time spent busy over the next `ms` (all cores, from /proc/stat).
 * @param {number} ms
 */
async function cpuBusyPercent(ms) {
  const sample = () => {
    const [, ...f] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const v = f.map(Number);
    return { idle: (v[3] ?? 0) + (v[4] ?? 0), total: v.reduce((a, b) => a + b, 0) };
  };
  const a = sample();
  await new Promise((r) => setTimeout(r, ms));
  const b = sample();
  return Math.round(100 * (1 - (b.idle - a.idle) / (b.total - a.total)));
}

// ---------------------------------------------------------------------------------------------
/**
 * @param {number} n
 * @returns {Promise<SizeResult>}
 */
async function runSize(n) {
  const corpus = corpusOf(n);
  const queries = buildQueries(corpus);
  // Made after the measured queries, so those stay the same with or without --warmup. The check sent
  // when the import ends is of its own article: every measured warm check is of an article the worker
  // has not answered before (an answered one comes from the report cache in a few ms).
  const [probe, ...others] = buildQueries(corpus);
  if (!probe) throw new Error(`no query could be built from ${n} statements`);
  const warmups = others.slice(0, warmupCount);
  const rawBytes = corpus.reduce((sum, r) => sum + Buffer.byteLength(r.text), 0);
  const byId = new Map(corpus.map((r) => [r.id, r]));
  /** @type {Map<string, string>} */
  const keysOf = new Map();
  /**
   * A hit is the quoted statement, or one whose text holds the same passage word for word (the Senate
   * file has the same release under several senators' names).
   * @param {string | null} id
   * @param {BenchQuery} q
   */
  const isHit = (id, q) => {
    if (!id) return false;
    if (id === q.sourceId) return true;
    const r = byId.get(id);
    if (!r || q.passageKeys === undefined) return false;
    let keys = keysOf.get(id);
    if (keys === undefined) keysOf.set(id, (keys = wordKeys(r.text)));
    return keys.includes(q.passageKeys);
  };
  const dir = await mkdtemp(join(tmpdir(), 'sourcelens-scale-'));
  const file = join(dir, `corpus-${n}.jsonl.gz`);
  await writeFile(file, gzipSync(corpus.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 1 }));
  log(`N=${n}: ${(rawBytes / 2 ** 20).toFixed(1)} MB of text, ${queries.length} queries`);

  const driver = await launchChromium(extensionDir, { extraArgs: ['--remote-debugging-port=0'] });
  /** @type {SizeResult} */
  const result = { n, raw_text_mb: round(rawBytes / 2 ** 20) };
  try {
    const page = await driver.newPage();
    await driver.open(page, driver.extensionUrl('options.html'));
    await page.waitForSelector('[data-testid="corpus-count"]');

    const importProfiler = importProfileFile ? await startWorkerProfile(driver) : null;
    const t = Date.now();
    const summary = await importThroughOptions(driver, page, [file], { timeoutMs: 60 * 60 * 1000 });
    const importSeconds = (Date.now() - t) / 1000;
    if (importProfiler) await writeFile(importProfileFile, JSON.stringify(await importProfiler.stop()));
    const [first] = await checkAll(page, [probe.article]);
    if (!first) throw new Error('the first check gave no answer');
    result.stored = Number(summary.imported);
    result.duplicates = Number(summary.duplicates);
    result.import_s = round(importSeconds);
    result.import_docs_per_s = Math.round(n / importSeconds);
    result.first_check_after_import_ms = round(first.ms);
    result.queryable_after_s = round(importSeconds + first.ms / 1000);
    log(`  import ${importSeconds.toFixed(1)} s (${result.import_docs_per_s}/s), first check ${first.ms.toFixed(0)} ms`);

    // Steady state: the snapshot written 2 s after the import (a one-off, seconds at 100k) is not
    // counted in the warm latencies; the first check above already shows the wait right after import.
    await waitForSnapshot(page);
    for (let waited = 0; waited < settleSeconds; waited += 5) log(`  settling: machine CPU busy ${await cpuBusyPercent(5000)} % over 5 s`);
    if (warmups.length)
      log(
        `  warm-up checks, not counted (ms): ${(
          await checkAll(
            page,
            warmups.map((q) => q.article),
          )
        )
          .map((w) => w.ms.toFixed(0))
          .join(', ')}`,
      );
    // --profile FILE: a CPU profile of the worker during the warm checks (open it in DevTools).
    const profiler = profileFile ? await startWorkerProfile(driver) : null;
    const warm = await checkAll(
      page,
      queries.map((q) => q.article),
    );
    if (profiler) await writeFile(profileFile, JSON.stringify(await profiler.stop()));
    /** @type {Array<[BenchQuery, CheckTiming]>} */
    const rows = queries.flatMap((q, i) => {
      const w = warm[i];
      return w ? [/** @type {[BenchQuery, CheckTiming]} */ ([q, w])] : [];
    });
    const positives = rows.filter(([q]) => q.sourceId);
    const negatives = rows.filter(([q]) => !q.sourceId);
    const lat = warm.map((w) => w.ms);
    log(`  warm checks (ms, in order; engine ms in brackets): ${warm.map((w) => `${w.ms.toFixed(0)} (${w.engineMs.toFixed(0)})`).join(', ')}`);
    result.check_p50_ms = round(percentile(lat, 50));
    result.check_p95_ms = round(percentile(lat, 95));
    result.check_max_ms = round(Math.max(...lat));
    result.recall_at_1 = round(positives.filter(([q, w]) => isHit(w.top, q)).length / positives.length, 3);
    result.negatives_with_a_source = negatives.filter(([, w]) => w.sources > 0).length;
    result.negatives = negatives.length;
    result.misses = positives.filter(([q, w]) => !isHit(w.top, q)).map(([q, w]) => ({ want: q.sourceId, got: w.top }));
    // The floor of any check through the protocol: the last 20 articles again, answered from the report
    // cache, which keeps the 64 latest (message both ways, validation, the cache key's hash of the
    // text; no matching).
    const again = (
      await checkAll(
        page,
        queries.slice(-20).map((q) => q.article),
      )
    ).map((w) => w.ms);
    result.answered_again_p50_ms = round(percentile(again, 50));
    result.answered_again_p95_ms = round(percentile(again, 95));
    log(`  the last 20 articles again (report cache): p50 ${result.answered_again_p50_ms} p95 ${result.answered_again_p95_ms} ms`);
    result.worker_heap_mb = round(await workerHeapMb(driver));
    log(`  warm p50 ${result.check_p50_ms} p95 ${result.check_p95_ms} ms, recall@1 ${result.recall_at_1}, heap ${result.worker_heap_mb} MB`);

    await waitForSnapshot(page);
    const usage = (await page.evaluate(() => navigator.storage.estimate())).usage ?? 0;
    result.storage_mb = round(usage / 2 ** 20);
    result.storage_ratio = round(usage / rawBytes, 2);
    log(
      `  storage ${result.storage_mb} MB = ${result.storage_ratio} × raw text; negatives with a source ${result.negatives_with_a_source}/${result.negatives}; stored ${result.stored}`,
    );

    // Cold: stop the worker, then check an article this worker has never seen.
    const session = await driver.context.newCDPSession(/** @type {import('playwright-core').Page} */ (/** @type {unknown} */ (page)));
    await session.send('ServiceWorker.enable');
    /** @type {number[]} */
    const cold = [];
    for (let run = 0; run < coldRuns; run++) {
      await waitForSnapshot(page);
      await session.send('ServiceWorker.stopAllWorkers');
      await new Promise((r) => setTimeout(r, 300));
      const q = positives[run % positives.length]?.[0];
      if (!q) throw new Error('no query with a source to check cold');
      const article = { ...q.article, text: `${q.article.text}\n\nCold start run ${run}.` };
      const [c] = await checkAll(page, [article]);
      if (!c) throw new Error('the cold check gave no answer');
      cold.push(c.ms);
      if (run === 0) result.cold_hit = isHit(c.top, q);
    }
    result.cold_check_ms = round(percentile(cold, 50));
    result.cold_check_max_ms = round(Math.max(...cold));
    result.worker_heap_after_cold_mb = round(await workerHeapMb(driver));
    log(`  cold ${cold.map((x) => x.toFixed(0)).join(', ')} ms, heap after cold ${result.worker_heap_after_cold_mb} MB`);

    if (withPeer) {
      try {
        // A worker that stops answering without dying (seen at 100k: no CPU, no closed socket) would
        // hold the whole run; the peer gets a deadline instead.
        /** @type {NodeJS.Timeout | undefined} */
        let timer;
        /** @type {Promise<never>} */
        const deadline = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no result within ${PEER_DEADLINE_MS / 60_000} min (last step: ${peerStep})`)), PEER_DEADLINE_MS);
        });
        try {
          Object.assign(result, await Promise.race([runPeer(driver, corpus, queries, isHit), deadline]));
        } finally {
          clearTimeout(timer);
        }
      } catch (error) {
        // Every failure here is an Error: the two deadlines' and devtools.mjs's (plain Node, so not
        // lib/shared/error-message.ts, which needs tsx).
        result.peer_error = /** @type {Error} */ (error).message;
        log(`  MiniSearch not measured: ${result.peer_error}`);
      }
    }
    await page.close();
  } finally {
    await driver.close();
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}

/** The step runPeer is in, for the message when the worker stops answering. */
let peerStep = 'not started';

/**
 * MiniSearch's figures at one N, measured in the extension's worker.
 * @param {{ userDataDir: string }} driver
 * @param {BenchRecord[]} corpus
 * @param {BenchQuery[]} queries
 * @param {(id: string | null, q: BenchQuery) => boolean} isHit
 */
async function runPeer(driver, corpus, queries, isHit) {
  /** @type {Map<string, number>} */
  const df = new Map();
  for (const r of corpus) for (const w of new Set(wordKeys(r.text).split(' '))) df.set(w, (df.get(w) ?? 0) + 1);
  const terms = queries.map((q) => distinctiveTerms(q.article.text, df, corpus.length));
  const cdp = await devtools(await workerTarget(driver));
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const heapOf = (/** @type {{ usedSize: number, backingStorageSize?: number, embedderHeapUsedSize?: number }} */ u) =>
      u.usedSize + (u.backingStorageSize ?? 0) + (u.embedderHeapUsedSize ?? 0);
    const before = heapOf(await cdp.send('Runtime.getHeapUsage'));
    await cdp.evaluate(readFileSync(`${root}node_modules/minisearch/dist/umd/index.js`, 'utf8'));
    // The statements come from the extension's own database, in pages, as a worker would read them.
    // One evaluation per page rather than one for the whole build, with progress in the log: at 100k a
    // single evaluation feeding every text stopped making progress (no CPU, no error) and left no clue.
    await cdp.evaluate(`(async () => {
      globalThis.__peerDb = await new Promise((resolve, reject) => {
        const open = indexedDB.open('sourcelens');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      globalThis.__peer = new MiniSearch({ fields: ['text'], idField: 'id' });
      globalThis.__peerLast = null;
      return 1;
    })()`);
    const build = { ms: 0, count: 0 };
    let heapMb = 0;
    /** Reads the next 2,000 statements in the worker and adds them to MiniSearch. */
    const feedPage = async () => {
      const fed = await cdp.evaluate(`(async () => {
        const page = await new Promise((resolve, reject) => {
          const last = globalThis.__peerLast;
          const range = last === null ? null : IDBKeyRange.lowerBound(last, true);
          const req = globalThis.__peerDb.transaction('statements').objectStore('statements').getAll(range, 2000);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const t0 = performance.now();
        if (page.length > 0) {
          globalThis.__peer.addAll(page.map((s) => ({ id: s.id, text: s.text })));
          globalThis.__peerLast = page[page.length - 1].id;
        }
        return { ms: performance.now() - t0, count: page.length };
      })()`);
      heapMb = round(heapOf(await cdp.send('Runtime.getHeapUsage')) / 2 ** 20);
      return fed;
    };
    for (;;) {
      peerStep = `feeding statements after ${build.count}`;
      // A page takes 0.6-1.5 s; a minute without an answer (to the page or to the heap query after it)
      // means the worker has stopped: at 100k it went quiet after 80,000-98,000 statements, heap
      // growing, no CPU. Say where, instead of waiting.
      /** @type {NodeJS.Timeout | undefined} */
      let stall;
      /** @type {Promise<never>} */
      const stalled = new Promise((_, reject) => {
        stall = setTimeout(
          () => reject(new Error(`MiniSearch stopped answering after ${build.count} statements (worker heap ${heapMb} MB at the last page)`)),
          60_000,
        );
      });
      const step = await Promise.race([stalled, feedPage()]).finally(() => clearTimeout(stall));
      if (step.count === 0) break;
      build.ms += step.ms;
      build.count += step.count;
      if (build.count % 20000 < 2000)
        log(`  MiniSearch fed ${build.count} statements (${(build.ms / 1000).toFixed(1)} s of indexing, worker heap ${heapMb} MB)`);
    }
    peerStep = `all ${build.count} statements fed (worker heap ${heapMb} MB); forced GC and heap reading`;
    await cdp.evaluate('globalThis.__peerDb.close(); delete globalThis.__peerDb; 1');
    await cdp.send('HeapProfiler.collectGarbage');
    const after = heapOf(await cdp.send('Runtime.getHeapUsage'));
    // Two ways to ask MiniSearch: the article's 30 most distinctive words, and the whole text (what a
    // user of the library would pass; seconds per query at 10k, so it stops after PEER_BUDGET_MS).
    /**
     * @param {string[]} list
     * @param {number} budgetMs
     * @returns {Promise<Array<{ ms: number, top: string | null }>>}
     */
    const search = (list, budgetMs) =>
      cdp.evaluate(`(() => {
        const out = [];
        const started = performance.now();
        for (const q of ${JSON.stringify(list)}) {
          if (performance.now() - started > ${budgetMs}) break;
          const t = performance.now();
          const hits = globalThis.__peer.search(q, { combineWith: 'OR' });
          out.push({ ms: performance.now() - t, top: hits[0]?.id ?? null });
        }
        return out;
      })()`);
    /**
     * @param {Array<{ ms: number, top: string | null }>} searched
     * @returns {PeerScore}
     */
    const score = (searched) => {
      const rows = searched.flatMap((s, i) => {
        const q = queries[i];
        return q ? [/** @type {[BenchQuery, { ms: number, top: string | null }]} */ ([q, s])] : [];
      });
      const positives = rows.filter(([q]) => q.sourceId);
      const lat = searched.map((s) => s.ms);
      return {
        queries: searched.length,
        p50: round(percentile(lat, 50)),
        p95: round(percentile(lat, 95)),
        recall: positives.length ? round(positives.filter(([q, s]) => isHit(s.top, q)).length / positives.length, 3) : 0,
      };
    };
    peerStep = 'queries by 30 distinctive terms';
    const byTerms = score(await search(terms, 600_000));
    peerStep = 'queries by whole text';
    // Whole-text queries in the bench's order (positives first): the budget keeps the run bounded, but
    // it is checked between queries, and at 100k the first query never came back (the worker went
    // quiet): the term figures above are kept, and whole text counts as not answered.
    /** @type {NodeJS.Timeout | undefined} */
    let quietTimer;
    /** @type {Promise<null>} */
    const quiet = new Promise((resolve) => (quietTimer = setTimeout(() => resolve(null), PEER_BUDGET_MS + 120_000)));
    const textRows = await Promise.race([
      search(
        queries.map((q) => q.article.text),
        PEER_BUDGET_MS,
      ),
      quiet,
    ]).finally(() => clearTimeout(quietTimer));
    /** @type {PeerScore} */
    const byText = textRows ? score(textRows) : { queries: 0, p50: null, p95: null, recall: 0, note: 'no answer to the first whole-text query' };
    if (textRows) await cdp.evaluate('delete globalThis.__peer; 1');
    // The figure compared is the peer's better configuration: higher recall@1, then lower p95.
    const best =
      textRows && (byText.recall > byTerms.recall || (byText.recall === byTerms.recall && (byText.p95 ?? Infinity) < (byTerms.p95 ?? Infinity)))
        ? byText
        : byTerms;
    const peer = {
      peer_index_docs_per_s: Math.round(build.count / (build.ms / 1000)),
      peer_heap_mb: round((after - before) / 2 ** 20),
      peer_check_p50_ms: best.p50,
      peer_check_p95_ms: best.p95,
      peer_recall_at_1: best.recall,
      peer_mode: best === byText ? 'whole text' : '30 distinctive terms',
      peer_terms: byTerms,
      peer_whole_text: byText,
    };
    log(
      `  MiniSearch: build ${(build.ms / 1000).toFixed(1)} s; terms p95 ${byTerms.p95} ms recall@1 ${byTerms.recall}; whole text p95 ${byText.p95} ms recall@1 ${byText.recall} (${byText.queries} q)`,
    );
    return peer;
  } finally {
    cdp.close();
  }
}

function pageSide() {
  const r = spawnSync(process.execPath, [`${root}scripts/bench-page.mjs`, '--json'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`bench:page failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(line);
}

/** @type {SizeResult[]} */
const results = [];
for (const n of sizes) results.push(await runSize(n));
const page = withPage ? pageSide() : null;
const main = results.at(-1);
if (!main) throw new Error('no size to measure (--n)');
const output = {
  n: main.n,
  import_docs_per_s: main.import_docs_per_s,
  storage_ratio: main.storage_ratio,
  check_p50_ms: main.check_p50_ms,
  check_p95_ms: main.check_p95_ms,
  cold_check_ms: main.cold_check_ms,
  worker_heap_mb: main.worker_heap_mb,
  recall_at_1: main.recall_at_1,
  peer_check_p95_ms: main.peer_check_p95_ms ?? null,
  peer_recall_at_1: main.peer_recall_at_1 ?? null,
  page: page,
  sizes: results,
};
if (json) console.log(JSON.stringify(output));
else {
  console.log(`queries per N: ${positiveCount} articles with a passage + ${negativeCount} without, ~1,500 words each; cold = median of ${coldRuns}\n`);
  console.log(
    '| N | stored | import /s (s) | queryable after | storage ÷ raw text | warm p50 / p95 ms | cold ms (max) | heap MB (after cold) | recall@1 | negatives with a source | MiniSearch p95 ms / recall@1 | p95 speed-up |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    // The peer's figures are all there or none (runPeer's result, or its error).
    const { peer_terms: terms, peer_whole_text: whole } = r;
    const peer =
      !terms || !whole
        ? '-'
        : `terms ${terms.p95} / ${terms.recall}; whole text ${whole.queries ? `${whole.p95} / ${whole.recall} (${whole.queries} q)` : 'no answer'}`;
    const speedup = r.peer_check_p95_ms == null || !r.check_p95_ms ? '-' : `${round(r.peer_check_p95_ms / r.check_p95_ms)}× vs ${r.peer_mode}`;
    console.log(
      `| ${r.n} | ${r.stored} | ${r.import_docs_per_s} (${r.import_s}) | ${r.queryable_after_s} s (first check ${r.first_check_after_import_ms} ms) | ${r.storage_ratio} (${r.storage_mb} / ${r.raw_text_mb} MB) | ${r.check_p50_ms} / ${r.check_p95_ms} | ${r.cold_check_ms} (${r.cold_check_max_ms}) | ${r.worker_heap_mb} (${r.worker_heap_after_cold_mb}) | ${r.recall_at_1} | ${r.negatives_with_a_source} / ${r.negatives} | ${peer} | ${speedup} |`,
    );
  }
  if (page) {
    console.log('\n| page-side measure | value | target |\n|---|---|---|');
    console.log(`| script injected on every page (gzip) | ${(page.content_script_gzip_bytes / 1024).toFixed(1)} KB | ≤ 20 KB |`);
    console.log(
      `| page idle → hints shown, warm worker, p50 / p95 of ${page.runs} | ${page.idle_to_hints_p50_ms} / ${page.idle_to_hints_p95_ms} ms | ≤ 150 ms |`,
    );
    console.log(`| detection on the largest not-news page | ${page.detection_largest_not_news_ms} ms | ≤ 5 ms |`);
  }
  for (const r of results)
    console.log(
      `\nN=${r.n}: an article already answered comes back from the report cache in p50 ${r.answered_again_p50_ms} / p95 ${r.answered_again_p95_ms} ms (the protocol's floor for a check).`,
    );
  for (const r of results) if (r.misses?.length) console.log(`\nN=${r.n} misses: ${JSON.stringify(r.misses)}`);
}
