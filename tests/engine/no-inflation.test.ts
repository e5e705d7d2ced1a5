/**
 * Issue 20: adding statements that have nothing to do with an article must never raise its score for
 * any statement. With idf weights it did (the 72,607 Senate releases made an issuer's stock words look
 * rare, and wrong sources scored higher). Word, n-gram and fact weights now depend on document
 * frequencies alone (weights.ts), which additions can only raise.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSources, StatementIndex, type StatementDoc } from '../../lib/engine/index.ts';
import { articles, statements } from './helpers.ts';

const jsonl = <T>(path: string): T[] =>
  readFileSync(new URL(path, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const base: StatementDoc[] = [...statements(), ...jsonl<StatementDoc>('../fixtures/engine/formulaic-statements.jsonl')];
const senate = jsonl<StatementDoc>('../fixtures/corpus/senate-60-offices.jsonl');
const texts = [
  ...articles(),
  ...jsonl<{ id: string; text: string; title?: string; date?: string | null; lang: string }>('../fixtures/engine/formulaic-articles.jsonl'),
].map((a) => ({ id: a.id, text: a.text, title: a.title, lang: a.lang, date: a.date ?? undefined }));

async function scores(corpus: StatementDoc[]): Promise<Map<string, number>> {
  const byId = new Map(corpus.map((s) => [s.id, s]));
  const index = new StatementIndex();
  index.add(corpus);
  const out = new Map<string, number>();
  for (const a of texts) {
    const report = await findSources(a, index, async (ids) => ids.map((id) => byId.get(id)!), { includeBelowThreshold: true });
    for (const s of report.sources) out.set(`${a.id}→${s.statementId}`, s.score);
  }
  return out;
}

describe('scores do not inflate when unrelated statements are added', () => {
  it('no candidate of any real dev article scores higher after random Senate releases join the corpus', async () => {
    const before = await scores(base);
    expect(before.size).toBeGreaterThan(texts.length); // the property is about real candidates
    await fc.assert(
      fc.asyncProperty(fc.subarray(senate, { minLength: 1 }), async (extra) => {
        const after = await scores([...base, ...extra]);
        for (const [key, score] of after) {
          const prior = before.get(key);
          if (prior !== undefined) expect(score, key).toBeLessThanOrEqual(prior);
        }
        // …and no candidate appears that was not there before with a higher score than the best before.
        const bestBefore = Math.max(...before.values());
        for (const [key, score] of after) if (!before.has(key)) expect(score, key).toBeLessThanOrEqual(bestBefore);
      }),
      { numRuns: 6, seed: 20 },
    );
  }, 120_000);
});
