// The short version of the main job, end to end through main(): train on 300 MNIST images for one
// epoch, then evaluate and predict with the saved model. CI runs this; the full runs are in
// docs/mnist.md.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mnistDataDir } from '@tensile/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK } from '../src/index.js';
import { grayPng } from './helpers/png.js';
import type { RunResult } from './helpers/run.js';
import { run } from './helpers/run.js';
import { checkWellFormed } from './helpers/xml.js';

let dir: string;
let modelDir: string;
let trained: RunResult;

/** The first `n` test images as an IDX file of their own, and their pixels. */
async function idxSample(n: number): Promise<{ path: string; images: Uint8Array[] }> {
  const bytes = await readFile(join(await mnistDataDir(), 't10k-images-idx3-ubyte'));
  const header = Buffer.from([0, 0, 8, 3, 0, 0, 0, n, 0, 0, 0, 28, 0, 0, 0, 28]);
  const pixels = bytes.subarray(16, 16 + n * 784);
  const path = join(dir, 'sample-idx3-ubyte');
  await writeFile(path, Buffer.concat([header, pixels]));
  return {
    path,
    images: Array.from({ length: n }, (_, i) => pixels.subarray(i * 784, (i + 1) * 784)),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tensile-cli-'));
  modelDir = join(dir, 'model');
  trained = await run(
    [
      'train',
      'mnist',
      '--limit',
      '300',
      '--limit-test',
      '100',
      '--epochs',
      '1',
      '--seed',
      '3',
      '--out',
      'model',
      '--report',
      'report.html',
      '--json',
    ],
    dir,
  );
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tensile train mnist (300 images, 1 epoch)', () => {
  it('exits 0 and ends with the contract JSON', () => {
    expect(trained.stderr.replace(/^note: .*\n/gm, '')).toBe('');
    expect(trained.code).toBe(EXIT_OK);
    expect(trained.stdout.trimEnd().split('\n')).toHaveLength(1);
    const result = trained.json();
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'testError',
        'testAccuracy',
        'epochs',
        'seconds',
        'backend',
        'modelDir',
      ]),
    );
    expect(result.testError).toBeGreaterThanOrEqual(0);
    expect(result.testError).toBeLessThan(0.9);
    expect((result.testError as number) + (result.testAccuracy as number)).toBeCloseTo(1, 10);
    expect(result.epochs).toBe(1);
    expect(result.seconds).toBeGreaterThan(0);
    expect(['cpu', 'wasm']).toContain(result.backend);
    expect(result.modelDir).toBe(modelDir);
  });

  it('saves model.json, weights.safetensors and run.json', async () => {
    for (const file of ['model.json', 'weights.safetensors', 'run.json']) {
      expect((await stat(join(modelDir, file))).size).toBeGreaterThan(0);
    }
    const record = JSON.parse(await readFile(join(modelDir, 'run.json'), 'utf8'));
    expect(record).toMatchObject({
      format: 'tensile-run',
      dataset: 'mnist',
      examples: { train: 240, validation: 60, test: 100 },
      recipe: { model: 'mlp', hidden: [256, 128], regularization: 'dropout', seed: 3 },
    });
    expect(record.history).toHaveLength(1);
    expect(record.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(100);
  });

  it('writes a well-formed report with the plots and the confusion matrix', async () => {
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    checkWellFormed(html);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('class="heatmap"');
  });
});

describe('tensile evaluate', () => {
  it('scores the saved model on the same test images as train did', async () => {
    const r = await run(['evaluate', modelDir, '--limit-test', '100', '--json']);
    expect(r.code).toBe(EXIT_OK);
    const result = r.json();
    expect(result.examples).toBe(100);
    expect(result.testError).toBeCloseTo(trained.json().testError as number, 10);
    expect((result.confusionMatrix as number[][]).length).toBe(10);
  });

  it('prints a readable summary with the confusion matrix', async () => {
    const r = await run(['evaluate', 'model', '--limit-test', '100'], dir);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('test error');
    expect(r.stdout).toContain('Confusion matrix (rows: true digit, columns: predicted digit):');
  });
});

describe('tensile predict', () => {
  it('predicts every image of an IDX file, and one with --index', async () => {
    const sample = await idxSample(3);
    const r = await run(['predict', modelDir, sample.path, '--json']);
    expect(r.code).toBe(EXIT_OK);
    const { predictions, source } = r.json() as {
      source: string;
      predictions: { index: number; digit: number; probabilities: number[] }[];
    };
    expect(source).toBe('idx');
    expect(predictions.map((p) => p.index)).toEqual([0, 1, 2]);
    for (const p of predictions) {
      expect(p.digit).toBe(p.probabilities.indexOf(Math.max(...p.probabilities)));
      expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    const one = await run(['predict', modelDir, sample.path, '--index', '2', '--json']);
    expect((one.json().predictions as unknown[]).length).toBe(1);
    expect(one.json().predictions).toEqual([predictions[2]]);

    // The same digit as a PNG gives the same prediction (a 28 × 28 image is used as it is).
    const png = join(dir, 'digit.png');
    await writeFile(png, grayPng(28, 28, sample.images[0]));
    const fromPng = await run(['predict', modelDir, png, '--json']);
    expect(fromPng.code).toBe(EXIT_OK);
    const [p] = fromPng.json().predictions as { digit: number; probabilities: number[] }[];
    expect(p.digit).toBe(predictions[0].digit);
    p.probabilities.forEach((q, d) => expect(q).toBeCloseTo(predictions[0].probabilities[d], 5));

    const human = await run(['predict', modelDir, png]);
    expect(human.stdout).toMatch(/digit \d with probability [\d.]+%/);
  });

  it('predicts an image of the MNIST test set by index, with its true label', async () => {
    const r = await run(['predict', modelDir, '0', '--json']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.json()).toMatchObject({ source: 'mnist-test', predictions: [{ index: 0, label: 7 }] });
  });

  it('fails clearly on a file that is neither PNG nor IDX', async () => {
    const bad = join(dir, 'notes.txt');
    await writeFile(bad, 'hello');
    const r = await run(['predict', modelDir, bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is neither a PNG nor a valid IDX image file');
  });
});

describe('tensile train without --json', () => {
  it('shows per-epoch lines on stderr and the results and diagnosis on stdout', async () => {
    const r = await run(
      ['train', 'mnist', '--limit', '200', '--limit-test', '50', '--epochs', '2', '--out', 'plain'],
      dir,
    );
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toMatch(/Epoch 1\/2 · .* val_acc /);
    expect(r.stderr).toMatch(/Epoch 2\/2 · /);
    expect(r.stdout).toContain('Model: MLP 784-256-128-10 (ReLU, softmax), dropout 0.2');
    expect(r.stdout).toMatch(/test error +\d+\.\d\d%/);
    expect(r.stdout).toContain('Diagnosis (human-level error 0.2%');
    expect(r.stdout).toContain('Model saved to plain (model.json, weights.safetensors, run.json)');
  }, 60_000);
});
