/**
 * Why a feed could not be read, in words a user can act on. The code is stable (tests and the UI key
 * on it); the message is shown as the feed's "last error" in the options page.
 */
export type FeedErrorCode =
  | 'bad-address'
  | 'network'
  | 'timeout'
  | 'http'
  | 'too-large'
  | 'not-a-feed'
  | 'html-not-feed'
  | 'broken-xml'
  | 'broken-json'
  | 'storage-full'
  | 'storage';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly code: FeedErrorCode,
    message: string,
    /** The figure the message names, so the UI can say it in its own language: HTTP status, byte limit, seconds. */
    readonly value?: number,
  ) {
    super(message);
  }
}

/** Words for an HTTP status the feed answered with. */
export function describeHttpStatus(status: number): string {
  if (status === 404) return 'the feed address was not found (HTTP 404); check the address';
  if (status === 410) return 'the feed was removed by its publisher (HTTP 410)';
  if (status === 401 || status === 403) return `the server refused access to the feed (HTTP ${status})`;
  if (status === 429) return 'the server asked us to slow down (HTTP 429); SourceLens will retry later';
  if (status >= 500) return `the feed's server failed (HTTP ${status}); SourceLens will retry later`;
  return `the server answered HTTP ${status} instead of the feed`;
}
