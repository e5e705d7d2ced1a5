import { readJsonl, toStatements } from '../lib/cli/match.ts';
import { tokenize } from '../lib/engine/tokenize.ts';
import { analyseArticle, matchStatement } from '../lib/engine/find-sources.ts';
import { rankWeight, commonWordsOf } from '../lib/engine/common-words.ts';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';
installBundledLexicons();
const [artFile, stmtFile, aid, sid] = process.argv.slice(2);
const a = (readJsonl(artFile!).records as any[]).find((x) => x.id === aid);
const s = toStatements(readJsonl(stmtFile!).records).find((x) => x.id === sid)!;
const tokens = tokenize(a.text, a.lang);
const w = (t: any) => (i: number) => 1;
for (const merge of [false, true]) {
  const ps = matchStatement(tokens, s, analyseArticle(a.text), () => false, w as any, merge as any);
  console.log('merge', merge);
  for (const p of ps) console.log(' ', p.type, p.tokens, p.weak ? 'weak' : '', JSON.stringify(a.text.slice(p.article[0], p.article[1]).slice(0, 160)), p.speaker ?? '');
}
