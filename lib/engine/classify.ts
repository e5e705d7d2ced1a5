/**
 * From aligned runs to typed passages.
 *
 * A run is first split where it crosses a quotation boundary of the article, so that a quote and the
 * copied sentence after it ("…," he said, adding that …) become two passages. Then:
 * - inside quotation marks: `verbatim_quote` when every word pair is equal and no word was inserted or
 *   dropped, else `altered_quote` with a word diff (statement → article, from the `diff` package);
 * - outside: a near-verbatim run (≥ {@link COPY_MIN_SIMILARITY} of the words in its span matched) is
 *   a copy, else `paraphrase`. A copy is `attributed_copy` when the article credits it (its sentence,
 *   paragraph or dateline names the statement's speaker or issuer, or the statement: credits.ts),
 *   `unattributed_copy` only when the article presents it as its own. A short formula phrase (fewer
 *   than {@link FORMULA_MAX_WORDS} words, under half of its sentence: "in the direction of Zod
 *   settlement of the Basarkechar", "was seriously wounded in the head") is never called an
 *   unattributed copy: an article re-wording a report keeps such phrases, and they say nothing about
 *   whose text the article presents as its own. Credited, it is an attributed copy; else a
 *   `shared_phrase`. Not a paraphrase: the words are the statement's (verbatim F1 counts them; typed
 *   as paraphrases they cost dev 0.953 → 0.948).
 * Passages need {@link MIN_PASSAGE_WORDS} matched words — the gold convention of the project is a
 * common run of ≥ 6 words — except a quote of ≥ {@link MIN_SHORT_QUOTE_WORDS} words matched almost
 * entirely (short quotes like "cannot be justified by any means" are still quotes).
 * Boilerplate: a passage whose n-grams are mostly stop-grams (held by too many statements, see
 * retrieve.ts) is dropped, so ministry names and stock formulas never make a match on their own.
 */
import { diffArrays } from 'diff';
import type { AlignedRun } from './align.ts';
import { gramHashes, GRAM_SIZE } from './fingerprint.ts';
import type { Credit } from './credits.ts';
import { quoteAt, type QuoteSpan } from './quotes.ts';
import { sentenceRanges } from './sentences.ts';
import type { TokenStream } from './tokenize.ts';
import type { DiffPart, Passage } from './types.ts';

export const MIN_PASSAGE_WORDS = 6;
export const MIN_SHORT_QUOTE_WORDS = 4;
export const SHORT_QUOTE_COVERAGE = 0.8;
export const COPY_MIN_SIMILARITY = 0.8;
export const BOILERPLATE_GRAM_SHARE = 0.5;
/** A copy shorter than this, covering less than {@link FORMULA_MAX_SENTENCE_SHARE} of its sentence, is a formula phrase. */
export const FORMULA_MAX_WORDS = 12;
export const FORMULA_MAX_SENTENCE_SHARE = 0.5;

export interface ClassifyContext {
  article: TokenStream;
  statement: TokenStream;
  quotes: readonly QuoteSpan[];
  /** Word count of each quote (same order as quotes). */
  quoteWords: readonly number[];
  /** Attributed speaker of quote i and whether it is the statement's speaker. */
  attribution: (quoteIndex: number) => { speaker?: string; matches?: boolean };
  /** Whether the article 4-gram hash is boilerplate (document frequency above the stop limit). */
  isStopGram: (gramHash: number) => boolean;
  /** Informativeness of article token i in 0..1 (normalised idf: 1 = a word no other statement has). */
  informativeness: (articleToken: number) => number;
  /**
   * Whom the article credits for the copied words [start, end) (article offsets), given every article
   * range aligned with this statement (`copied`: their speech verbs are the statement's wording, not
   * the article's credit). Undefined: nobody.
   * Absent: no credits known (every near-verbatim copy outside quotes is then unattributed).
   */
  credit?: (start: number, end: number, copied: ReadonlyArray<readonly [number, number]>) => Credit | undefined;
}

