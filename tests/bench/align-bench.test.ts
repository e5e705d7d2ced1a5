/**
 * The eval:align document builder (scripts/align-bench/build-documents.ts) on the first 3,000 real
 * Senate releases and the MSRP pairs in ../shared: gold offsets point at the text they claim, and the
 * same seed builds the same benchmark.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { toStatements } from '../../lib/cli/match.ts';
import type { StatementDoc } from '../../lib/engine/types.ts';
import { buildBenchmark, type MsrpPair } from '../../scripts/align-bench/build-documents.ts';
import { randomEdits, seededRandom, sentenceSpans } from '../../scripts/align-bench/obfuscate.ts';
import { loadWordNet } from '../../scripts/align-bench/wordnet.ts';

const shared = (path: string) => fileURLToPath(new URL(`../../../shared/data/corpora/${path}`, import.meta.url));

/** The first `count` records of the gzipped Senate file, read as a stream (the whole file is 70 MB). */
async function firstReleases(count: number): Promise<StatementDoc[]> {
  const lines = createInterface({ input: createReadStream(shared('us-senate-press-releases-2004-2008.jsonl.gz')).pipe(createGunzip()) });
  const records: Record<string, unknown>[] = [];
  for await (const line of lines) {
    if (line.trim()) records.push(JSON.parse(line) as Record<string, unknown>);
    if (records.length >= count) break;
  }
  lines.close();
  return toStatements(records);
}

let releases: StatementDoc[] = [];
const msrp: MsrpPair[] = readFileSync(shared('msrp-paraphrase-pairs.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as MsrpPair & { paraphrase: number })
  .filter((p) => p.paraphrase === 1)
  .slice(0, 400);
const wordnet = loadWordNet();
const build = () => buildBenchmark(releases, msrp, wordnet, { documents: 10, distractors: 50, seed: 7 });

describe('eval:align benchmark', () => {
  let bench: ReturnType<typeof build>;
  let byId: Map<string, StatementDoc>;
  beforeAll(async () => {
    releases = await firstReleases(3000);
    bench = build();
    byId = new Map(bench.statements.map((s) => [s.id, s]));
  });

  it('is deterministic for a seed', () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(bench));
  });

  it('points every case at its text on both sides', () => {
    const kinds = new Set<string>();
    for (const d of bench.documents) {
      expect(d.text.length).toBeGreaterThan(4000);
      expect(d.text.length).toBeLessThan(22_000);
      for (const c of d.cases) {
        kinds.add(c.kind);
        const source = byId.get(c.source);
        expect(source, c.source).toBeDefined();
        const plg = d.text.slice(c.plg[0], c.plg[1]);
        const src = source!.text.slice(c.src[0], c.src[1]);
        expect(plg.length).toBeGreaterThan(0);
        expect(src.length).toBeGreaterThan(0);
        if (c.kind === 'verbatim') expect(plg).toBe(src);
        if (c.kind === 'paraphrase') {
          // The source side holds MSRP first sentences, the document their paraphrases.
          const pairs = msrp.filter((p) => src.includes(p.s1));
          expect(pairs.length).toBeGreaterThan(0);
          for (const p of pairs) expect(plg).toContain(p.s2);
        }
        if (c.kind === 'summary') expect(plg.length).toBeLessThan(src.length);
      }
      const cases = [...d.cases].sort((a, b) => a.plg[0] - b.plg[0]);
      for (let i = 1; i < cases.length; i++) expect(cases[i]!.plg[0]).toBeGreaterThanOrEqual(cases[i - 1]!.plg[1]);
    }
    expect(kinds.size).toBeGreaterThanOrEqual(3);
  });

  it('edits about the requested share of words and keeps the rest', () => {
    const text = releases[0]!.text.slice(0, 2000);
    const edited = randomEdits(text, 0.2, wordnet, ['alpha', 'beta', 'gamma'], seededRandom(1));
    const before = text.split(/\s+/);
    const after = new Set(edited.split(/\s+/));
    const kept = before.filter((w) => after.has(w)).length / before.length;
    expect(edited).not.toBe(text);
    expect(kept).toBeGreaterThan(0.6);
    expect(kept).toBeLessThan(0.99);
  });

  it('splits run-together Senate sentences', () => {
    const text = 'Akaka seeks help for the wars.Akaka, the chairman, said so. "It matters," he said. Done.';
    expect(sentenceSpans(text).map(([s, e]) => text.slice(s, e))).toEqual([
      'Akaka seeks help for the wars.',
      'Akaka, the chairman, said so.',
      '"It matters," he said.',
      'Done.',
    ]);
  });

  it('gives WordNet synonyms, inflected words by their lemma', () => {
    expect(wordnet.synonyms('announced')).toContain('declare');
    expect(wordnet.synonyms('announced')).toContain('proclaimed');
    expect(wordnet.synonyms('zzzz')).toEqual([]);
  });
});
