/**
 * node --import tsx scripts/bench-check-cpu.ts
 *
 * CPU time (process.cpuUsage, user + system) of findSources on 60 ~1,500-word articles (MSRP news
 * sentences around a 120-word passage of one of the first 1,000 releases) against the first 10,000
 * Senate releases: the second of two rounds is timed. CPU time, not wall time, so that two worktrees
 * can be compared on a machine others are using: run it in each, alternately, and compare the figures
 * (docs/PERFORMANCE.md, issue 20's A/B). `npm run bench` stays the reference benchmark.
 */
import { readFileSync } from 'node:fs';
import { StatementIndex, findSources } from '../lib/engine/index.ts';
import { readJsonl, toStatements } from '../lib/cli/match.ts';
const senate = toStatements(readJsonl('../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz').records).slice(0, 10000);
const pairs = readFileSync('../shared/data/corpora/msrp-paraphrase-pairs.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const sentences: string[] = pairs.flatMap((p: any) => [p.sentence1 ?? p.s1 ?? p.a, p.sentence2 ?? p.s2 ?? p.b]).filter(Boolean);
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const index = new StatementIndex();
index.add(senate);
const byId = new Map(senate.map((s) => [s.id, s]));
const load = async (ids: string[]) => ids.map((id) => byId.get(id)!);
const queries: string[] = [];
for (let q = 0; q < 60; q++) {
  const words: string[] = [];
  const parts: string[] = [];
  while (words.length < 1400) {
    const s = sentences[Math.floor(rnd() * sentences.length)]!;
    parts.push(s);
    words.push(...s.split(' '));
  }
  const rel = senate[Math.floor(rnd() * 1000)]!.text.split(' ');
  const start = Math.floor(rnd() * Math.max(1, rel.length - 120));
  parts.splice(parts.length >> 1, 0, rel.slice(start, start + 120).join(' '));
  queries.push(parts.join(' '));
}
const times: number[] = [];
for (let round = 0; round < 2; round++)
  for (const text of queries) {
    const c0 = process.cpuUsage();
    await findSources({ text, lang: 'en' }, index, load);
    const c = process.cpuUsage(c0);
    if (round === 1) times.push((c.user + c.system) / 1000);
  }
times.sort((a, b) => a - b);
console.log(`cpu p50 ${times[30]!.toFixed(1)} p95 ${times[57]!.toFixed(1)} mean ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(1)}`);
