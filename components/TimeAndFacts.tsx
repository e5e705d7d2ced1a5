import type { FactPair } from '../lib/engine/index';
import type { SourceView } from '../lib/messaging/protocol';
import { daysBetween } from './format';
import type { Translate } from './i18n';

/**
 * Whole days from the statement to the article: the engine's (it reads the article's date from every
 * place the page gives it), else from the two dates the view has; null when either is unknown.
 */
export function lagOf(source: Pick<SourceView, 'lagDays' | 'date'>, articleDate?: string | null): number | null {
  if (typeof source.lagDays === 'number' && Number.isFinite(source.lagDays)) return source.lagDays;
  return daysBetween(source.date, articleDate);
}

/** "2 days before the article", "same day as the article", "1 day after the article", in the user's language. */
export function lagText(days: number, t: Translate): string {
  if (days === 0) return t('sameDay');
  return days > 0 ? t.plural('lagBefore', days) : t.plural('lagAfter', -days);
}

export interface FactsViewProps {
  agree?: FactPair[];
  differ?: FactPair[];
  t: Translate;
}

/**
 * The facts next to the shared wording (figures, dates, times, names): those on which article and
 * statement agree, and those that differ, as each text writes them ("article: 19 times, 13–14 March;
 * statement: 23 times, 8–9 March"), so the reader can judge a templated statement for themselves.
 */
export function FactsView({ agree = [], differ = [], t }: FactsViewProps) {
  if (agree.length === 0 && differ.length === 0) return null;
  // Joined with commas, not Intl.ListFormat: CLDR's unit lists join with spaces in Russian ("19 times
  // 13–14 March" reads as one fact) and its conjunction lists add "and" before the last fact.
  const list = { format: (facts: string[]) => facts.join(', ') };
  return (
    <section class="facts-check" data-testid="facts" aria-label={t('factsTitle')}>
      {differ.length > 0 ? (
        <p class="warn" data-testid="facts-differ">
          <strong>{t('factsDiffer')}</strong>{' '}
          {t('factsDifferDetail', list.format(differ.map((fact) => fact.article)), list.format(differ.map((fact) => fact.statement)))}
        </p>
      ) : null}
      {agree.length > 0 ? (
        <p data-testid="facts-agree">
          <strong>{t('factsAgree')}</strong> {list.format(agree.map((fact) => fact.article))}
        </p>
      ) : null}
    </section>
  );
}
