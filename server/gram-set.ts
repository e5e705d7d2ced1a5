/**
 * The set of keyed gram values that have postings, held in the server's memory so that a lookup
 * sends PostgreSQL only the grams some statement holds (about 90 % of an article's grams are held by
 * none, and each probe costs an index descent all the same).
 *
 * Exact, not a Bloom filter: grams are AES-keyed 32-bit values, so they are spread evenly, and a
 * set of them split by their top 16 bits into 65,536 buckets needs only each value's low 16 bits,
 * sorted (what Roaring bitmaps call array containers): 2 bytes a gram, no false positive, no hash
 * function, and a batch of new grams merges into the buckets it touches. A Bloom filter with a 1 %
 * false-positive rate takes 1.2 bytes a gram and would still send ~1 % of the absent grams
 * (PERFORMANCE.md, "Gram set"). Hand-written because the npm Bloom filters hash strings one value at a
 * time (minutes for 50 M grams) and `roaring`, CRoaring's Node port, is a native addon whose install
 * downloads a prebuilt binary or compiles C++: too much for the bundled `sourcelens` command and its
 * Docker image, for the ~100 lines below.
 */
const BUCKETS = 1 << 16;
const EMPTY = new Uint16Array(0);
/** One bucket's new values while they are merged in (a bucket holds at most 65,536). */
const fresh = new Uint16Array(1 << 16);

export class GramSet {
  /** Per bucket (a gram's top 16 bits), the low 16 bits of its grams, sorted; capacity may exceed the length. */
  private readonly lows: Uint16Array[] = new Array<Uint16Array>(BUCKETS).fill(EMPTY);
  private readonly lengths = new Uint32Array(BUCKETS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Bytes held by the buckets (their capacity). */
  get bytes(): number {
    let total = this.lengths.byteLength;
    for (const l of this.lows) total += l.byteLength;
    return total;
  }

  has(gram: number): boolean {
    const u = gram >>> 0;
    const bucket = u >>> 16;
    const low = u & 0xffff;
    const list = this.lows[bucket]!;
    let lo = 0;
    let hi = this.lengths[bucket]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = list[mid]!;
      if (v === low) return true;
      if (v < low) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** The grams of `grams` that are in the set, in their order. */
  keep(grams: Int32Array): Int32Array {
    const out = new Int32Array(grams.length);
    let n = 0;
    for (let i = 0; i < grams.length; i++) if (this.has(grams[i]!)) out[n++] = grams[i]!;
    return out.subarray(0, n);
  }

  /**
   * Adds grams (any order, repeats allowed). Returns how many were new. The grams are first spread to
   * their buckets (one counting pass, one scatter), so each bucket sorts only its own few and is
   * merged once however many grams come: adding a whole log at once costs one pass over the set.
   */
  add(grams: ArrayLike<number>): number {
    const starts = new Uint32Array(BUCKETS + 1);
    for (let i = 0; i < grams.length; i++) starts[(grams[i]! >>> 16) + 1]!++;
    for (let b = 0; b < BUCKETS; b++) starts[b + 1]! += starts[b]!;
    const at = starts.slice(0, BUCKETS);
    const lows = new Uint16Array(grams.length);
    for (let i = 0; i < grams.length; i++) {
      const u = grams[i]! >>> 0;
      lows[at[u >>> 16]!++] = u & 0xffff;
    }
    let added = 0;
    for (let b = 0; b < BUCKETS; b++) {
      if (starts[b] === starts[b + 1]) continue;
      added += this.addToBucket(b, lows.subarray(starts[b], starts[b + 1]).sort());
    }
    this.count += added;
    return added;
  }

  /**
   * Replaces one bucket by sorted distinct low halves (the stored form, gram_set.lows). Used when the
   * set is built from its stored copy: no sort, no merge.
   */
  setBucket(bucket: number, lows: Uint16Array): void {
    this.count += lows.length - this.lengths[bucket]!;
    this.lows[bucket] = lows;
    this.lengths[bucket] = lows.length;
  }

  /** Each non-empty bucket's sorted low halves (views, not copies). */
  *buckets(): Generator<[bucket: number, lows: Uint16Array]> {
    for (let b = 0; b < BUCKETS; b++) if (this.lengths[b]! > 0) yield [b, this.lows[b]!.subarray(0, this.lengths[b])];
  }

  /** Merges one bucket's new low halves (sorted, maybe repeated or already held) into it. */
  private addToBucket(bucket: number, sorted: Uint16Array): number {
    const list = this.lows[bucket]!;
    const length = this.lengths[bucket]!;
    // The new values, distinct and not held yet: one forward pass against the sorted bucket.
    let count = 0;
    let k = 0;
    for (let i = 0; i < sorted.length; i++) {
      const low = sorted[i]!;
      if (count > 0 && fresh[count - 1] === low) continue;
      while (k < length && list[k]! < low) k++;
      if (k < length && list[k] === low) continue;
      fresh[count++] = low;
    }
    if (count === 0) return 0;
    const total = length + count;
    let target = list;
    if (total > list.length) {
      // A quarter of headroom: batches keep adding a few grams to every bucket.
      target = new Uint16Array(total + (total >>> 2) + 4);
      target.set(list.subarray(0, length));
      this.lows[bucket] = target;
    }
    // Merge from the end, in place.
    let a = length - 1;
    let f = count - 1;
    for (let w = total - 1; f >= 0; w--) {
      if (a >= 0 && target[a]! > fresh[f]!) target[w] = target[a--]!;
      else target[w] = fresh[f--]!;
    }
    this.lengths[bucket] = total;
    return count;
  }
}
