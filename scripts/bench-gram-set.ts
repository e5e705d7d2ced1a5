/**
 * node --import tsx scripts/bench-gram-set.ts [--grams 50000000] [--batch 150000]
 *
 * The server's set of grams with postings (server/gram-set.ts) against a Bloom filter for the same
 * job, on N uniform 32-bit values (keyed grams are AES outputs: uniform). Measured: memory, time to
 * build it from a sorted snapshot (server start), by batches of new grams (a server following an
 * import's log) and from all of them in one call (a start that reads a long log), time per
 * probe (CPU time), and the share of absent grams each lets through (a Bloom filter's false positives become
 * PostgreSQL probes). The Bloom filter here exists only for this comparison: 10 bits a gram, 7 probes
 * (double hashing of two mixes of the value), about 0.8 % false positives in theory.
 */
import { GramSet } from '../server/gram-set.ts';
import { round } from './shared/bench-stats.mjs';
import { seededRandom } from './shared/seeded-random.mjs';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : dflt;
};
const n = opt('--grams', 50_000_000);
const batch = opt('--batch', 150_000);
const random = seededRandom(2025);
const u32 = () => Math.floor(random() * 2 ** 32);

const held = new Uint32Array(n);
for (let i = 0; i < n; i++) held[i] = u32();
const absent = new Int32Array(1_000_000);
for (let i = 0; i < absent.length; i++) absent[i] = u32() | 0;
const present = new Int32Array(1_000_000);
for (let i = 0; i < present.length; i++) present[i] = held[Math.floor(random() * n)]! | 0;

/** CPU milliseconds of this (single-threaded) work: the machine is shared, its wall clock is not ours. */
const time = (f: () => void) => {
  const t0 = process.cpuUsage();
  f();
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / 1000;
};

/** Bloom filter over 32-bit values: bit positions (h1 + i·h2) mod m of two murmur3 finalizer mixes. */
class Bloom {
  readonly bits: Uint32Array;
  private readonly m: number;
  constructor(
    count: number,
    bitsPerValue: number,
    private readonly k: number,
  ) {
    this.m = Math.ceil(count * bitsPerValue);
    this.bits = new Uint32Array(Math.ceil(this.m / 32));
  }
  private static mix(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }
  add(v: number): void {
    const h1 = Bloom.mix(v);
    const h2 = (Bloom.mix(v ^ 0x9e3779b9) | 1) >>> 0;
    for (let i = 0; i < this.k; i++) {
      const bit = (h1 + i * h2) % this.m;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }
  has(v: number): boolean {
    const h1 = Bloom.mix(v);
    const h2 = (Bloom.mix(v ^ 0x9e3779b9) | 1) >>> 0;
    for (let i = 0; i < this.k; i++) {
      const bit = (h1 + i * h2) % this.m;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

// The exact set: from a sorted snapshot (bucket by bucket, as loadGramSet does) and by batches.
const sorted = held.slice().sort();
let fromSnapshot = new GramSet();
const snapshotMs = time(() => {
  const buckets: Array<[number, Uint16Array]> = [];
  let i = 0;
  while (i < sorted.length) {
    const bucket = sorted[i]! >>> 16;
    let j = i;
    const lows: number[] = [];
    while (j < sorted.length && sorted[j]! >>> 16 === bucket) {
      if (j === i || sorted[j] !== sorted[j - 1]) lows.push(sorted[j]! & 0xffff);
      j++;
    }
    buckets.push([bucket, Uint16Array.from(lows)]);
    i = j;
  }
  fromSnapshot = GramSet.fromBuckets(buckets);
});
const distinct = fromSnapshot.size;
const batches = new GramSet();
const batchesMs = time(() => {
  for (let at = 0; at < n; at += batch) batches.add(held.subarray(at, at + batch));
});
const once = new GramSet();
const onceMs = time(() => once.add(held));
let hits = 0;
const setProbeMs = time(() => {
  for (const g of present) if (batches.has(g)) hits++;
  for (const g of absent) if (batches.has(g)) hits++;
});
let setFalse = 0;
for (const g of absent) if (batches.has(g) && !fromSnapshot.has(g)) setFalse++;
const setResult = {
  structure: 'exact set (16-bit buckets of sorted low halves)',
  bytes_per_gram: round(batches.bytes / distinct, 2),
  mb: round(batches.bytes / 2 ** 20, 1),
  build_from_snapshot_s: round(snapshotMs / 1000, 2),
  build_by_batches_s: round(batchesMs / 1000, 2),
  build_in_one_add_s: round(onceMs / 1000, 2),
  probe_ns: round((setProbeMs * 1e6) / (present.length + absent.length), 1),
  absent_let_through: setFalse / absent.length,
};
fromSnapshot = new GramSet();

const bloom = new Bloom(distinct, 10, 7);
const bloomMs = time(() => {
  for (let i = 0; i < n; i++) bloom.add(held[i]! | 0);
});
let bloomThrough = 0;
const bloomProbeMs = time(() => {
  for (const g of present) if (bloom.has(g)) hits++;
  for (const g of absent) if (bloom.has(g)) bloomThrough++;
});
let missed = 0;
for (const g of present) if (!bloom.has(g) || !batches.has(g)) missed++;
const bloomResult = {
  structure: 'Bloom filter, 10 bits a gram, 7 probes',
  bytes_per_gram: round(bloom.bits.byteLength / distinct, 2),
  mb: round(bloom.bits.byteLength / 2 ** 20, 1),
  build_s: round(bloomMs / 1000, 2),
  probe_ns: round((bloomProbeMs * 1e6) / (present.length + absent.length), 1),
  absent_let_through: round(bloomThrough / absent.length, 4),
};
console.log(JSON.stringify({ grams: distinct, missed, hits, set: setResult, bloom: bloomResult }, null, 1));
