/**
 * npm run eval [-- --no-distractors] [--sweep] [--json] [--verbose] [--plot [FILE]] [--fit]
 * (--index-cache FILE keeps the 72k index between runs; --fit refits the shown score's calibration, lib/engine/score-calibration.json, and stops.)
 * (EVAL_SPEAKERS=1 also prints, on stderr, every quote whose attributed speaker is not the statement's.)
 *
 * Runs the engine on ../shared/data/dev and prints recall@1 / recall(any) for derived articles
 * (same-language vs cross-language: article lang ≠ gold statement lang), the false-positive rate on
 * not-derived articles (any shown source = FP), character-level P/R/F1 of verbatim passages against
 * gold derived as maximal common runs of ≥ 6 words (scripts/gold-verbatim.ts), and quote-to-speaker
 * accuracy; then the same table with the 72,607 Senate releases added as distractors.
 *
 * Verbatim P/R/F1 (micro, over same-language derived articles; gold = union of maximal common ≥6-word
 * runs with the article's gold statements). Predicted = for every non-paraphrase passage of every
 * SHOWN source, the maximal common ≥6-word runs between the passage's article span and its statement
 * span — i.e. the verbatim part of each passage under the same convention as the gold (an altered
 * quote's edited words are not verbatim). A passage placed on the wrong text, or paired with the wrong
 * statement or the wrong part of it, contributes false positives. The "span" variant counts whole
 * passage spans instead (edited words and 4-5-word quotes included) and is printed for reference.
 *
 * Quote-to-speaker accuracy: over quote passages (verbatim/altered) matched to a gold statement that
 * has a named `speaker`, the share whose attributed speaker names that person (a quote with no
 * attributed speaker counts as wrong). "attributed" = share of all gold-source quote passages with
 * any speaker found.
 *
 * Attribution-label accuracy (unattributed vs attributed) and speaker accuracy: judged as stated in
 * scripts/eval-attribution.ts (the gold is the sets' reuse_class and notes, and the statements'
 * speaker and issuer fields).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StatementIndex, findSources, type StatementDoc, type SourceMatch, type SourceReport } from '../lib/engine/index.ts';
import { expectedCalibrationError, reliabilityBins, reliabilitySvg, type ReliabilitySeries } from './eval/reliability-plot.ts';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { commonRuns, intersectLength, mergeRanges, rangeLength } from './gold-verbatim.ts';
import { attributionAccuracy, speakerAccuracy, type AttributionAccuracy, type SpeakerAccuracy } from './eval-attribution.ts';
import { SHOW_THRESHOLD } from '../lib/engine/index.ts';
import { fitCalibration, type CalibrationPoint } from './eval/fit-calibration.ts';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';

installBundledLexicons();

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const datasetDirs: Array<[name: string, dir: string]> = [
  ['dev', resolve(opt('--dev', '../shared/data/dev'))],
  ['dev-formulaic', resolve(opt('--formulaic', '../shared/data/dev-formulaic'))],
];
const sentatePath = resolve(opt('--distractors', '../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz'));

interface Article {
  id: string;
  text: string;
  title?: string;
  date?: string;
  lang?: string;
  label: string;
  gold_source_ids: string[];
  weak_source_ids?: string[];
  reuse_class: string;
  note?: string;
  evidence_in_stored_statement_text?: boolean;
}

interface Dataset {
  name: string;
  statements: StatementDoc[];
  articles: Article[];
}

const datasets: Dataset[] = datasetDirs
  .filter(([, dir]) => existsSync(join(dir, 'statements.jsonl')))
  .map(([name, dir]) => ({
    name,
    statements: toStatements(readJsonl(join(dir, 'statements.jsonl')).records),
    articles: (readJsonl(join(dir, 'articles.jsonl')).records as unknown as Article[]).map((a) => ({ ...a, date: a.date ?? undefined })),
  }));

/** Every statement of every set and of the distractors, by id (passages are judged against their texts). */
const stmtById = new Map<string, StatementDoc>();
for (const d of datasets) for (const s of d.statements) stmtById.set(s.id, s);

