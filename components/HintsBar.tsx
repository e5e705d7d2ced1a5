import type { Translate } from './i18n';

export interface HintsBarProps {
  passages: number;
  sources: number;
  /** 1-based position of the focused passage, or 0. */
  position: number;
  onPrevious: () => void;
  onNext: () => void;
  onHide: () => void;
  t: Translate;
}

/**
 * The small in-page bar: how many passages were marked, and keyboard access to them (previous/next
 * move the focus through the passages and open each one's card).
 */
export function HintsBar({ passages, sources, position, onPrevious, onNext, onHide, t }: HintsBarProps) {
  return (
    <nav class="hints-bar" aria-label={t('hintsBarLabel')} data-testid="hints-bar" data-passages={passages}>
      <span class="brand" aria-hidden="true">
        ❝
      </span>
      <span class="summary" aria-live="polite">
        {t('hintsSummary', t.plural('passagesCount', passages), t.plural('officialSourcesFrom', sources))}
        {position > 0 ? ` · ${position}/${passages}` : ''}
      </span>
      <button type="button" onClick={onPrevious} aria-label={t('previousPassage')} disabled={passages === 0}>
        ‹
      </button>
      <button type="button" onClick={onNext} aria-label={t('nextPassage')} disabled={passages === 0}>
        ›
      </button>
      <button type="button" onClick={onHide} aria-label={t('hideHints')}>
        ✕
      </button>
    </nav>
  );
}
