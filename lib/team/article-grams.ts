import { gramHashes, tokenize } from '../engine/index';

/**
 * The article's distinct 4-gram hashes, exactly those the local engine looks up (retrieve.ts: every
 * gram of tokenize(text, lang)), and its word count. They are keyed (gram-key.ts) and sorted by keyed
 * value before they leave the browser, so the request carries neither the words nor their order.
 */
export function articleGrams(text: string, lang?: string): { grams: Uint32Array; words: number } {
  const tokens = tokenize(text, lang);
  const distinct = new Set<number>(gramHashes(tokens.hashes));
  return { grams: Uint32Array.from(distinct), words: tokens.keys.length };
}
