import { CORPUS_COUNT_KEY, type Setting, type SourceLensDb } from './db';
import { isUsableStatement, issuerKey, toInterchange, toStoredStatement, type StatementRecord, type StoredStatement } from './statement';

/**
 * Corpus operations on the database. Each write runs in one IndexedDB transaction, so a batch is
 * stored completely or not at all: a closed tab or a killed worker never leaves half a record.
 */

export interface StoreBatchResult {
  imported: number;
  updated: number;
  duplicates: number;
  /** Statements whose text is new to the corpus (imported or updated): the index must learn them. */
  changed: StoredStatement[];
}

export interface BatchPlan extends StoreBatchResult {
  /** Statements to put (new, updated, or existing ones that gained an origin). */
  writes: StoredStatement[];
}

/**
 * Decides what a batch does to the corpus, given what is already stored under the batch's ids and
 * hashes. Pure, so the database store and the CLI's in-memory check apply exactly the same rules:
 * - same id and same normalised text: a re-import, skipped (counted as duplicate);
 * - same normalised text under another id: the same statement from another origin, skipped, and the
 *   origin is added to the stored statement (every origin is kept);
 * - same id, different text: the source corrected its statement; the new text replaces the old.
 * `byHash` is updated in place with the batch's new statements.
 */
export function planBatch(
  incoming: StoredStatement[],
  byId: ReadonlyMap<string, StoredStatement>,
  byHash: Map<string, StoredStatement>,
  origin: string,
): BatchPlan {
  const plan: BatchPlan = { imported: 0, updated: 0, duplicates: 0, changed: [], writes: [] };
  const writes = new Map<string, StoredStatement>();
  for (const statement of incoming) {
    const sameId = writes.get(statement.id) ?? byId.get(statement.id);
    const sameText = byHash.get(statement.hash);
    if (sameText) {
      plan.duplicates++;
      if (!sameText.origins.includes(origin)) {
        sameText.origins = [...sameText.origins, origin];
        writes.set(sameText.id, sameText);
      }
      continue;
    }
    if (sameId) {
      plan.updated++;
      statement.origins = [...new Set([...sameId.origins, origin])];
      statement.addedAt = sameId.addedAt;
      if (byHash.get(sameId.hash) === sameId) byHash.delete(sameId.hash);
    } else {
      plan.imported++;
    }
    writes.set(statement.id, statement);
    byHash.set(statement.hash, statement);
    plan.changed.push(statement);
  }
  plan.writes = [...writes.values()];
  return plan;
}

/** Settings keys of the corpus bookkeeping. */
export const CORPUS_SEQ_KEY = 'corpus.seq';
/** The seq of the last deletion: an index snapshot older than this must be rebuilt. */
export const CORPUS_DELETION_SEQ_KEY = 'corpus.deletionSeq';
/**
 * The number of statement records (damaged ones included), kept by every write in its own transaction
 * (schema v5). Why not `count()`: in Chromium it walks every key (1.1-1.2 s at 50,000 statements) and
 * holds the database meanwhile, so a check's reads, and a cold worker's index load, waited behind the
 * count of every page load.
 */
export async function statementTotal(db: SourceLensDb): Promise<number> {
  return (await keptTotal(db)) ?? db.statements.count();
}

/** The kept count, or undefined when the settings hold none. */
async function keptTotal(db: SourceLensDb): Promise<number | undefined> {
  const kept = (await db.settings.get(CORPUS_COUNT_KEY))?.value;
  return typeof kept === 'number' ? kept : undefined;
}

/** Adds `delta` to the kept count; call inside a rw transaction over `statements` and `settings`, after the write. */
async function addToTotal(db: SourceLensDb, delta: number): Promise<void> {
  if (delta === 0) return;
  const kept = await keptTotal(db);
  // A missing count (never expected after the v5 upgrade) is recounted inside this transaction, where
  // the statements already hold this write.
  const next = kept === undefined ? await db.statements.count() : kept + delta;
  await db.settings.put({ key: CORPUS_COUNT_KEY, value: next });
}

/** Reads and advances the corpus sequence number; call inside a rw transaction over `settings`. */
async function nextSeq(db: SourceLensDb): Promise<number> {
  const current = settingNumber(await db.settings.get(CORPUS_SEQ_KEY));
  await db.settings.put({ key: CORPUS_SEQ_KEY, value: current + 1 });
  return current + 1;
}

