/**
 * Postings (32-bit hash → statement slot), packed into one 32-bit entry each plus a bucket directory.
 *
 * Why this layout: the index snapshot is read whole when an MV3 service worker starts cold, and reading
 * it is most of a cold start (a Blob read in Chromium runs at ~4 ms per MB on these machines). Most
 * n-gram hashes occur in a single statement, so per-key structures (a CSR layout: 12 bytes per hapax
 * gram; a Map of arrays: ~80) cost more than a flat list. Two parallel arrays, key and slot, would cost
 * 8 bytes an entry; instead:
 * - the leading `bucketBits` bits of the key select a bucket, and a directory of bucket starts replaces
 *   them (bucketBits grows with the entry count so that a bucket holds ~64-128 entries: a lookup is a
 *   short binary search among neighbours instead of 23 steps across the whole array; and it is at
 *   least slotBits, up to 16, so that small corpora lose no key bits);
 * - the entry keeps the next key bits above the slot number, which takes `slotBits` bits, just enough
 *   for the statements indexed;
 * - together that is 4 bytes an entry: half the bytes to read at a cold start, half the worker heap.
 *
 * The price is that a key keeps `keyBits = bucketBits + 32 − slotBits` of its 32 bits: all of them up
 * to 65,536 statements (16 + 16), 31 at 100,000 statements, 28 at a million. Two hashes that agree on
 * their kept bits share postings; at 100,000 statements (~7 M gram entries) a random article gram then
 * meets an unrelated entry with probability 7 M / 2^31 ≈ 0.3 %, one stray vote for one random statement,
 * far below what retrieval needs to rank a candidate (several shared grams). The kept bits are the
 * same for every key of a structure and never grow back on a merge, so a lookup truncates its key the
 * same way and always finds every entry it should.
 */
/** How keys and slots are packed (stored in a snapshot's header). */
export interface PostingsShape {
  /** Leading key bits that pick a bucket (0-16). */
  bucketBits: number;
  /** Low bits of an entry that hold the slot. */
  slotBits: number;
  /** Leading key bits kept (≤ bucketBits + 32 − slotBits); the other bits are ignored for every key. */
  keyBits: number;
}

export interface SortedPostings extends PostingsShape {
  /** Entries of bucket b are entries[directory[b] .. directory[b + 1]). Length 2^bucketBits + 1. */
  directory: Uint32Array;
  /** (key bits after the bucket bits) << slotBits | slot, ascending within each bucket. */
  entries: Uint32Array;
}

/** Most slot bits: 16.7 M statements. */
export const MAX_SLOT_BITS = 24;
const MAX_BUCKET_BITS = 16;
/**
 * Buckets of 2^6-2^7 entries in large structures: a 7-step search, and a directory of 1/16-1/32 of the
 * entries' bytes.
 */
const ENTRIES_PER_BUCKET_BITS = 7;

export const EMPTY_POSTINGS: SortedPostings = {
  bucketBits: 0,
  slotBits: 1,
  keyBits: 32,
  directory: new Uint32Array(2),
  entries: new Uint32Array(0),
};

function bitLength(n: number): number {
  return n <= 0 ? 0 : 32 - Math.clz32(n);
}

/** Bucket of a key. */
function bucketOf(p: PostingsShape, key: number): number {
  return p.bucketBits === 0 ? 0 : key >>> (32 - p.bucketBits);
}

/** The kept key bits after the bucket bits (0 when none are kept). */
function keyPart(p: PostingsShape, key: number): number {
  const partBits = p.keyBits - p.bucketBits;
  return partBits === 0 ? 0 : ((key << p.bucketBits) >>> 0) >>> (32 - partBits);
}

