/**
 * A feed subscription as the database stores it (table `feeds`, schema v4). Its schedule (intervals,
 * backoff) is lib/feeds/subscription.ts; only the record's shape is here, next to the table.
 */

/** The HTTP validators of a feed's last answer, sent back for a conditional GET. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

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
  /** The last error in words (English, with its technical detail); cleared by the next success. */
  lastError?: string;
  /**
   * The last error's stable code (lib/feeds/feed-error.ts FeedErrorCode) and the figure it names, so the
   * options page says it in the user's language; absent for an error of unknown kind.
   */
  lastErrorCode?: string;
  lastErrorValue?: number;
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
