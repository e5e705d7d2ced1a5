/**
 * The merge step of seed-extend-merge: the pieces one statement's alignment and sentence comparison
 * found in an article (classify.ts, paraphrase.ts) become whole passages, one per reused span.
 *
 * Why: a copied paragraph came out as several passages, split wherever a word was edited, a quote
 * opened or closed, or a sentence ended (eval:align granularity 4.2 before this step: a reader saw
 * four marks where one paragraph was copied). The best text-alignment systems (PAN 2013-2014:
 * Sanchez-Perez et al., Torrejón and Ramos) cluster their seeds on both sides and join clusters
 * across small gaps; this is that idea on our pieces:
 *
 * - Pieces are taken in article order; a piece joins the passage before it when the gap between them
 *   is small relative to their length on both sides: at most {@link GAP_SHARE} × the longer one's
 *   words, no less than {@link MIN_GAP_WORDS} and no more than {@link MAX_GAP_WORDS} (about a
 *   sentence), in the article and in the statement (where the piece may also lie before the passage
 *   or overlap it: local reordering). Measured on eval:align --small: the shorter one's length as
 *   the scale left a copy with a word in five edited in 1.6 passages on average; without the cap of
 *   30 words two reuses of one release a paragraph apart would become one mark over the article's own
 *   paragraph between them.
 * - A longer gap is bridged when it has about the same length on both sides, in order (up to
 *   {@link MAX_GAP_WORDS} words each, differing by at most {@link GAP_SHARE} of the longer): a
 *   sentence reworded beyond what alignment or sentence comparison finds, between two found ones.
 *   An article's own paragraph between two copies has no such counterpart in the statement. Not for
 *   quote pieces, which keep their own passages and speakers (dev A021, A086). eval:align:
 *   paraphrase granularity 1.253 → 1.130.
 * - Pieces chain further in the statement: a summary keeps a sentence in three or four, so the next
 *   sentence of the article may come up to {@link SUMMARY_SKIP_WORDS} statement words later, in
 *   order, or up to {@link SUMMARY_MAX_SKIP_WORDS} when it follows right on (no more than
 *   {@link SUMMARY_NEXT_SENTENCE_GAP} words between: the summary's next sentence; eval:align summary
 *   granularity 1.434 → 1.123, its statement skips were 60-230 words). A passage whose statement span is {@link SUMMARY_SPAN_RATIO} times its article span or
 *   more is a `summary`, its `parts` linking each article piece to the statement words it renders.
 * - Quotes stay quotes: a quote joins copied text only when the statement has it in quotation marks
 *   too, i.e. the article copied the release's own quote with the text around it (a run that copies
 *   "…," said Senator X. "…" from a release is one copied passage). Copied marks are read where the
 *   pieces meet them (copiesMarks, continuesCopy), since a release's own quote pairing is unreliable. A quote the article put in marks
 *   itself stays a quote passage of its own, and two quotes are not merged with each other unless
 *   such copied text joins them (a news article's own "he said" between two quotes matches nothing).
 * - Passages never overlap in the article (overlapping ones are merged), nor in the statement unless
 *   the article itself repeats the statement's words in two places.
 * - `weak` pieces (too short alone) only ever glue; a passage made of them alone is dropped.
 *
 * The merged passage's evidence is its pieces' (score.ts reads `pieces`), so merging changes what is
 * shown, not how sure the engine is of the source.
 */
import { FORMULA_MAX_WORDS, wordDiff, type ScoredPassage } from './classify.ts';
import type { Credit } from './credits.ts';
import type { TokenStream } from './tokenize.ts';
import type { PassagePart, PassageType } from './types.ts';
import { sentenceRanges } from './sentences.ts';
import { PASSAGE_ALLOWANCE } from './score.ts';

export const MIN_GAP_WORDS = 8;
export const GAP_SHARE = 0.5;
export const MAX_GAP_WORDS = 30;
export const SUMMARY_SKIP_WORDS = 120;
export const SUMMARY_NEXT_SENTENCE_GAP = 3;
export const SUMMARY_MAX_SKIP_WORDS = 400;
export const SUMMARY_SPAN_RATIO = 2;
/**
 * A merged passage with at least this share of its span matched word for word (alignment pieces,
 * glue included) is an edited copy, else a paraphrase with copied phrases. 0.35: random edits of up
 * to 30 % of the words leave ~60 % matched; dev articles that rewrite a statement around copied
 * phrases (A057) sit near 25 %; at 0.5 the dev set's copied runs inside such passages were counted as
 * paraphrase (verbatim F1 0.948 → 0.956 with 0.35; npm run eval -- --no-distractors).
 */