/** First index i in [lo, hi) with entries[i] >= target (hi if none). */
function lowerBound(entries: Uint32Array, target: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [from, to) range of the entries whose key agrees with `key` on the kept bits. */
export function rangeOf(p: SortedPostings, key: number): [number, number] {
  const bucket = bucketOf(p, key);
  const part = keyPart(p, key);
  const hi = p.directory[bucket + 1]!;
  const from = lowerBound(p.entries, (part << p.slotBits) >>> 0, p.directory[bucket]!, hi);
  let to = from;
  while (to < hi && p.entries[to]! >>> p.slotBits === part) to++;
  return [from, to];
}

/** The slot of entry i. */
export function slotAt(p: SortedPostings, i: number): number {
  return p.entries[i]! & ((1 << p.slotBits) - 1);
}

export interface BuildOptions {
  /** Every slot is below this (after remap). */
  slotLimit: number;
  /** Key bits already dropped by an earlier structure these pairs come from (default 32: none). */
  keyBits?: number;
  /** New slot = remap[old]; entries whose remap is negative are dropped. */
  remap?: Int32Array;
}

/**
 * Builds postings from flat (key, slot) pairs: a counting sort into buckets, then a native numeric sort
 * of each bucket's entries (no comparator, no float packing).
 */
export function buildPostings(pairs: ArrayLike<number>, pairCount: number, options: BuildOptions): SortedPostings {
  const { remap } = options;
  const slotBits = Math.max(1, bitLength(options.slotLimit - 1));
  if (slotBits > MAX_SLOT_BITS) throw new RangeError(`too many statements for the index (${options.slotLimit}; at most ${2 ** MAX_SLOT_BITS})`);
  let kept = pairCount;
  if (remap) {
    kept = 0;
    for (let i = 0; i < pairCount; i++) if (remap[pairs[2 * i + 1]!]! >= 0) kept++;
  }
  // At least as many bucket bits as slot bits (up to 16), so that keys lose no bits below 65,536 statements.
  const bucketBits = Math.min(MAX_BUCKET_BITS, Math.max(slotBits, bitLength(kept) - ENTRIES_PER_BUCKET_BITS));
  const keyBits = Math.min(options.keyBits ?? 32, bucketBits + 32 - slotBits);
  const shape: PostingsShape = { bucketBits, slotBits, keyBits };
  const directory = new Uint32Array((1 << bucketBits) + 1);
  for (let i = 0; i < pairCount; i++) {
    if (remap && remap[pairs[2 * i + 1]!]! < 0) continue;
    directory[bucketOf(shape, pairs[2 * i]!) + 1]!++;
  }
  for (let b = 1; b < directory.length; b++) directory[b]! += directory[b - 1]!;
  const cursor = directory.slice(0, directory.length - 1);
  const entries = new Uint32Array(kept);
  for (let i = 0; i < pairCount; i++) {
    const key = pairs[2 * i]!;
    const slot = remap ? remap[pairs[2 * i + 1]!]! : pairs[2 * i + 1]!;
    if (slot < 0) continue;
    entries[cursor[bucketOf(shape, key)]!++] = ((keyPart(shape, key) << slotBits) | slot) >>> 0;
  }
  for (let b = 0; b + 1 < directory.length; b++) {
    if (directory[b + 1]! - directory[b]! > 1) entries.subarray(directory[b]!, directory[b + 1]!).sort();
  }
  return { ...shape, directory, entries };
}

/**
 * The (key, slot) pairs of existing postings, keys with their dropped bits zero (which the next build
 * drops again, since keyBits never grows).
 */
function pairsOf(p: SortedPostings, into: Uint32Array): void {
  const partBits = p.keyBits - p.bucketBits;
  const slotMask = (1 << p.slotBits) - 1;
  let k = 0;
  for (let b = 0; b + 1 < p.directory.length; b++) {
    const high = p.bucketBits === 0 ? 0 : (b << (32 - p.bucketBits)) >>> 0;
    for (let i = p.directory[b]!; i < p.directory[b + 1]!; i++) {
      const e = p.entries[i]!;
      const part = partBits === 0 ? 0 : ((e >>> p.slotBits) << (32 - p.bucketBits - partBits)) >>> 0;
      into[k++] = (high | part) >>> 0;
      into[k++] = e & slotMask;
    }
  }
}

/** Existing postings plus new (key, slot) pairs, as one structure. */
export function mergePostings(base: SortedPostings, extra: number[], slotLimit: number, remap?: Int32Array): SortedPostings {
  const total = base.entries.length + extra.length / 2;
  const pairs = new Uint32Array(total * 2);
  pairsOf(base, pairs);
  pairs.set(extra, base.entries.length * 2);
  return buildPostings(pairs, total, { slotLimit, keyBits: base.keyBits, remap });
}

/** Postings from the two arrays of the earlier layout (sorted keys, parallel slots): old snapshots. */
export function fromKeysAndSlots(keys: Uint32Array, slots: Uint32Array, slotLimit: number): SortedPostings {
  const pairs = new Uint32Array(keys.length * 2);
  for (let i = 0; i < keys.length; i++) {
    pairs[2 * i] = keys[i]!;
    pairs[2 * i + 1] = slots[i]!;
  }
  return buildPostings(pairs, keys.length, { slotLimit });
}
