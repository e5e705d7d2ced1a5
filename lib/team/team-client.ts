import * as v from 'valibot';
import { articleGrams } from './article-grams';
import { decodeKey, importGramKey, keyGrams, packGrams } from './gram-key';
import {
  ErrorResponseSchema,
  LookupResponseSchema,
  StatementsResponseSchema,
  TeamInfoSchema,
  type LookupResponse,
  type TeamInfo,
  type TeamStatement,
  STATEMENTS_HEADER,
} from './protocol';
import { TERM_BUCKETS } from './term-df';

/**
 * The extension's side of the team protocol (lib/team/protocol.ts). Plain TypeScript with an injected
 * fetch, so the background, the options page's test button, the benchmark and the tests share it.
 * What leaves the machine: the token, the article's word count and its distinct 4-gram hashes keyed
 * under the team's gram key and sorted (so neither words nor order), then the ids of the candidates
 * the browser has not cached. Never the article's text or address.
 */

export type TeamErrorKind = 'unreachable' | 'unauthorised' | 'forbidden' | 'rate-limited' | 'unavailable' | 'too-large' | 'bad-request' | 'bad-response';

export class TeamError extends Error {
  override name = 'TeamError';
  constructor(
    readonly kind: TeamErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface TeamClientOptions {
  /** The server's address, e.g. https://sourcelens.newsroom.example */
  address: string;
  token: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export interface TeamStats {
  statements: number;
  termDf: Uint16Array;
}

/** An article's keyed grams, ready to send. */
export interface ArticleQuery {
  grams: string;
  words: number;
  count: number;
}

export class TeamClient {
  private readonly base: string;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;
  private key: Promise<CryptoKey> | undefined;

  constructor(private readonly options: TeamClientOptions) {
    this.base = normaliseAddress(options.address);
    this.fetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? 8000;
  }

  async info(): Promise<TeamInfo> {
    return v.parse(TeamInfoSchema, await this.request('GET', '/v1/info'));
  }

  /** The article's keyed grams (computed here, in the browser). */
  async prepare(text: string, lang?: string): Promise<ArticleQuery> {
    this.key ??= this.info().then((info) => importGramKey(decodeKey(info.gramKey)));
    let key: CryptoKey;
    try {
      key = await this.key;
    } catch (error) {
      this.key = undefined;
      throw error;
    }
    const { grams, words } = articleGrams(text, lang);
    const keyed = await keyGrams(key, grams);
    keyed.sort();
    return { grams: packGrams(keyed), words, count: keyed.length };
  }

  /** The team corpus's statistics, for aligning candidates as the whole corpus would (candidate-index.ts). */
  async stats(): Promise<TeamStats> {
    const response = await this.send('GET', '/v1/stats');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const statements = Number(response.headers.get(STATEMENTS_HEADER));
    if (bytes.length !== TERM_BUCKETS * 2 || !Number.isFinite(statements))
      throw new TeamError('bad-response', 'the team server sent statistics SourceLens does not understand');
    const termDf = new Uint16Array(TERM_BUCKETS);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < TERM_BUCKETS; i++) termDf[i] = view.getUint16(i * 2, true);
    return { statements, termDf };
  }

  async lookup(query: ArticleQuery): Promise<LookupResponse> {
    return this.parse(LookupResponseSchema, await this.request('POST', '/v1/lookup', { grams: query.grams, words: query.words }));
  }

  async statements(ids: string[]): Promise<TeamStatement[]> {
    if (ids.length === 0) return [];
    return this.parse(StatementsResponseSchema, await this.request('POST', '/v1/statements', { ids })).statements;
  }

  private parse<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
    const parsed = v.safeParse(schema, value);
    if (!parsed.success) throw new TeamError('bad-response', 'the team server answered something SourceLens does not understand');
    return parsed.output;
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await this.send(method, path, body);
    try {
      return await response.json();
    } catch {
      throw new TeamError('bad-response', 'the team server answered something SourceLens does not understand');
    }
  }

  /** Sends a request; a non-2xx answer becomes a TeamError in words. */
  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchFn(this.base + path, {
        method,
        headers: { Authorization: `Bearer ${this.options.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      throw new TeamError(
        'unreachable',
        timedOut ? `the team server did not answer within ${Math.round(this.timeoutMs / 1000)} s` : 'the team server could not be reached',
      );
    }
    if (response.ok) return response;
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      payload = undefined;
    }
    const said = v.is(ErrorResponseSchema, payload) ? payload.error : `HTTP ${response.status}`;
    const kind: TeamErrorKind =
      response.status === 401
        ? 'unauthorised'
        : response.status === 403
          ? 'forbidden'
          : response.status === 429
            ? 'rate-limited'
            : response.status === 413
              ? 'too-large'
              : response.status === 400
                ? 'bad-request'
                : response.status >= 500
                  ? 'unavailable'
                  : 'bad-response';
    throw new TeamError(kind, TEAM_ERROR_WORDS[kind](said));
  }
}

const TEAM_ERROR_WORDS: Record<TeamErrorKind, (said: string) => string> = {
  unreachable: (s) => s,
  unauthorised: () => 'the team server refused the token: check it in the options',
  forbidden: (s) => `the team server refused: ${s}`,
  'rate-limited': () => 'the team server asks to slow down; checks stay local for a moment',
  unavailable: (s) => `the team server is not available (${s})`,
  'too-large': (s) => `the request was too large for the team server (${s})`,
  'bad-request': (s) => `the team server could not read the request (${s})`,
  'bad-response': (s) => `the team server answered with an error (${s})`,
};

/** "host:8787" → "https://host:8787"; trailing slashes dropped. Only http(s). */
export function normaliseAddress(address: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(address.trim()) ? address.trim() : `https://${address.trim()}`;
  const url = new URL(withScheme);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TeamError('bad-request', 'the team server address must start with https://');
  return url.origin + url.pathname.replace(/\/+$/, '');
}
