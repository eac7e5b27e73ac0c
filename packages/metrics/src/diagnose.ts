// Bias / variance diagnosis from error rates, following the method of Andrew Ng's "Structuring
// Machine Learning Projects" / "Machine Learning Yearning": human-level error stands in for the
// Bayes error; avoidable bias = train − human, variance = dev − train (or train-dev − train, with
// data mismatch = dev − train-dev when a train-dev set is given), dev-test gap = test − dev.
// Whichever gap is largest is worked on first.
import { ValueError, invalidArgument } from '@tensile/core';

export interface DiagnoseInput {
  /** Human-level error, the proxy for the Bayes error; absent → 0 (a perfect score is possible). */
  humanError?: number;
  trainError: number;
  /** Error on held-out data from the training distribution, to separate variance from data mismatch. */
  trainDevError?: number;
  devError: number;
  testError?: number;
}

export interface DiagnoseOptions {
  /** A gap above this (a fraction; default 0.01 = one percentage point) is a problem. */
  threshold?: number;
}

export type FindingKind = 'avoidableBias' | 'variance' | 'dataMismatch' | 'devTestGap';
export type Level = 'low' | 'high';

/** What to work on first: the largest gap above the threshold ('both' = bias and variance alike). */
export type Dominant = 'bias' | 'variance' | 'both' | 'dataMismatch' | 'none';

export interface Finding {
  kind: FindingKind;
  /** The gap, as a fraction. */
  value: number;
  level: Level;
  /** One sentence stating the gap and what it means. */
  description: string;
  /** What reduces this gap (relevant when `level` is 'high'). */
  actions: readonly string[];
}

export interface Diagnosis {
  /** The Bayes-error proxy used: `humanError`, or 0 when it was not given. */
  bayesErrorProxy: number;
  avoidableBias: number;
  variance: number;
  dataMismatch?: number;
  devTestGap?: number;
  highBias: boolean;
  highVariance: boolean;
  dominant: Dominant;
  findings: Finding[];
  /** The actions for every high gap, the dominant problem's first. */
  recommendations: string[];
  /** The diagnosis as readable sentences. */
  summary: string;
  /** The threshold applied. */
  threshold: number;
}

/** The remedies of each gap. */
export const RECOMMENDED_ACTIONS: Readonly<Record<FindingKind, readonly string[]>> = {
  avoidableBias: [
    'train a bigger network (more layers or more hidden units)',
    'train longer',
    'use a better optimizer (momentum, RMSprop, Adam) or tune the learning rate',
    'run an architecture search (or hyper-parameter search) for a better-suited model',
    'reduce regularization if it is strong',
  ],
  variance: [
    'get more data (more training examples, or data augmentation)',
    'add regularization (L2, dropout, early stopping)',
    'try a different architecture (or hyper-parameter search)',
  ],
  dataMismatch: [
    'do error analysis to find how the training data differ from the dev/test data',
    'make the training data more like the dev/test data (collect similar data, artificial data synthesis)',
  ],
  devTestGap: [
    'get a bigger dev set (the model has overfitted the dev set through repeated choices on it)',
  ],
};

const DEV_TEST_SHIFT_ACTIONS: readonly string[] = [
  'check that dev and test sets come from the same distribution (dev error is well above test error)',
];

/** Two gaps within this ratio of each other are 'both'. */
const BOTH_RATIO = 0.5;
/** Keeps rounding in e.g. 0.16 − 0.15 = 0.010000000000000009 from crossing the threshold. */
const ROUNDING = 1e-9;

const pct = (x: number): string => `${+(x * 100).toFixed(2)}%`;
const points = (x: number): string => {
  const p = +(Math.abs(x) * 100).toFixed(2);
  return `${p} point${p === 1 ? '' : 's'}`;
};

function checkFraction(name: string, value: number | undefined, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    const hint =
      typeof value === 'number' && value > 1 && value <= 100
        ? ' (it looks like a percentage: pass 0.11 for 11%)'
        : '';
    throw new ValueError(
      'diagnose',
      `${name} must be an error rate as a fraction in [0, 1] (0.01 = 1%), got ${String(value)}${hint}`,
    );
  }
}

/**
 * Diagnoses avoidable bias, variance, data mismatch and dev-test overfitting from error rates
 * given as fractions, and recommends what to do. A gap is 'high' when it exceeds `threshold`
 * (default one percentage point). When bias and variance are both high and the smaller is at least
 * half the larger, `dominant` is 'both'; otherwise the largest high gap dominates.
 */
