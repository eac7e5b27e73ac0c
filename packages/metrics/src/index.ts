export type { MetricInput, NestedArray, TensorLike } from './inputs.js';
export type { Average, SampleWeightOption, UnknownLabels } from './options.js';
export { Metric } from './streaming/metric.js';
export type { InputKind, MetricState } from './streaming/metric.js';

export { Accuracy, accuracy } from './classification/accuracy.js';
export type { AccuracyOptions } from './classification/accuracy.js';
export { BalancedAccuracy, balancedAccuracy } from './classification/balanced-accuracy.js';
export type { BalancedAccuracyOptions } from './classification/balanced-accuracy.js';
export { TopKAccuracy, topKAccuracy } from './classification/top-k-accuracy.js';
export type { TopKAccuracyOptions } from './classification/top-k-accuracy.js';
export { Precision, precision } from './classification/precision.js';
export { Recall, recall } from './classification/recall.js';
export { F1, Fbeta, f1, fbeta } from './classification/fbeta.js';
export type { FbetaOptions } from './classification/fbeta.js';
export type { AverageResult, PrfOptions } from './classification/prf.js';
export { ConfusionMatrix, confusionMatrix } from './classification/confusion-matrix.js';
export type {
  ConfusionMatrixOptions,
  ConfusionNormalize,
} from './classification/confusion-matrix.js';
export { LogLoss, logLoss } from './classification/log-loss.js';
export type { LogLossOptions } from './classification/log-loss.js';

export { RocAuc, rocAuc } from './ranking/roc-auc.js';
export type { RocAucOptions } from './ranking/roc-auc.js';
export { AveragePrecision, averagePrecision } from './ranking/average-precision.js';
export type { AveragePrecisionOptions } from './ranking/average-precision.js';
export type { RankingAverage, RankingResult } from './ranking/multiclass.js';
export { precisionRecallCurve, rocCurve } from './ranking/curves.js';
export type {
  CurveOptions,
  PrecisionRecallCurve,
  RocCurve,
  RocCurveOptions,
} from './ranking/curves.js';

export {
  MeanAbsoluteError,
  MeanSquaredError,
  RootMeanSquaredError,
  meanAbsoluteError,
  meanSquaredError,
  rootMeanSquaredError,
} from './regression/error-metrics.js';
export type { ErrorMultioutput } from './regression/error-metrics.js';
export { ExplainedVariance, R2Score, explainedVariance, r2Score } from './regression/r2-score.js';
export type { R2Options } from './regression/r2-score.js';
export type {
  Multioutput,
  RegressionOptions,
  RegressionResult,
} from './regression/regression-metric.js';

export { MetricCollection } from './collection.js';
export type { CollectionResult, Predictions } from './collection.js';

export { RECOMMENDED_ACTIONS, diagnose } from './diagnose.js';
export type {
  DiagnoseInput,
  DiagnoseOptions,
  Diagnosis,
  Dominant,
  Finding,
  FindingKind,
  Level,
} from './diagnose.js';
