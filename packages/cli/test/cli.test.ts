// The command line as a user meets it: help for every command, exit codes, error messages.
import { describe, expect, it } from 'vitest';
import { COMMANDS, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../src/index.js';
import { run } from './helpers/run.js';

describe('tensile', () => {
  it('prints the command list for --help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/^Usage: tensile <command>/);
    for (const name of ['train', 'evaluate', 'predict', 'bench'])
      expect(r.stdout).toContain(`  ${name} `);
    expect(r.stdout).toContain(
      'Exit codes: 0 success, 1 the command failed, 2 invalid command line.',
    );
  });

  it('prints the help on stderr and exits 2 without a command', async () => {
    const r = await run([]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: tensile <command>/);
  });

  it('prints its version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rejects an unknown command with a suggestion and exit code 2', async () => {
    const r = await run(['trian', 'mnist']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain("tensile: unknown command 'trian' (did you mean 'train'?)");
    expect(r.stderr).toContain("Run 'tensile --help' for usage.");
  });

  it('answers help <command> like <command> --help', async () => {
    const a = await run(['help', 'train']);
    const b = await run(['train', '--help']);
    expect(a.code).toBe(EXIT_OK);
    expect(a.stdout).toBe(b.stdout);
    expect((await run(['help', 'nope'])).code).toBe(EXIT_USAGE);
  });
});

describe.each(COMMANDS.map((c) => [c.spec.name]))('tensile %s --help', (name) => {
  it('prints usage, every flag and examples, and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run([name, flag]);
      expect(r.code).toBe(EXIT_OK);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^Usage: tensile ${name}`));
      expect(r.stdout).toContain('--json');
      expect(r.stdout).toContain('Examples:');
    }
  });

  it('wins over invalid flags', async () => {
    const r = await run([name, '--bogus', '--help']);
    expect(r.code).toBe(EXIT_OK);
  });

  it('rejects an unknown flag with exit code 2 and a pointer to --help', async () => {
    const r = await run([name, '--bogus']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain(`tensile ${name}: unknown flag '--bogus'`);
    expect(r.stderr).toContain(`Run 'tensile ${name} --help' for usage.`);
    expect(r.stdout).toBe('');
  });
});

describe('tensile train: invalid command lines exit 2 before any work', () => {
  it.each([
    [
      ['train', 'mnist', '--epochs', 'abc'],
      "tensile train: --epochs must be a positive integer, got 'abc'",
    ],
    [
      ['train', 'mnist', '--batch-size', '0'],
      "tensile train: --batch-size must be a positive integer, got '0'",
    ],
    [['train', 'mnist', '--lr', '-1'], "tensile train: --lr must be a positive number, got '-1'"],
    [
      ['train', 'mnist', '--dropout', '1.5'],
      "tensile train: --dropout must be a number in [0, 1), got '1.5'",
    ],
    [
      ['train', 'mnist', '--backend', 'gpu'],
      "tensile train: --backend must be one of wasm, cpu, got 'gpu'",
    ],
    [
      ['train', 'mnist', '--regularization', 'l3'],
      'tensile train: --regularization must be one of dropout, l2, none',
    ],
    [['train', 'mnist', '--optimizer', 'adamm'], '(did you mean adam?)'],
    [
      ['train', 'mnist', '--validation-split', '1'],
      "tensile train: --validation-split must be a number in (0, 1), got '1'",
    ],
    [['train'], 'tensile train: missing <dataset>'],
    [['train', 'cifar10'], "tensile train: <dataset> must be one of mnist, got 'cifar10'"],
    [['train', 'mnist', 'extra'], "tensile train: unexpected argument 'extra'"],
    [
      ['train', 'mnist', '--l2', '1e-4'],
      'tensile train: --l2 applies only with --regularization l2',
    ],
    [
      ['train', 'mnist', '--regularization', 'l2', '--dropout', '0.5'],
      'tensile train: --dropout applies only',
    ],
    [
      ['train', 'mnist', '--model', 'logistic', '--hidden', '64'],
      'tensile train: --hidden applies only to --model mlp',
    ],
    [
      ['train', 'mnist', '--momentum', '0.9'],
      'tensile train: --momentum applies only to --optimizer sgd or rmsprop',
    ],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('ends with a JSON error object under --json', async () => {
    const r = await run(['train', 'mnist', '--epochs', 'abc', '--json']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.json()).toEqual({
      error: { message: "--epochs must be a positive integer, got 'abc'", exitCode: EXIT_USAGE },
    });
  });
});

describe('runtime failures exit 1', () => {
  it('evaluate on a missing directory', async () => {
    const r = await run(['evaluate', '/nonexistent/tensile-model', '--json']);
    expect(r.code).toBe(EXIT_FAILURE);
    expect(r.stderr).toContain('tensile evaluate: no such directory: /nonexistent/tensile-model');
    expect(r.json()).toMatchObject({ error: { exitCode: EXIT_FAILURE } });
  });

  it('predict on a directory without a model', async () => {
    const r = await run(['predict', '.', '7']);
    expect(r.code).toBe(EXIT_FAILURE);
    expect(r.stderr).toContain('holds no model.json');
  });

  it('evaluate without its argument is a usage error', async () => {
    const r = await run(['evaluate']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain('tensile evaluate: missing <model-dir>');
  });
});

describe('tensile train --threads', () => {
  it('is refused on the single-threaded cpu backend', async () => {
    const r = await run(['train', 'mnist', '--backend', 'cpu', '--threads', '2']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain(
      'tensile train: --threads applies to the wasm backend; the active backend is cpu',
    );
  });
});
