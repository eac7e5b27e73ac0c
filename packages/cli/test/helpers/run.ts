// Runs the CLI in-process and collects what it printed.
import type { OutputStream } from '../../src/index.js';
import { main } from '../../src/index.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The last line of stdout parsed as JSON (for --json runs). */
  json: () => Record<string, unknown>;
}

class Collector implements OutputStream {
  text = '';
  isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export async function run(argv: string[], cwd = process.cwd()): Promise<RunResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await main(argv, { stdout, stderr, cwd, env: {} });
  return {
    code,
    stdout: stdout.text,
    stderr: stderr.text,
    json: () => {
      const lines = stdout.text.trimEnd().split('\n');
      return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    },
  };
}
