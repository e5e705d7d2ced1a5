/**
 * Does an article in one language draw on a statement in another? Compared through language-neutral
 * anchors (anchor-key.ts): numbers, and names and internationalisms reduced to consonant skeletons.
 *
 * Two measures, both over anchors weighted by informativeness (idf, as for words):
 * - **similarity**: cosine between the article's and the statement's anchor sets, times a date factor.
 *   This is the decision: a translation keeps the source's names, places, dates and figures, while a
 *   report of the same event from another source shares the names but not the figures and dates, or
 *   is dated well apart. The date is a prior, not a filter: an old statement with a high overlap
 *   still passes, just with a lower score.
 * - **passages**: each article sentence is paired with the statement sentence sharing the most anchor
 *   weight; pairs sharing at least {@link PASSAGE_MIN_SHARED} (2-3 informative anchors) and
 *   {@link PASSAGE_MIN_SHARE} of the article sentence's anchor weight are shown side by side as
 *   translated quotes (inside quotation marks) or translated passages.
 *
 * Calibration (../shared/data/dev, 37 cross-language derived articles, 66 not derived; eval in
 * docs/QUALITY.md): {@link TRANSLATION_EVIDENCE} is just above the highest evidence of any
 * not-derived article against any statement in another language, with and without the 72k Senate
 * distractors: 0.692, Xinhua's English report of the Chinese defence ministry's protest about the
 * airship (N016) against the foreign ministry's Chinese statement on it (S08), since Chinese words
 * anchor through their English words (chinese-glosses.ts); without those, 0.66 (a Russian and an
 * Indonesian report of the same day's events in Karabakh).
 */
import type { ScoredPassage } from '../classify.ts';
import type { QuoteSpan } from '../quotes.ts';
import { sentenceRanges } from '../sentences.ts';
import type { TokenStream } from '../tokenize.ts';
import { anchorsOfKey } from './anchor-key.ts';
import { addNumberListAnchors } from './number-lists.ts';

/** Evidence (see translationScore) at which a translation is shown (score 0.5). */
export const TRANSLATION_EVIDENCE = 0.7;
export const PASSAGE_MIN_SHARED = 1.0;
export const PASSAGE_MIN_SHARE = 0.2;
/** Same as retrieval: a 3-class skeleton prefix is a looser anchor than a 4-class one. */
const WEAK = 0.5;

export interface AnchorStream {
  /** Per token: strong anchor hash (number or 4-class skeleton), 0 = none. */
  strong: Uint32Array;
  /** Per token: weak anchor hash (3-class skeleton), 0 = none. */
  weak: Uint32Array;
}

export function anchorStream(tokens: TokenStream, lang?: string): AnchorStream {
  const n = tokens.keys.length;
  const strong = new Uint32Array(n);
  const weak = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const a = anchorsOfKey(tokens.keys[i]!, lang, tokens.hashes[i]!);
    strong[i] = a.strong;
    weak[i] = a.weak;
  }
  addNumberListAnchors(tokens, lang, strong, weak);
  return { strong, weak };
}

/** Multiplier for how the article's date relates to the statement's (days; NaN = unknown). */
export function dateFactor(lagDays: number): number {
  if (!Number.isFinite(lagDays)) return 0.7;
  // Coverage follows a statement within days; an article dated before it cannot translate it
  // (unless a date is wrong, hence a penalty and not a zero).
  if (lagDays < -1) return 0.4;
  if (lagDays <= 3) return 1;
  return 0.5 + 0.5 * Math.exp(-(lagDays - 3) / 14);
}

export interface TranslationSide {
  tokens: TokenStream;
  anchors: AnchorStream;
}

export interface TranslationMatch {
  similarity: number;
  passages: ScoredPassage[];
}

interface SentenceAnchors {
  range: [number, number];
  /** Distinct anchors of the sentence's words: [strong, weak] per word. */
  words: Array<[number, number]>;
  strong: Set<number>;
  weak: Set<number>;
}