export async function currentSeq(db: SourceLensDb): Promise<{ seq: number; deletionSeq: number }> {
  const [seq, deletionSeq] = await Promise.all([db.settings.get(CORPUS_SEQ_KEY), db.settings.get(CORPUS_DELETION_SEQ_KEY)]);
  return { seq: settingNumber(seq), deletionSeq: settingNumber(deletionSeq) };
}

async function markDeletion(db: SourceLensDb): Promise<void> {
  const seq = await nextSeq(db);
  await db.settings.put({ key: CORPUS_DELETION_SEQ_KEY, value: seq });
}

/**
 * The stored records of `ids`, in order (undefined where none), read in one IndexedDB transaction with
 * the native API under Dexie's own connection. Every check reads its candidates' texts this way, twice
 * (the best candidate, then the others): in the worker's CPU profile at 100,000 statements, Dexie's
 * promise and zone machinery around `bulkGet` cost ~2 ms of the worker's thread per check, more than
 * the reads themselves. Nothing else changes: same connection, same records, and Dexie still opens
 * (and upgrades) the database first.
 */
export async function readStatements(db: SourceLensDb, ids: readonly string[]): Promise<Array<StoredStatement | undefined>> {
  if (ids.length === 0) return [];
  if (!db.isOpen()) await db.open();
  const store = db.backendDB().transaction('statements', 'readonly').objectStore('statements');
  return new Promise((resolve, reject) => {
    const out = new Array<StoredStatement | undefined>(ids.length);
    const transaction = store.transaction;
    ids.forEach((id, i) => {
      const request = store.get(id);
      request.onsuccess = () => {
        out[i] = request.result as StoredStatement | undefined;
      };
    });
    transaction.oncomplete = () => resolve(out);
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB read failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB read aborted'));
  });
}

/**
 * Stores a batch of validated records in one transaction, with the rules of `planBatch`.
 *
 * The transaction makes two round trips to IndexedDB, not seven: every read (the batch's ids, its
 * hashes, the sequence number and the kept count) is issued at once, then every write. Each step
 * awaited in turn waits for a turn of the worker's thread, which an import keeps busy preparing
 * batches for the index. Hashes are looked up one by one, all at once, rather than with Dexie's
 * `anyOf`, whose cursor visits them one round trip after another (measured in Chromium at 250 Senate
 * releases a batch: the dedupe reads took 93 ms before, 41-55 ms after).
 */
export async function storeBatch(
  db: SourceLensDb,
  records: StatementRecord[],
  origin: string,
  /** Called with the statements whose text is new once their writes are issued, before they commit. */
  onWriting?: (changed: StoredStatement[]) => void,
): Promise<StoreBatchResult> {
  if (records.length === 0) return { imported: 0, updated: 0, duplicates: 0, changed: [] };
  const now = Date.now();
  const incoming = records.map((record) => toStoredStatement(record, origin, now));
  const hashes = [...new Set(incoming.map((s) => s.hash))];
  return db.transaction('rw', db.statements, db.settings, async () => {
    const [sameId, sameHash, [seqSetting, countSetting]] = await Promise.all([
      db.statements.bulkGet(incoming.map((s) => s.id)),
      Promise.all(hashes.map((hash) => db.statements.where('hash').equals(hash).toArray())),
      db.settings.bulkGet([CORPUS_SEQ_KEY, CORPUS_COUNT_KEY]),
    ]);
    // A damaged stored record is not matched against: the incoming record under its id replaces it.
    const byId = new Map<string, StoredStatement>();
    /** Ids already stored, damaged records included: a write under one of them adds no record. */
    const storedIds = new Set<string>();
    for (const stored of sameId) {
      if (stored) storedIds.add(stored.id);
      if (isUsableStatement(stored)) byId.set(stored.id, stored);
    }
    const byHash = new Map<string, StoredStatement>();
    for (const stored of sameHash.flat()) {
      storedIds.add(stored.id);
      if (isUsableStatement(stored)) byHash.set(stored.hash, stored);
    }
    const { writes, ...result } = planBatch(incoming, byId, byHash, origin);
    if (writes.length === 0) return result;
    const settings: Setting[] = [];
    // Only a text change takes a number: the index learns of it through onStored, which marks the
    // number applied. A write that only adds an origin is never reported to the index, so a number
    // taken for it would stay a gap and pin every later snapshot below it.
    if (result.changed.length > 0) {
      const seq = settingNumber(seqSetting) + 1;
      for (const statement of result.changed) statement.seq = seq;
      settings.push({ key: CORPUS_SEQ_KEY, value: seq });
    }
    const added = writes.filter((statement) => !storedIds.has(statement.id)).length;
    const keptCount = countSetting?.value;
    if (typeof keptCount === 'number' && added > 0) settings.push({ key: CORPUS_COUNT_KEY, value: keptCount + added });
    const written = Promise.all([db.statements.bulkPut(writes), db.settings.bulkPut(settings)]);
    if (result.changed.length > 0) onWriting?.(result.changed);
    await written;
    // A missing count (never expected after the v5 upgrade) is recounted once this write is in.
    if (typeof keptCount !== 'number') await addToTotal(db, added);
    return result;
  });
}

