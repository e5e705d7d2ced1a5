/**
 * Sentence boundaries in token space: a new sentence starts at a token when the text between it and
 * the previous token holds a line break (or a line or paragraph separator), or a sentence-final mark (. ! ? ; 。 ！ ？ ؟ ।) followed by
 * white space of any kind, thin and no-break spaces included (after optional closing quotes/brackets), or a CJK full stop. A full stop alone does not
 * end a sentence after an abbreviation ("U.S. airspace", "Col. Eyvazov", "Feb. 3": a word with an
 * inner full stop, a single letter, or a title or month in {@link ABBREVIATIONS}), nor before a word
 * in lower case, nor after the day of a date written as an ordinal ("des 10. Mai"). Those breaks cut translated passages in two ("…entered U.S" / "airspace due to…"),
 * and paraphrases are compared sentence by sentence.
 *
 * Sentences longer than {@link MAX_SENTENCE_WORDS} words are cut into windows of that size: some
 * corpora have lost their punctuation (the Senate releases are one "sentence" each), and comparing a
 * 20-word article sentence with a 900-word "sentence" is both meaningless and slow.
 */
import { isDayOrdinalStop } from './day-month.ts';
import type { TokenStream } from './tokenize.ts';

export const MAX_SENTENCE_WORDS = 60;

const FINAL = new Set(['.', '!', '?', ';', '\u3002', '\uFF01', '\uFF1F', '\u061F', '\u0964']);
const CJK_FINAL = new Set(['\u3002', '\uFF01', '\uFF1F']);

/**
 * Words (matching keys) written with a full stop that rarely ends a sentence: titles before names and
 * month names before day numbers, as news copy abbreviates them.
 */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'col',
  'lt',
  'maj',
  'capt',
  'cmdr',
  'adm',
  'sgt',
  'cpl',
  'gov',
  'sen',
  'rep',
  'amb',
  'rev',
  'st',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'nos',
  'vs',
  'approx',
]);

const LOWER_CASE = /^\p{Ll}/u;
/** Every white space character: a copy whose spaces are thin or no-break spaces has the same sentences. */
const WHITE_SPACE = /\s/;

/** Whether the text between two tokens, [from, to), ends a sentence; `previous`: the first token's key. */
function isBreak(text: string, from: number, to: number, previous: string): boolean {
  let sawFinal = false;
  let onlyFullStop = true;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return true;
    if (CJK_FINAL.has(c)) return true;
    if (FINAL.has(c)) {
      sawFinal = true;
      if (c !== '.') onlyFullStop = false;
    } else if (sawFinal && (c === ' ' || WHITE_SPACE.test(c))) {
      return !onlyFullStop || !isAbbreviationStop(previous, text, to);
    }
  }
  return false;
}

/** A full stop after `previous` that does not end the sentence (the next word starts at `nextStart`). */
function isAbbreviationStop(previous: string, text: string, nextStart: number): boolean {
  if (previous.includes('.') || ABBREVIATIONS.has(previous)) return true;
  // "des 10. Mai": the ordinal stop of a day before its month (day-month.ts).
  if (isDayOrdinalStop(previous, text.slice(nextStart, nextStart + 24))) return true;
  if (previous.length === 1 && /\p{L}/u.test(previous)) return true;
  return LOWER_CASE.test(text.slice(nextStart, nextStart + 2));
}

/** Sentences as token ranges [start, end). */
export function sentenceRanges(tokens: TokenStream): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = tokens.keys.length;
  let start = 0;
  const push = (s: number, e: number) => {
    for (let k = s; k < e; k += MAX_SENTENCE_WORDS) out.push([k, Math.min(e, k + MAX_SENTENCE_WORDS)]);
  };
  for (let i = 1; i < n; i++) {
    const from = tokens.ends[i - 1]!;
    const to = tokens.starts[i]!;
    // Most words are parted by one plain space, which never ends a sentence: not worth isBreak's scan.
    if (to === from + 1 && tokens.text.charCodeAt(from) === 32) continue;
    if (isBreak(tokens.text, from, to, tokens.keys[i - 1]!)) {
      push(start, i);
      start = i;
    }
  }
  if (n > start) push(start, n);
  return out;
}
