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
