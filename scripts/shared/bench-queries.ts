/**
 * The benchmarks' articles (npm run bench, npm run bench:server): real news sentences of the MSRP corpus
 * (none of them in the index) with one 120-word passage of a Senate release embedded in the middle,
 * drawn with the caller's seeded generator so every run asks the same questions.
 */
import { tokenize, type StatementDoc } from '../../lib/engine/index.ts';
import type { Random } from './seeded-random.mjs';

export interface PassageQuery {
  text: string;
  sourceId: string;
  /** Word keys of the embedded passage, space-joined: a top hit counts if its text contains them. */
  passageKeys: string;
}

/** Filler sentences drawn at random until they hold 1,380 words or more. */
export function fillerWords(random: Random, filler: readonly string[]): string[] {
  const parts: string[] = [];
  let words = 0;
  while (words < 1380) {
    const sentence = filler[Math.floor(random() * filler.length)]!;
    parts.push(sentence);
    words += sentence.split(/\s+/).length;
  }
  return parts;
}

/**
 * `count` articles of ~1,500 words, each quoting 120 words of a release among the corpus's first 1,000
 * of 300 words or more (so the same releases are present at every corpus size).
 */
export function passageQueries(random: Random, corpus: readonly StatementDoc[], filler: readonly string[], count: number): PassageQuery[] {
  const pool = corpus.slice(0, 1000).filter((d) => d.text.split(/\s+/).length >= 300);
  return Array.from({ length: count }, () => {
    const source = pool[Math.floor(random() * pool.length)]!;
    const words = source.text.split(/\s+/);
    const start = Math.floor(random() * (words.length - 130));
    const passage = words.slice(start, start + 120).join(' ');
    const parts = fillerWords(random, filler);
    parts.splice(Math.floor(parts.length / 2), 0, `"${passage}," the senator said.`);
    return { text: parts.join(' '), sourceId: source.id, passageKeys: tokenize(passage).keys.join(' ') };
  });
}

/** `count` negatives: ~1,500 words of filler only (no release in them). */
export function negativeQueries(random: Random, filler: readonly string[], count: number): Array<{ text: string }> {
  return Array.from({ length: count }, () => {
    const parts = fillerWords(random, filler);
    parts.push(...fillerWords(random, filler).slice(0, 5));
    return { text: parts.join(' ') };
  });
}

/** Releases embedded in each long document (one passage each). */
export const LONG_SOURCES = 12;
/** Characters of a long document. */
export const LONG_CHARS = 20_000;

/**
 * `count` long documents (~20,000 characters: digests, roundups) of filler news sentences with a
 * 60-120-word passage of each of {@link LONG_SOURCES} releases, among the corpus's first 1,000 of 300
 * words or more (in every corpus size).
 */
export function longDocuments(
  random: Random,
  corpus: readonly StatementDoc[],
  filler: readonly string[],
  count: number,
): Array<{ text: string; sourceIds: string[] }> {
  const pool = corpus.slice(0, 1000).filter((d) => d.text.split(/\s+/).length >= 300);
  const out: Array<{ text: string; sourceIds: string[] }> = [];
  for (let q = 0; q < count; q++) {
    const parts: string[] = [];
    const sourceIds: string[] = [];
    let chars = 0;
    while (sourceIds.length < LONG_SOURCES) {
      const src = pool[Math.floor(random() * pool.length)]!;
      if (sourceIds.includes(src.id)) continue;
      const words = src.text.split(/\s+/);
      const length = 60 + Math.floor(random() * 61);
      const start = Math.floor(random() * (words.length - length));
      const passage = words.slice(start, start + length).join(' ');
      parts.push(passage);
      chars += passage.length;
      sourceIds.push(src.id);
    }
    while (chars < LONG_CHARS) {
      const s = filler[Math.floor(random() * filler.length)]!;
      parts.splice(Math.floor(random() * (parts.length + 1)), 0, s);
      chars += s.length + 1;
    }
    out.push({ text: parts.join(' '), sourceIds });
  }
  return out;
}
