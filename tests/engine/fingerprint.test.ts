import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRAM_SIZE, gramHashes, MIN_WINDOW, statementFingerprints, windowFor, winnow } from '../../lib/engine/fingerprint.ts';

describe('winnowing', () => {
  it('keeps a fraction of the n-grams and caps long statements', () => {
    const hashes = Uint32Array.from({ length: 2000 }, (_, i) => (i * 2654435761) >>> 0);
    const fps = statementFingerprints(hashes);
    expect(fps.length).toBeLessThan(hashes.length / 4);
    expect(fps.length).toBeLessThanOrEqual(120);
    expect(windowFor(100)).toBe(MIN_WINDOW);
    expect(windowFor(4000)).toBeGreaterThan(MIN_WINDOW);
  });

  it('guarantees a shared fingerprint for any shared run of ≥ window + n − 1 words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 0, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 0, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: MIN_WINDOW + GRAM_SIZE - 1, maxLength: 30 }),
        (before, after, shared) => {
          const doc = Uint32Array.from([...before, ...shared, ...after].map((x) => x * 7919 + 1));
          const run = Uint32Array.from(shared.map((x) => x * 7919 + 1));
          const fps = new Set(winnow(gramHashes(doc), MIN_WINDOW));
          return Array.from(gramHashes(run)).some((g) => fps.has(g));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('n-gram hashes depend on word order', () => {
    const a = gramHashes(Uint32Array.from([1, 2, 3, 4]));
    const b = gramHashes(Uint32Array.from([4, 3, 2, 1]));
    expect(a[0]).not.toBe(b[0]);
  });
});
