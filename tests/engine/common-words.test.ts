import { describe, expect, it } from 'vitest';
import data from '../../lib/engine/common-words.json';
import { commonWordWeight, commonWordWeightOf, hasCommonWords, isCommonWord } from '../../lib/engine/common-words.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';
import { statements } from './helpers.ts';

const lists = (data as { perLanguage: number; lists: Record<string, string> }).lists;
const perLanguage = (data as { perLanguage: number }).perLanguage;

describe('common words', () => {
  it('weighs every listed word of every language by its rank, as a map of the list would', () => {
    for (const [lang, list] of Object.entries(lists)) {
      const ranks = new Map(list.split(' ').map((key, i) => [key, i + 1]));
      for (const [key, rank] of ranks) expect(commonWordWeight(key, lang)).toBe(Math.log(1 + rank) / Math.log(2 + perLanguage));
      expect(hasCommonWords(lang)).toBe(true);
    }
  });

  it('weighs the tokens of real statements the same through their known hashes, and unlisted words 1', () => {
    const en = new Map(lists.en!.split(' ').map((key, i) => [key, i + 1]));
    for (const doc of statements()) {
      const t = tokenize(doc.text, doc.lang);
      const lang = doc.lang?.split('-')[0] ?? 'en';
      t.keys.forEach((key, i) => expect(commonWordWeightOf(key, t.hashes[i]!, lang)).toBe(commonWordWeight(key, lang)));
    }
    const t = tokenize('The ministry said Zangilan was shelled');
    const weights = t.keys.map((key, i) => commonWordWeightOf(key, t.hashes[i]!, 'en'));
    expect(weights[0]).toBe(Math.log(1 + en.get('the')!) / Math.log(2 + perLanguage));
    expect(weights[0]).toBeLessThan(0.2);
    expect(weights[3]).toBe(1); // "zangilan" is in no frequency list
    expect(en.has('said') && isCommonWord('said', 'en')).toBe(true);
    expect(isCommonWord('zangilan', 'en')).toBe(false);
    expect(commonWordWeightOf('the', 12345, 'xx')).toBe(1); // no list for the language
  });
});
