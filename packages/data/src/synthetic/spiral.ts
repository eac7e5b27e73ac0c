// The spiral of CS231n's "Putting it together: minimal neural network case study": each class is
// one arm, radius r = linspace(0, 1) and angle θ = linspace(4k, 4(k+1)) + N(0, noise²), the point
// (r·sin θ, r·cos θ). Not linearly separable: the classic first test of a hidden layer.
import { assertInteger } from '../validate.js';
import type { SyntheticData, SyntheticOptions } from './common.js';
import { finish, linspace, start } from './common.js';

export interface SpiralOptions extends SyntheticOptions {
  /** Arms, one per class (default 3). */
  classes?: number;
  /** Points per arm (default 100). */
  perClass?: number;
  /** Standard deviation of the angle noise in radians (default 0.2, as CS231n). */
  noise?: number;
}

/** `classes · perClass` points on interleaved spiral arms, `perClass` of each class. */
export function spiral(options: SpiralOptions = {}): SyntheticData {
  const op = 'spiral';
  const { rng, shuffle } = start(op, options, ['classes', 'perClass', 'noise']);
  const { classes = 3, perClass = 100, noise = 0.2 } = options;
  assertInteger(op, 'classes', classes, 1);
  assertInteger(op, 'perClass', perClass, 1);
  const n = classes * perClass;
  const points = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  const radius = linspace(0, 1, perClass);
  for (let k = 0; k < classes; k++) {
    const angle = linspace(4 * k, 4 * (k + 1), perClass);
    for (let i = 0; i < perClass; i++) {
      const row = k * perClass + i;
      const theta = angle[i] + noise * rng.nextNormal();
      points[2 * row] = radius[i] * Math.sin(theta);
      points[2 * row + 1] = radius[i] * Math.cos(theta);
      labels[row] = k;
    }
  }
  return finish(points, labels, 2, shuffle, rng);
}
