/**
 * The typed tables paraphrase.ts compares sentences with, reused from one candidate to the next (a
 * check compares tens of thousands of words of candidate text, and a Map per sentence or per
 * candidate was much of its time and garbage): stems as numbers, a statement's content stems by
 * sentence, its sentence bags, and a set of the article's content stems.
 */
import { hashKey, type TokenStream } from './tokenize.ts';

export const STEM_LENGTH = 6;

/**
 * A stem as a number: hashKey of the key's first {@link STEM_LENGTH} characters, computed without
 * slicing; a key no longer than a stem is its own stem, and its hash is the word's. Bags keyed by
 * number instead of by stem string: every check builds a bag per sentence of each candidate (thousands
 * of words), and string keys meant a new string and a string hash per word, plus a stem cache whose
 * Map, once it held ~200,000 stems, cost more per lookup than the slicing it saved.
 */
export function stemHash(key: string, wordHash: number): number {
  return key.length <= STEM_LENGTH ? wordHash : hashKey(key, STEM_LENGTH);
}

/**
 * Open-addressing cells emptied in constant time: a cell holds an entry only while its stamp is the
 * current generation. The tables below reuse their typed arrays from one statement to the next (a
 * check fills them for every candidate), so emptying them must not cost a pass over the arrays.
 */
abstract class StampedCells {
  protected stamps = new Uint32Array(0);
  protected generation = 0;
  protected mask = 0;

  /** Empties the cells, at least twice `capacity` of them (the other columns grow with `allocate`). */
  protected emptyFor(capacity: number): void {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    if (this.stamps.length < size) {
      this.stamps = new Uint32Array(size);
      this.allocate(size);
      this.generation = 0;
    }
    this.mask = this.stamps.length - 1;
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  /** Makes the table's own columns, `size` cells long. */
  protected abstract allocate(size: number): void;
}

/**
 * Content stem → the statement sentences holding it as a content stem, for one statement at a time:
 * an open-addressing table of stems whose cells head chains of (sentence, next) entries, in typed
 * arrays reused from one candidate to the next. It replaces a Map of arrays per candidate and a bag
 * (a Map) per statement sentence: a check builds it for every candidate (tens of thousands of words at
 * 72k), and those Maps were a fifth of a long document's check and much of its garbage. Bags are then
 * built only for the few sentences that share enough content stems with an article sentence.
 */
export class StemSentences extends StampedCells {
  private stems = new Int32Array(0);
  private heads = new Int32Array(0);
  sentence = new Int32Array(0);
  next = new Int32Array(0);
  private entries = 0;
  /** How many times the table was emptied: names the statement it holds. */
  resets = 0;

  /** Empties the table for a statement with at most `capacity` content tokens. */
  reset(capacity: number): void {
    this.resets++;
    this.emptyFor(capacity);
    if (this.sentence.length < capacity) {
      this.sentence = new Int32Array(Math.max(capacity, this.sentence.length * 2));
      this.next = new Int32Array(this.sentence.length);
    }
    this.entries = 0;
  }

  protected allocate(size: number): void {
    this.stems = new Int32Array(size);
    this.heads = new Int32Array(size);
  }

  private cellOf(stem: number): number {
    let cell = stem & this.mask;
    while (this.stamps[cell] === this.generation && this.stems[cell] !== stem) cell = (cell + 1) & this.mask;
    return cell;
  }

  /** Notes `stem` in sentence `si`; sentences must come in ascending order (a repeat is ignored). */
  add(stem: number, si: number): void {
    const cell = this.cellOf(stem | 0);
    if (this.stamps[cell] !== this.generation) {
      this.stamps[cell] = this.generation;
      this.stems[cell] = stem | 0;
      this.heads[cell] = -1;
    } else if (this.sentence[this.heads[cell]!] === si) return;
    const e = this.entries++;
    this.sentence[e] = si;
    this.next[e] = this.heads[cell]!;
    this.heads[cell] = e;
  }

  /** First entry of `stem`'s chain, or -1 when no sentence holds it. */
  head(stem: number): number {
    const cell = this.cellOf(stem | 0);
    return this.stamps[cell] === this.generation ? this.heads[cell]! : -1;
  }
}

/** Shared by all checks: findParaphrases is synchronous, so checks never interleave in it. */
export const stemSentences = new StemSentences();

/**
 * The bags of one statement's sentences, built on first use, in one open-addressing table keyed by
 * (sentence, stem) over typed arrays reused from one candidate to the next. A Map per sentence cost an
 * allocation per bag and a hash of a heap number (stems are unsigned 32-bit) per lookup, and the
 * lookups of the article sentences' stems are most of the paraphrase comparison on long documents.
 * A bag's total sums its stems' weights in first-seen order, as the Map's insertion order did.
 */
export class StatementBags extends StampedCells {
  private stems = new Int32Array(0);
  private sentences = new Int32Array(0);
  private weights = new Float64Array(0);
  /** Total weight of each sentence's bag; NaN until built. */
  totals = new Float64Array(0);
  /** Stems of the bag being built, in first-seen order (to sum its total in that order). */
  private order = new Int32Array(0);

