// The module's exports: every kernel family, plus where the heap starts. Every export that a
// thread may run takes its work range as the last two arguments (begin, end).
export { unaryF32, unaryI32, logicalNotU8 } from './unary';
export { binary } from './binary';
export { where } from './where';
export { reduceF32, reduceInt, argReduce } from './reduce';
export { softmaxF32 } from './softmax';
export { gemmPackB, gemm } from './gemm';
export { im2col, col2im } from './conv';
export { pool2d, maxPool2dGrad, avgPool2dGrad } from './pool';
export {
  sgdStep,
  adamStep,
  nadamStep,
  radamStep,
  adamaxStep,
  adagradStep,
  adadeltaStep,
  rmspropStep,
} from './optim';
export { layerNormF32, batchNormCoefficients, scaleShiftF32, dropoutF32 } from './norm';
export {
  copyStrided,
  copyStridedTo,
  transpose2d,
  copy2d,
  fill,
  findInvalidIndex,
  gather,
  scatterAdd,
  oneHot,
  cast,
} from './shape';

/** First byte after the module's static data: the allocator's heap starts here. */
export function heapBase(): usize {
  return __heap_base;
}
