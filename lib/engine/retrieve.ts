/**
 * Candidate retrieval: which few statements deserve an alignment.
 *
 * Two kinds of evidence, both weighted by rarity so that boilerplate cannot pull a statement in:
 * - shared n-gram fingerprints: each of the article's word 4-grams is looked up; a gram held by more
 *   than {@link stopGramDf} statements is a stock phrase (ministry names, titles, "bears the entire
 *   responsibility") and is ignored; others add log(1 + N/df);
 * - shared distinctive terms: the article's {@link QUERY_TERMS} words of highest tf·idf are looked up
 *   in the statements' own distinctive-term lists and add idf × 0.5 (a shared rare word is weaker
 *   evidence than a shared 4-gram).
 * A statement issued after the article is never a candidate (the time veto, dates.ts). Otherwise date
 * proximity is a prior, not a filter: a statement dated within a few days before the article
 * gets up to {@link DATE_PRIOR} more score, so between near-equal candidates the contemporaneous one
 * is aligned first, while an old statement with strong evidence still wins.
 */
import { gramHashes } from './fingerprint.ts';
import { countHashes } from './prepare-statement.ts';
import { isTermCandidate, NO_DATE, type StatementIndex } from './statement-index.ts';
import { dayRange, issuedAfter, lagDays, LATE_STATEMENT_DAYS } from './dates.ts';
import type { TokenStream } from './tokenize.ts';

/** Number of article words used as distinctive-term queries. */
export const QUERY_TERMS = 32;
/** Relative weight of a shared distinctive term vs a shared n-gram of the same rarity. */
export const TERM_WEIGHT = 0.5;
/**
 * Candidates scoring below this share of the best candidate are not aligned: at 72k statements a
 * query's 8th candidate typically scores < 5 % of the first, and aligning it costs as much as the
 * first. Ratio 0.1 never dropped a gold statement on the dev set (its gold candidates score ≥ 0.2
 * of the top when the top is another statement).
 */
export const MIN_SCORE_RATIO = 0.1;
/**
 * Candidates with exactly the same retrieval evidence (same score, same number of shared grams) that
 * are aligned, at most. An office that repeats a paragraph in many releases makes them tie: in the
 * 72k Senate bench six Shelby releases holding the same grams of a quoted passage took six of the
 * eight alignments, and the release holding all of the passage, one gram short of them, ranked 13th.
 * Retrieval cannot tell tied statements apart; three of them tell alignment what the group holds,
 * and the other slots go to statements with other evidence (that query: found; dev set: unchanged),
 * or back to the group when nothing else is left. The same holds for anchor retrieval (the count is
 * then of shared anchors).
 */
export const MAX_ALIKE_CANDIDATES = 3;
/**
 * How many statements an article of `words` words gets aligned: one per
 * {@link WORDS_PER_CANDIDATE} words, at least {@link MIN_CANDIDATES}, at most {@link MAX_CANDIDATES}.
 * A fixed 8 lost every source past the eighth in long documents (roundups, digests, live blogs):
 * eval:align documents of 5-20k characters draw on up to 38 statements, and the gold statements
 * ranked 8th-32nd still scored 13-58 % of the best candidate. A news-size article keeps 8-25 slots,
 * and past the first 8 only statements sharing {@link MIN_SHARED_GRAMS_PAST_MIN} rare n-grams with the
 * article are aligned (keepBest), so a 1,500-word article with one source aligns few more statements
 * than before. Without that condition the Node bench at 72k showed a false positive on a negative
 * query and twice the CPU per check; with it, eval:align --small loses paraphrase recall (0.88 →
 * 0.73): paraphrased sources share words, not n-grams. Precision first.
 */
export function candidateLimit(words: number): number {
  return Math.max(MIN_CANDIDATES, Math.min(MAX_CANDIDATES, Math.round(words / WORDS_PER_CANDIDATE)));
}
export const MIN_CANDIDATES = 8;
export const MAX_CANDIDATES = 64;
export const WORDS_PER_CANDIDATE = 60;
/** Rare n-grams a candidate past the first MIN_CANDIDATES must share with the article (keepBest). */
export const MIN_SHARED_GRAMS_PAST_MIN = 2;

/** Largest multiplicative bonus from date proximity. */
export const DATE_PRIOR = 0.15;

/**
 * A gram shared by more statements than this is boilerplate. 0.2 % of the corpus, at least 4:
 * at 72k statements that is ~145 releases sharing one 4-gram, which in the Senate corpus are
 * phrases like "for immediate release contact" or "the senate armed services committee".
 */
export function stopGramDf(statementCount: number): number {
  return Math.max(4, Math.ceil(statementCount * 0.002));
}

