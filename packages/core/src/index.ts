export * from './errors.js';
export { computeConv2DInfo } from './kernels/conv-geometry.js';
export type { Conv2DInfo, Padding, Pair } from './kernels/conv-geometry.js';
