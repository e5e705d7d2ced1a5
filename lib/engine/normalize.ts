/**
 * Text normalisation shared by the corpus (content hashes, dedupe) and the matching engine.
 *
 * Why each step:
 * - NFKC folds compatibility forms (full-width letters, ligatures, superscripts) that outlets and
 *   PDF-to-HTML converters introduce, so "ﬁre" and "fire" compare equal.
 * - Case folding uses `toLocaleLowerCase('und')`-free `toLowerCase()`: locale-specific rules (Turkish
 *   dotted I) would make the same statement hash differently depending on the user's locale.
 * - Zero-width and bidi control characters are invisible, often injected by CMSs or by hostile pages,
 *   and must never split a word or change a hash.
 * - Every quotation-mark style becomes `"` (double) or `'` (single), every dash becomes `-`, and runs
 *   of white space become one space, so punctuation style is never the reason two texts differ.
 */
import { foldConfusables } from './confusables.ts';

/** Zero-width characters, soft hyphen, word joiner, BOM and the bidi controls (LRM, RLM, embeddings, isolates). */
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF]/g;

/** Double-quote styles: " “ ” „ ‟ « » 〝 〞 ＂ and the CJK corner brackets. */
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u301D\u301E\u301F\uFF02\u300C\u300D\u300E\u300F]/g;

/** Single-quote styles: ‘ ’ ‚ ‛ ‹ › ′ and the modifier-letter apostrophes. */
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2039\u203A\u2032\u02BC\u02BB\u02B9]/g;

/** Hyphens and dashes: ‐ ‑ ‒ – — ― − ⁃ and the small/full-width hyphen-minus. */
const DASHES = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D]/g;

/** All Unicode white space, including no-break and ideographic spaces. */
const WHITESPACE = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/** Folds punctuation style and invisible characters without changing case or spacing semantics. */
export function foldPunctuation(text: string): string {
  return text.replace(INVISIBLE, '').replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'").replace(DASHES, '-');
}

/**
 * The canonical form used for equality: two statements whose canonical forms are equal are the same
 * statement, whatever their typography. Idempotent: `normalizeText(normalizeText(x)) === normalizeText(x)`.
 */
export function normalizeText(text: string): string {
  // Invisible characters go first: one between a letter and its combining accent ("A\u200B\u0301")
  // would otherwise stop NFKC from composing them, and the result would compose only on a second
  // pass (found by the fast-check idempotence property, tests/engine/properties.test.ts).
  // NFKC can produce new quote/dash characters (e.g. from compatibility forms), so the folds run
  // after it; lower-casing can only produce letters, so one pass of the folds after it is enough.
  return foldPunctuation(text.replace(INVISIBLE, '').normalize('NFKC').toLowerCase()).replace(WHITESPACE, ' ').trim();
}

/**
 * A 64-bit content hash (two independent 32-bit FNV-1a lanes over UTF-16 code units), as 16 hex digits.
 * Not cryptographic: it only has to make accidental collisions negligible among ~10^6 statements
 * (birthday bound ~ 2^-24 at that size), and it must give the same value in Node and every browser,
 * synchronously, which rules out SubtleCrypto (async, and absent in some test environments).
 */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x2c9277b5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The dedupe key of a statement's text: equal for texts that differ only in typography, case or spacing. */
export function contentHash(text: string): string {
  return hash64(normalizeText(text));
}

/** Combining marks that follow a Latin, Greek or Cyrillic letter (after NFD). */
const FOLDABLE_MARKS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu;

/** Invisible characters dropped from word keys: the same set as INVISIBLE (zero-width, soft hyphen, bidi controls). */
const KEY_NOISE = /[\u00AD\u034F\u061C\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF]/g;

/**
 * The matching key of one word token: NFKC, invisible characters removed, look-alike letters of a
 * word that mixes Latin, Cyrillic, Greek or Armenian read in its main script (confusables.ts: a
 * "Аzerbаijаn" disguised with Cyrillic а keys as "azerbaijan"), lower case, curly apostrophe folded to
 * `'`, and diacritics removed from Latin, Greek and Cyrillic letters.
 *
 * Why diacritics go: outlets transliterate inconsistently ("Türkiye"/"Turkiye", "Aliyev"/"Əliyev" stays
 * distinct since Ə is a base letter, "ё"/"е" in Russian). Marks are kept in other scripts (Arabic
 * harakat, Devanagari matras) where they are either absent in news text anyway or carry meaning.
 * This key is for comparison only; offsets always point into the original text.
 */
export function normalizeToken(word: string): string {
  // ASCII fast path: NFKC and mark folding are identities there.
  if (!/[^\u0000-\u007F]/.test(word)) return word.toLowerCase();
  // Look-alikes are folded before lower-casing: UTS #39 lists them case for case (Cyrillic "Н" looks
  // like "H", its lower case "н" like no Latin letter).
  let key = foldConfusables(word.normalize('NFKC').replace(KEY_NOISE, '')).toLowerCase();
  if (/[\u2019\u02BC]/.test(key)) key = key.replace(/[\u2019\u02BC]/g, "'");
  if (/[^\u0000-\u007F]/.test(key)) key = key.normalize('NFD').replace(FOLDABLE_MARKS, '$1').normalize('NFC');
  return key;
}
