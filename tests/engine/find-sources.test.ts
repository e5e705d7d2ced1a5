import { describe, expect, it } from 'vitest';
import { findSources, StatementIndex, type SourceReport, type StatementDoc } from '../../lib/engine/index.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';
import { article, articles, statements } from './helpers.ts';

function setup(docs: StatementDoc[] = statements()) {
  const index = new StatementIndex();
  index.add(docs);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const load = async (ids: string[]) => ids.map((id) => byId.get(id)!).filter(Boolean);
  return { index, byId, run: (a: { text: string; date?: string }) => findSources(a, index, load) };
}

const words = (s: string) => tokenize(s).keys.join(' ');
const typesOf = (r: SourceReport) => r.sources.flatMap((s) => s.passages.map((p) => p.type));

describe('findSources on real dev examples', () => {
  const { byId, run } = setup();

  it('finds verbatim quotes (A004 Trend → S01) with offsets into both original texts', async () => {
    const a = article('A004');
    const r = await run(a);
    expect(r.sources[0]!.statementId).toBe('S01');
    const verbatim = r.sources[0]!.passages.filter((p) => p.type === 'verbatim_quote');
    expect(verbatim.length).toBeGreaterThan(0);
    for (const p of verbatim) {
      expect(words(a.text.slice(...p.article))).toBe(words(byId.get('S01')!.text.slice(...p.statement)));
      expect(p.diff).toBeUndefined();
    }
    expect(r.articleChars).toBe(a.text.length);
  });

  it('finds altered quotes with a word diff (A002 News.az → S01)', async () => {
    const a = article('A002');
    const r = await run(a);
    expect(r.sources[0]!.statementId).toBe('S01');
    expect(r.sources[0]!.relation).toBe('quotes');
    const altered = r.sources[0]!.passages.find((p) => p.type === 'altered_quote')!;
    expect(altered).toBeDefined();
    const ops = new Set(altered.diff!.map((d) => d.op));
    expect(ops.has('equal')).toBe(true);
    expect(ops.has('insert') || ops.has('delete')).toBe(true);
    // The diff reproduces both sides: equal+delete words are the statement's, equal+insert the article's.
    const side = (keep: string) =>
      altered
        .diff!.filter((d) => d.op === 'equal' || d.op === keep)
        .map((d) => d.text)
        .join(' ');
    expect(words(side('insert'))).toBe(words(a.text.slice(...altered.article)));
    expect(words(side('delete'))).toBe(words(byId.get('S01')!.text.slice(...altered.statement)));
    expect(altered.speaker).toBe('Colonel Anar Eyvazov');
  });

  it('finds unattributed copy (A003 DNA News → S01) covering most of the article', async () => {
    const r = await run(article('A003'));
    expect(r.sources).toHaveLength(1);
    expect(r.sources[0]!.relation).toBe('copies');
    expect(r.sources[0]!.coverage).toBeGreaterThan(0.9);
    expect(typesOf(r).every((t) => t === 'unattributed_copy')).toBe(true);
  });

  it('finds paraphrased sentences (A016 Anadolu → S02)', async () => {
    const a = article('A016');
    const r = await run(a);
    expect(r.sources[0]!.statementId).toBe('S02');
    const para = r.sources[0]!.passages.filter((p) => p.type === 'paraphrase');
    expect(para.length).toBeGreaterThan(0);
    for (const p of para) expect(words(a.text.slice(...p.article))).not.toBe(words(byId.get('S02')!.text.slice(...p.statement)));
  });

  it('attributes quotes and says whether the speaker is the statement’s (A064 Mediamax → S13, Ned Price)', async () => {
    const r = await run(article('A064'));
    expect(r.sources[0]!.statementId).toBe('S13');
    const quote = r.sources[0]!.passages.find((p) => p.type === 'verbatim_quote' || p.type === 'altered_quote')!;
    expect(quote.speaker).toMatch(/Ned Price/);
    expect(quote.speakerMatches).toBe(true);
    expect(r.sources[0]!.speaker).toMatch(/Ned Price/);
  });

  it('shows nothing for not-derived hard negatives', async () => {
    for (const a of articles().filter((x) => x.label === 'not_derived')) expect((await run(a)).sources).toEqual([]);
  });

  it('sorts sources by score and keeps every passage inside both texts', async () => {
    for (const a of articles()) {
      const r = await run(a);
      for (let i = 1; i < r.sources.length; i++) expect(r.sources[i - 1]!.score).toBeGreaterThanOrEqual(r.sources[i]!.score);
      for (const s of r.sources)
        for (const p of s.passages) {
          expect(p.article[0]).toBeLessThan(p.article[1]);
          expect(p.article[1]).toBeLessThanOrEqual(a.text.length);
          expect(p.statement[1]).toBeLessThanOrEqual(byId.get(s.statementId)!.text.length);
        }
    }
  });
});

