/**
 * How common a word is in its language, from frequency lists (common-words.json, built by
 * scripts/build-common-words.ts). The rank gives a weight no corpus can change: "the" weighs almost
 * nothing in a corpus of 25 statements as in one of 100,000, and adding statements can never make a
 * word look rarer (weights.ts on non-inflation).
 */
import data from './common-words.json';

interface CommonWords {
  perLanguage: number;
  lists: Record<string, string>;
}

const ranksByLanguage = new Map<string, Map<string, number> | null>();

function ranksOf(lang: string): Map<string, number> | null {
  let ranks = ranksByLanguage.get(lang);
  if (ranks !== undefined) return ranks;
  const list = (data as CommonWords).lists[lang];
  ranks = list ? new Map(list.split(' ').map((key, i) => [key, i + 1])) : null;
  ranksByLanguage.set(lang, ranks);
  return ranks;
}

/** True when a frequency list exists for the language (primary subtag). */
export function hasCommonWords(lang: string | undefined): boolean {
  return !!lang && ranksOf(lang) !== null;
}

/**
 * Weight of a word from its frequency rank: log(1 + rank) / log(2 + N) for the N listed words (the
 * most frequent ~0.1, the 1000th ~1), 1 for a word not listed or a language without a list.
 */
export function commonWordWeight(key: string, lang: string | undefined): number {
  const ranks = lang ? ranksOf(lang) : null;
  const rank = ranks?.get(key);
  if (rank === undefined) return 1;
  return Math.log(1 + rank) / Math.log(2 + (data as CommonWords).perLanguage);
}

/**
 * True when the word is among its language's listed common words; a language without a list is read
 * with English's (capitalised English words are the usual false names in any Latin-script text).
 */
export function isCommonWord(key: string, lang: string | undefined): boolean {
  return commonWordWeight(key, hasCommonWords(lang) ? lang : 'en') < 1;
}
