import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { planBatch } from '../lib/corpus/store';
import { toStoredStatement, type StatementRecord, type StoredStatement } from '../lib/corpus/statement';
import { wordHashes } from '../lib/engine/index';
import { termBucket, TERM_BUCKETS } from '../lib/team/term-df';
import { logBatchGrams } from './gram-filter';
import { keyedFingerprints, keyedFingerprintsOfTokens } from './keyed-grams';

/**
 * Stores statement batches in PostgreSQL with the extension's rules (lib/corpus/store.ts planBatch:
 * dedupe by content hash keeping every origin, same id with new text replaces the old). One batch is
 * one transaction: a crash, a kill or a lost connection mid-batch leaves the batches committed before
 * it and nothing of it. Rows go in with COPY; batches of different importers (a file import, the feed
 * poller) take turns on one advisory lock, so two batches never both see a text as new.
 */

export interface StoreOutcome {
  imported: number;
  updated: number;
  duplicates: number;
}

interface DbRow {
  sid: number;
  id: string;
  hash: string;
  text: string;
  lang: string | null;
  origins: string[];
  added_at: Date;
}

export const INGEST_LOCK = 25002;

/** A batch ready to write: its statements with content hashes and keyed fingerprints. */
export interface PreparedBatch {
  origin: string;
  gramKey: Uint8Array;
  incoming: StoredStatement[];
  /** Distinct word-sketch buckets of each statement (lib/team/term-df.ts). */
  buckets: Map<StoredStatement, Uint32Array>;
  /** The batch's postings sorted by gram: each gram and the index in `incoming` of its statement. */
  postings: SortedPostings;
}

export interface SortedPostings {
  grams: Int32Array;
  owners: Int32Array;
}

/**
 * The CPU half of a batch (content hashes, fingerprints, keyed hashes): pure, done outside the
 * transaction so an importer can prepare the next batch while PostgreSQL writes this one.
 */
export function prepareBatch(gramKey: Uint8Array, records: StatementRecord[], origin: string, now = Date.now()): PreparedBatch {
  return fromPreparedArrays(gramKey, origin, prepareArrays(gramKey, records, origin, now));
}

/** prepareBatch's result in a form a worker thread can post back (arrays in the records' order). */
export interface PreparedArrays {
  incoming: StoredStatement[];
  buckets: Uint32Array[];
  postings: SortedPostings;
}

export function prepareArrays(gramKey: Uint8Array, records: StatementRecord[], origin: string, now = Date.now()): PreparedArrays {
  const incoming = records.map((r) => toStoredStatement(withoutNul(r), origin, now));
  const tokens = incoming.map((s) => wordHashes(s.text, s.lang));
  const postings = sortPostings(keyedFingerprintsOfTokens(gramKey, tokens));
  const buckets = incoming.map((s, i) => distinctBuckets([tokens[i]!, s.title ? wordHashes(s.title, s.lang) : undefined]));
  return { incoming, buckets, postings };
}

/** The buffers a worker hands over (transferred, not copied). */
export function transferables(arrays: PreparedArrays): ArrayBuffer[] {
  return [arrays.postings.grams.buffer as ArrayBuffer, arrays.postings.owners.buffer as ArrayBuffer, ...arrays.buckets.map((b) => b.buffer as ArrayBuffer)];
}

export function fromPreparedArrays(gramKey: Uint8Array, origin: string, arrays: PreparedArrays): PreparedBatch {
  const buckets = new Map<StoredStatement, Uint32Array>();
  arrays.incoming.forEach((s, i) => buckets.set(s, arrays.buckets[i]!));
  return { origin, gramKey, incoming: arrays.incoming, buckets, postings: arrays.postings };
}

export async function storeRecords(pool: Pool, gramKey: Uint8Array, records: StatementRecord[], origin: string, now = Date.now()): Promise<StoreOutcome> {
  return writeBatch(pool, prepareBatch(gramKey, records, origin, now));
}

