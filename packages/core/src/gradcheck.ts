// Gradient checking: analytic gradients against centered finite differences, both in float64 on
// the cpu backend, compared by ‖a − n‖ / (‖a‖ + ‖n‖) over all inputs together.
import { grads } from './autodiff/api.js';
import { ENGINE } from './engine/engine.js';
import { ValueError, invalidArgument } from './errors.js';
import { tensor } from './ops/convert.js';
import type { Tensor } from './tensor/tensor.js';

export type GradientVerdict = 'ok' | 'suspect' | 'wrong';

export interface GradientCheckOptions {
  /** Step of the centered differences (default 1e-7, float64). */
  eps?: number;
  /** Below this relative error the gradient is 'ok' (default 1e-7). */
  okBelow?: number;
  /** At or above this relative error the gradient is 'wrong' (default 1e-3). */
  wrongFrom?: number;
}

export interface GradientCheckResult {
  relativeError: number;
  verdict: GradientVerdict;
  /** Relative error of each input separately. */
  perInput: number[];
  analytic: Float64Array[];
  numeric: Float64Array[];
}

function relativeDifference(a: ArrayLike<number>[], n: ArrayLike<number>[]): number {
  let diff = 0;
  let normA = 0;
  let normN = 0;
  for (let t = 0; t < a.length; t++) {
    for (let i = 0; i < a[t].length; i++) {
      diff += (a[t][i] - n[t][i]) ** 2;
      normA += a[t][i] ** 2;
      normN += n[t][i] ** 2;
    }
  }
  const denominator = Math.sqrt(normA) + Math.sqrt(normN);
  return denominator === 0 ? 0 : Math.sqrt(diff) / denominator;
}

export function verdictFor(
  relativeError: number,
  okBelow = 1e-7,
  wrongFrom = 1e-3,
): GradientVerdict {
  if (!(relativeError < wrongFrom)) return 'wrong';
  return relativeError < okBelow ? 'ok' : 'suspect';
}

/**
 * Checks the gradient of a scalar function f at `xs`. Runs in float64 on the cpu backend whatever
 * backend and dtype the inputs have; numbers inside f become float64 too.
 */
export function checkGradients(
  f: (...xs: Tensor[]) => Tensor,
  xs: readonly Tensor[],
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const op = 'checkGradients';
  const { eps = 1e-7, okBelow = 1e-7, wrongFrom = 1e-3 } = options;
  if (!(eps > 0)) throw invalidArgument(op, 'eps', '> 0', eps);
  if (!Array.isArray(xs) || xs.length === 0)
    throw new ValueError(op, 'xs must be a non-empty array of tensors');
  const points = xs.map((x, i) => {
    x.assertUsable(op, `xs[${i}]`);
    return Float64Array.from(x.dataSync());
  });
  const shapes = xs.map((x) => x.shape);
  const previousBackend = ENGINE.swapBackendSync(op, 'cpu');
  const previousFloat = ENGINE.defaultFloat;
  ENGINE.defaultFloat = 'float64';
  try {
    return ENGINE.tidy(() => {
      const at = (values: Float64Array[]): Tensor[] =>
        values.map((v, i) => tensor(v, shapes[i], 'float64'));
      const evaluate = (values: Float64Array[]): number =>
        ENGINE.tidy(() => {
          const y = f(...at(values));
          if (y.size !== 1)
            throw new ValueError(op, `f must return a scalar, got shape [${y.shape.join(',')}]`);
          return y.dataSync()[0];
        });
      const analytic = grads(f)(at(points)).map((g) => Float64Array.from(g.dataSync()));
      const numeric = points.map((p) => {
        const out = new Float64Array(p.length);
        for (let i = 0; i < p.length; i++) {
          const original = p[i];
          p[i] = original + eps;
          const plus = evaluate(points);
          p[i] = original - eps;
          const minus = evaluate(points);
          p[i] = original;
          out[i] = (plus - minus) / (2 * eps);
        }
        return out;
      });
      const relativeError = relativeDifference(analytic, numeric);
      return {
        relativeError,
        verdict: verdictFor(relativeError, okBelow, wrongFrom),
        perInput: analytic.map((a, i) => relativeDifference([a], [numeric[i]])),
        analytic,
        numeric,
      };
    });
  } finally {
    ENGINE.defaultFloat = previousFloat;
    ENGINE.restoreBackend(previousBackend);
  }
}
