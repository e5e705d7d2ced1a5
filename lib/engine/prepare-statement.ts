import { anchorsOfKey } from './cross-language/anchor-key.ts';
import { statementFingerprints } from './fingerprint.ts';
import { indexWords } from './tokenize.ts';
import type { StatementDoc } from './types.ts';

/**
 * What indexing needs of one statement, computed from its text alone: no index state, so it can be
 * computed ahead (the worker prepares an import batch while IndexedDB writes it) and applied later by
 * StatementIndex.addPrepared.
 */
export interface PreparedStatement {
  doc: StatementDoc;
  /** Word hashes of the text, in order. */
  tokens: Uint32Array;
  /** Word hashes of the title. */
  title: Uint32Array | undefined;
  /** Winnowed 4-gram fingerprints. */
  fingerprints: Uint32Array;
  /**
   * Word hash → frequency, title words counting double: the candidates for distinctive terms.
   * Single-character words are excluded at query time (isTermCandidate); here they simply never
   * rank high (tiny idf).
   */
  termTf: HashCounts;
  /** Strong anchor → frequency (in text order): the candidates for indexed anchors. */
  anchorTf: HashCounts;
  /**
   * Every anchor, strong and weak, with repeats (the df counts each bucket once per
   * statement): they feed the df sketch, since translation matching weighs both; a weak 3-class
   * anchor is too common to retrieve by, so only strong ones are posted.
   */
  anchors: Uint32Array;
}

/** First code point of the CJK blocks (radicals, ideographs): see the pre-filter in prepareStatement. */
const CJK_START = 0x2e80;

/** Prepares statements for StatementIndex.addPrepared. Pure. */
export function prepareStatements(docs: readonly StatementDoc[]): PreparedStatement[] {
  return docs.map(prepareStatement);
}

/** Prepares one statement (see {@link PreparedStatement}). Pure. */
export function prepareStatement(doc: StatementDoc): PreparedStatement {
  // Keys are turned into anchors at once and dropped: holding a batch's keys (~1 M strings at 2,000
  // statements) doubled the garbage collector's work.
  const words = indexWords(doc.text, doc.lang);
  const tokens = words.hashes;
  const title = doc.title ? indexWords(doc.title, doc.lang).hashes : undefined;
  const anchors: number[] = [];
  const strong: number[] = [];
  const { keys } = words;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    // Cheap pre-filter: words under 4 characters are never anchors unless they are numbers ("10")
    // or Chinese (2-3 characters, anchored through their English word), and they are half of all
    // running words; skipping them halves the anchor lookups.
    const first = key.charCodeAt(0);
    if (key.length < 4 && !(first <= 0x39 && first >= 0x30) && first < CJK_START) continue;
    const a = anchorsOfKey(key, doc.lang, tokens[i]!);
    if (a.strong) {
      strong.push(a.strong);
      anchors.push(a.strong);
    }
    if (a.weak) anchors.push(a.weak);
  }
  const termTf = countHashes([tokens, 1], title ? [title, 2] : undefined);
  const anchorTf = countHashes([strong, 1]);
  return { doc, tokens, title, fingerprints: statementFingerprints(tokens), termTf, anchorTf, anchors: Uint32Array.from(anchors) };
}

/** Distinct hashes with their (weighted) counts, in first-seen order. */
export interface HashCounts {
  hashes: number[];
  counts: number[];
}

/** Scratch table of countHashes: slot → 1 + index into the output, 0 = empty. Grown as needed. */
let countSlots = new Int32Array(1 << 12);

/**
 * Counts hashes (each list with its weight) into first-seen order, through an open-addressing table
 * reused across statements, not a Map per statement and list: at ~500 words a statement, the Maps'
 * insertions were the largest self time of indexing in the worker's import profile, and most
 * of its garbage. First-seen order is kept because ties between equally scored terms go to the first.
 */
export function countHashes(...lists: Array<[ArrayLike<number>, number] | undefined>): HashCounts {
  let total = 0;
  for (const list of lists) total += list?.[0].length ?? 0;
  let size = 1 << 12;
  while (size < 2 * total) size *= 2;
  if (size > countSlots.length) countSlots = new Int32Array(size);
  const table = countSlots.subarray(0, size);
  table.fill(0);
  const mask = size - 1;
  // Plain arrays, not typed ones: each statement's would have had its own off-heap backing store,
  // which the worker releases only some time after collecting them (+16 MB of reported heap after a
  // 100,000-statement import).
  const hashes: number[] = [];
  const counts: number[] = [];
  let distinct = 0;
  for (const list of lists) {
    if (!list) continue;
    const [values, weight] = list;
    for (let i = 0; i < values.length; i++) {
      const h = values[i]! >>> 0;
      // Word hashes are already well mixed; one more multiply spreads the low bits the mask keeps.
      let slot = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
      for (;;) {
        const held = table[slot]!;
        if (held === 0) {
          table[slot] = ++distinct;
          hashes.push(h);
          counts.push(weight);
          break;
        }
        if (hashes[held - 1] === h) {
          counts[held - 1]! += weight;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
  return { hashes, counts };
}
