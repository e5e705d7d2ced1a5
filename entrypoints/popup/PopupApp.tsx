import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { AddPagePanel } from '../../components/AddPagePanel';
import { CorpusSummary } from '../../components/CorpusSummary';
import { HostAccessNotice } from '../../components/HostAccessNotice';
import { ShortcutsView, type Shortcut } from '../../components/ShortcutsView';
import type { Translate } from '../../components/i18n';
import { SourceList } from '../../components/SourceList';
import { TabStatusView } from '../../components/TabStatusView';
import { TranslationOffer, type TranslationOfferPhase } from '../../components/TranslationOffer';
import type { TranslationModels } from '../../lib/reader/on-device-translator';
import type { CorpusStats } from '../../lib/corpus/store';
import type { Settings, TabStatus } from '../../lib/messaging/protocol';
import type { ContentClient, RpcClient } from '../../lib/messaging/rpc';
import { errorMessage } from '../../lib/shared/error-message';

export interface PopupAppProps {
  call: RpcClient;
  /** Calls the tab's content script (reveal a passage). */
  callTab: (tabId: number) => ContentClient;
  t: Translate;
  currentTab: () => Promise<{ id: number; url?: string } | null>;
  openOptions: () => void;
  /** The browser's on-device translation models (Chrome's Translator API), or null where there are none. */
  translationModels?: TranslationModels | null;
  /** The UI's language, for language names (default: the document's). */
  uiLanguage?: string;
  /** The browser's keyboard commands (commands.getAll). */
  shortcuts?: () => Promise<Shortcut[]>;
  /** Whether SourceLens may read a site, and asking the user for it (permissions.contains/request). */
  hostAccess?: HostAccess;
}

export interface HostAccess {
  /** `origins`: match patterns ("https://example.org/*"). */
  contains: (origins: string[]) => Promise<boolean>;
  /** Must run in the click's user gesture. */
  request: (origins: string[]) => Promise<boolean>;
}

/** The match pattern of a page's site, or null for an address that is not a web page. */
export function sitePattern(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? `${parsed.protocol}//${parsed.hostname}/*` : null;
  } catch {
    return null;
  }
}

interface OfferState {
  from: string;
  to: string;
  phase: TranslationOfferPhase;
  progress: number | null;
  error: string | null;
}

/** How often the popup looks again while the page is being checked (ms). */
const POLL_MS = 400;

