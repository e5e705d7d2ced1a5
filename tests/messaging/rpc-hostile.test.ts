import { BACKUP_FORMAT, BACKUP_VERSION } from '../../lib/corpus/backup';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../lib/background/handlers';
import { memoryTabStatusStore } from '../../lib/background/tab-status';
import type { SourceLensDb } from '../../lib/corpus/db';
import { MESSAGE_LIMITS, boundedSize, contentScriptSchemas, protocolSchemas } from '../../lib/messaging/protocol';
import { createRpcServer, extensionSenderPolicy, type RpcResponse, type RpcSender } from '../../lib/messaging/rpc';
import { devStatements, freshDb } from '../shared/helpers';

/**
 * Issue 7, messages: malformed, oversized, foreign and out-of-role messages are refused before any
 * handler runs, and leave the corpus, the settings and the tab statuses exactly as they were.
 */

const ID = 'own-id';
const ORIGIN = `chrome-extension://${ID}/`;
const OPTIONS: RpcSender = { extensionId: ID, url: `${ORIGIN}options.html` };
/** The popup opened in a tab (as the e2e suite does) is still an extension page. */
const POPUP_IN_TAB: RpcSender = { extensionId: ID, tabId: 3, url: `${ORIGIN}popup.html?tabId=7` };
const CONTENT: RpcSender = { extensionId: ID, tabId: 7, url: 'https://news.example/a' };
/** A page whose address merely contains our origin. */
const LOOKALIKE: RpcSender = { extensionId: ID, tabId: 8, url: `https://evil.example/${ORIGIN}options.html` };
const OTHER_EXTENSION: RpcSender = { extensionId: 'someone-else', url: 'chrome-extension://someone-else/page.html' };
const WEB_PAGE: RpcSender = { url: 'https://evil.example/' };

const opened: SourceLensDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function setup() {
  const db = freshDb('rpc-hostile');
  opened.push(db);
  const tabs = memoryTabStatusStore();
  const service = createBackgroundService({ db, tabs, now: () => 1_700_000_000_000 });
  const server = createRpcServer(service.handlers, extensionSenderPolicy(ID, ORIGIN, contentScriptSchemas));
  const send = (method: string, input: unknown, sender: RpcSender) => server({ channel: 'sourcelens/v1', method, input }, sender);
  // Some state to lose: a small corpus, a site rule and a tab.
  await send('importBatch', { file: 'dev.jsonl', records: devStatements() }, OPTIONS);
  await send('saveSettings', { settings: { hintsVisible: true, siteRules: [{ host: 'example.com', rule: 'deny' }] } }, OPTIONS);
  await send('pageLoaded', { url: 'https://news.example/a' }, CONTENT);
  /** Everything a message could change. */
  const snapshot = async () =>
    JSON.stringify({
      statements: await db.statements.toArray(),
      settings: await db.settings.toArray(),
      tabs: await tabs.all(),
    });
  return { db, send, snapshot };
}

async function expectRefused(response: Promise<RpcResponse> | undefined, pattern: RegExp): Promise<void> {
  expect(response).toBeDefined();
  const answer = await response!;
  expect(answer.ok).toBe(false);
  expect((answer as { error: string }).error).toMatch(pattern);
}

const METHODS = Object.keys(protocolSchemas);
const CONTENT_SCRIPT_METHODS = Object.keys(contentScriptSchemas);
const PRIVILEGED = METHODS.filter((method) => !CONTENT_SCRIPT_METHODS.includes(method));

/** A valid input for each method, so that a refusal can only come from the sender. */
const VALID: Record<string, unknown> = {
  pageLoaded: { url: 'https://news.example/b' },
  findSources: { article: { text: 'The ministry issued a statement.' } },
  checkPageAnyway: { tabId: 7 },
  setHintsVisible: { visible: false },
  getSettings: {},
  saveSettings: { settings: { hintsVisible: false, siteRules: [] } },
  getTabStatus: { tabId: 7 },
  getCorpusStats: {},
  getLastCheck: {},
  importBatch: { file: 'x.jsonl', records: [{ id: 'x1', text: 'An injected statement.' }] },
  listIssuers: {},
  deleteIssuer: { key: '' },
  deleteAll: { confirm: 'delete-all' },
  exportPage: { afterId: null, limit: 10 },
  subscribeFeed: { url: 'https://feeds.example/rss.xml' },
  unsubscribeFeed: { url: 'https://feeds.example/rss.xml' },
  listFeeds: {},
  refreshFeed: { url: 'https://feeds.example/rss.xml' },
  backupHeader: {},
  backupPage: { afterId: null, limit: 10 },
  restoreHeader: {
    header: {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: '2026-11-28T00:00:00Z',
      statements: 0,
      settings: { hintsVisible: true, siteRules: [] },
      feeds: [],
    },
  },
  restoreBatch: { lines: [{ id: 'r1', text: 'A restored statement.' }] },
  addPageToCorpus: { tabId: 7 },
  getTeamStatus: {},
  saveTeamServer: { settings: null },
  // Port 9 (discard) on loopback: refused at once, so the test answers with the failure in words.
  testTeamServer: { settings: { address: 'http://127.0.0.1:9', token: 'sample-team-token' } },
};

