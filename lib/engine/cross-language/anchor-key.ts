/**
 * Language-neutral anchors: what a translation keeps of its source without a dictionary.
 *
 * - Numbers ("10", "2020", "40") survive translation unchanged.
 * - Names and internationalisms survive as the same consonants in another script or spelling:
 *   "Azerbaijan" / "Азербайджан" / "Azerbaycan" / "أذربيجان", "terrorist" / "террористический" /
 *   "terroristische", "constitutional" / "конституционного". Each word is romanised
 *   (transliterate.ts), then reduced to a consonant skeleton over coarse sound classes (b/p, f/v/w,
 *   g/k/q/hard c/kh, d/t/th, s/z/sh/zh/ch/j/ts, l, m, n, r; vowels and h dropped, repeats collapsed,
 *   a leading vowel kept as one mark). Coarser than a spelling, finer than Soundex, which also merges
 *   k with s and would make every anchor common.
 * - Inflection changes word endings in Russian, Turkish, German...; the skeleton's PREFIX is the
 *   anchor: 4 classes, and 3 as a weaker second anchor (so "Karabakh" KRBK and "Qarabağ" KRB still
 *   meet on KRB). Words shorter than 4 letters are not anchors: their skeletons collide too often.
 *
 * - Month names, which translations replace outright ("September" / "сентября" / "Eylül"), anchor on
 *   a concept from Unicode CLDR (concepts.ts): with the day and year numbers they make dates
 *   language-neutral.
 *
 * An anchor is a 32-bit hash of a tagged string ("4:KRBK", "3:KRB", "#2020", "C:M:9") so it can share the
 * statement index's hash space without colliding with word keys.
 */
import { hashKey } from '../tokenize.ts';
import { englishForChinese, parseChineseLexicon, setChineseLexicon } from './chinese-glosses.ts';
import { conceptOf } from './concepts.ts';
import { romanizationVariant, romanize } from './transliterate.ts';

/** Sound class of each ASCII letter after romanisation; '' = dropped (vowels, h). */
const CLASS: Record<string, string> = {
  a: '',
  e: '',
  i: '',
  o: '',
  u: '',
  y: '',
  h: '',
  b: 'B',
  p: 'B',
  f: 'F',
  v: 'F',
  w: 'F',
  g: 'K',
  k: 'K',
  q: 'K',
  x: 'K',
  d: 'T',
  t: 'T',
  s: 'S',
  z: 'S',
  j: 'S',
  c: 'K',
  l: 'L',
  m: 'M',
  n: 'N',
  r: 'R',
};

