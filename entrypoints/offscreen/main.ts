import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { isOffscreenRequest, OffscreenRequestSchema } from '../../lib/messaging/offscreen-protocol';
import { answeringWithSendResponse } from '../../lib/messaging/answering-listener';
import { extractPageStatement } from '../../lib/page/page-statement';

/**
 * Chrome's offscreen document (reason DOM_PARSER): the service worker has no DOM, so feed item pages
 * are parsed and extracted here, with the same extraction code as everywhere else. DOMParser builds an
 * inert document: no script runs, nothing loads.
 */
browser.runtime.onMessage.addListener(
  answeringWithSendResponse((message: unknown, sender: { id?: string }) => {
    if (!isOffscreenRequest(message)) return undefined;
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = v.safeParse(OffscreenRequestSchema, message);
    if (!parsed.success) return Promise.resolve(null);
    return Promise.resolve().then(() => extractPageStatement(new DOMParser().parseFromString(parsed.output.html, 'text/html'), parsed.output.url));
  }),
);
