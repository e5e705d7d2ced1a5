import { readFileSync, readdirSync } from 'node:fs';
import { parseHtml } from './lib/page/dom-node.ts';
import { detectNews } from './lib/page/detect.ts';
const root = '/work/shared/fixtures/pages';
const rows: string[] = [];
for (const slug of readdirSync(root)) {
  let label; try { label = JSON.parse(readFileSync(`${root}/${slug}/label.json`, 'utf8')); } catch { continue; }
  if (label.synthetic) continue;
  const html = readFileSync(`${root}/${slug}/source.html`, 'utf8');
  const v = detectNews(parseHtml(html), `file://${root}/${slug}/source.html`);
  const ok = v.isNews === label.is_news_article;
  rows.push(`${ok ? '  ' : 'XX'} ${label.is_news_article ? 'N' : '-'} ${String(v.score).padStart(6)} ${slug.padEnd(28)} ${v.reasons.join('; ')}`);
}
rows.sort((a, b) => parseFloat(a.slice(5, 11)) - parseFloat(b.slice(5, 11)));
console.log(rows.join('\n'));
