import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { AboutPanel } from '../../components/AboutPanel';
import { CorpusSummary } from '../../components/CorpusSummary';
import { diagnosticsReport } from '../../components/diagnostics';
import { OPTIONS_SECTIONS, OptionsNav } from '../../components/OptionsNav';
import type { Shortcut } from '../../components/ShortcutsView';
import { DeleteAll } from '../../components/DeleteAll';
import { ExportPanel, type ExportState } from '../../components/ExportPanel';
import type { Translate } from '../../components/i18n';
import { ImportPanel, type ImportProgress } from '../../components/ImportPanel';
import { IssuerList } from '../../components/IssuerList';
import { SiteRules } from '../../components/SiteRules';
import { BackupPanel, type BackupState } from '../../components/BackupPanel';
import { FeedsPanel } from '../../components/FeedsPanel';
import { TeamCorpusPanel, type TeamTestResult } from '../../components/TeamCorpusPanel';
import type { TeamStatus } from '../../lib/team/team-settings';
import type { PreparedFile } from '../../components/FileDownload';
import { StorageUsage, type StorageInfo } from '../../components/StorageUsage';
import { readBackup } from '../../lib/corpus/backup';
import { STARTER_SOURCES, starterInterval } from '../../lib/feeds/starter-sources';
import type { FeedSubscription } from '../../lib/feeds/subscription';
import type { ImportSummary } from '../../lib/corpus/import-summary';
import { importFiles } from '../../lib/corpus/import-files';
import { toInterchange } from '../../lib/corpus/statement';
import { STORAGE_FULL_MESSAGE } from '../../lib/corpus/storage-errors';
import type { CorpusStats, ExportPage, IssuerCount } from '../../lib/corpus/store';
import type { ProtocolInput, Settings } from '../../lib/messaging/protocol';
import { RpcError, RpcNoAnswerError, type RpcClient } from '../../lib/messaging/rpc';
import { errorMessage } from '../../lib/shared/error-message';

/** Statements per export message: big enough to be quick, small enough for one message (≈ 3 MB). */
const EXPORT_PAGE = 1000;

/** The page's view of navigator.storage (injected: tests and browsers without it pass nothing). */
export interface StorageAccess {
  estimate: () => Promise<{ usage?: number; quota?: number }>;
  persisted: () => Promise<boolean>;
  /** Asks the browser to never evict our data; with unlimitedStorage it is granted without a prompt. */
  persist: () => Promise<boolean>;
}

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

