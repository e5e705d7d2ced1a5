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
import type { TokenStream } from './tokenize.ts';
import { StemSet, statementBags, stemHash, stemPositions, stemSentences } from './stem-tables.ts';
import { sentenceRanges } from './sentences.ts';

export { STEM_LENGTH } from './stem-tables.ts';

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

export interface SentenceBag {
  range: [number, number];
  /** The sentence's stems (see stemHash), in the order first seen, and the weight of each: its heaviest token's. */
  stems: number[];
  weights: number[];
  /** The weights summed in that order. */
  total: number;
  /** Stems weighing ≥ CONTENT_IDF, listed on first use (article bags are reused for every candidate). */
  contentStems?: number[];
}

function contentStemsOf(bag: SentenceBag): number[] {
  if (!bag.contentStems) {
    bag.contentStems = [];
    for (let x = 0; x < bag.stems.length; x++) if (bag.weights[x]! >= CONTENT_IDF) bag.contentStems.push(bag.stems[x]!);
  }
  return bag.contentStems;
}

/**
 * The most content stems the paraphrases of any one statement can share with these article sentences:
 * findParaphrases gives each article sentence of {@link MIN_SENTENCE_WORDS} words or more at most one
 * match, sharing at most the sentence's own content stems, and only when they are at least
 * {@link PARAPHRASE_MIN_SHARED}. Read by find-sources.ts to skip candidates that cannot be shown.
 */
export function sharedContentBound(aBags: readonly SentenceBag[]): number {
  return sharedStemsBound(aBags, (content) => content.length);
}

/**
 * Σ over the article sentences of {@link MIN_SENTENCE_WORDS} words or more of the content stems a
 * statement can share with each (`shareable` of its content stems, counted only when at least
 * {@link PARAPHRASE_MIN_SHARED}); the sum stops once `enough` holds.
 */
function sharedStemsBound(
  aBags: readonly SentenceBag[],
  shareable: (content: readonly number[]) => number,
  enough: (bound: number) => boolean = () => false,
): number {
  let bound = 0;
  for (const ab of aBags) {
    if (enough(bound)) break;
    if (ab.range[1] - ab.range[0] < MIN_SENTENCE_WORDS) continue;
    const content = contentStemsOf(ab);
    if (content.length < PARAPHRASE_MIN_SHARED) continue;
    const n = shareable(content);
    if (n >= PARAPHRASE_MIN_SHARED) bound += n;
  }
  return bound;
}

/** One weighted bag of stems per sentence; build once per text and reuse across comparisons. */
export function sentenceBags(tokens: TokenStream, weight: (tokenIndex: number) => number): SentenceBag[] {
  return sentenceRanges(tokens).map((range) => bagOf(tokens, range, weight));
}

/**
 * The stems of tokens [range) with their heaviest weights, in the order first seen (a reused typed
 * table finds a stem seen before: a Map per sentence allocated and hashed a heap number per word).
 */
function bagOf(tokens: TokenStream, range: [number, number], weight: (tokenIndex: number) => number): SentenceBag {
  const stems: number[] = [];
  const weights: number[] = [];
  const seen = stemPositions;
  seen.reset(range[1] - range[0]);
  for (let i = range[0]; i < range[1]; i++) {
    const w = weight(i);
    const k = stemHash(tokens.keys[i]!, tokens.hashes[i]!);
    const x = seen.positionOf(k, stems.length);
    if (x === stems.length) {
      stems.push(k);
      weights.push(Math.max(0, w));
    } else weights[x] = Math.max(weights[x]!, w);
  }
  let total = 0;
  for (const w of weights) total += w;
  return { range, stems, weights, total };
}

/**
 * The content stems of an article's sentences, once per article: only those can count towards a
 * pair's shared content stems, so a candidate's other words are never entered in its table (and
 * most are not weighed).
 */
const articleStems = new WeakMap<readonly SentenceBag[], StemSet>();
function articleStemsOf(aBags: readonly SentenceBag[]): StemSet {
  let set = articleStems.get(aBags);
  if (!set) articleStems.set(aBags, (set = new StemSet(aBags.flatMap(contentStemsOf))));
  return set;
}

/** A statement made ready for findParaphrases (its content stems tabled), with a bound on what it can give. */
export interface PreparedStatement {
  statement: TokenStream;
  weight: (tokenIndex: number) => number;
  ranges: Array<[number, number]>;
  /** The table state this was made in: findParaphrases refuses a statement tabled over since. */
  tabled: number;
  /**
   * The most content stems its paraphrases can share with the article, over all sentences: each
   * article sentence of {@link MIN_SENTENCE_WORDS} words or more shares at most those of its content
   * stems that are content stems of the statement, and counts only when they are at least
   * {@link PARAPHRASE_MIN_SHARED} (findParaphrases). Read by find-sources.ts (evidence-bound.ts).
   */
  sharedBound: number;
}

/**
 * Tables the statement's content stems (the article's content stems only) by sentence, for
 * findParaphrases, and bounds what they can share with the article's sentences; the sum stops once
 * `enough` holds (the caller only asks whether the bound reaches some value).
 * @param aBags      the article's sentence bags (sentenceBags with idf weights)
 * @param statement  the statement's tokens, and `weight` their weights (as sentenceBags takes them)
 */
