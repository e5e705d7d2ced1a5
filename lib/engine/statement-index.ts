/**
 * The statement index: fingerprints and light metadata only; texts stay in storage and are loaded on
 * demand for the few candidates that retrieval returns.
 *
 * Three posting sets, all hash → statement slot (see sorted-postings.ts):
 * - n-gram fingerprints (winnowed word 4-grams, ≤ ~80 per statement): find copied and quoted runs;
 * - distinctive terms (the {@link TERMS_PER_STATEMENT} words with highest tf·idf of each statement):
 *   find paraphrases and rewrites that share names, places and numbers but few 4-grams;
 * - cross-language anchors (the {@link ANCHORS_PER_STATEMENT} anchors with highest tf·idf: numbers and
 *   romanised consonant skeletons, see cross-language/anchor-key.ts): find translations.
 * Anchor document frequencies share the word sketch (anchors hash tagged strings, so they do not
 * collide with words more than two words do).
 * Document frequencies of all words are kept in a fixed-size count sketch ({@link TERM_DF_BUCKETS}
 * 16-bit counters, 2 MiB) so that idf is known for any query word without a vocabulary.
 *
 * Updates are incremental: new postings go to a small pending map consulted at query time and are
 * merged into the sorted arrays when they pass {@link PENDING_MERGE_RATIO} of the base (so a long
 * import costs O(n log n) overall, not per batch). Removal marks the slot dead; dead slots are dropped
 * and the rest renumbered when they pass {@link DEAD_COMPACT_RATIO} of all slots, or on serialize().
 * The document-frequency sketch is not decremented on removal (it does not keep each statement's
 * words); idf then slightly under-rates words of removed statements, which only matters after large
 * deletions, and a full rebuild restores it.
 */
import { contentHash } from './normalize.ts';
import { indexWords } from './tokenize.ts';
import { anchorsOfKey } from './cross-language/anchor-key.ts';
import { statementFingerprints } from './fingerprint.ts';
import { SlotTable } from './slot-table.ts';
import { EMPTY_POSTINGS, fromKeysAndSlots, mergePostings, rangeOf, slotAt, type PostingsShape, type SortedPostings } from './sorted-postings.ts';
import type { StatementDoc } from './types.ts';

export const TERMS_PER_STATEMENT = 24;
/** Anchors indexed per statement: enough for a translation's names, places, dates and numbers. */
export const ANCHORS_PER_STATEMENT = 16;
export const TERM_DF_BUCKETS = 1 << 20;
export const PENDING_MERGE_RATIO = 0.1;
export const DEAD_COMPACT_RATIO = 0.2;
/** 3: packed postings (sorted-postings.ts). 2: keys and slots as two arrays, still read. */
const FORMAT_VERSION = 3;
const MAGIC = 0x58494c53; // "SLIX"
/** Day number used when a statement has no (parsable) date. */
export const NO_DATE = -2147483648;

/** Whether a word can be a distinctive term: not a single character, not a lone short number. */
export function isTermCandidate(key: string): boolean {
  // A one-character key covers single digits too. (A former second test, "all digits and shorter
  // than 2", could never hold after this one but ran a Unicode regex on every word of every check.)
  return key.length >= 2;
}

/** Days since 1970-01-01 for an ISO date (or date-time), or NO_DATE. */
export function dayNumber(date: string | undefined): number {
  if (!date) return NO_DATE;
  const t = Date.parse(date.length >= 10 ? date.slice(0, 10) : date);
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : NO_DATE;
}

function termBucket(hash: number): number {
  return hash & (TERM_DF_BUCKETS - 1);
}

/**
 * Adds one to the document frequency of each bucket of `hashes` not yet stamped with `doc`. Plain
 * indexed loops: the same work written as a closure called from for-of loops (over the word stream,
 * the title and the anchor Set) took ~20× longer in V8, a fifth of indexing time.
 */
