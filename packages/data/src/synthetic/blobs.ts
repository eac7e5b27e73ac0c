// scikit-learn's make_blobs: isotropic Gaussian clusters, one class per center. n is spread over
// the centers as evenly as possible (the first n mod k centers get one more point); centers given
// as a count are drawn uniformly from centerBox.
import { ValueError, describeValue } from '@tensile/core';
import { assertFiniteAtLeast, assertInteger } from '../validate.js';
import type { SyntheticData, SyntheticOptions } from './common.js';
import { finish, start } from './common.js';

export interface BlobsOptions extends SyntheticOptions {
  /** Points (default 100). */
  n?: number;
  /** How many centers to draw (default 3), or the centers themselves, one point each. */
  centers?: number | readonly (readonly number[])[];
  /** Standard deviation of every cluster, or one per center (default 1). */
  clusterStd?: number | readonly number[];
  /** [lo, hi] of each coordinate of drawn centers (default [−10, 10]). */
  centerBox?: readonly [number, number];
  /** Coordinates per point when centers is a count (default 2). */
  nFeatures?: number;
}

function checkCenters(op: string, centers: readonly (readonly number[])[]): number {
  if (!Array.isArray(centers) || centers.length === 0) {
    throw new ValueError(
      op,
      `centers must be a count or a non-empty list of points, got ${describeValue(centers)}`,
    );
  }
  const d = Array.isArray(centers[0]) ? centers[0].length : 0;
  centers.forEach((c, i) => {
    if (!Array.isArray(c) || c.length !== d || d === 0 || !c.every(Number.isFinite)) {
      throw new ValueError(
        op,
        `centers[${i}] must be ${d > 0 ? d : 'a non-empty list of'} finite coordinates, got ${describeValue(c)}`,
      );
    }
  });
  return d;
}

export function blobs(options: BlobsOptions = {}): SyntheticData {
  const op = 'blobs';
  const { rng, shuffle } = start(op, options, [
    'n',
    'centers',
    'clusterStd',
    'centerBox',
    'nFeatures',
  ]);
  const { n = 100, centers = 3, clusterStd = 1, centerBox = [-10, 10], nFeatures = 2 } = options;
  assertInteger(op, 'n', n, 1);
  let points: number[][];
  if (typeof centers === 'number') {
    assertInteger(op, 'centers', centers, 1);
    assertInteger(op, 'nFeatures', nFeatures, 1);
    const [lo, hi] = centerBox;
    if (
      !Array.isArray(centerBox) ||
      centerBox.length !== 2 ||
      !Number.isFinite(lo) ||
      !Number.isFinite(hi) ||
      !(lo <= hi)
    ) {
      throw new ValueError(
        op,
        `centerBox must be [lo, hi] with finite lo ≤ hi, got ${describeValue(centerBox)}`,
      );
    }
    points = [];
    for (let c = 0; c < centers; c++) {
      const center: number[] = [];
      for (let f = 0; f < nFeatures; f++) center.push(rng.nextUniform(lo, hi));
      points.push(center);
    }
  } else {
    checkCenters(op, centers);
    points = centers.map((c) => [...c]);
  }
  const k = points.length;
  const d = points[0].length;
  if (typeof clusterStd !== 'number' && (!Array.isArray(clusterStd) || clusterStd.length !== k)) {
    throw new ValueError(
      op,
      `clusterStd must be a number or one per center (${k}), got ${describeValue(clusterStd)}`,
    );
  }
  const stds: readonly number[] =
    typeof clusterStd === 'number' ? new Array<number>(k).fill(clusterStd) : clusterStd;
  stds.forEach((s, i) =>
    assertFiniteAtLeast(
      op,
      typeof clusterStd === 'number' ? 'clusterStd' : `clusterStd[${i}]`,
      s,
      0,
    ),
  );
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  let row = 0;
  for (let c = 0; c < k; c++) {
    const count = Math.floor(n / k) + (c < n % k ? 1 : 0);
    for (let i = 0; i < count; i++, row++) {
      for (let f = 0; f < d; f++) x[row * d + f] = points[c][f] + stds[c] * rng.nextNormal();
      y[row] = c;
    }
  }
  return finish(x, y, d, shuffle, rng);
}
