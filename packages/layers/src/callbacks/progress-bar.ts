// The progress display of `fit` (Keras's ProgbarLogger). verbose 1 on a terminal: a live bar on
// stderr, redrawn at most every 100 ms, with the ETA and the running loss and metrics. verbose 1
// off a terminal, and verbose 2: one line per epoch on stdout. verbose 0: nothing.
import type { LayersModel } from '../model/model.js';
import type { Callback, Logs, TrainingParams } from './callback.js';
import { formatDuration, formatLogs } from './format.js';

/** Where the display writes: a Node stream such as process.stderr, or any object like it. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBarOptions {
  /** The live bar's stream; default process.stderr (the bar shows only when it is a TTY). */
  stream?: OutputStream;
  /** Where the per-epoch lines go; default process.stdout. */
  lineStream?: OutputStream;
  /** Minimum time between redraws, ms; default 100. */
  interval?: number;
}

const nodeStream = (name: 'stdout' | 'stderr'): OutputStream | undefined =>
  typeof process === 'undefined' ? undefined : process[name];

export class ProgressBar implements Callback {
  private params?: TrainingParams;
  private readonly stream?: OutputStream;
  private readonly lineStream?: OutputStream;
  private readonly interval: number;
  private epochStart = 0;
  private lastDraw = 0;
  private epoch = 0;

  constructor(options: ProgressBarOptions = {}) {
    this.stream = options.stream ?? nodeStream('stderr');
    this.lineStream = options.lineStream ?? nodeStream('stdout');
    this.interval = options.interval ?? 100;
  }

  setModel(_model: LayersModel): void {}

  setParams(params: TrainingParams): void {
    this.params = params;
  }

  private get live(): boolean {
    return this.params?.verbose === 1 && this.stream?.isTTY === true;
  }

  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
    this.epochStart = Date.now();
    this.lastDraw = 0;
    if (this.live) this.stream?.write(`Epoch ${epoch + 1}/${this.params?.epochs}\n`);
  }

  onBatchEnd(batch: number, logs: Logs): void {
    if (!this.live) return;
    const now = Date.now();
    const steps = this.params?.steps ?? 1;
    if (batch + 1 < steps && now - this.lastDraw < this.interval) return;
    this.lastDraw = now;
    const done = batch + 1;
    const eta = ((now - this.epochStart) / done) * (steps - done);
    this.draw(`${this.bar(done, steps)} - ETA: ${formatDuration(eta)} - ${formatLogs(logs)}`);
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const p = this.params;
    if (p === undefined || p.verbose === 0) return;
    const elapsed = Date.now() - this.epochStart;
    const perStep = formatDuration(elapsed / Math.max(1, p.steps));
    if (this.live) {
      this.draw(
        `${this.bar(p.steps, p.steps)} - ${formatDuration(elapsed)} ${perStep}/step - ${formatLogs(logs)}`,
      );
      this.stream?.write('\n');
      return;
    }
    this.lineStream?.write(
      `Epoch ${epoch + 1}/${p.epochs} - ${formatDuration(elapsed)} - ${formatLogs(logs)}\n`,
    );
  }

  private bar(done: number, steps: number): string {
    const width = Math.max(10, Math.min(30, (this.stream?.columns ?? 80) - 70));
    const filled = Math.floor((done / steps) * width);
    const arrow = done < steps ? '>' : '=';
    const body =
      '='.repeat(Math.max(0, filled - 1)) + (filled > 0 ? arrow : '') + '.'.repeat(width - filled);
    const count = String(done).padStart(String(steps).length);
    return `${count}/${steps} [${body}]`;
  }

  /** Rewrites the current terminal line (carriage return, then clear to the end). */
  private draw(text: string): void {
    const columns = this.stream?.columns ?? 120;
    this.stream?.write(`\r${text.slice(0, Math.max(20, columns - 1))}\x1b[K`);
  }

  /** The epoch being shown (for tests). */
  get currentEpoch(): number {
    return this.epoch;
  }
}

/** The progress display (added by fit when verbose > 0; pass one to set its streams). */
export const progressBar = (options: ProgressBarOptions = {}): ProgressBar =>
  new ProgressBar(options);
