import { parentPort } from 'node:worker_threads';
import type { StatementRecord } from '../lib/corpus/statement';
import { prepareArrays, transferables } from './ingest';

/**
 * The CPU half of an import batch (content hashes, fingerprints, keyed hashes, word buckets) on a
 * thread of its own (prepare-pool.ts): the importing thread parses the next batch meanwhile, and
 * PostgreSQL writes the previous one.
 */
parentPort!.on('message', (message: { id: number; key: Uint8Array; records: StatementRecord[]; origin: string; now: number }) => {
  try {
    const prepared = prepareArrays(message.key, message.records, message.origin, message.now);
    parentPort!.postMessage({ id: message.id, prepared }, transferables(prepared));
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
