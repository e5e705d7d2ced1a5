import type { Translate } from './i18n';

export interface HostAccessNoticeProps {
  /** `missing`: the browser keeps SourceLens from this site; `denied`: the user just declined to grant it. */
  state: 'missing' | 'denied';
  onGrant: () => void;
  t: Translate;
}

/**
 * Said in the popup when the user has withheld SourceLens's access to the site (Chrome's "on click",
 * Firefox's optional host permissions): without it nothing on the page can be checked, and the
 * silence would look like "no sources".
 */
export function HostAccessNotice({ state, onGrant, t }: HostAccessNoticeProps) {
  return (
    <section class="card host-access" data-testid="host-access" data-state={state}>
      <p>{t('hostAccessMissing')}</p>
      <button type="button" id="grant-host-access" onClick={onGrant}>
        {t('hostAccessGrant')}
      </button>
      {state === 'denied' ? (
        <p role="status" class="muted">
          {t('hostAccessDenied')}
        </p>
      ) : null}
    </section>
  );
}
