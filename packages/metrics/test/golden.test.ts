// Every value of fixtures/golden/metrics.json, three ways: the functional call on all samples, one
// streaming instance updated batch by batch, and per-batch instances merged. Table-driven: the
// metric, its options (average, beta, k, zero_division) and its inputs are read off each value's
// key path, so a new key needs no new test code, and an unknown key fails.
import { describe, expect, it } from 'vitest';
import { assertClose, isGoldenArray, loadGolden } from '@tensile/core/testing';
import type { GoldenArray, Tolerance } from '@tensile/core/testing';
import {
  Accuracy,
  AveragePrecision,
  BalancedAccuracy,
  ConfusionMatrix,
  ExplainedVariance,
  F1,
  Fbeta,
  LogLoss,
  MeanAbsoluteError,
  MeanSquaredError,
  Precision,
  R2Score,
  Recall,
  RocAuc,
  RootMeanSquaredError,
  TopKAccuracy,
  accuracy,
  averagePrecision,
  balancedAccuracy,
  confusionMatrix,
  explainedVariance,
  f1,
  fbeta,
  logLoss,
  meanAbsoluteError,
  meanSquaredError,
  precision,
  r2Score,
  recall,
  rocAuc,
  rootMeanSquaredError,
  topKAccuracy,
} from '../src/index.js';
import type { Average, Metric, MetricInput, TensorLike } from '../src/index.js';

type Json = number | string | GoldenArray | { [key: string]: Json } | Json[];
type Inputs = Record<string, GoldenArray | string>;

const golden = loadGolden<Record<string, Json>>('metrics.json');
const tolerance = golden.tolerance as unknown as Tolerance;
const streaming = golden.streaming as { bounds: GoldenArray; cumulative: Record<string, Json>[] };
const bounds = streaming.bounds.data;

/** How a value is computed: a fresh streaming instance, or the functional call. */
interface Spec {
  make(): Metric;
  call(yTrue: MetricInput, yPred: MetricInput): unknown;
  /** Which input is yPred: the label vector, the score vector/matrix, or regression values. */
  pred: 'y_pred' | 'scores' | 'values';
}

interface Context {
  labels: number[];
  zeroDivision: number;
  average: Average;
}

const PRF = /^(precision|recall|f1|fbeta_([0-9.]+))(?:_(micro|macro|weighted))?$/;

function specFor(key: string, ctx: Context): Spec {
  const { labels, zeroDivision } = ctx;
  if (key === 'accuracy')
    return { make: () => new Accuracy(), call: (t, p) => accuracy(t, p), pred: 'y_pred' };
  if (key === 'balanced_accuracy') {
    return {
      make: () => new BalancedAccuracy(),
      call: (t, p) => balancedAccuracy(t, p),
      pred: 'y_pred',
    };
  }
  const topK = /^top_(\d+)_accuracy$/.exec(key);
  if (topK) {
    const o = { k: Number(topK[1]), labels };
    return {
      make: () => new TopKAccuracy(o),
      call: (t, p) => topKAccuracy(t, p, o),
      pred: 'scores',
    };
  }
  if (key === 'confusion_matrix') {
    const o = { labels };
    return {
      make: () => new ConfusionMatrix(o),
      call: (t, p) => confusionMatrix(t, p, o),
      pred: 'y_pred',
    };
  }
  const prf = PRF.exec(key);
  if (prf) {
    const average = (prf[3] as Average | undefined) ?? ctx.average;
    const o = { average, labels, zeroDivision };
    if (prf[1] === 'precision') {
      return { make: () => new Precision(o), call: (t, p) => precision(t, p, o), pred: 'y_pred' };
    }
    if (prf[1] === 'recall') {
      return { make: () => new Recall(o), call: (t, p) => recall(t, p, o), pred: 'y_pred' };
    }
    if (prf[1] === 'f1')
      return { make: () => new F1(o), call: (t, p) => f1(t, p, o), pred: 'y_pred' };
    const b = { ...o, beta: Number(prf[2]) };
    return { make: () => new Fbeta(b), call: (t, p) => fbeta(t, p, b), pred: 'y_pred' };
  }
  const auc = /^roc_auc(?:_(ovr|ovo)_(macro|weighted|micro))?$/.exec(key);
  if (auc) {
    const o = {
      multiClass: (auc[1] ?? 'ovr') as 'ovr' | 'ovo',
      average: (auc[2] ?? 'macro') as 'macro',
    };
    return { make: () => new RocAuc(o), call: (t, p) => rocAuc(t, p, o), pred: 'scores' };
  }
  if (key === 'average_precision') {
    return {
      make: () => new AveragePrecision(),
      call: (t, p) => averagePrecision(t, p),
      pred: 'scores',
    };
  }
  if (key === 'log_loss') {
    const o = { labels };
    return { make: () => new LogLoss(o), call: (t, p) => logLoss(t, p, o), pred: 'scores' };
  }
  const regression: Record<string, [() => Metric, (t: MetricInput, p: MetricInput) => unknown]> = {
    mse: [() => new MeanSquaredError(), meanSquaredError],
    mae: [() => new MeanAbsoluteError(), meanAbsoluteError],
    rmse: [() => new RootMeanSquaredError(), rootMeanSquaredError],
    r2: [() => new R2Score(), r2Score],
    explained_variance: [() => new ExplainedVariance(), explainedVariance],
  };
  if (key in regression) {
    const [make, call] = regression[key];
    return { make, call: (t, p) => call(t, p), pred: 'values' };
  }
  throw new Error(`no metric for golden key '${key}'`);
}

