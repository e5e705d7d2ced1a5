
import { fileURLToPath } from 'node:url';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { findSources, StatementIndex } from '../lib/engine/index.ts';
const fixture = (name: string) => fileURLToPath(new URL(`../tests/fixtures/corpus/${name}`, import.meta.url));
const releases = toStatements(readJsonl(fixture('senate-60-offices.jsonl')).records);
await (async () => {
  const sources = releases.slice(0, 20); const filler = releases.slice(20, 41);
  const parts: string[] = []; sources.forEach((s, i) => { parts.push(filler[i]!.text); parts.push(s.text); }); parts.push(filler[20]!.text);
  const text = parts.join('\n\n');
  const idx = new StatementIndex(); const all = [...sources, ...releases.slice(41)]; idx.add(all); const by = new Map(all.map((d) => [d.id, d]));
  const r = await findSources({ text }, idx, async (ids) => ids.map((i) => by.get(i)!));
  for (const s of r.sources) for (const p of s.passages) if (p.type === 'attributed_copy') console.log(s.statementId, p.speaker, JSON.stringify(text.slice(p.article[0], p.article[0] + 200)));
})();
import { tokenize } from '../lib/engine/tokenize.ts';
import { analyseArticle, matchStatement } from '../lib/engine/find-sources.ts';
await (async () => {
  const sources = releases.slice(0, 20); const filler = releases.slice(20, 41);
  const parts: string[] = []; sources.forEach((s, i) => { parts.push(filler[i]!.text); parts.push(s.text); }); parts.push(filler[20]!.text);
  const text = parts.join('\n\n');
  const doc = sources.find((s) => s.id.endsWith('Burr3'))!;
  const an = analyseArticle(text);
  const ps = matchStatement(tokenize(text), doc, an, () => false, (() => () => 1) as any, false as any);
  for (const p of ps) { const c = an.credits().creditFor(p.article[0], p.article[1], doc, ps.map((x) => x.article)); console.log(p.type, p.weak ? 'weak' : '', p.tokens, JSON.stringify(c), JSON.stringify(text.slice(p.article[0], p.article[0] + 80))); }
})();
