import type { CommandSpec } from './command';

/**
 * Every command's synopsis and options, as data: the dispatcher lists them in `sourcelens --help`
 * without loading any command, and each command parses its arguments against its own spec.
 */

const STDIN_NOTE = 'A FILE of - reads standard input.';

export const importCheckSpec: CommandSpec = {
  name: 'import-check',
  summary: 'validate corpus files and print the import summary',
  synopsis: ['[--json] FILE|FOLDER...'],
  description: [
    'Reads corpus files (.jsonl, .jsonl.gz, seed .txt; for a folder, its corpus files) exactly as the',
    'options page imports them and prints the same summary: statements imported, duplicates, every',
    'rejected line with its reason, and every line imported with a warning (a malformed date kept in',
    'part or dropped). Exit status: 0 when every line was accepted, 1 when some were rejected, 2 on a',
    `usage error. ${STDIN_NOTE}`,
  ].join('\n'),
  options: { json: { type: 'boolean', help: 'print the summary as one JSON object' } },
  positionals: { name: 'FILE', min: 1, max: Number.POSITIVE_INFINITY },
};

export const matchSpec: CommandSpec = {
  name: 'match',
  summary: 'match articles against a corpus, one JSON report per article',
  synopsis: ['--corpus FILE --articles FILE [--out FILE]'],
  description: [
    'Reads statement records and article records (JSON Lines, optionally gzipped; shared/notes/formats.md)',
    'and writes one JSON object per article, in input order: {"id", "sources": [...]}, the sources the',
    'extension would show. An article record may carry `html` instead of `text` (extracted as a page) and',
    'a `translation`. Bad lines are reported on stderr with their line number and skipped; the exit status',
    `is 1 when an article could not be matched. Either FILE may be - (standard input), not both.`,
  ].join('\n'),
  options: {
    corpus: { type: 'string', value: 'FILE', required: true, help: 'statement records (.jsonl or .jsonl.gz)' },
    articles: { type: 'string', value: 'FILE', required: true, help: 'article records (.jsonl or .jsonl.gz)' },
    out: { type: 'string', value: 'FILE', help: 'write the reports to FILE instead of standard output' },
  },
  positionals: { name: 'argument', min: 0, max: 0 },
};

export const checkSpec: CommandSpec = {
  name: 'check',
  summary: 'print a readable source report for one article',
  synopsis: ['[--corpus FILE] [--json] FILE'],
  description: [
    'Prints the official statements one article draws on, with each passage, its kind and, for an',
    'altered quote, the word difference. FILE is a saved page (.html, extracted as the extension does),',
    'a seed document (first line "date YYYY-MM-DD <title>") or plain text. Without --corpus, the sample',
    `statements bundled with the extension are used. ${STDIN_NOTE}`,
  ].join('\n'),
  options: {
    corpus: { type: 'string', value: 'FILE', help: 'statement records to match against (default: the bundled sample)' },
    json: { type: 'boolean', help: 'print the report as JSON' },
  },
  positionals: { name: 'FILE', min: 1, max: 1 },
};

export const extractSpec: CommandSpec = {
  name: 'extract',
  summary: 'detect and extract a news page, as JSON',
  synopsis: ['[--url URL] FILE.html', '--articles FILE.jsonl[.gz]'],
  description: [
    "Runs the extension's news detection and extraction on a saved page and prints the verdict and the",
    'article (title, byline, outlet, published and modified dates, language, text) as one JSON object;',
    'with --articles, one JSON',
    'line per {id, html, url} record. A bad record is reported on stderr with its line number and the',
    `exit status is then 1. ${STDIN_NOTE}`,
  ].join('\n'),
  options: {
    url: { type: 'string', value: 'URL', help: "the page's address, which detection weighs (default: the file's)" },
    articles: { type: 'string', value: 'FILE', help: 'many pages, as JSON Lines of {id, html, url}' },
  },
  positionals: { name: 'FILE.html', min: 0, max: 1 },
};

export const feedSpec: CommandSpec = {
  name: 'feed',
  summary: 'parse an RSS, Atom or JSON feed; print its statement records as JSON Lines',
  synopsis: ['[--issuer NAME] [--lang TAG] [--pages] FILE|URL'],
  description: [
    "Parses a feed with the extension's own code and prints the statement records it would import, ready",
    'for import-check or the options page. Skipped items and their reasons go to stderr.',
    STDIN_NOTE,
  ].join('\n'),
  options: {
    issuer: { type: 'string', value: 'NAME', help: "issuer of every statement (default: the feed's title)" },
    lang: { type: 'string', value: 'TAG', help: 'language of the statements when the feed declares none' },
    pages: { type: 'boolean', help: "fetch each summary-only item's page and extract the statement from it" },
  },
  positionals: { name: 'FILE or URL', min: 1, max: 1 },
};

export const COMMAND_SPECS: readonly CommandSpec[] = [importCheckSpec, matchSpec, checkSpec, extractSpec, feedSpec];
