/**
 * How common a word is in its language, from frequency lists (common-words.json, built by
 * scripts/build-common-words.ts). The rank gives a weight no corpus can change: "the" weighs almost
 * nothing in a corpus of 25 statements as in one of 100,000, and adding statements can never make a
 * word look rarer (weights.ts on non-inflation).
 */
import data from './common-words.json';
import { hashKey } from './tokenize.ts';

interface CommonWords {
  perLanguage: number;
  lists: Record<string, string>;
}

/**
 * A language's list as an open-addressing table keyed by the words' hashKey (tokenize.ts), so that a
 * token, whose key hash the tokenizer has already computed, is looked up without hashing its key
 * string again: a check weighs every word of the article and of each candidate (tens of thousands at
 * 72k), and the string Map's lookups were 4-6 % of a check. A hash hit is confirmed by comparing the
 * key, so the answer is the Map's: a word listed twice keeps its last rank, as Map construction did.
 */
interface RankTable {
  mask: number;
  /** The listed word's key hash at each used cell. */
  hashes: Int32Array;
  /** Rank (1-based) at each cell; 0 = empty. */
  ranks: Int32Array;
  /** The listed words, by rank − 1. */
  words: string[];
  /** commonWordWeight of each rank (index = rank), computed once. */
  weights: Float64Array;
}

const tablesByLanguage = new Map<string, RankTable | null>();

function tableOf(lang: string): RankTable | null {
  let table = tablesByLanguage.get(lang);
  if (table !== undefined) return table;
  const list = (data as CommonWords).lists[lang];
  table = list ? buildTable(list.split(' ')) : null;
  tablesByLanguage.set(lang, table);
  return table;
}

function buildTable(words: string[]): RankTable {
  let size = 16;
  while (size < words.length * 2) size *= 2;
  const mask = size - 1;
  const hashes = new Int32Array(size);
  const ranks = new Int32Array(size);
  const perLanguage = (data as CommonWords).perLanguage;
  const weights = new Float64Array(words.length + 1);
  for (let rank = 1; rank <= words.length; rank++) weights[rank] = Math.log(1 + rank) / Math.log(2 + perLanguage);
  words.forEach((word, i) => {
    const h = hashKey(word) | 0;
    let cell = h & mask;
    while (ranks[cell] && !(hashes[cell] === h && words[ranks[cell]! - 1] === word)) cell = (cell + 1) & mask;
    hashes[cell] = h;
    ranks[cell] = i + 1;
  });
  return { mask, hashes, ranks, words, weights };
}

/** Rank of `key` (whose hashKey is `hash`) in the table, or 0 when not listed. */
function rankIn(table: RankTable, key: string, hash: number): number {
  const h = hash | 0;
  for (let cell = h & table.mask; table.ranks[cell]; cell = (cell + 1) & table.mask) {
    const rank = table.ranks[cell]!;
    if (table.hashes[cell] === h && table.words[rank - 1] === key) return rank;
  }
  return 0;
}

/** True when a frequency list exists for the language (primary subtag). */
export function hasCommonWords(lang: string | undefined): boolean {
  return !!lang && tableOf(lang) !== null;
}

/**
 * Weight of a word from its frequency rank: log(1 + rank) / log(2 + N) for the N listed words (the
 * most frequent ~0.1, the 1000th ~1), 1 for a word not listed or a language without a list.
 */
export function commonWordWeight(key: string, lang: string | undefined): number {
  return commonWordWeightOf(key, hashKey(key), lang);
}

/** commonWordWeight of a token whose key hash is already known (TokenStream.hashes: hashKey(key)). */
export function commonWordWeightOf(key: string, hash: number, lang: string | undefined): number {
  const table = lang ? tableOf(lang) : null;
  if (!table) return 1;
  const rank = rankIn(table, key, hash);
  return rank ? table.weights[rank]! : 1;
}

/**
 * True when the word is among its language's listed common words; a language without a list is read
 * with English's (capitalised English words are the usual false names in any Latin-script text).
 */
export function isCommonWord(key: string, lang: string | undefined): boolean {
  return commonWordWeight(key, hasCommonWords(lang) ? lang : 'en') < 1;
}