/** Rows [from, to) of a golden array, in one of three input forms. */
type Form = 'nested' | 'typed' | 'tensor';

function rows(a: GoldenArray, from: number, to: number, form: Form): MetricInput {
  const width = a.shape.length === 1 ? 1 : a.shape[1];
  const flat = a.data.slice(from * width, to * width);
  const shape = a.shape.length === 1 ? [to - from] : [to - from, width];
  if (form === 'tensor') {
    const tensor: TensorLike = { shape, dataSync: () => Float32Array.from(flat) };
    // Labels and exact counts stay exact in float64; a float32 tensor exercises the float32 path.
    return a.dtype === 'int32' ? { shape, dataSync: () => Int32Array.from(flat) } : tensor;
  }
  if (form === 'typed') {
    if (a.dtype === 'int32') return Int32Array.from(flat);
    if (width === 1) return Float64Array.from(flat);
    // A matrix as an array of typed rows.
    return Array.from({ length: to - from }, (_, r) =>
      Float64Array.from(flat.slice(r * width, (r + 1) * width)),
    );
  }
  if (width === 1) return flat;
  return Array.from({ length: to - from }, (_, r) => flat.slice(r * width, (r + 1) * width));
}

function flattenResult(value: unknown): number[] | number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return (value as unknown[]).flatMap((v) => flattenResult(v));
  throw new Error(`unexpected result ${String(value)}`);
}

function expectClose(actual: unknown, expected: number | GoldenArray, label: string): void {
  // int32 arrays (confusion matrices) must match exactly; floats within the file's tolerance.
  assertClose(flattenResult(actual), expected, tolerance, label);
}

/** Every numeric leaf under `node` with its key path. */
function leaves(node: Json, path: string[] = []): [string[], number | GoldenArray][] {
  if (typeof node === 'number' || isGoldenArray(node))
    return [[path, node as number | GoldenArray]];
  if (typeof node !== 'object' || Array.isArray(node)) return [];
  return Object.entries(node).flatMap(([k, v]) => (k === 'inputs' ? [] : leaves(v, [...path, k])));
}

function contextOf(path: string[], labels: number[]): Context {
  const zd = path.find((p) => /^zero_division_[01]$/.test(p));
  const avg = path.find((p) => ['micro', 'macro', 'weighted', 'per_class'].includes(p));
  return {
    labels,
    zeroDivision: zd === undefined ? 0 : Number(zd.slice(-1)),
    average: avg === undefined ? 'binary' : avg === 'per_class' ? null : (avg as Average),
  };
}

function predInput(inputs: Inputs, spec: Spec): GoldenArray {
  const pick = (name: string): GoldenArray => {
    const v = inputs[name];
    if (!isGoldenArray(v)) throw new Error(`inputs.${name} is missing`);
    return v;
  };
  if (spec.pred === 'scores') return pick('y_prob' in inputs ? 'y_prob' : 'y_score');
  return pick('y_pred');
}

/** Batch boundaries for n samples: the fixture's own when they fit, else thirds. */
function batchBounds(n: number): number[] {
  if (bounds[bounds.length - 1] === n) return [...bounds];
  return [0, Math.floor(n / 7), Math.floor(n / 2), n];
}

function labelsOf(c: Record<string, Json>): number[] {
  const cm = c.confusion_matrix as GoldenArray;
  return Array.from({ length: cm.shape[0] }, (_, i) => i);
}

const oneShotCases = Object.entries(golden).filter(
  ([, v]) => typeof v === 'object' && v !== null && 'inputs' in (v as object),
) as [string, Record<string, Json>][];

