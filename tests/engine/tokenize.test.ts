import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeToken } from '../../lib/engine/normalize.ts';
import { hashKey, matchWords, segmentWords, tokenize, wordHashes, wordRangesByExpression } from '../../lib/engine/tokenize.ts';

const surface = (text: string, ranges: Array<[number, number]>) => ranges.map(([s, e]) => text.slice(s, e));

/** Real-style sentences in the languages of the dev set, with the words a reader would expect. */
const SAMPLES: Record<string, [string, string[]]> = {
  en: [
    'Azerbaijan’s Ministry said 10,000 troops (U.S. data) were there.',
    ['Azerbaijan’s', 'Ministry', 'said', '10,000', 'troops', 'U.S', 'data', 'were', 'there'],
  ],
  ru: ['Министерство обороны Азербайджана заявило, что всё спокойно.', ['Министерство', 'обороны', 'Азербайджана', 'заявило', 'что', 'всё', 'спокойно']],
  az: ['Müdafiə Nazirliyi növbəti brifinq keçirib.', ['Müdafiə', 'Nazirliyi', 'növbəti', 'brifinq', 'keçirib']],
  tr: ['Dışişleri Bakanlığı İsrail’in saldırısını kınıyoruz dedi.', ['Dışişleri', 'Bakanlığı', 'İsrail’in', 'saldırısını', 'kınıyoruz', 'dedi']],
  hy: ['Հայաստանի արտաքին գործերի նախարարություն', ['Հայաստանի', 'արտաքին', 'գործերի', 'նախարարություն']],
  ka: ['საქართველოს საგარეო საქმეთა სამინისტრო', ['საქართველოს', 'საგარეო', 'საქმეთა', 'სამინისტრო']],
  ar: ['وزارة الخارجية التركية تدين الهجوم على المستشفى.', ['وزارة', 'الخارجية', 'التركية', 'تدين', 'الهجوم', 'على', 'المستشفى']],
  de: ['Das Außenministerium erklärte, die Lage sei „äußerst ernst“.', ['Das', 'Außenministerium', 'erklärte', 'die', 'Lage', 'sei', 'äußerst', 'ernst']],
  fr: ['Le ministère a déclaré qu’il s’agit d’une « agression ».', ['Le', 'ministère', 'a', 'déclaré', 'qu’il', 's’agit', 'd’une', 'agression']],
};

describe('tokenize', () => {
  for (const [lang, [text, words]] of Object.entries(SAMPLES)) {
    it(`gives sensible Intl.Segmenter words for ${lang}`, () => {
      expect(surface(text, segmentWords(text, lang))).toEqual(words);
    });
    it(`fast path agrees with Intl.Segmenter for ${lang}`, () => {
      expect(matchWords(text)).toEqual(segmentWords(text, lang));
    });
  }

  it('offsets index the original string (after curly quotes, NBSP, emoji)', () => {
    const text = '😀 «Quoted»\u00A0words — and “more”';
    const t = tokenize(text);
    expect(
      surface(
        text,
        Array.from(t.starts, (s, i) => [s, t.ends[i]!]),
      ),
    ).toEqual(['Quoted', 'words', 'and', 'more']);
    expect(t.keys).toEqual(['quoted', 'words', 'and', 'more']);
  });

  it('does not split a word at an injected zero-width space', () => {
    const t = tokenize('Azer\u200Bbaijan army');
    expect(t.keys).toEqual(['azerbaijan', 'army']);
    expect(t.hashes[0]).toBe(tokenize('Azerbaijan').hashes[0]);
  });

  it('uses dictionary segmentation for Chinese', () => {
    const t = tokenize('外交部发言人表示，中方对此强烈不满。', 'zh');
    expect(t.keys.length).toBeGreaterThan(4);
    expect(t.keys).toContain('外交部');
  });

  it('every word’s key is normalizeToken of its surface and its hash is hashKey of the key, on the ASCII path and off it', () => {
    // ASCII words skip the key cache and hash as they are read (case folded on the fly): the values
    // must be those of the general path, or an English article would stop matching its statement.
    const text =
      Object.values(SAMPLES)
        .map(([t]) => t)
        .join(' ') + ' NATO-led U.S. Senate’s 2023 McCAIN O’Brien x_y';
    const t = tokenize(text);
    expect(t.keys.length).toBeGreaterThan(60);
    t.keys.forEach((key, i) => {
      expect(key).toBe(normalizeToken(text.slice(t.starts[i], t.ends[i])));
      expect(t.hashes[i]).toBe(hashKey(key));
    });
    expect(t.keys).toContain('mccain');
    expect(tokenize('MINISTRY').hashes[0]).toBe(tokenize('ministry').hashes[0]);
  });

  it('wordHashes equals tokenize().hashes', () => {
    const text = SAMPLES.en![0] + ' ' + SAMPLES.tr![0];
    expect(Array.from(wordHashes(text))).toEqual(Array.from(tokenize(text).hashes));
  });
});

describe('the ASCII word loop', () => {
  // forEachWord reads ASCII words by hand and leaves the rest to the expression: both must give the
  // same ranges, on real saved pages (markup, scripts, every script and punctuation they carry), the
  // dev statements and articles, and the joins the expression allows or refuses.
  const pagesDir = new URL('../fixtures/pages/', import.meta.url).pathname;
  const pageFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? pageFiles(path) : /\.html?$/.test(name) ? [path] : [];
    });
  const texts = [
    ...pageFiles(pagesDir).map((path) => readFileSync(path, 'utf8')),
    ...readFileSync(new URL('../fixtures/engine/statements.jsonl', import.meta.url), 'utf8').split('\n'),
    ...readFileSync(new URL('../fixtures/engine/articles.jsonl', import.meta.url), 'utf8').split('\n'),
    "a.b_c 10,000abc 1.5,6 U.S.A. it's x'' ,5 5, 1,,2 _a a_ 3;4 a;4 1;a a. .a 'a a' 7.",
    'don’t Azerbaijan’s A.\u200Bb 1,\u200B000 ＂quoted＂ Ａｚｅｒ naïve café 10,5€ a\u00ADb 2023ءکو',
  ];

  it('gives the ranges of the expression, word for word', () => {
    expect(texts.length).toBeGreaterThan(20);
    let words = 0;
    for (const text of texts) {
      const expected = wordRangesByExpression(text);
      words += expected.length;
      expect(matchWords(text)).toEqual(expected);
    }
    expect(words).toBeGreaterThan(100_000);
  });

  it('keeps the joins: abbreviations, elisions and figures are one word, an underscore part is not', () => {
    const text = "U.S.A. it's 10,000.5 a.b_c 1;2 a;4";
    expect(surface(text, matchWords(text))).toEqual(['U.S.A', "it's", '10,000.5', 'a.b', '_c', '1;2', 'a', '4']);
  });
});
