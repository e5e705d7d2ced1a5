/**
 * npm run eval [-- --no-distractors] [--sweep] [--json] [--verbose]
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
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StatementIndex, findSources, type StatementDoc, type SourceReport } from '../lib/engine/index.ts';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { commonRuns, intersectLength, mergeRanges, rangeLength } from './gold-verbatim.ts';
import { SHOW_THRESHOLD } from '../lib/engine/score.ts';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';

installBundledLexicons();

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const devDir = resolve(opt('--dev', '../shared/data/dev'));
const sentatePath = resolve(opt('--distractors', '../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz'));

interface Article {
  id: string;
  text: string;
  title?: string;
  date?: string;
  lang?: string;
  label: string;
  gold_source_ids: string[];
  reuse_class: string;
  evidence_in_stored_statement_text?: boolean;
}

/** Texts of distractor statements (for passages matched to them), set when distractors are loaded. */
const docsForSpans = new Map<string, StatementDoc>();

const statements = toStatements(readJsonl(join(devDir, 'statements.jsonl')).records);
const articles = readJsonl(join(devDir, 'articles.jsonl')).records as unknown as Article[];
const stmtById = new Map(statements.map((s) => [s.id, s]));

interface Row {
  article: Article;
  report: SourceReport;
  cross: boolean;
}

