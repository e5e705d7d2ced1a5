import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createRpcClient } from '../../lib/messaging/rpc';
import '../../components/page.css';
import { OptionsApp } from './OptionsApp';

const call = createRpcClient((message) => browser.runtime.sendMessage(message));
const t = (key: string, ...subs: Array<string | number>) => browser.i18n.getMessage(key as never, subs.map(String)) || key;
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
render(<OptionsApp call={call} t={t} />, document.getElementById('app')!);