export interface Candidate {
  slot: number;
  score: number;
  /** Number of distinct shared non-boilerplate grams. */
  sharedGrams: number;
}

export interface RetrieveOptions {
  maxCandidates?: number;
  articleDate?: string;
  /** Only statements for which this returns true are ranked (translation retrieval: other languages). */
  acceptSlot?: (slot: number) => boolean;
  /** Anchor retrieval: anchors held by more than this share of statements are not looked up. */
  commonAnchorShare?: number;
}

/**
 * Per-slot score accumulators reused across queries: at 72k statements a query touches thousands of
 * slots, and two Maps of that size per query were a large share of a check's garbage. `touched` keeps
 * the slots in first-touch order, the order the Maps iterated in, so ties sort exactly as before.
 */
class SlotScores {
  score = new Float64Array(0);
  grams = new Uint32Array(0);
  /** 1 while a slot is in `touched` (cleared after each query). */
  seen = new Uint8Array(0);
  touched = new Uint32Array(0);
  touchedCount = 0;

  reset(slotCount: number): void {
    this.clear(); // normally a no-op; after a query that threw, drops its stale marks
    if (this.score.length < slotCount) {
      const capacity = Math.max(slotCount, this.score.length * 2, 1024);
      this.score = new Float64Array(capacity);
      this.grams = new Uint32Array(capacity);
      this.seen = new Uint8Array(capacity);
      this.touched = new Uint32Array(capacity);
    }
  }

  add(slot: number, w: number, gram: number): void {
    if (!this.seen[slot]) {
      this.seen[slot] = 1;
      this.score[slot] = 0;
      this.grams[slot] = 0;
      this.touched[this.touchedCount++] = slot;
    }
    this.score[slot] = this.score[slot]! + w;
    this.grams[slot] = this.grams[slot]! + gram;
  }

  /** Clears the marks of this query's slots (not the whole arrays: a query touches few of them). */
  clear(): void {
    for (let i = 0; i < this.touchedCount; i++) this.seen[this.touched[i]!] = 0;
    this.touchedCount = 0;
  }
}

/** Shared by all queries: retrieveCandidates is synchronous, so concurrent checks never interleave in it. */
const slotScores = new SlotScores();

/** Ranks statements by shared rare n-grams and distinctive terms. */
export function retrieveCandidates(tokens: TokenStream, index: StatementIndex, options: RetrieveOptions = {}): Candidate[] {
  const maxCandidates = options.maxCandidates ?? candidateLimit(tokens.keys.length);
  const n = Math.max(1, index.size);
  const stopDf = stopGramDf(n);
  const acc = slotScores;
  acc.reset(index.slotCount);

  let w = 0;
  const addGram = (slot: number) => acc.add(slot, w, 1);
  // One binary search per gram: the weight is set from the count, and stop-grams are never visited.
  const acceptGram = (df: number) => {
    if (df === 0 || df > stopDf) return false;
    w = Math.log(1 + n / df);
    return true;
  };
  // Each distinct gram once, in text order (countHashes: an open-addressing table, not a Set).
  for (const g of countHashes([gramHashes(tokens.hashes), 1]).hashes) index.lookupGramIf(g, acceptGram, addGram);

  // Distinctive query terms: highest (1 + log tf) × idf among the article's words the corpus holds,
  // picked as the index picks a statement's terms.
  const words: number[] = [];
  for (let i = 0; i < tokens.keys.length; i++) if (isTermCandidate(tokens.keys[i]!) && index.wordDf(tokens.hashes[i]!) > 0) words.push(tokens.hashes[i]!);
  const addTerm = (slot: number) => acc.add(slot, w, 0);
  for (const h of index.topByTfIdf(countHashes([words, 1]), QUERY_TERMS, index.size)) {
    w = index.idf(h) * TERM_WEIGHT;
    index.lookupTerm(h, addTerm);
  }

  return rankTouched(acc, index, options.articleDate, maxCandidates);
}

/**
 * Statements sharing the article's most distinctive cross-language anchors (numbers, romanised
 * names and internationalisms; see cross-language/anchor-key.ts), ranked like retrieveCandidates:
 * anchor idf summed per statement (a weak 3-class anchor counts half), times the date prior.
 */
