import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPostings, EMPTY_POSTINGS, fromKeysAndSlots, mergePostings, rangeOf, slotAt, type SortedPostings } from '../../lib/engine/sorted-postings.ts';

/** The slots a lookup visits, in order. */
function slotsOf(p: SortedPostings, key: number): number[] {
  const [from, to] = rangeOf(p, key);
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(slotAt(p, i));
  return out;
}

/** What a lookup must return: the slots of every pair whose key agrees on the kept leading bits. */
function expected(pairs: [number, number][], key: number, keyBits: number): number[] {
  const top = (k: number) => (keyBits === 32 ? k >>> 0 : k >>> (32 - keyBits));
  return pairs
    .filter(([k]) => top(k) === top(key))
    .map(([, s]) => s)
    .sort((a, b) => a - b);
}

const flat = (pairs: [number, number][]) => Uint32Array.from(pairs.flat());
const keyArb = fc.integer({ min: 0, max: 0xffffffff });

describe('sorted postings', () => {
  it('finds exactly the slots of every key, losslessly while keys and slots fit in 32 bits', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, fc.integer({ min: 0, max: 999 })), { maxLength: 3000 }), keyArb, (pairs, absent) => {
        const p = buildPostings(flat(pairs), pairs.length, { slotLimit: 1000 });
        expect(p.entries.length).toBe(pairs.length);
        expect(p.keyBits).toBe(32);
        for (const [key] of pairs.slice(0, 50)) expect(slotsOf(p, key)).toEqual(expected(pairs, key, 32));
        expect(slotsOf(p, absent)).toEqual(expected(pairs, absent, 32));
      }),
      { numRuns: 60 },
    );
  });

  it('with a million statements keeps fewer key bits, and still finds every slot of a key', () => {
    // 2^20 statements take 20 slot bits and make 2^16 buckets (the most): 16 + 12 = 28 key bits.
    const pairs: [number, number][] = [];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 1 << 16; i++) pairs.push([next(), next() & 0xfffff]);
    const p = buildPostings(flat(pairs), pairs.length, { slotLimit: 1 << 20 });
    expect(p.bucketBits).toBe(16);
    expect(p.slotBits).toBe(20);
    expect(p.keyBits).toBe(28);
    for (const [key] of pairs.slice(0, 200)) expect(slotsOf(p, key)).toEqual(expected(pairs, key, 28));
    expect(p.entries.byteLength).toBe(pairs.length * 4);
  });

  it('merges new pairs and renumbers slots, and never regains dropped key bits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(keyArb, fc.integer({ min: 0, max: 199 })), { minLength: 1, maxLength: 800 }),
        fc.array(fc.tuple(keyArb, fc.integer({ min: 200, max: 299 })), { maxLength: 400 }),
        (first, second) => {
          const base = buildPostings(flat(first), first.length, { slotLimit: 200 });
          const merged = mergePostings(base, [...flat(second)], 300);
          const all = [...first, ...second];
          for (const [key] of all.slice(0, 60)) expect(slotsOf(merged, key)).toEqual(expected(all, key, merged.keyBits));
          // Drop even slots and renumber the rest (as compact() does).
          const remap = new Int32Array(300).map((_, s) => (s % 2 ? (s - 1) / 2 : -1));
          const compacted = mergePostings(merged, [], 150, remap);
          const kept = all.filter(([, s]) => s % 2).map(([k, s]) => [k, (s - 1) / 2] as [number, number]);
          expect(compacted.entries.length).toBe(kept.length);
          expect(compacted.keyBits).toBeLessThanOrEqual(merged.keyBits);
          for (const [key] of kept.slice(0, 60)) expect(slotsOf(compacted, key)).toEqual(expected(kept, key, compacted.keyBits));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads the two-array layout of earlier snapshots', () => {
    const pairs: [number, number][] = [
      [5, 1],
      [5, 3],
      [0xfffffff0, 2],
      [77, 0],
    ];
    const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const p = fromKeysAndSlots(Uint32Array.from(sorted.map(([k]) => k)), Uint32Array.from(sorted.map(([, s]) => s)), 4);
    expect(slotsOf(p, 5)).toEqual([1, 3]);
    expect(slotsOf(p, 0xfffffff0)).toEqual([2]);
    expect(slotsOf(p, 6)).toEqual([]);
  });

  it('refuses more statements than an entry can number', () => {
    expect(() => buildPostings(new Uint32Array(0), 0, { slotLimit: 2 ** 24 + 1 })).toThrow(/too many statements/);
    expect(slotsOf(EMPTY_POSTINGS, 123)).toEqual([]);
  });
});
