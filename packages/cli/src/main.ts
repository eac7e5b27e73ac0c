// `tensile <command> …`: dispatch to a subcommand and turn every outcome into an exit code: 0 when
// the command succeeded, 1 when its work failed, 2 when the command line was wrong. Errors are
// printed once, prefixed with the command; under --json the last stdout line is also a JSON
// object `{ error: { message, exitCode } }`, so a script reading that line always gets an object.
import { closest, commandName, wantsHelp } from './args.js';
import { formatHelp, wrap } from './help.js';
import type { Command } from './command.js';
import { bench } from './commands/bench.js';
import { evaluate } from './commands/evaluate.js';
import { predict } from './commands/predict.js';
import { train } from './commands/train.js';
import type { CliContext, CliIO } from './context.js';
import { makeContext, printJson } from './context.js';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, messageOf } from './errors.js';
import { version } from './version.js';

export const COMMANDS: readonly Command[] = [train, evaluate, predict, bench];

export function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length)) + 4;
  const lines = [
    'Usage: tensile <command> [arguments] [flags]',
    '',
    wrap(
      'Train, evaluate and use Tensile models from the command line, and benchmark the compute backends.',
      100,
      0,
    ),
    '',
    'Commands:',
    ...COMMANDS.map(
      (c) => `  ${c.spec.name.padEnd(width)}${wrap(c.spec.summary, 100 - width - 2, width + 2)}`,
    ),
    '',
    'Flags:',
    '  -h, --help       show help (also after a command: tensile train --help)',
    '  -v, --version    print the version',
    '',
    'Every command accepts --json: its results as one JSON object on the last line of stdout.',
    'Exit codes: 0 success, 1 the command failed, 2 invalid command line.',
    '',
    'Run `tensile <command> --help` for the arguments and flags of a command.',
  ];
  return `${lines.join('\n')}\n`;
}

function jsonRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

function fail(ctx: CliContext, json: boolean, prefix: string, error: unknown): number {
  const usage = error instanceof UsageError;
  const exitCode = usage ? EXIT_USAGE : EXIT_FAILURE;
  const message = messageOf(error);
  ctx.stderr.write(`${prefix}: ${message}\n`);
  if (usage) {
    const help = prefix === 'tensile' ? 'tensile --help' : `${prefix} --help`;
    ctx.stderr.write(`Run '${help}' for usage.\n`);
  } else if (!(error instanceof CliError) && ctx.env.TENSILE_DEBUG && error instanceof Error) {
    ctx.stderr.write(`${error.stack ?? ''}\n`);
  }
  if (json) printJson(ctx, { error: { message, exitCode } });
  return exitCode;
}

/**
 * Runs the CLI on `argv` (the arguments after `tensile`) and resolves to the exit code. Never
 * throws and never calls process.exit, so it can be called from tests and other programs.
 */
export async function main(argv: readonly string[], io: CliIO = {}): Promise<number> {
  const ctx = makeContext(io);
  const [name, ...rest] = argv;
  const json = jsonRequested(argv);
  if (name === undefined) {
    ctx.stderr.write(topLevelHelp());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') {
    ctx.stdout.write(topLevelHelp());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    if (json) printJson(ctx, { version: version() });
    else ctx.stdout.write(`${version()}\n`);
    return EXIT_OK;
  }
  if (name === 'help') {
    const topic = rest.find((a) => !a.startsWith('-'));
    const target = COMMANDS.find((c) => c.spec.name === topic);
    if (topic !== undefined && target === undefined) {
      return fail(ctx, json, 'tensile', unknownCommand(topic));
    }
    ctx.stdout.write(target === undefined ? topLevelHelp() : formatHelp(target.spec));
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (command === undefined) return fail(ctx, json, 'tensile', unknownCommand(name));
  if (wantsHelp(rest)) {
    ctx.stdout.write(formatHelp(command.spec));
    return EXIT_OK;
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    return fail(ctx, json, commandName(command.spec), error);
  }
}

function unknownCommand(name: string): UsageError {
  const names = COMMANDS.map((c) => c.spec.name);
  const suggestion = closest(name, [...names, 'help']);
  const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
  const what = name.startsWith('-') ? `unknown flag '${name}'` : `unknown command '${name}'${hint}`;
  return new UsageError('tensile', `${what}; commands: ${names.join(', ')}`);
}