/** The toolbar popup: this tab's sources, or why there are none; the corpus size; the hints switch. */
export function PopupApp({ call, callTab, t, currentTab, openOptions, translationModels, uiLanguage, shortcuts, hostAccess }: PopupAppProps) {
  const [commands, setCommands] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    if (shortcuts) void shortcuts().then(setCommands, () => setCommands([]));
  }, [shortcuts]);
  /** The site pattern SourceLens may not read, and whether the user just declined it. */
  const [access, setAccess] = useState<{ pattern: string; state: 'missing' | 'denied' } | null>(null);
  const [stats, setStats] = useState<CorpusStats | null>(null);
  const [tabId, setTabId] = useState<number | null>(null);
  const [status, setStatus] = useState<TabStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [supported, setSupported] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(
    async (id: number | null) => {
      const [nextStats, nextSettings, nextStatus] = await Promise.all([
        call('getCorpusStats', {}),
        call('getSettings', {}),
        id === null ? Promise.resolve(null) : call('getTabStatus', { tabId: id }),
      ]);
      setStats(nextStats);
      setSettings(nextSettings);
      setStatus(nextStatus);
      return nextStatus;
    },
    [call],
  );

  // Set when the popup closes, so a pending poll stops instead of updating a dead view.
  const closed = useRef(false);
  useEffect(() => () => void (closed.current = true), []);

  /** Re-reads the tab's status every POLL_MS while its page is being checked, until the report lands. */
  const followCheck = useCallback(
    async (id: number, first: TabStatus | null) => {
      let next = first;
      while (!closed.current && next?.state === 'checking') {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        next = await call('getTabStatus', { tabId: id });
        if (!closed.current) setStatus(next);
      }
    },
    [call],
  );

  useEffect(() => {
    void (async () => {
      try {
        const tab = await currentTab();
        // activeTab lets the popup read the URL of the tab it was opened on; when the URL is hidden
        // anyway, the background's record of the page decides.
        const isWebPage = !!tab && (tab.url === undefined || /^https?:/.test(tab.url));
        setSupported(isWebPage);
        const id = tab && isWebPage ? tab.id : null;
        setTabId(id);
        const pattern = isWebPage ? sitePattern(tab?.url) : null;
        if (pattern && hostAccess && !(await hostAccess.contains([pattern]).catch(() => true))) setAccess({ pattern, state: 'missing' });
        const first = await refresh(id);
        if (id !== null) await followCheck(id, first);
      } catch (reason) {
        setError(errorMessage(reason));
      }
    })();
  }, [currentTab, refresh, followCheck, hostAccess]);

  const checkAnyway = async () => {
    if (tabId === null) return;
    try {
      const started = await call('checkPageAnyway', { tabId });
      setStatus(started);
      await followCheck(tabId, started);
    } catch (reason) {
      setError(errorMessage(reason));
    }
  };

  // The page is in another language than most of the corpus, and the browser could translate it on the
  // device once the pair's model is installed: offer to install it (Chrome downloads models only when
  // the user asks). The reader uses an installed model by itself.
  const [offer, setOffer] = useState<OfferState | null>(null);
  const pageLang = status?.state === 'done' ? status.report?.articleLang : undefined;
  const corpusLang = status?.state === 'done' ? status.report?.translateTo : undefined;
  useEffect(() => {
    if (!translationModels || !pageLang || !corpusLang) return;
    let current = true;
    void translationModels.availability(pageLang, corpusLang).then((availability) => {
      if (!current || (availability !== 'downloadable' && availability !== 'downloading')) return;
      setOffer((known) => known ?? { from: pageLang, to: corpusLang, phase: 'offer', progress: null, error: null });
    });
    return () => void (current = false);
  }, [translationModels, pageLang, corpusLang]);

  const installTranslation = async () => {
    if (!offer || !translationModels || tabId === null) return;
    setOffer({ ...offer, phase: 'installing' });
    try {
      await translationModels.install(offer.from, offer.to, (share) => setOffer((o) => o && { ...o, progress: share }));
      setOffer((o) => o && { ...o, phase: 'installed' });
      // The reader checks the page again, now with the translation, and answers when it is done.
      await callTab(tabId)('checkNow', {});
      setStatus(await call('getTabStatus', { tabId }));
    } catch (reason) {
      setOffer((o) => o && { ...o, phase: 'failed', error: errorMessage(reason) });
    }
  };
  const languageName = (tag: string) => {
    try {
      return new Intl.DisplayNames([uiLanguage ?? document.documentElement.lang ?? 'en'], { type: 'language' }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  };

  const grantAccess = async () => {
    if (!access || !hostAccess) return;
    // Asked first, in the click's user gesture: the browser refuses a request made later.
    const granted = await hostAccess.request([access.pattern]).catch(() => false);
    if (!granted) {
      setAccess({ ...access, state: 'denied' });
      return;
    }
    setAccess(null);
    await checkAnyway();
  };

  const toggleHints = async (visible: boolean) => {
    setSettings(await call('setHintsVisible', { visible, tabId: tabId ?? undefined }));
  };

  const report = status?.report;
  const corpusEmpty = stats !== null && stats.statements === 0;
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
      {access ? <HostAccessNotice state={access.state} onGrant={() => void grantAccess()} t={t} /> : null}
      {corpusEmpty ? (
        <section class="card" data-testid="corpus-empty">
          <p>{t('corpusEmpty')}</p>
          <button type="button" id="open-options-empty" onClick={openOptions}>
            {t('openOptions')}
          </button>
        </section>
      ) : null}
      {status?.selection ? (
        <section class="card" data-testid="selection-report">
          <h2>{t('selectionTitle')}</h2>
          <p class="muted clip">“{status.selection.text}”</p>
          {status.selection.report.sources.length > 0 ? <SourceList sources={status.selection.report.sources} t={t} /> : <p>{t('stateNoSources')}</p>}
        </section>
      ) : null}
      <section aria-labelledby="sources-title" data-testid="page-report" data-state={supported ? (status?.state ?? 'unknown') : 'unsupported'}>
        <h2 id="sources-title">{t('sourcesTitle')}</h2>
        {!supported || !status ? (
          <TabStatusView status={status} supported={supported} t={t} />
        ) : status.state === 'checking' ? (
          <p aria-busy="true">{t('stateChecking')}</p>
        ) : status.state === 'not-news' || status.state === 'loaded' || status.state === 'denied' ? (
          <div>
            <p>{status.state === 'denied' ? t('stateDenied') : t('stateNotNews')}</p>
            <button type="button" id="check-anyway" onClick={checkAnyway} disabled={corpusEmpty}>
              {t('checkAnyway')}
            </button>
          </div>
        ) : status.state === 'error' ? (
          <p
            role="alert"
            class="error"
            data-code={status.errorCode ?? ''}
            title={status.errorCode && status.error ? t('errorDetails', status.error) : undefined}
          >
            {t(
              'stateError',
              status.errorCode === 'reader-not-started'
                ? t('errorReaderNotStarted')
                : status.errorCode === 'page-not-checkable'
                  ? t('errorPageNotCheckable')
                  : (status.error ?? ''),
            )}
          </p>
        ) : report && report.sources.length > 0 ? (
          <SourceList
            sources={report.sources}
            articleDate={status.article?.date}
            t={t}
            onReveal={(statementId, index) => {
              if (tabId !== null) void callTab(tabId)('revealPassage', { statementId, index }).catch(() => undefined);
            }}
          />
        ) : (
          <p data-testid="no-sources">{corpusEmpty ? t('corpusEmpty') : t('stateNoSources')}</p>
        )}
        {/* Set on the first check after the team server became unusable, not on the ones after it. */}
        {report?.team?.notice ? (
          <p role="status" class="muted" data-testid="team-notice">
            {report.team.notice}
          </p>
        ) : null}
      </section>
      {offer ? (
        <TranslationOffer
          from={languageName(offer.from)}
          to={languageName(offer.to)}
          phase={offer.phase}
          progress={offer.progress}
          error={offer.error}
          onInstall={() => void installTranslation()}
          t={t}
        />
      ) : null}
      {supported && tabId !== null ? (
        <AddPagePanel
          onAdd={async (issuer) => {
            const result = await call('addPageToCorpus', { tabId, issuer });
            if (result.status !== 'needs-issuer') setStats(await call('getCorpusStats', {}));
            return result;
          }}
          t={t}
        />
      ) : null}
      <section class="card">
        <label class="switch">
          <input
            type="checkbox"
            id="hints-visible"
            checked={settings?.hintsVisible ?? true}
            disabled={settings === null}
            onChange={(event) => void toggleHints(event.currentTarget.checked)}
          />{' '}
          {t('hintsToggle')}
        </label>
      </section>
      <section class="card" aria-label={t('corpusStatements')}>
        <CorpusSummary stats={stats} t={t} />
        <button type="button" id="open-options" onClick={openOptions}>
          {t('openOptions')}
        </button>
      </section>
      {commands && commands.length > 0 ? (
        <section class="card" aria-label={t('shortcutsTitle')}>
          <ShortcutsView shortcuts={commands} t={t} />
        </section>
      ) : null}
    </main>
  );
}
