import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { importFiles } from '../corpus/import-files';
import { formatSummary } from '../corpus/import-summary';
import { MemoryCorpus } from '../corpus/memory-store';
import { defineCommand } from './command';
import { importCheckSpec } from './commands';
import { fileError, fileSource, STDIN } from './files';

/**
 * `sourcelens import-check FILE|FOLDER...`: parses the files exactly as the options page would and
 * prints the same summary, counting duplicates within the given files. Exit code 0 when every line was
 * accepted, 1 when some were rejected, 2 on usage errors.
 */
export const runImportCheck = defineCommand(importCheckSpec, async ({ values, positionals }) => {
  const files: string[] = [];
  for (const path of positionals) {
    const isFolder = path !== STDIN && (await stat(path).catch((error: unknown) => Promise.reject(fileError(path, error)))).isDirectory();
    if (isFolder) {
      for (const entry of (await readdir(path)).sort()) {
        if (/\.(jsonl|ndjson|gz|txt)$/i.test(entry)) files.push(join(path, entry));
      }
    } else {
      files.push(path);
    }
  }
  const corpus = new MemoryCorpus();
  const sources = await Promise.all(files.map((file) => fileSource(file)));
  const summary = await importFiles(sources, { store: async (file, records) => corpus.store(file, records) });
  process.stdout.write(values.json ? JSON.stringify(summary) + '\n' : formatSummary(summary) + '\n');
  return summary.rejectedCount > 0 || summary.interrupted ? 1 : 0;
});
