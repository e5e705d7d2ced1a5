/**
 * Gold verbatim passages for the dev set, which has no passage labels: the project's convention is
 * "maximal common runs of 6 or more words between an article and its gold statements".
 *
 * Words are the engine's tokens compared by their normalised keys (case, diacritics, quotation-mark
 * style and punctuation do not break a run, since punctuation is not a word). A run is maximal when
 * it cannot be extended by an equal word on either side. A run's article span is the characters from
 * the start of its first word to the end of its last word. Computed by dynamic programming over
 * article × statement words (both ≤ ~400 words in the dev set).
 */
import { tokenize } from '../lib/engine/index.ts';

export const GOLD_MIN_WORDS = 6;

/** Character ranges [start, end) in the article of maximal common runs with the statement. */
export function commonRuns(articleText: string, statementText: string, minWords = GOLD_MIN_WORDS): Array<[number, number]> {
  const a = tokenize(articleText);
  const s = tokenize(statementText);
  const m = s.keys.length;
  let prev = new Uint16Array(m + 1);
  let cur = new Uint16Array(m + 1);
  const out: Array<[number, number]> = [];
  for (let i = 1; i <= a.keys.length; i++) {
    for (let j = 1; j <= m; j++) cur[j] = a.keys[i - 1] === s.keys[j - 1] ? prev[j - 1]! + 1 : 0;
    // A run ending at (i-1, j-1) is maximal if it can't continue to (i, j).
    for (let j = 1; j <= m; j++) {
      const len = cur[j]!;
      if (len < minWords) continue;
      const continues = i < a.keys.length && j < m && a.keys[i] === s.keys[j];
      if (!continues) out.push([a.starts[i - len]!, a.ends[i - 1]!]);
    }
    [prev, cur] = [cur, prev];
  }
  return mergeRanges(out);
}

export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export function rangeLength(ranges: Array<[number, number]>): number {
  return ranges.reduce((n, [s, e]) => n + e - s, 0);
}

export function intersectLength(a: Array<[number, number]>, b: Array<[number, number]>): number {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (hi > lo) n += hi - lo;
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return n;
}
