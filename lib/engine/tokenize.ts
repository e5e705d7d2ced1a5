/**
 * Word tokens with offsets into the ORIGINAL string.
 *
 * Every later stage (fingerprints, alignment, quotes, classification) works on token indices and maps
 * back to `starts[i]`/`ends[i]`, so report offsets are JavaScript string indices into the text the
 * caller passed, whatever normalisation the keys went through.
 *
 * Two segmenters, one contract (`isWordLike` segments of Unicode UAX #29):
 * - `Intl.Segmenter` (word granularity) is the reference and the only correct choice for scripts
 *   written without spaces (Han, Kana, Thai, Lao, Khmer, Myanmar): it uses dictionaries there.
 * - For texts without such characters a single regular expression produces the same tokens
 *   (tests/engine/tokenize.test.ts checks equality with Intl.Segmenter for en, ru, az, tr, hy, ka,
 *   ar, de, fr). Why: in Node 20 / V8 the Segmenter costs 4 µs per word on short strings and grows
 *   super-linearly with string length (14 µs/word at 10 kB, 195 µs/word at 100 kB, measured with
 *   the dev articles); the regex costs ~0.3 µs/word. Indexing 72k Senate releases (40 M words)
 *   would take minutes through the Segmenter, seconds through the regex.
 * The Segmenter is fed chunks of at most {@link SEGMENTER_CHUNK} characters, cut at white space, to
 * stay on the linear part of its cost curve.
 */
import { foldLookAlikeRuns, mixesScripts } from './confusables.ts';
import { normalizeToken } from './normalize.ts';

export interface TokenStream {
  /** The original text. */
  readonly text: string;
  /** Start offset (UTF-16 index into `text`) of each word. */
  readonly starts: Uint32Array;
  /** End offset (exclusive) of each word. */
  readonly ends: Uint32Array;
  /** Matching key of each word (see normalizeToken). */
  readonly keys: string[];
  /** 32-bit hash of each key (see hashKey). */
  readonly hashes: Uint32Array;
}

/** Scripts that do not separate words by spaces: these need dictionary segmentation. */
const NEEDS_DICTIONARY =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/**
 * Invisible characters a word may carry: soft hyphen, combining grapheme joiner, zero-width space,
 * (non-)joiners, direction marks, embeddings and isolates, word joiner, invisible operators,
 * variation selectors, BOM (the set normalize.ts drops from keys).
 */
const INVISIBLE_IN_WORD = '\\u00AD\\u034F\\u061C\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\uFE00-\\uFE0F\\uFEFF';

/**
 * UAX #29 words for space-delimited scripts: letters, marks, digits and connector punctuation, joined
 * across a single apostrophe / full stop / middle dot (MidNumLet: "Azerbaijan's", "U.S", "1.5") and
 * across a comma between digits (MidNum: "10,000"). Invisible joiners and bidi controls inside a word
 * are kept in the token (and dropped from its key), as Intl.Segmenter keeps format characters (UAX #29
 * WB4), so that a page salted with zero-width or bidi characters cannot split every word in two; that
 * includes those next to an inner apostrophe ("Azerbaijan'\u200Bs"). A word starts with a visible
 * character, so an invisible one alone between two spaces is no word (it would be a word with an
 * empty key, and break every n-gram around it).
 */
const WORD = new RegExp(
  `[\\p{L}\\p{M}\\p{N}\\p{Pc}][\\p{L}\\p{M}\\p{N}\\p{Pc}${INVISIBLE_IN_WORD}]*` +
    `(?:['\\u2019.\\u00B7\\u2027\\uFE52\\uFF07\\uFF0E][${INVISIBLE_IN_WORD}]*[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N}${INVISIBLE_IN_WORD}]*` +
    `|(?<=\\p{N}[${INVISIBLE_IN_WORD}]*)[,;\\u066B\\u066C\\uFE50\\uFE54\\uFF0C\\uFF1B](?=[${INVISIBLE_IN_WORD}]*\\p{N})[${INVISIBLE_IN_WORD}]*\\p{N}[\\p{N}${INVISIBLE_IN_WORD}]*)*`,
  'gu',
);

