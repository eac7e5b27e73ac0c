// The two ways a command fails, told apart by their exit codes: a usage error (the command line
// itself is wrong: exit 2, with a pointer to --help) and a runtime failure (the command line was
// fine but the work failed: exit 1).

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line is wrong: unknown flag, bad value, missing argument. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  /** `command` is the full command name ('tensile train'), used for the message prefix. */
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
  }
}

/** The work failed for a reason the user can act on (missing file, unavailable backend). Exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** The message of anything thrown, without a stack. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
