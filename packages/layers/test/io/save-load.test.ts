// model.save / loadModel: identical predictions, bit-identical continued training (optimizer
// state, step count and schedule restored), every layer type's config, file:// paths, atomic
// writes, and the rejection of truncated, corrupted and mismatched files.
import '@tensile/backend-cpu';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { adam, sgd } from '@tensile/optimizers';
import { l2, maxNorm } from '@tensile/regularization';
import { cosineAnnealingLR } from '@tensile/schedulers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayersModel } from '../../src/index.js';
import { callbacks, input, layers, loadModel, model, sequential } from '../../src/index.js';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tensile-layers-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const bits = (t: Tensor) =>
  Array.from(new Uint32Array(Float32Array.from(t.dataSync() as Float32Array).buffer));
const weightBits = (m: LayersModel) => m.weights.map((w) => bits(w.variable));

function classifier() {
  return sequential([
    layers.dense({
      units: 16,
      activation: 'relu',
      inputShape: [4],
      kernelRegularizer: l2(1e-3),
      kernelConstraint: maxNorm(3),
    }),
    layers.batchNormalization(),
    layers.dropout({ rate: 0.2 }),
    layers.dense({ units: 3, activation: 'softmax' }),
  ]);
}

function data(seed: number) {
  return tl.tidy(() => {
    const x = tl.randomNormal([48, 4], 0, 1, 'float32', seed);
    const labels = tl.cast(
      tl.argMax(tl.matMul(x, tl.randomNormal([4, 3], 0, 1, 'float32', seed + 1)), 1),
      'int32',
    );
    return { x, y: tl.oneHot(labels, 3) };
  });
}

