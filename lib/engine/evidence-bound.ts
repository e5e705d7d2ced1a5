/**
 * Whether a candidate's alignment could still give a score worth showing, read before the costly
 * steps (quote and credit reading, sentence comparison, merging, facts). At 72k statements most
 * candidates of a long article share only chance phrases with it ("the United States Senate"): their
 * runs weigh less than the allowance each passage pays (score.ts), so they can only score below the
 * threshold, and were classified, compared sentence by sentence and merged for nothing.
 *
 * The bound follows score.ts step by step, so it is never below the score the full match gives:
 * - copied evidence: each piece counts max(0, copiedWeight · uniqueness − PASSAGE_ALLOWANCE) times a
 *   speaker factor; copiedWeight ≤ weight (the matched article words' informativeness), uniqueness
 *   and the speaker factor ≤ 1, and cutting a run into pieces (at quote marks) only subtracts the
 *   allowance more often, so a run's max(0, weight − PASSAGE_ALLOWANCE) bounds its pieces together;
 * - reworded evidence: words · similarity · PARAPHRASE_WEIGHT per paraphrase, similarity ≤ 1, and the
 *   words are bounded by sharedContentBound (paraphrase.ts) for any statement, and more tightly by the
 *   statement's own content stems (prepareParaphrases' sharedBound), read second as it costs a table;
 * - the fact and staleness factors are ≤ 1, and the score rises with both parts (score.ts).
 */
import type { AlignedRun } from './align.ts';
import { MIN_PASSAGE_WORDS } from './classify.ts';
import { PARAPHRASE_WEIGHT, PASSAGE_ALLOWANCE, scoreFromEvidence } from './score.ts';

/** Slack against rounding: the bound and the score sum the same terms in another order. */
const ROUNDING_MARGIN = 1e-9;

/**
 * The most copied evidence the pieces of these runs can give (see the header). A run of fewer than
 * MIN_PASSAGE_WORDS matched words outside the article's quotes gives none: its pieces are all too short
 * to count (classify.ts `weak`); inside a quote one of them may be a short quote.
 */
export function copiedBound(runs: readonly AlignedRun[], informativeness: (articleToken: number) => number, quoted: (articleToken: number) => boolean): number {
  let bound = 0;
  for (const run of runs) {
    if (run.pairs.length < 3 * MIN_PASSAGE_WORDS && !anyQuoted(run, quoted)) continue;
    let weight = 0;
    for (let k = 0; k < run.pairs.length; k += 3) weight += informativeness(run.pairs[k]!);
    bound += Math.max(0, weight - PASSAGE_ALLOWANCE);
  }
  return bound;
}

function anyQuoted(run: AlignedRun, quoted: (articleToken: number) => boolean): boolean {
  for (let k = 0; k < run.pairs.length; k += 3) if (quoted(run.pairs[k]!)) return true;
  return false;
}

/** Whether evidence up to these bounds could reach `threshold`. */
export function canReach(copiedMax: number, sharedContentMax: number, threshold: number): boolean {
  return scoreFromEvidence({ copied: copiedMax, reworded: sharedContentMax * PARAPHRASE_WEIGHT }) >= threshold - ROUNDING_MARGIN;
}