/** A passage plus the numbers scoring needs. */
export interface ScoredPassage extends Passage {
  /** Matched words (alignment) or shared content stems (paraphrase). */
  words: number;
  /** Article token range. */
  tokens: [number, number];
  /** Statement token range. */
  statementTokens: [number, number];
  /** The quote (index into the article's quotes) the piece lies in, -1 outside quotes. */
  quote?: number;
  /**
   * Too short to stand as a passage (fewer than {@link MIN_PASSAGE_WORDS} matched words), kept only
   * as glue between passages of the same alignment (merge-passages.ts): the "said Senator X" between
   * two copied quotes. Never scored, never shown alone.
   */
  weak?: boolean;
  /** The pieces a merged passage was made of (merge-passages.ts); its evidence is theirs. */
  pieces?: ScoredPassage[];
  /** Alignment pieces: matched pairs, flattened (article token, statement token, kind), as in AlignedRun. */
  pairs?: number[];
  /** The word diff, made on demand (merged edited copies: only shown sources need it). */
  diffOf?: () => DiffPart[] | undefined;
  /** Sum of the informativeness of the matched article words (see score.ts). */
  weight: number;
  /** Sentence similarity (paraphrase passages found by sentence comparison). */
  similarity?: number;
  /** 0..1: how few statements share this piece's n-grams (weights.ts uniquenessOf); 1 when unknown. */
  uniqueness?: number;
  /** The part of `weight` that falls on names (facts.ts): shared names say the topic, not the wording. */
  nameWeight?: number;
}

/** Word diff from the statement's words to the article's words over the given token ranges. */
export function wordDiff(statement: TokenStream, sRange: [number, number], article: TokenStream, aRange: [number, number]): DiffPart[] {
  const sIdx = Array.from({ length: sRange[1] - sRange[0] }, (_, k) => sRange[0] + k);
  const aIdx = Array.from({ length: aRange[1] - aRange[0] }, (_, k) => aRange[0] + k);
  const sw = sIdx.map((i) => ({ key: statement.keys[i]!, text: statement.text.slice(statement.starts[i]!, statement.ends[i]!) }));
  const aw = aIdx.map((i) => ({ key: article.keys[i]!, text: article.text.slice(article.starts[i]!, article.ends[i]!) }));
  const changes = diffArrays(sw, aw, { comparator: (x, y) => x.key === y.key });
  const parts: DiffPart[] = [];
  for (const c of changes) {
    const op = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    const text = c.value.map((w) => w.text).join(' ');
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += ' ' + text;
    else parts.push({ op, text });
  }
  return parts;
}

function isBoilerplate(ctx: ClassifyContext, from: number, to: number): boolean {
  if (to - from < GRAM_SIZE) return false;
  const grams = gramHashes(ctx.article.hashes.subarray(from, to));
  let stop = 0;
  for (const g of grams) if (ctx.isStopGram(g)) stop++;
  return stop >= BOILERPLATE_GRAM_SHARE * grams.length;
}

/** The quote (index into `quotes`) whose words include article token `ai`, or -1. */
export function quoteOfToken(quotes: readonly QuoteSpan[], a: TokenStream, ai: number): number {
  const qi = quoteAt(quotes, a.starts[ai]!);
  return qi >= 0 && a.starts[ai]! >= quotes[qi]!.start && a.ends[ai]! <= quotes[qi]!.end ? qi : -1;
}

/**
 * Splits runs at quote boundaries and types the pieces. Pieces too short to be passages come back
 * `weak` (see ScoredPassage.weak): the caller scores and shows only the others.
 */
export function classifyRuns(runs: readonly AlignedRun[], ctx: ClassifyContext): ScoredPassage[] {
  const { article: a } = ctx;
  const out: ScoredPassage[] = [];
  for (const run of runs) {
    let segStart = 0;
    const n = run.pairs.length / 3;
    const quoteOf = (k: number) => quoteOfToken(ctx.quotes, a, run.pairs[3 * k]!);
    let current = n > 0 ? quoteOf(0) : -1;
    for (let k = 1; k <= n; k++) {
      const q = k < n ? quoteOf(k) : -2;
      if (q === current) continue;
      const piece = typePiece(run, segStart, k, current, ctx);
      if (piece) out.push(piece);
      segStart = k;
      current = q;
    }
  }
  attributeCopies(out, ctx);
  return out;
}

