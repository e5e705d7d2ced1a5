// What the component tests share: the apps wired to the real background over fake-indexeddb, and axe.
import axe from 'axe-core';
import { createBackgroundService } from '../../lib/background/handlers';
import type { SourceLensDb } from '../../lib/corpus/db';
import { createRpcClient, createRpcServer, type RpcClient } from '../../lib/messaging/rpc';
import { freshDb } from '../shared/helpers';

const OWN = { extensionId: 'own' };
const opened: SourceLensDb[] = [];

/**
 * A `call` wired to the real background handlers over a fresh fake-indexeddb database, through the
 * real RPC server; `calls` lists the methods called, in order. Delete the databases with closeBackends().
 */
export function backend(name: string) {
  const db = freshDb(name);
  opened.push(db);
  const service = createBackgroundService({ db });
  const server = createRpcServer(service.handlers, { isTrustedSender: (s) => s.extensionId === OWN.extensionId });
  const calls: string[] = [];
  const call: RpcClient = createRpcClient(async (message) => {
    calls.push(message.method);
    return server(structuredClone(message), OWN);
  });
  return { db, service, call, calls };
}

/** Deletes every database backend() opened (in afterEach). */
export async function closeBackends(): Promise<void> {
  for (const db of opened.splice(0)) await db.delete();
}

/** axe's serious and critical findings in `container` (colour contrast aside: happy-dom has no layout). */
export async function seriousViolations(container: Element): Promise<string[]> {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
