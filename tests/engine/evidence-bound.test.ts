/**
 * evidence-bound.ts lets a check skip the costly steps for a candidate that cannot be shown. That is
 * only right if the bound is never below the evidence the full match gives: checked here on every
 * pair of a real dev article and a real dev statement that align at all, with the engine's own steps.
 */
import { describe, expect, it } from 'vitest';
import { alignTokens } from '../../lib/engine/align.ts';
import { quoteOfToken } from '../../lib/engine/classify.ts';
import { commonWordWeightOf } from '../../lib/engine/common-words.ts';
import { canReach, copiedBound } from '../../lib/engine/evidence-bound.ts';
import { analyseArticle, FORMULA_GRAM_DF, matchStatement } from '../../lib/engine/find-sources.ts';
import { prepareParaphrases, sentenceBags, sharedContentBound } from '../../lib/engine/paraphrase.ts';
import { evidenceParts, PARAPHRASE_WEIGHT, scoreFromEvidence, SHOW_THRESHOLD } from '../../lib/engine/score.ts';
import { StatementIndex } from '../../lib/engine/statement-index.ts';
import { tokenize, type TokenStream } from '../../lib/engine/tokenize.ts';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { StatementDoc } from '../../lib/engine/types.ts';

const shared = (path: string) => new URL(`../../../shared/data/${path}`, import.meta.url);
const jsonl = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
const english = <T extends { lang?: string }>(xs: T[]) => xs.filter((x) => (x.lang ?? 'en').startsWith('en'));
type DevArticle = { id: string; text: string; title?: string; lang?: string; gold_source_ids?: string[] };
const devArticles = () => english(['dev', 'dev-formulaic'].flatMap((set) => jsonl<DevArticle>(readFileSync(shared(`${set}/articles.jsonl`), 'utf8'))));
/** The dev statements, and Senate releases as the chance neighbours a real corpus holds. */
function devStatements(): StatementDoc[] {
  const dev = ['dev', 'dev-formulaic'].flatMap((set) => jsonl<StatementDoc>(readFileSync(shared(`${set}/statements.jsonl`), 'utf8')));
  const senate = jsonl<{ id: string; text: string }>(gunzipSync(readFileSync(shared('corpora/us-senate-press-releases-2004-2008.jsonl.gz'))).toString('utf8'))
    .filter((_, i) => i % 600 === 0)
    .map((r) => ({ id: String(r.id), text: r.text, lang: 'en' }));
  return english([...dev, ...senate]);
}

describe('the evidence bound read before classification', () => {
  const docs = devStatements();
  const index = new StatementIndex();
  index.add(docs);
  const gramDf = (g: number) => index.lookupGram(g);
  const weightOf = (t: TokenStream) => (i: number) => commonWordWeightOf(t.keys[i]!, t.hashes[i]!, 'en');

  it('is never below the evidence of the full match, and rules out most chance neighbours', () => {
    let pairs = 0;
    let copying = 0;
    let rewording = 0;
    let ruledOut = 0;
    let sourcesShown = 0;
    for (const a of devArticles()) {
      const tokens = tokenize(a.text, 'en');
      const analysis = analyseArticle(a.text, a.title);
      const bags = (analysis.bags = sentenceBags(tokens, weightOf(tokens)));
      const sharedMax = sharedContentBound(bags);
      for (const doc of docs) {
        const st = tokenize(doc.text, doc.lang);
        const runs = alignTokens(tokens, st);
        if (!runs.length) continue;
        pairs++;
        const copiedMax = copiedBound(runs, weightOf(tokens), (i) => quoteOfToken(analysis.quotes, tokens, i) >= 0);
        const prepared = prepareParaphrases(bags, st, weightOf(st));
        const passages = matchStatement(tokens, doc, analysis, (g) => gramDf(g) > FORMULA_GRAM_DF, weightOf, true, st, gramDf, 'en', runs, prepared);
        const evidence = evidenceParts(passages);
        const key = `${a.id}→${doc.id}`;
        expect(evidence.copied, key).toBeLessThanOrEqual(copiedMax + 1e-9);
        expect(prepared.sharedBound, key).toBeLessThanOrEqual(sharedMax);
        expect(evidence.reworded, key).toBeLessThanOrEqual(prepared.sharedBound * PARAPHRASE_WEIGHT + 1e-9);
        if (evidence.copied > 0) copying++;
        if (evidence.reworded > 0) rewording++;
        if (!canReach(copiedMax, prepared.sharedBound, SHOW_THRESHOLD)) {
          ruledOut++;
          expect(scoreFromEvidence(evidence), `${a.id}→${doc.id}`).toBeLessThan(SHOW_THRESHOLD);
        } else if (a.gold_source_ids?.includes(doc.id) && scoreFromEvidence(evidence) >= SHOW_THRESHOLD) sourcesShown++;
      }
    }
    // The checks above ran on real evidence, and the bound does skip work.
    expect(pairs).toBeGreaterThan(4000);
    expect(copying).toBeGreaterThan(200);
    expect(rewording).toBeGreaterThan(20);
    expect(ruledOut).toBeGreaterThan(0.8 * pairs);
    // A ruled-out candidate scores below the threshold (asserted above), and the sources that score
    // above it were all let through.
    expect(sourcesShown).toBeGreaterThan(50);
  });
});
