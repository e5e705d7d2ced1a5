/**
 * npm run bench:server [-- --json] [--statements 1000000] [--local-at 100000] [--queries 60] [--index-mode bulk|incremental] [--reuse]
 *
 * The team server at scale, on the throwaway PostgreSQL of scripts/with-postgres.sh.
 *
 * Corpus: the 72,607 Senate releases, then derived variants up to --statements. Variant k of release r
 * (k = 1, 2, …) keeps r's words of 1-3 letters and replaces each longer word by another word of the
 * corpus vocabulary (words of 4+ letters, ordered by first appearance), shifted by 7,919 × k places:
 * a consistent substitution per variant. So variants keep the releases' lengths, grammar skeleton and
 * word-frequency shape, and their boilerplate of short words ("of the", "to the") is shared like the
 * real one, while their content grams are new. Statements are written to a JSON Lines file first
 * (not timed); the import is timed as `sourcelens server import` runs it (parse, validate, content
 * hash, fingerprints, keyed hashes, COPY, one transaction per 2,000).
 *
 * Queries (as npm run bench): ~1,500-word articles of MSRP news sentences (not in the corpus) with a
 * 120-word passage of one of the first 1,000 releases in the middle; the same queries at every size.
 * Measured:
 *   - ingest_per_s: statements / import wall time, all N;
 *   - db_size_ratio: pg_database_size / UTF-8 bytes of the statements' texts (after VACUUM);
 *   - lookup_p50_ms / lookup_p95_ms_*: the server's own time per lookup (serverMs: the time inside
 *     the request handler: body, SQL, ranking), with 1 client and with 8 clients sending at once,
 *     each in a process of its own (scripts/bench-server-client.ts); roundtrip_p95_ms: what a client
 *     waits for lookup + fetching the candidates' texts over HTTP on loopback, with 1 client;
 *     lookup_cpu_ms_*_8_clients: CPU per lookup of the server process and of PostgreSQL;
 *   - recall_at_1 at --local-at statements: the browser's path (keyed grams → server candidates → the
 *     engine's findSources over those candidates); local_recall_at_1: the local engine over all of
 *     them (findSources over a StatementIndex of the same statements); recall_at_1_full: the browser's
 *     path at N.
 * The server runs as a child process (`sourcelens server start`), so clients and server do not share
 * an event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { StatementIndex, findSources, tokenize, type StatementDoc } from '../lib/engine/index.ts';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';
import { fileSource } from '../lib/cli/files.ts';
import { TeamClient } from '../lib/team/team-client.ts';
import { checkWithTeam, MemoryStatementCache } from '../lib/team/team-check.ts';
import { openDatabase, gramKey } from '../server/config.ts';
import { importToServer } from '../server/import-files.ts';
import { IMPORT_BATCH } from '../server/cli.ts';
import { passageQueries, type PassageQuery } from './shared/bench-queries.ts';
import { percentile, round } from './shared/bench-stats.mjs';
import { seededRandom } from './shared/seeded-random.mjs';
import { databaseCpuSeconds, processCpuSeconds } from './shared/process-cpu.ts';

installBundledLexicons();
const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const total = Number(opt('--statements', '1000000'));
const localAt = Math.min(total, Number(opt('--local-at', '100000')));
const queryCount = Number(opt('--queries', '60'));
/**
 * bulk (default): each of the two imports drops the postings index and builds it at its end, as
 * `sourcelens server import --rebuild-index` (and any import into an empty database) does;
 * incremental: the index is kept and every posting inserted into it, as for a daily feed or file.
 */
const indexMode = opt('--index-mode', 'bulk');
/**
 * --reuse: when the database already holds statements (a cluster kept with SOURCELENS_PG_KEEP=DIR, loaded
 * by an earlier run of this bench with the same --statements), skip writing and importing and measure
 * lookups, size and recall at full size on it. Ingest and the recall at --local-at are then null.
 */
const reuse = args.includes('--reuse');
const senatePath = opt('--corpus', '../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz');
const msrpPath = opt('--filler', '../shared/data/corpora/msrp-paraphrase-pairs.jsonl');
const log = (...x: unknown[]) => console.error(...x);
const repo = fileURLToPath(new URL('..', import.meta.url));

const random = seededRandom(20231919);

type Query = PassageQuery;

const buildQueries = (corpus: StatementDoc[], filler: string[]): Query[] => passageQueries(random, corpus, filler, queryCount);

const hit = (q: Query, top: { id: string; text: string } | undefined) =>
  !!top && (top.id === q.sourceId || tokenize(top.text).keys.join(' ').includes(q.passageKeys));