/** Writes a prepared batch in one transaction. */
export async function writeBatch(pool: Pool, batch: PreparedBatch): Promise<StoreOutcome> {
  const { gramKey, incoming, buckets, origin } = batch;
  const client = await pool.connect();
  let sketch: TermSketch | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
    const { rows } = await client.query<DbRow>(
      `SELECT s.sid, s.id, s.hash, s.text, s.lang, s.added_at, array(SELECT o.origin FROM origins o WHERE o.sid = s.sid ORDER BY o.origin) AS origins
         FROM statements s WHERE s.id = ANY($1::text[]) OR s.hash = ANY($2::text[])`,
      [incoming.map((s) => s.id), incoming.map((s) => s.hash)],
    );
    const stored = new Map<StoredStatement, DbRow>();
    const byId = new Map<string, StoredStatement>();
    const byHash = new Map<string, StoredStatement>();
    for (const row of rows) {
      const s: StoredStatement = {
        id: row.id,
        text: row.text,
        lang: row.lang ?? undefined,
        hash: row.hash,
        issuerKey: '',
        origins: row.origins,
        addedAt: row.added_at.getTime(),
      };
      stored.set(s, row);
      byId.set(s.id, s);
      byHash.set(s.hash, s);
    }
    const plan = planBatch(incoming, byId, byHash, origin);

    const fresh: StoredStatement[] = [];
    const originRows: Array<[number, string]> = [];
    /** The sid each incoming statement's postings go to; 0 (no sid is 0) for statements not written. */
    const sidOf = new Int32Array(incoming.length);
    const position = new Map(incoming.map((s, i) => [s, i]));
    for (const write of plan.writes) {
      const row = stored.get(write);
      if (row) {
        // A stored statement that gained an origin.
        for (const o of write.origins) if (!row.origins.includes(o)) originRows.push([row.sid, o]);
        continue;
      }
      const replaced = byIdRow(rows, write.id);
      if (replaced) {
        // Same id, corrected text: the row keeps its sid; its old postings go, the new ones come.
        const old = keyedFingerprints(gramKey, [{ text: replaced.text, lang: replaced.lang ?? undefined }])[0]!;
        await client.query('DELETE FROM postings WHERE gram = ANY($1::int4[]) AND sid = $2', [Array.from(old), replaced.sid]);
        await client.query(
          `UPDATE statements SET hash = $2, text = $3, title = $4, date = $5, issuer = $6, issuer_key = $7, speaker = $8, url = $9, lang = $10, extra = $11 WHERE sid = $1`,
          [
            replaced.sid,
            write.hash,
            write.text,
            write.title ?? null,
            write.date ?? null,
            write.issuer ?? null,
            write.issuerKey,
            write.speaker ?? null,
            write.url ?? null,
            write.lang ?? null,
            write.extra ? JSON.stringify(write.extra) : null,
          ],
        );
        for (const o of write.origins) if (!replaced.origins.includes(o)) originRows.push([replaced.sid, o]);
        sidOf[position.get(write)!] = replaced.sid;
        continue;
      }
      fresh.push(write);
    }

    if (fresh.length > 0) {
      const { rows: sids } = await client.query<{ sid: number }>(
        `SELECT nextval(pg_get_serial_sequence('statements', 'sid'))::int AS sid FROM generate_series(1, $1)`,
        [fresh.length],
      );
      const lines: string[] = [];
      fresh.forEach((s, i) => {
        const sid = sids[i]!.sid;
        lines.push(
          [
            sid,
            s.id,
            s.hash,
            s.text,
            s.title,
            s.date,
            s.issuer,
            s.issuerKey,
            s.speaker,
            s.url,
            s.lang,
            s.extra ? JSON.stringify(s.extra) : undefined,
            new Date(s.addedAt).toISOString(),
          ]
            .map(copyField)
            .join('\t'),
        );
        for (const o of s.origins) originRows.push([sid, o]);
        sidOf[position.get(s)!] = sid;
      });
      await copyRows(
        client,
        'COPY statements (sid, id, hash, text, title, date, issuer, issuer_key, speaker, url, lang, extra, added_at) FROM STDIN',
        chunkLines(lines),
      );
    }
    if (originRows.length > 0) {
      await client.query('INSERT INTO origins (sid, origin) SELECT * FROM unnest($1::int4[], $2::text[]) ON CONFLICT DO NOTHING', [
        originRows.map((r) => r[0]),
        originRows.map((r) => r[1]),
      ]);
    }
    const postings = binaryPostings(batch.postings, sidOf);
    if (postings) await copyRows(client, 'COPY postings (gram, sid) FROM STDIN (FORMAT binary)', [postings]);
    // The servers' gram sets learn these grams from the log (gram-filter.ts), this transaction's row.
    await logBatchGrams(client, writtenGrams(batch.postings, sidOf));
    if (plan.imported > 0) await client.query(`UPDATE corpus_counts SET value = value + $1 WHERE name = 'statements'`, [plan.imported]);
    // New texts count into the word sketch (a corrected text's old words are not taken out: the
    // sketch only ever overcounts, by corrections, which are rare).
    if (plan.changed.length > 0)
      sketch = await addToTermSketch(
        client,
        sketches.get(pool),
        plan.changed.map((s) => buckets.get(s) ?? new Uint32Array(0)),
      );
    await client.query('COMMIT');
    if (sketch) sketches.set(pool, sketch);
    return { imported: plan.imported, updated: plan.updated, duplicates: plan.duplicates };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Per bucket, the last statement (stamp) that counted it: one array access per word instead of a Set. */
const bucketStamps = new Uint32Array(TERM_BUCKETS);
let stamp = 0;
const scratch: number[] = [];

/** A statement's distinct word-sketch buckets (its text's and title's words). */
function distinctBuckets(lists: ReadonlyArray<Uint32Array | undefined>): Uint32Array {
  if (++stamp === 0xffffffff) {
    bucketStamps.fill(0);
    stamp = 1;
  }
  scratch.length = 0;
  for (const list of lists) {
    if (!list) continue;
    for (let i = 0; i < list.length; i++) {
      const b = termBucket(list[i]!);
      if (bucketStamps[b] === stamp) continue;
      bucketStamps[b] = stamp;
      scratch.push(b);
    }
  }
  return Uint32Array.from(scratch);
}

/**
 * PostgreSQL's text and jsonb cannot hold U+0000, which the statement format allows (a Senate release
 * has one). It becomes U+FFFD, one UTF-16 unit for one: the text keeps its length, so passage offsets
 * into it stay right, and the record is stored rather than refused with its whole batch.
 */
export function withoutNul(record: StatementRecord): StatementRecord {
  // Checked before copying: a deep copy of every record cost ~8 % of an import's CPU for a character
  // one record in 72,607 has.
  return hasNul(record) ? (replaceNul(record) as StatementRecord) : record;
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\0') || hasNul(v));
  return false;
}

function replaceNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\0', '\uFFFD');
  if (Array.isArray(value)) return value.map(replaceNul);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [replaceNul(k) as string, replaceNul(v)]));
  return value;
}

