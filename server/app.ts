import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Pool } from 'pg';
import * as v from 'valibot';
import { parseCorpus } from '../lib/corpus/parse-corpus';
import type { StatementRecord } from '../lib/corpus/statement';
import { encodeKey, unpackGrams } from '../lib/team/gram-key';
import {
  LookupRequestSchema,
  StatementsRequestSchema,
  TEAM_LIMITS,
  TEAM_PROTOCOL_VERSION,
  STATEMENTS_HEADER,
  type Role,
  type TeamInfo,
} from '../lib/team/protocol';
import { saturate, TERM_BUCKETS } from '../lib/team/term-df';
import type { ServerConfig } from './config';
import type { GramFilter } from './gram-filter';
import { HttpError, isDatabaseUnavailable } from './http-errors';
import { storeRecords } from './ingest';
import { corpusSize, lookupCandidates, readStatements } from './lookup';
import { RateLimiter } from './rate-limit';
import { matchToken, ROLE_RANK, type TokenEntry } from './tokens';

/**
 * The team server's HTTP front: authentication, limits, CORS, routing, and errors in words. Plain
 * node:http: five routes do not need a framework, and every limit is visible here.
 */
export interface TeamServerDeps {
  pool: Pool;
  gramKey: Uint8Array;
  config: ServerConfig;
  /**
   * The set of grams that have postings (gram-filter.ts): a lookup sends PostgreSQL only those. None
   * when SOURCELENS_GRAM_FILTER=off: every gram is probed (for A/B measurements).
   */
  gramFilter?: GramFilter;
  /** The current tokens (the server reloads them from the database now and then). */
  tokens: () => readonly TokenEntry[];
  log?: (line: string) => void;
}

/** The corpus size is read at most this often: every lookup needs it, and it changes by batches. */
const SIZE_TTL_MS = 2000;

