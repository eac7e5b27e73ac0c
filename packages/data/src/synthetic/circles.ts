// scikit-learn's make_circles: ⌊n/2⌋ points evenly around the unit circle (class 0) and the rest
// around a circle of radius `factor` inside it (class 1), plus Gaussian noise.
import { ValueError } from '@tensile/core';
import { assertInteger } from '../validate.js';
import type { SyntheticData, SyntheticOptions } from './common.js';
import { addNoise, finish, linspace, start } from './common.js';

export interface CirclesOptions extends SyntheticOptions {
  /** Points (default 100). */
  n?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** Inner radius over outer, in [0, 1) (default 0.5; sklearn's default is 0.8). */
  factor?: number;
}

export function circles(options: CirclesOptions = {}): SyntheticData {
  const op = 'circles';
  const { rng, shuffle } = start(op, options, ['n', 'noise', 'factor']);
  const { n = 100, noise = 0, factor = 0.5 } = options;
  assertInteger(op, 'n', n, 1);
  if (typeof factor !== 'number' || !(factor >= 0 && factor < 1)) {
    throw new ValueError(op, `factor must be in [0, 1), got ${String(factor)}`);
  }
  const nOuter = Math.floor(n / 2);
  const nInner = n - nOuter;
  const points = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  const outer = linspace(0, 2 * Math.PI, nOuter, false);
  const inner = linspace(0, 2 * Math.PI, nInner, false);
  for (let i = 0; i < nOuter; i++) {
    points[2 * i] = Math.cos(outer[i]);
    points[2 * i + 1] = Math.sin(outer[i]);
  }
  for (let i = 0; i < nInner; i++) {
    const row = nOuter + i;
    points[2 * row] = factor * Math.cos(inner[i]);
    points[2 * row + 1] = factor * Math.sin(inner[i]);
    labels[row] = 1;
  }
  addNoise(points, noise, rng);
  return finish(points, labels, 2, shuffle, rng);
}
