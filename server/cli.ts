import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { formatSummary } from '../lib/corpus/import-summary';
import { fileSource } from '../lib/cli/files';
import { RoleSchema } from '../lib/team/protocol';
import * as v from 'valibot';
import { createTeamServer } from './app';
import { configFromEnv, gramKey, openDatabase } from './config';
import { addFeed, listFeeds, pollFeeds } from './feed-poller';
import { GramFilter } from './gram-filter';
import { importToServer } from './import-files';
import { createToken, loadTokens, tokensFromEnv, type TokenEntry } from './tokens';

/**
 * `sourcelens server …`: the team corpus server on PostgreSQL (docs/SERVER.md). The database is
 * DATABASE_URL (or the PG* variables); its schema is brought up to date by every subcommand.
 */
export const SERVER_HELP = `usage: sourcelens server [start] [--port N] [--host ADDRESS]
       sourcelens server import [--rebuild-index] FILE...
       sourcelens server token create --role read|write|admin [--label TEXT]
       sourcelens server feed add URL [--issuer NAME] [--lang TAG]
       sourcelens server feed list
       sourcelens server migrate

The team corpus server: statements and their fingerprints in PostgreSQL (DATABASE_URL), answered to
the extension by keyed gram hashes only (docs/PRIVACY.md). Settings: docs/SERVER.md.
`;

/** Statements per import transaction: large enough that COPY dominates, small enough to lose little on a crash. */
export const IMPORT_BATCH = 2000;

export async function runServer(argv: string[]): Promise<number> {
  const [sub = 'start', ...rest] = argv[0]?.startsWith('-') ? ['start', ...argv] : argv;
  if (sub === '--help' || sub === '-h' || sub === 'help' || rest.includes('--help')) {
    process.stdout.write(SERVER_HELP);
    return 0;
  }
  const config = configFromEnv();
  switch (sub) {
    case 'migrate': {
      const pool = await openDatabase(config.databaseUrl, 1);
      await pool.end();
      process.stdout.write('the database schema is up to date\n');
      return 0;
    }
    case 'import': {
      const { values: flags, positionals: files } = parseArgs({ args: rest, options: { 'rebuild-index': { type: 'boolean' } }, allowPositionals: true });
      if (files.length === 0) return usage('import needs at least one file');
      const pool = await openDatabase(config.databaseUrl, 2);
      try {
        const key = await gramKey(pool);
        const started = performance.now();
        const sources = await Promise.all(files.map((file) => fileSource(file)));
        let records = 0;
        const summary = await importToServer(pool, key, sources, {
          batchSize: IMPORT_BATCH,
          rebuildIndex: flags['rebuild-index'] ? true : undefined,
          onBatch: (n) => {
            records = n;
            if (process.stderr.isTTY) process.stderr.write(`\r${n} statements stored`);
          },
        });
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(`${formatSummary(summary)}\n${records} statements in ${seconds.toFixed(1)} s (${Math.round(records / seconds)}/s)\n`);
        return summary.rejectedCount > 0 || summary.interrupted ? 1 : 0;
      } finally {
        await pool.end();
      }
    }
    case 'token': {
      const { values, positionals } = parseArgs({ args: rest, options: { role: { type: 'string' }, label: { type: 'string' } }, allowPositionals: true });
      const role = v.safeParse(RoleSchema, values.role);
      if (positionals[0] !== 'create' || !role.success) return usage('token create --role read|write|admin');
      const pool = await openDatabase(config.databaseUrl, 1);
      try {
        process.stdout.write(`${await createToken(pool, role.output, values.label ?? '')}\n`);
        return 0;
      } finally {
        await pool.end();
      }
    }
    case 'feed': {
      const { values, positionals } = parseArgs({ args: rest, options: { issuer: { type: 'string' }, lang: { type: 'string' } }, allowPositionals: true });
      const pool = await openDatabase(config.databaseUrl, 1);
      try {
        if (positionals[0] === 'add' && positionals[1]) {
          const feed = await addFeed(pool, { url: positionals[1], issuer: values.issuer, lang: values.lang });
          process.stdout.write(`subscribed: ${feed.url}\n`);
          return 0;
        }
        if (positionals[0] === 'list') {
          for (const f of await listFeeds(pool)) process.stdout.write(`${f.url}\t${f.storedCount} stored\t${f.lastError ?? 'ok'}\n`);
          return 0;
        }
        return usage('feed add URL | feed list');
      } finally {
        await pool.end();
      }
    }
    case 'start':
      return start(rest, config);
    default:
      return usage(`unknown subcommand "${sub}"`);
  }
}

async function start(args: string[], config: ReturnType<typeof configFromEnv>): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
  if (values.port) config.port = Number(values.port);
  if (values.host) config.host = values.host;
  const pool = await openDatabase(config.databaseUrl);
  const key = await gramKey(pool);
  const fixed = tokensFromEnv(process.env.SOURCELENS_TOKENS);
  let tokens: TokenEntry[] = [...fixed, ...(await loadTokens(pool))];
  if (tokens.length === 0) {
    // A fresh team: one token of each kind, shown once. They are stored as digests only.
    const admin = await createToken(pool, 'admin', 'first admin');
    const read = await createToken(pool, 'read', 'first reader');
    process.stdout.write(`No team tokens yet; created these two (shown only now):\n  admin (corpus keeper): ${admin}\n  read (for the extension): ${read}\n`);
    tokens = [...fixed, ...(await loadTokens(pool))];
  }
  const reload = setInterval(() => {
    loadTokens(pool).then(
      (t) => (tokens = [...fixed, ...t]),
      () => undefined,
    );
  }, 30_000);
  const poll = setInterval(() => {
    pollFeeds(pool, key).catch((error: unknown) => process.stderr.write(`feed poll: ${(error as Error).message}\n`));
  }, 60_000);
  const log = (line: string) => process.stderr.write(line + '\n');
  const gramFilter = config.gramFilter ? await openGramFilter(pool, log) : undefined;
  const server = createTeamServer({ pool, gramKey: key, config, gramFilter, tokens: () => tokens, log });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`sourcelens team server on http://${config.host}:${port} (put TLS in front: docs/SERVER.md)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(reload);
  clearInterval(poll);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await pool.end();
  return 0;
}

async function openGramFilter(pool: Awaited<ReturnType<typeof openDatabase>>, log: (line: string) => void): Promise<GramFilter> {
  const started = performance.now();
  const filter = await GramFilter.open(pool, log);
  log(`gram set: ${filter.size} grams, ${(filter.bytes / 2 ** 20).toFixed(1)} MB, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return filter;
}

function usage(message: string): number {
  process.stderr.write(`sourcelens server: ${message}\n\n${SERVER_HELP}`);
  return 2;
}
