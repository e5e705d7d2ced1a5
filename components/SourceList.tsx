import { useState } from 'preact/hooks';
import type { PassageView, SourceView } from '../lib/messaging/protocol';
import { formatDate, percent, safeHttpUrl } from './format';
import type { MessageKey, Translate } from './i18n';
import { PASSAGE_LABELS } from './PassageCard';
import { SideBySide } from './SideBySide';
import { FactsView, lagOf, lagText } from './TimeAndFacts';

export interface SourceListProps {
  sources: SourceView[];
  articleDate?: string | null;
  t: Translate;
  /** Scrolls the page to a passage and opens its card. */
  onReveal?: (statementId: string, index: number) => void;
}

const RELATION_LABELS: Record<string, MessageKey> = {
  quotes: 'relationQuotes',
  copies: 'relationCopies',
  paraphrases: 'relationParaphrases',
  translates: 'relationTranslates',
};

const TYPE_ORDER: PassageView['type'][] = [
  'verbatim_quote',
  'altered_quote',
  'attributed_copy',
  'unattributed_copy',
  'shared_phrase',
  'paraphrase',
  'summary',
  'translated_quote',
  'translated_passage',
];

/** The popup's list of sources, most relevant first, each with its passages grouped by type. */
export function SourceList({ sources, articleDate, t, onReveal }: SourceListProps) {
  return (
    <ol class="sources" data-testid="source-list">
      {sources.map((source, rank) => (
        <SourceItem key={source.statementId} source={source} rank={rank} articleDate={articleDate} t={t} onReveal={onReveal} />
      ))}
    </ol>
  );
}

function SourceItem({
  source,
  rank,
  articleDate,
  t,
  onReveal,
}: {
  source: SourceView;
  rank: number;
  articleDate?: string | null;
  t: Translate;
  onReveal?: SourceListProps['onReveal'];
}) {
  const [open, setOpen] = useState<number | null>(null);
  const href = safeHttpUrl(source.url);
  const days = lagOf(source, articleDate);
  const date = formatDate(source.date, t.locale);
  return (
    <li class="source card" data-testid="source" data-statement-id={source.statementId} data-rank={rank + 1}>
      <p class="who">
        <strong>{source.issuer || t('issuerUnknown')}</strong>
        {source.speaker ? <span> · {source.speaker}</span> : null}
      </p>
      <p class="when muted">
        {date ?? t('dateUnknown')}
        {days !== null ? (
          <span data-testid="source-lag" data-days={days}>
            {' '}
            · {lagText(days, t)}
          </span>
        ) : null}
      </p>
      <p class="title">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer" data-testid="source-link">
            {source.title || t('untitledStatement')}
          </a>
        ) : (
          <span>{source.title || t('untitledStatement')}</span>
        )}
      </p>
      <p class="relation">
        <span class="chip">{t(RELATION_LABELS[source.relation] ?? 'relationQuotes')}</span>{' '}
        <span class="muted">{t('coverage', percent(source.coverage, t.locale))}</span>
        {source.duplicates?.length ? <span class="muted"> · {t('alsoInStatements', t.plural('otherStatementsIn', source.duplicates.length))}</span> : null}
      </p>
      <FactsView agree={source.factsAgree} differ={source.factsDiffer} t={t} />
      {TYPE_ORDER.map((type) => {
        const passages = source.passages.map((passage, index) => ({ passage, index })).filter(({ passage }) => passage.type === type);
        if (passages.length === 0) return null;
        return (
          <section key={type} class="passage-group" data-type={type}>
            <h3>
              <span class={`dot dot-${type}`} aria-hidden="true" /> {t(PASSAGE_LABELS[type])} ({passages.length})
            </h3>
            <ul>
              {passages.map(({ passage, index }) => (
                <li key={index}>
                  <button type="button" class="passage-button" aria-expanded={open === index} onClick={() => setOpen(open === index ? null : index)}>
                    “{clip(passage.articleText, 140)}”
                  </button>
                  {open === index ? (
                    <div>
                      <SideBySide passage={passage} statementLang={source.statementLang} t={t} />
                      {onReveal ? (
                        <button type="button" class="link" onClick={() => onReveal(source.statementId, index)}>
                          {t('showInPage')}
                        </button>
                      ) : null}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </li>
  );
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
