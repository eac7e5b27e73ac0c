// Weight constraints: projections applied to a weight after each optimizer update
// (w ← constraint(w)), as Keras's `kernelConstraint`. `axis` is the axis (or axes) the norm is
// taken OVER, Keras's convention: for a dense kernel W [inputs, units], axis 0 constrains each
// column W[:, j], i.e. the incoming weights of each unit (torch.renorm(W, 2, dim=1, c)); axis 1
// each row. For a conv kernel HWIO, axis [0, 1, 2] constrains each output filter.
import type { Tensor, Variable } from '@tensile/core';
import {
  AxisError,
  ShapeError,
  ValueError,
  add,
  div,
  formatShape,
  greater,
  invalidArgument,
  less,
  maximum,
  minimum,
  mul,
  norm,
  shapesEqual,
  tidy,
  where,
} from '@tensile/core';
import type { WeightFunctionConfig, SerializedConfig } from './serialization.js';
import { Registry, attachConfig, checkDefinition } from './serialization.js';
import { checkFloatTensor, checkNumber, checkOptions, isPlainRecord } from './validate.js';

/** `(w) => w'` of the same shape and dtype: the projection of w onto the constraint set. */
export interface Constraint<C extends WeightFunctionConfig = WeightFunctionConfig> {
  (w: Tensor): Tensor;
  readonly name: string;
  readonly config: C;
  toJSON(): SerializedConfig<C>;
}

/** One axis or several; negative values count from the end. */
export type ConstraintAxis = number | readonly number[];

/** Keras's `backend.epsilon()`, the guard in every norm constraint's denominator. */
const EPSILON = 1e-7;

/**
 * Makes a constraint out of a projection: checks that `w` is a float tensor, frees the
 * intermediates and attaches `name`/`config` (see `registerConstraint` for third-party ones).
 */
export function defineConstraint<C extends WeightFunctionConfig>(
  name: string,
  config: C,
  project: (w: Tensor) => Tensor,
): Constraint<C> {
  checkDefinition('defineConstraint', name, config, project);
  return attachConfig<Tensor, C>(name, config, (w) => {
    checkFloatTensor(name, 'w', w);
    return tidy(() => project(w));
  });
}

function checkAxisOption(op: string, axis: unknown): number | number[] {
  const valid = (a: unknown): a is number => typeof a === 'number' && Number.isInteger(a);
  if (valid(axis)) return axis;
  if (Array.isArray(axis) && axis.length > 0 && axis.every(valid)) return [...axis];
  throw invalidArgument(op, 'axis', 'an integer or a non-empty array of integers', axis);
}

/** The axes resolved against w's rank; the message names the weight's shape. */
function resolveAxes(op: string, axis: number | readonly number[], shape: readonly number[]) {
  const rank = shape.length;
  const axes = (typeof axis === 'number' ? [axis] : axis).map((a) => {
    if (a < -rank || a >= rank) {
      throw new AxisError(
        op,
        `axis ${a} is out of range for a weight of shape ${formatShape(shape)}`,
      );
    }
    return a < 0 ? a + rank : a;
  });
  if (new Set(axes).size !== axes.length) {
    throw new AxisError(
      op,
      `axis [${axis}] repeats an axis of a weight of shape ${formatShape(shape)}`,
    );
  }
  return axes;
}

/** ‖w‖₂ over `axes`, kept as size-1 dims so it broadcasts back against w. */
function norms(op: string, w: Tensor, axis: number | readonly number[]): Tensor {
  return norm(w, 2, resolveAxes(op, axis, w.shape), true);
}

export interface MaxNormOptions {
  /** The axis or axes the norm is taken over (default 0: each column of a dense kernel). */
  axis?: ConstraintAxis;
}

/**
 * Rescales every slice whose L2 norm n exceeds c to norm c: w·c/(n + 1e-7); slices with n ≤ c are
 * left untouched (torch.renorm; Keras also scales those by n/(n + 1e-7), a 1e-7 relative change).
 * `maxNorm(c, axis)` and `maxNorm(c, {axis})` are the same. Keras's default c = 2.
 */
export function maxNorm(
  maxValue = 2,
  options: MaxNormOptions | ConstraintAxis = {},
): Constraint<{ maxValue: number; axis: number | number[] }> {
  const op = 'maxNorm';
  const c = checkNumber(op, 'maxValue', maxValue, { gt: 0 });
  const opts = isPlainRecord(options)
    ? checkOptions(op, options as MaxNormOptions, ['axis'])
    : { axis: options as ConstraintAxis };
  const axis = checkAxisOption(op, opts.axis ?? 0);
  return defineConstraint(op, { maxValue: c, axis }, (w) => {
    const n = norms(op, w, axis);
    return where(greater(n, c), mul(w, div(c, add(n, EPSILON))), w);
  });
}

/** Sets negative weights to 0 (NaN stays NaN, so a diverged weight is not hidden). */
export function nonNeg(): Constraint<Record<string, never>> {
  return defineConstraint('nonNeg', {}, (w) => where(less(w, 0), 0, w));
}

export interface UnitNormOptions {
  /** The axis or axes the norm is taken over (default 0). */
  axis?: ConstraintAxis;
}

