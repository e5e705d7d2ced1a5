import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toStatementRecord, type StatementRecord } from '../../lib/corpus/statement';
import { GRAM_SIZE, gramHashes, wordHashes } from '../../lib/engine/index';
import { importGramKey, keyGrams } from '../../lib/team/gram-key';
import { TeamClient, TeamError } from '../../lib/team/team-client';
import { checkWithTeam, MemoryStatementCache } from '../../lib/team/team-check';
import { termBucket, TERM_BUCKETS } from '../../lib/team/term-df';
import { migrate, MIGRATIONS } from '../../server/migrations';
import { keyGramsBulk } from '../../server/keyed-grams';
import { storeRecords } from '../../server/ingest';
import { createPool, DATABASE_URL, resetDatabase, senateLines, STARTER, startServer, TOKENS, type Running } from './helpers';

const starter: StatementRecord[] = readFileSync(STARTER, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => {
    const r = toStatementRecord(JSON.parse(l));
    if (!r.ok) throw new Error(r.reason);
    return r.record;
  });

let srv: Running;
beforeAll(async () => {
  await resetDatabase();
  srv = await startServer();
});
afterAll(async () => srv?.close());

const count = async (sql: string) => Number((await srv.pool.query<{ n: string }>(sql)).rows[0]!.n);

describe('schema', () => {
  it('applies each migration once and refuses a newer database', async () => {
    const client = await srv.pool.connect();
    try {
      expect(await migrate(client)).toEqual([]);
      expect(await count('SELECT count(*) AS n FROM schema_migrations')).toBe(MIGRATIONS.length);
      await client.query(`INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')`);
      await expect(migrate(client)).rejects.toThrow(/newer than this server knows/);
      await client.query('DELETE FROM schema_migrations WHERE version = 999');
    } finally {
      client.release();
    }
  });
});

describe('keyed grams', () => {
  it('the browser path (WebCrypto) and the server path (ECB batch) give the same values', async () => {
    const grams = gramHashes(wordHashes(starter[0]!.text));
    const web = await keyGrams(await importGramKey(srv.key), grams);
    expect(Array.from(keyGramsBulk(srv.key, grams))).toEqual(Array.from(web));
    // And they are not the plain hashes.
    expect(web.filter((g, i) => g === (grams[i]! | 0)).length).toBe(0);
  });
});

describe('import', () => {
  it('stores statements with origins and postings, and a second import adds nothing', async () => {
    const first = await storeRecords(srv.pool, srv.key, starter, 'starter.jsonl');
    expect(first).toEqual({ imported: starter.length, updated: 0, duplicates: 0 });
    const again = await storeRecords(srv.pool, srv.key, starter, 'starter.jsonl');
    expect(again).toEqual({ imported: 0, updated: 0, duplicates: starter.length });
    expect(await count('SELECT count(*) AS n FROM statements')).toBe(starter.length);
    expect(await count(`SELECT value AS n FROM corpus_counts WHERE name = 'statements'`)).toBe(starter.length);
    expect(await count('SELECT count(DISTINCT sid) AS n FROM postings')).toBe(starter.length);
    expect(await count('SELECT count(*) AS n FROM origins')).toBe(starter.length);
  });

  it('the same text under another id is stored once with both origins', async () => {
    const copy = { ...starter[1]!, id: 'another-id', text: starter[1]!.text.toUpperCase() };
    expect(await storeRecords(srv.pool, srv.key, [copy], 'feed:https://example.org/feed')).toEqual({ imported: 0, updated: 0, duplicates: 1 });
    const { rows } = await srv.pool.query('SELECT o.origin FROM origins o JOIN statements s USING (sid) WHERE s.id = $1 ORDER BY 1', [starter[1]!.id]);
    expect(rows.map((r) => r.origin)).toEqual(['feed:https://example.org/feed', 'starter.jsonl']);
  });

  it('stores a text with U+0000 (which PostgreSQL cannot hold) as U+FFFD, keeping its length', async () => {
    const text = 'The committee\u0000 approved the harbour budget for the coming year after a long debate on Tuesday.';
    expect(await storeRecords(srv.pool, srv.key, [{ id: 'nul-1', text, title: 'a\u0000b', extra: { note: 'x\u0000' } }], 'nul.jsonl')).toEqual({
      imported: 1,
      updated: 0,
      duplicates: 0,
    });
    const { rows } = await srv.pool.query('SELECT text, title, extra FROM statements WHERE id = $1', ['nul-1']);
    expect(rows[0].text).toBe(text.replace('\u0000', '\uFFFD'));
    expect(rows[0].text.length).toBe(text.length);
    expect(rows[0].title).toBe('a\uFFFDb');
    expect(rows[0].extra).toEqual({ note: 'x\uFFFD' });
    await srv.pool.query(`DELETE FROM postings WHERE sid = (SELECT sid FROM statements WHERE id = 'nul-1')`);
    await srv.pool.query(`DELETE FROM statements WHERE id = 'nul-1'`);
    await srv.pool.query(`UPDATE corpus_counts SET value = value - 1 WHERE name = 'statements'`);
  });

  it('a corrected text under the same id replaces the old one and its postings', async () => {
    const s = starter[2]!;
    const before = await count(`SELECT count(*) AS n FROM postings p JOIN statements s USING (sid) WHERE s.id = '${s.id}'`);
    const corrected = { ...s, text: s.text + ' The ministry added that the inspection of the depot will continue through the winter months.' };
    expect(await storeRecords(srv.pool, srv.key, [corrected], 'fix.jsonl')).toEqual({ imported: 0, updated: 1, duplicates: 0 });
    const { rows } = await srv.pool.query('SELECT text FROM statements WHERE id = $1', [s.id]);
    expect(rows[0].text).toBe(corrected.text);
    const after = await count(`SELECT count(*) AS n FROM postings p JOIN statements s USING (sid) WHERE s.id = '${s.id}'`);
    expect(after).toBeGreaterThan(0);
    // Nothing of the old text's postings is left beside the new ones.
    expect(after).toBeLessThanOrEqual(before + 12);
    expect(await count('SELECT count(*) AS n FROM statements')).toBe(starter.length);
  });
});

