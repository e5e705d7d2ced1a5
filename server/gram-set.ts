/**
 * The set of keyed gram values that have postings, held in the server's memory so that a lookup
 * sends PostgreSQL only the grams some statement holds (about 90 % of an article's grams are held by
 * none, and each probe costs an index descent all the same).
 *
 * Exact, not a Bloom filter: grams are AES-keyed 32-bit values, so they are spread evenly, and a
 * set of them split by their top 16 bits into 65,536 buckets needs only each value's low 16 bits,
 * sorted (what Roaring bitmaps call array containers): 2 bytes a gram, no false positive, no hash
 * function. The buckets lie end to end in one array (and their starts in another): a probe reads the
 * bucket's bounds, then guesses the value's place from its size (the values are uniform) and steps
 * from there, about two cache misses in all; per-bucket arrays cost several more (the array of
 * arrays, each array's header and its separate storage), which made probing 1,500 grams take ~1 ms
 * at 41 M grams. A Bloom filter with about 1 % false positives takes 1.25 bytes a gram and would
 * still send ~1 % of the absent grams (PERFORMANCE.md, "Gram set").
 *
 * Hand-written because the npm Bloom filters (bloomfilter, bloom-filters) hash each value again as a
 * string or bytes, which keyed grams do not need, and `roaring`, CRoaring's Node port, is a native
 * addon whose install downloads a prebuilt binary or compiles C++: too much for the bundled
 * `sourcelens` command and its Docker image, for the ~100 lines below.
 */
const BUCKETS = 1 << 16;

export class GramSet {
  /** Where each bucket's low halves start in `lows`; starts[BUCKETS] is the size. */
  private starts = new Uint32Array(BUCKETS + 1);
  /** Every bucket's low halves, sorted within the bucket, buckets in order. */
  private lows = new Uint16Array(0);

  /** A set from its buckets' sorted distinct low halves (the stored form, gram_set.lows), in any order. */
  static fromBuckets(buckets: Iterable<readonly [bucket: number, lows: Uint16Array]>): GramSet {
    const set = new GramSet();
    const list = [...buckets];
    for (const [bucket, lows] of list) set.starts[bucket + 1] = lows.length;
    for (let b = 0; b < BUCKETS; b++) set.starts[b + 1]! += set.starts[b]!;
    set.lows = new Uint16Array(set.starts[BUCKETS]!);
    for (const [bucket, lows] of list) set.lows.set(lows, set.starts[bucket]!);
    return set;
  }

  get size(): number {
    return this.starts[BUCKETS]!;
  }

  get bytes(): number {
    return this.starts.byteLength + this.lows.byteLength;
  }

  has(gram: number): boolean {
    const u = gram >>> 0;
    const bucket = u >>> 16;
    const low = u & 0xffff;
    const start = this.starts[bucket]!;
    const end = this.starts[bucket + 1]!;
    if (start === end) return false;
    const lows = this.lows;
    // Where a uniform value would sit, then step to it.
    let i = start + Math.floor(((end - start) * low) / 65536);
    if (lows[i]! < low) {
      while (++i < end && lows[i]! < low);
    } else {
      while (i > start && lows[i - 1]! >= low) i--;
    }
    return i < end && lows[i] === low;
  }

  /** The grams of `grams` that are in the set, in their order. */
  keep(grams: Int32Array): Int32Array {
    const out = new Int32Array(grams.length);
    let n = 0;
    for (let i = 0; i < grams.length; i++) if (this.has(grams[i]!)) out[n++] = grams[i]!;
    return out.subarray(0, n);
  }

  /**
   * Adds grams (any order, repeats allowed). Returns how many were new. The grams are spread to
   * their buckets (one counting pass, one scatter) and each bucket sorts only its own few; then the
   * set is rewritten once, merging every bucket with its new values, however many grams come: adding
   * a whole log at once costs one pass over the set.
   */
  add(grams: ArrayLike<number>): number {
    if (grams.length === 0) return 0;
    const at = new Uint32Array(BUCKETS + 1);
    for (let i = 0; i < grams.length; i++) at[(grams[i]! >>> 16) + 1]!++;
    for (let b = 0; b < BUCKETS; b++) at[b + 1]! += at[b]!;
    const incoming = new Uint16Array(grams.length);
    const next = at.slice(0, BUCKETS);
    for (let i = 0; i < grams.length; i++) {
      const u = grams[i]! >>> 0;
      incoming[next[u >>> 16]!++] = u & 0xffff;
    }
    for (let b = 0; b < BUCKETS; b++) if (at[b + 1]! - at[b]! > 1) incoming.subarray(at[b], at[b + 1]).sort();

    const old = this.lows;
    const oldStarts = this.starts;
    const lows = new Uint16Array(old.length + grams.length);
    const starts = new Uint32Array(BUCKETS + 1);
    let w = 0;
    for (let b = 0; b < BUCKETS; b++) {
      starts[b] = w;
      let i = oldStarts[b]!;
      const iEnd = oldStarts[b + 1]!;
      let j = at[b]!;
      const jEnd = at[b + 1]!;
      if (j === jEnd) {
        lows.set(old.subarray(i, iEnd), w);
        w += iEnd - i;
        continue;
      }
      // Merge, keeping each value once.
      while (i < iEnd || j < jEnd) {
        const v = j >= jEnd || (i < iEnd && old[i]! <= incoming[j]!) ? old[i++]! : incoming[j++]!;
        if (w === starts[b] || lows[w - 1] !== v) lows[w++] = v;
      }
    }
    starts[BUCKETS] = w;
    const added = w - old.length;
    this.starts = starts;
    this.lows = w === lows.length ? lows : lows.slice(0, w);
    return added;
  }

  /** Each non-empty bucket's sorted low halves, as of this call (views, not copies; later adds do not change them). */
  *buckets(): Generator<[bucket: number, lows: Uint16Array]> {
    const { starts, lows } = this;
    for (let b = 0; b < BUCKETS; b++) if (starts[b + 1]! > starts[b]!) yield [b, lows.subarray(starts[b], starts[b + 1])];
  }
}
