import { StatementIndex, findSources } from '../lib/engine/index.ts';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';
installBundledLexicons();
const sets = ['../shared/data/dev', '../shared/data/dev-formulaic'];
const stmts = sets.flatMap((d) => toStatements(readJsonl(d + '/statements.jsonl').records));
const arts = sets.flatMap((d) => readJsonl(d + '/articles.jsonl').records as any[]);
const sen = toStatements(readJsonl('../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz').records).slice(0, Number(process.argv[4] ?? 50));
const byId = new Map([...stmts, ...sen].map((s) => [s.id, s]));
const a = arts.find((x) => x.id === process.argv[2])!;
const load = async (ids: string[]) => ids.map((i) => byId.get(i)!);
for (const extra of [[], sen]) {
  const index = new StatementIndex(); index.add([...extra, ...stmts]);
  const r = await findSources({ text: a.text, lang: a.lang, date: a.date ?? undefined }, index, load, { onlyStatements: [process.argv[3]!], includeBelowThreshold: true, explain: true });
  for (const s of r.sources) console.log(extra.length, s.statementId, s.score, JSON.stringify(s.evidence), s.passages.length);
}
