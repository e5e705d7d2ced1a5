import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { StatementRecord } from '../lib/corpus/statement';
import { fromPreparedArrays, prepareBatch, type PreparedArrays, type PreparedBatch } from './ingest';

/**
 * Prepares import batches on worker threads (prepare-worker.ts), taking turns, so that preparing (the
 * largest CPU share of an import: tokens, fingerprints, content hashes) runs on every core while
 * PostgreSQL writes. Each batch's promise resolves with its own result; the caller writes them in the
 * order it asked. Where a worker cannot start, batches are prepared on the calling thread, as before:
 * slower, same result.
 */
export class BatchPreparer {
  private workers: Worker[] = [];
  private turn = 0;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (p: PreparedBatch) => void; reject: (e: Error) => void; origin: string }>();

  /** `threads`: worker threads to start (default SOURCELENS_IMPORT_THREADS, else the machine's cores, at most 4). */
  constructor(
    private readonly gramKey: Uint8Array,
    threads = Number(process.env.SOURCELENS_IMPORT_THREADS) || Math.min(4, availableParallelism()),
  ) {
    try {
      for (let i = 0; i < threads; i++) this.workers.push(this.start());
    } catch {
      void this.close();
    }
  }

  /** How many batches can be in preparation at once with profit. */
  get parallelism(): number {
    return Math.max(1, this.workers.length);
  }

  prepare(records: StatementRecord[], origin: string): Promise<PreparedBatch> {
    const now = Date.now();
    if (this.workers.length === 0) return Promise.resolve(prepareBatch(this.gramKey, records, origin, now));
    const id = this.nextId++;
    const worker = this.workers[this.turn++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, origin });
      worker.postMessage({ id, key: this.gramKey, records, origin, now });
    });
  }

  private start(): Worker {
    const worker = startWorker();
    worker.on('message', (m: { id: number; prepared?: PreparedArrays; error?: string }) => {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if (m.prepared) waiting.resolve(fromPreparedArrays(this.gramKey, waiting.origin, m.prepared));
      else waiting.reject(new Error(m.error ?? 'the batch could not be prepared'));
    });
    worker.on('error', (error) => this.failAll(error));
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    void this.close();
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
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
