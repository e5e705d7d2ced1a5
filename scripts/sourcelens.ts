#!/usr/bin/env node
/**
 * The `sourcelens` executable, bundled into dist/cli.mjs by scripts/build-cli.mjs (so no TypeScript
 * loader is needed at run time). It lives outside lib/ so that it may also dispatch to commands that
 * lib/ must not import: `sourcelens server …` (server/, the team corpus server on PostgreSQL).
 */
import { main } from '../lib/cli/main';
import { errorMessage } from '../lib/shared/error-message';

// A reader that stops early (`sourcelens extract --articles … | head`) closes the pipe: the output is
// no longer wanted, which is no error. Without this, the next write throws EPIPE with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const argv = process.argv.slice(2);
if (argv[0] === 'server') {
  try {
    process.exitCode = await (await import('../server/cli')).runServer(argv.slice(1));
  } catch (error) {
    process.stderr.write(`sourcelens server: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
} else {
  process.exitCode = await main(argv);
}
