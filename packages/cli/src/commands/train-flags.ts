// The flags of `tensile train` and how they become a recipe: the defaults of the chosen model and
// regularization (the textbook rows), then every flag given on top. A flag the recipe would ignore
// (--l2 without --regularization l2, --momentum with Adam) is a usage error, not a silent no-op.
import type { FlagValues } from '../args.js';
import { defineCommand } from '../args.js';
import { BACKEND_NAMES } from '../backends.js';
import { UsageError } from '../errors.js';
import type { MnistRecipe } from '../recipes/mnist.js';
import {
  AUGMENTATIONS,
  MODEL_KINDS,
  MOMENTUM_OPTIMIZERS,
  MONITORS,
  OPTIMIZERS,
  REGULARIZATIONS,
  SCHEDULES,
  recipeDefaults,
} from '../recipes/mnist.js';

export const trainSpec = defineCommand({
  name: 'train',
  summary:
    'train a model on MNIST with early stopping; save it, diagnose bias/variance, write a report',
  description:
    'Trains a network on MNIST: the 60,000 training images are split into training and validation ' +
    '(20% by default, seeded), the validation split drives early stopping and the choice of the best ' +
    'epoch, and the 10,000 test images are scored once at the end. Prints the test error and a ' +
    'bias/variance diagnosis against human-level error (0.2%), saves the model (model.json, ' +
    'weights.safetensors, run.json) and, with --report, an HTML report with the learning curves and ' +
    'the confusion matrix.\n\n' +
    'The defaults are the textbook rows: --regularization dropout (the default) and l2 train the MLP ' +
    '784-256-128-10; --model logistic is multinomial logistic regression. Every default can be ' +
    'overridden; docs/mnist.md lists the measured recipes.',
  positionals: [{ name: 'dataset', description: 'the data set', choices: ['mnist'] }],
  flags: {
    backend: {
      kind: 'choice',
      choices: BACKEND_NAMES,
      description: 'compute backend',
      defaultText: 'the fastest available: wasm, else cpu',
    },
    threads: {
      kind: 'integer',
      min: 1,
      valueName: 'n',
      description: 'threads of the wasm backend, the calling one included',
      defaultText: 'one per core',
    },
    model: { kind: 'choice', choices: MODEL_KINDS, default: 'mlp', description: 'the network' },
    regularization: {
      kind: 'choice',
      choices: REGULARIZATIONS,
      description: 'the regularization of the recipe',
      defaultText: 'dropout for mlp, none for logistic',
    },
    hidden: {
      kind: 'integerList',
      min: 1,
      valueName: 'n,n,…',
      description: 'hidden layer widths of the mlp',
      defaultText: '256,128',
    },
    dropout: {
      kind: 'number',
      min: 0,
      max: 1,
      exclusiveMax: true,
      valueName: 'rate',
      description: 'dropout rate after each hidden layer (with --regularization dropout)',
      defaultText: '0.2',
    },
    'input-dropout': {
      kind: 'number',
      min: 0,
      max: 1,
      exclusiveMax: true,
      valueName: 'rate',
      description: 'dropout rate on the input pixels (with --regularization dropout)',
      defaultText: '0',
    },
    l2: {
      kind: 'number',
      min: 0,
      valueName: 'lambda',
      description: 'L2 penalty λ·Σw² on every kernel (with --regularization l2)',
      defaultText: '1e-4 (mlp), 1e-5 (logistic)',
    },
    'max-norm': {
      kind: 'number',
      min: 0,
      valueName: 'c',
      description: 'max-norm constraint on each unit’s incoming weights (0: none)',
      defaultText: '0',
    },
    optimizer: {
      kind: 'choice',
      choices: OPTIMIZERS,
      description: 'the optimizer (PyTorch semantics)',
      defaultText: 'adam',
    },
    lr: {
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      valueName: 'rate',
      description: 'learning rate (the peak rate of a schedule)',
      defaultText: '0.001',
    },
    'weight-decay': {
      kind: 'number',
      min: 0,
      valueName: 'w',
      description: "the optimizer's weightDecay (decoupled for adamw, coupled L2 otherwise)",
      defaultText: '0',
    },
    momentum: {
      kind: 'number',
      min: 0,
      max: 1,
      exclusiveMax: true,
      description: 'momentum (sgd and rmsprop)',
      defaultText: '0',
    },
    schedule: {
      kind: 'choice',
      choices: SCHEDULES,
      description:
        'learning-rate schedule over the run: cosine anneals to 0 at the last epoch, onecycle warms up then anneals, step halves every quarter, exponential falls 100× over the run, plateau halves after 2 epochs without a better val_loss',
      defaultText: 'cosine',
    },
    epochs: {
      kind: 'integer',
      min: 1,
      valueName: 'n',
      description: 'the most epochs (early stopping may end sooner)',
      defaultText: '20 (mlp), 30 (logistic)',
    },
    patience: {
      kind: 'integer',
      min: 0,
      valueName: 'n',
      description:
        'early stopping: epochs without improvement of --monitor before stopping; 0 never stops early (the best epoch is restored either way)',
      defaultText: '0 (mlp), 5 (logistic)',
    },
    monitor: {
      kind: 'choice',
      choices: MONITORS,
      description: 'validation metric for early stopping and the best epoch',
      defaultText: 'val_accuracy (mlp), val_loss (logistic)',
    },
    'batch-size': {
      kind: 'integer',
      min: 1,
      valueName: 'n',
      description: 'examples per gradient step',
      defaultText: '128',
    },
    'validation-split': {
      kind: 'number',
      min: 0,
      max: 1,
      exclusiveMin: true,
      exclusiveMax: true,
      valueName: 'fraction',
      description: 'fraction of the training images held out for validation',
      defaultText: '0.2',
    },
    augment: {
      kind: 'choice',
      choices: AUGMENTATIONS,
      description:
        'fresh augmentation of the training images every epoch: shift moves digits up to ±2 px; affine adds ±10° rotation and ±10% zoom',
      defaultText: 'none',
    },
    seed: {
      kind: 'integer',
      min: 0,
      valueName: 'n',
      description: 'seeds the split, the initialization, dropout, shuffling and augmentation',
      defaultText: '1',
    },
    limit: {
      kind: 'integer',
      min: 2,
      valueName: 'n',
      description: 'train on the first n training images only (before the validation split)',
    },
    'limit-test': {
      kind: 'integer',
      min: 1,
      valueName: 'n',
      description: 'score on the first n test images only',
    },
    out: {
      kind: 'string',
      valueName: 'dir',
      description: 'where to save the model (model.json, weights.safetensors, run.json)',
      defaultText: './tensile-runs/mnist-<date>-<time>',
    },
    report: {
      kind: 'string',
      valueName: 'file.html',
      description: 'write a standalone HTML report (learning curves, confusion matrix, diagnosis)',
    },
    quiet: { kind: 'boolean', description: 'no progress display' },
  },
  examples: [
    'tensile train mnist',
    'tensile train mnist --regularization l2 --report l2.html',
    'tensile train mnist --model logistic --epochs 30',
    'tensile train mnist --optimizer adamw --weight-decay 0.05 --schedule onecycle --augment shift --epochs 40',
    'tensile train mnist --limit 300 --limit-test 100 --epochs 1 --json',
  ],
});