export function retrieveByAnchors(anchors: { strong: Uint32Array; weak: Uint32Array }, index: StatementIndex, options: RetrieveOptions = {}): Candidate[] {
  const acc = slotScores;
  acc.reset(index.slotCount);
  const n = Math.max(1, index.size);
  // Each distinct anchor in first-seen order, with its count and the strength of its last occurrence:
  // one Map from anchor to its place (three Map operations an anchor were half of this function).
  const place = new Map<number, number>();
  const distinct: number[] = [];
  const tf: number[] = [];
  const strength: number[] = [];
  const bump = (h: number, s: number) => {
    if (!h) return;
    let k = place.get(h);
    if (k === undefined) {
      place.set(h, (k = distinct.length));
      distinct.push(h);
      tf.push(0);
    }
    tf[k]!++;
    strength[k] = s;
  };
  for (let i = 0; i < anchors.strong.length; i++) {
    bump(anchors.strong[i]!, 1);
    bump(anchors.weak[i]!, WEAK_ANCHOR_WEIGHT);
  }
  const ranked: Array<[number, number]> = [];
  // An anchor held by more than 2 % of statements ("ministry", "2023") cannot single out a source,
  // and visiting its postings (tens of thousands of slots at 72k) was most of this function's cost.
  const commonDf = Math.max(4, Math.ceil(n * (options.commonAnchorShare ?? COMMON_ANCHOR_SHARE)));
  for (let k = 0; k < distinct.length; k++) {
    const df = index.wordDf(distinct[k]!);
    if (df > 0 && df <= commonDf) ranked.push([k, (1 + Math.log(tf[k]!)) * index.idf(distinct[k]!) * strength[k]!]);
  }
  ranked.sort((a, b) => b[1] - a[1]);
  let w = 0;
  const accept = options.acceptSlot;
  const addAnchor = accept ? (slot: number) => accept(slot) && acc.add(slot, w, 1) : (slot: number) => acc.add(slot, w, 1);
  for (const [k] of ranked.slice(0, QUERY_ANCHORS)) {
    w = index.idf(distinct[k]!) * strength[k]!;
    index.lookupAnchor(distinct[k]!, addAnchor);
  }
  return rankTouched(acc, index, options.articleDate, options.maxCandidates ?? 4);
}

/** Days before the article that its translated sources are looked for among (dateFactor's full weight). */
export const TRANSLATION_WINDOW_DAYS = 3;
/** Statements of the article's days in another language added by that second look. */
export const RECENT_TRANSLATION_CANDIDATES = 2;
/**
 * Anchors held by up to this share of statements are looked up in the second look: among the few
 * statements of the article's days, "hospital" or "ministry" still tell one from another.
 */
export const RECENT_COMMON_ANCHOR_SHARE = 0.25;

/**
 * A second look for translated sources among the statements of the article's days in another language.
 * The first look ranks the whole corpus by its rare anchors, and anchors grow common as a corpus
 * grows: with the 72,607 (English) Senate releases added, "hospital" and "ministry" pass the 2 %
 * that retrieveByAnchors ignores, and A076, a Spanish translation of a Turkish statement of the same
 * day, lost its source to older releases sharing more rare names (dev + distractors: cross-language
 * recall@1 0.575, alone 0.600). Coverage in another language follows a statement within days
 * (cross-language/match-translation.ts, dateFactor), so those days' statements are ranked with the
 * commoner anchors too. An index with no statement of those days in another language costs a binary
 * search.
 */
export function retrieveRecentByAnchors(
  anchors: { strong: Uint32Array; weak: Uint32Array },
  index: StatementIndex,
  articleDate: string | undefined,
  taken: readonly Candidate[],
  otherLanguage: (slot: number) => boolean,
): Candidate[] {
  const days = dayRange(articleDate);
  if (!days) return [];
  const takenSlots = new Set(taken.map((c) => c.slot));
  const recent = new Set(
    slotsDatedBetween(index, days[0] - TRANSLATION_WINDOW_DAYS, days[1] + LATE_STATEMENT_DAYS, (slot) => !takenSlots.has(slot) && otherLanguage(slot)),
  );
  if (recent.size === 0) return [];
  return retrieveByAnchors(anchors, index, {
    maxCandidates: RECENT_TRANSLATION_CANDIDATES,
    articleDate,
    acceptSlot: (slot) => recent.has(slot),
    commonAnchorShare: RECENT_COMMON_ANCHOR_SHARE,
  });
}

/** Anchors held by more than this share of statements are not looked up (see retrieveByAnchors). */
export const COMMON_ANCHOR_SHARE = 0.02;
/** Anchors of the article looked up in the index (its highest tf·idf ones). */
export const QUERY_ANCHORS = 48;
/** A 3-class skeleton prefix is looser than a 4-class one ("KRB" also matches "carbon"). */
export const WEAK_ANCHOR_WEIGHT = 0.5;

/**
 * The date prior: 1 + {@link DATE_PRIOR} for a statement dated from the article's day back to a day
 * after it (time zones), decaying with a week's scale before that and twice as fast for a statement
 * dated after the article, which it can hardly quote; 1 when either date is unknown.
 */
