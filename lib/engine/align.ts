/**
 * Alignment of an article against one statement, in token space: exact 3-word seeds grown into
 * maximal runs that tolerate small edits.
 *
 * Growing a run: while the next words are equal (or "nearly equal": a one-character typo or damaged
 * character in a word of 5+ letters), extend. On a mismatch, look for the nearest re-synchronisation
 * point within {@link MAX_GAP} skipped words on either side that is confirmed by two consecutive
 * matching words: that absorbs inserted, dropped and replaced words and [bracketed] editorial
 * changes. Punctuation, quotation marks and ellipses are not words, so they never break a run.
 * Runs separated by an ellipsis-sized gap (≤ {@link MERGE_ARTICLE_GAP} article words while the
 * statement skips up to {@link MERGE_STATEMENT_GAP} words, in order) are merged: that is how a quote
 * with "…" in the middle reads.
 *
 * Why these numbers (dev set, same-language derived articles): MAX_GAP 4 covers every bracketed edit
 * and inserted clause seen in near-verbatim quotes (longest: 4 words) while a larger gap started to
 * bridge unrelated sentences through common word pairs; the resync pair must carry at least
 * {@link RESYNC_MIN_CHARS} key characters so "of the" alone never re-synchronises.
 */
import type { TokenStream } from './tokenize.ts';

export const SEED_SIZE = 3;
export const MAX_GAP = 4;
export const RESYNC_MIN_CHARS = 6;
export const MERGE_ARTICLE_GAP = 3;
export const MERGE_STATEMENT_GAP = 60;
/** Runs shorter than this many matched words are not reported. */
export const MIN_RUN_WORDS = 3;
/** At most this many statement positions are tried per article seed (repeated phrases). */
const MAX_SEED_POSITIONS = 8;

/** One matched word pair: article token, statement token, exact (2) or near (1). */
export interface AlignedRun {
  /** Article token range [aStart, aEnd). */
  aStart: number;
  aEnd: number;
  /** Statement token range [sStart, sEnd). */
  sStart: number;
  sEnd: number;
  /** Matched word pairs, flattened: articleToken, statementToken, kind (2 = equal key, 1 = near). */
  pairs: number[];
}

export function matchedCount(run: AlignedRun): number {
  return run.pairs.length / 3;
}

/** Damerau-Levenshtein distance ≤ 1, for keys that differ. */
function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** 2 = same key, 1 = near (one edit, both ≥ 5 characters, not numbers), 0 = different. */
export function wordMatch(a: string, b: string): 0 | 1 | 2 {
  if (a === b) return 2;
  if (a.length < 5 || b.length < 5) return 0;
  if (/\p{N}/u.test(a) || /\p{N}/u.test(b)) return 0;
  return withinOneEdit(a, b) ? 1 : 0;
}

function seedHash(h: Uint32Array, i: number): number {
  let x = 0x1b873593;
  for (let k = 0; k < SEED_SIZE; k++) x = Math.imul(x ^ h[i + k]!, 0xcc9e2d51) ^ (x >>> 15);
  return x >>> 0;
}

/** Aligns article `a` against statement `s`; returns runs in article order, non-overlapping in the article. */
export function alignTokens(a: TokenStream, s: TokenStream): AlignedRun[] {
  const aLen = a.keys.length;
  const sLen = s.keys.length;
  if (aLen < SEED_SIZE || sLen < SEED_SIZE) return [];
  const seeds = new Map<number, number[]>();
  for (let j = 0; j + SEED_SIZE <= sLen; j++) {
    const h = seedHash(s.hashes, j);
    const list = seeds.get(h);
    if (list) {
      if (list.length < MAX_SEED_POSITIONS) list.push(j);
    } else seeds.set(h, [j]);
  }

  const runs: AlignedRun[] = [];
  let floor = 0; // article tokens before this are taken by earlier runs
  for (let i = 0; i + SEED_SIZE <= aLen; ) {
    const positions = seeds.get(seedHash(a.hashes, i));
    let best: AlignedRun | undefined;
    if (positions) {
      for (const j of positions) {
        if (a.keys[i] !== s.keys[j] || a.keys[i + 1] !== s.keys[j + 1] || a.keys[i + 2] !== s.keys[j + 2]) continue;
        const run = growRun(a, s, i, j, floor);
        if (!best || run.pairs.length > best.pairs.length) best = run;
      }
    }
    if (best && matchedCount(best) >= MIN_RUN_WORDS) {
      runs.push(best);
      floor = best.aEnd;
      i = best.aEnd;
    } else i++;
  }
  return mergeRuns(runs);
}