export type TrainFlags = FlagValues<typeof trainSpec.flags>;

/** Fails when a flag was given that the chosen recipe does not use (it would be silently ignored). */
function checkApplicable(command: string, flags: TrainFlags, recipe: MnistRecipe): void {
  const onlyWith = (flag: string, given: unknown, ok: boolean, what: string): void => {
    if (given !== undefined && !ok) {
      throw new UsageError(command, `--${flag} applies only ${what}`);
    }
  };
  onlyWith('hidden', flags.hidden, recipe.model === 'mlp', 'to --model mlp');
  const dropout = recipe.regularization === 'dropout';
  onlyWith(
    'dropout',
    flags.dropout,
    dropout && recipe.model === 'mlp',
    'to the hidden layers of --model mlp with --regularization dropout (use --input-dropout for logistic)',
  );
  onlyWith('input-dropout', flags['input-dropout'], dropout, 'with --regularization dropout');
  onlyWith('l2', flags.l2, recipe.regularization === 'l2', 'with --regularization l2');
  onlyWith(
    'momentum',
    flags.momentum,
    MOMENTUM_OPTIMIZERS.includes(recipe.optimizer),
    `to --optimizer ${MOMENTUM_OPTIMIZERS.join(' or ')}`,
  );
}

/** The recipe: the defaults of model × regularization, then every flag given. */
export function recipeFromFlags(command: string, flags: TrainFlags): MnistRecipe {
  const recipe = recipeDefaults(flags.model, flags.regularization);
  const set = <K extends keyof MnistRecipe>(key: K, value: MnistRecipe[K] | undefined): void => {
    if (value !== undefined) recipe[key] = value;
  };
  set('hidden', flags.hidden);
  set('dropout', flags.dropout);
  set('inputDropout', flags['input-dropout']);
  set('l2', flags.l2);
  set('maxNorm', flags['max-norm']);
  set('optimizer', flags.optimizer);
  set('lr', flags.lr);
  set('weightDecay', flags['weight-decay']);
  set('momentum', flags.momentum);
  set('schedule', flags.schedule);
  set('epochs', flags.epochs);
  set('patience', flags.patience);
  set('monitor', flags.monitor);
  set('batchSize', flags['batch-size']);
  set('validationSplit', flags['validation-split']);
  set('augment', flags.augment);
  set('seed', flags.seed);
  checkApplicable(command, flags, recipe);
  return recipe;
}