function countOnce(df: Uint16Array, stamps: Uint32Array, doc: number, hashes: Uint32Array | readonly number[]): void {
  for (let i = 0; i < hashes.length; i++) {
    const b = hashes[i]! & (TERM_DF_BUCKETS - 1);
    if (stamps[b] === doc) continue;
    stamps[b] = doc;
    if (df[b]! < 65535) df[b]!++;
  }
}

/**
 * Anchors of a statement's words (see anchorsOfKey): `all` (strong and weak, with repeats: the df
 * count stamps each bucket once per statement) feeds the df sketch, since translation matching weighs both; `strong` (in text order, repeats kept for tf)
 * feeds the postings: a weak 3-class anchor is too common to retrieve by.
 */
function statementAnchors(keys: readonly string[], hashes: Uint32Array, lang: string | undefined): { all: number[]; strong: Map<number, number> } {
  const all: number[] = [];
  const strong = new Map<number, number>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    // Cheap pre-filter: words under 4 characters are never anchors unless they are numbers ("10"),
    // and they are half of all running words; skipping them halves the anchor lookups.
    if (key.length < 4 && !(key.charCodeAt(0) <= 0x39 && key.charCodeAt(0) >= 0x30)) continue;
    const a = anchorsOfKey(key, lang, hashes[i]!);
    if (a.strong) {
      strong.set(a.strong, (strong.get(a.strong) ?? 0) + 1);
      all.push(a.strong);
    }
    if (a.weak) all.push(a.weak);
  }
  return { all, strong };
}

class PendingPostings {
  readonly byKey = new Map<number, number[]>();
  pairs: number[] = [];
  add(key: number, slot: number): void {
    const list = this.byKey.get(key);
    if (list) list.push(slot);
    else this.byKey.set(key, [slot]);
    this.pairs.push(key, slot);
  }
  clear(): void {
    this.byKey.clear();
    this.pairs = [];
  }
  get size(): number {
    return this.pairs.length / 2;
  }
}

export interface SlotMeta {
  id: string;
  hash: string;
  day: number;
  tokens: number;
  /** The statement's language tag, '' when unknown. */
  lang: string;
}

export class StatementIndex {
  /**
   * Id, content hash, day, token count and language per slot (the language lets translation retrieval
   * skip same-language slots before loading texts).
   */
  private slots = new SlotTable();
  private alive: Uint8Array = new Uint8Array(16);
  /**
   * id → slot; built lazily after deserialize(): checks never need it, the first write after a cold
   * start does (70-120 ms at 72k, making each id from the stored characters included).
   */
  private slotByIdMap: Map<string, number> | undefined = new Map();
  private liveCount = 0;
  private grams: SortedPostings = EMPTY_POSTINGS;
  private terms: SortedPostings = EMPTY_POSTINGS;
  private anchors: SortedPostings = EMPTY_POSTINGS;
  private pendingGrams = new PendingPostings();
  private pendingTerms = new PendingPostings();
  private pendingAnchors = new PendingPostings();
  private termDf = new Uint16Array(TERM_DF_BUCKETS);

  /** Number of live statements. */
  get size(): number {
    return this.liveCount;
  }

  /** Number of slots (live or dead); slot numbers are < slotCount. */
  get slotCount(): number {
    return this.slots.length;
  }

