import { AboutPanel } from '../../components/AboutPanel';
import { BackupPanel } from '../../components/BackupPanel';
import { CorpusSummary } from '../../components/CorpusSummary';
import { DeleteAll } from '../../components/DeleteAll';
import { diagnosticsReport } from '../../components/diagnostics';
import { ExportPanel } from '../../components/ExportPanel';
import { FeedsPanel } from '../../components/FeedsPanel';
import type { Translate } from '../../components/i18n';
import { ImportPanel } from '../../components/ImportPanel';
import { IssuerList } from '../../components/IssuerList';
import { OptionsNav } from '../../components/OptionsNav';
import type { Shortcut } from '../../components/ShortcutsView';
import { SiteRules } from '../../components/SiteRules';
import { StorageUsage } from '../../components/StorageUsage';
import { TeamCorpusPanel } from '../../components/TeamCorpusPanel';
import { STARTER_SOURCES, starterInterval } from '../../lib/feeds/starter-sources';
import type { RpcClient } from '../../lib/messaging/rpc';
import {
  type StorageAccess,
  useBackupPanel,
  useChange,
  useErrorLine,
  useExportPanel,
  useFeedsPanel,
  useImportPanel,
  useOptionsData,
  useSection,
  useShortcuts,
  useTeamPanel,
} from './use-options-panels';

/** What the About section shows, from the browser (injected: components and tests see no browser API). */
export interface AboutInfo {
  version: string;
  /** navigator.userAgent, for the diagnostics report. */
  browser: string;
  shortcuts: () => Promise<Shortcut[]>;
  copy: (text: string) => Promise<void>;
}

export interface OptionsAppProps {
  call: RpcClient;
  t: Translate;
  storage?: StorageAccess;
  about?: AboutInfo;
}

/**
 * The options page, in sections (corpus, feeds, sites, backup, about) with a navigation: the panels'
 * state is in use-options-panels.ts, one hook per panel; the views are components.
 */
export function OptionsApp({ call, t, storage, about }: OptionsAppProps) {
  const section = useSection();
  const { error, report, clear } = useErrorLine(t);
  const data = useOptionsData(call, storage, report);
  const { stats, feeds, settings, refresh } = data;
  const change = useChange({ report, refresh, clear });
  const importing = useImportPanel({ call, refresh, t, clear });
  const exporting = useExportPanel({ call, report });
  const backup = useBackupPanel({ call, report, refresh, clear });
  const feedsPanel = useFeedsPanel({ call, report, refresh, clear });
  const team = useTeamPanel(call, data.setTeamStatus);
  const shortcuts = useShortcuts(about?.shortcuts);
  const diagnostics = async () =>
    diagnosticsReport({
      version: about?.version ?? '',
      browser: about?.browser ?? '',
      uiLanguage: t.locale,
      stats: await call('getCorpusStats', {}).catch(() => stats),
      feeds: await call('listFeeds', {}).catch(() => feeds),
      lastCheck: await call('getLastCheck', {}).catch(() => null),
      now: Date.now(),
    });

  return (
    <div class="options-layout">
      <OptionsNav current={section} t={t} />
      <main class="options">
        <header>
          <h1>
            <img src="/icon/32.png" width={24} height={24} alt="" /> {t('optionsTitle')}
          </h1>
          <p class="muted">{t('privacyNote')}</p>
        </header>
        {error ? (
          <p role="alert" class="error" data-testid="options-error">
            {t('errorPrefix', error)}
          </p>
        ) : null}
        <section id="corpus" class="options-section" aria-labelledby="section-corpus" tabIndex={-1}>
          <h2 id="section-corpus">{t('sectionCorpus')}</h2>
          <div class="card">
            <CorpusSummary stats={stats} t={t} />
          </div>
          {stats?.statements === 0 && !importing.progress ? (
            <section class="card" data-testid="starter-corpus">
              <p>{t('starterHelp')}</p>
              <button type="button" id="import-starter" onClick={() => void importing.importStarter()}>
                {t('starterButton')}
              </button>
            </section>
          ) : null}
          <ImportPanel
            progress={importing.progress}
            summary={importing.summary}
            run={importing.run}
            onFiles={importing.onFiles}
            onCancel={importing.cancel}
            t={t}
          />
          <IssuerList issuers={data.issuers} onDelete={(issuer) => change(() => call('deleteIssuer', { key: issuer.key }))} t={t} />
          <DeleteAll count={stats?.statements ?? 0} onConfirm={() => change(() => call('deleteAll', { confirm: 'delete-all' }))} t={t} />
        </section>
        <section id="feeds" class="options-section" aria-labelledby="section-feeds" tabIndex={-1}>
          <h2 id="section-feeds">{t('sectionFeeds')}</h2>
          <FeedsPanel
            feeds={feeds}
            starters={STARTER_SOURCES}
            refreshing={feedsPanel.refreshing}
            onSubscribe={(input) => void feedsPanel.subscribe(input)}
            onEnableStarter={(source) =>
              void feedsPanel.subscribe({
                url: source.url,
                issuer: source.issuer,
                lang: source.lang,
                starterId: source.id,
                intervalMinutes: starterInterval(source),
              })
            }
            onRefresh={(url) => void feedsPanel.refreshFeed(url)}
            onUnsubscribe={(url) => change(() => call('unsubscribeFeed', { url }))}
            t={t}
          />
        </section>
        <section id="team" class="options-section" aria-labelledby="section-team" tabIndex={-1}>
          <h2 id="section-team">{t('sectionTeam')}</h2>
          <TeamCorpusPanel status={data.teamStatus} test={team.test} busy={team.busy} onTest={team.onTest} onSave={team.onSave} t={t} />
        </section>
        <section id="sites" class="options-section" aria-labelledby="section-sites" tabIndex={-1}>
          <h2 id="section-sites">{t('sectionSites')}</h2>
          <SiteRules
            rules={settings?.siteRules ?? null}
            onChange={(siteRules) => settings && change(() => call('saveSettings', { settings: { ...settings, siteRules } }))}
            t={t}
          />
        </section>
        <section id="backup-restore" class="options-section" aria-labelledby="section-backup" tabIndex={-1}>
          <h2 id="section-backup">{t('sectionBackup')}</h2>
          <ExportPanel state={exporting.state} disabled={!stats || stats.statements === 0} onExport={() => void exporting.onExport()} t={t} />
          <BackupPanel
            backup={backup.backup}
            restore={backup.restore}
            onBackup={() => void backup.onBackup()}
            onRestore={(file) => void backup.onRestore(file)}
            t={t}
          />
          <StorageUsage info={data.storage} t={t} />
        </section>
        <section id="about" class="options-section" aria-labelledby="section-about" tabIndex={-1}>
          <h2 id="section-about">{t('sectionAbout')}</h2>
          <AboutPanel
            version={about?.version ?? ''}
            shortcuts={shortcuts}
            diagnostics={diagnostics}
            copy={about?.copy ?? (() => Promise.reject(new Error('no clipboard')))}
            t={t}
          />
        </section>
      </main>
    </div>
  );
}
