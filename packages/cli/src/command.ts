// The shape every subcommand has: its spec (for help and dispatch) and a run function that parses
// its own arguments with that spec and returns the exit code.
import type { CommandSpec } from './args.js';
import type { CliContext } from './context.js';

export interface Command {
  spec: CommandSpec;
  run(argv: readonly string[], ctx: CliContext): Promise<number>;
}
