import type { PassageView, SourceView } from '../lib/messaging/protocol';
import { formatDate, safeHttpUrl } from './format';
import type { MessageKey, Translate } from './i18n';
import { SideBySide } from './SideBySide';
import { FactsView, lagOf, lagText } from './TimeAndFacts';
import { WordDiff } from './WordDiff';

export const PASSAGE_LABELS: Record<PassageView['type'], MessageKey> = {
  verbatim_quote: 'typeVerbatimQuote',
  altered_quote: 'typeAlteredQuote',
  unattributed_copy: 'typeUnattributedCopy',
  attributed_copy: 'typeAttributedCopy',
  shared_phrase: 'typeSharedPhrase',
  paraphrase: 'typeParaphrase',
  translated_quote: 'typeTranslatedQuote',
  translated_passage: 'typeTranslatedPassage',
  summary: 'typeSummary',
};

export interface PassageCardProps {
  source: SourceView;
  passage: PassageView;
  /** The article's date, to say how long before it the statement appeared. */
  articleDate?: string | null;
  t: Translate;
  onClose?: () => void;
}

/** Where one passage of the page came from: source, issuer, speaker, date, link, and the difference. */
export function PassageCard({ source, passage, articleDate, t, onClose }: PassageCardProps) {
  const href = safeHttpUrl(source.url);
  const date = formatDate(source.date, t.locale);
  const days = lagOf(source, articleDate);
  return (
    <article class="passage-card" data-testid="passage-card" data-kind={passage.type} aria-labelledby="passage-card-title">
      <header>
        <span class={`chip chip-${passage.type}`}>{t(PASSAGE_LABELS[passage.type])}</span>
        {onClose ? (
          <button type="button" class="close" aria-label={t('close')} onClick={onClose}>
            ×
          </button>
        ) : null}
      </header>
      <h2 id="passage-card-title" class="title">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {source.title || t('untitledStatement')}
          </a>
        ) : (
          source.title || t('untitledStatement')
        )}
      </h2>
      <dl class="facts">
        {source.issuer ? (
          <div>
            <dt>{t('issuer')}</dt>
            <dd data-testid="card-issuer">{source.issuer}</dd>
          </div>
        ) : null}
        {source.speaker ? (
          <div>
            <dt>{t('speaker')}</dt>
            <dd data-testid="card-speaker">{source.speaker}</dd>
          </div>
        ) : null}
        {date ? (
          <div>
            <dt>{t('date')}</dt>
            <dd>
              {date}
              {days !== null ? (
                <span class="muted" data-testid="card-lag" data-days={days}>
                  {' '}
                  ({lagText(days, t)})
                </span>
              ) : null}
            </dd>
          </div>
        ) : null}
        {passage.speaker ? (
          <div>
            <dt>{t('attributedTo')}</dt>
            <dd data-speaker-matches={String(passage.speakerMatches ?? '')}>
              {passage.speaker}
              {passage.speakerMatches === false ? <strong class="warn"> · {t('speakerMismatch')}</strong> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <FactsView agree={source.factsAgree} differ={source.factsDiffer} t={t} />
      {passage.type === 'translated_quote' || passage.type === 'translated_passage' ? (
        <SideBySide passage={passage} statementLang={source.statementLang} t={t} />
      ) : passage.type === 'summary' && passage.partTexts?.length ? (
        <section>
          <h3>{t('summaryParts')}</h3>
          <ol class="summary-parts" data-testid="summary-parts">
            {passage.partTexts.map((part, i) => (
              <li key={i}>
                <blockquote tabIndex={0}>{part.articleText}</blockquote>
                <blockquote class="official" tabIndex={0}>
                  {part.statementText}
                </blockquote>
              </li>
            ))}
          </ol>
        </section>
      ) : (passage.type === 'altered_quote' || passage.type === 'unattributed_copy') && passage.diff?.length ? (
        <section>
          <h3>{t(passage.type === 'altered_quote' ? 'differences' : 'editedCopy')}</h3>
          <WordDiff parts={passage.diff} t={t} />
        </section>
      ) : (
        <section>
          <h3>{t('officialText')}</h3>
          <blockquote class="official" data-testid="card-official-text" tabIndex={0}>
            {passage.statementText}
          </blockquote>
        </section>
      )}
    </article>
  );
}
