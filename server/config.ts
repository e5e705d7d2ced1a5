import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { decodeKey, encodeKey, GRAM_KEY_BYTES } from '../lib/team/gram-key';
import { migrate } from './migrations';

/** Settings from the environment (docs/SERVER.md lists them). */
export interface ServerConfig {
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** Origins allowed by CORS: exact origins, or `chrome-extension://*` / `moz-extension://*`. */
  allowedOrigins: string[];
  readPerSecond: number;
  readBurst: number;
  /** Keep the set of grams with postings in memory and probe only those (SOURCELENS_GRAM_FILTER, on unless `off`). */
  gramFilter: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    databaseUrl: env.DATABASE_URL,
    host: env.SOURCELENS_HOST ?? '127.0.0.1',
    port: Number(env.SOURCELENS_PORT ?? 8787),
    allowedOrigins: (env.SOURCELENS_ALLOWED_ORIGINS ?? 'chrome-extension://*,moz-extension://*')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    readPerSecond: Number(env.SOURCELENS_RATE_PER_SECOND ?? 20),
    readBurst: Number(env.SOURCELENS_RATE_BURST ?? 60),
    gramFilter: env.SOURCELENS_GRAM_FILTER !== 'off',
  };
}

export function createPool(databaseUrl: string | undefined, max = 10): pg.Pool {
  // A check must not hang while the database restarts: give up connecting after 2 s (→ 503).
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: 2000, idleTimeoutMillis: 30_000 });
  // An idle client whose server went away emits 'error'; without a listener that ends the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Opens the pool and brings the schema up to date. */
export async function openDatabase(databaseUrl: string | undefined, max?: number): Promise<pg.Pool> {
  const pool = createPool(databaseUrl, max);
  const client = await pool.connect();
  try {
    await migrate(client);
  } finally {
    client.release();
  }
  return pool;
}

/**
 * The team's gram key: SOURCELENS_GRAM_KEY (base64 of 16 bytes) when set, which keeps it out of the
 * database and its backups; otherwise one generated at first start and kept in team_settings.
 */
export async function gramKey(pool: pg.Pool, env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array> {
  const fromEnv = env.SOURCELENS_GRAM_KEY?.trim();
  if (fromEnv) {
    const key = decodeKey(fromEnv);
    if (key.length !== GRAM_KEY_BYTES) throw new Error(`SOURCELENS_GRAM_KEY must be base64 of ${GRAM_KEY_BYTES} bytes`);
    return key;
  }
  await pool.query(`INSERT INTO team_settings (name, value) VALUES ('gram_key', $1) ON CONFLICT DO NOTHING`, [encodeKey(randomBytes(GRAM_KEY_BYTES))]);
  const { rows } = await pool.query<{ value: string }>(`SELECT value FROM team_settings WHERE name = 'gram_key'`);
  return decodeKey(rows[0]!.value);
}
