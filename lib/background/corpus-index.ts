import type { SourceLensDb } from '../corpus/db';
import { isUsableStatement, type StoredStatement } from '../corpus/statement';
import { currentSeq, statementTotal } from '../corpus/store';
import { prepareStatement, StatementIndex, type PreparedStatement, type StatementDoc } from '../engine/index';
import { INDEX_VERSION, indexedOtherwiseSince } from './index-versions';
import type { EnsureLexicons } from './lexicons';
import { nextTask } from './tasks';
import { errorMessage } from '../shared/error-message';

/**
 * Keeps the engine's StatementIndex in step with the corpus, across worker restarts.
 *
 * The MV3 service worker is killed after 30 s idle, so the index must come back fast and must never
 * depend on the worker having lived long enough to finish something:
 * - the index is persisted as one snapshot (StatementIndex.serialize) tagged with the corpus `seq` it
 *   contains; a cold start loads it and indexes only the statements written after that seq;
 * - a deletion after the snapshot forces a rebuild from the statements (deletions are rare);
 * - after changes the snapshot is saved once the corpus has been quiet for `saveDelayMs`, so an import
 *   of 145 batches saves a handful of times, not 145; a worker killed before the save only means the
 *   next start catches up from the older snapshot.
 * All operations run one after another on a promise queue, so a query never sees half an update.
 */

export { INDEX_VERSION };

export interface CorpusIndexOptions {
  /** Quiet time before the snapshot is saved (ms). */
  saveDelayMs?: number;
  /** Timer functions (tests pass fakes). */
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Statements read per step when rebuilding from scratch. */
  rebuildChunk?: number;
  /** Installs the lexicons texts about to be indexed need (lib/background/lexicons.ts). */
  ensureLexicons?: EnsureLexicons;
  log?: (message: string) => void;
}

/** Stored statements the index failed to take in: not matched until a retry succeeds. */
export interface IndexFault {
  statements: number;
  /** Why, in words (the last failure's message). */
  error: string;
}

export interface IndexLoadInfo {
  /** How the index came to be: from a snapshot (plus catch-up), or rebuilt from all statements. */
  source: 'snapshot' | 'rebuild' | 'empty';
  statements: number;
  caughtUp: number;
  ms: number;
  /** Damaged records (no text, wrong types) left out of the index (reported, never fatal). */
  skipped?: number;
}

const DEFAULT_SAVE_DELAY = 2000;
const DEFAULT_REBUILD_CHUNK = 2000;

export function toStatementDoc(statement: StoredStatement): StatementDoc {
  return {
    id: statement.id,
    text: statement.text,
    title: statement.title,
    date: statement.date,
    issuer: statement.issuer,
    speaker: statement.speaker,
    url: statement.url,
    lang: statement.lang,
    hash: statement.hash,
  };
}

export class CorpusIndex {
  private index: StatementIndex | null = null;
  private loading: Promise<StatementIndex> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Loads and index updates enqueued and not finished (snapshot saves are not counted). */
  private updatesQueued = 0;
  /** Every statement with seq ≤ indexedSeq is in the index. */
  private indexedSeq = 0;
  /** Seqs applied out of order, waiting for the gap below them to close. */
  private readonly appliedAhead = new Set<number>();
  private saveTimer: unknown = null;
  private dirty = false;
  /** Damaged records met while loading; see isUsableStatement. */
  private skipped = 0;
  /** Ids of stored statements an update failed to index, and the last failure's message. */
  private failed: { ids: Set<string>; error: string } | null = null;
  /** A catch-up of the failed statements is queued and has not run yet. */
  private catchUpQueued = false;
  lastLoad: IndexLoadInfo | null = null;

  constructor(
    private readonly db: SourceLensDb,
    private readonly options: CorpusIndexOptions = {},
  ) {}

