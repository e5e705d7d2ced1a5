import { readFileSync, readdirSync } from 'node:fs';
import { parseHtml } from './lib/page/dom-node.ts';
const root = '/work/shared/fixtures/pages';
const CLOCK = /\b([01]?\d|2[0-3])[:：h]\d\d\b/;
const DATE = /\b(19|20)\d\d[-/.年]\s?\d{1,2}|\d{1,2}[./]\d{1,2}[./](19|20)\d\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (19|20)\d\d|\d{1,2}\.? (jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-z]*\.? (19|20)\d\d/i;
const LEDE = /^\s*[A-Z][A-Z.'’ -]{2,40}(,\s*[A-Z][\w.]+( \d{1,2})?)?\s*(\((AP|AFP|Reuters|dpa|UPI|Xinhua|CNN|TASS|Bloomberg)\))?\s*[—–-]{1,2}\s/;
for (const slug of readdirSync(root)) {
  let label; try { label = JSON.parse(readFileSync(`${root}/${slug}/label.json`, 'utf8')); } catch { continue; }
  if (label.synthetic) continue;
  const doc = parseHtml(readFileSync(`${root}/${slug}/source.html`, 'utf8'));
  const cands = Array.from(doc.querySelectorAll('time, [itemprop="datePublished"], [class*="date"], [class*="Date"], [class*="time"], [class*="Time"]')).slice(0, 50);
  let dated = '', clocked = '';
  for (const e of cands) { const t = (e.getAttribute('datetime') ?? '') + ' ' + (e.textContent ?? '').slice(0, 200); if (DATE.test(t)) { dated ||= t.trim().slice(0, 40); if (CLOCK.test(t)) { clocked ||= t.replace(/\s+/g,' ').trim().slice(0, 50); } } }
  const ps = Array.from(doc.querySelectorAll('p')).slice(0, 40).map(p => p.textContent ?? '');
  const lede = ps.find(p => LEDE.test(p))?.slice(0, 50) ?? '';
  const body = doc.body?.textContent ?? '';
  const cn = /责任编辑|来源[:：]/.test(body);
  const site = (doc.querySelector('meta[property="og:site_name"]')?.getAttribute('content') ?? '') + ' | ' + doc.title;
  const blog = /\bblog/i.test(site);
  console.log(`${label.is_news_article ? 'N' : '-'} ${slug.padEnd(28)} ${cn ? 'CN ' : '   '}${blog ? 'BLOG ' : '     '} lede=${JSON.stringify(lede)} clock=${JSON.stringify(clocked)} date=${JSON.stringify(dated)}`);
}
