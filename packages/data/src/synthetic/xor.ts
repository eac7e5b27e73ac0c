// XOR: points in the four quadrants of [−1, 1]², class 1 where the two coordinates have opposite
// signs. Classes alternate so they are balanced (⌈n/2⌉ of class 0), and each class fills its two
// quadrants equally; noise is added after labelling, so it blurs the boundary.
import { assertInteger } from '../validate.js';
import type { SyntheticData, SyntheticOptions } from './common.js';
import { addNoise, finish, start } from './common.js';

export interface XorOptions extends SyntheticOptions {
  /** Points (default 100). */
  n?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  noise?: number;
}

export function xor(options: XorOptions = {}): SyntheticData {
  const op = 'xor';
  const { rng, shuffle } = start(op, options, ['n', 'noise']);
  const { n = 100, noise = 0 } = options;
  assertInteger(op, 'n', n, 1);
  const points = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    // Class 0 lives in quadrants (+,+) and (−,−), class 1 in (+,−) and (−,+).
    const sx = (i >> 1) % 2 === 0 ? 1 : -1;
    const sy = label === 0 ? sx : -sx;
    points[2 * i] = sx * rng.nextFloat();
    points[2 * i + 1] = sy * rng.nextFloat();
    labels[i] = label;
  }
  addNoise(points, noise, rng);
  return finish(points, labels, 2, shuffle, rng);
}
