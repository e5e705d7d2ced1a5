import { browser } from 'wxt/browser';
import type { PageStatement } from '../../lib/feeds/refresh';
import { OFFSCREEN_TARGET } from '../../lib/messaging/offscreen-protocol';

const OFFSCREEN_PATH = '/offscreen.html';
/** The offscreen document is closed after this long without a request (it costs a renderer process). */
const OFFSCREEN_IDLE_MS = 60_000;

/**
 * Extracts a feed item's page. Firefox runs the MV3 background as an event page, which has a DOM:
 * parse there. Chrome's service worker has none: the page goes to an offscreen document (reason
 * DOM_PARSER), created on demand and closed when idle. Feature-detected, not browser-sniffed.
 */
export function createPageExtractor(): (html: string, url: string) => Promise<PageStatement | null> {
  let creating: Promise<void> | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const offscreen = (browser as unknown as { offscreen?: ChromeOffscreen }).offscreen;

  async function ensureOffscreen(api: ChromeOffscreen): Promise<void> {
    if (await api.hasDocument?.()) return;
    creating ??= api
      .createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['DOM_PARSER'],
        justification: 'Extract the statement text from official pages linked by the feeds the user follows.',
      })
      .catch((error: unknown) => {
        // Another call created it first: that is fine.
        if (!/single offscreen|already/i.test(String(error))) throw error;
      })
      .finally(() => (creating = null));
    await creating;
  }

  function closeWhenIdle(api: ChromeOffscreen): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void api.closeDocument().catch(() => undefined), OFFSCREEN_IDLE_MS);
  }

  return async (html, url) => {
    if (typeof DOMParser !== 'undefined') {
      const { extractPageStatement } = await import('../../lib/page/page-statement');
      return extractPageStatement(new DOMParser().parseFromString(html, 'text/html'), url);
    }
    if (!offscreen) throw new Error('this browser can neither parse pages in the background nor open an offscreen document');
    await ensureOffscreen(offscreen);
    closeWhenIdle(offscreen);
    return (await browser.runtime.sendMessage({ target: OFFSCREEN_TARGET, method: 'extractPage', html, url })) as PageStatement | null;
  };
}

/** The part of chrome.offscreen we use (not in the cross-browser types). */
interface ChromeOffscreen {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?(): Promise<boolean>;
}
