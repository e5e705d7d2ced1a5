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

/** True when a[ai..] and b[bi..] are the same string (compared in place: no tail slices per word pair). */
function sameTail(a: string, ai: number, b: string, bi: number): boolean {
  if (a.length - ai !== b.length - bi) return false;
  for (; ai < a.length; ai++, bi++) if (a.charCodeAt(ai) !== b.charCodeAt(bi)) return false;
  return true;
}

/** Damerau-Levenshtein distance ≤ 1, for keys that differ. */
function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (sameTail(a, i + 1, b, i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2); // transposition
  }
  return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
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

/**
 * Statement seed positions by seed hash, as a chained hash table in reused typed arrays: a
 * Map<number, number[]> here allocated one array per statement 3-gram for every candidate of every
 * check. Chains are kept in ascending statement position, so a lookup yields the same positions,
 * in the same order, as the Map did (the first {@link MAX_SEED_POSITIONS} with that hash).
 */
class SeedTable {
  private bucketHead = new Int32Array(0);
  private bucketTail = new Int32Array(0);
  private next = new Int32Array(0);
  private hashes = new Uint32Array(0);
  private mask = 0;

  build(s: Uint32Array, seedCount: number): void {
    let buckets = 16;
    while (buckets < seedCount * 2) buckets *= 2;
    if (this.bucketHead.length < buckets) {
      this.bucketHead = new Int32Array(buckets);
      this.bucketTail = new Int32Array(buckets);
    }
    if (this.next.length < seedCount) {
      this.next = new Int32Array(Math.max(seedCount, this.next.length * 2));
      this.hashes = new Uint32Array(this.next.length);
    }
    this.mask = buckets - 1;
    this.bucketHead.fill(-1, 0, buckets);
    for (let j = 0; j < seedCount; j++) {
      const h = seedHash(s, j);
      const b = h & this.mask;
      this.hashes[j] = h;
      this.next[j] = -1;
      if (this.bucketHead[b] === -1) this.bucketHead[b] = j;
      else this.next[this.bucketTail[b]!] = j;
      this.bucketTail[b] = j;
    }
  }

  /** Writes up to MAX_SEED_POSITIONS statement positions with seed hash `h` into `out`; returns how many. */
  positions(h: number, out: Int32Array): number {
    let count = 0;
    for (let j = this.bucketHead[h & this.mask]!; j !== -1 && count < MAX_SEED_POSITIONS; j = this.next[j]!) {
      if (this.hashes[j] === h) out[count++] = j;
    }
    return count;
  }
}

/** Shared by all alignments: alignTokens is synchronous, so concurrent checks never interleave in it. */
const seedTable = new SeedTable();
const seedPositions = new Int32Array(MAX_SEED_POSITIONS);

/** Aligns article `a` against statement `s`; returns runs in article order, non-overlapping in the article. */
export function alignTokens(a: TokenStream, s: TokenStream): AlignedRun[] {
  const aLen = a.keys.length;
  const sLen = s.keys.length;
  if (aLen < SEED_SIZE || sLen < SEED_SIZE) return [];
  const seeds = seedTable;
  seeds.build(s.hashes, sLen - SEED_SIZE + 1);

  const runs: AlignedRun[] = [];
  let floor = 0; // article tokens before this are taken by earlier runs
  for (let i = 0; i + SEED_SIZE <= aLen; ) {
    const positionCount = seeds.positions(seedHash(a.hashes, i), seedPositions);
    let best: AlignedRun | undefined;
    for (let k = 0; k < positionCount; k++) {
      const j = seedPositions[k]!;
      if (a.keys[i] !== s.keys[j] || a.keys[i + 1] !== s.keys[j + 1] || a.keys[i + 2] !== s.keys[j + 2]) continue;
      const run = growRun(a, s, i, j, floor);
      if (!best || run.pairs.length > best.pairs.length) best = run;
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
  // Statement range of the run: plain loop instead of filter + spread (growRun runs for every seed hit).
  let sStart = Infinity;
  let sLast = -Infinity;
  for (let k = 1; k < pairs.length; k += 3) {
    if (pairs[k]! < sStart) sStart = pairs[k]!;
    if (pairs[k]! > sLast) sLast = pairs[k]!;
  }
  return {
    aStart: pairs[0]!,
    aEnd: pairs[pairs.length - 3]! + 1,
    sStart,
    sEnd: sLast + 1,
    pairs,
  };
}

/** Merges consecutive runs separated by an ellipsis-sized gap, in statement order. */
export function mergeRuns(runs: AlignedRun[]): AlignedRun[] {
  const out: AlignedRun[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev && r.aStart - prev.aEnd <= MERGE_ARTICLE_GAP && r.sStart >= prev.sEnd && r.sStart - prev.sEnd <= MERGE_STATEMENT_GAP) {
      prev.aEnd = r.aEnd;
      prev.sEnd = Math.max(prev.sEnd, r.sEnd);
      for (const x of r.pairs) prev.pairs.push(x);
    } else out.push({ ...r, pairs: [...r.pairs] });
  }
  return out;
}
