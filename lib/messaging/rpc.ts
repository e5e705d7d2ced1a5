import * as v from 'valibot';
import {
  protocolSchemas,
  type ProtocolInput,
  type ProtocolMethod,
  type ProtocolResult,
} from './protocol';

/**
 * Typed request/response over `runtime.sendMessage`, with the transport injected so this file has no
 * browser import and runs in Node tests. We keep it this small instead of using @webext-core/messaging
 * because the receiving side must validate every input against `protocolSchemas` and check the sender
 * before any handler runs, and that is most of the code either way.
 */

/** Marks our envelopes so that foreign messages on the same channel are ignored, not answered. */
const CHANNEL = 'sourcelens/v1';

interface Request {
  channel: typeof CHANNEL;
  method: string;
  input: unknown;
}

export type RpcResponse = { ok: true; result: unknown } | { ok: false; error: string };

/** Who sent a message, as far as the receiver knows it. */
export interface RpcSender {
  /** The sending extension's id (runtime.id of the sender). */
  extensionId?: string;
  /** The sending tab, for content scripts. */
  tabId?: number;
  /** The sending document's URL. */
  url?: string;
}

export type RpcHandlers = {
  [M in ProtocolMethod]: (input: v.InferOutput<(typeof protocolSchemas)[M]>, sender: RpcSender) => Promise<ProtocolResult<M>> | ProtocolResult<M>;
};

export type RpcClient = <M extends ProtocolMethod>(method: M, input: ProtocolInput<M>) => Promise<ProtocolResult<M>>;

export class RpcError extends Error {
  override name = 'RpcError';
}

/** A client that sends through `send` (e.g. `browser.runtime.sendMessage`). */
export function createRpcClient(send: (message: Request) => Promise<unknown>): RpcClient {
  return async (method, input) => {
    const response = (await send({ channel: CHANNEL, method, input })) as RpcResponse | undefined;
    if (!response || typeof response !== 'object') throw new RpcError(`no answer to ${method}: the background did not respond`);
    if (!response.ok) throw new RpcError(response.error);
    return response.result as never;
  };
}

export interface RpcServerOptions {
  /** Refuses senders that are not the extension's own contexts. */
  isTrustedSender: (sender: RpcSender) => boolean;
  /** Called for refused or failed requests (logging). */
  onRejected?: (reason: string, message: unknown) => void;
}

/**
 * Returns the function to register with `runtime.onMessage`. It answers `undefined` (not ours: let
 * other listeners answer) for foreign messages, and an error response for our messages that fail
 * validation, so a bad message can never reach a handler or cause a side effect.
 */
export function createRpcServer(handlers: RpcHandlers, options: RpcServerOptions) {
  return (message: unknown, sender: RpcSender): Promise<RpcResponse> | undefined => {
    if (!isRequest(message)) return undefined;
    const refuse = (error: string): Promise<RpcResponse> => {
      options.onRejected?.(error, message);
      return Promise.resolve({ ok: false, error });
    };
    if (!options.isTrustedSender(sender)) return refuse('sender is not part of this extension');
    if (!Object.hasOwn(protocolSchemas, message.method)) return refuse(`unknown method "${message.method.slice(0, 80)}"`);
    const method = message.method as ProtocolMethod;
    const parsed = v.safeParse(protocolSchemas[method], message.input);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
      return refuse(`invalid ${method} message${path ? ` at ${path}` : ''}: ${issue.message}`);
    }
    const handler = handlers[method] as (input: unknown, sender: RpcSender) => unknown;
    return Promise.resolve()
      .then(() => handler(parsed.output, sender))
      .then(
        (result): RpcResponse => ({ ok: true, result }),
        (error: unknown): RpcResponse => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  };
}

function isRequest(message: unknown): message is Request {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Request).channel === CHANNEL &&
    typeof (message as Request).method === 'string'
  );
}