/** w / (1e-7 + ‖w‖₂) over `axis` (Keras `UnitNorm`). */
export function unitNorm(options: UnitNormOptions = {}): Constraint<{ axis: number | number[] }> {
  const op = 'unitNorm';
  checkOptions(op, options, ['axis']);
  const axis = checkAxisOption(op, options.axis ?? 0);
  return defineConstraint(op, { axis }, (w) => div(w, add(norms(op, w, axis), EPSILON)));
}

export interface MinMaxNormOptions {
  minValue?: number;
  maxValue?: number;
  /**
   * 1 (default) projects onto [minValue, maxValue] at once; a smaller rate moves each norm only
   * part of the way: n' = rate·clip(n, min, max) + (1 − rate)·n.
   */
  rate?: number;
  axis?: ConstraintAxis;
}

/** Keeps each slice's L2 norm within [minValue, maxValue] (Keras `MinMaxNorm`, defaults 0, 1). */
export function minMaxNorm(options: MinMaxNormOptions = {}): Constraint<{
  minValue: number;
  maxValue: number;
  rate: number;
  axis: number | number[];
}> {
  const op = 'minMaxNorm';
  checkOptions(op, options, ['minValue', 'maxValue', 'rate', 'axis']);
  const lo = checkNumber(op, 'minValue', options.minValue ?? 0, { ge: 0 });
  const hi = checkNumber(op, 'maxValue', options.maxValue ?? 1, { ge: lo });
  const rate = checkNumber(op, 'rate', options.rate ?? 1, { ge: 0, le: 1 });
  const axis = checkAxisOption(op, options.axis ?? 0);
  return defineConstraint(op, { minValue: lo, maxValue: hi, rate, axis }, (w) => {
    const n = norms(op, w, axis);
    const clipped = minimum(maximum(n, lo), hi);
    const desired = rate === 1 ? clipped : add(mul(clipped, rate), mul(n, 1 - rate));
    return mul(w, div(desired, add(n, EPSILON)));
  });
}

const registry = new Registry<Constraint>('constraint', [
  [
    'maxNorm',
    (c) => {
      const { maxValue, axis } = checkOptions('constraintFromConfig', c, ['maxValue', 'axis']);
      return maxNorm(maxValue as number | undefined, { axis: axis as ConstraintAxis | undefined });
    },
  ],
  [
    'nonNeg',
    (c) => {
      checkOptions('constraintFromConfig', c, []);
      return nonNeg();
    },
  ],
  ['unitNorm', (c) => unitNorm(c as UnitNormOptions)],
  ['minMaxNorm', (c) => minMaxNorm(c as MinMaxNormOptions)],
]);

/** Makes `constraintFromConfig` know a constraint built with `defineConstraint`. */
export function registerConstraint(
  name: string,
  builder: (config: WeightFunctionConfig) => Constraint,
): void {
  registry.register('registerConstraint', name, builder);
}

/** The names `constraintFromConfig` accepts: the built-ins, then registered ones. */
export function listConstraints(): string[] {
  return registry.list();
}

/** `{name, config}`: what a saved model stores (same as `constraint.toJSON()`). */
export function constraintToConfig(constraint: Constraint): SerializedConfig {
  if (typeof constraint !== 'function' || typeof constraint.toJSON !== 'function') {
    throw invalidArgument(
      'constraintToConfig',
      'constraint',
      'a constraint made by defineConstraint',
      constraint,
    );
  }
  return constraint.toJSON();
}

/** Rebuilds a constraint from `{name, config}`. */
export function constraintFromConfig(serialized: unknown): Constraint {
  return registry.fromConfig('constraintFromConfig', serialized);
}

/**
 * Projects each variable that has a constraint, in place (`variable.assign`), leaving no tensor
 * behind: what a training loop calls after every optimizer step.
 */
export function applyConstraints(
  variables: Readonly<Record<string, Variable>>,
  constraints: Readonly<Record<string, Constraint | undefined>>,
): void {
  const op = 'applyConstraints';
  if (!isPlainRecord(variables)) throw invalidArgument(op, 'variables', 'a record', variables);
  if (!isPlainRecord(constraints)) {
    throw invalidArgument(op, 'constraints', 'a record', constraints);
  }
  for (const [name, constraint] of Object.entries(constraints)) {
    if (constraint === undefined) continue;
    const v = variables[name];
    if (v === undefined) {
      throw new ValueError(
        op,
        `constraint '${name}' has no variable (variables: ${Object.keys(variables).join(', ')})`,
      );
    }
    if (typeof constraint !== 'function') {
      throw invalidArgument(op, `constraints.${name}`, 'a constraint function', constraint);
    }
    const projected = constraint(v);
    if (projected === v) continue;
    try {
      if (projected.dtype !== v.dtype || !shapesEqual(projected.shape, v.shape)) {
        throw new ShapeError(
          op,
          `constraint '${constraint.name}' changed the shape of '${name}': ${formatShape(v.shape)} ${v.dtype} became ${formatShape(projected.shape)} ${projected.dtype}`,
        );
      }
      v.assign(projected);
    } finally {
      projected.dispose();
    }
  }
}