export function datePrior(articleDays: ReturnType<typeof dayRange>, statementDay: number): number {
  if (!articleDays) return 1;
  const lag = lagDays(articleDays, statementDay); // statements usually precede coverage by 0-2 days
  if (Number.isNaN(lag)) return 1;
  const distance = lag >= -1 ? Math.max(0, lag) : -lag * 2;
  return 1 + DATE_PRIOR * Math.exp(-distance / 7);
}

/** Applies the date prior to the accumulated slots, sorts, and keeps the best few (keepBest). */
function rankTouched(acc: SlotScores, index: StatementIndex, articleDate: string | undefined, maxCandidates: number): Candidate[] {
  const articleDays = dayRange(articleDate);
  // The final scores in acc.score (of vetoed slots: −1), then only those keepBest can keep are
  // sorted: at or above MIN_SCORE_RATIO of the best (of ~1,000 touched slots, a few dozen).
  let best = 0;
  for (let t = 0; t < acc.touchedCount; t++) {
    const slot = acc.touched[t]!;
    const day = index.dayOf(slot);
    const vetoed = issuedAfter(articleDays, day); // the time veto (dates.ts)
    const score = vetoed ? -1 : acc.score[slot]! * datePrior(articleDays, day);
    acc.score[slot] = score;
    if (score > best) best = score;
  }
  const floor = best * MIN_SCORE_RATIO;
  const out: Candidate[] = [];
  for (let t = 0; t < acc.touchedCount; t++) {
    const slot = acc.touched[t]!;
    if (acc.score[slot]! >= floor && acc.score[slot]! >= 0) out.push({ slot, score: acc.score[slot]!, sharedGrams: acc.grams[slot]! });
  }
  acc.clear();
  return keepBest(
    out.sort((a, b) => b.score - a.score),
    maxCandidates,
  );
}

/**
 * The candidates worth an alignment, from a ranking (best first): at most `maxCandidates`, none below
 * MIN_SCORE_RATIO of the best, and no more than MAX_ALIKE_CANDIDATES with the same evidence.
 */
export function keepBest(out: readonly Candidate[], maxCandidates: number): Candidate[] {
  const floor = (out[0]?.score ?? 0) * MIN_SCORE_RATIO;
  const kept: Candidate[] = [];
  const passedOver: Candidate[] = [];
  const sameEvidence = new Map<string, number>();
  for (const c of out) {
    if (kept.length >= maxCandidates || c.score < floor) break;
    // Past the first MIN_CANDIDATES, only statements that share rare n-grams with the article: a
    // long document's sources do; a news article's chance neighbours (a few distinctive words in
    // common) do not, and aligning them cost time and, once, a false positive (Node bench at 72k).
    if (kept.length >= MIN_CANDIDATES && c.sharedGrams < MIN_SHARED_GRAMS_PAST_MIN) continue;
    const evidence = `${c.score}:${c.sharedGrams}`;
    const alike = sameEvidence.get(evidence) ?? 0;
    if (alike >= MAX_ALIKE_CANDIDATES) {
      passedOver.push(c);
      continue;
    }
    sameEvidence.set(evidence, alike + 1);
    kept.push(c);
  }
  // Slots nobody else wanted go back to the alike ones, best first.
  for (const c of passedOver) {
    if (kept.length >= maxCandidates) break;
    kept.push(c);
  }
  return kept;
}

/**
 * Live slots dated from day `from` to day `to` (inclusive) for which `accept` holds: the statements of
 * an article's days (translation retrieval, find-sources.ts). The dated slots sorted by day are built
 * once per `slotVersion` of the index, so a query is a binary search and a walk over the window.
 */
export function slotsDatedBetween(index: StatementIndex, from: number, to: number, accept: (slot: number) => boolean): number[] {
  const state = index.slotVersion;
  let byDay = slotsByDay.get(index);
  if (byDay?.state !== state) {
    // Day and slot packed in one number, so the sort is the typed array's numeric one.
    const packed: number[] = [];
    for (let slot = 0; slot < index.slotCount; slot++) {
      const day = index.dayOf(slot);
      if (index.isAlive(slot) && day !== NO_DATE) packed.push(day * 2 ** 32 + slot);
    }
    byDay = { state, sorted: Float64Array.from(packed).sort() };
    slotsByDay.set(index, byDay);
  }
  const sorted = byDay.sorted;
  const first = from * 2 ** 32;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < first) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < sorted.length; i++) {
    const day = Math.floor(sorted[i]! / 2 ** 32);
    if (day > to) break;
    const slot = sorted[i]! - day * 2 ** 32;
    if (accept(slot)) out.push(slot);
  }
  return out;
}
const slotsByDay = new WeakMap<StatementIndex, { state: number; sorted: Float64Array }>();
