import type { CorpusStats } from '../lib/corpus/store';
import { formatCount, type Translate } from './i18n';

export interface CorpusSummaryProps {
  stats: CorpusStats | null;
  t: Translate;
}

/** The corpus size, as shown at the top of the popup and the options page. */
export function CorpusSummary({ stats, t }: CorpusSummaryProps) {
  if (!stats)
    return (
      <p class="muted" aria-busy="true">
        …
      </p>
    );
  return (
    <>
      <dl class="stats">
        <div>
          <dt>{t('corpusStatements')}</dt>
          <dd data-testid="corpus-count">{formatCount(stats.statements, t.locale)}</dd>
        </div>
        <div>
          <dt>{t('corpusIssuers')}</dt>
          <dd data-testid="issuer-count">{formatCount(stats.issuers, t.locale)}</dd>
        </div>
      </dl>
      {stats.damaged ? (
        <p role="status" class="error" data-testid="corpus-damaged" data-count={stats.damaged}>
          {t.plural('corpusDamaged', stats.damaged)}
        </p>
      ) : null}
      {stats.notIndexed ? (
        <p role="status" class="error" data-testid="corpus-not-indexed" data-count={stats.notIndexed.statements}>
          {t.plural('corpusNotIndexed', stats.notIndexed.statements, stats.notIndexed.error)}
        </p>
      ) : null}
    </>
  );
}
