import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { CorpusIndex } from '../../lib/background/corpus-index';
import { createBackgroundService } from '../../lib/background/handlers';
import { badgeText } from '../../lib/background/badge';
import { onInstalled } from '../../lib/background/first-run';
import { lexiconLoader } from '../../lib/background/lexicons';
import { sessionTabStatusStore } from '../../lib/background/tab-status';
import { SourceLensDb } from '../../lib/corpus/db';
import { contentScriptSchemas } from '../../lib/messaging/protocol';
import { answeringWithSendResponse } from '../../lib/messaging/answering-listener';
import { createRpcServer, extensionSenderPolicy } from '../../lib/messaging/rpc';
import { tabClient } from '../../lib/messaging/tab-client';
import { createPageExtractor } from './page-extractor';
import type { PageStatementData } from '../../lib/page/page-statement';

const MENU_FIND_SOURCE = 'sourcelens-find-source';
const FEEDS_ALARM = 'sourcelens-feeds';
/** The feeds alarm fires this often; each feed still waits for its own interval (and backoff). */
const FEEDS_ALARM_MINUTES = 15;

export default defineBackground({
  type: 'module',
  main() {
    const db = new SourceLensDb();
    const log = (message: string) => console.warn('SourceLens:', message);
    // Fetched from the extension's own files when Chinese text is first met (never at start-up).
    const ensureLexicons = lexiconLoader(async () => (await fetch(browser.runtime.getURL('/lexicon/zh-en.json'))).json(), log);
    const index = new CorpusIndex(db, { log, ensureLexicons });
    const extractPage = createPageExtractor();
    /** A periodic alarm while any feed is enabled, none otherwise: nothing is fetched before the user subscribes. */
    const scheduleFeeds = async () => {
      const next = await service.feeds.nextDueAt();
      if (next === null) await browser.alarms.clear(FEEDS_ALARM);
      else if (!(await browser.alarms.get(FEEDS_ALARM))) browser.alarms.create(FEEDS_ALARM, { periodInMinutes: FEEDS_ALARM_MINUTES, delayInMinutes: 1 });
    };
    const service = createBackgroundService({
      db,
      index,
      ensureLexicons,
      fetch: (url, init) => fetch(url, init),
      extractPage,
      extractTab: async (tabId) => {
        const [injection] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/content-scripts/extract.js'] });
        return (injection?.result as PageStatementData | null | undefined) ?? null;
      },
      onFeedsChanged: () => void scheduleFeeds().catch((error) => console.warn('SourceLens: feed alarm not set:', error)),
      tabs: sessionTabStatusStore(browser.storage.session),
      setBadge: (tabId, count) => {
        void browser.action.setBadgeText({ tabId, text: badgeText(count) }).catch(() => undefined);
        if (count) void browser.action.setBadgeBackgroundColor({ tabId, color: '#1f6feb' }).catch(() => undefined);
      },
      injectReader: async (tabId) => {
        // injectImmediately: the detector already waited for the DOM; without it the browser would hold
        // the injection until the page is idle, which measured ~60 ms of the page-idle → hints time.
        await browser.scripting.executeScript({
          target: { tabId, frameIds: [0] },
          files: ['/content-scripts/reader.js'],
          injectImmediately: true,
        });
      },
      sendToTab: (tabId, method, input) => tabClient((id, message, options) => browser.tabs.sendMessage(id, message, options), tabId)(method, input as never),
    });

    const answer = createRpcServer(service.handlers, {
      // Only our own pages and content scripts: other extensions and web pages are refused, and content
      // scripts may only report pages and ask for sources (docs/SECURITY.md).
      ...extensionSenderPolicy(browser.runtime.id, browser.runtime.getURL('/'), contentScriptSchemas),
      onRejected: (reason) => console.warn('SourceLens refused a message:', reason),
    });
    browser.runtime.onMessage.addListener(
      answeringWithSendResponse((message, sender: Browser.runtime.MessageSender) =>
        answer(message, { extensionId: sender.id, tabId: sender.tab?.id, url: sender.url }),
      ),
    );
    browser.tabs.onRemoved.addListener((tabId) => void service.forgetTab(tabId));

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === FEEDS_ALARM) void service.feeds.refreshDue().catch((error) => console.warn('SourceLens: feed refresh failed:', error));
    });
    browser.runtime.onStartup.addListener(() => void scheduleFeeds().catch(() => undefined));

    browser.runtime.onInstalled.addListener((details) => {
      void scheduleFeeds().catch(() => undefined);
      void onInstalled(details.reason, {
        openWelcome: () => browser.tabs.create({ url: browser.runtime.getURL('/welcome.html' as never) }),
        openTabs: () => browser.tabs.query({}),
        injectDetector: (tabId) => browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/content-scripts/content.js'] }),
      }).catch((error) => console.warn('SourceLens: first run:', error));
      browser.contextMenus.create({
        id: MENU_FIND_SOURCE,
        title: browser.i18n.getMessage('contextMenuFindSource'),
        contexts: ['selection'],
      });
    });
    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId !== MENU_FIND_SOURCE || !info.selectionText) return;
      // Open the popup first, while the click still counts as a user gesture; it shows "checking"
      // and then the result, which the service records as this tab's selection report.
      void browser.action.openPopup?.().catch(() => undefined);
      // The service sets the badge itself, only where the page has no count of its own.
      void service.checkSelection(tab?.id, info.selectionText.slice(0, 20_000)).catch((error) => console.warn('SourceLens: selection check failed:', error));
    });
    browser.commands.onCommand.addListener((command, tab) => {
      if (command === 'toggle-hints') void service.toggleHints(tab?.id);
    });
  },
});
