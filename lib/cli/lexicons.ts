/**
 * Node hosts (CLI, eval, bench, tests) install the lexicons the extension ships in public/lexicon/,
 * read from disk, so that Node and the worker match alike (the worker fetches them on demand:
 * lib/background/lexicons.ts).
 */
import { readFileSync } from 'node:fs';
import { installChineseLexicon, hasChineseLexicon } from '../engine/index.ts';

const CHINESE = new URL('../../public/lexicon/zh-en.json', import.meta.url);

export function installBundledLexicons(): void {
  if (hasChineseLexicon()) return;
  installChineseLexicon(JSON.parse(readFileSync(CHINESE, 'utf8')));
}
