// `tensile train mnist`: builds the recipe from the defaults of the chosen model/regularization and
// the flags, trains with a live display and early stopping on the validation split, scores train,
// validation and test, diagnoses bias and variance against human-level error, saves the model
// with its run record, and writes the HTML report when asked.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import * as tl from '@tensile/core';
import type { Diagnosis } from '@tensile/metrics';
import { diagnose } from '@tensile/metrics';
import { commandName, parseCommandArgs } from '../args.js';
import { selectBackend, setThreads, threadCount } from '../backends.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { printJson, resolvePath } from '../context.js';
import { EXIT_OK } from '../errors.js';
import { Progress, formatDuration, percent, progressMode } from '../progress.js';
import { buildMnistModel, describeModel, describeOptimization } from '../recipes/mnist.js';
import { renderReport } from '../report/html.js';
import type { RunRecord } from '../run-record.js';
import { MNIST_PREPROCESSING, RUN_FORMAT, writeRunRecord } from '../run-record.js';
import { mnistAugmenter } from '../training/augment.js';
import { trainLoop } from '../training/loop.js';
import { disposeSplits, loadMnistSplits } from '../training/mnist-data.js';
import { confusion, predictClasses, score } from '../training/scores.js';
import { version } from '../version.js';
import { recipeFromFlags, trainSpec } from './train-flags.js';

/** Human-level error on MNIST, the Bayes-error proxy of the diagnosis (~0.2%). */
export const MNIST_HUMAN_ERROR = 0.002;

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
  const command = commandName(trainSpec);
  const { flags } = parseCommandArgs(trainSpec, argv);
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

export const train: Command = { spec: trainSpec, run };
