/**
 * Weights that depend on a word's (or n-gram's) document frequency alone, never on the corpus size.
 *
 * Why not idf: idf = log(1 + N/df) grows with N for a word whose df stays put. Adding 72,607 Senate
 * releases made an issuer's stock vocabulary ("ministry", "armed forces", "settlement") look rare, so
 * unrelated statements of the same issuer scored *higher* with the distractors (0.90 → 0.975 on the
 * real data of issue 20). A weight that only falls as df grows cannot rise when statements are added:
 * adding a statement never lowers a df. tests/engine/no-inflation.test.ts holds the engine to it.
 */

/** A word held by this many statements still counts fully... */
const WORD_FULL_DF = 1;
/**
 * ...and its weight falls slowly, as log(1 + R/df) / log(1 + R/WORD_FULL_DF): 50 statements 0.72,
 * 5,000 0.38. Slowly, because at 72,607 Senate releases a quick fall (R = 5,000) took the weight of
 * every topical word ("defense", "ministry") and same-language recall@1 with them (0.92 → 0.33). What
 * says that a word is common in its language is its frequency rank (common-words.ts), which the
 * engine takes as the weight where it is lower.
 */
const WORD_RANGE = 1_000_000;

/** Informativeness of a word from its document frequency: 1 for a word of one statement, → 0 for stock words. */
export function wordWeight(df: number): number {
  const d = Math.max(WORD_FULL_DF, df);
  return Math.log(1 + WORD_RANGE / d) / Math.log(1 + WORD_RANGE / WORD_FULL_DF);
}

/**
 * Cross-language anchors (names, figures, internationalisms) all count 1, whatever the corpus. Their
 * presence on both sides of a translation is the evidence. A weight falling with their document
 * frequency took cross-language recall@1 with the 72,607 Senate releases from 0.58 to 0.40 (names
 * like "Armenia" are in hundreds of releases), and one rising with corpus size inflated scores.
 */
export function anchorWeight(_anchorHash: number): number {
  return 1;
}

/**
 * Statements that may share a passage's n-grams before it counts as a formula: the statement itself,
 * a reissue and a near copy. A passage whose n-grams recur in many statements is an issuer's formula
 * ("… bears the entire responsibility for …"), and weighs in proportion to how few hold it.
 */
export const FORMULA_ALLOWANCE = 3;

/**
 * Uniqueness of a passage, 0..1: the mean over its n-grams of min(1, FORMULA_ALLOWANCE / df), over the
 * n-grams the index holds (winnowed fingerprints). A passage none of whose n-grams are indexed is
 * unknown and counts fully.
 */
export function uniquenessOf(grams: Uint32Array, gramDf: (gram: number) => number): number {
  let sum = 0;
  let known = 0;
  for (const g of grams) {
    const df = gramDf(g);
    if (df === 0) continue;
    sum += Math.min(1, FORMULA_ALLOWANCE / df);
    known++;
  }
  return known ? sum / known : 1;
}
