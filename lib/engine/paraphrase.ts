/**
 * Paraphrase detection at sentence level, for article sentences that verbatim alignment left
 * uncovered: each is compared with every statement sentence by idf-weighted overlap of word stems.
 *
 * - Stems: the first {@link STEM_LENGTH} characters of a word key, a crude language-independent
 *   stemmer that equates "condemns"/"condemned", "militar-y/-ies" without a per-language lexicon.
 * - Similarity: weighted Dice coefficient 2·w(shared) / (w(article sentence) + w(statement sentence))
 *   with idf weights from the index sketch, so "the", "of", "and" hardly count and names, places
 *   and numbers dominate.
 * - A pair is a paraphrase when similarity ≥ {@link PARAPHRASE_MIN_SIMILARITY} and at least
 *   {@link PARAPHRASE_MIN_SHARED} distinct content stems are shared (dev set: the threshold sits where
 *   re-worded sentences of derived articles were still found but sentences of same-event hard
 *   negatives rarely qualified; see docs/ENGINE.md).
 */
import { hashKey, type TokenStream } from './tokenize.ts';
import { sentenceRanges } from './sentences.ts';

export const STEM_LENGTH = 6;
export const PARAPHRASE_MIN_SIMILARITY = 0.45;
export const PARAPHRASE_MIN_SHARED = 4;
/** Article sentences shorter than this many words are not compared (datelines, bylines). */
export const MIN_SENTENCE_WORDS = 6;
/** Words whose normalised idf (0..1, see score.ts) is below this are not "content" words: at 72k statements that is any word in more than ~2 % of them, at 25 statements any word in more than ~12. */
export const CONTENT_IDF = 0.35;

export interface ParaphraseMatch {
  /** Article token range. */
  a: [number, number];
  /** Statement token range. */
  s: [number, number];
  similarity: number;
  /** Number of distinct shared content stems. */
  shared: number;
}

/**
 * A stem as a number: hashKey of the key's first {@link STEM_LENGTH} characters, computed without
 * slicing; a key no longer than a stem is its own stem, and its hash is the word's. Bags keyed by
 * number instead of by stem string: every check builds a bag per sentence of each candidate (thousands
 * of words), and string keys meant a new string and a string hash per word, plus a stem cache whose
 * Map, once it held ~200,000 stems, cost more per lookup than the slicing it saved.
 */
function stemHash(key: string, wordHash: number): number {
  return key.length <= STEM_LENGTH ? wordHash : hashKey(key, STEM_LENGTH);
}

export interface SentenceBag {
  range: [number, number];
  /** Weight of each stem (see stemHash) in the sentence. */
  weights: Map<number, number>;
  total: number;
  /** Stems weighing ≥ CONTENT_IDF, listed on first use (article bags are reused for every candidate). */
  contentStems?: number[];
}

function contentStemsOf(bag: SentenceBag): number[] {
  if (!bag.contentStems) {
    bag.contentStems = [];
    for (const [k, w] of bag.weights) if (w >= CONTENT_IDF) bag.contentStems.push(k);
  }
  return bag.contentStems;
}

/** One weighted bag of stems per sentence; build once per text and reuse across comparisons. */
export function sentenceBags(tokens: TokenStream, weight: (tokenIndex: number) => number): SentenceBag[] {
  return sentenceRanges(tokens).map((range) => {
    const weights = new Map<number, number>();
    for (let i = range[0]; i < range[1]; i++) {
      const w = weight(i);
      const k = stemHash(tokens.keys[i]!, tokens.hashes[i]!);
      weights.set(k, Math.max(weights.get(k) ?? 0, w));
    }
    let total = 0;
    for (const w of weights.values()) total += w;
    return { range, weights, total };
  });
}

/**
 * Best statement sentence for each eligible article sentence.
 * @param aBags    the article's sentence bags (sentenceBags with idf weights)
 * @param sBags    the statement's sentence bags
 * @param covered  article tokens already explained by verbatim passages (1 = covered)
 */
export function findParaphrases(aBags: readonly SentenceBag[], sBags: readonly SentenceBag[], covered: Uint8Array): ParaphraseMatch[] {
  const out: ParaphraseMatch[] = [];
  // Content stem → the statement sentences in which it is a content stem (ascending). A pair needs
  // ≥ PARAPHRASE_MIN_SHARED shared content stems, so counting them through this inverted list first
  // (a few list entries per article stem) rules out most (article, statement) sentence pairs
  // without comparing their whole bags.
  const sentencesByStem = new Map<number, number[]>();
  for (let si = 0; si < sBags.length; si++) {
    for (const [k, w] of sBags[si]!.weights) {
      if (w < CONTENT_IDF) continue;
      const list = sentencesByStem.get(k);
      if (list) list.push(si);
      else sentencesByStem.set(k, [si]);
    }
  }
  const sharedContentOf = new Uint32Array(sBags.length);
  for (const ab of aBags) {
    const [from, to] = ab.range;
    if (to - from < MIN_SENTENCE_WORDS) continue;
    let cov = 0;
    for (let i = from; i < to; i++) cov += covered[i]!;
    if (cov > (to - from) / 2) continue;
    // Prune: an article sentence that does not share enough content stems with the whole statement
    // cannot share them with any one of its sentences (most sentences of most candidates).
    const content = contentStemsOf(ab);
    let possible = 0;
    for (const k of content) if (sentencesByStem.has(k)) possible++;
    if (possible < PARAPHRASE_MIN_SHARED) continue;
    sharedContentOf.fill(0);
    for (const k of content) {
      const list = sentencesByStem.get(k);
      if (list) for (const si of list) sharedContentOf[si] = sharedContentOf[si]! + 1;
    }
    let best: ParaphraseMatch | undefined;
    for (let si = 0; si < sBags.length; si++) {
      if (sharedContentOf[si]! < PARAPHRASE_MIN_SHARED) continue;
      const sb = sBags[si]!;
      // Cheap bound first: the shared weight cannot exceed the lighter bag's total, so a pair whose
      // Dice bound 2·min/(sum) is under the threshold cannot qualify (most pairs of a long statement:
      // a 60-word window against a 20-word sentence). The small margin keeps the bound conservative
      // against rounding, so no pair that the exact computation would accept is skipped.
      const bound = (2 * Math.min(ab.total, sb.total)) / (ab.total + sb.total || 1);
      if (bound < PARAPHRASE_MIN_SIMILARITY * (1 - 1e-9)) continue;
      let shared = 0;
      let sharedContent = 0;
      for (const [k, w] of ab.weights) {
        const w2 = sb.weights.get(k);
        if (w2 === undefined) continue;
        shared += Math.min(w, w2);
        if (Math.min(w, w2) >= CONTENT_IDF) sharedContent++;
      }
      const sim = (2 * shared) / (ab.total + sb.total || 1);
      if (sim >= PARAPHRASE_MIN_SIMILARITY && sharedContent >= PARAPHRASE_MIN_SHARED && (!best || sim > best.similarity)) {
        best = { a: ab.range, s: sb.range, similarity: sim, shared: sharedContent };
      }
    }
    if (best) out.push(best);
  }
  return out;
}
