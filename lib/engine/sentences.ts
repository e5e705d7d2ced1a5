/**
 * Sentence boundaries in token space: a new sentence starts at a token when the text between it and
 * the previous token holds a line break, or a sentence-final mark (. ! ? ; 。 ！ ？ ؟ ।) followed by
 * white space (after optional closing quotes/brackets), or a CJK full stop. Abbreviations
 * ("Col. Eyvazov", "U.S. officials") produce a few spurious breaks; paraphrase matching tolerates
 * that because it compares whole sentences by overlap.
 *
 * Sentences longer than {@link MAX_SENTENCE_WORDS} words are cut into windows of that size: some
 * corpora have lost their punctuation (the Senate releases are one "sentence" each), and comparing a
 * 20-word article sentence with a 900-word "sentence" is both meaningless and slow.
 */
import type { TokenStream } from './tokenize.ts';

export const MAX_SENTENCE_WORDS = 60;

const FINAL = new Set(['.', '!', '?', ';', '\u3002', '\uFF01', '\uFF1F', '\u061F', '\u0964']);
const CJK_FINAL = new Set(['\u3002', '\uFF01', '\uFF1F']);

function isBreak(text: string, from: number, to: number): boolean {
  let sawFinal = false;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') return true;
    if (CJK_FINAL.has(c)) return true;
    if (FINAL.has(c)) sawFinal = true;
    else if (sawFinal && (c === ' ' || c === '\t' || c === '\u00A0')) return true;
  }
  return false;
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
    if (isBreak(tokens.text, tokens.ends[i - 1]!, tokens.starts[i]!)) {
      push(start, i);
      start = i;
    }
  }
  if (n > start) push(start, n);
  return out;
}
