import { parseArgs } from 'node:util';

/**
 * One `sourcelens` command: its synopsis, options and help, parsed with node:util parseArgs in
 * strict mode (an unknown option, a missing value or a stray argument is an error, never ignored).
 */

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder for a string option's value in the help ("FILE", "URL"). */
  value?: string;
  required?: boolean;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** One line for `sourcelens --help`. */
  summary: string;
  /** The forms of the command line after `sourcelens NAME`. */
  synopsis: string[];
  /** Paragraphs after the synopsis. */
  description: string;
  options: Record<string, OptionSpec>;
  /** How many positional arguments the command takes, and what to call them in errors. */
  positionals: { name: string; min: number; max: number };
}

export interface ParsedCommandLine {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A mistake in the command line: the command prints it with its usage on stderr and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help and exit' };

/** The full help of a command (what `sourcelens NAME --help` prints). */
export function commandHelp(spec: CommandSpec): string {
  const lines = spec.synopsis.map((form, index) => `${index === 0 ? 'usage:' : '      '} sourcelens ${spec.name} ${form}`);
  lines.push('', spec.description, '', 'options:');
  const rows = Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`;
    return [flag, option.help + (option.required ? ' (required)' : '')] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  for (const [flag, help] of rows) lines.push(`  ${flag.padEnd(width)}${help}`);
  return lines.join('\n') + '\n';
}

/** Short usage (the synopsis) printed under an error. */
export function commandUsage(spec: CommandSpec): string {
  return (
    spec.synopsis.map((form, index) => `${index === 0 ? 'usage:' : '      '} sourcelens ${spec.name} ${form}`).join('\n') +
    `\nRun "sourcelens ${spec.name} --help" for details.\n`
  );
}

/** Parses `args` against the spec; throws UsageError for anything the spec does not allow. */
export function parseCommandLine(spec: CommandSpec, args: string[]): ParsedCommandLine & { help: boolean } {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, option]) => [
      name,
      option.short ? { type: option.type, short: option.short } : { type: option.type },
    ]),
  );
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs' messages name the option and say what is wrong; drop its hint about "--" at the end.
    throw new UsageError((error as Error).message.replace(/\s*To specify a positional argument starting with a '-'.*$/s, ''));
  }
  const help = parsed.values.help === true;
  if (!help) {
    for (const [name, option] of Object.entries(spec.options)) {
      if (option.required && parsed.values[name] === undefined) throw new UsageError(`--${name} is required`);
    }
    const { name, min, max } = spec.positionals;
    if (parsed.positionals.length < min) throw new UsageError(`missing ${name}`);
    if (parsed.positionals.length > max) {
      throw new UsageError(
        max === 0
          ? `unexpected argument "${parsed.positionals[0]}"`
          : `unexpected argument "${parsed.positionals[max]}" (${max === 1 ? `one ${name}` : `at most ${max}`})`,
      );
    }
  }
  return { ...parsed, help };
}

export type Command = (args: string[]) => Promise<number>;

/**
 * Binds a spec to its implementation: `--help` prints the help on stdout (exit 0); a usage error
 * prints the message and the usage on stderr (exit 2), whether parseArgs or the command found it.
 */
export function defineCommand(spec: CommandSpec, run: (commandLine: ParsedCommandLine) => Promise<number>): Command {
  return async (args) => {
    try {
      const commandLine = parseCommandLine(spec, args);
      if (commandLine.help) {
        process.stdout.write(commandHelp(spec));
        return 0;
      }
      return await run(commandLine);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`sourcelens ${spec.name}: ${error.message}\n${commandUsage(spec)}`);
      return 2;
    }
  };
}
