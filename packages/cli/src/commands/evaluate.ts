// `tensile evaluate DIR`: scores a saved MNIST model on the test set (or its first n images) with
// @tensile/metrics: error, accuracy, log loss, the confusion matrix and per-class precision and
// recall. It predicts and scores itself rather than through the model's compiled loss, so a model
// saved by any code (one-hot or sparse labels, compiled or not) is scored the same way.
import * as tl from '@tensile/core';
import { accuracy, logLoss } from '@tensile/metrics';
import { commandName, defineCommand, parseCommandArgs } from '../args.js';
import { BACKEND_NAMES, selectBackend } from '../backends.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { printJson } from '../context.js';
import { EXIT_OK } from '../errors.js';
import { openModelDir } from '../model-dir.js';
import { percent } from '../progress.js';
import { perClass } from '../report/html.js';
import { readMnist } from '../training/mnist-data.js';
import { EVAL_BATCH, confusion } from '../training/scores.js';

const spec = defineCommand({
  name: 'evaluate',
  summary: 'score a saved model on the MNIST test set: error, log loss, confusion matrix',
  description:
    'Loads the model saved in <model-dir> (model.json + weights.safetensors, as written by ' +
    '`tensile train`) and scores it on the 10,000 MNIST test images: test error and accuracy, log ' +
    'loss, the confusion matrix (rows: true digit, columns: predicted) and per-class precision and ' +
    'recall.',
  positionals: [
    { name: 'model-dir', description: 'directory holding model.json and weights.safetensors' },
  ],
  flags: {
    backend: {
      kind: 'choice',
      choices: BACKEND_NAMES,
      description: 'compute backend',
      defaultText: 'the fastest available: wasm, else cpu',
    },
    'limit-test': {
      kind: 'integer',
      min: 1,
      valueName: 'n',
      description: 'score on the first n test images only',
    },
  },
  examples: [
    'tensile evaluate tensile-runs/mnist-20250101-120000',
    'tensile evaluate my-model --json',
  ],
});

/** The confusion matrix as an aligned text table. */
export function formatConfusion(matrix: readonly (readonly number[])[]): string {
  const width = Math.max(4, ...matrix.flat().map((v) => String(v).length + 1));
  const header = `${'true\\pred'.padEnd(10)}${matrix.map((_, j) => String(j).padStart(width)).join('')}`;
  const rows = matrix.map(
    (row, i) => `${String(i).padEnd(10)}${row.map((v) => String(v).padStart(width)).join('')}`,
  );
  return [header, ...rows].join('\n');
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const command = commandName(spec);
  const { flags, positionals } = parseCommandArgs(spec, argv);
  const backend = await selectBackend(command, flags.backend);
  for (const note of backend.notes) ctx.stderr.write(`note: ${note}\n`);
  const { dir, model, record } = await openModelDir(ctx, positionals[0]);
  try {
    const data = await readMnist(1, flags['limit-test']);
    tl.dispose([data.train.images, data.train.labels]);
    const { images, labels } = data.test;
    try {
      const probs = model.predict(images, { batchSize: EVAL_BATCH });
      const argMax = tl.argMax(probs, -1);
      const predicted = Int32Array.from(argMax.dataSync());
      const truth = Int32Array.from(labels.dataSync());
      const digits = Array.from({ length: 10 }, (_, i) => i);
      const loss = logLoss(truth, probs, { labels: digits });
      tl.dispose([probs, argMax]);
      const testAccuracy = accuracy(truth, predicted);
      const matrix = confusion(labels, predicted, 10);
      const classes = perClass(matrix);
      const n = truth.length;
      if (flags.json) {
        printJson(ctx, {
          testError: 1 - testAccuracy,
          testAccuracy,
          testLoss: loss,
          examples: n,
          backend: backend.name,
          modelDir: dir,
          confusionMatrix: matrix,
          perClass: classes,
        });
        return EXIT_OK;
      }
      const out = (text: string): void => void ctx.stdout.write(`${text}\n`);
      out(`Model: ${dir}${record === undefined ? '' : ` (trained by: ${record.command})`}`);
      out(`MNIST test set: ${n} images · backend ${backend.name}`);
      out('');
      out(`  test error     ${percent(1 - testAccuracy)}`);
      out(`  test accuracy  ${percent(testAccuracy)}`);
      out(`  log loss       ${loss.toFixed(4)}`);
      out('');
      out('Confusion matrix (rows: true digit, columns: predicted digit):');
      out(formatConfusion(matrix));
      out('');
      out('digit  precision  recall   images');
      classes.forEach((c, k) =>
        out(
          `${String(k).padEnd(7)}${percent(c.precision).padStart(9)}  ${percent(c.recall).padStart(7)}  ${String(c.support).padStart(7)}`,
        ),
      );
      return EXIT_OK;
    } finally {
      tl.dispose([images, labels]);
    }
  } finally {
    model.dispose();
  }
}

export const evaluate: Command = { spec, run };
