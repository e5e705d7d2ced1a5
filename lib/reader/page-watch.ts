import { detectNews, type NewsVerdict } from '../page/detect';

/**
 * Runs news detection when the page is ready, again after single-page-app navigations, and once
 * more if an article arrives late (pages that render their text after `document_idle`). It never
 * runs more than once per settle period, and stops watching mutations after `watchMs`, so a page
 * that is not news costs one detection and a short-lived observer.
 */

export interface PageWatchOptions {
  doc: Document;
  /** The page's current address (changes on SPA navigation). */
  url: () => string;
  onVerdict: (verdict: NewsVerdict, url: string) => void;
  signal: AbortSignal;
  /** Quiet time after mutations before detecting again (ms). */
  settleMs?: number;
  /** How long to watch for a late article after each navigation (ms). */
  watchMs?: number;
  /** Timer functions (tests pass fakes). */
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Text growth (characters) that counts as "an article arrived". */
const GROWTH_CHARS = 1500;

export interface PageWatch {
  /** Detect now (after navigation). */
  navigated(): void;
}

export function watchForNews(options: PageWatchOptions): PageWatch {
  const { doc, signal } = options;
  const settleMs = options.settleMs ?? 800;
  const watchMs = options.watchMs ?? 15_000;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let lastUrl = '';
  let lastWasNews = false;
  let textLength = 0;
  let settleTimer: unknown = null;
  let stopTimer: unknown = null;
  let observer: MutationObserver | null = null;

  const bodyLength = () => doc.body?.textContent?.length ?? 0;

  function detect(force: boolean): void {
    if (signal.aborted) return;
    const url = options.url();
    const verdict = detectNews(doc, url);
    textLength = bodyLength();
    // Report a navigation always; on the same page, only a change of mind.
    if (force || url !== lastUrl || verdict.isNews !== lastWasNews) {
      lastUrl = url;
      lastWasNews = verdict.isNews;
      options.onVerdict(verdict, url);
    }
    if (verdict.isNews) stopObserving();
  }

  function stopObserving(): void {
    observer?.disconnect();
    observer = null;
    if (settleTimer !== null) clearTimer(settleTimer);
    if (stopTimer !== null) clearTimer(stopTimer);
    settleTimer = stopTimer = null;
  }

  function observeForLateArticle(): void {
    stopObserving();
    const MutationObserverClass = doc.defaultView?.MutationObserver;
    if (!MutationObserverClass || !doc.body) return;
    observer = new MutationObserverClass(() => {
      if (settleTimer !== null) clearTimer(settleTimer);
      settleTimer = setTimer(() => {
        settleTimer = null;
        if (bodyLength() - textLength >= GROWTH_CHARS) detect(false);
      }, settleMs);
    });
    observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
    stopTimer = setTimer(stopObserving, watchMs);
  }

  signal.addEventListener('abort', stopObserving, { once: true });
  detect(true);
  if (!lastWasNews) observeForLateArticle();

  return {
    navigated() {
      // Let the app render the new route before looking at it.
      stopObserving();
      setTimer(() => {
        detect(true);
        if (!lastWasNews) observeForLateArticle();
      }, settleMs);
    },
  };
}