function resyncOk(a: TokenStream, s: TokenStream, p: number, q: number): boolean {
  if (wordMatch(a.keys[p]!, s.keys[q]!) === 0 || wordMatch(a.keys[p + 1]!, s.keys[q + 1]!) === 0) return false;
  return a.keys[p]!.length + a.keys[p + 1]!.length >= RESYNC_MIN_CHARS;
}

/** Grows the exact seed at (i, j) forwards and backwards (not below article token `floor`). */
function growRun(a: TokenStream, s: TokenStream, i: number, j: number, floor: number): AlignedRun {
  const aLen = a.keys.length;
  const sLen = s.keys.length;
  const forward: number[] = [];
  for (let k = 0; k < SEED_SIZE; k++) forward.push(i + k, j + k, 2);
  let p = i + SEED_SIZE;
  let q = j + SEED_SIZE;
  while (p < aLen && q < sLen) {
    const m = wordMatch(a.keys[p]!, s.keys[q]!);
    if (m) {
      forward.push(p, q, m);
      p++;
      q++;
      continue;
    }
    let found = false;
    for (let d = 1; d <= MAX_GAP && !found; d++) {
      for (let da = 0; da <= d; da++) {
        const db = d - da;
        const pp = p + da;
        const qq = q + db;
        if (pp + 1 >= aLen || qq + 1 >= sLen) continue;
        if (resyncOk(a, s, pp, qq)) {
          p = pp;
          q = qq;
          found = true;
          break;
        }
      }
    }
    if (!found) break;
  }
  const backward: number[] = [];
  p = i - 1;
  q = j - 1;
  while (p >= floor && q >= 0) {
    const m = wordMatch(a.keys[p]!, s.keys[q]!);
    if (m) {
      backward.push(p, q, m);
      p--;
      q--;
      continue;
    }
    let found = false;
    for (let d = 1; d <= MAX_GAP && !found; d++) {
      for (let da = 0; da <= d; da++) {
        const db = d - da;
        const pp = p - da;
        const qq = q - db;
        if (pp - 1 < floor || qq - 1 < 0) continue;
        if (resyncOk(a, s, pp - 1, qq - 1)) {
          p = pp;
          q = qq;
          found = true;
          break;
        }
      }
    }
    if (!found) break;
  }
  const pairs: number[] = [];
  for (let k = backward.length - 3; k >= 0; k -= 3) pairs.push(backward[k]!, backward[k + 1]!, backward[k + 2]!);
  for (const x of forward) pairs.push(x);
  return {
    aStart: pairs[0]!,
    aEnd: pairs[pairs.length - 3]! + 1,
    sStart: Math.min(...pairs.filter((_, k) => k % 3 === 1)),
    sEnd: Math.max(...pairs.filter((_, k) => k % 3 === 1)) + 1,
    pairs,
  };
}

/** Merges consecutive runs separated by an ellipsis-sized gap, in statement order. */
export function mergeRuns(runs: AlignedRun[]): AlignedRun[] {
  const out: AlignedRun[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (
      prev &&
      r.aStart - prev.aEnd <= MERGE_ARTICLE_GAP &&
      r.sStart >= prev.sEnd &&
      r.sStart - prev.sEnd <= MERGE_STATEMENT_GAP
    ) {
      prev.aEnd = r.aEnd;
      prev.sEnd = Math.max(prev.sEnd, r.sEnd);
      for (const x of r.pairs) prev.pairs.push(x);
    } else out.push({ ...r, pairs: [...r.pairs] });
  }
  return out;
}