export function prepareParaphrases(
  aBags: readonly SentenceBag[],
  statement: TokenStream,
  weight: (tokenIndex: number) => number,
  enough: (sharedBound: number) => boolean = () => false,
): PreparedStatement {
  // Content stem → the statement sentences in which it is a content stem (a stem's bag weight is its
  // heaviest token's, so it is a content stem where one of its tokens weighs ≥ CONTENT_IDF). A pair
  // needs ≥ PARAPHRASE_MIN_SHARED shared content stems, so counting them through this inverted list
  // first (a few list entries per article stem) rules out most (article, statement) sentence pairs
  // without comparing their whole bags.
  // Only stems that are content stems somewhere in the article can count, so the others are left out.
  const ranges = sentenceRanges(statement);
  const table = stemSentences;
  const inArticle = articleStemsOf(aBags);
  table.reset(statement.keys.length);
  for (let si = 0; si < ranges.length; si++) {
    const [from, to] = ranges[si]!;
    for (let i = from; i < to; i++) {
      const stem = stemHash(statement.keys[i]!, statement.hashes[i]!);
      if (inArticle.has(stem) && weight(i) >= CONTENT_IDF) table.add(stem, si);
    }
  }
  // Those of each sentence's content stems that the statement holds as content stems.
  const tabled = (content: readonly number[]) => {
    let n = 0;
    for (let j = 0; j < content.length; j++) if (table.head(content[j]!) >= 0) n++;
    return n;
  };
  const sharedBound = sharedStemsBound(aBags, tabled, enough);
  return { statement, weight, ranges, tabled: table.resets, sharedBound };
}

/**
 * Best statement sentence for each eligible article sentence.
 * @param aBags      the article's sentence bags (sentenceBags with idf weights), as prepared
 * @param prepared   the statement, from prepareParaphrases with the same bags, and nothing tabled since
 * @param covered    article tokens already explained by verbatim passages (1 = covered)
 */
export function findParaphrases(aBags: readonly SentenceBag[], prepared: PreparedStatement, covered: Uint8Array): ParaphraseMatch[] {
  const { statement, weight, ranges } = prepared;
  const table = stemSentences;
  if (prepared.tabled !== table.resets) throw new Error('findParaphrases: another statement was tabled since this one was prepared');
  const out: ParaphraseMatch[] = [];
  const eligible = aBags.filter((ab) => {
    const [from, to] = ab.range;
    if (to - from < MIN_SENTENCE_WORDS) return false;
    let cov = 0;
    for (let i = from; i < to; i++) cov += covered[i]!;
    return cov <= (to - from) / 2;
  });
  if (!eligible.length) return out;
  const bags = statementBags;
  bags.reset(statement.keys.length, ranges.length);
  const sharedContentOf = new Uint32Array(ranges.length);
  /** The statement sentences sharing a content stem with the article sentence at hand. */
  const touched = new Int32Array(ranges.length);
  /** Each content stem's first table entry, for the article sentence at hand (looked up once, used twice). */
  let heads = new Int32Array(64);
  for (const ab of eligible) {
    // Prune: an article sentence that does not share enough content stems with the whole statement
    // cannot share them with any one of its sentences (most sentences of most candidates).
    const content = contentStemsOf(ab);
    if (heads.length < content.length) heads = new Int32Array(content.length * 2);
    let possible = 0;
    for (let j = 0; j < content.length; j++) if ((heads[j] = table.head(content[j]!)) >= 0) possible++;
    if (possible < PARAPHRASE_MIN_SHARED) continue;
    let touchedCount = 0;
    for (let j = 0; j < content.length; j++) {
      for (let e = heads[j]!; e >= 0; e = table.next[e]!) {
        const si = table.sentence[e]!;
        if (sharedContentOf[si] === 0) touched[touchedCount++] = si;
        sharedContentOf[si] = sharedContentOf[si]! + 1;
      }
    }
    // Only the sentences reached, in statement order (the first of equally similar ones is kept), not
    // a pass over every sentence of a long statement for each article sentence.
    const reached = touched.subarray(0, touchedCount).sort();
    let best: ParaphraseMatch | undefined;
    const { stems: aStems, weights: aWeights } = ab;
    for (let t = 0; t < touchedCount; t++) {
      const si = reached[t]!;
      const stemsShared = sharedContentOf[si]!;
      sharedContentOf[si] = 0;
      if (stemsShared < PARAPHRASE_MIN_SHARED) continue;
      const sTotal = bags.build(si, statement, ranges[si]!, weight);
      // Cheap bound first: the shared weight cannot exceed the lighter bag's total, so a pair whose
      // Dice bound 2·min/(sum) is under the threshold cannot qualify (most pairs of a long statement:
      // a 60-word window against a 20-word sentence). The small margin keeps the bound conservative
      // against rounding, so no pair that the exact computation would accept is skipped.
      const bound = (2 * Math.min(ab.total, sTotal)) / (ab.total + sTotal || 1);
      if (bound < PARAPHRASE_MIN_SIMILARITY * (1 - 1e-9)) continue;
      let shared = 0;
      let sharedContent = 0;
      for (let x = 0; x < aStems.length; x++) {
        const w2 = bags.weightOf(si, aStems[x]!);
        if (w2 < 0) continue;
        const w = Math.min(aWeights[x]!, w2);
        shared += w;
        if (w >= CONTENT_IDF) sharedContent++;
      }
      const sim = (2 * shared) / (ab.total + sTotal || 1);
      if (sim >= PARAPHRASE_MIN_SIMILARITY && sharedContent >= PARAPHRASE_MIN_SHARED && (!best || sim > best.similarity)) {
        best = { a: ab.range, s: ranges[si]!, similarity: sim, shared: sharedContent };
      }
    }
    if (best) out.push(best);
  }
  return out;
}
