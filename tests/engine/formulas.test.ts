/**
 * Issuer formulas (issue 20): wording an issuer repeats across many statements weighs almost nothing,
 * learnt from the corpus as it grows. Real readouts from dev-formulaic: "Secretary of Defense Lloyd J.
 * Austin III spoke with …" opens six of its twenty statements.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSources, StatementIndex, type StatementDoc } from '../../lib/engine/index.ts';
import { FORMULA_ALLOWANCE, uniquenessOf } from '../../lib/engine/weights.ts';

const jsonl = <T>(name: string): T[] =>
  readFileSync(new URL(`../fixtures/engine/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const statements = jsonl<StatementDoc>('formulaic-statements.jsonl');
const a028 = jsonl<{ id: string; text: string; lang: string }>('formulaic-articles.jsonl').find((a) => a.id === 'F-A028')!;

async function scoreOf(corpus: StatementDoc[], id: string): Promise<number> {
  const index = new StatementIndex();
  index.add(corpus);
  const byId = new Map(corpus.map((s) => [s.id, s]));
  // Undated, so that time does not decide: only the wording does.
  const report = await findSources({ text: a028.text, lang: a028.lang }, index, async (ids) => ids.map((x) => byId.get(x)!), {
    includeBelowThreshold: true,
  });
  return report.sources.find((s) => s.statementId === id)?.score ?? 0;
}

describe('issuer formulas', () => {
  it('a passage whose n-grams many statements hold weighs in proportion to how few do', () => {
    const grams = Uint32Array.of(1, 2, 3, 4);
    expect(uniquenessOf(grams, () => 1)).toBe(1);
    expect(uniquenessOf(grams, () => FORMULA_ALLOWANCE * 4)).toBeCloseTo(0.25);
    // n-grams the index does not hold (winnowing keeps some) say nothing either way.
    expect(uniquenessOf(grams, (g) => (g === 1 ? FORMULA_ALLOWANCE * 2 : 0))).toBeCloseTo(0.5);
    expect(uniquenessOf(grams, () => 0)).toBe(1);
  });

  it('the Austin readout formula counts less once the corpus holds the other readouts that share it (F-A028 → F-S09)', async () => {
    const alone = await scoreOf(
      statements.filter((s) => s.id === 'F-S09'),
      'F-S09',
    );
    const withFamily = await scoreOf(statements, 'F-S09');
    expect(alone).toBeGreaterThan(0);
    expect(withFamily).toBeLessThan(alone);
  });
});
