// @ts-check
// `npm audit --omit=dev` for CI: fails on any high or critical advisory in what the extension ships.
// When the registry's audit endpoint cannot be reached (offline CI, a mirror without it: it answers
// 405 on the build machines), it says so plainly and does not pass the step off as a clean audit.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = { error: { summary: (run.stderr || run.stdout).trim().split('\n').at(-1) } };
}
// npm reports an unreachable endpoint as { error } and/or the failed HTTP exchange ({ message, uri }).
if (report.error || !report.metadata) {
  const why = report.message || report.error?.summary || report.error?.code || 'unknown error';
  console.log(`npm audit: NOT RUN, the audit endpoint is unavailable (${why})`);
  process.exit(process.env.AUDIT_REQUIRED ? 1 : 0);
}
const counts = report.metadata?.vulnerabilities ?? {};
console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
process.exit((counts.high ?? 0) + (counts.critical ?? 0) > 0 ? 1 : 0);