describe('sender roles', () => {
  it('every method has a valid sample input (so the role tests below test the role)', () => {
    expect(Object.keys(VALID).sort()).toEqual([...METHODS].sort());
  });

  it('a content script may only report its page and ask for sources', async () => {
    const { send, snapshot } = await setup();
    const before = await snapshot();
    for (const method of PRIVILEGED) await expectRefused(send(method, VALID[method], CONTENT), /may not be called from this context/);
    expect(await snapshot()).toBe(before);
    for (const method of CONTENT_SCRIPT_METHODS) expect(await send(method, VALID[method], CONTENT)).toMatchObject({ ok: true });
  });

  it('an address that only contains our origin is not an extension page', async () => {
    const { send, snapshot } = await setup();
    const before = await snapshot();
    for (const method of PRIVILEGED) await expectRefused(send(method, VALID[method], LOOKALIKE), /may not be called/);
    expect(await snapshot()).toBe(before);
  });

  it('extension pages may call everything, also from a tab', async () => {
    const { send } = await setup();
    for (const method of PRIVILEGED.filter((m) => !['deleteAll', 'deleteIssuer'].includes(m))) {
      const answer = await send(method, VALID[method], POPUP_IN_TAB);
      // Two handlers answer with their own error here, which is not a refusal of the sender:
      // refreshFeed runs after unsubscribeFeed removed the sample feed, and this harness has no tab
      // for addPageToCorpus to read.
      if (method === 'refreshFeed' || method === 'addPageToCorpus')
        expect(JSON.stringify(answer), method).not.toMatch(/may not be called|not part of this extension/);
      else expect(answer, method).toMatchObject({ ok: true });
    }
  });

  it('other extensions and web pages are refused for every method', async () => {
    const { send, snapshot } = await setup();
    const before = await snapshot();
    for (const sender of [OTHER_EXTENSION, WEB_PAGE, {}]) {
      for (const method of METHODS) await expectRefused(send(method, VALID[method], sender), /sender is not part of this extension/);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('size limits', () => {
  it('a batch over the character budget is refused whole', async () => {
    const { send, snapshot } = await setup();
    const before = await snapshot();
    const big = 'x'.repeat(1_000_000);
    const records = Array.from({ length: MESSAGE_LIMITS.importBatchChars / big.length + 1 }, (_, i) => ({ id: `big${i}`, text: big }));
    await expectRefused(send('importBatch', { file: 'big.jsonl', records }, OPTIONS), /larger than/);
    expect(await snapshot()).toBe(before);
  });

  it('deeply nested unknown fields and records with too many fields are refused', async () => {
    const { send, snapshot } = await setup();
    const before = await snapshot();
    let deep: unknown = 'leaf';
    for (let level = 0; level < 10_000; level++) deep = { deeper: deep };
    await expectRefused(send('importBatch', { file: 'd.jsonl', records: [{ text: 'A statement.', extra: deep }] }, OPTIONS), /nested deeper/);
    const wide = Object.fromEntries(Array.from({ length: MESSAGE_LIMITS.recordFields + 1 }, (_, i) => [`f${i}`, i]));
    await expectRefused(send('importBatch', { file: 'w.jsonl', records: [{ ...wide, text: 'A statement.' }] }, OPTIONS), /more than 64 fields/);
    expect(await snapshot()).toBe(before);
  });

  it('strings past their limits are refused in every message that carries them', async () => {
    const { send, snapshot } = await setup();
    const before = await snapshot();
    const over = (limit: number) => 'x'.repeat(limit + 1);
    const cases: Array<[string, unknown, RpcSender]> = [
      ['pageLoaded', { url: over(MESSAGE_LIMITS.urlChars) }, CONTENT],
      ['pageLoaded', { url: 'https://a.example/', title: over(MESSAGE_LIMITS.titleChars) }, CONTENT],
      ['pageLoaded', { url: 'https://a.example/', verdict: { isNews: true, score: 1, reasons: Array(MESSAGE_LIMITS.reasons + 1).fill('r') } }, CONTENT],
      ['findSources', { article: { text: over(MESSAGE_LIMITS.articleChars) } }, CONTENT],
      ['findSources', { article: { text: 'ok', title: over(MESSAGE_LIMITS.titleChars) } }, CONTENT],
      // An on-device translation sent with the article: bounded text and segments, whole non-negative offsets.
      ['findSources', { article: { text: 'ok', translation: { lang: 'en', text: over(MESSAGE_LIMITS.translationChars), segments: [[0, 1, 0, 1]] } } }, CONTENT],
      [
        'findSources',
        { article: { text: 'ok', translation: { lang: 'en', text: 'ok', segments: Array(MESSAGE_LIMITS.translationSegments + 1).fill([0, 1, 0, 1]) } } },
        CONTENT,
      ],
      ['findSources', { article: { text: 'ok', translation: { lang: 'en', text: 'ok', segments: [[0, 1, -1, 1]] } } }, CONTENT],
      ['findSources', { article: { text: 'ok', translation: { lang: 'en', text: 'ok', segments: [[0, 1.5, 0, 1]] } } }, CONTENT],
      ['findSources', { article: { text: 'ok', translation: { lang: 'en', text: 'ok', segments: [[0, 1, 0]] } } }, CONTENT],
      ['saveSettings', { settings: { hintsVisible: true, siteRules: Array(MESSAGE_LIMITS.siteRules + 1).fill({ host: 'a.example', rule: 'deny' }) } }, OPTIONS],
      ['saveSettings', { settings: { hintsVisible: true, siteRules: [{ host: 'evil.example/<script>', rule: 'deny' }] } }, OPTIONS],
      ['importBatch', { file: over(1000), records: [] }, OPTIONS],
      ['deleteIssuer', { key: over(2000) }, OPTIONS],
      ['exportPage', { afterId: null, limit: 5001 }, OPTIONS],
    ];
    for (const [method, input, sender] of cases) await expectRefused(send(method, input, sender), new RegExp(`invalid ${method} message`));
    expect(await snapshot()).toBe(before);
  });

  it('boundedSize stops at its budget and at its depth', () => {
    // keys a, b, 0, 1 (4 chars) + 'xyz' + 1 (one unit) + 'zz'
    expect(boundedSize({ a: 'xyz', b: [1, 'zz'] }, 100, 5)).toBe(4 + 3 + 1 + 2);
    expect(boundedSize('x'.repeat(101), 100, 5)).toBe(Number.POSITIVE_INFINITY);
    expect(boundedSize({ a: { b: { c: 1 } } }, 100, 2)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('random messages (fast-check)', () => {
  /** Runs per method: 13 methods × 3 senders × RUNS random inputs. */
  const RUNS = 60;

  it('any input to any method from any sender is answered, and a refused one changes nothing', async () => {
    const { send, snapshot } = await setup();
    const senders = [OPTIONS, CONTENT, OTHER_EXTENSION];
    let refused = 0;
    let tried = 0;
    for (const method of METHODS.filter((m) => !['deleteAll', 'deleteIssuer', 'saveSettings', 'setHintsVisible', 'importBatch'].includes(m))) {
      await fc.assert(
        fc.asyncProperty(
          fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withTypedArray: true }),
          fc.constantFrom(...senders),
          async (input, sender) => {
            tried++;
            const answer = await send(method, input, sender);
            expect(answer).toBeDefined();
            if (!answer!.ok) refused++;
          },
        ),
        { numRuns: RUNS },
      );
    }
    // The writing methods: every random input must be refused and leave the state untouched.
    const before = await snapshot();
    for (const method of ['deleteAll', 'deleteIssuer', 'saveSettings', 'setHintsVisible', 'importBatch']) {
      await fc.assert(
        fc.asyncProperty(fc.anything({ withNullPrototype: true, withBigInt: true, maxDepth: 4 }), fc.constantFrom(...senders), async (input, sender) => {
          tried++;
          const answer = await send(method, input, sender);
          expect(answer).toMatchObject({ ok: false });
          refused++;
        }),
        { numRuns: RUNS },
      );
    }
    expect(await snapshot()).toBe(before);
    expect(tried).toBe(METHODS.length * RUNS);
    expect(refused).toBeGreaterThan(0);
  });
});
