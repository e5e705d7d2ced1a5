import type { FeedSubscription } from '../lib/feeds/subscription';
import { formatBytes } from './format';
import type { MessageKey, Translate } from './i18n';

/** The message of each feed error code (lib/feeds/feed-error.ts FeedErrorCode). */
const FEED_ERROR_MESSAGES: Record<string, MessageKey> = {
  'bad-address': 'feedErrorBadAddress',
  network: 'feedErrorNetwork',
  timeout: 'feedErrorTimeout',
  http: 'feedErrorHttp',
  'too-large': 'feedErrorTooLarge',
  'not-a-feed': 'feedErrorNotAFeed',
  'html-not-feed': 'feedErrorHtmlNotFeed',
  'broken-xml': 'feedErrorBrokenXml',
  'broken-json': 'feedErrorBrokenJson',
  'storage-full': 'feedErrorStorageFull',
  storage: 'feedErrorStorage',
};

/**
 * A feed's last error in the user's language, from its stable code; the English text lib/ wrote (with
 * its technical detail) when the code is unknown, or as the detail of a translated one.
 */
export function feedErrorText(feed: Pick<FeedSubscription, 'lastError' | 'lastErrorCode' | 'lastErrorValue'>, t: Translate): { text: string; detail?: string } {
  const key = feed.lastErrorCode ? FEED_ERROR_MESSAGES[feed.lastErrorCode] : undefined;
  if (!key) return { text: feed.lastError ?? '' };
  const value = feed.lastErrorValue;
  const text =
    key === 'feedErrorHttp' && value === 404
      ? t('feedErrorHttp404')
      : key === 'feedErrorTooLarge' && value !== undefined
        ? t(key, formatBytes(value, t.locale))
        : value !== undefined
          ? t(key, value)
          : t(key);
  return { text, detail: feed.lastError };
}
