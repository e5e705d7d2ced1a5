import { isQuotaError, STORAGE_FULL_MESSAGE } from '../corpus/storage-errors';
import type { StatementRecord } from '../corpus/statement';
import { FeedError, type FeedErrorCode } from './feed-error';
import { itemLabel, itemText, itemToRecord, needsPage, type FeedDefaults } from './feed-records';
import { fetchText, FEED_LIMITS, type FetchFn, type FetchLimits } from './fetch-feed';
import { parseFeed, type FeedItem, type ParsedFeed } from './parse-feed';
import { feedOrigin, nextRefreshAt, type FeedSubscription } from './subscription';
import { errorMessage } from '../shared/error-message';

/**
 * One refresh of one feed: fetch (conditional), parse, fetch the pages of summary-only items that are
 * new, store. It never throws: every failure ends up in the subscription's `lastError`, in words, and
 * nothing stored before is touched (the store call is one transaction, all or nothing).
 */

/** What the page extractor (DOM: offscreen document, Firefox event page, linkedom in Node) returns. */
export interface PageStatement {
  text: string;
  title?: string | null;
  date?: string | null;
  lang?: string | null;
}

export interface RefreshDeps {
  fetch: FetchFn;
  /** Extracts the statement from an item's page; absent where no DOM is available. */
  extractPage?: (html: string, url: string) => Promise<PageStatement | null>;
  /** Which of these item addresses the corpus already holds (their pages are not fetched again). */
  knownUrls?: (urls: string[]) => Promise<Set<string>>;
  /** Stores records in one transaction (storeBatch); throws on failure. */
  store: (records: StatementRecord[], origin: string) => Promise<{ imported: number; updated: number; duplicates: number }>;
  now: () => number;
  limits?: FetchLimits;
  /** Item pages fetched per refresh at most, to be polite to the publisher (the rest come next time). */
  maxPageFetches?: number;
}

export interface RefreshOutcome {
  ok: boolean;
  notModified?: boolean;
  items: number;
  imported: number;
  duplicates: number;
  skipped: string[];
  error?: string;
}

/** Pages fetched per refresh by default: a new feed of 50 summary-only items fills over a few refreshes. */
export const DEFAULT_PAGE_FETCHES = 20;

export async function refreshFeed(feed: FeedSubscription, deps: RefreshDeps): Promise<{ feed: FeedSubscription; outcome: RefreshOutcome }> {
  const started = deps.now();
  const next: FeedSubscription = { ...feed, lastAttemptAt: started };
  try {
    const fetched = await fetchText(feed.url, { fetch: deps.fetch, limits: deps.limits, validators: feed.validators });
    if (fetched.status === 'not-modified') {
      return succeed(next, deps, { ok: true, notModified: true, items: feed.itemCount, imported: 0, duplicates: 0, skipped: [] });
    }
    const parsed = parseFeed(fetched.body);
    next.title ??= parsed.title;
    next.lang ??= parsed.lang;
    const defaults: FeedDefaults = { issuer: feed.issuer ?? parsed.title, lang: feed.lang ?? parsed.lang };
    const { records, skipped } = await itemsToRecords(parsed.items, parsed, defaults, deps);
    const stored = records.length > 0 ? await deps.store(records, feedOrigin(feed.url)) : { imported: 0, updated: 0, duplicates: 0 };
    next.validators = fetched.validators;
    next.itemCount = parsed.items.length;
    next.storedCount = feed.storedCount + stored.imported;
    next.skipped = skipped.slice(0, 20);
    return succeed(next, deps, { ok: true, items: parsed.items.length, imported: stored.imported + stored.updated, duplicates: stored.duplicates, skipped });
  } catch (error) {
    const message = describeRefreshError(error);
    next.failures = feed.failures + 1;
    next.lastError = message;
    const code = refreshErrorCode(error);
    if (code) next.lastErrorCode = code;
    else delete next.lastErrorCode;
    if (error instanceof FeedError && error.value !== undefined) next.lastErrorValue = error.value;
    else delete next.lastErrorValue;
    next.lastErrorAt = deps.now();
    next.nextAt = nextRefreshAt(next, deps.now());
    return { feed: next, outcome: { ok: false, items: feed.itemCount, imported: 0, duplicates: 0, skipped: [], error: message } };
  }
}

