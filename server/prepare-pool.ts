import { Worker } from 'node:worker_threads';
import type { StatementRecord } from '../lib/corpus/statement';
import { fromPreparedArrays, prepareBatch, type PreparedArrays, type PreparedBatch } from './ingest';

/**
 * Prepares import batches on a worker thread (prepare-worker.ts), in order. Where the worker cannot
 * start, batches are prepared on the calling thread, as before: slower, same result.
 */
export class BatchPreparer {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (p: PreparedBatch) => void; reject: (e: Error) => void; origin: string }>();

  constructor(private readonly gramKey: Uint8Array) {
    try {
      this.worker = startWorker();
      this.worker.on('message', (m: { id: number; prepared?: PreparedArrays; error?: string }) => {
        const waiting = this.pending.get(m.id);
        if (!waiting) return;
        this.pending.delete(m.id);
        if (m.prepared) waiting.resolve(fromPreparedArrays(this.gramKey, waiting.origin, m.prepared));
        else waiting.reject(new Error(m.error ?? 'the batch could not be prepared'));
      });
      this.worker.on('error', (error) => this.failAll(error));
    } catch {
      this.worker = undefined;
    }
  }

  prepare(records: StatementRecord[], origin: string): Promise<PreparedBatch> {
    const now = Date.now();
    if (!this.worker) return Promise.resolve(prepareBatch(this.gramKey, records, origin, now));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, origin });
      this.worker!.postMessage({ id, key: this.gramKey, records, origin, now });
    });
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    this.worker = undefined;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/**
 * The worker's file: beside this module when run from source (tsx: the worker loads it the same way),
 * or the bundle's own entry (dist/server-prepare-worker.mjs, scripts/build-cli.mjs) from dist/chunks/.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // A worker does not inherit tsx's loader: register it first, then load the TypeScript file.
    const tsx = import.meta.resolve('tsx/esm/api');
    const file = new URL('./prepare-worker.ts', here).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(file)}); })`, { eval: true });
  }
  return new Worker(new URL('../server-prepare-worker.mjs', here));
}
