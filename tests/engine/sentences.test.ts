import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_WORDS, sentenceRanges } from '../../lib/engine/sentences.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';

const sentences = (text: string, lang = 'en') => {
  const t = tokenize(text, lang);
  return sentenceRanges(t).map(([s, e]) => t.text.slice(t.starts[s], t.ends[e - 1]));
};

describe('sentence boundaries', () => {
  it('do not break after abbreviations: initials, titles, months (A039, Xinhua, and the News.az seed)', () => {
    expect(
      sentences(
        'BEIJING, Feb. 3 (Xinhua) -- A Chinese foreign ministry spokesperson confirmed on Friday the unintended entry of a civilian airship into U.S. airspace due to force majeure. According to previous media reports, it was spotted.',
      ),
    ).toEqual([
      'BEIJING, Feb. 3 (Xinhua) -- A Chinese foreign ministry spokesperson confirmed on Friday the unintended entry of a civilian airship into U.S. airspace due to force majeure',
      'According to previous media reports, it was spotted',
    ]);
    expect(sentences('Col. Anar Eyvazov said it. The U.S. State Department agreed. Mr. Smith left.')).toEqual([
      'Col. Anar Eyvazov said it',
      'The U.S. State Department agreed',
      'Mr. Smith left',
    ]);
  });

  it('break at other final marks, line breaks and CJK full stops; not after a word with inner full stops (the cost: "a.m. Villages" stays one sentence)', () => {
    expect(sentences('Is it over? Yes; it is. Then\nnext line')).toEqual(['Is it over', 'Yes', 'it is', 'Then', 'next line']);
    expect(sentences('该飞艇来自中国。中方表示遗憾。', 'zh')).toEqual(['该飞艇来自中国', '中方表示遗憾']);
    expect(sentences('Forces opened fire at 10 a.m. Villages were hit.')).toEqual(['Forces opened fire at 10 a.m. Villages were hit']);
  });

  it(`cut sentences longer than ${MAX_SENTENCE_WORDS} words into windows`, () => {
    const words = Array.from({ length: 130 }, (_, i) => `w${i}`).join(' ');
    expect(sentences(words).map((s) => s.split(' ').length)).toEqual([60, 60, 10]);
  });

  it('do not break after the day of a date written as an ordinal ("des 10. Mai"), which would start a translated passage late', () => {
    // AZERTAC's German service (dev A020, tests/fixtures/engine/cross-language): ICU and the rules
    // above took the capitalised month for a new sentence, cutting "… am 20." from "September 2023 …".
    const a020 =
      'Das Verteidigungsministerium der Republik Aserbaidschan erklärt, dass am 20. September 2023, 13:00 Uhr, eine Einigung erzielt wurde. Die Formationen verlassen das Territorium.';
    expect(sentences(a020, 'de')).toEqual([
      'Das Verteidigungsministerium der Republik Aserbaidschan erklärt, dass am 20. September 2023, 13:00 Uhr, eine Einigung erzielt wurde',
      'Die Formationen verlassen das Territorium',
    ]);
    expect(sentences('Am Abend des 10. Mai haben Truppen die Stellungen beschossen.', 'de')).toHaveLength(1);
    expect(sentences('Dne 10. května armáda oznámila útok.', 'cs')).toHaveLength(1);
    // A number ending an English sentence still ends it; so does a year before a month's name.
    expect(sentences('The count rose to 10. The ministry said so.')).toEqual(['The count rose to 10', 'The ministry said so']);
    expect(sentences('Es war 2020. Mai ist lang.', 'de')).toHaveLength(2);
  });
});
