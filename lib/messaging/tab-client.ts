import { createRpcClient, type ContentClient } from './rpc';
import type { ContentResults, contentSchemas } from './protocol';

/** How a message reaches a tab: `browser.tabs.sendMessage`, passed in (lib/ does not import the browser). */
export type SendToTab = (tabId: number, message: unknown, options: { frameId: number }) => Promise<unknown>;

/**
 * The client of one tab's reader, for the background and the popup. Top frame only: the reader is
 * injected there alone, and a frame's answer would be a different page's.
 */
export function tabClient(send: SendToTab, tabId: number): ContentClient {
  return createRpcClient<typeof contentSchemas, ContentResults>((message) => send(tabId, message, { frameId: 0 }));
}
