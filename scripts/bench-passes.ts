/**
 * node --max-old-space-size=8000 --import tsx scripts/bench-passes.ts [--passes 4] [--size 72607]
 *   [--index-cache FILE] [--only short:25|long:8] [--detail] [--cpu-prof FILE] [--out FILE]
 *
 * Where `npm run bench`'s check latencies come from: the same corpus order, articles and long
 * documents (same seed and draws as scripts/bench.ts), checked `--passes` times, each check timed
 * (wall and process CPU) with the garbage-collection pauses that fell inside it (perf_hooks 'gc'
 * entries). Prints p50 / p95 / mean per kind over passes 2… (the first pass, in which V8 still compiles
 * the engine, is printed apart), the time GC took, and with `--detail` the slowest checks with their
 * number of candidates and words of candidate text. `--only` times one article or document;
 * `--cpu-prof` writes a CPU profile (node:inspector) of the timed passes; `--out` writes each check's
 * report of the first pass as JSON lines (elapsedMs zeroed), to diff two builds' results.
 * `--index-cache FILE` keeps the built index between runs (delete it when indexing changes).
 * docs/PERFORMANCE.md, "Session 13", shows what it found.
 */
import { writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { StatementIndex, candidateLimit, findSources, retrieveCandidates, tokenize } from '../lib/engine/index.ts';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';
import { benchIndexBytes, benchSet, loaderOf } from './shared/bench-set.ts';
import { percentile, round } from './shared/bench-stats.mjs';

installBundledLexicons();
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const passes = Number(opt('--passes', '4'));
const { senate, articles, documents } = benchSet();
const corpus = senate.slice(0, Number(opt('--size', String(senate.length))));
const cache = opt('--index-cache', '');
const index = StatementIndex.deserialize(benchIndexBytes(corpus, cache));
const byId = new Map(corpus.map((d) => [d.id, d]));
const load = loaderOf(corpus);

let sets: Array<[kind: string, texts: string[], first: number]> = [
  ['1,500-word', articles, 0],
  ['20,000-char', documents, 0],
];
const only = opt('--only', '');
if (only) {
  const [kind, i] = only.split(':');
  const texts = kind === 'long' ? documents : articles;
  sets = [[kind === 'long' ? '20,000-char' : '1,500-word', [texts[Number(i)]!], Number(i)]];
}

const gcs: Array<{ start: number; duration: number }> = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ['gc'] });

// As bench.ts: three checks before the timed ones.
for (const text of articles.slice(0, 3)) await findSources({ text, lang: 'en' }, index, load);

interface Timing {
  kind: string;
  i: number;
  pass: number;
  wall: number;
  cpu: number;
  t0: number;
  t1: number;
}
const timings: Timing[] = [];
const reports: string[] = [];
const profileTo = opt('--cpu-prof', '');
const { Session } = await import('node:inspector/promises');
const session = profileTo ? new Session() : undefined;
for (let pass = 0; pass < passes; pass++) {
  if (session && pass === 1) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  for (const [kind, texts, first] of sets)
    for (let k = 0; k < texts.length; k++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const report = await findSources({ text: texts[k]!, lang: 'en' }, index, load);
      const t1 = performance.now();
      const c = process.cpuUsage(c0);
      timings.push({ kind, i: first + k, pass, wall: t1 - t0, cpu: (c.user + c.system) / 1000, t0, t1 });
      if (pass === 0) reports.push(JSON.stringify({ ...report, elapsedMs: 0 }));
    }
}
if (session) writeFileSync(profileTo, JSON.stringify((await session.post('Profiler.stop')).profile));
await new Promise((resolve) => setTimeout(resolve, 50)); // the last GC entries
const gcIn = (t: Timing) => gcs.filter((g) => g.start >= t.t0 && g.start < t.t1).reduce((sum, g) => sum + g.duration, 0);
const line = (ts: Timing[]) => {
  const stat = (xs: number[]) => `${round(percentile(xs, 50), 1)} / ${round(percentile(xs, 95), 1)} / ${round(xs.reduce((a, b) => a + b, 0) / xs.length, 1)}`;
  const gc = ts.map(gcIn);
  return `wall ${stat(ts.map((t) => t.wall))}, CPU ${stat(ts.map((t) => t.cpu))}, GC ${round(
    gc.reduce((a, b) => a + b, 0) / ts.length,
    2,
  )} ms a check (wall − GC p95 ${round(
    percentile(
      ts.map((t, k) => t.wall - gc[k]!),
      95,
    ),
    1,
  )})`;
};
console.log(`${corpus.length} statements; p50 / p95 / mean ms`);
for (const [kind] of sets) {
  const ts = timings.filter((t) => t.kind === kind);
  console.log(`${kind}, first pass (${ts.filter((t) => t.pass === 0).length} checks): ${line(ts.filter((t) => t.pass === 0))}`);
  if (passes > 1) console.log(`${kind}, passes 2-${passes} (${ts.filter((t) => t.pass > 0).length} checks): ${line(ts.filter((t) => t.pass > 0))}`);
  if (args.includes('--detail')) {
    for (const t of [...ts].sort((a, b) => b.wall - a.wall).slice(0, 10)) {
      const texts = kind === '1,500-word' ? articles : documents;
      const tokens = tokenize(texts[t.i]!, 'en');
      const candidates = retrieveCandidates(tokens, index, { maxCandidates: candidateLimit(tokens.keys.length) });
      const words = candidates.reduce((sum, c) => sum + tokenize(byId.get(index.idOf(c.slot))!.text).keys.length, 0);
      console.log(
        `  #${t.i} pass ${t.pass + 1}: wall ${round(t.wall, 1)}, CPU ${round(t.cpu, 1)}, GC ${round(gcIn(t), 1)} ms; ${candidates.length} candidates, ${words} words of candidate text`,
      );
    }
  }
}
const outTo = opt('--out', '');
if (outTo) writeFileSync(outTo, reports.join('\n') + '\n');
