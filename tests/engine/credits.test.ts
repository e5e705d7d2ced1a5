import { describe, expect, it } from 'vitest';
import { findSources, StatementIndex, type Passage, type StatementDoc } from '../../lib/engine/index.ts';
import { article, fixtureText, statements, type LabelledArticle } from './helpers.ts';

// Real articles and statements: tests/fixtures/engine/attribution-*.jsonl and the engine fixtures
// (README there); every sentence quoted below is from them.
const jsonl = <T>(name: string): T[] =>
  fixtureText(name)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
const docs: StatementDoc[] = [...statements(), ...jsonl<StatementDoc>('attribution-statements.jsonl')];
const attributionArticle = (id: string) => jsonl<LabelledArticle>('attribution-articles.jsonl').find((a) => a.id === id)!;

async function passagesOf(a: LabelledArticle, statementId: string): Promise<Array<Passage & { text: string }>> {
  const index = new StatementIndex();
  index.add(docs);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const report = await findSources({ text: a.text, title: a.title ?? undefined, date: a.date ?? undefined, lang: a.lang }, index, async (ids) =>
    ids.map((id) => byId.get(id)!).filter(Boolean),
  );
  const source = report.sources.find((s) => s.statementId === statementId);
  expect(source, `${a.id} is shown ${statementId}`).toBeDefined();
  return source!.passages.map((p) => ({ ...p, text: a.text.slice(...p.article) }));
}

const at = (passages: Array<Passage & { text: string }>, words: string) => {
  const p = passages.find((x) => x.text.includes(words));
  expect(p, `a passage holds "${words}"`).toBeDefined();
  return p!;
};

