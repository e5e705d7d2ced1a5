#!/usr/bin/env node
/**
 * The `sourcelens` executable, bundled into dist/cli.mjs by scripts/build-cli.mjs (so no TypeScript
 * loader is needed at run time). It lives outside lib/ so that it may also dispatch to commands that
 * lib/ must not import.
 */
import { main } from '../lib/cli/main';

// A reader that stops early (`sourcelens extract --articles … | head`) closes the pipe: the output is
// no longer wanted, which is no error. Without this, the next write throws EPIPE with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
