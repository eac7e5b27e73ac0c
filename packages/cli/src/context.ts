// What a command runs against: its output streams and working directory. main() takes these as
// arguments so tests run commands in-process and read what they printed.
import { resolve } from 'node:path';

/** A writable text stream: process.stdout / process.stderr, or a test's collector. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Relative paths on the command line resolve against this. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export type CliIO = Partial<CliContext>;

export function makeContext(io: CliIO = {}): CliContext {
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
  };
}

export function resolvePath(ctx: CliContext, path: string): string {
  return resolve(ctx.cwd, path);
}

/** Prints the machine-readable result: one JSON line (non-finite numbers become null). */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(
    `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`,
  );
}
