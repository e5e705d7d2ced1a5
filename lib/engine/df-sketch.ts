/**
 * The index's word document frequencies (statement-index.ts): {@link TERM_DF_BUCKETS} saturating 16-bit
 * counters indexed by the low bits of a word's (or anchor's) hash, 2 MiB, so that idf is known for any
 * query word without a vocabulary.
 */
export const TERM_DF_BUCKETS = 1 << 20;

/** The counter of a word hash. */
export function termBucket(hash: number): number {
  return hash & (TERM_DF_BUCKETS - 1);
}

/**
 * Adds one to the document frequency of every distinct bucket among a statement's hashes (its words,
 * title words and anchors). Distinct buckets are found with a small open-addressing table that stays
 * in the CPU cache (2 × the hashes, at least 4,096 slots, cleared per statement). A stamp per bucket in
 * a 4 MiB array would do the same, but its random accesses miss the cache every time: ~200 ns a hash
 * in the worker (3.9 s of a 20,000-statement import).
 */
const MIN_SEEN_SLOTS = 4096;
/** Grown for the largest statement met; each statement uses (and clears) only the part it needs. */
let seen = new Int32Array(MIN_SEEN_SLOTS);
export function countDistinct(df: Uint16Array, lists: ReadonlyArray<Uint32Array | undefined>): void {
  let total = 0;
  for (const list of lists) total += list?.length ?? 0;
  let size = MIN_SEEN_SLOTS;
  while (size < 2 * total) size *= 2;
  if (size > seen.length) seen = new Int32Array(size);
  const table = seen.subarray(0, size);
  table.fill(0);
  const mask = size - 1;
  for (const list of lists) {
    if (!list) continue;
    for (let i = 0; i < list.length; i++) {
      const bucket = termBucket(list[i]!);
      // Slot 0 means empty, so the table stores bucket + 1. Buckets are hash bits, already uniform.
      let slot = bucket & mask;
      for (;;) {
        const held = table[slot]!;
        if (held === bucket + 1) break;
        if (held === 0) {
          table[slot] = bucket + 1;
          if (df[bucket]! < 65535) df[bucket]!++;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
}