  private get slotById(): Map<string, number> {
    if (!this.slotByIdMap) {
      this.slotByIdMap = new Map();
      for (let s = 0; s < this.slots.length; s++) if (this.alive[s]) this.slotByIdMap.set(this.slots.id(s), s);
    }
    return this.slotByIdMap;
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** Adds statements (replacing any with the same id). */
  add(docs: readonly StatementDoc[]): void {
    const existing = docs.filter((d) => this.slotById.has(d.id)).map((d) => d.id);
    if (existing.length) this.remove(existing);
    // Tokenise a chunk, count its words into the df sketch, then pick each statement's terms with
    // the updated df. Chunks bound the memory held by token streams during a large import.
    const CHUNK = 2000;
    // 4 MiB, dropped when add() returns: per-call, not per-index, so a worker holds it only while indexing.
    const stamps = new Uint32Array(TERM_DF_BUCKETS);
    let docNumber = 0;
    for (let c = 0; c < docs.length; c += CHUNK) {
      const chunk = docs.slice(c, c + CHUNK);
      // Keys are turned into anchors at once and dropped: holding a chunk's keys (~1 M strings)
      // until the chunk ends doubled the garbage collector's work.
      const streams: Uint32Array[] = [];
      const anchorStreams: ReturnType<typeof statementAnchors>[] = [];
      for (const d of chunk) {
        const words = indexWords(d.text, d.lang);
        streams.push(words.hashes);
        anchorStreams.push(statementAnchors(words.keys, words.hashes, d.lang));
      }
      const titleStreams = chunk.map((d) => (d.title ? indexWords(d.title, d.lang).hashes : undefined));
      for (let i = 0; i < chunk.length; i++) {
        // Each bucket counts once per statement: a stamp per bucket (the statement's number in
        // this call) instead of a Set of the statement's buckets, which was the largest single
        // cost of indexing (~750 insertions per release).
        const doc = ++docNumber;
        countOnce(this.termDf, stamps, doc, streams[i]!);
        const title = titleStreams[i];
        if (title) countOnce(this.termDf, stamps, doc, title);
        countOnce(this.termDf, stamps, doc, anchorStreams[i]!.all);
      }
      for (let i = 0; i < chunk.length; i++) this.addOne(chunk[i]!, streams[i]!, titleStreams[i], anchorStreams[i]!.strong);
    }
    this.maybeMerge();
  }

  private addOne(doc: StatementDoc, tokens: Uint32Array, title: Uint32Array | undefined, anchorTf: ReadonlyMap<number, number>): void {
    const slot = this.slots.push({ id: doc.id, hash: doc.hash ?? contentHash(doc.text), day: dayNumber(doc.date), tokens: tokens.length, lang: doc.lang ?? '' });
    if (slot >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[slot] = 1;
    this.slotById.set(doc.id, slot);
    this.liveCount++;
    for (const fp of statementFingerprints(tokens)) this.pendingGrams.add(fp, slot);
    for (const t of this.distinctiveTerms(tokens, title)) this.pendingTerms.add(t, slot);
    for (const a of this.topByTfIdf(anchorTf, ANCHORS_PER_STATEMENT)) this.pendingAnchors.add(a, slot);
  }

  /**
   * The `limit` hashes with highest (1 + log tf) · idf, given each hash's term frequency. A bounded
   * insertion into `limit` slots instead of sorting [hash, score] pairs: called twice per statement
   * on ~200 entries, the pairs and the sort were a fifth of indexing time and most of its garbage.
   * Ties keep first-seen order, as the stable sort did.
   */
  private topByTfIdf(tf: ReadonlyMap<number, number>, limit: number): number[] {
    const n = Math.max(this.liveCount, 1);
    const hashes = new Array<number>(limit);
    const scores = new Float64Array(limit);
    let size = 0;
    for (const [h, f] of tf) {
      const score = (1 + Math.log(f)) * this.idf(h, n);
      if (size === limit && score <= scores[limit - 1]!) continue;
      let i = size < limit ? size++ : limit - 1;
      while (i > 0 && scores[i - 1]! < score) {
        scores[i] = scores[i - 1]!;
        hashes[i] = hashes[i - 1]!;
        i--;
      }
      scores[i] = score;
      hashes[i] = h;
    }
    return hashes.slice(0, size);
  }

  /**
   * The statement's words with the highest tf·idf (title words count double). Single-character words
   * are excluded at query time (isTermCandidate); here they simply never rank high (tiny idf).
   */
  private distinctiveTerms(tokens: Uint32Array, title: Uint32Array | undefined): number[] {
    const tf = new Map<number, number>();
    const bump = (s: Uint32Array, w: number) => {
      for (const h of s) tf.set(h, (tf.get(h) ?? 0) + w);
    };
    bump(tokens, 1);
    if (title) bump(title, 2);
    return this.topByTfIdf(tf, TERMS_PER_STATEMENT);
  }

  /** Inverse document frequency of a word hash: log(1 + N / df). */
  idf(wordHash: number, n = this.liveCount): number {
    const df = Math.max(1, this.termDf[termBucket(wordHash)]!);
    return Math.log(1 + Math.max(n, 1) / df);
  }

  /** Document frequency of a word hash (approximate, from the sketch). */
  wordDf(wordHash: number): number {
    return this.termDf[termBucket(wordHash)]!;
  }

  /** Removes statements by id (unknown ids are ignored). */
  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const slot = this.slotById.get(id);
      if (slot === undefined) continue;
      this.slotById.delete(id);
      this.alive[slot] = 0;
      this.liveCount--;
    }
    if (this.slots.length - this.liveCount > DEAD_COMPACT_RATIO * this.slots.length && this.slots.length > 64) this.compact();
  }

