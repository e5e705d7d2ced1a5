import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { TeamStatement } from './protocol';
import type { TeamStatementCache } from './team-check';

/**
 * Team statements fetched for checks, kept in IndexedDB so the next article on the same story needs
 * no second fetch. Its own database, apart from the user's corpus: it is a cache (never exported,
 * never backed up, dropped whole when the team server changes). Bounded by count, least recently used
 * first: each read stamps `usedAt`, and a write past the bound deletes the oldest stamps.
 */
interface CachedStatement extends TeamStatement {
  usedAt: number;
}

class TeamCacheDb extends Dexie {
  statements!: EntityTable<CachedStatement, 'id'>;
  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({ statements: 'id, usedAt' });
  }
}

/** 5,000 statements: ~15 MB of text at the Senate releases' length, several weeks of a reader's checks. */
export const TEAM_CACHE_LIMIT = 5000;

export class IndexedDbStatementCache implements TeamStatementCache {
  private readonly db: TeamCacheDb;
  /** usedAt stamps only grow, even when two stamps fall in one millisecond. */
  private clock = 0;

  constructor(
    private readonly limit = TEAM_CACHE_LIMIT,
    options?: DexieOptions & { name?: string },
    private readonly now: () => number = Date.now,
  ) {
    this.db = new TeamCacheDb(options?.name ?? 'sourcelens-team-cache', options);
  }

  private stamp(): number {
    this.clock = Math.max(this.clock + 1, this.now());
    return this.clock;
  }

  async get(ids: readonly string[]): Promise<Map<string, TeamStatement>> {
    const found = await this.db.statements.bulkGet([...ids]);
    const out = new Map<string, TeamStatement>();
    const touched: CachedStatement[] = [];
    for (const record of found) {
      if (!record) continue;
      const { usedAt: _, ...statement } = record;
      out.set(statement.id, statement);
      touched.push({ ...record, usedAt: this.stamp() });
    }
    if (touched.length) await this.db.statements.bulkPut(touched);
    return out;
  }

  async put(statements: readonly TeamStatement[]): Promise<void> {
    if (statements.length === 0) return;
    await this.db.transaction('rw', this.db.statements, async () => {
      await this.db.statements.bulkPut(statements.map((s) => ({ ...s, usedAt: this.stamp() })));
      const over = (await this.db.statements.count()) - this.limit;
      if (over > 0) await this.db.statements.orderBy('usedAt').limit(over).delete();
    });
  }

  count(): Promise<number> {
    return this.db.statements.count();
  }

  clear(): Promise<void> {
    return this.db.statements.clear();
  }
}
