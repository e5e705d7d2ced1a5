import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundService } from '../lib/background/handlers';
import { SourceLensDb } from '../lib/corpus/db';
import { createRpcServer } from '../lib/messaging/rpc';

export default defineBackground({
  type: 'module',
  main() {
    const db = new SourceLensDb();
    const service = createBackgroundService({
      db,
      onTabStatus: (status) => {
        // Issue 2: the badge stays empty until there are sources to count (issue 4 fills it).
        void browser.action.setBadgeText({ tabId: status.tabId, text: '' });
      },
    });
    const answer = createRpcServer(service.handlers, {
      // Only our own pages and content scripts: other extensions and web pages are refused.
      isTrustedSender: (sender) => sender.extensionId === browser.runtime.id,
      onRejected: (reason) => console.warn('SourceLens refused a message:', reason),
    });
    browser.runtime.onMessage.addListener((message, sender) =>
      answer(message, { extensionId: sender.id, tabId: sender.tab?.id, url: sender.url }),
    );
    browser.tabs.onRemoved.addListener((tabId) => service.forgetTab(tabId));
  },
});
