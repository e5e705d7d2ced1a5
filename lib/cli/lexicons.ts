/**
 * Node hosts (CLI, eval, bench, tests) install the lexicons the extension ships in public/lexicon/,
 * read from disk, so that Node and the worker match alike (the worker fetches them on demand:
 * lib/background/lexicons.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installChineseLexicon, hasChineseLexicon } from '../engine/index.ts';
import { packageRoot } from './package-root.ts';

export function installBundledLexicons(): void {
  if (hasChineseLexicon()) return;
  installChineseLexicon(JSON.parse(readFileSync(join(packageRoot(), 'public', 'lexicon', 'zh-en.json'), 'utf8')));
}
