#!/usr/bin/env node
// The `tensile` executable: runs main() and hands its exit code to Node.
import { main } from './main.js';

// `tensile … | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// Ctrl-C during training: end the progress bar's line so the shell prompt starts on its own, and
// exit with the conventional 128 + SIGINT.
process.on('SIGINT', () => {
  process.stderr.write('\ninterrupted\n');
  process.exit(130);
});

process.exitCode = await main(process.argv.slice(2));

// A backend's worker threads must not keep a finished command alive: once stdout and stderr have
// drained, leave even if some handle is still open. The timer is unref'd, so it never delays an
// exit that would happen anyway.
setTimeout(() => process.exit(), 2000).unref();
