/**
 * node --max-old-space-size=8000 --import tsx scripts/bench-ab.ts --base DIR [--index-cache FILE]
 *   [--rounds 3] [--kind both|short|long] [--diffs DIR]
 *
 * A/B of two builds of the engine in one process: this checkout's lib/engine against the one in
 * DIR (another worktree, e.g. `git worktree add /tmp/base main --detach`, with node_modules linked).
 * Both load the same 72k index snapshot (`--index-cache`, written by scripts/bench-passes.ts or
 * built here), and every bench text (scripts/bench.ts's 80 articles of ~1,500 words and 20
 * documents of ~20,000 characters, same seed) is checked by both, in random order, `--rounds` times
 * after one untimed round. Prints CPU time per check (process.cpuUsage: other jobs on a shared
 * machine do not inflate it, and both sides see the same JIT state), and whether every report is
 * byte for byte the same; `--diffs DIR` writes the two reports of each text that differs.
 * docs/PERFORMANCE.md, "Session 14", has its runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installBundledLexicons } from '../lib/cli/lexicons.ts';
import * as here from '../lib/engine/index.ts';
import { benchIndexBytes, benchSet, loaderOf } from './shared/bench-set.ts';
import { percentile, round } from './shared/bench-stats.mjs';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    'index-cache': { type: 'string', default: '' },
    rounds: { type: 'string', default: '3' },
    kind: { type: 'string', default: 'both' },
    diffs: { type: 'string', default: '' },
  },
});
if (!values.base) throw new Error('--base DIR: the checkout to compare with (its lib/engine/index.ts is loaded)');
const baseDir = resolve(values.base);
const base = (await import(`${baseDir}/lib/engine/index.ts`)) as typeof here;
(await import(`${baseDir}/lib/cli/lexicons.ts`)).installBundledLexicons();
installBundledLexicons();

const { senate, articles, documents } = benchSet();
const bytes = benchIndexBytes(senate, values['index-cache']);
const indexes = { here: here.StatementIndex.deserialize(bytes.slice()), base: base.StatementIndex.deserialize(bytes.slice()) };
const load = loaderOf(senate);
const check = (side: 'here' | 'base', text: string) =>
  (side === 'here' ? here.findSources : base.findSources)({ text, lang: 'en' }, indexes[side] as never, load);

const sets: Array<[string, string[]]> = [];
if (values.kind !== 'long') sets.push(['1,500-word', articles]);
if (values.kind !== 'short') sets.push(['20,000-char', documents]);
const rounds = Number(values.rounds);
let same = 0;
const differing: string[] = [];
for (const [kind, texts] of sets) {
  const cpu = { here: [] as number[], base: [] as number[] };
  for (let r = 0; r <= rounds; r++)
    for (let i = 0; i < texts.length; i++) {
      const reports: Record<string, string> = {};
      for (const side of Math.random() < 0.5 ? (['here', 'base'] as const) : (['base', 'here'] as const)) {
        const c0 = process.cpuUsage();
        const report = await check(side, texts[i]!);
        const c = process.cpuUsage(c0);
        if (r > 0) cpu[side].push((c.user + c.system) / 1000);
        if (r === 0) reports[side] = JSON.stringify({ ...report, elapsedMs: 0 }, null, 1);
      }
      if (r > 0) continue;
      if (reports.here === reports.base) same++;
      else {
        differing.push(`${kind} ${i}`);
        if (values.diffs) {
          mkdirSync(values.diffs, { recursive: true });
          writeFileSync(`${values.diffs}/${kind}-${i}.base.json`, reports.base!);
          writeFileSync(`${values.diffs}/${kind}-${i}.here.json`, reports.here!);
        }
      }
    }
  const stat = (xs: number[]) =>
    `mean ${round(xs.reduce((a, b) => a + b, 0) / xs.length, 2)} / p50 ${round(percentile(xs, 50), 2)} / p95 ${round(percentile(xs, 95), 2)}`;
  console.log(`${kind}, CPU ms over ${rounds} rounds: base ${stat(cpu.base)}; here ${stat(cpu.here)}`);
}
console.log(`reports the same: ${same}; different: ${differing.length}${differing.length ? ` (${differing.join(', ')})` : ''}`);
