// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import { diagnosticsReport } from '../../components/diagnostics';
import { translatorFromTable } from '../../components/i18n';
import { OptionsApp } from '../../entrypoints/options/OptionsApp';
import { PopupApp } from '../../entrypoints/popup/PopupApp';
import { WelcomeApp } from '../../entrypoints/welcome/WelcomeApp';
import { onInstalled } from '../../lib/background/first-run';
import { articlePayload, devArticle, devStatements } from '../shared/helpers';
import { backend as appBackend, closeBackends, seriousViolations } from './app-harness';

const t = translatorFromTable(english);
const SHORTCUTS = [
  { name: '_execute_action', shortcut: 'Alt+Shift+L', description: '' },
  { name: 'toggle-hints', shortcut: '', description: 'Show or hide SourceLens hints on the page' },
];

afterEach(async () => {
  cleanup();
  await closeBackends();
});

const backend = () => appBackend('first-run');

describe('on install', () => {
  it('opens the welcome page and gives the detector to the web pages already open; an update does neither', async () => {
    const openWelcome = vi.fn(async () => undefined);
    const injectDetector = vi.fn(async (tabId: number) => {
      if (tabId === 4) throw new Error('Cannot access contents of the page');
    });
    const openTabs = async () => [
      { id: 1, url: 'https://news.example/a' },
      { id: 2, url: 'chrome://extensions/' },
      { id: 3, url: 'http://127.0.0.1:8080/b' },
      { id: 4, url: 'https://chromewebstore.google.com/' },
      { id: 5 },
    ];
    expect(await onInstalled('install', { openWelcome, openTabs, injectDetector })).toEqual({ welcomed: true, injected: [1, 3] });
    expect(openWelcome).toHaveBeenCalledOnce();
    expect(injectDetector.mock.calls.map(([id]) => id)).toEqual([1, 3, 4]);
    const again = vi.fn(async () => undefined);
    expect(await onInstalled('update', { openWelcome: again, openTabs, injectDetector })).toEqual({ welcomed: false, injected: [] });
    expect(again).not.toHaveBeenCalled();
  });
});

describe('welcome page', () => {
  it('says what SourceLens does and never sends, offers three ways to a corpus, shows the shortcuts, and loads the sample', async () => {
    const { db, call } = backend();
    const sample = () => new File([readFileSync('public/corpus/starter.jsonl')], 'starter.jsonl', { type: 'application/x-ndjson' });
    const { container } = render(
      <WelcomeApp call={call} t={t} shortcuts={async () => SHORTCUTS} sampleFile={async () => sample()} optionsUrl="chrome-extension://x/options.html" />,
    );
    expect(container.textContent).toContain(t('welcomePrivacy'));
    expect((container.querySelector('#welcome-feeds') as HTMLAnchorElement).getAttribute('href')).toBe('chrome-extension://x/options.html#feeds');
    expect((container.querySelector('#welcome-import') as HTMLAnchorElement).getAttribute('href')).toBe('chrome-extension://x/options.html#corpus');
    await waitFor(() => expect(screen.getByTestId('shortcuts').textContent).toContain('Alt+Shift+L'), { timeout: 10_000 });
    expect(screen.getByTestId('shortcuts').textContent).toContain(t('commandOpenPopup'));
    expect(screen.getByTestId('shortcuts').textContent).toContain(t('shortcutNotSet'));
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.click(container.querySelector('#welcome-load-sample')!);
    await waitFor(() => expect(screen.getByTestId('welcome-sample-status').dataset.phase).toBe('done'), { timeout: 20_000 });
    expect(screen.getByTestId('welcome-sample-status').textContent).toContain('25 statements');
    expect(await db.statements.count()).toBe(25);
  });
});

