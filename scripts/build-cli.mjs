// @ts-check
// Bundles the `sourcelens` command line (scripts/sourcelens.ts and the lib/ code it runs) into dist/cli.mjs,
// so that it runs on plain Node without a TypeScript loader. Dependencies stay in node_modules
// (they are the package's own `dependencies`); the files it reads at run time (public/corpus,
// public/lexicon, package.json) are found from the package folder. Run by `npm run build` and by
// `prepare` (so `npm ci` leaves a working `npx sourcelens`).
import { chmod, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The team server's import prepares batches on a worker thread, which needs a file of its own.
  entryPoints: { cli: 'scripts/sourcelens.ts', 'server-prepare-worker': 'server/prepare-worker.ts' },
  outdir,
  bundle: true,
  // Each command stays in its own chunk, loaded only when run (import-check never loads the engine).
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
await chmod(`${outdir}/cli.mjs`, 0o755);
console.log('dist/cli.mjs');