  isAlive(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  meta(slot: number): SlotMeta {
    const t = this.slots;
    return { id: t.id(slot), hash: t.hash(slot), day: t.day(slot), tokens: t.tokens(slot), lang: t.lang(slot) };
  }

  /** The statement's language tag ('' when unknown). */
  langOf(slot: number): string {
    return this.slots.lang(slot);
  }

  idOf(slot: number): string {
    return this.slots.id(slot);
  }

  dayOf(slot: number): number {
    return this.slots.day(slot);
  }

  hashOf(slot: number): string {
    return this.slots.hash(slot);
  }

  /** Ids of other live statements with the same content hash. */
  duplicatesOf(slot: number): string[] {
    return this.slots.sameHash(slot, (s) => this.alive[s] === 1).map((s) => this.slots.id(s));
  }

  /**
   * Visits the live slots holding n-gram fingerprint `key`; returns its document frequency (live or
   * not: boilerplate status should not flicker with deletions).
   */
  lookupGram(key: number, visit?: (slot: number) => void): number {
    return this.lookup(this.grams, this.pendingGrams, key, visit);
  }

  /**
   * lookupGram with one binary search instead of two: counts the gram's postings, then visits them
   * only if `accept(count)` returns true (retrieval skips stop-grams, and computes the weight from
   * the count before visiting). Returns the count.
   */
  lookupGramIf(key: number, accept: (count: number) => boolean, visit: (slot: number) => void): number {
    return this.lookup(this.grams, this.pendingGrams, key, visit, accept);
  }

  /** Same as lookupGram for distinctive-term postings. */
  lookupTerm(key: number, visit?: (slot: number) => void): number {
    return this.lookup(this.terms, this.pendingTerms, key, visit);
  }

  /** Same as lookupGram for cross-language anchor postings. */
  lookupAnchor(key: number, visit?: (slot: number) => void): number {
    return this.lookup(this.anchors, this.pendingAnchors, key, visit);
  }

  private lookup(
    base: SortedPostings,
    pending: PendingPostings,
    key: number,
    visit?: (slot: number) => void,
    accept?: (count: number) => boolean,
  ): number {
    const [from, to] = rangeOf(base, key);
    const extra = pending.byKey.get(key);
    if (visit && (!accept || accept(to - from + (extra?.length ?? 0)))) {
      for (let i = from; i < to; i++) {
        const s = slotAt(base, i);
        if (this.alive[s]) visit(s);
      }
      if (extra) for (const s of extra) if (this.alive[s]) visit(s);
    }
    return to - from + (extra?.length ?? 0);
  }

  private maybeMerge(): void {
    const base = this.grams.entries.length + this.terms.entries.length + this.anchors.entries.length;
    const pending = this.pendingGrams.size + this.pendingTerms.size + this.pendingAnchors.size;
    if (pending > 20000 && pending > PENDING_MERGE_RATIO * base) this.mergePending();
  }

  private mergePending(remap?: Int32Array, slotLimit = this.slots.length): void {
    this.grams = mergePostings(this.grams, this.pendingGrams.pairs, slotLimit, remap);
    this.terms = mergePostings(this.terms, this.pendingTerms.pairs, slotLimit, remap);
    this.anchors = mergePostings(this.anchors, this.pendingAnchors.pairs, slotLimit, remap);
    this.pendingGrams.clear();
    this.pendingTerms.clear();
    this.pendingAnchors.clear();
  }

  /** Merges pending postings and drops dead slots (renumbering the rest). */
  compact(): void {
    const remap = new Int32Array(this.slots.length).fill(-1);
    let next = 0;
    for (let s = 0; s < this.slots.length; s++) if (this.alive[s]) remap[s] = next++;
    if (next === this.slots.length) {
      if (this.pendingGrams.size || this.pendingTerms.size || this.pendingAnchors.size) this.mergePending();
      return;
    }
    this.mergePending(remap, next);
    this.slots = this.slots.compacted(remap, next);
    this.alive = new Uint8Array(Math.max(16, next)).fill(1, 0, next);
    this.slotByIdMap = undefined;
  }

  /**
   * One self-describing byte array: "SLIX", version, a small JSON header (slot count, language table,
   * postings shapes), then the typed arrays (ids, slot columns, postings, df sketch), each 4-byte aligned
   * so deserialize() can view them without copying.
   */
  serialize(): Uint8Array {
    this.compact();
    // The df sketch is 2 MiB dense; small corpora touch few buckets, so store it as (bucket, count)
    // pairs when that is smaller (a 25-statement corpus: 2.1 MB → 60 kB).
    let nonZero = 0;
    for (let b = 0; b < TERM_DF_BUCKETS; b++) if (this.termDf[b]) nonZero++;
    const dfSparse = nonZero * 8 < this.termDf.byteLength;
    let dfArray: ArrayBufferView = this.termDf;
    if (dfSparse) {
      const pairs = new Uint32Array(nonZero * 2);
      let k = 0;
      for (let b = 0; b < TERM_DF_BUCKETS; b++) {
        if (!this.termDf[b]) continue;
        pairs[k++] = b;
        pairs[k++] = this.termDf[b]!;
      }
      dfArray = pairs;
    }
    const postingSets = [this.grams, this.terms, this.anchors];
    const shapes = postingSets.map(({ bucketBits, slotBits, keyBits }): PostingsShape => ({ bucketBits, slotBits, keyBits }));
    const { ids, langs, columns } = this.slots.toParts();
    const idEncoding = ids.units instanceof Uint8Array ? 'ascii' : 'utf16';
    const header = new TextEncoder().encode(JSON.stringify({ slotCount: ids.ends.length, idEncoding, langs, dfSparse, postings: shapes }));
    const arrays: ArrayBufferView[] = [
      ids.ends,
      ids.units,
      columns.hashHigh,
      columns.hashLow,
      columns.days,
      columns.tokens,
      columns.langCodes,
      ...postingSets.flatMap((p) => [p.directory, p.entries]),
      dfArray,
    ];
    const pad = (n: number) => (n + 3) & ~3;
    let total = 12 + pad(header.byteLength);
    for (const a of arrays) total += 4 + pad(a.byteLength);
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, FORMAT_VERSION, true);
    view.setUint32(8, header.byteLength, true);
    out.set(header, 12);
    let at = 12 + pad(header.byteLength);
    for (const a of arrays) {
      view.setUint32(at, a.byteLength, true);
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at + 4);
      at += 4 + pad(a.byteLength);
    }
    return out;
  }

  /**
   * Rebuilds an index from serialize() output (today's format 3, or format 2 of earlier versions).
   * Throws on a foreign, newer or damaged format. The typed arrays are views on `bytes`.
   */
  static deserialize(bytes: Uint8Array): StatementIndex {
    // Views below need 4-byte alignment of the underlying buffer offset.
    const buf = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if (buf.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error('not a SourceLens statement index');
    const version = view.getUint32(4, true);
    if (version !== FORMAT_VERSION && version !== 2) throw new Error(`unsupported statement index version ${version}`);
    const headerLen = view.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + headerLen))) as {
      /** Format 3: slots, and how the ids' characters are stored. */
      slotCount?: number;
      idEncoding?: 'ascii' | 'utf16';
      /** Format 2: ids in the header. */
      ids?: string[];
      /** Format 3: language tags by code. Format 2: one tag per slot. */
      langs?: string[];
      /** Format 2 only. */
      hashes?: string[];
      dfSparse?: boolean;
      postings?: PostingsShape[];
    };
    const pad = (n: number) => (n + 3) & ~3;
    let at = 12 + pad(headerLen);
    const next = (): Uint8Array => {
      const len = view.getUint32(at, true);
      if (at + 4 + len > buf.byteLength) throw new Error('damaged statement index (truncated)');
      const part = buf.subarray(at + 4, at + 4 + len);
      at += 4 + pad(len);
      return part;
    };
    const u32 = (p: Uint8Array) => new Uint32Array(p.buffer, p.byteOffset, p.byteLength >>> 2);
    const i32 = (p: Uint8Array) => new Int32Array(p.buffer, p.byteOffset, p.byteLength >>> 2);
    const u16 = (p: Uint8Array) => new Uint16Array(p.buffer, p.byteOffset, p.byteLength >>> 1);
    const slotCount = header.slotCount ?? header.ids?.length ?? 0;
    const index = new StatementIndex();
    if (version === 2) {
      const days = i32(next());
      const tokens = u32(next());
      const langs = header.langs ?? [];
      const table = new SlotTable(slotCount);
      for (let s = 0; s < slotCount; s++) {
        table.push({ id: header.ids![s]!, hash: header.hashes?.[s] ?? '', day: days[s]!, tokens: tokens[s]!, lang: langs[s] ?? '' });
      }
      index.slots = table;
    } else {
      const ends = u32(next());
      const units = header.idEncoding === 'ascii' ? next() : u16(next());
      const [hashHigh, hashLow, days, tokens, langCodes] = [u32(next()), u32(next()), i32(next()), u32(next()), u16(next())];
      if (ends.length !== slotCount) throw new Error('damaged statement index (slot count)');
      index.slots = SlotTable.fromParts({ units, ends }, header.langs ?? [''], { hashHigh, hashLow, days, tokens, langCodes });
    }
    const postings = (shape: PostingsShape | undefined): SortedPostings => {
      const [first, second] = [u32(next()), u32(next())];
      if (version === 2) return fromKeysAndSlots(first, second, slotCount);
      if (!shape || first.length !== (1 << shape.bucketBits) + 1 || first[first.length - 1] !== second.length) {
        throw new Error('damaged statement index (postings)');
      }
      return { ...shape, directory: first, entries: second };
    };
    index.grams = postings(header.postings?.[0]);
    index.terms = postings(header.postings?.[1]);
    index.anchors = postings(header.postings?.[2]);
    const df = next();
    if (header.dfSparse) {
      const pairs = u32(df);
      for (let k = 0; k < pairs.length; k += 2) index.termDf[pairs[k]!] = pairs[k + 1]!;
    } else {
      // Copied: the sketch is mutated by later add() calls and must not alias the caller's bytes.
      index.termDf = u16(df).slice();
    }
    index.alive = new Uint8Array(Math.max(16, slotCount)).fill(1, 0, slotCount);
    index.slotByIdMap = undefined;
    index.liveCount = slotCount;
    return index;
  }
}
