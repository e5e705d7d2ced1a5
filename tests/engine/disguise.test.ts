import { describe, expect, it } from 'vitest';
import { canonicalText, toCanonical, toOriginal } from '../../lib/engine/canonical-text.ts';
import { foldConfusables } from '../../lib/engine/confusables.ts';
import { findSources, StatementIndex, type SourceReport } from '../../lib/engine/index.ts';
import { extractQuotes } from '../../lib/engine/quotes.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';
import { article, seedBody, statements } from './helpers.ts';

// Disguised copies are built here from real texts (tests/fixtures/engine: dev articles and statements,
// the News.az seed), so every expected value is the plain text's own.
const CYRILLIC: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043E', p: '\u0440', c: '\u0441' };
const DISGUISES: Record<string, (t: string) => string> = {
  'Cyrillic а е о р с for every Latin a e o p c': (t) => t.replace(/[aeopc]/g, (c) => CYRILLIC[c]!),
  'Cyrillic look-alikes for every third a e o p c': (t) => t.replace(/[aeopc]/g, (c, i: number) => (i % 3 === 0 ? CYRILLIC[c]! : c)),
  'thin spaces': (t) => t.replace(/ /g, '\u2009'),
  'no-break spaces': (t) => t.replace(/ /g, '\u00A0'),
  'narrow no-break spaces': (t) => t.replace(/ /g, '\u202F'),
  'zero-width spaces between letters': (t) => t.replace(/(\p{L})(\p{L})/gu, '$1\u200B$2'),
  'zero-width joiners every three letters': (t) => t.replace(/(\p{L}{3})/gu, '$1\u200D'),
  'word joiners between letters': (t) => t.replace(/(\p{L})(\p{L})/gu, '$1\u2060$2'),
  'zero-width spaces around punctuation': (t) => t.replace(/([’'.,])/g, '\u200B$1\u200B'),
  'soft hyphens': (t) => t.replace(/(\p{L}{4})(?=\p{L}{2})/gu, '$1\u00AD'),
  'bidi isolates around words': (t) => t.replace(/(\p{L}+)/gu, '\u2066$1\u2069'),
  'line separators for line breaks': (t) => t.replace(/\n/g, '\u2028'),
  'full-width quotation marks': (t) => t.replace(/[“”"]/g, '\uFF02'),
};
/** What a reader sees: the disguised characters read as the plain ones. */
const seen = (s: string) =>
  s
    .replace(/[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '')
    .replace(/\s/g, ' ')
    .replace(/[\u0430\u0435\u043E\u0440\u0441]/g, (c) => Object.keys(CYRILLIC).find((k) => CYRILLIC[k] === c)!)
    .replace(/[\u201C\u201D\uFF02]/g, '"');

function setup() {
  const docs = statements();
  const index = new StatementIndex();
  index.add(docs);
  const byId = new Map(docs.map((d) => [d.id, d]));
  return (text: string) => findSources({ text }, index, async (ids) => ids.map((id) => byId.get(id)!).filter(Boolean));
}

/** The report as the reader gets it: sources, scores, relations, and each passage's type, speaker and text. */
function summary(report: SourceReport, text: string) {
  return report.sources.map((s) => ({
    id: s.statementId,
    score: s.score,
    relation: s.relation,
    passages: s.passages.map((p) => ({
      type: p.type,
      speaker: p.speaker,
      matches: p.speakerMatches,
      statement: p.statement,
      text: seen(text.slice(...p.article)),
    })),
  }));
}

describe('a disguised copy gets the same report as the plain one', () => {
  const run = setup();
  // A002: altered quotes; A003: unattributed copy; A004: verbatim quotes and a copy; A016: paraphrase
  // and an attributed copy; A029: paraphrase with quotes of a readout; A064: quotes in full.
  for (const id of ['A002', 'A003', 'A004', 'A016', 'A029', 'A064']) {
    it(`${id}, in every disguise`, async () => {
      const plain = article(id).text;
      const expected = summary(await run(plain), plain);
      expect(expected.length).toBeGreaterThan(0);
      for (const [name, disguise] of Object.entries(DISGUISES)) {
        const text = disguise(plain);
        if (text === plain) continue; // nothing to disguise (A003 has no quotation marks)
        const report = await run(text);
        // Offsets point into the disguised text the caller passed.
        for (const s of report.sources) for (const p of s.passages) expect(p.article[1], name).toBeLessThanOrEqual(text.length);
        expect(summary(report, text), name).toEqual(expected);
      }
    });
  }

  it('reads a verbatim quote in full-width quotation marks as a verbatim quote, not an unattributed copy (A064 → S13)', async () => {
    const plain = article('A064').text;
    const wide = plain.replace(/[“”"]/g, '\uFF02');
    const types = (await run(wide)).sources[0]!.passages.map((p) => p.type);
    expect(types).toContain('altered_quote');
    expect(types).not.toContain('unattributed_copy');
    expect(extractQuotes(wide).map((q) => wide.slice(q.start, q.end))).toEqual(extractQuotes(plain).map((q) => plain.slice(q.start, q.end)));
  });
});

describe('look-alike letters (UTS #39 confusables)', () => {
  it('reads a word that mixes scripts in the script of most of its letters, and leaves one-script words alone', () => {
    expect(foldConfusables('\u0410zerbaijan')).toBe('Azerbaijan');
    expect(foldConfusables('s\u0440\u043Eke')).toBe('spoke');
    // Russian words of the seed's Russian coverage stay Russian: "р" is not romanised to "p".
    expect(foldConfusables('Азербайджан')).toBe('Азербайджан');
    expect(foldConfusables('пресс')).toBe('пресс');
    // A Russian word disguised with Latin e and c reads as Russian.
    expect(foldConfusables('пpecc')).toBe('пресс');
  });

  it('keys a disguised sentence of the seed article like the plain one, the one-letter Cyrillic "а" included', () => {
    const plain =
      'We urge media representatives and social network users to refer only to official sources and not to circulate information that has no real proof and is shared by social media accounts, which belong to the opposing side';
    expect(seedBody()).toContain(plain);
    const disguised = plain.replace(/[aeopc]/g, (c) => CYRILLIC[c]!);
    expect(tokenize(disguised).keys).toEqual(tokenize(plain).keys);
    // "hitting a land mine" (A003): the article "a" disguised as the one-letter Cyrillic "а".
    const mine = 'a vehicle belonging to the Azerbaijan State Agency for Automobile Roads exploded hitting a land mine previously planted';
    expect(article('A003').text).toContain(mine);
    expect(tokenize(mine.replace(/[aeopc]/g, (c) => CYRILLIC[c]!)).keys).toEqual(tokenize(mine).keys);
    // Alone, with no word that mixes scripts, a Cyrillic "а" is a Russian word: read as it is.
    expect(tokenize(mine.replace(/\ba\b/g, CYRILLIC.a!)).keys[0]).toBe(CYRILLIC.a);
  });

  it('leaves a Russian text that quotes an English name keyed as before', () => {
    const t = 'Министр Лавров провёл переговоры с Blinken и NATO';
    expect(tokenize(t).keys).toEqual(['министр', 'лавров', 'провел', 'переговоры', 'с', 'blinken', 'и', 'nato']);
  });
});

describe('the canonical text keeps offsets into the original', () => {
  it('maps every kept character back to its place in the original', () => {
    const plain = seedBody().slice(0, 600);
    const disguised = plain
      .replace(/(\p{L})(\p{L})/gu, '$1\u200B$2')
      .replace(/ /g, '\u2009')
      .replace(/[“”]/g, '\uFF02');
    const c = canonicalText(disguised);
    expect(c.text.replace(/\uFF02/g, '"')).toBe(c.text);
    expect(c.text.length).toBeLessThan(disguised.length);
    for (let i = 0; i < c.text.length; i++) {
      const o = toOriginal(c, i);
      expect(seen(disguised[o]!)).toBe(seen(c.text[i]!));
      expect(toCanonical(c, o)).toBe(i);
    }
    expect(canonicalText(plain.replace(/[“”]/g, '"')).origin).toBeNull();
  });
});