export const EDITED_COPY_MIN_SHARE = 0.35;

interface Cluster {
  pieces: ScoredPassage[];
  a: [number, number];
  s: [number, number];
}

const isSentencePiece = (p: ScoredPassage) => p.type === 'paraphrase' && p.similarity !== undefined;
const isQuotePiece = (p: ScoredPassage) => p.type === 'verbatim_quote' || p.type === 'altered_quote';
const quotesOf = (c: Cluster) => new Set(c.pieces.filter(isQuotePiece).map((p) => p.quote));
const hasCopy = (c: Cluster) => c.pieces.some((p) => !isQuotePiece(p) && !isSentencePiece(p));

function gapBetween(x: readonly [number, number], y: readonly [number, number]): number {
  return Math.max(0, y[0] - x[1], x[0] - y[1]);
}

/** Whether a piece is the article's own quote: in quotation marks in the article but not in the statement. */
export type OwnQuote = (piece: ScoredPassage) => boolean;
/** Whom the article credits for its words [start, end), `copied` being the statement's words in it (credits.ts). */
export type CreditOf = (start: number, end: number, copied: ReadonlyArray<readonly [number, number]>) => Credit | undefined;

/** Pieces whose credit classification already decided (classify.ts attributeCopies). */
const isCreditChecked = (p: ScoredPassage) => p.type === 'unattributed_copy' || p.type === 'attributed_copy' || p.type === 'shared_phrase';

