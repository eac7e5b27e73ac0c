// scikit-learn's make_moons: ⌊n/2⌋ points on the upper half circle (cos t, sin t), t ∈ [0, π]
// (class 0), the rest on the interleaved lower half (1 − cos t, 1 − sin t − 0.5) (class 1), plus
// Gaussian noise.
import { assertInteger } from '../validate.js';
import type { SyntheticData, SyntheticOptions } from './common.js';
import { addNoise, finish, linspace, start } from './common.js';

export interface MoonsOptions extends SyntheticOptions {
  /** Points (default 100). */
  n?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  noise?: number;
}

export function moons(options: MoonsOptions = {}): SyntheticData {
  const op = 'moons';
  const { rng, shuffle } = start(op, options, ['n', 'noise']);
  const { n = 100, noise = 0 } = options;
  assertInteger(op, 'n', n, 1);
  const nOuter = Math.floor(n / 2);
  const nInner = n - nOuter;
  const points = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  const outer = linspace(0, Math.PI, nOuter);
  const inner = linspace(0, Math.PI, nInner);
  for (let i = 0; i < nOuter; i++) {
    points[2 * i] = Math.cos(outer[i]);
    points[2 * i + 1] = Math.sin(outer[i]);
  }
  for (let i = 0; i < nInner; i++) {
    const row = nOuter + i;
    points[2 * row] = 1 - Math.cos(inner[i]);
    points[2 * row + 1] = 1 - Math.sin(inner[i]) - 0.5;
    labels[row] = 1;
  }
  addNoise(points, noise, rng);
  return finish(points, labels, 2, shuffle, rng);
}
