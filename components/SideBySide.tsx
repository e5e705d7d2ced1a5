import type { PassageView } from '../lib/messaging/protocol';
import type { Translate } from './i18n';
import { WordDiff } from './WordDiff';

export interface SideBySideProps {
  passage: PassageView;
  /** The statement's language when it differs from the page's (a translation): set on its text so
   * the browser picks the right fonts, hyphenation and direction (Arabic, Urdu: right to left). */
  statementLang?: string;
  t: Translate;
}

/** The article's passage next to the official text, with the word differences marked. */
export function SideBySide({ passage, statementLang, t }: SideBySideProps) {
  return (
    <div class="side-by-side" data-testid="side-by-side">
      <figure>
        <figcaption>{t('inTheArticle')}</figcaption>
        {/* Scrollable when long, so it must be reachable by keyboard too. */}
        <blockquote tabIndex={0}>{passage.articleText}</blockquote>
      </figure>
      <figure>
        <figcaption>{t('officialText')}</figcaption>
        <blockquote tabIndex={0} lang={statementLang} dir={statementLang ? 'auto' : undefined}>
          {passage.statementText}
        </blockquote>
      </figure>
      {passage.diff?.length ? <WordDiff parts={passage.diff} t={t} /> : null}
    </div>
  );
}
