// The training loop of `fit`: mini-batch gradient descent (batch GD when batchSize ≥ the number of
// samples, stochastic GD when it is 1). Each step is one `variableGrads` over the trainable
// variables inside a tidy scope, an optimizer update, then the weight constraints. Epoch metrics
// are the streaming metrics over the whole epoch. A NaN/Infinity loss stops training with a
// NonFiniteError after restoring the weights of the last good epoch (or ends it quietly when a
// callback such as terminateOnNaN sets `stopTraining`).
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { WeightsSnapshot } from '@tensile/regularization';
import { snapshotWeights } from '@tensile/regularization';
import type { Callback, Logs, TrainingParams } from '../callbacks/callback.js';
import { CallbackList, checkCallbacks } from '../callbacks/callback.js';
import { History } from '../callbacks/history.js';
import { ProgressBar } from '../callbacks/progress-bar.js';
import type { Dataset } from './batches.js';
import {
  asList,
  batchOf,
  checkBatchSize,
  disposeDataset,
  permutation,
  sampleCount,
  splitTail,
} from './batches.js';
import type { Compiled } from './compile.js';
import { evaluateDataset } from './evaluation.js';
import type { LayersModel } from './model.js';
import type { TrainingOptimizer } from './optimizer.js';
import {
  batchDataLoss,
  metricLogs,
  regularizationLoss,
  resetMetrics,
  sampleLosses,
  sampleWeights,
  updateMetrics,
} from './step.js';

export interface FitArgs {
  /** The epoch to stop before (epochs are counted from 0, starting at initialEpoch); default 1. */
  epochs?: number;
  /** Samples per gradient step; default 32. */
  batchSize?: number;
  /** The last fraction of the samples (before shuffling) held out for validation. */
  validationSplit?: number;
  /** Validation inputs and targets (instead of validationSplit). */
  validationData?: [Tensor | Tensor[], Tensor] | [Tensor | Tensor[], Tensor, Tensor];
  /** Reshuffle the training samples every epoch; default true. */
  shuffle?: boolean;
  callbacks?: Callback[];
  /** A weight per class index, multiplying each sample's loss. */
  classWeight?: Record<number, number>;
  /** A weight per sample [n]. */
  sampleWeight?: Tensor;
  /** 0 silent; 1 a progress bar on a terminal (a line per epoch otherwise); 2 a line per epoch. Default 1. */
  verbose?: 0 | 1 | 2;
  /** Resume at this epoch (for history and schedules); default 0. */
  initialEpoch?: number;
  /** Seeds the shuffling (epoch e uses seed + e); default: core's global stream (tl.setSeed). */
  seed?: number;
  /** Batch size of the validation pass; default batchSize. */
  validationBatchSize?: number;
}

export { History };

function checkFitArgs(args: FitArgs): void {
  const allowed = [
    'epochs',
    'batchSize',
    'validationSplit',
    'validationData',
    'shuffle',
    'callbacks',
    'classWeight',
    'sampleWeight',
    'verbose',
    'initialEpoch',
    'seed',
    'validationBatchSize',
  ];
  for (const key of Object.keys(args)) {
    if (!allowed.includes(key))
      throw new tl.ValueError('fit', `unknown option '${key}' (accepted: ${allowed.join(', ')})`);
  }
  const int = (name: keyof FitArgs, min: number) => {
    const v = args[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min)) {
      throw tl.invalidArgument('fit', name, `an integer ≥ ${min}`, v);
    }
  };
  int('epochs', 0);
  int('initialEpoch', 0);
  int('seed', 0);
  if (args.verbose !== undefined && ![0, 1, 2].includes(args.verbose)) {
    throw tl.invalidArgument('fit', 'verbose', '0, 1 or 2', args.verbose);
  }
  const split = args.validationSplit;
  if (split !== undefined && (typeof split !== 'number' || !(split > 0 && split < 1))) {
    throw tl.invalidArgument('fit', 'validationSplit', 'a number in (0, 1)', split);
  }
  if (split !== undefined && args.validationData !== undefined) {
    throw new tl.ValueError('fit', 'give validationSplit or validationData, not both');
  }
  if (args.shuffle !== undefined && typeof args.shuffle !== 'boolean') {
    throw tl.invalidArgument('fit', 'shuffle', 'a boolean', args.shuffle);
  }
  if (args.classWeight !== undefined) {
    const entries =
      typeof args.classWeight === 'object' && args.classWeight !== null
        ? Object.entries(args.classWeight)
        : null;
    if (
      entries === null ||
      entries.some(([k, w]) => !Number.isInteger(Number(k)) || typeof w !== 'number' || !(w >= 0))
    ) {
      throw tl.invalidArgument(
        'fit',
        'classWeight',
        'a record {classIndex: weight ≥ 0}',
        args.classWeight,
      );
    }
  }
}

