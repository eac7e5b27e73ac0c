// evaluate and predict: batched passes in inference mode that leave no tensor behind but the
// predictions they return.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { Dataset } from './batches.js';
import { asList, batchOf, checkBatchSize, sampleCount } from './batches.js';
import type { Graph } from './graph.js';
import { execute } from './graph.js';
import type { LayersModel } from './model.js';
import {
  metricLogs,
  regularizationLoss,
  resetMetrics,
  sampleLosses,
  updateMetrics,
} from './step.js';

export interface PredictArgs {
  /** Default 32. */
  batchSize?: number;
}

export interface EvaluateArgs {
  /** Default 32. */
  batchSize?: number;
  sampleWeight?: Tensor;
}

/** The model's outputs on `feeds`, batch by batch, concatenated (one output only). */
export function predictModel(graph: Graph, feeds: readonly Tensor[], args: PredictArgs): Tensor {
  const batchSize = checkBatchSize('predict', args.batchSize, 32);
  if (graph.outputs.length !== 1) {
    throw new tl.ValueError(
      'predict',
      `the model has ${graph.outputs.length} outputs; use applyMulti() on batches`,
    );
  }
  const n = sampleCount('predict', Object.fromEntries(feeds.map((t, i) => [`x[${i}]`, t])));
  if (n <= batchSize) {
    return tl.tidy(() => execute(graph, feeds, { training: false, preActivation: false })[0]);
  }
  const parts: Tensor[] = [];
  try {
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      parts.push(
        tl.tidy(() => {
          const batch = batchOf({ x: [...feeds] }, start, end, null);
          return execute(graph, batch.x, { training: false, preActivation: false })[0];
        }),
      );
    }
    return tl.concat(parts, 0);
  } finally {
    tl.dispose(parts);
  }
}

/** The mean loss (with penalties) and every metric over `data`, in inference mode. */
export function evaluateDataset(
  model: LayersModel,
  data: Dataset,
  batchSize: number,
  prefix = '',
): Record<string, number> {
  const compiled = model.compiled('evaluate');
  model.requireSingleOutput('evaluate');
  // Computed from the logits when the output activation is fused into the loss, as in training.
  const fused = compiled.fusedActivation !== null;
  const n = data.x[0].shape[0];
  resetMetrics(compiled);
  let lossSum = 0;
  let weightSum = 0;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    tl.tidy(() => {
      const batch = batchOf(data, start, end, null);
      const [out] = model.run(batch.x, false, fused);
      const y = batch.y as Tensor;
      const losses = sampleLosses(compiled, y, out, fused);
      if (losses.rank === 0) {
        // A custom loss that returns a scalar: weight it by the batch size.
        lossSum += losses.dataSync()[0] * (end - start);
        weightSum += end - start;
      } else {
        const w = batch.weights;
        lossSum += tl.sum(w === undefined ? losses : tl.mul(losses, w)).dataSync()[0];
        weightSum += w === undefined ? end - start : tl.sum(w).dataSync()[0];
      }
      updateMetrics(compiled, y, out, fused);
    });
  }
  const penalty = tl.tidy(() => {
    const r = regularizationLoss(model.layers);
    return r === null ? 0 : r.dataSync()[0];
  });
  return {
    [`${prefix}loss`]: lossSum / Math.max(weightSum, 1e-12) + penalty,
    ...metricLogs(compiled, prefix),
  };
}

export async function evaluateModel(
  model: LayersModel,
  x: Tensor | Tensor[],
  y: Tensor,
  args: EvaluateArgs,
): Promise<Record<string, number>> {
  const op = 'evaluate';
  const batchSize = checkBatchSize(op, args.batchSize, 32);
  const feeds = model.feedsFor(op, asList(op, 'x', x));
  const [target] = asList(op, 'y', y);
  sampleCount(op, { x: feeds[0], y: target, sampleWeight: args.sampleWeight });
  return evaluateDataset(model, { x: feeds, y: target, weights: args.sampleWeight }, batchSize);
}
