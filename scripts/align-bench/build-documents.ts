/**
 * Builds the eval:align benchmark: long documents (5-20k characters) that reuse passages of 1 to 38
 * source statements, with the offsets of every reused passage on both sides known, after the PAN
 * text-alignment corpora (Potthast et al. 2010, 2013).
 *
 * - Sources are real US Senate press releases; filler is text of other releases that are not indexed.
 * - Kinds of reuse, one per document: `verbatim` (copied as is), `random` (random obfuscation,
 *   obfuscate.ts: 10-30 % of the words shuffled, deleted, inserted or replaced by a WordNet synonym),
 *   `paraphrase` (real human paraphrases: the source holds MSRP sentences, the document their MSRP
 *   paraphrases), `summary` (a long passage of 6+ sentences, 1,500-5,000 characters, summarised as a
 *   shorter extract: a quarter to two fifths of its sentences, each cut after 60-100 % of its words,
 *   5 % of the words edited); plus `none` documents that reuse nothing (filler only).
 * - Clean gold: the Senate file repeats paragraphs across a senator's releases, so a reused passage
 *   is taken only if none of its 8-word shingles occurs in another indexed statement, a source is
 *   taken only if it holds no shingle of an earlier reused passage, and filler only if it shares no
 *   shingle with any indexed statement. Otherwise a document would reuse text that is truly in two
 *   statements while the gold names one.
 * - Deterministic: everything is drawn from one seeded generator.
 */
import type { StatementDoc } from '../../lib/engine/index.ts';
import type { AlignmentPair } from './plagdet.ts';
import { extractSummary, pick, randomEdits, randomInt, seededRandom, sentenceSpans, shuffle, type Random } from './obfuscate.ts';
import type { Thesaurus } from './wordnet.ts';

export const REUSE_KINDS = ['verbatim', 'random', 'paraphrase', 'summary'] as const;
export type ReuseKind = (typeof REUSE_KINDS)[number];
export type DocumentKind = ReuseKind | 'none';

export interface BenchCase extends AlignmentPair {
  kind: ReuseKind;
}

export interface BenchDocument {
  id: string;
  kind: DocumentKind;
  text: string;
  cases: BenchCase[];
}

export interface Benchmark {
  /** Everything to index: the sources (paraphrase sources with their MSRP sentences) and the distractors. */
  statements: StatementDoc[];
  documents: BenchDocument[];
}

export interface MsrpPair {
  s1: string;
  s2: string;
}

export interface BuildOptions {
  documents: number;
  distractors: number;
  seed: number;
}

/** Share of documents of each kind (summary documents hold 1-3 cases, the others up to 38). */
export const KIND_WEIGHTS: Record<DocumentKind, number> = { none: 0.15, verbatim: 0.22, random: 0.22, paraphrase: 0.22, summary: 0.19 };
export const MIN_DOCUMENT_CHARS = 5_000;
export const MAX_DOCUMENT_CHARS = 20_000;
export const MAX_SOURCES = 38;
export const MIN_PASSAGE_CHARS = 300;
const SHINGLE_WORDS = 8;

/** 32-bit hashes of the text's 8-word shingles (words: lower-case letter and digit runs). */
export function shingles(text: string): Uint32Array {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const hashes = words.map((w) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
    return h >>> 0;
  });
  const out = new Uint32Array(Math.max(0, hashes.length - SHINGLE_WORDS + 1));
  for (let i = 0; i < out.length; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < SHINGLE_WORDS; k++) h = Math.imul(h ^ hashes[i + k]!, 0x5bd1e995) ^ (h >>> 13);
    out[i] = h >>> 0;
  }
  return out;
}

function anyIn(hashes: Uint32Array, set: Set<number>): boolean {
  for (let i = 0; i < hashes.length; i++) if (set.has(hashes[i]!)) return true;
  return false;
}

function chooseKind(random: Random): DocumentKind {
  let x = random();
  for (const [kind, w] of Object.entries(KIND_WEIGHTS) as Array<[DocumentKind, number]>) {
    if ((x -= w) < 0) return kind;
  }
  return 'none';
}

