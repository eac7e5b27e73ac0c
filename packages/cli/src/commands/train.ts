// `tensile train mnist`: builds the recipe from the defaults of the chosen model/regularization and
// the flags, trains with a live display and early stopping on the validation split, scores train,
// validation and test, diagnoses bias and variance against human-level error, saves the model
// with its run record, and writes the HTML report when asked.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import * as tl from '@tensile/core';
import type { Diagnosis } from '@tensile/metrics';
import { diagnose } from '@tensile/metrics';
import type { FlagValues } from '../args.js';
import { commandName, defineCommand, parseCommandArgs } from '../args.js';
import { BACKEND_NAMES, selectBackend, setThreads, threadCount } from '../backends.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { printJson, resolvePath } from '../context.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { version } from '../version.js';
import { Progress, formatDuration, percent, progressMode } from '../progress.js';
import type { MnistRecipe } from '../recipes/mnist.js';
import {
  AUGMENTATIONS,
  MODEL_KINDS,
  MOMENTUM_OPTIMIZERS,
  MONITORS,
  OPTIMIZERS,
  REGULARIZATIONS,
  SCHEDULES,
  buildMnistModel,
  describeModel,
  describeOptimization,
  recipeDefaults,
} from '../recipes/mnist.js';
import { renderReport } from '../report/html.js';
import type { RunRecord } from '../run-record.js';
import { MNIST_PREPROCESSING, RUN_FORMAT, writeRunRecord } from '../run-record.js';
import { mnistAugmenter } from '../training/augment.js';
import { trainLoop } from '../training/loop.js';
import { disposeSplits, loadMnistSplits } from '../training/mnist-data.js';
import { confusion, predictClasses, score } from '../training/scores.js';

/** Human-level error on MNIST, the Bayes-error proxy of the diagnosis (issue 8: ~0.2%). */
export const MNIST_HUMAN_ERROR = 0.002;

