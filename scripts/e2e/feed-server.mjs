// @ts-check
// Feeds served from localhost for the feeds suite: the fixtures of tests/fixtures/feeds (their links
// pointed at this server), an official statement page for summary-only items, and every bad case of
// issue 6: broken XML, HTML instead of XML, 404, 500, a server that never answers, a redirect loop,
// a 50 MB feed, an item whose text holds script and markup, and an item link with a javascript: scheme.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const RSS = (/** @type {string} */ origin, /** @type {string} */ items) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Local test feed</title><link>${origin}/</link><language>en</language>${items}</channel></rss>`;

/** An official statement page without a site name, so "Add this page" must ask for the issuer. */
export const STATEMENT_PAGE_TEXT = [
  'The Ministry of Examples announces that the northern water treaty was signed today by both governments after eleven rounds of talks held over two years.',
  'Under the treaty, each side will share hydrological data every week and will notify the other at least thirty days before any construction on the river.',
  'The minister thanked the mediators and said the agreement would be submitted to parliament for ratification before the end of the year.',
];
const statementPage = (/** @type {string} */ title) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>
<header><nav><a href="/">Home</a> <a href="/press">Press</a></nav></header>
<main><article><h1>${title}</h1><p class="date">19 September 2023</p>${STATEMENT_PAGE_TEXT.map((p) => `<p>${p}</p>`).join('\n')}<p>This statement is filed as “${title}”.</p></article></main>
<footer><p>Contact the press office.</p></footer></body></html>`;

/** @param {string} root the repository */
export async function startFeedServer(root) {
  const fixtures = join(root, 'tests/fixtures/feeds');
  /** @type {Set<import('node:http').ServerResponse>} */
  const hanging = new Set();
  /** Bytes of the 50 MB feed written before the client hung up (the last request's). */
  let hugeSent = 0;
  let origin = '';
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    /** @param {number} status @param {string} type @param {string | Buffer} body @param {Record<string, string>} [headers] */
    const send = (status, type, body, headers = {}) => {
      response.writeHead(status, { 'content-type': type, ...headers });
      response.end(body);
    };
    switch (path) {
      case '/feeds/rss.xml':
        return send(200, 'application/rss+xml', (await readFile(join(fixtures, 'rss2.xml'), 'utf8')).replaceAll('https://ministry.example.gov', origin), {
          etag: '"rss-v1"',
        });
      case '/feeds/atom.xml':
        return send(200, 'application/atom+xml', (await readFile(join(fixtures, 'atom.xml'), 'utf8')).replaceAll('https://spokesperson.example.int', origin));
      case '/feeds/feed.json':
        return send(200, 'application/feed+json', (await readFile(join(fixtures, 'feed.json'), 'utf8')).replaceAll('https://president.example.gov', origin));
      case '/feeds/broken.xml':
        return send(200, 'application/rss+xml', RSS(origin, '<item><title>Unclosed<description>text</item>'));
      case '/feeds/html':
        return send(200, 'text/html; charset=utf-8', statementPage('Press releases'));
      case '/feeds/500':
        return send(500, 'text/plain', 'internal error');
      case '/feeds/hang':
        // Never answers: keep the socket open until the server closes.
        hanging.add(response);
        request.on('close', () => hanging.delete(response));
        return;
      case '/feeds/loop':
        return send(302, 'text/plain', 'again', { location: '/feeds/loop' });
      case '/feeds/huge': {
        // 50 MB, streamed chunk by chunk without a length: the extension must stop reading early.
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(64 * 1024, ' ');
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            hugeSent = sent;
            if (!response.write(chunk)) return response.once('drain', pump);
          }
          response.end();
        };
        response.on('close', () => (sent = Infinity));
        return pump();
      }
      case '/stats':
        return send(200, 'application/json', JSON.stringify({ hugeSent }));
      case '/feeds/script.xml':
        return send(
          200,
          'application/rss+xml',
          RSS(
            origin,
            `<item><title>Markup</title><guid>markup-1</guid><link>${origin}/press/markup</link><content:encoded><![CDATA[<p onclick="steal()">The ministry rejects the report <b>in full</b>.</p><script>document.title="pwned"</script><p>No agreement was signed<img src=x onerror="alert(1)"> on that day.</p>]]></content:encoded></item>`,
          ),
        );
      case '/feeds/jslink.xml':
        return send(
          200,
          'application/rss+xml',
          RSS(
            origin,
            `<item><title>Hostile link</title><guid>js-1</guid><link>javascript:alert(document.cookie)</link><content:encoded><![CDATA[<p>A statement whose link would run script.</p>]]></content:encoded></item><item><title>Fine</title><guid>ok-1</guid><link>${origin}/press/fine</link><content:encoded><![CDATA[<p>The ministry confirms the talks will continue next week in Geneva.</p>]]></content:encoded></item>`,
          ),
        );
      default:
        if (path.startsWith('/press/') || path.startsWith('/statements/') || path.startsWith('/news/'))
          return send(200, 'text/html; charset=utf-8', statementPage(`Statement ${path.split('/').pop()}`));
        return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}
