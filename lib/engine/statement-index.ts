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
import { primaryLanguage } from './language-tag.ts';
import { contentHash } from './normalize.ts';
import { PendingPostings } from './pending-postings.ts';
import { RecentCounts } from './recent-counts.ts';
import { prepareStatements, type HashCounts, type PreparedStatement } from './prepare-statement.ts';
import { SlotTable, type SlotRow } from './slot-table.ts';
import { countDistinct, TERM_DF_BUCKETS, termBucket } from './df-sketch.ts';
import { decodeSnapshot, encodeSnapshot } from './index-snapshot.ts';
import { EMPTY_POSTINGS, mergePostings, rangeOf, slotAt, type SortedPostings } from './sorted-postings.ts';
import type { StatementDoc } from './types.ts';

export const TERMS_PER_STATEMENT = 24;
/** Anchors indexed per statement: enough for a translation's names, places, dates and numbers. */
export const ANCHORS_PER_STATEMENT = 16;
export const PENDING_MERGE_RATIO = 0.1;
export const DEAD_COMPACT_RATIO = 0.2;
/** Day number used when a statement has no (parsable) date. */
export const NO_DATE = -2147483648;

/** Whether a word can be a distinctive term: not a single character, not a lone short number. */
export function isTermCandidate(key: string): boolean {
  // A one-character key covers single digits too.
  return key.length >= 2;
}