/** The word sketch as last committed through a pool, with the row version (xmin) it was read or written as. */
interface TermSketch {
  version: string;
  counts: Uint32Array;
}
const sketches = new WeakMap<Pool, TermSketch>();

/**
 * Adds statements' buckets to the stored sketch (uint32 counters, little-endian, one row). The 4 MB
 * row is read only when its version differs from the one this process last committed (another
 * importer wrote since): reading it for every batch (8 MB of hex through the protocol) was a fifth
 * of an import's CPU on the importing thread. Returns the new sketch, cached by the caller once the
 * transaction has committed.
 */
async function addToTermSketch(client: PoolClient, cached: TermSketch | undefined, statements: Uint32Array[]): Promise<TermSketch> {
  const { rows: current } = await client.query<{ version: string }>(`SELECT xmin::text AS version FROM term_df WHERE id = 1`);
  const counts = new Uint32Array(TERM_BUCKETS);
  if (cached && current[0] && cached.version === current[0].version) counts.set(cached.counts);
  else if (current[0]) {
    const { rows } = await client.query<{ counts: Buffer }>(`SELECT counts FROM term_df WHERE id = 1`);
    counts.set(new Uint32Array(rows[0]!.counts.buffer, rows[0]!.counts.byteOffset, TERM_BUCKETS));
  }
  for (const list of statements) for (const b of list) counts[b]!++;
  const { rows } = await client.query<{ version: string }>(
    `INSERT INTO term_df (id, counts) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET counts = excluded.counts RETURNING xmin::text AS version`,
    [Buffer.from(counts.buffer)],
  );
  return { version: rows[0]!.version, counts };
}

