/**
 * Source score, coverage and relation.
 *
 * Evidence is counted in informative matched words. A word's informativeness is its idf normalised
 * to 0..1 (log(1 + N/df) / log(1 + N)): a word no other statement uses counts 1, "the" ~0.1-0.2, an
 * issuer's recurring vocabulary (country, ministry, "armed forces") about half. Each quote or copied
 * passage contributes max(0, weight − {@link PASSAGE_ALLOWANCE}): the first few informative words of
 * any passage are free, because a 6-8-word shared phrase is what two texts of one issuer on one topic
 * share by chance (dev set: the longest passages of the same-issuer hard negatives weigh 3-9, while
 * 80 % of real quotes weigh more than 10). A paraphrased sentence adds its shared content stems ×
 * similarity × {@link PARAPHRASE_WEIGHT}. The score is 1 − exp(−evidence / {@link EVIDENCE_SCALE}),
 * so it saturates: a second long quote adds less than the first.
 * {@link SHOW_THRESHOLD} is where a source is shown; it was chosen on ../shared/data/dev as the value
 * that keeps false positives on not-derived articles ≤ 5 % while maximising same-language recall
 * (sweep in docs/ENGINE.md).
 */
import type { ScoredPassage } from './classify.ts';
import type { Relation } from './types.ts';

export const PASSAGE_ALLOWANCE = 3;
export const EVIDENCE_SCALE = 10;
export const PARAPHRASE_WEIGHT = 0.5;
export const SHOW_THRESHOLD = 0.5;

export function evidenceOf(passages: readonly ScoredPassage[]): number {
  let e = 0;
  for (const p of passages) {
    if (p.pieces) e += evidenceOf(p.pieces); // a merged passage (merge-passages.ts) weighs what its pieces do
    else if (p.type === 'paraphrase' && p.similarity !== undefined) e += p.words * p.similarity * PARAPHRASE_WEIGHT;
    else e += Math.max(0, p.weight - PASSAGE_ALLOWANCE) * speakerFactor(p);
  }
  return e;
}
/**
 * A quote the article attributes to someone other than the statement's speaker counts half: the
 * same words from another mouth are weaker evidence that this statement is the source (dev: a White
 * House spokesman's description of the Alaska shoot-down shared a sentence with the Pentagon's
 * briefing, N046; factor 0.5 removed that false positive and no true source; 0.3 changed nothing
 * more; a bonus for a matching speaker, 1.3-1.5, added no recall).
 */
export const SPEAKER_MISMATCH_FACTOR = 0.5;
function speakerFactor(p: ScoredPassage): number {
  // Quotes only: an attributed copy's credit (credits.ts) names who the article says it reports, which
  // tells the reader whom the outlet credits, not whether this statement is the source.
  return p.speakerMatches === false && p.type !== 'attributed_copy' ? SPEAKER_MISMATCH_FACTOR : 1;
}

export function scoreFromEvidence(evidence: number): number {
  return 1 - Math.exp(-evidence / EVIDENCE_SCALE);
}

/** Share of the article's characters covered by the union of the passages' article ranges. */
export function coverageOf(passages: ReadonlyArray<{ article: readonly [number, number] }>, articleChars: number): number {
  if (!articleChars) return 0;
  const ranges = passages.map((p) => p.article).sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let end = -1;
  for (const [s, e] of ranges) {
    if (e <= end) continue;
    covered += e - Math.max(s, end);
    end = e;
  }
  return covered / articleChars;
}

export function relationOf(passages: readonly ScoredPassage[]): Relation {
  let quoteChars = 0;
  let copyChars = 0;
  if (passages.length && passages.every((p) => p.type === 'translated_quote' || p.type === 'translated_passage')) return 'translates';
  for (const p of passages) {
    const len = p.article[1] - p.article[0];
    if (p.type === 'verbatim_quote' || p.type === 'altered_quote' || p.type === 'attributed_copy') quoteChars += len;
    else if (p.type === 'unattributed_copy') copyChars += len;
  }
  if (copyChars > 0 && copyChars >= quoteChars) return 'copies';
  if (quoteChars > 0) return 'quotes';
  return 'paraphrases';
}