/** Days since 1970-01-01 for an ISO date (or date-time), or NO_DATE. */
export function dayNumber(date: string | undefined): number {
  if (!date) return NO_DATE;
  const t = Date.parse(date.length >= 10 ? date.slice(0, 10) : date);
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : NO_DATE;
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
  private slotChanges = 0;
  /** Changes whenever a gram's count can: postings added or merged (merged keys keep fewer bits). */
  private gramChanges = 0;
  private gramCounts = new RecentCounts();
  private languagesAt: { version: number; counts: Map<string, number> } | undefined;

  /** Changes whenever a slot is added, dies or is renumbered: what caches of slot data key on. */
  get slotVersion(): number {
    return this.slotChanges;
  }

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
    // Chunks bound the memory held by prepared statements (token streams) during a large import.
    const CHUNK = 2000;
    for (let c = 0; c < docs.length; c += CHUNK) this.addPrepared(prepareStatements(docs.slice(c, c + CHUNK)));
  }

  /**
   * Adds statements prepared by {@link prepareStatements} (replacing any with the same id): counts
   * their words into the df sketch, then picks each statement's terms and anchors with the updated df.
   */
  addPrepared(prepared: readonly PreparedStatement[]): void {
    const existing = prepared.filter((p) => this.slotById.has(p.doc.id)).map((p) => p.doc.id);
    if (existing.length) this.remove(existing);
    // Each bucket counts once per statement.
    for (const p of prepared) countDistinct(this.termDf, [p.tokens, p.title, p.anchors]);
    for (const p of prepared) this.addOne(p);
    this.maybeMerge();
  }

  private addOne(p: PreparedStatement): void {
    const { doc } = p;
    const slot = this.slots.push({
      id: doc.id,
      hash: doc.hash ?? contentHash(doc.text),
      day: dayNumber(doc.date),
      tokens: p.tokens.length,
      lang: doc.lang ?? '',
    });
    if (slot >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[slot] = 1;
    this.slotById.set(doc.id, slot);
    this.liveCount++;
    this.slotChanges++;
    for (const fp of p.fingerprints) this.pendingGrams.add(fp, slot);
    this.gramChanges++;
    for (const t of this.topByTfIdf(p.termTf, TERMS_PER_STATEMENT)) this.pendingTerms.add(t, slot);
    for (const a of this.topByTfIdf(p.anchorTf, ANCHORS_PER_STATEMENT)) this.pendingAnchors.add(a, slot);
  }

  /**
   * The `limit` hashes with highest (1 + log tf) · idf, given each hash's term frequency. A bounded
   * insertion into `limit` slots instead of sorting [hash, score] pairs: called twice per statement
   * on ~200 entries, the pairs and the sort were a fifth of indexing time and most of its garbage.
   * Ties keep first-seen order, as the stable sort did. Retrieval picks an article's query terms so,
   * with idf over `n` = the index's size (a team candidate index counts the team corpus: idf there
   * must read the corpus's size, not its twenty statements').
   */
  topByTfIdf(tf: HashCounts, limit: number, n = Math.max(this.liveCount, 1)): number[] {
    const hashes = new Array<number>(limit);
    const scores = new Float64Array(limit);
    let size = 0;
    for (let k = 0; k < tf.hashes.length; k++) {
      const h = tf.hashes[k]!;
      const score = (1 + Math.log(tf.counts[k]!)) * this.idf(h, n);
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
      this.slotChanges++;
    }
    if (this.slots.length - this.liveCount > DEAD_COMPACT_RATIO * this.slots.length && this.slots.length > 64) this.compact();
  }

  isAlive(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  meta(slot: number): SlotRow {
    const t = this.slots;
    return { id: t.id(slot), hash: t.hash(slot), day: t.day(slot), tokens: t.tokens(slot), lang: t.lang(slot) };
  }

  /** The statement's language tag ('' when unknown). */
  langOf(slot: number): string {
    return this.slots.lang(slot);
  }

  /** Ids of the live statements whose metadata passes `test` (to re-index them, for instance). */
  idsWhere(test: (meta: SlotRow) => boolean): string[] {
    const ids: string[] = [];
    for (let s = 0; s < this.slots.length; s++) if (this.alive[s] && test(this.meta(s))) ids.push(this.slots.id(s));
    return ids;
  }

  /**
   * Live statements per language tag ('' = unknown), tags in the order of their first slot. Counted
   * once per slotVersion: a check asks whether any statement is in another language than its article.
   */
  languageCounts(): ReadonlyMap<string, number> {
    if (this.languagesAt?.version !== this.slotChanges) {
      this.languagesAt = { version: this.slotChanges, counts: this.slots.languageCounts((s) => this.alive[s] === 1) };
    }
    return this.languagesAt.counts;
  }

  /**
   * The language most live statements are tagged with, by primary subtag ("en" for "en-GB"), or ''
   * when none is tagged: what an article in another language is worth translating into.
   */
  mainLanguage(): string {
    const counts = new Map<string, number>();
    for (const [tag, n] of this.languageCounts()) {
      const primary = primaryLanguage(tag);
      if (primary) counts.set(primary, (counts.get(primary) ?? 0) + n);
    }
    let best = '';
    for (const [lang, n] of counts) if (n > (counts.get(best) ?? 0)) best = lang;
    return best;
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

  /** For each slot, the ids of the other live statements with the same content hash (SlotTable.sameHashOfEach). */
  duplicatesOfEach(slots: readonly number[]): string[][] {
    return this.slots.sameHashOfEach(slots, (s) => this.alive[s] === 1).map((list) => list.map((s) => this.slots.id(s)));
  }

  /**
   * Visits the live slots holding n-gram fingerprint `key`; returns its document frequency (live or
   * not: boilerplate status should not flicker with deletions). A count alone may come from the
   * counts of the last such lookups (recent-counts.ts): a check asks for the grams of every run it
   * aligns, many of them several times.
   */
  lookupGram(key: number, visit?: (slot: number) => void): number {
    if (visit) return this.lookup(this.grams, this.pendingGrams, key, visit);
    return this.gramCounts.get(key, this.gramChanges) ?? this.gramCounts.set(key, this.lookup(this.grams, this.pendingGrams, key), this.gramChanges);
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

  private lookup(base: SortedPostings, pending: PendingPostings, key: number, visit?: (slot: number) => void, accept?: (count: number) => boolean): number {
    const [from, to] = rangeOf(base, key);
    const extra = pending.get(key);
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
    this.gramChanges++;
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
    this.slotChanges++;
    this.alive = new Uint8Array(Math.max(16, next)).fill(1, 0, next);
    this.slotByIdMap = undefined;
  }

  /** The index as one byte array (index-snapshot.ts), compacted first. */
  serialize(): Uint8Array {
    this.compact();
    return encodeSnapshot({ slots: this.slots, grams: this.grams, terms: this.terms, anchors: this.anchors, termDf: this.termDf });
  }

  /**
   * Rebuilds an index from serialize() output (today's format 3, or format 2 of earlier versions).
   * Throws on a foreign, newer or damaged format. The typed arrays are views on `bytes`.
   */
  static deserialize(bytes: Uint8Array): StatementIndex {
    const snapshot = decodeSnapshot(bytes, TERM_DF_BUCKETS);
    const index = new StatementIndex();
    index.slots = snapshot.slots;
    index.grams = snapshot.grams;
    index.terms = snapshot.terms;
    index.anchors = snapshot.anchors;
    index.termDf = snapshot.termDf;
    const slotCount = snapshot.slots.length;
    index.alive = new Uint8Array(Math.max(16, slotCount)).fill(1, 0, slotCount);
    index.slotByIdMap = undefined;
    index.liveCount = slotCount;
    return index;
  }
}