describe('golden metrics.json: one-shot cases', () => {
  it('covers every case of the fixture', () => {
    expect(oneShotCases.map(([name]) => name)).toEqual(
      expect.arrayContaining(['multiclass', 'binary', 'binary_ties', 'regression']),
    );
    expect(oneShotCases.length).toBeGreaterThanOrEqual(6);
  });

  for (const [caseName, c] of oneShotCases) {
    const inputs = c.inputs as Inputs;
    const labels = 'confusion_matrix' in c ? labelsOf(c) : [];
    const yTrue = inputs.y_true as GoldenArray;
    const n = yTrue.shape[0];
    const cuts = batchBounds(n);
    describe(caseName, () => {
      for (const [path, expected] of leaves(c)) {
        const label = `${caseName}.${path.join('.')}`;
        const spec = specFor(path[path.length - 1], contextOf(path, labels));
        const yPred =
          spec.pred === 'values' ? (inputs.y_pred as GoldenArray) : predInput(inputs, spec);

        it(`${path.join('.')}: functional`, () => {
          expectClose(
            spec.call(rows(yTrue, 0, n, 'nested'), rows(yPred, 0, n, 'nested')),
            expected,
            label,
          );
        });

        it(`${path.join('.')}: streaming, batch by batch`, () => {
          const metric = spec.make();
          for (let k = 0; k + 1 < cuts.length; k++) {
            metric.update(
              rows(yTrue, cuts[k], cuts[k + 1], 'typed'),
              rows(yPred, cuts[k], cuts[k + 1], 'typed'),
            );
          }
          expect(metric.numSamples).toBe(n);
          expectClose(metric.compute(), expected, `${label} (streaming)`);
        });

        it(`${path.join('.')}: merge of per-batch instances`, () => {
          const parts = cuts
            .slice(0, -1)
            .map((from, k) =>
              spec
                .make()
                .update(
                  rows(yTrue, from, cuts[k + 1], 'tensor'),
                  rows(yPred, from, cuts[k + 1], 'tensor'),
                ),
            );
          const merged = parts.reduce((acc, part) => acc.merge(part), spec.make());
          expectClose(merged.compute(), expected, `${label} (merged)`);
        });
      }
    });
  }
});

describe('golden metrics.json: streaming cumulative values', () => {
  const classification = (golden.multiclass as Record<string, Json>).inputs as Inputs;
  const regression = (golden.regression as Record<string, Json>).inputs as Inputs;
  const labels = labelsOf(golden.multiclass as Record<string, Json>);
  const cumulative = streaming.cumulative;

  it('has one entry per batch', () => {
    expect(cumulative.length).toBe(bounds.length - 1);
    expect(cumulative.map((e) => e.num_samples)).toEqual(bounds.slice(1));
  });

  const keys = leaves(cumulative[0]).map(([path]) => path);
  for (const path of keys) {
    const key = path[path.length - 1];
    const name = path.join('.');
    const at = (k: number): number | GoldenArray =>
      path.reduce<Json>((node, p) => (node as Record<string, Json>)[p], cumulative[k]) as
        number | GoldenArray;

    if (key === 'num_samples') {
      it('num_samples after each batch', () => {
        const metric = new Accuracy();
        const yTrue = classification.y_true as GoldenArray;
        for (let k = 0; k < cumulative.length; k++) {
          metric.update(
            rows(yTrue, bounds[k], bounds[k + 1], 'typed'),
            rows(yTrue, bounds[k], bounds[k + 1], 'typed'),
          );
          expect(metric.numSamples).toBe(at(k));
        }
      });
      continue;
    }

    const spec = specFor(key, contextOf(path, labels));
    const inputs = spec.pred === 'values' ? regression : classification;
    const yTrue = inputs.y_true as GoldenArray;
    const yPred = spec.pred === 'values' ? (inputs.y_pred as GoldenArray) : predInput(inputs, spec);

    it(`${name}: functional on the samples seen so far`, () => {
      for (let k = 0; k < cumulative.length; k++) {
        const end = bounds[k + 1];
        expectClose(
          spec.call(rows(yTrue, 0, end, 'nested'), rows(yPred, 0, end, 'nested')),
          at(k),
          `${name}[${k}]`,
        );
      }
    });

    it(`${name}: streaming after each batch`, () => {
      const metric = spec.make();
      for (let k = 0; k < cumulative.length; k++) {
        metric.update(
          rows(yTrue, bounds[k], bounds[k + 1], 'typed'),
          rows(yPred, bounds[k], bounds[k + 1], 'typed'),
        );
        expectClose(metric.compute(), at(k), `${name}[${k}] (streaming)`);
      }
    });

    it(`${name}: merge of per-batch instances after each batch`, () => {
      const merged = spec.make();
      for (let k = 0; k < cumulative.length; k++) {
        const part = spec
          .make()
          .update(
            rows(yTrue, bounds[k], bounds[k + 1], 'tensor'),
            rows(yPred, bounds[k], bounds[k + 1], 'tensor'),
          );
        merged.merge(part);
        expectClose(merged.compute(), at(k), `${name}[${k}] (merged)`);
      }
    });
  }
});