/** Whole sentences of `text` from a random sentence start, at least `chars` long when the text allows. */
function sentenceRun(text: string, chars: number, random: Random, minSentences = 1): [number, number] | undefined {
  const spans = sentenceSpans(text);
  if (spans.length < minSentences) return undefined;
  const starts = spans.map((_, i) => i).filter((i) => text.length - spans[i]![0] >= chars || i === 0);
  const first = pick(random, starts.length ? starts : [0]);
  let last = first;
  while (last + 1 < spans.length && (spans[last]![1] - spans[first]![0] < chars || last - first + 1 < minSentences)) last++;
  if (last - first + 1 < minSentences) return undefined;
  const start = spans[first]![0];
  let end = spans[last]![1];
  // Releases that lost their punctuation are one long "sentence": cut at the first space past `chars`.
  if (end - start > 1.5 * chars) {
    const space = text.indexOf(' ', start + chars);
    if (space > 0 && space < end) end = space;
  }
  return [start, end];
}

/** `text` cut at the last space before `chars` (whole when shorter). */
function cutAtWord(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const space = text.lastIndexOf(' ', chars);
  return space > 0 ? text.slice(0, space) : text.slice(0, chars);
}

interface PlannedPassage {
  kind: ReuseKind;
  source: string;
  text: string;
  src: [number, number];
}

