// @ts-check
// Serves tests/e2e/site on 127.0.0.1 (a free port), so content scripts see real http:// pages.
// `generated` serves pages made on the fly (the hostile pages: a 20 MB page is not committed), and
// the server doubles as an HTTP proxy that records every request a browser sends through it (the
// privacy suite points the browser's proxy here, so no request of any context can go unseen).
import { createServer, request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = { '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml', '.css': 'text/css' };

/**
 * @param {string} root folder of static pages
 * @param {{ generated?: (path: string) => Promise<{ body: string | Buffer, headers?: Record<string, string> } | null> }} [options]
 */
export async function startSiteServer(root, { generated } = {}) {
  /** @type {Array<{ method: string | undefined, url: string, proxied: boolean }>} Every request seen, in order. */
  const requests = [];
  /** Origins the proxy passes requests on to (other local test servers, e.g. the feed server). */
  /** @type {Set<string>} */
  const forwarded = new Set();
  let origin = '';
  const server = createServer(async (request, response) => {
    const url = request.url ?? '/';
    const proxied = /^https?:\/\//i.test(url);
    const absolute = new URL(url, origin);
    requests.push({ method: request.method, url: absolute.href, proxied });
    if (absolute.origin !== origin && forwarded.has(absolute.origin)) {
      // Recorded above, and passed on: another local test server the test allows (the feed server).
      const upstream = httpRequest(absolute, { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
        response.end();
      });
      // A browser that gives up on the request resets it: end the upstream call, do not crash.
      request.on('error', () => upstream.destroy());
      request.pipe(upstream);
      return;
    }
    if (absolute.origin !== origin) {
      // A request through the proxy to anywhere else: recorded above, never forwarded.
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('the test proxy forwards nothing');
      return;
    }
    const path = normalize(decodeURIComponent(absolute.pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const made = await generated?.(path);
      if (made) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...made.headers });
        response.end(made.body);
        return;
      }
      const body = await readFile(join(root, path === '/' ? 'index.html' : path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  // HTTPS through the proxy arrives as CONNECT: record the host, refuse the tunnel.
  server.on('connect', (request, socket) => {
    requests.push({ method: 'CONNECT', url: `https://${request.url}/`, proxied: true });
    // The socket is ours once 'connect' fires: the server no longer handles its errors, and a browser
    // that resets the refused tunnel (ECONNRESET) would otherwise crash the whole test run.
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    forward: (/** @type {string} */ other) => forwarded.add(other),
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections?.();
      }),
  };
}
