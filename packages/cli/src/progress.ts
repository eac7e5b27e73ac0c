// The training display on stderr (stdout is kept for results). On a terminal: a live bar per epoch,
// redrawn at most every 100 ms, with the epoch's ETA, the whole run's elapsed time and the running
// loss and accuracy; each finished epoch leaves one line. Off a terminal (a log file, CI): only the
// per-epoch lines. Under --json or --quiet: nothing.
import type { callbacks } from '@tensile/layers';
import type { OutputStream } from './context.js';

type Callback = callbacks.Callback;
type Logs = callbacks.Logs;
type TrainingParams = callbacks.TrainingParams;

export type ProgressMode = 'bar' | 'lines' | 'quiet';

/** The metrics of one finished epoch, as the run records them. */
export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** The learning rate at the end of the epoch. */
  lr: number;
  seconds: number;
}

export function progressMode(stream: OutputStream, quiet: boolean): ProgressMode {
  if (quiet) return 'quiet';
  return stream.isTTY === true ? 'bar' : 'lines';
}

/** `75ms`, `4.2s`, `42.0s`, `1:05`, `1:02:03`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export const percent = (fraction: number, digits = 2): string =>
  `${(fraction * 100).toFixed(digits)}%`;

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

export class Progress {
  private epoch = 0;
  private steps = 1;
  private epochStart = 0;
  private lastDraw = 0;
  private drawn = false;
  private readonly runStart = Date.now();
  private readonly epochSeconds: number[] = [];

  constructor(
    private readonly stream: OutputStream,
    readonly mode: ProgressMode,
    private readonly totalEpochs: number,
  ) {}

  epochBegin(epoch: number, steps: number): void {
    this.epoch = epoch;
    this.steps = Math.max(1, steps);
    this.epochStart = Date.now();
    this.lastDraw = 0;
  }

  /** After batch `done` of the epoch (1-based), with the running epoch loss and accuracy. */
  batch(done: number, loss: number, accuracy: () => number): void {
    if (this.mode !== 'bar') return;
    const now = Date.now();
    if (done < this.steps && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const elapsed = now - this.epochStart;
    const eta = (elapsed / done) * (this.steps - done);
    const filled = Math.round((done / this.steps) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const count = `${String(done).padStart(String(this.steps).length)}/${this.steps}`;
    const text =
      `Epoch ${this.epochLabel()} ${bar} ${count} · ETA ${formatDuration(eta)} · ` +
      `loss ${loss.toFixed(4)} · acc ${percent(accuracy())} · total ${formatDuration(now - this.runStart)}`;
    this.draw(text);
  }

  epochEnd(record: EpochRecord, improved: boolean): void {
    this.epochSeconds.push(record.seconds);
    if (this.mode === 'quiet') return;
    const line =
      `Epoch ${this.epochLabel()} · ${formatDuration(record.seconds * 1000).padStart(5)} · ` +
      `loss ${record.loss.toFixed(4)} · acc ${percent(record.accuracy)} · ` +
      `val_loss ${record.valLoss.toFixed(4)} · val_acc ${percent(record.valAccuracy)} · ` +
      `lr ${Number(record.lr.toPrecision(3))}${improved ? ' · best' : ''}`;
    this.clear();
    this.stream.write(`${line}\n`);
  }

  /** A message between epochs (early stopping, a restore). */
  note(text: string): void {
    if (this.mode === 'quiet') return;
    this.clear();
    this.stream.write(`${text}\n`);
  }

  /** A fit callback that feeds the bar from the batch logs. */
  callback(): Callback {
    return {
      setParams: (params: TrainingParams) => {
        this.steps = Math.max(1, params.steps);
      },
      onBatchEnd: (batch: number, logs: Logs) => {
        // logs.accuracy is computed lazily by fit: read it only when the bar is redrawn.
        this.batch(batch + 1, logs.loss, () => logs.accuracy ?? NaN);
      },
    };
  }

  private epochLabel(): string {
    const total = String(this.totalEpochs);
    return `${String(this.epoch + 1).padStart(total.length)}/${total}`;
  }

  private draw(text: string): void {
    const columns = this.stream.columns ?? 120;
    this.stream.write(`\r${text.slice(0, Math.max(20, columns - 1))}\x1b[K`);
    this.drawn = true;
  }

  private clear(): void {
    if (!this.drawn) return;
    this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