describe('save and load', () => {
  it('restores a model that predicts identically and resumes training bit-identically', async () => {
    tl.setSeed(1);
    const { x, y } = data(10);
    const a = classifier();
    a.compile({
      optimizer: adam({ lr: cosineAnnealingLR({ lr0: 0.01, tMax: 20 }), weightDecay: 1e-4 }),
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy', 'f1'],
    });
    await a.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
    const dir = join(root, 'classifier');
    await a.save(`file://${dir}`);
    const before = tl.memory().numTensors;
    const b = await loadModel(dir);
    expect(b.layers.map((l) => l.name)).toEqual(a.layers.map((l) => l.name));
    expect(weightBits(b)).toEqual(weightBits(a));
    const pa = a.predict(x);
    const pb = b.predict(x);
    expect(bits(pb)).toEqual(bits(pa));
    tl.dispose([pa, pb]);
    expect(b.optimizer?.iterations).toBe(a.optimizer?.iterations);
    expect(b.optimizer?.currentLearningRate).toBe(a.optimizer?.currentLearningRate);
    // Same seed (shuffling, dropout) → the same two further epochs, bit for bit.
    tl.setSeed(99);
    const ha = await a.fit(x, y, { epochs: 4, initialEpoch: 2, batchSize: 16, verbose: 0 });
    tl.setSeed(99);
    const hb = await b.fit(x, y, { epochs: 4, initialEpoch: 2, batchSize: 16, verbose: 0 });
    expect(hb.history).toEqual(ha.history);
    expect(weightBits(b)).toEqual(weightBits(a));
    b.dispose();
    expect(tl.memory().numTensors).toBe(before);
    tl.dispose([x, y]);
    a.dispose();
  });

  it('writes model.json, weights.safetensors and optimizer.safetensors atomically (no temp files)', async () => {
    const m = classifier();
    m.compile({ optimizer: sgd({ lr: 0.1, momentum: 0.9 }), loss: 'categoricalCrossentropy' });
    const dir = join(root, 'files');
    await m.save(dir);
    await m.save(dir);
    expect((await readdir(dir)).sort()).toEqual([
      'model.json',
      'optimizer.safetensors',
      'weights.safetensors',
    ]);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(json.format).toBe('tensile-layers-model');
    const training = json.training as {
      optimizer: { name: string; hyperparams: Record<string, unknown> };
    };
    expect(training.optimizer.name).toBe('sgd');
    expect(training.optimizer.hyperparams.momentum).toBe(0.9);
    await m.save(join(root, 'no-optimizer'), { includeOptimizer: false });
    expect((await readdir(join(root, 'no-optimizer'))).sort()).toEqual([
      'model.json',
      'weights.safetensors',
    ]);
    const restored = await loadModel(join(root, 'no-optimizer'));
    expect(restored.isCompiled).toBe(false);
    restored.dispose();
    m.dispose();
  });

  it('round-trips every layer type (config and weights) in Sequential and functional models', async () => {
    const image = sequential([
      layers.conv2d({
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        inputShape: [8, 8, 2],
      }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.conv2d({ filters: 3, kernelSize: [2, 3], strides: [1, 2], padding: 1 }),
      layers.averagePooling2d({ poolSize: 2, padding: 'same' }),
      layers.flatten(),
      layers.reshape({ targetShape: [-1, 3] }),
      layers.layerNormalization(),
      layers.flatten(),
      layers.alphaDropout({ rate: 0.1 }),
      layers.dense({ units: 5, activation: 'selu' }),
      layers.activation({ activation: 'softmax' }),
    ]);
    const tokens = input({ shape: [6], dtype: 'int32' });
    const embedded = layers.embedding({ inputDim: 20, outputDim: 4 }).apply(tokens);
    const seq = layers.lstm({ units: 5, returnSequences: true }).apply(embedded);
    const g = layers.gru({ units: 5, returnSequences: true, resetAfter: false }).apply(seq);
    const r = layers.simpleRNN({ units: 5, goBackwards: true }).apply(layers.add().apply([seq, g]));
    const text = model({
      inputs: tokens,
      outputs: layers.dense({ units: 2 }).apply(r),
      name: 'text',
    });
    const feeds: Array<[LayersModel, Tensor]> = [
      [image, tl.randomNormal([3, 8, 8, 2])],
      [
        text,
        tl.tensor(
          Int32Array.from({ length: 18 }, (_, i) => (i * 7) % 20),
          [3, 6],
          'int32',
        ),
      ],
    ];
    for (const [m, x] of feeds) {
      const dir = join(root, `arch-${m.name}`);
      await m.save(dir);
      const loaded = await loadModel(pathToFileURL(dir).href);
      expect(loaded.toJSON()).toEqual(m.toJSON());
      expect(loaded.summary(null)).toEqual(m.summary(null));
      const [p, q] = [m.predict(x), loaded.predict(x)];
      expect(bits(q)).toEqual(bits(p));
      tl.dispose([p, q, x]);
      loaded.dispose();
      m.dispose();
    }
  });

  it('restores a learning rate reduced by reduceLROnPlateau on top of a schedule', async () => {
    const { x, y } = data(20);
    const m = classifier();
    m.compile({
      optimizer: adam({ lr: cosineAnnealingLR({ lr0: 0.01, tMax: 50 }) }),
      loss: 'categoricalCrossentropy',
    });
    const plateau = callbacks.reduceLROnPlateau({
      monitor: 'loss',
      patience: 0,
      factor: 0.5,
      threshold: 10,
    });
    await m.fit(x, y, { epochs: 3, batchSize: 48, verbose: 0, callbacks: [plateau] });
    expect(plateau.numReductions).toBeGreaterThan(0);
    const dir = join(root, 'plateau');
    await m.save(dir);
    const loaded = await loadModel(dir);
    expect(loaded.optimizer?.currentLearningRate).toBe(m.optimizer?.currentLearningRate);
    loaded.dispose();
    m.dispose();
    tl.dispose([x, y]);
  });

  it('rejects truncated, corrupted and mismatched files with a FormatError naming the problem', async () => {
    const m = classifier();
    m.compile({ optimizer: adam(), loss: 'categoricalCrossentropy' });
    const good = join(root, 'good');
    const other = join(root, 'other');
    await m.save(good);
    await m.save(other);
    const variant = async (name: string, change: (dir: string) => Promise<void>) => {
      const dir = join(root, name);
      await rm(dir, { recursive: true, force: true });
      await m.save(dir);
      await change(dir);
      return dir;
    };
    const before = tl.memory().numTensors;
    const cases: Array<[string, (dir: string) => Promise<void>, RegExp]> = [
      [
        'truncated-weights',
        async (d) => {
          const bytes = await readFile(join(d, 'weights.safetensors'));
          await writeFile(join(d, 'weights.safetensors'), bytes.subarray(0, bytes.length - 10));
        },
        /weights\.safetensors: truncated/,
      ],
      [
        'truncated-json',
        async (d) => {
          const text = await readFile(join(d, 'model.json'), 'utf8');
          await writeFile(join(d, 'model.json'), text.slice(0, text.length / 2));
        },
        /model\.json is not valid JSON .*truncated/,
      ],
      [
        'foreign-weights',
        (d) => copyFile(join(other, 'weights.safetensors'), join(d, 'weights.safetensors')),
        /different saves/,
      ],
      [
        'foreign-optimizer',
        (d) => copyFile(join(other, 'optimizer.safetensors'), join(d, 'optimizer.safetensors')),
        /optimizer\.safetensors does not belong/,
      ],
      [
        'missing-weights',
        (d) => rm(join(d, 'weights.safetensors')),
        /cannot read the weights .*no such file/,
      ],
      [
        'renamed-weight',
        async (d) => {
          const bytes = await readFile(join(d, 'weights.safetensors'));
          // Same length, so only the name check can catch it.
          const text = Buffer.from(bytes).toString('latin1').replace('/kernel', '/kernal');
          await writeFile(join(d, 'weights.safetensors'), Buffer.from(text, 'latin1'));
        },
        /missing .*\/kernel; unexpected .*\/kernal/,
      ],
      [
        'wrong-shape',
        async (d) => {
          const path = join(d, 'model.json');
          const json = JSON.parse(await readFile(path, 'utf8')) as {
            model: { config: { layers: Array<{ config: { units?: number } }> } };
          };
          json.model.config.layers[0].config.units = 15;
          await writeFile(path, JSON.stringify(json));
        },
        /is \[4,16\] float32, the model needs \[4,15\] float32/,
      ],
      [
        'unknown-layer',
        async (d) => {
          const path = join(d, 'model.json');
          await writeFile(
            path,
            (await readFile(path, 'utf8')).replace('"BatchNormalization"', '"BatchNorm"'),
          );
        },
        /unknown layer class 'BatchNorm'/,
      ],
      [
        'not-a-model',
        (d) => writeFile(join(d, 'model.json'), JSON.stringify({ format: 'keras' })),
        /is not a Tensile model/,
      ],
      [
        'corrupt-optimizer',
        async (d) => {
          const path = join(d, 'optimizer.safetensors');
          const bytes = await readFile(path);
          bytes[3] = 0x7f;
          await writeFile(path, bytes);
        },
        /optimizer\.safetensors: the header length/,
      ],
    ];
    for (const [name, change, message] of cases) {
      const dir = await variant(name, change);
      const error = await loadModel(dir).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(tl.FormatError);
      expect(String(error), name).toMatch(message);
      expect(tl.memory().numTensors, `${name} leaves no tensor behind`).toBe(before);
    }
    await expect(loadModel('https://example.com/model')).rejects.toThrow(
      /unsupported location scheme 'https:\/\/'/,
    );
    await expect(m.save('s3://bucket/model')).rejects.toThrow(
      /only file:\/\/ URLs and plain paths/,
    );
    m.dispose();
  });

  it('needs custom losses passed back by name', async () => {
    const m = sequential([layers.dense({ units: 1, inputShape: [2] })]);
    const myLoss = (yTrue: Tensor, yPred: Tensor) => tl.mean(tl.abs(tl.sub(yTrue, yPred)), -1);
    m.compile({ optimizer: sgd({ lr: 0.1 }), loss: myLoss });
    const dir = join(root, 'custom');
    await m.save(dir);
    await expect(loadModel(dir)).rejects.toThrow(/one of meanSquaredError/);
    const loaded = await loadModel(dir, { customLosses: { myLoss } });
    expect(loaded.compiled('test').loss.fn).toBe(myLoss);
    loaded.dispose();
    m.dispose();
  });
});