describe('options page sections', () => {
  it('has a navigation to six sections, each a landmark with a heading, and the About section copies diagnostics', async () => {
    const { call, service } = backend();
    await call('importBatch', { file: 'dev.jsonl', records: devStatements() });
    const a003 = devArticle('A003');
    await service.handlers.findSources({ article: articlePayload(a003) }, { tabId: 3 });
    const copied: string[] = [];
    const { container } = render(
      <OptionsApp
        call={call}
        t={t}
        about={{ version: '0.1.0', browser: 'TestBrowser/1.0', shortcuts: async () => SHORTCUTS, copy: async (text) => void copied.push(text) }}
      />,
    );
    const links = [...screen.getByTestId('options-nav').querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#corpus', '#feeds', '#team', '#sites', '#backup-restore', '#about']);
    for (const link of links) {
      const section = container.querySelector(link.getAttribute('href')!) as HTMLElement;
      expect(section.tagName).toBe('SECTION');
      expect(section.querySelector('h2')!.textContent).toBe(link.textContent);
    }
    await waitFor(() => expect(screen.getByTestId('shortcuts').textContent).toContain('Alt+Shift+L'), { timeout: 10_000 });
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.click(container.querySelector('#copy-diagnostics')!);
    await waitFor(() => expect(screen.getByTestId('diagnostics-status').textContent).toBe(t('diagnosticsCopied')), { timeout: 10_000 });
    const report = copied[0]!;
    expect(report).toContain('SourceLens 0.1.0');
    expect(report).toContain('browser: TestBrowser/1.0');
    expect(report).toMatch(/statements: \d+/);
    expect(report).toMatch(/last check:\n {2}at .+: [\d.]+ ms, \d+ characters, \d+ sources, corpus of \d+/);
    // Nothing from the page read: not its address, title or a word of its text.
    expect(report).not.toContain(a003.url);
    expect(report).not.toContain(a003.title);
    expect(report).not.toContain(a003.text.slice(0, 40));
  });

  it('a diagnostics report lists feeds with their last errors', () => {
    const text = diagnosticsReport({
      version: '0.1.0',
      browser: 'B',
      uiLanguage: 'ru',
      stats: { statements: 3, issuers: 1 } as never,
      feeds: [
        {
          url: 'https://mod.example/feed.xml',
          enabled: true,
          itemCount: 0,
          storedCount: 0,
          lastError: 'the feed address was not found (HTTP 404)',
          lastErrorCode: 'http',
          lastErrorAt: 1,
        } as never,
      ],
      lastCheck: null,
      now: 0,
    });
    expect(text).toContain(
      'https://mod.example/feed.xml: 0 items, 0 stored, last success never; last error 1970-01-01T00:00:00.001Z [http]: the feed address was not found (HTTP 404)',
    );
    expect(text).toContain('none since the background last started');
  });
});

describe('popup: host access and shortcuts', () => {
  it('says when the site is withheld from SourceLens, and asks the browser for it; granted, it checks the page', async () => {
    const { call } = backend();
    await call('importBatch', { file: 'dev.jsonl', records: devStatements() });
    const requested: string[][] = [];
    let granted = false;
    const hostAccess = {
      contains: async () => granted,
      request: async (origins: string[]) => {
        requested.push(origins);
        return granted;
      },
    };
    const callTab = () => (async () => ({})) as never;
    const { container } = render(
      <PopupApp
        call={call}
        callTab={callTab}
        t={t}
        currentTab={async () => ({ id: 9, url: 'https://news.example/a?x=1' })}
        openOptions={() => {}}
        shortcuts={async () => SHORTCUTS}
        hostAccess={hostAccess}
      />,
    );
    const notice = await waitFor(() => screen.getByTestId('host-access'));
    expect(notice.dataset.state).toBe('missing');
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.click(container.querySelector('#grant-host-access')!);
    await waitFor(() => expect(screen.getByTestId('host-access').dataset.state).toBe('denied'));
    expect(requested).toEqual([['https://news.example/*']]);
    granted = true;
    fireEvent.click(container.querySelector('#grant-host-access')!);
    await waitFor(() => expect(screen.queryByTestId('host-access')).toBeNull());
    await waitFor(() => expect(screen.getByTestId('page-report').dataset.state).not.toBe('unknown'));
    expect(screen.getByTestId('shortcuts').textContent).toContain('Alt+Shift+L');
  });

  it('says nothing when the site is readable', async () => {
    const { call } = backend();
    render(
      <PopupApp
        call={call}
        callTab={() => (async () => ({})) as never}
        t={t}
        currentTab={async () => ({ id: 9, url: 'https://news.example/a' })}
        openOptions={() => {}}
        hostAccess={{ contains: async () => true, request: async () => true }}
      />,
    );
    await waitFor(() => expect(screen.getByTestId('page-report')).toBeTruthy());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('host-access')).toBeNull();
  });
});