describe('boilerplate, duplicates, dates', () => {
  const stock = 'The Ministry of Foreign Affairs of the Republic strongly condemns this heinous terrorist attack and bears the entire responsibility';
  const topics = [
    'fisheries quotas',
    'a railway tender',
    'the wheat harvest',
    'port tariffs',
    'vaccine deliveries',
    'a border bridge',
    'school curricula',
    'water pipelines',
    'tourism visas',
    'solar panels',
    'postal reform',
    'fire brigades',
  ];
  const boiler: StatementDoc[] = topics.map((t, i) => ({
    id: `B${i}`,
    text: `${stock}. Regarding ${t}, officials met delegates ${i} times in city number ${i * 13} and agreed a plan on ${t} worth ${i * 1000 + 7} units.`,
  }));

  it('does not match on a stock formula shared by many statements alone', async () => {
    const { run } = setup(boiler);
    const r = await run({ text: `In unrelated news about the local football derby, the club said: "${stock}." Fans were not amused by the late kick-off.` });
    expect(r.sources).toEqual([]);
  });

  it('still matches a statement-specific passage next to the formula', async () => {
    const { run } = setup(boiler);
    const r = await run({ text: `The ministry said: "${boiler[3]!.text}"` });
    expect(r.sources[0]!.statementId).toBe('B3');
  });

  it('groups identical statements stored under two ids', async () => {
    const docs = statements();
    const s04 = docs.find((d) => d.id === 'S04')!;
    const { run } = setup([...docs, { ...s04, id: 'S04-mirror', url: 'https://example.org/mirror' }]);
    const r = await run(article('A029'));
    const ids = [r.sources[0]!.statementId, ...(r.sources[0]!.duplicates ?? [])].sort();
    expect(ids).toEqual(['S04', 'S04-mirror']);
    expect(r.sources.filter((s) => s.statementId.startsWith('S04'))).toHaveLength(1);
  });

  it('reads the best candidate on its own, then the others, and fails the check if a read fails', async () => {
    // The split read lets the best candidate's alignment run while the store reads the rest.
    const docs = statements();
    const index = new StatementIndex();
    index.add(docs);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const reads: string[][] = [];
    const load = async (ids: string[]) => {
      reads.push(ids);
      return ids.map((id) => byId.get(id)!);
    };
    // Two articles in one text: two sources, so at least two candidates.
    const both = { text: `${article('A004').text}\n\n${article('A029').text}` };
    const r = await findSources(both, index, load);
    expect(r.sources.map((source) => source.statementId).sort()).toEqual(['S01', 'S04']);
    expect(reads.length).toBe(2);
    expect(reads[0]).toHaveLength(1);
    expect(reads[1]!.length).toBeGreaterThan(0);
    expect(reads[1]).not.toContain(reads[0]![0]);

    let calls = 0;
    const failing = async (ids: string[]) => {
      if (++calls === 2) throw new Error('IndexedDB read failed');
      return ids.map((id) => byId.get(id)!);
    };
    await expect(findSources(both, index, failing)).rejects.toThrow('IndexedDB read failed');
  });

  it('never shows a statement issued more than a day after the article (the time veto); an older one still counts', async () => {
    const { run, index, byId } = setup();
    const load = async (ids: string[]) => ids.map((id) => byId.get(id)!);
    const a = article('A004'); // quotes S01 of 2023-09-19
    const ids = (r: SourceReport) => r.sources.map((s) => s.statementId);
    expect(ids(await run({ text: a.text, date: '2017-05-02' }))).not.toContain('S01');
    expect(ids(await run({ text: a.text, date: '2023-09-17' }))).not.toContain('S01');
    // One day's grace for time zones and late posting.
    const dayBefore = await run({ text: a.text, date: '2023-09-18' });
    expect(dayBefore.sources[0]!.statementId).toBe('S01');
    expect(dayBefore.sources[0]!.lagDays).toBe(-1);
    // In the other direction time is evidence, not a filter: a years-old statement is still found
    // first, with a lower score than on the day (news reports what was said in the last days).
    const sameDay = await run({ text: a.text, date: '2023-09-19' });
    const late = await findSources({ text: a.text, date: '2030-01-01' }, index, load, { includeBelowThreshold: true });
    expect(late.sources[0]!.statementId).toBe('S01');
    expect(late.sources[0]!.lagDays).toBeGreaterThan(2000);
    expect(late.sources[0]!.score).toBeLessThan(sameDay.sources[0]!.score);
    // A date that cannot be read vetoes nothing, and says nothing about the lag.
    const undated = await run({ text: a.text, date: 'sometime' });
    expect(undated.sources[0]!.statementId).toBe('S01');
    expect(undated.sources[0]!.lagDays).toBeUndefined();
  });

  it('a month-only date (from a dated URL such as /2023/09/) vetoes only statements after that month', async () => {
    const { run } = setup();
    const a = article('A004');
    expect((await run({ text: a.text, date: '2023-09' })).sources[0]!.statementId).toBe('S01');
    expect((await run({ text: a.text, date: '2023-08' })).sources.map((s) => s.statementId)).not.toContain('S01');
  });
});
