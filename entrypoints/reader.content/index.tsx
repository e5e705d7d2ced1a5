import { render } from 'preact';
import { browser } from 'wxt/browser';
import { translatorFromGetMessage } from '../../components/i18n';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { contentSchemas, type ContentResults } from '../../lib/messaging/protocol';
import { answeringWithSendResponse } from '../../lib/messaging/answering-listener';
import { createRpcClient, createRpcServer } from '../../lib/messaging/rpc';
import { HintsController } from '../../lib/reader/hints-controller';
import { onDeviceTranslator } from '../../lib/reader/on-device-translator';
import css from './reader.css?inline';
import { ReaderApp } from './ReaderApp';

/** Set on the isolated world's global once the reader runs, so a second injection only re-checks. */
const READER_KEY = '__sourcelensReader';

/**
 * The reader: injected by the background only into pages that are news (or that the user asked to
 * check). It extracts the article, asks the background for its sources and marks them in place.
 */
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    const scope = globalThis as unknown as Record<string, HintsController | undefined>;
    const existing = scope[READER_KEY];
    if (existing) {
      void existing.check();
      return;
    }
    const call = createRpcClient((message) => browser.runtime.sendMessage(message));
    const t = translatorFromGetMessage((key, subs) => browser.i18n.getMessage(key as never, subs), browser.i18n.getUILanguage());
    const controller = new HintsController({
      doc: document,
      url: () => location.href,
      css,
      signal: ctx.signal,
      findSources: (article) => call('findSources', { article }),
      // Chrome's on-device Translator, where present and its model already installed; null elsewhere.
      translatorFor: (sourceLang, targetLang, signal) => onDeviceTranslator(globalThis, sourceLang, targetLang, signal),
      onChange: (state, host) => render(<ReaderApp state={state} controller={controller} t={t} />, host.ui),
    });
    scope[READER_KEY] = controller;
    ctx.onInvalidated(() => {
      render(null, controller.host.ui);
      controller.destroy();
      delete scope[READER_KEY];
    });

    const answer = createRpcServer<typeof contentSchemas, ContentResults>(
      {
        setHintsVisible: ({ visible }) => {
          controller.setVisible(visible);
          return { visible };
        },
        checkNow: async () => {
          await controller.check();
          return { started: true };
        },
        revealPassage: ({ statementId, index }) => ({ found: controller.reveal(`${statementId}#${index}`) }),
      },
      { isTrustedSender: (sender) => sender.extensionId === browser.runtime.id },
      contentSchemas,
    );
    const onMessage = answeringWithSendResponse((message, sender: { id?: string }) => answer(message, { extensionId: sender.id }));
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
    // A single-page app changed the route: forget this page's marks; the detector reports the new page.
    ctx.addEventListener(window, 'wxt:locationchange', () => controller.reset());

    void controller.check();
  },
});
