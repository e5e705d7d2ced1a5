import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { importFiles } from '../corpus/import-files';
import { formatSummary } from '../corpus/import-summary';
import { MemoryCorpus } from '../corpus/memory-store';
import { fileSource } from './files';

/**
 * `sourcelens import-check FILE|FOLDER...`: parses the files exactly as the options page would and
 * prints the same summary, counting duplicates within the given files. Exit code 0 when every line was
 * accepted, 1 when some were rejected, 2 on usage errors.
 */
export async function runImportCheck(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const paths = args.filter((arg) => arg !== '--json');
  if (paths.length === 0) {
    process.stderr.write('usage: sourcelens import-check FILE|FOLDER... [--json]\n');
    return 2;
  }
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      for (const entry of (await readdir(path)).sort()) {
        if (/\.(jsonl|ndjson|gz|txt)$/i.test(entry)) files.push(join(path, entry));
      }
    } else {
      files.push(path);
    }
  }
  const corpus = new MemoryCorpus();
  const sources = await Promise.all(files.map(fileSource));
  const summary = await importFiles(sources, { store: async (file, records) => corpus.store(file, records) });
  process.stdout.write(json ? JSON.stringify(summary) + '\n' : formatSummary(summary) + '\n');
  return summary.rejectedCount > 0 || summary.interrupted ? 1 : 0;
}
