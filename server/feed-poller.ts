import type { Pool } from 'pg';
import { refreshFeed } from '../lib/feeds/refresh';
import { isDue, newSubscription, type FeedSubscription } from '../lib/feeds/subscription';
import { storeRecords } from './ingest';

/**
 * The server keeps official feeds current with the extension's own feed code (lib/feeds): the same
 * conditional fetch, parsing, backoff and errors in words; each refresh's statements are stored as
 * one batch (one transaction), and the subscription's state is kept in the feeds table as JSON.
 */
export async function addFeed(pool: Pool, input: { url: string; issuer?: string; lang?: string }, now = Date.now()): Promise<FeedSubscription> {
  const url = new URL(input.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('a feed address must be http or https');
  const feed = newSubscription({ url: url.href, issuer: input.issuer, lang: input.lang }, now);
  await pool.query('INSERT INTO feeds (url, subscription) VALUES ($1, $2) ON CONFLICT (url) DO UPDATE SET subscription = feeds.subscription', [
    feed.url,
    JSON.stringify(feed),
  ]);
  return feed;
}

export async function listFeeds(pool: Pool): Promise<FeedSubscription[]> {
  const { rows } = await pool.query<{ subscription: FeedSubscription }>('SELECT subscription FROM feeds ORDER BY url');
  return rows.map((r) => r.subscription);
}

/** Refreshes every due feed once; returns how many were refreshed. Never throws for a feed's failure. */
export async function pollFeeds(
  pool: Pool,
  gramKey: Uint8Array,
  fetch: typeof globalThis.fetch = globalThis.fetch,
  now: () => number = Date.now,
): Promise<number> {
  let refreshed = 0;
  for (const feed of await listFeeds(pool)) {
    if (!isDue(feed, now())) continue;
    const { feed: next } = await refreshFeed(feed, {
      fetch: (url, init) => fetch(url, init),
      store: (records, origin) => storeRecords(pool, gramKey, records, origin),
      now,
    });
    await pool.query('UPDATE feeds SET subscription = $2 WHERE url = $1', [feed.url, JSON.stringify(next)]);
    refreshed++;
  }
  return refreshed;
}
