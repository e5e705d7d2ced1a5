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
render(<OptionsApp call={call} t={t} storage={storage} />, document.getElementById('app')!);
