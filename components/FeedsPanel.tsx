import { useState } from 'preact/hooks';
import type { FeedSubscription } from '../lib/feeds/subscription';
import type { StarterSource } from '../lib/feeds/starter-sources';
import { feedErrorText } from './feed-error-text';
import { safeHttpUrl } from './format';
import type { MessageKey, Translate } from './i18n';

export interface FeedsPanelProps {
  feeds: FeedSubscription[] | null;
  starters: readonly StarterSource[];
  /** Feeds being refreshed right now (their buttons are busy). */
  refreshing: ReadonlySet<string>;
  onSubscribe: (input: { url: string; issuer?: string; intervalMinutes?: number }) => void;
  onEnableStarter: (source: StarterSource) => void;
  onRefresh: (url: string) => void;
  onUnsubscribe: (url: string) => void;
  t: Translate;
  /** Formats a time (ms since epoch) for the user; injected so tests are locale- and zone-stable. */
  formatTime?: (ms: number) => string;
}

const defaultTime = (ms: number) => new Date(ms).toLocaleString();

/** Refresh intervals offered (minutes): official feeds publish a few items a day at most. */
const INTERVALS: Array<[number, MessageKey]> = [
  [15, 'feedEvery15Minutes'],
  [60, 'feedEveryHour'],
  [360, 'feedEvery6Hours'],
  [1440, 'feedEveryDay'],
];

/** Feed subscriptions: add one, enable a starter source, and for each feed its freshness in plain words. */
export function FeedsPanel({
  feeds,
  starters,
  refreshing,
  onSubscribe,
  onEnableStarter,
  onRefresh,
  onUnsubscribe,
  t,
  formatTime = defaultTime,
}: FeedsPanelProps) {
  const [url, setUrl] = useState('');
  const [issuer, setIssuer] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [intervalMinutes, setIntervalMinutes] = useState(60);
  const subscribed = new Set((feeds ?? []).map((feed) => feed.url));
  const submit = (event: Event) => {
    event.preventDefault();
    if (!safeHttpUrl(url.trim())) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onSubscribe({ url: url.trim(), issuer: issuer.trim() || undefined, intervalMinutes });
    setUrl('');
    setIssuer('');
  };
  return (
    <section aria-labelledby="feeds-title" class="card" data-testid="feeds">
      <h2 id="feeds-title">{t('feedsTitle')}</h2>
      <p class="muted" id="feeds-help">
        {t('feedsHelp')}
      </p>
      <form class="feed-form" onSubmit={submit}>
        <label>
          {t('feedUrl')}{' '}
          <input
            id="feed-url"
            type="url"
            inputMode="url"
            value={url}
            aria-invalid={invalid}
            aria-describedby="feeds-help"
            onInput={(event) => setUrl(event.currentTarget.value)}
          />
        </label>{' '}
        <label>
          {t('feedIssuer')} <input id="feed-issuer" type="text" value={issuer} onInput={(event) => setIssuer(event.currentTarget.value)} />
        </label>{' '}
        <label>
          {t('feedInterval')}{' '}
          <select id="feed-interval" value={intervalMinutes} onChange={(event) => setIntervalMinutes(Number(event.currentTarget.value))}>
            {INTERVALS.map(([minutes, key]) => (
              <option key={minutes} value={minutes}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" id="feed-subscribe">
          {t('feedSubscribe')}
        </button>
      </form>
      {invalid ? (
        <p role="alert" class="error">
          {t('feedUrlInvalid')}
        </p>
      ) : null}
      {feeds === null ? null : feeds.length === 0 ? (
        <p class="muted">{t('feedsNone')}</p>
      ) : (
        <ul class="feeds" data-testid="feed-list">
          {feeds.map((feed) => (
            <li key={feed.url} data-url={feed.url} data-state={feed.lastError ? 'error' : feed.lastSuccessAt ? 'ok' : 'new'}>
              <strong>{feed.title ?? feed.url}</strong>
              {feed.issuer ? <span class="muted"> · {feed.issuer}</span> : null}
              <div class="mono clip">{feed.url}</div>
              <div data-testid="feed-status">
                {feed.lastSuccessAt ? t('feedLastSuccess', formatTime(feed.lastSuccessAt)) : t('feedNeverFetched')}
                {' · '}
                {t('feedNext', formatTime(feed.nextAt))}
                {' · '}
                <span data-testid="feed-items" data-count={feed.itemCount}>
                  {t('feedItems', t.plural('feedItemsCount', feed.itemCount), t.plural('statementsCount', feed.storedCount))}
                </span>
              </div>
              {feed.lastError ? <FeedErrorLine feed={feed} when={formatTime(feed.lastErrorAt ?? 0)} t={t} /> : null}
              {feed.skipped && feed.skipped.length > 0 ? (
                <details>
                  <summary>{t('feedSkipped', feed.skipped.length)}</summary>
                  <ul data-testid="feed-skipped">
                    {feed.skipped.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              <button
                type="button"
                class="feed-refresh"
                disabled={refreshing.has(feed.url)}
                aria-busy={refreshing.has(feed.url)}
                onClick={() => onRefresh(feed.url)}
              >
                {refreshing.has(feed.url) ? t('feedRefreshing') : t('feedRefresh')}
              </button>{' '}
              <button type="button" class="link feed-unsubscribe" onClick={() => onUnsubscribe(feed.url)}>
                {t('feedUnsubscribe')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <details class="starters" data-testid="starter-sources">
        <summary>{t('startersTitle')}</summary>
        <p class="muted">{t('startersHelp')}</p>
        <ul>
          {starters.map((source) => (
            <li key={source.id} data-starter={source.id}>
              <strong>{source.issuer}</strong> <span class="muted">({source.lang})</span>
              <div class="mono clip">{source.url}</div>
              {subscribed.has(source.url) ? (
                <span class="muted">{t('starterEnabled')}</span>
              ) : (
                <button type="button" aria-label={t('starterEnableLabel', source.issuer)} onClick={() => onEnableStarter(source)}>
                  {t('starterEnable')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/** The last error in the user's language; the English detail lib/ recorded is kept in a tooltip. */
function FeedErrorLine({ feed, when, t }: { feed: FeedSubscription; when: string; t: Translate }) {
  const { text, detail } = feedErrorText(feed, t);
  return (
    <p class="error" data-testid="feed-error" data-code={feed.lastErrorCode ?? ''} title={detail && detail !== text ? t('errorDetails', detail) : undefined}>
      {t('feedLastError', when, text)}
    </p>
  );
}
