// The options page's state, one hook per panel (corpus data, import, export and backup, feeds, team
// server, storage, shortcuts, section): OptionsApp only lays the panels out. Every hook reports a
// failure through the page's one error line (`report`) and asks for a fresh view (`refresh`) after a change.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { BackupState } from '../../components/BackupPanel';
import type { ExportState } from '../../components/ExportPanel';
import type { PreparedFile } from '../../components/FileDownload';
import type { Translate } from '../../components/i18n';
import type { ImportProgress } from '../../components/ImportPanel';
import { OPTIONS_SECTIONS } from '../../components/OptionsNav';
import type { Shortcut } from '../../components/ShortcutsView';
import type { StorageInfo } from '../../components/StorageUsage';
import type { TeamTestResult } from '../../components/TeamCorpusPanel';
import { NotABackupError, readBackup } from '../../lib/corpus/backup';
import { importFiles } from '../../lib/corpus/import-files';
import type { ImportSummary } from '../../lib/corpus/import-summary';
import { toInterchange } from '../../lib/corpus/statement';
import { STORAGE_FULL_MESSAGE } from '../../lib/corpus/storage-errors';
import type { CorpusStats, ExportPage, IssuerCount } from '../../lib/corpus/store';
import type { FeedSubscription } from '../../lib/feeds/subscription';
import type { ProtocolInput, Settings } from '../../lib/messaging/protocol';
import { RpcError, RpcNoAnswerError, type RpcClient } from '../../lib/messaging/rpc';
import { errorMessage } from '../../lib/shared/error-message';
import type { TeamStatus } from '../../lib/team/team-settings';

/** Statements per export message: big enough to be quick, small enough for one message (≈ 3 MB). */
const EXPORT_PAGE = 1000;

/** The page's view of navigator.storage (injected: tests and browsers without it pass nothing). */
export interface StorageAccess {
  estimate: () => Promise<{ usage?: number; quota?: number }>;
  persisted: () => Promise<boolean>;
  /** Asks the browser to never evict our data; with unlimitedStorage it is granted without a prompt. */
  persist: () => Promise<boolean>;
}

/** Shows a failure in the page's error line. */
export type Report = (reason: unknown) => void;

/** What the panel hooks get: the protocol, the page's error line (show, clear) and a way to reload what it shows. */
interface PanelContext {
  call: RpcClient;
  report: Report;
  clear: () => void;
  refresh: () => Promise<void>;
}

/**
 * A failure in words: in the user's language for the failures lib/ gives a kind (a file that is not
 * a backup, a full disk), else lib/'s English message.
 */
function failureText(reason: unknown, t: Translate): string {
  if (reason instanceof NotABackupError) return t('restoreNotBackup');
  const message = errorMessage(reason);
  return message === STORAGE_FULL_MESSAGE ? t('storageFull') : message;
}

/** The page's one error line: `report` shows a failure in words, `clear` hides it before a new action. */
export function useErrorLine(t: Translate) {
  const [error, setError] = useState<string | null>(null);
  const report = useCallback<Report>((reason) => setError(failureText(reason, t)), [t]);
  const clear = useCallback(() => setError(null), []);
  return { error, report, clear };
}

/** The section named by the address's fragment ("#feeds"), else the first. */
function sectionFromHash(hash: string): string {
  const id = hash.replace(/^#/, '');
  return OPTIONS_SECTIONS.some((section) => section.id === id) ? id : OPTIONS_SECTIONS[0]!.id;
}

/** The section shown, following the address's fragment. */
export function useSection(): string {
  const [section, setSection] = useState(() => sectionFromHash(globalThis.location?.hash ?? ''));
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return section;
}

/** How much the browser lets the corpus use, asked to keep it for good once per visit. */
export function useStorageInfo(storage: StorageAccess | undefined) {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const refresh = useCallback(async () => {
    if (!storage) return;
    try {
      const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted()]);
      setInfo({ usage: estimate.usage, quota: estimate.quota, persisted });
    } catch {
      setInfo(null);
    }
  }, [storage]);
  useEffect(() => {
    // Ask once per visit: granted silently with unlimitedStorage; a refusal only means "not persistent" in the view.
    void storage
      ?.persist()
      .catch(() => false)
      .then(refresh);
  }, [storage, refresh]);
  return { info, refresh };
}

/**
 * What the background holds, as the panels show it: corpus count and issuers, settings, team status,
 * feeds, and the storage figures. `refresh` reloads it all (each part shows as soon as it arrives).
 */