  /**
   * The index, loading it on first use (snapshot + catch-up, or a rebuild), once every update queued
   * before the call is applied: a check never sees a corpus without a batch already acknowledged.
   */
  ready(): Promise<StatementIndex> {
    // Statements an earlier update failed to index are taken in again first, so this check sees them.
    if (this.index && this.failed) this.queueCatchUp();
    // Only updates are waited for: a snapshot being written (seconds at 100,000 statements) holds no check.
    if (this.index && this.updatesQueued === 0) return Promise.resolve(this.index);
    if (this.index) return this.enqueue(async () => this.index ?? this.load());
    this.loading ??= this.enqueue(() => this.load()).finally(() => (this.loading = null));
    return this.loading;
  }

  /**
   * Called after a batch was committed: the changed statements join the index. The index is loaded
   * first if needed, so an import builds it as it goes and the corpus is queryable when the import
   * ends (rather than the first check after a 100,000-statement import rebuilding it all). `prepared`:
   * the statements already prepared for indexing (prepareStatements), if the caller did it earlier.
   */
  async onStored(changed: StoredStatement[], prepared?: Promise<PreparedStatement[]>): Promise<void> {
    if (changed.length === 0) return;
    try {
      if (!this.index) await this.ready();
      await this.enqueue(() => this.apply(changed, prepared));
    } catch (error) {
      // The statements are stored but not in the index: the next ready() takes them in again (and a
      // load, if this failure came from one, catches up by seq anyway). Said in the corpus stats.
      this.recordFailure(changed, error);
      throw error;
    }
  }

  private async apply(changed: StoredStatement[], prepared: Promise<PreparedStatement[]> | undefined): Promise<void> {
    // The update is queued (and counted by ready()) at once, but its CPU work (50-150 ms per 250
    // Senate releases) starts in a task of its own. Run as a microtask, it would run before the
    // caller's own continuation: the import's acknowledgement of the batch would wait for it, and the
    // options page with it.
    await nextTask();
    if (!this.index) return;
    // A load that ran after this batch's commit already caught it up by seq.
    const fresh = changed.filter((statement) => !this.covers(statement.seq ?? 0));
    if (fresh.length === 0) return;
    // Statements prepared while the batch was written (see importBatch) are used as they are; any
    // other (or all, when the preparation failed) are prepared now, with the lexicons they need
    // (importBatch installed them before its own preparation).
    const ready = new Map((await prepared?.catch(() => undefined))?.map((p) => [p.doc.id, p]));
    const early = fresh.map((statement) => {
      const p = ready.get(statement.id);
      return p && p.doc.hash === statement.hash ? p : undefined;
    });
    await this.lexiconsFor(fresh.filter((_, i) => !early[i]));
    const replaced = fresh.filter((statement) => this.index!.has(statement.id)).map((statement) => statement.id);
    if (replaced.length > 0) this.index.remove(replaced);
    this.index.addPrepared(fresh.map((statement, i) => early[i] ?? prepareStatement(toStatementDoc(statement))));
    for (const seq of new Set(fresh.map((statement) => statement.seq ?? 0))) this.markApplied(seq);
    this.scheduleSave();
  }

  /** Called after statements were deleted. */
  async onDeleted(ids: string[], all = false): Promise<void> {
    await this.enqueue(async () => {
      if (!this.index) return; // the next load sees the deletion seq and rebuilds
      if (all) this.index = new StatementIndex();
      else if (ids.length > 0) this.index.remove(ids.filter((id) => this.index!.has(id)));
      this.markApplied((await currentSeq(this.db)).deletionSeq);
      // Save at once: until a snapshot newer than the deletion exists, a cold start must rebuild.
      await this.save();
    });
  }

  /** Saves the snapshot now if anything changed since the last save. */
  flush(): Promise<void> {
    return this.enqueue(() => (this.dirty ? this.save() : Promise.resolve()), 'save');
  }

  /** Whether the index is in memory (a batch stored before it is loaded is caught up by the load). */
  get loaded(): boolean {
    return this.index !== null;
  }

  /** Stored statements the index failed to take in (null when none): shown with the corpus stats. */
  get fault(): IndexFault | null {
    return this.failed && { statements: this.failed.ids.size, error: this.failed.error };
  }

  /** Statement count in the index (0 when not loaded). */
  get size(): number {
    return this.index?.size ?? 0;
  }