describe('copies outside quotation marks: attributed or not', () => {
  it('keeps an uncredited near-verbatim copy red, though the readout it copies says "Blinken emphasized" (A027 → S04)', async () => {
    const passages = await passagesOf(attributionArticle('A027'), 'S04');
    const copy = at(passages, 'emphasized the need for Azerbaijan to refrain from further hostilities');
    expect(copy.type).toBe('unattributed_copy');
    expect(copy.speaker).toBeUndefined();
  });

  it('reads "The Foreign Ministry stated that …" in the sentence as a credit of the issuer (A084 → S18)', async () => {
    const passages = await passagesOf(attributionArticle('A084'), 'S18');
    const copy = at(passages, 'Türkiye supports the peace negotiations process between Azerbaijan and Armenia');
    expect(copy.type).toBe('attributed_copy');
    expect(copy.speaker).toMatch(/Foreign Ministry/);
    expect(copy.speakerMatches).toBe(true);
  });

  it('reads "he said" in the sentence as the briefing speaker\'s credit (A016 → S02)', async () => {
    const passages = await passagesOf(article('A016'), 'S02');
    // AA's sentences mix copied words and its own: the copied ones are credited, whether the passage
    // they belong to is shown as a credited copy or, merged with the reworded sentences around it
    // (merge-passages.ts), as a paraphrase. Never as copied without attribution.
    const copy = at(passages, 'a large quantity of weapons and ammunition belonging to the opposing side were seized');
    expect(['attributed_copy', 'paraphrase']).toContain(copy.type);
    if (copy.type === 'attributed_copy') expect(copy.speaker).toBe('Anar Eyvazov');
    expect(passages.some((p) => p.type === 'unattributed_copy')).toBe(false);
  });

  it('reads the dateline "Armenia’s Foreign Ministry issued the following statement" as a credit of every copied paragraph (A032 → S06)', async () => {
    const passages = await passagesOf(attributionArticle('A032'), 'S06');
    const copies = passages.filter((p) => p.type === 'attributed_copy' || p.type === 'unattributed_copy');
    // The copied paragraphs (merged into as few passages as the copy has spans) are all credited.
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.reduce((n, p) => n + p.text.length, 0)).toBeGreaterThan(600);
    expect(copies.every((p) => p.type === 'attributed_copy')).toBe(true);
    expect(at(passages, 'On September 19, Azerbaijan unleashed another large-scale aggression').type).toBe('attributed_copy');
  });

  it('reads the dateline "…, Report informs, citing the Pentagon press service" as a credit of the paragraphs after it (F-A058 → F-S18)', async () => {
    const passages = await passagesOf(attributionArticle('F-A058'), 'F-S18');
    const copy = at(passages, 'He acknowledged the critical roles played by the governments of Israel, Qatar and Egypt');
    expect(copy.type).toBe('attributed_copy');
    expect(copy.speaker).toBe('the Pentagon press service');
    expect(copy.speakerMatches).toBe(true);
  });

  it('never calls a short formula phrase an unattributed copy: "the provisions of the Trilateral Statement" (A004 → S01)', async () => {
    const passages = await passagesOf(article('A004'), 'S01');
    // The article's lead repeats a phrase of the quote: shown at most as a shared phrase, never red.
    const phrase = passages.filter((p) => p.text.includes('the provisions of the Trilateral Statement') && p.text.split(' ').length < 12);
    for (const p of phrase) expect(p.type).toBe('shared_phrase');
    // The long uncredited paragraph between the Trend dateline and the quotes stays an unattributed copy.
    expect(at(passages, 'On September 19, a vehicle belonging to Azerbaijan State Agency for Automobile Roads exploded').type).toBe('unattributed_copy');
  });

  it('keeps "the size of a small car" of a quoted briefing a shared phrase, not a copy (A067 → S14)', async () => {
    const passages = await passagesOf(attributionArticle('A067'), 'S14');
    expect(passages.filter((p) => p.type === 'unattributed_copy').map((p) => p.text)).toEqual([]);
    expect(at(passages, 'the size of a small car').type).toBe('shared_phrase');
  });

  it('a dateline crediting the person a readout is about credits the reprint: "Blinken released the following statement" (A062 → S13)', async () => {
    const passages = await passagesOf(attributionArticle('A062'), 'S13');
    const body = at(passages, 'spoke overnight with Azerbaijani President Ilham Aliyev');
    expect(body.type).toBe('attributed_copy');
  });

  it('a dateline naming the issuing office in full credits the reprint: "published by the Office of the Spokesperson" (F-A047 → F-S13)', async () => {
    const passages = await passagesOf(attributionArticle('F-A047'), 'F-S13');
    const body = at(passages, 'spoke with Armenia’s Prime Minister Nikol Pashinyan today');
    expect(body.type).toBe('attributed_copy');
  });

  it('asks who is credited for a copy merged from pieces that are no copy each: "Ned Price said … that the matter was discussed by …" (F-A049 → F-S15)', async () => {
    // An edited run of names ("Secretary of State Antony J. Blinken and Armenian Prime Minister …")
    // and the reworded sentence around it make one copy; the sentence is reported speech.
    const passages = await passagesOf(attributionArticle('F-A049'), 'F-S15');
    const copy = at(passages, 'the matter was discussed by U.S. Secretary of State Antony J. Blinken');
    expect(copy.type).toBe('attributed_copy');
    expect(copy.speaker).toMatch(/Ned Price/);
    expect(passages.some((p) => p.type === 'unattributed_copy')).toBe(false);
  });

  it('credits a quote and its attribution merged into one copy: "…,” the U.S. State Department spokesman, Ned Price, said (F-A048 → F-S14)', async () => {
    const passages = await passagesOf(attributionArticle('F-A048'), 'F-S14');
    const copy = at(passages, 'now was not the time for further escalation in the region');
    expect(copy.type).not.toBe('unattributed_copy');
    expect(copy.speaker).toMatch(/Ned Price/);
  });

  it('keeps the copy of A003 (headline-only attribution) unattributed', async () => {
    const passages = await passagesOf(article('A003'), 'S01');
    expect(passages.every((p) => p.type === 'unattributed_copy')).toBe(true);
  });
});
