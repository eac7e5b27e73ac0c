// A small typed flag parser over node:util's parseArgs. Each command declares its flags once (kind,
// range, choices, default, description); from that one spec come the typed values, the value
// checks with messages that name the flag and the offending text, and the --help text. parseArgs
// runs non-strict with tokens so that unknown flags, missing values and repeated flags get our
// messages (with a "did you mean") instead of Node's, and always exit 2.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

interface FlagBase {
  description: string;
  /** One-letter alias (`-h`). */
  short?: string;
  /** The placeholder shown in help (`--epochs <n>`). */
  valueName?: string;
  /** Shown in help as the default when the default is not a fixed value (e.g. "per recipe"). */
  defaultText?: string;
}

export interface BooleanFlag extends FlagBase {
  kind: 'boolean';
}
export interface StringFlag extends FlagBase {
  kind: 'string';
  default?: string;
}
export interface ChoiceFlag<C extends string = string> extends FlagBase {
  kind: 'choice';
  choices: readonly C[];
  default?: C;
}
export interface IntegerFlag extends FlagBase {
  kind: 'integer';
  min?: number;
  max?: number;
  default?: number;
}
export interface NumberFlag extends FlagBase {
  kind: 'number';
  min?: number;
  max?: number;
  /** min itself is excluded. */
  exclusiveMin?: boolean;
  /** max itself is excluded. */
  exclusiveMax?: boolean;
  default?: number;
}
export interface IntegerListFlag extends FlagBase {
  kind: 'integerList';
  min?: number;
  default?: readonly number[];
}

export type FlagSpec =
  BooleanFlag | StringFlag | ChoiceFlag | IntegerFlag | NumberFlag | IntegerListFlag;

export interface PositionalSpec {
  name: string;
  description: string;
  /** Default true. */
  required?: boolean;
  choices?: readonly string[];
}

export interface CommandSpec<F extends Record<string, FlagSpec> = Record<string, FlagSpec>> {
  /** The subcommand ('train'). */
  name: string;
  /** One line, for `tensile --help`. */
  summary: string;
  /** Paragraphs after the usage line. */
  description: string;
  positionals: readonly PositionalSpec[];
  flags: F;
  examples: readonly string[];
}

type ValueOf<S extends FlagSpec> = S extends BooleanFlag
  ? boolean
  : S extends ChoiceFlag<infer C>
    ? C
    : S extends IntegerFlag | NumberFlag
      ? number
      : S extends IntegerListFlag
        ? number[]
        : string;

/** The parsed flags: booleans are always set; a value flag is undefined unless it has a default. */
export type FlagValues<F extends Record<string, FlagSpec>> = {
  [K in keyof F]: F[K] extends BooleanFlag
    ? boolean
    : F[K] extends { default: unknown }
      ? ValueOf<F[K]>
      : ValueOf<F[K]> | undefined;
};

/** Flags every command accepts. */
export const COMMON_FLAGS = {
  json: {
    kind: 'boolean',
    description: 'print one JSON object with the results as the last line of stdout (no progress)',
  },
  help: { kind: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies Record<string, FlagSpec>;

export interface ParsedArgs<F extends Record<string, FlagSpec>> {
  flags: FlagValues<F & typeof COMMON_FLAGS>;
  /** The positional arguments, in order. */
  positionals: string[];
  /** The flags given on the command line (not defaulted). */
  given: ReadonlySet<string>;
}

/** Keeps the literal types of a command spec (choices, defaults) for `parseCommandArgs`. */
export function defineCommand<const F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
): CommandSpec<F> {
  return spec;
}

const PROGRAM = 'tensile';

export function commandName(spec: CommandSpec): string {
  return `${PROGRAM} ${spec.name}`;
}

export function allFlags<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
): Record<string, FlagSpec> {
  return { ...spec.flags, ...COMMON_FLAGS };
}

/** True when the command line asks for help (before any `--`), whatever else it holds. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** Edit distance with adjacent transpositions (optimal string alignment), for "did you mean". */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate within a few edits (or one that extends what was typed), if any. */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(typed) && typed.length >= 2 ? 0.5 : editDistance(typed, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // One edit turns 'gpu' into 'cpu': too short a word to guess at.
  const tolerance =
    typed.length <= 3 ? 0.5 : Math.max(1, Math.min(3, Math.floor(typed.length / 3)));
  return bestDistance <= tolerance ? best : undefined;
}

const didYouMean = (suggestion: string | undefined): string =>
  suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function describeInteger(spec: IntegerFlag | IntegerListFlag): string {
  const max = spec.kind === 'integer' ? spec.max : undefined;
  if (spec.min !== undefined && max !== undefined) return `an integer in [${spec.min}, ${max}]`;
  if (spec.min === 1) return 'a positive integer';
  if (spec.min === 0) return 'a non-negative integer';
  if (spec.min !== undefined) return `an integer ≥ ${spec.min}`;
  return 'an integer';
}

