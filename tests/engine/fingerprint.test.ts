import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GRAM_SIZE, gramHashes, MAX_WINDOW, MIN_WINDOW, statementFingerprints, windowFor, winnow } from '../../lib/engine/fingerprint.ts';
import { findSources } from '../../lib/engine/find-sources.ts';
import { StatementIndex } from '../../lib/engine/statement-index.ts';
import type { StatementDoc } from '../../lib/engine/types.ts';

describe('winnowing', () => {
  it('keeps a fraction of the n-grams and caps long statements', () => {
    const hashes = Uint32Array.from({ length: 2000 }, (_, i) => (i * 2654435761) >>> 0);
    const fps = statementFingerprints(hashes);
    expect(fps.length).toBeLessThan(hashes.length / 4);
    // ~2/(w+1) of the n-grams with the window at its cap of 32
    expect(fps.length).toBeLessThanOrEqual(Math.ceil((2.2 * hashes.length) / (MAX_WINDOW + 1)));
    expect(windowFor(100)).toBe(MIN_WINDOW);
    expect(windowFor(4000)).toBeGreaterThan(MIN_WINDOW);
    expect(windowFor(40_000)).toBe(MAX_WINDOW);
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

describe('long statements', () => {
  const corpusFile = (name: string): StatementDoc[] =>
    readFileSync(fileURLToPath(new URL(`../fixtures/corpus/${name}`, import.meta.url)), 'utf8')
      .split('\n')
      .flatMap((line) => {
        try {
          const record = JSON.parse(line) as StatementDoc;
          return typeof record.text === 'string' ? [record] : [];
        } catch {
          return [];
        }
      });

  it('finds a 40-word quote from anywhere in a 5,730-word release', async () => {
    // A real Senate release among the longest 1 % (Hatch, 27 Sep 2007), the 100 Senate fixture
    // releases and the 25 dev statements; the quotes are set in a real news article that draws on
    // none of them (N011, Rediff).
    const [hatch] = corpusFile('senate-long-hatch131.jsonl');
    const docs = [hatch!, ...corpusFile('senate-100-good-3-bad.jsonl'), ...corpusFile('dev-statements-all.jsonl')];
    const index = new StatementIndex();
    index.add(docs);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const load = async (ids: string[]) => ids.flatMap((id) => byId.get(id) ?? []);
    const n011 = corpusFile('dev-articles.jsonl').find((a) => a.id === 'N011')!;
    const words = hatch!.text.split(/\s+/);
    const missed: number[] = [];
    let tried = 0;
    for (let start = 100; start + 40 < words.length; start += 150) {
      const half = n011.text.length >> 1;
      const text = `${n011.text.slice(0, half)} "${words.slice(start, start + 40).join(' ')}," Hatch said. ${n011.text.slice(half)}`;
      const report = await findSources({ text, lang: 'en' }, index, load);
      tried++;
      if (report.sources[0]?.statementId !== hatch!.id) missed.push(start);
    }
    expect(tried).toBe(38);
    expect(missed).toEqual([]);
  });
});