function byIdRow(rows: DbRow[], id: string): DbRow | undefined {
  return rows.find((r) => r.id === id);
}

/** COPY text format: tab-separated, \N for null, backslash escapes for the characters it gives meaning. */
function copyField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * A batch's postings sorted by gram (done on the preparing thread). Sorted because each partition's
 * btree then receives its batch in key order: inserts walk the index forwards instead of landing on
 * random pages (and a bulk load's index build sorts less).
 */
export function sortPostings(fingerprints: readonly Int32Array[]): SortedPostings {
  let total = 0;
  for (const f of fingerprints) total += f.length;
  const grams = new Int32Array(total);
  const owners = new Int32Array(total);
  let at = 0;
  fingerprints.forEach((f, i) => {
    grams.set(f, at);
    owners.fill(i, at, at + f.length);
    at += f.length;
  });
  // One numeric sort of (gram, position) packed in a double: 32 bits of gram, 21 of position.
  const POSITION_BITS = 2 ** 21;
  if (total >= POSITION_BITS) throw new Error('a batch holds too many postings; import smaller batches');
  const keys = new Float64Array(total);
  for (let i = 0; i < total; i++) keys[i] = (grams[i]! + 2 ** 31) * POSITION_BITS + i;
  keys.sort();
  const sorted = { grams: new Int32Array(total), owners: new Int32Array(total) };
  for (let k = 0; k < total; k++) {
    const i = keys[k]! % POSITION_BITS;
    sorted.grams[k] = grams[i]!;
    sorted.owners[k] = owners[i]!;
  }
  return sorted;
}

/**
 * The postings of the statements written (sidOf[owner] > 0) as one COPY in PostgreSQL's binary
 * format: no number formatting here nor parsing there (header, then per row a field count and two
 * length-prefixed int4, then the trailer).
 */
function binaryPostings(postings: SortedPostings, sidOf: Int32Array): Buffer | undefined {
  let rows = 0;
  for (let k = 0; k < postings.owners.length; k++) if (sidOf[postings.owners[k]!]! > 0) rows++;
  if (rows === 0) return undefined;
  const out = Buffer.allocUnsafe(19 + rows * 18 + 2);
  out.write('PGCOPY\n\xff\r\n\0', 0, 'latin1');
  out.writeInt32BE(0, 11); // flags
  out.writeInt32BE(0, 15); // header extension length
  let at = 19;
  for (let k = 0; k < postings.owners.length; k++) {
    const sid = sidOf[postings.owners[k]!]!;
    if (sid <= 0) continue;
    out.writeInt16BE(2, at);
    out.writeInt32BE(4, at + 2);
    out.writeInt32BE(postings.grams[k]!, at + 6);
    out.writeInt32BE(4, at + 10);
    out.writeInt32BE(sid, at + 14);
    at += 18;
  }
  out.writeInt16BE(-1, at);
  return out;
}

/** The grams of the postings written (sidOf[owner] > 0), still sorted. */
function writtenGrams(postings: SortedPostings, sidOf: Int32Array): Int32Array {
  const out = new Int32Array(postings.grams.length);
  let n = 0;
  for (let k = 0; k < postings.owners.length; k++) if (sidOf[postings.owners[k]!]! > 0) out[n++] = postings.grams[k]!;
  return out.subarray(0, n);
}

/** Text COPY lines joined into chunks of ~1 MB: one stream write each instead of one per row. */
function chunkLines(lines: readonly string[]): string[] {
  const chunks: string[] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const line of lines) {
    chunk.push(line);
    size += line.length + 1;
    if (size > 1 << 20) {
      chunks.push(chunk.join('\n') + '\n');
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) chunks.push(chunk.join('\n') + '\n');
  return chunks;
}

async function copyRows(client: PoolClient, sql: string, chunks: ReadonlyArray<string | Buffer>): Promise<void> {
  await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
}
