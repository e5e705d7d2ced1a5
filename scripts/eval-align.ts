/**
 * npm run eval:align [-- --small] [--documents N] [--distractors N] [--seed S] [--verbose] [--json]
 *
 * The project's text-alignment benchmark (docs/QUALITY.md, "Alignment"): builds long documents that
 * reuse passages of 1 to 38 Senate releases, verbatim, randomly edited, paraphrased (MSRP) or
 * summarised, with known offsets (scripts/align-bench/build-documents.ts), indexes the sources with
 * distractor releases, runs the engine on every document as the product would (findSources, shown
 * sources only) and scores every shown passage as a detection with the PAN measures
 * (scripts/align-bench/plagdet.ts): one row per kind of reuse and overall.
 *
 * --small: 40 documents and 500 distractors (for iterating; the default is 240 documents and 3,000
 * distractors). Timings are printed for reference only; on a shared machine they are not final.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StatementIndex, findSources, type StatementDoc } from '../lib/engine/index.ts';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';
import { buildBenchmark, REUSE_KINDS, type BenchDocument, type MsrpPair } from './align-bench/build-documents.ts';
import { plagdet, type AlignmentPair, type PlagdetScores } from './align-bench/plagdet.ts';
import { loadWordNet } from './align-bench/wordnet.ts';

const { values: opts } = parseArgs({
  options: {
    small: { type: 'boolean', default: false },
    documents: { type: 'string' },
    distractors: { type: 'string' },
    seed: { type: 'string', default: '2310' },
    corpus: { type: 'string', default: '../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz' },
    msrp: { type: 'string', default: '../shared/data/corpora/msrp-paraphrase-pairs.jsonl' },
    verbose: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const documentCount = Number(opts.documents ?? (opts.small ? 40 : 240));
const distractorCount = Number(opts.distractors ?? (opts.small ? 500 : 3000));
const log = (...x: unknown[]) => {
  if (!opts.json) console.error(...x);
};

installBundledLexicons();
const t0 = performance.now();
const releases = toStatements(readJsonl(resolve(opts.corpus)).records);
const msrp: MsrpPair[] = readFileSync(resolve(opts.msrp), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { paraphrase: number; s1: string; s2: string })
  .filter((p) => p.paraphrase === 1);
const bench = buildBenchmark(releases, msrp, loadWordNet(), { documents: documentCount, distractors: distractorCount, seed: Number(opts.seed) });
log(
  `built ${bench.documents.length} documents (${bench.documents.reduce((n, d) => n + d.cases.length, 0)} cases) and ${bench.statements.length} statements in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const index = new StatementIndex();
index.add(bench.statements);
const byId = new Map<string, StatementDoc>(bench.statements.map((s) => [s.id, s]));
const load = async (ids: string[]) => ids.map((id) => byId.get(id)!).filter(Boolean);

interface Result {
  document: BenchDocument;
  detections: AlignmentPair[];
  ms: number;
  /** What a reader would see on a document without reuse (verbose output). */
  shown: string[];
}
const results: Result[] = [];
for (const document of bench.documents) {
  const started = performance.now();
  const report = await findSources({ id: document.id, text: document.text }, index, load);
  const ms = performance.now() - started;
  const detections: AlignmentPair[] = report.sources.flatMap((s) =>
    s.passages.map((p) => ({ suspicious: document.id, source: s.statementId, plg: p.article, src: p.statement })),
  );
  const shown = report.sources.flatMap((s) =>
    s.passages.map((p) => `${s.statementId} ${s.score} ${p.type} "${document.text.slice(p.article[0], p.article[1]).slice(0, 120)}"`),
  );
  results.push({ document, detections, ms, shown });
}

const scoreOf = (rows: readonly Result[], kind?: string): PlagdetScores =>
  plagdet(
    rows.flatMap((r) => r.document.cases.filter((c) => !kind || c.kind === kind)),
    rows.flatMap((r) => r.detections),
  );
const rows: Array<[string, PlagdetScores, number]> = [];
for (const kind of REUSE_KINDS) {
  const docs = results.filter((r) => r.document.kind === kind);
  rows.push([kind, scoreOf(docs, kind), docs.length]);
}
rows.push(['overall', scoreOf(results), results.length]);
const clean = results.filter((r) => r.document.kind === 'none');
const falseOnClean = clean.reduce((n, r) => n + r.detections.length, 0);
const times = results.map((r) => r.ms).sort((a, b) => a - b);
const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0;

if (opts.verbose) {
  for (const r of results) {
    const s = plagdet(r.document.cases, r.detections);
    log(
      `${r.document.kind === 'none' && r.shown.length ? r.shown.map((x) => `  shown without reuse: ${x}\n`).join('') : ''}${r.document.id} ${r.document.kind.padEnd(10)} ${String(r.document.text.length).padStart(6)} ch  cases ${String(r.document.cases.length).padStart(2)}  detections ${String(r.detections.length).padStart(3)}  P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)} gran ${s.granularity.toFixed(2)}  ${r.ms.toFixed(0)} ms`,
    );
  }
}

const f = (x: number) => x.toFixed(3);
if (opts.json) {
  console.log(JSON.stringify({ rows: rows.map(([kind, s, documents]) => ({ kind, documents, ...s })), falseOnClean, cleanDocuments: clean.length, p95 }));
} else {
  console.log(`eval:align — ${results.length} documents, ${index.size} statements indexed (seed ${opts.seed})\n`);
  console.log('| reuse | documents | cases | plagdet | precision | recall | granularity |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [kind, s, documents] of rows) {
    const b = kind === 'overall' ? '**' : '';
    console.log(`| ${b}${kind}${b} | ${documents} | ${s.cases} | ${b}${f(s.plagdet)}${b} | ${f(s.precision)} | ${f(s.recall)} | ${f(s.granularity)} |`);
  }
  console.log(`\ndocuments without reuse: ${clean.length}, passages shown on them: ${falseOnClean}`);
  console.log(`findSources per document (shared machine, reference only): median ${times[times.length >> 1]?.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
}
