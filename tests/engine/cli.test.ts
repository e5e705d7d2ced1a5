import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { formatReport, readableDiff, readArticleFile, runCheck } from '../../lib/cli/check.ts';
import { runMatch, toArticle } from '../../lib/cli/match.ts';
import { readJsonl } from '../../lib/cli/match.ts';
import { commonRuns } from '../../scripts/gold-verbatim.ts';
import { captureOutput } from '../shared/capture-output';

const fixtures = fileURLToPath(new URL('../fixtures/engine/', import.meta.url));

describe('sourcelens match', () => {
  it('writes one JSON object per article, in input order, with shown sources only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-match-'));
    const out = join(dir, 'out.jsonl');
    const code = await runMatch(['--corpus', fixtures + 'statements.jsonl', '--articles', fixtures + 'articles.jsonl', '--out', out]);
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const inputIds = readJsonl(fixtures + 'articles.jsonl').records.map((r) => r.id);
    expect(lines.map((l) => l.id)).toEqual(inputIds);
    const a004 = lines.find((l) => l.id === 'A004');
    expect(a004.sources[0].statementId).toBe('S01');
    expect(a004.sources[0].passages[0]).toHaveProperty('article');
    expect(lines.find((l) => l.id === 'N046').sources).toEqual([]);
  });

  it('reports bad lines with their line number and still processes the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-match-'));
    const corpus = join(dir, 'c.jsonl');
    writeFileSync(corpus, readFileSync(fixtures + 'statements.jsonl', 'utf8') + '{not json\n{"id":"x"}\n');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = join(dir, 'o.jsonl');
    await runMatch(['--corpus', corpus, '--articles', fixtures + 'articles.jsonl', '--out', out]);
    const messages = err.mock.calls.map((c) => String(c[0])).join('');
    err.mockRestore();
    expect(messages).toMatch(/c\.jsonl:6: invalid JSON/);
    expect(messages).toMatch(/no text/);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(8);
  });

  it('takes the date, outlet and language of an html record from its page, and so finds a source in another language', async () => {
    // A039 (Xinhua's English report of the Chinese statement S08), as served to the end-to-end tests.
    const dir = mkdtempSync(join(tmpdir(), 'sl-match-'));
    const html = readFileSync(new URL('../e2e/site/a039-xinhua.html', import.meta.url), 'utf8');
    const articles = join(dir, 'a.jsonl');
    writeFileSync(articles, JSON.stringify({ id: 'A039', html, url: 'https://en.people.cn/a039.html' }) + '\n');
    const article = await toArticle({ html }, 0);
    expect(article).toMatchObject({ date: '2023-02-05', lang: 'en', outlet: "People's Daily Online (Xinhua)" });
    // A record's own field wins over the page's; a text without any is guessed (A035, Spanish).
    expect((await toArticle({ html, lang: 'de' }, 0)).lang).toBe('de');
    const a035 = readJsonl(fixtures + 'cross-language/articles.jsonl').records.find((r) => r.id === 'A035')!;
    expect((await toArticle({ text: a035.text }, 0)).lang).toBe('es');
    const out = join(dir, 'out.jsonl');
    expect(await runMatch(['--corpus', fixtures + 'cross-language/statements.jsonl', '--articles', articles, '--out', out])).toBe(0);
    const [report] = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(report.sources[0]).toMatchObject({ statementId: 'S08', relation: 'translates' });
  });

  it("takes a translation made elsewhere with a record, and reports a malformed one as that record's error", async () => {
    // A017 (News.ru, Russian) with the stand-in English translation of its sentences (fixture README).
    const a017 = readJsonl(fixtures + 'cross-language/articles.jsonl').records.find((r) => r.id === 'A017')!;
    const text = String(a017.text);
    const { sentences } = JSON.parse(readFileSync(fixtures + 'cross-language/a017-translation.json', 'utf8')) as { sentences: Record<string, string> };
    let translated = '';
    const segments: number[][] = [];
    for (const [russian, english] of Object.entries(sentences)) {
      const at = text.indexOf(russian);
      if (translated) translated += ' ';
      segments.push([translated.length, translated.length + english.length, at, at + russian.length]);
      translated += english;
    }
    const dir = mkdtempSync(join(tmpdir(), 'sl-match-'));
    const articles = join(dir, 'a.jsonl');
    const record = { id: 'A017', text, date: a017.date, lang: 'ru' };
    writeFileSync(
      articles,
      [
        { ...record },
        { ...record, id: 'A017-translated', translation: { lang: 'en', text: translated, segments } },
        { ...record, id: 'A017-bad', translation: { lang: 'en', text: translated, segments: [[0, 5, -3]] } },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    const out = join(dir, 'out.jsonl');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await runMatch(['--corpus', fixtures + 'cross-language/statements.jsonl', '--articles', articles, '--out', out]);
    const messages = err.mock.calls.map((c) => String(c[0])).join('');
    err.mockRestore();
    expect(code).toBe(1);
    const [plain, viaTranslation, bad] = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Anchors alone find S02 just above the threshold; the translation lines up more of A017 with it.
    type Found = { statementId: string; score: number; coverage: number; passages: unknown[] };
    const s02 = (r: { sources: Found[] }) => r.sources.find((s) => s.statementId === 'S02')!;
    expect(viaTranslation.sources[0]).toMatchObject({ statementId: 'S02', relation: 'translates' });
    expect(s02(viaTranslation).score).toBeGreaterThan(s02(plain).score);
    expect(s02(viaTranslation).coverage).toBeGreaterThan(s02(plain).coverage);
    expect(bad).toMatchObject({ id: 'A017-bad', sources: [] });
    expect(bad.error).toMatch(/"translation" must be/);
    expect(messages).toMatch(/record 3: "translation" must be/);
  });

  it('fails with usage when arguments are missing', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runMatch([])).toBe(2);
    err.mockRestore();
  });
});

