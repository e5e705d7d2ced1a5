import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder of SourceLens's package.json, found by walking up from this module: the same answer
 * whether the CLI runs from its sources (lib/cli/) or from its bundle (dist/), so the files it reads
 * (the bundled corpus, the lexicons, the version) are found in both.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sourcelens') return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the sourcelens package folder (package.json) above the CLI');
    dir = parent;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
