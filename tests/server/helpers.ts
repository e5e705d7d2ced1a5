import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pg from 'pg';
import { createTeamServer } from '../../server/app';
import { configFromEnv, createPool, gramKey, openDatabase } from '../../server/config';
import { digestToken, type TokenEntry } from '../../server/tokens';
import { GramFilter } from '../../server/gram-filter';

export const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) throw new Error('the server tests need a PostgreSQL: run them with `npm run test:server` (scripts/with-postgres.sh)');

export const SENATE = new URL('../../../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz', import.meta.url).pathname;
export const STARTER = new URL('../../public/corpus/starter.jsonl', import.meta.url).pathname;

/** Drops every table, so each test file starts from an empty database (and the migrations run again). */
export async function resetDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await client.end();
}

export const TOKENS = { read: 'read-token-0123456789', write: 'write-token-0123456789', admin: 'admin-token-0123456789' };
export const tokenEntries: TokenEntry[] = Object.entries(TOKENS).map(([role, token]) => ({
  digest: digestToken(token),
  role: role as TokenEntry['role'],
  label: role,
}));

export interface Running {
  url: string;
  pool: pg.Pool;
  key: Uint8Array;
  server: Server;
  gramFilter?: GramFilter;
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<ReturnType<typeof configFromEnv>> = {}): Promise<Running> {
  const pool = await openDatabase(DATABASE_URL);
  const key = await gramKey(pool);
  const config = { ...configFromEnv({}), port: 0, ...overrides };
  const gramFilter = config.gramFilter ? await GramFilter.open(pool) : undefined;
  const server = createTeamServer({ pool, gramKey: key, config, gramFilter, tokens: () => tokenEntries });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pool,
    key,
    server,
    gramFilter,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

/** The first `count` Senate releases, as JSON lines. */
export async function senateLines(count: number): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(SENATE).pipe(createGunzip()) });
  for await (const line of rl) {
    if (!line.trim()) continue;
    lines.push(line);
    if (lines.length >= count) break;
  }
  rl.close();
  return lines;
}

export { createPool };