/** Digraphs read as one sound before the letter classes apply. */
const DIGRAPHS: Array<[RegExp, string]> = [
  [/shch|sch/g, 's'],
  [/dzh|dž/g, 'j'],
  [/zh|sh|ch|ts|dz|tz/g, 's'],
  [/kh|gh|ck|qu/g, 'k'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  // English soft c (before e, i, y) sounds as s: "Francesco", "cyber", "officer".
  [/c(?=[eiy])/g, 's'],
];

/** Consonant skeleton of a romanised word (see the module comment), or '' for digits-only words. */
export function consonantSkeleton(roman: string): string {
  let w = roman;
  for (const [re, to] of DIGRAPHS) w = w.replace(re, to);
  let out = /^[aeiouy]/.test(w) ? 'A' : '';
  let last = '';
  for (const ch of w) {
    const cls = CLASS[ch];
    if (cls === undefined) continue; // digits and anything unmapped
    if (cls === '') {
      last = '';
      continue;
    }
    if (cls !== last) out += cls;
    last = cls;
  }
  return out;
}

export interface WordAnchors {
  /** Strong anchor: the number, or the 4-class skeleton prefix (0 = none). */
  strong: number;
  /** Weak anchor: the 3-class skeleton prefix (0 = none; numbers have none). */
  weak: number;
}

const NONE: WordAnchors = { strong: 0, weak: 0 };

/**
 * Anchors already computed, in a direct-mapped table indexed by the word's hash (which the tokenizer
 * has already computed): one array probe and one string comparison per word. Indexing asks for the
 * anchors of every word of every statement; a Map keyed by the word had to hash each (fresh) key
 * string, and at 100,000 entries cost more than the romanisation it saved (a fifth of indexing time
 * in the worker's profile). A slot keeps the last word that landed in it; `CACHE_SLOTS` holds the
 * frequent words of a large corpus, and a miss only recomputes.
 */
const CACHE_SLOTS = 1 << 17;
const cachedKeys: Array<string | undefined> = new Array(CACHE_SLOTS);
const cachedVariant = new Uint8Array(CACHE_SLOTS);
const cachedAnchors: WordAnchors[] = new Array(CACHE_SLOTS);
/** Turkic, Arabic and Malay words romanise differently (transliterate.ts), so they take other slots. */
const VARIANT_SALT = [0, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35] as const;

/**
 * Anchors of one matching key (see normalizeToken) in a text of language `lang`. `hash` is the key's
 * hashKey(), when the caller has it (the tokenizer gives it with every key).
 */
export function anchorsOfKey(key: string, lang?: string, hash: number = hashKey(key)): WordAnchors {
  const variant = romanizationVariant(lang);
  const slot = (hash ^ VARIANT_SALT[variant]) & (CACHE_SLOTS - 1);
  if (cachedKeys[slot] === key && cachedVariant[slot] === variant) return cachedAnchors[slot]!;
  const anchors = computeAnchors(key, lang);
  cachedKeys[slot] = key;
  cachedVariant[slot] = variant;
  cachedAnchors[slot] = anchors;
  return anchors;
}

/**
 * Installs the Chinese-English table (chinese-glosses.ts) from the file's parsed JSON, whose shape is
 * checked first (a clear error, nothing installed), and forgets cached anchors, which gave Chinese
 * words none while it was missing.
 */
export function installChineseLexicon(json: unknown): void {
  setChineseLexicon(parseChineseLexicon(json));
  cachedKeys.fill(undefined);
}

/**
 * The value of a key written in decimal digits of any script, group separators ignored ("1,200",
 * "٢٠٢٣"), or undefined for any other word.
 */
export function digitsValue(key: string): number | undefined {
  const digits = key.replace(/[.,'\u00B7\u066B\u066C]/g, '');
  if (!/^\p{Nd}+$/u.test(digits)) return undefined;
  const value = Number.parseInt(toAsciiDigits(digits), 10);
  return Number.isNaN(value) ? undefined : value; // digits of a script toAsciiDigits does not know
}

/** The anchor of a number, the same whether a text writes it in digits or in words. */
export function numberAnchor(value: number): number {
  return hashKey(`#${value}`);
}

function computeAnchors(key: string, lang?: string): WordAnchors {
  const value = digitsValue(key);
  if (value !== undefined) {
    // Numbers: one digit is too common ("1", "5") unless it is part of a date or a list, which the
    // word alone cannot tell (number-lists.ts reads lists); keep from 2 digits, leading zeros dropped
    // ("05" = "5" in "05.10").
    return value >= 10 ? { strong: numberAnchor(value), weak: 0 } : NONE;
  }
  // A Chinese word anchors on its English word ("飞艇" → "airship"): see chinese-glosses.ts.
  const english = englishForChinese(key);
  if (english !== undefined) return computeAnchors(english, 'en');
  const concept = conceptOf(key);
  const roman = romanize(key, lang);
  const skeleton = roman.length >= 4 && !/\d/.test(roman) ? consonantSkeleton(roman) : '';
  // A month name anchors on its concept, which holds across languages ("September" / "Eylül");
  // the skeleton stays as the weak anchor.
  const weak = skeleton.length >= 3 ? hashKey(`3:${skeleton.slice(0, 3)}`) : 0;
  if (concept) return { strong: hashKey(`C:${concept}`), weak };
  if (skeleton.length < 3) return NONE;
  return { strong: skeleton.length >= 4 ? hashKey(`4:${skeleton.slice(0, 4)}`) : 0, weak };
}

/** Arabic-Indic, Persian and other decimal digits → ASCII (Number.parseInt only reads ASCII). */
function toAsciiDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x30 && cp <= 0x39) out += ch;
    else {
      // Decimal digits are laid out in runs of ten starting at a code point ending in 0 (or 6 for
      // some): find the digit value via Unicode's numeric value by trying the block's zero.
      const zero = [0x660, 0x6f0, 0x966, 0x9e6, 0xff10].find((z) => cp >= z && cp <= z + 9);
      out += zero === undefined ? '' : String(cp - zero);
    }
  }
  return out;
}
