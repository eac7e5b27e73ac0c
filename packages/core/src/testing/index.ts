export { loadGolden, isGoldenArray, assertClose, FLOAT32_TOLERANCE } from './golden.js';
export type { GoldenArray, Tolerance } from './golden.js';
export type { ConformanceOptions } from './conformance/index.js';
export { runBackendConformance, coverageMatrix, formatCoverage } from './conformance/index.js';
export type { Assertion, Coverage, TestApi } from './conformance/index.js';
