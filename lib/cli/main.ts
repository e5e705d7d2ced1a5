/**
 * `sourcelens` command dispatcher. Node only: the extension never imports lib/cli.
 * Each command lives in its own file and is loaded only when asked for, so `import-check` does not
 * pay for the engine or a DOM implementation.
 */

const USAGE = `usage: sourcelens <command> [options]

commands:
  import-check FILE...                 validate corpus files (.jsonl, .jsonl.gz, seed .txt) and print the import summary
  match --corpus FILE --articles FILE [--out FILE]
                                       match articles against a corpus, one JSON report per article
  check FILE.html|FILE.txt [--corpus FILE]
                                       print a readable source report for one article
  extract FILE.html [--url URL]        detect and extract a news page, as JSON
  extract --articles FILE.jsonl        the same for many pages, as JSON Lines
  feed FILE|URL [--issuer NAME] [--lang TAG] [--pages]
                                       parse an RSS, Atom or JSON feed; print its statement records as JSON Lines
`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  'import-check': async () => (await import('./import-check')).runImportCheck,
  match: async () => (await import('./match')).runMatch,
  check: async () => (await import('./check')).runCheck,
  extract: async () => (await import('./extract')).runExtract,
  feed: async () => (await import('./feed')).runFeed,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`sourcelens: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(args);
  } catch (error) {
    process.stderr.write(`sourcelens ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