/** Article sentences as token ranges, once per article token stream. */
const sentenceCache = new WeakMap<TokenStream, Array<[number, number]>>();
function sentencesOf(tokens: TokenStream): Array<[number, number]> {
  let s = sentenceCache.get(tokens);
  if (!s) sentenceCache.set(tokens, (s = sentenceRanges(tokens)));
  return s;
}

/** Words of the sentences that the token range [from, to) touches. */
function sentenceWords(tokens: TokenStream, from: number, to: number): number {
  let words = 0;
  for (const [s, e] of sentencesOf(tokens)) if (s < to && e > from) words += e - s;
  return words;
}

/** Decides, for each near-verbatim copy outside quotes, whether the article credits it (see the header). */
function attributeCopies(passages: ScoredPassage[], ctx: ClassifyContext): void {
  if (!ctx.credit) return;
  const copied = passages.map((p) => p.article);
  for (const p of passages) {
    if (p.type !== 'unattributed_copy') continue;
    const formula = p.words < FORMULA_MAX_WORDS && p.words < FORMULA_MAX_SENTENCE_SHARE * sentenceWords(ctx.article, p.tokens[0], p.tokens[1]);
    const credit = ctx.credit(p.article[0], p.article[1], copied);
    if (credit) {
      p.type = 'attributed_copy';
      if (credit.speaker) p.speaker = credit.speaker;
      if (credit.matches !== undefined) p.speakerMatches = credit.matches;
    } else if (formula) {
      p.type = 'shared_phrase';
    }
  }
}

function typePiece(run: AlignedRun, from: number, to: number, quote: number, ctx: ClassifyContext): ScoredPassage | undefined {
  const { article: a, statement: s } = ctx;
  const words = to - from;
  const p = run.pairs;
  const aFirst = p[3 * from]!;
  const aLast = p[3 * (to - 1)]!;
  let sMin = Infinity;
  let sMax = -1;
  let exact = true;
  let weight = 0;
  for (let k = from; k < to; k++) {
    weight += ctx.informativeness(p[3 * k]!);
    const si = p[3 * k + 1]!;
    if (si < sMin) sMin = si;
    if (si > sMax) sMax = si;
    if (p[3 * k + 2] !== 2) exact = false;
  }
  const aSpan = aLast - aFirst + 1;
  const sSpan = sMax - sMin + 1;
  const shortQuote = quote >= 0 && words >= MIN_SHORT_QUOTE_WORDS && words >= SHORT_QUOTE_COVERAGE * ctx.quoteWords[quote]!;
  const weak = words < MIN_PASSAGE_WORDS && !shortQuote;
  if (isBoilerplate(ctx, aFirst, aLast + 1)) return undefined;
  const base = {
    article: [a.starts[aFirst]!, a.ends[aLast]!] as [number, number],
    statement: [s.starts[sMin]!, s.ends[sMax]!] as [number, number],
    words,
    weight,
    tokens: [aFirst, aLast + 1] as [number, number],
    statementTokens: [sMin, sMax + 1] as [number, number],
    quote,
    pairs: p.slice(3 * from, 3 * to),
    ...(weak ? { weak } : {}),
  };
  if (quote >= 0) {
    const verbatim = exact && aSpan === words && sSpan === words;
    const who = ctx.attribution(quote);
    const passage: ScoredPassage = { type: verbatim ? 'verbatim_quote' : 'altered_quote', ...base };
    if (who.speaker) passage.speaker = who.speaker;
    if (who.matches !== undefined) passage.speakerMatches = who.matches;
    // Made when shown (find-sources.ts toPublicPassage): most altered quotes are pieces of candidates
    // that are never shown, and Myers' diff was a tenth of a long document's check.
    if (!verbatim) passage.diffOf = () => wordDiff(s, [sMin, sMax + 1], a, [aFirst, aLast + 1]);
    return passage;
  }
  const similarity = words / Math.max(aSpan, sSpan);
  return { type: similarity >= COPY_MIN_SIMILARITY ? 'unattributed_copy' : 'paraphrase', ...base };
}
