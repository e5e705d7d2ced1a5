import * as v from 'valibot';
import { type contentSchemas, protocolSchemas, type ContentResults, type ProtocolResults } from './protocol';
import { errorMessage } from '../shared/error-message';

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

type SchemaMap = Record<string, v.GenericSchema>;

/** Handlers for one direction of the protocol: each gets its validated input and the sender. */
export type Handlers<S extends SchemaMap, R extends { [K in keyof S]: unknown }> = {
  [M in keyof S & keyof R]: (input: v.InferOutput<S[M]>, sender: RpcSender) => Promise<R[M]> | R[M];
};

/** A typed caller for one direction of the protocol. */
export type Client<S extends SchemaMap, R extends { [K in keyof S]: unknown }> = <M extends keyof S & keyof R & string>(
  method: M,
  input: v.InferInput<S[M]>,
) => Promise<R[M]>;

/** Calls from the extension's pages and content scripts to the background. */
export type RpcHandlers = Handlers<typeof protocolSchemas, ProtocolResults>;
export type RpcClient = Client<typeof protocolSchemas, ProtocolResults>;
/** Calls from the background (or popup) to a tab's content script. */
export type ContentHandlers = Handlers<typeof contentSchemas, ContentResults>;
export type ContentClient = Client<typeof contentSchemas, ContentResults>;

export class RpcError extends Error {
  override name = 'RpcError';
}

/** Nobody answered: the receiver was stopped, crashed or is not listening. The call's effect is unknown. */
export class RpcNoAnswerError extends RpcError {
  override name = 'RpcNoAnswerError';
}

/** A client that sends through `send` (e.g. `browser.runtime.sendMessage` or `tabs.sendMessage`). */
export function createRpcClient(send: (message: Request) => Promise<unknown>): RpcClient;
export function createRpcClient<S extends SchemaMap, R extends { [K in keyof S]: unknown }>(send: (message: Request) => Promise<unknown>): Client<S, R>;
export function createRpcClient(send: (message: Request) => Promise<unknown>) {
  return async (method: string, input: unknown) => {
    const response = (await send({ channel: CHANNEL, method, input })) as RpcResponse | undefined;
    if (!response || typeof response !== 'object') throw new RpcNoAnswerError(`no answer to ${method}: the background did not respond`);
    if (!response.ok) throw new RpcError(response.error);
    return response.result as never;
  };
}

export interface RpcServerOptions {
  /** Refuses senders that are not the extension's own contexts. */
  isTrustedSender: (sender: RpcSender) => boolean;
  /** Refuses a known method to a trusted sender that has no business calling it (default: allowed). */
  mayCall?: (method: string, sender: RpcSender) => boolean;
  /** Called for refused or failed requests (logging). */
  onRejected?: (reason: string, message: unknown) => void;
}

/**
 * Returns the function to register with `runtime.onMessage`. It answers `undefined` (not ours: let
 * other listeners answer) for foreign messages, and an error response for our messages that fail
 * validation, so a bad message can never reach a handler or cause a side effect.
 */
export function createRpcServer(handlers: RpcHandlers, options: RpcServerOptions): RpcListener;
export function createRpcServer<S extends SchemaMap, R extends { [K in keyof S]: unknown }>(
  handlers: Handlers<S, R>,
  options: RpcServerOptions,
  schemas: S,
): RpcListener;
export function createRpcServer(handlerMap: object, options: RpcServerOptions, schemas: SchemaMap = protocolSchemas): RpcListener {
  const handlers = handlerMap as Record<string, (input: unknown, sender: RpcSender) => unknown>;
  return (message: unknown, sender: RpcSender): Promise<RpcResponse> | undefined => {
    if (!isRequest(message)) return undefined;
    const refuse = (error: string): Promise<RpcResponse> => {
      options.onRejected?.(error, message);
      return Promise.resolve({ ok: false, error });
    };
    if (!options.isTrustedSender(sender)) return refuse('sender is not part of this extension');
    if (!Object.hasOwn(schemas, message.method) || !Object.hasOwn(handlers, message.method)) {
      return refuse(`unknown method "${message.method.slice(0, 80)}"`);
    }
    const method = message.method;
    if (options.mayCall && !options.mayCall(method, sender)) return refuse(`${method} may not be called from this context`);
    const parsed = v.safeParse(schemas[method]!, message.input);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
      return refuse(`invalid ${method} message${path ? ` at ${path}` : ''}: ${issue.message}`);
    }
    const handler = handlers[method]!;
    return Promise.resolve()
      .then(() => handler(parsed.output, sender))
      .then(
        (result): RpcResponse => ({ ok: true, result }),
        (error: unknown): RpcResponse => ({ ok: false, error: errorMessage(error) }),
      );
  };
}

/**
 * The background's sender policy: only this extension's contexts are heard, and a content script
 * (a context that runs inside a web page, so the first a hostile page could subvert) may only make
 * the calls a content script needs; corpus, settings and tab-control calls need an extension page.
 */
export function extensionSenderPolicy(
  extensionId: string,
  extensionOrigin: string,
  contentScriptSchemas: SchemaMap,
): Pick<RpcServerOptions, 'isTrustedSender' | 'mayCall'> {
  // Compared as a prefix: URL.origin is "null" for chrome-extension: and moz-extension: in some engines.
  const base = extensionOrigin.replace(/\/*$/, '/');
  const isExtensionPage = (sender: RpcSender) => sender.url?.startsWith(base) === true;
  return {
    isTrustedSender: (sender) => sender.extensionId === extensionId,
    mayCall: (method, sender) => isExtensionPage(sender) || Object.hasOwn(contentScriptSchemas, method),
  };
}

export type RpcListener = (message: unknown, sender: RpcSender) => Promise<RpcResponse> | undefined;

function isRequest(message: unknown): message is Request {
  return typeof message === 'object' && message !== null && (message as Request).channel === CHANNEL && typeof (message as Request).method === 'string';
}