function settingNumber(setting: Setting | undefined): number {
  return typeof setting?.value === 'number' ? setting.value : 0;
}

export interface CorpusStats {
  statements: number;
  issuers: number;
  /** Damaged records found (skipped by matching and export); absent when none are known. */
  damaged?: number;
  /** Stored statements the matching index failed to take in, and why; absent when none. */
  notIndexed?: { statements: number; error: string };
}

export async function corpusStats(db: SourceLensDb): Promise<CorpusStats> {
  const [statements, issuers] = await Promise.all([
    statementTotal(db),
    db.statements
      .orderBy('issuerKey')
      .uniqueKeys()
      .then((keys) => keys.length),
  ]);
  return { statements, issuers };
}

export interface IssuerCount {
  /** The grouping key (case-folded); '' for statements without an issuer. */
  key: string;
  /** The issuer as written in the first stored statement of the group. */
  name: string;
  count: number;
}

/**
 * Issuers with their statement counts, largest first. Reads the issuer index only, never the texts:
 * its distinct keys, then one count per key. (Visiting every key with a cursor cost one round trip per
 * statement, seconds at 100,000 statements, and held up the checks that ran meanwhile.)
 */
export async function listIssuers(db: SourceLensDb): Promise<IssuerCount[]> {
  const keys = (await db.statements.orderBy('issuerKey').uniqueKeys()).map(String);
  const rows = await Promise.all(
    keys.map(async (key) => {
      // Two collections: a Dexie collection is stateful (first() limits it to one).
      const group = () => db.statements.where('issuerKey').equals(key);
      const [count, first] = await Promise.all([group().count(), key === '' ? undefined : group().first()]);
      return { key, name: first?.issuer ?? '', count };
    }),
  );
  return rows.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Deletes every statement of one issuer (by grouping key) and returns the deleted ids. */
export async function deleteIssuer(db: SourceLensDb, key: string): Promise<string[]> {
  return db.transaction('rw', db.statements, db.settings, async () => {
    const ids = (await db.statements.where('issuerKey').equals(issuerKey(key)).primaryKeys()) as string[];
    await db.statements.bulkDelete(ids);
    if (ids.length > 0) await markDeletion(db);
    await addToTotal(db, -ids.length);
    return ids;
  });
}

export async function deleteAllStatements(db: SourceLensDb): Promise<number> {
  return db.transaction('rw', db.statements, db.settings, async () => {
    const count = await statementTotal(db);
    await db.statements.clear();
    await markDeletion(db);
    await db.settings.put({ key: CORPUS_COUNT_KEY, value: 0 });
    return count;
  });
}

export interface ExportPage {
  /** JSON Lines, one statement per line, each line ending in "\n". */
  jsonl: string;
  count: number;
  /** Pass as `afterId` to get the next page; null at the end. */
  nextAfterId: string | null;
  /** Damaged records on this page, left out of `jsonl` (see isUsableStatement). */
  skipped?: number;
}

/**
 * One page of the export, in id order. Paging keeps each message small and lets a 100,000-statement
 * export stream to the page without the worker holding it all at once.
 */
export async function exportPage(db: SourceLensDb, afterId: string | null, limit: number): Promise<ExportPage> {
  const collection = afterId === null ? db.statements.orderBy('id') : db.statements.where('id').above(afterId);
  const statements = await collection.limit(limit).toArray();
  const usable = statements.filter(isUsableStatement);
  const jsonl = usable.map((s) => JSON.stringify(toInterchange(s)) + '\n').join('');
  const last = statements.at(-1);
  const page: ExportPage = { jsonl, count: usable.length, nextAfterId: statements.length < limit || !last ? null : last.id };
  if (usable.length < statements.length) page.skipped = statements.length - usable.length;
  return page;
}
