// @ts-check
// `npm test`: every test, in the order that fails fastest. Plain Node with no dependency, so it runs on
// a fresh clone: it installs the locked npm dependencies when they are missing, and makes sure the
// browsers and the virtual display the end-to-end suites drive are there (installed with apt when
// running as root, as CI does; otherwise it stops at once with the command that installs them).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from './node-modules.mjs';
import { ensureSystemDeps, MissingDepsError, SERVER_TEST_DEPS, TEST_DEPS } from './system-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @type {Array<[string, string[]]>} */
const STEPS = [
  ['typecheck', ['run', 'typecheck']],
  ['lint (biome)', ['run', 'lint']],
  ['format check (biome)', ['run', 'format:check']],
  ['unit and component tests', ['run', 'test:unit']],
  ['team server on a throwaway PostgreSQL', ['run', 'test:server']],
  ['build (both browsers, store zips, CLI)', ['run', 'build']],
  ['store checks on the built extensions', ['run', 'test:store']],
  ['web-ext lint', ['run', 'lint:ext']],
  ['end to end in Chromium and Firefox', ['run', 'test:e2e']],
];

try {
  ensureSystemDeps([...TEST_DEPS, ...SERVER_TEST_DEPS]);
} catch (error) {
  if (!(error instanceof MissingDepsError)) throw error;
  console.error(`npm test needs programs that are not installed: ${error.message}`);
  process.exit(2);
}
ensureNodeModules(root);

// `npm test` must leave the tree as it found it (generated files go to ignored folders). Compared with
// the state before the run, so uncommitted work of one's own does not fail it.
const treeBefore = gitStatus();

for (const [name, args] of STEPS) {
  console.log(`\n▶ ${name}: npm ${args.join(' ')}`);
  const run = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`\nnpm test stopped: ${name} failed (exit ${run.status ?? run.signal})`);
    process.exit(run.status || 1);
  }
}
const treeAfter = gitStatus();
if (treeBefore !== null && treeAfter !== treeBefore) {
  console.error(`\nnpm test changed the working tree (tests must write to ignored folders):\n${treeAfter}`);
  process.exit(1);
}
console.log('\nnpm test: every step passed');

/** `git status --porcelain` of the checkout, or null outside a git checkout (a source tarball). */
function gitStatus() {
  const run = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  return run.status === 0 ? run.stdout : null;
}
