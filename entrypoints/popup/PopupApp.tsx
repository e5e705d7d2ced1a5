import { useEffect, useState } from 'preact/hooks';
import { CorpusSummary } from '../../components/CorpusSummary';
import type { Translate } from '../../components/i18n';
import { TabStatusView } from '../../components/TabStatusView';
import type { CorpusStats } from '../../lib/corpus/store';
import type { TabStatus } from '../../lib/messaging/protocol';
import type { RpcClient } from '../../lib/messaging/rpc';

export interface PopupAppProps {
  call: RpcClient;
  t: Translate;
  currentTab: () => Promise<{ id: number; url?: string } | null>;
  openOptions: () => void;
}

/** The toolbar popup: corpus size and what SourceLens knows of this tab. */
export function PopupApp({ call, t, currentTab, openOptions }: PopupAppProps) {
  const [stats, setStats] = useState<CorpusStats | null>(null);
  const [status, setStatus] = useState<TabStatus | null>(null);
  const [supported, setSupported] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        setStats(await call('getCorpusStats', {}));
        const tab = await currentTab();
        // activeTab lets the popup read the URL of the tab it was opened on; when the URL is hidden
        // anyway, the background's record of the page decides.
        const isWebPage = !!tab && (tab.url === undefined || /^https?:/.test(tab.url));
        setSupported(isWebPage);
        if (tab && isWebPage) setStatus(await call('getTabStatus', { tabId: tab.id }));
      } catch (reason) {
        setError(String(reason instanceof Error ? reason.message : reason));
      }
    })();
  }, [call, currentTab]);

  return (
    <main class="popup">
      <h1>
        <img src="/icon/32.png" width={20} height={20} alt="" /> SourceLens
      </h1>
      {error ? (
        <p role="alert" class="error">
          {t('errorPrefix', error)}
        </p>
      ) : null}
      <section class="card" aria-label={t('corpusStatements')}>
        <CorpusSummary stats={stats} t={t} />
        {stats && stats.statements === 0 ? <p data-testid="corpus-empty">{t('corpusEmpty')}</p> : null}
        <button type="button" id="open-options" onClick={openOptions}>
          {t('openOptions')}
        </button>
      </section>
      <TabStatusView status={status} supported={supported} t={t} />
    </main>
  );
}