describe('word sketch', () => {
  it('counts every batch when two importers take turns (each rereads a sketch the other changed)', async () => {
    const other = createPool(DATABASE_URL, 2);
    const word = 'quorblaxian';
    const record = (n: number): StatementRecord => ({ id: `sketch-${n}`, text: `The ${word} delegation number ${n} met the harbour board on day ${n * 7}.` });
    const bucket = termBucket(wordHashes(word)[0]!);
    const stored = async () => {
      const { rows } = await srv.pool.query<{ counts: Buffer }>('SELECT counts FROM term_df WHERE id = 1');
      return new Uint32Array(rows[0]!.counts.buffer, rows[0]!.counts.byteOffset, TERM_BUCKETS)[bucket];
    };
    try {
      const before = await stored();
      await storeRecords(srv.pool, srv.key, [record(1)], 'a.jsonl');
      await storeRecords(other, srv.key, [record(2)], 'b.jsonl');
      await storeRecords(srv.pool, srv.key, [record(3)], 'a.jsonl');
      expect(await stored()).toBe(before! + 3);
    } finally {
      await other.end();
      await srv.pool.query(`DELETE FROM postings WHERE sid IN (SELECT sid FROM statements WHERE id LIKE 'sketch-%')`);
      await srv.pool.query(`DELETE FROM statements WHERE id LIKE 'sketch-%'`);
      await srv.pool.query(`UPDATE corpus_counts SET value = value - 3 WHERE name = 'statements'`);
    }
  });
});

