// Small synthetic data sets for training tests (the @tensile/data generators are not a dependency
// of this package): the three-arm spiral (CS231n) and XOR, seeded through core's RNG.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';

/** Points on `classes` interleaved noisy spiral arms, one arm per class; labels int32. */
export function spiral(perClass: number, classes = 3, seed = 3): { x: Tensor; labels: Tensor } {
  return tl.tidy(() => {
    const n = classes * perClass;
    const noise = tl.randomNormal([n], 0, 0.2, 'float32', seed).dataSync();
    const points = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let c = 0; c < classes; c++) {
      for (let i = 0; i < perClass; i++) {
        const k = c * perClass + i;
        const r = i / perClass;
        const angle = c * 4 + r * 4 + noise[k];
        points[2 * k] = r * Math.sin(angle);
        points[2 * k + 1] = r * Math.cos(angle);
        labels[k] = c;
      }
    }
    return { x: tl.tensor(points, [n, 2]), labels: tl.tensor(labels, [n], 'int32') };
  });
}

/** Uniform points in [−1, 1]²; label 1 where x·y > 0 (the XOR of the signs). Targets [n, 1]. */
export function xor(n: number, seed = 5): { x: Tensor; y: Tensor } {
  return tl.tidy(() => {
    const x = tl.randomUniform([n, 2], -1, 1, 'float32', seed);
    const v = x.dataSync();
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) y[i] = v[2 * i] * v[2 * i + 1] > 0 ? 1 : 0;
    return { x, y: tl.tensor(y, [n, 1]) };
  });
}
