// Types of the end-to-end driver (browsers.mjs) as the suites and their helpers use it: one interface
// over playwright-core (Chromium) and puppeteer-core (Firefox), so a helper typed against it runs in both.

/** The part of a page both libraries share, and that the helpers call. */
export interface Page {
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  $eval<R>(selector: string, fn: (node: Element) => R | Promise<R>): Promise<R>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  click(selector: string): Promise<void>;
  close(): Promise<void>;
}

export interface Driver {
  name: 'chromium' | 'firefox';
  extensionUrl(path: string): string;
  newPage(): Promise<Page>;
  open(page: Page, url: string): Promise<void>;
  newestTabId(): Promise<number | undefined>;
  badgeText(tabId: number): Promise<string>;
  upload(page: Page, selector: string, paths: string[]): Promise<void>;
  close(): Promise<void>;
}