describe('lookup over HTTP', () => {
  const client = (token = TOKENS.read) => new TeamClient({ address: srv.url, token });
  // A news paragraph quoting the middle of a statement, with words around it the corpus does not hold.
  const article_ = (text: string) => article(text);
  const article = (text: string) => {
    const words = text.split(/\s+/);
    const quote = words.slice(20, 60).join(' ');
    return `Officials spoke to reporters on Tuesday about the situation. "${quote}" the statement said, according to a copy seen by our correspondent, who added further context later in the day.`;
  };

  it('finds the quoted statement first, and sends no word of the article', async () => {
    await storeRecords(
      srv.pool,
      srv.key,
      (await senateLines(3000)).map((l) => {
        const r = toStatementRecord(JSON.parse(l));
        if (!r.ok) throw new Error(r.reason);
        return r.record;
      }),
      'senate.jsonl.gz',
    );
    const target = starter[5]!;
    const sent: Array<{ url: string; body: string }> = [];
    const recording = new TeamClient({
      address: srv.url,
      token: TOKENS.read,
      fetch: (url, init) => {
        sent.push({ url, body: String(init.body ?? '') });
        return fetch(url, init);
      },
    });
    const text = article(target.text);
    const query = await recording.prepare(text, 'en');
    const answer = await recording.lookup(query);
    expect(answer.candidates[0]?.id).toBe(target.id);
    const [statement] = await recording.statements([answer.candidates[0]!.id]);
    expect(statement!.text).toBe(target.text);
    const words = text.toLowerCase().match(/[a-z]{5,}/g)!;
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual(['/v1/info', '/v1/lookup', '/v1/statements']);
    for (const request of sent) for (const w of words) expect(request.body.toLowerCase()).not.toContain(w);
    expect(query.count).toBe(new Set(gramHashes(wordHashes(text))).size);
    expect(query.count).toBeGreaterThan(40 - GRAM_SIZE);
  });

  it('checkWithTeam aligns the candidates in the browser, fetching each text once', async () => {
    const target = starter[5]!;
    const c = client();
    const stats = await c.stats();
    expect(stats.statements).toBeGreaterThan(3000);
    expect(stats.termDf.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(1000);
    const cache = new MemoryStatementCache();
    const article = { text: article_(target.text), lang: 'en' };
    const first = await checkWithTeam(article, c, stats, cache);
    expect(first.report.sources[0]?.statementId).toBe(target.id);
    expect(['quotes', 'copies']).toContain(first.report.sources[0]?.relation);
    expect(first.fetched).toBeGreaterThan(0);
    const second = await checkWithTeam(article, c, stats, cache);
    expect(second.fetched).toBe(0);
    expect(second.report.sources.map((x) => x.statementId)).toEqual(first.report.sources.map((x) => x.statementId));
  });

  it('answers 401 without a token or with a wrong one, 403 to a reader that imports', async () => {
    const noToken = await fetch(`${srv.url}/v1/info`);
    expect(noToken.status).toBe(401);
    expect((await noToken.json()).error).toMatch(/token is needed/);
    await expect(client('not-a-team-token-at-all').info()).rejects.toMatchObject({ kind: 'unauthorised' });
    const asReader = await fetch(`${srv.url}/v1/import`, { method: 'POST', headers: { Authorization: `Bearer ${TOKENS.read}` }, body: '{"text":"x"}' });
    expect(asReader.status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM statements WHERE text = 'x'")).toBe(0);
  });

  it('answers 400 to malformed requests, 413 to oversized ones, and stores nothing from either', async () => {
    const before = await count('SELECT count(*) AS n FROM statements');
    const post = (path: string, body: string, token = TOKENS.read) =>
      fetch(`${srv.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
    const notJson = await post('/v1/lookup', '{"grams": ');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/not valid JSON/);
    const badShape = await post('/v1/lookup', JSON.stringify({ grams: 'AAAA', words: -3 }));
    expect(badShape.status).toBe(400);
    expect((await badShape.json()).error).toMatch(/malformed request at words/);
    const badGrams = await post('/v1/lookup', JSON.stringify({ grams: 'AAA', words: 3 }));
    expect(badGrams.status).toBe(400);
    const huge = await post('/v1/lookup', JSON.stringify({ grams: 'A'.repeat(400_000), words: 3 }));
    expect(huge.status).toBe(413);
    const hugeImport = await post('/v1/import', '{"text":"' + 'word '.repeat(4_000_000) + '"}', TOKENS.write);
    expect(hugeImport.status).toBe(413);
    const tooManyIds = await post('/v1/statements', JSON.stringify({ ids: Array.from({ length: 65 }, (_, i) => `id${i}`) }));
    expect(tooManyIds.status).toBe(400);
    expect(await count('SELECT count(*) AS n FROM statements')).toBe(before);
  });

  it('imports a JSON Lines batch for a writer, rejecting bad lines by number', async () => {
    const body = [
      JSON.stringify({ id: 'w1', text: 'A writer added this statement about the harbour inspection schedule for the coming spring season.' }),
      '{broken',
    ].join('\n');
    const res = await fetch(`${srv.url}/v1/import?origin=keeper`, { method: 'POST', headers: { Authorization: `Bearer ${TOKENS.write}` }, body });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer).toMatchObject({ imported: 1, duplicates: 0 });
    expect(answer.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/not valid JSON/) }]);
  });

  it('allows CORS for extension origins only', async () => {
    const ask = (origin: string) => fetch(`${srv.url}/v1/info`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
    expect((await ask('chrome-extension://abcdefghijklmnopabcdefghijklmnop')).headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    expect((await ask('moz-extension://0f3c1e2a-1111-2222-3333-444455556666')).headers.get('access-control-allow-origin')).toBe(
      'moz-extension://0f3c1e2a-1111-2222-3333-444455556666',
    );
    expect((await ask('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits the rate per token with 429 and Retry-After', async () => {
    const limited = await startServer({ readPerSecond: 1, readBurst: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${limited.url}/v1/info`, { headers: { Authorization: `Bearer ${TOKENS.read}` } })).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses[4]).toBe(429);
      const again = await fetch(`${limited.url}/v1/info`, { headers: { Authorization: `Bearer ${TOKENS.read}` } });
      expect(again.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });

  it('TeamClient reports an unreachable server in words', async () => {
    const gone = new TeamClient({ address: 'http://127.0.0.1:9', token: TOKENS.read, timeoutMs: 2000 });
    const error = await gone.info().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamError);
    expect((error as TeamError).message).toBe('the team server could not be reached');
  });
});
