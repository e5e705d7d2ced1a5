import type { CorpusStats } from '../lib/corpus/store';
import type { FeedSubscription } from '../lib/feeds/subscription';
import type { LastCheck } from '../lib/messaging/protocol';

export interface DiagnosticsData {
  version: string;
  /** The browser, as navigator.userAgent gives it. */
  browser: string;
  uiLanguage: string;
  stats: CorpusStats | null;
  feeds: FeedSubscription[] | null;
  lastCheck: LastCheck | null;
  now: number;
}

/**
 * A plain-text report to paste into a bug report. In English whatever the UI's language, so the
 * maintainers can read it; nothing from the pages read (no address, title or text): only sizes and
 * timings of the last check. Feed addresses are the user's subscriptions, not pages read.
 */
export function diagnosticsReport(data: DiagnosticsData): string {
  const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : 'never');
  const lines = [
    `SourceLens ${data.version}`,
    `browser: ${data.browser}`,
    `UI language: ${data.uiLanguage}`,
    `report made: ${iso(data.now)}`,
    '',
    'corpus:',
    data.stats
      ? `  statements: ${data.stats.statements}, issuers: ${data.stats.issuers}` +
        (data.stats.damaged ? `, damaged records: ${data.stats.damaged}` : '') +
        (data.stats.notIndexed ? `, not indexed: ${data.stats.notIndexed.statements} (${data.stats.notIndexed.error})` : '')
      : '  unknown',
    '',
    `feeds: ${data.feeds?.length ?? 'unknown'}`,
  ];
  for (const feed of data.feeds ?? []) {
    lines.push(
      `  ${feed.url}${feed.enabled ? '' : ' (disabled)'}: ${feed.itemCount} items, ${feed.storedCount} stored, last success ${iso(feed.lastSuccessAt)}` +
        (feed.lastError ? `; last error ${iso(feed.lastErrorAt)}${feed.lastErrorCode ? ` [${feed.lastErrorCode}]` : ''}: ${feed.lastError}` : ''),
    );
  }
  lines.push('', 'last check:');
  const check = data.lastCheck;
  lines.push(
    check
      ? `  at ${iso(check.at)}: ${check.elapsedMs === undefined ? 'time unknown' : `${Math.round(check.elapsedMs * 10) / 10} ms`}, ${check.articleChars} characters, ${check.sources} sources, corpus of ${check.corpusSize}`
      : '  none since the background last started',
  );
  return lines.join('\n') + '\n';
}