/** ASCII code units that may start or continue a word: 1 letter or digit, 2 the underscore (\p{Pc}). */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (c === 95 ? 2 : (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0));
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Visits the [start, end) of every match of {@link WORD} in `text`, in order, with the same ranges;
 * for a word of ASCII characters also its key's hash (hashKey of the word in lower case) and whether
 * it has capitals, read on the way (−1 and false for other words). Such words (nearly every word of
 * English, and the figures and Latin names of other languages) are read by a loop over code units; a
 * word that touches any other character is left to the expression. Why by hand: the expression
 * allocated a match array per word and cost a third of tokenising. The lower-casing hash step is
 * written out in each of the three loops (first unit, body, joined part): one loop switching on what
 * it accepts cost 104 against 95 ns a word (3,000 releases). Checked against the expression on all
 * 72,607 Senate releases, the dev sets and the saved pages (34.9 million words; tokenize.test.ts
 * compares the two on the saved pages).
 */
function forEachWord(text: string, visit: (start: number, end: number, asciiHash: number, upper: boolean) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && !ASCII_WORD[c]) {
      i++;
      continue;
    }
    let j = i + 1;
    let other = c >= 0x80;
    // The key's hash (hashKey of the word in lower case) and whether it has capitals, read on the way.
    let h = FNV_OFFSET;
    let upper = false;
    if (!other) {
      if (c >= 65 && c <= 90) {
        upper = true;
        h = Math.imul(h ^ (c + 32), FNV_PRIME);
      } else h = Math.imul(h ^ c, FNV_PRIME);
      // The word's body: letters, digits, underscores.
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 0x80 || !ASCII_WORD[d]) break;
        if (d >= 65 && d <= 90) {
          upper = true;
          h = Math.imul(h ^ (d + 32), FNV_PRIME);
        } else h = Math.imul(h ^ d, FNV_PRIME);
        j++;
      }
      // Joined parts: an apostrophe or full stop before a letter or digit ("U.S", "it's", "1.5"), a
      // comma or semicolon between digits ("10,000"); a part has no underscore.
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 0x80) {
          other = true;
          break;
        }
        const joiner = d === 39 || d === 46;
        if (!joiner && !((d === 44 || d === 59) && isAsciiDigit(text.charCodeAt(j - 1)))) break;
        if (j + 1 >= n) break;
        const e = text.charCodeAt(j + 1);
        if (e >= 0x80) {
          other = true;
          break;
        }
        if (joiner ? ASCII_WORD[e] !== 1 : !isAsciiDigit(e)) break;
        h = Math.imul(h ^ d, FNV_PRIME);
        j++;
        while (j < n) {
          const f = text.charCodeAt(j);
          if (joiner ? f >= 0x80 || ASCII_WORD[f] !== 1 : !isAsciiDigit(f)) break;
          if (f >= 65 && f <= 90) {
            upper = true;
            h = Math.imul(h ^ (f + 32), FNV_PRIME);
          } else h = Math.imul(h ^ f, FNV_PRIME);
          j++;
        }
      }
    }
    if (other) {
      // Not only ASCII: the expression decides, from here (it finds the next word at or after i).
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (!m) return;
      j = m.index + m[0].length;
      visit(m.index, j, -1, false);
    } else visit(i, j, finishHash(h), upper);
    i = j;
  }
}

/** Longest string handed to Intl.Segmenter in one call (see the cost note above). */
export const SEGMENTER_CHUNK = 400;

const segmenterCache = new Map<string, Intl.Segmenter>();
function segmenterFor(lang: string | undefined): Intl.Segmenter {
  const key = lang ?? 'und';
  let seg = segmenterCache.get(key);
  if (!seg) {
    try {
      seg = new Intl.Segmenter(key, { granularity: 'word' });
    } catch {
      seg = new Intl.Segmenter('und', { granularity: 'word' });
    }
    segmenterCache.set(key, seg);
  }
  return seg;
}

