import { describe, expect, it } from 'vitest';
import { GramSet } from '../../server/gram-set';
import { seededRandom } from '../../scripts/shared/seeded-random.mjs';

/** Keyed grams are uniform 32-bit values, negative as often as not (int4 in PostgreSQL). */
const randomGrams = (random: () => number, n: number) => Int32Array.from({ length: n }, () => Math.floor(random() * 2 ** 32) | 0);

describe('GramSet', () => {
  it('holds exactly the grams added, over several batches with repeats', () => {
    const random = seededRandom(25);
    const set = new GramSet();
    const reference = new Set<number>();
    for (let batch = 0; batch < 20; batch++) {
      const grams = randomGrams(random, 5000);
      // Repeats within a batch and of earlier batches.
      grams.set(grams.subarray(0, 100), 4900);
      if (reference.size > 0) grams[0] = [...reference][batch]!;
      const before = reference.size;
      for (const g of grams) reference.add(g);
      expect(set.add(grams)).toBe(reference.size - before);
      expect(set.size).toBe(reference.size);
    }
    for (const g of reference) expect(set.has(g)).toBe(true);
    const absent = randomGrams(random, 20_000).filter((g) => !reference.has(g));
    expect(absent.length).toBeGreaterThan(19_000);
    for (const g of absent) expect(set.has(g)).toBe(false);
    expect(set.has(0)).toBe(reference.has(0));
    expect(set.has(-1)).toBe(reference.has(-1));
  });

  it('keeps the held grams of a list in order, and rebuilds from its buckets in any order', () => {
    const random = seededRandom(7);
    const held = randomGrams(random, 3000);
    const set = new GramSet();
    set.add(held);
    const query = Int32Array.from([held[5]!, 12345, held[2]!, -987654, held[5]!, 2 ** 31 - 1]);
    const expected = Array.from(query).filter((g) => new Set(held).has(g));
    expect(Array.from(set.keep(query))).toEqual(expected);
    const copy = GramSet.fromBuckets([...set.buckets()].reverse());
    expect(copy.size).toBe(set.size);
    for (const g of held) expect(copy.has(g)).toBe(true);
    expect(copy.add(held)).toBe(0);
  });
});
