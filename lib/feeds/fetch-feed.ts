import type { Validators } from '../corpus/stored-feed';
import { describeHttpStatus, FeedError } from './feed-error';
import { concatBytes } from '../shared/bytes';
import { errorMessage } from '../shared/error-message';

/**
 * Fetches a feed (or an item's page) safely, with `fetch` injected so the same code runs in the
 * service worker, the Firefox event page, Node (CLI) and tests:
 * - http and https only;
 * - conditional GET: the previous ETag and Last-Modified are sent, and 304 means "nothing new";
 * - a size cap, enforced while streaming: a 50 MB answer is cut off after `maxBytes`, never read whole;
 * - a timeout over the whole exchange, body included (a server that never answers, or trickles);
 * - statuses and network failures in words. A redirect loop makes `fetch` itself fail (browsers stop
 *   after 20 hops); the browser does not tell a loop from a refused connection, so the words cover both.
 */

export interface FetchLimits {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Longest the whole exchange may take, in ms. */
  timeoutMs: number;
}

/** 5 MB: the largest official feeds seen are a few hundred kB; an item page is rarely over 2 MB. */
export const FEED_LIMITS: FetchLimits = { maxBytes: 5_000_000, timeoutMs: 20_000 };

export type FetchOutcome = { status: 'not-modified' } | { status: 'ok'; body: string; contentType: string; finalUrl: string; validators: Validators };

export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchTextOptions {
  fetch: FetchFn;
  limits?: FetchLimits;
  validators?: Validators;
  /** What is fetched, for the messages ("feed", "item page"). */
  what?: string;
  /** Accept header. */
  accept?: string;
}

export async function fetchText(url: string, options: FetchTextOptions): Promise<FetchOutcome> {
  const limits = options.limits ?? FEED_LIMITS;
  const what = options.what ?? 'feed';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedError('bad-address', `"${url.slice(0, 200)}" is not a web address`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedError('bad-address', `only http and https addresses can be fetched, not "${parsed.protocol}"`);
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  const headers: Record<string, string> = {
    accept: options.accept ?? 'application/feed+json, application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  const seconds = Math.round(limits.timeoutMs / 1000);
  try {
    let response: Response;
    try {
      // credentials: 'omit' — a feed is public; the user's cookies for that site are never sent.
      response = await options.fetch(parsed.href, { headers, signal: controller.signal, redirect: 'follow', credentials: 'omit', cache: 'no-cache' });
    } catch (error) {
      if (timedOut) throw new FeedError('timeout', `the server did not answer within ${seconds} s`, seconds);
      throw new FeedError(
        'network',
        `could not fetch the ${what}: the server is unreachable, refused the connection, or redirected in a loop (${errorMessage(error)})`,
      );
    }
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { status: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedError('http', describeHttpStatus(response.status), response.status);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedError('too-large', tooLarge(what, limits.maxBytes, declared), limits.maxBytes);
    }
    const bytes = await readCapped(response, limits.maxBytes, what).catch((error: unknown) => {
      if (error instanceof FeedError) throw error;
      if (timedOut) throw new FeedError('timeout', `the server did not finish sending the ${what} within ${seconds} s`, seconds);
      throw new FeedError('network', `the connection broke while reading the ${what} (${errorMessage(error)})`);
    });
    const contentType = response.headers.get('content-type') ?? '';
    const body = decodeBody(bytes, contentType);
    const validators: Validators = {};
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (etag) validators.etag = etag;
    if (lastModified) validators.lastModified = lastModified;
    return { status: 'ok', body, contentType, finalUrl: response.url || parsed.href, validators };
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(what: string, maxBytes: number, bytes?: number): string {
  // SI megabytes, as the label says (the options page words the limit with Intl's megabyte unit too).
  const mb = (n: number) => `${(n / 1e6).toFixed(n < 10e6 ? 1 : 0)} MB`;
  return `the ${what} is larger than ${mb(maxBytes)}${bytes ? ` (${mb(bytes)})` : ''}; SourceLens stopped reading it`;
}

/** Reads the body, stopping (and cancelling the download) once it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FeedError('too-large', tooLarge(what, maxBytes), maxBytes);
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

/**
 * Decodes with the charset the server declares, else the XML declaration's encoding (official feeds
 * in Russian or Azerbaijani still come as windows-1251 at times), else UTF-8. An unknown label falls
 * back to UTF-8 rather than failing the feed.
 */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const declared =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 200)))?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}
