import { useState } from 'preact/hooks';
import type { AddPageResult } from '../lib/messaging/protocol';
import type { Translate } from './i18n';
import { errorMessage } from '../lib/shared/error-message';

export interface AddPagePanelProps {
  /** Asks the background to add the tab's page; `issuer` when the page names none. */
  onAdd: (issuer?: string) => Promise<AddPageResult>;
  disabled?: boolean;
  t: Translate;
}

type View = { kind: 'idle' } | { kind: 'working' } | { kind: 'result'; result: AddPageResult } | { kind: 'error'; message: string };

/** "Add this page to my corpus", for official pages the user trusts; asks for the issuer when the page names none. */
export function AddPagePanel({ onAdd, disabled, t }: AddPagePanelProps) {
  const [view, setView] = useState<View>({ kind: 'idle' });
  const [issuer, setIssuer] = useState('');
  const run = async (givenIssuer?: string) => {
    setView({ kind: 'working' });
    try {
      setView({ kind: 'result', result: await onAdd(givenIssuer) });
    } catch (reason) {
      setView({ kind: 'error', message: errorMessage(reason) });
    }
  };
  const result = view.kind === 'result' ? view.result : null;
  return (
    <section class="card" aria-labelledby="add-page-title" data-testid="add-page" data-state={result?.status ?? view.kind}>
      <h2 id="add-page-title">{t('addPageTitle')}</h2>
      {result?.status === 'needs-issuer' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (issuer.trim()) void run(issuer.trim());
          }}
        >
          <p id="add-page-issuer-help">{t('addPageNeedsIssuer')}</p>
          <label>
            {t('feedIssuer')}{' '}
            <input
              id="add-page-issuer"
              type="text"
              required
              value={issuer}
              aria-describedby="add-page-issuer-help"
              onInput={(event) => setIssuer(event.currentTarget.value)}
            />
          </label>{' '}
          <button type="submit" id="add-page-confirm">
            {t('addPageButton')}
          </button>
        </form>
      ) : (
        <button type="button" id="add-page" disabled={disabled || view.kind === 'working'} aria-busy={view.kind === 'working'} onClick={() => void run()}>
          {t('addPageButton')}
        </button>
      )}
      {result && result.status !== 'needs-issuer' ? (
        <p role="status">
          {result.status === 'added' ? t('addPageAdded', result.issuer, t.plural('charactersCount', result.chars)) : t('addPageAlready', result.issuer)}
        </p>
      ) : null}
      {view.kind === 'error' ? (
        <p role="alert" class="error">
          {t('errorPrefix', view.message)}
        </p>
      ) : null}
    </section>
  );
}
