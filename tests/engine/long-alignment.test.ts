/**
 * Seed, extend, merge on real text (issue 23): a long document drawing on 20 statements, a copied
 * paragraph with every fifth word edited, a passage with its words locally reordered, a copy across
 * quotation marks the release pairs differently, a sentence reworded between two copied ones, and
 * summaries, each asserting how many passages come back and where.
 *
 * Texts: real US Senate press releases (tests/fixtures/corpus/senate-60-offices.jsonl, one release of
 * each of 60 offices, and senate-long-hatch131.jsonl, copied from ../shared; see the fixtures' README).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJsonl, toStatements } from '../../lib/cli/match.ts';
import { findSources, StatementIndex, type StatementDoc } from '../../lib/engine/index.ts';
import type { SourceReport } from '../../lib/engine/types.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/corpus/${name}`, import.meta.url));
const releases = toStatements(readJsonl(fixture('senate-60-offices.jsonl')).records);
const hatch = toStatements(readJsonl(fixture('senate-long-hatch131.jsonl')).records)[0]!;

function engine(indexed: StatementDoc[]) {
  const index = new StatementIndex();
  index.add(indexed);
  const byId = new Map(indexed.map((d) => [d.id, d]));
  return (text: string): Promise<SourceReport> => findSources({ text }, index, async (ids) => ids.map((id) => byId.get(id)!));
}

/** Whole sentences of `text` from its start, `count` of them (". " ends a sentence in these releases). */
function sentences(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[.!?]["']?(?=\s+[A-Z"])/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([start, m.index + m[0].length]);
    start = m.index + m[0].length + 1;
  }
  return out;
}

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean);

/**
 * Runs the engine on `body` set between releases[around] and releases[around + 1] (text of other
 * offices, as an article's own), with `statement` and `others` indexed: the statement's passages and
 * where `body` starts.
 */
async function passagesIn(statement: StatementDoc, others: StatementDoc[], body: string, around: number) {
  const lead = releases[around]!.text;
  const report = await engine([statement, ...others])(`${lead}\n\n${body}\n\n${releases[around + 1]!.text}`);
  const source = report.sources.find((s) => s.statementId === statement.id);
  expect(source).toBeDefined();
  return { passages: source!.passages, start: lead.length + 2 };
}

describe('a long document drawing on 20 statements', () => {
  const sources = releases.slice(0, 20);
  const filler = releases.slice(20, 41);
  let report: SourceReport;
  const spans = new Map<string, [number, number]>();
  let text = '';
  beforeAll(async () => {
    const parts: string[] = [];
    let offset = 0;
    const push = (t: string) => {
      if (parts.length) offset += 2;
      parts.push(t);
      offset += t.length;
    };
    sources.forEach((s, i) => {
      push(filler[i]!.text);
      push(s.text);
      spans.set(s.id, [offset - s.text.length, offset]);
    });
    push(filler[20]!.text);
    text = parts.join('\n\n');
    report = await engine([...sources, ...releases.slice(41)])(text);
  });

  it('is long: more than 20 statements are aligned when the text asks for it', () => {
    expect(text.length).toBeGreaterThan(20_000);
  });

  it('finds every source, each as one passage over the text copied from it', () => {
    expect(report.sources.map((s) => s.statementId).sort()).toEqual(sources.map((s) => s.id).sort());
    let stock = 0;
    for (const source of report.sources) {
      const [start, end] = spans.get(source.statementId)!;
      const over = source.passages.filter((p) => p.article[1] > start && p.article[0] < end);
      expect(over, source.statementId).toHaveLength(1);
      // Elsewhere, at most a stock phrase another office's release shares with this one ("My thoughts
      // go out to the victims and their families at this time").
      const elsewhere = source.passages.filter((p) => !over.includes(p));
      expect(elsewhere.length).toBeLessThanOrEqual(1);
      for (const p of elsewhere) expect(p.article[1] - p.article[0]).toBeLessThan(80);
      stock += elsewhere.length;
      const p = over[0]!;
      expect(p.type).toBe('unattributed_copy');
      expect(p.article[0]).toBeGreaterThanOrEqual(start);
      expect(p.article[1]).toBeLessThanOrEqual(end);
      // Whole: the passage runs from the copy's first word to its last (its closing mark aside).
      expect(p.article[1] - p.article[0]).toBeGreaterThan(0.97 * (end - start));
    }
    expect(stock).toBeLessThanOrEqual(6);
  });
});

