// The optimizer-kernel ABI: how one kernel call covers every parameter of a step.
//
// Inputs are three lists in parameter order: `params`, `grads` and `slots` (the per-parameter
// state tensors, slot-major: slot s of parameter i is `slots[s·P + i]`). Attributes are the
// resolved hyper-parameters `hp` (lr as a number), the number of completed updates `step`, the
// scalar state `scalars` and `slotCount`. A kernel returns ONE flat tensor holding, section after
// section, the updates of every parameter and then each slot's next value for every parameter:
//
//   [ update_0 … update_{P−1} | slot0_0 … slot0_{P−1} | slot1_0 … | … ]   length (1 + S)·N
//
// where N is the total number of elements. `unpackOptimizerOutput` slices it back into tensors.
//
// These kernels are registered in core's kernel registry by name. Core's KernelMap cannot be
// augmented from a package yet (its `PluginKernels` interface is not exported, so an augmented
// KernelMap breaks core's built-in kernel list check), so this file is the single place where the
// optimizer kernels' own types meet core's registry, through the casts below.
import type { Backend, DType, FloatArray, KernelName, Tensor, TensorInfo } from '@tensile/core';
import {
  concat,
  getKernel,
  makeTypedArray,
  registerComposite,
  registerKernel,
  reshape,
  runKernel,
  split,
  unregisterKernel,
  ValueError,
} from '@tensile/core';

/** The inputs of every optimizer kernel, as a backend sees them. */
export interface OptimizerKernelInputs {
  params: TensorInfo[];
  grads: TensorInfo[];
  /** Slot s of parameter i at index s·P + i. */
  slots: TensorInfo[];
}

/** The same inputs as tensors (what a composite body receives). */
export interface OptimizerKernelTensors {
  params: Tensor[];
  grads: Tensor[];
  slots: Tensor[];
}

/** The attributes of every optimizer kernel. `H` is the optimizer's resolved hyper-parameters. */
export interface OptimizerKernelAttrs<H = Readonly<Record<string, unknown>>> {
  /** Hyper-parameters of this step, the learning rate resolved to a number. */
  readonly hp: H;
  /** Completed updates before this one (0 for the first update). */
  readonly step: number;
  /** Scalar state the kernel needs (e.g. NAdam's running product of momentum coefficients). */
  readonly scalars: Readonly<Record<string, number>>;
  /** State tensors per parameter. */
  readonly slotCount: number;
}

/** One parameter's arrays, handed to a kernel loop. Inputs are read-only. */
export interface OptimizerKernelArrays {
  /** Position of the parameter in the step. */
  readonly index: number;
  readonly param: FloatArray;
  readonly grad: FloatArray;
  /** The state before the step, one array per slot. */
  readonly slots: readonly FloatArray[];
  /** Write the update here (what `applyUpdates` adds: −lr·direction). */
  readonly update: FloatArray;
  /** Write the state after the step here, one array per slot. */
  readonly nextSlots: readonly FloatArray[];
}

/** The body of a kernel: one parameter at a time, a plain loop over typed arrays. */
export type OptimizerKernelLoop<H> = (
  arrays: OptimizerKernelArrays,
  attrs: OptimizerKernelAttrs<H>,
) => void;

export interface OptimizerKernelConfig<H> {
  kernelName: string;
  backendName: string;
  loop: OptimizerKernelLoop<H>;
}

type OptimizerKernelFunc = (args: {
  inputs: OptimizerKernelInputs;
  attrs: OptimizerKernelAttrs;
  backend: Backend;
}) => TensorInfo;

type OptimizerCompositeFunc = (
  inputs: OptimizerKernelTensors,
  attrs: OptimizerKernelAttrs,
) => Tensor;

// Optimizer kernel names are not in core's KernelMap (see the header): these casts are the
// boundary, and the functions below are typed by the ABI above instead.
const asKernelName = (name: string): KernelName => name as KernelName;

/**
 * Registers a kernel implementation for one backend, written as a loop over each parameter's
 * typed arrays. It reads inputs with `backend.readSync` and writes the packed output with
 * `backend.write`, so it works on any backend that stores typed arrays (the cpu backend).
 */
