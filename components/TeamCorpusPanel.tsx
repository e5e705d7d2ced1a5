import { useEffect, useState } from 'preact/hooks';
import type { TeamStatus } from '../lib/team/team-settings';
import { formatCount, type Translate } from './i18n';

export type TeamTestResult = { ok: true; statements: number; role: string } | { ok: false; error: string };

export interface TeamCorpusPanelProps {
  status: TeamStatus | null;
  /** The last test's answer, in words. */
  test: TeamTestResult | null;
  busy: boolean;
  onTest: (settings: { address: string; token: string }) => void;
  onSave: (settings: { address: string; token: string } | null) => void;
  t: Translate;
  formatTime?: (ms: number) => string;
}

const defaultTime = (ms: number) => new Date(ms).toLocaleString();

/**
 * "Team corpus": the address of a team's SourceLens server and the reader's token, a test button,
 * and how the connection stands (last sync, the last error in words). Saving needs no test first:
 * the checks say so when the server cannot be used.
 */
export function TeamCorpusPanel({ status, test, busy, onTest, onSave, t, formatTime = defaultTime }: TeamCorpusPanelProps) {
  const [address, setAddress] = useState(status?.address ?? '');
  const [token, setToken] = useState('');
  useEffect(() => {
    if (status?.address) setAddress(status.address);
  }, [status?.address]);
  const settings = () => ({ address: address.trim(), token: token.trim() });
  const complete = address.trim() !== '' && token.trim() !== '';
  return (
    <section aria-labelledby="team-title" class="card" data-testid="team-corpus">
      <h2 id="team-title">{t('teamTitle')}</h2>
      <p class="muted" id="team-help">
        {t('teamHelp')}
      </p>
      <form
        class="feed-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (complete) onSave(settings());
        }}
      >
        <label>
          {t('teamAddress')}{' '}
          <input
            id="team-address"
            type="url"
            inputMode="url"
            placeholder="https://sourcelens.example.org"
            value={address}
            aria-describedby="team-help"
            onInput={(event) => setAddress(event.currentTarget.value)}
          />
        </label>{' '}
        <label>
          {t('teamToken')} <input id="team-token" type="password" autoComplete="off" value={token} onInput={(event) => setToken(event.currentTarget.value)} />
        </label>{' '}
        <button type="button" id="team-test" disabled={!complete || busy} aria-busy={busy} onClick={() => onTest(settings())}>
          {t('teamTest')}
        </button>{' '}
        <button type="submit" id="team-save" disabled={!complete || busy}>
          {t('teamSave')}
        </button>
      </form>
      {test ? (
        <p role="status" data-testid="team-test-result" class={test.ok ? '' : 'error'}>
          {test.ok ? t('teamTestOk', formatCount(test.statements), test.role) : t('teamTestFailed', test.error)}
        </p>
      ) : null}
      {status?.configured ? (
        <div data-testid="team-status">
          <p>
            {t('teamUsing', status.address ?? '')}{' '}
            <button type="button" class="link" id="team-forget" onClick={() => onSave(null)}>
              {t('teamForget')}
            </button>
          </p>
          <p data-testid="team-sync">
            {status.lastSyncAt ? t('teamLastSync', formatTime(status.lastSyncAt), formatCount(status.statements ?? 0)) : t('teamNeverSynced')}
            {' · '}
            {t('teamCached', formatCount(status.cached ?? 0))}
          </p>
          {status.lastError ? (
            <p class="error" data-testid="team-error">
              {t('teamLastError', formatTime(status.lastErrorAt ?? 0), status.lastError)}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
