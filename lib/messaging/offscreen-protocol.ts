import * as v from 'valibot';
import { MESSAGE_LIMITS } from './protocol';

/**
 * The one request the Chrome background sends its offscreen document: "extract the statement from
 * this page's HTML" (a service worker has no DOM). It travels on runtime messaging, which every
 * extension page also hears, so it carries its own target and the offscreen document answers only
 * this; the background's RPC server ignores it (it is not on the RPC channel).
 */
export const OFFSCREEN_TARGET = 'sourcelens/offscreen';

/** Item pages are capped at fetch time (lib/feeds/fetch-feed.ts); decoded text may be up to twice the bytes. */
const MAX_HTML_CHARS = 10 * 1024 * 1024;

export const OffscreenRequestSchema = v.object({
  target: v.literal(OFFSCREEN_TARGET),
  method: v.literal('extractPage'),
  html: v.pipe(v.string(), v.maxLength(MAX_HTML_CHARS)),
  url: v.pipe(v.string(), v.maxLength(MESSAGE_LIMITS.urlChars)),
});
export type OffscreenRequest = v.InferOutput<typeof OffscreenRequestSchema>;

export function isOffscreenRequest(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { target?: unknown }).target === OFFSCREEN_TARGET;
}