export function buildBenchmark(releases: readonly StatementDoc[], msrp: readonly MsrpPair[], thesaurus: Thesaurus, options: BuildOptions): Benchmark {
  const random = seededRandom(options.seed);
  const seenTexts = new Set<string>();
  const pool = shuffle(
    random,
    releases.filter((r) => r.text.length >= 600 && !seenTexts.has(r.text) && seenTexts.add(r.text)),
  );
  let next = 0;
  const take = () => pool[next++];

  // Distractors first, so every reused passage can be checked against them.
  const indexed = new Set<number>();
  const statements: StatementDoc[] = [];
  for (let i = 0; i < options.distractors && next < pool.length; i++) {
    const d = take()!;
    statements.push(d);
    for (const h of shingles(d.text)) indexed.add(h);
  }
  const usedPassages = new Set<number>();
  const paraphrases = shuffle(random, [...msrp]);
  let nextParaphrase = 0;
  // Words to insert: running text of five releases that are never used otherwise (the pool's tail).
  const fillerWords = pool
    .slice(-5)
    .flatMap((r) => r.text.split(/\s+/))
    .filter((w) => /^[a-z]+$/.test(w));

  /** A fresh source release whose `passage` of it (chosen by `choose`) is clean; registers both. */
  const takeSource = (choose: (doc: StatementDoc) => { doc: StatementDoc; src: [number, number]; text: string; kind: ReuseKind } | undefined) => {
    for (let tries = 0; tries < 200 && next < pool.length; tries++) {
      const candidate = take()!;
      const all = shingles(candidate.text);
      if (anyIn(all, usedPassages)) continue;
      const planned = choose(candidate);
      if (!planned) continue;
      const own = shingles(planned.doc.text.slice(planned.src[0], planned.src[1]));
      if (anyIn(own, indexed)) continue;
      statements.push(planned.doc);
      for (const h of shingles(planned.doc.text)) indexed.add(h);
      for (const h of own) usedPassages.add(h);
      return planned;
    }
    return undefined;
  };

  const planPassage = (kind: ReuseKind, chars: number): PlannedPassage | undefined => {
    const planned = takeSource((doc) => {
      if (kind === 'paraphrase') {
        const pairs: MsrpPair[] = [];
        let length = 0;
        while (length < chars && nextParaphrase < paraphrases.length) {
          const p = paraphrases[nextParaphrase++]!;
          pairs.push(p);
          length += p.s2.length + 1;
        }
        if (!pairs.length) return undefined;
        const spans = sentenceSpans(doc.text);
        const at = spans.length ? spans[randomInt(random, 0, spans.length - 1)]![0] : 0;
        const block = pairs.map((p) => p.s1).join(' ');
        const text = doc.text.slice(0, at) + block + ' ' + doc.text.slice(at);
        return { doc: { ...doc, id: `${doc.id}+msrp`, text }, src: [at, at + block.length], text: pairs.map((p) => p.s2).join(' '), kind };
      }
      if (kind === 'summary') {
        const run = sentenceRun(doc.text, randomInt(random, 1500, 5000), random, 6);
        if (!run || run[1] - run[0] < 1500) return undefined;
        const sentences = sentenceSpans(doc.text.slice(run[0], run[1])).map(([s, e]) => doc.text.slice(run[0] + s, run[0] + e));
        const text = extractSummary(sentences, 0.25 + 0.15 * random(), 0.05, thesaurus, fillerWords, random);
        return { doc, src: run, text, kind };
      }
      const run = sentenceRun(doc.text, chars, random);
      if (!run) return undefined;
      const original = doc.text.slice(run[0], run[1]);
      const text = kind === 'random' ? randomEdits(original, 0.1 + 0.2 * random(), thesaurus, fillerWords, random) : original;
      return { doc, src: run, text, kind };
    });
    return planned && { kind: planned.kind, source: planned.doc.id, text: planned.text, src: planned.src };
  };

  // Pass 1: the reuse of every document; pass 2 (below) adds the filler, checked against all sources.
  const plans: Array<{ id: string; kind: DocumentKind; length: number; passages: PlannedPassage[] }> = [];
  for (let d = 0; d < options.documents; d++) {
    const kind = chooseKind(random);
    const length = randomInt(random, MIN_DOCUMENT_CHARS, MAX_DOCUMENT_CHARS);
    const passages: PlannedPassage[] = [];
    if (kind !== 'none') {
      const budget = length * (0.2 + 0.6 * random());
      const wanted = kind === 'summary' ? randomInt(random, 1, 3) : Math.round(Math.exp(random() * Math.log(MAX_SOURCES)));
      const count = Math.max(1, Math.min(wanted, Math.floor(budget / MIN_PASSAGE_CHARS)));
      const weights = Array.from({ length: count }, () => 0.5 + random());
      const sum = weights.reduce((a, b) => a + b, 0);
      for (const w of weights) {
        const p = planPassage(kind, Math.max(MIN_PASSAGE_CHARS, Math.round((budget * w) / sum)));
        if (p) passages.push(p);
      }
    }
    plans.push({ id: `align-${String(d + 1).padStart(3, '0')}`, kind, length, passages });
  }

  let fillerCursor = next;
  const fillerSentences: string[] = [];
  const nextFillerSentence = (): string | undefined => {
    while (!fillerSentences.length) {
      if (fillerCursor >= pool.length) return undefined;
      const r = pool[fillerCursor++]!;
      if (anyIn(shingles(r.text), indexed)) continue;
      for (const [s, e] of sentenceSpans(r.text)) fillerSentences.push(r.text.slice(s, e));
      fillerSentences.reverse();
    }
    return fillerSentences.pop();
  };
  const filler = (chars: number) => {
    const out: string[] = [];
    let length = 0;
    while (length < chars) {
      const s = nextFillerSentence();
      if (s === undefined) break;
      const cut = cutAtWord(s, Math.max(40, chars - length));
      out.push(cut);
      length += cut.length + 1;
    }
    return out.join(' ');
  };

  const documents: BenchDocument[] = plans.map((plan) => {
    const reused = plan.passages.reduce((n, p) => n + p.text.length, 0);
    const fillerChars = Math.max(0, plan.length - reused);
    const cuts = Array.from({ length: plan.passages.length + 1 }, () => random());
    const cutSum = cuts.reduce((a, b) => a + b, 0) || 1;
    const parts: string[] = [];
    const cases: BenchCase[] = [];
    let offset = 0;
    const push = (text: string) => {
      if (!text) return;
      if (parts.length) offset += 2;
      parts.push(text);
      offset += text.length;
    };
    for (let i = 0; i <= plan.passages.length; i++) {
      push(filler(Math.round((fillerChars * cuts[i]!) / cutSum)));
      const p = plan.passages[i];
      if (!p) continue;
      push(p.text);
      cases.push({ kind: p.kind, suspicious: plan.id, source: p.source, plg: [offset - p.text.length, offset], src: p.src });
    }
    return { id: plan.id, kind: plan.kind, text: parts.join('\n\n'), cases };
  });
  return { statements, documents };
}
