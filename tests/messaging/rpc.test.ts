import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundService } from '../../lib/background/handlers';
import type { SourceLensDb } from '../../lib/corpus/db';
import { MESSAGE_LIMITS } from '../../lib/messaging/protocol';
import { RpcError, createRpcClient, createRpcServer, type RpcResponse, type RpcSender } from '../../lib/messaging/rpc';
import { devStatements, freshDb } from '../shared/helpers';

const OWN: RpcSender = { extensionId: 'own-id', url: 'chrome-extension://own-id/options.html' };
const TAB: RpcSender = { extensionId: 'own-id', tabId: 7, url: 'https://news.example/a' };
const FOREIGN: RpcSender = { extensionId: 'someone-else', url: 'https://evil.example/' };

const opened: SourceLensDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function setup() {
  const db = freshDb('rpc');
  opened.push(db);
  const service = createBackgroundService({ db, now: () => 1_700_000_000_000 });
  const rejected: string[] = [];
  const server = createRpcServer(service.handlers, {
    isTrustedSender: (sender) => sender.extensionId === 'own-id',
    onRejected: (reason) => rejected.push(reason),
  });
  const clientAs = (sender: RpcSender) => createRpcClient(async (message) => server(structuredClone(message), sender) ?? undefined);
  /** Sends a raw message, as a hostile page or a buggy context might. */
  const raw = (message: unknown, sender: RpcSender = OWN) => server(message, sender);
  return { db, server, rejected, raw, call: clientAs(OWN), clientAs };
}

const oneRecord = { id: 'r1', text: 'The ministry issued a statement on the talks today.' };
const msg = (method: string, input: unknown) => ({ channel: 'sourcelens/v1', method, input });

describe('rpc round trip', () => {
  it('client → server → handlers → client, with typed results', async () => {
    const { call, db } = setup();
    expect(await call('getCorpusStats', {})).toEqual({ statements: 0, issuers: 0 });
    const result = await call('importBatch', { file: 'dev.jsonl', records: devStatements() });
    expect(result).toEqual({ imported: 6, updated: 0, duplicates: 0, rejected: [], rejectedCount: 0 });
    expect(await db.statements.count()).toBe(6);
    expect(await call('getCorpusStats', {})).toMatchObject({ statements: 6 });
    const issuers = await call('listIssuers', {});
    expect(issuers.reduce((sum, i) => sum + i.count, 0)).toBe(6);
    const page = await call('exportPage', { afterId: null, limit: 2 });
    expect(page.count).toBe(2);
    expect(page.nextAfterId).toBe('S02');
    expect(await call('deleteIssuer', { key: 'ministry of defense of the republic of azerbaijan' })).toEqual({ deleted: 2 });
    expect(await call('deleteAll', { confirm: 'delete-all' })).toEqual({ deleted: 4 });
    expect(await db.statements.count()).toBe(0);
  });

  it('turns a handler error into an RpcError on the client', async () => {
    const { clientAs } = setup();
    // pageLoaded without a tab id: the handler throws
    await expect(clientAs(OWN)('pageLoaded', { url: 'https://a.example/' })).rejects.toThrow(RpcError);
    await expect(clientAs(OWN)('pageLoaded', { url: 'https://a.example/' })).rejects.toThrow('pageLoaded must come from a tab');
  });

  it('client throws when nobody answers', async () => {
    const call = createRpcClient(async () => undefined);
    await expect(call('getCorpusStats', {})).rejects.toThrow(/no answer to getCorpusStats/);
  });
});