interface Row {
  article: Article;
  report: SourceReport;
  cross: boolean;
}

async function runAll(articles: readonly Article[], index: StatementIndex): Promise<Row[]> {
  const load = async (ids: string[]) => ids.map((id) => stmtById.get(id)!).filter(Boolean);
  const rows: Row[] = [];
  for (const a of articles) {
    const report = await findSources({ id: a.id, text: a.text, title: a.title, date: a.date, lang: a.lang }, index, load, {
      includeBelowThreshold: true,
      explain: true,
    });
    const gold = a.gold_source_ids[0];
    const cross = a.label === 'derived' && gold !== undefined && stmtById.get(gold)?.lang !== a.lang;
    rows.push({ article: a, report, cross });
  }
  return rows;
}

interface Metrics {
  sameN: number;
  sameR1: number;
  sameAny: number;
  crossN: number;
  crossR1: number;
  crossAny: number;
  negN: number;
  fp: number;
  /** Not-derived articles that report another statement of the same template family. */
  formulaicN: number;
  formulaicFp: number;
  /** Highest score any candidate of a not-derived article got, shown or not, and whose. */
  maxNegScore: number;
  maxNegWho: string;
  vP: number;
  vR: number;
  vF1: number;
  spanP: number;
  spanR: number;
  spanF1: number;
  evidN: number;
  evidR1: number;
  spkN: number;
  spkAcc: number;
  spkAttributed: number;
  misses: string[];
  crossMisses: string[];
  fps: string[];
  /** Not-derived articles shown a source in another language (a translation that is not one). */
  fpCross: number;
  /** Every shown source with whether it is right (a gold or weak source of a derived article). */
  shownPoints: Array<{ score: number; right: boolean }>;
  attribution: AttributionAccuracy;
  speakers: SpeakerAccuracy;
}

