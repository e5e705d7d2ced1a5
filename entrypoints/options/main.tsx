import { render } from 'preact';
import { browser } from 'wxt/browser';
import { translatorFromGetMessage } from '../../components/i18n';
import { createRpcClient } from '../../lib/messaging/rpc';
import '../../components/page.css';
import { OptionsApp } from './OptionsApp';

const call = createRpcClient((message) => browser.runtime.sendMessage(message));
const t = translatorFromGetMessage((key, subs) => browser.i18n.getMessage(key as never, subs), browser.i18n.getUILanguage());
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
const storage = navigator.storage?.estimate
  ? {
      estimate: () => navigator.storage.estimate(),
      persisted: () => navigator.storage.persisted?.() ?? Promise.resolve(false),
      persist: () => navigator.storage.persist?.() ?? Promise.resolve(false),
    }
  : undefined;
const about = {
  version: browser.runtime.getManifest().version,
  browser: navigator.userAgent,
  shortcuts: () => browser.commands.getAll(),
  copy: (text: string) => navigator.clipboard.writeText(text),
};
render(<OptionsApp call={call} t={t} storage={storage} about={about} />, document.getElementById('app')!);
