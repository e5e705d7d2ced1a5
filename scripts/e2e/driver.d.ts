// Types of the end-to-end driver (browsers.mjs) as the suites and their helpers use it: one interface
// over playwright-core (Chromium) and puppeteer-core (Firefox), so a helper typed against it runs in both.

/** The part of a page both libraries share, and that the helpers call. */
export interface Page {
  evaluate<R>(fn: string | (() => R | Promise<R>)): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  $eval<R>(selector: string, fn: (node: Element) => R | Promise<R>): Promise<R>;
  $eval<R, A>(selector: string, fn: (node: Element, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  $$eval<R>(selector: string, fn: (nodes: Element[]) => R | Promise<R>): Promise<R>;
  /** The first element matching, as a handle, or null. */
  $(selector: string): Promise<unknown | null>;
  $$(selector: string): Promise<unknown[]>;
  waitForSelector(selector: string, options?: { timeout?: number; visible?: boolean; state?: 'attached' | 'visible' }): Promise<unknown>;
  click(selector: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  screenshot(options?: {
    path?: string;
    type?: 'png';
    fullPage?: boolean;
    clip?: { x: number; y: number; width: number; height: number };
  }): Promise<Uint8Array>;
  bringToFront(): Promise<void>;
  mouse: { click(x: number, y: number, options?: { button?: 'left' | 'right' | 'middle' }): Promise<void> };
  goto(url: string): Promise<unknown>;
  keyboard: { press(key: string): Promise<void> };
  url(): string;
  close(): Promise<void>;
}

export interface Driver {
  name: 'chromium' | 'firefox';
  extensionUrl(path: string): string;
  newPage(): Promise<Page>;
  open(page: Page, url: string): Promise<void>;
  newestTabId(): Promise<number>;
  badgeText(tabId: number): Promise<string>;
  upload(page: Page, selector: string, paths: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Chromium's driver: the persistent context (requests, CDP) and the extension's service worker. */
export interface ChromiumDriver extends Driver {
  name: 'chromium';
  context: import('playwright-core').BrowserContext;
  userDataDir: string;
  worker(): import('playwright-core').Worker;
}

/** Firefox's driver: the puppeteer browser (its pages, its events). */
export interface FirefoxDriver extends Driver {
  name: 'firefox';
  browser: import('puppeteer-core').Browser;
}

/** Either browser's driver, told apart by `name`. */
export type BrowserDriver = ChromiumDriver | FirefoxDriver;

/** Launches a browser with the extension again (the suites that need a fresh profile or other options). */
export type Launch = (options?: {
  proxy?: string;
  display?: string;
  viewport?: { width: number; height: number } | null;
  language?: string;
  extraArgs?: string[];
  prefs?: Record<string, unknown>;
}) => Promise<BrowserDriver>;

/** What run.mjs gives every test. */
export interface SuiteContext {
  driver: BrowserDriver;
  /** The test site's origin (tests/e2e/site). */
  site: string;
  siteServer: Awaited<ReturnType<typeof import('./server.mjs').startSiteServer>>;
  /** The local feed server's origin. */
  feeds: string;
  feedServer: Awaited<ReturnType<typeof import('./feed-server.mjs').startFeedServer>>;
  fixtures: { mixed: string; dev: string; devGz: string };
  state: { shots: string; measurements: string[] };
}
