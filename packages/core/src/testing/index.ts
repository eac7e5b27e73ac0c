export { loadGolden, isGoldenArray, assertClose, FLOAT32_TOLERANCE } from './golden.js';
export type { GoldenArray, Tolerance } from './golden.js';
