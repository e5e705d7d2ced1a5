import { render } from 'preact';
import { browser } from 'wxt/browser';
import { translatorFromGetMessage } from '../../components/i18n';
import { createRpcClient } from '../../lib/messaging/rpc';
import '../../components/page.css';
import { WelcomeApp } from './WelcomeApp';

const call = createRpcClient((message) => browser.runtime.sendMessage(message));
const t = translatorFromGetMessage((key, subs) => browser.i18n.getMessage(key as never, subs), browser.i18n.getUILanguage());
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('welcomePageTitle');

render(
  <WelcomeApp
    call={call}
    t={t}
    shortcuts={() => browser.commands.getAll()}
    sampleFile={async () => new File([await (await fetch('/corpus/starter.jsonl')).blob()], 'starter.jsonl', { type: 'application/x-ndjson' })}
    optionsUrl={browser.runtime.getURL('/options.html')}
  />,
  document.getElementById('app')!,
);