function metrics(rows: Row[], threshold: number, translationThreshold = threshold): Metrics {
  const m: Metrics = {
    sameN: 0,
    sameR1: 0,
    sameAny: 0,
    crossN: 0,
    crossR1: 0,
    crossAny: 0,
    negN: 0,
    fp: 0,
    formulaicN: 0,
    formulaicFp: 0,
    maxNegScore: 0,
    maxNegWho: '-',
    vP: 0,
    vR: 0,
    vF1: 0,
    spanP: 0,
    spanR: 0,
    spanF1: 0,
    evidN: 0,
    evidR1: 0,
    spkN: 0,
    spkAcc: 0,
    spkAttributed: 0,
    misses: [],
    crossMisses: [],
    fps: [],
    fpCross: 0,
    shownPoints: [],
    ...attributionMetrics(rows, threshold, translationThreshold),
  };
  let tp = 0;
  let predTotal = 0;
  let goldTotal = 0;
  let spanTp = 0;
  let spanPred = 0;
  let quoteTotal = 0;
  let quoteAttributed = 0;
  let spkCorrect = 0;
  for (const { article: a, report, cross } of rows) {
    const shown = report.sources.filter((s) => s.score >= (s.relation === 'translates' ? translationThreshold : threshold));
    const right = new Set([...a.gold_source_ids, ...(a.weak_source_ids ?? [])]);
    const isRight = (s: SourceMatch) => a.label === 'derived' && (right.has(s.statementId) || (s.duplicates ?? []).some((d) => right.has(d)));
    for (const s of shown) m.shownPoints.push({ score: s.score, right: isRight(s) });
    if (a.label !== 'derived') {
      m.negN++;
      const formulaic = a.reuse_class === 'formulaic_other_event';
      if (formulaic) m.formulaicN++;
      for (const s of report.sources) {
        if (s.score > m.maxNegScore) {
          m.maxNegScore = s.score;
          m.maxNegWho = `${a.id}→${s.statementId}`;
        }
      }
      if (shown.some((s) => s.relation === 'translates')) m.fpCross++;
      if (shown.length) {
        m.fp++;
        if (formulaic) m.formulaicFp++;
        m.fps.push(`${a.id}→${shown[0]!.statementId}(${shown[0]!.score})`);
      }
      continue;
    }
    const gold = new Set(a.gold_source_ids);
    const r1 = shown.length > 0 && gold.has(shown[0]!.statementId);
    const any = shown.some((s) => gold.has(s.statementId) || (s.duplicates ?? []).some((d) => gold.has(d)));
    if (cross) {
      m.crossN++;
      m.crossR1 += +r1;
      m.crossAny += +any;
      if (!r1) {
        const g = report.sources.find((s) => gold.has(s.statementId));
        m.crossMisses.push(`${a.id}[${a.lang}]→${shown[0]?.statementId ?? '-'}(${g ? g.score : 'not retrieved'})`);
      }
      continue;
    }
    m.sameN++;
    m.sameR1 += +r1;
    m.sameAny += +any;
    if (a.evidence_in_stored_statement_text !== false) {
      m.evidN++;
      m.evidR1 += +r1;
    }
    if (!r1)
      m.misses.push(
        `${a.id}[${a.reuse_class}]→${shown[0]?.statementId ?? '-'}(${report.sources.find((s) => gold.has(s.statementId))?.score ?? 'not aligned'})`,
      );
    const goldRanges = mergeRanges(a.gold_source_ids.flatMap((g) => commonRuns(a.text, stmtById.get(g)!.text)));
    const copies = shown.flatMap((s) =>
      s.passages.filter((p) => p.type !== 'paraphrase' && p.type !== 'translated_quote' && p.type !== 'translated_passage').map((p) => ({ p, s })),
    );
    const spanRanges = mergeRanges(copies.map(({ p }) => [p.article[0], p.article[1]] as [number, number]));
    const predRanges = mergeRanges(
      copies.flatMap(({ p, s }) => {
        const stmtText = stmtById.get(s.statementId)?.text ?? '';
        return commonRuns(a.text.slice(p.article[0], p.article[1]), stmtText.slice(p.statement[0], p.statement[1])).map(
          ([x, y]) => [x + p.article[0], y + p.article[0]] as [number, number],
        );
      }),
    );
    tp += intersectLength(goldRanges, predRanges);
    predTotal += rangeLength(predRanges);
    goldTotal += rangeLength(goldRanges);
    spanTp += intersectLength(goldRanges, spanRanges);
    spanPred += rangeLength(spanRanges);
    for (const s of shown) {
      if (!gold.has(s.statementId)) continue;
      const stmt = stmtById.get(s.statementId)!;
      for (const p of s.passages) {
        if (p.type !== 'verbatim_quote' && p.type !== 'altered_quote') continue;
        quoteTotal++;
        if (p.speaker) quoteAttributed++;
        if (stmt.speaker) {
          m.spkN++;
          if (p.speakerMatches) spkCorrect++;
          else if (process.env.EVAL_SPEAKERS)
            console.error(
              `speaker ✗ ${a.id}/${s.statementId} [${s.speaker}] got [${p.speaker ?? '-'}]: ${a.text.slice(Math.max(0, p.article[0] - 150), p.article[1] + 150).replace(/\n/g, ' ')}`,
            );
        }
      }
    }
  }
  m.vP = predTotal ? tp / predTotal : 0;
  m.vR = goldTotal ? tp / goldTotal : 0;
  m.vF1 = m.vP + m.vR ? (2 * m.vP * m.vR) / (m.vP + m.vR) : 0;
  m.spanP = spanPred ? spanTp / spanPred : 0;
  m.spanR = goldTotal ? spanTp / goldTotal : 0;
  m.spanF1 = m.spanP + m.spanR ? (2 * m.spanP * m.spanR) / (m.spanP + m.spanR) : 0;
  m.spkAcc = m.spkN ? spkCorrect / m.spkN : 0;
  m.spkAttributed = quoteTotal ? quoteAttributed / quoteTotal : 0;
  return m;
}