export function diagnose(input: DiagnoseInput, options: DiagnoseOptions = {}): Diagnosis {
  if (typeof input !== 'object' || input === null) {
    throw invalidArgument('diagnose', 'input', 'an object { trainError, devError, … }', input);
  }
  const { humanError, trainError, trainDevError, devError, testError } = input;
  checkFraction('humanError', humanError, false);
  checkFraction('trainError', trainError, true);
  checkFraction('trainDevError', trainDevError, false);
  checkFraction('devError', devError, true);
  checkFraction('testError', testError, false);
  const threshold = options.threshold ?? 0.01;
  if (!(Number.isFinite(threshold) && threshold >= 0 && threshold < 1)) {
    throw invalidArgument('diagnose', 'threshold', 'a fraction in [0, 1)', threshold);
  }
  const high = (gap: number): boolean => gap > threshold + ROUNDING;
  const level = (gap: number): Level => (high(gap) ? 'high' : 'low');

  const bayes = humanError ?? 0;
  const bayesName =
    humanError === undefined ? 'the assumed Bayes error 0%' : `human-level error ${pct(bayes)}`;
  const avoidableBias = trainError - bayes;
  const heldOut = trainDevError ?? devError;
  const heldOutName = trainDevError === undefined ? 'dev' : 'train-dev';
  const variance = heldOut - trainError;
  const findings: Finding[] = [];

  findings.push({
    kind: 'avoidableBias',
    value: avoidableBias,
    level: level(avoidableBias),
    description:
      avoidableBias < 0
        ? `Training error ${pct(trainError)} is below ${bayesName}: the Bayes error is lower than that proxy, and further progress is harder to judge.`
        : `Avoidable bias is ${points(avoidableBias)}: training error ${pct(trainError)} vs ${bayesName}.`,
    actions: RECOMMENDED_ACTIONS.avoidableBias,
  });
  findings.push({
    kind: 'variance',
    value: variance,
    level: level(variance),
    description: `Variance is ${points(variance)}: ${heldOutName} error ${pct(heldOut)} vs training error ${pct(trainError)}.`,
    actions: RECOMMENDED_ACTIONS.variance,
  });
  let dataMismatch: number | undefined;
  if (trainDevError !== undefined) {
    dataMismatch = devError - trainDevError;
    findings.push({
      kind: 'dataMismatch',
      value: dataMismatch,
      level: level(dataMismatch),
      description: `Data mismatch is ${points(dataMismatch)}: dev error ${pct(devError)} vs train-dev error ${pct(trainDevError)}.`,
      actions: RECOMMENDED_ACTIONS.dataMismatch,
    });
  }
  let devTestGap: number | undefined;
  if (testError !== undefined) {
    devTestGap = testError - devError;
    const shifted = high(-devTestGap);
    findings.push({
      kind: 'devTestGap',
      value: devTestGap,
      level: high(devTestGap) || shifted ? 'high' : 'low',
      description: `The dev-test gap is ${devTestGap < 0 ? '−' : ''}${points(devTestGap)}: test error ${pct(testError)} vs dev error ${pct(devError)}.`,
      actions: shifted ? DEV_TEST_SHIFT_ACTIONS : RECOMMENDED_ACTIONS.devTestGap,
    });
  }

  // The model's problems, largest first (the dev-test gap is about the evaluation, not the model).
  const problems = findings
    .filter((f) => f.kind !== 'devTestGap' && f.level === 'high')
    .sort((a, b) => b.value - a.value);
  const highBias = high(avoidableBias);
  const highVariance = high(variance);
  let dominant: Dominant = 'none';
  if (problems.length > 0) {
    const top = problems[0].kind;
    const [larger, smaller] =
      avoidableBias >= variance ? [avoidableBias, variance] : [variance, avoidableBias];
    if (highBias && highVariance && top !== 'dataMismatch' && smaller >= BOTH_RATIO * larger) {
      dominant = 'both';
    } else {
      dominant =
        top === 'avoidableBias' ? 'bias' : top === 'variance' ? 'variance' : 'dataMismatch';
    }
  }
  const ordered = [
    ...problems,
    ...findings.filter((f) => f.kind === 'devTestGap' && f.level === 'high'),
  ];
  const recommendations = [...new Set(ordered.flatMap((f) => f.actions))];

  return {
    bayesErrorProxy: bayes,
    avoidableBias,
    variance,
    ...(dataMismatch === undefined ? {} : { dataMismatch }),
    ...(devTestGap === undefined ? {} : { devTestGap }),
    highBias,
    highVariance,
    dominant,
    findings,
    recommendations,
    summary: summarize(dominant, findings, ordered, highBias, highVariance),
    threshold,
  };
}

const HEADLINES: Record<Dominant, string> = {
  bias: 'High avoidable bias: the model underfits the training data.',
  variance: 'High variance: the model overfits the training data.',
  both: 'High bias and high variance: the model underfits the training data and generalizes poorly beyond it.',
  dataMismatch: 'Data mismatch: the dev/test data differ from the training data.',
  none: 'Low bias and low variance: the model fits the training data and generalizes to the dev set.',
};

function summarize(
  dominant: Dominant,
  findings: Finding[],
  ordered: Finding[],
  highBias: boolean,
  highVariance: boolean,
): string {
  const parts = [HEADLINES[dominant]];
  if (dominant === 'bias' && highVariance)
    parts.push('Variance is high too, but smaller: address it next.');
  if (dominant === 'variance' && highBias)
    parts.push('Avoidable bias is high too, but smaller: address it next.');
  parts.push(...findings.map((f) => f.description));
  if (ordered.length === 0) {
    parts.push('No action needed on bias or variance.');
  } else {
    for (const f of ordered) {
      const what =
        f.kind === 'avoidableBias'
          ? 'To reduce bias'
          : f.kind === 'variance'
            ? 'To reduce variance'
            : f.kind === 'dataMismatch'
              ? 'To reduce data mismatch'
              : 'For the dev-test gap';
      parts.push(`${what}: ${f.actions.join('; ')}.`);
    }
  }
  return parts.join(' ');
}
