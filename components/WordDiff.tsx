import type { DiffPart } from '../lib/engine/index';
import type { Translate } from './i18n';

export interface WordDiffProps {
  parts: DiffPart[];
  t: Translate;
}

/**
 * A word diff from the official text to the article's text: removed words struck through, added
 * words underlined, each also announced in words for screen readers.
 */
export function WordDiff({ parts, t }: WordDiffProps) {
  return (
    <p class="diff" data-testid="word-diff">
      {parts.map((part, index) =>
        part.op === 'equal' ? (
          <span key={index}>{part.text}</span>
        ) : part.op === 'delete' ? (
          <del key={index} title={t('diffRemoved')}>
            <span class="sr-only">{t('diffRemoved')}: </span>
            {part.text}
          </del>
        ) : (
          <ins key={index} title={t('diffAdded')}>
            <span class="sr-only">{t('diffAdded')}: </span>
            {part.text}
          </ins>
        ),
      )}
    </p>
  );
}
