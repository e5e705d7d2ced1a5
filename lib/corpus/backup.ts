import * as v from 'valibot';
import type { SourceLensDb } from './db';
import { readLines } from './read-lines';
import { SettingsSchema, type Settings } from './settings';
import { isHttpUrl, toInterchange, toStatementRecord, type StatementRecord } from './statement';
import { statementTotal, storeBatch, type ExportPage, type StoreBatchResult } from './store';

/**
 * Backup and restore: everything the user has (statements with their origins, feed subscriptions,
 * settings) in one JSON Lines file, to move a corpus to another profile or the other browser.
 *
 * Line 1 is the header (format, version, settings, feeds); every further line is one statement in
 * the interchange format of shared/notes/formats.md plus its origins under ORIGINS_KEY, so the file
 * streams in both directions (a 100,000-statement corpus is never held in one message), and the
 * statement lines are still an ordinary corpus file for any other tool. Restoring goes through the
 * same validation and dedupe as an import: restoring twice, or into a corpus that already holds some
 * of the statements, adds nothing twice and keeps every origin.
 */

export const BACKUP_FORMAT = 'sourcelens-backup';
export const BACKUP_VERSION = 1;
/** Where a statement line keeps its origins (a key no corpus record uses). */
export const ORIGINS_KEY = 'sourcelens:origins';

/** What a backup keeps of a feed subscription: the user's choices, not the fetch state. */
const BackupFeedSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(4000), v.check(isHttpUrl, 'a feed address must be http or https')),
  title: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  issuer: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  lang: v.optional(v.pipe(v.string(), v.maxLength(35))),
  starterId: v.optional(v.pipe(v.string(), v.maxLength(200))),
  enabled: v.boolean(),
  intervalMinutes: v.number(),
});
export type BackupFeed = v.InferOutput<typeof BackupFeedSchema>;

export const BackupHeaderSchema = v.object({
  format: v.literal(BACKUP_FORMAT, 'this file is not a SourceLens backup'),
  version: v.pipe(v.number(), v.maxValue(BACKUP_VERSION, 'this backup was written by a newer SourceLens; update the extension first')),
  createdAt: v.string(),
  statements: v.number(),
  settings: SettingsSchema,
  feeds: v.pipe(v.array(BackupFeedSchema), v.maxLength(5000)),
});
export type BackupHeader = v.InferOutput<typeof BackupHeaderSchema>;

export async function backupHeader(db: SourceLensDb, settings: Settings, now = Date.now()): Promise<BackupHeader> {
  const feeds = await db.feeds.toArray();
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date(now).toISOString(),
    statements: await statementTotal(db),
    settings,
    feeds: feeds.map(
      ({ url, title, issuer, lang, starterId, enabled, intervalMinutes }) =>
        Object.fromEntries(
          Object.entries({ url, title, issuer, lang, starterId, enabled, intervalMinutes }).filter(([, value]) => value !== undefined),
        ) as BackupFeed,
    ),
  };
}

/** A page of the backup: an export page whose lines also carry their origins. */
export type BackupPage = Omit<ExportPage, 'skipped'>;

/** One page of statement lines, in id order (as exportPage, plus origins). */
export async function backupPage(db: SourceLensDb, afterId: string | null, limit: number): Promise<BackupPage> {
  const collection = afterId === null ? db.statements.orderBy('id') : db.statements.where('id').above(afterId);
  const statements = await collection.limit(limit).toArray();
  const jsonl = statements.map((statement) => JSON.stringify({ ...toInterchange(statement), [ORIGINS_KEY]: statement.origins }) + '\n').join('');
  const last = statements.at(-1);
  return { jsonl, count: statements.length, nextAfterId: statements.length < limit || !last ? null : last.id };
}

/** Splits a backup statement line into the record and its origins. */
export function splitBackupLine(value: Record<string, unknown>): { raw: Record<string, unknown>; origins: string[] } {
  const { [ORIGINS_KEY]: origins, ...raw } = value;
  const list = Array.isArray(origins) ? origins.filter((origin): origin is string => typeof origin === 'string' && origin.length <= 4000).slice(0, 100) : [];
  return { raw, origins: list };
}

export interface RestoreResult {
  restored: number;
  duplicates: number;
  rejected: number;
  reasons: string[];
  changed: StoreBatchResult['changed'];
}

/**
 * Restores statement lines: validated like any import, stored with their first origin, and every
 * further origin added through the same dedupe (a duplicate gains the origin). Grouped by origin so a
 * batch is a handful of transactions, each all or nothing.
 */
export async function restoreStatements(db: SourceLensDb, lines: Record<string, unknown>[], fallbackOrigin: string): Promise<RestoreResult> {
  const result: RestoreResult = { restored: 0, duplicates: 0, rejected: 0, reasons: [], changed: [] };
  const byOrigin = new Map<string, StatementRecord[]>();
  const later = new Map<string, StatementRecord[]>();
  for (const line of lines) {
    const { raw, origins } = splitBackupLine(line);
    const parsed = toStatementRecord(raw);
    if (!parsed.ok) {
      result.rejected++;
      if (result.reasons.length < 20) result.reasons.push(parsed.reason);
      continue;
    }
    const [first = fallbackOrigin, ...rest] = origins;
    push(byOrigin, first, parsed.record);
    for (const origin of rest) push(later, origin, parsed.record);
  }
  for (const [origin, records] of byOrigin) {
    const stored = await storeBatch(db, records, origin);
    result.restored += stored.imported + stored.updated;
    result.duplicates += stored.duplicates;
    result.changed.push(...stored.changed);
  }
  for (const [origin, records] of later) {
    const stored = await storeBatch(db, records, origin);
    result.changed.push(...stored.changed);
  }
  return result;
}

function push<K, T>(map: Map<K, T[]>, key: K, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The file chosen to restore is not a SourceLens backup (the options page says so in the user's language). */
export class NotABackupError extends Error {
  override name = 'NotABackupError';
}

export interface ReadBackupOptions {
  onHeader: (header: BackupHeader) => Promise<void>;
  onBatch: (lines: Record<string, unknown>[]) => Promise<void>;
  batchSize?: number;
  onBytes?: (bytes: number) => void;
}

/**
 * Reads a backup file (page side) and hands the header, then batches of statement lines, to the
 * callbacks. A file that is not a backup is refused before anything is written; a broken line is
 * counted and skipped, never fatal.
 */
export async function readBackup(stream: ReadableStream<Uint8Array>, options: ReadBackupOptions): Promise<{ lines: number; unreadable: number }> {
  let header: BackupHeader | null = null;
  let batch: Record<string, unknown>[] = [];
  let lines = 0;
  let unreadable = 0;
  const size = options.batchSize ?? 500;
  for await (const line of readLines(stream, { maxLineChars: 2_100_000, onBytes: options.onBytes })) {
    if (!line.text.trim() && !line.oversized) continue;
    let value: unknown;
    try {
      value = line.oversized ? undefined : JSON.parse(line.text);
    } catch {
      value = undefined;
    }
    if (!header) {
      const parsed = v.safeParse(BackupHeaderSchema, value);
      if (!parsed.success) throw new NotABackupError(`not a SourceLens backup: ${parsed.issues[0].message} (line ${line.number})`);
      header = parsed.output;
      await options.onHeader(header);
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      unreadable++;
      continue;
    }
    lines++;
    batch.push(value as Record<string, unknown>);
    if (batch.length >= size) {
      await options.onBatch(batch);
      batch = [];
    }
  }
  if (!header) throw new Error('the file is empty');
  if (batch.length > 0) await options.onBatch(batch);
  return { lines, unreadable };
}
