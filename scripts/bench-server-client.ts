/**
 * One of the concurrent clients of `npm run bench:server` (scripts/bench-server.ts), in a process of
 * its own, as a team's readers are: it reads its settings as one JSON line on stdin, prepares its
 * articles' keyed grams (the browser's work, not timed), prints "ready", waits for "go", sends its
 * lookups one after another, and prints one JSON line: the server's time per lookup (serverMs, time
 * inside the request handler) and the round trip it waited.
 */
import { createInterface } from 'node:readline';
import { TeamClient } from '../lib/team/team-client.ts';

interface Settings {
  address: string;
  token: string;
  texts: string[];
  lookups: number;
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const settings = JSON.parse((await lines.next()).value as string) as Settings;
const client = new TeamClient({ address: settings.address, token: settings.token, timeoutMs: 120_000 });
const prepared = [];
for (const text of settings.texts) prepared.push(await client.prepare(text, 'en'));
process.stdout.write('ready\n');
await lines.next();
const serverMs: number[] = [];
const roundtripMs: number[] = [];
for (let i = 0; i < settings.lookups; i++) {
  const t0 = performance.now();
  const answer = await client.lookup(prepared[i % prepared.length]!);
  roundtripMs.push(performance.now() - t0);
  serverMs.push(answer.serverMs);
}
process.stdout.write(JSON.stringify({ serverMs, roundtripMs }) + '\n');
process.exit(0);
