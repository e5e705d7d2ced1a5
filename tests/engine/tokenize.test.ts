import { describe, expect, it } from 'vitest';
import { normalizeToken } from '../../lib/engine/normalize.ts';
import { hashKey, matchWords, segmentWords, tokenize, wordHashes } from '../../lib/engine/tokenize.ts';

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
