/**
 * What the extension does when it is installed: open the welcome page, and give the detector to the
 * tabs already open, which the browser started before SourceLens existed (Chrome runs a manifest's
 * content scripts only in pages loaded afterwards; Firefox injects them itself, and a second detector
 * only reports the page again). An update says nothing: no migration needs the user yet.
 */

export interface FirstRunDeps {
  openWelcome: () => Promise<unknown>;
  /** Tabs open now, with their address where the browser tells it. */
  openTabs: () => Promise<Array<{ id?: number; url?: string }>>;
  /** Runs the detector in a tab's top frame. */
  injectDetector: (tabId: number) => Promise<unknown>;
}

/** Web pages only: the browser's own pages (about:, chrome://, the web store) take no script. */
const WEB_PAGE = /^https?:\/\//;

export async function onInstalled(reason: string, deps: FirstRunDeps): Promise<{ welcomed: boolean; injected: number[] }> {
  if (reason !== 'install') return { welcomed: false, injected: [] };
  // Each call through a promise, so an API that throws at once is a failure like any other.
  const welcomed = Promise.resolve()
    .then(deps.openWelcome)
    .then(
      () => true,
      () => false,
    );
  const tabs = await Promise.resolve()
    .then(deps.openTabs)
    .catch(() => []);
  const targets = tabs.filter((tab) => tab.id !== undefined && tab.url !== undefined && WEB_PAGE.test(tab.url)).map((tab) => tab.id!);
  const results = await Promise.all(
    targets.map((tabId) =>
      Promise.resolve(tabId)
        .then(deps.injectDetector)
        .then(
          () => tabId,
          // A tab the browser keeps from extensions (a store page, a PDF viewer, a discarded tab).
          () => null,
        ),
    ),
  );
  return { welcomed: await welcomed, injected: results.filter((id): id is number => id !== null) };
}
