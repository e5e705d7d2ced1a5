import type { Validators } from './fetch-feed';

/** A feed the user subscribed to, as stored (table `feeds`, schema v4). */
export interface FeedSubscription {
  /** The feed's address, as the user gave it (the primary key). */
  url: string;
  title?: string;
  /** Issuer given to every statement from this feed. */
  issuer?: string;
  lang?: string;
  /** Id in the starter list, when enabled from there. */
  starterId?: string;
  enabled: boolean;
  /** Minutes between refreshes. */
  intervalMinutes: number;
  addedAt: number;
  validators: Validators;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  /** The last error in words; cleared by the next success. */
  lastError?: string;
  lastErrorAt?: number;
  /** Failures in a row (drives the backoff). */
  failures: number;
  /** When the next refresh is due (ms since epoch). */
  nextAt: number;
  /** Items in the feed at its last successful read, and statements it has stored so far. */
  itemCount: number;
  storedCount: number;
  /** Items skipped at the last refresh, with reasons (a javascript: link, no text...). */
  skipped?: string[];
}

/** The statement origin recorded for a feed's statements (StoredStatement.origins). */
export function feedOrigin(url: string): string {
  return `feed:${url}`;
}

/** Refresh intervals, minutes. The browser's alarms fire at most once a minute anyway. */
export const FEED_INTERVALS = { default: 60, min: 15, max: 7 * 24 * 60 } as const;

/** Longest wait after repeated failures: a day. */
export const MAX_BACKOFF_MINUTES = 24 * 60;

export function newSubscription(input: { url: string; title?: string; issuer?: string; lang?: string; starterId?: string; intervalMinutes?: number }, now: number): FeedSubscription {
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
