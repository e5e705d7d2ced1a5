import type { Pool } from 'pg';
import { addRejected, addWarnings, emptySummary, type ImportSummary } from '../lib/corpus/import-summary';
import { parseCorpus } from '../lib/corpus/parse-corpus';
import type { ImportSource } from '../lib/corpus/import-files';
import { prepareBatch, writeBatch, type StoreOutcome } from './ingest';

/**
 * `sourcelens server import`: the extension's streaming parser and validation (parseCorpus), the
 * same summary, and a two-stage pipeline: while PostgreSQL commits batch n (its own process, the
 * other core), this process parses and fingerprints batch n+1. At most one batch is in flight, so a
 * crash loses at most the batch being written, never part of one.
 */
export async function importToServer(
  pool: Pool,
  gramKey: Uint8Array,
  sources: ImportSource[],
  options: { batchSize: number; onBatch?: (records: number) => void },
): Promise<ImportSummary> {
  const summary = emptySummary(sources.map((s) => s.name));
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
  for (const source of sources) {
    for await (const batch of parseCorpus(source.stream(), { fileName: source.name, batchSize: options.batchSize, batchChars: 64 * 1024 * 1024 })) {
      addRejected(summary, batch.rejected);
      addWarnings(summary, batch.warnings);
      if (batch.records.length === 0) continue;
      const prepared = prepareBatch(gramKey, batch.records.map((r) => r.record), source.name);
      await settle();
      records += batch.records.length;
      writing = writeBatch(pool, prepared);
      // A failed write must not wait for the next batch to be noticed.
      writing.catch(() => undefined);
    }
  }
  await settle();
  return summary;
}
