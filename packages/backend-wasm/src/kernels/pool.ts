// Max and average pooling and their gradients (assembly/pool.ts). Forward passes split output
// pixels across threads; gradients split images, whose windows never overlap each other.
import type { Conv2DInfo } from '@tensile/core';
import { sizeFromShape } from '@tensile/core';
import { defineKernel } from './define.js';
import type { WasmKernel } from './define.js';
import { geometryOf } from './conv.js';
import { fillValue } from './shape.js';

/** Images per thread chunk: enough window work to be worth a thread. */
function imagesPerChunk(info: Conv2DInfo): number {
  const work =
    info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * info.inChannels;
  return Math.max(1, Math.ceil(32768 / Math.max(1, work)));
}

const pools = (['MaxPool', 'AvgPool'] as const).map((name) =>
  defineKernel(name, ({ inputs: { x }, attrs: { info }, backend }) => {
    const out = backend.output(info.outShape, x.dtype);
    const pixels = info.batchSize * info.outHeight * info.outWidth;
    const window = info.filterHeight * info.filterWidth * info.inChannels;
    backend.parallel(
      'pool2d',
      [name === 'MaxPool' ? 1 : 0, backend.ptr(x), out.ptr, ...geometryOf(info)],
      pixels,
      { grain: Math.max(1, Math.ceil(16384 / Math.max(1, window))) },
    );
    return out.info;
  }),
);

const maxPoolGrad = defineKernel(
  'MaxPoolGrad',
  ({ inputs: { dy, x }, attrs: { info }, backend }) => {
    const out = backend.output(info.inShape, x.dtype);
    fillValue(backend, out.ptr, sizeFromShape(info.inShape), 0, 'float32');
    backend.parallel(
      'maxPool2dGrad',
      [backend.ptr(dy), backend.ptr(x), out.ptr, ...geometryOf(info)],
      info.batchSize,
      { grain: imagesPerChunk(info) },
    );
    return out.info;
  },
);

const avgPoolGrad = defineKernel('AvgPoolGrad', ({ inputs: { dy }, attrs: { info }, backend }) => {
  const out = backend.output(info.inShape, dy.dtype);
  fillValue(backend, out.ptr, sizeFromShape(info.inShape), 0, 'float32');
  backend.parallel(
    'avgPool2dGrad',
    [backend.ptr(dy), out.ptr, ...geometryOf(info)],
    info.batchSize,
    {
      grain: imagesPerChunk(info),
    },
  );
  return out.info;
});

export const poolKernels: WasmKernel[] = [...pools, maxPoolGrad, avgPoolGrad];
