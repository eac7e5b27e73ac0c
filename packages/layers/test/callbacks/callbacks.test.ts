// The callbacks: the hook protocol, history, earlyStopping (over @tensile/regularization's state
// machine), reduceLROnPlateau and learningRateScheduler (over @tensile/schedulers),
// modelCheckpoint, csvLogger and the progress bar.
import '@tensile/backend-cpu';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tl from '@tensile/core';
import { adam, sgd } from '@tensile/optimizers';
import { stepLR } from '@tensile/schedulers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Callback, LayersModel } from '../../src/index.js';
import { callbacks, layers, loadModel, sequential } from '../../src/index.js';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tensile-callbacks-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function setup(lr = 0.05) {
  const m = sequential([
    layers.dense({ units: 4, activation: 'tanh', inputShape: [3] }),
    layers.dense({ units: 1 }),
  ]);
  m.compile({ optimizer: adam({ lr }), loss: 'mse' });
  const x = tl.randomNormal([12, 3], 0, 1, 'float32', 1);
  const y = tl.randomNormal([12, 1], 0, 1, 'float32', 2);
  return { m, x, y, done: () => (tl.dispose([x, y]), m.dispose()) };
}

/** Writes a scripted value into the epoch logs (callbacks run in order and share the logs). */
const script = (name: string, values: number[]): Callback => ({
  onEpochEnd: (epoch, logs) => {
    logs[name] = values[epoch];
  },
});

const snapshot = (m: LayersModel) => m.weights.map((w) => Array.from(w.variable.dataSync()));

