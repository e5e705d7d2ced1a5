import type { BackupFeed } from '../corpus/backup';
import type { SourceLensDb } from '../corpus/db';
import type { StatementRecord } from '../corpus/statement';
import { storeBatch, type StoreBatchResult } from '../corpus/store';
import type { FetchFn, FetchLimits } from '../feeds/fetch-feed';
import { refreshFeed, type PageStatement, type RefreshOutcome } from '../feeds/refresh';
import { clampInterval, isDue, newSubscription, type FeedSubscription } from '../feeds/subscription';
import { isHttpUrl } from '../corpus/statement';

/**
 * Feed subscriptions in the background: subscribe, refresh (one feed, or every due feed when the
 * alarm fires), unsubscribe. Browser APIs come in as functions (fetch, the page extractor), so this
 * runs under Node in tests against feeds served by a fake fetch.
 */

export interface FeedServiceDeps {
  db: SourceLensDb;
  fetch: FetchFn;
  extractPage?: (html: string, url: string) => Promise<PageStatement | null>;
  /** Stores with the service's bookkeeping (index, caches); default storeBatch. */
  store?: (records: StatementRecord[], origin: string) => Promise<StoreBatchResult>;
  now?: () => number;
  limits?: FetchLimits;
}

export interface SubscribeInput {
  url: string;
  title?: string;
  issuer?: string;
  lang?: string;
  starterId?: string;
  intervalMinutes?: number;
}

export class FeedService {
  private readonly running = new Map<string, Promise<{ feed: FeedSubscription; outcome: RefreshOutcome }>>();

  constructor(private readonly deps: FeedServiceDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  list(): Promise<FeedSubscription[]> {
    return this.deps.db.feeds.orderBy('url').toArray();
  }

  /** Adds (or updates the settings of) a subscription. Nothing is fetched here: `refresh` does that. */
  async subscribe(input: SubscribeInput): Promise<FeedSubscription> {
    const url = input.url.trim();
    if (!isHttpUrl(url)) throw new Error('a feed address must start with http:// or https://');
    const existing = await this.deps.db.feeds.get(url);
    const feed: FeedSubscription = existing
      ? {
          ...existing,
          enabled: true,
          issuer: input.issuer?.trim() || existing.issuer,
          lang: input.lang?.trim() || existing.lang,
          title: input.title ?? existing.title,
          intervalMinutes: input.intervalMinutes ? clampInterval(input.intervalMinutes) : existing.intervalMinutes,
        }
      : newSubscription({ ...input, url, issuer: input.issuer?.trim() || undefined, lang: input.lang?.trim() || undefined }, this.now());
    await this.deps.db.feeds.put(feed);
    return feed;
  }

  /** Adds a backup's feeds that are not subscribed yet; their fetch state starts fresh. Returns how many were added. */
  async restore(feeds: BackupFeed[]): Promise<number> {
    const { db } = this.deps;
    let added = 0;
    await db.transaction('rw', db.feeds, async () => {
      for (const feed of feeds) {
        if (await db.feeds.get(feed.url)) continue;
        const subscription: FeedSubscription = {
          ...newSubscription({ ...feed, intervalMinutes: clampInterval(feed.intervalMinutes) }, this.now()),
          enabled: feed.enabled,
        };
        await db.feeds.put(subscription);
        added++;
      }
    });
    return added;
  }

  /** Removes the subscription. Its statements stay in the corpus (delete them by issuer if wanted). */
  async unsubscribe(url: string): Promise<void> {
    await this.deps.db.feeds.delete(url);
  }

  /** Refreshes one feed now; concurrent calls for the same feed share one run. */
  refresh(url: string): Promise<{ feed: FeedSubscription; outcome: RefreshOutcome }> {
    const running = this.running.get(url);
    if (running) return running;
    const run = this.runRefresh(url).finally(() => this.running.delete(url));
    this.running.set(url, run);
    return run;
  }

  /** Refreshes every enabled feed that is due; feeds run one after another (polite, and light on 2 cores). */
  async refreshDue(): Promise<RefreshOutcome[]> {
    const due = (await this.list()).filter((feed) => isDue(feed, this.now()));
    const outcomes: RefreshOutcome[] = [];
    for (const feed of due) outcomes.push((await this.refresh(feed.url)).outcome);
    return outcomes;
  }

  /** The earliest time a feed is due, for scheduling the next alarm (null: no enabled feed). */
  async nextDueAt(): Promise<number | null> {
    const times = (await this.list()).filter((feed) => feed.enabled).map((feed) => feed.nextAt);
    return times.length > 0 ? Math.min(...times) : null;
  }

  private async runRefresh(url: string) {
    const feed = await this.deps.db.feeds.get(url);
    if (!feed) throw new Error('no subscription to this feed');
    const db = this.deps.db;
    const result = await refreshFeed(feed, {
      fetch: this.deps.fetch,
      extractPage: this.deps.extractPage,
      knownUrls: async (urls) => new Set((await db.statements.where('url').anyOf(urls).toArray()).map((statement) => statement.url!)),
      store: this.deps.store ?? ((records, origin) => storeBatch(db, records, origin)),
      now: () => this.now(),
      limits: this.deps.limits,
    });
    // Unsubscribed while refreshing: do not bring it back. One transaction, so an unsubscribe cannot
    // land between the check and the write (it did in Firefox: the feed came back after teardown).
    await db.transaction('rw', db.feeds, async () => {
      if (await db.feeds.get(url)) await db.feeds.put(result.feed);
    });
    return result;
  }
}
