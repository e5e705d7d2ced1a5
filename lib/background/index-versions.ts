import { GRAM_SIZE, MAX_WINDOW, windowFor } from '../engine/index';

/**
 * What the index holds for a statement. A snapshot saved under an older version holds stale entries
 * for the statements a change concerns, which a load re-indexes (corpus-index.ts, reindexChanged):
 * 2: Chinese words anchor through their English words (chinese-glosses.ts), before not at all;
 *    Arabic words without their article, Cyrillic -ция, Turkic -asyon/-asiya, Malay -asi nouns with t
 *    (transliterate.ts).
 * 3: long statements keep more fingerprints (the winnowing window stops growing at MAX_WINDOW,
 *    fingerprint.ts), so a quote from anywhere in them is found.
 * 4: a doubled waw in Arabic script reads as a consonant and a vowel (transliterate.ts).
 */
export const INDEX_VERSION = 4;
/**
 * Language tags whose anchors version 2 changed: Han-script languages (Chinese, Japanese kanji
 * words), Arabic, the languages written in Cyrillic, Turkish and Azerbaijani (and their kin),
 * Indonesian and Malay.
 */
const CHANGED_IN_VERSION_2 = /^(zh|ja|yue|cmn|wuu|hak|gan|lzh|ar|ru|uk|be|bg|sr|mk|kk|ky|tg|mn|tt|ba|cv|tr|az|tk|crh|gag|id|ms)([-_]|$)/i;
/** Language tags written in Arabic script, whose anchors version 4 changed. */
const CHANGED_IN_VERSION_4 = /^(ar|fa|prs|ur|ps|ckb|sd|ug|ks|bal|skr|pnb|arz|apc|ary|acm)([-_]|$)/i;

/**
 * Whether the current version indexes a statement otherwise than version `saved` did, from what the
 * index keeps of it (language tag, token count): the statements a load re-indexes after an upgrade.
 */
export function indexedOtherwiseSince(saved: number, meta: { lang: string; tokens: number }): boolean {
  return (
    (saved < 2 && CHANGED_IN_VERSION_2.test(meta.lang)) ||
    (saved < 3 && windowFor(Math.max(0, meta.tokens - GRAM_SIZE + 1)) >= MAX_WINDOW) ||
    (saved < 4 && CHANGED_IN_VERSION_4.test(meta.lang))
  );
}
