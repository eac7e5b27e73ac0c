import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../src/progress.js';
import { Progress, formatDuration, progressMode } from '../src/progress.js';

class Tty {
  text = '';
  isTTY = true;
  columns = 200;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

const record: EpochRecord = {
  epoch: 1,
  loss: 0.25,
  accuracy: 0.9,
  valLoss: 0.2,
  valAccuracy: 0.93,
  lr: 0.001,
  seconds: 12.5,
};

describe('Progress', () => {
  it('draws a live bar with ETA and metrics on a terminal, then leaves one line per epoch', () => {
    const tty = new Tty();
    const progress = new Progress(tty, progressMode(tty, false), 20);
    expect(progress.mode).toBe('bar');
    progress.epochBegin(0, 10);
    const callback = progress.callback();
    callback.onBatchEnd?.(9, { loss: 0.3, accuracy: 0.88 });
    const ESC = String.fromCharCode(27);
    expect(tty.text.startsWith('\rEpoch  1/20 █')).toBe(true);
    expect(tty.text).toContain(' 10/10 · ETA ');
    expect(tty.text).toContain(' · loss 0.3000 · acc 88.00% · total ');
    expect(tty.text.endsWith(`${ESC}[K`)).toBe(true);
    progress.epochEnd(record, true);
    expect(tty.text).toContain('\r\x1b[K');
    expect(
      tty.text.endsWith(
        'Epoch  1/20 · 12.5s · loss 0.2500 · acc 90.00% · val_loss 0.2000 · val_acc 93.00% · lr 0.001 · best\n',
      ),
    ).toBe(true);
  });

  it('redraws at most every 100 ms but always draws the last batch', () => {
    const tty = new Tty();
    const progress = new Progress(tty, 'bar', 1);
    progress.epochBegin(0, 1000);
    for (let b = 1; b <= 999; b++) progress.batch(b, 0.1, () => 0.5);
    const draws = tty.text.split('\r').length - 1;
    expect(draws).toBeLessThan(5);
    progress.batch(1000, 0.1, () => 0.5);
    expect(tty.text).toContain('1000/1000');
  });

  it('prints only the epoch lines off a terminal, and nothing when quiet', () => {
    const log = {
      text: '',
      write(t: string) {
        this.text += t;
      },
    };
    const lines = new Progress(log, progressMode(log, false), 3);
    expect(lines.mode).toBe('lines');
    lines.epochBegin(0, 5);
    lines.batch(5, 0.1, () => 0.5);
    lines.epochEnd(record, false);
    lines.note('Restored the weights of epoch 1.');
    expect(log.text).toBe(
      'Epoch 1/3 · 12.5s · loss 0.2500 · acc 90.00% · val_loss 0.2000 · val_acc 93.00% · lr 0.001\nRestored the weights of epoch 1.\n',
    );
    const quiet = {
      text: '',
      isTTY: true,
      write(t: string) {
        this.text += t;
      },
    };
    const q = new Progress(quiet, progressMode(quiet, true), 3);
    q.epochBegin(0, 5);
    q.batch(5, 0.1, () => 0.5);
    q.epochEnd(record, true);
    expect(quiet.text).toBe('');
  });
});

describe('formatDuration', () => {
  it.each([
    [75, '75ms'],
    [4200, '4.2s'],
    [42_000, '42.0s'],
    [65_000, '1:05'],
    [3_723_000, '1:02:03'],
    [NaN, '?'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
