import { StatementIndex, findSources } from '../lib/engine/index.ts';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';
installBundledLexicons();
const sets = ['../shared/data/dev', '../shared/data/dev-formulaic'];
const stmts = sets.flatMap((d) => toStatements(readJsonl(d + '/statements.jsonl').records));
const arts = sets.flatMap((d) => readJsonl(d + '/articles.jsonl').records as any[]);
const byId = new Map(stmts.map((s) => [s.id, s]));
const index = new StatementIndex();
if (process.env.SL_BG) (await import('../lib/engine/weights.ts')).setBackgroundRanks((await import('node:fs')).readFileSync('.diag/freq/english.txt','utf8').split('\n').filter(Boolean));
if (process.env.SENATE) { const sen = toStatements(readJsonl('../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz').records); for (const x of sen) byId.set(x.id, x); index.add(sen); }
index.add(stmts);
const ids = process.argv.slice(2);
for (const id of ids) {
  const a = arts.find((x) => x.id === id)!;
  console.log(`\n=== ${a.id} ${a.lang} ${a.date} ${a.label} gold=${a.gold_source_ids} ${a.reuse_class}\n${a.note}`);
  if (process.env.TEXT) console.log(a.text);
  const r = await findSources({ text: a.text, lang: a.lang, date: a.date ?? undefined }, index, async (ids) => ids.map((i) => byId.get(i)!), { includeBelowThreshold: true, explain: true });
  for (const s of r.sources) {
    const st = byId.get(s.statementId)!;
    console.log(`-- ${s.statementId} (${st.date}) score ${s.score} ${s.relation} ${JSON.stringify(s.evidence)}\n   agree ${JSON.stringify(s.factsAgree)} differ ${JSON.stringify(s.factsDiffer)}`);
    for (const p of s.passages) console.log(`   [${p.type}] "${a.text.slice(p.article[0], p.article[1]).replace(/\n/g, ' ')}"  <= "${st.text.slice(p.statement[0], p.statement[1]).replace(/\n/g, ' ').slice(0, 200)}" spk=${p.speaker ?? ''}`);
  }
}
