// @tensile/core: tensors, ops, autodiff, the kernel and backend registries.
import './ops/methods.js';
import './autodiff/gradients/index.js';

export * from './errors.js';
export * from './ops/index.js';

export { Tensor, Variable } from './tensor/tensor.js';
export type { NestedArray } from './tensor/tensor.js';
export type { DType, FloatDType, TypedArray, FloatArray } from './tensor/dtypes.js';
export { bytesPerElement, isFloatDType, makeTypedArray } from './tensor/dtypes.js';
export type { Shape, ReduceGeometry } from './tensor/shape.js';
export {
  broadcastShapes,
  normalizeAxis,
  reduceGeometry,
  shapesEqual,
  sizeFromShape,
  stridesOf,
} from './tensor/shape.js';

export {
  dispose,
  endScope,
  getBackend,
  keep,
  memory,
  ready,
  runKernel,
  setBackend,
  startScope,
  tidy,
  variable,
} from './engine/api.js';
export type { VariableOptions } from './engine/api.js';
export type { MemoryInfo, TensorContainer } from './engine/engine.js';
export type {
  Backend,
  BackendFactory,
  BackendMemory,
  KernelArgs,
  KernelConfig,
  KernelFunc,
} from './engine/backend.js';
export {
  CORE_VERSION,
  getKernel,
  listBackends,
  listKernels,
  registerBackend,
  registerKernel,
  removeBackend,
  unregisterKernel,
} from './engine/registry.js';
export { listComposites, registerComposite } from './engine/composites.js';
export type { CompositeFunc } from './engine/composites.js';
export type { TensorInputs } from './engine/tensor-inputs.js';

export type {
  DataId,
  FusedActivation,
  GeluApproximation,
  KernelAttrs,
  KernelInputs,
  KernelMap,
  KernelName,
  TensorInfo,
} from './kernels/types.js';
export { computeConv2DInfo } from './kernels/conv-geometry.js';
export { KERNEL_NAMES } from './kernels/names.js';
export type { PluginKernelName, PluginKernels } from './kernels/names.js';
export type { Conv2DInfo, Padding, Pair } from './kernels/conv-geometry.js';

export { grad, grads, valueAndGrad, valueAndGrads, variableGrads } from './autodiff/api.js';
export { getGradient, registerGradient } from './autodiff/registry.js';
export type { GradContext, GradFunc } from './autodiff/registry.js';
export { checkGradients, verdictFor } from './gradcheck.js';
export type { GradientCheckOptions, GradientCheckResult, GradientVerdict } from './gradcheck.js';
export { assertSeed, drawSeed, setSeed } from './random/seed.js';
export { Rng } from './random/rng.js';
