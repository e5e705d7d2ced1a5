/**
 * Word n-gram hashes and winnowing.
 *
 * Why word n-grams of {@link GRAM_SIZE} = 4: on the dev set a 4-gram shared between an article and a
 * statement other than its source is almost always a stock phrase ("the Republic of Azerbaijan"),
 * which the document-frequency stop list removes, while 5-grams lose short quotes (a 7-word quote
 * has 4 four-grams but only 3 five-grams). Word n-grams rather than character k-grams because they
 * ignore punctuation and spacing for free and cost one hash per word.
 *
 * Why winnowing (Schleimer, Wilkerson & Aiken 2003) on the index side only: keeping the minimum hash of
 * every window of w consecutive n-grams guarantees that any shared run of at least w + n - 1 words
 * yields a shared fingerprint, while storing about 2/(w+1) of the n-grams. The query side (the article)
 * looks up ALL its n-grams, which can only find more. The window grows with the statement's length so
 * that a statement stores about {@link MAX_FINGERPRINTS} hashes, up to {@link MAX_WINDOW}: long releases
 * are still found through any copied run of 35 words or more, and the index size stays close to
 * proportional to the number of statements rather than to their length (see docs/ENGINE.md for the
 * size/recall measurements).
 */

export const GRAM_SIZE = 4;
/** Smallest winnowing window: guarantees detection of any shared run of 4 + 6 - 1 = 9 words. */
export const MIN_WINDOW = 6;
/** Target ceiling of stored fingerprints per statement. */
export const MAX_FINGERPRINTS = 80;
/**
 * Largest winnowing window: in any statement, however long, a shared run of 32 + 4 - 1 = 35 words (a
 * long quote) yields a fingerprint. Without it the window grew with the length (a 5,730-word Senate
 * release had a window of 144 grams), so a quote of 40-120 words from a long release could leave no
 * fingerprint and the release was not retrieved: 3 of the Node bench's 60 queries at 72k, and 5 of
 * 38 forty-word runs from that release. Cost: +3.3 % fingerprints over the 72,607 releases (only the
 * 2 % longer than ~1,300 words store more).
 */
export const MAX_WINDOW = 32;

/** Mixes a sequence of token hashes into one 32-bit n-gram hash (order-sensitive). */
function mixGram(hashes: Uint32Array, start: number, n: number): number {
  let h = 0x9747b28c;
  for (let k = 0; k < n; k++) {
    h = Math.imul(h ^ hashes[start + k]!, 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hash of every n-gram: element i covers tokens i .. i+n-1. Empty when fewer than n tokens. */
export function gramHashes(tokenHashes: Uint32Array, n = GRAM_SIZE): Uint32Array {
  const count = Math.max(0, tokenHashes.length - n + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = mixGram(tokenHashes, i, n);
  return out;
}

/** The winnowing window used for a statement with `gramCount` n-grams. */
export function windowFor(gramCount: number): number {
  return Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, Math.ceil((2 * gramCount) / MAX_FINGERPRINTS) - 1));
}

/**
 * Winnowed fingerprints: the minimum of each window of `window` consecutive hashes (rightmost on ties),
 * recorded once per position. Returns the distinct selected hashes.
 */
export function winnow(grams: Uint32Array, window: number): Uint32Array {
  if (grams.length === 0) return new Uint32Array(0);
  if (grams.length <= window) return new Uint32Array([Math.min(...grams)]);
  const picked = new Set<number>();
  let minPos = -1;
  for (let start = 0; start + window <= grams.length; start++) {
    if (minPos < start) {
      minPos = start;
      for (let k = start + 1; k < start + window; k++) if (grams[k]! <= grams[minPos]!) minPos = k;
    } else if (grams[start + window - 1]! <= grams[minPos]!) {
      minPos = start + window - 1;
    }
    picked.add(grams[minPos]!);
  }
  return Uint32Array.from(picked);
}

/** The fingerprints stored in the index for a statement's token hashes. */
export function statementFingerprints(tokenHashes: Uint32Array): Uint32Array {
  const grams = gramHashes(tokenHashes);
  return winnow(grams, windowFor(grams.length));
}
