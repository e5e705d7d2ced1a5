import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { planBatch } from '../lib/corpus/store';
import { toStoredStatement, type StatementRecord, type StoredStatement } from '../lib/corpus/statement';
import { wordHashes } from '../lib/engine/index';
import { termBucket, TERM_BUCKETS } from '../lib/team/term-df';
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
  fingerprints: Map<StoredStatement, Int32Array>;
  /** Distinct word-sketch buckets of each statement (lib/team/term-df.ts). */
  buckets: Map<StoredStatement, Uint32Array>;
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
  fingerprints: Int32Array[];
  buckets: Uint32Array[];
}

export function prepareArrays(gramKey: Uint8Array, records: StatementRecord[], origin: string, now = Date.now()): PreparedArrays {
  const incoming = records.map((r) => toStoredStatement(withoutNul(r), origin, now));
  const tokens = incoming.map((s) => wordHashes(s.text, s.lang));
  const fingerprints = keyedFingerprintsOfTokens(gramKey, tokens);
  const buckets = incoming.map((s, i) => distinctBuckets([tokens[i]!, s.title ? wordHashes(s.title, s.lang) : undefined]));
  return { incoming, fingerprints, buckets };
}

export function fromPreparedArrays(gramKey: Uint8Array, origin: string, arrays: PreparedArrays): PreparedBatch {
  const fingerprints = new Map<StoredStatement, Int32Array>();
  const buckets = new Map<StoredStatement, Uint32Array>();
  arrays.incoming.forEach((s, i) => {
    fingerprints.set(s, arrays.fingerprints[i]!);
    buckets.set(s, arrays.buckets[i]!);
  });
  return { origin, gramKey, incoming: arrays.incoming, fingerprints, buckets };
}

export async function storeRecords(pool: Pool, gramKey: Uint8Array, records: StatementRecord[], origin: string, now = Date.now()): Promise<StoreOutcome> {
  return writeBatch(pool, prepareBatch(gramKey, records, origin, now));
}

/** Writes a prepared batch in one transaction. */
export async function writeBatch(pool: Pool, batch: PreparedBatch): Promise<StoreOutcome> {
  const { gramKey, incoming, fingerprints, buckets, origin } = batch;
  const client = await pool.connect();
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
    const postings: Array<[Int32Array, number]> = [];
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
        postings.push([fingerprints.get(write) ?? keyedFingerprints(gramKey, [write])[0]!, replaced.sid]);
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
        postings.push([fingerprints.get(s)!, sid]);
      });
      await copyRows(client, 'COPY statements (sid, id, hash, text, title, date, issuer, issuer_key, speaker, url, lang, extra, added_at) FROM STDIN', lines);
    }
    if (originRows.length > 0) {
      await client.query('INSERT INTO origins (sid, origin) SELECT * FROM unnest($1::int4[], $2::text[]) ON CONFLICT DO NOTHING', [
        originRows.map((r) => r[0]),
        originRows.map((r) => r[1]),
      ]);
    }
    if (postings.length > 0) await copyRows(client, 'COPY postings (gram, sid) FROM STDIN', postingLines(postings));
    if (plan.imported > 0) await client.query(`UPDATE corpus_counts SET value = value + $1 WHERE name = 'statements'`, [plan.imported]);
    // New texts count into the word sketch (a corrected text's old words are not taken out: the
    // sketch only ever overcounts, by corrections, which are rare).
    if (plan.changed.length > 0)
      await addToTermSketch(
        client,
        plan.changed.map((s) => buckets.get(s) ?? new Uint32Array(0)),
      );
    await client.query('COMMIT');
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

/** Adds statements' buckets to the stored sketch (uint32 counters, little-endian, one row). */
async function addToTermSketch(client: PoolClient, statements: Uint32Array[]): Promise<void> {
  const { rows } = await client.query<{ counts: Buffer }>(`SELECT counts FROM term_df WHERE id = 1`);
  const counts = new Uint32Array(TERM_BUCKETS);
  if (rows[0]) counts.set(new Uint32Array(rows[0].counts.buffer, rows[0].counts.byteOffset, TERM_BUCKETS));
  for (const list of statements) for (const b of list) counts[b]!++;
  await client.query(`INSERT INTO term_df (id, counts) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET counts = excluded.counts`, [Buffer.from(counts.buffer)]);
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
 * Posting lines sorted by gram, in chunks of ~64 KB. Sorted because each partition's btree then
 * receives its batch in key order: inserts walk the index forwards instead of landing on random
 * pages.
 */
function* postingLines(postings: Array<[Int32Array, number]>): Generator<string> {
  let total = 0;
  for (const [grams] of postings) total += grams.length;
  const grams = new Int32Array(total);
  const sids = new Int32Array(total);
  let at = 0;
  for (const [g, sid] of postings) {
    grams.set(g, at);
    sids.fill(sid, at, at + g.length);
    at += g.length;
  }
  // One numeric sort of (gram, position) packed in a double: 32 bits of gram, 20 of position.
  const POSITION_BITS = 2 ** 20;
  if (total >= POSITION_BITS) throw new Error('a batch holds too many postings; import smaller batches');
  const keys = new Float64Array(total);
  for (let i = 0; i < total; i++) keys[i] = (grams[i]! + 2 ** 31) * POSITION_BITS + i;
  keys.sort();
  let chunk = '';
  for (let k = 0; k < total; k++) {
    const i = keys[k]! % POSITION_BITS;
    chunk += `${grams[i]}\t${sids[i]}\n`;
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

async function copyRows(client: PoolClient, sql: string, rows: Iterable<string> | string[]): Promise<void> {
  const source = Array.isArray(rows) ? rows.map((line) => line + '\n') : rows;
  await pipeline(Readable.from(source), client.query(copyFrom(sql)));
}
