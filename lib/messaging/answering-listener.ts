/** runtime.onMessage's callback form: the answer goes through `sendResponse` after the listener returns `true`. */
export type RuntimeMessageListener<BrowserSender> = (message: unknown, sender: BrowserSender, sendResponse: (response?: unknown) => void) => true | undefined;

/**
 * Wraps an answering listener for `runtime.onMessage` the way every supported browser hears it: the
 * answer goes through `sendResponse`, and the listener returns `true` to keep the channel open until
 * then. A listener that returns a Promise instead is heard by Firefox, but by Chrome only from version
 * 144; older Chromes answer the caller at once with nothing.
 *
 * `listener` returns undefined for messages that are not its own, so that other listeners may answer
 * them. A rejected answer is sent as no answer (the caller sees "no answer"), never left hanging.
 */
export function answeringWithSendResponse<BrowserSender>(
  listener: (message: unknown, sender: BrowserSender) => Promise<unknown> | undefined,
): RuntimeMessageListener<BrowserSender> {
  return (message, sender, sendResponse) => {
    const answer = listener(message, sender);
    if (answer === undefined) return undefined;
    answer.then(
      (response) => sendResponse(response),
      () => sendResponse(undefined),
    );
    return true;
  };
}
