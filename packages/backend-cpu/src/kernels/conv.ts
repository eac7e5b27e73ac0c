// Convolution and pooling kernels over the loops of util/conv.ts and util/pool.ts.
import type { FloatArray } from '@tensile/core';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from '../util/conv.js';
import { avgPool2d, avgPool2dBackprop, maxPool2d, maxPool2dBackprop } from '../util/pool.js';
import { allocate, defineKernel } from '../util/define.js';

export const convKernels = [
  defineKernel('Conv2D', ({ inputs: { x, filter }, attrs: { info }, backend }) => {
    const out = allocate(backend, info.outShape, x.dtype);
    conv2d(backend.floats(x), backend.floats(filter), out.values as FloatArray, info);
    return out.finish();
  }),
  defineKernel('Conv2DBackpropInput', ({ inputs: { dy, filter }, attrs: { info }, backend }) => {
    const out = allocate(backend, info.inShape, dy.dtype);
    conv2dBackpropInput(backend.floats(dy), backend.floats(filter), out.values as FloatArray, info);
    return out.finish();
  }),
  defineKernel('Conv2DBackpropFilter', ({ inputs: { x, dy }, attrs: { info }, backend }) => {
    const out = allocate(backend, info.filterShape, x.dtype);
    conv2dBackpropFilter(backend.floats(x), backend.floats(dy), out.values as FloatArray, info);
    return out.finish();
  }),
  defineKernel('MaxPool', ({ inputs: { x }, attrs: { info }, backend }) => {
    const out = allocate(backend, info.outShape, x.dtype);
    maxPool2d(backend.floats(x), out.values as FloatArray, info);
    return out.finish();
  }),
  defineKernel('MaxPoolGrad', ({ inputs: { dy, x }, attrs: { info }, backend }) => {
    const out = allocate(backend, info.inShape, x.dtype);
    maxPool2dBackprop(backend.floats(dy), backend.floats(x), out.values as FloatArray, info);
    return out.finish();
  }),
  defineKernel('AvgPool', ({ inputs: { x }, attrs: { info }, backend }) => {
    const out = allocate(backend, info.outShape, x.dtype);
    avgPool2d(backend.floats(x), out.values as FloatArray, info);
    return out.finish();
  }),
  defineKernel('AvgPoolGrad', ({ inputs: { dy }, attrs: { info }, backend }) => {
    const out = allocate(backend, info.inShape, dy.dtype);
    avgPool2dBackprop(backend.floats(dy), out.values as FloatArray, info);
    return out.finish();
  }),
];
