import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createRpcClient } from '../lib/messaging/rpc';
import { watchForNews } from '../lib/reader/page-watch';

/**
 * The only script on every page: news detection, nothing else (it must stay small and cheap). When the
 * page is news, or the user asks, the background injects the reader (entrypoints/reader).
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Frames are ignored: articles live in the top document; ads and embeds live in frames.
  allFrames: false,
  // document_end (DOMContentLoaded): the article's markup is parsed, so detection can run and the
  // reader can be at work while images and ads still load; a late-rendered article is caught by
  // watchForNews's mutation watch.
  runAt: 'document_end',
  main(ctx) {
    const call = createRpcClient((message) => browser.runtime.sendMessage(message));
    const watch = watchForNews({
      doc: document,
      url: () => location.href,
      signal: ctx.signal,
      onVerdict: (verdict, url) => {
        void call('pageLoaded', {
          url,
          title: document.title.slice(0, 2000),
          verdict: { isNews: verdict.isNews, score: verdict.score, reasons: verdict.reasons.slice(0, 40).map((r) => r.slice(0, 2000)) },
        }).catch(() => {
          // The extension was reloaded or updated: this old script is orphaned and stays silent.
        });
      },
    });
    ctx.addEventListener(window, 'wxt:locationchange', () => watch.navigated());
  },
});