describe('sourcelens check', () => {
  it('reads the seed format (date and title line)', async () => {
    const a = await readArticleFile(fixtures + 'news-az-2023-09-19-mod-briefing.txt');
    expect(a.date).toBe('2023-09-19');
    expect(a.title).toMatch(/^Local anti-terror measures/);
    expect(a.text.startsWith('Azerbaijan’s Ministry of Defense')).toBe(true);
  });

  it('prints a readable report against the bundled corpus', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-check-'));
    const file = join(dir, 'a.txt');
    const a064 = readJsonl(fixtures + 'articles.jsonl').records.find((r) => r.id === 'A064')!;
    writeFileSync(file, String(a064.text));
    const { code, stdout: text } = await captureOutput(() => runCheck([file]));
    expect(code).toBe(0);
    expect(text).toMatch(/Secretary Blinken’s Call with Azerbaijani President Aliyev|Blinken/);
    expect(text).toMatch(/verbatim quote|altered quote/);
    expect(text).toMatch(/attributed to Ned Price \(the statement’s speaker\)/);
  });

  it('says so when nothing is found', () => {
    expect(formatReport({ id: 'x', text: 'abc' }, { sources: [], articleChars: 3 }, new Map())).toMatch(/No official statement/);
  });
});

describe('sourcelens check, readable diff', () => {
  it('keeps every change and a few words around it, and cuts long unchanged stretches', () => {
    const same = 'one two three four five six seven eight nine ten eleven twelve';
    const text = readableDiff([
      { op: 'equal', text: same },
      { op: 'delete', text: 'terror measures' },
      { op: 'insert', text: 'terrorist activities' },
      { op: 'equal', text: same },
      { op: 'insert', text: 'BAKU' },
      { op: 'equal', text: same },
    ]);
    expect(text).toBe(
      '… nine ten eleven twelve [-terror measures-] {+terrorist activities+} one two three four … nine ten eleven twelve {+BAKU+} one two three four …',
    );
    // Short stretches stay whole.
    expect(
      readableDiff([
        { op: 'equal', text: 'in the' },
        { op: 'insert', text: 'Karabakh' },
        { op: 'equal', text: 'region' },
      ]),
    ).toBe('in the {+Karabakh+} region');
  });
});

describe('gold verbatim derivation', () => {
  it('finds maximal common runs of at least 6 words, ignoring punctuation and case', () => {
    const article = 'Intro. He said: "The ministry strongly condemns the attack on the hospital today," adding more.';
    const statement = 'The Ministry strongly condemns the attack on the hospital. Other words follow.';
    const runs = commonRuns(article, statement);
    expect(runs).toHaveLength(1);
    expect(article.slice(...runs[0]!)).toBe('The ministry strongly condemns the attack on the hospital');
    expect(commonRuns('one two three four five', 'one two three four five')).toEqual([]);
  });
});
