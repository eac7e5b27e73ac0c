import { describe, expect, it } from 'vitest';
import { closest, defineCommand, parseCommandArgs, wantsHelp } from '../src/args.js';
import { formatHelp } from '../src/help.js';
import { UsageError } from '../src/errors.js';

const spec = defineCommand({
  name: 'demo',
  summary: 'a command for the parser tests',
  description: 'Exercises every kind of flag.',
  positionals: [
    { name: 'dataset', description: 'the data set', choices: ['mnist'] },
    { name: 'extra', description: 'optional', required: false },
  ],
  flags: {
    epochs: { kind: 'integer', min: 1, description: 'epochs' },
    seed: { kind: 'integer', min: 0, default: 1, description: 'seed' },
    rate: { kind: 'number', min: 0, max: 1, exclusiveMax: true, description: 'a rate' },
    lr: { kind: 'number', min: 0, exclusiveMin: true, description: 'learning rate' },
    split: {
      kind: 'number',
      min: 0,
      max: 1,
      exclusiveMin: true,
      exclusiveMax: true,
      description: 'a fraction',
    },
    backend: { kind: 'choice', choices: ['wasm', 'cpu'], description: 'backend' },
    hidden: { kind: 'integerList', min: 1, description: 'widths' },
    out: { kind: 'string', description: 'a path' },
    quiet: { kind: 'boolean', description: 'less output' },
  },
  examples: ['tensile demo mnist'],
});

function usageError(argv: string[]): UsageError {
  try {
    parseCommandArgs(spec, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCommandArgs', () => {
  it('converts every kind of value and fills defaults', () => {
    const { flags, positionals, given } = parseCommandArgs(spec, [
      'mnist',
      '--epochs',
      '5',
      '--rate=0.25',
      '--lr',
      '1e-3',
      '--split',
      '.2',
      '--backend',
      'cpu',
      '--hidden',
      '256,128',
      '--out',
      'runs/a',
      '--quiet',
      '--json',
    ]);
    expect(positionals).toEqual(['mnist']);
    expect(flags).toMatchObject({
      epochs: 5,
      seed: 1,
      rate: 0.25,
      lr: 0.001,
      split: 0.2,
      backend: 'cpu',
      hidden: [256, 128],
      out: 'runs/a',
      quiet: true,
      json: true,
      help: false,
    });
    expect(given.has('seed')).toBe(false);
    expect(given.has('epochs')).toBe(true);
  });

  it('leaves flags without a default undefined and booleans false', () => {
    const { flags } = parseCommandArgs(spec, ['mnist']);
    expect(flags.epochs).toBeUndefined();
    expect(flags.backend).toBeUndefined();
    expect(flags.quiet).toBe(false);
    expect(flags.json).toBe(false);
  });

  it.each([
    [['--epochs', 'abc'], "--epochs must be a positive integer, got 'abc'"],
    [['--epochs', '0'], "--epochs must be a positive integer, got '0'"],
    [['--epochs', '2.5'], "--epochs must be a positive integer, got '2.5'"],
    [['--seed', '-1'], "--seed must be a non-negative integer, got '-1'"],
    [['--rate', '1'], "--rate must be a number in [0, 1), got '1'"],
    [['--rate', 'half'], "--rate must be a number in [0, 1), got 'half'"],
    [['--lr', '0'], "--lr must be a positive number, got '0'"],
    [['--lr', 'Infinity'], "--lr must be a positive number, got 'Infinity'"],
    [['--split', '0'], "--split must be a number in (0, 1), got '0'"],
    [['--backend', 'gpu'], "--backend must be one of wasm, cpu, got 'gpu'"],
    [['--backend', 'wsam'], "--backend must be one of wasm, cpu, got 'wsam' (did you mean wasm?)"],
    [
      ['--hidden', '256,x'],
      "--hidden must be a comma-separated list of positive integers, got '256,x'",
    ],
    [['--out', ''], "--out must be a non-empty string, got ''"],
  ])('rejects %j with a message naming the flag and the text', (flags, message) => {
    const error = usageError(['mnist', ...flags]);
    expect(error.message).toBe(message);
    expect(error.command).toBe('tensile demo');
  });

  it('rejects unknown flags, suggesting the closest', () => {
    expect(usageError(['mnist', '--epoch', '3']).message).toBe(
      "unknown flag '--epoch' (did you mean --epochs?)",
    );
    expect(usageError(['mnist', '--frobnicate']).message).toBe("unknown flag '--frobnicate'");
    expect(usageError(['mnist', '-x']).message).toBe("unknown flag '-x'");
  });

  it('rejects a value flag without a value, even when another flag follows', () => {
    expect(usageError(['mnist', '--epochs']).message).toBe(
      '--epochs needs a value: --epochs <value>',
    );
    expect(usageError(['mnist', '--epochs', '--json']).message).toBe(
      '--epochs needs a value: --epochs <value>',
    );
  });

  it('accepts a negative-looking value that is not a flag, then checks its range', () => {
    expect(usageError(['mnist', '--seed', '-5']).message).toBe(
      "--seed must be a non-negative integer, got '-5'",
    );
  });

  it('rejects a boolean flag with a value and a flag given twice', () => {
    expect(usageError(['mnist', '--quiet=yes']).message).toBe("--quiet takes no value, got 'yes'");
    expect(usageError(['mnist', '--epochs', '1', '--epochs', '2']).message).toBe(
      '--epochs is given more than once',
    );
  });

  it('checks positional arguments', () => {
    expect(usageError([]).message).toBe('missing <dataset>: the data set');
    expect(usageError(['cifar']).message).toBe("<dataset> must be one of mnist, got 'cifar'");
    expect(usageError(['mnst']).message).toBe(
      "<dataset> must be one of mnist, got 'mnst' (did you mean mnist?)",
    );
    expect(usageError(['mnist', 'a', 'b']).message).toBe("unexpected argument 'b'");
    expect(parseCommandArgs(spec, ['mnist', 'a']).positionals).toEqual(['mnist', 'a']);
  });

  it('takes arguments after -- as positionals', () => {
    expect(parseCommandArgs(spec, ['mnist', '--', '--not-a-flag']).positionals).toEqual([
      'mnist',
      '--not-a-flag',
    ]);
  });
});

describe('help', () => {
  it('is generated from the spec: usage, arguments, every flag with its default, examples', () => {
    const help = formatHelp(spec);
    expect(help).toMatch(/^Usage: tensile demo <dataset> \[extra\] \[flags\]\n/);
    expect(help).toContain('Exercises every kind of flag.');
    expect(help).toContain('dataset');
    expect(help).toContain('(one of: mnist)');
    for (const flag of [
      '--epochs',
      '--seed',
      '--rate',
      '--backend <wasm|cpu>',
      '--json',
      '-h, --help',
    ]) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('(default: 1)');
    expect(help).toContain('Examples:\n  tensile demo mnist');
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('is requested by --help or -h anywhere before --', () => {
    expect(wantsHelp(['mnist', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
    expect(wantsHelp(['mnist'])).toBe(false);
  });
});

describe('closest', () => {
  it('suggests within a few edits or by prefix, and nothing for unrelated words', () => {
    expect(closest('trian', ['train', 'evaluate'])).toBe('train');
    expect(closest('eval', ['train', 'evaluate'])).toBe('evaluate');
    expect(closest('zzz', ['train', 'evaluate'])).toBeUndefined();
  });
});