/** The data sets of a fit, and a function freeing the tensors made for them. */
function prepareData(model: LayersModel, x: Tensor | Tensor[], y: Tensor, args: FitArgs) {
  const op = 'fit';
  const feeds = model.feedsFor(op, asList(op, 'x', x));
  const [target] = asList(op, 'y', y);
  const named = Object.fromEntries(feeds.map((t, i) => [feeds.length > 1 ? `x[${i}]` : 'x', t]));
  sampleCount(op, { ...named, y: target, sampleWeight: args.sampleWeight });
  const compiled = model.compiled(op);
  const weights = tl.tidy(() =>
    sampleWeights(compiled, target, args.classWeight, args.sampleWeight),
  );
  const madeWeights = weights !== undefined && weights !== args.sampleWeight ? weights : undefined;
  const all: Dataset = { x: feeds, y: target, weights };
  if (args.validationSplit !== undefined) {
    const { train, validation } = splitTail(all, args.validationSplit);
    madeWeights?.dispose();
    return {
      train,
      validation,
      cleanup: () => {
        disposeDataset(train);
        disposeDataset(validation);
      },
    };
  }
  let validation: Dataset | undefined;
  if (args.validationData !== undefined) {
    const [vx, vy, vw] = args.validationData;
    const vFeeds = model.feedsFor(op, asList(op, 'validationData[0]', vx));
    const [vTarget] = asList(op, 'validationData[1]', vy);
    sampleCount(op, {
      'validationData[0]': vFeeds[0],
      'validationData[1]': vTarget,
      'validationData[2]': vw,
    });
    validation = { x: vFeeds, y: vTarget, weights: vw };
  }
  return { train: all, validation, cleanup: () => madeWeights?.dispose() };
}

export async function fitModel(
  model: LayersModel,
  x: Tensor | Tensor[],
  y: Tensor,
  args: FitArgs,
): Promise<History> {
  if (typeof args !== 'object' || args === null)
    throw tl.invalidArgument('fit', 'args', 'an object', args);
  checkFitArgs(args);
  const compiled = model.compiled('fit');
  model.requireSingleOutput('fit');
  const epochs = args.epochs ?? 1;
  const initialEpoch = args.initialEpoch ?? 0;
  const batchSize = checkBatchSize('fit', args.batchSize, 32);
  const validationBatchSize = checkBatchSize('fit', args.validationBatchSize, batchSize);
  const verbose = args.verbose ?? 1;
  const userCallbacks = checkCallbacks('fit', args.callbacks);
  const { train, validation, cleanup } = prepareData(model, x, y, args);
  let snapshot: WeightsSnapshot | undefined;
  try {
    const optimizer = model.syncOptimizer();
    const n = train.x[0].shape[0];
    if (n === 0) throw new tl.ValueError('fit', 'x holds no samples');
    const history = new History();
    const list = [...userCallbacks];
    if (verbose > 0 && !list.some((cb) => cb instanceof ProgressBar)) list.push(new ProgressBar());
    // History goes last, so it records what other callbacks add to the logs (lr).
    const callbacks = new CallbackList([...list, history]);
    const names = ['loss', ...compiled.metrics.map((m) => m.name)];
    const params: TrainingParams = {
      epochs,
      initialEpoch,
      steps: Math.ceil(n / batchSize),
      samples: n,
      batchSize,
      verbose,
      metrics: validation === undefined ? names : [...names, ...names.map((k) => `val_${k}`)],
      doValidation: validation !== undefined,
    };
    callbacks.setup(model, params);
    model.stopTraining = false;
    await callbacks.trainBegin();
    let lastLogs: Logs = {};
    snapshot = snapshotWeights(model.namedVariables());
    const step = new TrainStep(model, compiled, optimizer);
    for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      await callbacks.epochBegin(epoch);
      const order =
        args.shuffle === false
          ? null
          : permutation(n, args.seed === undefined ? undefined : args.seed + epoch);
      resetMetrics(compiled);
      let lossSum = 0;
      let seen = 0;
      let failed = false;
      for (let b = 0, start = 0; start < n; b++, start += batchSize) {
        const end = Math.min(n, start + batchSize);
        await callbacks.batchBegin(b, { batch: b, size: end - start });
        const loss = step.run(train, start, end, order);
        if (!Number.isFinite(loss)) {
          snapshot.restore(model.namedVariables());
          await callbacks.batchEnd(b, { batch: b, size: end - start, loss });
          if (!model.stopTraining) {
            throw new tl.NonFiniteError(
              'fit',
              `the loss became ${loss} at epoch ${epoch + 1}, batch ${b + 1}; the weights were restored to the end of ${epoch === initialEpoch ? 'the previous fit (before this epoch)' : `epoch ${epoch}`}. Lower the learning rate, check the inputs for NaN/Infinity, or clip gradients`,
            );
          }
          failed = true;
          break;
        }
        lossSum += loss * (end - start);
        seen += end - start;
        await callbacks.batchEnd(b, liveLogs(compiled, b, end - start, lossSum / seen));
        if (model.stopTraining) break;
      }
      if (failed) break;
      const logs: Logs = { loss: lossSum / seen, ...metricLogs(compiled) };
      if (validation !== undefined)
        Object.assign(logs, evaluateDataset(model, validation, validationBatchSize, 'val_'));
      await callbacks.epochEnd(epoch, logs);
      lastLogs = logs;
      snapshot.dispose();
      snapshot = snapshotWeights(model.namedVariables());
    }
    await callbacks.trainEnd(lastLogs);
    return history;
  } finally {
    snapshot?.dispose();
    cleanup();
  }
}

