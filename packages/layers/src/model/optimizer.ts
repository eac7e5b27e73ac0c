// The model's optimizer: @tensile/optimizers' stateful wrapper `optimizer(t, variables)` over the
// trainable variables, keyed by weight path (`dense/kernel`) so its state dict is portable between
// a model and the one loaded from its save. The learning rate is changed through the wrapper
// (`setLearningRate`); the transformation with its current hyper-parameters is tracked alongside,
// because that is what a saved model stores (name + hyper-parameters + schedule).
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type {
  GradientTransformation,
  LearningRate,
  Optimizer,
  OptimizerConfig,
  OptimizerStateDict,
} from '@tensile/optimizers';
import { getOptimizer, hasHyperparams, listOptimizers, optimizer } from '@tensile/optimizers';
import { scheduleFromConfig } from '@tensile/schedulers';

export type { GradientTransformation, LearningRate, OptimizerConfig };

export function isGradientTransformation(value: unknown): value is GradientTransformation<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as GradientTransformation<unknown>).init === 'function' &&
    typeof (value as GradientTransformation<unknown>).update === 'function'
  );
}

const isScheduleConfig = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  'params' in value &&
  'name' in value;

/** Rebuilds an optimizer from `{name, hyperparams}`; schedule configs become schedules again. */
export function optimizerFromConfig(config: OptimizerConfig): GradientTransformation<unknown> {
  const hyperparams: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config.hyperparams ?? {})) {
    hyperparams[key] = isScheduleConfig(value) ? scheduleFromConfig(value) : value;
  }
  return getOptimizer(config.name)(hyperparams);
}

/** Resolves `compile`'s optimizer: a transformation, or a registered name with its defaults. */
export function resolveOptimizer(spec: unknown): GradientTransformation<unknown> {
  if (typeof spec === 'string') return getOptimizer(spec)({});
  if (isGradientTransformation(spec)) return spec;
  throw tl.invalidArgument(
    'compile',
    'optimizer',
    `a gradient transformation from @tensile/optimizers (e.g. adam({lr: 1e-3})) or one of ${listOptimizers().join(', ')}`,
    spec,
  );
}

interface Serializable {
  toJSON(): OptimizerConfig;
}

export class TrainingOptimizer {
  private readonly wrapper: Optimizer;
  private current: GradientTransformation<unknown>;
  readonly names: readonly string[];

  constructor(
    transformation: GradientTransformation<unknown>,
    private readonly variables: Readonly<Record<string, Variable>>,
  ) {
    this.wrapper = optimizer(transformation, { ...variables });
    this.current = transformation;
    this.names = Object.keys(variables);
  }

  /** The transformation with its current hyper-parameters (learning-rate changes included). */
  get transformation(): GradientTransformation<unknown> {
    return this.current;
  }

  get name(): string {
    return this.current.name ?? 'transformation';
  }

  /** Updates applied so far. */
  get iterations(): number {
    return this.wrapper.iterations;
  }

  /** One update of every trainable variable; a missing gradient counts as zeros. */
  step(grads: Readonly<Record<string, Tensor>>): void {
    tl.tidy(() => {
      const full: Record<string, Tensor> = {};
      for (const name of this.names) full[name] = grads[name] ?? tl.zerosLike(this.variables[name]);
      this.wrapper.step(full);
    });
  }

  /** The learning-rate hyper-parameter (a number or a schedule), if the optimizer has one. */
  get lr(): LearningRate | undefined {
    if (!hasHyperparams(this.current)) return undefined;
    const lr = this.current.hyperparams.lr;
    return typeof lr === 'number' || typeof lr === 'function' ? (lr as LearningRate) : undefined;
  }

  /** The learning rate the next update uses. */
  get currentLearningRate(): number | undefined {
    if (this.lr === undefined) return undefined;
    return this.wrapper.lr;
  }

  /** Sets the learning rate (a number or a schedule) between steps; the state carries over. */
  setLearningRate(lr: LearningRate): void {
    this.wrapper.setLearningRate(lr);
    if (hasHyperparams(this.current)) this.current = this.current.withHyperparams({ lr });
  }

  /** `{name, hyperparams}` for model.json, or a clear error when it cannot be restored by name. */
  config(op: string): OptimizerConfig {
    const s = this.current as Partial<Serializable>;
    if (typeof s.toJSON !== 'function' || !listOptimizers().includes(this.name)) {
      throw new tl.ValueError(
        op,
        `the optimizer '${this.name}' cannot be saved: only optimizers registered with @tensile/optimizers (registerOptimizer) can be restored by name; save with {includeOptimizer: false}`,
      );
    }
    const config = s.toJSON();
    for (const [key, value] of Object.entries(config.hyperparams)) {
      if (
        value === null &&
        hasHyperparams(this.current) &&
        typeof this.current.hyperparams[key] === 'function'
      ) {
        throw new tl.ValueError(
          op,
          `the optimizer's '${key}' is a plain function, which cannot be saved: use a @tensile/schedulers schedule, or save with {includeOptimizer: false}`,
        );
      }
    }
    return config;
  }

  stateDict(): OptimizerStateDict {
    return this.wrapper.stateDict();
  }

  /** Restores a state dict (names, slots and shapes are checked by the wrapper). */
  loadStateDict(dict: OptimizerStateDict): void {
    this.wrapper.loadStateDict(dict);
  }

  dispose(): void {
    this.wrapper.dispose();
  }
}