export function registerOptimizerKernel<H>(config: OptimizerKernelConfig<H>): void {
  const { kernelName, backendName, loop } = config;
  if (typeof kernelName !== 'string' || kernelName === '') {
    throw new ValueError('registerOptimizerKernel', `kernelName must be a non-empty string`);
  }
  if (typeof loop !== 'function') {
    throw new ValueError('registerOptimizerKernel', `loop must be a function`);
  }
  const kernelFunc: OptimizerKernelFunc = ({ inputs, attrs, backend }) => {
    const { params, grads, slots } = inputs;
    const count = params.length;
    const slotCount = attrs.slotCount;
    if (grads.length !== count || slots.length !== slotCount * count) {
      throw new ValueError(
        kernelName,
        `expected ${count} grads and ${slotCount}·${count} slots, got ${grads.length} and ${slots.length}`,
      );
    }
    const dtype: DType = count ? params[0].dtype : 'float32';
    const sizes = params.map((p) => p.shape.reduce((a, b) => a * b, 1));
    const total = sizes.reduce((a, b) => a + b, 0);
    const out = makeTypedArray(dtype, (1 + slotCount) * total) as FloatArray;
    const read = (info: TensorInfo): FloatArray => backend.readSync(info.dataId) as FloatArray;
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const size = sizes[i];
      const section = (s: number): FloatArray =>
        out.subarray(s * total + offset, s * total + offset + size);
      const slotArrays: FloatArray[] = [];
      const nextSlots: FloatArray[] = [];
      for (let s = 0; s < slotCount; s++) {
        slotArrays.push(read(slots[s * count + i]));
        nextSlots.push(section(1 + s));
      }
      loop(
        {
          index: i,
          param: read(params[i]),
          grad: read(grads[i]),
          slots: slotArrays,
          update: section(0),
          nextSlots,
        },
        attrs as OptimizerKernelAttrs<H>,
      );
      offset += size;
    }
    const shape = [out.length];
    return { dataId: backend.write(out, shape, dtype), shape, dtype };
  };
  registerKernel({
    kernelName: asKernelName(kernelName),
    backendName,
    kernelFunc: kernelFunc as never,
  });
}

/** Registers the default body used on backends without a native kernel of that name. */
export function registerOptimizerComposite(kernelName: string, body: OptimizerCompositeFunc): void {
  registerComposite(asKernelName(kernelName), body as never);
}

/** Whether `backendName` has its own kernel of that name (not just the composite default). */
export function hasNativeKernel(kernelName: string, backendName: string): boolean {
  return getKernel(asKernelName(kernelName), backendName) !== undefined;
}

/** Runs an optimizer kernel (or its composite default) and returns the packed output. */
export function runOptimizerKernel<H>(
  kernelName: string,
  inputs: OptimizerKernelTensors,
  attrs: OptimizerKernelAttrs<H>,
  op: string,
): Tensor {
  return runKernel(asKernelName(kernelName), inputs as never, attrs as never, op);
}

/** Runs `fn` with the backend's native kernel unregistered, so the composite default runs. */
export function withoutNativeKernel<T>(kernelName: string, backendName: string, fn: () => T): T {
  const native = getKernel(asKernelName(kernelName), backendName);
  if (native === undefined) return fn();
  unregisterKernel(asKernelName(kernelName), backendName);
  try {
    return fn();
  } finally {
    registerKernel({ kernelName: asKernelName(kernelName), backendName, kernelFunc: native });
  }
}

/** The packed layout from tensors: every update, then each slot for every parameter, flattened. */
export function packOptimizerOutput(
  updates: readonly Tensor[],
  slots: readonly Tensor[][],
): Tensor {
  const parts = [...updates, ...slots.flat()].map((t) => reshape(t, [t.size]));
  return concat(parts, 0);
}

/** Splits a packed output back into updates and next slots shaped like the parameters. */
export function unpackOptimizerOutput(
  packed: Tensor,
  shapes: readonly (readonly number[])[],
  slotCount: number,
): { updates: Tensor[]; slots: Tensor[][] } {
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const sections = Array.from({ length: 1 + slotCount }, () => sizes).flat();
  const pieces = split(packed, sections, 0).map((piece, k) =>
    reshape(piece, shapes[k % shapes.length]),
  );
  const count = shapes.length;
  return {
    updates: pieces.slice(0, count),
    slots: Array.from({ length: slotCount }, (_, s) =>
      pieces.slice((1 + s) * count, (2 + s) * count),
    ),
  };
}