/** Quotation marks (quotes.ts pairs, apostrophes left out: they are also possessives and elisions). */
const QUOTE_MARK = /["\u201C\u201D\u201E\u00AB\u00BB\u2039\u203A\u2018\u2019\u201A\u300C-\u300F]/;

/** The characters between token i - 1 and token i (the text's start or end at its edges). */
function separatorBefore(t: TokenStream, i: number): string {
  return t.text.slice(i > 0 ? t.ends[i - 1]! : 0, i < t.keys.length ? t.starts[i]! : t.text.length);
}

const sameSeparator = (x: string, y: string) => x.replace(/\s+/g, '') === y.replace(/\s+/g, '');

/**
 * The piece's quotation marks are the statement's: where the article opens or closes marks at the
 * piece's edge, the statement has marks between the same words. The statement's quote spans cannot
 * tell this alone: releases often leave a quote unclosed across paragraphs, so their marks pair up
 * differently from the article's (a copy of `origins. "While I believe…` is a quote in the article
 * and outside quotes in the release's own pairing).
 */
function copiesMarks(p: ScoredPassage, a: TokenStream, s: TokenStream): boolean {
  const marked = (t: TokenStream, i: number) => QUOTE_MARK.test(separatorBefore(t, i));
  return (marked(a, p.tokens[0]) && marked(s, p.statementTokens[0])) || (marked(a, p.tokens[1]) && marked(s, p.statementTokens[1]));
}

/**
 * The piece goes on word for word where the passage stops, on both sides, with the same marks and
 * punctuation between: one copy that classification split at a quotation mark the statement has too
 * (`airlines do." "In New Jersey…` from a release is one copied passage, not two quotes).
 */
function continuesCopy(c: Cluster, p: ScoredPassage, a: TokenStream, s: TokenStream): boolean {
  return p.tokens[0] === c.a[1] && p.statementTokens[0] === c.s[1] && sameSeparator(separatorBefore(a, p.tokens[0]), separatorBefore(s, p.statementTokens[0]));
}

function canJoin(c: Cluster, p: ScoredPassage, own: (q: ScoredPassage) => boolean, a: TokenStream, s: TokenStream): boolean {
  if (continuesCopy(c, p, a, s)) return true;
  const pa = p.tokens;
  const ps = p.statementTokens;
  const maxGap = (x: number, y: number) => Math.max(MIN_GAP_WORDS, Math.min(MAX_GAP_WORDS, GAP_SHARE * Math.max(x, y)));
  const gapA = gapBetween(c.a, pa);
  const skip = ps[0] - c.s[1];
  // Unmatched stretches of about the same length on both sides, in order: the same text reworded.
  const sameGap =
    !isQuotePiece(p) &&
    skip >= 0 &&
    gapA <= MAX_GAP_WORDS &&
    skip <= MAX_GAP_WORDS &&
    Math.abs(gapA - skip) <= Math.max(MIN_GAP_WORDS / 2, GAP_SHARE * Math.max(gapA, skip));
  if (gapA > maxGap(c.a[1] - c.a[0], pa[1] - pa[0]) && !sameGap) return false;
  // The article's own quotes join only pieces of the same quote; copied quotes join copied text.
  if (own(p) || c.pieces.some(own)) {
    if (!isQuotePiece(p) || c.pieces.some((q) => !isQuotePiece(q) || q.quote !== p.quote)) return false;
  } else if (isQuotePiece(p) && !hasCopy(c) && !p.weak) {
    const quotes = quotesOf(c);
    if (quotes.size && !quotes.has(p.quote)) return false;
  }
  if (sameGap || gapBetween(c.s, ps) <= maxGap(c.s[1] - c.s[0], ps[1] - ps[0])) return true;
  // A summary: the article goes on where it left off, the statement some sentences later, in order.
  const maxSkip = gapA <= SUMMARY_NEXT_SENTENCE_GAP ? SUMMARY_MAX_SKIP_WORDS : SUMMARY_SKIP_WORDS;
  return !own(p) && !c.pieces.some(own) && skip >= 0 && skip <= maxSkip;
}

function join(c: Cluster, p: ScoredPassage): void {
  c.pieces.push(p);
  c.a = [Math.min(c.a[0], p.tokens[0]), Math.max(c.a[1], p.tokens[1])];
  c.s = [Math.min(c.s[0], p.statementTokens[0]), Math.max(c.s[1], p.statementTokens[1])];
}

function trimWeakEnds(c: Cluster): Cluster {
  const byArticle = [...c.pieces].sort((x, y) => x.tokens[0] - y.tokens[0]);
  const first = byArticle.findIndex((p) => !p.weak);
  let last = byArticle.length - 1;
  while (byArticle[last]!.weak) last--;
  const kept = byArticle.slice(first, last + 1);
  if (kept.length === c.pieces.length) return c;
  const out: Cluster = { pieces: [kept[0]!], a: [...kept[0]!.tokens], s: [...kept[0]!.statementTokens] };
  for (const p of kept.slice(1)) join(out, p);
  return out;
}

const overlaps = (x: readonly [number, number], y: readonly [number, number]) => Math.min(x[1], y[1]) > Math.max(x[0], y[0]);
const weightOf = (c: Cluster) => c.pieces.reduce((n, p) => n + (p.weak ? 0 : p.weight), 0);
const strength = (c: Cluster) => c.pieces.reduce((n, p) => n + (p.weak ? 0 : p.words), 0);
/**
 * A repeat of statement text that says nothing on its own: little evidence, or a short phrase outside
 * quotes (a dateline or "made the following statement" that other releases of the same office share).
 * A quote repeated in the lead is kept: it is reuse.
 */
const isEmptyRepeat = (c: Cluster) => weightOf(c) <= PASSAGE_ALLOWANCE || (!c.pieces.some(isQuotePiece) && strength(c) < FORMULA_MAX_WORDS);

export function mergePassages(
  pieces: readonly ScoredPassage[],
  article: TokenStream,
  statement: TokenStream,
  ownQuote: OwnQuote,
  credit?: CreditOf,
): ScoredPassage[] {
  // A reworded sentence that lies half or more over a quote adds nothing the quote does not say better, and
  // merged with it, it would carry the quote's passage past the closing mark into the article's own
  // words ("…, purpose or origin," Ryder stated to reporters: dev A067).
  const quotes = pieces.filter(isQuotePiece);
  const overQuote = (p: ScoredPassage) =>
    isSentencePiece(p) && quotes.some((q) => 2 * (Math.min(p.tokens[1], q.tokens[1]) - Math.max(p.tokens[0], q.tokens[0])) >= p.tokens[1] - p.tokens[0]);
  const sorted = pieces.filter((p) => !overQuote(p)).sort((x, y) => x.tokens[0] - y.tokens[0] || y.tokens[1] - x.tokens[1]);
  // A quote whose marks the statement has too is copied as a whole: an edited copy of a long release
  // quote comes in several pieces, and those in its middle touch no mark. (Only marks spread to the
  // whole quote, and only those of pieces long enough to stand alone: a statement's own short quote
  // inside the article's, `the pretext of "destroying military objects"` in dev S06, says nothing of
  // the rest of it.)
  const copiedMarks = new Set(quotes.filter((q) => !q.weak && copiesMarks(q, article, statement)).map((q) => q.quote));
  const own = (q: ScoredPassage) => isQuotePiece(q) && ownQuote(q) && !copiedMarks.has(q.quote);
  let clusters: Cluster[] = [];
  for (const p of sorted) {
    // The nearest passages first: a piece joins the latest one it fits.
    let joined = false;
    for (let k = clusters.length - 1; k >= 0 && k >= clusters.length - 4; k--) {
      if (canJoin(clusters[k]!, p, own, article, statement)) {
        join(clusters[k]!, p);
        joined = true;
        break;
      }
    }
    if (!joined) clusters.push({ pieces: [p], a: [...p.tokens], s: [...p.statementTokens] });
  }
  // Glue only glues: weak pieces at either end of a passage are let go.
  clusters = clusters.filter((c) => strength(c) > 0).map(trimWeakEnds);
  // No overlap in the article: clusters that overlap there are merged. Two that overlap only in the
  // statement are kept unless the weaker is an empty repeat: the article repeats the statement's words
  // in two places (a lead and a body that quote the same sentence), and both are reuse (dropping the
  // weaker cost dev verbatim recall 0.901 → 0.850).
  for (let changed = true; changed; ) {
    changed = false;
    clusters.sort((x, y) => x.a[0] - y.a[0]);
    for (let i = 0; i < clusters.length && !changed; i++) {
      for (let j = i + 1; j < clusters.length && !changed; j++) {
        const x = clusters[i]!;
        const y = clusters[j]!;
        if (overlaps(x.a, y.a)) {
          for (const p of y.pieces) join(x, p);
          clusters.splice(j, 1);
          changed = true;
        } else if (overlaps(x.s, y.s) && isEmptyRepeat(weightOf(x) >= weightOf(y) ? y : x)) {
          clusters.splice(weightOf(x) >= weightOf(y) ? j : i, 1);
          changed = true;
        }
      }
    }
  }
  return clusters.map((c) => toPassage(c, article, statement, credit));
}

/** Summary parts: per article sentence of the passage, the statement words its pieces matched. */
function summaryParts(pieces: readonly ScoredPassage[], a: TokenStream, s: TokenStream): PassagePart[] {
  const bySentence = new Map<number, { a: [number, number]; s: [number, number] }>();
  const sentences = sentenceRanges(a);
  const sentenceOf = (token: number) => sentences.findIndex(([from, to]) => token >= from && token < to);
  const add = (at: number, st: number) => {
    const k = sentenceOf(at);
    const part = bySentence.get(k);
    if (!part) bySentence.set(k, { a: [at, at + 1], s: [st, st + 1] });
    else {
      part.a = [Math.min(part.a[0], at), Math.max(part.a[1], at + 1)];
      part.s = [Math.min(part.s[0], st), Math.max(part.s[1], st + 1)];
    }
  };
  for (const p of pieces) {
    if (p.pairs) for (let k = 0; k < p.pairs.length; k += 3) add(p.pairs[k]!, p.pairs[k + 1]!);
    else {
      add(p.tokens[0], p.statementTokens[0]);
      add(p.tokens[1] - 1, p.statementTokens[1] - 1);
    }
  }
  return [...bySentence.values()]
    .sort((x, y) => x.a[0] - y.a[0])
    .map((part) => ({ article: [a.starts[part.a[0]]!, a.ends[part.a[1] - 1]!], statement: [s.starts[part.s[0]]!, s.ends[part.s[1] - 1]!] }));
}

function toPassage(c: Cluster, a: TokenStream, s: TokenStream, credit?: CreditOf): ScoredPassage {
  const strong = c.pieces.filter((p) => !p.weak);
  const only = c.pieces.length === 1 ? c.pieces[0]! : undefined;
  // A piece alone keeps the type classification gave it when that type says more than "copy": a quote,
  // a paraphrased sentence, or whom the article credits for a copy (credits.ts decides that on the
  // copied words and their sentence).
  if (only && (isQuotePiece(only) || isSentencePiece(only) || only.type === 'attributed_copy' || only.type === 'shared_phrase')) return only;
  const article: [number, number] = [a.starts[c.a[0]]!, a.ends[c.a[1] - 1]!];
  const statementRange: [number, number] = [s.starts[c.s[0]]!, s.ends[c.s[1] - 1]!];
  const words = strong.reduce((n, p) => n + p.words, 0);
  const weight = strong.reduce((n, p) => n + p.weight, 0);
  const base = { article, statement: statementRange, words, weight, tokens: c.a, statementTokens: c.s, pieces: strong };
  const quotes = quotesOf(c);
  let type: PassageType;
  const summary = strong.length >= 2 && c.s[1] - c.s[0] >= SUMMARY_SPAN_RATIO * (c.a[1] - c.a[0]);
  if (summary && !c.pieces.every(isQuotePiece)) {
    const parts = summaryParts(strong, a, s);
    if (parts.length >= 2) return { type: 'summary', ...base, parts };
  }
  if (c.pieces.every(isQuotePiece) && quotes.size === 1) type = 'altered_quote';
  else if (c.pieces.every(isSentencePiece)) type = 'paraphrase';
  else {
    const aligned = c.pieces.filter((p) => !isSentencePiece(p)).reduce((n, p) => n + p.words, 0);
    const span = Math.max(c.a[1] - c.a[0], c.s[1] - c.s[0]);
    type = aligned >= EDITED_COPY_MIN_SHARE * span ? 'unattributed_copy' : 'paraphrase';
  }
  const merged: ScoredPassage = { type, ...base };
  if (type === 'paraphrase') {
    const sims = strong.filter((p) => p.similarity !== undefined);
    if (sims.length === strong.length) merged.similarity = sims.reduce((n, p) => n + p.similarity!, 0) / sims.length;
    return merged;
  }
  if (type === 'unattributed_copy') {
    // Whom the article credits is decided per piece (credits.ts: its sentence, paragraph or dateline).
    // A merged copy is credited when the credited pieces hold most of its copied words, with their
    // speaker: the sentence that names the ministry covers the paragraph it introduces, while one
    // credited sentence in a long uncredited copy does not clear the rest.
    // Quote pieces inside a merged copy are quotes the statement has in marks too (the article's own
    // quotes stay passages of their own: canJoin), so they credit nothing.
    const wordsOf = (type: string) => strong.filter((p) => p.type === type).reduce((n, p) => n + p.words, 0);
    const credited = c.pieces.find((p) => p.type === 'attributed_copy');
    if (credited && wordsOf('attributed_copy') >= wordsOf('unattributed_copy') + wordsOf('shared_phrase')) {
      merged.type = 'attributed_copy';
      if (credited.speaker) merged.speaker = credited.speaker;
      if (credited.speakerMatches !== undefined) merged.speakerMatches = credited.speakerMatches;
    } else if (credit && !c.pieces.some(isCreditChecked)) {
      // A copy made of pieces that are no copy each (an edited run of names, a reworded sentence)
      // was never asked about: "Ned Price said … that the matter was discussed by U.S. Secretary of
      // State Antony J. Blinken and …" is reported speech, not the article's own words. Asked here,
      // with the edited runs as the copied words (a speech verb inside them is the statement's).
      const copied = c.pieces.filter((p) => !isSentencePiece(p)).map((p) => p.article);
      const found = credit(article[0], article[1], copied);
      if (found) {
        merged.type = 'attributed_copy';
        if (found.speaker) merged.speaker = found.speaker;
        if (found.matches !== undefined) merged.speakerMatches = found.matches;
      }
    }
    // The diff of a long edited copy costs milliseconds (Myers' diff grows with the edits): it is
    // made only for the sources that are shown (find-sources.ts), not for every candidate.
    merged.diffOf = () => {
      const diff = wordDiff(s, c.s, a, c.a);
      return diff.some((d) => d.op !== 'equal') ? diff : undefined;
    };
    return merged;
  }
  // Word for word when the two token ranges hold the same keys in the same order: what an all-equal
  // diff says, without Myers' diff, which is made only if the passage is shown (find-sources.ts).
  if (sameKeys(s, c.s, a, c.a)) merged.type = 'verbatim_quote';
  else
    merged.diffOf = () => {
      const diff = wordDiff(s, c.s, a, c.a);
      return diff.some((d) => d.op !== 'equal') ? diff : undefined;
    };
  {
    const q = strong.find(isQuotePiece) ?? c.pieces.find(isQuotePiece)!;
    if (q.speaker) merged.speaker = q.speaker;
    if (q.speakerMatches !== undefined) merged.speakerMatches = q.speakerMatches;
  }
  return merged;
}

/** Whether statement tokens [sRange) and article tokens [aRange) have the same keys, in order. */
function sameKeys(s: TokenStream, sRange: readonly [number, number], a: TokenStream, aRange: readonly [number, number]): boolean {
  const n = sRange[1] - sRange[0];
  if (n !== aRange[1] - aRange[0]) return false;
  for (let k = 0; k < n; k++) if (s.keys[sRange[0] + k] !== a.keys[aRange[0] + k]) return false;
  return true;
}
