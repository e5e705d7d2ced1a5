import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toStatementRecord } from '../../lib/corpus/statement';
import { contentHash } from '../../lib/engine/index';
import { TeamClient } from '../../lib/team/team-client';
import { IMPORT_BATCH } from '../../server/cli';
import { DATABASE_URL, resetDatabase, senateLines, startServer, TOKENS } from './helpers';

const repo = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sourcelens-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the server killed mid-import', () => {
  let lines: string[];
  beforeAll(async () => {
    await resetDatabase();
    lines = await senateLines(5 * IMPORT_BATCH);
    writeFileSync(join(dir, 'senate.jsonl'), lines.join('\n') + '\n');
  });

  /** Distinct texts among the first `n` lines: what n lines' batches leave in the database. */
  const distinctUpTo = (n: number) =>
    new Set(
      lines.slice(0, n).map((l) => {
        const r = toStatementRecord(JSON.parse(l));
        return r.ok ? contentHash(r.record.text) : '';
      }),
    ).size;

  const importProcess = () =>
    spawn(process.execPath, ['--import', 'tsx', 'scripts/sourcelens.ts', 'server', 'import', join(dir, 'senate.jsonl')], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('keeps every committed batch whole and nothing of the batch in flight; importing again completes it', async () => {
    const running = await startServer();
    const count = async (sql: string) => Number((await running.pool.query<{ n: string }>(sql)).rows[0]!.n);
    try {
      const child = importProcess();
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // Kill it (SIGKILL: no cleanup of any kind) once the first batch is committed and before the last.
      for (;;) {
        const stored = await count('SELECT count(*) AS n FROM statements');
        if (stored > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill('SIGKILL');
      await exited;
      const stored = await count('SELECT count(*) AS n FROM statements');
      const boundaries = Array.from({ length: 6 }, (_, k) => distinctUpTo(k * IMPORT_BATCH));
      expect(boundaries).toContain(stored);
      expect(stored).toBeLessThan(distinctUpTo(lines.length));
      // No half-written statement: each has its postings and its origin, and the kept count agrees.
      expect(await count('SELECT count(*) AS n FROM statements s WHERE NOT EXISTS (SELECT 1 FROM origins o WHERE o.sid = s.sid)')).toBe(0);
      expect(await count('SELECT count(*) AS n FROM statements s WHERE NOT EXISTS (SELECT 1 FROM postings p WHERE p.sid = s.sid)')).toBe(0);
      expect(await count('SELECT count(*) AS n FROM postings p WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.sid = p.sid)')).toBe(0);
      expect(await count(`SELECT value AS n FROM corpus_counts WHERE name = 'statements'`)).toBe(stored);

      // The import into the empty database had dropped the postings index to build it at its end
      // (bulk load); the next start (here, the next import) rebuilds it.
      const again = importProcess();
      const code = await new Promise<number | null>((resolve) => again.on('exit', resolve));
      expect(code).toBe(0);
      expect(await count('SELECT count(*) AS n FROM statements')).toBe(distinctUpTo(lines.length));
      expect(await count(`SELECT value AS n FROM corpus_counts WHERE name = 'statements'`)).toBe(distinctUpTo(lines.length));
      expect(await count(`SELECT count(*) AS n FROM pg_indexes WHERE indexname LIKE 'postings_%' AND indexdef LIKE '%(gram, sid)%'`)).toBe(9);
    } finally {
      await running.close();
    }
  });
});

describe('PostgreSQL restarted while checks run', () => {
  it('answers 503 in words while the database is down, and recovers by itself', async () => {
    const stop = process.env.SOURCELENS_PG_STOP;
    const start = process.env.SOURCELENS_PG_START;
    if (!stop || !start) throw new Error('run with npm run test:server (it sets SOURCELENS_PG_STOP and SOURCELENS_PG_START)');
    const running = await startServer();
    try {
      const client = new TeamClient({ address: running.url, token: TOKENS.read });
      const article = (await senateLines(1))[0]!;
      const query = await client.prepare(JSON.parse(article).text, 'en');
      expect((await client.lookup(query)).candidates.length).toBeGreaterThan(0);

      execSync(stop, { stdio: 'ignore', shell: '/bin/sh' });
      const down = await fetch(`${running.url}/v1/lookup`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKENS.read}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ grams: query.grams, words: query.words }),
      });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect((await down.json()).error).toBe('the team database is not reachable right now; try again shortly');
      await expect(client.lookup(query)).rejects.toMatchObject({ kind: 'unavailable' });
      expect((await fetch(`${running.url}/healthz`)).status).toBe(503);

      execSync(start, { stdio: 'ignore', shell: '/bin/sh' });
      const answer = await client.lookup(query);
      expect(answer.candidates.length).toBeGreaterThan(0);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