  private enqueue<T>(step: () => Promise<T>, kind: 'update' | 'save' = 'update'): Promise<T> {
    if (kind === 'update') this.updatesQueued++;
    const run = this.queue.then(step, step).finally(() => kind === 'update' && this.updatesQueued--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Whether the index already holds the writes numbered `seq`. */
  private covers(seq: number): boolean {
    return seq <= this.indexedSeq || this.appliedAhead.has(seq);
  }

  private markApplied(seq: number): void {
    if (seq <= this.indexedSeq) return;
    this.appliedAhead.add(seq);
    this.closeGaps();
    // Seqs are only consumed by writes that reach us, but a write whose notification was lost (a worker
    // killed between commit and notification) leaves a gap forever: the next cold start fills it.
  }

  /** Every write up to `seq` is in the index (a catch-up read them all from the database). */
  private markCaughtUp(seq: number): void {
    if (seq <= this.indexedSeq) return;
    this.indexedSeq = seq;
    for (const ahead of this.appliedAhead) if (ahead <= seq) this.appliedAhead.delete(ahead);
    this.closeGaps();
  }

  private closeGaps(): void {
    while (this.appliedAhead.has(this.indexedSeq + 1)) {
      this.appliedAhead.delete(this.indexedSeq + 1);
      this.indexedSeq++;
    }
  }

  private recordFailure(changed: StoredStatement[], error: unknown): void {
    const message = errorMessage(error);
    this.failed ??= { ids: new Set(), error: message };
    this.failed.error = message;
    for (const statement of changed) this.failed.ids.add(statement.id);
    this.options.log?.(`${this.failed.ids.size} stored statements could not be indexed and are not matched yet: ${message}`);
  }

  private queueCatchUp(): void {
    if (this.catchUpQueued) return;
    this.catchUpQueued = true;
    void this.enqueue(async () => {
      this.catchUpQueued = false;
      await this.catchUp();
    });
  }

  /**
   * Indexes again every statement written since the last one known to be in the index (a failed
   * update leaves its seq, and so every later one, above indexedSeq), as a load's catch-up does. A
   * failure here is recorded and logged, never thrown: the check that asked still runs, over the rest.
   */
  private async catchUp(): Promise<void> {
    const index = this.index;
    if (!index || !this.failed) return;
    try {
      // The seq first: a batch committed after this read is above it, so its own update still applies it.
      const seqs = await currentSeq(this.db);
      const newer = (await this.db.statements.where('seq').above(this.indexedSeq).toArray()).filter(
        (statement) => isUsableStatement(statement) && !this.covers(statement.seq ?? 0),
      );
      const replaced = newer.filter((statement) => index.has(statement.id)).map((statement) => statement.id);
      if (replaced.length > 0) index.remove(replaced);
      await this.lexiconsFor(newer);
      index.add(newer.map(toStatementDoc));
      this.markCaughtUp(seqs.seq);
      this.options.log?.(`${this.failed.ids.size} statements that had failed to index are indexed now`);
      this.failed = null;
      this.scheduleSave();
    } catch (error) {
      this.recordFailure([], error);
    }
  }

  private async load(): Promise<StatementIndex> {
    const started = performanceNow();
    const [snapshot, seqs] = await Promise.all([this.db.indexSnapshots.get('main'), currentSeq(this.db)]);
    let index: StatementIndex | null = null;
    let source: IndexLoadInfo['source'] = 'snapshot';
    let caughtUp = 0;
    if (snapshot && snapshot.seq >= seqs.deletionSeq) {
      try {
        index = StatementIndex.deserialize(await snapshotBytes(snapshot.bytes));
        this.indexedSeq = snapshot.seq;
      } catch (error) {
        this.options.log?.(`index snapshot unreadable, rebuilding: ${String(error)}`);
        index = null;
      }
    }
    if (index) {
      const newer = this.usable(await this.db.statements.where('seq').above(this.indexedSeq).toArray());
      if (newer.length > 0) {
        const replaced = newer.filter((statement) => index!.has(statement.id)).map((statement) => statement.id);
        if (replaced.length > 0) index.remove(replaced);
        await this.lexiconsFor(newer);
        index.add(newer.map(toStatementDoc));
        caughtUp = newer.length;
        this.dirty = true;
      }
      this.indexedSeq = Math.max(this.indexedSeq, seqs.seq);
      const saved = snapshot!.version ?? snapshot!.anchors ?? 1;
      if (saved < INDEX_VERSION) caughtUp += await this.reindexChanged(index, saved);
    } else {
      index = await this.rebuild();
      source = (await statementTotal(this.db)) === 0 ? 'empty' : 'rebuild';
      this.indexedSeq = seqs.seq;
      this.dirty = true;
    }
    this.index = index;
    // A load takes in every stored statement, those an earlier update failed to index too.
    this.failed = null;
    this.lastLoad = { source, statements: index.size, caughtUp, ms: Math.round(performanceNow() - started), skipped: this.skipped };
    if (this.skipped > 0) this.options.log?.(`${this.skipped} damaged statement records were left out of the index`);
    if (this.dirty) this.scheduleSave();
    return index;
  }

  /**
   * Re-indexes, after an upgrade, the statements the current version indexes otherwise than the one
   * that saved the snapshot (`saved`): those tagged with a language whose anchors changed (2), those
   * long enough for the capped winnowing window to matter (3), those tagged with a language written in
   * Arabic script (4). Untagged statements with Chinese or Arabic text keep their old anchors until a
   * rebuild; a full rebuild for every upgrade would cost a
   * 100,000-statement corpus a minute of work in the worker for the few statements concerned (2 % of
   * the Senate releases are long enough for version 3).
   */
  private async reindexChanged(index: StatementIndex, saved: number): Promise<number> {
    this.dirty = true; // saved under the current version even when nothing needs re-indexing
    const ids = index.idsWhere((meta) => indexedOtherwiseSince(saved, meta));
    if (ids.length === 0) return 0;
    const statements = this.usable((await this.db.statements.bulkGet(ids)).filter((s): s is StoredStatement => s !== undefined));
    await this.lexiconsFor(statements);
    index.remove(ids);
    index.add(statements.map(toStatementDoc));
    return statements.length;
  }

  private async rebuild(): Promise<StatementIndex> {
    const index = new StatementIndex();
    const chunk = this.options.rebuildChunk ?? DEFAULT_REBUILD_CHUNK;
    let lastId: string | null = null;
    for (;;) {
      const collection = lastId === null ? this.db.statements.orderBy('id') : this.db.statements.where('id').above(lastId);
      const statements: StoredStatement[] = await collection.limit(chunk).toArray();
      if (statements.length === 0) break;
      const usable = this.usable(statements);
      await this.lexiconsFor(usable);
      index.add(usable.map(toStatementDoc));
      lastId = statements[statements.length - 1]!.id;
      if (statements.length < chunk) break;
    }
    return index;
  }

  private async lexiconsFor(statements: StoredStatement[]): Promise<void> {
    await this.options.ensureLexicons?.(statements.map((statement) => statement.text));
  }

  /** The records matching can use; the others are counted in `skipped`. */
  private usable(statements: StoredStatement[]): StoredStatement[] {
    const good = statements.filter(isUsableStatement);
    this.skipped += statements.length - good.length;
    return good;
  }

  private scheduleSave(): void {
    this.dirty = true;
    const setTimer = this.options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    const clearTimer = this.options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    if (this.saveTimer !== null) clearTimer(this.saveTimer);
    this.saveTimer = setTimer(() => {
      this.saveTimer = null;
      void this.flush().catch((error) => this.options.log?.(`index snapshot not saved: ${String(error)}`));
    }, this.options.saveDelayMs ?? DEFAULT_SAVE_DELAY);
  }

  private async save(): Promise<void> {
    if (!this.index) return;
    const bytes = new Blob([this.index.serialize() as Uint8Array<ArrayBuffer>]);
    await this.db.indexSnapshots.put({ key: 'main', seq: this.indexedSeq, size: this.index.size, bytes, savedAt: Date.now(), version: INDEX_VERSION });
    this.dirty = false;
  }
}

/** The snapshot's bytes, whichever way they were stored (Blob now, Uint8Array before). */
export async function snapshotBytes(bytes: Uint8Array | Blob): Promise<Uint8Array> {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(await bytes.arrayBuffer());
}

function performanceNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
