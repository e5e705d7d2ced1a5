/**
 * The text as the rule-based readers (quotes.ts, speakers.ts, credits.ts) should see it: invisible
 * characters removed, every white space a plain space or line break, every quotation-mark look-alike
 * the mark it looks like, and every word that mixes Latin, Cyrillic, Greek or Armenian letters read
 * in one script (confusables.ts). A disguised copy ("sаid" with a Cyrillic а, a full-width ＂ quote, a
 * thin space after a full stop, a zero-width space inside "Ministry") then reads like the plain one:
 * the same quotes, speakers and credits.
 *
 * Those readers are regular expressions over the text; word tokens (tokenize.ts) need none of this,
 * as they fold each word on their own. Offsets: removing invisible characters shortens the text, so a
 * map gives the original offset of every canonical offset; everything the engine reports is mapped
 * back (the engine never reports an offset into a normalised text).
 */
import { foldConfusables, foldLookAlikeRuns, mixesScripts } from './confusables.ts';

export interface CanonicalText {
  /** The canonical text. */
  readonly text: string;
  /** Original offset of each canonical offset 0..text.length; null when the text is the original. */
  readonly origin: Uint32Array | null;
}

/** Invisible characters (the set normalize.ts drops from keys): removed. */
const INVISIBLE = /[\u00AD\u034F\u061C\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF]/;

/** White space other than space, tab and line breaks: becomes a space; line and paragraph separators a line break. */
const SPACE_LIKE: Readonly<Record<string, string>> = {
  '\u00A0': ' ',
  '\u1680': ' ',
  '\u2000': ' ',
  '\u2001': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200A': ' ',
  '\u202F': ' ',
  '\u205F': ' ',
  '\u3000': ' ',
  '\u000B': '\n',
  '\u000C': '\n',
  '\u0085': '\n',
  '\u2028': '\n',
  '\u2029': '\n',
};

/**
 * Quotation-mark look-alikes → the mark quotes.ts reads: full-width ＂ ＇ as the straight marks they
 * are wide forms of, high-reversed ‟ ‛ and the ornamental ❝ ❞ ❛ ❜ as English curly marks, the CJK
 * double primes 〝 〞 〟 as curly double marks, half-width and vertical corner brackets as 「 」 『 』,
 * the low double ⹂ as „.
 */
const QUOTE_LIKE: Readonly<Record<string, string>> = {
  '\uFF02': '"',
  '\uFF07': "'",
  '\u201F': '\u201C',
  '\u201B': '\u2018',
  '\u275D': '\u201C',
  '\u275E': '\u201D',
  '\u275B': '\u2018',
  '\u275C': '\u2019',
  '\u301D': '\u201C',
  '\u301E': '\u201D',
  '\u301F': '\u201D',
  '\uFF62': '\u300C',
  '\uFF63': '\u300D',
  '\uFE41': '\u300C',
  '\uFE42': '\u300D',
  '\uFE43': '\u300E',
  '\uFE44': '\u300F',
  '\u2E42': '\u201E',
};

/** Anything canonicalisation would change (a text without any is its own canonical form). */
const NEEDS_WORK = new RegExp(
  `${INVISIBLE.source}|[${Object.keys(SPACE_LIKE).join('')}${Object.keys(QUOTE_LIKE).join('')}]|[\\u0370-\\u058F\\u1F00-\\u1FFF\\uA640-\\uA69F]`,
);

const LETTER_RUN = /[\p{L}\p{M}]+/gu;

export function canonicalText(text: string): CanonicalText {
  if (!NEEDS_WORK.test(text)) return { text, origin: null };
  const origin = new Uint32Array(text.length + 1);
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (INVISIBLE.test(c)) {
      changed = true;
      continue;
    }
    origin[out.length] = i;
    const mapped = SPACE_LIKE[c] ?? QUOTE_LIKE[c];
    if (mapped !== undefined) changed = true;
    out += mapped ?? c;
  }
  origin[out.length] = text.length;
  // Confusable letters last: an invisible character inside "sа\u200Bid" hid the word "sаid" until now.
  // foldConfusables keeps the length, so `origin` stays valid.
  if (mixesScripts(out)) {
    const words: string[] = [];
    const starts: number[] = [];
    LETTER_RUN.lastIndex = 0;
    for (let m = LETTER_RUN.exec(out); m; m = LETTER_RUN.exec(out)) {
      words.push(m[0]);
      starts.push(m.index);
    }
    let anyMixed = false;
    for (let k = 0; k < words.length; k++) {
      if (!mixesScripts(words[k]!)) continue;
      anyMixed = true;
      words[k] = foldConfusables(words[k]!);
    }
    if (anyMixed) {
      foldLookAlikeRuns(words, (k, folded) => (words[k] = folded));
      let rebuilt = '';
      let pos = 0;
      for (let k = 0; k < words.length; k++) {
        rebuilt += out.slice(pos, starts[k]) + words[k];
        pos = starts[k]! + words[k]!.length;
      }
      out = rebuilt + out.slice(pos);
      changed = true;
    }
  }
  if (!changed) return { text, origin: null };
  return { text: out, origin: out.length === text.length && isIdentity(origin) ? null : origin.subarray(0, out.length + 1) };
}

function isIdentity(origin: Uint32Array): boolean {
  for (let i = 0; i < origin.length; i++) if (origin[i] !== i) return false;
  return true;
}

/** Original offset of canonical offset `at`. */
export function toOriginal(c: CanonicalText, at: number): number {
  return c.origin ? c.origin[at]! : at;
}

/**
 * Canonical offset of original offset `at`: the first canonical character at or after it (an offset
 * inside a run of removed characters maps to the next kept one).
 */
export function toCanonical(c: CanonicalText, at: number): number {
  const o = c.origin;
  if (!o) return at;
  let lo = 0;
  let hi = o.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (o[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
