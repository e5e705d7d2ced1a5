/**
 * SourceLens's only element in the page: a host for a shadow root that holds the in-page UI (bar and
 * card) and, where the Highlight API is missing, the fallback mark boxes. The page's styles cannot
 * reach inside, ours cannot leak out, and the host takes no room in the page's layout.
 */

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** Absolutely positioned at the document origin: fallback mark boxes go here. */
  overlay: HTMLElement;
  /** Fixed to the viewport: the bar and the card go here. */
  ui: HTMLElement;
  destroy(): void;
}

export const HOST_TAG = 'sourcelens-hints';

export function createShadowHost(doc: Document, css: string): ShadowHost {
  const host = doc.createElement(HOST_TAG);
  // Inline styles beat page rules of normal specificity; `all: initial` drops inherited ones.
  host.setAttribute(
    'style',
    'all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483646 !important; display: block !important;',
  );
  // Open, like Hypothesis's: the UI only shows what the page already has plus public statement text,
  // and an open root keeps it reachable for assistive technology and for our end-to-end tests.
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const overlay = doc.createElement('div');
  overlay.className = 'overlay';
  const ui = doc.createElement('div');
  ui.className = 'ui';
  root.append(style, overlay, ui);
  (doc.documentElement ?? doc.body).append(host);
  return {
    host,
    root,
    overlay,
    ui,
    destroy: () => host.remove(),
  };
}