function sentencesOf(side: TranslationSide): SentenceAnchors[] {
  return sentenceRanges(side.tokens).map((range) => {
    const words: Array<[number, number]> = [];
    const strong = new Set<number>();
    const weak = new Set<number>();
    for (let i = range[0]; i < range[1]; i++) {
      const s = side.anchors.strong[i]!;
      const w = side.anchors.weak[i]!;
      if (!s && !w) continue;
      if ((s && strong.has(s)) || (!s && weak.has(w))) continue; // a repeated word counts once
      words.push([s, w]);
      if (s) strong.add(s);
      if (w) weak.add(w);
    }
    return { range, words, strong, weak };
  });
}

/** Weighted vector of a text's distinct anchors (strong at full weight, weak at half). */
function anchorVector(anchors: AnchorStream, weight: (h: number) => number): Map<number, number> {
  const v = new Map<number, number>();
  for (let i = 0; i < anchors.strong.length; i++) {
    const s = anchors.strong[i]!;
    const w = anchors.weak[i]!;
    if (s && !v.has(s)) v.set(s, weight(s));
    if (w && !v.has(w)) v.set(w, WEAK * weight(w));
  }
  return v;
}

function cosine(a: Map<number, number>, b: Map<number, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Compares an article with a statement in another language. `weight` maps an anchor hash to its
 * informativeness (0..1); `lagDays` is article date − statement date (NaN when unknown).
 */
export function matchTranslation(
  article: TranslationSide,
  statement: TranslationSide,
  weight: (h: number) => number,
  lagDays: number,
  quotes: readonly QuoteSpan[],
): TranslationMatch {
  const similarity = cosine(anchorVector(article.anchors, weight), anchorVector(statement.anchors, weight)) * dateFactor(lagDays);
  const passages: ScoredPassage[] = [];
  const stSentences = sentencesOf(statement);
  for (const as of sentencesOf(article)) {
    let total = 0;
    for (const [s, w] of as.words) total += s ? weight(s) : WEAK * weight(w);
    if (!total) continue;
    let best = 0;
    let bestSentence: SentenceAnchors | undefined;
    let bestWords = 0;
    for (const ss of stSentences) {
      let shared = 0;
      let words = 0;
      for (const [s, w] of as.words) {
        if (s && ss.strong.has(s)) shared += weight(s);
        else if (w && ss.weak.has(w)) shared += WEAK * weight(w);
        else continue;
        words++;
      }
      if (shared > best) {
        best = shared;
        bestSentence = ss;
        bestWords = words;
      }
    }
    if (!bestSentence || best < PASSAGE_MIN_SHARED || best < PASSAGE_MIN_SHARE * total || bestWords < 2) continue;
    const a = article.tokens;
    const st = statement.tokens;
    const articleSpan: [number, number] = [a.starts[as.range[0]]!, a.ends[as.range[1] - 1]!];
    passages.push({
      type: insideQuote(articleSpan, quotes) ? 'translated_quote' : 'translated_passage',
      article: articleSpan,
      statement: [st.starts[bestSentence.range[0]]!, st.ends[bestSentence.range[1] - 1]!],
      words: bestWords,
      weight: best,
      tokens: as.range,
      statementTokens: bestSentence.range,
      similarity: best / total,
    });
  }
  return { similarity, passages };
}

/** True when most of the span lies inside one quotation. */
function insideQuote(span: [number, number], quotes: readonly QuoteSpan[]): boolean {
  const len = span[1] - span[0];
  for (const q of quotes) {
    const overlap = Math.min(span[1], q.end) - Math.max(span[0], q.start);
    if (overlap > len / 2) return true;
  }
  return false;
}

/**
 * Source score: 1 − 2^(−E / {@link TRANSLATION_EVIDENCE}) with E = similarity × √(passage weight),
 * so 0.5 (the show threshold) at E = TRANSLATION_EVIDENCE. Similarity alone let same-event reports
 * through (same names, same day: the hard negatives reach 0.185), passage weight alone favoured long
 * articles; the product needs both a translation-like overall overlap and sentences that line up.
 */
export function translationScore(m: TranslationMatch): number {
  let weight = 0;
  for (const p of m.passages) weight += p.weight;
  const evidence = m.similarity * Math.sqrt(weight);
  return 1 - Math.exp((-evidence / TRANSLATION_EVIDENCE) * Math.LN2);
}
