// The streaming contract, torchmetrics-shaped: a metric declares its state (count tables, sufficient
// statistics, stored scores), `update` folds a batch into it, `compute` reads the result off it, and
// `merge` combines two states exactly. A functional metric is the same class used once, so there is
// a single implementation of every formula.
import { ValueError } from '@tensile/core';
import type { MetricInput } from '../inputs.js';

/** One piece of declared state. `merge` folds in a state of the same kind and configuration. */
export interface MetricState {
  reset(): void;
  merge(other: MetricState): void;
  /** Throws when `other` cannot be merged (checked for every state before any state changes). */
  assertMergeable?(op: string, other: MetricState): void;
}

/** Which prediction a metric consumes: class labels, scores/probabilities, or real values. */
export type InputKind = 'labels' | 'scores' | 'values';

/** The number of samples folded in so far (weights aside). */
class SampleCount implements MetricState {
  value = 0;
  reset(): void {
    this.value = 0;
  }
  merge(other: SampleCount): void {
    this.value += other.value;
  }
}

let functionalOp: string | undefined;

/**
 * Runs `body` with errors attributed to the functional name `op` (e.g. `accuracy`), so that
 * `accuracy(a, b)` reports `accuracy: …` while `new Accuracy().update(a, b)` reports
 * `Accuracy.update: …`.
 */
export function runFunctional<T>(op: string, body: () => T): T {
  const previous = functionalOp;
  functionalOp = op;
  try {
    return body();
  } finally {
    functionalOp = previous;
  }
}

/** Base of every streaming metric. */
export abstract class Metric<TResult = unknown> {
  /** The class name, e.g. `'Precision'`. */
  readonly name: string;
  /** Which prediction `update` expects as `yPred` (used by `MetricCollection`). */
  abstract readonly input: InputKind;
  private readonly functional: string | undefined;
  private readonly states = new Map<string, MetricState>();
  private readonly count = new SampleCount();
  private config = '';

  protected constructor(name: string) {
    this.name = name;
    this.functional = functionalOp;
    this.states.set('numSamples', this.count);
  }

  /** Folds a batch into the state; returns `this` so calls chain. */
  abstract update(yTrue: MetricInput, yPred: MetricInput, sampleWeight?: MetricInput): this;

  /** The metric over every sample folded in since construction or the last `reset`. */
  abstract compute(): TResult;

  /** How many samples have been folded in. */
  get numSamples(): number {
    return this.count.value;
  }

  /** Clears the state (an explicit `labels` list is configuration and stays). */
  reset(): this {
    for (const state of this.states.values()) state.reset();
    return this;
  }

  /**
   * Folds another instance's state into this one, as if its batches had been passed to `update`
   * here. The other metric must be of the same class with the same options; it is left unchanged.
   */
  merge(other: Metric<TResult>): this {
    const op = this.op('merge');
    if (!(other instanceof Metric) || other.constructor !== this.constructor) {
      const got = other instanceof Metric ? other.toString() : typeof other;
      throw new ValueError(op, `can only merge another ${this.name}, got ${got}`);
    }
    if (other === this) throw new ValueError(op, 'cannot merge a metric into itself');
    if (other.config !== this.config) {
      throw new ValueError(op, `options differ: ${this.toString()} vs ${other.toString()}`);
    }
    for (const [key, state] of this.states) {
      state.assertMergeable?.(op, other.states.get(key) as MetricState);
    }
    for (const [key, state] of this.states) state.merge(other.states.get(key) as MetricState);
    return this;
  }

  /** E.g. `Precision({"average":"macro","zeroDivision":0})`. */
  toString(): string {
    return `${this.name}(${this.config})`;
  }

  /** Records the validated options: two metrics merge only when these are equal. */
  protected configure(options: Record<string, unknown>): void {
    this.config = JSON.stringify(options, (_key, value: unknown) =>
      typeof value === 'number' && Number.isNaN(value) ? 'NaN' : value,
    );
  }

  /** Declares a piece of state, reset and merged with the metric. */
  protected addState<S extends MetricState>(key: string, state: S): S {
    this.states.set(key, state);
    return state;
  }

  protected addSamples(n: number): void {
    this.count.value += n;
  }

  /** The name errors carry: the functional name when called through one, else `Class.stage`. */
  protected op(stage: 'update' | 'compute' | 'merge' | 'options'): string {
    if (this.functional !== undefined) return this.functional;
    return stage === 'options' ? this.name : `${this.name}.${stage}`;
  }

  /** Throws the same error in every metric when `compute` runs on an empty state. */
  protected assertNotEmpty(): void {
    if (this.count.value === 0) {
      throw new ValueError(
        this.op('compute'),
        this.functional === undefined
          ? 'no samples: call update() with at least one sample before compute()'
          : 'no samples: yTrue is empty',
      );
    }
  }
}
