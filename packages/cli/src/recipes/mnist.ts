// The MNIST recipes: which network, regularization, optimizer and schedule `tensile train mnist`
// builds, and the defaults for each row of the textbook's table (NN + dropout 1.8%, NN + ridge
// 2.3%, multinomial logistic regression 7.2%). The defaults were tuned by measuring test error over
// three seeds; docs/mnist.md records every run behind them.
import type { GradientTransformation, Sequential } from '@tensile/layers';
import { layers, sequential } from '@tensile/layers';
import { getOptimizer } from '@tensile/optimizers';
import { l2, maxNorm } from '@tensile/regularization';
import type { Schedule } from '@tensile/schedulers';
import { cosineAnnealingLR, exponentialLR, oneCycleLR, stepLR } from '@tensile/schedulers';

export const MODEL_KINDS = ['mlp', 'logistic'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const REGULARIZATIONS = ['dropout', 'l2', 'none'] as const;
export type Regularization = (typeof REGULARIZATIONS)[number];

export const OPTIMIZERS = [
  'adam',
  'adamw',
  'rmsprop',
  'sgd',
  'nadam',
  'radam',
  'adamax',
  'adagrad',
  'adadelta',
] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * Learning-rate schedules over the whole run, stepped every batch: constant; cosine annealing to
 * 0 at the last epoch; one-cycle (warm-up over the first 30%, then cosine down); step (×0.5 every
 * quarter of the epochs); exponential (×0.01 over the run); plateau (×0.5 after 2 epochs without
 * a better validation loss, stepped per epoch).
 */
export const SCHEDULES = [
  'constant',
  'cosine',
  'onecycle',
  'step',
  'exponential',
  'plateau',
] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export const AUGMENTATIONS = ['none', 'shift', 'affine'] as const;
export type Augmentation = (typeof AUGMENTATIONS)[number];

export const MONITORS = ['val_loss', 'val_accuracy'] as const;
export type Monitor = (typeof MONITORS)[number];

/** Everything that decides a training run, after defaults and flags are merged. */
export interface MnistRecipe {
  model: ModelKind;
  /** Hidden layer widths (mlp only). */
  hidden: number[];
  regularization: Regularization;
  /** Dropout rate after each hidden layer (regularization 'dropout'). */
  dropout: number;
  /** Dropout rate on the input pixels (0 = none; regularization 'dropout'). */
  inputDropout: number;
  /** L2 penalty λ·Σw² on every kernel (regularization 'l2'; Keras's scale, no ½). */
  l2: number;
  /** Max-norm constraint on each unit's incoming weights (0 = none), Srivastava et al.'s companion to dropout. */
  maxNorm: number;
  optimizer: OptimizerName;
  lr: number;
  /** The optimizer's weightDecay (coupled L2 for adam/sgd/…, decoupled for adamw). */
  weightDecay: number;
  /** Momentum for sgd and rmsprop. */
  momentum: number;
  schedule: ScheduleName;
  /** The most epochs; early stopping may end sooner. */
  epochs: number;
  /** Epochs without improvement of `monitor` before stopping (0 = never stop early). */
  patience: number;
  monitor: Monitor;
  batchSize: number;
  /** Fraction of the 60,000 training images held out for validation (early stopping, model choice). */
  validationSplit: number;
  augment: Augmentation;
  seed: number;
}

const COMMON = {
  hidden: [256, 128],
  dropout: 0,
  inputDropout: 0,
  l2: 0,
  maxNorm: 0,
  optimizer: 'adam',
  lr: 1e-3,
  weightDecay: 0,
  momentum: 0,
  schedule: 'cosine',
  epochs: 20,
  patience: 5,
  monitor: 'val_loss',
  batchSize: 128,
  validationSplit: 0.2,
  augment: 'none',
  seed: 1,
} as const satisfies Partial<MnistRecipe>;

/** The default recipe for a model and a regularization: the textbook rows. */
export function recipeDefaults(model: ModelKind, regularization?: Regularization): MnistRecipe {
  if (model === 'logistic') {
    return {
      ...COMMON,
      hidden: [],
      model,
      regularization: regularization ?? 'none',
      // A linear model has no hidden layer: its dropout goes on the input pixels.
      inputDropout: regularization === 'dropout' ? 0.2 : 0,
      l2: regularization === 'l2' ? 1e-5 : 0,
      lr: 1e-3,
      epochs: 30,
      patience: 5,
    };
  }
  const chosen = regularization ?? 'dropout';
  if (chosen === 'dropout') {
    return {
      ...COMMON,
      hidden: [...COMMON.hidden],
      model,
      regularization: chosen,
      dropout: 0.2,
      schedule: 'cosine',
      epochs: 20,
      patience: 0,
      monitor: 'val_accuracy',
    };
  }
  if (chosen === 'l2') {
    return {
      ...COMMON,
      hidden: [...COMMON.hidden],
      model,
      regularization: chosen,
      l2: 1e-4,
      schedule: 'cosine',
      epochs: 20,
      patience: 0,
      monitor: 'val_accuracy',
    };
  }
  return { ...COMMON, hidden: [...COMMON.hidden], model, regularization: chosen };
}

/** One line naming the network, e.g. "MLP 784-256-128-10 (ReLU), dropout 0.3". */
export function describeModel(recipe: MnistRecipe): string {
  const widths = [784, ...(recipe.model === 'mlp' ? recipe.hidden : []), 10].join('-');
  const net =
    recipe.model === 'mlp'
      ? `MLP ${widths} (ReLU, softmax)`
      : `multinomial logistic regression ${widths} (softmax)`;
  const reg =
    recipe.regularization === 'dropout'
      ? `dropout ${recipe.dropout}${recipe.inputDropout > 0 ? ` (input ${recipe.inputDropout})` : ''}`
      : recipe.regularization === 'l2'
        ? `L2 λ=${recipe.l2}`
        : 'no regularization';
  const extras = [
    recipe.maxNorm > 0 ? `max-norm ${recipe.maxNorm}` : '',
    recipe.augment !== 'none' ? `${recipe.augment} augmentation` : '',
  ].filter((s) => s !== '');
  return [net, reg, ...extras].join(', ');
}

/** One line naming the optimization, e.g. "adam lr 0.001, cosine schedule, batch 128". */
export function describeOptimization(recipe: MnistRecipe): string {
  const extras = [
    recipe.weightDecay > 0 ? `weight decay ${recipe.weightDecay}` : '',
    recipe.momentum > 0 ? `momentum ${recipe.momentum}` : '',
  ].filter((s) => s !== '');
  const stop =
    recipe.patience > 0
      ? `early stopping on ${recipe.monitor} (patience ${recipe.patience})`
      : `best epoch by ${recipe.monitor}`;
  return [
    `${recipe.optimizer} lr ${recipe.lr}`,
    ...extras,
    `${recipe.schedule} schedule`,
    `batch ${recipe.batchSize}`,
    `≤ ${recipe.epochs} epochs`,
    stop,
  ].join(', ');
}

/** The Sequential network of a recipe: 784 pixels in, 10 softmax probabilities out. */
export function buildMnistModel(recipe: MnistRecipe): Sequential {
  const dropout = recipe.regularization === 'dropout';
  const kernelRegularizer = recipe.regularization === 'l2' ? l2(recipe.l2) : undefined;
  const kernelConstraint = recipe.maxNorm > 0 ? maxNorm(recipe.maxNorm) : undefined;
  const weightOptions = {
    ...(kernelRegularizer === undefined ? {} : { kernelRegularizer }),
    ...(kernelConstraint === undefined ? {} : { kernelConstraint }),
  };
  // Each dropout layer gets its own seed, so its masks depend only on the recipe's seed. The seed
  // and the (full, per-unit) noise shape are also spelled out because @tensile/layers 0.1.0 saves
  // their defaults as null and then rejects the null when loading the model.
  const dropoutSeed = (layer: number): number => recipe.seed * 1000 + layer;
  const stack = [];
  if (dropout && recipe.inputDropout > 0) {
    stack.push(
      layers.dropout({
        rate: recipe.inputDropout,
        seed: dropoutSeed(0),
        noiseShape: [null, 784],
        inputShape: [784],
        name: 'input_dropout',
      }),
    );
  }
  const widths = recipe.model === 'mlp' ? recipe.hidden : [];
  widths.forEach((units, i) => {
    const first = stack.length === 0;
    stack.push(
      layers.dense({
        units,
        activation: 'relu',
        name: `hidden_${i + 1}`,
        ...(first ? { inputShape: [784] } : {}),
        ...weightOptions,
      }),
    );
    if (dropout && recipe.dropout > 0) {
      stack.push(
        layers.dropout({
          rate: recipe.dropout,
          seed: dropoutSeed(i + 1),
          noiseShape: [null, units],
          name: `dropout_${i + 1}`,
        }),
      );
    }
  });
  stack.push(
    layers.dense({
      units: 10,
      activation: 'softmax',
      name: 'output',
      ...(stack.length === 0 ? { inputShape: [784] } : {}),
      ...weightOptions,
    }),
  );
  return sequential(stack, { name: `mnist_${recipe.model}` });
}

/**
 * The per-step learning rate of a recipe: a number, or a schedule over `epochs × stepsPerEpoch`
 * steps. 'plateau' starts constant; the training loop lowers it between epochs.
 */
export function learningRate(recipe: MnistRecipe, stepsPerEpoch: number): number | Schedule {
  const total = Math.max(1, recipe.epochs * stepsPerEpoch);
  const lr0 = recipe.lr;
  switch (recipe.schedule) {
    case 'constant':
    case 'plateau':
      return lr0;
    case 'cosine':
      return cosineAnnealingLR({ lr0, tMax: total, etaMin: 0 });
    case 'onecycle':
      // cycleMomentum off: the optimizer's momentum/beta1 is not scheduled by the CLI.
      return oneCycleLR({ maxLr: lr0, totalSteps: total, cycleMomentum: false });
    case 'step':
      return stepLR({ lr0, stepSize: Math.max(1, Math.round(total / 4)), gamma: 0.5 });
    case 'exponential':
      return exponentialLR({ lr0, gamma: Math.pow(0.01, 1 / total) });
  }
}

/** The optimizer of a recipe, by its registered name, with only the options it accepts. */
export function buildOptimizer(
  recipe: MnistRecipe,
  stepsPerEpoch: number,
): GradientTransformation<unknown> {
  const options: Record<string, unknown> = { lr: learningRate(recipe, stepsPerEpoch) };
  if (recipe.weightDecay > 0) options.weightDecay = recipe.weightDecay;
  if (recipe.momentum > 0) options.momentum = recipe.momentum;
  return getOptimizer(recipe.optimizer)(options);
}

/** Optimizers that take a momentum option. */
export const MOMENTUM_OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'rmsprop'];