describe('callbacks', () => {
  it('calls the hooks in order, awaits async ones, and fit returns the history', async () => {
    const { m, x, y, done } = setup();
    const calls: string[] = [];
    let slow = false;
    const recorder: Callback = {
      setParams: (p) => void calls.push(`params steps=${p.steps} samples=${p.samples}`),
      onTrainBegin: () => void calls.push('trainBegin'),
      onEpochBegin: (e) => {
        expect(slow).toBe(e > 0);
        calls.push(`epochBegin ${e}`);
      },
      onBatchBegin: (b) => void calls.push(`batchBegin ${b}`),
      onBatchEnd: (b, logs) => void calls.push(`batchEnd ${b} ${logs.size}`),
      onEpochEnd: async (e, logs) => {
        await new Promise((r) => setTimeout(r, 5));
        slow = true;
        calls.push(`epochEnd ${e} ${Object.keys(logs).join(',')}`);
      },
      onTrainEnd: () => void calls.push('trainEnd'),
    };
    const history = await m.fit(x, y, {
      epochs: 2,
      batchSize: 8,
      verbose: 0,
      validationSplit: 0.25,
      callbacks: [recorder],
    });
    expect(calls).toEqual([
      'params steps=2 samples=9',
      'trainBegin',
      'epochBegin 0',
      'batchBegin 0',
      'batchEnd 0 8',
      'batchBegin 1',
      'batchEnd 1 1',
      'epochEnd 0 loss,val_loss',
      'epochBegin 1',
      'batchBegin 0',
      'batchEnd 0 8',
      'batchBegin 1',
      'batchEnd 1 1',
      'epochEnd 1 loss,val_loss',
      'trainEnd',
    ]);
    expect(history.epoch).toEqual([0, 1]);
    expect(Object.keys(history.history)).toEqual(['loss', 'val_loss']);
    expect(history.params?.epochs).toBe(2);
    done();
  });

  it('earlyStopping stops after `patience` epochs without improvement and restores the best weights', async () => {
    const { m, x, y, done } = setup();
    let atBest: number[][] = [];
    const stopper = callbacks.earlyStopping({
      monitor: 'score',
      patience: 2,
      restoreBestWeights: true,
    });
    const history = await m.fit(x, y, {
      epochs: 10,
      batchSize: 4,
      verbose: 0,
      callbacks: [
        script('score', [3, 2, 2.5, 2.4, 1, 0]),
        { onEpochEnd: (e) => void (e === 1 ? (atBest = snapshot(m)) : undefined) },
        stopper,
      ],
    });
    expect(history.epoch).toEqual([0, 1, 2, 3]);
    expect(stopper.stoppedEpoch).toBe(3);
    expect(stopper.bestEpoch).toBe(1);
    expect(snapshot(m)).toEqual(atBest);
    await expect(
      m.fit(x, y, { epochs: 1, verbose: 0, callbacks: [callbacks.earlyStopping()] }),
    ).rejects.toThrow(/monitor 'val_loss' is not in the epoch logs \(available: loss\)/);
    done();
  });

  it('reduceLROnPlateau multiplies the learning rate by factor after patience bad epochs (PyTorch rules)', async () => {
    const { m, x, y, done } = setup(0.1);
    const plateau = callbacks.reduceLROnPlateau({ monitor: 'score', factor: 0.5, patience: 1 });
    const history = await m.fit(x, y, {
      epochs: 6,
      batchSize: 12,
      verbose: 0,
      callbacks: [script('score', [1, 1, 1, 0.5, 0.5, 0.5]), plateau],
    });
    expect(history.history.lr.map((v) => Number(v.toPrecision(6)))).toEqual([
      0.1, 0.1, 0.05, 0.05, 0.05, 0.025,
    ]);
    expect(m.optimizer?.currentLearningRate).toBeCloseTo(0.025, 12);
    expect(plateau.numReductions).toBe(2);
    done();
  });

  it('learningRateScheduler sets the lr per epoch from a schedule or from (epoch, lr)', async () => {
    const { m, x, y, done } = setup();
    const history = await m.fit(x, y, {
      epochs: 5,
      batchSize: 12,
      verbose: 0,
      callbacks: [callbacks.learningRateScheduler(stepLR({ lr0: 0.1, stepSize: 2, gamma: 0.5 }))],
    });
    expect(history.history.lr).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    const keras = await m.fit(x, y, {
      epochs: 3,
      batchSize: 12,
      verbose: 0,
      callbacks: [
        callbacks.learningRateScheduler((epoch: number, lr: number) =>
          epoch === 0 ? 0.2 : lr / 2,
        ),
      ],
    });
    expect(keras.history.lr).toEqual([0.2, 0.1, 0.05]);
    done();
  });

  it('modelCheckpoint saves every epoch or only the best, with templated paths', async () => {
    const { m, x, y, done } = setup();
    const every = callbacks.modelCheckpoint({ filepath: join(root, 'every-{epoch:02d}') });
    const best = callbacks.modelCheckpoint({
      filepath: join(root, 'best-{epoch}-{score:.1f}'),
      monitor: 'score',
      saveBestOnly: true,
    });
    const weightsOnly = callbacks.modelCheckpoint({
      filepath: join(root, 'weights'),
      saveWeightsOnly: true,
      monitor: 'loss',
    });
    await m.fit(x, y, {
      epochs: 4,
      batchSize: 6,
      verbose: 0,
      callbacks: [script('score', [5, 3, 4, 1]), every, best, weightsOnly],
    });
    expect(every.saved.map((p) => p.slice(root.length + 1))).toEqual([
      'every-01',
      'every-02',
      'every-03',
      'every-04',
    ]);
    expect(best.saved.map((p) => p.slice(root.length + 1))).toEqual([
      'best-1-5.0',
      'best-2-3.0',
      'best-4-1.0',
    ]);
    expect((await readdir(join(root, 'weights'))).sort()).toEqual(['weights.safetensors']);
    const restored = await loadModel(join(root, 'every-04'));
    expect(snapshot(restored)).toEqual(snapshot(m));
    restored.dispose();
    expect(() => callbacks.formatFilepath('{epoch:x}', { epoch: 1 })).toThrow(/unsupported format/);
    expect(() => callbacks.formatFilepath('{acc}', { epoch: 1 })).toThrow(
      /'\{acc\}', which is not in the logs/,
    );
    done();
  });

  it('csvLogger writes a header and one row per epoch (sorted keys)', async () => {
    const { m, x, y, done } = setup();
    const file = join(root, 'log.csv');
    await m.fit(x, y, {
      epochs: 2,
      batchSize: 6,
      verbose: 0,
      validationSplit: 0.5,
      callbacks: [callbacks.csvLogger({ filename: file })],
    });
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('epoch,loss,val_loss');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '1']);
    await m.fit(x, y, {
      epochs: 1,
      batchSize: 6,
      verbose: 0,
      validationSplit: 0.5,
      callbacks: [callbacks.csvLogger({ filename: file, append: true, separator: ';' })],
    });
    const appended = (await readFile(file, 'utf8')).trim().split('\n');
    expect(appended.length).toBe(4);
    expect(appended[3].split(';').length).toBe(3);
    done();
  });

  it('progressBar: a live bar with ETA and metrics on a terminal, one line per epoch otherwise', async () => {
    const m = sequential([layers.dense({ units: 2, activation: 'softmax', inputShape: [3] })]);
    m.compile({
      optimizer: sgd({ lr: 0.1 }),
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const x = tl.randomNormal([20, 3], 0, 1, 'float32', 4);
    const y = tl.oneHot(
      tl.tensor(
        Int32Array.from({ length: 20 }, (_, i) => i % 2),
        [20],
        'int32',
      ),
      2,
    );
    const tty: string[] = [];
    const lines: string[] = [];
    const terminal = { isTTY: true, columns: 120, write: (s: string) => void tty.push(s) };
    const pipe = { isTTY: false, write: (s: string) => void lines.push(s) };
    await m.fit(x, y, {
      epochs: 2,
      batchSize: 5,
      verbose: 1,
      callbacks: [callbacks.progressBar({ stream: terminal, lineStream: pipe, interval: 0 })],
    });
    // ESC [ K (clear to the end of the line) shown as <K> so the patterns stay readable.
    const screen = tty.join('').replaceAll(`${String.fromCharCode(27)}[K`, '<K>');
    expect(screen).toMatch(/Epoch 1\/2\n/);
    expect(screen).toMatch(
      /\r1\/4 \[=*>\.*\] - ETA: \S+ - loss: \d\.\d{4} - accuracy: \d\.\d{4}<K>/,
    );
    expect(screen).toMatch(
      /4\/4 \[=+\] - \S+ \S+\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}<K>\n/,
    );
    expect(lines).toEqual([]);
    const plain = { isTTY: false, write: (s: string) => void tty.push(s) };
    tty.length = 0;
    await m.fit(x, y, {
      epochs: 2,
      batchSize: 5,
      verbose: 1,
      callbacks: [callbacks.progressBar({ stream: plain, lineStream: pipe })],
    });
    expect(tty).toEqual([]);
    expect(lines.length).toBe(2);
    expect(lines[0]).toMatch(/^Epoch 1\/2 - \S+ - loss: \d\.\d{4} - accuracy: \d\.\d{4}\n$/);
    lines.length = 0;
    await m.fit(x, y, {
      epochs: 1,
      verbose: 0,
      callbacks: [callbacks.progressBar({ stream: terminal, lineStream: pipe })],
    });
    expect(lines).toEqual([]);
    tl.dispose([x, y]);
    m.dispose();
  });
});
