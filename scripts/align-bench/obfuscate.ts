/**
 * The benchmark's text operations, after the PAN plagiarism corpora (Potthast et al. 2010): random
 * obfuscation shuffles, deletes, inserts and replaces words and short phrases at random, replacements
 * drawn from a synonym list; summaries are shorter extracts of a long passage.
 */
import { pick, seededRandom, shuffle, type Random } from '../shared/seeded-random.mjs';
import type { Thesaurus } from './wordnet.ts';

export { pick, seededRandom, shuffle, type Random };

export const randomInt = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/**
 * Sentences of a release as [start, end) character ranges. The Senate texts lost their line breaks,
 * so a sentence also ends where a full stop runs straight into a capital ("wars.Akaka").
 */
export function sentenceSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const boundary = /[.!?]["'\u201D)]?(?:\s+|(?=[A-Z]))/g;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].trimEnd().length;
    if (end - start > 1 && /[A-Z"\u201C(]/.test(text[m.index + m[0].length] ?? 'A')) {
      out.push([start, end]);
      start = m.index + m[0].length;
    }
  }
  if (text.length - start > 1) out.push([start, text.trimEnd().length]);
  return out.filter(([s, e]) => e > s);
}

/**
 * Random obfuscation of a passage: `rate` × (word count) operations, each one of
 * - replace a word by a synonym (when the list has one; else the operation is retried elsewhere),
 * - delete one to three words,
 * - insert one to three words taken from `fillerWords`,
 * - shuffle: move a word one to three places,
 * at random positions. Punctuation stays attached to its word.
 */
export function randomEdits(text: string, rate: number, thesaurus: Thesaurus, fillerWords: readonly string[], random: Random): string {
  const words = text.split(/\s+/).filter(Boolean);
  const operations = Math.max(1, Math.round(words.length * rate));
  let done = 0;
  for (let attempt = 0; done < operations && attempt < operations * 10; attempt++) {
    const op = Math.floor(random() * 4);
    const at = Math.floor(random() * words.length);
    if (op === 0) {
      const m = /^([^A-Za-z]*)([A-Za-z]+)([^A-Za-z]*)$/.exec(words[at]!);
      const options = m ? thesaurus.synonyms(m[2]!) : [];
      if (!m || !options.length) continue;
      let replacement = pick(random, options);
      if (/^[A-Z]/.test(m[2]!)) replacement = replacement[0]!.toUpperCase() + replacement.slice(1);
      words[at] = m[1]! + replacement + m[3]!;
    } else if (op === 1) {
      if (words.length < 8) continue;
      words.splice(at, randomInt(random, 1, 3));
    } else if (op === 2) {
      const count = randomInt(random, 1, 3);
      const from = Math.floor(random() * Math.max(1, fillerWords.length - count));
      words.splice(at, 0, ...fillerWords.slice(from, from + count));
    } else {
      const to = Math.min(words.length - 1, Math.max(0, at + (random() < 0.5 ? -1 : 1) * randomInt(random, 1, 3)));
      const [w] = words.splice(at, 1);
      words.splice(to, 0, w!);
    }
    done++;
  }
  return words.join(' ');
}

/**
 * A summary of `sentences` (the passage's sentences, in order) as a shorter extract: about `keep` of
 * them, in their order, each cut after 60-100 % of its words, lightly edited (`editRate`).
 */
export function extractSummary(
  sentences: readonly string[],
  keep: number,
  editRate: number,
  thesaurus: Thesaurus,
  fillerWords: readonly string[],
  random: Random,
): string {
  const count = Math.max(1, Math.round(sentences.length * keep));
  const chosen = shuffle(
    random,
    sentences.map((_, i) => i),
  )
    .slice(0, count)
    .sort((a, b) => a - b);
  return chosen
    .map((i) => {
      const words = sentences[i]!.split(/\s+/).filter(Boolean);
      const cut = Math.max(4, Math.round(words.length * (0.6 + 0.4 * random())));
      let sentence = words.slice(0, cut).join(' ');
      if (editRate > 0) sentence = randomEdits(sentence, editRate, thesaurus, fillerWords, random);
      return /[.!?]["'\u201D]?$/.test(sentence) ? sentence : sentence.replace(/[,;:]$/, '') + '.';
    })
    .join(' ');
}
