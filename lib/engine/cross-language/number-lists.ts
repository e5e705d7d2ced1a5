/**
 * Counts listed in a sentence, which a translation keeps in their order: "7 military vehicles,
 * 4 mortars, 1 tank, 2 infantry fighting vehicles" is, in News.ru's Russian, "семь боевых машин …,
 * четыре миномета, один танк, две боевые машины пехоты".
 *
 * A count below 10 is no anchor on its own: "4" and "two" are in most texts (anchor-key.ts). Two
 * counts in a row are rare: each number that follows another one in the same sentence, at most
 * {@link LIST_GAP} words later, anchors on the pair ("#7>4", "#4>2"), whether the text writes them in
 * digits or in words. Measured over the 72,607 Senate releases: 4,742 distinct pairs, half of them in
 * at most 2 releases, 90 % in at most 30, the commonest ("9/11", #9>11) in 3.2 %; so a pair weighs
 * what any anchor that rare weighs (full weight), though pairs are not indexed. Pairs of two numbers
 * of 10 or more are left to those numbers' own anchors (and would make every "20 September 2023" a
 * pair). Zero and one are skipped, as in the number-word table: "one", "bir", "un" are also articles
 * and pronouns, and a text that spells "один танк" still keeps the pair of the counts around it when
 * the other writes "1 tank".
 *
 * Number words come from Unicode CLDR's spell-out rules, per language, in the case forms CLDR writes
 * as one literal word (concept-lexicon.json, built by scripts/build-lexicon.mjs; coverage varies:
 * Russian has every case of 2-90, German only 2-12, 16 and 17). A spelled count of 10 or more anchors
 * like its digits ("девяносто" = "90"). A word that also names a month ("sept", French for 7 and
 * September) stays a month.
 */
import { primaryLanguage } from '../language-tag.ts';
import { sentenceRanges } from '../sentences.ts';
import { hashKey, type TokenStream } from '../tokenize.ts';
import { digitsValue, numberAnchor } from './anchor-key.ts';
import { conceptOf } from './concepts.ts';
import lexicon from './concept-lexicon.json';

/**
 * How many words after the previous count the next one may come, at most (so up to 7 words between
 * them). Russian puts a noun phrase between them: "семь боевых машин, принадлежащих
 * противоборствующей стороне, четыре" is 6 words on.
 */
export const LIST_GAP = 8;

let numberWords: Map<string, Map<string, number>> | undefined;

function numberWordsOf(lang: string | undefined): Map<string, number> | undefined {
  numberWords ??= new Map(
    Object.entries((lexicon as { numbers: Record<string, Record<string, number>> }).numbers).map(([l, words]) => [l, new Map(Object.entries(words))]),
  );
  return numberWords.get(primaryLanguage(lang));
}

/**
 * Digits of any script start at U+0030-0039 or from U+0660 (Arabic-Indic) on: a key whose first
 * character is a letter below that (Latin, Greek, Cyrillic, Armenian, Hebrew) skips the digit parse,
 * which is most of the cost here.
 */
const mayBeDigits = (key: string) => {
  const c = key.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c >= 0x660;
};

/** The value of a word written in digits, undefined for any other. */
const digitsOf = (key: string) => (mayBeDigits(key) ? digitsValue(key) : undefined);

/** The value of a word written in digits, or spelled out in the text's language; undefined if neither. */
export function countOf(key: string, lang: string | undefined): number | undefined {
  return digitsOf(key) ?? numberWordsOf(lang)?.get(key);
}

/**
 * Adds list anchors to a text's anchor stream (see the module comment): the pair anchor becomes the
 * word's strong anchor where it has none (a count below 10), else its weak one (a number has no
 * skeleton). A spelled count's skeleton anchors are replaced: "четыре" is a number, not a name.
 */
export function addNumberListAnchors(tokens: TokenStream, lang: string | undefined, strong: Uint32Array, weak: Uint32Array): void {
  const words = numberWordsOf(lang);
  for (const [start, end] of sentenceRanges(tokens)) {
    let previous = 0;
    let previousAt = -Infinity;
    for (let i = start; i < end; i++) {
      const key = tokens.keys[i]!;
      const digits = digitsOf(key);
      const value = digits ?? words?.get(key);
      if (value === undefined || value < 2) continue;
      if (digits === undefined) {
        if (conceptOf(key)) continue; // "sept." is September here as often as 7
        strong[i] = value >= 10 ? numberAnchor(value) : 0;
        weak[i] = 0;
      }
      if (i - previousAt <= LIST_GAP && (previous < 10 || value < 10)) {
        const pair = hashKey(`#${previous}>${value}`);
        if (!strong[i]) strong[i] = pair;
        else weak[i] = pair;
      }
      previous = value;
      previousAt = i;
    }
  }
}
