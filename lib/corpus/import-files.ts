import { addRejected, addWarnings, emptySummary, type ImportSummary } from './import-summary';
import { errorMessage } from '../shared/error-message';
import { parseCorpus, type RejectedLine } from './parse-corpus';
import type { StatementRecord } from './statement';

/**
 * Runs an import: parses each file as a stream and hands the records to `store` one batch at a time.
 * Used by the options page (where `store` messages the background) and by the CLI (where `store` is an
 * in-memory check), so both report exactly the same summary for the same file.
 */

/** The part of a File we need; Node tests and the CLI pass their own. */
export interface ImportSource {
  name: string;
  size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface StoreResult {
  imported: number;
  updated: number;
  duplicates: number;
  rejected?: RejectedLine[];
  rejectedCount?: number;
}

export interface ImportProgressEvent {
  file: string;
  fileIndex: number;
  fileCount: number;
  /** Share of all input bytes read so far, 0..1. */
  fraction: number;
  /** Records handed to the store so far. */
  records: number;
}

export interface ImportFilesOptions {
  store: (file: string, records: StatementRecord[]) => Promise<StoreResult>;
  onProgress?: (event: ImportProgressEvent) => void;
  signal?: AbortSignal;
  batchSize?: number;
}

export async function importFiles(sources: ImportSource[], options: ImportFilesOptions): Promise<ImportSummary> {
  const summary = emptySummary(sources.map((source) => source.name));
  const totalBytes = sources.reduce((sum, source) => sum + source.size, 0) || 1;
  let bytesBefore = 0;
  let records = 0;
  /** Store calls not yet answered, oldest first. */
  const inFlight: Promise<void>[] = [];
  try {
    for (const [fileIndex, source] of sources.entries()) {
      let fileBytes = 0;
      const report = () =>
        options.onProgress?.({
          file: source.name,
          fileIndex,
          fileCount: sources.length,
          fraction: Math.min(1, (bytesBefore + fileBytes) / totalBytes),
          records,
        });
      const batches = parseCorpus(source.stream(), {
        fileName: source.name,
        batchSize: options.batchSize,
        onProgress: (bytes) => (fileBytes = bytes),
      });
      // Up to MAX_IN_FLIGHT batches are on their way while the next is parsed: the page and the
      // worker work at the same time. Each acknowledged batch is committed, so stopping loses
      // nothing that was acknowledged.
      for await (const batch of batches) {
        while (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
        throwIfAborted(options.signal);
        addRejected(summary, batch.rejected);
        addWarnings(summary, batch.warnings);
        if (batch.records.length > 0) {
          const count = batch.records.length;
          const answered = options
            .store(
              source.name,
              batch.records.map((parsed) => parsed.record),
            )
            .then((stored) => {
              summary.imported += stored.imported;
              summary.updated += stored.updated;
              summary.duplicates += stored.duplicates;
              if (stored.rejected) addRejected(summary, stored.rejected);
              records += count;
              report();
            });
          // A failure is awaited (and reported) in turn; until then it is not an unhandled rejection.
          answered.catch(() => undefined);
          inFlight.push(answered);
        } else {
          report();
        }
      }
      while (inFlight.length > 0) await inFlight.shift();
      bytesBefore += source.size;
    }
  } catch (error) {
    // A batch sent after the one that failed may have been stored: wait for its answer, so the
    // summary counts everything that was stored and no failure goes unheard.
    await Promise.allSettled(inFlight);
    summary.interrupted = true;
    summary.error = options.signal?.aborted ? 'stopped before the end; every batch stored so far is complete' : errorMessage(error);
  }
  return summary;
}

/**
 * Batches sent before the oldest is answered. Two let a batch travel to the worker (50-80 ms for 250
 * Senate releases) while it finishes the one before, but the worker is busy then (it prepares each
 * batch for indexing while the batch is written), and two measured no faster than one (20,000
 * releases in Chromium: 840 and 878/s against 867 and 841/s) with longer pauses on the options page
 * (303 and 307 ms against 291 and 241 ms). One keeps what a stop leaves simplest: the acknowledged
 * batches and at most one more.
 */
export const MAX_IN_FLIGHT = 1;

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error('aborted');
}
