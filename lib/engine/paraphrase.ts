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
  /** `weights` as two arrays in the Map's order, listed on first use (see entriesOf). */
  entries?: { stems: number[]; weights: number[] };
}

/**
 * An article bag's stems and weights as arrays, in the Map's insertion order: every candidate compares
 * the article's sentences with its own, and iterating a Map with destructuring was a third of the
 * paraphrase comparison on long documents. Same order, so the shared weight sums exactly as before.
 */
function entriesOf(bag: SentenceBag): { stems: number[]; weights: number[] } {
  if (!bag.entries) {
    const stems: number[] = [];
    const weights: number[] = [];
    for (const [k, w] of bag.weights) {
      stems.push(k);
      weights.push(w);
    }
    bag.entries = { stems, weights };
  }
  return bag.entries;
}

function contentStemsOf(bag: SentenceBag): number[] {
  if (!bag.contentStems) {
    bag.contentStems = [];
    for (const [k, w] of bag.weights) if (w >= CONTENT_IDF) bag.contentStems.push(k);
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
  let bound = 0;
  for (const ab of aBags) {
    if (ab.range[1] - ab.range[0] < MIN_SENTENCE_WORDS) continue;
    const n = contentStemsOf(ab).length;
    if (n >= PARAPHRASE_MIN_SHARED) bound += n;
  }
  return bound;
}

/** One weighted bag of stems per sentence; build once per text and reuse across comparisons. */
export function sentenceBags(tokens: TokenStream, weight: (tokenIndex: number) => number): SentenceBag[] {
  return sentenceRanges(tokens).map((range) => bagOf(tokens, range, weight));
}

function bagOf(tokens: TokenStream, range: [number, number], weight: (tokenIndex: number) => number): SentenceBag {
  const weights = new Map<number, number>();
  for (let i = range[0]; i < range[1]; i++) {
    const w = weight(i);
    const k = stemHash(tokens.keys[i]!, tokens.hashes[i]!);
    weights.set(k, Math.max(weights.get(k) ?? 0, w));
  }
  let total = 0;
  for (const w of weights.values()) total += w;
  return { range, weights, total };
}

/**
 * Content stem → the statement sentences holding it as a content stem, for one statement at a time:
 * an open-addressing table of stems whose cells head chains of (sentence, next) entries, in typed
 * arrays reused from one candidate to the next. It replaces a Map of arrays per candidate and a bag
 * (a Map) per statement sentence: a check builds it for every candidate (tens of thousands of words at
 * 72k), and those Maps were a fifth of a long document's check and much of its garbage. Bags are then
 * built only for the few sentences that share enough content stems with an article sentence.
 */
class StemSentences {
  private stems = new Int32Array(0);
  /** Generation stamp of each cell (a cell is empty unless its stamp is the current one). */
  private stamps = new Uint32Array(0);
  private heads = new Int32Array(0);
  private generation = 0;
  private mask = 0;
  sentence = new Int32Array(0);
  next = new Int32Array(0);
  private entries = 0;
  /** How many times the table was emptied: names the statement it holds. */
  resets = 0;

  /** Empties the table for a statement with at most `capacity` content tokens. */
  reset(capacity: number): void {
    this.resets++;
    let size = 16;
    while (size < capacity * 2) size *= 2;
    if (this.stems.length < size) {
      this.stems = new Int32Array(size);
      this.stamps = new Uint32Array(size);
      this.heads = new Int32Array(size);
      this.generation = 0;
    }
    if (this.sentence.length < capacity) {
      this.sentence = new Int32Array(Math.max(capacity, this.sentence.length * 2));
      this.next = new Int32Array(this.sentence.length);
    }
    this.mask = this.stems.length - 1;
    this.entries = 0;
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  private cellOf(stem: number): number {
    let cell = stem & this.mask;
    while (this.stamps[cell] === this.generation && this.stems[cell] !== stem) cell = (cell + 1) & this.mask;
    return cell;
  }

  /** Notes `stem` in sentence `si`; sentences must come in ascending order (a repeat is ignored). */
  add(stem: number, si: number): void {
    const cell = this.cellOf(stem | 0);
    if (this.stamps[cell] !== this.generation) {
      this.stamps[cell] = this.generation;
      this.stems[cell] = stem | 0;
      this.heads[cell] = -1;
    } else if (this.sentence[this.heads[cell]!] === si) return;
    const e = this.entries++;
    this.sentence[e] = si;
    this.next[e] = this.heads[cell]!;
    this.heads[cell] = e;
  }

  /** First entry of `stem`'s chain, or -1 when no sentence holds it. */
  head(stem: number): number {
    const cell = this.cellOf(stem | 0);
    return this.stamps[cell] === this.generation ? this.heads[cell]! : -1;
  }
}

/** Shared by all checks: findParaphrases is synchronous, so checks never interleave in it. */
const stemSentences = new StemSentences();

/**
 * The bags of one statement's sentences, built on first use, in one open-addressing table keyed by
 * (sentence, stem) over typed arrays reused from one candidate to the next. A Map per sentence cost an
 * allocation per bag and a hash of a heap number (stems are unsigned 32-bit) per lookup, and the
 * lookups of the article sentences' stems are most of the paraphrase comparison on long documents.
 * A bag's total sums its stems' weights in first-seen order, as the Map's insertion order did.
 */
class StatementBags {
  private stems = new Int32Array(0);
  private sentences = new Int32Array(0);
  /** Generation stamp of each cell (a cell is empty unless its stamp is the current one). */
  private stamps = new Uint32Array(0);
  private weights = new Float64Array(0);
  private generation = 0;
  private mask = 0;
  /** Total weight of each sentence's bag; NaN until built. */
  totals = new Float64Array(0);
  /** Stems of the bag being built, in first-seen order (to sum its total in that order). */
  private order = new Int32Array(0);

  /** Empties the table for a statement of `tokens` words in `sentenceCount` sentences. */
  reset(tokens: number, sentenceCount: number): void {
    let size = 16;
    while (size < tokens * 2) size *= 2;
    if (this.stems.length < size) {
      this.stems = new Int32Array(size);
      this.sentences = new Int32Array(size);
      this.stamps = new Uint32Array(size);
      this.weights = new Float64Array(size);
      this.generation = 0;
    }
    if (this.totals.length < sentenceCount) this.totals = new Float64Array(Math.max(sentenceCount, this.totals.length * 2));
    this.totals.fill(Number.NaN, 0, sentenceCount);
    if (this.order.length < tokens) this.order = new Int32Array(Math.max(tokens, this.order.length * 2));
    this.mask = size - 1;
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  private cellOf(si: number, stem: number): number {
    let cell = (stem ^ Math.imul(si, 0x9e3779b1)) & this.mask;
    while (this.stamps[cell] === this.generation && (this.stems[cell] !== stem || this.sentences[cell] !== si)) cell = (cell + 1) & this.mask;
    return cell;
  }

  /** Builds sentence `si`'s bag (as bagOf would) unless built; returns its total weight. */
  build(si: number, tokens: TokenStream, range: readonly [number, number], weight: (tokenIndex: number) => number): number {
    let total = this.totals[si]!;
    if (!Number.isNaN(total)) return total;
    let distinct = 0;
    for (let i = range[0]; i < range[1]; i++) {
      const stem = stemHash(tokens.keys[i]!, tokens.hashes[i]!) | 0;
      const w = weight(i);
      const cell = this.cellOf(si, stem);
      if (this.stamps[cell] !== this.generation) {
        this.stamps[cell] = this.generation;
        this.stems[cell] = stem;
        this.sentences[cell] = si;
        this.weights[cell] = Math.max(0, w);
        this.order[distinct++] = stem;
      } else this.weights[cell] = Math.max(this.weights[cell]!, w);
    }
    total = 0;
    for (let k = 0; k < distinct; k++) total += this.weights[this.cellOf(si, this.order[k]!)]!;
    this.totals[si] = total;
    return total;
  }

  /** The weight of `stem` in sentence `si`'s bag (built), or -1 when the bag lacks it. */
  weightOf(si: number, stem: number): number {
    const cell = this.cellOf(si, stem | 0);
    return this.stamps[cell] === this.generation ? this.weights[cell]! : -1;
  }
}

/** Shared by all checks, as stemSentences. */
const statementBags = new StatementBags();

/** A set of stems (open addressing, stems as signed 32-bit integers). */
class StemSet {
  private readonly mask: number;
  private readonly stems: Int32Array;
  private readonly used: Uint8Array;

  constructor(stems: readonly number[]) {
    let size = 16;
    while (size < stems.length * 2) size *= 2;
    this.mask = size - 1;
    this.stems = new Int32Array(size);
    this.used = new Uint8Array(size);
    for (const stem of stems) {
      const cell = this.cellOf(stem | 0);
      this.used[cell] = 1;
      this.stems[cell] = stem | 0;
    }
  }

  private cellOf(stem: number): number {
    let cell = stem & this.mask;
    while (this.used[cell] && this.stems[cell] !== stem) cell = (cell + 1) & this.mask;
    return cell;
  }

  has(stem: number): boolean {
    return this.used[this.cellOf(stem | 0)] === 1;
  }
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
  let sharedBound = 0;
  for (const ab of aBags) {
    if (enough(sharedBound)) break;
    if (ab.range[1] - ab.range[0] < MIN_SENTENCE_WORDS) continue;
    const content = contentStemsOf(ab);
    if (content.length < PARAPHRASE_MIN_SHARED) continue;
    let possible = 0;
    for (let j = 0; j < content.length; j++) if (table.head(content[j]!) >= 0) possible++;
    if (possible >= PARAPHRASE_MIN_SHARED) sharedBound += possible;
  }
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
    sharedContentOf.fill(0);
    for (let j = 0; j < content.length; j++) {
      for (let e = heads[j]!; e >= 0; e = table.next[e]!) {
        const si = table.sentence[e]!;
        sharedContentOf[si] = sharedContentOf[si]! + 1;
      }
    }
    let best: ParaphraseMatch | undefined;
    const { stems: aStems, weights: aWeights } = entriesOf(ab);
    for (let si = 0; si < ranges.length; si++) {
      if (sharedContentOf[si]! < PARAPHRASE_MIN_SHARED) continue;
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
