import { render } from 'preact';
import { browser } from 'wxt/browser';
import { translatorFromGetMessage } from '../../components/i18n';
import { createRpcClient } from '../../lib/messaging/rpc';
import { tabClient } from '../../lib/messaging/tab-client';
import '../../components/page.css';
import { translationModels } from '../../lib/reader/on-device-translator';
import { PopupApp } from './PopupApp';

const call = createRpcClient((message) => browser.runtime.sendMessage(message));
const t = translatorFromGetMessage((key, subs) => browser.i18n.getMessage(key as never, subs), browser.i18n.getUILanguage());
document.documentElement.lang = browser.i18n.getUILanguage();

/**
 * The tab this popup describes: the active tab, or `?tabId=N` (and the page's `&url=`) when the popup is
 * opened as a page (the end-to-end tests do this, since a headless browser has no toolbar to click).
 */
async function currentTab(): Promise<{ id: number; url?: string } | null> {
  const query = new URLSearchParams(location.search);
  const fromQuery = Number(query.get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return { id: fromQuery, url: query.get('url') ?? undefined };
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
}

render(
  <PopupApp
    call={call}
    callTab={(tabId) => tabClient((id, message, options) => browser.tabs.sendMessage(id, message, options), tabId)}
    t={t}
    currentTab={currentTab}
    openOptions={() => void browser.runtime.openOptionsPage()}
    translationModels={translationModels(globalThis)}
    shortcuts={() => browser.commands.getAll()}
    hostAccess={{
      contains: (origins) => browser.permissions.contains({ origins }),
      request: (origins) => browser.permissions.request({ origins }),
    }}
  />,
  document.getElementById('app')!,
);
