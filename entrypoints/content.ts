import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createRpcClient } from '../lib/messaging/rpc';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Frames are ignored: articles live in the top document, and ads and embeds live in frames.
  allFrames: false,
  runAt: 'document_idle',
  async main() {
    const call = createRpcClient((message) => browser.runtime.sendMessage(message));
    await call('pageLoaded', { url: location.href, title: document.title.slice(0, 2000) });
  },
});