function succeed(next: FeedSubscription, deps: RefreshDeps, outcome: RefreshOutcome) {
  next.failures = 0;
  next.lastSuccessAt = deps.now();
  delete next.lastError;
  delete next.lastErrorCode;
  delete next.lastErrorValue;
  delete next.lastErrorAt;
  next.nextAt = nextRefreshAt(next, deps.now());
  return { feed: next, outcome };
}

/**
 * Records for a parsed feed's items, fetching the pages of summary-only items that are new (when an
 * extractor is given). Shared by the refresh and the CLI.
 */
export async function itemsToRecords(
  items: FeedItem[],
  parsed: ParsedFeed,
  defaults: FeedDefaults,
  deps: Pick<RefreshDeps, 'fetch' | 'extractPage' | 'knownUrls' | 'limits' | 'maxPageFetches'>,
): Promise<{ records: StatementRecord[]; skipped: string[] }> {
  const records: StatementRecord[] = [];
  const skipped: string[] = [];
  const pageLinks = deps.extractPage ? items.filter(needsPage).map((item) => item.link!) : [];
  const known = pageLinks.length > 0 && deps.knownUrls ? await deps.knownUrls(pageLinks) : new Set<string>();
  let pageBudget = deps.maxPageFetches ?? DEFAULT_PAGE_FETCHES;
  for (const item of items) {
    let text = itemText(item);
    let fromPage: PageStatement | null = null;
    if (deps.extractPage && needsPage(item)) {
      // Already stored from its page (or from an earlier summary): nothing to fetch again.
      if (known.has(item.link!)) continue;
      if (pageBudget > 0) {
        pageBudget--;
        fromPage = await fetchItemPage(item.link!, deps).catch((error: unknown) => {
          skipped.push(`"${itemLabel(item)}": its page could not be read (${describeRefreshError(error)}); the feed's summary was stored instead`);
          return null;
        });
      } else {
        continue; // the next refresh fetches it
      }
    }
    if (fromPage?.text) text = fromPage.text;
    if (!text) {
      skipped.push(`"${itemLabel(item)}": it has no text`);
      continue;
    }
    const withPage: FeedItem = fromPage
      ? {
          ...item,
          title: item.title ?? fromPage.title ?? undefined,
          date: item.date ?? fromPage.date ?? undefined,
          lang: item.lang ?? fromPage.lang ?? undefined,
        }
      : item;
    const result = itemToRecord(withPage, text, parsed, defaults);
    if (result.ok) records.push(result.record);
    else skipped.push(`"${itemLabel(item)}" was skipped: ${result.reason}`);
  }
  return { records, skipped };
}

async function fetchItemPage(url: string, deps: Pick<RefreshDeps, 'fetch' | 'extractPage' | 'limits'>): Promise<PageStatement | null> {
  const page = await fetchText(url, {
    fetch: deps.fetch,
    limits: deps.limits ?? FEED_LIMITS,
    what: 'item page',
    accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  });
  if (page.status !== 'ok') return null;
  return (await deps.extractPage!(page.body, page.finalUrl)) ?? null;
}

/** Words for any refresh failure; storage failures say that what was stored before is kept. */
/** The stable code of a refresh's failure, or undefined when it is of no known kind. */
export function refreshErrorCode(error: unknown): FeedErrorCode | undefined {
  if (error instanceof FeedError) return error.code;
  if (isQuotaError(error)) return 'storage-full';
  return undefined;
}

export function describeRefreshError(error: unknown): string {
  if (error instanceof FeedError) return error.message;
  if (isQuotaError(error)) return STORAGE_FULL_MESSAGE;
  return errorMessage(error);
}
