import type { Pool } from 'pg';
import { addRejected, addWarnings, emptySummary, type ImportSummary } from '../lib/corpus/import-summary';
import { parseCorpus } from '../lib/corpus/parse-corpus';
import type { ImportSource } from '../lib/corpus/import-files';
import { compactGramSet } from './gram-filter';
import { writeBatch, type PreparedBatch, type StoreOutcome } from './ingest';
import { BatchPreparer } from './prepare-pool';

/**
 * `sourcelens server import`: the extension's streaming parser and validation (parseCorpus), the
 * same summary, and a pipeline: while PostgreSQL commits batch n (its own process), this process
 * parses batch n+k and its worker threads fingerprint batches n+1…n+k-1. One batch is written at a
 * time, so a crash loses at most the batch being written, never part of one.
 */
export async function importToServer(
  pool: Pool,
  gramKey: Uint8Array,
  sources: ImportSource[],
  options: { batchSize: number; onBatch?: (records: number) => void; rebuildIndex?: boolean },
): Promise<ImportSummary> {
  const summary = emptySummary(sources.map((s) => s.name));
  // A large load goes in without the postings index, which is built once at the end: one sort per
  // partition instead of ~80 random btree inserts per statement. Automatic into an empty database.
  const rebuild = options.rebuildIndex ?? (await postingsEmpty(pool));
  if (rebuild) await pool.query('DROP INDEX IF EXISTS postings_gram_sid');
  try {
    await importBatches(pool, gramKey, sources, options, summary);
  } finally {
    if (rebuild) await pool.query(CREATE_POSTINGS_INDEX);
  }
  // The batches' grams, logged one row per batch, become the stored gram set: a server starting
  // next reads one snapshot instead of the whole log (gram-filter.ts).
  await compactGramSet(pool);
  return summary;
}

/**
 * The postings index, as migration 1 creates it. Also run by every start (migrate), so a bulk import
 * killed before it rebuilt the index leaves a database whose next start rebuilds it.
 */
export const CREATE_POSTINGS_INDEX = 'CREATE INDEX IF NOT EXISTS postings_gram_sid ON postings (gram, sid)';

async function postingsEmpty(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM postings) AS empty');
  return rows[0]!.empty;
}

async function importBatches(
  pool: Pool,
  gramKey: Uint8Array,
  sources: ImportSource[],
  options: { batchSize: number; onBatch?: (records: number) => void },
  summary: ImportSummary,
): Promise<ImportSummary> {
  let writing: Promise<StoreOutcome> | undefined;
  let records = 0;
  const settle = async () => {
    if (!writing) return;
    const stored = await writing;
    writing = undefined;
    summary.imported += stored.imported;
    summary.updated += stored.updated;
    summary.duplicates += stored.duplicates;
    options.onBatch?.(records);
  };
  // Three stages at once: this thread parses the next batch while the workers prepare the ones
  // before it and PostgreSQL commits the oldest. Writes stay one at a time, in order, each one
  // transaction.
  const preparer = new BatchPreparer(gramKey);
  const preparing: Array<Promise<PreparedBatch>> = [];
  const write = async () => {
    const prepared = await preparing.shift()!;
    await settle();
    records += prepared.incoming.length;
    writing = writeBatch(pool, prepared);
    // A failed write must not wait for the next batch to be noticed.
    writing.catch(() => undefined);
  };
  try {
    for (const source of sources) {
      for await (const batch of parseCorpus(source.stream(), { fileName: source.name, batchSize: options.batchSize, batchChars: 64 * 1024 * 1024 })) {
        addRejected(summary, batch.rejected);
        addWarnings(summary, batch.warnings);
        if (batch.records.length === 0) continue;
        const next = preparer.prepare(
          batch.records.map((r) => r.record),
          source.name,
        );
        next.catch(() => undefined);
        preparing.push(next);
        if (preparing.length > preparer.parallelism) await write();
      }
    }
    while (preparing.length > 0) await write();
    await settle();
  } finally {
    await preparer.close();
  }
  return summary;
}
