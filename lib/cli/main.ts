/**
 * `sourcelens` command dispatcher. Node only: the extension never imports lib/cli.
 * Each command lives in its own file and is loaded only when asked for, so `import-check` does not
 * pay for the engine or a DOM implementation.
 */
import { parseArgs } from 'node:util';
import type { Command } from './command';
import { COMMAND_SPECS } from './commands';
import { packageVersion } from './package-root';
import { errorMessage } from '../shared/error-message';

const COMMANDS: Record<string, () => Promise<Command>> = {
  'import-check': async () => (await import('./import-check')).runImportCheck,
  match: async () => (await import('./match')).runMatch,
  check: async () => (await import('./check')).runCheck,
  extract: async () => (await import('./extract')).runExtract,
  feed: async () => (await import('./feed')).runFeed,
};

/** What `sourcelens --help` prints. */
export function mainHelp(): string {
  const width = Math.max(...COMMAND_SPECS.map((spec) => spec.name.length)) + 2;
  return [
    'usage: sourcelens <command> [options] [arguments]',
    '       sourcelens <command> --help',
    '       sourcelens --version',
    '',
    'Finds the official statements a news article draws on, with the same code as the SourceLens extension.',
    '',
    'commands:',
    ...COMMAND_SPECS.map((spec) => `  ${spec.name.padEnd(width)}${spec.summary}`),
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first !== undefined && !first.startsWith('-') && first !== 'help') {
    const load = COMMANDS[first];
    if (!load) {
      process.stderr.write(`sourcelens: unknown command "${first}"\n\n${mainHelp()}`);
      return 2;
    }
    try {
      return await (await load())(rest);
    } catch (error) {
      process.stderr.write(`sourcelens ${first}: ${errorMessage(error)}\n`);
      return 1;
    }
  }
  // `sourcelens help [COMMAND]` is `sourcelens [COMMAND] --help`.
  if (first === 'help') return rest.length > 0 ? main([rest[0]!, '--help']) : main(['--help']);
  let values: { help?: boolean; version?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`sourcelens: ${(error as Error).message}\n\n${mainHelp()}`);
    return 2;
  }
  if (values.version) {
    process.stdout.write(`sourcelens ${packageVersion()}\n`);
    return 0;
  }
  if (values.help) {
    process.stdout.write(mainHelp());
    return 0;
  }
  process.stderr.write(mainHelp());
  return 2;
}
