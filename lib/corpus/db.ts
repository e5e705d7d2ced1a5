import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { FeedSubscription } from './stored-feed';
import { issuerKey, type StoredStatement } from './statement';

/**
 * The corpus database. Only the background context opens it; the content script never does.
 *
 * Every schema version stays declared here with its upgrade function, so a profile written by any
 * earlier release opens and upgrades in place (tests/corpus/corpus-migrations.test.ts opens real v1 data).
 */

export const DB_NAME = 'sourcelens';
/** Settings key of the statement count (schema v5; see statementTotal in store.ts). */
export const CORPUS_COUNT_KEY = 'corpus.count';

/** Version 1 (0.1.0-dev): statements with the indexes the first UI needed. Kept verbatim for upgrades and tests. */
export const SCHEMA_V1 = {
  statements: 'id, hash, issuer, date, url',
} as const;

/**
 * Version 2: `issuerKey` (case-folded issuer) replaces `issuer` as the grouping index, so "Ministry of X"
 * and "MINISTRY OF X" list as one issuer; every statement keeps its `origins`; `settings` holds small
 * key/value preferences. Each index costs import speed (measured in Chromium: 3,065 puts/s with none,
 * ~1,600/s with four), so only what a query uses is indexed.
 */
export const SCHEMA_V2 = {
  statements: 'id, hash, issuerKey, date, url',
  settings: 'key',
} as const;

/**
 * Version 3: every write to the corpus gets a sequence number (`seq`, indexed), and the matching
 * index is persisted as a snapshot that records the last `seq` it contains. A worker that starts cold
 * loads the snapshot and indexes only the statements written after it, so an index update interrupted
 * by a killed worker is simply redone, and nothing depends on the worker living long.
 */
export const SCHEMA_V3 = {
  statements: 'id, hash, issuerKey, date, url, seq',
  settings: 'key',
  indexSnapshots: 'key',
} as const;

/**
 * Version 4: `feeds` holds the user's feed subscriptions (stored-feed.ts; the schedule is lib/feeds/subscription.ts), keyed by address.
 * Statements are unchanged: a feed's statements carry `feed:<address>` in their `origins`, which every
 * version since 2 keeps, so the same statement from two feeds is stored once with both origins.
 */
export const SCHEMA_V4 = {
  statements: 'id, hash, issuerKey, date, url, seq',
  settings: 'key',
  indexSnapshots: 'key',
  feeds: 'url',
} as const;

/** A persisted StatementIndex (lib/engine), as of corpus sequence number `seq`. */
export interface IndexSnapshot {
  key: 'main';
  seq: number;
  /** Statements in the index when it was saved (a cheap consistency check). */
  size: number;
  /**
   * StatementIndex.serialize() output, written as a Blob: Chromium reads an 80 MB Blob back 2.5-3.5×
   * faster than the same bytes stored as a Uint8Array (0.7-1.5 s against 2.1-3.4 s, measured in the
   * worker), and the read is most of a cold start at 100,000 statements. Snapshots written as a
   * Uint8Array by earlier versions still load.
   */
  bytes: Uint8Array | Blob;
  savedAt: number;
  /** INDEX_VERSION of the code that saved it (lib/background/corpus-index.ts); absent before 3. */
  version?: number;
  /** The same, as versions 2 wrote it; absent before 2. */
  anchors?: number;
}

export interface Setting {
  key: string;
  value: unknown;
}

export class SourceLensDb extends Dexie {
  statements!: EntityTable<StoredStatement, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  indexSnapshots!: EntityTable<IndexSnapshot, 'key'>;
  feeds!: EntityTable<FeedSubscription, 'url'>;

  /** `options` lets tests pass `{ indexedDB, IDBKeyRange }` from fake-indexeddb. */
  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) =>
        tx
          .table<StoredStatement>('statements')
          .toCollection()
          .modify((statement) => {
            statement.issuerKey = issuerKey(statement.issuer);
            statement.origins ??= [];
            statement.addedAt ??= 0;
          }),
      );
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) =>
        tx
          .table<StoredStatement>('statements')
          .toCollection()
          .modify((statement) => {
            statement.seq ??= 0;
          }),
      );
    // A new table only: nothing to upgrade.
    this.version(4).stores(SCHEMA_V4);
    // Version 5: same tables; the statement count is kept in settings from now on (statementTotal, store.ts).
    this.version(5)
      .stores(SCHEMA_V4)
      .upgrade(async (tx) => {
        const count = await tx.table('statements').count();
        await tx.table('settings').put({ key: CORPUS_COUNT_KEY, value: count });
      });
    // A new database starts with its count (Dexie runs no upgrade function on creation).
    this.on('populate', (tx) => {
      tx.table('settings').add({ key: CORPUS_COUNT_KEY, value: 0 });
    });
  }
}