export function createTeamServer(deps: TeamServerDeps): Server {
  const limiter = new RateLimiter(deps.config.readPerSecond, deps.config.readBurst);
  /** Failed authentications are limited per address much more tightly: guessing tokens stays slow. */
  const failures = new RateLimiter(1, 10);
  let size = { value: 0, at: -Infinity };
  const currentSize = async () => {
    if (performance.now() - size.at > SIZE_TTL_MS) size = { value: await corpusSize(deps.pool), at: performance.now() };
    return size.value;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const answer =
        error instanceof HttpError
          ? error
          : isDatabaseUnavailable(error)
            ? new HttpError(503, 'the team database is not reachable right now; try again shortly', { 'Retry-After': '5' })
            : new HttpError(500, 'the server failed to answer this request');
      if (answer.status === 500) deps.log?.(`error: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) send(res, answer.status, { error: answer.message }, answer.headers);
      else res.destroy();
      // An unread body would otherwise keep the connection busy.
      req.resume();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://server');
    cors(req, res, deps.config.allowedOrigins);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/healthz') {
      await deps.pool.query('SELECT 1');
      send(res, 200, { ok: true });
      return;
    }
    const route = ROUTES[`${req.method} ${url.pathname}`];
    if (!route) throw new HttpError(404, `no such endpoint: ${req.method} ${url.pathname}`);
    const caller = authenticate(req);
    if (ROLE_RANK[caller.role] < ROLE_RANK[route.role])
      throw new HttpError(403, `this token's role (${caller.role}) may not ${route.what}; it needs ${route.role}`);
    const wait = limiter.take(caller.digest.toString('hex'));
    if (wait > 0) throw new HttpError(429, `too many requests; try again in ${wait} s`, { 'Retry-After': String(wait) });
    await route.run(req, res, caller);
  }

  function authenticate(req: IncomingMessage): TokenEntry {
    const address = req.socket.remoteAddress ?? '';
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (\S{1,512})$/.exec(header);
    const entry = match ? matchToken(match[1]!, deps.tokens()) : undefined;
    if (entry) return entry;
    const wait = failures.take(address);
    if (wait > 0) throw new HttpError(429, `too many failed authentications; try again in ${wait} s`, { 'Retry-After': String(wait) });
    throw new HttpError(401, match ? 'this token is not valid for this team server' : 'a team token is needed (Authorization: Bearer TOKEN)', {
      'WWW-Authenticate': 'Bearer',
    });
  }

  type Route = { role: Role; what: string; run: (req: IncomingMessage, res: ServerResponse, caller: TokenEntry) => Promise<void> };
  const ROUTES: Record<string, Route> = {
    'GET /v1/info': {
      role: 'read',
      what: 'read the corpus',
      run: async (_req, res, caller) => {
        const info: TeamInfo = {
          service: 'sourcelens-team',
          protocol: TEAM_PROTOCOL_VERSION,
          role: caller.role,
          statements: await currentSize(),
          gramKey: encodeKey(deps.gramKey),
        };
        send(res, 200, info);
      },
    },
    'GET /v1/stats': {
      role: 'read',
      what: 'read the corpus',
      run: async (_req, res) => {
        const { rows } = await deps.pool.query<{ counts: Buffer | null; n: string }>(
          `SELECT (SELECT counts FROM term_df WHERE id = 1) AS counts, (SELECT value FROM corpus_counts WHERE name = 'statements') AS n`,
        );
        const counts = rows[0]?.counts ? new Uint32Array(rows[0].counts.buffer, rows[0].counts.byteOffset, TERM_BUCKETS) : new Uint32Array(TERM_BUCKETS);
        const sketch = saturate(counts);
        const body = Buffer.from(sketch.buffer, sketch.byteOffset, sketch.byteLength);
        res.writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Cache-Control': 'no-store',
          'Content-Length': body.length,
          [STATEMENTS_HEADER]: rows[0]?.n ?? '0',
        });
        res.end(body);
      },
    },
    'POST /v1/lookup': {
      role: 'read',
      what: 'read the corpus',
      run: async (req, res) => {
        // serverMs covers the whole handler: reading and checking the body, the SQL, the ranking.
        const started = performance.now();
        const body = parseBody(LookupRequestSchema, await readJson(req, TEAM_LIMITS.maxQueryBytes));
        const grams = unpackGrams(body.grams);
        if (!grams) throw new HttpError(400, 'grams must be base64 of 4-byte values');
        if (grams.length > TEAM_LIMITS.maxGrams) throw new HttpError(413, `at most ${TEAM_LIMITS.maxGrams} grams per lookup`);
        const answer = await lookupCandidates(deps.pool, grams, body.words, await currentSize(), deps.gramFilter);
        send(res, 200, { ...answer, serverMs: performance.now() - started });
      },
    },
    'POST /v1/statements': {
      role: 'read',
      what: 'read the corpus',
      run: async (req, res) => {
        const body = parseBody(StatementsRequestSchema, await readJson(req, TEAM_LIMITS.maxQueryBytes));
        send(res, 200, { statements: await readStatements(deps.pool, body.ids) });
      },
    },
    'POST /v1/import': {
      role: 'write',
      what: 'add statements',
      run: async (req, res) => {
        const bytes = await readBody(req, TEAM_LIMITS.maxImportBytes);
        const origin = (new URL(req.url ?? '/', 'http://server').searchParams.get('origin') ?? 'team-import').slice(0, 200);
        const records: StatementRecord[] = [];
        const rejected: Array<{ line: number; reason: string }> = [];
        const source = new Blob([bytes as BlobPart]).stream() as ReadableStream<Uint8Array>;
        for await (const batch of parseCorpus(source, { fileName: origin, batchSize: 1_000_000, batchChars: Number.POSITIVE_INFINITY })) {
          records.push(...batch.records.map((r) => r.record));
          rejected.push(...batch.rejected.map((r) => ({ line: r.line, reason: r.reason })));
        }
        const stored = records.length ? await storeRecords(deps.pool, deps.gramKey, records, origin) : { imported: 0, updated: 0, duplicates: 0 };
        size.at = -Infinity;
        send(res, 200, { ...stored, rejected });
      },
    },
  };

  return server;
}

function parseBody<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new HttpError(400, `malformed request${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.output;
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const bytes = await readBody(req, limit);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
}

/** Reads a body up to `limit` bytes: 413 as soon as the declared or received size passes it. */
async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw new HttpError(413, `the request is larger than ${limit} bytes`, { Connection: 'close' });
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit) throw new HttpError(413, `the request is larger than ${limit} bytes`, { Connection: 'close' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function cors(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): void {
  const origin = req.headers.origin;
  if (!origin) return;
  const ok = allowed.some((a) => (a.endsWith('://*') ? origin.startsWith(a.slice(0, -1)) : a === origin));
  if (!ok) return; // No CORS headers: the browser keeps the answer from the page that asked.
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '600');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
