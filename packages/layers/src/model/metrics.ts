// Epoch metrics through @tensile/metrics' streaming classes: every batch's targets and predictions
// are folded into the metric's state, and `compute()` at the end of the epoch gives the metric
// over the whole epoch (not a mean of per-batch values). Predictions are converted to what each
// metric consumes: class labels (argmax, or a 0.5 threshold for one sigmoid output), class scores
// (probabilities), or raw values.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { Metric } from '@tensile/metrics';
import {
  Accuracy,
  AveragePrecision,
  BalancedAccuracy,
  ExplainedVariance,
  F1,
  LogLoss,
  MeanAbsoluteError,
  MeanSquaredError,
  Precision,
  R2Score,
  Recall,
  RocAuc,
  RootMeanSquaredError,
} from '@tensile/metrics';

/** How the model's targets and outputs encode the task (decided by the loss). */
export type Task = 'binary' | 'categorical' | 'sparse' | 'regression';

/** What `compile({metrics})` accepts: a name, or a streaming metric instance. */
export type MetricSpec = string | Metric;

/** A resolved metric: its log key, the metric, and how predictions reach it. */
export interface CompiledMetric {
  name: string;
  metric: Metric;
  /** The spec as given, for model.json (instances are stored by class name). */
  saved: string;
}

type MetricMaker = (task: Task) => Metric;

const averaged = (task: Task) => (task === 'binary' ? 'binary' : 'macro');

const BY_NAME: Record<string, MetricMaker> = {
  accuracy: () => new Accuracy(),
  acc: () => new Accuracy(),
  balancedAccuracy: () => new BalancedAccuracy(),
  precision: (task) => new Precision({ average: averaged(task) }),
  recall: (task) => new Recall({ average: averaged(task) }),
  f1: (task) => new F1({ average: averaged(task) }),
  rocAuc: () => new RocAuc(),
  auc: () => new RocAuc(),
  averagePrecision: () => new AveragePrecision(),
  logLoss: () => new LogLoss(),
  mse: () => new MeanSquaredError(),
  meanSquaredError: () => new MeanSquaredError(),
  mae: () => new MeanAbsoluteError(),
  meanAbsoluteError: () => new MeanAbsoluteError(),
  rmse: () => new RootMeanSquaredError(),
  rootMeanSquaredError: () => new RootMeanSquaredError(),
  r2: () => new R2Score(),
  r2Score: () => new R2Score(),
  explainedVariance: () => new ExplainedVariance(),
};

export function listMetricNames(): string[] {
  return Object.keys(BY_NAME);
}

function isMetric(value: unknown): value is Metric {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Metric).update === 'function' &&
    typeof (value as Metric).compute === 'function' &&
    typeof (value as Metric).reset === 'function'
  );
}

/** Resolves `compile`'s metrics; log keys are unique ('accuracy', 'f1', 'f1_1', …). */
export function resolveMetrics(
  specs: readonly MetricSpec[] | undefined,
  task: Task,
): CompiledMetric[] {
  if (specs === undefined) return [];
  if (!Array.isArray(specs)) throw tl.invalidArgument('compile', 'metrics', 'an array', specs);
  const used = new Set<string>(['loss']);
  return specs.map((spec, i) => {
    let metric: Metric;
    let base: string;
    if (typeof spec === 'string') {
      const make = Object.prototype.hasOwnProperty.call(BY_NAME, spec) ? BY_NAME[spec] : undefined;
      if (make === undefined) {
        throw tl.invalidArgument(
          'compile',
          `metrics[${i}]`,
          `one of ${listMetricNames().join(', ')} or a metric instance`,
          spec,
        );
      }
      metric = make(task);
      base = spec;
    } else if (isMetric(spec)) {
      metric = spec;
      base = spec.name.charAt(0).toLowerCase() + spec.name.slice(1);
    } else {
      throw tl.invalidArgument(
        'compile',
        `metrics[${i}]`,
        'a metric name or a @tensile/metrics instance',
        spec,
      );
    }
    let name = base;
    for (let k = 1; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return { name, metric, saved: typeof spec === 'string' ? spec : base };
  });
}

/** How to read targets and outputs for the metrics of one model. */
export interface MetricInputs {
  task: Task;
  /** The outputs are logits (the loss has fromLogits), so scores need softmax/sigmoid. */
  logits: boolean;
  /** Hinge targets are ±1. */
  signedTargets: boolean;
}

/** Targets and predictions in the form `metric.input` asks for (call inside tidy). */
export function metricArguments(
  metric: Metric,
  yTrue: Tensor,
  yPred: Tensor,
  how: MetricInputs,
): [Tensor, Tensor] {
  if (metric.input === 'values') return [yTrue, yPred];
  const classes = yPred.shape[yPred.rank - 1];
  const binary = how.task === 'binary' || (how.task === 'regression' && classes === 1);
  const flat = (t: Tensor) => tl.reshape(t, [t.size]);
  const trueLabels = (): Tensor => {
    if (how.task === 'sparse') return flat(yTrue);
    if (binary) return flat(tl.cast(tl.greater(yTrue, how.signedTargets ? 0 : 0.5), 'int32'));
    return flat(tl.argMax(yTrue, -1));
  };
  if (metric.input === 'labels') {
    const predicted = binary
      ? flat(tl.cast(tl.greater(yPred, how.logits || how.signedTargets ? 0 : 0.5), 'int32'))
      : flat(tl.argMax(yPred, -1));
    return [trueLabels(), predicted];
  }
  if (binary) return [trueLabels(), flat(how.logits ? tl.sigmoid(yPred) : yPred)];
  const probabilities = how.logits ? tl.softmax(yPred) : yPred;
  return [trueLabels(), tl.reshape(probabilities, [-1, classes])];
}
