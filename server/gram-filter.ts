import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { endianness } from 'node:os';
import { GramSet } from './gram-set';

/**
 * The gram set (gram-set.ts) kept in PostgreSQL and kept current in the server.
 *
 * Stored as (migration 4):
 * - `gram_set`: a snapshot, one row per bucket (a gram's top 16 bits) with its grams' low 16 bits,
 *   sorted, big-endian; it covers the log up to corpus_counts 'gram_set_upto';
 * - `gram_log`: one row per import batch, in the batch's transaction: the distinct grams of the
 *   postings it wrote (int32 little-endian), numbered by `seq`. Batches take turns on the ingest lock
 *   and number their row while holding it, so rows commit in `seq` order: a reader that has applied
 *   every row up to n never sees a row ≤ n appear later.
 *
 * A server loads the snapshot and the log after it at start. Each lookup's query reads the log's head
 * with the postings (server/lookup.ts); when a batch was committed past the set's last row, the set
 * reads the rows after it (`current`: one query, shared by the lookups waiting at that moment) and
 * the article's grams they brought are probed too. A gram never leaves the set (a corrected
 * statement's old grams stay: a false positive costs one probe, a missing gram would lose a match).
 * Compacting writes the set as the snapshot and drops the log rows it covers; a reader whose last
 * row is older than the snapshot reloads it.
 *
 * Upgrading a database to version 4 builds the snapshot from the postings: stop importers first (an
 * importer of an older version still running would write postings without logging their grams).
 */

/** Log rows after which the server rewrites the snapshot (each row is a batch of up to 2,000 statements). */
export const COMPACT_AFTER_ROWS = 64;
const COMPACT_LOCK = 25003;

const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * bytea comes back as base64 (`encode(…, 'base64')`): pg's text format would send hex, twice the
 * size, and its binary result format decodes every value as UTF-8, which mangles random bytes.
 * Buffer.from(…, 'base64') skips the line breaks PostgreSQL puts in.
 */
const fromBase64 = (text: string) => Buffer.from(text, 'base64');

export interface LoadedGramSet {
  set: GramSet;
  /** The last log row applied. */
  version: number;
  /** Log rows applied past the snapshot. */
  logRows: number;
}

/** The set as of now: the snapshot and every log row after it, read in one transaction. */
export async function loadGramSet(pool: Pool): Promise<LoadedGramSet> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const upto = await snapshotUpto(client);
    const { rows } = await client.query<{ bucket: number; lows: string }>(`SELECT bucket, encode(lows, 'base64') AS lows FROM gram_set`);
    const set = GramSet.fromBuckets(
      rows.map((row) => {
        const stored = fromBase64(row.lows);
        const lows = new Uint16Array(stored.length / 2);
        const bytes = Buffer.from(lows.buffer);
        stored.copy(bytes);
        if (LITTLE_ENDIAN) bytes.swap16();
        return [row.bucket, lows] as const;
      }),
    );
    const applied = await applyLog(client, set, upto);
    await client.query('COMMIT');
    return { set, version: Math.max(upto, applied.version), logRows: applied.rows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function snapshotUpto(client: PoolClient | Pool): Promise<number> {
  const { rows } = await client.query<{ value: string }>(`SELECT value FROM corpus_counts WHERE name = 'gram_set_upto'`);
  return Number(rows[0]?.value ?? 0);
}

async function applyLog(client: PoolClient | Pool, set: GramSet, after: number): Promise<{ version: number; rows: number }> {
  const { rows } = await client.query<{ seq: string; grams: string }>(
    `SELECT seq, encode(grams, 'base64') AS grams FROM gram_log WHERE seq > $1 ORDER BY seq`,
    [after],
  );
  let version = after;
  const grams: Int32Array[] = [];
  for (const row of rows) {
    grams.push(logGrams(fromBase64(row.grams)));
    version = Number(row.seq);
  }
  set.add(concat(grams));
  return { version, rows: rows.length };
}

/** The log rows' grams as one list: the set merges each bucket once for all of them. */
function concat(lists: readonly Int32Array[]): Int32Array {
  if (lists.length === 1) return lists[0]!;
  const all = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  return all;
}

function logGrams(bytes: Buffer): Int32Array {
  const grams = new Int32Array(bytes.length / 4);
  const view = Buffer.from(grams.buffer);
  bytes.copy(view);
  if (!LITTLE_ENDIAN) view.swap32();
  return grams;
}

/**
 * Logs the grams of a batch's postings, inside the batch's transaction (which holds the ingest lock).
 * `grams` sorted, as the batch's postings are: repeats are dropped in one pass.
 */
export async function logBatchGrams(client: PoolClient, grams: Int32Array): Promise<void> {
  if (grams.length === 0) return;
  const distinct = Buffer.allocUnsafe(grams.length * 4);
  let n = 0;
  for (let i = 0; i < grams.length; i++) if (i === 0 || grams[i] !== grams[i - 1]) distinct.writeInt32LE(grams[i]!, 4 * n++);
  await client.query('INSERT INTO gram_log (grams) VALUES ($1)', [distinct.subarray(0, 4 * n)]);
}

/**
 * Writes `loaded` as the snapshot and drops the log rows it covers, unless a snapshot as new is
 * stored already. Concurrent compactions take turns on an advisory lock; imports go on meanwhile
 * (their rows are after `loaded.version` and stay).
 */
export async function saveGramSet(pool: Pool, loaded: LoadedGramSet): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [COMPACT_LOCK]);
    if ((await snapshotUpto(client)) >= loaded.version) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query('DELETE FROM gram_set');
    await pipeline(Readable.from(snapshotRows(loaded.set)), client.query(copyFrom('COPY gram_set (bucket, lows) FROM STDIN (FORMAT binary)')));
    await client.query(`UPDATE corpus_counts SET value = $1 WHERE name = 'gram_set_upto'`, [loaded.version]);
    await client.query('DELETE FROM gram_log WHERE seq <= $1', [loaded.version]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Loads the set and stores it as the snapshot, when the log holds `minRows` rows or more: for an
 * importer, which holds no set, after a large import. A small import leaves its few rows to the
 * servers (rewriting the snapshot, ~80 MB per million statements, for them would cost more).
 */
export async function compactGramSet(pool: Pool, minRows = COMPACT_AFTER_ROWS): Promise<void> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM gram_log');
  if (rows[0]!.n < Math.max(1, minRows)) return;
  const loaded = await loadGramSet(pool);
  if (loaded.logRows > 0) await saveGramSet(pool, loaded);
}