function describeNumber(spec: NumberFlag): string {
  const { min, max, exclusiveMin, exclusiveMax } = spec;
  if (min !== undefined && max !== undefined) {
    return `a number in ${exclusiveMin ? '(' : '['}${min}, ${max}${exclusiveMax ? ')' : ']'}`;
  }
  if (min === 0) return exclusiveMin ? 'a positive number' : 'a non-negative number';
  if (min !== undefined) return `a number ${exclusiveMin ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `a number ${exclusiveMax ? '<' : '≤'} ${max}`;
  return 'a number';
}

function parseInteger(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function inIntegerRange(value: number, spec: IntegerFlag | IntegerListFlag): boolean {
  const max = spec.kind === 'integer' ? spec.max : undefined;
  return (spec.min === undefined || value >= spec.min) && (max === undefined || value <= max);
}

type FlagValue = boolean | string | number | number[];

/** Converts and checks one flag's text; throws a UsageError naming the flag and the text. */
function convert(command: string, name: string, spec: FlagSpec, text: string): FlagValue {
  const fail = (expected: string, extra = ''): UsageError =>
    new UsageError(command, `--${name} must be ${expected}, got '${text}'${extra}`);
  switch (spec.kind) {
    case 'boolean':
      return true;
    case 'string':
      if (text === '') throw fail('a non-empty string');
      return text;
    case 'choice': {
      if ((spec.choices as readonly string[]).includes(text)) return text;
      throw fail(`one of ${spec.choices.join(', ')}`, didYouMean(closest(text, spec.choices)));
    }
    case 'integer': {
      const value = parseInteger(text);
      if (value === undefined || !inIntegerRange(value, spec)) throw fail(describeInteger(spec));
      return value;
    }
    case 'number': {
      const value = NUMBER.test(text) ? Number(text) : NaN;
      const { min, max, exclusiveMin, exclusiveMax } = spec;
      const ok =
        Number.isFinite(value) &&
        (min === undefined || (exclusiveMin ? value > min : value >= min)) &&
        (max === undefined || (exclusiveMax ? value < max : value <= max));
      if (!ok) throw fail(describeNumber(spec));
      return value;
    }
    case 'integerList': {
      const parts = text.split(',').map((p) => p.trim());
      const values = parts.map(parseInteger);
      if (parts.length === 0 || values.some((v) => v === undefined || !inIntegerRange(v, spec))) {
        throw fail(`a comma-separated list of ${describeInteger(spec).replace(/^an? /, '')}s`);
      }
      return values as number[];
    }
  }
}

export function defaultOf(spec: FlagSpec): FlagValue | undefined {
  if (spec.kind === 'boolean') return false;
  if (spec.kind === 'integerList')
    return spec.default === undefined ? undefined : [...spec.default];
  return spec.default;
}

/**
 * Parses `argv` (the arguments after the command name) against the command's spec. Throws a
 * UsageError for unknown flags, missing or malformed values, repeated flags, and missing or extra
 * positional arguments.
 */
export function parseCommandArgs<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  argv: readonly string[],
): ParsedArgs<F> {
  const command = commandName(spec);
  const flags = allFlags(spec);
  const names = Object.keys(flags);
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = { type: flag.kind === 'boolean' ? 'boolean' : 'string' };
    if (flag.short !== undefined) options[name].short = flag.short;
  }
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, FlagValue | undefined> = {};
  for (const [name, flag] of Object.entries(flags)) values[name] = defaultOf(flag);
  const given = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const flag = flags[token.name];
    if (flag === undefined) {
      const suggestion = closest(token.name, names);
      throw new UsageError(
        command,
        `unknown flag '${token.rawName}'${didYouMean(suggestion === undefined ? undefined : `--${suggestion}`)}`,
      );
    }
    if (given.has(token.name)) {
      throw new UsageError(command, `--${token.name} is given more than once`);
    }
    given.add(token.name);
    if (flag.kind === 'boolean') {
      if (token.value !== undefined) {
        throw new UsageError(command, `--${token.name} takes no value, got '${token.value}'`);
      }
      values[token.name] = true;
      continue;
    }
    const text = token.value;
    const placeholder = `<${flag.valueName ?? 'value'}>`;
    if (text === undefined || (text.startsWith('--') && text.slice(2).split('=')[0] in flags)) {
      throw new UsageError(
        command,
        `--${token.name} needs a value: --${token.name} ${placeholder}`,
      );
    }
    values[token.name] = convert(command, token.name, flag, text);
  }
  checkPositionals(command, spec.positionals, positionals);
  return { flags: values as FlagValues<F & typeof COMMON_FLAGS>, positionals, given };
}

function checkPositionals(
  command: string,
  specs: readonly PositionalSpec[],
  positionals: readonly string[],
): void {
  specs.forEach((p, i) => {
    const value = positionals[i];
    if (value === undefined) {
      if (p.required !== false)
        throw new UsageError(command, `missing <${p.name}>: ${p.description}`);
      return;
    }
    if (p.choices !== undefined && !p.choices.includes(value)) {
      throw new UsageError(
        command,
        `<${p.name}> must be one of ${p.choices.join(', ')}, got '${value}'${didYouMean(closest(value, p.choices))}`,
      );
    }
  });
  if (positionals.length > specs.length) {
    const extra = positionals.slice(specs.length);
    throw new UsageError(
      command,
      `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => `'${a}'`).join(' ')}`,
    );
  }
}