/** Batch logs: the running epoch loss, and the running metrics computed only when read. */
function liveLogs(compiled: Compiled, batch: number, size: number, loss: number): Logs {
  const logs: Logs = { batch, size, loss };
  for (const { name, metric } of compiled.metrics) {
    let cached: number | undefined;
    Object.defineProperty(logs, name, {
      enumerable: true,
      get: () => (cached ??= Number(metric.compute())),
    });
  }
  return logs;
}

/** One optimization step on a batch; returns the batch loss (non-finite: nothing was updated). */
class TrainStep {
  private readonly fused: boolean;

  constructor(
    private readonly model: LayersModel,
    private readonly compiled: Compiled,
    private readonly optimizer: TrainingOptimizer,
  ) {
    this.fused = compiled.fusedActivation !== null;
  }

  run(data: Dataset, start: number, end: number, order: Int32Array | null): number {
    const { model, compiled, fused } = this;
    const trainable = model.trainableWeights;
    const pathOf = new Map<string, string>(trainable.map((w) => [w.variable.name, w.path]));
    let output: Tensor | undefined;
    try {
      return tl.tidy(() => {
        const batch = batchOf(data, start, end, order);
        const y = batch.y as Tensor;
        const objective = (): Tensor => {
          const [out] = model.run(batch.x, true, fused);
          output = tl.keep(out);
          const loss = batchDataLoss(
            sampleLosses(compiled, y, out, fused),
            batch.weights,
            compiled.loss.name,
          );
          const penalty = regularizationLoss(model.layers);
          return penalty === null ? loss : tl.add(loss, penalty);
        };
        let loss: number;
        if (trainable.length === 0) {
          loss = objective().dataSync()[0];
        } else {
          const variables: Variable[] = trainable.map((w) => w.variable);
          const { value, grads } = tl.variableGrads(objective, variables);
          loss = value.dataSync()[0];
          if (!Number.isFinite(loss)) return loss;
          const named: Record<string, Tensor> = {};
          for (const [name, g] of Object.entries(grads)) named[pathOf.get(name) ?? name] = g;
          this.optimizer.step(named);
          for (const layer of model.layers) layer.applyConstraints();
        }
        if (Number.isFinite(loss)) updateMetrics(compiled, y, output as Tensor, fused);
        return loss;
      });
    } finally {
      output?.dispose();
    }
  }
}