function attributionMetrics(rows: Row[], threshold: number, translationThreshold: number): Pick<Metrics, 'attribution' | 'speakers'> {
  const judged = rows.map(({ article, report, cross }) => ({
    article,
    cross,
    shown: report.sources.filter((s) => s.score >= (s.relation === 'translates' ? translationThreshold : threshold)),
  }));
  return { attribution: attributionAccuracy(judged), speakers: speakerAccuracy(judged, stmtById) };
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '-');
const ratio = (k: number, n: number) => (n ? `${f(k / n)} (${k}/${n})` : '-');

/** One table: a column per row set (each set, then all of them together). */
function table(title: string, columns: ReadonlyArray<[name: string, m: Metrics]>): string {
  const row = (label: string, cell: (m: Metrics) => string) => `| ${label} | ${columns.map(([, m]) => cell(m)).join(' | ')} |`;
  return [
    `### ${title}`,
    '',
    `| metric | ${columns.map(([name]) => name).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
    row('same-language recall@1', (m) => ratio(m.sameR1, m.sameN)),
    row('same-language recall@1, reachable (quoted part in stored text)', (m) => ratio(m.evidR1, m.evidN)),
    row('same-language recall (any)', (m) => ratio(m.sameAny, m.sameN)),
    row('cross-language recall@1', (m) => ratio(m.crossR1, m.crossN)),
    row('cross-language recall (any)', (m) => ratio(m.crossAny, m.crossN)),
    row('false positives (not derived, any source shown)', (m) => ratio(m.fp, m.negN)),
    row('false positives, formulaic_other_event', (m) => ratio(m.formulaicFp, m.formulaicN)),
    row('false positives, a translated source shown', (m) => ratio(m.fpCross, m.negN)),
    row('highest score of a not-derived article (shown or not)', (m) => `${f(m.maxNegScore)} ${m.maxNegWho}`),
    row('verbatim P / R / F1 (chars)', (m) => `${f(m.vP)} / ${f(m.vR)} / **${f(m.vF1)}**`),
    row('passage-span P / R / F1 (chars, reference)', (m) => `${f(m.spanP)} / ${f(m.spanR)} / ${f(m.spanF1)}`),
    row('quote-to-speaker accuracy', (m) => ratio(Math.round(m.spkAcc * m.spkN), m.spkN)),
    row('quotes with a speaker found', (m) => f(m.spkAttributed)),
    row('attribution-label accuracy, copies outside quotes (gold: reuse_class and notes, scripts/eval-attribution.ts)', (m) =>
      ratio(m.attribution.correct, m.attribution.n),
    ),
    row(
      '… in articles labelled unattributed / attributed',
      (m) => `${ratio(m.attribution.unattributedCorrect, m.attribution.unattributedN)} / ${ratio(m.attribution.attributedCorrect, m.attribution.attributedN)}`,
    ),
    row("speaker accuracy (names the statement's person or issuer, whole)", (m) => ratio(m.speakers.correct, m.speakers.n)),
    row('quotes and attributed copies with a speaker line', (m) => ratio(m.speakers.n, m.speakers.candidates)),
    row('calibration error of shown scores (ECE, 0.1 bins)', (m) => f(expectedCalibrationError(reliabilityBins(m.shownPoints, SCORE_EDGES)))),
    '',
  ].join('\n');
}

const SCORE_EDGES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

function printMisses(name: string, m: Metrics): void {
  console.log(`${name}: same-language misses: ${m.misses.join(' ') || '-'}`);
  console.log(`${name}: cross-language misses: ${m.crossMisses.join(' ') || '-'}`);
  console.log(`${name}: false positives: ${m.fps.join(' ') || '-'}`);
  console.log(`${name}: attribution labels judged wrong: ${m.attribution.wrong.join(' ') || '-'}`);
  console.log(`${name}: speaker lines judged wrong: ${m.speakers.wrong.join(' ') || '-'}`);
}

interface Condition {
  /** Rows of each set, then of all sets together. */
  columns: Array<[name: string, rows: Row[]]>;
}

function columnsOf(condition: Condition, threshold: number, translationThreshold = threshold): Array<[string, Metrics]> {
  return condition.columns.map(([name, rows]) => [name, metrics(rows, threshold, translationThreshold)]);
}

async function main() {
  const out: Record<string, unknown> = {};
  const t0 = performance.now();
  const all = datasets.flatMap((d) => d.statements);
  const allArticles = datasets.flatMap((d) => d.articles);
  // Each set alone against its own statements; together against all of them.
  const alone: Condition = { columns: [] };
  for (const d of datasets) {
    const index = new StatementIndex();
    index.add(d.statements);
    alone.columns.push([d.name, await runAll(d.articles, index)]);
  }
  const union = new StatementIndex();
  union.add(all);
  alone.columns.push([datasets.map((d) => d.name).join(' + '), await runAll(allArticles, union)]);
  if (flag('--fit')) {
    // The calibration is fitted on both sets together, against all their statements (no distractors:
    // they can only lower evidence, weights.ts).
    const points: CalibrationPoint[] = [];
    for (const row of alone.columns.at(-1)![1]) {
      row.report.sources.forEach((s, i) => {
        if (s.evidence === undefined) return;
        const right = row.article.label === 'derived' && row.article.gold_source_ids.includes(s.statementId);
        points.push({ ...s.evidence, right, top: i === 0 });
      });
    }
    const fit = fitCalibration(points);
    const path = new URL('../lib/engine/score-calibration.json', import.meta.url);
    writeFileSync(
      path,
      JSON.stringify({ ...fit, fitted: `npm run eval -- --fit, on ${datasets.map((d) => d.name).join(' + ')} (${points.length} candidates)` }, null, 2) + '\n',
    );
    console.log(
      `calibration fitted on ${points.length} candidates: copied ${fit.copied}, reworded ${fit.reworded}, intercept ${fit.intercept} (written to lib/engine/score-calibration.json; run again to see its effect)`,
    );
    return;
  }
  const aloneMetrics = columnsOf(alone, SHOW_THRESHOLD);
  out.alone = Object.fromEntries(aloneMetrics.map(([n, m]) => [n, { ...m, shownPoints: undefined }]));
  if (flag('--sweep')) sweep(alone.columns.at(-1)![1]);
  if (!flag('--json')) {
    console.log(table(`each set alone, and together (${all.length} statements; show threshold ${SHOW_THRESHOLD})`, aloneMetrics));
    if (flag('--verbose')) for (const [n, m] of aloneMetrics) printMisses(n, m);
  }
  let withMetrics: Array<[string, Metrics]> | undefined;
  let distractorCount = 0;
  if (!flag('--no-distractors') && existsSync(sentatePath)) {
    const senate = toStatements(readJsonl(sentatePath).records);
    distractorCount = senate.length;
    const t1 = performance.now();
    // --index-cache FILE keeps the built index between runs (a development aid when only scoring
    // changes: delete the file when indexing changes; the statement count guards against other sets).
    const cache = opt('--index-cache', '');
    let big: StatementIndex;
    if (cache && existsSync(cache)) {
      big = StatementIndex.deserialize(new Uint8Array(readFileSync(cache)));
      if (big.size !== senate.length + all.length) throw new Error(`${cache} holds ${big.size} statements, not ${senate.length + all.length}: delete it`);
    } else {
      big = new StatementIndex();
      big.add([...senate, ...all]);
      if (cache) writeFileSync(cache, big.serialize());
    }
    const buildMs = performance.now() - t1;
    for (const s of senate) stmtById.set(s.id, s);
    const rows = await runAll(allArticles, big);
    const bySet = new Map(datasets.map((d) => [d.name, new Set(d.articles.map((a) => a.id))]));
    const withD: Condition = {
      columns: [
        ...datasets.map((d) => [d.name, rows.filter((r) => bySet.get(d.name)!.has(r.article.id))] as [string, Row[]]),
        [alone.columns.at(-1)![0], rows],
      ],
    };
    withMetrics = columnsOf(withD, SHOW_THRESHOLD);
    out.withDistractors = Object.fromEntries(withMetrics.map(([n, m]) => [n, { ...m, shownPoints: undefined }]));
    if (flag('--sweep')) sweep(rows);
    if (!flag('--json')) {
      console.log(
        table(
          `with the ${senate.length} Senate releases added as distractors (all ${all.length + senate.length} statements in one index, built in ${(buildMs / 1000).toFixed(1)} s)`,
          withMetrics,
        ),
      );
      if (flag('--verbose')) for (const [n, m] of withMetrics) printMisses(`${n} + distractors`, m);
    }
  }
  const both = aloneMetrics.at(-1)![1];
  const bothD = withMetrics?.at(-1)?.[1];
  const series: ReliabilitySeries[] = [
    { label: `all sets (${both.shownPoints.length} shown)`, colour: '#1f6fb2', bins: reliabilityBins(both.shownPoints, SCORE_EDGES) },
  ];
  if (bothD)
    series.push({
      label: `+ ${distractorCount} distractors (${bothD.shownPoints.length})`,
      colour: '#c0392b',
      bins: reliabilityBins(bothD.shownPoints, SCORE_EDGES),
    });
  if (flag('--plot')) {
    const path = resolve(opt('--plot', 'docs/calibration.svg'));
    writeFileSync(
      path,
      reliabilitySvg(
        'SourceLens: shown score against share right',
        series,
        `npm run eval -- --plot, ${datasets.map((d) => d.name).join(' + ')}: every source shown (score ≥ ${SHOW_THRESHOLD})\nright = a gold or weak source of a derived article; anything shown for a not-derived article is wrong`,
      ),
    );
    if (!flag('--json')) console.log(`reliability diagram written to ${path}`);
  }
  if (!flag('--json')) {
    console.log('reliability (shown sources): bin | mean score | share right | n');
    for (const s of series)
      for (const b of s.bins) console.log(`${s.label}: ${b.lo.toFixed(1)}-${b.hi.toFixed(1)} | ${f(b.meanScore)} | ${f(b.rightShare)} | ${b.count}`);
    console.log(targetsLine(both, bothD));
    console.log(`eval time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else console.log(JSON.stringify(out));
}

/** The issue-20 targets on all sets together, met or not. */
function targetsLine(both: Metrics, withD: Metrics | undefined): string {
  const checks: Array<[string, boolean]> = [
    [`false positives ${f(both.fp / both.negN)} ≤ 0.02`, both.fp / both.negN <= 0.02],
    [`same-language recall@1 (reachable) ${f(both.evidR1 / both.evidN)} ≥ 0.95`, both.evidR1 / both.evidN >= 0.95],
    [`cross-language recall@1 ${f(both.crossR1 / both.crossN)} ≥ 0.62`, both.crossR1 / both.crossN >= 0.62],
    [`verbatim F1 ${f(both.vF1)} ≥ 0.95`, both.vF1 >= 0.95],
  ];
  if (withD) {
    checks.push([`false positives with distractors ${withD.fp} ≤ ${both.fp}`, withD.fp <= both.fp]);
    checks.push([`highest not-derived score with distractors ${f(withD.maxNegScore)} ≤ ${f(both.maxNegScore)}`, withD.maxNegScore <= both.maxNegScore]);
  }
  return `targets: ${checks.map(([t, ok]) => `${ok ? '✓' : '✗'} ${t}`).join('; ')}`;
}

/** Threshold sweep (all sources, then translated sources only). */
function sweep(rows: Row[]): void {
  console.log('threshold sweep: t | same r@1 | same r@1 reachable | cross r@1 | FP rate');
  for (const t of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]) {
    const m = metrics(rows, t);
    console.log(`${t.toFixed(2)} | ${f(m.sameR1 / m.sameN)} | ${f(m.evidR1 / m.evidN)} | ${f(m.crossR1 / m.crossN)} | ${f(m.fp / m.negN)} (${m.fp})`);
  }
  console.log(`translation-only threshold sweep (others at ${SHOW_THRESHOLD}): t | cross r@1 | cross any | FP rate`);
  for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    const m = metrics(rows, SHOW_THRESHOLD, t);
    console.log(`${t.toFixed(2)} | ${f(m.crossR1 / m.crossN)} | ${f(m.crossAny / m.crossN)} | ${f(m.fp / m.negN)} (${m.fp}) ${m.fps.join(' ')}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
