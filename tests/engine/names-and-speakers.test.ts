/**
 * Names say what a text is about, not whose words it repeats (issue 20). Real dev articles that share
 * a statement's names, or quote someone the statement never names, are not derived from it; those
 * whose shared names are spelt or placed differently still are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSources, SHOW_THRESHOLD, StatementIndex, type StatementDoc } from '../../lib/engine/index.ts';
import { factsIn, isNameWord } from '../../lib/engine/facts.ts';
import { copiedWeight, NAME_WEIGHT } from '../../lib/engine/score.ts';
import { foldedWords, personAbsentFrom } from '../../lib/engine/speakers.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';

interface Article {
  id: string;
  text: string;
  title?: string;
  date?: string;
  lang: string;
}
const jsonl = <T>(name: string): T[] =>
  readFileSync(new URL(`../fixtures/engine/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const statements = [...jsonl<StatementDoc>('names-statements.jsonl'), ...jsonl<StatementDoc>('formulaic-statements.jsonl')];
const articles = [...jsonl<Article>('names-articles.jsonl'), ...jsonl<Article>('articles.jsonl')];
const article = (id: string) => articles.find((a) => a.id === id)!;
const statement = (id: string) => statements.find((s) => s.id === id)!;

async function sourceOf(articleId: string, statementId: string) {
  const index = new StatementIndex();
  index.add(statements);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const a = article(articleId);
  const report = await findSources({ text: a.text, title: a.title, date: a.date, lang: a.lang }, index, async (ids) => ids.map((x) => byId.get(x)!), {
    includeBelowThreshold: true,
  });
  return report.sources.find((s) => s.statementId === statementId);
}

describe('shared names', () => {
  it('reads the words of a multi-word name as a name, common words and all, but not a sentence opening', () => {
    const text = 'As per The Reg, an investigation by the National Computer Virus Emergency Response Center of China was published.';
    const t = tokenize(text, 'en');
    const names = t.keys.filter((_, i) => isNameWord(t, i, 'en'));
    expect(names).toEqual(['the', 'reg', 'national', 'computer', 'virus', 'emergency', 'response', 'center', 'china']);
    // German capitalises every noun: a common noun there is no name, a rare capitalised word is.
    const de = tokenize('Am Abend sagte die Regierung, dass Aserbaidschan die Stellungen angegriffen habe.', 'de');
    const deNames = de.keys.filter((_, i) => isNameWord(de, i, 'de'));
    expect(deNames).toContain('aserbaidschan');
    expect(deNames).not.toContain('abend');
  });

  it('counts a shared name at NAME_WEIGHT of any other shared word', () => {
    expect(NAME_WEIGHT).toBeLessThan(1);
    const piece = { weight: 10, nameWeight: 6 } as Parameters<typeof copiedWeight>[0];
    expect(copiedWeight(piece)).toBeCloseTo(4 + 6 * NAME_WEIGHT);
    expect(copiedWeight({ weight: 10 } as Parameters<typeof copiedWeight>[0])).toBe(10);
  });

  it('an article sharing only an agency’s long name and a report title with a press conference is not shown as copying it (N048 → S07)', async () => {
    const s07 = await sourceOf('N048', 'S07');
    expect(s07).toBeDefined(); // it is aligned: the names are shared
    expect(s07!.score).toBeLessThan(SHOW_THRESHOLD);
  });

  it('a heading in title case gives no names ("Regarding the Terrorist Attack in Moscow", S17)', () => {
    const s17 = statement('S17');
    const t = tokenize(s17.text, 'en');
    const names = factsIn(t, 0, t.keys.length, 'en')
      .filter((f) => f.kind === 'name')
      .map((f) => f.text);
    expect(names).not.toContain('Regarding');
    expect(names).not.toContain('Attack');
    // In running text the names are read: "Moscow" in "a concert hall in Moscow this evening".
    expect(names).toContain('Moscow');
  });

  it('a name the other text holds elsewhere, or spells another way, is no disagreement (F-A038 → F-S11)', async () => {
    const source = await sourceOf('F-A038', 'F-S11');
    expect(source?.factsDiffer ?? []).toEqual([]);
    expect(source!.score).toBeGreaterThanOrEqual(SHOW_THRESHOLD);
  });
});

describe('a quote of a person the statement never names', () => {
  it('is another speaker’s when the statement names no speaker and never mentions the person', () => {
    const s17 = statement('S17');
    expect(personAbsentFrom('President Recep Tayyip Erdogan', () => foldedWords(s17.text))).toBe(false);
    // One capitalised word may open the sentence ("Officials said …"): no full name, no judgement.
    expect(personAbsentFrom('Officials', () => foldedWords(s17.text))).toBeUndefined();
    // Named in the statement (accents aside): the statement may report the person's words.
    expect(personAbsentFrom('Recep Tayyip Erdogan', () => foldedWords('President Recep Tayyip Erdoğan said the attack was heinous.'))).toBeUndefined();
    // Offices, the document itself, and "the ministry" say nothing about a person.
    expect(personAbsentFrom('the ministry', () => foldedWords(s17.text))).toBeUndefined();
    expect(personAbsentFrom('Foreign Ministry', () => foldedWords(s17.text))).toBeUndefined();
    expect(personAbsentFrom('the statement', () => foldedWords(s17.text))).toBeUndefined();
    expect(personAbsentFrom(undefined, () => foldedWords(s17.text))).toBeUndefined();
  });

  it('Erdogan’s rally remarks are not shown as quoting the foreign ministry’s unsigned statement (N040 → S17)', async () => {
    const s17 = await sourceOf('N040', 'S17');
    expect(s17).toBeDefined();
    expect(s17!.passages.some((p) => p.speakerMatches === false)).toBe(true);
    expect(s17!.score).toBeLessThan(SHOW_THRESHOLD);
  });

  it('the ministry’s statement, reported as the ministry’s, is still found (A082 → S17)', async () => {
    const s17 = await sourceOf('A082', 'S17');
    expect(s17!.score).toBeGreaterThanOrEqual(SHOW_THRESHOLD);
  });
});
