import { useEffect, useState } from 'preact/hooks';
import { type TeamSettingsProblem, type TeamStatus, teamSettingsProblem } from '../lib/team/team-settings';
import { formatCount, type MessageKey, type Translate } from './i18n';

/** The words of each problem of a typed address or token (lib/team/team-settings.ts), in the user's language. */
const PROBLEM_MESSAGES: Record<TeamSettingsProblem, MessageKey> = {
  'address-not-web': 'teamProblemAddress',
  'address-too-long': 'teamProblemAddressLong',
  'token-too-short': 'teamProblemTokenShort',
  'token-too-long': 'teamProblemTokenLong',
  'token-has-spaces': 'teamProblemTokenSpaces',
};

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
 * the checks say so when the server cannot be used. An address or token the server would refuse is
 * said at once, in the user's language, and not sent.
 */
export function TeamCorpusPanel({ status, test, busy, onTest, onSave, t, formatTime = defaultTime }: TeamCorpusPanelProps) {
  const [address, setAddress] = useState(status?.address ?? '');
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<TeamSettingsProblem | null>(null);
  useEffect(() => {
    if (status?.address) setAddress(status.address);
  }, [status?.address]);
  const settings = () => ({ address: address.trim(), token: token.trim() });
  const complete = address.trim() !== '' && token.trim() !== '';
  /** Hands the typed settings to `action`, unless they have a problem, which is shown instead. */
  const checked = (action: (typed: { address: string; token: string }) => void) => {
    const found = teamSettingsProblem(settings());
    setProblem(found);
    if (!found) action(settings());
  };
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
          if (complete) checked(onSave);
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
            onInput={(event) => {
              setAddress(event.currentTarget.value);
              setProblem(null);
            }}
          />
        </label>{' '}
        <label>
          {t('teamToken')}{' '}
          <input
            id="team-token"
            type="password"
            autoComplete="off"
            value={token}
            onInput={(event) => {
              setToken(event.currentTarget.value);
              setProblem(null);
            }}
          />
        </label>{' '}
        <button type="button" id="team-test" disabled={!complete || busy} aria-busy={busy} onClick={() => checked(onTest)}>
          {t('teamTest')}
        </button>{' '}
        <button type="submit" id="team-save" disabled={!complete || busy}>
          {t('teamSave')}
        </button>
      </form>
      {problem ? (
        <p role="alert" class="error" data-testid="team-settings-problem">
          {t(PROBLEM_MESSAGES[problem])}
        </p>
      ) : null}
      {test && !problem ? (
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
