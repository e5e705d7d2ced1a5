import type { StoreResult } from './import-files';
import type { StatementRecord, StoredStatement } from './statement';
import { toStoredStatement } from './statement';
import { planBatch } from './store';

/**
 * An in-memory corpus with the same dedupe rules as the database (`planBatch`), for `import-check`
 * and for Node code that wants a corpus without IndexedDB.
 */
export class MemoryCorpus {
  readonly byId = new Map<string, StoredStatement>();
  private readonly byHash = new Map<string, StoredStatement>();

  store(origin: string, records: StatementRecord[]): StoreResult {
    const incoming = records.map((record) => toStoredStatement(record, origin));
    const { writes, changed: _changed, ...result } = planBatch(incoming, this.byId, this.byHash, origin);
    for (const statement of writes) this.byId.set(statement.id, statement);
    return result;
  }

  get size(): number {
    return this.byId.size;
  }
}
