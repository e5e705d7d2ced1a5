import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toReportView } from '../../lib/background/report-view.ts';
import { alignTokens, mergeRuns } from '../../lib/engine/align.ts';
import { findSources, StatementIndex, type StatementDoc } from '../../lib/engine/index.ts';
import { contentHash, foldPunctuation, normalizeText } from '../../lib/engine/normalize.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';
import { statements } from './helpers.ts';

/**
 * Issue 7, fuzzing: properties of the engine that must hold for any text a page or a corpus can hold,
 * including the characters hostile pages use (zero-width, bidi controls, lone surrogates, combining
 * marks, compatibility forms). Run counts are the case counts reported in docs/SECURITY.md.
 */

/** Characters that have broken text engines: invisible, bidi, surrogate halves, combining, compatibility forms. */
const HOSTILE_CHARS = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD', // zero-width and soft hyphen
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F', // bidi
  '\uD800',
  '\uDC00',
  '\uDBFF', // lone surrogates
  '\u0301',
  '\u0308',
  '\u20DD', // combining marks
  '\uFB01',
  '\u2474',
  '\uFF21',
  '\u00BD',
  '\u1E9E',
  '\u0130',
  'ß', // NFKC and case-mapping oddities
  '\u201C',
  '\u201D',
  '\u2018',
  '\u2019',
  '«',
  '»',
  '\u2014',
  '\u2212',
  '"',
  "'", // quotes and dashes
  '\n',
  '\r',
  '\t',
  '\u00A0',
  '\u2028',
  '\u3000',
  ' ',
];

const hostileChar = fc.constantFrom(...HOSTILE_CHARS);
/** Any text: full Unicode strings (lone surrogates included) interleaved with the hostile characters. */
const anyText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), hostileChar, fc.constantFrom('The', 'minister', 'said', '.', ',')), { maxLength: 60 })
  .map((parts) => parts.join(''));

const corpus: StatementDoc[] = statements();
const index = new StatementIndex();
index.add(corpus);
const byId = new Map(corpus.map((doc) => [doc.id, doc]));
const load = async (ids: string[]) => ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));

/**
 * An article that quotes a real statement (so passages exist), damaged the way hostile pages damage
 * text: invisible and bidi characters inserted, words dropped, noise around it.
 */
const quotingArticle = fc
  .record({
    statement: fc.constantFrom(...corpus),
    from: fc.nat(),
    length: fc.integer({ min: 40, max: 900 }),
    inserts: fc.array(fc.tuple(fc.nat(), hostileChar), { maxLength: 20 }),
    before: anyText,
    after: anyText,
    quote: fc.boolean(),
  })
  .map(({ statement, from, length, inserts, before, after, quote }) => {
    const start = from % Math.max(1, statement.text.length - length);
    let quoted = statement.text.slice(start, start + length);
    for (const [at, char] of inserts) {
      const position = at % (quoted.length + 1);
      quoted = quoted.slice(0, position) + char + quoted.slice(position);
    }
    return `${before} ${quote ? '“' : ''}${quoted}${quote ? '”' : ''} ${after}`;
  });

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

describe('normalisation (fast-check)', () => {
  it('normalizeText is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
        expect(contentHash(once)).toBe(contentHash(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('foldPunctuation is idempotent and removes every invisible character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const folded = foldPunctuation(text);
        expect(foldPunctuation(folded)).toBe(folded);
        expect(folded).not.toMatch(/[\u200B\u2060\uFEFF]/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('passages (fast-check)', () => {
  it('every passage offset lies within both texts, and the report slices to exactly the reported text', async () => {
    let passages = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: quotingArticle }, { weight: 1, arbitrary: anyText }), async (text) => {
        const report = await findSources({ text }, index, load);
        const texts = new Map(corpus.map((doc) => [doc.id, doc.text]));
        const view = toReportView(report, text, texts, corpus.length, 0);
        expect(report.articleChars).toBe(text.length);
        for (const source of view.sources) {
          const statement = byId.get(source.statementId)!;
          expect(statement).toBeDefined();
          for (const passage of source.passages) {
            passages++;
            const [aStart, aEnd] = passage.article;
            const [sStart, sEnd] = passage.statement;
            expect(Number.isInteger(aStart) && Number.isInteger(aEnd)).toBe(true);
            expect(0 <= aStart && aStart < aEnd && aEnd <= text.length).toBe(true);
            expect(0 <= sStart && sStart < sEnd && sEnd <= statement.text.length).toBe(true);
            expect(passage.articleText).toBe(text.slice(aStart, aEnd).slice(0, 2000));
            expect(passage.statementText).toBe(statement.text.slice(sStart, sEnd).slice(0, 2000));
            // A passage never starts or ends inside a surrogate pair (an astral character cut in half).
            for (const [textOf, at] of [
              [text, aStart],
              [text, aEnd],
              [statement.text, sStart],
              [statement.text, sEnd],
            ] as const) {
              expect(isLowSurrogate(textOf.charCodeAt(at)) && isHighSurrogate(textOf.charCodeAt(at - 1))).toBe(false);
            }
            expect(passage.articleText.trim()).not.toBe('');
          }
        }
      }),
      { numRuns: 300 },
    );
    // The generator must actually produce passages, or the property says nothing.
    expect(passages).toBeGreaterThan(100);
  });
});

describe('alignment (fast-check)', () => {
  it('never throws, and its runs stay inside both token streams, in article order', () => {
    const statementText = fc.oneof(anyText, fc.constantFrom(...corpus.map((doc) => doc.text)));
    fc.assert(
      fc.property(fc.oneof(anyText, quotingArticle), statementText, (articleText, stmtText) => {
        const a = tokenize(articleText);
        const s = tokenize(stmtText);
        const runs = mergeRuns(alignTokens(a, s));
        let previousEnd = 0;
        for (const run of runs) {
          expect(run.aStart).toBeGreaterThanOrEqual(previousEnd);
          expect(run.aStart <= run.aEnd && run.aEnd <= a.keys.length).toBe(true);
          expect(run.sStart <= run.sEnd && run.sEnd <= s.keys.length).toBe(true);
          expect(run.pairs.length % 3).toBe(0);
          previousEnd = run.aEnd;
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('invisible characters (fast-check)', () => {
  // The invisible ones among HOSTILE_CHARS: zero-width, soft hyphen, bidi controls (format characters).
  const INVISIBLE = HOSTILE_CHARS.filter((c) => /^\p{Cf}$/u.test(c));
  it('salting a real statement with zero-width and bidi characters between letters leaves its word keys unchanged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { minLength: 1, maxLength: 200 }),
        (statement, salts) => {
          let text = statement.text;
          for (const [at, char] of salts) {
            const position = 1 + (at % (text.length - 1));
            // Between two letters only: punctuation rules (apostrophes, digit groups) are another matter.
            if (/\p{L}/u.test(text[position - 1]!) && /\p{L}/u.test(text[position]!)) text = text.slice(0, position) + char + text.slice(position);
          }
          expect(tokenize(text).keys).toEqual(tokenize(statement.text).keys);
        },
      ),
      { numRuns: 500 },
    );
  });
});
