import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
const slug = process.argv[2] ?? 'wikipedia-2';
const html = readFileSync(`/work/shared/fixtures/pages/${slug}/source.html`, 'utf8');
const b = await build({ entryPoints: ['.tmp-entry.ts'], bundle: true, format: 'iife', globalName: 'X', write: false });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const ctx = await browser.newContext({ javaScriptEnabled: false }); await ctx.route('**/*', r => r.abort());
const tab = await ctx.newPage(); await tab.setContent(html, { waitUntil: 'domcontentloaded' });
const body = `
  const X = (0, eval)(CODE + ';X');
  const t = (f) => { for (let i = 0; i < 5; i++) f(); const a = []; for (let i = 0; i < 41; i++) { const s = performance.now(); f(); a.push(performance.now() - s); } a.sort((x, y) => x - y); return a[20].toFixed(2); };
  ({
    elements: document.getElementsByTagName('*').length,
    meta: t(() => X.readMetaTags(document)), jsonld: t(() => X.readJsonLd(document)),
    itemtype: t(() => document.querySelectorAll('[itemtype]').length),
    readerable: t(() => X.isProbablyReaderable(document)),
    readerable2: t(() => X.isProbablyReaderable(document, { visibilityChecker: (n) => !n.hasAttribute('hidden') && !/display:\s*none/i.test(n.getAttribute('style') || '') })),
    qsa: t(() => document.querySelectorAll('p, pre, article').length),
    br: t(() => document.querySelectorAll('div > br').length),
    texts: t(() => { let n = 0; for (const e of document.querySelectorAll('p, pre, article')) n += e.textContent.trim().length; return n; }),
    matches: t(() => { let n = 0; for (const e of document.querySelectorAll('p, pre, article')) n += e.matches('li p') ? 1 : 0; return n; }),
    styles: t(() => { let n = 0; for (const e of document.querySelectorAll('p, pre, article')) n += e.style.display == 'none' ? 1 : 0; return n; }),
    count: document.querySelectorAll('p, pre, article').length,
    lede: t(() => X.CONTENT_CHECKS[0].test(document)), credit: t(() => X.CONTENT_CHECKS[1].test(document)), date: t(() => X.CONTENT_CHECKS[2].test(document)),
    detect: t(() => X.detectNews(document, 'about:blank')), verdict: X.detectNews(document, 'about:blank').reasons.join('; '),
  })`;
console.log(await tab.evaluate(`const CODE = ${JSON.stringify(b.outputFiles[0]!.text)};` + body));
await browser.close();