  /** Empties the table for a statement of `tokens` words in `sentenceCount` sentences. */
  reset(tokens: number, sentenceCount: number): void {
    this.emptyFor(tokens);
    if (this.totals.length < sentenceCount) this.totals = new Float64Array(Math.max(sentenceCount, this.totals.length * 2));
    this.totals.fill(Number.NaN, 0, sentenceCount);
    if (this.order.length < tokens) this.order = new Int32Array(Math.max(tokens, this.order.length * 2));
  }

  protected allocate(size: number): void {
    this.stems = new Int32Array(size);
    this.sentences = new Int32Array(size);
    this.weights = new Float64Array(size);
  }

  private cellOf(si: number, stem: number): number {
    let cell = (stem ^ Math.imul(si, 0x9e3779b1)) & this.mask;
    while (this.stamps[cell] === this.generation && (this.stems[cell] !== stem || this.sentences[cell] !== si)) cell = (cell + 1) & this.mask;
    return cell;
  }

  /** Builds sentence `si`'s bag (as bagOf would) unless built; returns its total weight. */
  build(si: number, tokens: TokenStream, range: readonly [number, number], weight: (tokenIndex: number) => number): number {
    let total = this.totals[si]!;
    if (!Number.isNaN(total)) return total;
    let distinct = 0;
    for (let i = range[0]; i < range[1]; i++) {
      const stem = stemHash(tokens.keys[i]!, tokens.hashes[i]!) | 0;
      const w = weight(i);
      const cell = this.cellOf(si, stem);
      if (this.stamps[cell] !== this.generation) {
        this.stamps[cell] = this.generation;
        this.stems[cell] = stem;
        this.sentences[cell] = si;
        this.weights[cell] = Math.max(0, w);
        this.order[distinct++] = stem;
      } else this.weights[cell] = Math.max(this.weights[cell]!, w);
    }
    total = 0;
    for (let k = 0; k < distinct; k++) total += this.weights[this.cellOf(si, this.order[k]!)]!;
    this.totals[si] = total;
    return total;
  }

  /** The weight of `stem` in sentence `si`'s bag (built), or -1 when the bag lacks it. */
  weightOf(si: number, stem: number): number {
    const cell = this.cellOf(si, stem | 0);
    return this.stamps[cell] === this.generation ? this.weights[cell]! : -1;
  }
}

/** Shared by all checks, as stemSentences. */
export const statementBags = new StatementBags();

/** A set of stems (open addressing, stems as signed 32-bit integers). */
export class StemSet {
  private readonly mask: number;
  private readonly stems: Int32Array;
  private readonly used: Uint8Array;

  constructor(stems: readonly number[]) {
    let size = 16;
    while (size < stems.length * 2) size *= 2;
    this.mask = size - 1;
    this.stems = new Int32Array(size);
    this.used = new Uint8Array(size);
    for (const stem of stems) {
      const cell = this.cellOf(stem | 0);
      this.used[cell] = 1;
      this.stems[cell] = stem | 0;
    }
  }

  private cellOf(stem: number): number {
    let cell = stem & this.mask;
    while (this.used[cell] && this.stems[cell] !== stem) cell = (cell + 1) & this.mask;
    return cell;
  }

  has(stem: number): boolean {
    return this.used[this.cellOf(stem | 0)] === 1;
  }
}

/** Stem → its position in a list being built (bagOf), for one list at a time. */
export class StemPositions extends StampedCells {
  private stems = new Int32Array(0);
  private positions = new Int32Array(0);

  /** Empties the table for a list of at most `capacity` stems. */
  reset(capacity: number): void {
    this.emptyFor(capacity);
  }

  protected allocate(size: number): void {
    this.stems = new Int32Array(size);
    this.positions = new Int32Array(size);
  }

  /** The position of `stem`; when new, it is noted at `next` (the list's length) and `next` returned. */
  positionOf(stem: number, next: number): number {
    const key = stem | 0;
    let cell = key & this.mask;
    while (this.stamps[cell] === this.generation) {
      if (this.stems[cell] === key) return this.positions[cell]!;
      cell = (cell + 1) & this.mask;
    }
    this.stamps[cell] = this.generation;
    this.stems[cell] = key;
    this.positions[cell] = next;
    return next;
  }
}

/** Shared by all checks, as stemSentences. */
export const stemPositions = new StemPositions();
