// csvLogger: one CSV row per epoch (epoch, then the log keys sorted, as Keras), written as it goes.
import { appendFile, writeFile } from 'node:fs/promises';
import * as tl from '@tensile/core';
import { localPath } from '../io/paths.js';
import type { Callback, Logs } from './callback.js';

export interface CsvLoggerOptions {
  filename: string;
  /** Default ','. */
  separator?: string;
  /** Append to an existing file instead of overwriting it; default false. */
  append?: boolean;
}

export class CsvLogger implements Callback {
  private keys: string[] | null = null;
  private readonly path: string;

  constructor(private readonly options: CsvLoggerOptions) {
    if (typeof options?.filename !== 'string' || options.filename === '') {
      throw tl.invalidArgument('csvLogger', 'filename', 'a non-empty string', options?.filename);
    }
    this.path = localPath('csvLogger', options.filename);
  }

  async onTrainBegin(): Promise<void> {
    this.keys = null;
    if (!this.options.append) await writeFile(this.path, '');
  }

  async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    const sep = this.options.separator ?? ',';
    let text = '';
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      const existing = this.options.append ? await fileSize(this.path) : 0;
      if (existing === 0) text += ['epoch', ...this.keys].join(sep) + '\n';
    }
    text +=
      [String(epoch), ...this.keys.map((k) => (logs[k] === undefined ? '' : String(logs[k])))].join(
        sep,
      ) + '\n';
    await appendFile(this.path, text);
  }
}

async function fileSize(path: string): Promise<number> {
  const { stat } = await import('node:fs/promises');
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export const csvLogger = (options: CsvLoggerOptions): CsvLogger => new CsvLogger(options);
