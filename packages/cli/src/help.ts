// The --help text of a command, generated from the same spec the parser uses, so the help cannot
// drift from what the command accepts: usage line, description, arguments, every flag with its
// placeholder and default, examples. Lines stay within 100 columns.
import type { CommandSpec, FlagSpec } from './args.js';
import { allFlags, commandName, defaultOf } from './args.js';

const HELP_WIDTH = 100;

/**
 * Greedy word wrap: lines of at most `width` characters of text, every line after the first
 * prefixed with `indent` spaces.
 */
export function wrap(text: string, width: number, indent: number): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function flagUsage(name: string, flag: FlagSpec): string {
  const short = flag.short === undefined ? '    ' : `-${flag.short}, `;
  if (flag.kind === 'boolean') return `${short}--${name}`;
  const placeholder =
    flag.valueName ??
    (flag.kind === 'choice'
      ? flag.choices.join('|')
      : flag.kind === 'integerList'
        ? 'n,n,…'
        : 'value');
  return `${short}--${name} <${placeholder}>`;
}

function flagDefault(flag: FlagSpec): string {
  if (flag.defaultText !== undefined) return ` (default: ${flag.defaultText})`;
  const value = defaultOf(flag);
  if (value === undefined || value === false) return '';
  return ` (default: ${Array.isArray(value) ? value.join(',') : String(value)})`;
}

function table(rows: readonly [string, string][]): string {
  const left = Math.min(34, Math.max(...rows.map(([l]) => l.length)) + 2);
  return rows
    .map(([l, r]) => {
      const pad = l.length + 2 > left ? `\n${' '.repeat(left + 2)}` : ' '.repeat(left - l.length);
      return `  ${l}${pad}${wrap(r, HELP_WIDTH - left - 2, left + 2)}`;
    })
    .join('\n');
}

/** The --help text of a command, generated from its spec. */
export function formatHelp(spec: CommandSpec): string {
  const positionals = spec.positionals
    .map((p) => (p.required === false ? `[${p.name}]` : `<${p.name}>`))
    .join(' ');
  const parts = [
    `Usage: ${commandName(spec)}${positionals === '' ? '' : ` ${positionals}`} [flags]`,
    '',
    spec.description
      .split('\n\n')
      .map((paragraph) =>
        // A list item ("- …") keeps its continuation lines under its text.
        paragraph.startsWith('- ')
          ? `- ${wrap(paragraph.slice(2), HELP_WIDTH - 2, 2)}`
          : wrap(paragraph, HELP_WIDTH, 0),
      )
      .join('\n\n'),
  ];
  if (spec.positionals.length > 0) {
    parts.push(
      '',
      'Arguments:',
      table(
        spec.positionals.map((p) => [
          p.name,
          p.description + (p.choices === undefined ? '' : ` (one of: ${p.choices.join(', ')})`),
        ]),
      ),
    );
  }
  const flags = allFlags(spec);
  parts.push(
    '',
    'Flags:',
    table(
      Object.entries(flags).map(([name, f]) => [
        flagUsage(name, f),
        f.description + flagDefault(f),
      ]),
    ),
  );
  if (spec.examples.length > 0) {
    parts.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  }
  return `${parts.join('\n')}\n`;
}
