import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StatementIndex } from '../../lib/engine/statement-index.ts';
import { gramHashes, statementFingerprints } from '../../lib/engine/fingerprint.ts';
import { keepBest, MAX_ALIKE_CANDIDATES, retrieveCandidates } from '../../lib/engine/retrieve.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';
import { statements } from './helpers.ts';

const topIds = (index: StatementIndex, text: string) => retrieveCandidates(tokenize(text), index).map((c) => index.idOf(c.slot));

describe('StatementIndex', () => {
  const docs = statements();

  it('adds, retrieves by a copied passage, and removes', () => {
    const index = new StatementIndex();
    index.add(docs);
    expect(index.size).toBe(docs.length);
    const s04 = docs.find((d) => d.id === 'S04')!;
    expect(topIds(index, 'Reports say: ' + s04.text.slice(100, 500))[0]).toBe('S04');
    index.remove(['S04']);
    expect(index.size).toBe(docs.length - 1);
    expect(topIds(index, s04.text.slice(100, 500))).not.toContain('S04');
  });

  it('replaces a statement added again under the same id', () => {
    const index = new StatementIndex();
    index.add(docs);
    index.add([{ id: 'S01', text: 'A completely different text about fisheries policy in the Baltic sea region and quotas.' }]);
    expect(index.size).toBe(docs.length);
    expect(topIds(index, docs[0]!.text)[0]).not.toBe('S01');
    expect(topIds(index, 'fisheries policy in the Baltic sea region and quotas')[0]).toBe('S01');
  });

  it('serialises to bytes and back with identical retrieval', () => {
    const index = new StatementIndex();
    index.add(docs);
    const bytes = index.serialize();
    expect(bytes).toBeInstanceOf(Uint8Array);
    const copy = StatementIndex.deserialize(bytes);
    expect(copy.size).toBe(index.size);
    for (const d of docs) expect(topIds(copy, d.text.slice(0, 400))).toEqual(topIds(index, d.text.slice(0, 400)));
    const g = gramHashes(tokenize(docs[1]!.text).hashes)[0]!;
    expect(copy.lookupGram(g)).toBe(index.lookupGram(g));
    // A deserialised index keeps accepting updates.
    copy.add([{ id: 'X1', text: 'The quick brown fox jumps over the lazy dog near the riverbank every single morning.' }]);
    expect(topIds(copy, 'the quick brown fox jumps over the lazy dog near the riverbank')[0]).toBe('X1');
  });

  it('loads a snapshot saved in the earlier two-array format, with identical retrieval', () => {
    const index = new StatementIndex();
    index.add(docs);
    const saved = new Uint8Array(readFileSync(new URL('../fixtures/engine/index-format-2.bin', import.meta.url)));
    const old = StatementIndex.deserialize(saved);
    expect(old.size).toBe(docs.length);
    for (const d of docs) expect(topIds(old, d.text.slice(0, 400))).toEqual(topIds(index, d.text.slice(0, 400)));
    const g = gramHashes(tokenize(docs[2]!.text).hashes)[3]!;
    expect(old.lookupGram(g)).toBe(index.lookupGram(g));
    // Saved again, it is written in today's format: 4 bytes a posting instead of 8.
    const resaved = old.serialize();
    expect(new DataView(resaved.buffer, resaved.byteOffset).getUint32(4, true)).toBe(3);
    expect(resaved.byteLength).toBeLessThan(saved.byteLength);
  });

  it('rejects bytes that are not an index', () => {
    expect(() => StatementIndex.deserialize(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toThrow(/not a SourceLens/);
  });

  it('counts a gram afresh once statements holding it are added, merged or compacted away', () => {
    const index = new StatementIndex();
    index.add(docs);
    const s04 = docs.find((d) => d.id === 'S04')!;
    const grams = [...new Set(statementFingerprints(tokenize(s04.text).hashes))];
    const counts = () => grams.map((g) => index.lookupGram(g));
    const visited = () => grams.map((g) => index.lookupGram(g, () => undefined)); // never remembered
    const before = counts();
    expect(counts()).toEqual(before);
    index.add([{ ...s04, id: 'S04-again' }]);
    expect(counts()).toEqual(before.map((n) => n + 1));
    index.remove(['S04', 'S04-again']);
    index.compact();
    expect(counts()).toEqual(visited());
    expect(counts()).toEqual(before.map((n) => n - 1));
  });

  it('knows identical statements stored under two ids', () => {
    const index = new StatementIndex();
    index.add([...docs, { id: 'S04-copy', text: docs.find((d) => d.id === 'S04')!.text.replace(/’/g, "'") }]);
    const slot = retrieveCandidates(tokenize(docs.find((d) => d.id === 'S04')!.text), index)[0]!.slot;
    const ids = [index.idOf(slot), ...index.duplicatesOfEach([slot])[0]!].sort();
    expect(ids).toEqual(['S04', 'S04-copy']);
  });

  it('compacts after many removals without losing live statements', () => {
    const index = new StatementIndex();
    const many = Array.from({ length: 100 }, (_, i) => ({
      id: `D${i}`,
      text: `Statement number ${i} about topic ${i * 7} with words alpha${i} beta${i} gamma${i} delta${i} epsilon${i}.`,
    }));
    index.add(many);
    index.remove(many.slice(0, 60).map((d) => d.id));
    expect(index.size).toBe(40);
    expect(index.slotCount).toBe(40);
    expect(topIds(index, many[80]!.text)[0]).toBe('D80');
  });
});

describe('keepBest (which retrieved statements are aligned)', () => {
  // Retrieval scores of the 72k Senate bench's Shelby query (bench.ts --misses, session 9): six
  // releases tie on the same 9 grams of the quoted passage, four on 8 others; the release the passage
  // was cut from (slot 10) holds 8 grams and scores just below them.
  const ranked = [
    ...Array.from({ length: 6 }, (_, i) => ({ slot: i, score: 69.21, sharedGrams: 9 })),
    ...Array.from({ length: 4 }, (_, i) => ({ slot: 6 + i, score: 61.34, sharedGrams: 8 })),
    { slot: 10, score: 61.19, sharedGrams: 8 },
    { slot: 11, score: 5, sharedGrams: 1 },
  ];

  it('aligns at most MAX_ALIKE_CANDIDATES statements with the same evidence, and gives the other slots to the next', () => {
    const kept = keepBest(ranked, 8).map((c) => c.slot);
    // The passage's own release (10) gets a slot; the eighth, left over, goes back to the first group.
    expect(kept).toEqual([0, 1, 2, 6, 7, 8, 10, 3]);
    expect(
      keepBest(ranked, 7)
        .map((c) => c.slot)
        .filter((slot) => slot < 6),
    ).toHaveLength(MAX_ALIKE_CANDIDATES);
    // Same score, other gram count: not alike.
    expect(
      keepBest(
        [
          { slot: 0, score: 1, sharedGrams: 1 },
          { slot: 1, score: 1, sharedGrams: 2 },
          { slot: 2, score: 1, sharedGrams: 3 },
          { slot: 3, score: 1, sharedGrams: 4 },
        ],
        8,
      ),
    ).toHaveLength(4);
  });

  it('gives slots nothing else wants back to the alike statements', () => {
    const tied = Array.from({ length: 5 }, (_, i) => ({ slot: i, score: 10, sharedGrams: 3 }));
    expect(keepBest(tied, 8).map((c) => c.slot)).toEqual([0, 1, 2, 3, 4]);
    expect(keepBest([...tied, { slot: 5, score: 9, sharedGrams: 2 }], 5).map((c) => c.slot)).toEqual([0, 1, 2, 5, 3]);
  });

  it('still stops at the candidate count and below a tenth of the best score', () => {
    expect(keepBest(ranked, 4).map((c) => c.slot)).toEqual([0, 1, 2, 6]);
    expect(keepBest(ranked, 20).map((c) => c.slot)).not.toContain(11);
  });
});
