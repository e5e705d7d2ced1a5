import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';
import { PAGES_DIR } from '../page/fixtures';
import { FEEDS } from './helpers';
import { captureOutput } from '../shared/capture-output';

const run = (args: string[]) => captureOutput(() => main(args));

const lines = (jsonl: string) =>
  jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Real saved pages (tests/fixtures/pages, from mozilla/readability's test pages) behind a summary-only feed. */
const SLUGS = ['nytimes-1', 'bbc-1'];
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/feed.xml') {
      const items = SLUGS.map(
        (slug) => `<item><title>${slug}</title><link>${base}/page/${slug}</link><description>Short summary of ${slug}.</description></item>`,
      ).join('');
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture feed</title>${items}</channel></rss>`);
      return;
    }
    const slug = /^\/page\/([\w-]+)$/.exec(path)?.[1];
    if (slug && SLUGS.includes(slug)) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(join(PAGES_DIR, slug, 'source.html')));
      return;
    }
    response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('sourcelens feed', () => {
  it('prints the records of a feed file as JSON Lines and the skipped items on stderr', async () => {
    const { code, stdout, stderr } = await run(['feed', join(FEEDS, 'feed.json'), '--issuer', 'Presidency of Examples']);
    expect(code).toBe(0);
    const records = lines(stdout);
    expect(records.map((record) => record.id)).toEqual(['5012', '5013', '5014']);
    expect(records.every((record) => record.issuer === 'Presidency of Examples')).toBe(true);
    expect(stderr).toContain('3 statements from 3 items (json)');
  });

  it('fetches a feed by URL and, with --pages, extracts summary-only items from their real pages', async () => {
    const { code, stdout } = await run(['feed', `${base}/feed.xml`, '--pages']);
    expect(code).toBe(0);
    const records = lines(stdout);
    expect(records).toHaveLength(SLUGS.length);
    for (const [index, slug] of SLUGS.entries()) {
      const expected = readFileSync(join(PAGES_DIR, slug, 'expected.txt'), 'utf8');
      // Compare words only: the expected text and ours break paragraphs differently.
      const words = (text: string) => text.replace(/\s+/g, ' ').trim();
      const opening = words(expected).slice(0, 400);
      expect(words(records[index]!.text as string)).toContain(opening.slice(opening.length - 200));
      expect(records[index]!.url).toBe(`${base}/page/${slug}`);
    }
  });

  it('without --pages keeps the summaries', async () => {
    const { stdout } = await run(['feed', `${base}/feed.xml`]);
    expect(lines(stdout).map((record) => record.text)).toEqual(SLUGS.map((slug) => `Short summary of ${slug}.`));
  });

  it('fails with the reason for what is not a feed', async () => {
    const html = await run(['feed', `${base}/page/nytimes-1`]);
    expect(html.code).toBe(1);
    expect(html.stderr).toMatch(/web page \(HTML\), not a feed/);
    const missing = await run(['feed', `${base}/nothing.xml`]);
    expect(missing.stderr).toMatch(/HTTP 404/);
  });
});