/** The section named by the address's fragment ("#feeds"), else the first. */
function sectionFromHash(hash: string): string {
  const id = hash.replace(/^#/, '');
  return OPTIONS_SECTIONS.some((section) => section.id === id) ? id : OPTIONS_SECTIONS[0]!.id;
}

/**
 * The options page, in sections (corpus, feeds, sites, backup, about) with a navigation: state only;
 * views are components.
 */
export function OptionsApp({ call, t, storage, about }: OptionsAppProps) {
  const [section, setSection] = useState(() => sectionFromHash(globalThis.location?.hash ?? ''));
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const [stats, setStats] = useState<CorpusStats | null>(null);
  const [issuers, setIssuers] = useState<IssuerCount[] | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [importRuns, setImportRuns] = useState(0);
  const [exportState, setExportState] = useState<ExportState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [feeds, setFeeds] = useState<FeedSubscription[] | null>(null);
  const [refreshing, setRefreshing] = useState<ReadonlySet<string>>(new Set());
  const [storageInfo, setStorageInfo] = useState<StorageInfo | null>(null);
  const [backupState, setBackupState] = useState<BackupState | null>(null);
  const [restoreState, setRestoreState] = useState<BackupState | null>(null);
  const [teamStatus, setTeamStatus] = useState<TeamStatus | null>(null);
  const [teamTest, setTeamTest] = useState<TeamTestResult | null>(null);
  const [teamBusy, setTeamBusy] = useState(false);
  /** A call to the team server from the panel: busy meanwhile, its failure shown as the test result. */
  const teamCall = <T,>(request: Promise<T>, onDone: (value: T) => void) => {
    setTeamBusy(true);
    void request.then(onDone, (failure: unknown) => setTeamTest({ ok: false, error: errorMessage(failure) })).finally(() => setTeamBusy(false));
  };

  const refreshStorage = useCallback(async () => {
    if (!storage) return;
    try {
      const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted()]);
      setStorageInfo({ usage: estimate.usage, quota: estimate.quota, persisted });
    } catch {
      setStorageInfo(null);
    }
  }, [storage]);

  useEffect(() => {
    // Ask once per visit: granted silently with unlimitedStorage; a refusal only means "not persistent" in the view.
    void storage
      ?.persist()
      .catch(() => false)
      .then(refreshStorage);
  }, [storage, refreshStorage]);

  const refresh = useCallback(async () => {
    try {
      // Each part shows as soon as it arrives: listing issuers walks the whole index and can take a
      // moment on a large corpus, and the count must not wait for it.
      await Promise.all([
        call('getCorpusStats', {}).then(setStats),
        call('listIssuers', {}).then(setIssuers),
        call('getSettings', {}).then(setSettings),
        call('getTeamStatus', {}).then(setTeamStatus),
        call('listFeeds', {}).then(setFeeds),
        refreshStorage(),
      ]);
    } catch (reason) {
      setError(errorMessage(reason));
    }
  }, [call, refreshStorage]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onFiles = async (files: File[]) => {
    setSummary(null);
    setError(null);
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ file: files[0]?.name ?? '', fraction: 0, records: 0 });
    const result = await importFiles(files, {
      store: (file, records) =>
        call('importBatch', { file, records: records.map(toInterchange) }).catch((reason: unknown) => {
          // An RpcError is the background's own answer; no answer, or a transport error, means the
          // worker was stopped or crashed mid-batch: say what that means for the user's data.
          const answered = reason instanceof RpcError && !(reason instanceof RpcNoAnswerError);
          throw answered ? reason : new Error(t('importBackgroundStopped'));
        }),
      onProgress: (event) => setProgress({ file: event.file, fraction: event.fraction, records: event.records }),
      signal: controller.signal,
    });
    abort.current = null;
    setProgress(null);
    // The background's storage-full error is a fixed English text: show the user's language instead.
    setSummary(result.error === STORAGE_FULL_MESSAGE ? { ...result, error: t('storageFull') } : result);
    setImportRuns((runs) => runs + 1);
    await refresh();
  };

  const onExport = async () => {
    setExportState({ written: 0 });
    try {
      const fileName = `sourcelens-corpus-${new Date().toISOString().slice(0, 10)}.jsonl`;
      const file = await readPagedFile(
        (afterId) => call('exportPage', { afterId, limit: EXPORT_PAGE }),
        [],
        fileName,
        (written) => setExportState({ written }),
      );
      setExportState({ written: file.count, download: file });
      // Start the download at once; the link stays for a second try.
      startDownload(file);
    } catch (reason) {
      setExportState(null);
      setError(errorMessage(reason));
    }
  };

  const refreshFeed = async (url: string) => {
    setRefreshing((current) => new Set([...current, url]));
    try {
      await call('refreshFeed', { url });
    } catch (reason) {
      setError(errorMessage(reason));
    }
    setRefreshing((current) => new Set([...current].filter((item) => item !== url)));
    await refresh();
  };

  /** Subscribing fetches at once: the user sees the items arrive, or the error in words. */
  const subscribe = async (input: ProtocolInput<'subscribeFeed'>) => {
    setError(null);
    try {
      await call('subscribeFeed', input);
    } catch (reason) {
      setError(errorMessage(reason));
      return;
    }
    await refresh();
    await refreshFeed(input.url);
  };

  const onBackup = async () => {
    setBackupState({ done: 0 });
    try {
      const header = JSON.stringify(await call('backupHeader', {})) + '\n';
      const fileName = `sourcelens-backup-${new Date().toISOString().slice(0, 10)}.jsonl`;
      const file = await readPagedFile(
        (afterId) => call('backupPage', { afterId, limit: EXPORT_PAGE }),
        [header],
        fileName,
        (done) => setBackupState({ done }),
      );
      setBackupState({ done: file.count, download: file });
      startDownload(file);
    } catch (reason) {
      setBackupState(null);
      setError(errorMessage(reason));
    }
  };

  const onRestore = async (file: File) => {
    setError(null);
    const totals = { restored: 0, duplicates: 0, rejected: 0, feeds: 0 };
    let done = 0;
    setRestoreState({ done: 0 });
    try {
      await readBackup(file.stream(), {
        onHeader: async (header) => {
          totals.feeds = (await call('restoreHeader', { header: header as unknown as Record<string, unknown> })).feedsAdded;
        },
        onBatch: async (lines) => {
          const result = await call('restoreBatch', { lines });
          totals.restored += result.restored;
          totals.duplicates += result.duplicates;
          totals.rejected += result.rejected;
          done += lines.length;
          setRestoreState({ done });
        },
      });
      setRestoreState({ done, restored: totals });
    } catch (reason) {
      setRestoreState(null);
      setError(errorMessage(reason));
    }
    await refresh();
  };

  const runAndRefresh = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (reason) {
      setError(errorMessage(reason));
    }
    await refresh();
  };

  const aboutShortcuts = about?.shortcuts;
  useEffect(() => {
    if (aboutShortcuts) void aboutShortcuts().then(setShortcuts, () => setShortcuts([]));
  }, [aboutShortcuts]);
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
          {stats?.statements === 0 && !progress ? (
            <section class="card" data-testid="starter-corpus">
              <p>{t('starterHelp')}</p>
              <button
                type="button"
                id="import-starter"
                onClick={async () => {
                  const response = await fetch('/corpus/starter.jsonl');
                  void onFiles([new File([await response.blob()], 'starter.jsonl', { type: 'application/x-ndjson' })]);
                }}
              >
                {t('starterButton')}
              </button>
            </section>
          ) : null}
          <ImportPanel progress={progress} summary={summary} run={importRuns} onFiles={onFiles} onCancel={() => abort.current?.abort()} t={t} />
          <IssuerList issuers={issuers} onDelete={(issuer) => runAndRefresh(() => call('deleteIssuer', { key: issuer.key }))} t={t} />
          <DeleteAll count={stats?.statements ?? 0} onConfirm={() => runAndRefresh(() => call('deleteAll', { confirm: 'delete-all' }))} t={t} />
        </section>
        <section id="feeds" class="options-section" aria-labelledby="section-feeds" tabIndex={-1}>
          <h2 id="section-feeds">{t('sectionFeeds')}</h2>
          <FeedsPanel
            feeds={feeds}
            starters={STARTER_SOURCES}
            refreshing={refreshing}
            onSubscribe={(input) => void subscribe(input)}
            onEnableStarter={(source) =>
              void subscribe({ url: source.url, issuer: source.issuer, lang: source.lang, starterId: source.id, intervalMinutes: starterInterval(source) })
            }
            onRefresh={(url) => void refreshFeed(url)}
            onUnsubscribe={(url) => runAndRefresh(() => call('unsubscribeFeed', { url }))}
            t={t}
          />
        </section>
        <section id="team" class="options-section" aria-labelledby="section-team" tabIndex={-1}>
          <h2 id="section-team">{t('sectionTeam')}</h2>
          <TeamCorpusPanel
            status={teamStatus}
            test={teamTest}
            busy={teamBusy}
            onTest={(teamSettings) => teamCall(call('testTeamServer', { settings: teamSettings }), setTeamTest)}
            onSave={(teamSettings) => teamCall(call('saveTeamServer', { settings: teamSettings }), setTeamStatus)}
            t={t}
          />
        </section>
        <section id="sites" class="options-section" aria-labelledby="section-sites" tabIndex={-1}>
          <h2 id="section-sites">{t('sectionSites')}</h2>
          <SiteRules
            rules={settings?.siteRules ?? null}
            onChange={(siteRules) => settings && runAndRefresh(() => call('saveSettings', { settings: { ...settings, siteRules } }))}
            t={t}
          />
        </section>
        <section id="backup-restore" class="options-section" aria-labelledby="section-backup" tabIndex={-1}>
          <h2 id="section-backup">{t('sectionBackup')}</h2>
          <ExportPanel state={exportState} disabled={!stats || stats.statements === 0} onExport={onExport} t={t} />
          <BackupPanel backup={backupState} restore={restoreState} onBackup={onBackup} onRestore={(file) => void onRestore(file)} t={t} />
          <StorageUsage info={storageInfo} t={t} />
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

/**
 * Reads a corpus dump page by page (export or backup), reporting the statements written so far, and
 * keeps it as an in-memory JSON Lines file behind an object URL.
 */
async function readPagedFile(
  readPage: (afterId: string | null) => Promise<ExportPage>,
  head: string[],
  fileName: string,
  onProgress: (count: number) => void,
): Promise<PreparedFile> {
  const parts = [...head];
  let afterId: string | null = null;
  let count = 0;
  do {
    const page: ExportPage = await readPage(afterId);
    parts.push(page.jsonl);
    count += page.count;
    afterId = page.nextAfterId;
    onProgress(count);
  } while (afterId !== null);
  return { href: URL.createObjectURL(new Blob(parts, { type: 'application/x-ndjson' })), fileName, count };
}

/** Starts the browser's download of a prepared file. */
function startDownload(file: PreparedFile): void {
  const link = document.createElement('a');
  link.href = file.href;
  link.download = file.fileName;
  link.click();
}