async function runAll(index: StatementIndex, docs: Map<string, StatementDoc>): Promise<Row[]> {
  const load = async (ids: string[]) => ids.map((id) => docs.get(id)!).filter(Boolean);
  const rows: Row[] = [];
  for (const a of articles) {
    const report = await findSources({ id: a.id, text: a.text, title: a.title, date: a.date, lang: a.lang }, index, load, {
      includeBelowThreshold: true,
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
}

function metrics(rows: Row[], threshold: number, translationThreshold = threshold): Metrics {
  const m: Metrics = { sameN: 0, sameR1: 0, sameAny: 0, crossN: 0, crossR1: 0, crossAny: 0, negN: 0, fp: 0, vP: 0, vR: 0, vF1: 0, spanP: 0, spanR: 0, spanF1: 0, evidN: 0, evidR1: 0, spkN: 0, spkAcc: 0, spkAttributed: 0, misses: [], crossMisses: [], fps: [], fpCross: 0 };
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
    if (a.label !== 'derived') {
      m.negN++;
      if (shown.some((s) => s.relation === 'translates')) m.fpCross++;
      if (shown.length) {
        m.fp++;
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
    if (!r1) m.misses.push(`${a.id}[${a.reuse_class}]→${shown[0]?.statementId ?? '-'}(${report.sources.find((s) => gold.has(s.statementId))?.score ?? 'not aligned'})`);
    const goldRanges = mergeRanges(a.gold_source_ids.flatMap((g) => commonRuns(a.text, stmtById.get(g)!.text)));
    const copies = shown.flatMap((s) => s.passages.filter((p) => p.type !== 'paraphrase' && p.type !== 'translated_quote' && p.type !== 'translated_passage').map((p) => ({ p, s })));
    const spanRanges = mergeRanges(copies.map(({ p }) => [p.article[0], p.article[1]] as [number, number]));
    const predRanges = mergeRanges(
      copies.flatMap(({ p, s }) => {
        const stmtText = stmtById.get(s.statementId)?.text ?? docsForSpans.get(s.statementId)?.text ?? '';
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
          else if (process.env.EVAL_SPEAKERS) console.error(`speaker ✗ ${a.id}/${s.statementId} [${s.speaker}] got [${p.speaker ?? '-'}]: ${a.text.slice(Math.max(0, p.article[0] - 150), p.article[1] + 150).replace(/\n/g, ' ')}`);
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

const f = (x: number) => x.toFixed(3);
function table(title: string, m: Metrics): string {
  return [
    `### ${title}`,
    '',
    '| metric | value | n |',
    '|---|---|---|',
    `| same-language recall@1 | ${f(m.sameR1 / m.sameN)} | ${m.sameN} |`,
    `| same-language recall (any) | ${f(m.sameAny / m.sameN)} | ${m.sameN} |`,
    `| same-language recall@1, quoted part in stored excerpt | ${f(m.evidR1 / m.evidN)} | ${m.evidN} |`,
    `| cross-language recall@1 | ${f(m.crossR1 / m.crossN)} | ${m.crossN} |`,
    `| cross-language recall (any) | ${f(m.crossAny / m.crossN)} | ${m.crossN} |`,
    `| false-positive rate (not derived) | ${f(m.fp / m.negN)} | ${m.negN} |`,
    `| false-positive rate, cross-language (not derived, shown a translated source) | ${f(m.fpCross / m.negN)} | ${m.negN} |`,
    `| verbatim precision (chars) | ${f(m.vP)} | |`,
    `| verbatim recall (chars) | ${f(m.vR)} | |`,
    `| verbatim F1 (chars) | ${f(m.vF1)} | |`,
    `| passage-span P / R / F1 (chars, reference) | ${f(m.spanP)} / ${f(m.spanR)} / ${f(m.spanF1)} | |`,
    `| quote-to-speaker accuracy | ${f(m.spkAcc)} | ${m.spkN} |`,
    `| quotes with a speaker found | ${f(m.spkAttributed)} | |`,
    '',
  ].join('\n');
}

async function main() {
  const out: Record<string, unknown> = {};
  const t0 = performance.now();
  const index = new StatementIndex();
  index.add(statements);
  const docs = new Map(statements.map((s) => [s.id, s]));
  const rows = await runAll(index, docs);
  const base = metrics(rows, SHOW_THRESHOLD);
  out.dev = base;
  if (flag('--sweep')) {
    console.log('threshold sweep (dev only): t | same r@1 | same any | cross r@1 | FP rate');
    for (const t of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]) {
      const m = metrics(rows, t);
      console.log(`${t.toFixed(2)} | ${f(m.sameR1 / m.sameN)} | ${f(m.sameAny / m.sameN)} | ${f(m.crossR1 / m.crossN)} | ${f(m.fp / m.negN)} (${m.fp})`);
    }
    translationSweep(rows);
  }
  if (!flag('--json')) {
    console.log(table(`dev set: ${statements.length} statements (threshold ${SHOW_THRESHOLD})`, base));
    if (flag('--verbose')) console.log('same-language misses:', base.misses.join(' '), '\ncross-language misses:', base.crossMisses.join(' '), '\nfalse positives:', base.fps.join(' '));
  }
  if (!flag('--no-distractors') && existsSync(sentatePath)) {
    const senate = toStatements(readJsonl(sentatePath).records);
    const t1 = performance.now();
    const big = new StatementIndex();
    big.add([...senate, ...statements]);
    const buildMs = performance.now() - t1;
    for (const s of senate) {
      docs.set(s.id, s);
      docsForSpans.set(s.id, s);
    }
    const rows2 = await runAll(big, docs);
    const withD = metrics(rows2, SHOW_THRESHOLD);
    out.withDistractors = withD;
    if (flag('--sweep')) translationSweep(rows2);
    if (!flag('--json')) {
      console.log(table(`dev set + ${senate.length} Senate distractors (index built in ${(buildMs / 1000).toFixed(1)} s)`, withD));
      if (flag('--verbose')) console.log('same-language misses:', withD.misses.join(' '), '\ncross-language misses:', withD.crossMisses.join(' '), '\nfalse positives:', withD.fps.join(' '));
      console.log(
        `recall@1 drop: ${f(base.sameR1 / base.sameN - withD.sameR1 / withD.sameN)} (target ≤ 0.02); FP ${base.fp} → ${withD.fp} (target: no rise)`,
      );
    }
  }
  if (flag('--json')) console.log(JSON.stringify(out));
  else console.log(`eval time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Sweeps the show threshold of translated sources only (others stay at SHOW_THRESHOLD). */
function translationSweep(rows: Row[]): void {
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
