// Typed access to fixtures/golden/optimizers.json and clipping.json, the Python → camelCase
// mapping, and the file's objective f(θ) = Σ ½·a·(θ − c)² + b·θ⁴/4.
import * as tl from '@tensile/core';
import { type GoldenArray, type Tolerance, loadGolden } from '@tensile/core/testing';

export interface OptimizerCase {
  optimizer: string;
  kwargs: Record<string, unknown>;
  resolved_hyperparameters: Record<string, unknown>;
  lr_per_step: GoldenArray;
  theta: Record<string, GoldenArray>;
  grad: Record<string, GoldenArray>;
  loss: GoldenArray;
  lr_change?: { after_step: number; new_lr: number };
  rectified_steps?: number[];
}

export interface OptimizersFile {
  tolerance: Tolerance;
  steps: number;
  objective: {
    param_names: string[];
    a: Record<string, GoldenArray>;
    c: Record<string, GoldenArray>;
    b: number;
    theta0: Record<string, GoldenArray>;
  };
  cases: Record<string, OptimizerCase>;
}

export const optimizersFile = (): OptimizersFile => loadGolden<OptimizersFile>('optimizers.json');

/** `weight_decay` → `weightDecay`: DESIGN.md's mechanical mapping. */
export function camelCase(pythonName: string): string {
  return pythonName.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function camelKeys(kwargs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camelCase(k), v]));
}

/** `'torch.optim.RMSprop'` (or a longer description starting with it) → `'rmsprop'`. */
export function registryName(optimizer: string): string {
  const match = /torch\.optim\.(\w+)/.exec(optimizer);
  if (match === null) throw new Error(`no optimizer class in '${optimizer}'`);
  return match[1].toLowerCase();
}

/** The rows of a [steps, …shape] golden array, each a flat number[]. */
export function rows(array: GoldenArray): number[][] {
  const [count, ...shape] = array.shape;
  const size = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: count }, (_, k) => array.data.slice(k * size, (k + 1) * size));
}

export const float32 = (array: GoldenArray): tl.Tensor =>
  tl.tensor(Float32Array.from(array.data), array.shape);

/** ∇f = a·(θ − c) + b·θ³ for every parameter, as new tensors. */
export function objectiveGrads(
  theta: Record<string, tl.Tensor>,
  file: OptimizersFile,
): Record<string, tl.Tensor> {
  const { a, c, b } = file.objective;
  return tl.tidy(() =>
    Object.fromEntries(
      Object.entries(theta).map(([name, t]) => [
        name,
        tl.add(
          tl.mul(float32(a[name]), tl.sub(t, float32(c[name]))),
          tl.mul(tl.mul(tl.square(t), t), b),
        ),
      ]),
    ),
  );
}

export interface ClippingFile {
  tolerance: Tolerance;
  cases: Record<string, Record<string, unknown>>;
}

export const clippingFile = (): ClippingFile => loadGolden<ClippingFile>('clipping.json');