/** FNV-1a's offset basis and prime (32-bit). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units (of the first `length` only, if given), finished with a murmur-style avalanche so n-gram mixing stays uniform. */
export function hashKey(key: string, length = key.length): number {
  let h = FNV_OFFSET;
  const end = Math.min(length, key.length);
  for (let i = 0; i < end; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return finishHash(h);
}

function finishHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Word ranges by Intl.Segmenter, fed in chunks cut at white space. */
export function segmentWords(text: string, lang?: string): Array<[number, number]> {
  const seg = segmenterFor(lang);
  const out: Array<[number, number]> = [];
  let pos = 0;
  while (pos < text.length) {
    let end = Math.min(text.length, pos + SEGMENTER_CHUNK);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      const newline = text.lastIndexOf('\n', end);
      const cut = Math.max(space, newline);
      if (cut > pos + SEGMENTER_CHUNK / 4) end = cut;
    }
    for (const s of seg.segment(text.slice(pos, end))) {
      if (s.isWordLike) out.push([pos + s.index, pos + s.index + s.segment.length]);
    }
    pos = end;
  }
  return out;
}

/** Word ranges by {@link WORD} alone: what forEachWord must give (tests compare the two on real text). */
export function wordRangesByExpression(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Word ranges by the fast UAX #29 approximation (space-delimited scripts only). */
export function matchWords(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  forEachWord(text, (start, end) => out.push([start, end]));
  return out;
}

/** True when the text needs dictionary segmentation (contains Han, Kana, Thai, ... characters). */
export function needsDictionarySegmentation(text: string): boolean {
  return NEEDS_DICTIONARY.test(text);
}

/**
 * Matching key and hash of one surface word, in two module-level slots rather than a returned object:
 * tokenising is the engine's innermost loop (every check tokenises the article and each candidate),
 * and one object per word was garbage.
 */
let wordKey = '';
let wordHash = 0;
/** Whether the last word read mixes Latin, Cyrillic, Greek or Armenian letters (see foldLookAlikeWords). */
let wordMixed = false;

/**
 * Sets wordKey / wordHash for `raw`.
 *
 * ASCII words (most words of English, and the digits and Latin names of every other language) take
 * no lookup: their key is the word in lower case (normalizeToken's own ASCII rule), and its hash is
 * computed over the characters as they are read, folding case on the fly: the same value as
 * hashKey(key). Other words go through a cache of surface word → key and hash, because NFKC, case and
 * mark folding are the expensive step there.
 *
 * Why not cache every word: after a worker indexes 20,000 releases the cache holds ~200,000 entries,
 * and a lookup into a Map that large (hashing the word, then touching memory that is no longer in
 * the CPU caches) cost more than the lower-casing it saved. Tokenising fell from 0.45-0.60 to
 * 0.13-0.15 µs a word in Node with the direct path, and in the worker's CPU profile of 53 checks at
 * 100,000 statements from 403 to 99 ms (docs/PERFORMANCE.md, "Warm checks do less").
 */
function readWord(raw: string): void {
  let h = FNV_OFFSET;
  let upper = false;
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c > 0x7f) {
      cachedWord(raw);
      return;
    }
    if (c >= 65 && c <= 90) {
      c += 32;
      upper = true;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  wordKey = upper ? raw.toLowerCase() : raw;
  wordHash = finishHash(h);
  wordMixed = false;
}

/**
 * readWord for the word text[start, end) as forEachWord found it: an ASCII word comes with its key
 * hash and whether it has capitals (asciiHash ≥ 0), read while it was found.
 */
function readWordAt(text: string, start: number, end: number, asciiHash: number, upper: boolean): void {
  const raw = text.slice(start, end);
  if (asciiHash < 0) {
    readWord(raw);
    return;
  }
  wordKey = upper ? raw.toLowerCase() : raw;
  wordHash = asciiHash;
  wordMixed = false;
}

/**
 * Cache of surface word → matching key for words with non-ASCII characters: news and release
 * vocabulary is highly repetitive, and NFKC + case folding + mark folding is the most expensive step
 * of tokenising. Bounded: cleared when it reaches {@link KEY_CACHE_LIMIT} entries.
 */
const KEY_CACHE_LIMIT = 100_000;
/** Matching key and its hash, cached together: one Map lookup per word instead of two. */
interface CachedWord {
  key: string;
  hash: number;
  mixed: boolean;
}
const wordCache = new Map<string, CachedWord>();

function cachedWord(raw: string): void {
  let word = wordCache.get(raw);
  if (word === undefined) {
    const key = normalizeToken(raw);
    word = { key, hash: hashKey(key), mixed: mixesScripts(raw) };
    if (wordCache.size >= KEY_CACHE_LIMIT) wordCache.clear();
    wordCache.set(raw, word);
  }
  wordKey = word.key;
  wordHash = word.hash;
  wordMixed = word.mixed;
}

/** Keys of words written wholly in look-alikes of their neighbours' script (confusables.ts, foldLookAlikeRuns). */
function foldLookAlikeWords(keys: string[], hashes: number[]): void {
  foldLookAlikeRuns(keys, (k, folded) => {
    keys[k] = folded;
    hashes[k] = hashKey(folded);
  });
}

/** Tokenises `text` into words with original offsets, matching keys and key hashes. */
export function tokenize(text: string, lang?: string): TokenStream {
  const keys: string[] = [];
  const hashList: number[] = [];
  const startList: number[] = [];
  const endList: number[] = [];
  let mixed = false;
  /** Appends the word just read (readWord, readWordAt) at [s, e). */
  const record = (s: number, e: number) => {
    mixed ||= wordMixed;
    startList.push(s);
    endList.push(e);
    keys.push(wordKey);
    hashList.push(wordHash);
  };
  if (needsDictionarySegmentation(text)) {
    for (const [s, e] of segmentWords(text, lang)) {
      readWord(text.slice(s, e));
      record(s, e);
    }
  } else {
    // No intermediate [start, end] pair per word (fewer short-lived objects, fewer garbage
    // collections during a check).
    forEachWord(text, (start, end, asciiHash, upper) => {
      readWordAt(text, start, end, asciiHash, upper);
      record(start, end);
    });
  }
  if (mixed) foldLookAlikeWords(keys, hashList);
  return { text, starts: Uint32Array.from(startList), ends: Uint32Array.from(endList), keys, hashes: Uint32Array.from(hashList) };
}

/**
 * Only the key hashes of `text`'s words: same values as tokenize().hashes, without building offset
 * arrays (a third of the indexing time and most of its garbage).
 */
export function wordHashes(text: string, lang?: string): Uint32Array {
  return indexWords(text, lang).hashes;
}

/**
 * Key hashes and keys of `text`'s words in one pass: indexing needs the hashes for fingerprints and
 * terms, and the keys for cross-language anchors (which romanise the key, not its hash).
 */
export function indexWords(text: string, lang?: string): { hashes: Uint32Array; keys: string[] } {
  if (needsDictionarySegmentation(text)) {
    const t = tokenize(text, lang);
    return { hashes: t.hashes, keys: t.keys };
  }
  const hashes: number[] = [];
  const keys: string[] = [];
  let mixed = false;
  forEachWord(text, (start, end, asciiHash, upper) => {
    readWordAt(text, start, end, asciiHash, upper);
    mixed ||= wordMixed;
    hashes.push(wordHash);
    keys.push(wordKey);
  });
  if (mixed) foldLookAlikeWords(keys, hashes);
  return { hashes: Uint32Array.from(hashes), keys };
}
