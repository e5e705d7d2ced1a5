import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answeringWithSendResponse, type RuntimeMessageListener } from '../../lib/messaging/answering-listener';
import { contentSchemas, type ContentResults } from '../../lib/messaging/protocol';
import { createRpcClient, createRpcServer, RpcNoAnswerError, type RpcSender } from '../../lib/messaging/rpc';

type Sender = { id?: string };
type AnyListener = (message: unknown, sender: Sender, sendResponse: (response?: unknown) => void) => unknown;

/**
 * runtime.onMessage as Chrome before 144 runs it: a listener keeps the channel open only by returning
 * `true` (then its sendResponse call is the answer); a returned Promise is ignored, and when no listener
 * kept the channel the caller gets no answer at once.
 */
function dispatchLikeChromeBefore144(listeners: AnyListener[], message: unknown, sender: Sender): Promise<unknown> {
  return new Promise((resolve) => {
    let answered = false;
    let kept = false;
    const sendResponse = (response?: unknown) => {
      if (answered) return;
      answered = true;
      resolve(response);
    };
    for (const listener of listeners) if (listener(message, sender, sendResponse) === true) kept = true;
    if (!kept) sendResponse(undefined);
  });
}

/** runtime.onMessage as Firefox runs it: a returned Promise is the answer too. */
function dispatchLikeFirefox(listeners: AnyListener[], message: unknown, sender: Sender): Promise<unknown> {
  return new Promise((resolve) => {
    let kept = false;
    for (const listener of listeners) {
      const result = listener(message, sender, resolve);
      if (result === true) kept = true;
      else if (result instanceof Promise) {
        kept = true;
        void result.then(resolve);
      }
    }
    if (!kept) resolve(undefined);
  });
}

/** The reader's content-script server (entrypoints/reader.content), with stand-in handlers. */
function readerServer() {
  return createRpcServer<typeof contentSchemas, ContentResults>(
    {
      setHintsVisible: ({ visible }) => ({ visible }),
      checkNow: async () => ({ started: true }),
      revealPassage: async () => {
        throw new Error('no such passage');
      },
    },
    { isTrustedSender: (sender: RpcSender) => sender.extensionId === 'own-id' },
    contentSchemas,
  );
}

const OWN: Sender = { id: 'own-id' };

describe('answeringWithSendResponse', () => {
  const server = readerServer();
  const wrapped: RuntimeMessageListener<Sender> = answeringWithSendResponse((message, sender: Sender) => server(message, { extensionId: sender.id }));
  const clientOver = (dispatch: typeof dispatchLikeChromeBefore144, listeners: AnyListener[]) =>
    createRpcClient<typeof contentSchemas, ContentResults>((message) => dispatch(listeners, structuredClone(message), OWN));

  it('a listener that returns its answer as a Promise is not heard by Chrome before 144', async () => {
    const returnsPromise: AnyListener = (message, sender) => server(message, { extensionId: sender.id });
    await expect(clientOver(dispatchLikeChromeBefore144, [returnsPromise])('checkNow', {})).rejects.toThrow(RpcNoAnswerError);
  });

  it('answers through sendResponse, heard alike by Chrome before 144 and by Firefox', async () => {
    for (const dispatch of [dispatchLikeChromeBefore144, dispatchLikeFirefox]) {
      const call = clientOver(dispatch, [wrapped]);
      expect(await call('checkNow', {})).toEqual({ started: true });
      expect(await call('setHintsVisible', { visible: false })).toEqual({ visible: false });
      // A handler's error is an answer too (an RpcError with its message), not silence.
      await expect(call('revealPassage', { statementId: 'S01', index: 0 })).rejects.toThrow('no such passage');
    }
  });

  it('leaves messages that are not its own to the other listeners, and keeps no channel open for them', async () => {
    const other: AnyListener = (message, _sender, sendResponse) => {
      if ((message as { target?: string }).target !== 'other') return undefined;
      sendResponse('from the other listener');
      return undefined;
    };
    expect(wrapped({ target: 'other' }, OWN, () => undefined)).toBeUndefined();
    expect(await dispatchLikeChromeBefore144([wrapped, other], { target: 'other' }, OWN)).toBe('from the other listener');
  });

  it('sends no answer (rather than leaving the caller waiting) when the answer fails', async () => {
    const failing = answeringWithSendResponse<Sender>(() => Promise.reject(new Error('worker stopped')));
    const responses: unknown[] = [];
    expect(failing({}, OWN, (response) => responses.push(response))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(responses).toEqual([undefined]);
  });
});

describe('every runtime.onMessage listener of the extension answers through sendResponse', () => {
  const root = join(import.meta.dirname, '..', '..', 'entrypoints');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : /\.tsx?$/.test(name) ? [join(dir, name)] : []));

  it('registers no listener that answers by returning a Promise', () => {
    const registrations = files(root).flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return [...source.matchAll(/onMessage\.addListener\(\s*([\w$]+)?/g)].map((match) => ({ file, source, argument: match[1] }));
    });
    // background, offscreen and the reader's content script answer messages.
    expect(registrations.length).toBeGreaterThanOrEqual(3);
    for (const { file, source, argument } of registrations) {
      const wrappedInline = argument === 'answeringWithSendResponse';
      const wrappedByName = argument !== undefined && new RegExp(`\\b${argument}\\s*=\\s*answeringWithSendResponse\\(`).test(source);
      expect(wrappedInline || wrappedByName, `${file}: onMessage.addListener(${argument ?? '…'}) is not made by answeringWithSendResponse`).toBe(true);
    }
  });
});