/** Writes the N statements (releases, then variants) as JSON Lines to `path` if given; returns the texts' UTF-8 bytes. */
async function writeCorpus(path: string | undefined, senate: StatementDoc[], n: number): Promise<number> {
  const vocab: string[] = [];
  const index = new Map<string, number>();
  const words = senate.map((d) => d.text.split(/(\s+)/));
  for (const ws of words) for (const w of ws) if (w.length >= 4 && !index.has(w)) index.set(w, vocab.push(w) - 1);
  const out = path ? createWriteStream(path) : undefined;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const r = i % senate.length;
    const k = Math.floor(i / senate.length);
    const src = senate[r]!;
    const text = k === 0 ? src.text : words[r]!.map((w) => (w.length >= 4 ? vocab[(index.get(w)! + 7919 * k) % vocab.length]! : w)).join('');
    bytes += Buffer.byteLength(text);
    if (!out) continue;
    const line = JSON.stringify({ ...src, id: k === 0 ? src.id : `${src.id}~v${k}`, text }) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  if (out) {
    out.end();
    await once(out, 'finish');
  }
  return bytes;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sourcelens-bench-server-'));
  let child: ChildProcess | undefined;
  try {
    const firstPath = join(dir, 'first.jsonl');
    const restPath = join(dir, 'rest.jsonl');
    const allPath = join(dir, 'all.jsonl');
    const opened = performance.now();
    const pool = await openDatabase(process.env.DATABASE_URL, 2);
    const migrateMs = performance.now() - opened;
    const stored = Number((await pool.query<{ value: string }>(`SELECT value FROM corpus_counts WHERE name = 'statements'`)).rows[0]!.value);
    // --reuse: a database this bench loaded before (SOURCELENS_PG_KEEP) is measured as it is.
    const reused = reuse && stored > 0;
    if (reuse && !reused) log('--reuse: the database is empty; loading it');
    // The releases (215 MB of text) are not kept past this point: the importer below runs in this
    // process, and a heap holding them would charge every major GC of the import with marking them.
    const { queries, textBytes } = await (async () => {
      const senate = toStatements(readJsonl(senatePath).records);
      const filler = readJsonl(msrpPath).records.flatMap((r) => [String(r.s1), String(r.s2)]);
      log(reused ? `reusing the database's ${stored} statements (${Math.round(migrateMs)} ms to open and migrate it)` : `writing ${total} statements…`);
      return { queries: buildQueries(senate, filler), textBytes: await writeCorpus(reused ? undefined : allPath, senate, total) };
    })();
    if (!reused) {
      // Split at localAt so the 100k measurements run between the two imports.
      await splitLines(allPath, localAt, firstPath, restPath);
      rmSync(allPath);
    }

    const key = await gramKey(pool);
    let importMs = 0;
    let importCpu = { node: 0, db: 0, statements: 0 };
    const dataDir = (await pool.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory;
    const importFile = async (path: string) => {
      const t0 = performance.now();
      const cpu0 = { node: process.cpuUsage(), db: databaseCpuSeconds(dataDir) };
      const n0 = Number((await pool.query<{ value: string }>(`SELECT value FROM corpus_counts WHERE name = 'statements'`)).rows[0]!.value);
      let done = 0;
      const summary = await importToServer(pool, key, [await fileSource(path)], {
        batchSize: IMPORT_BATCH,
        rebuildIndex: indexMode === 'bulk',
        onBatch: (n) => {
          if (n - done >= 100_000) {
            done = n;
            log(`  ${n} imported (${Math.round(n / ((performance.now() - t0) / 1000))}/s)`);
          }
        },
      });
      importMs += performance.now() - t0;
      const used = process.cpuUsage(cpu0.node);
      const n1 = Number((await pool.query<{ value: string }>(`SELECT value FROM corpus_counts WHERE name = 'statements'`)).rows[0]!.value);
      importCpu = {
        node: importCpu.node + (used.user + used.system) / 1e6,
        db: importCpu.db + databaseCpuSeconds(dataDir) - cpu0.db,
        statements: importCpu.statements + n1 - n0,
      };
      return summary;
    };
    if (!reused) {
      log(`importing the first ${localAt}…`);
      await importFile(firstPath);
      await pool.query('VACUUM ANALYZE');
    }

    const token = 'bench-read-token-0123456789';
    const startedAt = performance.now();
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sourcelens.ts', 'server', 'start', '--port', '0'], {
      cwd: repo,
      env: { ...process.env, SOURCELENS_TOKENS: `read:${token}`, SOURCELENS_RATE_PER_SECOND: '100000', SOURCELENS_RATE_BURST: '100000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const address = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => {
        const started = /team server on (http:\/\/\S+)/.exec(d.toString());
        if (started) resolve(started[1]!);
      });
      child!.on('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    /** From spawning `sourcelens server start` to its listening (node and tsx start, migrations, the gram set). */
    const serverStartMs = performance.now() - startedAt;
    const client = new TeamClient({ address, token, timeoutMs: 60_000 });

    let stats = await client.stats();
    const teamTop = async (q: Query) => {
      // Round trip: what the browser waits for the server (lookup, then the candidates' texts with
      // an empty cache), measured apart from the local work (keyed grams, alignment).
      const prepared = await client.prepare(q.text, 'en');
      const t0 = performance.now();
      const answer = await client.lookup(prepared);
      await client.statements(answer.candidates.map((c) => c.id));
      const roundtrip = performance.now() - t0;
      const checked = await checkWithTeam({ text: q.text, lang: 'en' }, client, stats, new MemoryStatementCache());
      const s = checked.statements.get(checked.report.sources[0]?.statementId ?? '');
      const top = s ? { id: s.id, text: s.text } : undefined;
      if (args.includes('--misses') && !hit(q, top)) {
        log(
          `miss: source ${q.sourceId}; candidates ${answer.candidates.map((c) => `${c.id}(${c.score.toFixed(1)}/${c.sharedGrams})`).join(' ')}; shown ${checked.report.sources.map((x) => `${x.statementId}:${x.score.toFixed(2)}`).join(' ')}`,
        );
      }
      return { top, serverMs: answer.serverMs, roundtrip };
    };
    const recallTeam = async () => {
      let hits = 0;
      for (const q of queries) if (hit(q, (await teamTop(q)).top)) hits++;
      return hits / queries.length;
    };
    let recallAtLocal: number | null = null;
    let localHits: number | null = null;
    if (!reused) {
      log(`recall@1 at ${localAt}: team path…`);
      recallAtLocal = await recallTeam();
      log(`recall@1 at ${localAt}: local engine (indexing ${localAt})…`);
      // In a function of its own, so the local index and its texts are garbage before the next import.
      localHits = await (async () => {
        const local = toStatements(readJsonl(firstPath).records);
        const index = new StatementIndex();
        index.add(local);
        const byId = new Map(local.map((d) => [d.id, d]));
        let hits = 0;
        for (const q of queries) {
          const report = await findSources({ text: q.text, lang: 'en' }, index, async (ids) => ids.flatMap((id) => byId.get(id) ?? []));
          if (hit(q, byId.get(report.sources[0]?.statementId ?? ''))) hits++;
        }
        return hits;
      })();

      if (total > localAt) {
        log(`importing the remaining ${total - localAt}…`);
        await importFile(restPath);
      }
    }
    const vacuumStart = performance.now();
    await pool.query('VACUUM ANALYZE');
    const vacuumMs = performance.now() - vacuumStart;
    const { rows } = await pool.query<{ n: string; size: string }>(
      `SELECT (SELECT count(*) FROM statements) AS n, pg_database_size(current_database()) AS size`,
    );
    const statements = Number(rows[0]!.n);
    const dbBytes = Number(rows[0]!.size);
    const { rows: parts } = await pool.query<{ name: string; size: string }>(
      `SELECT 'postings' AS name, sum(pg_total_relation_size(c.oid)) AS size FROM pg_class c WHERE c.relname LIKE 'postings\\_%' AND c.relkind = 'r'
       UNION ALL SELECT 'statements', pg_total_relation_size('statements') UNION ALL SELECT 'origins', pg_total_relation_size('origins')`,
    );

    // The 1-minute load average before and after the lookups: the machine is shared.
    const loadBefore = loadavg()[0]!;
    log('lookups, 1 client…');
    const one = [];
    for (const q of queries) one.push(await teamTop(q));
    log('lookups, 8 clients (8 processes)…');
    const cpu8 = { server: processCpuSeconds(child.pid!), db: databaseCpuSeconds(dataDir) };
    const eight = await concurrentLookups(address, token, queries, 8, queries.length * 2);
    const eightCpu = {
      server: processCpuSeconds(child.pid!) - cpu8.server,
      db: databaseCpuSeconds(dataDir) - cpu8.db,
    };
    const loadAfter = loadavg()[0]!;
    stats = await client.stats();
    log('recall@1 at full size…');
    const recallFull = await recallTeam();
    await pool.end();

    const result = {
      statements,
      text_bytes: textBytes,
      reused,
      server_start_s: round(serverStartMs / 1000),
      ingest_per_s: reused ? null : Math.round(statements / (importMs / 1000)),
      // CPU time per statement of the importing process (its parsing thread and its preparing worker
      // together) and of PostgreSQL (all its processes), which a shared machine's load does not change
      // much. On 2 idle cores the three stages overlap, so the rate is bounded by their sum over 2
      // cores and by the database's own stage (one backend writes).
      import_cpu_ms_per_statement_node: reused ? null : round((importCpu.node * 1000) / importCpu.statements, 3),
      import_cpu_ms_per_statement_db: reused ? null : round((importCpu.db * 1000) / importCpu.statements, 3),
      ingest_per_s_cpu_bound_2_cores: reused
        ? null
        : Math.round(1000 / Math.max((importCpu.db * 1000) / importCpu.statements, ((importCpu.node + importCpu.db) * 1000) / importCpu.statements / 2)),
      import_s: reused ? null : round(importMs / 1000),
      vacuum_s: round(vacuumMs / 1000),
      db_bytes: dbBytes,
      db_size_ratio: round(dbBytes / textBytes, 2),
      db_parts_bytes: Object.fromEntries(parts.map((p) => [p.name, Number(p.size)])),
      lookup_p50_ms: round(
        percentile(
          one.map((o) => o.serverMs),
          50,
        ),
      ),
      lookup_p95_ms_1_client: round(
        percentile(
          one.map((o) => o.serverMs),
          95,
        ),
      ),
      lookup_p50_ms_8_clients: round(percentile(eight.serverMs, 50)),
      lookup_p95_ms_8_clients: round(percentile(eight.serverMs, 95)),
      roundtrip_p95_ms_8_clients: round(percentile(eight.roundtripMs, 95)),
      // CPU time per lookup of the server process and of PostgreSQL during the 8-client phase: what
      // the lookups cost whatever else the machine runs (8 in flight on 2 idle cores wait ~4× this).
      lookup_cpu_ms_server_8_clients: round((eightCpu.server * 1000) / eight.serverMs.length, 2),
      lookup_cpu_ms_db_8_clients: round((eightCpu.db * 1000) / eight.serverMs.length, 2),
      roundtrip_p50_ms: round(
        percentile(
          one.map((o) => o.roundtrip),
          50,
        ),
      ),
      roundtrip_p95_ms: round(
        percentile(
          one.map((o) => o.roundtrip),
          95,
        ),
      ),
      load_avg_lookups: [round(loadBefore, 2), round(loadAfter, 2)],
      gram_filter: process.env.SOURCELENS_GRAM_FILTER !== 'off',
      index_mode: indexMode,
      recall_at: localAt,
      recall_at_1: recallAtLocal === null ? null : round(recallAtLocal, 3),
      local_recall_at_1: localHits === null ? null : round(localHits / queries.length, 3),
      recall_at_1_full: round(recallFull, 3),
      queries: queries.length,
    };
    if (json) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(26)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
    }
  } finally {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `clients` readers in processes of their own (scripts/bench-server-client.ts), so that their work
 * (keying grams, parsing answers) does not share the load generator's or the server's event loop.
 * Each prepares its articles first; all start together; `lookups` are split between them.
 */
async function concurrentLookups(address: string, token: string, queries: Query[], clients: number, lookups: number) {
  const children = Array.from({ length: clients }, (_, c) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-server-client.ts'], { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] });
    const texts = queries.filter((_, i) => i % clients === c).map((q) => q.text);
    proc.stdin!.write(JSON.stringify({ address, token, texts, lookups: Math.ceil(lookups / clients) }) + '\n');
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const line = async (test: (l: string) => boolean) => {
      while (!out.split('\n').some(test))
        await Promise.race([once(proc.stdout!, 'data'), once(proc, 'exit').then(() => Promise.reject(new Error('a bench client exited')))]);
      return out.split('\n').find(test)!;
    };
    return { proc, line };
  });
  await Promise.all(children.map((c) => c.line((l) => l === 'ready')));
  for (const c of children) c.proc.stdin!.write('go\n');
  const results = await Promise.all(
    children.map(async (c) => JSON.parse(await c.line((l) => l.startsWith('{'))) as { serverMs: number[]; roundtripMs: number[] }),
  );
  return { serverMs: results.flatMap((r) => r.serverMs), roundtripMs: results.flatMap((r) => r.roundtripMs) };
}

async function splitLines(path: string, first: number, firstPath: string, restPath: string): Promise<void> {
  const a = createWriteStream(firstPath);
  const b = createWriteStream(restPath);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path) })) {
    const out = n++ < first ? a : b;
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  a.end();
  b.end();
  await Promise.all([once(a, 'finish'), once(b, 'finish')]);
}

await main();
