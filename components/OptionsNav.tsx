import type { MessageKey, Translate } from './i18n';

/**
 * The options page's sections, in page order: `id` is the section element's id and the link's fragment
 * (unique in the page: the backup button is already `#backup`).
 */
export const OPTIONS_SECTIONS: ReadonlyArray<{ id: string; label: MessageKey }> = [
  { id: 'corpus', label: 'sectionCorpus' },
  { id: 'feeds', label: 'sectionFeeds' },
  { id: 'team', label: 'sectionTeam' },
  { id: 'sites', label: 'sectionSites' },
  { id: 'backup-restore', label: 'sectionBackup' },
  { id: 'about', label: 'sectionAbout' },
];

export interface OptionsNavProps {
  /** The section shown first on screen (from the address's fragment). */
  current: string;
  t: Translate;
}

/** Links to the options page's sections: plain anchors, so the keyboard and the browser's history work. */
export function OptionsNav({ current, t }: OptionsNavProps) {
  return (
    <nav class="options-nav" aria-label={t('optionsNavLabel')} data-testid="options-nav">
      <ul>
        {OPTIONS_SECTIONS.map((section) => (
          <li key={section.id}>
            <a href={`#${section.id}`} aria-current={current === section.id ? 'location' : undefined}>
              {t(section.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
