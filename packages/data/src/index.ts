// @tensile/data: splits, seeded shuffling, batching, Dataset pipelines, scalers, the MNIST loader
// and synthetic data sets.
export { LARGE_DATASET, defaultSplitRatios, splitSizes, trainDevTestSplit } from './split.js';
export type { SplitIndices, SplitOptions, SplitRatios } from './split.js';
export { take } from './take.js';
export { permutation, shuffle } from './shuffle.js';
export type { ShuffleOptions } from './shuffle.js';
export { batchCount, batches } from './batches.js';
export type { BatchesOptions } from './batches.js';
export { Dataset } from './dataset.js';
export type { DatasetBatchOptions, DatasetShuffleOptions, TensorBatch } from './dataset.js';
export type { Batched, NestedNumbers } from './dataset/elements.js';
export { Standardizer, standardizer } from './scalers/standardizer.js';
export type { StandardizerJSON, StandardizerOptions } from './scalers/standardizer.js';
export { MinMaxScaler, minMaxScaler } from './scalers/min-max-scaler.js';
export type { MinMaxScalerJSON, MinMaxScalerOptions } from './scalers/min-max-scaler.js';
export { scalerFromJSON } from './scalers/from-json.js';
export { assertIdxSize, parseIdx, parseIdxHeader } from './idx.js';
export type { IdxArray, IdxExpectation, IdxHeader, IdxTypeName, IdxValues } from './idx.js';
export { MNIST_FILES, loadMnist, mnistDataDir } from './mnist.js';
export type { LoadMnistOptions, Mnist, MnistSet } from './mnist.js';
