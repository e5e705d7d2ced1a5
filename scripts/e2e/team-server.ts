/**
 * The team server for the end-to-end suite (team-scenario.mjs): run inside scripts/with-postgres.sh,
 * it imports the given corpus files into the throwaway database, starts `sourcelens server` on a free
 * loopback port and prints `READY <address>` (the read token is fixed by the caller's environment).
 * It stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { fileSource } from '../../lib/cli/files.ts';
import { createTeamServer } from '../../server/app.ts';
import { configFromEnv, gramKey, openDatabase } from '../../server/config.ts';
import { importToServer } from '../../server/import-files.ts';
import { tokensFromEnv } from '../../server/tokens.ts';

async function main() {
  const pool = await openDatabase(process.env.DATABASE_URL);
  const key = await gramKey(pool);
  const summary = await importToServer(pool, key, await Promise.all(process.argv.slice(2).map((file) => fileSource(file))), { batchSize: 2000 });
  const tokens = tokensFromEnv(process.env.SOURCELENS_TOKENS);
  const server = createTeamServer({ pool, gramKey: key, config: { ...configFromEnv(), port: 0 }, tokens: () => tokens });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port} ${summary.imported}\n`);
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void pool.end().then(() => process.exit(0)));
  });
}
void main();
