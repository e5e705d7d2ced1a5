import { describe, expect, it } from 'vitest';
import { compareFacts, factsIn, sentenceWindow } from '../../lib/engine/facts.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';
import { findSources, StatementIndex, type StatementDoc } from '../../lib/engine/index.ts';
import { readFileSync } from 'node:fs';

// The daily report wording quoted in issue 20 (a defence ministry's ceasefire report), as two days
// of the same template would give it.
const MARCH_9 =
  'Starting from 21:30 on March 8 to 04:15 on March 9, the positions of the Azerbaijani Army located in the direction of Zod settlement were subjected to fire 23 times using various caliber weapons.';
const MARCH_14 =
  'Starting from 22:10 on March 13 to 03:40 on March 14, the positions of the Azerbaijani Army located in the direction of Zod settlement were subjected to fire 19 times using various caliber weapons.';

const facts = (text: string) => {
  const t = tokenize(text, 'en');
  return factsIn(t, 0, t.keys.length);
};

describe('facts read from the text', () => {
  it('reads times, dates with CLDR month names, figures and names that do not open a sentence', () => {
    const f = facts(MARCH_9);
    expect(f.filter((x) => x.kind === 'time').map((x) => x.value)).toEqual(['21:30', '4:15']);
    expect(f.filter((x) => x.kind === 'date').map((x) => x.value)).toEqual(['M:3/8', 'M:3/9']);
    expect(f.filter((x) => x.kind === 'number').map((x) => x.text)).toEqual(['23']);
    expect(f.filter((x) => x.kind === 'name').map((x) => x.text)).toEqual(['Azerbaijani', 'Army', 'Zod']);
  });

  it('reads month names of other languages and a day range ("13–14 марта")', () => {
    const t = tokenize('Обстрелы продолжались 13–14 марта 2023 года, сообщило Минобороны.', 'ru');
    const f = factsIn(t, 0, t.keys.length);
    expect(f.filter((x) => x.kind === 'date').map((x) => x.value)).toEqual(['M:3/13', 'M:3/14']);
    expect(f.filter((x) => x.kind === 'year').map((x) => x.value)).toEqual(['2023']);
  });

  it('two days of one template differ in their dates, times and counts, and agree on nothing but names', () => {
    const c = compareFacts(facts(MARCH_14), facts(MARCH_9));
    expect(c.differ.map((d) => d.kind).sort()).toEqual(['date', 'number', 'time']);
    const count = c.differ.find((d) => d.kind === 'number')!;
    expect(count.article.map((f) => f.text)).toEqual(['19']);
    expect(count.statement.map((f) => f.text)).toEqual(['23']);
    expect(c.agree.every((f) => f.kind === 'name')).toBe(true);
  });

  it('the same report agrees on every fact and differs on none', () => {
    const c = compareFacts(facts(MARCH_9), facts(MARCH_9));
    expect(c.differ).toEqual([]);
    expect(c.agree.map((f) => f.kind)).toContain('time');
  });

  it('a fact on one side only is no disagreement (an article adds context)', () => {
    const c = compareFacts(facts('The ministry said on Tuesday that 23 positions were hit.'), facts('The ministry said that 23 positions were hit.'));
    expect(c.differ).toEqual([]);
  });

  it('the window around a piece stops at the sentence end', () => {
    const t = tokenize('One two three. Four five six seven eight.', 'en');
    expect(sentenceWindow(t, 4, 5)).toEqual([3, 8]);
  });
});

const jsonl = <T>(name: string): T[] =>
  readFileSync(new URL(`../fixtures/engine/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

describe('formulaic readouts (dev-formulaic, real texts)', () => {
  const statements = jsonl<StatementDoc>('formulaic-statements.jsonl');
  const articles = jsonl<{ id: string; text: string; title?: string; date?: string | null; lang: string; gold_source_ids: string[] }>(
    'formulaic-articles.jsonl',
  );
  const byId = new Map(statements.map((s) => [s.id, s]));
  const index = new StatementIndex();
  index.add(statements);
  const load = async (ids: string[]) => ids.map((id) => byId.get(id)!);
  const run = (id: string, date?: string) => {
    const a = articles.find((x) => x.id === id)!;
    return findSources({ text: a.text, title: a.title, lang: a.lang, date: date ?? a.date ?? undefined }, index, load, { includeBelowThreshold: true });
  };

  it('an article on the 19 July 2022 Austin–Reznikov call is not shown the 13 April readout (F-A028 vs F-S09)', async () => {
    const all = await run('F-A028');
    const april = all.sources.find((s) => s.statementId === 'F-S09');
    expect(april).toBeDefined(); // the formula is shared…
    expect(april!.lagDays).toBe(97); // …but it is three months old…
    expect(april!.score).toBeLessThan(0.5); // …so it is not shown.
    // The same text undated: time cannot help, and its evidence is stronger.
    const undated = (await run('F-A028', 'unknown')).sources.find((s) => s.statementId === 'F-S09')!;
    expect(undated.lagDays).toBeUndefined();
    expect(undated.score).toBeGreaterThan(april!.score);
  });

  it('derived readouts are still found first, with no date, time or figure differing', async () => {
    for (const id of ['F-A002', 'F-A024', 'F-A048']) {
      const a = articles.find((x) => x.id === id)!;
      const report = await run(id);
      expect(report.sources[0]?.statementId, id).toBe(a.gold_source_ids[0]);
      // Names near the shared words may differ (an article adds its own); dates, times and figures do not.
      expect(
        (report.sources[0]!.factsDiffer ?? []).filter((f) => f.kind !== 'name'),
        id,
      ).toEqual([]);
      expect(report.sources[0]!.factsAgree?.length ?? 0, id).toBeGreaterThan(0);
    }
  });
});
