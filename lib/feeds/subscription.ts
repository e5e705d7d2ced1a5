import type { FeedSubscription } from '../corpus/stored-feed';

/** The stored record is the corpus database's (stored-feed.ts); the schedule around it is here. */
export type { FeedSubscription };

/** The statement origin recorded for a feed's statements (StoredStatement.origins). */
export function feedOrigin(url: string): string {
  return `feed:${url}`;
}

/** Refresh intervals, minutes. The browser's alarms fire at most once a minute anyway. */
export const FEED_INTERVALS = { default: 60, min: 15, max: 7 * 24 * 60 } as const;

/** Longest wait after repeated failures: a day. */
export const MAX_BACKOFF_MINUTES = 24 * 60;

export function newSubscription(
  input: { url: string; title?: string; issuer?: string; lang?: string; starterId?: string; intervalMinutes?: number },
  now: number,
): FeedSubscription {
  return {
    url: input.url,
    title: input.title,
    issuer: input.issuer,
    lang: input.lang,
    starterId: input.starterId,
    enabled: true,
    intervalMinutes: clampInterval(input.intervalMinutes ?? FEED_INTERVALS.default),
    addedAt: now,
    validators: {},
    failures: 0,
    nextAt: now,
    itemCount: 0,
    storedCount: 0,
  };
}

export function clampInterval(minutes: number): number {
  if (!Number.isFinite(minutes)) return FEED_INTERVALS.default;
  return Math.min(FEED_INTERVALS.max, Math.max(FEED_INTERVALS.min, Math.round(minutes)));
}

/**
 * When to try again. After a success: one interval. After `failures` failures in a row: the interval
 * doubled per failure beyond the first, up to a day, so a dead feed is asked about once a day while a
 * passing hiccup costs one interval.
 */
export function nextRefreshAt(feed: Pick<FeedSubscription, 'intervalMinutes' | 'failures'>, now: number): number {
  const interval = clampInterval(feed.intervalMinutes);
  if (feed.failures <= 0) return now + interval * 60_000;
  const backoff = Math.min(MAX_BACKOFF_MINUTES, interval * 2 ** Math.min(feed.failures - 1, 16));
  return now + Math.max(interval, backoff) * 60_000;
}

export function isDue(feed: Pick<FeedSubscription, 'enabled' | 'nextAt'>, now: number): boolean {
  return feed.enabled && feed.nextAt <= now;
}