export function useOptionsData(call: RpcClient, storage: StorageAccess | undefined, report: Report) {
  const [stats, setStats] = useState<CorpusStats | null>(null);
  const [issuers, setIssuers] = useState<IssuerCount[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [teamStatus, setTeamStatus] = useState<TeamStatus | null>(null);
  const [feeds, setFeeds] = useState<FeedSubscription[] | null>(null);
  const storageInfo = useStorageInfo(storage);
  const refreshStorage = storageInfo.refresh;
  const refresh = useCallback(async () => {
    try {
      // Listing issuers walks the whole index and can take a moment on a large corpus: the count must
      // not wait for it.
      await Promise.all([
        call('getCorpusStats', {}).then(setStats),
        call('listIssuers', {}).then(setIssuers),
        call('getSettings', {}).then(setSettings),
        call('getTeamStatus', {}).then(setTeamStatus),
        call('listFeeds', {}).then(setFeeds),
        refreshStorage(),
      ]);
    } catch (reason) {
      report(reason);
    }
  }, [call, refreshStorage, report]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { stats, issuers, settings, teamStatus, setTeamStatus, feeds, storage: storageInfo.info, refresh };
}

/** Runs one change (delete, unsubscribe, save), shows its failure, then reloads the view. */
export function useChange({ report, refresh, clear }: Pick<PanelContext, 'report' | 'refresh' | 'clear'>) {
  return async (action: () => Promise<unknown>) => {
    clear();
    try {
      await action();
    } catch (reason) {
      report(reason);
    }
    await refresh();
  };
}

/** The import panel: files read and sent batch by batch, with progress, a summary per run and cancel. */
export function useImportPanel({ call, refresh, t, clear }: Pick<PanelContext, 'call' | 'refresh' | 'clear'> & { t: Translate }) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [run, setRun] = useState(0);
  const abort = useRef<AbortController | null>(null);

  const onFiles = async (files: File[]) => {
    setSummary(null);
    clear();
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
    setRun((runs) => runs + 1);
    await refresh();
  };

  /** The sample statements shipped with the extension, imported as a file would be. */
  const importStarter = async () => {
    const response = await fetch('/corpus/starter.jsonl');
    await onFiles([new File([await response.blob()], 'starter.jsonl', { type: 'application/x-ndjson' })]);
  };

  return { progress, summary, run, onFiles, importStarter, cancel: () => abort.current?.abort() };
}

/**
 * A corpus dump (export or backup) prepared page by page and then downloaded: the statements written
 * so far, then the file, whose link stays for a second try.
 */
function usePagedDownload(report: Report) {
  const [state, setState] = useState<{ count: number; download?: PreparedFile } | null>(null);
  const start = async (fileName: string, head: () => Promise<string[]>, readPage: (afterId: string | null) => Promise<ExportPage>) => {
    setState({ count: 0 });
    try {
      const file = await readPagedFile(readPage, await head(), fileName, (count) => setState({ count }));
      setState({ count: file.count, download: file });
      startDownload(file);
    } catch (reason) {
      setState(null);
      report(reason);
    }
  };
  return { state, start };
}

/** The dated file name of a dump made today. */
const todaysFile = (kind: string) => `sourcelens-${kind}-${new Date().toISOString().slice(0, 10)}.jsonl`;

/** The export panel: the corpus as JSON Lines. */
export function useExportPanel({ call, report }: Pick<PanelContext, 'call' | 'report'>) {
  const dump = usePagedDownload(report);
  const state: ExportState | null = dump.state && { written: dump.state.count, download: dump.state.download };
  const onExport = () =>
    dump.start(
      todaysFile('corpus'),
      async () => [],
      (afterId) => call('exportPage', { afterId, limit: EXPORT_PAGE }),
    );
  return { state, onExport };
}

/** The backup panel: one file with everything, and restoring one (statements, feeds, settings). */
export function useBackupPanel({ call, report, refresh, clear }: PanelContext) {
  const dump = usePagedDownload(report);
  const backup: BackupState | null = dump.state && { done: dump.state.count, download: dump.state.download };
  const [restore, setRestore] = useState<BackupState | null>(null);

  const onBackup = () =>
    dump.start(
      todaysFile('backup'),
      async () => [JSON.stringify(await call('backupHeader', {})) + '\n'],
      (afterId) => call('backupPage', { afterId, limit: EXPORT_PAGE }),
    );

  const onRestore = async (file: File) => {
    clear();
    const totals = { restored: 0, duplicates: 0, rejected: 0, feeds: 0 };
    let done = 0;
    setRestore({ done: 0 });
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
          setRestore({ done });
        },
      });
      setRestore({ done, restored: totals });
    } catch (reason) {
      setRestore(null);
      report(reason);
    }
    await refresh();
  };

  return { backup, restore, onBackup, onRestore };
}

/** The feeds panel: subscribing (which fetches at once) and refreshing, with the feeds being fetched. */
export function useFeedsPanel({ call, report, refresh, clear }: PanelContext) {
  const [refreshing, setRefreshing] = useState<ReadonlySet<string>>(new Set());

  const refreshFeed = async (url: string) => {
    setRefreshing((current) => new Set([...current, url]));
    try {
      await call('refreshFeed', { url });
    } catch (reason) {
      report(reason);
    }
    setRefreshing((current) => new Set([...current].filter((item) => item !== url)));
    await refresh();
  };

  /** Subscribing fetches at once: the user sees the items arrive, or the error in words. */
  const subscribe = async (input: ProtocolInput<'subscribeFeed'>) => {
    clear();
    try {
      await call('subscribeFeed', input);
    } catch (reason) {
      report(reason);
      return;
    }
    await refresh();
    await refreshFeed(input.url);
  };

  return { refreshing, refreshFeed, subscribe };
}

/** The team server panel: Test and Save, busy meanwhile, a failure shown as the test's result. */
export function useTeamPanel(call: RpcClient, setStatus: (status: TeamStatus) => void) {
  const [test, setTest] = useState<TeamTestResult | null>(null);
  const [busy, setBusy] = useState(false);
  const teamCall = <T>(request: Promise<T>, onDone: (value: T) => void) => {
    setBusy(true);
    void request.then(onDone, (failure: unknown) => setTest({ ok: false, error: errorMessage(failure) })).finally(() => setBusy(false));
  };
  return {
    test,
    busy,
    onTest: (settings: ProtocolInput<'testTeamServer'>['settings']) => teamCall(call('testTeamServer', { settings }), setTest),
    onSave: (settings: ProtocolInput<'saveTeamServer'>['settings']) => teamCall(call('saveTeamServer', { settings }), setStatus),
  };
}

/** The browser's shortcuts for the About section (none when the browser does not say). */
export function useShortcuts(load: (() => Promise<Shortcut[]>) | undefined) {
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    if (load) void load().then(setShortcuts, () => setShortcuts([]));
  }, [load]);
  return shortcuts;
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