describe('edited copies', () => {
  const statement = hatch;
  const [from, to] = [sentences(statement.text)[3]![0], sentences(statement.text)[9]![1]];
  const original = statement.text.slice(from, to);
  const search = engine([statement, ...releases.slice(0, 40)]);

  it('finds a paragraph with every fifth word replaced as one edited copy, the edits in its diff', async () => {
    const replacements = ['notably', 'overall', 'certainly', 'indeed', 'really'];
    const words = wordsOf(original).map((w, i) => (i % 5 === 4 ? replacements[Math.floor(i / 5) % replacements.length]! : w));
    const edited = words.join(' ');
    const lead = releases[44]!.text;
    const article = `${lead}\n\n${edited}\n\n${releases[45]!.text}`;
    const report = await search(article);
    const source = report.sources.find((s) => s.statementId === statement.id)!;
    expect(source).toBeDefined();
    const start = lead.length + 2;
    const over = source.passages.filter((p) => p.article[1] > start && p.article[0] < start + edited.length);
    expect(over).toHaveLength(1);
    const p = over[0]!;
    expect(p.type).toBe('unattributed_copy');
    expect(p.article[0]).toBe(start);
    expect(p.article[1]).toBeGreaterThan(start + edited.length - 20);
    expect(p.article[1]).toBeLessThanOrEqual(start + edited.length);
    expect(p.statement[0]).toBe(from);
    expect(p.statement[1]).toBeGreaterThan(to - 20);
    const inserted = p
      .diff!.filter((d) => d.op === 'insert')
      .map((d) => d.text)
      .join(' ');
    expect(inserted).toContain('notably');
    expect(p.diff!.filter((d) => d.op === 'delete').length).toBeGreaterThan(10);
  });

  it('finds a passage with its words locally reordered as one passage', async () => {
    const words = wordsOf(original);
    // Swap every pair of neighbours at positions 3-4, 10-11, 17-18, …: local reordering.
    for (let i = 3; i + 1 < words.length; i += 7) [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
    const reordered = words.join(' ');
    const lead = releases[46]!.text;
    const report = await search(`${lead}\n\n${reordered}`);
    const source = report.sources.find((s) => s.statementId === statement.id)!;
    expect(source.passages).toHaveLength(1);
    const p = source.passages[0]!;
    const start = lead.length + 2;
    expect(p.article[0]).toBe(start);
    expect(p.article[1]).toBeGreaterThan(start + reordered.length - 20);
    expect(p.statement[0]).toBe(from);
    expect(p.diff?.length).toBeGreaterThan(1);
  });
});

describe('copies that cross quotation marks', () => {
  it('finds a copy that starts inside a release quote left unclosed as one passage', async () => {
    // Cantwell's release runs three paragraphs of one quote together, each opening with a mark and
    // none closed but the last, so a copy that starts in the first paragraph pairs its marks
    // differently from the release: its "Today, … acceptable. " is a quote in the article only.
    const statement = releases[20]!;
    const from = statement.text.indexOf('At home, Washington');
    expect(from).toBeGreaterThan(0);
    const copy = statement.text.slice(from);
    expect(copy.match(/"/g)).toHaveLength(3);
    const { passages, start } = await passagesIn(statement, releases.slice(40, 60), copy, 49);
    expect(passages).toHaveLength(1);
    const p = passages[0]!;
    expect(p.article[0]).toBe(start);
    expect(p.article[1]).toBeGreaterThan(start + copy.length - 3);
    expect(p.statement).toEqual([from, p.statement[0] + p.article[1] - p.article[0]]);
  });
});

describe('reworded sentences between copied ones', () => {
  it('joins two copied sentences across a sentence of about their length written differently', async () => {
    const [s16, s17, s18] = [16, 17, 18].map((i) => sentences(hatch.text)[i]!);
    const first = hatch.text.slice(...s16!);
    const last = hatch.text.slice(...s18!);
    // In place of sentence 17 (19 words), a sentence of 20 words from another release.
    const other = sentences(releases[15]!.text).map(([a, b]) => releases[15]!.text.slice(a, b));
    const middle = other.find((x) => Math.abs(wordsOf(x).length - wordsOf(hatch.text.slice(...s17!)).length) <= 4)!;
    expect(middle).toBeDefined();
    const body = `${first} ${middle} ${last}`;
    const { passages, start } = await passagesIn(hatch, releases.slice(0, 40), body, 51);
    expect(passages).toHaveLength(1);
    const p = passages[0]!;
    expect(p.article[0]).toBe(start);
    expect(p.article[1]).toBeGreaterThan(start + body.length - 3);
    expect(p.statement[0]).toBe(s16![0]);
    expect(p.statement[1]).toBeGreaterThan(s18![1] - 3);
  });

  it("keeps two copied sentences apart across the article's own paragraph, which the statement has no counterpart for", async () => {
    const [s16, s17] = [16, 17].map((i) => sentences(hatch.text)[i]!);
    const first = hatch.text.slice(...s16!);
    const next = hatch.text.slice(...s17!);
    // The article's own paragraph (another release's opening, 40+ words) where the statement goes straight on.
    const own = releases[15]!.text.slice(0, sentences(releases[15]!.text)[1]![1]);
    expect(wordsOf(own).length).toBeGreaterThan(40);
    const { passages, start } = await passagesIn(hatch, releases.slice(0, 40), `${first}\n\n${own}\n\n${next}`, 51);
    // Each from its first word to its last (the closing full stop is not a word).
    const second = start + first.length + own.length + 4;
    expect(passages.map((p) => p.article)).toEqual([
      [start, start + first.length - 1],
      [second, second + next.length - 1],
    ]);
    expect(passages.map((p) => p.statement)).toEqual([
      [s16![0], s16![1] - 1],
      [s17![0], s17![1] - 1],
    ]);
  });
});

describe('summaries', () => {
  it('finds a short summary of a long statement as one summary, each sentence linked to what it renders', async () => {
    const all = sentences(hatch.text).filter(([s, e]) => wordsOf(hatch.text.slice(s, e)).length >= 12);
    // An extract: every third of 16 sentences, each cut after about three quarters of its words.
    const picked = [20, 23, 26, 29, 32, 35].map((i) => all[i]!);
    const summarySentences = picked.map(([s, e]) => {
      const words = wordsOf(hatch.text.slice(s, e));
      return words.slice(0, Math.max(8, Math.round(words.length * 0.75))).join(' ') + '.';
    });
    const summary = summarySentences.join(' ');
    const lead = releases[47]!.text;
    const report = await engine([hatch, ...releases.slice(0, 40)])(`${lead}\n\n${summary}\n\n${releases[48]!.text}`);
    const source = report.sources.find((s) => s.statementId === hatch.id)!;
    expect(source).toBeDefined();
    expect(source.passages).toHaveLength(1);
    const p = source.passages[0]!;
    expect(p.type).toBe('summary');
    const start = lead.length + 2;
    expect(p.article[0]).toBe(start);
    expect(p.article[1]).toBeGreaterThan(start + summary.length - 5);
    expect(p.statement[0]).toBe(picked[0]![0]);
    expect(p.statement[1]).toBeGreaterThan(picked[5]![0]);
    expect(p.statement[1]).toBeLessThanOrEqual(picked[5]![1]);
    // One part per summarised sentence, each pointing into the sentence it came from.
    expect(p.parts).toHaveLength(6);
    p.parts!.forEach((part, i) => {
      expect(part.statement[0]).toBeGreaterThanOrEqual(picked[i]![0]);
      expect(part.statement[1]).toBeLessThanOrEqual(picked[i]![1]);
    });
  });

  it('keeps a sparser summary whole: whole sentences with 139-167 statement words skipped between them', async () => {
    const all = sentences(hatch.text);
    const picked = [20, 29, 38, 47, 56, 70].map((i) => all[i]!);
    const summary = picked.map(([s, e]) => hatch.text.slice(s, e)).join(' ');
    for (let i = 1; i < picked.length; i++) expect(wordsOf(hatch.text.slice(picked[i - 1]![1], picked[i]![0])).length).toBeGreaterThan(130);
    const { passages, start } = await passagesIn(hatch, releases.slice(0, 40), summary, 53);
    expect(passages).toHaveLength(1);
    const p = passages[0]!;
    expect(p.type).toBe('summary');
    expect(p.article[0]).toBe(start);
    expect(p.article[1]).toBeGreaterThan(start + summary.length - 3);
    expect(p.statement[0]).toBe(picked[0]![0]);
    expect(p.statement[1]).toBeGreaterThan(picked[5]![1] - 3);
    expect(p.parts).toHaveLength(6);
  });
});
