import { Fragment } from 'preact';
import type { DiffPart } from '../lib/engine/index';
import type { Translate } from './i18n';

export interface WordDiffProps {
  parts: DiffPart[];
  t: Translate;
}

/**
 * A word diff from the official text to the article's text: removed words struck through, added
 * words underlined, each also announced in words for screen readers.
 *
 * The engine's parts are runs of whole words with no surrounding space, so a space is put between
 * neighbouring parts, outside the struck or underlined words (else "group" + "or a detachment"
 * reads "groupor a detachment").
 */
export function WordDiff({ parts, t }: WordDiffProps) {
  return (
    <p class="diff" data-testid="word-diff">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? ' ' : null}
          {part.op === 'equal' ? (
            <span>{part.text}</span>
          ) : part.op === 'delete' ? (
            <del title={t('diffRemoved')}>
              <span class="sr-only">{t('diffRemoved')}: </span>
              {part.text}
            </del>
          ) : (
            <ins title={t('diffAdded')}>
              <span class="sr-only">{t('diffAdded')}: </span>
              {part.text}
            </ins>
          )}
        </Fragment>
      ))}
    </p>
  );
}