const spec = defineCommand({
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
      defaultText: '0.3',
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
      defaultText: 'cosine (mlp), constant (logistic)',
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

type TrainFlags = FlagValues<typeof spec.flags>;

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

function timestamp(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-` +
    `${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`
  );
}

function printDiagnosis(ctx: CliContext, d: Diagnosis): void {
  const level = (high: boolean): string => (high ? 'high' : 'low');
  const points = (x: number): string => `${(x * 100).toFixed(2)} points`;
  const lines = [
    `Diagnosis (human-level error ${percent(MNIST_HUMAN_ERROR, 1)}, threshold ${points(d.threshold)}):`,
    `  avoidable bias  ${points(d.avoidableBias).padEnd(12)} ${level(d.highBias)}`,
    `  variance        ${points(d.variance).padEnd(12)} ${level(d.highVariance)}`,
    ...(d.devTestGap === undefined ? [] : [`  dev-test gap    ${points(d.devTestGap)}`]),
    `  ${d.findings.length > 0 ? headline(d) : ''}`,
    ...d.recommendations.slice(0, 4).map((r) => `  - ${r}`),
  ];
  ctx.stdout.write(`${lines.join('\n')}\n`);
}

/** The diagnosis summary's first sentence (its headline). */
export function headline(d: Diagnosis): string {
  const end = d.summary.indexOf('. ');
  return end < 0 ? d.summary : d.summary.slice(0, end + 1);
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const started = Date.now();
  const command = commandName(spec);
  const { flags } = parseCommandArgs(spec, argv);
  const recipe = recipeFromFlags(command, flags);
  const json = flags.json;
  const say = (text: string): void => {
    if (!json) ctx.stdout.write(`${text}\n`);
  };
  const backend = await selectBackend(command, flags.backend);
  for (const note of backend.notes) ctx.stderr.write(`note: ${note}\n`);
  if (flags.threads !== undefined) await setThreads(command, backend.name, flags.threads);
  const threads = threadCount(backend.name);
  const backendText =
    backend.name === 'wasm' ? `wasm (${threads} thread${threads > 1 ? 's' : ''})` : backend.name;

  const outDir = resolvePath(
    ctx,
    flags.out ?? join('tensile-runs', `mnist-${timestamp(new Date())}`),
  );
  const reportPath = flags.report === undefined ? undefined : resolvePath(ctx, flags.report);

  const splits = await loadMnistSplits({
    limit: flags.limit,
    limitTest: flags['limit-test'],
    validationSplit: recipe.validationSplit,
    seed: recipe.seed,
  });
  try {
    const sizes = {
      train: splits.train.x.shape[0],
      validation: splits.validation.x.shape[0],
      test: splits.test.x.shape[0],
    };
    tl.setSeed(recipe.seed);
    const model = buildMnistModel(recipe);
    try {
      const parameters = model.countParams();
      say(
        `MNIST: ${sizes.train} training, ${sizes.validation} validation, ${sizes.test} test images · backend ${backendText} · seed ${recipe.seed}`,
      );
      say(`Model: ${describeModel(recipe)} · ${parameters.toLocaleString('en-US')} parameters`);
      say(`Training: ${describeOptimization(recipe)}`);
      const progress = new Progress(
        ctx.stderr,
        progressMode(ctx.stderr, flags.quiet || json),
        recipe.epochs,
      );
      const loop = await trainLoop(
        model,
        recipe,
        splits,
        progress,
        mnistAugmenter(recipe.augment, recipe.seed),
      );

      const trainScores = await score(model, splits.train);
      const validationScores = await score(model, splits.validation);
      const testScores = await score(model, splits.test);
      const predictions = predictClasses(model, splits.test.x);
      const matrix = confusion(splits.test.y, predictions.classes, predictions.classCount);
      const diagnosis = diagnose({
        humanError: MNIST_HUMAN_ERROR,
        trainError: trainScores.error,
        devError: validationScores.error,
        testError: testScores.error,
      });

      await model.save(outDir);
      const seconds = (Date.now() - started) / 1000;
      const record: RunRecord = {
        format: RUN_FORMAT,
        formatVersion: 1,
        createdAt: new Date().toISOString(),
        tensileVersion: version(),
        command: ['tensile', 'train', ...argv].join(' '),
        dataset: 'mnist',
        examples: sizes,
        preprocessing: MNIST_PREPROCESSING,
        recipe,
        backend: backend.name,
        threads,
        parameters,
        results: {
          trainError: trainScores.error,
          validationError: validationScores.error,
          testError: testScores.error,
          testAccuracy: testScores.accuracy,
          testLoss: testScores.loss,
          bestEpoch: loop.bestEpoch,
          epochs: loop.history.length,
          stoppedEarly: loop.stoppedEarly,
          seconds,
          trainSeconds: loop.seconds,
        },
        history: loop.history,
        confusionMatrix: matrix,
        diagnosis: {
          summary: diagnosis.summary,
          humanError: MNIST_HUMAN_ERROR,
          avoidableBias: diagnosis.avoidableBias,
          variance: diagnosis.variance,
        },
      };
      await writeRunRecord(outDir, record);
      if (reportPath !== undefined) {
        await mkdir(dirname(reportPath), { recursive: true });
        await writeFile(reportPath, renderReport(record, diagnosis));
      }

      if (json) {
        printJson(ctx, {
          testError: testScores.error,
          testAccuracy: testScores.accuracy,
          epochs: loop.history.length,
          seconds,
          backend: backend.name,
          modelDir: outDir,
          threads,
          trainError: trainScores.error,
          validationError: validationScores.error,
          testLoss: testScores.loss,
          bestEpoch: loop.bestEpoch,
          trainSeconds: loop.seconds,
          seed: recipe.seed,
          diagnosis: diagnosis.dominant,
          report: reportPath ?? null,
        });
        return EXIT_OK;
      }
      const show = (path: string): string => {
        const rel = relative(ctx.cwd, path);
        return rel.startsWith('..') ? path : rel;
      };
      say('');
      say(`Results (weights of epoch ${loop.bestEpoch} of ${loop.history.length}):`);
      say(`  train error       ${percent(trainScores.error)}`);
      say(`  validation error  ${percent(validationScores.error)}`);
      say(
        `  test error        ${percent(testScores.error)}   (test accuracy ${percent(testScores.accuracy)}, loss ${testScores.loss.toFixed(4)})`,
      );
      say('');
      printDiagnosis(ctx, diagnosis);
      say('');
      say(`Model saved to ${show(outDir)} (model.json, weights.safetensors, run.json)`);
      if (reportPath !== undefined) say(`Report written to ${show(reportPath)}`);
      say(
        `Wall time ${formatDuration(seconds * 1000)} (training ${formatDuration(loop.seconds * 1000)}) on ${backendText}`,
      );
      return EXIT_OK;
    } finally {
      model.dispose();
    }
  } finally {
    disposeSplits(splits);
  }
}

export const train: Command = { spec, run };
