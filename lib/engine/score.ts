/**
 * Source score, coverage and relation.
 *
 * Evidence is counted in weighted matched words (weights.ts, common-words.ts): each quote or copied
 * piece contributes max(0, weight × uniqueness − {@link PASSAGE_ALLOWANCE}) (the first few informative
 * words of any passage are free: a 6-8-word shared phrase is what two texts of one issuer on one topic
 * share by chance; dev: the longest passages of same-issuer hard negatives weigh 3-9, 80 % of real
 * quotes more than 10). A paraphrased sentence adds its shared content stems × similarity ×
 * {@link PARAPHRASE_WEIGHT}. Facts that differ and an old statement scale both down ({@link factFactor},
 * {@link staleFactor}). The shown score is a fitted probability ({@link scoreFromEvidence}); sources
 * are shown from {@link SHOW_THRESHOLD}. docs/ENGINE.md, "Scoring and the threshold", says why.
 */
import type { ScoredPassage } from './classify.ts';
import type { Fact, FactComparison } from './facts.ts';
import type { Relation } from './types.ts';
import calibration from './score-calibration.json';

export const PASSAGE_ALLOWANCE = 3;
export const PARAPHRASE_WEIGHT = 0.5;
export const SHOW_THRESHOLD = 0.5;

/**
 * A statement's evidence in two parts, because they are not equally reliable: words the article
 * shares with it (quotes, copies, edited copies) and sentences it rewords (paraphrase). The shown
 * score weighs each by its own fitted slope (score-calibration.json).
 */
export interface Evidence {
  copied: number;
  reworded: number;
}

export function evidenceParts(passages: readonly ScoredPassage[], into: Evidence = { copied: 0, reworded: 0 }): Evidence {
  for (const p of passages) {
    if (p.pieces)
      evidenceParts(p.pieces, into); // a merged passage (merge-passages.ts) weighs what its pieces do
    else if (p.type === 'paraphrase' && p.similarity !== undefined) into.reworded += p.words * p.similarity * PARAPHRASE_WEIGHT;
    // A short formula phrase the article shares (classify.ts) is shown, grey, and weighs nothing: it is
    // what any report of the issuer says (fitted with it at half weight or full, same-language recall@1
    // on the reachable dev articles was 0.931 at the same false positives; without it, 0.958).
    else if (p.type !== 'shared_phrase') into.copied += Math.max(0, copiedWeight(p) * (p.uniqueness ?? 1) - PASSAGE_ALLOWANCE) * speakerFactor(p);
  }
  return into;
}

/** How much a shared name counts, against 1 for any other shared word. */
export const NAME_WEIGHT = 0.5;
/** A piece's matched-word weight with its names counted at {@link NAME_WEIGHT}. */
export function copiedWeight(p: ScoredPassage): number {
  return p.weight - (1 - NAME_WEIGHT) * (p.nameWeight ?? 0);
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

/**
 * The shown score: the probability, fitted on the dev sets by `npm run eval -- --fit` (logistic
 * regression on log(1 + copied) and log(1 + reworded), scripts/eval/fit-calibration.ts), that a
 * statement with this evidence is the article's source. Both slopes are kept ≥ 0, so the score rises
 * with either part and anything that cannot raise the evidence cannot raise the score. The
 * reliability diagram is docs/calibration.svg.
 */
export function scoreFromEvidence(e: Evidence): number {
  const { copied, reworded, intercept } = calibration as Calibration;
  return 1 / (1 + Math.exp(-(copied * Math.log1p(Math.max(0, e.copied)) + reworded * Math.log1p(Math.max(0, e.reworded)) + intercept)));
}

/** Scales both parts (facts, staleness). */
export function scaled(e: Evidence, factor: number): Evidence {
  return { copied: e.copied * factor, reworded: e.reworded * factor };
}

interface Calibration {
  copied: number;
  reworded: number;
  intercept: number;
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

/** How much one differing kind of fact weighs against a statement (names weigh half: spellings vary). */
const DIFFER_WEIGHT: Record<Fact['kind'], number> = { date: 1, time: 1, number: 1, year: 1, name: 0.5 };
/** A fact held by up to this many statements agrees fully; a commoner one ("1", the issuer's country) less. */
const FACT_FULL_DF = 2;

/**
 * The share of a statement's evidence that its facts leave standing: exp(−(differing − agreeing)),
 * 1 when agreeing facts outweigh differing ones. An agreeing fact counts by its rarity
 * (min(1, FACT_FULL_DF / df)), so the issuer's own name, in every statement of the family, does not
 * offset a differing date. Depends on df only, so adding statements cannot raise it (weights.ts).
 */
export function factFactor(facts: FactComparison | undefined, dfOf: (f: Fact) => number): number {
  if (!facts?.differ.length) return 1;
  let against = 0;
  for (const d of facts.differ) against += DIFFER_WEIGHT[d.kind];
  let support = 0;
  // Names inside shared wording agree by construction (a readout formula names the same two ministers
  // every time); dates, times and figures are the event's own.
  for (const f of facts.agree) if (f.kind !== 'name') support += Math.min(1, FACT_FULL_DF / Math.max(1, dfOf(f)));
  return Math.exp(-Math.max(0, against - support));
}

/** Days before the article within which a statement is news: the dev sets' sources are 0-2 days old. */
export const FRESH_DAYS = 3;
/** Past FRESH_DAYS, the evidence a statement's text gives is divided by 1 + (days − FRESH_DAYS) / STALE_DAYS. */
export const STALE_DAYS = 14;

/**
 * How much of its evidence an old statement keeps. News reports what was said in the last days; a
 * template readout of three months earlier shares the formula, not the event (issue 20: the 13 April
 * readout shown for the 19 July one). A long quote of an old statement still scores: only the
 * margin shrinks. 1 when either date is unknown.
 */
export function staleFactor(lagDays: number | undefined): number {
  if (lagDays === undefined || lagDays <= FRESH_DAYS) return 1;
  return 1 / (1 + (lagDays - FRESH_DAYS) / STALE_DAYS);
}
