/**
 * The team corpus's word document frequencies, as a sketch: 2^20 saturating 16-bit counters indexed
 * by the low bits of a word's hash (the engine's own sketch, statement-index.ts). The browser aligns
 * the server's candidates in an index of those few statements (candidate-index.ts), but judges how
 * informative a shared word is, and which grams are boilerplate, by the whole team corpus: with df
 * counted among 20 candidates alone, seven near-identical releases made their shared passage look
 * like boilerplate, and the check showed nothing (bench:server at 20k, recall@1 0.95 against 1.0).
 *
 * The sketch is the same for every reader and says nothing about any article; the browser downloads
 * it whole (GET /v1/stats, ~2 MB) and keeps it.
 */
export const TERM_BUCKETS = 1 << 20;

export function termBucket(wordHash: number): number {
  return wordHash & (TERM_BUCKETS - 1);
}

/** Adds one per distinct bucket of `hashes` (one statement's words and title words) to `df`. */
export function countStatementTerms(df: Uint16Array | Uint32Array, lists: ReadonlyArray<ArrayLike<number> | undefined>, seen: Set<number> = new Set()): void {
  seen.clear();
  for (const list of lists) {
    if (!list) continue;
    for (let i = 0; i < list.length; i++) {
      const b = termBucket(list[i]!);
      if (seen.has(b)) continue;
      seen.add(b);
      df[b]!++;
    }
  }
}

/** The sketch as sent: little-endian uint16s (saturated at 65,535). */
export function saturate(counts: Uint32Array): Uint16Array {
  const out = new Uint16Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = Math.min(65_535, counts[i]!);
  return out;
}