describe('rpc server refuses bad messages with no side effect', () => {
  async function expectRefused(response: Promise<RpcResponse> | undefined, pattern: RegExp) {
    expect(response).toBeDefined();
    const answer = await response!;
    expect(answer.ok).toBe(false);
    expect((answer as { error: string }).error).toMatch(pattern);
  }

  it('malformed input', async () => {
    const { raw, db, rejected } = setup();
    await expectRefused(raw(msg('importBatch', { file: 'x', records: 'not an array' })), /invalid importBatch message at records/);
    await expectRefused(raw(msg('importBatch', { records: [oneRecord] })), /invalid importBatch message at file/);
    await expectRefused(raw(msg('importBatch', null)), /invalid importBatch message/);
    await expectRefused(raw(msg('deleteAll', { confirm: 'yes' })), /invalid deleteAll message at confirm/);
    await expectRefused(raw(msg('exportPage', { afterId: null, limit: 0 })), /invalid exportPage message at limit/);
    await expectRefused(raw(msg('getTabStatus', { tabId: -1 })), /invalid getTabStatus/);
    await expectRefused(raw(msg('pageLoaded', { url: 'x'.repeat(MESSAGE_LIMITS.urlChars + 1) }), TAB), /invalid pageLoaded/);
    expect(await db.statements.count()).toBe(0);
    expect(rejected).toHaveLength(7);
  });

  it('deleteAll without the confirmation phrase deletes nothing', async () => {
    const { raw, call, db } = setup();
    await call('importBatch', { file: 'dev.jsonl', records: devStatements() });
    await expectRefused(raw(msg('deleteAll', {})), /invalid deleteAll/);
    expect(await db.statements.count()).toBe(6);
  });

  it('unknown method, including inherited property names', async () => {
    const { raw, db } = setup();
    for (const method of ['dropDatabase', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      await expectRefused(raw(msg(method, {})), /unknown method/);
    }
    expect(await db.statements.count()).toBe(0);
  });

  it('oversized batch', async () => {
    const { raw, db } = setup();
    const records = Array.from({ length: MESSAGE_LIMITS.importRecords + 1 }, (_, i) => ({ id: `r${i}`, text: `Statement number ${i}.` }));
    await expectRefused(raw(msg('importBatch', { file: 'big.jsonl', records })), /invalid importBatch message at records/);
    expect(await db.statements.count()).toBe(0);
    // exactly at the limit is accepted
    const ok = await raw(msg('importBatch', { file: 'big.jsonl', records: records.slice(1) }))!;
    expect(ok).toMatchObject({ ok: true, result: { imported: MESSAGE_LIMITS.importRecords } });
  });

  it('foreign sender, even with a valid message', async () => {
    const { raw, db, clientAs } = setup();
    await expectRefused(raw(msg('importBatch', { file: 'x.jsonl', records: [oneRecord] }), FOREIGN), /sender is not part of this extension/);
    await expect(clientAs(FOREIGN)('importBatch', { file: 'x.jsonl', records: [oneRecord] })).rejects.toThrow(/sender is not part/);
    expect(await db.statements.count()).toBe(0);
    const own = clientAs(OWN);
    await own('importBatch', { file: 'x.jsonl', records: [oneRecord] });
    await expectRefused(raw(msg('deleteAll', { confirm: 'delete-all' }), FOREIGN), /sender is not part/);
    await expectRefused(raw(msg('deleteIssuer', { key: '' }), FOREIGN), /sender is not part/);
    expect(await db.statements.count()).toBe(1);
  });

  it('does not call a handler for a refused message', async () => {
    const handler = vi.fn(() => ({ statements: 0, issuers: 0 }));
    const db = freshDb('spy');
    opened.push(db);
    const service = createBackgroundService({ db });
    const server = createRpcServer({ ...service.handlers, getCorpusStats: handler }, { isTrustedSender: (s) => s.extensionId === 'own-id' });
    await server(msg('getCorpusStats', {}), FOREIGN);
    await server(msg('getCorpusStats', 'bad'), OWN);
    expect(handler).not.toHaveBeenCalled();
    await server(msg('getCorpusStats', {}), OWN);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('answers undefined to messages that are not on its channel', async () => {
    const { raw, rejected } = setup();
    for (const message of [
      undefined,
      null,
      'getCorpusStats',
      42,
      { method: 'getCorpusStats', input: {} },
      { channel: 'other/v1', method: 'deleteAll', input: { confirm: 'delete-all' } },
      { channel: 'sourcelens/v1', method: 5, input: {} },
    ]) {
      expect(raw(message)).toBeUndefined();
      expect(raw(message, FOREIGN)).toBeUndefined();
    }
    expect(rejected).toEqual([]);
  });
});
