// The public gradient functions: grad, grads, valueAndGrad(s), variableGrads.
import { ENGINE } from '../engine/engine.js';
import { ShapeError, ValueError, formatShape } from '../errors.js';
import { onesLike, zerosLike } from '../ops/create.js';
import { clone } from '../ops/unary.js';
import { isFloatDType } from '../tensor/dtypes.js';
import { shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import type { Variable } from '../tensor/tensor.js';
import { backprop } from './backprop.js';
import { Tape } from './tape.js';

interface Gradients {
  value: Tensor;
  grads: Map<number, Tensor>;
}

/**
 * Runs f while recording a tape over `watched`, then the backward pass seeded with dy (ones for a
 * scalar value). Intermediates are freed; the value and the gradients survive.
 */
function record(op: string, f: () => Tensor, watched: readonly Tensor[], dy?: Tensor): Gradients {
  if (ENGINE.tape !== null) {
    throw new ValueError(op, 'nested gradient computations are not supported');
  }
  const tape = new Tape();
  watched.forEach((x, i) => {
    x.assertUsable(op, `x[${i}]`);
    tape.watch(x);
  });
  let value: Tensor;
  let result: Gradients;
  ENGINE.startScope();
  ENGINE.tape = tape;
  try {
    value = f();
    if (!(value instanceof Tensor)) throw new ValueError(op, 'f must return a Tensor');
    if (!isFloatDType(value.dtype))
      throw new ValueError(op, `f must return a float tensor, got ${value.dtype}`);
    ENGINE.tape = null;
    if (dy === undefined && value.size !== 1) {
      throw new ShapeError(
        op,
        `f must return a scalar when dy is not given, got shape ${formatShape(value.shape)}`,
      );
    }
    if (dy !== undefined && !shapesEqual(dy.shape, value.shape)) {
      throw new ShapeError(
        op,
        `dy must have f's output shape: dy is ${formatShape(dy.shape)}, f gave ${formatShape(value.shape)}`,
      );
    }
    // The seed is a view of dy, so freeing unused gradients never frees the caller's dy.
    const grads = backprop(tape, value, dy ? clone(dy) : onesLike(value));
    result = { value, grads };
  } catch (error) {
    ENGINE.tape = null;
    ENGINE.endScope();
    for (const t of tape.owned) t.dispose();
    throw error;
  }
  ENGINE.endScope([result.value, ...result.grads.values()]);
  const survivors = new Set<Tensor>([result.value, ...result.grads.values()]);
  for (const t of tape.owned) if (!survivors.has(t)) t.dispose();
  return result;
}

/** Frees every gradient in `grads` except those in `keep` (and the value when not kept). */
function finish(gradients: Gradients, keep: Tensor[], keepValue: boolean): void {
  const kept = new Set(keep);
  if (keepValue) kept.add(gradients.value);
  for (const g of gradients.grads.values()) if (!kept.has(g)) g.dispose();
  if (!kept.has(gradients.value)) gradients.value.dispose();
}

function gradientsFor(gradients: Gradients, xs: readonly Tensor[]): Tensor[] {
  return xs.map((x) => gradients.grads.get(x.id) ?? zerosLike(x));
}

/** (xs, dy?) → d f(...xs) / d xs. */
export function grads(f: (...xs: Tensor[]) => Tensor) {
  return (xs: readonly Tensor[], dy?: Tensor): Tensor[] => {
    const { value, grads: result } = valueAndGrads(f)(xs, dy);
    value.dispose();
    return result;
  };
}

/** (xs, dy?) → { value, grads }. */
export function valueAndGrads(f: (...xs: Tensor[]) => Tensor) {
  return (xs: readonly Tensor[], dy?: Tensor): { value: Tensor; grads: Tensor[] } => {
    const gradients = record('grads', () => f(...xs), xs, dy);
    const result = gradientsFor(gradients, xs);
    finish(gradients, result, true);
    return { value: gradients.value, grads: result };
  };
}

/** (x, dy?) → d f(x) / dx. */
export function grad(f: (x: Tensor) => Tensor) {
  return (x: Tensor, dy?: Tensor): Tensor => {
    const {
      value,
      grads: [g],
    } = valueAndGrads((t) => f(t))([x], dy);
    value.dispose();
    return g;
  };
}

/** (x, dy?) → { value, grad }. */
export function valueAndGrad(f: (x: Tensor) => Tensor) {
  return (x: Tensor, dy?: Tensor): { value: Tensor; grad: Tensor } => {
    const {
      value,
      grads: [g],
    } = valueAndGrads((t) => f(t))([x], dy);
    return { value, grad: g };
  };
}

/**
 * The value of f and its gradients with respect to `varList` (every trainable variable by
 * default), keyed by variable name. Variables that f does not use get no entry.
 */
export function variableGrads(
  f: () => Tensor,
  varList: readonly Variable[] = ENGINE.trainableVariables(),
): { value: Tensor; grads: Record<string, Tensor> } {
  const gradients = record('variableGrads', f, varList);
  const out: Record<string, Tensor> = {};
  const kept: Tensor[] = [];
  for (const v of varList) {
    const g = gradients.grads.get(v.id);
    if (g !== undefined) {
      out[v.name] = g;
      kept.push(g);
    }
  }
  finish(gradients, kept, true);
  return { value: gradients.value, grads: out };
}