/** The snapshot's rows in COPY's binary format, in chunks of ~1 MB: per row two fields, an int4 and a bytea. */
function* snapshotRows(set: GramSet): Generator<Buffer> {
  yield Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1');
  let chunk: Buffer[] = [];
  let size = 0;
  for (const [bucket, lows] of set.buckets()) {
    const row = Buffer.allocUnsafe(14 + lows.length * 2);
    row.writeInt16BE(2, 0);
    row.writeInt32BE(4, 2);
    row.writeInt32BE(bucket, 6);
    row.writeInt32BE(lows.length * 2, 10);
    const body = row.subarray(14);
    Buffer.from(lows.buffer, lows.byteOffset, lows.byteLength).copy(body);
    if (LITTLE_ENDIAN) body.swap16();
    chunk.push(row);
    size += row.length;
    if (size > 1 << 20) {
      yield Buffer.concat(chunk);
      chunk = [];
      size = 0;
    }
  }
  chunk.push(Buffer.from([0xff, 0xff]));
  yield Buffer.concat(chunk);
}

/**
 * The server's copy: loaded at start, brought up to date when a lookup sees a newer log (`current`),
 * compacted in the background once enough log rows have piled up.
 */
export class GramFilter {
  private running?: Promise<void>;
  private queued?: Promise<void>;
  private compacting = false;

  private constructor(
    private readonly pool: Pool,
    private loaded: LoadedGramSet,
    private readonly log?: (line: string) => void,
  ) {}

  static async open(pool: Pool, log?: (line: string) => void): Promise<GramFilter> {
    const filter = new GramFilter(pool, await loadGramSet(pool), log);
    filter.compactIfLong();
    return filter;
  }

  get size(): number {
    return this.loaded.set.size;
  }

  /** The last log row applied (or the snapshot's, when none after it). */
  get version(): number {
    return this.loaded.version;
  }

  get bytes(): number {
    return this.loaded.set.bytes;
  }

  /** The grams of `grams` that some statement holds (or held): a subset, never missing one. */
  keep(grams: Int32Array): Int32Array {
    return this.loaded.set.keep(grams);
  }

  /**
   * Resolves once the set includes every batch committed before this call. Calls that arrive while
   * a refresh runs share the next one (that one started after they arrived, so it sees what they must).
   */
  current(): Promise<void> {
    if (!this.running) {
      this.running = this.refresh().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.current();
      });
    return this.queued;
  }

  private async refresh(): Promise<void> {
    // One statement, so one snapshot of the database: the snapshot's version and the log rows agree.
    const { rows } = await this.pool.query<{ upto: string; seq: string | null; grams: string | null }>({
      name: 'sourcelens-gram-log',
      text: `SELECT m.value AS upto, l.seq, encode(l.grams, 'base64') AS grams FROM corpus_counts m
        LEFT JOIN gram_log l ON l.seq > $1 AND m.value <= $1 WHERE m.name = 'gram_set_upto' ORDER BY l.seq`,
      values: [this.loaded.version],
    });
    const upto = Number(rows[0]?.upto ?? 0);
    if (upto > this.loaded.version) {
      // Another process compacted past our last row: the rows between are gone, the snapshot has them.
      this.loaded = await loadGramSet(this.pool);
      return;
    }
    const grams: Int32Array[] = [];
    for (const row of rows) {
      if (!row.seq || !row.grams) continue;
      grams.push(logGrams(fromBase64(row.grams)));
      this.loaded.version = Number(row.seq);
      this.loaded.logRows++;
    }
    if (grams.length > 0) this.loaded.set.add(concat(grams));
    this.compactIfLong();
  }

  private compactIfLong(): void {
    if (this.compacting || this.loaded.logRows < COMPACT_AFTER_ROWS) return;
    this.compacting = true;
    // Stored as of the rows applied now. Rows applied while it is written go into the same set, so
    // the snapshot may hold some of their grams too (a superset, harmless): they stay in the log.
    const current = this.loaded;
    const { version, logRows } = current;
    saveGramSet(this.pool, { ...current })
      .then((saved) => {
        if (!saved || this.loaded !== current) return;
        current.logRows -= logRows;
        this.log?.(`gram set: stored ${current.set.size} grams as of log row ${version}`);
      })
      .catch((error: unknown) => this.log?.(`gram set: not stored: ${(error as Error).message}`))
      .finally(() => (this.compacting = false));
  }
}
